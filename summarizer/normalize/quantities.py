"""Number words, as a model or the offline extractor copied them from an article → bounds.

``parse_quantity``: the first number counts, in digits ("3,000", "2.4bn"; a bare "m", "b" or
"k" only beside a currency) or words ("twenty-five", "a dozen", "half a million"). A hedge just
before it ("about", "nearly", "at least", ...) or just after it ("or more", "or so", "+") sets
the qualifier and so which bounds are known. "X to Y", "X-Y", "X or Y" and "between X and Y"
are ranges, and a scale word after Y also applies to a smaller X ("between 10 and 12 million").
A vague plural is at least two of its kind ("dozens" >= 24, "tens of thousands" >= 20,000);
"several", "many" and fractions ("three-quarters") are unknown. Every word comes from
``summarizer.text``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from summarizer.schema import Qualifier
from summarizer.text import hedges, money
from summarizer.text.numbers import (
    FRACTIONS,
    GROUPS,
    ONES,
    SCALE_ABBREVIATIONS,
    SCALE_LETTERS,
    SCALES,
    SMALL,
    TENS,
    VAGUE_COUNTS,
    VAGUE_PLURALS,
)
from summarizer.text.words import alternation

__all__ = ["Amount", "parse_quantity"]


@dataclass(frozen=True, slots=True)
class Amount:
    low: float | None
    high: float | None
    qualifier: Qualifier
    unit: str | None  # an ISO 4217 code ("USD", "EUR"…), "%" or None for plain counts


_NUMBER_WORD = alternation([*SMALL, *SCALES, *GROUPS, "half", "and", "an", "a"], space=" ")
_WORD_RUN = re.compile(rf"\b(?:{_NUMBER_WORD})(?:[ -]+(?:{_NUMBER_WORD}))*\b")
_WORD = re.compile(r"[a-z]+")
# A run of number words holds a number only if one of them has a value: "a", "an", "and" and
# "half" alone never do, and they make most runs of running text.
_VALUE_WORD = re.compile(rf"\b(?:{alternation([*SMALL, *SCALES, *GROUPS], space=' ')})\b")
_DIGITS = re.compile(
    r"(?<![\w.])([0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(\.[0-9]+)?"
    rf"(?: ?({alternation([*SCALES, *SCALE_ABBREVIATIONS])})\b|({alternation(SCALE_LETTERS)})\b)?"
)
_DIGIT_SCALES = SCALES | SCALE_ABBREVIATIONS | SCALE_LETTERS
_FRACTION_WORD = f"(?:{alternation(FRACTIONS)})"
_FRACTION = re.compile(rf"(?:[ -]and a)?[ -]?{_FRACTION_WORD}\b")
_FRACTION_OF = re.compile(rf"\b{_FRACTION_WORD} of ?$")
_VAGUE = re.compile(
    rf"\b(?:({alternation(VAGUE_PLURALS)})s"
    rf"|(?:{alternation(VAGUE_COUNTS, space=' ')}) ({alternation([*GROUPS, *SCALES])}))"
    rf"(?: (?:of )?({alternation([w for w in SCALES if w != 'hundred'])})s?)?\b"
)
_CURRENCY = f"(?:{alternation([*money.SYMBOLS, *money.CODES])})"
_CURRENCY_NAMES = money.name_forms()
_UNIT = re.compile(
    rf"({alternation(money.SYMBOLS)})|\b({alternation([*money.CODES, *_CURRENCY_NAMES])})\b"
    rf"|({re.escape(money.PERCENT_SIGN)}|\b(?:{alternation(money.PERCENT_WORDS, space=' ?')})\b)"
)
_HEDGE_OF = {p: Qualifier(q) for p, q in hedges.qualifier_of(hedges.BEFORE).items()}
_HEDGE_AFTER_OF = {p: Qualifier(q) for p, q in hedges.qualifier_of(hedges.AFTER).items()}
_HEDGE_AFTER = re.compile(rf"[ -]?({alternation(_HEDGE_AFTER_OF, space=' ')})(?![a-z])")
_HEDGE = re.compile(rf"\b({alternation(_HEDGE_OF, space=' ')})\.? ?{_CURRENCY}? ?$")
_BETWEEN = re.compile(rf"\b{hedges.RANGE_OPENER} ?{_CURRENCY}? ?$")
_RANGE_GAP = re.compile(rf"(?: |%|per ?cent)*(-|to|and|or) ?{_CURRENCY}? ?")
_UPPER_ONLY = {Qualifier(q) for q in hedges.UPPER_ONLY}
_LOWER_ONLY = {Qualifier(q) for q in hedges.LOWER_ONLY}


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
    if words[i] == "half" and ahead[0] == "a" and ahead[1] in SCALES:
        cur, prev, k = 0.5, "a", i + 2
    elif words[i] in ("a", "an") and (ahead[0] in SCALES or ahead[0] in GROUPS):
        cur, prev, k = 1.0, "a", i + 1
    # A word that cannot continue the number ends it, so "two and three" is two numbers.
    while k < len(words):
        w, nxt = words[k], words[k + 1] if k + 1 < len(words) else ""
        if w in SMALL and (
            prev in ("", "hundred", "scale", "and") or (prev == "tens" and w in ONES)
        ):
            cur, prev = cur + SMALL[w], "tens" if w in TENS else "small"
        elif w == "hundred" and prev in ("small", "tens", "a") and cur < 100:
            cur, prev = cur * 100, "hundred"
        elif w in GROUPS and prev in ("", "small", "a"):
            return (cur or 1.0) * GROUPS[w], 0, k + 1
        elif w in SCALES and prev in ("small", "tens", "hundred", "a") and SCALES[w] < ceiling:
            ceiling = SCALES[w]
            total, cur, prev = total + cur * 10.0**ceiling, 0.0, "scale"
        elif w == "and" and prev in ("hundred", "scale") and nxt in SMALL:
            prev = "and"
        else:
            break
        k += 1
    if k == i or prev == "a":
        return None
    if prev == "scale":  # keep the scale apart so a range can lend it to its low end
        return total / 10.0**ceiling, ceiling, k
    return total + cur, 0, k


def _numbers(s: str, is_money: bool) -> list[_Num]:
    found = []
    for m in _DIGITS.finditer(s):
        exp = _DIGIT_SCALES.get(m[3] or (m[4] if is_money else None) or "", 0)
        found.append(_Num(m.start(), m.end(), m[1].replace(",", "") + (m[2] or ""), exp))
    for run in _WORD_RUN.finditer(s) if _VALUE_WORD.search(s) else ():
        if not _VALUE_WORD.search(s, run.start(), run.end()):
            continue
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
    unit, is_money = _unit(s)
    nums = _numbers(s, is_money)
    vague = _VAGUE.search(s)
    if vague and (not nums or vague.start() < nums[0].start):
        size = VAGUE_PLURALS[vague[1] or vague[2]] * VAGUE_PLURALS.get(vague[3] or "", 1)
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


def _unit(s: str) -> tuple[str | None, bool]:
    """The unit the first currency or percent sign names, and whether it is money at all."""
    found = _UNIT.search(s)
    if found is None:
        return None, False
    symbol, word, percent = found.groups()
    if percent:
        return money.PERCENT_SIGN, False
    if symbol:
        return money.SYMBOLS[symbol], True
    return (word.upper(), True) if word in money.CODES else (_CURRENCY_NAMES[word], True)


@dataclass(frozen=True, slots=True)
class StatedNumber:
    """A number as running text states it: its value with the scale applied, and its kind."""

    written: str
    value: float
    percent: bool = False
    ordinal: bool = False
    vague: bool = False  # "thousands", "dozens": at least ``value``


_ORDINAL_AFTER = re.compile(r"(?:st|nd|rd|th)\b")
_PERCENT_AFTER = re.compile(rf"\s?(?:{re.escape(money.PERCENT_SIGN)}|per ?cent\b)")


def stated_numbers(text: str) -> list[StatedNumber]:
    """Every number ``text`` states: digits and number words, scales applied ("3 million" is
    3e6, "$2.4bn" 2.4e9), a sign ("-5"), a per cent, an ordinal ("3rd") and vague counts
    ("thousands"). A bare "one" is left out: it is mostly a pronoun or an article."""
    s = " ".join(
        text.lower().replace("\u2013", "-").replace("\u2014", "-").replace("\u2212", "-").split()
    )
    found: list[StatedNumber] = []
    for n in _numbers(s, is_money=True):
        written = s[n.start : n.end]
        if written in ("one", "a", "an"):
            continue
        value = n.value()
        if s[: n.start].endswith("-") and not s[: n.start - 1][-1:].isalnum():
            value = -value
        found.append(
            StatedNumber(
                written,
                value,
                percent=bool(_PERCENT_AFTER.match(s, n.end)),
                ordinal=bool(_ORDINAL_AFTER.match(s, n.end)),
            )
        )
    for m in _VAGUE.finditer(s):
        size = VAGUE_PLURALS[m[1] or m[2]] * VAGUE_PLURALS.get(m[3] or "", 1)
        found.append(StatedNumber(m.group(), 2.0 * size, vague=True))
    return found
