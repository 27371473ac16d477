"""Time words, as a model or the offline extractor copied them from an article → dates.

``resolve_when`` gives inclusive ranges, weeks Monday to Sunday. A date with a year ("27 Dec
2024", "2024-12-27", "August 2023", "2023") stands alone. Other words are read against the
publication date: a day and month take its year unless that lands more than a week after it
(then the year before); a weekday is the latest one on or before it ("last": strictly before,
"next": strictly after); a month name is the latest such month not after it. Without a
publication date, relative words give no dates but keep their precision. Words that name no
period ("recently", "earlier") are unknown. Month, weekday, day and count words come from
``summarizer.text``.
"""

from __future__ import annotations

import calendar
import contextlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from summarizer.schema import DatePrecision
from summarizer.text.numbers import ONES, SMALL, TENS
from summarizer.text.timewords import (
    MONTH_NUMBERS,
    RELATIVE_DAYS,
    WEEKDAY_NUMBERS,
)
from summarizer.text.words import alternation

__all__ = ["DateRange", "resolve_when"]


@dataclass(frozen=True, slots=True)
class DateRange:
    start: date | None
    end: date | None
    precision: DatePrecision


_Span = tuple[date, date]
_Relative = Callable[[re.Match[str], date], _Span]
_DAY = timedelta(days=1)
_WORD = re.compile(r"[a-z]+")
_WEEKDAY = f"({alternation(WEEKDAY_NUMBERS)})"
_MONTH = f"({alternation(MONTH_NUMBERS)})"
_DAY_NO = r"([0-9]{1,2})(?:st|nd|rd|th)?"
_TENS_ONES = rf"(?:{alternation(TENS)})(?:[ -](?:{alternation(ONES)}))?"
_COUNT = rf"([0-9]+|an?|{_TENS_ONES}|{alternation(SMALL)})"
_THIS_LAST_NEXT = r"(?:(earlier|later) )?(this|last|previous|next) (?P<unit>week|month|year)"
_PRECISION = {p.value: p for p in DatePrecision}


def _one(day: date) -> _Span:
    return day, day


def _ymd(year: str | int, a: str, b: str) -> _Span:
    """One day, from a month and a day in either order ("dec", "27" or "27", "dec")."""
    month, day = (b, a) if b.isalpha() else (a, b)
    number = int(month) if month.isdigit() else MONTH_NUMBERS[month]
    return _one(date(int(year), number, int(day)))


def _month_of(year: str | int, name: str) -> _Span:
    return _period(date(int(year), MONTH_NUMBERS[name], 1), "month")


def _period(p: date, unit: str, shift: int = 0) -> _Span:
    """The whole week, month or year containing p, moved by shift of them."""
    if unit == "week":
        monday = p - timedelta(days=p.weekday()) + timedelta(weeks=shift)
        return monday, monday + 6 * _DAY
    if unit == "month":
        year, month0 = divmod(p.year * 12 + p.month - 1 + shift, 12)
        first = date(year, month0 + 1, 1)
        return first, first.replace(day=calendar.monthrange(year, month0 + 1)[1])
    return date(p.year + shift, 1, 1), date(p.year + shift, 12, 31)


def _offset(days: int) -> _Relative:
    return lambda _m, p: _one(p + days * _DAY)


def _month_day(m: re.Match[str], p: date) -> _Span:
    # A few days ahead is a plan ("on December 30"); further ahead it must be last year's.
    with contextlib.suppress(ValueError):  # 29 February in a common year
        if (when := _ymd(p.year, m[1], m[2])[0]) <= p + 7 * _DAY:
            return _one(when)
    return _ymd(p.year - 1, m[1], m[2])


def _written_date(m: re.Match[str]) -> _Span:
    return _ymd(m[3], m[1], m[2])


def _ago(m: re.Match[str], p: date) -> _Span:
    # _COUNT only lets through "a"/"an" (one), a small number word or tens plus ones.
    n = int(m[1]) if m[1].isdigit() else sum(SMALL.get(w, 1) for w in _WORD.findall(m[1]))
    if m["unit"] == "day":
        return _one(p - n * _DAY)
    if m["unit"] == "week":
        return _period(p - timedelta(weeks=n), "week")
    return _period(p, m["unit"], -n)


def _weekend(m: re.Match[str], p: date) -> _Span:
    saturday = p - timedelta(days=(p.weekday() - 5) % 7) + timedelta(weeks=1 if m[1] else 0)
    return saturday, saturday + _DAY


def _this_last_next(m: re.Match[str], p: date) -> _Span:
    if m[2] in ("last", "previous", "next"):
        return _period(p, m["unit"], 1 if m[2] == "next" else -1)
    start, end = _period(p, m["unit"])
    if m[1] == "earlier":
        return start, max(start, p - _DAY)
    return (min(p + _DAY, end), end) if m[1] == "later" else (start, p)


def _weekday(m: re.Match[str], p: date) -> _Span:
    back = (p.weekday() - WEEKDAY_NUMBERS[m[2]]) % 7
    if m[1] in ("next", "coming"):  # "this coming Friday" matches from "coming"
        return _one(p + (7 - back) * _DAY)
    return _one(p - (back or (7 if m[1] in ("last", "past") else 0)) * _DAY)


def _named_month(m: re.Match[str], p: date) -> _Span:
    month = MONTH_NUMBERS[m[2]]
    if m[1] == "next":
        year = p.year + (month <= p.month)
    else:
        year = p.year - (month >= p.month if m[1] == "last" else month > p.month)
    return _month_of(year, m[2])


_ABSOLUTE: list[tuple[re.Pattern[str], DatePrecision, Callable[[re.Match[str]], _Span]]] = [
    (re.compile(rf"\b{p}\b"), precision, fn)
    for p, precision, fn in [
        (r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})", DatePrecision.DAY, lambda m: _ymd(*m.groups())),
        (rf"{_MONTH} {_DAY_NO} ([0-9]{{4}})", DatePrecision.DAY, _written_date),
        (rf"{_DAY_NO} (?:of )?{_MONTH} ([0-9]{{4}})", DatePrecision.DAY, _written_date),
        (rf"{_MONTH} (?:of )?([0-9]{{4}})", DatePrecision.MONTH, lambda m: _month_of(m[2], m[1])),
        (r"([12][0-9]{3})", DatePrecision.YEAR, lambda m: _period(date(int(m[1]), 1, 1), "year")),
    ]
]
# First match wins, so a wording comes before the shorter ones it contains.
_RELATIVE: list[tuple[re.Pattern[str], DatePrecision | None, _Relative]] = [
    (re.compile(rf"\b{p}\b"), precision, fn)
    for p, precision, fn in [
        (rf"{_MONTH} {_DAY_NO}", DatePrecision.DAY, _month_day),
        (rf"{_DAY_NO} (?:of )?{_MONTH}", DatePrecision.DAY, _month_day),
        *[
            (alternation([phrase], space=" "), DatePrecision.DAY, _offset(days))
            for phrase, days in sorted(RELATIVE_DAYS.items(), key=lambda pd: -len(pd[0]))
        ],
        (r"an? week ago", DatePrecision.DAY, _offset(-7)),
        (rf"{_COUNT} (?P<unit>day|week|month|year)s? ago", None, _ago),
        (r"(?:(next|coming) )?weekend", DatePrecision.WEEK, _weekend),
        (r"past (?:week|seven days|7 days)", DatePrecision.WEEK, lambda _m, p: (p - 7 * _DAY, p)),
        (_THIS_LAST_NEXT, None, _this_last_next),
        (rf"(?:(last|past|next|coming|this) )?{_WEEKDAY}", DatePrecision.DAY, _weekday),
        (rf"(?:(last|next|this) )?{_MONTH}", DatePrecision.MONTH, _named_month),
    ]
]


def resolve_when(text: str, published: date | None) -> DateRange:
    """Turn time words such as "on Friday" or "last week" into the days they can mean."""
    s = " ".join(re.sub(r"[^\w\s-]", " ", text.lower()).split())
    try:
        for pattern, precision, absolute in _ABSOLUTE:
            if m := pattern.search(s):
                return DateRange(*absolute(m), precision)
        for pattern, fixed, relative in _RELATIVE:
            if m := pattern.search(s):
                precision = fixed or _PRECISION[m["unit"]]
                if published is None:
                    return DateRange(None, None, precision)
                return DateRange(*relative(m, published), precision)
    except (ValueError, OverflowError):  # impossible dates ("February 30") or past year 9999
        pass
    return DateRange(None, None, DatePrecision.UNKNOWN)
