from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from summarizer.draft import ArticleSummary
from summarizer.grounding.align import Aligner, find_quote
from summarizer.grounding.check import CheckedSummary
from summarizer.schema import MatchKind
from tests.test_faults import ARTICLE, answer

TEXT = (
    "Seoul\u2019s spy agency said on Friday that a North Korean soldier captured by Ukrainian "
    "forces had died of his wounds.\nUkraine\u2019s president said this week that close to "
    "3,000 North Korean troops had been killed or wounded in Russia\u2019s Kursk region."
)


def test_exact_quote_gives_its_span() -> None:
    quote = "close to 3,000 North Korean troops"
    span = find_quote(TEXT, quote)
    assert span is not None and span.match is MatchKind.EXACT
    assert TEXT[span.start : span.end] == quote


def test_straight_apostrophes_match_curly_ones() -> None:
    span = find_quote(TEXT, "Seoul's spy agency said on Friday")
    assert span is not None and span.match is MatchKind.NORMALISED
    assert TEXT[span.start : span.end] == "Seoul\u2019s spy agency said on Friday"


def test_whitespace_case_and_edge_punctuation_are_folded() -> None:
    span = find_quote(TEXT, '"forces had died of his wounds.  UKRAINE\'S president said."')
    assert span is not None and span.match is MatchKind.NORMALISED
    assert (
        TEXT[span.start : span.end]
        == "forces had died of his wounds.\nUkraine\u2019s president said"
    )


def test_small_typo_in_a_long_quote_is_a_fuzzy_match() -> None:
    quote = "a North Korean soldier catpured by Ukrainian forces had died of his wounds"
    span = find_quote(TEXT, quote)
    assert span is not None and span.match is MatchKind.FUZZY
    assert "soldier captured by Ukrainian forces had died" in TEXT[span.start : span.end]


def test_a_name_spelt_differently_is_another_name() -> None:
    quote = "a North Korean soldier captured by Ukranian forces had died of his wounds"
    assert find_quote(TEXT, quote) is None


def test_a_changed_number_is_never_close_enough() -> None:
    quote = "Ukraine's president said this week that close to 5,000 North Korean troops"
    assert find_quote(TEXT, quote) is None


def test_an_invented_sentence_is_not_found() -> None:
    assert find_quote(TEXT, "The Kremlin confirmed the soldier's death on Thursday.") is None


def test_empty_quote_is_not_found() -> None:
    assert find_quote(TEXT, "  ") is None


def test_non_ascii_offsets_are_character_offsets() -> None:
    text = "東京で会議。Dvořák said the talks in Zürich “went well”."
    span = find_quote(text, 'Dvořák said the talks in Zürich "went well')
    assert span is not None and span.match is MatchKind.NORMALISED
    assert text[span.start : span.end] == "Dvořák said the talks in Zürich “went well"


_WORDS = st.lists(
    st.sampled_from(
        ["troops", "3,000", "said", "Kyiv\u2019s", "“nearly”", "Zürich", "on", "Friday"]
    ),
    min_size=3,
    max_size=30,
)


@given(_WORDS, st.data())
def test_any_respaced_substring_aligns_back_to_its_span(
    words: list[str], data: st.DataObject
) -> None:
    text = " ".join(words)
    start = data.draw(st.integers(0, len(words) - 1))
    end = data.draw(st.integers(start + 1, len(words)))
    original = " ".join(words[start:end])
    respaced = re.sub(" ", "  \n", original).replace("\u2019", "'")
    span = Aligner(text).find(respaced)
    assert span is not None
    found = text[span.start : span.end]
    assert re.sub(r"\s+", " ", found) == original


def test_strict_grounding_names_every_missing_quote_and_its_place() -> None:
    draft = answer(evidence="The agency said 95 people died", number="95")
    draft["claims"] = [
        {"statement": "x", "attribution": {"source": "y", "kind": "other"}, "evidence": []}
    ]
    with pytest.raises(ValueError) as raised:
        CheckedSummary.model_validate(draft, context={"article": ARTICLE, "grounding": "strict"})
    message = str(raised.value)
    assert (
        'events[0].quantities[0] "The agency said 95 people died": no evidence left: '
        "quote not in the article" in message
    )
    assert "claims[0]: no evidence quote" in message
    assert "events[0].evidence" not in message  # that quote is in the article


def test_quantity_words_must_stand_in_their_own_evidence() -> None:
    draft = answer(number="at least 50")
    with pytest.raises(ValueError, match='"at least 50": the number words are not in its evidence'):
        CheckedSummary.model_validate(draft, context={"article": ARTICLE, "grounding": "strict"})


def test_without_strict_grounding_the_answer_is_accepted_as_it_is() -> None:
    draft = answer(evidence="The agency said 95 people died", number="95")
    parsed = CheckedSummary.model_validate(draft, context={"article": ARTICLE})
    assert parsed.events[0].quantities[0].text == "95"


def test_the_checked_summary_shows_the_model_the_drafts_schema() -> None:
    assert CheckedSummary.model_json_schema() == ArticleSummary.model_json_schema()
