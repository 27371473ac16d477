"""Rate limits: a 429 pauses the whole pool, a wait past the cap fails at once saying when,
client-side rpm/tpm — the real client against the strict loopback server, waits on a fake clock.

No test here sleeps: every wait goes through the ``RetryPolicy``'s injectable sleeps, and time
is a ``FakeTime``. Where workers run concurrently the clock stands still (``frozen``), so a
wait is recorded as long as it was asked and only the waits themselves tell who waited.
"""

from __future__ import annotations

import asyncio
import json
import re
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import openai
import pytest
from httpx2 import Request as HttpRequest
from httpx2 import Response as HttpResponse

from summarizer import ProviderError, RetryPolicy, StructuredSummary, Summarizer
from summarizer.providers.openai.provider import OpenAIProvider
from summarizer.providers.openai.retry import is_transient, retry_after
from summarizer.providers.openai.throttle import RetryLater, Throttle, duration, estimate_tokens
from tests.fakeserver import FakeOpenAI, Reply, Request, completion
from tests.test_faults import ARTICLE, ok

# Longest a scripted reply holds back for the client to act, before the test fails instead.
HOLD_LIMIT = 10.0


class FakeTime:
    """A clock that moves only when someone waits (``frozen``: never), recording each wait."""

    def __init__(self, *, frozen: bool = False) -> None:
        self.now = 0.0
        self.frozen = frozen
        self.sleeps: list[float] = []
        self.log: list[str] = []  # "sleep" and whatever the test adds, in order

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.log.append("sleep")
        if not self.frozen:
            self.now += seconds

    async def asleep(self, seconds: float) -> None:
        self.sleep(seconds)
        await asyncio.sleep(0)

    def policy(self, **kwargs: Any) -> RetryPolicy:
        kwargs = {"attempts": 3, "initial": 0, "max_wait": 0} | kwargs
        return RetryPolicy(sleep=self.sleep, asleep=self.asleep, clock=self.clock, **kwargs)


def summarizer(fake: FakeOpenAI, time: FakeTime, **kwargs: Any) -> Summarizer:
    retry = time.policy(**kwargs.pop("policy", {}))
    return Summarizer(
        "test-model", base_url=fake.base_url, api_key="test", mode="tools", retry=retry, **kwargs
    )


def throttle_of(s: Summarizer) -> Throttle:
    assert isinstance(s.provider, OpenAIProvider)
    return s.provider.throttle


def too_many(retry_after: str | None = None, **headers: str) -> Reply:
    if retry_after is not None:
        headers["retry-after"] = retry_after
    return Reply(status=429, body={"error": {"message": "Rate limit reached"}}, headers=headers)


def bad_json(request: Request) -> Reply:
    return Reply(body=completion(request, '{"headline": "Flo', raw=True))


def held_until(ready: Callable[[], bool], reply: Callable[[Request], Reply]) -> Any:
    """A reply given only once ``ready()`` (the client has done what the test waits for)."""

    def step(request: Request) -> Reply:
        deadline = time.monotonic() + HOLD_LIMIT
        while not ready():
            if time.monotonic() > deadline:
                return Reply(status=418, body={"error": {"message": "the client never paused"}})
            time.sleep(0.001)
        return reply(request)

    return step


def logged(time: FakeTime, reply: Callable[[Request], Reply]) -> Any:
    def step(request: Request) -> Reply:
        time.log.append("request")
        return reply(request)

    return step


# --- a 429 pauses the pool ---------------------------------------------------------------


async def test_a_429_pauses_every_worker_and_none_sends_before_the_pause_ends(
    fake: FakeOpenAI,
) -> None:
    """Four articles at once. Once all four first requests are in, one is told to wait 5 s;
    the other three are answered (with JSON that does not parse) only once the pool is paused,
    so each has to send again while it is. None may: all four wait the pause out, each once,
    and then send."""
    clock = FakeTime(frozen=True)
    async with summarizer(fake, clock) as s:
        throttle = throttle_of(s)
        all_in = lambda: len(fake.requests) >= 4  # noqa: E731
        paused = lambda: throttle.pauses > 0  # noqa: E731
        fake.add(held_until(all_in, lambda r: too_many("5")))
        fake.add(*[held_until(paused, bad_json)] * 3)
        fake.add(*[logged(clock, ok)] * 4)
        results = await asyncio.gather(*(s.asummarize(ARTICLE) for _ in range(4)))
    assert len(fake.requests) == 8  # 4 first tries, 1 retry after the 429, 3 re-asks
    assert clock.sleeps == [5.0] * 4  # each worker waited the one pause, once
    # The four requests sent after the 429 each went after a wait: never more requests than
    # waits so far (a worker that skipped the pause would send before any wait was logged).
    requests_after = [clock.log[: i + 1].count("sleep") for i, e in enumerate(clock.log)
                      if e == "request"]  # fmt: skip
    assert requests_after == sorted(requests_after) and all(
        waits >= n for n, waits in enumerate(requests_after, start=1)
    )
    attempts = sorted((r.metadata.attempts.transport_retries, r.metadata.attempts.reasks)
                      for r in results)  # fmt: skip
    assert attempts == [(0, 1), (0, 1), (0, 1), (1, 0)]


def test_a_pause_already_running_holds_back_a_new_article(fake: FakeOpenAI) -> None:
    clock = FakeTime()
    fake.add(logged(clock, ok), too_many("30"), logged(clock, ok))
    with summarizer(fake, clock) as s:
        # Another worker's 429 paused the pool 20 s ago, asking for 30: 10 s are left.
        throttle_of(s).pause(30)
        clock.now += 20
        s.summarize(ARTICLE)
        assert clock.sleeps == [10.0] and clock.log == ["sleep", "request"]
        s.summarize(ARTICLE)  # its own 429: it waits 30 s, as every request would
    assert clock.sleeps == [10.0, 30.0]
    assert len(fake.requests) == 3


def test_a_429_is_retried_after_its_retry_after_and_counted(fake: FakeOpenAI) -> None:
    clock = FakeTime()
    fake.add(too_many("7"), logged(clock, ok))
    with summarizer(fake, clock) as s:
        result = s.summarize(ARTICLE)
    assert clock.sleeps == [7.0] and clock.now == 7.0
    attempts = result.metadata.attempts
    assert (attempts.requests, attempts.transport_retries) == (2, 1)


@pytest.mark.parametrize(
    "headers, waited",
    [
        ({"retry-after-ms": "1500"}, 1.5),
        ({"retry-after-ms": "1500", "retry-after": "9"}, 1.5),  # the finer one wins
        ({"retry-after": "0"}, None),  # retry at once: nothing to wait
    ],
)
def test_the_wait_asked_for_in_milliseconds_or_none(
    fake: FakeOpenAI, headers: dict[str, str], waited: float | None
) -> None:
    clock = FakeTime()
    fake.add(too_many(**headers), ok)
    with summarizer(fake, clock) as s:
        s.summarize(ARTICLE)
    assert clock.sleeps == ([] if waited is None else [waited])


@pytest.mark.parametrize("value", ["soon", "", "Wed, 32 Foo 2025 99:00:00 GMT", "nan", "-inf"])
def test_a_retry_after_that_cannot_be_read_falls_back_to_the_backoff(
    fake: FakeOpenAI, value: str
) -> None:
    # The pool pauses for the backoff's ceiling (no jitter): 2 s for the first retry.
    clock = FakeTime()
    fake.add(too_many(value), ok)
    with summarizer(fake, clock, policy={"initial": 2, "max_wait": 10}) as s:
        result = s.summarize(ARTICLE)
    assert clock.sleeps == [2.0]
    assert result.metadata.attempts.transport_retries == 1


def test_a_429_without_retry_after_pauses_the_pool_for_the_backoff(fake: FakeOpenAI) -> None:
    clock = FakeTime()
    fake.add(too_many(), too_many(), ok)
    with summarizer(fake, clock, policy={"initial": 2, "max_wait": 10}) as s:
        s.summarize(ARTICLE)
        assert throttle_of(s).pauses == 2
    assert clock.sleeps == [2.0, 4.0]  # exponential, as for any transient fault, not jittered


def test_a_500_is_this_workers_backoff_not_a_pause(
    fake: FakeOpenAI, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The jittered backoff drawn at its ceiling: 2 s for the first retry.
    monkeypatch.setattr("summarizer.providers.openai.retry.random.uniform", lambda a, b: b)
    clock = FakeTime()
    fake.add(Reply(status=500, body={"error": {"message": "boom"}}), ok)
    with summarizer(fake, clock, policy={"initial": 2, "max_wait": 10}) as s:
        s.summarize(ARTICLE)
        assert throttle_of(s).pauses == 0
    assert clock.sleeps == [2.0]


# --- a wait past the cap fails at once -------------------------------------------------------


UTC_TIME = re.compile(r"try again after (\d{4}-\d\d-\d\d \d\d:\d\d:\d\d) UTC")


def test_a_retry_after_past_the_cap_fails_at_once_saying_when(fake: FakeOpenAI) -> None:
    clock = FakeTime()
    fake.add(too_many("3600"))
    before = datetime.now(UTC).replace(microsecond=0)
    with summarizer(fake, clock) as s, pytest.raises(ProviderError) as raised:
        s.summarize(ARTICLE)
    after = datetime.now(UTC)
    message = str(raised.value)
    assert "asked to wait 1 h 0 min (3600 s)" in message
    assert "longer than the 2 min this run waits at most" in message
    found = UTC_TIME.search(message)
    assert found is not None, message
    when = datetime.fromisoformat(found.group(1)).replace(tzinfo=UTC)
    assert before + timedelta(seconds=3600) <= when <= after + timedelta(seconds=3600)
    assert raised.value.requests == 1 and len(fake.requests) == 1
    assert clock.sleeps == []  # not slept, not retried


def test_a_retry_after_date_past_the_cap_names_that_date(fake: FakeOpenAI) -> None:
    fake.add(too_many("Wed, 21 Oct 2099 07:28:00 GMT"))
    clock = FakeTime()
    with summarizer(fake, clock) as s, pytest.raises(ProviderError) as raised:
        s.summarize(ARTICLE)
    assert "try again after 2099-10-21 07:28:00 UTC" in str(raised.value)
    assert clock.sleeps == []


def test_after_a_refusal_the_other_articles_fail_without_a_request(fake: FakeOpenAI) -> None:
    fake.add(too_many("3600"))  # and nothing else: another request would fail the test
    clock = FakeTime()
    with summarizer(fake, clock) as s:
        with pytest.raises(ProviderError, match="try again after"):
            s.summarize(ARTICLE)
        clock.now += 3000  # still before the time the server gave
        with pytest.raises(ProviderError, match="try again after") as second:
            s.summarize(ARTICLE)
    assert second.value.requests == 0 and len(fake.requests) == 1
    assert clock.sleeps == []


def test_the_cap_is_the_policys(fake: FakeOpenAI) -> None:
    clock = FakeTime()
    fake.add(too_many("3600"), ok)
    with summarizer(fake, clock, policy={"max_retry_after": 7200}) as s:
        s.summarize(ARTICLE)
    assert clock.sleeps == [3600.0]


async def test_async_refusal_is_the_same_error(fake: FakeOpenAI) -> None:
    fake.add(too_many("86400"))
    clock = FakeTime()
    async with summarizer(fake, clock) as s:
        with pytest.raises(ProviderError, match=r"asked to wait 24 h 0 min \(86400 s\)"):
            await s.asummarize(ARTICLE)
    assert clock.sleeps == []


def test_an_account_out_of_quota_is_not_retried(fake: FakeOpenAI) -> None:
    quota = {"message": "You exceeded your current quota", "type": "insufficient_quota",
             "code": "insufficient_quota"}  # fmt: skip
    fake.add(Reply(status=429, body={"error": quota}))
    clock = FakeTime()
    with summarizer(fake, clock) as s, pytest.raises(ProviderError, match="exceeded your current"):
        s.summarize(ARTICLE)
    assert len(fake.requests) == 1 and clock.sleeps == []


# --- the acceptance scenario -------------------------------------------------------------


async def test_a_server_answering_429_to_every_third_request(fake: FakeOpenAI) -> None:
    """30 articles at once against a server that answers every third request 429: every
    article is summarised, in at most 1.5 requests per article."""
    articles = 30
    clock = FakeTime(frozen=True)
    # Arrival k is a 429 when k is a multiple of 3; the 30th answer is arrival 44.
    replies = [too_many("2") if k % 3 == 0 else ok for k in range(1, 45)]
    fake.add(*replies)
    async with summarizer(fake, clock, policy={"attempts": 5}) as s:
        results = await asyncio.gather(*(s.asummarize(ARTICLE) for _ in range(articles)))
        pauses = throttle_of(s).pauses
    assert all(isinstance(r, StructuredSummary) and r.events for r in results)
    assert len(fake.requests) == 44 <= 1.5 * articles
    assert sum(r.metadata.attempts.requests for r in results) == 44
    assert sum(r.metadata.attempts.transport_retries for r in results) == 14
    assert pauses >= 1 and set(clock.sleeps) == {2.0}


# --- rpm and tpm -------------------------------------------------------------------------


def test_rpm_spaces_the_requests_on_the_clock(fake: FakeOpenAI) -> None:
    clock = FakeTime()
    sent: list[float] = []

    def timed(request: Request) -> Reply:
        sent.append(clock.now)
        return ok(request)

    fake.add(*[timed] * 4)
    with summarizer(fake, clock, rpm=30) as s:
        for _ in range(4):
            s.summarize(ARTICLE)
    assert sent == [0.0, 2.0, 4.0, 6.0]  # 30 a minute: one every 2 s, the first at once
    assert clock.sleeps == [2.0, 2.0, 2.0]


async def test_rpm_holds_concurrent_workers_to_the_rate(fake: FakeOpenAI) -> None:
    clock = FakeTime(frozen=True)
    fake.add(*[ok] * 5)
    async with summarizer(fake, clock, rpm=60) as s:
        await asyncio.gather(*(s.asummarize(ARTICLE) for _ in range(5)))
    # All five asked at time 0: the first went at once, the k-th waited k seconds.
    assert sorted(clock.sleeps) == [1.0, 2.0, 3.0, 4.0]


def test_rpm_holds_threads_to_the_rate(fake: FakeOpenAI) -> None:
    clock = FakeTime(frozen=True)
    fake.add(*[ok] * 4)
    with summarizer(fake, clock, rpm=120) as s:
        threads = [threading.Thread(target=s.summarize, args=(ARTICLE,)) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert sorted(clock.sleeps) == [0.5, 1.0, 1.5]
    assert len(fake.requests) == 4


def test_tpm_spaces_requests_by_their_estimated_tokens(fake: FakeOpenAI) -> None:
    clock = FakeTime()
    sent: list[float] = []

    def timed(request: Request) -> Reply:
        sent.append(clock.now)
        return ok(request)

    fake.add(timed, timed)
    with summarizer(fake, clock, tpm=20000) as s:
        s.summarize(ARTICLE)
        s.summarize(ARTICLE)
    first = estimate_tokens(fake.requests[0])
    # The prompt, the article and the schema by size, and the answer's room (max_tokens), which
    # OpenAI counts against the limit too.
    assert 4096 + 1000 < first < 20000
    # The second waited for the first's tokens: 60 s x tokens / tpm.
    assert sent[0] == 0.0 and sent[1] == pytest.approx(60 * first / 20000, rel=0.05)


def test_rpm_and_tpm_are_settings(monkeypatch: pytest.MonkeyPatch, fake: FakeOpenAI) -> None:
    monkeypatch.setenv("SUMMARIZER_RPM", "100")
    monkeypatch.setenv("SUMMARIZER_TPM", "90000")
    with Summarizer("m", base_url=fake.base_url) as s:
        throttle = throttle_of(s)
        assert (throttle.rpm, throttle.tpm) == (100, 90000)
    with Summarizer("m", base_url=fake.base_url, rpm=5) as s:
        throttle = throttle_of(s)
        assert (throttle.rpm, throttle.tpm) == (5, 90000)


# --- the throttle alone ----------------------------------------------------------------------


def test_a_pause_is_lengthened_never_cut() -> None:
    clock = FakeTime(frozen=True)
    throttle = Throttle(clock=clock.clock, sleep=clock.sleep)
    throttle.pause(10)
    throttle.pause(3)  # a shorter ask while paused: the longer pause stands
    assert throttle.pauses == 1 and throttle.paused_for() == 10
    throttle.pause(12)
    assert throttle.pauses == 2
    throttle.turn()
    assert clock.sleeps == [12.0]


def test_a_pause_that_begins_while_waiting_for_a_slot_is_waited_out() -> None:
    clock = FakeTime()

    def sleep(seconds: float) -> None:
        clock.sleep(seconds)
        if len(clock.sleeps) == 1:
            throttle.pause(5)  # a 429 elsewhere, during the rpm wait

    throttle = Throttle(rpm=60, clock=clock.clock, sleep=sleep)
    throttle.turn()
    throttle.turn()  # waits 1 s for its slot; a pause of 5 s begins meanwhile
    assert clock.sleeps == [1.0, 5.0] and clock.now == 6.0


def test_a_frozen_clock_never_loops() -> None:
    clock = FakeTime(frozen=True)
    throttle = Throttle(rpm=1, tpm=10, clock=clock.clock, sleep=clock.sleep)
    throttle.pause(5)
    for _ in range(3):
        throttle.turn(tokens=10)
    # Each turn waits the pause once (the clock never moves) and its booked slot once.
    assert clock.sleeps == [5.0, 5.0, 60.0, 5.0, 120.0]


def test_a_refusal_fails_every_turn_until_its_time() -> None:
    clock = FakeTime()
    throttle = Throttle(clock=clock.clock, sleep=clock.sleep)
    refusal = throttle.refuse(600, cap=120)
    assert isinstance(refusal, RetryLater) and "10 min" in str(refusal)
    with pytest.raises(RetryLater):
        throttle.turn()
    clock.now += 600
    throttle.turn()
    assert clock.sleeps == []


def test_limits_are_validated() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        Throttle(rpm=0)


@pytest.mark.parametrize(
    "seconds, words",
    [(0.2, "1 s"), (45, "45 s"), (119.5, "2 min"), (125, "2 min 5 s"), (600, "10 min"),
     (3600, "1 h 0 min"), (5400, "1 h 30 min")],
)  # fmt: skip
def test_durations_read_as_people_say_them(seconds: float, words: str) -> None:
    assert duration(seconds) == words


def test_the_token_estimate_counts_text_and_the_output_limit() -> None:
    messages = [{"role": "user", "content": "x" * 4000}]
    base = estimate_tokens({"messages": messages, "model": "m", "temperature": 0})
    assert 1000 <= base <= 1020  # 4,000 characters and a little JSON
    assert estimate_tokens({"messages": messages, "max_tokens": 500}) == base + 500
    assert estimate_tokens({"messages": messages, "max_completion_tokens": 64}) == base + 64
    tools = [{"type": "function", "function": {"name": "f", "parameters": {"a": "y" * 400}}}]
    assert estimate_tokens({"messages": messages, "tools": tools}) > base + 100


def status_error(status: int, headers: dict[str, str], body: Any = None) -> openai.APIStatusError:
    request = HttpRequest("POST", "http://127.0.0.1/v1/chat/completions")
    response = HttpResponse(status, headers=headers, request=request, content=json.dumps(body))
    cls = openai.RateLimitError if status == 429 else openai.APIStatusError
    return cls("error", response=response, body=body)


@pytest.mark.parametrize(
    "headers, seconds",
    [
        ({"retry-after": "12"}, 12.0),
        ({"retry-after": "2.5"}, 2.5),
        ({"retry-after": "-3"}, 0.0),
        ({"retry-after-ms": "250"}, 0.25),
        ({"retry-after-ms": "soon", "retry-after": "4"}, 4.0),
        ({"retry-after": "Thu, 01 Jan 1970 00:01:40 GMT"}, 60.0),  # 100 s, "now" being 40
        ({"retry-after": "Thu, 01 Jan 1970 00:01:40 -0000"}, 60.0),  # naive: UTC
        ({"retry-after": "Thu, 01 Jan 1970 00:00:10 GMT"}, 0.0),  # already past
        ({"retry-after": "soon"}, None),
        ({"retry-after": "inf"}, None),
        ({}, None),
    ],
)
def test_retry_after_reads_every_form_and_gives_up_quietly(
    headers: dict[str, str], seconds: float | None
) -> None:
    assert retry_after(status_error(429, headers), now=lambda: 40.0) == seconds


def test_only_a_quota_429_is_not_transient() -> None:
    quota = {"message": "quota", "code": "insufficient_quota"}
    assert is_transient(status_error(429, {}, {"message": "slow down"}))
    assert not is_transient(status_error(429, {}, quota))
    assert not is_transient(status_error(400, {}, {"message": "bad"}))


def test_the_real_policy_caps_the_wait_and_says_what_is_too_long() -> None:
    policy = RetryPolicy(max_retry_after=60)
    assert policy.too_long(status_error(429, {"retry-after": "61"})) == 61
    assert policy.too_long(status_error(429, {"retry-after": "60"})) is None
    assert policy.too_long(status_error(503, {"retry-after": "600"})) is None
