"""One pass, top to bottom: article → clean → prompt → extract → ground + normalise → summary.

Rendering is not here; the provider is a detail behind ``Provider``.
"""

from __future__ import annotations

import time
from dataclasses import replace

from summarizer.article import Article
from summarizer.assemble import assemble
from summarizer.clean import clean
from summarizer.errors import InputError
from summarizer.extract import Extraction
from summarizer.prompts import Prompt, load_prompt
from summarizer.providers import Provider
from summarizer.schema import (
    Attempts,
    Diagnostics,
    RunMetadata,
    Source,
    StructuredSummary,
)


def prepare(article: Article) -> tuple[Article, list[str]]:
    """Clean the text; the cleaned article is what the model reads and the spans index."""
    cleaned = clean(article.text)
    if not cleaned.text:
        raise InputError("the article has no text left after cleaning")
    return replace(article, text=cleaned.text), cleaned.removed


def run(article: Article, provider: Provider, prompt: Prompt | None = None) -> StructuredSummary:
    article, removed = prepare(article)
    prompt = prompt or load_prompt()
    started = time.perf_counter()
    extraction = provider.extract(article, prompt)
    return finish(article, removed, provider, prompt, extraction, started)


async def arun(
    article: Article, provider: Provider, prompt: Prompt | None = None
) -> StructuredSummary:
    article, removed = prepare(article)
    prompt = prompt or load_prompt()
    started = time.perf_counter()
    extraction = await provider.aextract(article, prompt)
    return finish(article, removed, provider, prompt, extraction, started)


def finish(
    article: Article,
    removed: list[str],
    provider: Provider,
    prompt: Prompt,
    extraction: Extraction,
    started: float,
) -> StructuredSummary:
    draft, stats = extraction.draft, extraction.stats
    facts = assemble(draft, article.text, article.published)
    return StructuredSummary(
        headline=draft.headline,
        lede=draft.lede,
        key_points=draft.key_points,
        events=facts.events,
        actors=facts.actors,
        claims=facts.claims,
        source=Source(
            title=article.title,
            url=article.url,
            site=article.site,
            published=article.published,
            text=article.text,
        ),
        metadata=RunMetadata(
            model=provider.model,
            provider=provider.name,
            mode=provider.mode,
            prompt_version=prompt.version,
            usage=stats.usage(),
            attempts=Attempts(
                requests=stats.requests,
                reasks=stats.reasks,
                transport_retries=stats.transport_retries,
            ),
            latency_s=round(time.perf_counter() - started, 3),
            grounding=facts.grounding,
        ),
        diagnostics=Diagnostics(
            dropped=facts.dropped, removed_lines=removed, warnings=extraction.warnings
        ),
    )
