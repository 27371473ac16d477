"""Figures in a sentence: the number words with their hedge, what they count and of whom.

A figure is copied exactly as written ("close to 3,000", "between 10,000 and 12,000", "$2.4
billion", "12%", "dozens"); ``normalize.quantities.parse_quantity`` turns it into bounds later,
as for the LLM path, and both read their number words, hedges and currencies from
``summarizer.text``. Years, dates, clock times, ages and measures (days, metres, tonnes) are not
figures. What is counted comes from the words around it: a verb right before ("killing 130
people"), else the words after it up to the next figure or clause break ("… troops had been
killed or wounded"), else "death toll" earlier in the sentence; money and percentages from
their units.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from summarizer.providers.offline.names import Mention
from summarizer.providers.offline.sentences import Sentence
from summarizer.schema import Counted
from summarizer.text import hedges, money
from summarizer.text.hedges import qualifier_of
from summarizer.text.numbers import (
    GROUPS,
    ONES,
    SCALE_ABBREVIATIONS,
    SCALE_LETTERS,
    SCALES,
    SMALL,
    TEENS,
    TENS,
    VAGUE_COUNTS,
    VAGUE_PLURALS,
)
from summarizer.text.timewords import MONTH_NUMBERS
from summarizer.text.words import alternation, words

__all__ = ["Figure", "find_figures"]


@dataclass(frozen=True, slots=True)
class Figure:
    start: int  # offsets in the article
    end: int
    text: str
    counted: Counted
    of_whom: str | None


_ONES = alternation(ONES)
_TEENS = alternation(TEENS)
_TENS = alternation(TENS)
_SCALE_WORD = alternation(SCALES)
_GROUP = alternation(GROUPS)
_WORD_NUMBER = (
    rf"(?:(?:{_TENS})(?:[ -](?:{_ONES}))?|{_TEENS}|{_ONES})(?:\s(?:{_SCALE_WORD}|{_GROUP}))*"
    rf"|an?\s(?:{_GROUP}|{_SCALE_WORD})|half\sa\s(?:{_SCALE_WORD})"
    rf"|(?:{alternation(VAGUE_COUNTS)})\s(?:{_GROUP}|{_SCALE_WORD})"
)
_CURRENCY = rf"(?:{alternation([*money.SYMBOLS, *money.CODES])})"
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE = (
    rf"(?:\s?(?:{alternation([*SCALES, *SCALE_ABBREVIATIONS])})\b"
    rf"|(?:{alternation(SCALE_LETTERS)})\b)"
)
_PERCENT_WORDS = alternation(money.PERCENT_WORDS, space=r"\s?")
_PERCENT = rf"(?:\s?{re.escape(money.PERCENT_SIGN)}|\s(?:{_PERCENT_WORDS})\b)"
_MONEY_NAMES = alternation([*money.name_forms(), *money.CODES])
_MONEY_WORDS = rf"(?:\s(?:{_MONEY_NAMES})\b)"
_NUMBER = (
    rf"(?:{_CURRENCY}\s?)?(?:{_DIGITS}){_SCALE}?(?:{_PERCENT}|{_MONEY_WORDS})?"
    rf"|(?:{_WORD_NUMBER})(?:{_PERCENT}|{_MONEY_WORDS})?"
)
_VAGUE_PLURAL = alternation(w + "s" for w in VAGUE_PLURALS)
_LARGE_PLURAL = alternation(w + "s" for w in SCALES if w != "hundred")
_VAGUE = rf"(?:{_VAGUE_PLURAL})\sof\s(?:{_LARGE_PLURAL})|{_VAGUE_PLURAL}"
_HEDGE = alternation([*qualifier_of(hedges.BEFORE), hedges.RANGE_OPENER])
_HEDGE_AFTER = alternation(qualifier_of(hedges.AFTER))
_FIGURE = re.compile(
    rf"(?<![\w$€£¥.,-])(?:(?P<hedge>{_HEDGE})\.?\s+)?"
    rf"(?P<num>{_NUMBER}|{_VAGUE})(?![\w-]|,\d|\.\d)"
    rf"(?:(?P<join>\s?[-–]\s?|\s(?:to|and|or)\s)(?P<num2>{_NUMBER})(?![\w-]|,\d|\.\d))?"
    rf"(?P<post>[\s-]?(?:{_HEDGE_AFTER})(?![a-z]))?",
    re.IGNORECASE,
)
# A cheap first look: most sentences have no figure at all.
_NUMBER_WORDS = [w for w in SMALL if w != "zero"] + [*SCALES, *GROUPS]
_ANY_NUMBER = re.compile(rf"\d|\b(?:{alternation(_NUMBER_WORDS)}|{_VAGUE_PLURAL})\b", re.IGNORECASE)
_YEAR = re.compile(r"(?:1[5-9]|20)\d\d")
_MONTH = rf"(?:{alternation(MONTH_NUMBERS)})\.?"
_AFTER_MONTH = re.compile(rf"\b{_MONTH}\s$", re.IGNORECASE)
_BEFORE_MONTH = re.compile(rf"^(?:st|nd|rd|th)?\s(?:of\s)?{_MONTH}\b", re.IGNORECASE)
_NOT_A_COUNT_AFTER = re.compile(
    r"^(?:-|\s?(?:a\.m\.|p\.m\.|am|pm|gmt|utc|bst|est|hrs|local\stime|years?\sold|"
    r"(?:seconds?|minutes?|hours?|days?|nights?|weeks?|months?|years?|decades?|centuries|km|"
    r"kilomet\w*|miles?|met(?:er|re)s?|feet|ft|foot|inches|cm|mm|kg|kilograms?|lbs?|tons?|"
    r"tonnes?|megawatts?|gigawatts?|mw|gw|kw|degrees|mph|acres|hectares|square|cubic|"
    r"litres?|liters?|gallons?|barrels?|times|o'clock)\b)|:\d)",
    re.IGNORECASE,
)
_AGE = re.compile(r"(?:[A-Z][\w’'-]*,\s(?:now\s)?|\baged\s)$")
_CLOCK_OR_NOTE = re.compile(r"(?:\d:|\[)$")
_NAME_BEFORE = re.compile(r"\b[A-Z][\w’'-]*\s$")
_CLAUSE_END = re.compile(r"[;:—–]|\.\s|,\s(?:but|while|whereas|although)\b|\bbut\b")
_COUNT_CUES: list[tuple[Counted, re.Pattern[str]]] = [
    (c, re.compile(rf"\b(?:{words})\b", re.IGNORECASE))
    for c, words in (
        (Counted.KILLED_OR_INJURED, r"(?:killed|dead)\s(?:or|and)\s(?:wounded|injured|hurt)"
                                    r"|casualties"),
        (Counted.KILLED, r"killed|dead|died|deaths?|lives|fatalities|bodies|slain|murdered"
                         r"|executed|perished|drowned|death\stoll"),
        (Counted.INJURED, r"wounded|injured|hurt|injuries|hospitali[sz]ed|taken\sto\shospital"),
        (Counted.CAPTURED, r"captured|taken\sprisoner|prisoners\sof\swar|pows"),
        (Counted.DETAINED, r"arrested|detained|jailed|imprisoned|in\scustody|hostages"
                           r"|abducted|kidnapped|held\scaptive"),
        (Counted.DEPLOYED, r"deployed|sent|dispatched|stationed|mobili[sz]ed|reinforcements"),
        (Counted.DISPLACED, r"displaced|fled|evacuated|homeless|forced\sfrom|refugees"
                            r"|sheltering|lost\stheir\shomes"),
        (Counted.MISSING, r"missing|unaccounted"),
        (Counted.AFFECTED, r"affected"),
        (Counted.PARTICIPANTS, r"protesters|demonstrators|marched|rallied|attended"
                               r"|took\spart|participants|turned\sout"),
    )
]  # fmt: skip
# A verb right before the figure says what it counts: "killing 130 people", "sent 1,500".
_VERB_BEFORE: list[tuple[Counted, re.Pattern[str]]] = [
    (c, re.compile(rf"\b(?:{words})\s(?:(?:another|an\sadditional|a\sfurther|the)\s)?$", re.I))
    for c, words in (
        (Counted.KILLED, r"kill(?:ed|ing|s)?|claim(?:ed|ing)\sthe\slives\sof|death\stoll\s"
                         r"(?:\w+\s){0,2}(?:to|of|at)|toll\s(?:\w+\s){0,2}(?:to|of|at)"),
        (Counted.INJURED, r"injur(?:ed|ing|es)|wound(?:ed|ing|s)|hurt(?:ing)?"),
        (Counted.CAPTURED, r"captur(?:ed|ing|es)"),
        (Counted.DETAINED, r"arrest(?:ed|ing|s)?|detain(?:ed|ing|s)?|seiz(?:ed|ing)"),
        (Counted.DEPLOYED, r"sen(?:t|ding|ds)|deploy(?:ed|ing|s)?|dispatch(?:ed|ing)"),
        (Counted.DISPLACED, r"displac(?:ed|ing)|evacuat(?:ed|ing)|forc(?:ed|ing)\sout"),
    )
]  # fmt: skip
_TOLL_EARLIER = re.compile(r"\bdeath\stoll\b", re.IGNORECASE)
_GAP = re.compile(r"\s(?:of\s)?(?:the\s)?")
# A plural noun right after a figure is what it counts: "1,200 jobs", "398 cases".
_NOUN_AFTER = re.compile(
    r"\s(?:of\s)?(?:the\s)?([a-z][a-z-]{2,}(?:s|men|people|children|police|personnel|staff))\b"
)
# A scale that makes the digits before it a large amount, never a year ("1.2 million").
_MILLIONS = [w for w, power in SCALES.items() if power >= 6]
_SCALED = re.compile(rf"\b(?:{alternation([*_MILLIONS, *SCALE_ABBREVIATIONS])})s?\b", re.I)
_NOT_COUNTED = words("people percent cents times others years months weeks days hours")
_MONEY = re.compile(rf"{alternation(money.SYMBOLS)}|\b(?:{_MONEY_NAMES})\b")
_PERCENTAGE = re.compile(rf"{re.escape(money.PERCENT_SIGN)}|\b(?:{_PERCENT_WORDS})\b")


def find_figures(sentence: Sentence, mentions: list[Mention]) -> list[Figure]:
    """Every figure in ``sentence``, left to right."""
    text = sentence.text
    if not _ANY_NUMBER.search(text):
        return []
    matches: list[tuple[re.Match[str], int]] = []
    pos = 0
    while m := _FIGURE.search(text, pos):
        end = m.end()
        if m["join"] and (
            (m["join"].strip() == "and" and (m["hedge"] or "").lower() != "between")
            or _unit(m["num"]) != _unit(m["num2"])
        ):
            end = m.end("num")  # "100 killed and 1,000", "3.5% to €310m": two figures
        if _is_figure(text, m):
            matches.append((m, end))
        pos = end if end > m.start() else m.start() + 1
    figures: list[Figure] = []
    for k, (m, end) in enumerate(matches):
        start = m.start()
        figure_text = text[start:end].rstrip()
        following = matches[k + 1][0].start() if k + 1 < len(matches) else len(text)
        counted = _counted(text, start, end, following, figure_text)
        if counted is Counted.OTHER and not m["hedge"] and not m["num"][:1].isdigit():
            continue  # "two governments", "nine rounds": small talk, not figures
        figures.append(
            Figure(
                sentence.start + start,
                sentence.start + start + len(figure_text),
                figure_text,
                counted,
                _of_whom(text, sentence.start, start + len(figure_text), mentions),
            )
        )
    return figures


def _is_figure(text: str, m: re.Match[str]) -> bool:
    """Not a year, a date, a clock time, a footnote, an age, a measure or part of a name."""
    num = m["num"]
    before, after = text[: m.start("num")], text[m.end("num") :]
    plain = not _unit(m.group(0)) and not _SCALED.search(m.group(0))
    if plain and _YEAR.fullmatch(num):
        return False
    if num.lower() == "one":  # mostly a pronoun: "one of the men"
        return False
    if _AFTER_MONTH.search(before) or _BEFORE_MONTH.match(after):
        return False
    weight = num.lower().endswith("pounds") and after.startswith(" of")
    if _CLOCK_OR_NOTE.search(before) or weight:
        return False  # "0:00:30", a footnote "[897]", a weight "4,000 pounds of"
    if plain and (_NOT_A_COUNT_AFTER.match(after) or (_AGE.search(before) and after[:1] == ",")):
        return False
    # "Room 25", "SkyWall 100": a number that belongs to a name.
    return not (plain and not m["hedge"] and m.start() > 0 and _NAME_BEFORE.search(before))


def _counted(text: str, start: int, end: int, following: int, figure: str) -> Counted:
    """What a figure counts: its unit, the verb before it, the words after it, a death toll."""
    unit = _unit(figure)
    if unit:
        return Counted.MONEY if unit == "money" else Counted.PERCENTAGE
    before = text[max(0, start - 60) : start]
    for counted, verb in _VERB_BEFORE:
        if verb.search(before):
            return counted
    window = text[end:following]
    if clause := _CLAUSE_END.search(window):
        window = window[: clause.start()]
    window = " ".join(window.split()[:10])
    for counted, cue in _COUNT_CUES:
        if cue.search(window):
            return counted
    if _TOLL_EARLIER.search(text, 0, start):
        return Counted.KILLED
    return Counted.OTHER


def _of_whom(text: str, offset: int, end: int, mentions: list[Mention]) -> str | None:
    """The people phrase the figure counts, or the noun right after it ("1,200 jobs")."""
    gap = _GAP.match(text, end)
    after = offset + (gap.end() if gap else end)
    for m in mentions:
        if not m.place and m.start <= after < m.end:
            return text[after - offset : m.end - offset]
    noun = _NOUN_AFTER.match(text, end)
    if noun and noun.group(1) not in _NOT_COUNTED:
        return noun.group(1)
    return None


def _unit(number: str | None) -> str:
    """ "%", "money" or "" for a plain count."""
    low = (number or "").lower()
    if _PERCENTAGE.search(low):
        return "%"
    return "money" if _MONEY.search(low) else ""
