"""The model's draft → checked facts: ground every quote, drop what is not found, normalise.

Grounding: each evidence quote is aligned to the cleaned text (``align.Aligner``); the span
is what code found. A quote that cannot be found is removed; an item left with no evidence is
dropped and listed in the diagnostics. A quantity whose words are not in its evidence is dropped
too. Normalising: time words are resolved against the publication date, number words parsed into
bounds (``summarizer.normalize``); the model's arithmetic is never used.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from summarizer.draft import ArticleSummary, DraftAttribution, DraftEvent, DraftQuantity
from summarizer.grounding.align import Aligner, within
from summarizer.normalize.dates import resolve_when
from summarizer.normalize.quantities import parse_quantity
from summarizer.schema import (
    Actor,
    Attribution,
    Claim,
    DroppedItem,
    Event,
    EventActor,
    Evidence,
    GroundingStats,
    MatchKind,
    Place,
    Quantity,
    When,
)


@dataclass
class Facts:
    events: list[Event]
    actors: list[Actor]
    claims: list[Claim]
    grounding: GroundingStats
    dropped: list[DroppedItem] = field(default_factory=list)


class _Grounder:
    def __init__(self, text: str) -> None:
        self.aligner = Aligner(text)
        self.text = text
        self.counts: Counter[str] = Counter()
        self.dropped: list[DroppedItem] = []

    def evidence(self, quotes: list[str]) -> tuple[list[Evidence], list[str]]:
        found: list[Evidence] = []
        missing: list[str] = []
        for quote in quotes:
            span = self.aligner.find(quote)
            self.counts["quotes"] += 1
            if span is None:
                self.counts["dropped"] += 1
                missing.append(quote)
                continue
            self.counts[span.match.value] += 1
            found.append(
                Evidence(
                    quote=self.text[span.start : span.end],
                    start=span.start,
                    end=span.end,
                    match=span.match,
                )
            )
        return found, missing

    def drop(self, path: str, reason: str, quotes: list[str]) -> None:
        self.dropped.append(DroppedItem(path=path, reason=reason, quotes=quotes))

    def stats(self) -> GroundingStats:
        return GroundingStats(
            quotes=self.counts["quotes"],
            exact=self.counts[MatchKind.EXACT.value],
            normalised=self.counts[MatchKind.NORMALISED.value],
            fuzzy=self.counts[MatchKind.FUZZY.value],
            dropped=self.counts["dropped"],
        )


def assemble(draft: ArticleSummary, text: str, published: date | None) -> Facts:
    """Ground and normalise every item of ``draft`` against the cleaned ``text``."""
    g = _Grounder(text)
    events = [
        e for i, d in enumerate(draft.events) if (e := _event(g, f"events[{i}]", d, published))
    ]
    actors: list[Actor] = []
    for i, a in enumerate(draft.actors):
        found, missing = g.evidence(a.evidence)
        if found:
            actors.append(
                Actor(name=a.name, kind=a.kind, description=a.description, evidence=found)
            )
        else:
            g.drop(f"actors[{i}]", _why(missing), missing)
    claims: list[Claim] = []
    for i, c in enumerate(draft.claims):
        found, missing = g.evidence(c.evidence)
        if found:
            claims.append(
                Claim(
                    statement=c.statement,
                    attribution=_attribution(c.attribution),
                    certainty=c.certainty,
                    evidence=found,
                )
            )
        else:
            g.drop(f"claims[{i}]", _why(missing), missing)
    return Facts(events, actors, claims, g.stats(), g.dropped)


def _why(missing: list[str]) -> str:
    return "evidence not found in the article" if missing else "no evidence given"


def _event(g: _Grounder, path: str, d: DraftEvent, published: date | None) -> Event | None:
    found, missing = g.evidence(d.evidence)
    quantities = [
        q for j, dq in enumerate(d.quantities) if (q := _quantity(g, f"{path}.quantities[{j}]", dq))
    ]
    if not found:
        g.drop(path, _why(missing), missing)
        return None
    return Event(
        type=d.type,
        description=d.description,
        actors=[EventActor(name=a.name, role=a.role) for a in d.actors],
        when=_when(d.when, published),
        where=Place(text=d.where, country=d.country) if d.where else None,
        quantities=quantities,
        attribution=_attribution(d.attribution),
        certainty=d.certainty,
        evidence=found,
    )


def _quantity(g: _Grounder, path: str, d: DraftQuantity) -> Quantity | None:
    found, missing = g.evidence(d.evidence)
    if not found:
        g.drop(path, _why(missing), missing)
        return None
    if not within(d.text, [e.quote for e in found]):
        g.drop(
            path, f"the number words {d.text!r} are not in its evidence", [e.quote for e in found]
        )
        return None
    amount = parse_quantity(d.text)
    return Quantity(
        counted=d.counted,
        of_whom=d.of_whom,
        text=d.text,
        low=amount.low,
        high=amount.high,
        qualifier=amount.qualifier,
        unit=amount.unit,
        attribution=_attribution(d.attribution),
        evidence=found,
    )


def _when(text: str | None, published: date | None) -> When | None:
    if not text or not text.strip():
        return None
    resolved = resolve_when(text, published)
    return When(text=text, start=resolved.start, end=resolved.end, precision=resolved.precision)


def _attribution(d: DraftAttribution | None) -> Attribution | None:
    if d is None:
        return None
    return Attribution(source=d.source, kind=d.kind, how=d.how, outlet_asserts=d.outlet_asserts)
