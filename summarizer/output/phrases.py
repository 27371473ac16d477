"""Short phrases the human-readable views share: who says so, how many, when, which figures
disagree.

``words`` is how a view shows text that came from the article or the model (Markdown escapes
it; the terminal table shows it as it is). The hedges a figure is shown with ("nearly",
"at least", "up to") are the vocabulary's own (``text.hedges``), not a second copy.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from summarizer.schema import Attribution, Counted, Evidence, Quantity, StructuredSummary, When
from summarizer.text.hedges import BEFORE, LOWER_ONLY, RANGE_OPENER, UPPER_ONLY

# Counts whose name says nothing a reader needs after the number ("about 1,200 jobs", not
# "about 1,200 jobs other").
_UNNAMED = frozenset({Counted.MONEY, Counted.PERCENTAGE, Counted.OTHER})
# A "killed or injured" figure is set beside a "killed" and an "injured" one.
_EITHER = {Counted.KILLED_OR_INJURED: (Counted.KILLED, Counted.INJURED)}


def _as_is(value: str) -> str:
    return value


def says(attribution: Attribution | None, words: Callable[[str], str] = _as_is) -> str:
    """' (stated by X)', ' (the outlet)' or '' when nobody is named."""
    if attribution is None:
        return ""
    if attribution.outlet_asserts:
        return " (the outlet)"
    return f" ({attribution.how.value} by {words(attribution.source)})"


def source(attribution: Attribution | None, words: Callable[[str], str] = _as_is) -> str:
    """Who says so, in a word or a name: 'the outlet', 'Seoul's spy agency', '' for nobody."""
    if attribution is None:
        return ""
    return "the outlet" if attribution.outlet_asserts else words(attribution.source)


_SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))


def number(value: float) -> str:
    """'3,000', '2.5', '2.4 billion', '1,250,001': grouped digits, a million or more in words
    when that loses nothing (never '3e+06')."""
    value = float(value)  # an int from a hand-built model too
    for scale, word in _SCALES:
        scaled = round(value / scale, 3)
        if 1 <= abs(scaled) < 1000 and abs(scaled * scale - value) < 0.5:  # float error only
            return f"{_digits(scaled)} {word}"
    return _digits(value)


def _digits(value: float) -> str:
    if float(value).is_integer():
        return f"{int(value):,}"
    shown = f"{value:,.6f}".rstrip("0").rstrip(".")
    return shown if shown not in ("0", "-0") else str(value)  # a tiny fraction stays one


def _with_unit(value: float, unit: str | None) -> str:
    if unit is None:
        return number(value)
    if unit == "%":
        return f"{number(value)}%"
    return f"{unit} {number(value)}"


def bounds(q: Quantity, words: Callable[[str], str] = _as_is) -> str:
    """The parsed bounds in words: '41', 'about 1,000', 'nearly 3,000', 'at least 100',
    'up to 50', 'between 10,000 and 12,000', 'USD 2,500', '12%'. A number code could not
    parse ("scores") is shown as written."""
    low, high, qualifier = q.low, q.high, q.qualifier.value
    if low is None and high is None:
        return words(q.text) or "?"
    if low is not None and high is not None:
        if low != high:
            return f"{RANGE_OPENER} {_with_unit(low, q.unit)} and {_with_unit(high, q.unit)}"
        hedge = f"{BEFORE[qualifier][0]} " if qualifier == "about" else ""
        return hedge + _with_unit(low, q.unit)
    if low is None:  # an upper bound only
        assert high is not None
        hedge = BEFORE[qualifier if qualifier in UPPER_ONLY else "at_most"][0]
        return f"{hedge} {_with_unit(high, q.unit)}"
    hedge = BEFORE[qualifier if qualifier in LOWER_ONLY else "at_least"][0]
    return f"{hedge} {_with_unit(low, q.unit)}"


def figure(q: Quantity, words: Callable[[str], str] = _as_is) -> str:
    """A quantity as a reader says it: 'nearly 3,000 North Korean troops killed or injured'."""
    parts = [bounds(q, words)]
    if q.of_whom:
        parts.append(words(q.of_whom))
    if q.counted not in _UNNAMED:
        parts.append(q.counted.value.replace("_", " "))
    return " ".join(parts)


def when(w: When | None, words: Callable[[str], str] = _as_is) -> str:
    """The time words with the days they resolved to: 'on Friday [2024-12-27]'."""
    if w is None:
        return ""
    if w.start is None:
        return words(w.text)
    end = w.end or w.start  # a start alone is one day
    span = w.start.isoformat() if w.start == end else f"{w.start}…{end}"
    return f"{words(w.text)} [{span}]"


@dataclass(frozen=True)
class Reported:
    """One figure as one source gives it."""

    quantity: Quantity
    attribution: Attribution | None
    place: str | None = None  # where its event happened, as compared (lowercase, one space)


def contested(summary: StructuredSummary) -> list[tuple[Counted, list[Reported]]]:
    """The counts of people that sources disagree on: for each thing counted (killed,
    displaced, detained…), the figures given for it when at least two sources give at least
    two different numbers.
    A "killed or injured" figure stands beside the "killed" and the "injured" ones. Each
    figure comes once, with its own source (else its event's), in the order of the summary."""
    groups: dict[Counted, list[Reported]] = {}
    for e in summary.events:
        for q in e.quantities:
            said = q.attribution or e.attribution
            if q.counted in _UNNAMED or said is None or (q.low is None and q.high is None):
                # Money, percentages and "other" count different things (revenue, profit);
                # a figure nobody gives, or "scores", has no side to take.
                continue
            for counted in (q.counted, *_EITHER.get(q.counted, ())):
                group = groups.setdefault(counted, [])
                if not any(_same(r, q, said) for r in group):
                    place = " ".join(e.where.text.casefold().split()) if e.where else None
                    group.append(Reported(q, said, place))
    found: list[tuple[Counted, list[Reported]]] = []
    for counted, group in groups.items():
        # Tolls of events in two places are two tolls, not two sides of one: a figure with no
        # place stands beside the figures of each place.
        places: list[str | None] = [*sorted({r.place for r in group if r.place})] or [None]
        for place in places:
            part = [r for r in group if r.place in (place, None)]
            own = [r for r in part if r.quantity.counted == counted]
            if not own:
                continue  # only "killed or injured" figures: they are judged under that name
            sources = {source(r.attribution) for r in part}
            numbers = {(r.quantity.low, r.quantity.high, r.quantity.unit) for r in part}
            if len(sources) > 1 and len(numbers) > 1:
                found.append((counted, part))
    return found


def _same(r: Reported, q: Quantity, said: Attribution | None) -> bool:
    """The same figure from the same source (an extractor may give it to two events)."""
    mine = (r.quantity.low, r.quantity.high, r.quantity.unit, r.quantity.counted)
    return mine == (q.low, q.high, q.unit, q.counted) and source(r.attribution) == source(said)


def sources_of(evidence: list[Evidence], summary: StructuredSummary) -> list[str]:
    """Who says what ``evidence`` says: the sources of the events, figures and claims whose
    evidence overlaps it, each once, in the order of the summary."""
    spans = [(ev.start, ev.end) for ev in evidence]

    def overlaps(others: list[Evidence]) -> bool:
        return any(o.start < end and start < o.end for o in others for start, end in spans)

    found: list[str] = []
    said: list[Attribution | None] = []
    for e in summary.events:
        if overlaps(e.evidence):
            said.append(e.attribution)
        said += [q.attribution for q in e.quantities if overlaps(q.evidence)]
    said += [c.attribution for c in summary.claims if overlaps(c.evidence)]
    for attribution in said:
        name = source(attribution)
        if name and name not in found:
            found.append(name)
    return found
