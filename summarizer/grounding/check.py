"""Strict validation of a model's draft against its article, so that instructor re-asks.

``CheckedSummary`` is the response model a provider hands to instructor: the same fields, name
and schema as ``draft.ArticleSummary`` (the model sees no difference), plus a validator. With
the validation context ``{"article": <cleaned text>, "grounding": "strict"}`` the draft goes
through the very pass that builds the result (``assemble``): every quote must be in the article
and long enough to carry a fact, every name, source, place and time in its item's evidence, and
every number of the model's prose in the article. Anything that pass would drop fails
validation, with a message naming each problem and its place, which instructor sends back to
the model. Any other context (or none) accepts the answer as it is; ``assemble`` then drops what
is not grounded and reports it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import ConfigDict, PrivateAttr, ValidationInfo, model_validator

from summarizer.draft import ArticleSummary
from summarizer.grounding.assemble import Facts, assemble
from summarizer.grounding.rules import MIN_EVIDENCE_WORDS

STRICT = "strict"

_HOW_TO_FIX = (
    "Parts of your answer are not supported by the article. Fix each one listed below:\n"
    "- copy every evidence quote exactly from the article: a clause of at least "
    f"{MIN_EVIDENCE_WORDS} words, never paraphrased;\n"
    "- every actor name, source, place, time and who-is-counted must be written as it stands in "
    'that item\'s own evidence quotes: add the quote that names them (for a "he said", also '
    "quote the sentence that names him), or remove the field;\n"
    "- every number in a headline, lede, key point, description or statement must be one the "
    "article (the item's evidence) gives.\n"
)


def problems(facts: Facts) -> list[str]:
    """Every way the draft ``facts`` were built from is not grounded in its article (what the
    assembly dropped), one line each, naming its place."""
    lines = []
    for item in facts.dropped:
        value = f' "{item.value}"' if item.value is not None else ""
        quoted = "" if item.value is not None else "".join(f' "{q}"' for q in item.quotes)
        lines.append(f"- {item.path}{value}{quoted}: {item.reason}")
    return lines


class CheckedSummary(ArticleSummary):
    # Named and described as the draft, so the schema the model is sent is the same.
    __doc__ = ArticleSummary.__doc__
    model_config = ConfigDict(title="ArticleSummary")
    # What the check built, and for which article: the pipeline takes it instead of building
    # the same facts again (``checked_facts``).
    _checked: tuple[str, date | None, str | None, Facts] | None = PrivateAttr(default=None)

    @model_validator(mode="after")
    def _grounded_in_the_article(self, info: ValidationInfo) -> CheckedSummary:
        context: dict[str, Any] = info.context or {}
        if context.get("grounding") != STRICT or "article" not in context:
            return self
        article, title = context["article"], context.get("title")
        published = date.fromisoformat(context["published"]) if context.get("published") else None
        facts = assemble(self, article, published, title=title)
        found = problems(facts)
        if found:
            raise ValueError(_HOW_TO_FIX + "\n".join(found))
        self._checked = (article, published, title, facts)
        return self


def checked_facts(
    draft: ArticleSummary, text: str, published: date | None, title: str | None
) -> Facts | None:
    """The facts the strict check built for ``draft``, when it checked it against this very
    article (text, date and title); ``None`` when the draft was not checked so."""
    checked = draft._checked if isinstance(draft, CheckedSummary) else None
    if checked is None or checked[:3] != (text, published, title):
        return None
    return checked[3]
