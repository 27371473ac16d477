"""Time words in a sentence, copied as written ("on Friday", "last week", "December 3, 2024").

Only the words are found here; ``normalize.dates.resolve_when`` turns them into dates against
the publication date, as for the LLM path; both read month, weekday and day words from
``summarizer.text``. Month and weekday names must be capitalised, and a bare
month needs a preposition or a day or year beside it, so "may" and "march" stay verbs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from summarizer.text.numbers import ONES, SMALL, TENS
from summarizer.text.timewords import MONTH_ABBREVIATIONS, MONTHS, RELATIVE_DAYS, WEEKDAYS
from summarizer.text.words import alternation

__all__ = ["TimeWords", "find_time_words", "nearest"]


@dataclass(frozen=True, slots=True)
class TimeWords:
    start: int  # offsets in the article
    end: int
    text: str


# Names capitalised as written; an abbreviated month needs its full stop ("Dec."), and weekday
# abbreviations are left out ("Sun", "Wed" are words too).
_MONTH = (
    f"(?:{alternation(m.capitalize() for m in MONTHS)}"
    f"|(?:{alternation(m.capitalize() for m in MONTH_ABBREVIATIONS)})\\.)"
)
_WEEKDAY = f"(?:{alternation(d.capitalize() for d in WEEKDAYS)})"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]|20)\d\d"
_COUNT = (
    rf"(?:\d+|an?|(?:{alternation(TENS)})(?:[\s-](?:{alternation(ONES)}))?"
    rf"|{alternation(w for w in SMALL if w != 'zero')})"
)
# "yesterday", "last night", "the day before yesterday"…
_DAYS_APART = alternation(
    [*RELATIVE_DAYS, *("the " + p for p in RELATIVE_DAYS if p.startswith("day "))], space=r"\s"
)
_PART = r"(?:\s(?i:morning|afternoon|evening|night))"
_PATTERNS = [
    rf"(?:(?i:on)\s)?{_MONTH}\s{_DAY},?\s{_YEAR}",
    rf"(?:(?i:on)\s)?(?:(?i:the)\s)?{_DAY}\s(?:(?i:of)\s)?{_MONTH},?\s{_YEAR}",
    rf"{_YEAR}-\d{{2}}-\d{{2}}",
    rf"(?:(?i:on)\s)?{_MONTH}\s{_DAY}\b",
    rf"(?:(?i:on)\s)?(?:(?i:the)\s)?{_DAY}\s(?:(?i:of)\s)?{_MONTH}",
    rf"(?i:in|since|by|until|from|during|early|late|mid|last|this|next)[\s-]{_MONTH}(?:,?\s{_YEAR})?",
    rf"{_MONTH}\s{_YEAR}",
    rf"(?:(?i:on)\s)?(?:(?i:last|this|next|this\scoming|this\spast|past|coming)\s)?{_WEEKDAY}{_PART}?",
    rf"(?i:{_DAYS_APART})",
    r"(?i:(?:earlier|later)\sthis\s(?:week|month|year)"
    r"|(?:this|last|next|previous)\s(?:week|month|year|weekend)"
    r"|(?:over\s)?the\s(?:past|last)\s(?:week|month|year|seven\sdays|7\sdays)"
    r"|(?:at\s)?the\sweekend)",
    rf"(?i:{_COUNT}\s(?:days?|weeks?|months?|years?)\sago)",
    rf"(?i:in|since|by|until|during)\s{_YEAR}\b",
]
# Whole words only: "this week" is not in "this weekend".
_TIME = re.compile("(?:" + "|".join(f"(?:{p})" for p in _PATTERNS) + r")(?!\w)")
# Every expression contains one of these words; the full pattern is tried only around them.
_ANCHOR_WORDS = {p.split()[-1] for p in RELATIVE_DAYS} | set(
    ["week", "weeks", "weekend", "month", "months", "year", "years", "ago"]
)
_ANCHOR = re.compile(rf"\b(?:{_MONTH}|{_WEEKDAY}|\d{{4}}|(?i:{alternation(_ANCHOR_WORDS)}))")
_REACH = 30  # characters an expression may extend before its anchor ("the day before …")


def find_time_words(text: str, offset: int = 0) -> list[TimeWords]:
    """Every time expression in ``text`` (a sentence starting at ``offset``), left to right."""
    found: list[TimeWords] = []
    end = 0
    for anchor in _ANCHOR.finditer(text):
        if anchor.start() < end:
            continue
        for m in _TIME.finditer(text, max(end, anchor.start() - _REACH), anchor.end() + _REACH):
            if m.start() <= anchor.start() < m.end():
                found.append(TimeWords(m.start() + offset, m.end() + offset, m.group(0)))
                end = m.end()
                break
    return found


def nearest(times: list[TimeWords], at: int) -> TimeWords | None:
    """The expression closest to offset ``at`` (an event's trigger)."""
    return min(times, key=lambda t: min(abs(t.start - at), abs(t.end - at)), default=None)
