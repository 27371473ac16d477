"""The fault matrix: every way a server has a bad day, through the real openai client and
instructor against the strict loopback server, for one article and for the same fault in the
middle of a batch. Each row says what the server does, how many requests that takes, and what
the user is told (or that the summary comes through). No row may end in a traceback, drop an
article silently, or show the key.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from typing import Any

import pytest

from summarizer import Summarizer
from summarizer.errors import ExtractionError, ProviderError, SummarizerError
from tests.conftest import no_wait
from tests.fakeserver import FakeOpenAI, Reply, Request, Script, completion
from tests.test_faults import ARTICLE, answer

KEY = "sk-matrix-0123456789abcdefghij"


def ok(request: Request) -> Reply:
    return Reply(body=completion(request, answer()))


def status(code: int, message: str = "boom", **headers: str) -> Reply:
    return Reply(status=code, body={"error": {"message": message}}, headers=dict(headers))


def raw_answer(text: str, **options: Any) -> Script:
    return lambda request: Reply(body=completion(request, text, raw=True, **options))


def no_choices(request: Request) -> Reply:
    body = completion(request, answer())
    body["choices"] = []
    return Reply(body=body)


def refusal(request: Request) -> Reply:
    body = completion(request, {})
    body["choices"][0]["message"] = {"role": "assistant", "content": None, "refusal": "No."}
    return Reply(body=body)


PROXY_PAGE = "<html><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>"
CONTEXT = (
    "This model's maximum context length is 8192 tokens. However, your messages resulted in "
    "9120 tokens. Please reduce the length of the messages."
)


@dataclass(frozen=True)
class Row:
    name: str
    replies: tuple[Script, ...]
    requests: int
    error: type[SummarizerError] | None = None  # None: the summary comes through
    says: str = ""  # a regular expression the message matches
    remote: bool = False  # a server that is not on this machine (timeouts are retried once)
    timeout: float | None = None
    pool: bool = False  # the fault stops the whole pool: the articles after it are not sent


ROWS = [
    Row("429 with Retry-After", (status(429, "slow down", **{"retry-after": "2"}), ok), 2),
    Row("429 without Retry-After", (status(429, "slow down"), ok), 2),
    Row("429 past the cap", (status(429, "later", **{"retry-after": "3600"}),), 1,
        ProviderError, r"rate limited.*try again after", pool=True),
    Row("500 then fine", (status(500), ok), 2),
    Row("500 every time", (status(500),) * 3, 3, ProviderError,
        r"answered 500: boom \(http://127\.0\.0\.1:\d+/v1, 3 attempts\)"),
    Row("no choices every time", (no_choices,) * 3, 3, ProviderError, r"no choices"),
    Row("502", (status(502), ok), 2),
    Row("503", (status(503), ok), 2),
    Row("504", (status(504), ok), 2),
    Row("reset mid-body", (lambda r: replace(ok(r), cut=40), ok), 2),
    Row("dropped before answering", (Reply(drop=True), ok), 2),
    Row("hang past the timeout, local", (lambda r: replace(ok(r), delay=1.0),), 1,
        ProviderError, r"did not answer in time .*1 attempt\)", timeout=0.2),
    Row("hang past the timeout, remote", (lambda r: replace(ok(r), delay=1.0), ok), 2,
        remote=True, timeout=0.2),
    Row("trickling past the timeout", (lambda r: replace(ok(r), trickle=0.01),), 1,
        ProviderError, r"did not answer in time", timeout=0.3),
    Row("JSON cut off", (raw_answer('{"headline": "Flo'), ok), 2),
    Row("schema-invalid JSON", (raw_answer('{"headline": 3, "events": "none"}'), ok), 2),
    Row("cut off at the output limit", (raw_answer('{"head', finish_reason="length"), ok), 2),
    Row("a refusal", (refusal,), 1, ExtractionError, r"refused to answer: No\."),
    Row("empty choices", (no_choices, ok), 2),
    Row("an HTML error page from a proxy", (Reply(status=502, body=PROXY_PAGE,
        content_type="text/html"), ok), 2),
    Row("an HTML error page every time", (Reply(status=502, body=PROXY_PAGE,
        content_type="text/html"),) * 3, 3, ProviderError, r"answered 502"),
    Row("401", (status(401, f"Incorrect API key provided: {KEY}"),), 1,
        ProviderError, r"rejected the API key \(401\)"),
    Row("404 unknown model", (status(404, "The model `nope` does not exist"),), 1,
        ProviderError, r"answered 404: The model `nope` does not exist.*-m MODEL"),
    Row("400 context length exceeded", (status(400, CONTEXT),), 1,
        ProviderError, r"too long for the model's context \(400: This model's maximum"),
]  # fmt: skip


def summarizer_for(fake: FakeOpenAI, row: Row) -> Summarizer:
    retry = replace(no_wait(), local=False) if row.remote else no_wait()
    options: dict[str, Any] = {"timeout": row.timeout} if row.timeout else {}
    return Summarizer(
        "test-model", base_url=fake.base_url, api_key=KEY, mode="tools", retry=retry, **options
    )


@pytest.mark.parametrize("row", ROWS, ids=[row.name for row in ROWS])
def test_one_article(fake: FakeOpenAI, row: Row) -> None:
    fake.add(*row.replies)
    with summarizer_for(fake, row) as s:
        if row.error is None:
            summary = s.summarize(ARTICLE)
            assert summary.metadata.attempts.requests == row.requests
            assert summary.events and summary.metadata.grounding.fields_dropped == 0
        else:
            with pytest.raises(row.error, match=row.says) as raised:
                s.summarize(ARTICLE)
            assert getattr(raised.value, "requests", None) == row.requests
            assert KEY not in str(raised.value)
    assert len(fake.requests) == row.requests


@pytest.mark.parametrize("row", ROWS, ids=[row.name for row in ROWS])
def test_in_a_batch_the_fault_stays_with_its_article(fake: FakeOpenAI, row: Row) -> None:
    """The faulty article is the second of three, one at a time: the others come through, and
    the faulty one is a result (ok, or its error) — never a lost article or an abort."""
    fake.add(ok, *row.replies, *(() if row.pool else (ok,)))
    with summarizer_for(fake, row) as s:
        results = {r.id: r for r in s.summarize_many([ARTICLE, ARTICLE, ARTICLE], concurrency=1)}
    assert sorted(results) == ["0", "1", "2"]
    assert results["0"].ok
    if row.pool:  # told to wait an hour: nothing more is sent, and each article says why
        after = results["2"]
        assert not after.ok and after.requests == 0 and after.error is not None
        assert re.search(row.says, after.error.message)
    else:
        assert results["2"].ok
    faulty = results["1"]
    assert faulty.requests == row.requests
    if row.error is None:
        assert faulty.ok
    else:
        assert not faulty.ok and faulty.error is not None
        assert faulty.error.kind == ("provider" if row.error is ProviderError else "extraction")
        assert KEY not in json.dumps(faulty.error.message)


def test_a_web_page_at_the_base_url_says_so(fake: FakeOpenAI) -> None:
    """A base URL missing its /v1 on a server whose web UI answers 200 with a page."""
    page = Reply(body="<html><body>Welcome to the web UI</body></html>", content_type="text/html")
    fake.add(page)
    with summarizer_for(fake, ROWS[0]) as s, pytest.raises(ProviderError, match="not a chat") as e:
        s.summarize(ARTICLE)
    assert "/v1" in str(e.value) and e.value.requests == 1
