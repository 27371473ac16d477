"""One vocabulary: what ``normalize`` can parse, the offline extractor finds and reads alike.

Each test walks a word list of ``summarizer.text`` through the offline finder and then through
``normalize``, so a word added to the vocabulary is checked on both paths at once.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from summarizer.normalize.dates import resolve_when
from summarizer.normalize.quantities import parse_quantity
from summarizer.providers.offline.quantities import Figure, find_figures
from summarizer.providers.offline.sentences import Sentence
from summarizer.providers.offline.when import find_time_words
from summarizer.schema import Counted, DatePrecision, Qualifier
from summarizer.text import hedges, money
from summarizer.text.hedges import qualifier_of
from summarizer.text.numbers import ONES, SCALES, SMALL, TENS, VAGUE_COUNTS
from summarizer.text.timewords import MONTH_ABBREVIATIONS, MONTHS, RELATIVE_DAYS, WEEKDAYS

PUBLISHED = date(2025, 9, 17)  # a Wednesday


def figures(text: str) -> list[Figure]:
    return find_figures(Sentence(0, 0, len(text), text), [])


@pytest.mark.parametrize(("phrase", "qualifier"), sorted(qualifier_of(hedges.BEFORE).items()))
def test_every_hedge_before_a_number_keeps_its_qualifier_offline(
    phrase: str, qualifier: str
) -> None:
    [figure] = figures(f"Officials said {phrase} 50 people were killed in the attack.")
    assert figure.text == f"{phrase} 50"
    assert parse_quantity(figure.text).qualifier == Qualifier(qualifier)


@pytest.mark.parametrize(("phrase", "qualifier"), sorted(qualifier_of(hedges.AFTER).items()))
def test_every_hedge_after_a_number_keeps_its_qualifier_offline(
    phrase: str, qualifier: str
) -> None:
    number = "50" + ("" if phrase == "+" else " ") + phrase
    [figure] = figures(f"Officials said {number} people were killed in the attack.")
    assert figure.text == number
    assert parse_quantity(figure.text).qualifier == Qualifier(qualifier)


@pytest.mark.parametrize(
    "phrase", ["no more than", "not less than", "a maximum of", "just shy of", "upwards of"]
)
def test_a_hedge_is_read_whole_not_as_the_shorter_hedge_inside_it(phrase: str) -> None:
    """The drift the issue measured: "no more than 50" was read offline as more than 50."""
    [figure] = figures(f"The ministry said {phrase} 3,000 troops had been sent.")
    assert figure.text.startswith(phrase)
    expected = qualifier_of(hedges.BEFORE)[phrase]
    assert parse_quantity(figure.text).qualifier.value == expected


def test_a_range_opened_by_between_is_one_figure() -> None:
    [figure] = figures(f"Officials said {hedges.RANGE_OPENER} 10,000 and 12,000 were deployed.")
    amount = parse_quantity(figure.text)
    assert (amount.low, amount.high, amount.qualifier) == (10000, 12000, Qualifier.BETWEEN)


_SPELLED = [w for w in SMALL if w not in ("zero", "one")] + [
    f"{tens}-{ones}" for tens in TENS for ones in ONES
]


@pytest.mark.parametrize("word", _SPELLED)
def test_every_number_word_is_found_and_read_as_its_value(word: str) -> None:
    [figure] = figures(f"Police said {word} people were arrested after the march.")
    assert figure.text == word
    expected = SMALL[word] if word in SMALL else sum(SMALL[part] for part in word.split("-"))
    assert parse_quantity(figure.text).low == expected


@pytest.mark.parametrize("scale", sorted(SCALES))
def test_every_scale_word_multiplies_offline_and_in_normalize(scale: str) -> None:
    [figure] = figures(f"The fund lost 3 {scale} dollars last year, the bank said.")
    amount = parse_quantity(figure.text)
    assert figure.counted is Counted.MONEY
    assert (amount.low, amount.unit) == (3 * 10.0 ** SCALES[scale], "USD")


@pytest.mark.parametrize(("name", "code"), sorted(money.name_forms().items()))
def test_every_currency_name_makes_money_with_its_code(name: str, code: str | None) -> None:
    [figure] = figures(f"The company said it had paid 500 {name} in fines.")
    assert figure.counted is Counted.MONEY
    assert parse_quantity(figure.text).unit == code


@pytest.mark.parametrize("symbol", sorted(money.SYMBOLS))
def test_every_currency_symbol_makes_money_with_its_code(symbol: str) -> None:
    [figure] = figures(f"The company said it had paid {symbol.upper()}500 in fines.")
    assert figure.counted is Counted.MONEY
    assert parse_quantity(figure.text).unit == money.SYMBOLS[symbol]


@pytest.mark.parametrize(("number", "month"), list(enumerate(MONTHS, 1)))
def test_every_month_is_found_and_resolved(number: int, month: str) -> None:
    [words] = find_time_words(f"The talks ended on 3 {month.capitalize()} 2024, officials said.")
    when = resolve_when(words.text, PUBLISHED)
    assert (when.start, when.precision) == (date(2024, number, 3), DatePrecision.DAY)


@pytest.mark.parametrize(("number", "weekday"), list(enumerate(WEEKDAYS)))
def test_every_weekday_is_found_and_resolved(number: int, weekday: str) -> None:
    [words] = find_time_words(f"The talks ended on {weekday.capitalize()}, officials said.")
    when = resolve_when(words.text, PUBLISHED)
    assert when.start is not None and when.start.weekday() == number
    assert 0 <= (PUBLISHED - when.start).days < 7


@pytest.mark.parametrize(("abbreviation", "number"), sorted(MONTH_ABBREVIATIONS.items()))
def test_every_month_abbreviation_is_found_and_resolved(abbreviation: str, number: int) -> None:
    written = f"{abbreviation.capitalize()}. 3, 2024"
    [words] = find_time_words(f"The talks ended on {written}, officials said.")
    assert written in words.text
    assert resolve_when(words.text, PUBLISHED).start == date(2024, number, 3)


@pytest.mark.parametrize(("phrase", "days"), sorted(RELATIVE_DAYS.items()))
def test_every_relative_day_is_found_and_resolved(phrase: str, days: int) -> None:
    [words] = find_time_words(f"Officials said {phrase} that the river had risen.")
    assert words.text.endswith(phrase)
    when = resolve_when(words.text, PUBLISHED)
    assert (when.start, when.precision) == (PUBLISHED + timedelta(days=days), DatePrecision.DAY)


@pytest.mark.parametrize("count", VAGUE_COUNTS)
@pytest.mark.parametrize("unit", ["dozen", "hundred", "thousand"])
def test_every_vague_count_is_a_lower_bound_offline_and_in_normalize(count: str, unit: str) -> None:
    [figure] = figures(f"Police said {count} {unit} people were killed in the square.")
    assert figure.text == f"{count} {unit}"
    amount = parse_quantity(figure.text)
    size = {"dozen": 12, "hundred": 100, "thousand": 1000}[unit]
    assert (amount.low, amount.high, amount.qualifier) == (2 * size, None, Qualifier.AT_LEAST)


@pytest.mark.parametrize("code", money.CODES)
def test_every_currency_code_makes_money_before_or_after_the_digits(code: str) -> None:
    for written in (f"{code.upper()} 500", f"500 {code.upper()}"):
        [figure] = figures(f"The company said it had paid {written} in fines.")
        assert figure.text == written and figure.counted is Counted.MONEY
        assert parse_quantity(figure.text).unit == code.upper()
