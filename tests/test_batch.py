"""The batch engine: many articles, ``concurrency`` at a time, each result kept as it is made.

Against the strict loopback server (every request scripted) and in-process providers. No
clocks: concurrency is shown by a server that holds every request until N are in flight.
"""

from __future__ import annotations

import asyncio
import json
import re
import threading
from collections.abc import Callable, Iterator
from contextlib import aclosing
from dataclasses import dataclass, field
from typing import Any

import pytest

import summarizer
from summarizer import ProviderError, StructuredSummary, Summarizer
from summarizer.batch import run as engine
from summarizer.batch.items import BatchItem, as_items
from summarizer.batch.results import BatchResult
from summarizer.input.article import Article
from summarizer.pipeline import prepare
from summarizer.providers.base import Extraction, InputBudget
from summarizer.providers.offline.provider import OfflineProvider
from summarizer.schema import SCHEMA_VERSION, Usage
from tests.conftest import no_wait
from tests.fakeserver import FakeOpenAI, Reply, Request, article_of, schema_answer
from tests.test_faults import error

_RECORD = re.compile(r"\brecord (r\d{3})\b")


def text(n: int) -> str:
    """An article of its own for record ``r<n>``: the server tells them apart by that."""
    return (
        f"The council of Brenmoor approved record r{n:03d} on Monday.\n\n"
        f"The mayor said the plan would cost {n + 2} million euros, according to officials."
    )


def articles(count: int) -> dict[str, str]:
    return {f"r{n:03d}": text(n) for n in range(count)}


def record_of(request: Request) -> str:
    """Which article a request carried."""
    found = _RECORD.search(article_of(request))
    assert found, "a request without a record marker"
    return found.group(1)


def llm(fake: FakeOpenAI, **kwargs: Any) -> Summarizer:
    return Summarizer("test-model", base_url=fake.base_url, api_key="test", retry=no_wait(),
                      **kwargs)  # fmt: skip


def by_id(results: list[BatchResult]) -> dict[str, BatchResult]:
    found = {r.id: r for r in results}
    assert len(found) == len(results), "an id came twice"
    return found


def test_every_article_gets_one_result_named_by_its_id(fake: FakeOpenAI) -> None:
    fake.add(*[schema_answer] * 12)
    with llm(fake) as s:
        results = by_id(list(s.summarize_many(articles(12), concurrency=4)))
    assert sorted(results) == sorted(articles(12))
    for ident, result in results.items():
        assert result.ok and result.error is None and not result.cached
        assert result.summary is not None and f"record {ident}" in result.summary.source.text
        assert result.requests == 1
        assert result.usage == Usage(prompt_tokens=1200, completion_tokens=400, total_tokens=1600)
        assert result.duration_s >= 0
    assert sorted(record_of(r) for r in fake.requests) == sorted(articles(12))


def test_n_articles_are_in_flight_at_once_with_concurrency_n(fake: FakeOpenAI) -> None:
    """The server holds each request until N are waiting: only N at once gets through; more
    than N in flight would show in ``most``."""
    n = 4
    barrier = threading.Barrier(n, timeout=30)  # a deadlock guard, not a timing
    lock = threading.Lock()
    seen = {"now": 0, "most": 0}

    def held(request: Request) -> Reply:
        with lock:
            seen["now"] += 1
            seen["most"] = max(seen["most"], seen["now"])
        try:
            barrier.wait()
        finally:
            with lock:
                seen["now"] -= 1
        return schema_answer(request)

    fake.add(*[held] * (2 * n))
    with llm(fake) as s:
        results = list(s.summarize_many(articles(2 * n), concurrency=n))
    assert len(results) == 2 * n and all(r.ok for r in results)
    assert seen["most"] == n


def test_an_article_that_fails_is_an_error_result_and_the_others_go_on(
    fake: FakeOpenAI,
) -> None:
    def answer(request: Request) -> Reply:
        return error(400, "bad request") if record_of(request) == "r001" else schema_answer(request)

    fake.add(*[answer] * 3)
    with llm(fake) as s:
        results = by_id(list(s.summarize_many(articles(3), concurrency=3)))
    assert results["r000"].ok and results["r002"].ok
    bad = results["r001"]
    assert not bad.ok and bad.summary is None and bad.error is not None
    assert bad.error.kind == "provider" and "400" in bad.error.message
    assert bad.requests == 1


def test_items_that_carry_an_error_fail_without_a_request(fake: FakeOpenAI) -> None:
    fake.add(schema_answer)
    with llm(fake) as s:
        results = by_id(list(s.summarize_many({"r000": text(0), "blank": " \n "})))
    assert results["r000"].ok
    blank = results["blank"]
    assert blank.error is not None and blank.error.kind == "input"
    assert blank.error.message == "the article is empty" and blank.requests == 0
    assert len(fake.requests) == 1


def test_ids_to_skip_are_not_summarised_again(fake: FakeOpenAI) -> None:
    fake.add(schema_answer)
    with llm(fake) as s:
        results = list(s.summarize_many(articles(3), skip={"r000", "r002"}))
    assert [r.id for r in results] == ["r001"]
    assert [record_of(r) for r in fake.requests] == ["r001"]


def test_on_result_sees_each_result_and_what_it_raises_stops_the_batch() -> None:
    kept: list[str] = []

    def keep(result: BatchResult) -> None:
        kept.append(result.id)
        if len(kept) == 2:
            raise OSError("disk full")

    items = as_items(articles(5))
    with pytest.raises(OSError, match="disk full"):
        list(engine.summarize_many(items, OfflineProvider(), concurrency=1, on_result=keep))
    assert kept == ["r000", "r001"]


class DictCache:
    """The cache protocol over a dict (the SQLite one is ``summarizer.store``)."""

    def __init__(self) -> None:
        self.entries: dict[str, StructuredSummary] = {}
        self.identities: list[dict[str, Any]] = []

    def get(self, key: str) -> StructuredSummary | None:
        return self.entries.get(key)

    def put(self, key: str, summary: StructuredSummary) -> None:
        self.entries[key] = summary

    def key(self, text: str, identity: engine.Identity) -> str:
        self.identities.append(dict(identity))
        return json.dumps([text, sorted(identity.items())])


def test_a_cached_summary_is_reused_with_no_request(fake: FakeOpenAI) -> None:
    cache = DictCache()
    fake.add(*[schema_answer] * 3)
    with llm(fake) as s:
        options: dict[str, Any] = {"cache": cache, "cache_key": cache.key, "close_provider": True,
                   "extra_identity": engine.settings_identity(s.settings)}  # fmt: skip
        first = by_id(list(engine.summarize_many(as_items(articles(3)), s.provider, **options)))
        again = by_id(list(engine.summarize_many(as_items(articles(3)), s.provider, **options)))
    assert len(fake.requests) == 3 and len(cache.entries) == 3
    for ident, result in again.items():
        assert result.ok and result.cached and result.requests == 0
        assert result.usage.total_tokens == 0 and result.cost_usd == 0.0
        assert result.summary == first[ident].summary


def test_the_cache_key_covers_who_answers_how_and_what_is_known_of_the_article(
    fake: FakeOpenAI,
) -> None:
    cache = DictCache()
    fake.add(schema_answer)
    with Summarizer("test-model", base_url=fake.base_url.replace("//", "//user:secret@"),
                    api_key="test", retry=no_wait(), max_reasks=1) as s:  # fmt: skip
        item = BatchItem("a", Article(text=text(0), title="T", url="https://x.test/a"), None, "a")
        list(engine.summarize_many([item], s.provider, cache=cache, cache_key=cache.key,
                                   extra_identity=engine.settings_identity(s.settings),
                                   close_provider=True))  # fmt: skip
    [identity] = cache.identities
    assert identity == {
        "provider": "openai-compatible", "model": "test-model", "mode": "json_schema",
        "prompt_version": s.provider.prompt_version, "schema_version": SCHEMA_VERSION,
        "summarizer": engine.version(), "base_url": fake.base_url, "max_reasks": 1,
        "title": "T", "url": "https://x.test/a", "site": None, "published": None,
        "language": "en", "encoding": None, "extractor": None,
    }  # fmt: skip
    assert "secret" not in json.dumps(identity)


@dataclass
class ListLog:
    """The run-log protocol over lists (the SQLite one is ``summarizer.store``)."""

    runs: list[dict[str, Any]] = field(default_factory=list)
    records: list[dict[str, Any]] = field(default_factory=list)
    finished: list[str] = field(default_factory=list)

    def start(self, *, command: str, model: str | None, provider: str,
              base_url: str | None) -> str:  # fmt: skip
        self.runs.append({"command": command, "model": model, "provider": provider,
                          "base_url": base_url})  # fmt: skip
        return f"run-{len(self.runs)}"

    def record(self, run_id: str, item_id: str, **fields: Any) -> None:
        self.records.append({"run_id": run_id, "item_id": item_id, **fields})

    def finish(self, run_id: str) -> None:
        self.finished.append(run_id)


def test_the_run_log_records_every_result_of_a_run_it_starts_and_finishes() -> None:
    log = ListLog()
    items = as_items({"a": text(0), "b": ""})
    results = list(engine.summarize_many(items, OfflineProvider(), log=log, command="batch"))
    assert log.runs == [{"command": "batch", "model": "offline-rules-1", "provider": "offline",
                         "base_url": None}]  # fmt: skip
    assert log.finished == ["run-1"]
    records = {r["item_id"]: r for r in log.records}
    assert records["a"]["ok"] and records["a"]["article"] == text(0).strip()
    assert records["a"]["summary"] == by_id(results)["a"].summary
    assert not records["b"]["ok"] and records["b"]["error"] == "the article is empty"
    assert {r["run_id"] for r in log.records} == {"run-1"}


def test_a_run_started_by_the_caller_is_the_callers_to_finish() -> None:
    log = ListLog()
    list(engine.summarize_many(as_items([text(0)]), OfflineProvider(), log=log, run_id="mine"))
    assert log.runs == [] and log.finished == []
    assert [r["run_id"] for r in log.records] == ["mine"]


def test_a_server_that_names_no_model_fails_the_batch_once(fake: FakeOpenAI) -> None:
    fake.serve_models()
    with (
        Summarizer(base_url=fake.base_url, retry=no_wait()) as s,
        pytest.raises(ProviderError, match="serves no models"),
    ):
        list(s.summarize_many(articles(5)))
    assert fake.requests == []


async def test_the_sync_api_works_inside_a_running_event_loop(fake: FakeOpenAI) -> None:
    """As in a notebook: a loop is running in this thread, and the sync call still works."""
    asyncio.get_running_loop()
    fake.add(*[schema_answer] * 2)
    with llm(fake) as s:
        results = list(s.summarize_many(articles(2)))
    assert sorted(r.id for r in results) == ["r000", "r001"] and all(r.ok for r in results)


def test_one_summarizer_serves_batch_after_batch(fake: FakeOpenAI) -> None:
    """Each sync batch runs on a loop of its own; the provider's async client follows."""
    fake.add(*[schema_answer] * 4)
    with llm(fake) as s:
        for chunk in ({"r000": text(0), "r001": text(1)}, {"r002": text(2), "r003": text(3)}):
            assert all(r.ok for r in s.summarize_many(chunk))
    assert len(fake.requests) == 4


def test_the_summarizer_serves_single_articles_inside_and_after_a_batch(
    fake: FakeOpenAI,
) -> None:
    fake.add(*[schema_answer] * 5)
    with llm(fake) as s:
        for result in s.summarize_many(articles(2), concurrency=1):
            assert result.ok
            assert s.summarize(text(7)).metadata.attempts.requests == 1  # while it runs
        assert s.summarize(text(8)).metadata.attempts.requests == 1
    assert sorted(record_of(r) for r in fake.requests) == ["r000", "r001", "r007", "r007",
                                                            "r008"]  # fmt: skip


async def test_the_async_api_yields_results_as_they_complete(fake: FakeOpenAI) -> None:
    fake.add(*[schema_answer] * 3)
    async with llm(fake) as s:
        results = [r async for r in s.asummarize_many(articles(3), concurrency=2)]
    assert sorted(r.id for r in results) == ["r000", "r001", "r002"]


class Gated:
    """A provider whose articles finish when the test opens their gate."""

    name, model, mode, prompt_version = "gated", "gated-1", None, "none"

    def __init__(self) -> None:
        self.gates: dict[str, asyncio.Event] = {}
        self.cancelled: list[str] = []

    def ensure_model(self) -> str:
        return self.model

    async def aensure_model(self) -> str:
        return self.model

    def extract(self, article: Article) -> Extraction:
        raise AssertionError("the engine uses the async path")

    def input_budget(self) -> InputBudget | None:
        return None

    def cost(self, usage: Usage) -> float | None:
        return 0.0

    async def aextract(self, article: Article) -> Extraction:
        key = article.text.split()[0]
        gate = self.gates.setdefault(key, asyncio.Event())
        try:
            await gate.wait()
        except asyncio.CancelledError:
            self.cancelled.append(key)
            raise
        return OfflineProvider().extract(article)

    def open(self, key: str) -> None:
        self.gates.setdefault(key, asyncio.Event()).set()

    def close(self) -> None:
        pass

    async def aclose(self) -> None:
        pass


async def until(condition: Callable[[], bool]) -> None:
    """Let the loop run until ``condition`` holds (a bounded number of turns, not a clock)."""
    for _ in range(10_000):
        if condition():
            return
        await asyncio.sleep(0)
    raise AssertionError("the condition never held")


async def test_leaving_early_cancels_the_articles_in_flight_and_keeps_the_finished() -> None:
    provider = Gated()
    kept: list[str] = []
    gated = {name: f"{name} {text(0)}" for name in ("alpha", "beta", "gamma")}
    many = engine.asummarize_many(as_items(gated), provider, concurrency=3, on_result=lambda r:
                                  kept.append(r.id))  # fmt: skip
    async with aclosing(many):
        first = asyncio.ensure_future(anext(many))
        await until(lambda: len(provider.gates) == 3)  # all three in flight
        provider.open("alpha")
        assert (await first).id == "alpha"
        provider.open("beta")
        await until(lambda: len(kept) == 2)  # kept although nobody asked for it yet
    assert kept == ["alpha", "beta"]
    assert provider.cancelled == ["gamma"]


async def test_no_more_than_concurrency_articles_are_ever_in_flight() -> None:
    provider = Gated()
    many = engine.asummarize_many(as_items({f"n{i}": f"n{i} {text(0)}" for i in range(6)}),
                                  provider, concurrency=2)  # fmt: skip

    def in_flight() -> list[str]:
        return [key for key, gate in provider.gates.items() if not gate.is_set()]

    def settled(count: int) -> Callable[[], bool]:
        return lambda: len(in_flight()) == count

    async with aclosing(many):
        collected = asyncio.ensure_future(_collect(many))
        for left in range(6, 0, -1):
            await until(settled(min(2, left)))
            for _ in range(100):  # many turns of the loop: no third article starts meanwhile
                await asyncio.sleep(0)
            assert len(in_flight()) == min(2, left)
            provider.open(in_flight()[0])
        assert len(await collected) == 6


async def _collect(many: Any) -> list[BatchResult]:
    return [result async for result in many]


def test_the_module_level_functions_make_and_close_their_own_summarizer() -> None:
    results = list(summarizer.summarize_many([text(0), text(1)], model="offline"))
    assert sorted(r.id for r in results) == ["0", "1"]
    assert all(r.ok and r.summary and r.summary.metadata.provider == "offline" for r in results)


async def test_the_async_module_level_function() -> None:
    results = [r async for r in summarizer.asummarize_many({"k": text(0)}, model="offline")]
    assert [r.id for r in results] == ["k"] and results[0].ok


def _ids(results: Iterator[BatchResult]) -> list[str]:
    return sorted(r.id for r in results)


def test_leaving_the_sync_iterator_early_stops_the_worker_thread() -> None:
    before = threading.active_count()
    results = summarizer.summarize_many([text(n) for n in range(20)], model="offline",
                                        concurrency=2)  # fmt: skip
    next(results)
    results.close()
    assert threading.active_count() == before
    assert _ids(summarizer.summarize_many([text(0)], model="offline")) == ["0"]


def test_the_sync_summarize_many_reads_and_writes_the_cache_and_the_run_log(
    fake: FakeOpenAI,
) -> None:
    """Through ``Summarizer.summarize_many`` with the SQLite stores, as a library user calls it:
    the second run is all cache hits and both runs are in the log under their command."""
    from summarizer.store.cache import Cache
    from summarizer.store.runlog import RunLog

    fake.add(*[schema_answer] * 2)
    with llm(fake) as s, Cache() as cache, RunLog() as log:
        first = by_id(list(s.summarize_many(articles(2), cache=cache, log=log, command="nightly")))
        again = by_id(list(s.summarize_many(articles(2), cache=cache, log=log, command="nightly")))
        runs = log.runs()
    assert len(fake.requests) == 2
    assert all(r.ok and not r.cached for r in first.values())
    assert all(r.ok and r.cached and r.requests == 0 for r in again.values())
    assert [run.command for run in runs] == ["nightly", "nightly"]


def test_to_ask_leaves_out_what_is_skipped_unreadable_or_cached(fake: FakeOpenAI) -> None:
    """What the Batch API path would send: the ids a live run would ask the model about."""
    cache = DictCache()
    fake.add(schema_answer)
    items = list(as_items({"done": text(0), "cached": text(1), "blank": " ", "new": text(2)}))
    with llm(fake) as s:
        extra = engine.settings_identity(s.settings)
        options: dict[str, Any] = {"cache": cache, "cache_key": cache.key, "extra_identity": extra}
        cached = as_items({"cached": text(1)})
        list(engine.summarize_many(cached, s.provider, close_provider=True, **options))
        asked = engine.to_ask(items, s.provider, skip={"done"}, **options)
        assert [item_id for item_id, _ in asked] == ["new"]
        assert asked[0][1].text == prepare(Article(text=text(2)))[0].text  # cleaned
        everything = engine.to_ask(items, s.provider)  # no cache, nothing skipped
        assert [item_id for item_id, _ in everything] == ["done", "cached", "new"]
