"""The batch engine: many articles through one provider, ``concurrency`` at a time.

``asummarize_many`` runs a pool of workers on the provider's async client and yields each
result as it completes (not in input order: match them by ``id``). An article that fails is
an error result, never an exception; only what stops the whole batch raises (a server that
cannot name its model, a results file that cannot be written). ``summarize_many`` is the
sync twin: it runs the engine on an event loop of its own in a worker thread, so it works
where a loop is already running (a notebook).

The cache and the run log are optional and come from outside (``summarizer.store``); this
module knows them only by the ``Cache`` and ``RunLog`` protocols below.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import queue
import threading
import time
from collections.abc import AsyncGenerator, Callable, Collection, Generator, Iterable, Mapping
from contextlib import aclosing
from dataclasses import dataclass
from importlib import metadata
from typing import Any, Protocol
from urllib.parse import urlsplit

from summarizer import chunking
from summarizer.batch import DEFAULT_CONCURRENCY
from summarizer.batch.items import BatchItem
from summarizer.batch.results import BatchResult, ErrorInfo, ErrorKind
from summarizer.config import Settings
from summarizer.errors import (
    ConfigurationError,
    ExtractionError,
    InputError,
    OutputError,
    ProviderError,
    SummarizerError,
)
from summarizer.input.article import Article
from summarizer.pipeline import finish, prepare
from summarizer.providers.base import Provider
from summarizer.schema import SCHEMA_VERSION, StructuredSummary, Usage

Identity = Mapping[str, str | int | float | None]
# store.cache.cache_key: (cleaned text, identity) → key.
CacheKey = Callable[[str, Identity], str]
OnResult = Callable[[BatchResult], None]


class Cache(Protocol):
    """What the engine needs of a summary cache (``summarizer.store.Cache``)."""

    def get(self, key: str) -> StructuredSummary | None: ...

    def put(self, key: str, summary: StructuredSummary) -> None: ...


class RunLog(Protocol):
    """What the engine needs of a run log (``summarizer.store.RunLog``)."""

    def start(
        self, *, command: str, model: str | None, provider: str, base_url: str | None
    ) -> str: ...

    def record(
        self,
        run_id: str,
        item_id: str,
        *,
        ok: bool,
        cached: bool,
        requests: int,
        usage: Usage,
        cost_usd: float | None,
        error: str | None,
        article: str | None,
        summary: StructuredSummary | None,
        duration_s: float,
    ) -> None: ...

    def finish(self, run_id: str) -> None: ...


_KINDS: list[tuple[type[SummarizerError], ErrorKind]] = [
    (InputError, "input"),
    (ProviderError, "provider"),
    (ExtractionError, "extraction"),
    (ConfigurationError, "configuration"),
    (OutputError, "output"),
]


def without_credentials(url: str | None) -> str | None:
    """``url`` with any ``user:password@`` removed: what may be stored or keyed on."""
    if url is None:
        return None
    parts = urlsplit(url)
    if "@" not in parts.netloc:
        return url
    return parts._replace(netloc=parts.netloc.rsplit("@", 1)[1]).geturl()


def settings_identity(settings: Settings) -> dict[str, str | int | float | None]:
    """What of the settings decides an answer, beside what the provider says of itself: the
    server (without credentials) and the re-ask budget. The timeout does not."""
    return {"base_url": without_credentials(settings.base_url), "max_reasks": settings.max_reasks}


@functools.cache
def version() -> str:
    """This library's version, from the installed distribution's metadata (built from
    ``summarizer.__version__``): read so, the engine does not import the package's front
    door, which imports the engine."""
    try:
        return metadata.version("summarizer")
    except metadata.PackageNotFoundError:
        return "dev"


def identity(provider: Provider, extra: Identity) -> dict[str, str | int | float | None]:
    """Everything that makes two runs on the same text give the same summary: who answers and
    how (provider, model, mode, prompt version), the output's schema, this library's version,
    and ``extra`` (``settings_identity``). The cache is keyed on it with the cleaned text."""
    return {
        "provider": provider.name,
        "model": provider.model,
        "mode": provider.mode,
        "prompt_version": provider.prompt_version,
        "schema_version": SCHEMA_VERSION,
        "summarizer": version(),
        **extra,
    }


def _article_identity(article: Article) -> dict[str, str | int | float | None]:
    # What the summary reports of the article beside its text; the date resolves "on Friday".
    published = article.published.isoformat() if article.published else None
    return {"title": article.title, "url": article.url, "site": article.site,
            "published": published, "language": article.language,
            "encoding": article.encoding, "extractor": article.extractor}  # fmt: skip


@dataclass(frozen=True)
class _Failed:
    error: BaseException


_WORKER_DONE = object()


async def asummarize_many(
    items: Iterable[BatchItem],
    provider: Provider,
    *,
    concurrency: int = DEFAULT_CONCURRENCY,
    cache: Cache | None = None,
    cache_key: CacheKey | None = None,
    log: RunLog | None = None,
    run_id: str | None = None,
    skip: Collection[str] = frozenset(),
    on_result: OnResult | None = None,
    extra_identity: Identity | None = None,
    command: str = "summarize_many",
) -> AsyncGenerator[BatchResult, None]:
    """Summarize ``items``, at most ``concurrency`` at once; yield each result as it completes.

    Items whose id is in ``skip`` are left out (already done); an item that carries an error
    is an error result at once. ``on_result`` is called with each result the moment it is
    made, before it is yielded, so whatever it keeps (a results file) holds every finished
    article even if the iteration is cancelled. With a ``cache`` (and its ``cache_key``), a
    summary of the same cleaned text made the same way is reused: 0 requests, ``cached``.
    With a ``log``, each result is recorded under ``run_id`` (a run started and finished here
    when none is given, named ``command``).

    The model is settled first (a local server is asked once, not once per article): a
    ``ProviderError`` there is raised, as is an exception from ``on_result``. Closing the
    iterator early (``aclose``, or cancelling the task) cancels the articles in flight.
    """
    if concurrency < 1:
        raise ValueError("concurrency must be at least 1")
    if cache is not None and cache_key is None:
        raise ValueError("a cache needs its cache_key function")
    model = await provider.aensure_model()
    extra = dict(extra_identity or {})
    made = identity(provider, extra)
    started_run = log is not None and run_id is None
    if log is not None and run_id is None:
        run_id = log.start(
            command=command, model=model, provider=provider.name,
            base_url=without_credentials(_str(extra.get("base_url"))),
        )  # fmt: skip
    pending = iter(items)
    done: asyncio.Queue[BatchResult | _Failed | object] = asyncio.Queue()

    def keep(result: BatchResult, article: Article | None) -> None:
        if log is not None and run_id is not None:
            log.record(
                run_id, result.id, ok=result.ok, cached=result.cached, requests=result.requests,
                usage=result.usage, cost_usd=result.cost_usd,
                error=result.error.message if result.error else None,
                article=article.text if article else None, summary=result.summary,
                duration_s=result.duration_s,
            )  # fmt: skip
        if on_result is not None:
            on_result(result)

    async def worker() -> None:
        try:
            # One iterator shared by the workers: next() runs whole between two awaits.
            for item in pending:
                if item.error is None and item.id in skip:
                    continue
                result = await _summarize(item, provider, cache, cache_key, made)
                keep(result, item.article)
                done.put_nowait(result)
                await asyncio.sleep(0)  # a provider that never waits still lets others run
        except asyncio.CancelledError:
            raise
        except BaseException as exc:
            done.put_nowait(_Failed(exc))
        done.put_nowait(_WORKER_DONE)

    workers = [asyncio.create_task(worker()) for _ in range(concurrency)]
    try:
        running = len(workers)
        while running:
            got = await done.get()
            if got is _WORKER_DONE:
                running -= 1
            elif isinstance(got, _Failed):
                raise got.error
            elif isinstance(got, BatchResult):
                yield got
    finally:
        for task in workers:
            task.cancel()
        await asyncio.gather(*workers, return_exceptions=True)
        if started_run and log is not None and run_id is not None:
            log.finish(run_id)


async def _summarize(
    item: BatchItem,
    provider: Provider,
    cache: Cache | None,
    cache_key: CacheKey | None,
    made: Identity,
) -> BatchResult:
    """One item → its result; every failure of the article's own becomes an error result."""
    started = time.perf_counter()

    def failed(kind: ErrorKind, message: str, requests: int = 0) -> BatchResult:
        return BatchResult(
            id=item.id, ok=False, error=ErrorInfo(kind=kind, message=message),
            requests=requests, duration_s=_since(started),
        )  # fmt: skip

    if item.article is None:
        return failed("input", item.error or "no article")
    try:
        article, removed = prepare(item.article)
        key = None
        if cache is not None and cache_key is not None:
            key = cache_key(article.text, {**made, **_article_identity(article)})
            hit = cache.get(key)
            if hit is not None:
                return BatchResult(
                    id=item.id, ok=True, summary=hit, cached=True, cost_usd=0.0,
                    duration_s=_since(started),
                )  # fmt: skip
        asked = time.perf_counter()
        extraction = await chunking.aextract(article, provider)
        summary = finish(article, removed, provider, extraction, asked)
        if cache is not None and key is not None:
            cache.put(key, summary)
    except SummarizerError as exc:
        kind: ErrorKind = next((k for cls, k in _KINDS if isinstance(exc, cls)), "internal")
        return failed(kind, str(exc), getattr(exc, "requests", 0))
    except Exception as exc:  # a bug of ours: this article fails, the batch goes on
        what = (str(exc).strip().splitlines() or [""])[0][:200]
        return failed("internal", f"internal error ({type(exc).__name__}: {what}); a bug")
    usage = summary.metadata.usage
    # Priced by the provider where it knows the model (Usage.cost_usd, when it has one).
    cost = usage.cost_usd
    return BatchResult(
        id=item.id, ok=True, summary=summary, requests=summary.metadata.attempts.requests,
        usage=usage, cost_usd=cost, duration_s=_since(started),
    )  # fmt: skip


def to_ask(
    items: Iterable[BatchItem],
    provider: Provider,
    *,
    skip: Collection[str] = frozenset(),
    cache: Cache | None = None,
    cache_key: CacheKey | None = None,
    extra_identity: Identity | None = None,
) -> list[tuple[str, Article]]:
    """What a run of ``items`` would ask the model about, as ``(id, cleaned article)``: not
    skipped, readable, and not in the cache (the keys ``asummarize_many`` uses). For sending
    them some other way first (the OpenAI Batch API); an item left out here is the run's to
    report, as an error or a cached result."""
    provider.ensure_model()
    made = identity(provider, dict(extra_identity or {}))
    asked: list[tuple[str, Article]] = []
    for item in items:
        if item.article is None or item.error is not None or item.id in skip:
            continue
        try:
            article, _ = prepare(item.article)
        except SummarizerError:
            continue
        key = cache_key(article.text, {**made, **_article_identity(article)}) if cache_key else None
        if cache is not None and key is not None and cache.get(key) is not None:
            continue
        asked.append((item.id, article))
    return asked


def _since(started: float) -> float:
    return round(time.perf_counter() - started, 3)


def _str(value: object) -> str | None:
    return value if isinstance(value, str) else None


_END = object()


def summarize_many(
    items: Iterable[BatchItem],
    provider: Provider,
    *,
    close_provider: bool = False,
    **options: Any,
) -> Generator[BatchResult, None, None]:
    """The sync twin of ``asummarize_many`` (same options): the engine runs on an event loop
    of its own in a worker thread, so this works with or without a loop running in the
    caller's thread (a notebook). Results come as they complete; leaving the loop early
    cancels what is in flight.

    The async client the provider makes on that loop cannot outlive it: ``close_provider``
    closes the provider's connections there when the batch ends (for a provider the caller
    made itself and will not use on that loop again — a ``Summarizer`` passes it for the
    providers it owns; theirs are rebuilt on next use).
    """
    results: queue.Queue[BatchResult | _Failed | object] = queue.Queue()
    loop = asyncio.new_event_loop()
    left = asyncio.Event()  # the caller is out of its loop body: nothing of it runs now
    engine_done = False

    async def drive() -> None:
        nonlocal engine_done
        try:
            async with aclosing(asummarize_many(items, provider, **options)) as engine:
                async for result in engine:
                    results.put(result)
        except BaseException as exc:  # raised again in the caller's thread
            results.put(_Failed(exc))
        finally:
            engine_done = True
            results.put(_END)
            if close_provider:
                # Not before the caller has left: its last loop body may still be using the
                # provider (a sync summarize), whose connections aclose also closes.
                await left.wait()
                await provider.aclose()

    def leave() -> None:  # on the loop's thread
        if not engine_done:
            task.cancel()  # the caller left early: cancel what is in flight
        left.set()

    task = loop.create_task(drive())
    thread = threading.Thread(target=_run, args=(loop, task), name="summarizer-batch")
    thread.start()
    try:
        while (got := results.get()) is not _END:
            if isinstance(got, _Failed):
                if isinstance(got.error, asyncio.CancelledError):
                    continue
                raise got.error
            assert isinstance(got, BatchResult)
            yield got
    finally:
        # RuntimeError: the loop has closed already (nothing left to cancel or to wait for).
        with contextlib.suppress(RuntimeError):
            loop.call_soon_threadsafe(leave)
        thread.join()


def _run(loop: asyncio.AbstractEventLoop, task: asyncio.Task[None]) -> None:
    try:
        loop.run_until_complete(task)
        loop.run_until_complete(loop.shutdown_asyncgens())
    finally:
        loop.close()
