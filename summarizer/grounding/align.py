"""Quote → span alignment. The model copies quotes; this module finds them, and only them.

Three passes, stopping at the first that succeeds:

1. exact: the quote occurs character for character;
2. normalised: what carries no meaning is folded on both sides — case, runs of whitespace,
   curly/straight quote marks, dashes, ellipses, compatibility forms (NFKC), letters of other
   scripts drawn like Latin ones (``text.marks.HOMOGLYPHS``) and invisible characters — and the
   match is mapped back to original offsets;
3. fuzzy: the quote's words, one for one, against a run of the article's words, where the only
   difference allowed is a typo *inside* a long ordinary word (one edit, same first and last
   letter, at most one such word in ten). Punctuation between words is not compared. A
   different word of any kind — a negation, a hedge, a number, a date word, a name, a
   content word, a word added or left out — is a different quote, and is not found.

Every pass returns a span that starts and ends on word boundaries, and a number matches only
as a whole token: "3" is not found in "3,000", nor "ussia" in "Russia".

The span is always what code found: ``text[span.start:span.end]`` is the evidence quote.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz.distance import OSA

from summarizer.schema import MatchKind
from summarizer.text.hedges import AFTER, BEFORE, RANGE_OPENER
from summarizer.text.marks import HOMOGLYPHS, INVISIBLE, PLAIN_MARKS
from summarizer.text.numbers import FRACTIONS, GROUPS, SCALES, SMALL
from summarizer.text.timewords import MONTH_NUMBERS, RELATIVE_DAYS, WEEKDAY_NUMBERS
from summarizer.text.words import NEGATIONS

# A quote shorter than this (in words) is never matched fuzzily.
FUZZY_MIN_WORDS = 6
# A word shorter than this is never taken for a typo of another.
TYPO_MIN_CHARS = 7
# At most one typo per this many words.
WORDS_PER_TYPO = 10

_WORD = re.compile(r"\w+")
_ASCII_MARKS = [mark for mark in PLAIN_MARKS if mark.isascii()]
_EDGE_JUNK = " \t\r\n\"'.,;:…\u2018\u2019\u201c\u201d"

# Words whose spelling is their meaning: never absorbed as a typo, whatever their length.
EXACT_WORDS = frozenset(
    {
        *SMALL,
        *SCALES,
        *GROUPS,
        *FRACTIONS,
        *MONTH_NUMBERS,
        *WEEKDAY_NUMBERS,
        *RELATIVE_DAYS,
        *NEGATIONS,
        RANGE_OPENER,
        *(
            word
            for table in (BEFORE, AFTER)
            for group in table.values()
            for p in group
            for word in p.split()
        ),
    }
)


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    match: MatchKind


def fold_char(ch: str) -> str:
    """What one character reads as for matching ("" for an invisible one)."""
    if ch.isascii():
        return PLAIN_MARKS.get(ch, ch).lower()
    if ch in INVISIBLE:
        return ""
    ch = HOMOGLYPHS.get(ch, ch)
    ch = PLAIN_MARKS.get(ch, ch)
    if len(ch) == 1 and not ch.isascii():
        ch = unicodedata.normalize("NFKC", ch)
    lowered = ch.lower()
    return lowered if len(lowered) == len(ch) else ch


class Folded:
    """A folded copy of a text (see the module docstring) with a map back to original offsets."""

    __slots__ = ("origin", "text")

    def __init__(self, source: str) -> None:
        out: list[str] = []
        origin: list[int] = []
        prev_space = True  # drops leading whitespace
        for i, ch in enumerate(source):
            folded = fold_char(ch)
            if not folded:
                continue
            if folded.isspace():
                if prev_space:
                    continue
                out.append(" ")
                origin.append(i)
                prev_space = True
                continue
            for piece in folded:
                out.append(piece)
                origin.append(i)
            prev_space = False
        if out and out[-1] == " ":
            out.pop()
            origin.pop()
        self.text = "".join(out)
        self.origin = origin

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        """Map a folded half-open range back to the source's half-open range."""
        return self.origin[start], self.origin[end - 1] + 1


def fold(text: str) -> str:
    """``text`` folded as the aligner folds it."""
    if text.isascii() and not any(mark in text for mark in _ASCII_MARKS):
        return " ".join(text.lower().split())  # the same, without the offsets map
    return Folded(text).text


def on_word_boundaries(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` neither starts nor ends inside a word or a number."""
    if start >= end:
        return False
    first, last = text[start], text[end - 1]
    if start > 0 and first.isalnum():
        before = text[start - 1]
        if before.isalnum() or (
            first.isdigit() and before in ",." and start > 1 and text[start - 2].isdigit()
        ):
            return False
    if end < len(text) and last.isalnum():
        after = text[end]
        if after.isalnum() or (
            last.isdigit() and after in ",." and end + 1 < len(text) and text[end + 1].isdigit()
        ):
            return False
    return True


def _first_on_boundaries(haystack: str, needle: str) -> int:
    at = haystack.find(needle)
    while at >= 0 and not on_word_boundaries(haystack, at, at + len(needle)):
        at = haystack.find(needle, at + 1)
    return at


class Aligner:
    """Finds quotes in one article. Build once per article; folding is done once."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._folded: Folded | None = None
        self._words: list[tuple[str, int, int]] | None = None
        self._index: dict[str, list[int]] | None = None

    @property
    def folded(self) -> Folded:
        if self._folded is None:
            self._folded = Folded(self.text)
        return self._folded

    def find(self, quote: str, *, fuzzy: bool = True) -> Span | None:
        """The span of ``quote`` in the article, or None when the article does not say it."""
        stripped = quote.strip()
        if not stripped:
            return None
        at = _first_on_boundaries(self.text, stripped)
        if at >= 0:
            return Span(at, at + len(stripped), MatchKind.EXACT)
        # As given first, then without the quote marks and full stops models wrap quotes in.
        needle = ""
        for candidate in (stripped, stripped.strip(_EDGE_JUNK)):
            needle = fold(candidate)
            at = _first_on_boundaries(self.folded.text, needle) if needle else -1
            if at >= 0:
                start, end = self.folded.to_source(at, at + len(needle))
                return Span(start, end, MatchKind.NORMALISED)
        return self._fuzzy(needle) if fuzzy and needle else None

    def contains(self, words: str) -> bool:
        """True when ``words`` stand in the text as whole words, folded, never fuzzily."""
        return self.find(words, fuzzy=False) is not None

    def _fuzzy(self, needle: str) -> Span | None:
        wanted = _WORD.findall(needle)
        n = len(wanted)
        if n < FUZZY_MIN_WORDS:
            return None
        found, index = self._article_words()
        allowed = max(1, n // WORDS_PER_TYPO)
        # With at most ``allowed`` typos, one of the first ``allowed + 1`` words is exact.
        starts = sorted(
            {at - k for k in range(allowed + 1) for at in index.get(wanted[k], ()) if at >= k}
        )
        for first in starts:
            if first + n > len(found):
                break
            typos = 0
            for ours, (theirs, _, _) in zip(wanted, found[first : first + n], strict=True):
                if ours == theirs:
                    continue
                typos += 1
                if typos > allowed or not self._is_typo(ours, theirs):
                    break
            else:
                start, _ = self.folded.to_source(found[first][1], found[first][2])
                _, end = self.folded.to_source(found[first + n - 1][1], found[first + n - 1][2])
                return Span(start, end, MatchKind.FUZZY)
        return None

    def _is_typo(self, ours: str, theirs: str) -> bool:
        """A slip of the keyboard inside a long ordinary word, not another word."""
        if min(len(ours), len(theirs)) < TYPO_MIN_CHARS:
            return False
        if not (ours.isalpha() and theirs.isalpha()):
            return False
        if ours[0] != theirs[0] or ours[-1] != theirs[-1]:
            return False
        if ours in EXACT_WORDS or theirs in EXACT_WORDS:
            return False
        # A word the article itself uses elsewhere is a real word, not a slip.
        if ours in self._article_words()[1]:
            return False
        return OSA.distance(ours, theirs) == 1

    def _article_words(self) -> tuple[list[tuple[str, int, int]], dict[str, list[int]]]:
        if self._words is None or self._index is None:
            self._words = [
                (m.group(), m.start(), m.end()) for m in _WORD.finditer(self.folded.text)
            ]
            index: dict[str, list[int]] = defaultdict(list)
            for i, (word, _, _) in enumerate(self._words):
                index[word].append(i)
            self._index = dict(index)
        return self._words, self._index


def within(words: str, quotes: Iterable[str]) -> bool:
    """True when ``words`` (e.g. a quantity's "close to 3,000") stand whole in one of ``quotes``."""
    return any(Aligner(quote).contains(words) for quote in quotes)


def find_quote(text: str, quote: str) -> Span | None:
    """One-off convenience: the span of ``quote`` in ``text``, or None."""
    return Aligner(text).find(quote)
