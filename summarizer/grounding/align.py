"""Quote → span alignment. The model copies quotes; this module finds them.

Three passes, stopping at the first that succeeds:

1. exact: the quote occurs character for character;
2. normalised: case, runs of whitespace, curly/straight quote marks, dashes and ellipses
   are folded on both sides, and the match is mapped back to original offsets;
3. fuzzy: the best partial alignment (rapidfuzz) above ``FUZZY_MIN_SCORE``, accepted only when
   the digits in the quote and the found passage are identical, so a changed number is never
   "close enough".

The span is always what code found: ``text[span.start:span.end]`` is the evidence quote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from summarizer.schema import MatchKind
from summarizer.text.marks import PLAIN_MARKS

FUZZY_MIN_SCORE = 92.0
# A fuzzy match shorter than this would match common phrases anywhere.
FUZZY_MIN_CHARS = 24

_DIGITS = re.compile(r"\d+")
_EDGE_JUNK = " \t\r\n\"'.,;:…\u2018\u2019\u201c\u201d"


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    match: MatchKind


class _Folded:
    """A case/space/punctuation-folded copy of a text with a map back to original offsets."""

    __slots__ = ("origin", "text")

    def __init__(self, source: str) -> None:
        out: list[str] = []
        origin: list[int] = []
        prev_space = True  # drops leading whitespace
        for i, ch in enumerate(source):
            folded = PLAIN_MARKS.get(ch, ch)
            if folded.isspace():
                if prev_space:
                    continue
                out.append(" ")
                origin.append(i)
                prev_space = True
                continue
            for piece in folded.lower() if len(folded.lower()) == len(folded) else folded:
                out.append(piece)
                origin.append(i)
            prev_space = False
        self.text = "".join(out)
        self.origin = origin

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        """Map a folded half-open range back to the source's half-open range."""
        return self.origin[start], self.origin[end - 1] + 1


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


class Aligner:
    """Finds quotes in one article. Build once per article; folding is done once."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._folded: _Folded | None = None

    @property
    def folded(self) -> _Folded:
        if self._folded is None:
            self._folded = _Folded(self.text)
        return self._folded

    def find(self, quote: str) -> Span | None:
        """The span of ``quote`` in the article, or None when it is not there."""
        stripped = quote.strip()
        if not stripped:
            return None
        at = self.text.find(stripped)
        if at >= 0:
            return Span(at, at + len(stripped), MatchKind.EXACT)
        # As given first, then without the quote marks and full stops models wrap quotes in.
        needle = ""
        for candidate in (stripped, stripped.strip(_EDGE_JUNK)):
            needle = _Folded(candidate).text.strip()
            at = self.folded.text.find(needle) if needle else -1
            if at >= 0:
                start, end = self.folded.to_source(at, at + len(needle))
                return Span(*_trim(self.text, start, end), MatchKind.NORMALISED)
        return self._fuzzy(needle) if needle else None

    def _fuzzy(self, needle: str) -> Span | None:
        if len(needle) < FUZZY_MIN_CHARS:
            return None
        folded = self.folded
        found = fuzz.partial_ratio_alignment(needle, folded.text, score_cutoff=FUZZY_MIN_SCORE)
        if found is None or found.dest_end <= found.dest_start:
            return None
        hit = folded.text[found.dest_start : found.dest_end]
        if _DIGITS.findall(hit) != _DIGITS.findall(needle):
            return None
        if abs(len(hit) - len(needle)) > 0.2 * len(needle):
            return None
        start, end = folded.to_source(found.dest_start, found.dest_end)
        start, end = _trim(self.text, start, end)
        if start >= end:
            return None
        return Span(start, end, MatchKind.FUZZY)


def within(words: str, quotes: list[str]) -> bool:
    """True when ``words`` (e.g. a quantity's "close to 3,000") stand in one of ``quotes``."""
    return any(Aligner(quote).find(words) is not None for quote in quotes)


def find_quote(text: str, quote: str) -> Span | None:
    """One-off convenience: the span of ``quote`` in ``text``, or None."""
    return Aligner(text).find(quote)
