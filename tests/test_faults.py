"""The real openai client and instructor against a scripted OpenAI-compatible loopback server."""

from __future__ import annotations

import json
from typing import Any

import pytest

from summarizer import ExtractionError, ProviderError, Summarizer
from tests.conftest import no_wait
from tests.fakeserver import FakeOpenAI, Reply, completion

ARTICLE = (
    "Flood waters rose in Valmora on Sunday.\n\n"
    "The regional relief agency said at least 41 people had died and nearly 8,000 were "
    "displaced. Officials said the river {{ crest }} passed <b>overnight</b>."
)
PUBLISHED = "2025-09-16"


def answer(
    evidence: str = "The regional relief agency said at least 41 people had died",
    number: str = "at least 41",
) -> dict[str, Any]:
    """A plausible model answer about ARTICLE with the given evidence quote."""
    return {
        "headline": "Floods in Valmora kill at least 41",
        "lede": "Floods in Valmora killed at least 41 people, the relief agency said.",
        "key_points": ["At least 41 dead", "Nearly 8,000 displaced"],
        "events": [
            {
                "type": "disaster",
                "description": "Flood waters rose in Valmora.",
                "when": "on Sunday",
                "where": "Valmora",
                "quantities": [
                    {"counted": "killed", "of_whom": "people", "text": number,
                     "attribution": {"source": "The regional relief agency",
                                     "kind": "organisation", "how": "stated"},
                     "evidence": [evidence]},
                ],
                "certainty": "reported",
                "evidence": ["Flood waters rose in Valmora on Sunday."],
            }
        ],
        "actors": [],
        "claims": [],
    }  # fmt: skip


def ok(request: dict[str, Any]) -> Reply:
    return Reply(body=completion(request, answer()))


def summarizer(fake: FakeOpenAI, **kwargs: Any) -> Summarizer:
    kwargs.setdefault("retry", no_wait())
    kwargs.setdefault("mode", "tools")
    return Summarizer("test-model", base_url=fake.base_url, api_key="test", **kwargs)


def test_valid_first_answer_takes_one_request(fake: FakeOpenAI) -> None:
    fake.add(ok)
    result = summarizer(fake).summarize(ARTICLE, published=PUBLISHED)
    assert len(fake.requests) == 1
    attempts = result.metadata.attempts
    assert (attempts.requests, attempts.reasks, attempts.transport_retries) == (1, 0, 0)
    assert result.metadata.usage.total_tokens == 1600
    qty = result.events[0].quantities[0]
    assert (qty.low, qty.high, qty.qualifier.value) == (41, None, "at_least")
    assert result.events[0].when is not None
    assert result.events[0].when.start is not None
    assert result.events[0].when.start.isoformat() == "2025-09-14"


def test_429_is_retried_after_the_time_the_server_asks_for(fake: FakeOpenAI) -> None:
    sleeps: list[float] = []
    fake.add(Reply(status=429, body={"error": {"message": "slow down"}},
                   headers={"retry-after": "7"}), ok)  # fmt: skip
    result = summarizer(fake, retry=no_wait(sleeps)).summarize(ARTICLE)
    assert len(fake.requests) == 2
    assert sleeps == [7.0]
    attempts = result.metadata.attempts
    assert (attempts.requests, attempts.reasks, attempts.transport_retries) == (2, 0, 1)
    assert result.metadata.usage.total_tokens == 1600  # the 429 carried no usage


def test_500_is_retried_until_the_policy_gives_up(fake: FakeOpenAI) -> None:
    fake.fallback = lambda request: Reply(status=500, body={"error": {"message": "boom"}})
    with pytest.raises(ProviderError, match="500") as raised:
        summarizer(fake).summarize(ARTICLE)
    assert len(fake.requests) == 3  # no_wait() allows 3 attempts in all
    assert raised.value.requests == 3


@pytest.mark.parametrize("status", [502, 503, 504])
def test_gateway_errors_are_transient(fake: FakeOpenAI, status: int) -> None:
    fake.add(Reply(status=status, body={"error": {"message": "busy"}}), ok)
    result = summarizer(fake).summarize(ARTICLE)
    assert result.metadata.attempts.transport_retries == 1


def test_401_is_not_retried(fake: FakeOpenAI) -> None:
    fake.fallback = lambda request: Reply(status=401, body={"error": {"message": "bad key"}})
    with pytest.raises(ProviderError, match="rejected the API key"):
        summarizer(fake).summarize(ARTICLE)
    assert len(fake.requests) == 1


def test_a_timeout_is_retried(fake: FakeOpenAI) -> None:
    fake.add(lambda request: Reply(body=completion(request, answer()), delay=1.5), ok)
    result = summarizer(fake, timeout=0.5).summarize(ARTICLE)
    assert result.metadata.attempts.transport_retries == 1
    assert len(fake.requests) == 2


def test_a_dropped_connection_is_retried(fake: FakeOpenAI) -> None:
    fake.add(Reply(drop=True), ok)
    result = summarizer(fake).summarize(ARTICLE)
    assert result.metadata.attempts.transport_retries == 1


def test_unreachable_server_is_a_provider_error() -> None:
    server = FakeOpenAI()
    url = server.base_url
    server.stop()  # nothing listens on that port any more
    s = Summarizer("m", base_url=url, api_key="test", retry=no_wait())
    with pytest.raises(ProviderError, match="could not connect") as raised:
        s.summarize(ARTICLE)
    assert raised.value.requests == 3


def test_bad_json_is_reasked_and_counted_apart_from_transport_retries(fake: FakeOpenAI) -> None:
    fake.add(lambda request: Reply(body=completion(request, '{"headline": "Flo', raw=True)), ok)
    result = summarizer(fake).summarize(ARTICLE)
    attempts = result.metadata.attempts
    assert (attempts.requests, attempts.reasks, attempts.transport_retries) == (2, 1, 0)
    assert result.metadata.usage.total_tokens == 3200  # summed over both answers


def test_output_cut_off_at_the_length_limit_is_an_extraction_error(fake: FakeOpenAI) -> None:
    fake.add(lambda request: Reply(body=completion(request, answer(), finish_reason="length")))
    with pytest.raises(ExtractionError, match="cut off"):
        summarizer(fake).summarize(ARTICLE)


def test_an_invented_quote_is_reasked_with_the_error(fake: FakeOpenAI) -> None:
    invented = "The relief agency said 95 people had died in the floods"
    fake.add(lambda r: Reply(body=completion(r, answer(evidence=invented, number="95"))), ok)
    result = summarizer(fake).summarize(ARTICLE)
    assert len(fake.requests) == 2
    reask = json.dumps(fake.requests[1]["messages"][-1])
    assert "not in the article" in reask and invented in reask
    assert result.metadata.attempts.reasks == 1
    assert result.events[0].quantities[0].text == "at least 41"
    assert result.diagnostics.dropped == []


def test_invented_quotes_never_come_out_as_grounded(fake: FakeOpenAI) -> None:
    invented = "The relief agency said 95 people had died in the floods"
    fake.fallback = lambda r: Reply(body=completion(r, answer(evidence=invented, number="95")))
    result = summarizer(fake).summarize(ARTICLE)
    assert len(fake.requests) == 3  # the first answer and two re-asks
    assert result.metadata.attempts.reasks == 2
    assert result.events[0].quantities == []  # the quantity rested on the invented quote
    assert [d.path for d in result.diagnostics.dropped] == ["events[0].quantities[0]"]
    assert result.diagnostics.dropped[0].quotes == [invented]
    assert result.metadata.grounding.dropped == 1
    assert "re-ask budget" in result.diagnostics.warnings[0]
    facts = result.model_dump_json(include={"events", "actors", "claims"})
    assert "95" not in facts


def test_braces_tags_and_curly_quotes_reach_the_model_intact_and_align(fake: FakeOpenAI) -> None:
    text = ARTICLE + "\nThe mayor said \u201cwe will {% rebuild %} {{ everything }}\u201d."
    quote = 'The mayor said "we will {% rebuild %} {{ everything }}"'  # straight quotes
    claim = {
        "statement": "The mayor promised to rebuild.",
        "evidence": [quote],
        "attribution": {"source": "The mayor", "kind": "official", "how": "stated"},
    }
    fake.add(lambda request: Reply(body=completion(request, answer() | {"claims": [claim]})))
    result = summarizer(fake).summarize(text)
    user = fake.requests[0]["messages"][1]["content"]
    assert text.strip() in user
    assert result.source.text == text.strip()
    evidence = result.claims[0].evidence[0]
    assert evidence.quote == "The mayor said \u201cwe will {% rebuild %} {{ everything }}\u201d"
    assert result.source.text[evidence.start : evidence.end] == evidence.quote


def test_think_blocks_are_stripped_in_json_schema_mode(fake: FakeOpenAI) -> None:
    content = "<think>The user wants JSON. {maybe}</think>\n" + json.dumps(answer())
    fake.add(lambda request: Reply(body=completion(request, content, raw=True)))
    result = summarizer(fake, mode="json_schema").summarize(ARTICLE)
    assert "response_format" in fake.requests[0] and "tools" not in fake.requests[0]
    assert result.metadata.mode == "json_schema"
    assert len(result.events) == 1


def test_tools_mode_sends_the_schema_as_a_forced_tool(fake: FakeOpenAI) -> None:
    fake.add(ok)
    summarizer(fake).summarize(ARTICLE)
    request = fake.requests[0]
    assert request["tool_choice"]["function"]["name"] == request["tools"][0]["function"]["name"]
    props = request["tools"][0]["function"]["parameters"]["properties"]
    assert {"headline", "lede", "key_points", "events", "actors", "claims"} <= set(props)
    assert "start" not in json.dumps(request["tools"])  # spans are never the model's to give


def test_model_defaults_to_the_first_one_a_local_server_lists(fake: FakeOpenAI) -> None:
    fake.add(ok)
    s = Summarizer(base_url=fake.base_url, retry=no_wait())
    result = s.summarize(ARTICLE)
    assert result.metadata.model == "local-model"
    assert fake.requests[0]["model"] == "local-model"


async def test_async_summarize_retries_and_counts_alike(fake: FakeOpenAI) -> None:
    fake.add(Reply(status=503, body={"error": {"message": "busy"}}), ok)
    result = await summarizer(fake).asummarize(ARTICLE, published=PUBLISHED)
    attempts = result.metadata.attempts
    assert (attempts.requests, attempts.reasks, attempts.transport_retries) == (2, 0, 1)
    assert result.events[0].quantities[0].low == 41
