"""The library's front door: ``summarize``, ``asummarize``, their many-article twins
``summarize_many`` and ``asummarize_many``, and the reusable ``Summarizer``."""

from __future__ import annotations

from collections.abc import AsyncGenerator, Collection, Generator
from contextlib import aclosing
from datetime import date
from types import TracebackType
from typing import TYPE_CHECKING, Unpack

from summarizer.batch import DEFAULT_CONCURRENCY
from summarizer.batch import run as engine
from summarizer.batch.items import Articles, as_items
from summarizer.batch.results import BatchResult
from summarizer.batch.run import OnResult, settings_identity
from summarizer.config import Options, Settings
from summarizer.errors import InputError
from summarizer.input.article import Article, parse_published
from summarizer.input.load import from_value
from summarizer.pipeline import arun, run
from summarizer.providers.base import Provider
from summarizer.providers.resolve import OFFLINE_NOTICE, nothing_configured, resolve_provider
from summarizer.schema import StructuredSummary
from summarizer.store.cache import Cache, cache_key
from summarizer.store.runlog import RunLog

if TYPE_CHECKING:
    from summarizer.providers.openai.retry import RetryPolicy


class Summarizer:
    """A configured provider, reused across articles (connections are pooled).

    Arguments override the environment (``OPENAI_API_KEY``, ``OPENAI_BASE_URL``,
    ``SUMMARIZER_MODEL``, ``SUMMARIZER_MODE``, ``SUMMARIZER_TIMEOUT``…), which overrides the
    defaults; see ``config.Options`` for the settings. Nothing is sent over the network until
    the first article. Close it when done (``close``/``aclose``), or use it as a context
    manager, sync or async.

    >>> with Summarizer("llama3.1", base_url="http://localhost:11434/v1") as s:  # doctest: +SKIP
    ...     s.summarize(open("article.txt").read(), published="2024-12-27")
    """

    def __init__(
        self,
        model: str | None = None,
        *,
        retry: RetryPolicy | None = None,
        provider: Provider | None = None,
        **options: Unpack[Options],
    ) -> None:
        settings = Settings.load(model, **options)
        self.settings = settings
        # Why the offline extractor runs when nobody asked for it, for a front end to show.
        self.notice = OFFLINE_NOTICE if provider is None and nothing_configured(settings) else None
        if provider is None:
            from summarizer.store.modes import ModesFile

            provider = resolve_provider(settings, retry=retry, modes=ModesFile())
            self._owns_provider = True
        else:
            self._owns_provider = False  # a provider handed in is the caller's to close
        self.provider = provider

    def ensure_model(self) -> str:
        """The model that will answer. A local server given no model is asked for it now (once)
        rather than at the first article: call this before a batch to fail fast."""
        return self.provider.ensure_model()

    async def aensure_model(self) -> str:
        """The async twin of ``ensure_model``."""
        return await self.provider.aensure_model()

    def summarize(
        self,
        article: str | bytes | Article,
        *,
        published: date | str | None = None,
        title: str | None = None,
        url: str | None = None,
    ) -> StructuredSummary:
        """Summarize one article; ``published`` resolves relative dates.

        ``article`` is text, an HTML page (a string that opens like one: ``<!doctype html``,
        ``<html``… is extracted as ``load`` extracts a page), bytes in any encoding (decoded as
        files are, HTML included), or an ``Article``. ``published``, ``title`` and ``url``,
        when given, replace what the article says.
        """
        return run(_article(article, published, title, url), self.provider)

    async def asummarize(
        self,
        article: str | bytes | Article,
        *,
        published: date | str | None = None,
        title: str | None = None,
        url: str | None = None,
    ) -> StructuredSummary:
        """The async twin of ``summarize``."""
        return await arun(_article(article, published, title, url), self.provider)

    def summarize_many(
        self,
        articles: Articles,
        *,
        concurrency: int = DEFAULT_CONCURRENCY,
        skip: Collection[str] = frozenset(),
        on_result: OnResult | None = None,
        cache: Cache | None = None,
        log: RunLog | None = None,
        command: str = "summarize_many",
    ) -> Generator[BatchResult, None, None]:
        """Summarize many articles, ``concurrency`` at a time; yield a ``BatchResult`` for each
        as it completes (not in input order: match them by ``id``).

        ``articles``: texts or ``Article`` objects (their ids are their positions, ``"0"``,
        ``"1"``…), or a mapping of id → article. An article that fails is a result with
        ``ok=False`` and the ``error``; the others go on. Ids in ``skip`` are left out (done
        before). ``on_result`` is called with each result as it is made, before it is
        yielded: what it keeps survives an interruption. With a ``cache``
        (``summarizer.store.Cache``) an article summarised before under the same settings is
        taken from it (no request, ``cached=True``); with a ``log`` (``summarizer.store.RunLog``)
        every result is recorded in the run log.

        Runs the async engine on its own event loop in a worker thread, so it works inside a
        running loop too (a notebook). From async code, ``asummarize_many`` is the one.

        >>> for result in s.summarize_many({"a": text_a, "b": text_b}):  # doctest: +SKIP
        ...     print(result.id, result.ok, result.summary and result.summary.headline)
        """
        return engine.summarize_many(
            as_items(articles), self.provider, concurrency=concurrency, skip=skip,
            on_result=on_result, extra_identity=settings_identity(self.settings),
            cache=cache, cache_key=cache_key if cache is not None else None, log=log,
            command=command, close_provider=self._owns_provider,
        )  # fmt: skip

    def asummarize_many(
        self,
        articles: Articles,
        *,
        concurrency: int = DEFAULT_CONCURRENCY,
        skip: Collection[str] = frozenset(),
        on_result: OnResult | None = None,
        cache: Cache | None = None,
        log: RunLog | None = None,
        command: str = "summarize_many",
    ) -> AsyncGenerator[BatchResult, None]:
        """The async twin of ``summarize_many``: an async iterator of results as they
        complete, on the running loop. Leaving it early (``aclose``, or cancelling) cancels
        the articles in flight; ``contextlib.aclosing`` makes that prompt on ``break``."""
        return engine.asummarize_many(
            as_items(articles), self.provider, concurrency=concurrency, skip=skip,
            on_result=on_result, extra_identity=settings_identity(self.settings),
            cache=cache, cache_key=cache_key if cache is not None else None, log=log,
            command=command,
        )  # fmt: skip

    def close(self) -> None:
        """Release the connections of the provider it made (async ones need ``aclose``, or
        ``async with``)."""
        if self._owns_provider:
            self.provider.close()

    async def aclose(self) -> None:
        """Release the connections of the provider it made, async ones included."""
        if self._owns_provider:
            await self.provider.aclose()

    def __enter__(self) -> Summarizer:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    async def __aenter__(self) -> Summarizer:
        return self

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        await self.aclose()


def summarize(
    article: str | bytes | Article,
    *,
    model: str | None = None,
    published: date | str | None = None,
    title: str | None = None,
    url: str | None = None,
    **options: Unpack[Options],
) -> StructuredSummary:
    """Summarize one article with a one-off ``Summarizer`` (see it for the settings)."""
    with Summarizer(model, **options) as summarizer:
        return summarizer.summarize(article, published=published, title=title, url=url)


async def asummarize(
    article: str | bytes | Article,
    *,
    model: str | None = None,
    published: date | str | None = None,
    title: str | None = None,
    url: str | None = None,
    **options: Unpack[Options],
) -> StructuredSummary:
    """The async twin of ``summarize``."""
    async with Summarizer(model, **options) as summarizer:
        return await summarizer.asummarize(article, published=published, title=title, url=url)


def summarize_many(
    articles: Articles,
    *,
    model: str | None = None,
    concurrency: int = DEFAULT_CONCURRENCY,
    **options: Unpack[Options],
) -> Generator[BatchResult, None, None]:
    """Summarize many articles with a one-off ``Summarizer``; results as they complete (see
    ``Summarizer.summarize_many``). The settings are checked now, before the first article."""
    summarizer = Summarizer(model, **options)

    def results() -> Generator[BatchResult, None, None]:
        with summarizer:
            yield from summarizer.summarize_many(articles, concurrency=concurrency)

    return results()


def asummarize_many(
    articles: Articles,
    *,
    model: str | None = None,
    concurrency: int = DEFAULT_CONCURRENCY,
    **options: Unpack[Options],
) -> AsyncGenerator[BatchResult, None]:
    """The async twin of ``summarize_many``: ``async for result in asummarize_many(...)``."""
    summarizer = Summarizer(model, **options)

    async def results() -> AsyncGenerator[BatchResult, None]:
        many = summarizer.asummarize_many(articles, concurrency=concurrency)
        async with summarizer, aclosing(many):
            async for result in many:
                yield result

    return results()


def _article(
    article: str | bytes | Article, published: date | str | None, title: str | None, url: str | None
) -> Article:
    if isinstance(article, str | bytes):
        article = from_value(article)
    try:
        day = parse_published(published)
    except ValueError as exc:
        raise InputError(f"published date {exc}") from None
    return article.with_metadata(title=title, url=url, published=day)
