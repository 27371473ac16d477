"""The OpenAI Batch API path end to end: the real openai client and instructor against the strict
loopback server's /files and /batches (upload, create, poll, download), then validation, a live
re-ask where an answer fails it, and grounding; and the same run replayed from a cassette.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

import pytest

from summarizer.config import Settings
from summarizer.errors import ExtractionError, InputError, ProviderError
from summarizer.input.article import Article
from summarizer.input.load import from_text
from summarizer.pipeline import arun, prepare, run
from summarizer.providers.base import CallStats
from summarizer.providers.openai import batchapi
from summarizer.providers.openai.batchapi import (
    BatchAnswers,
    BatchProgress,
    request_line,
    run_batch,
    submit,
)
from summarizer.providers.openai.provider import OpenAIProvider
from summarizer.providers.openai.transport import Prefilled, as_json
from summarizer.schema import StructuredSummary
from tests.conftest import PUBLISHED, REPLAY_BASE_URL, example, no_wait, scripted
from tests.fakeserver import BatchScript, FakeOpenAI, LineError, Reply, completion

KEY = "sk-test-batch-key-0123456789abcdef"  # key-shaped, to be sure it goes nowhere


_MADE: list[OpenAIProvider] = []


@pytest.fixture(autouse=True)
def _close_providers() -> Iterator[None]:
    yield
    while _MADE:
        _MADE.pop().close()  # the one async test closes its async client itself


def provider(base_url: str, *, mode: str = "tools", key: str = KEY) -> OpenAIProvider:
    settings = Settings.load("gpt-4o-mini", base_url=base_url, api_key=key, mode=mode)
    made = OpenAIProvider(settings, retry=no_wait())
    _MADE.append(made)
    return made


def raw(name: str) -> Article:
    return from_text(example(name)).with_metadata(published=date.fromisoformat(PUBLISHED[name]))


def cleaned(*names: str) -> list[tuple[str, Article]]:
    """(item id, the article as the provider reads it): what ``submit`` is given."""
    return [(name, prepare(raw(name))[0]) for name in names]


def same_but_latency(a: StructuredSummary, b: StructuredSummary) -> bool:
    drop = {"metadata": {"latency_s"}}
    return a.model_dump(exclude=drop) == b.model_dump(exclude=drop)


@pytest.mark.parametrize("mode", ["tools", "json_schema"])
def test_a_batch_line_carries_exactly_the_request_the_live_path_sends(
    fake: FakeOpenAI, mode: str
) -> None:
    live = provider(fake.base_url, mode=mode)
    (name, article), = cleaned("business")  # fmt: skip
    line = request_line(live, name, article)
    assert (line["custom_id"], line["method"], line["url"]) == (
        "business", "POST", "/v1/chat/completions"
    )  # fmt: skip
    fake.add(scripted("business"))
    run(raw("business"), live)
    assert fake.requests == [line["body"]]  # as the server received it, every field
    body = line["body"]
    assert body["model"] == "gpt-4o-mini" and body["temperature"] == 0
    assert ("tools" in body) == (mode == "tools")
    assert ("response_format" in body) == (mode == "json_schema")
    live.close()


async def test_upload_create_poll_download_validate_reask_and_ground(fake: FakeOpenAI) -> None:
    fake.add_batch(
        BatchScript(
            answers={
                # An invented quote: fails strict validation, so it is re-asked live.
                "conflict": scripted("conflict_invented"),
                "business": scripted("business"),
                "politics": scripted("politics"),
                "disaster": LineError(),
            }
        )
    )
    fake.add(scripted("conflict"))  # the live re-ask's answer
    batch_api = provider(fake.base_url)
    names = ("conflict", "business", "politics", "disaster")
    job = submit(batch_api, cleaned(*names))
    assert fake.calls == ["POST /v1/files", "POST /v1/batches"]

    # The upload: one line per article, named by its item id, and no key anywhere in it.
    (upload,) = fake.uploads
    assert KEY.encode() not in upload
    assert [line["custom_id"] for line in fake.batch_lines] == list(names)
    assert [json.loads(line)["custom_id"] for line in upload.decode().splitlines()] == list(names)

    seen: list[BatchProgress] = []
    sleeps: list[float] = []
    job.wait(poll_seconds=7, sleep=sleeps.append, progress=seen.append)
    assert [p.status for p in seen] == ["validating", "in_progress", "finalizing", "completed"]
    assert sleeps == [7, 7, 7]
    assert (seen[1].completed, seen[1].total) == (1, 4)
    assert (seen[-1].batch_id, seen[-1].completed, seen[-1].failed, seen[-1].total) == (
        job.id, 3, 1, 4
    )  # fmt: skip

    answers = job.answers()
    assert answers.failed() == {
        "disaster": "the Batch API could not run it: This request could not be executed "
        "before the completion window expired. (batch_expired)"
    }
    batch_calls = [
        "POST /v1/files", "POST /v1/batches", *[f"GET /v1/batches/{job.id}"] * 3,
        f"GET /v1/files/{job.batch.output_file_id}/content",
        f"GET /v1/files/{job.batch.error_file_id}/content",
    ]  # fmt: skip
    assert fake.calls == batch_calls
    assert job.requests == 7

    # Validated as live answers: three are good as they came back; the invented quote is
    # re-asked live, the failed answer and the errors as history; all grounded as live.
    results = {name: await arun(raw(name), answers) for name in names[:3]}
    assert fake.calls == [*batch_calls, "POST /v1/chat/completions"]
    (reask,) = fake.requests
    assert [m["role"] for m in reask["messages"]] == ["system", "user", "assistant", "tool"]
    failed = reask["messages"][2]["tool_calls"][0]["function"]["arguments"]
    assert json.loads(failed) == json.loads(_answer_of("conflict_invented"))
    assert "not in the article" in reask["messages"][3]["content"]
    assert "at least 300 North Korean soldiers" in reask["messages"][3]["content"]
    assert {k: v for k, v in reask.items() if k != "messages"} == {
        k: v for k, v in fake.batch_lines[0]["body"].items() if k != "messages"
    }

    conflict = results["conflict"].metadata
    assert (conflict.attempts.requests, conflict.attempts.reasks) == (2, 1)
    assert conflict.usage.total_tokens == 2 * (1200 + 400)  # the batch answer and the re-ask
    for name in ("business", "politics"):
        meta = results[name].metadata
        assert (meta.attempts.requests, meta.attempts.reasks) == (1, 0)
        assert meta.usage.total_tokens == 1600
    for result in results.values():
        assert result.metadata.grounding.fields > 0
        assert result.metadata.grounding.fields_dropped == 0
        assert result.diagnostics.dropped == [] and result.diagnostics.warnings == []
        assert result.metadata.model == "gpt-4o-mini"
        assert result.metadata.provider == "openai-compatible"

    with pytest.raises(ProviderError, match=f"batch {job.id} could not answer disaster: .*"):
        await arun(raw("disaster"), answers)
    assert len(fake.requests) == 1  # a line the batch could not run is not sent live

    # The same article summarised live gives the same summary, latency apart.
    fake.add(scripted("business"))
    live = provider(fake.base_url)
    assert same_but_latency(run(raw("business"), live), results["business"])
    live.close()
    await answers.aclose()


def _answer_of(name: str) -> str:
    from tests.conftest import RESPONSES

    return (RESPONSES / f"{name}.json").read_text(encoding="utf-8")


def test_resume_by_batch_id_skips_upload_and_create(fake: FakeOpenAI) -> None:
    fake.add_batch(
        BatchScript(
            answers={"business": scripted("business"), "politics": scripted("politics")},
            statuses=["in_progress", "completed"],
        )
    )
    batch_id = submit(provider(fake.base_url), cleaned("business", "politics")).id
    made = len(fake.calls)

    # Another process, another provider: the batch id is all it has.
    later = provider(fake.base_url)
    answers = run_batch(later, [], batch_id=batch_id, sleep=lambda _: None)
    input_file = fake.batches[batch_id].input_file_id
    assert fake.calls[made:] == [
        f"GET /v1/batches/{batch_id}",
        f"GET /v1/files/{input_file}/content",  # the requests as they were sent
        f"GET /v1/batches/{batch_id}",
        f"GET /v1/files/{fake.batches[batch_id].output_file_id}/content",
    ]
    summary = run(raw("politics"), answers)
    assert summary.metadata.attempts.requests == 1
    assert summary.metadata.grounding.fields_dropped == 0

    # An article that is not what the batch was sent is not given another request's answer.
    changed = raw("business").with_metadata(published=date(2025, 10, 25))
    with pytest.raises(ProviderError, match="holds no request for this article"):
        run(changed, answers)
    assert fake.requests == []
    answers.close()


@pytest.mark.parametrize(
    ("statuses", "errors", "says"),
    [
        (["failed"], [{"code": "invalid_json_line", "message": "Bad line.", "line": 2}],
         "failed: line 2: Bad line."),
        (["in_progress", "expired"], [], r"expired: not finished within 24h \(0 of 1"),
        (["in_progress", "cancelling", "cancelled"], [], "was cancelled"),
    ],
)  # fmt: skip
def test_a_batch_that_did_not_complete_is_a_provider_error_naming_it(
    fake: FakeOpenAI, statuses: list[str], errors: list[dict[str, Any]], says: str
) -> None:
    fake.add_batch(BatchScript(answers={"business": LineError()}, statuses=statuses, errors=errors))
    job = submit(provider(fake.base_url), cleaned("business"))
    seen: list[str] = []
    with pytest.raises(ProviderError, match=f"batch {job.id} {says}") as raised:
        job.wait(sleep=lambda _: None, progress=lambda p: seen.append(p.status))
    assert seen == ["validating", *statuses]
    assert KEY not in str(raised.value)
    with pytest.raises(ProviderError, match="not completed"):
        job.answers()


def test_a_line_the_server_answered_with_an_error_fails_only_its_article(
    fake: FakeOpenAI,
) -> None:
    refused = Reply(status=400, body={"error": {"message": "Invalid 'messages'."}})
    fake.add_batch(BatchScript(answers={"business": refused, "politics": scripted("politics")}))
    answers = run_batch(
        provider(fake.base_url), cleaned("business", "politics"), sleep=lambda _: None
    )
    assert answers.failed() == {"business": "the Batch API answered 400: Invalid 'messages'."}
    with pytest.raises(ProviderError, match="answered 400") as raised:
        run(raw("business"), answers)
    assert raised.value.requests == 1
    assert run(raw("politics"), answers).metadata.attempts.requests == 1


def test_transient_faults_are_retried_but_never_the_create(fake: FakeOpenAI) -> None:
    fake.add_batch(BatchScript(answers={"business": scripted("business")}, statuses=["completed"]))
    unavailable = Reply(status=503, body={"error": {"message": "try later"}})
    fake.fail_batch_request("POST /files", unavailable)
    job = submit(provider(fake.base_url), cleaned("business"))
    fake.fail_batch_request("GET /batches/", unavailable, Reply(drop=True))
    job.wait(sleep=lambda _: None)
    fake.fail_batch_request("GET /files/", unavailable)
    job.answers()
    assert fake.calls.count("POST /v1/files") == 2
    assert fake.calls.count("POST /v1/batches") == 1
    assert fake.calls.count(f"GET /v1/batches/{job.id}") == 3
    assert job.requests == 2 + 1 + 3 + 2

    # A create whose answer went missing may have started the batch: reported, not repeated.
    fake.add_batch(BatchScript(answers={"politics": scripted("politics")}))
    fake.fail_batch_request("POST /batches", unavailable)
    with pytest.raises(ProviderError, match=r"could not create a batch from file file-in-\d+: "):
        submit(provider(fake.base_url), cleaned("politics"))
    assert fake.calls[-2:] == ["POST /v1/files", "POST /v1/batches"]
    fake.batch_scripts.clear()  # the failed create never reached its script


def test_nothing_is_sent_for_a_batch_that_cannot_be_made(
    fake: FakeOpenAI, monkeypatch: pytest.MonkeyPatch
) -> None:
    batch_api = provider(fake.base_url)
    with pytest.raises(InputError, match="empty"):
        submit(batch_api, [])
    with pytest.raises(InputError, match="two articles have the id 'business'"):
        submit(batch_api, cleaned("business", "business"))
    monkeypatch.setattr(batchapi, "MAX_REQUESTS", 1)
    with pytest.raises(InputError, match="more than 1 articles: one batch takes at most that many"):
        submit(batch_api, cleaned("business", "politics"))
    assert fake.calls == []  # the strict server saw nothing


def test_a_prefilled_answer_only_answers_its_own_request() -> None:
    (_, article), = cleaned("business")  # fmt: skip
    body = provider(REPLAY_BASE_URL).request_body(article)
    answer = completion(body, {"headline": "x"})
    from openai.types.chat import ChatCompletion

    prefilled = Prefilled(body=body, completion=ChatCompletion.model_validate(answer))
    stats = CallStats()
    assert prefilled.answer(stats, body).choices[0].message.tool_calls
    assert (stats.requests, stats.answers, stats.prompt_tokens) == (1, 1, 1200)
    with pytest.raises(RuntimeError, match="different request"):
        prefilled.answer(stats, as_json(body | {"temperature": 1}))


# --- the same run from a cassette ------------------------------------------------------------


@contextmanager
def batch_provider(record_mode: str) -> Iterator[OpenAIProvider]:
    """Replaying: any base URL, vcrpy answers. Recording: with SUMMARIZER_TEST_API_KEY against
    OpenAI's Batch API, else against the loopback server playing our scripted answers."""
    key = os.environ.get("SUMMARIZER_TEST_API_KEY")
    if record_mode == "none":
        with _closing(provider(REPLAY_BASE_URL, key="test")) as replaying:
            yield replaying
    elif key:
        with _closing(OpenAIProvider(Settings.load("gpt-4o-mini", api_key=key))) as real:
            yield real
    else:
        server = FakeOpenAI().start()
        server.add_batch(
            BatchScript(
                answers={
                    "conflict": scripted("conflict_invented"),
                    "business": scripted("business"),
                }
            )
        )
        server.add(scripted("conflict"))
        with _closing(provider(server.base_url, key="test")) as loopback:
            yield loopback
        server.stop()
        server.check()


@contextmanager
def _closing(p: OpenAIProvider) -> Iterator[OpenAIProvider]:
    try:
        yield p
    finally:
        p.close()


@pytest.mark.vcr
def test_batch_api_cassette_end_to_end(record_mode: str, vcr: Any) -> None:
    real = bool(os.environ.get("SUMMARIZER_TEST_API_KEY")) and record_mode != "none"
    with batch_provider(record_mode) as batch_api:
        seen: list[str] = []
        answers: BatchAnswers = run_batch(
            batch_api,
            cleaned("conflict", "business"),
            poll_seconds=30 if real else 0,
            sleep=__import__("time").sleep if real else (lambda _: None),
            progress=lambda p: seen.append(p.status),
        )
        results = {name: run(raw(name), answers) for name in ("conflict", "business")}
    assert seen[0] == "validating" and seen[-1] == "completed"
    paths = [(r.method, r.path) for r in vcr.requests]
    assert paths[:2] == [("POST", "/v1/files"), ("POST", "/v1/batches")]
    assert all(p == ("GET", paths[2][1]) for p in paths[2 : 2 + len(seen) - 1])
    assert vcr.record_mode != "none" or (vcr.all_played and vcr.play_count == len(paths))
    for result in results.values():
        assert result.metadata.grounding.fields > 0
        assert result.metadata.grounding.fields_dropped == 0
        assert result.diagnostics.dropped == []
    business = results["business"]
    assert business.metadata.attempts.requests == 1
    assert {e.type.value for e in business.events} == {"economic"}
    assert next(q for e in business.events for q in e.quantities if q.text == "$2.4 billion").low
    if not real:  # our scripted answers: the invented quote was re-asked live, once
        assert paths[-1] == ("POST", "/v1/chat/completions")
        conflict = results["conflict"].metadata.attempts
        assert (conflict.requests, conflict.reasks) == (2, 1)


def test_a_batch_answer_cut_off_or_refused_fails_as_a_live_one_does(fake: FakeOpenAI) -> None:
    def cut_off(request: dict[str, Any]) -> Reply:
        return Reply(
            body=completion(request, '{"headline": "Cor', raw=True, finish_reason="length")
        )

    def refused(request: dict[str, Any]) -> Reply:
        body = completion(request, {})
        body["choices"][0]["message"] = {"role": "assistant", "content": None, "refusal": "No."}
        return Reply(body=body)

    fake.add_batch(BatchScript(answers={"business": cut_off, "politics": refused}))
    answers = run_batch(
        provider(fake.base_url), cleaned("business", "politics"), sleep=lambda _: None
    )
    # Cut off: asked once more, live, with twice the room, as a live answer would be.
    fake.add(scripted("business"))
    summary = run(raw("business"), answers)
    assert summary.metadata.attempts.requests == 2
    (again,) = fake.requests
    assert again["max_tokens"] == 2 * fake.batch_lines[0]["body"]["max_tokens"]
    with pytest.raises(ExtractionError, match=r"refused to answer: No\."):
        run(raw("politics"), answers)
    assert len(fake.requests) == 1  # a refusal is not re-asked, live or not
