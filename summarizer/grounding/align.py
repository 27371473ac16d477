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
from summarizer.text.money import SYMBOLS
from summarizer.text.numbers import FRACTIONS, GROUPS, SCALES, SMALL
from summarizer.text.timewords import MONTH_NUMBERS, RELATIVE_DAYS, WEEKDAY_NUMBERS
from summarizer.text.words import NEGATIONS, alternation

# A quote shorter than this (in words) is never matched fuzzily.
FUZZY_MIN_WORDS = 6
# A word shorter than this is never taken for a typo of another.
TYPO_MIN_CHARS = 7
# At most one typo per this many words.
WORDS_PER_TYPO = 10
# Work bounds for articles that repeat the same words over and over.
MAX_OCCURRENCES = 10_000
MAX_FUZZY_STARTS = 2_000

# Words, and numbers with the marks that change them: a sign, a currency symbol, a leading
# decimal point, the separators inside and a per cent sign ("-5", "$5", ".5", "1,000", "10%").
_TOKEN = re.compile(
    rf"(?:[-+]|{alternation(SYMBOLS)}|(?<!\d)\.)?\d(?:[\d,.]*\d)?%?|[^\W\d_]+|\d+|_+"
)
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


def _starts_sentence(text: str, at: int) -> bool:
    """True when the word at ``at`` opens a line, or follows a full stop, a ? or a !."""
    before = text[max(0, at - 40) : at].rstrip(" \t\"'\u201c\u2018(")
    return not before or before[-1] in ".!?:\n"


def fold_char(ch: str) -> str:
    """What one character reads as for matching ("" for an invisible one)."""
    if ch.isascii():
        return PLAIN_MARKS.get(ch, ch).lower()
    if ch in INVISIBLE:
        return ""
    ch = HOMOGLYPHS.get(ch, ch)
    ch = PLAIN_MARKS.get(ch, ch)
    # Compatibility forms of letters and spaces (fullwidth "Ａ", the ligature "ﬁ") read as
    # their plain letters; those of numbers and symbols ("½", "²", "①") do not: they differ.
    if len(ch) == 1 and not ch.isascii() and unicodedata.category(ch)[0] in "LZ":
        ch = unicodedata.normalize("NFKC", ch)
    lowered = ch.lower()
    return lowered if len(lowered) == len(ch) else ch


def _fold_table(chars: Iterable[str]) -> dict[int, str]:
    """``fold_char`` as a ``str.translate`` table; whatever folds to whitespace becomes " "."""
    table: dict[int, str] = {}
    for ch in chars:
        folded = fold_char(ch)
        table[ord(ch)] = " " if folded and folded.isspace() else folded
    return table


_ASCII_FOLD = _fold_table(map(chr, range(128)))
_SPACE_RUN = re.compile(" {2,}")


class Folded:
    """A folded copy of a text (see the module docstring) with a map back to original offsets."""

    __slots__ = ("origin", "text")

    def __init__(self, source: str) -> None:
        # One ``translate`` folds every character; the map back is built by ranges: a
        # character that folds to one is its own offset, one that folds to none or to several
        # ("…" → "...") is mapped apart, and each run of whitespace becomes one space
        # standing for its first character. Leading and trailing whitespace go.
        table = _ASCII_FOLD
        odd = ""
        if not source.isascii():
            others = _fold_table(ch for ch in set(source) if not ch.isascii())
            table = _ASCII_FOLD | others
            odd = "".join(chr(c) for c, folded in others.items() if len(folded) != 1)
        folded = source.translate(table)
        if odd:
            at: list[int] = []
            pos = 0
            for found in re.finditer(f"[{re.escape(odd)}]", source):
                i = found.start()
                at.extend(range(pos, i))
                at.extend([i] * len(table[ord(source[i])]))
                pos = i + 1
            at.extend(range(pos, len(source)))
        start = len(folded) - len(folded.lstrip(" "))
        end = len(folded.rstrip(" "))
        pieces: list[str] = []
        origin: list[int] = []
        pos = start
        for run in _SPACE_RUN.finditer(folded, start, end):
            cut = run.start() + 1  # the run's first space stays
            pieces.append(folded[pos:cut])
            origin.extend(at[pos:cut] if odd else range(pos, cut))
            pos = run.end()
        pieces.append(folded[pos:end])
        origin.extend(at[pos:end] if odd else range(pos, end))
        self.text = "".join(pieces)
        self.origin = origin

    def whole(self, start: int, end: int) -> bool:
        """True when the folded range ``[start, end)`` cuts no source character in two."""
        origin = self.origin
        return (start == 0 or origin[start - 1] != origin[start]) and (
            end == len(origin) or origin[end] != origin[end - 1]
        )

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        """Map a folded half-open range back to the source's half-open range."""
        return self.origin[start], self.origin[end - 1] + 1


def fold(text: str) -> str:
    """``text`` folded as the aligner folds it."""
    if text.isascii() and not any(mark in text for mark in _ASCII_MARKS):
        return " ".join(text.lower().split())  # the same, without the offsets map
    return Folded(text).text


def _joins(mark: str) -> str | None:
    """ "'" or "-" when ``mark`` is an apostrophe or a dash, which join the words beside them."""
    plain = PLAIN_MARKS.get(mark, mark)
    return plain if plain in ("'", "-") else None


def on_word_boundaries(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` neither starts nor ends inside a word or a number.

    An apostrophe or a dash between two letters or digits joins them: "can't", "non-lethal",
    "twenty-one", "3-4" are one word each, so no span ends at "can" or starts at "lethal". A
    possessive "'s" may be left out ("Russia" in "Russia's"). A dash before a digit is its sign.
    """
    if start >= end:
        return False
    first, last = text[start], text[end - 1]
    if start > 0 and first.isalnum():
        before = text[start - 1]
        if before.isalnum() or (
            first.isdigit() and before in ",." and start > 1 and text[start - 2].isdigit()
        ):
            return False
        joiner = _joins(before)
        if joiner == "-" and first.isdigit():
            return False  # "-5": the number is negative
        if joiner and start > 1 and text[start - 2].isalnum():
            return False
    if end < len(text) and last.isalnum():
        after = text[end]
        if after.isalnum() or (
            last.isdigit() and after in ",." and end + 1 < len(text) and text[end + 1].isdigit()
        ):
            return False
        joiner = _joins(after)
        if joiner and end + 1 < len(text) and text[end + 1].isalnum():
            possessive = (
                joiner == "'"
                and text[end + 1] in "sS"
                and (end + 2 == len(text) or not text[end + 2].isalnum())
            )
            if not possessive:
                return False
    return True


def _first_on_boundaries(haystack: str, needle: str, folded: Folded | None = None) -> int:
    """Where ``needle`` first stands whole in ``haystack`` (-1: nowhere). In a folded text, a
    match must also take whole characters: not the "2" of a "½" folded to "1/2"."""
    at = haystack.find(needle)
    for _ in range(MAX_OCCURRENCES):
        if at < 0:
            return -1
        end = at + len(needle)
        if on_word_boundaries(haystack, at, end) and (folded is None or folded.whole(at, end)):
            return at
        at = haystack.find(needle, at + 1)
    return -1


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
            at = _first_on_boundaries(self.folded.text, needle, self.folded) if needle else -1
            if at >= 0:
                start, end = self.folded.to_source(at, at + len(needle))
                return Span(start, end, MatchKind.NORMALISED)
        return self._fuzzy(needle) if fuzzy and needle else None

    def contains(self, words: str) -> bool:
        """True when ``words`` stand in the text as whole words, folded, never fuzzily."""
        return self.find(words, fuzzy=False) is not None

    def _fuzzy(self, needle: str) -> Span | None:
        wanted = _TOKEN.findall(needle)
        n = len(wanted)
        if n < FUZZY_MIN_WORDS:
            return None
        found, index = self._article_words()
        allowed = max(1, n // WORDS_PER_TYPO)
        # With at most ``allowed`` typos, one of the first ``allowed + 1`` words is exact.
        starts = {at - k for k in range(allowed + 1) for at in index.get(wanted[k], ()) if at >= k}
        if len(starts) > MAX_FUZZY_STARTS:
            return None  # a run of the same words over and over: only an exact match will do
        for first in sorted(starts):
            if first + n > len(found):
                break
            typos = 0
            for ours, (theirs, at, _) in zip(wanted, found[first : first + n], strict=True):
                if ours == theirs:
                    continue
                typos += 1
                if typos > allowed or not self._is_typo(ours, theirs, at):
                    break
            else:
                start, _ = self.folded.to_source(found[first][1], found[first][2])
                _, end = self.folded.to_source(found[first + n - 1][1], found[first + n - 1][2])
                return Span(start, end, MatchKind.FUZZY)
        return None

    def _is_typo(self, ours: str, theirs: str, folded_at: int) -> bool:
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
        # A capitalised word inside a sentence is a name: a different spelling, another name.
        at = self.folded.origin[folded_at]
        if self.text[at].isupper() and not _starts_sentence(self.text, at):
            return False
        return OSA.distance(ours, theirs) == 1

    def _article_words(self) -> tuple[list[tuple[str, int, int]], dict[str, list[int]]]:
        if self._words is None or self._index is None:
            self._words = [
                (m.group(), m.start(), m.end()) for m in _TOKEN.finditer(self.folded.text)
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
