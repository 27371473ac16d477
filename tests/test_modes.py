"""Structured-output negotiation: a server that refuses the mode asked for is asked once in the
next one (json_schema → json → md_json; tools → json), never retried as a transient fault, and
the mode that worked is remembered for the server and reported in the summary."""

from __future__ import annotations

import json
from typing import Any

import pytest

from summarizer import Summarizer
from summarizer.errors import ProviderError
from summarizer.providers.openai.retry import is_mode_refusal
from summarizer.store.modes import ModesFile
from tests.conftest import no_wait
from tests.fakeserver import FakeOpenAI, Reply, Request, Script, completion
from tests.test_faults import ARTICLE, answer

# What llama-cpp-python's server answers a json_schema request with (its request model knows
# only "text" and "json_object"): a 500 carrying a validation error.
LLAMA_CPP_500 = {
    "error": {
        "message": "[{'type': 'literal_error', 'loc': ('body', 'response_format', 'type'), "
        "'msg': \"Input should be 'text' or 'json_object'\", 'input': 'json_schema', "
        "'ctx': {'expected': \"'text' or 'json_object'\"}}]",
        "type": "internal_server_error",
    }
}


def kind_of(request: Request) -> str:
    if request.get("tools"):
        return "tools"
    return str((request.get("response_format") or {}).get("type") or "none")


def server_refusing(*refused: str, status: int = 500, body: Any = None) -> Script:
    """Refuses the requests whose structured-output kind is in ``refused``, answers the rest."""

    def reply(request: Request) -> Reply:
        if kind_of(request) in refused:
            return Reply(status=status, body=body or LLAMA_CPP_500)
        return Reply(body=completion(request, answer()))

    return reply


def summarizer(fake: FakeOpenAI, **kwargs: Any) -> Summarizer:
    return Summarizer("local-model", base_url=fake.base_url, retry=no_wait(), **kwargs)


def test_a_server_refusing_json_schema_like_llama_cpp_is_asked_in_json_once(
    fake: FakeOpenAI,
) -> None:
    fake.answer_every(server_refusing("json_schema"))
    with summarizer(fake) as s:
        summary = s.summarize(ARTICLE)
    assert [kind_of(r) for r in fake.requests] == ["json_schema", "json_object"]  # not retried
    assert summary.metadata.mode == "json"
    assert summary.metadata.attempts.requests == 2
    assert "refused the json_schema mode; answered in json mode" in summary.diagnostics.warnings[0]
    assert ModesFile().get(fake.base_url) == "json"

    # The next run asks in json at once.
    with summarizer(fake) as again:
        assert again.summarize(ARTICLE).metadata.attempts.requests == 1
    assert [kind_of(r) for r in fake.requests[2:]] == ["json_object"]


def test_a_tool_less_server_falls_back_from_tools_to_json(fake: FakeOpenAI) -> None:
    refusal = {"error": {"message": "tools is not supported by this server"}}
    fake.answer_every(server_refusing("tools", status=400, body=refusal))
    with summarizer(fake, mode="tools") as s:
        summary = s.summarize(ARTICLE)
    assert [kind_of(r) for r in fake.requests] == ["tools", "json_object"]
    assert summary.metadata.mode == "json"


def test_the_articles_after_the_first_refusal_ask_in_the_mode_that_worked(
    fake: FakeOpenAI,
) -> None:
    fake.answer_every(server_refusing("json_schema"))
    with summarizer(fake) as s:
        results = list(s.summarize_many([ARTICLE] * 4, concurrency=1))
    assert all(r.ok for r in results)
    assert [kind_of(r) for r in fake.requests] == ["json_schema"] + ["json_object"] * 4


def test_a_server_refusing_every_mode_says_to_choose_one(fake: FakeOpenAI) -> None:
    refusal = {"error": {"message": "response_format is not supported"}}
    fake.answer_every(lambda request: Reply(status=400, body=refusal))
    with summarizer(fake) as s, pytest.raises(ProviderError, match="choose one") as raised:
        s.summarize(ARTICLE)
    assert "tried json_schema, json, md_json" in str(raised.value)
    assert raised.value.requests == 3 == len(fake.requests)


def test_only_refusals_of_the_mode_count_as_such(fake: FakeOpenAI) -> None:
    """A 500 that is not about the mode is transient (retried); a 400 about something else
    (the context length) is no mode refusal."""
    import httpx2
    import openai

    def status_error(status: int, message: str) -> openai.APIStatusError:
        request = httpx2.Request("POST", "http://x/v1/chat/completions")
        body = {"error": {"message": message}}
        response = httpx2.Response(status, request=request, content=json.dumps(body).encode())
        return openai.APIStatusError(message, response=response, body=body["error"])

    assert is_mode_refusal(status_error(500, json.dumps(LLAMA_CPP_500)))
    assert is_mode_refusal(status_error(422, "Unsupported value: 'response_format.type'"))
    assert not is_mode_refusal(status_error(500, "CUDA out of memory"))
    assert not is_mode_refusal(status_error(500, "the tools room is on fire"))
    assert not is_mode_refusal(status_error(400, "maximum context length is 8192 tokens"))


def test_a_server_failing_to_parse_the_models_tool_call_is_no_mode_refusal(
    fake: FakeOpenAI,
) -> None:
    """Ollama answers a malformed tool call of its model with a 500 "error parsing tool call":
    a bad answer, retried as a 5xx, not a reason to leave tools mode for good."""
    parse = {"error": "error parsing tool call: raw='{\"headline\": ', err=invalid character"}
    fake.add(Reply(status=500, body=parse), server_refusing())
    with summarizer(fake, mode="tools") as s:
        summary = s.summarize(ARTICLE)
    assert [kind_of(r) for r in fake.requests] == ["tools", "tools"]
    assert summary.metadata.mode == "tools" and ModesFile().get(fake.base_url) is None
