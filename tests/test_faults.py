"""The real openai client and instructor against a scripted OpenAI-compatible loopback server.

The server is strict (``tests.fakeserver``): each test scripts every answer it expects, and a
request it did not script fails it.
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import replace
from typing import Any

import pytest

from summarizer import ExtractionError, ProviderError, StructuredSummary, Summarizer
from summarizer.providers.openai.provider import OpenAIProvider
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
        "key_points": [
            {"text": "At least 41 dead",
             "evidence": ["The regional relief agency said at least 41 people had died"]},
            {"text": "Nearly 8,000 displaced",
             "evidence": ["nearly 8,000 were displaced"]},
        ],
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


def summarize(fake: FakeOpenAI, text: str = ARTICLE, **kwargs: Any) -> StructuredSummary:
    """One article through a Summarizer that is closed afterwards."""
    published = kwargs.pop("published", None)
    with summarizer(fake, **kwargs) as s:
        return s.summarize(text, published=published)


def error(status: int, message: str = "boom") -> Reply:
    return Reply(status=status, body={"error": {"message": message}})


def test_valid_first_answer_takes_one_request(fake: FakeOpenAI) -> None:
    fake.add(ok)
    result = summarize(fake, published=PUBLISHED)
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
    result = summarize(fake, retry=no_wait(sleeps))
    assert len(fake.requests) == 2
    assert sleeps == [7.0]
    attempts = result.metadata.attempts
    assert (attempts.requests, attempts.reasks, attempts.transport_retries) == (2, 0, 1)
    assert result.metadata.usage.total_tokens == 1600  # the 429 carried no usage


def test_500_is_retried_until_the_policy_gives_up(fake: FakeOpenAI) -> None:
    fake.add(error(500), error(500), error(500))  # no_wait() allows 3 attempts in all
    with pytest.raises(ProviderError, match="500") as raised:
        summarize(fake)
    assert len(fake.requests) == 3
    assert raised.value.requests == 3


@pytest.mark.parametrize("status", [502, 503, 504])
def test_gateway_errors_are_transient(fake: FakeOpenAI, status: int) -> None:
    fake.add(error(status, "busy"), ok)
    result = summarize(fake)
    assert result.metadata.attempts.transport_retries == 1


def test_401_is_not_retried(fake: FakeOpenAI) -> None:
    fake.add(error(401, "bad key"))
    with pytest.raises(ProviderError, match="rejected the API key"):
        summarize(fake)
    assert len(fake.requests) == 1


def slow(request: dict[str, Any]) -> Reply:
    return Reply(body=completion(request, answer()), delay=1.0)


def test_a_timeout_is_retried_once_by_a_remote_server(fake: FakeOpenAI) -> None:
    remote = replace(no_wait(), local=False)  # the fake listens on loopback: say it is not local
    fake.add(slow, ok)
    result = summarize(fake, timeout=0.1, retry=remote)
    assert result.metadata.attempts.transport_retries == 1
    assert len(fake.requests) == 2
    fake.add(slow, slow)
    with pytest.raises(ProviderError, match="did not answer in time") as raised:
        summarize(fake, timeout=0.1, retry=replace(remote, attempts=5))
    assert raised.value.requests == 2  # at most once, whatever the attempts allow


def test_a_timeout_against_a_local_server_is_not_retried(fake: FakeOpenAI) -> None:
    """A local server goes on generating the abandoned answer; a retry would queue behind it."""
    fake.add(slow)
    with pytest.raises(ProviderError, match="did not answer in time") as raised:
        summarize(fake, timeout=0.1)
    assert raised.value.requests == 1


def test_a_dropped_connection_is_retried(fake: FakeOpenAI) -> None:
    fake.add(Reply(drop=True), ok)
    result = summarize(fake)
    assert result.metadata.attempts.transport_retries == 1


def test_unreachable_server_is_a_provider_error() -> None:
    server = FakeOpenAI()
    url = server.base_url
    server.stop()  # nothing listens on that port any more
    with (
        Summarizer("m", base_url=url, api_key="test", retry=no_wait()) as s,
        pytest.raises(ProviderError, match="could not connect") as raised,
    ):
        s.summarize(ARTICLE)
    assert raised.value.requests == 1  # refused: nothing listens there, no backing off


def test_bad_json_is_reasked_and_counted_apart_from_transport_retries(fake: FakeOpenAI) -> None:
    fake.add(lambda request: Reply(body=completion(request, '{"headline": "Flo', raw=True)), ok)
    result = summarize(fake)
    attempts = result.metadata.attempts
    assert (attempts.requests, attempts.reasks, attempts.transport_retries) == (2, 1, 0)
    assert result.metadata.usage.total_tokens == 3200  # summed over both answers


def cut_off(request: dict[str, Any]) -> Reply:
    return Reply(body=completion(request, '{"headline": "Flo', raw=True, finish_reason="length"))


def test_an_answer_cut_off_is_asked_again_once_with_twice_the_room(fake: FakeOpenAI) -> None:
    fake.add(cut_off, ok)
    result = summarize(fake, max_tokens=1000)
    assert [r["max_tokens"] for r in fake.requests] == [1000, 2000]
    assert result.metadata.attempts.requests == 2
    assert result.metadata.usage.total_tokens == 2 * 1600  # both answers are paid for


def test_an_answer_cut_off_twice_is_an_extraction_error_saying_what_to_do(
    fake: FakeOpenAI,
) -> None:
    fake.add(cut_off, cut_off)
    with pytest.raises(ExtractionError, match=r"cut off .* twice \(4,096 then 8,192 tokens\); "
                       "raise --max-tokens") as raised:  # fmt: skip
        summarize(fake)
    assert raised.value.requests == 2
    assert [r["max_tokens"] for r in fake.requests] == [4096, 8192]


def test_every_request_carries_an_output_limit(fake: FakeOpenAI) -> None:
    """A small local model with no limit generates until the timeout; with one it stops."""
    fake.add(ok)
    summarize(fake)
    assert fake.requests[0]["max_tokens"] == 4096


def test_an_invented_quote_is_reasked_with_the_error(fake: FakeOpenAI) -> None:
    invented = "The relief agency said 95 people had died in the floods"
    fake.add(lambda r: Reply(body=completion(r, answer(evidence=invented, number="95"))), ok)
    result = summarize(fake)
    assert len(fake.requests) == 2
    reask = json.dumps(fake.requests[1]["messages"][-1])
    assert "not in the article" in reask and invented in reask
    assert result.metadata.attempts.reasks == 1
    assert result.events[0].quantities[0].text == "at least 41"
    assert result.diagnostics.dropped == []


def test_invented_quotes_never_come_out_as_grounded(fake: FakeOpenAI) -> None:
    invented = "The relief agency said 95 people had died in the floods"
    inventing = lambda r: Reply(body=completion(r, answer(evidence=invented, number="95")))  # noqa: E731
    fake.add(inventing, inventing, inventing)  # the first answer and two re-asks
    result = summarize(fake)
    assert len(fake.requests) == 3
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
    result = summarize(fake, text)
    user = fake.requests[0]["messages"][1]["content"]
    assert text.strip() in user
    assert result.source.text == text.strip()
    evidence = result.claims[0].evidence[0]
    assert evidence.quote == "The mayor said \u201cwe will {% rebuild %} {{ everything }}\u201d"
    assert result.source.text[evidence.start : evidence.end] == evidence.quote


def refusing(request: dict[str, Any]) -> Reply:
    body = completion(request, "")
    body["choices"][0]["message"] = {"role": "assistant", "content": None,
                                     "refusal": "I can't help with that."}  # fmt: skip
    return Reply(body=body)


@pytest.mark.parametrize("mode", ["tools", "json_schema"])
def test_a_refusal_is_an_extraction_error_not_re_asked(fake: FakeOpenAI, mode: str) -> None:
    fake.add(refusing)
    with pytest.raises(ExtractionError, match="refused to answer: I can't help with that") as err:
        summarize(fake, mode=mode)
    assert err.value.requests == 1


def test_think_blocks_are_stripped_in_json_schema_mode(fake: FakeOpenAI) -> None:
    content = "<think>The user wants JSON. {maybe}</think>\n" + json.dumps(answer())
    fake.add(lambda request: Reply(body=completion(request, content, raw=True)))
    result = summarize(fake, mode="json_schema")
    assert "response_format" in fake.requests[0] and "tools" not in fake.requests[0]
    assert result.metadata.mode == "json_schema"
    # Parsed from the one answer: without the stripping it would not parse at all.
    attempts = result.metadata.attempts
    assert (attempts.requests, attempts.reasks) == (1, 0)
    assert result.events[0].quantities[0].text == "at least 41"


def test_tools_mode_sends_the_schema_as_a_forced_tool(fake: FakeOpenAI) -> None:
    fake.add(ok)
    summarize(fake)
    request = fake.requests[0]
    assert request["tool_choice"]["function"]["name"] == request["tools"][0]["function"]["name"]
    assert request["tools"][0]["function"]["name"] == "ArticleSummary"
    props = request["tools"][0]["function"]["parameters"]["properties"]
    assert {"headline", "lede", "key_points", "events", "actors", "claims"} <= set(props)
    assert "start" not in json.dumps(request["tools"])  # spans are never the model's to give


def test_nothing_is_sent_before_the_first_article(fake: FakeOpenAI) -> None:
    with Summarizer(base_url=fake.base_url, retry=no_wait()) as s:
        assert s.provider.model is None  # a local server's model is asked for when needed
    assert fake.requests == [] and fake.unscripted == []


def test_model_defaults_to_the_first_one_a_local_server_lists(fake: FakeOpenAI) -> None:
    fake.serve_models("local-model", "other-model")
    fake.add(ok, ok)
    with Summarizer(base_url=fake.base_url, retry=no_wait()) as s:
        first = s.summarize(ARTICLE)
        second = s.summarize(ARTICLE)  # asked once: the second article sends no GET /models
    assert first.metadata.model == second.metadata.model == "local-model"
    assert [r["model"] for r in fake.requests] == ["local-model", "local-model"]


async def test_the_async_path_asks_a_local_server_for_its_model_too(fake: FakeOpenAI) -> None:
    fake.serve_models("local-model")
    fake.add(ok)
    async with Summarizer(base_url=fake.base_url, retry=no_wait()) as s:
        result = await s.asummarize(ARTICLE)
    assert result.metadata.model == "local-model"


def test_a_server_that_lists_no_model_says_to_pass_one(fake: FakeOpenAI) -> None:
    fake.serve_models()
    with (
        Summarizer(base_url=fake.base_url, retry=no_wait()) as s,
        pytest.raises(ProviderError, match="serves no models; pass -m MODEL"),
    ):
        s.summarize(ARTICLE)


async def test_async_summarize_retries_and_counts_alike(fake: FakeOpenAI) -> None:
    fake.add(error(503, "busy"), ok)
    async with summarizer(fake) as s:
        result = await s.asummarize(ARTICLE, published=PUBLISHED)
    attempts = result.metadata.attempts
    assert (attempts.requests, attempts.reasks, attempts.transport_retries) == (2, 0, 1)
    assert result.events[0].quantities[0].low == 41


def test_closing_the_summarizer_closes_its_client(fake: FakeOpenAI) -> None:
    fake.add(ok)
    with summarizer(fake) as s:
        s.summarize(ARTICLE)
        assert isinstance(s.provider, OpenAIProvider)
        client = s.provider.client()
        assert not client.is_closed()
    assert client.is_closed()


async def test_closing_the_summarizer_closes_its_async_client(fake: FakeOpenAI) -> None:
    fake.add(ok)
    async with summarizer(fake) as s:
        await s.asummarize(ARTICLE)
        assert isinstance(s.provider, OpenAIProvider)
        client = s.provider.async_client()
        assert not client.is_closed()
    assert client.is_closed()


def test_a_provider_handed_in_is_left_open_for_its_owner(fake: FakeOpenAI) -> None:
    fake.add(ok)
    with summarizer(fake) as made:
        assert isinstance(made.provider, OpenAIProvider)
        client = made.provider.client()
        with Summarizer(provider=made.provider) as borrowing:
            borrowing.summarize(ARTICLE)
        assert not client.is_closed()  # still the first Summarizer's
    assert client.is_closed()


def test_a_bug_of_ours_is_raised_as_itself_not_as_an_extraction_error(
    fake: FakeOpenAI, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: Any, **kwargs: Any) -> list[str]:
        raise ZeroDivisionError("a bug in the grounding check")

    monkeypatch.setattr("summarizer.grounding.check.assemble", broken)
    fake.add(ok)
    with pytest.raises(ZeroDivisionError, match="a bug in the grounding check"):
        summarize(fake)
    assert len(fake.requests) == 1  # and it is not re-asked as if the model had erred


def test_the_async_client_is_remade_on_a_new_event_loop(fake: FakeOpenAI) -> None:
    """Its connections belong to the loop that made it: a second ``asyncio.run`` must not
    reuse them (it would fail with 'Event loop is closed')."""
    fake.add(ok, ok)
    s = summarizer(fake)
    clients: list[Any] = []

    async def one() -> StructuredSummary:
        summary = await s.asummarize(ARTICLE)
        assert isinstance(s.provider, OpenAIProvider)
        client = s.provider.async_client()
        assert client is s.provider.async_client()  # one client per loop
        clients.append(client)
        await client.close()  # this loop's connections, closed on it; the provider keeps it
        return summary

    assert asyncio.run(one()).metadata.attempts.requests == 1
    assert asyncio.run(one()).metadata.attempts.requests == 1
    assert clients[0] is not clients[1]
    s.close()


def trickling(request: dict[str, Any]) -> Reply:
    """A valid answer sent one byte every 10 ms: each read comes well within any read timeout,
    and the whole would take half a minute."""
    return Reply(body=completion(request, answer()), trickle=0.01)


def test_a_trickling_answer_is_bounded_by_the_timeout_as_a_whole(fake: FakeOpenAI) -> None:
    fake.add(trickling)
    with pytest.raises(ProviderError, match="did not answer in time") as raised:
        summarize(fake, timeout=0.5)
    assert raised.value.requests == 1


async def test_a_trickling_answer_is_bounded_on_the_async_client_too(fake: FakeOpenAI) -> None:
    fake.add(trickling)
    async with summarizer(fake, timeout=0.5) as s:
        with pytest.raises(ProviderError, match="did not answer in time"):
            await s.asummarize(ARTICLE)


def test_a_dawdling_answer_within_the_timeout_is_read_whole(fake: FakeOpenAI) -> None:
    fake.add(lambda request: Reply(body=completion(request, answer()), trickle=0.0001))
    assert summarize(fake, timeout=30).metadata.attempts.requests == 1


def test_the_deadline_bounds_an_article_over_all_its_tries(fake: FakeOpenAI) -> None:
    """A remote server that hangs: the first try is cut at the deadline, and no retry is sent
    after it (without a deadline the timeout of 10 s would allow two tries of 10 s)."""
    fake.add(slow)
    with pytest.raises(ProviderError, match="at its deadline") as raised:
        summarize(fake, timeout=10, deadline=0.3, retry=replace(no_wait(), local=False))
    assert raised.value.requests == 1


def test_deadline_and_max_tokens_are_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    from summarizer.config import Settings

    monkeypatch.setenv("SUMMARIZER_DEADLINE", "90")
    monkeypatch.setenv("SUMMARIZER_MAX_TOKENS", "2048")
    settings = Settings.load("m")
    assert (settings.deadline, settings.max_tokens) == (90, 2048)
    assert Settings.load("m", deadline=5, max_tokens=512).max_tokens == 512


def test_an_answer_past_the_size_cap_is_not_read_whole_nor_retried(
    fake: FakeOpenAI, monkeypatch: pytest.MonkeyPatch
) -> None:
    from summarizer.providers.openai import deadline

    monkeypatch.setattr(deadline, "MAX_ANSWER_BYTES", 1000)  # the answer is a few kilobytes
    fake.add(ok)
    with pytest.raises(ProviderError, match="passed 1,000 bytes") as raised:
        summarize(fake, retry=replace(no_wait(), local=False))
    assert len(fake.requests) == 1 and raised.value.requests == 1
