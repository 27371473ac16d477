"""Only a call to the function we offered is an answer, on every path an answer takes: the first
request's (validated by ``extract`` itself), each answer instructor's loop reads (its re-asks),
and a Batch API line's (prefilled) — sync and async, in tools mode and in a JSON mode. Against
the strict loopback server, through the real openai client and instructor."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest
from openai.types.chat import ChatCompletion

from summarizer import ExtractionError, StructuredSummary
from summarizer.config import Settings
from summarizer.input.article import Article
from summarizer.pipeline import prepare
from summarizer.providers.openai.provider import OpenAIProvider
from summarizer.providers.openai.transport import Prefilled
from tests.conftest import no_wait
from tests.fakeserver import FakeOpenAI, Reply, Request, completion
from tests.test_faults import ARTICLE, answer, ok, summarizer

OURS = "ArticleSummary"
INVENTED = answer(evidence="The relief agency said at least 41 people were swept away")


def calls(*named: tuple[str, Any], content: str | None = None) -> Any:
    """A script: an answer whose message makes these tool calls (name, arguments), in order."""

    def reply(request: Request) -> Reply:
        body = completion(request, {})
        body["choices"][0]["message"] = {
            "role": "assistant",
            "content": content,
            "tool_calls": [
                {"id": f"call_{i}", "type": "function",
                 "function": {"name": name, "arguments": json.dumps(arguments)}}
                for i, (name, arguments) in enumerate(named, 1)
            ],
        }  # fmt: skip
        return Reply(body=body)

    return reply


def summarize(fake: FakeOpenAI, *, run_async: bool = False, **kwargs: Any) -> StructuredSummary:
    if run_async:
        return asyncio.run(asummarize(fake, **kwargs))
    with summarizer(fake, **kwargs) as s:
        return s.summarize(ARTICLE)


async def asummarize(fake: FakeOpenAI, **kwargs: Any) -> StructuredSummary:
    async with summarizer(fake, **kwargs) as s:  # closes the async client on its own loop
        return await s.asummarize(ARTICLE)


def reask_of(request: Request) -> tuple[dict[str, Any], str]:
    """The answer a re-ask sends back as history, and what it says was wrong."""
    *_, history, told = request["messages"]
    return history, told["content"]


def assert_clean(result: StructuredSummary) -> None:
    assert result.diagnostics.dropped == []
    assert result.events[0].quantities[0].low == 41


@pytest.mark.parametrize("run_async", [False, True], ids=["sync", "async"])
def test_a_first_answer_calling_another_function_is_reasked_though_its_arguments_fit(
    fake: FakeOpenAI, run_async: bool
) -> None:
    fake.add(calls(("delete_all", answer())), ok)
    result = summarize(fake, run_async=run_async)
    assert (result.metadata.attempts.requests, result.metadata.attempts.reasks) == (2, 1)
    history, told = reask_of(fake.requests[1])
    assert history["role"] == "assistant" and "tool_calls" not in history  # never offered
    assert "No tool calls" in told
    assert result.diagnostics.warnings == [
        "the model called delete_all, which it was not offered; the calls were ignored"
    ]
    assert_clean(result)


@pytest.mark.parametrize("run_async", [False, True], ids=["sync", "async"])
def test_a_reask_answered_by_another_function_is_reasked_again(
    fake: FakeOpenAI, run_async: bool
) -> None:
    """Instructor's loop reads the re-asks' answers: there too a foreign call is no answer."""
    fake.add(calls((OURS, INVENTED)), calls(("delete_all", answer())), ok)
    result = summarize(fake, run_async=run_async)
    assert (result.metadata.attempts.requests, result.metadata.attempts.reasks) == (3, 2)
    assert "No tool calls" in reask_of(fake.requests[2])[1]
    assert "delete_all" in result.diagnostics.warnings[0]
    assert_clean(result)


def test_a_batch_api_answer_calling_another_function_is_reasked_live(fake: FakeOpenAI) -> None:
    settings = Settings.load("test-model", base_url=fake.base_url, api_key="test", mode="tools")
    provider = OpenAIProvider(settings, retry=no_wait())
    article, _ = prepare(Article(text=ARTICLE))
    body = provider.request_body(article)
    line = calls(("delete_all", answer()))(body).body
    fake.add(ok)  # the live re-ask
    prefilled = Prefilled(body=body, completion=ChatCompletion.model_validate(line))
    extraction = provider.extract(article, prefilled=prefilled)
    provider.close()
    assert (extraction.stats.requests, extraction.stats.reasks) == (2, 1)
    assert extraction.stats.ignored_calls == ["delete_all"]
    assert "No tool calls" in reask_of(fake.requests[0])[1]
    assert extraction.draft.events[0].quantities[0].text == "at least 41"


def test_of_several_calls_ours_is_taken(fake: FakeOpenAI) -> None:
    fake.add(calls(("delete_all", INVENTED), (OURS, answer()), ("send_email", {"to": "x"})))
    result = summarize(fake)
    assert result.metadata.attempts.requests == 1
    assert result.diagnostics.warnings == [
        "the model called delete_all, send_email, which it was not offered; the calls were ignored"
    ]
    assert_clean(result)


def test_our_call_repeated_is_one_answer(fake: FakeOpenAI) -> None:
    fake.add(calls((OURS, answer()), (OURS, answer())))
    result = summarize(fake)
    assert result.metadata.attempts.requests == 1 and result.diagnostics.warnings == []
    assert_clean(result)


def test_two_different_calls_of_ours_fail_clearly(fake: FakeOpenAI) -> None:
    fake.add(calls((OURS, answer()), (OURS, answer(number="nearly 8,000"))))
    with pytest.raises(ExtractionError) as failed:
        summarize(fake)
    assert str(failed.value) == (
        f"the model answered with 2 different calls to {OURS}; one answer was expected"
    )
    assert failed.value.requests == 1


def test_only_foreign_calls_until_the_reasks_are_spent_fail_naming_them(fake: FakeOpenAI) -> None:
    fake.add(*[calls(("delete_all", answer()))] * 3)
    with pytest.raises(ExtractionError) as failed:
        summarize(fake, max_reasks=2)
    message = str(failed.value)
    assert message.startswith("the model's answer did not fit the schema after 3 attempts")
    assert "the model called delete_all, which it was not offered" in message
    assert failed.value.requests == 3


def test_a_custom_tool_call_is_ignored_not_parsed(fake: FakeOpenAI) -> None:
    def reply(request: Request) -> Reply:
        body = calls((OURS, answer()))(request).body
        custom = {"id": "call_0", "type": "custom", "custom": {"name": "shell", "input": "rm -rf"}}
        body["choices"][0]["message"]["tool_calls"].insert(0, custom)
        return Reply(body=body)

    fake.add(reply)
    result = summarize(fake)
    assert result.metadata.attempts.requests == 1
    assert "the model called shell" in result.diagnostics.warnings[0]
    assert_clean(result)


def test_json_schema_mode_offers_no_function_so_every_call_is_foreign(fake: FakeOpenAI) -> None:
    # An answer in its content is the answer, a call beside it ignored; a call alone is none.
    content = json.dumps(answer())
    fake.add(calls(("delete_all", INVENTED)), calls(("delete_all", INVENTED), content=content))
    result = summarize(fake, mode="json_schema")
    assert "tools" not in fake.requests[0]
    assert (result.metadata.attempts.requests, result.metadata.attempts.reasks) == (2, 1)
    assert result.diagnostics.warnings == [
        "the model called delete_all, which it was not offered; the calls were ignored"
    ]
    assert_clean(result)
