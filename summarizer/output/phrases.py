"""Short phrases the human-readable views share: who says so, how many, when."""

from __future__ import annotations

from summarizer.schema import Attribution, Event, Quantity


def says(attribution: Attribution | None) -> str:
    """' (stated by X)', ' (the outlet)' or '' when nobody is named."""
    if attribution is None:
        return ""
    if attribution.outlet_asserts:
        return " (the outlet)"
    return f" ({attribution.how.value} by {attribution.source})"


def amount(q: Quantity) -> str:
    """The parsed bounds: '41', '10,000–12,000', '–3,000' (at most), '?' when unknown."""
    if q.low is None and q.high is None:
        return "?"
    if q.low == q.high:
        return f"{q.low:,g}"
    return f"{'' if q.low is None else f'{q.low:,g}'}–{'' if q.high is None else f'{q.high:,g}'}"


def when(event: Event) -> str:
    """The time words with the days they resolved to: 'on Friday [2024-12-27]'."""
    if event.when is None:
        return ""
    w = event.when
    if w.start is None:
        return w.text
    span = w.start.isoformat() if w.start == w.end else f"{w.start}…{w.end}"
    return f"{w.text} [{span}]"
