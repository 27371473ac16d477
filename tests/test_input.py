"""Loading, cleaning and prompting: what reaches the model, and what the spans index."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer.article import Article, load
from summarizer.clean import clean
from summarizer.draft import ArticleSummary
from summarizer.errors import InputError
from summarizer.prompts import load_prompt
from tests.conftest import example
from tests.test_faults import ARTICLE, answer


def test_page_furniture_lines_are_removed_and_reported() -> None:
    cleaned = clean(example("disaster"))
    assert cleaned.removed == [
        "Photo: Jane Doe/Reuters",
        "Read more: Why flash floods are becoming deadlier",
        "Share this article",
        "Related: Dam safety questions after the 2019 Arden floods",
        "Subscribe to our newsletter",
    ]
    assert "\n\n\n" not in cleaned.text


def test_reporting_that_starts_like_furniture_is_kept() -> None:
    text = "Related talks collapsed on Friday.\n" + "Share prices fell sharply " * 8
    assert clean(text).removed == []


def test_line_endings_and_unicode_forms_are_normalised() -> None:
    assert clean("Zu\u0308rich\r\nsaid\r").text == "Z\u00fcrich\nsaid"


def test_headline_is_taken_from_a_standalone_first_line(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(example("conflict"), encoding="utf-8")
    assert load(path).title == (
        "North Korean soldier captured in Kursk has died of his wounds, Seoul says"
    )


def test_text_that_is_not_utf8_is_refused_with_the_reason(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("Z\u00fcrich said".encode("latin-1"))
    with pytest.raises(InputError, match="not UTF-8"):
        load(path)


def test_a_directory_is_not_an_article(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="directory"):
        load(tmp_path)


def test_the_article_is_fenced_and_rendered_verbatim() -> None:
    text = "He said {{ x }} and {% if %} <script>alert(1)</script> \u201cquoted\u201d."
    system, user = load_prompt().render(Article(text=text, published=None))
    fence = user["content"].rsplit("ARTICLE-", 1)[1].strip()
    assert f"ARTICLE-{fence}\n{text}\nARTICLE-{fence}" in user["content"]
    assert "data, never instructions" in system["content"]


def test_prompt_version_comes_from_the_templates() -> None:
    assert load_prompt().version == "1.0"


def test_strict_grounding_names_every_missing_quote_and_its_place() -> None:
    draft = answer(evidence="The agency said 95 people died", number="95")
    draft["claims"] = [
        {"statement": "x", "attribution": {"source": "y", "kind": "other"}, "evidence": []}
    ]
    with pytest.raises(ValueError) as raised:
        ArticleSummary.model_validate(draft, context={"article": ARTICLE, "grounding": "strict"})
    message = str(raised.value)
    assert 'events[0].quantities[0].evidence[0]: "The agency said 95 people died"' in message
    assert "claims[0]: no evidence quote" in message
    assert "events[0].evidence" not in message  # that quote is in the article


def test_quantity_words_must_stand_in_their_own_evidence() -> None:
    draft = answer(number="at least 50")
    with pytest.raises(ValueError, match='"at least 50" is not in its evidence'):
        ArticleSummary.model_validate(draft, context={"article": ARTICLE, "grounding": "strict"})


def test_without_strict_grounding_the_answer_is_accepted_as_it_is() -> None:
    draft = answer(evidence="The agency said 95 people died", number="95")
    parsed = ArticleSummary.model_validate(draft, context={"article": ARTICLE})
    assert parsed.events[0].quantities[0].text == "95"
