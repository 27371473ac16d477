"""The model's draft → checked facts: ground every quote and every field, drop the rest, normalise.

Quotes: each evidence quote is aligned to the cleaned text (``align.Aligner``); the span is what
code found. A quote that is not in the article, or too short to carry a fact, is removed; an
item left with no evidence is dropped.

Fields (``rules``): every actor name, attribution source, place, time and ``of_whom`` must stand
in the evidence of the item that carries it, and a place's country in the article. One that
does not is removed on its own — the actor taken off the event, the attribution, place, time,
country or ``of_whom`` set to null — and the item kept; a claim, which cannot be without its
source, goes whole. A number in the model's own prose (a description, a claim's statement, a
key point) must be in that item's evidence, and a number in the headline or lede in the
article; otherwise the item is dropped (an actor loses only its description), and the headline
or lede replaced by the article's own words. A quantity whose words are not its evidence's
whole figure is dropped. Every removal is listed, with its path, value and reason, in
``dropped``.

Normalising: time words are resolved against the publication date, number words parsed into
bounds (``summarizer.normalize``); the model's arithmetic is never used.

``check`` runs this same pass to tell the model what to fix, so what a re-ask is asked to fix
and what is dropped after the last re-ask are one list.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from summarizer.draft import (
    ArticleSummary,
    DraftActor,
    DraftAttribution,
    DraftClaim,
    DraftEvent,
    DraftKeyPoint,
    DraftQuantity,
)
from summarizer.grounding.align import Aligner
from summarizer.grounding.rules import (
    MAX_EVIDENCE_CHARS,
    MIN_EVIDENCE_WORDS,
    missing_numbers,
    name_problem,
    quantity_problem,
    time_problem,
    too_long,
    too_short,
)
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
    KeyPoint,
    MatchKind,
    Place,
    Quantity,
    When,
)

NOT_FOUND = "quote not in the article"
TOO_SHORT = f"quote too short to support a fact (fewer than {MIN_EVIDENCE_WORDS} words)"
TOO_LONG = f"quote too long (over {MAX_EVIDENCE_CHARS} characters): quote one sentence"
NO_EVIDENCE = "no evidence quote"
_SENTENCE = re.compile(r"\S.*?(?:[.!?](?=[\s\"'\u201d\u2019)]|$)|$)")
_ENDS_SENTENCE = re.compile(r"[.!?][\"'\u201d\u2019)]*$")
_FALLBACK_HEADLINE_WORDS = 14


@dataclass
class Facts:
    headline: str
    lede: str
    key_points: list[KeyPoint]
    events: list[Event]
    actors: list[Actor]
    claims: list[Claim]
    grounding: GroundingStats
    dropped: list[DroppedItem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


class _Grounder:
    def __init__(self, text: str) -> None:
        self.aligner = Aligner(text)
        self.text = text
        self.counts: Counter[str] = Counter()
        self.dropped: list[DroppedItem] = []

    def evidence(self, path: str, quotes: list[str]) -> list[Evidence]:
        """The quotes of the item at ``path`` that are evidence. Each one that is not is listed;
        when none is, the item is listed once instead, with all its quotes."""
        found: list[Evidence] = []
        bad: list[DroppedItem] = []
        for k, quote in enumerate(quotes):
            self.counts["quotes"] += 1
            span = None if too_long(quote) else self.aligner.find(quote)
            if span is None or too_short(quote):
                self.counts["dropped"] += 1
                reason = TOO_LONG if too_long(quote) else NOT_FOUND if span is None else TOO_SHORT
                bad.append(DroppedItem(path=f"{path}.evidence[{k}]", reason=reason, quotes=[quote]))
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
        if found:
            self.dropped += bad
        elif not quotes:
            self.drop(path, NO_EVIDENCE, [])
        else:
            reasons = "; ".join(sorted({item.reason for item in bad}))
            self.drop(path, f"no evidence left: {reasons}", quotes)
        return found

    def named(
        self,
        path: str,
        value: str | None,
        what: str,
        quotes: list[str],
        *,
        required: bool = False,
        time: bool = False,
    ) -> str | None:
        """``value`` when it stands in ``quotes``; else None, and the removal listed. A blank
        optional value is no value; a blank required one (a name, a source) is a removal."""
        if value is None or (not value.strip() and not required):
            return None
        self.counts["fields"] += 1
        problem = (time_problem if time else name_problem)(value, quotes)
        if problem is None:
            return value
        self.counts["fields_dropped"] += 1
        self.drop(path, f"{what} {problem}", quotes, value)
        return None

    def in_article(self, path: str, value: str | None, what: str) -> str | None:
        """``value`` when the article names it anywhere; else None, and the removal listed."""
        if value is None or not value.strip():
            return None
        self.counts["fields"] += 1
        if (problem := name_problem(value, [self.aligner])) is None:
            return value
        self.counts["fields_dropped"] += 1
        self.drop(path, f"{what} {problem.replace('its evidence', 'the article')}", [], value)
        return None

    def numbers_in(self, path: str, prose: str, what: str, sources: list[str]) -> bool:
        """True when every number of ``prose`` is in ``sources``; else it is listed at ``path``
        (the caller drops the item there, or the field)."""
        self.counts["fields"] += 1
        missing = missing_numbers(prose, sources)
        if not missing:
            return True
        self.counts["fields_dropped"] += 1
        listed = ", ".join(missing)
        where = "the article" if sources == [self.text] else "its evidence"
        self.drop(
            path,
            f"{what} gives {listed}, which {where} does not",
            [] if where == "the article" else sources,
            prose,
        )
        return False

    def drop(self, path: str, reason: str, quotes: list[str], value: str | None = None) -> None:
        self.dropped.append(DroppedItem(path=path, value=value, reason=reason, quotes=quotes))

    def stats(self) -> GroundingStats:
        return GroundingStats(
            quotes=self.counts["quotes"],
            exact=self.counts[MatchKind.EXACT.value],
            normalised=self.counts[MatchKind.NORMALISED.value],
            fuzzy=self.counts[MatchKind.FUZZY.value],
            dropped=self.counts["dropped"],
            fields=self.counts["fields"],
            fields_dropped=self.counts["fields_dropped"],
        )


def assemble(
    draft: ArticleSummary, text: str, published: date | None, *, title: str | None = None
) -> Facts:
    """Ground and normalise every item of ``draft`` against the cleaned ``text``."""
    g = _Grounder(text)
    events = [
        e for i, d in enumerate(draft.events) if (e := _event(g, f"events[{i}]", d, published))
    ]
    actors = [a for i, d in enumerate(draft.actors) if (a := _actor(g, f"actors[{i}]", d))]
    claims = [c for i, d in enumerate(draft.claims) if (c := _claim(g, f"claims[{i}]", d))]
    points = [
        p for i, d in enumerate(draft.key_points) if (p := _key_point(g, f"key_points[{i}]", d))
    ]
    warnings: list[str] = []
    headline, lede = draft.headline, draft.lede
    if not g.numbers_in("headline", headline, "the headline", [text]):
        headline = _fallback_headline(text, title)
        warnings.append(
            "the headline gave a number the article does not; the article's words stand in"
        )
    if not g.numbers_in("lede", lede, "the lede", [text]):
        lede = _first_sentence(text, title)
        warnings.append("the lede gave a number the article does not; its first sentence stands in")
    return Facts(headline, lede, points, events, actors, claims, g.stats(), g.dropped, warnings)


def _event(g: _Grounder, path: str, d: DraftEvent, published: date | None) -> Event | None:
    found = g.evidence(path, d.evidence)
    quantities = [
        q for j, dq in enumerate(d.quantities) if (q := _quantity(g, f"{path}.quantities[{j}]", dq))
    ]
    if not found:
        return None
    quotes = [e.quote for e in found]
    if not g.numbers_in(path, d.description, "the description", quotes + _quotes_of(quantities)):
        return None
    actors = [
        EventActor(name=a.name, role=a.role)
        for k, a in enumerate(d.actors)
        if g.named(f"{path}.actors[{k}]", a.name, "the actor's name", quotes, required=True)
    ]
    where = g.named(f"{path}.where", d.where, "the place", quotes)
    country = g.in_article(f"{path}.country", d.country, "the country") if where else None
    return Event(
        type=d.type,
        description=d.description,
        actors=actors,
        when=_when(g.named(f"{path}.when", d.when, "the time", quotes, time=True), published),
        where=Place(text=where, country=country) if where else None,
        quantities=quantities,
        attribution=_attribution(g, f"{path}.attribution", d.attribution, quotes),
        certainty=d.certainty,
        evidence=found,
    )


def _quantity(g: _Grounder, path: str, d: DraftQuantity) -> Quantity | None:
    found = g.evidence(path, d.evidence)
    if not found:
        return None
    quotes = [e.quote for e in found]
    g.counts["fields"] += 1
    if problem := quantity_problem(d.text, quotes):
        g.counts["fields_dropped"] += 1
        g.drop(path, f"the number words {problem}", quotes, d.text)
        return None
    amount = parse_quantity(d.text)
    return Quantity(
        counted=d.counted,
        of_whom=g.named(f"{path}.of_whom", d.of_whom, "who is counted", quotes),
        text=d.text,
        low=amount.low,
        high=amount.high,
        qualifier=amount.qualifier,
        unit=amount.unit,
        attribution=_attribution(g, f"{path}.attribution", d.attribution, quotes),
        evidence=found,
    )


def _actor(g: _Grounder, path: str, d: DraftActor) -> Actor | None:
    found = g.evidence(path, d.evidence)
    if not found:
        return None
    quotes = [e.quote for e in found]
    if not g.named(path, d.name, "the name", quotes, required=True):
        return None
    description = d.description
    if description and not g.numbers_in(
        f"{path}.description", description, "the description", quotes
    ):
        description = None
    return Actor(name=d.name, kind=d.kind, description=description, evidence=found)


def _claim(g: _Grounder, path: str, d: DraftClaim) -> Claim | None:
    found = g.evidence(path, d.evidence)
    if not found:
        return None
    quotes = [e.quote for e in found]
    if not g.numbers_in(path, d.statement, "the statement", quotes):
        return None
    attribution = _attribution(g, path, d.attribution, quotes)
    if attribution is None:
        return None  # a claim is its source's: without one there is no claim
    return Claim(
        statement=d.statement, attribution=attribution, certainty=d.certainty, evidence=found
    )


def _key_point(g: _Grounder, path: str, d: DraftKeyPoint) -> KeyPoint | None:
    found = g.evidence(path, d.evidence)
    if not found:
        return None
    if not g.numbers_in(path, d.text, "the key point", [e.quote for e in found]):
        return None
    return KeyPoint(text=d.text, evidence=found)


def _quotes_of(quantities: list[Quantity]) -> list[str]:
    return [e.quote for q in quantities for e in q.evidence]


def _when(text: str | None, published: date | None) -> When | None:
    if not text or not text.strip():
        return None
    resolved = resolve_when(text, published)
    return When(text=text, start=resolved.start, end=resolved.end, precision=resolved.precision)


def _attribution(
    g: _Grounder, path: str, d: DraftAttribution | None, quotes: list[str]
) -> Attribution | None:
    if d is None or not g.named(path, d.source, "the source", quotes, required=True):
        return None
    return Attribution(source=d.source, kind=d.kind, how=d.how, outlet_asserts=d.outlet_asserts)


def _first_sentence(text: str, title: str | None = None) -> str:
    """The article's first sentence of running text: not its title or another heading line."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    body = [line for line in lines if line != (title or "").strip() and _ENDS_SENTENCE.search(line)]
    first = (body or lines or [text.strip()])[0]
    found = _SENTENCE.search(first)
    return found.group().strip() if found else first


def _fallback_headline(text: str, title: str | None) -> str:
    """The article's title, else the opening words of its first sentence."""
    if title and title.strip():
        return title.strip()
    words = _first_sentence(text, title).split()
    cut = words[:_FALLBACK_HEADLINE_WORDS]
    return " ".join(cut) + ("…" if len(words) > len(cut) else "")
