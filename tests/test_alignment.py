"""The aligner finds what the article says, and nothing it does not.

The property tests take every sentence of our example articles, change one word that carries
meaning — a negation, a hedge, a number, a date word, a name, a content word — and assert the
changed quote is not found. The controls change only what carries none (case, spacing, quote
marks, dashes, a homoglyph, an invisible character, a typo inside a long word) and assert it is.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.grounding.align import EXACT_WORDS, Aligner, Folded, find_quote, fold_char, within
from summarizer.grounding.rules import (
    missing_numbers,
    name_problem,
    quantity_problem,
    time_problem,
    too_short,
)
from summarizer.input.clean import clean
from summarizer.schema import MatchKind
from summarizer.text.hedges import BEFORE
from summarizer.text.numbers import SMALL
from summarizer.text.timewords import MONTHS, WEEKDAYS
from tests.conftest import example

NAMES = ("conflict", "business", "politics", "disaster")
TEXTS = {name: clean(example(name)).text for name in NAMES}
_SENTENCE = re.compile(r"[^\s\u201c][^\n]*?[.!?](?=[\s\u201d]|$)")


def sentences() -> Iterator[tuple[str, str]]:
    """(article, sentence) for every sentence of eight words or more of the examples."""
    for text in TEXTS.values():
        for found in _SENTENCE.finditer(text):
            sentence = found.group().strip()
            if len(sentence.split()) >= 8:
                yield text, sentence


SENTENCES = list(sentences())
Flip = Callable[[str], Iterator[str]]


def _swap_words(sentence: str, table: dict[str, str]) -> Iterator[str]:
    for m in re.finditer(r"\b\w+\b", sentence):
        other = table.get(m.group().lower())
        if other:
            replacement = other.capitalize() if m.group()[0].isupper() else other
            yield sentence[: m.start()] + replacement + sentence[m.end() :]


def negations(sentence: str) -> Iterator[str]:
    for m in re.finditer(r"\b(?:not|never|no) ", sentence):
        yield sentence[: m.start()] + sentence[m.end() :]  # "did not say" → "did say"
    for m in re.finditer(r"\b(?:is|was|were|had|has|have|will|would|could|can|did) ", sentence):
        yield sentence[: m.end()] + "not " + sentence[m.end() :]
    yield from _swap_words(sentence, {"denied": "confirmed", "confirmed": "denied"})


def hedges(sentence: str) -> Iterator[str]:
    phrases = [(q, p) for q, group in BEFORE.items() for p in group]
    for qualifier, phrase in phrases:
        for m in re.finditer(rf"\b{re.escape(phrase)} (?=\d)", sentence, re.IGNORECASE):
            other = next(p for q, p in phrases if q != qualifier)
            yield sentence[: m.start()] + other + " " + sentence[m.end() :]
            yield sentence[: m.start()] + sentence[m.end() :]  # the hedge left out


def numbers(sentence: str) -> Iterator[str]:
    for m in re.finditer(r"\d", sentence):
        digit = str((int(m.group()) + 1) % 10)
        yield sentence[: m.start()] + digit + sentence[m.end() :]
    words = list(SMALL)
    yield from _swap_words(sentence, {w: words[(i + 2) % len(words)] for i, w in enumerate(words)})


def date_words(sentence: str) -> Iterator[str]:
    table = {d: WEEKDAYS[(i + 3) % 7] for i, d in enumerate(WEEKDAYS)}
    table |= {m: MONTHS[(i + 5) % 12] for i, m in enumerate(MONTHS)}
    table |= {"yesterday": "today", "today": "yesterday", "last": "next", "next": "last"}
    table |= {"earlier": "later", "later": "earlier"}
    yield from _swap_words(sentence, table)


def names(sentence: str) -> Iterator[str]:
    capitalised = re.findall(r"(?<=[a-z,] )[A-Z][a-z]{2,}", sentence)
    for name in capitalised:
        for other in ("Ukrainian", "Russian", "Oslo", "Marta", "Reuters"):
            if other != name:
                yield sentence.replace(name, other, 1)
                break


def content_words(sentence: str) -> Iterator[str]:
    table = {
        "died": "survived", "killed": "spared", "rose": "fell", "fell": "rose", "won": "lost",
        "lost": "won", "signed": "rejected", "approved": "blocked", "increase": "decrease",
        "higher": "lower", "lower": "higher", "opened": "closed", "closed": "opened",
        "attacked": "defended", "captured": "released", "released": "captured",
        "injured": "uninjured", "more": "less", "expected": "unexpected",
    }  # fmt: skip
    yield from _swap_words(sentence, table)
    words = re.findall(r"\b[a-z]{4,}\b", sentence)
    for word in words[:3]:  # a word added
        yield sentence.replace(f" {word} ", f" {word} also ", 1)


KINDS: dict[str, Flip] = {
    "negation": negations,
    "hedge": hedges,
    "number": numbers,
    "date word": date_words,
    "name": names,
    "content word": content_words,
}


@pytest.mark.parametrize("kind", list(KINDS))
def test_a_changed_meaning_word_is_never_found(kind: str) -> None:
    tried = 0
    for text, sentence in SENTENCES:
        aligner = Aligner(text)
        for flipped in KINDS[kind](sentence):
            if flipped == sentence or flipped.lower() in text.lower():
                continue
            tried += 1
            assert aligner.find(flipped) is None, (kind, flipped)
    assert tried >= 10, f"only {tried} {kind} flips: the examples changed?"


def _harmless(sentence: str, data: st.DataObject) -> str:
    draw = data.draw
    kind = draw(st.sampled_from(["case", "space", "marks", "homoglyph", "invisible", "typo"]))
    if kind == "case":
        return sentence.upper()
    if kind == "space":
        return "  " + sentence.replace(" ", " \n ", 2) + " "
    if kind == "marks":
        return sentence.replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"')
    if kind == "homoglyph":
        return sentence.replace("o", "\u043e", 1).replace("a", "\u0430", 1)  # Cyrillic
    if kind == "invisible":
        return sentence.replace(" ", " \u200b", 1).replace("e", "e\u00ad", 1)
    long_words = [
        m for m in re.finditer(r"\b[a-z]{8,}\b", sentence) if m.group() not in EXACT_WORDS
    ]
    if not long_words:
        return sentence
    m = draw(st.sampled_from(long_words))
    word = m.group()
    typo = word[:2] + word[3] + word[2] + word[4:]  # two inner letters swapped
    return sentence[: m.start()] + typo + sentence[m.end() :]


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_what_carries_no_meaning_is_absorbed(data: st.DataObject) -> None:
    text, sentence = data.draw(st.sampled_from(SENTENCES))
    changed = _harmless(sentence, data)
    span = find_quote(text, changed)
    assert span is not None, changed
    edges = ".,\u201c\u201d\"' "
    assert text[span.start : span.end].strip(edges) == sentence.strip(edges)


def test_a_typo_inside_a_long_word_is_fuzzy_and_the_span_is_the_articles_words() -> None:
    text = TEXTS["conflict"]
    span = find_quote(text, "the man had been badly hurt before his captrue and that his condition")
    assert span is not None and span.match is MatchKind.FUZZY
    assert text[span.start : span.end].endswith("before his capture and that his condition")


def test_a_typo_in_a_word_whose_spelling_is_its_meaning_is_a_different_quote() -> None:
    text = TEXTS["disaster"]
    assert find_quote(text, "the relief agency CareBridge said yesterday") is not None
    assert find_quote(text, "tents, the relief agency CareBridge said yetserday") is None


def test_a_word_the_article_uses_is_not_taken_for_a_typo() -> None:
    text = "The council said the complaint was filed and the compliant firms were named."
    assert find_quote(text, "The council said the compliant was filed and the") is None


def test_spans_start_and_end_on_word_boundaries() -> None:
    text = "Russia denied the attack on the city of Kharkiv on Friday."
    assert find_quote(text, "ussia denied the attack on the city") is None
    assert find_quote(text, "denied the attack on the cit") is None
    span = find_quote(text, "denied the attack on the city")
    assert span is not None and text[span.start - 1] == " "


def test_number_words_match_as_whole_tokens() -> None:
    assert not within("3", ["close to 3,000 troops were killed"])
    assert not within("3,00", ["close to 3,000 troops were killed"])
    assert not within("000", ["close to 3,000 troops were killed"])
    assert within("close to 3,000", ["close to 3,000 troops were killed."])
    assert within("3,000", ["troops numbered 3,000."])


def test_a_full_stop_or_a_bare_name_is_no_evidence() -> None:
    assert too_short(".") and too_short("Russia") and too_short("Russia's defence ministry")
    assert not too_short("Russia denied the attack")


def named_in(value: str, quotes: list[str]) -> bool:
    return name_problem(value, quotes) is None


def test_a_pronoun_is_never_a_name_and_names_stand_whole() -> None:
    quotes = ["He said the attack on Kharkiv was planned by Russian forces."]
    assert not named_in("He", quotes) and not named_in("they", quotes)
    assert not named_in("He said", quotes) and not named_in("himself", quotes)
    assert named_in("Russian forces", quotes) and named_in("in Kharkiv", quotes)
    assert not named_in("Russia", quotes)  # not a whole word of "Russian"
    assert not named_in("Kim Jong Un", quotes)


def test_acronyms_are_names_and_possessive_phrases_name_something() -> None:
    assert named_in("US", ["the US said it would act"]) and named_in("WHO", ["the WHO said"])
    assert named_in("its shares", ["its shares fell 8% on Friday"])


def test_a_value_must_name_something() -> None:
    quotes = ["Russia's army said on Friday."]
    for value in (".", ",", "the", "on", "in the", "said", "s", "", "   "):
        assert not named_in(value, quotes), value


def test_capitals_are_part_of_a_name() -> None:
    assert not named_in("Turkey", ["they ate a turkey at the feast"])
    assert time_problem("May", ["officials said the storm may hit the coast"]) is not None
    assert named_in("News agency", ["Yonhap news agency reported on Thursday"])


def test_apostrophes_and_dashes_join_words_and_signs() -> None:
    assert (
        find_quote("The minister said he can't support the bill.", "The minister said he can")
        is None
    )
    text = (
        "Police used non-lethal weapons against the crowd, and anti-war groups met "
        "ex-president Smith."
    )
    for cut in ("lethal weapons against the crowd", "war groups met", "president Smith"):
        assert find_quote(text, cut) is None, cut
    assert not named_in("Neill", ["O'Neill said the talks would go on"])
    assert not named_in("Russian forces", ["anti-Russian forces attacked the town"])
    assert named_in("Russia", ["Russia's army said it had taken the town"])  # a possessive
    assert not within("twenty", ["twenty-one people were hurt"])
    assert not within("5 degrees", ["it fell to -5 degrees overnight"])
    assert not within("3", ["3-4 people were hurt"])


def test_a_match_takes_whole_characters_of_compatibility_forms() -> None:
    assert (
        find_quote("\u00bd of the town was flooded on Monday.", "2 of the town was flooded") is None
    )
    assert not within("102", ["an area of 10\u00b2 km was hit"])
    span = find_quote("The \ufb01re spread to the station.", "The fire spread to the station")
    assert span is not None and span.match is MatchKind.NORMALISED


def test_fuzzy_matching_compares_the_marks_on_numbers() -> None:
    text = "Temperatures fell to -5 degrees overnight in the northern city of Tarnow, it said."
    assert find_quote(text, "Temperatures fell to 5 degrees overnight in the northern city") is None
    text = "The company paid \u20ac5 million to settle the claims of its former workers last year."
    assert find_quote(text, "The company paid $5 million to settle the claims of its") is None
    text = "Prices rose by 10% in the past year across the whole of the region, it said."
    assert find_quote(text, "Prices rose by 10 in the past year across the whole") is None


def test_a_capitalised_name_is_never_a_typo_away() -> None:
    text = "Officials said Petersen would expand the operations of the company abroad next year."
    assert (
        find_quote(text, "Officials said Peterson would expand the operations of the company")
        is None
    )


def test_a_time_cut_short_of_what_says_which_time_is_not_that_time() -> None:
    assert "next Friday" in (
        time_problem("Friday", ["talks will resume next Friday in Oslo"]) or ""
    )
    assert "March 2019" in (time_problem("March", ["the law passed in March 2019 after"]) or "")
    assert time_problem("on Friday", ["the ministry said on Friday that"]) is None
    assert time_problem("last week", ["the ministry said last week that"]) is None
    assert time_problem("the", ["the ministry said last week that"]) is not None


def test_a_quantity_is_its_evidences_whole_figure() -> None:
    assert quantity_problem("close to 3,000", ["close to 3,000 troops were killed"]) is None
    for part, quote in [
        ("3,000", "close to 3,000 troops were killed"),
        ("10", "prices rose 10% in May"),
        ("12,000", "between 10,000 and 12,000 troops were sent"),
        ("2.4", "revenue of $2.4 billion in the quarter"),
        ("20", "some 20 people were hurt"),
    ]:
        assert "part of the figure" in (quantity_problem(part, [quote]) or ""), part
    assert quantity_problem("3", ["close to 3,000 troops"]) == "are not in its evidence"


def test_repetitive_text_and_long_quotes_stay_cheap() -> None:
    article = "the " * 20_000
    assert find_quote(article, "the " * 500 + "zebra") is None
    assert find_quote("a" * 50_000, "a" * 1_000) is None


def test_numbers_in_prose_are_compared_by_value() -> None:
    assert missing_numbers("3000 troops and twelve tanks", ["3,000 troops, 12 tanks"]) == []
    assert missing_numbers("4,000 troops", ["close to 3,000 troops"]) == ["4,000"]
    assert missing_numbers("one of three", ["a soldier"]) == ["three"]
    assert missing_numbers("$2.4bn in sales", ["sales of $2.4 billion"]) == []
    assert missing_numbers("twenty-one hurt", ["21 people were hurt"]) == []
    for prose, source in [
        ("3 million killed", "3 people killed"),
        ("$3bn deal", "3 people"),
        ("One million killed", "a storm hit"),
        ("Thousands killed", "300 people were killed"),
        ("a dozen killed", "a storm hit"),
        ("twenty-one killed", "twenty people"),
        ("10% rise", "10 people"),
        ("-5 degrees", "5 degrees"),
        ("the 3rd attack", "3 people"),
    ]:
        assert missing_numbers(prose, [source]), prose


def _folded_one_by_one(source: str) -> tuple[str, list[int]]:
    """The folding spelled out character by character: what ``Folded`` must equal."""
    out: list[str] = []
    origin: list[int] = []
    prev_space = True
    for i, ch in enumerate(source):
        folded = fold_char(ch)
        if not folded:
            continue
        if folded.isspace():
            if not prev_space:
                out.append(" ")
                origin.append(i)
            prev_space = True
            continue
        out.extend(folded)
        origin.extend([i] * len(folded))
        prev_space = False
    if out and out[-1] == " ":
        out.pop()
        origin.pop()
    return "".join(out), origin


@given(
    st.text(
        alphabet=st.sampled_from(
            [
                *"aB3 ,.-'`\t\n",
                *"\u00a0\u2019\u201c\u2014\u2026\u200b\u00bd\uff21",
                *"\u0430\u2028\u00e9\u0130\ufb01\x85\x1c",
            ]
        ),
        max_size=60,
    )
)
def test_folding_a_run_at_a_time_equals_folding_each_character(source: str) -> None:
    folded = Folded(source)
    assert (folded.text, folded.origin) == _folded_one_by_one(source)
