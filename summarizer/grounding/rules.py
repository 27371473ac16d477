"""What counts as grounded, beyond "the quote is in the article".

* Evidence is a clause that can carry a fact: at least ``MIN_EVIDENCE_WORDS`` words, so "." or
  a bare "Russia" supports nothing, and at most ``MAX_EVIDENCE_CHARS`` characters.
* A field that names something (an actor, a source, a place, who is counted) stands in the
  item's own evidence: as whole words, folded as the aligner folds quotes, never fuzzily, and
  with each capital letter of the value capitalised in the evidence too ("May" is not "may",
  "Turkey" not "turkey"). A leading article or preposition the model adds ("the", "in") may be
  left out of the comparison, but what is left must name something: not a pronoun ("he",
  "they said"), not only function words ("the", "on").
* A time stands in the evidence the same way, and is not cut short of the words that say
  which time it is: "Friday" is not the "next Friday" of its evidence, nor
  "March" the "March 2019".
* A number the model writes in its own prose (headline, lede, key point, description, claim)
  is stated in the article — in the item's evidence where it has one. Numbers are compared
  as ``normalize.quantities.stated_numbers`` reads them: by value with the scale applied,
  sign, per cent and ordinal ("3000" is "3,000"; "3 million" is not "3"; "10%" is not
  "10"). A vague count ("thousands") needs the same words or a figure at least as large.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from summarizer.grounding.align import Aligner, fold
from summarizer.normalize.quantities import StatedNumber, stated_numbers
from summarizer.text.hedges import AFTER, BEFORE, RANGE_OPENER
from summarizer.text.money import CODES, PERCENT_WORDS, SYMBOLS
from summarizer.text.numbers import SCALE_ABBREVIATIONS, SCALES
from summarizer.text.timewords import TIME_SHIFTERS
from summarizer.text.words import FUNCTION_WORDS, PERSONAL_PRONOUNS, PRONOUNS, alternation

MIN_EVIDENCE_WORDS = 4
MAX_EVIDENCE_CHARS = 2_000

# Words a model puts before a name, a place or a time that the article may not have there.
_LEAD = re.compile(r"^(?:(?:the|in|on|at|during|a|an)\s+)+", re.IGNORECASE)
# A word: a run of non-space characters with a letter or digit in it ("Russia's" is one).
_WORDS = re.compile(r"\S*?[^\W_]\S*")
_TOKENS = re.compile(r"[^\W_]+")
_SHIFTERS = frozenset(TIME_SHIFTERS)

NOT_IN_EVIDENCE = "is not in its evidence"


def too_short(quote: str) -> bool:
    """True when ``quote`` is too short to be evidence for a fact."""
    return len(_WORDS.findall(quote, 0, 400)) < MIN_EVIDENCE_WORDS


def too_long(quote: str) -> bool:
    return len(quote) > MAX_EVIDENCE_CHARS


@lru_cache(maxsize=4096)
def aligner_for(quote: str) -> Aligner:
    """One aligner per evidence quote: items are checked field by field against the same ones."""
    return Aligner(quote)


def _is_acronym(word: str) -> bool:
    return len(word) >= 2 and word.isupper()  # "US", "WHO", "IT" are names, not pronouns


def _names_nothing(value: str) -> str | None:
    """Why ``value`` names nothing at all (blank, a pronoun, only function words), or None."""
    tokens = _TOKENS.findall(value)
    if not tokens:
        return "is empty" if not value else "names nothing"
    first = tokens[0]
    if not _is_acronym(first) and (
        first.lower() in PERSONAL_PRONOUNS or fold(value).strip(" .,") in PRONOUNS
    ):
        return "is a pronoun, not a name: quote the sentence that names them and write the name"
    if all(t.lower() in FUNCTION_WORDS for t in _TOKENS.findall(_LEAD.sub("", value) or value)):
        return "names nothing"
    return None


def name_problem(value: str, quotes: Iterable[str | Aligner]) -> str | None:
    """Why ``value`` (a name, source, place or who is counted) is not grounded in ``quotes``
    (texts, or aligners already built for them); None when it is."""
    value = value.strip()
    if problem := _names_nothing(value):
        return problem
    forms = dict.fromkeys((value, _LEAD.sub("", value) or value))
    if any(_span(form, a) is not None for a in map(_aligner, quotes) for form in forms):
        return None
    return NOT_IN_EVIDENCE


def time_problem(value: str, quotes: Iterable[str | Aligner]) -> str | None:
    """Why ``value`` (the time words of an event) is not grounded in ``quotes``; or None."""
    value = value.strip()
    if problem := _names_nothing(value):
        return problem.replace("names nothing", "names no time")
    tokens = [t.lower() for t in _TOKENS.findall(value)]
    core = _LEAD.sub("", value) or value
    cut = None
    for aligner in map(_aligner, quotes):
        quote = aligner.text
        for form in dict.fromkeys((value, core)):
            span = _span(form, aligner)
            if span is None:
                continue
            before = _TOKENS.findall(quote[max(0, span[0] - 20) : span[0]])[-1:]
            after = _TOKENS.findall(quote[span[1] : span[1] + 12])[:1]
            if before and before[0].lower() in _SHIFTERS and before[0].lower() not in tokens:
                cut = f"{before[0]} {quote[span[0] : span[1]]}"
            elif after and after[0].isdigit():
                cut = f"{quote[span[0] : span[1]]} {after[0]}"
            else:
                return None
    if cut is not None:
        return f"is cut short: its evidence says {cut!r}"
    return NOT_IN_EVIDENCE


def _aligner(quote: str | Aligner) -> Aligner:
    return quote if isinstance(quote, Aligner) else aligner_for(quote)


def _span(value: str, aligner: Aligner) -> tuple[int, int] | None:
    """Where ``value`` stands whole in the aligner's text with its capitals, or None. The first
    word of a longer value may be capitalised as a sentence is ("News agency")."""
    span = aligner.find(value, fuzzy=False)
    if span is None:
        return None
    ours = _TOKENS.findall(value)
    theirs = _TOKENS.findall(aligner.text[span.start : span.end])
    pairs = list(zip(ours, theirs, strict=True)) if len(ours) == len(theirs) else []
    if any(
        a[0].isupper() and not b[0].isupper()
        for k, (a, b) in enumerate(pairs)
        if k or len(pairs) == 1
    ):
        return None
    return span.start, span.end


@lru_cache(maxsize=64)
def _stated(source: str) -> tuple[StatedNumber, ...]:
    return tuple(stated_numbers(source))


def missing_numbers(text: str, sources: Iterable[str]) -> list[str]:
    """The numbers of ``text`` that none of ``sources`` states, as written in ``text``."""
    stated_here = stated_numbers(text)
    if not stated_here:  # most fields state none: no need to read the sources for theirs
        return []
    known = [f for source in sources for f in _stated(source)]
    exact = {(f.value, f.percent, f.ordinal) for f in known if not f.vague}
    vague = {f.written for f in known if f.vague}
    missing = []
    for f in stated_here:
        if f.vague:
            stated = f.written in vague or any(
                k.value >= f.value for k in known if not (k.percent or k.ordinal)
            )
        else:
            stated = (f.value, f.percent, f.ordinal) in exact
        if not stated:
            missing.append(f.written)
    return missing


_HEDGE_BEFORE = re.compile(
    rf"(?:\b(?:{alternation([p for group in BEFORE.values() for p in group] + [RANGE_OPENER])})"
    rf"|{alternation(SYMBOLS)}|\d\s*(?:-|to|and|or))\s*$",
    re.IGNORECASE,
)
_MORE_AFTER = re.compile(
    rf"^\s*(?:%|(?:{alternation([*PERCENT_WORDS, *SCALES, *SCALE_ABBREVIATIONS, *CODES])})\b"
    rf"|(?:{alternation([p for group in AFTER.values() for p in group])})(?!\w)"
    r"|(?:-|to|and|or)\s*\$?\d)",
    re.IGNORECASE,
)


def quantity_problem(words: str, quotes: Iterable[str]) -> str | None:
    """Why a quantity's ``words`` are not its evidence's whole figure; None when they are.

    The words must stand whole in a quote, with the hedge before them, the range, scale, unit
    or hedge after them: "3,000" out of "close to 3,000" drops the hedge and reads as exact."""
    words = words.strip()
    found_part = None
    for quote in quotes:
        span = aligner_for(quote).find(words, fuzzy=False)
        if span is None:
            continue
        before, after = quote[max(0, span.start - 30) : span.start], quote[span.end : span.end + 30]
        hedge, more = _HEDGE_BEFORE.search(before), _MORE_AFTER.match(after)
        if not hedge and not more:
            return None
        start = span.start - (len(hedge.group()) if hedge else 0)
        end = span.end + (more.end() if more else 0)
        found_part = quote[start:end].strip()
    if found_part is not None:
        return f"leave out part of the figure: its evidence says {found_part!r}"
    return "are not in its evidence"
