"""The draft: what a provider fills in, and nothing code can do better.

The model (or the offline extractor) copies words — quotes, number words, time words; it never
gives offsets, parsed numbers or dates. Field descriptions here are written for the model: they
go into the JSON Schema it sees. This is data only: checking a draft against its article is
``grounding``'s job (``grounding.check`` for the strict validation that makes a model re-ask,
``grounding.assemble`` for what is kept).
"""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict, Field

from summarizer.schema import (
    ActorKind,
    ActorRole,
    Certainty,
    Counted,
    EventType,
    SourceKind,
    Speech,
)

QUOTES_HELP = (
    "Verbatim quotes copied character for character from the article (one sentence or a "
    "clause of at least four words each) that support this item. Never paraphrase, never join "
    "passages. Every name, source, place and time this item gives must stand in these quotes: "
    'for a "he said", also quote the sentence that names him.'
)


class _Draft(BaseModel):
    model_config = ConfigDict(extra="ignore")


class DraftAttribution(_Draft):
    source: str = Field(
        description="Who says so, written as the item's evidence names them, e.g. \"Seoul's spy "
        'agency", "Ukraine\'s president", "Reuters". Never a pronoun.'
    )
    kind: SourceKind = Field(description="What kind of source this is.")
    how: Speech = Field(default=Speech.STATED, description="How the source said it.")
    outlet_asserts: bool = Field(
        default=False,
        description="True only when the article states it in its own voice, with no source.",
    )


class DraftActorRef(_Draft):
    name: str = Field(
        description="The actor's name as written in this event's evidence. Never a pronoun."
    )
    role: ActorRole = Field(description="The part the actor plays in this event.")


class DraftQuantity(_Draft):
    counted: Counted = Field(description="What is counted.")
    of_whom: str | None = Field(
        default=None,
        description='Who or what is counted, as written in the evidence, e.g. "North Korean '
        'troops".',
    )
    text: str = Field(
        description='The number and its hedge copied exactly from the quote, e.g. "close to '
        '3,000", "between 10,000 and 12,000", "$2.4 billion", "12%". Do not compute or convert.'
    )
    attribution: DraftAttribution | None = Field(
        default=None, description="Who gives this figure, if anyone."
    )
    evidence: list[str] = Field(description=QUOTES_HELP)


class DraftEvent(_Draft):
    type: EventType = Field(description="The kind of event; use other when none fits.")
    description: str = Field(
        description="One sentence in your words: what happened. Numbers only as the evidence "
        "gives them."
    )
    actors: list[DraftActorRef] = Field(default_factory=list, description="Who did what to whom.")
    when: str | None = Field(
        default=None,
        description='The time words copied from the evidence, e.g. "on Friday", "last week", '
        '"in August", "December 3, 2024". Do not convert them to a date. Null if not stated.',
    )
    where: str | None = Field(
        default=None,
        description='The place as written in the evidence, e.g. "Russia\'s Kursk region".',
    )
    country: str | None = Field(
        default=None, description="The country of that place if the article makes it clear."
    )
    quantities: list[DraftQuantity] = Field(
        default_factory=list,
        description="Numbers about this event: casualties, captives, troops, money, percentages.",
    )
    attribution: DraftAttribution | None = Field(
        default=None, description="Who reports this event; null if the outlet states it itself."
    )
    certainty: Certainty = Field(
        default=Certainty.REPORTED, description="How sure the article's language is."
    )
    evidence: list[str] = Field(description=QUOTES_HELP)


class DraftActor(_Draft):
    name: str = Field(description="The name as the article writes it.")
    kind: ActorKind
    description: str | None = Field(
        default=None, description='What the article calls them, e.g. "President of Ukraine".'
    )
    evidence: list[str] = Field(description=QUOTES_HELP)


class DraftClaim(_Draft):
    statement: str = Field(description="What is claimed, in one sentence.")
    attribution: DraftAttribution
    certainty: Certainty = Field(default=Certainty.REPORTED)
    evidence: list[str] = Field(description=QUOTES_HELP)


class DraftKeyPoint(_Draft):
    text: str = Field(description="One short bullet point in your words.")
    evidence: list[str] = Field(description=QUOTES_HELP)


class ArticleSummary(_Draft):
    """A structured summary of one news article. Quote, do not invent."""

    headline: str = Field(
        description="A short, neutral headline in your words; numbers only as the article "
        "gives them."
    )
    lede: str = Field(
        description="One sentence: who did what, when and where, per whom; numbers only as the "
        "article gives them."
    )
    key_points: list[DraftKeyPoint] = Field(
        description="Three to six short bullet points, each with the quotes it rests on."
    )
    events: list[DraftEvent] = Field(description="Each distinct event the article reports.")
    actors: list[DraftActor] = Field(
        default_factory=list, description="The main people, organisations and states."
    )
    claims: list[DraftClaim] = Field(
        default_factory=list,
        description="Attributed assertions that are not events: assessments, accusations, denials.",
    )

    def quotes(self) -> Iterator[tuple[str, str]]:
        """Every evidence quote with its path, e.g. ``("events[0].evidence[1]", "…")``."""
        for i, event in enumerate(self.events):
            yield from _paths(f"events[{i}]", event.evidence)
            for j, qty in enumerate(event.quantities):
                yield from _paths(f"events[{i}].quantities[{j}]", qty.evidence)
        for i, actor in enumerate(self.actors):
            yield from _paths(f"actors[{i}]", actor.evidence)
        for i, claim in enumerate(self.claims):
            yield from _paths(f"claims[{i}]", claim.evidence)
        for i, point in enumerate(self.key_points):
            yield from _paths(f"key_points[{i}]", point.evidence)

    def unsupported(self) -> Iterator[str]:
        """Paths of items that carry no evidence quote at all."""
        for i, event in enumerate(self.events):
            if not event.evidence:
                yield f"events[{i}]"
            for j, qty in enumerate(event.quantities):
                if not qty.evidence:
                    yield f"events[{i}].quantities[{j}]"
        for i, actor in enumerate(self.actors):
            if not actor.evidence:
                yield f"actors[{i}]"
        for i, claim in enumerate(self.claims):
            if not claim.evidence:
                yield f"claims[{i}]"
        for i, point in enumerate(self.key_points):
            if not point.evidence:
                yield f"key_points[{i}]"


def _paths(prefix: str, quotes: list[str]) -> Iterator[tuple[str, str]]:
    for k, quote in enumerate(quotes):
        yield f"{prefix}.evidence[{k}]", quote
