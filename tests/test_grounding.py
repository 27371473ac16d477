from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from summarizer.grounding import Aligner, find_quote
from summarizer.schema import MatchKind

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
    quote = "a North Korean soldier captured by Ukranian forces had died of his wounds"
    span = find_quote(TEXT, quote)
    assert span is not None and span.match is MatchKind.FUZZY
    assert "Ukrainian forces had died" in TEXT[span.start : span.end]


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
