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
    "shorter passage each) that support this item. Never paraphrase, never join passages."
)


class _Draft(BaseModel):
    model_config = ConfigDict(extra="ignore")


class DraftAttribution(_Draft):
    source: str = Field(
        description='Who says so, named as the article names them, e.g. "Seoul\'s spy agency", '
        '"Ukraine\'s president", "Reuters". Use the outlet\'s name when it says so itself.'
    )
    kind: SourceKind = Field(description="What kind of source this is.")
    how: Speech = Field(default=Speech.STATED, description="How the source said it.")
    outlet_asserts: bool = Field(
        default=False,
        description="True only when the article states it in its own voice, with no source.",
    )


class DraftActorRef(_Draft):
    name: str = Field(description="The actor's name as written in the article.")
    role: ActorRole = Field(description="The part the actor plays in this event.")


class DraftQuantity(_Draft):
    counted: Counted = Field(description="What is counted.")
    of_whom: str | None = Field(
        default=None, description='Who or what is counted, e.g. "North Korean troops".'
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
    description: str = Field(description="One sentence in your words: what happened.")
    actors: list[DraftActorRef] = Field(default_factory=list, description="Who did what to whom.")
    when: str | None = Field(
        default=None,
        description='The time words copied from the article, e.g. "on Friday", "last week", '
        '"in August", "December 3, 2024". Do not convert them to a date. Null if not stated.',
    )
    where: str | None = Field(
        default=None, description='The place as written, e.g. "Russia\'s Kursk region".'
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


class ArticleSummary(_Draft):
    """A structured summary of one news article. Quote, do not invent."""

    headline: str = Field(description="A short, neutral headline in your words.")
    lede: str = Field(description="One sentence: who did what, when and where, per whom.")
    key_points: list[str] = Field(description="Three to six short bullet points.")
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


def _paths(prefix: str, quotes: list[str]) -> Iterator[tuple[str, str]]:
    for k, quote in enumerate(quotes):
        yield f"{prefix}.evidence[{k}]", quote
