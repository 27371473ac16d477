"""The output data model: what a structured, source-grounded news summary holds.

This module imports nothing of ours. Every other stage (drafting, grounding, normalising,
rendering) speaks in these names. The model never fills a span, a parsed number or a
resolved date: code does (see ``grounding`` and ``normalize``).
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "2.2"


class EventType(StrEnum):
    """A small, general event taxonomy (mapped to ACLED / PLOVER / KAIROS in evaluation)."""

    ATTACK = "attack"  # armed attack, strike, shelling, bombing, assault
    DEATH = "death"  # someone died (killed, died of wounds, executed)
    INJURY = "injury"  # someone was wounded or hurt
    DETENTION = "detention"  # arrest, capture, imprisonment, abduction
    RELEASE = "release"  # release of prisoners or hostages, exchange
    DEPLOYMENT = "deployment"  # troops, police or equipment sent somewhere
    DISPLACEMENT = "displacement"  # people forced to flee or evacuated
    PROTEST = "protest"  # demonstration, strike action, riot
    STATEMENT = "statement"  # announcement, claim, warning, denial
    ACCUSATION = "accusation"  # blame, allegation, criticism
    AGREEMENT = "agreement"  # deal, treaty, ceasefire, signed accord
    MEETING = "meeting"  # talks, summit, visit, negotiation
    ELECTION = "election"  # vote, election result, referendum
    LEGAL = "legal"  # charge, trial, verdict, lawsuit, investigation
    POLICY = "policy"  # law passed, sanction, regulation, government decision
    ECONOMIC = "economic"  # results, deal value, prices, jobs, markets
    DISASTER = "disaster"  # flood, earthquake, fire, storm, epidemic
    ACCIDENT = "accident"  # crash, collapse, explosion without an attacker
    OTHER = "other"  # anything else


class ActorRole(StrEnum):
    """The part an actor plays in one event."""

    AGENT = "agent"  # did it
    TARGET = "target"  # it was done to them (not physically harmed)
    VICTIM = "victim"  # harmed, killed, captured
    PARTICIPANT = "participant"  # took part (signatory, negotiator, voter)
    OTHER = "other"


class ActorKind(StrEnum):
    PERSON = "person"
    ORGANISATION = "organisation"  # company, NGO, international body, party
    STATE = "state"  # a country or its government as a whole
    GOVERNMENT_BODY = "government_body"  # ministry, agency, court, parliament
    MILITARY = "military"  # a state's armed forces or units
    ARMED_GROUP = "armed_group"  # non-state armed group
    MEDIA = "media"  # news outlet or agency
    GROUP = "group"  # a group of people (residents, protesters, troops of a nationality)
    OTHER = "other"


class SourceKind(StrEnum):
    """Who a statement comes from."""

    OFFICIAL = "official"  # a named or unnamed official, minister, president, spokesperson
    GOVERNMENT = "government"  # a ministry, government or state body as a whole
    INTELLIGENCE = "intelligence"  # an intelligence or spy agency
    MILITARY = "military"  # armed forces, defence ministry briefings
    NEWS_AGENCY = "news_agency"  # Reuters, AP, AFP, Yonhap, another outlet
    OUTLET = "outlet"  # the publishing outlet itself, in its own voice
    ORGANISATION = "organisation"  # company, NGO, UN agency, analyst firm
    WITNESS = "witness"  # residents, eyewitnesses, survivors
    EXPERT = "expert"  # analysts, academics
    OTHER = "other"


class Speech(StrEnum):
    """How the source said it."""

    STATED = "stated"
    REPORTED = "reported"
    ESTIMATED = "estimated"
    ALLEGED = "alleged"
    DENIED = "denied"
    CONFIRMED = "confirmed"
    CLAIMED = "claimed"


class Certainty(StrEnum):
    """How sure the article's language is."""

    CONFIRMED = "confirmed"
    REPORTED = "reported"
    UNVERIFIED = "unverified"
    DISPUTED = "disputed"


class Counted(StrEnum):
    """What a quantity counts."""

    KILLED = "killed"
    INJURED = "injured"
    KILLED_OR_INJURED = "killed_or_injured"
    CAPTURED = "captured"
    DETAINED = "detained"
    DEPLOYED = "deployed"
    DISPLACED = "displaced"
    MISSING = "missing"
    AFFECTED = "affected"
    PARTICIPANTS = "participants"
    MONEY = "money"
    PERCENTAGE = "percentage"
    OTHER = "other"


class Qualifier(StrEnum):
    """The hedge on a number, parsed by code from the words as written."""

    EXACT = "exact"  # "3,000"
    ABOUT = "about"  # "about", "around", "roughly", "an estimated", "some"
    NEARLY = "nearly"  # "nearly", "almost", "close to", "just under": an upper bound
    AT_LEAST = "at_least"  # "at least", "no fewer than"
    MORE_THAN = "more_than"  # "more than", "over", "upwards of"
    AT_MOST = "at_most"  # "at most", "up to", "as many as"
    LESS_THAN = "less_than"  # "fewer than", "less than", "under"
    BETWEEN = "between"  # "between 10,000 and 12,000", "10,000 to 12,000"
    UNKNOWN = "unknown"  # words code could not turn into a number ("scores", "many")


class DatePrecision(StrEnum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"
    UNKNOWN = "unknown"


class MatchKind(StrEnum):
    """How a quote was found in the article."""

    EXACT = "exact"  # character for character
    NORMALISED = "normalised"  # after folding case, whitespace, quote marks and dashes
    FUZZY = "fuzzy"  # the same words, one of them with a typo inside (see grounding.align)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", use_enum_values=False)


class Evidence(_Model):
    """A verbatim passage of the cleaned article and where it is: ``text[start:end] == quote``."""

    quote: str = Field(description="The passage exactly as it stands in the cleaned article.")
    start: int = Field(ge=0, description="Character offset of the first character.")
    end: int = Field(ge=0, description="Character offset one past the last character.")
    match: MatchKind = Field(description="How the model's quote was found in the article.")


class Attribution(_Model):
    """Who says so, and how."""

    source: str = Field(
        description='The source as the article names it, e.g. "Seoul\'s spy agency".'
    )
    kind: SourceKind
    how: Speech
    outlet_asserts: bool = Field(
        description="True when the outlet states it in its own voice, with no other source."
    )


class When(_Model):
    text: str = Field(description='The time words as written, e.g. "on Friday", "last week".')
    start: date | None = Field(description="First day the words can mean; null if unresolved.")
    end: date | None = Field(description="Last day the words can mean; null if unresolved.")
    precision: DatePrecision


class Place(_Model):
    text: str = Field(description='The place as written, e.g. "Russia\'s Kursk region".')
    country: str | None = Field(
        description="The country it lies in, if the article makes it clear."
    )


class Quantity(_Model):
    counted: Counted
    of_whom: str | None = Field(description='Who or what is counted, e.g. "North Korean troops".')
    text: str = Field(description='The number words as written, e.g. "close to 3,000".')
    low: float | None = Field(description="Lower bound parsed by code; null when open or unknown.")
    high: float | None = Field(description="Upper bound parsed by code; null when open or unknown.")
    qualifier: Qualifier
    unit: str | None = Field(description='"USD", "EUR", "GBP", "%" or null for a plain count.')
    attribution: Attribution | None
    evidence: list[Evidence]


class EventActor(_Model):
    name: str
    role: ActorRole


class Event(_Model):
    type: EventType
    description: str = Field(description="One sentence: what happened.")
    actors: list[EventActor]
    when: When | None
    where: Place | None
    quantities: list[Quantity]
    attribution: Attribution | None
    certainty: Certainty
    evidence: list[Evidence] = Field(min_length=1)


class Actor(_Model):
    name: str
    kind: ActorKind
    description: str | None = Field(
        description='What the article calls them, e.g. "President of Ukraine".'
    )
    evidence: list[Evidence] = Field(min_length=1)


class Claim(_Model):
    statement: str = Field(description="What is claimed, in one sentence.")
    attribution: Attribution
    certainty: Certainty
    evidence: list[Evidence] = Field(min_length=1)


class KeyPoint(_Model):
    """One bullet point of the summary and the passages it rests on."""

    text: str = Field(description="The point, in one short sentence.")
    evidence: list[Evidence] = Field(min_length=1)


class Usage(_Model):
    """Tokens over every answer the model gave for the article, re-asks included."""

    prompt_tokens: int = 0
    completion_tokens: int = 0
    total_tokens: int = 0
    cost_usd: float | None = Field(
        default=None,
        description="What those tokens cost in US dollars, from the model's price (0 offline); "
        "null when the model has no known price.",
    )


class Attempts(_Model):
    """Requests sent for this article, with validation re-asks and transport retries apart."""

    requests: int = Field(description="HTTP requests sent to the model, all kinds.")
    reasks: int = Field(description="Validation re-asks (the model's answer was rejected).")
    transport_retries: int = Field(
        description="Retries after 429, 5xx, timeouts or lost connections."
    )


class GroundingStats(_Model):
    quotes: int = Field(description="Evidence quotes the model gave in its final answer.")
    exact: int
    normalised: int
    fuzzy: int
    dropped: int = Field(description="Quotes not found in the article (or too short), removed.")
    fields: int = Field(
        default=0,
        description="Names, sources, places, times and numbers checked against their evidence.",
    )
    fields_dropped: int = Field(
        default=0, description="Of those, not in their evidence: removed (see diagnostics)."
    )

    @property
    def rate(self) -> float:
        return 1.0 if self.quotes == 0 else (self.quotes - self.dropped) / self.quotes


class RunMetadata(_Model):
    model: str
    provider: str = Field(description='"openai", "openai-compatible" or "offline".')
    mode: str | None = Field(
        description="How structured output was requested (tools, json_schema…)."
    )
    prompt_version: str
    schema_version: str = SCHEMA_VERSION
    usage: Usage
    attempts: Attempts
    latency_s: float
    grounding: GroundingStats
    chunks: int = Field(
        default=1,
        description="The parts the article was summarised in: more than 1 for an article "
        "longer than one request can carry, each part a stretch of paragraphs.",
    )


class DroppedItem(_Model):
    """Something the model said that could not be grounded and was left out of the result."""

    path: str = Field(
        description='Where it was in the model\'s answer, e.g. "events[2]" for a whole item or '
        '"events[2].where" for one field of an item that was kept.'
    )
    value: str | None = Field(
        default=None, description="The field's value as the model gave it, when one field went."
    )
    reason: str
    quotes: list[str] = Field(description="The evidence it was checked against.")


class Diagnostics(_Model):
    dropped: list[DroppedItem] = Field(default_factory=list)
    removed_lines: list[str] = Field(
        default_factory=list, description="Page furniture removed from the text before extraction."
    )
    warnings: list[str] = Field(default_factory=list)


class Source(_Model):
    """The article as summarised. Every evidence span indexes ``text``."""

    title: str | None
    url: str | None
    site: str | None = Field(default=None, description="The outlet or site, when the page says.")
    published: date | None
    language: str | None = Field(
        default=None,
        description='The language the text is written in (ISO 639-1: "en", "fr"); null when '
        "the text is too short to tell or the detector is unsure.",
    )
    encoding: str | None = Field(
        default=None,
        description='The encoding the input\'s bytes were read in ("utf-8", "utf-16", '
        '"cp1252"…); null when the text was handed over as text.',
    )
    extractor: str | None = Field(
        default=None,
        description='What found the text in an HTML page: "trafilatura", "json-ld" (the '
        'page\'s schema.org articleBody) or "fallback" (a simpler extractor); null for plain '
        "text.",
    )
    text: str = Field(description="The cleaned article text that every span indexes.")


class StructuredSummary(_Model):
    """A validated, source-grounded summary of one news article."""

    headline: str
    lede: str = Field(description="One sentence: the story in brief.")
    key_points: list[KeyPoint]
    events: list[Event]
    actors: list[Actor]
    claims: list[Claim]
    source: Source
    metadata: RunMetadata
    diagnostics: Diagnostics
