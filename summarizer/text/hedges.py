"""Hedges: the words around a number that say which bounds it gives.

Keyed by the name of the qualifier they set (the values of ``schema.Qualifier``), so that the
parser in ``normalize`` and the figure finder of the offline extractor read them alike. A
longer phrase wins over one it contains: "no more than 50" is at most 50, not more than 50.
"""

from __future__ import annotations

BEFORE: dict[str, tuple[str, ...]] = {
    "about": (
        "about", "around", "roughly", "approximately", "approx", "some", "an estimated",
        "estimated", "more or less",
    ),
    "nearly": ("nearly", "almost", "close to", "just under", "just shy of", "just below"),
    "at_least": (
        "at least", "no fewer than", "no less than", "not fewer than", "not less than",
        "a minimum of",
    ),
    "more_than": (
        "more than", "over", "just over", "well over", "upwards of", "upward of", "in excess of",
        "above", "well above",
    ),
    "at_most": (
        "up to", "as many as", "at most", "a maximum of", "no more than", "not more than",
    ),
    "less_than": ("fewer than", "less than", "under", "below", "well under", "well below"),
}  # fmt: skip
AFTER: dict[str, tuple[str, ...]] = {
    "about": ("or so",),
    "at_least": ("or more", "plus", "+"),
    "at_most": ("or fewer", "or less"),
}
# "between 10,000 and 12,000": the word that opens a range joined by "and".
RANGE_OPENER = "between"
# The qualifier whose hedges say "an upper bound only" or "a lower bound only".
UPPER_ONLY = frozenset({"nearly", "at_most", "less_than"})
LOWER_ONLY = frozenset({"at_least", "more_than"})


def qualifier_of(phrases: dict[str, tuple[str, ...]]) -> dict[str, str]:
    """Phrase → qualifier name, for one of the tables above."""
    return {phrase: name for name, group in phrases.items() for phrase in group}
