"""A provider that answers every article with a fixed draft, for scoring tests."""

from __future__ import annotations

from collections.abc import Callable

from summarizer.draft import ArticleSummary
from summarizer.input.article import Article
from summarizer.providers.base import Extraction, InputBudget
from summarizer.schema import Usage


class Scripted:
    """Answers with ``draft``, or with ``draft(article)`` when given a function of the text."""

    name, model, mode, prompt_version = "scripted", "scripted-1", None, "none"

    def __init__(self, draft: ArticleSummary | Callable[[Article], ArticleSummary]) -> None:
        self.draft = draft

    def ensure_model(self) -> str:
        return self.model

    async def aensure_model(self) -> str:
        return self.model

    def extract(self, article: Article) -> Extraction:
        draft = self.draft(article) if callable(self.draft) else self.draft
        return Extraction(draft=draft)

    async def aextract(self, article: Article) -> Extraction:
        return self.extract(article)

    def input_budget(self) -> InputBudget | None:
        return None

    def cost(self, usage: Usage) -> float:
        return 0.0

    def close(self) -> None:
        pass

    async def aclose(self) -> None:
        pass
