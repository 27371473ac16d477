"""Strict validation of a model's draft against its article, so that instructor re-asks.

``CheckedSummary`` is the response model a provider hands to instructor: the same fields, name
and schema as ``draft.ArticleSummary`` (the model sees no difference), plus a validator. With
the validation context ``{"article": <cleaned text>, "grounding": "strict"}`` every evidence
quote must be found in the article and every quantity's words in its own evidence, or
validation fails with a message that names each problem and its place, which instructor sends
back to the model. Any other context (or none) accepts the answer as it is; ``assemble`` then
drops what is not found and reports it.
"""

from __future__ import annotations

from typing import Any

from pydantic import ConfigDict, ValidationInfo, model_validator

from summarizer.draft import ArticleSummary
from summarizer.grounding.align import Aligner, within

STRICT = "strict"


def problems(draft: ArticleSummary, article: str) -> list[str]:
    """Every way ``draft`` is not grounded in ``article``, one line each, naming its place."""
    aligner = Aligner(article)
    missing = [
        f'- {path}: "{quote}"' for path, quote in draft.quotes() if aligner.find(quote) is None
    ]
    empty = [f"- {path}: no evidence quote" for path in draft.unsupported()]
    numbers = [
        f'- events[{i}].quantities[{j}].text "{q.text}" is not in its evidence'
        for i, event in enumerate(draft.events)
        for j, q in enumerate(event.quantities)
        if q.evidence and not within(q.text, q.evidence)
    ]
    return missing + empty + numbers


class CheckedSummary(ArticleSummary):
    # Named and described as the draft, so the schema the model is sent is the same.
    __doc__ = ArticleSummary.__doc__
    model_config = ConfigDict(title="ArticleSummary")

    @model_validator(mode="after")
    def _grounded_in_the_article(self, info: ValidationInfo) -> CheckedSummary:
        context: dict[str, Any] = info.context or {}
        if context.get("grounding") != STRICT or "article" not in context:
            return self
        found = problems(self, context["article"])
        if found:
            raise ValueError(
                "These evidence quotes are not in the article. Copy each quote exactly from the "
                "article text, or remove the item it supports:\n" + "\n".join(found)
            )
        return self
