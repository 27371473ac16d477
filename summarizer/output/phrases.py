"""Short phrases the human-readable views share: who says so, how many, when.

``words`` is how a view shows text that came from the article or the model (Markdown escapes
it; the terminal table shows it as it is).
"""

from __future__ import annotations

from collections.abc import Callable

from summarizer.schema import Attribution, Quantity, When


def _as_is(value: str) -> str:
    return value


def says(attribution: Attribution | None, words: Callable[[str], str] = _as_is) -> str:
    """' (stated by X)', ' (the outlet)' or '' when nobody is named."""
    if attribution is None:
        return ""
    if attribution.outlet_asserts:
        return " (the outlet)"
    return f" ({attribution.how.value} by {words(attribution.source)})"


def amount(q: Quantity) -> str:
    """The parsed bounds: '41', '10,000–12,000', '–3,000' (at most), '?' when unknown."""
    if q.low is None and q.high is None:
        return "?"
    if q.low == q.high:
        return f"{q.low:,g}"
    return f"{'' if q.low is None else f'{q.low:,g}'}–{'' if q.high is None else f'{q.high:,g}'}"


def when(w: When | None, words: Callable[[str], str] = _as_is) -> str:
    """The time words with the days they resolved to: 'on Friday [2024-12-27]'."""
    if w is None:
        return ""
    if w.start is None:
        return words(w.text)
    span = w.start.isoformat() if w.start == w.end else f"{w.start}…{w.end}"
    return f"{words(w.text)} [{span}]"
