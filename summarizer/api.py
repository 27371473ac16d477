"""The library's front door: ``summarize``, ``asummarize`` and the reusable ``Summarizer``."""

from __future__ import annotations

from datetime import date

from summarizer.article import Article, from_text
from summarizer.config import Settings
from summarizer.errors import InputError
from summarizer.pipeline import arun, run
from summarizer.providers import Provider, resolve_provider
from summarizer.retry import RetryPolicy
from summarizer.schema import StructuredSummary


class Summarizer:
    """A configured model client, reused across articles (connections are pooled).

    Arguments override the environment (``OPENAI_API_KEY``, ``OPENAI_BASE_URL``,
    ``SUMMARIZER_MODEL``, ``SUMMARIZER_MODE``…), which overrides the defaults.

    >>> s = Summarizer(model="llama3.1", base_url="http://localhost:11434/v1")  # doctest: +SKIP
    >>> s.summarize(open("article.txt").read(), published="2024-12-27")  # doctest: +SKIP
    """

    def __init__(
        self,
        model: str | None = None,
        *,
        base_url: str | None = None,
        api_key: str | None = None,
        mode: str | None = None,
        timeout: float | None = None,
        max_reasks: int | None = None,
        retry: RetryPolicy | None = None,
        provider: Provider | None = None,
    ) -> None:
        self.provider: Provider
        if provider is None:
            overrides: dict[str, object] = {}
            if timeout is not None:
                overrides["timeout"] = timeout
            if max_reasks is not None:
                overrides["max_reasks"] = max_reasks
            settings = Settings(**overrides)  # type: ignore[arg-type]
            self.provider = resolve_provider(
                settings, model=model, base_url=base_url, api_key=api_key, mode=mode, retry=retry
            )
        else:
            self.provider = provider

    def summarize(
        self,
        article: str | Article,
        *,
        published: date | str | None = None,
        title: str | None = None,
        url: str | None = None,
    ) -> StructuredSummary:
        """Summarize one article (text or ``Article``); ``published`` resolves relative dates."""
        return run(_article(article, published, title, url), self.provider)

    async def asummarize(
        self,
        article: str | Article,
        *,
        published: date | str | None = None,
        title: str | None = None,
        url: str | None = None,
    ) -> StructuredSummary:
        """The async twin of ``summarize``."""
        return await arun(_article(article, published, title, url), self.provider)


def summarize(
    article: str | Article,
    *,
    model: str | None = None,
    published: date | str | None = None,
    title: str | None = None,
    url: str | None = None,
    base_url: str | None = None,
    api_key: str | None = None,
    mode: str | None = None,
) -> StructuredSummary:
    """Summarize one article with a one-off ``Summarizer`` (see it for the arguments)."""
    summarizer = Summarizer(model, base_url=base_url, api_key=api_key, mode=mode)
    return summarizer.summarize(article, published=published, title=title, url=url)


async def asummarize(
    article: str | Article,
    *,
    model: str | None = None,
    published: date | str | None = None,
    title: str | None = None,
    url: str | None = None,
    base_url: str | None = None,
    api_key: str | None = None,
    mode: str | None = None,
) -> StructuredSummary:
    """The async twin of ``summarize``."""
    summarizer = Summarizer(model, base_url=base_url, api_key=api_key, mode=mode)
    return await summarizer.asummarize(article, published=published, title=title, url=url)


def parse_date(value: date | str | None) -> date | None:
    """``YYYY-MM-DD`` (or a ``date``) → ``date``; a clear ``InputError`` otherwise."""
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise InputError(f"published date {value!r} is not YYYY-MM-DD") from None


def _article(
    article: str | Article, published: date | str | None, title: str | None, url: str | None
) -> Article:
    if isinstance(article, str):
        if not article.strip():
            raise InputError("the article is empty")
        article = from_text(article)
    return article.with_metadata(title=title, url=url, published=parse_date(published))
