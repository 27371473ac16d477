"""What counts as grounded, beyond "the quote is in the article".

* Evidence is a clause that can carry a fact: at least ``MIN_EVIDENCE_WORDS`` words, so "." or
  a bare "Russia" supports nothing.
* A field that names something (an actor, a source, a place, a time, who is counted) stands in
  the item's own evidence, as whole words, folded as the aligner folds quotes and never fuzzily.
  A leading article or preposition the model adds ("the", "in", "on") may be left out of the
  comparison; a pronoun is never a name.
* A number the model writes in its own prose (headline, lede, key point, description, claim)
  occurs in the article — in the item's evidence where it has one. Numbers are compared by
  value, as digits or number words: "3,000" and "3000" are one number, "3" is not "3,000".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from summarizer.grounding.align import Aligner, fold
from summarizer.text.numbers import SMALL
from summarizer.text.words import PRONOUNS

MIN_EVIDENCE_WORDS = 4

# Words a model puts before a name, a place or a time that the article may not have there.
_LEAD = re.compile(r"^(?:(?:the|in|on|at|during|a|an)\s+)+", re.IGNORECASE)
_DIGITS = re.compile(r"(?<!\w)\d+(?:,\d{3})*(?:\.\d+)?")
# A word: a run of non-space characters with a letter or digit in it ("Russia's" is one).
_WORDS = re.compile(r"\S*?[^\W_]\S*")
_LETTERS = re.compile(r"[^\W\d_]+")
# "One" is mostly a pronoun or an article ("one of the"), so it is not counted as a number.
_NUMBER_WORDS = {word: value for word, value in SMALL.items() if word != "one"}


def too_short(quote: str) -> bool:
    """True when ``quote`` is too short to be evidence for a fact."""
    return len(_WORDS.findall(quote, 0, 400)) < MIN_EVIDENCE_WORDS


def is_pronoun(value: str) -> bool:
    return fold(value).strip(" .,") in PRONOUNS


@lru_cache(maxsize=4096)
def aligner_for(quote: str) -> Aligner:
    """One aligner per evidence quote: items are checked field by field against the same ones."""
    return Aligner(quote)


def named_in(value: str, quotes: Iterable[str]) -> bool:
    """True when ``value`` (a name, source, place or time) stands in one of ``quotes``."""
    value = value.strip()
    if not value or is_pronoun(value):
        return False
    core = _LEAD.sub("", value)
    if not core or is_pronoun(core):
        return False
    return any(
        aligner.contains(value) or aligner.contains(core) for aligner in map(aligner_for, quotes)
    )


def numbers(text: str) -> list[tuple[str, float]]:
    """The numbers ``text`` states, as written and by value."""
    found = [(m.group(), float(m.group().replace(",", ""))) for m in _DIGITS.finditer(text)]
    for m in _LETTERS.finditer(text):
        value = _NUMBER_WORDS.get(m.group().lower())
        if value is not None:
            found.append((m.group(), float(value)))
    return found


@lru_cache(maxsize=64)
def _values(source: str) -> frozenset[float]:
    return frozenset(value for _, value in numbers(source))


def missing_numbers(text: str, sources: Iterable[str]) -> list[str]:
    """The numbers of ``text`` that none of ``sources`` states, as written in ``text``."""
    known = frozenset().union(*map(_values, sources))
    return [written for written, value in numbers(text) if value not in known]
