"""Recorded exchanges replayed through the real openai client and instructor.

Each test asserts the validated fields — types, sources, parsed numbers, resolved dates, spans,
key points with their evidence, field grounding, usage and the number of HTTP requests — not
merely that nothing raised.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest

from summarizer import Qualifier, StructuredSummary, Summarizer
from tests.conftest import PUBLISHED, example

pytestmark = pytest.mark.vcr


def summarize(llm: Summarizer, name: str) -> StructuredSummary:
    return llm.summarize(example(name), published=PUBLISHED[name])


def assert_every_span_slices_the_text(result: StructuredSummary) -> None:
    text = result.source.text
    assert result.key_points and all(point.evidence for point in result.key_points)
    items: list[Any] = [*result.events, *result.actors, *result.claims, *result.key_points]
    items += [q for e in result.events for q in e.quantities]
    for item in items:
        assert item.evidence
        for ev in item.evidence:
            assert text[ev.start : ev.end] == ev.quote


def assert_schema_2(result: StructuredSummary) -> None:
    """Schema 2.2 (2.0, the usage's cost, and how the input was read), and every name,
    source, place, time and number of the answer was checked against its item's evidence and
    none was removed."""
    assert result.metadata.schema_version == "2.2"
    grounding = result.metadata.grounding
    assert grounding.fields > 0 and grounding.fields_dropped == 0


def quantity(result: StructuredSummary, words: str) -> Any:
    return next(q for e in result.events for q in e.quantities if q.text.lower() == words.lower())


def event_with(result: StructuredSummary, when: str) -> Any:
    return next(e for e in result.events if e.when and e.when.text == when)


def assert_http_requests(vcr: Any, count: int) -> None:
    """The cassette holds ``count`` exchanges and, when replaying, each was played once."""
    assert len(vcr.requests) == count
    if vcr.record_mode == "none":
        assert vcr.play_count == count and vcr.all_played


def assert_one_clean_request(result: StructuredSummary, vcr: Any) -> None:
    attempts = result.metadata.attempts
    assert (attempts.requests, attempts.reasks, attempts.transport_retries) == (1, 0, 0)
    assert_http_requests(vcr, 1)
    assert result.metadata.grounding.dropped == 0 and result.diagnostics.dropped == []
    assert result.diagnostics.warnings == []
    assert_schema_2(result)


@pytest.mark.script("conflict")
def test_conflict_story(llm: Summarizer, vcr: Any) -> None:
    result = summarize(llm, "conflict")
    assert_one_clean_request(result, vcr)
    assert_every_span_slices_the_text(result)

    death = event_with(result, "on Friday")
    assert death.type.value == "death"
    assert death.attribution.source == "Seoul's spy agency"
    assert death.attribution.kind.value == "intelligence"
    assert (death.when.start, death.when.end) == (date(2024, 12, 27), date(2024, 12, 27))
    assert "North Korean soldier" in {a.name for a in death.actors}

    losses = quantity(result, "close to 3,000")
    assert (losses.low, losses.high, losses.qualifier) == (None, 3000, Qualifier.NEARLY)
    assert losses.counted.value == "killed_or_injured"
    assert losses.attribution.source == "Ukraine's president"
    statement = event_with(result, "this week")
    assert statement.when.start == date(2024, 12, 23)
    assert "Volodymyr Zelenskyy" in {a.name for a in statement.actors}

    deployed = quantity(result, "between 10,000 and 12,000")
    assert (deployed.low, deployed.high, deployed.qualifier) == (10000, 12000, Qualifier.BETWEEN)
    killed = quantity(result, "at least 100")
    assert (killed.low, killed.high, killed.qualifier) == (100, None, Qualifier.AT_LEAST)

    denial = next(c for c in result.claims if c.attribution.how.value == "denied")
    assert denial.attribution.source == "Russia's defence ministry"
    assert result.metadata.usage.total_tokens > 0
    assert result.metadata.grounding.normalised > 0  # straight quotes for the article's curly ones
    assert len(result.key_points) == 5
    figures = next(p for p in result.key_points if "close to 3,000" in p.text)
    assert any("close to 3,000 North Korean troops" in ev.quote for ev in figures.evidence)


@pytest.mark.script("conflict_invented", "conflict")
def test_invented_quote_is_reasked_and_the_reask_fixes_it(llm: Summarizer, vcr: Any) -> None:
    result = summarize(llm, "conflict")
    attempts = result.metadata.attempts
    assert (attempts.requests, attempts.reasks, attempts.transport_retries) == (2, 1, 0)
    assert_http_requests(vcr, 2)
    reask = vcr.requests[1].body.decode()
    assert "not in the article" in reask and "at least 300 North Korean soldiers" in reask
    assert "Moscow's defence ministry rejected claims" in reask
    assert result.diagnostics.dropped == [] and result.diagnostics.warnings == []
    assert_schema_2(result)
    assert quantity(result, "at least 100").low == 100
    assert "at least 300" not in result.model_dump_json(include={"events", "claims"})
    recorded = [json.loads(r["body"]["string"])["usage"] for r in vcr.responses]
    usage = result.metadata.usage
    assert usage.total_tokens == sum(u["total_tokens"] for u in recorded)
    # Both answers are paid for, at gpt-4o-mini's $0.15 in / $0.60 out per million tokens.
    prompt = sum(u["prompt_tokens"] for u in recorded)
    completion = sum(u["completion_tokens"] for u in recorded)
    assert usage.cost_usd == pytest.approx((prompt * 0.15 + completion * 0.60) / 1e6)
    assert_every_span_slices_the_text(result)


@pytest.mark.script("business")
def test_business_story(llm: Summarizer, vcr: Any) -> None:
    result = summarize(llm, "business")
    assert_one_clean_request(result, vcr)
    assert_every_span_slices_the_text(result)
    revenue = quantity(result, "$2.4 billion")
    assert (revenue.low, revenue.high, revenue.unit) == (2.4e9, 2.4e9, "USD")
    euros = quantity(result, "€310 million")
    assert (euros.low, euros.unit) == (310e6, "EUR")
    growth = quantity(result, "12%")
    assert (growth.low, growth.unit, growth.counted.value) == (12, "%", "percentage")
    assert quantity(result, "3.5 per cent").low == 3.5
    jobs = quantity(result, "about 1,200")
    assert (jobs.low, jobs.high, jobs.qualifier) == (1200, 1200, Qualifier.ABOUT)
    assert {e.type.value for e in result.events} == {"economic"}
    margin = next(c for c in result.claims if "operating margin" in c.statement)
    assert margin.attribution.source == "Corvane"  # named by the second quote, not "it kept"
    assert len(result.key_points) == 5


@pytest.mark.script("politics")
def test_politics_story(llm: Summarizer, vcr: Any) -> None:
    result = summarize(llm, "politics")
    assert_one_clean_request(result, vcr)
    assert_every_span_slices_the_text(result)
    signing = event_with(result, "on Tuesday")
    assert signing.type.value == "agreement"
    assert signing.when.start == date(2025, 6, 10)
    assert {a.role.value for a in signing.actors} >= {"participant"}
    vote = event_with(result, "next month")
    assert (vote.when.start, vote.when.end) == (date(2025, 7, 1), date(2025, 7, 31))
    varga = next(c for c in result.claims if c.attribution.source == "Ilse Varga")
    assert (
        varga.evidence[0].quote == "\u201cOur farmers have waited far too long for this day.\u201d"
    )
    # The model quoted Renko with straight quotes; the span holds the article's curly ones.
    renko = next(c for c in result.claims if c.attribution.source == "Tomas Renko")
    assert renko.evidence[0].match.value == "normalised"
    assert renko.evidence[0].quote.startswith("\u201cNobody here has given away")
    assert any(e.type.value == "accusation" for e in result.events)
    assert len(result.key_points) == 5


@pytest.mark.script("disaster")
def test_disaster_story_with_page_furniture(llm: Summarizer, vcr: Any) -> None:
    result = summarize(llm, "disaster")
    assert_one_clean_request(result, vcr)
    assert_every_span_slices_the_text(result)
    removed = result.diagnostics.removed_lines
    assert "Share this article" in removed and "Subscribe to our newsletter" in removed
    assert any(line.startswith("Read more:") for line in removed)
    assert any(line.startswith("Related:") for line in removed)
    assert "Read more" not in result.source.text and "Photo:" not in result.source.text
    toll = quantity(result, "at least 41")
    assert (toll.low, toll.qualifier) == (41, Qualifier.AT_LEAST)
    assert event_with(result, "on Sunday").when.start == date(2025, 9, 14)
    assert event_with(result, "yesterday").when.start == date(2025, 9, 15)
    week = event_with(result, "last week").when
    assert (week.start, week.end) == (date(2025, 9, 8), date(2025, 9, 14))
    displaced = quantity(result, "nearly 8,000")
    assert (displaced.low, displaced.high, displaced.qualifier) == (None, 8000, Qualifier.NEARLY)
    assert quantity(result, "dozens").low == 24
    soldiers = quantity(result, "about 1,500")
    assert soldiers.attribution.source == "Interior Minister Jonas Pell"
    assert len(result.key_points) == 5
