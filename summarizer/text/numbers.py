"""Number words: how news English writes a count in letters, and the scales after digits."""

from __future__ import annotations

ONES = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
TEENS = (
    "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
    "eighteen", "nineteen",
)  # fmt: skip
TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")

# Every word below a hundred that stands alone, with its value.
SMALL: dict[str, int] = {
    "zero": 0,
    **{w: i for i, w in enumerate((*ONES, *TEENS), 1)},
    **{w: 10 * i for i, w in enumerate(TENS, 2)},
}
# Scale words and their power of ten ("2.4 million", "two hundred").
SCALES: dict[str, int] = {"hundred": 2, "thousand": 3, "million": 6, "billion": 9, "trillion": 12}
# Abbreviated scales after digits ("2.4bn", "€310m", "5k"); the one-letter ones only count
# beside a currency, since "5m" may be metres.
SCALE_ABBREVIATIONS: dict[str, int] = {"mn": 6, "bn": 9, "tn": 12}
SCALE_LETTERS: dict[str, int] = {"k": 3, "m": 6, "b": 9}
# Words that count in units of their own ("a dozen", "three score").
GROUPS: dict[str, int] = {"dozen": 12, "score": 20}
# Words whose plural says "at least two of these" without a number ("dozens", "tens of
# thousands"), with the size of one.
VAGUE_PLURALS: dict[str, int] = {"ten": 10, **GROUPS, **{w: 10**e for w, e in SCALES.items()}}
# Words that make a vague count of a group or scale: "several hundred", "a few thousand".
VAGUE_COUNTS = ("several", "a few", "a couple of")
# Fractions: in "three-quarters" or "half a million" the number is not the amount.
FRACTIONS = ("quarter", "quarters", "third", "thirds", "fifth", "fifths", "half", "halves")
