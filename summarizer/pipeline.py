"""One pass, top to bottom: article → clean → extract → ground and normalise → summary.

The provider is a detail behind ``providers.base.Provider``: this module imports no SDK and
does not know who answered. Rendering is not here. ``run`` and ``arun`` differ only in how they
wait for the provider; everything around that call is shared.
"""

from __future__ import annotations

import time
from dataclasses import replace

from summarizer import chunking
from summarizer.errors import InputError
from summarizer.grounding.assemble import assemble
from summarizer.grounding.check import checked_facts
from summarizer.input.article import Article
from summarizer.input.clean import clean, strip_controls
from summarizer.input.language import detect_language
from summarizer.providers.base import Extraction, Provider
from summarizer.schema import Attempts, Diagnostics, RunMetadata, Source, StructuredSummary
from summarizer.secrets import scrub_urls


def prepare(article: Article) -> tuple[Article, list[str]]:
    """Clean the text; the cleaned article is what the provider reads and the spans index.
    A URL loses its ``user:password@``: nothing downstream (prompt, cache, summary) needs it.
    The language is detected here, on the cleaned text, unless the article says it."""
    cleaned = clean(article.text)
    if not cleaned.text:
        raise InputError("the article has no text left after cleaning")
    url = scrub_urls(article.url) if article.url else article.url
    title = article.title
    if title is not None:  # a record's title is no less raw than its text
        title = strip_controls(title) or None
    language = article.language or detect_language(cleaned.text)
    cleaned_article = replace(article, text=cleaned.text, url=url, title=title, language=language)
    return cleaned_article, cleaned.removed


def run(article: Article, provider: Provider) -> StructuredSummary:
    article, removed = prepare(article)
    started = time.perf_counter()
    extraction = chunking.extract(article, provider)
    return finish(article, removed, provider, extraction, started)


async def arun(article: Article, provider: Provider) -> StructuredSummary:
    article, removed = prepare(article)
    started = time.perf_counter()
    extraction = await chunking.aextract(article, provider)
    return finish(article, removed, provider, extraction, started)


def finish(
    article: Article,
    removed: list[str],
    provider: Provider,
    extraction: Extraction,
    started: float,
) -> StructuredSummary:
    """Ground and normalise the draft, and say how it was made."""
    draft, stats = extraction.draft, extraction.stats
    facts = checked_facts(draft, article.text, article.published, article.title) or assemble(
        draft, article.text, article.published, title=article.title
    )
    usage = stats.usage()
    usage = usage.model_copy(update={"cost_usd": provider.cost(usage)})
    return StructuredSummary(
        headline=facts.headline,
        lede=facts.lede,
        key_points=facts.key_points,
        events=facts.events,
        actors=facts.actors,
        claims=facts.claims,
        source=Source(
            title=article.title,
            url=article.url,
            site=article.site,
            published=article.published,
            language=article.language,
            encoding=article.encoding,
            extractor=article.extractor,
            text=article.text,
        ),
        metadata=RunMetadata(
            # Known by now: a provider that had to ask for its model did so to extract.
            model=provider.model or "unknown",
            provider=provider.name,
            mode=extraction.mode or provider.mode,
            prompt_version=provider.prompt_version,
            usage=usage,
            attempts=Attempts(
                requests=stats.requests,
                reasks=stats.reasks,
                transport_retries=stats.transport_retries,
            ),
            latency_s=round(time.perf_counter() - started, 3),
            grounding=facts.grounding,
            chunks=extraction.chunks,
        ),
        diagnostics=Diagnostics(
            dropped=facts.dropped,
            removed_lines=removed,
            warnings=extraction.warnings + stats.warnings() + facts.warnings,
        ),
    )
