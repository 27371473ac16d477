"""Turn number and time words, as the model copied them from an article, into values.

Quantities (``parse_quantity``): the first number counts, in digits ("3,000", "2.4bn"; a bare
"m", "b" or "k" only beside a currency) or words ("twenty-five", "a dozen", "half a million").
A hedge just before it ("about", "nearly", "at least", ...) or just after it ("or more", "or
so", "+") sets the qualifier and so which bounds are known. "X to Y", "X-Y", "X or Y" and
"between X and Y" are ranges, and a scale word after Y also applies to a smaller X ("between
10 and 12 million"). A vague plural is at least two of its kind ("dozens" >= 24, "tens of
thousands" >= 20,000); "several", "many" and fractions ("three-quarters") are unknown.

Dates (``resolve_when``), inclusive ranges, weeks Monday to Sunday: a date with a year
("27 Dec 2024", "2024-12-27", "August 2023", "2023") stands alone. Other words are read
against the publication date: a day and month take its year unless that lands more than a
week after it (then the year before); a weekday is the latest one on or before it ("last":
strictly before, "next": strictly after); a month name is the latest such month not after
it. Without a publication date, relative words give no dates but keep their precision.
Words that name no period ("recently", "earlier") are unknown.
"""

from __future__ import annotations

import calendar
import contextlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from summarizer.schema import DatePrecision, Qualifier

__all__ = ["Amount", "DateRange", "parse_quantity", "resolve_when"]


@dataclass(frozen=True, slots=True)
class Amount:
    low: float | None
    high: float | None
    qualifier: Qualifier
    unit: str | None  # "USD", "EUR", "GBP", "JPY", "%" or None for plain counts


@dataclass(frozen=True, slots=True)
class DateRange:
    start: date | None
    end: date | None
    precision: DatePrecision


# ---------------------------------------------------------------------------- numbers

_ONES = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen"]
_TEENS += ["seventeen", "eighteen", "nineteen"]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_SMALL = {"zero": 0} | {w: i for i, w in enumerate([*_ONES, *_TEENS], 1)}
_SMALL |= {w: 10 * i for i, w in enumerate(_TENS, 2)}
_SCALES = {"hundred": 2, "thousand": 3, "million": 6, "billion": 9, "trillion": 12}
_DIGIT_SCALES = _SCALES | {"k": 3, "m": 6, "mn": 6, "b": 9, "bn": 9, "tn": 12}


def _either(words: list[str]) -> str:
    return "|".join(sorted(words, key=len, reverse=True))  # longest first: "sixteen", not "six"


_NUMBER_WORD = _either([*_SMALL, *_SCALES, "dozen", "half", "and", "an", "a"])
_WORD_RUN = re.compile(rf"\b(?:{_NUMBER_WORD})(?:[ -]+(?:{_NUMBER_WORD}))*\b")
_WORD = re.compile(r"[a-z]+")
_DIGITS = re.compile(
    r"(?<![\w.])([0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(\.[0-9]+)?"
    r"(?: ?(hundred|thousand|million|billion|trillion|mn|bn|tn)\b|([mbk])\b)?"
)
# In "three-quarters", "two and a half" or "a third of a million" the number is not the amount.
_FRACTION_WORD = r"(?:quarters?|thirds?|fifths?|halves|half)"
_FRACTION = re.compile(rf"(?:[ -]and a)?[ -]?{_FRACTION_WORD}\b")
_FRACTION_OF = re.compile(rf"\b{_FRACTION_WORD} of ?$")
_VAGUE = re.compile(
    r"\b(?:(dozen|score|ten|hundred|thousand|million|billion)s"
    r"|(?:several|a few|a couple of) (dozen|hundred|thousand|million|billion))"
    r"(?: (?:of )?(thousand|million|billion)s?)?\b"
)
_VAGUE_SIZE = {"dozen": 12, "score": 20, "ten": 10} | {w: 10**e for w, e in _SCALES.items()}
_CURRENCY = r"(?:us\$|[$€£¥]|usd|eur|gbp|jpy)"
_UNITS = [
    (re.compile(r"\$|\busd\b|\bdollars?\b"), "USD"),
    (re.compile(r"€|\beur\b|\beuros?\b"), "EUR"),
    (re.compile(r"£|\bgbp\b|\bpounds?\b"), "GBP"),
    (re.compile(r"¥|\bjpy\b|\byen\b"), "JPY"),
    (re.compile(r"%|\bper ?cent\b"), "%"),
]
_HEDGES = {
    Qualifier.ABOUT: "about|around|roughly|approximately|approx|some|an estimated|estimated",
    Qualifier.NEARLY: "nearly|almost|close to|just under|just shy of",
    Qualifier.AT_LEAST: "at least|no fewer than|no less than|not less than|a minimum of",
    Qualifier.MORE_THAN: "more than|over|just over|well over|upwards of|in excess of|above",
    Qualifier.AT_MOST: "up to|as many as|at most|a maximum of|no more than|not more than",
    Qualifier.LESS_THAN: "fewer than|less than|under|below|well under",
}
_HEDGES_AFTER = {  # "1,000 or more"
    Qualifier.ABOUT: "or so",
    Qualifier.AT_LEAST: "or more|plus|+",
    Qualifier.AT_MOST: "or fewer|or less",
}
_HEDGE_OF = {phrase: q for q, phrases in _HEDGES.items() for phrase in phrases.split("|")}
_HEDGE_AFTER_OF = {p: q for q, phrases in _HEDGES_AFTER.items() for p in phrases.split("|")}
_HEDGE_AFTER = re.compile(rf"[ -]?({_either([re.escape(p) for p in _HEDGE_AFTER_OF])})(?![a-z])")
_HEDGE = re.compile(rf"\b({_either([*_HEDGE_OF])})\.? ?{_CURRENCY}? ?$")
_BETWEEN = re.compile(rf"\bbetween ?{_CURRENCY}? ?$")
_RANGE_GAP = re.compile(rf"(?: |%|per ?cent)*(-|to|and|or) ?{_CURRENCY}? ?")
_UPPER_ONLY = {Qualifier.NEARLY, Qualifier.AT_MOST, Qualifier.LESS_THAN}
_LOWER_ONLY = {Qualifier.AT_LEAST, Qualifier.MORE_THAN}


@dataclass(frozen=True, slots=True)
class _Num:
    start: int
    end: int
    mantissa: str  # a decimal literal: float("2.4e9") is correctly rounded, a product may not be
    exp: int  # power of ten of a trailing scale word ("million": 6), else 0

    def value(self, exp: int | None = None) -> float:
        return float(f"{self.mantissa}e{self.exp if exp is None else exp}")


def _read_words(words: list[str], i: int) -> tuple[float, int, int] | None:
    """The longest well-formed number at words[i]: (mantissa, exponent, index after it)."""
    total, cur, ceiling, prev, k = 0.0, 0.0, 13, "", i
    ahead = [*words[i + 1 : i + 3], "", ""]
    if words[i] == "half" and ahead[0] == "a" and ahead[1] in _SCALES:
        cur, prev, k = 0.5, "a", i + 2
    elif words[i] in ("a", "an") and (ahead[0] in _SCALES or ahead[0] == "dozen"):
        cur, prev, k = 1.0, "a", i + 1
    # A word that cannot continue the number ends it, so "two and three" is two numbers.
    while k < len(words):
        w, nxt = words[k], words[k + 1] if k + 1 < len(words) else ""
        if w in _SMALL and (
            prev in ("", "hundred", "scale", "and") or (prev == "tens" and w in _ONES)
        ):
            cur, prev = cur + _SMALL[w], "tens" if w in _TENS else "small"
        elif w == "hundred" and prev in ("small", "tens", "a") and cur < 100:
            cur, prev = cur * 100, "hundred"
        elif w == "dozen" and prev in ("", "small", "a"):
            return (cur or 1.0) * 12, 0, k + 1
        elif w in _SCALES and prev in ("small", "tens", "hundred", "a") and _SCALES[w] < ceiling:
            ceiling = _SCALES[w]
            total, cur, prev = total + cur * 10.0**ceiling, 0.0, "scale"
        elif w == "and" and prev in ("hundred", "scale") and nxt in _SMALL:
            prev = "and"
        else:
            break
        k += 1
    if k == i or prev == "a":
        return None
    if prev == "scale":  # keep the scale apart so a range can lend it to its low end
        return total / 10.0**ceiling, ceiling, k
    return total + cur, 0, k


def _numbers(s: str, money: bool) -> list[_Num]:
    found = []
    for m in _DIGITS.finditer(s):
        exp = _DIGIT_SCALES.get(m[3] or (m[4] if money else None) or "", 0)
        found.append(_Num(m.start(), m.end(), m[1].replace(",", "") + (m[2] or ""), exp))
    for run in _WORD_RUN.finditer(s):
        tokens = list(_WORD.finditer(s, run.start(), run.end()))
        words, i = [t[0] for t in tokens], 0
        while i < len(tokens):
            if (got := _read_words(words, i)) is None:
                i += 1
                continue
            mantissa, exp, j = got
            found.append(_Num(tokens[i].start(), tokens[j - 1].end(), f"{mantissa:f}", exp))
            i = j
    return sorted(found, key=lambda n: n.start)


def parse_quantity(text: str) -> Amount:
    """Read a count, sum of money or percentage as written, e.g. "close to 3,000"."""
    s = " ".join(text.lower().replace("\u2013", "-").replace("\u2014", "-").split())
    hits = [(m.start(), unit) for pattern, unit in _UNITS if (m := pattern.search(s))]
    unit = min(hits)[1] if hits else None
    nums = _numbers(s, money=unit not in (None, "%"))
    vague = _VAGUE.search(s)
    if vague and (not nums or vague.start() < nums[0].start):
        size = _VAGUE_SIZE[vague[1] or vague[2]] * _VAGUE_SIZE.get(vague[3] or "", 1)
        return Amount(2.0 * size, None, Qualifier.AT_LEAST, unit)
    if not nums or _FRACTION.match(s, nums[0].end) or _FRACTION_OF.search(s, 0, nums[0].start):
        return Amount(None, None, Qualifier.UNKNOWN, unit)
    first, prefix = nums[0], s[: nums[0].start]
    gap = len(nums) > 1 and _RANGE_GAP.fullmatch(s, first.end, nums[1].start)
    if gap and (gap[1] != "and" or _BETWEEN.search(prefix)):
        second = nums[1]
        # "10 to 12 million" means millions at both ends; "900 to 1.2 million" does not.
        borrow = first.exp == 0 < second.exp and first.value() <= second.value(0)
        a, b = first.value(second.exp if borrow else None), second.value()
        return Amount(min(a, b), max(a, b), Qualifier.BETWEEN, unit)
    value, hedge, after = first.value(), _HEDGE.search(prefix), _HEDGE_AFTER.match(s, first.end)
    qualifier = _HEDGE_OF[hedge[1]] if hedge else Qualifier.EXACT
    qualifier = _HEDGE_AFTER_OF[after[1]] if after else qualifier
    low = None if qualifier in _UPPER_ONLY else value
    high = None if qualifier in _LOWER_ONLY else value
    return Amount(low, high, qualifier, unit)


# ------------------------------------------------------------------------------ dates

_Span = tuple[date, date]
_Relative = Callable[[re.Match[str], date], _Span]
_DAY = timedelta(days=1)
_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_WEEKDAY = f"({'|'.join(_WEEKDAYS)})"
_MONTH = (
    r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_DAY_NO = r"([0-9]{1,2})(?:st|nd|rd|th)?"
_COUNT = rf"([0-9]+|an?|(?:{_either(_TENS)})(?:[ -](?:{_either(_ONES)}))?|{_either([*_SMALL])})"
_THIS_LAST_NEXT = r"(?:(earlier|later) )?(this|last|previous|next) (?P<unit>week|month|year)"
_PRECISION = {p.value: p for p in DatePrecision}


def _one(day: date) -> _Span:
    return day, day


def _ymd(year: str | int, a: str, b: str) -> _Span:
    """One day, from a month and a day in either order ("dec", "27" or "27", "dec")."""
    month, day = (b, a) if b.isalpha() else (a, b)
    number = int(month) if month.isdigit() else _MONTHS.index(month[:3]) + 1
    return _one(date(int(year), number, int(day)))


def _month_of(year: str | int, name: str) -> _Span:
    return _period(date(int(year), _MONTHS.index(name[:3]) + 1, 1), "month")


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
    n = int(m[1]) if m[1].isdigit() else sum(_SMALL.get(w, 1) for w in _WORD.findall(m[1]))
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
    back = (p.weekday() - _WEEKDAYS.index(m[2])) % 7
    if m[1] in ("next", "coming"):  # "this coming Friday" matches from "coming"
        return _one(p + (7 - back) * _DAY)
    return _one(p - (back or (7 if m[1] in ("last", "past") else 0)) * _DAY)


def _named_month(m: re.Match[str], p: date) -> _Span:
    month = _MONTHS.index(m[2][:3]) + 1
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
        (r"day before yesterday", DatePrecision.DAY, _offset(-2)),
        (r"day after tomorrow", DatePrecision.DAY, _offset(2)),
        (r"yesterday|last night", DatePrecision.DAY, _offset(-1)),
        (r"today|tonight|this (?:morning|afternoon|evening)", DatePrecision.DAY, _offset(0)),
        (r"tomorrow", DatePrecision.DAY, _offset(1)),
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
