from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from summarizer.normalize.dates import DateRange, resolve_when
from summarizer.normalize.quantities import Amount, parse_quantity
from summarizer.schema import DatePrecision, Qualifier

# The worked example's article was published on a Friday.
PUBLISHED = date(2024, 12, 27)


def day(d: date) -> DateRange:
    return DateRange(d, d, DatePrecision.DAY)


# ------------------------------------------------------------------------ parse_quantity


def test_close_to_is_an_upper_bound() -> None:
    assert parse_quantity("close to 3,000") == Amount(None, 3000.0, Qualifier.NEARLY, None)


def test_between_gives_both_bounds() -> None:
    assert parse_quantity("between 10,000 and 12,000") == Amount(
        10000.0, 12000.0, Qualifier.BETWEEN, None
    )


def test_a_dozen_is_twelve() -> None:
    assert parse_quantity("a dozen") == Amount(12.0, 12.0, Qualifier.EXACT, None)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("3,000", 3000),
        ("3000", 3000),
        ("0", 0),
        ("three", 3),
        ("twenty-five", 25),
        ("twenty five", 25),
        ("nineteen", 19),
        ("dozen", 12),
        ("one hundred", 100),
        ("a hundred", 100),
        ("two hundred", 200),
        ("two hundred and fifty", 250),
        ("five thousand", 5000),
        ("a million", 1_000_000),
        ("half a million", 500_000),
        ("two million three hundred thousand", 2_300_000),
        ("1.5 million", 1_500_000),
        ("2.4bn", 2_400_000_000),
        ("7 mn", 7_000_000),
        ("3 tn", 3_000_000_000_000),
        ("1,234.5", 1234.5),
    ],
)
def test_exact_numbers(text: str, value: float | None) -> None:
    expected = Qualifier.UNKNOWN if value is None else Qualifier.EXACT
    assert parse_quantity(text) == Amount(value, value, expected, None)


def test_values_are_floats() -> None:
    amount = parse_quantity("three")
    assert isinstance(amount.low, float) and isinstance(amount.high, float)


@pytest.mark.parametrize("text", ["1.5 MILLION", "1.5 Million", "1.5 million", "1.5 Mn"])
def test_scale_words_ignore_case(text: str) -> None:
    assert parse_quantity(text).low == 1_500_000


@pytest.mark.parametrize(
    ("text", "value"), [("$40m", 40e6), ("€2b", 2e9), ("£5k", 5000), ("40m", 40), ("5b", 5)]
)
def test_single_letter_scales_need_a_currency(text: str, value: float) -> None:
    assert parse_quantity(text).low == value


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [
        *[(f"{w} 300", Qualifier.ABOUT) for w in ["about", "around", "roughly", "approximately"]],
        *[(f"{w} 300", Qualifier.ABOUT) for w in ["some", "an estimated", "estimated"]],
        *[(f"{w} 300", Qualifier.NEARLY) for w in ["nearly", "almost", "close to", "just under"]],
        *[(f"{w} 300", Qualifier.AT_LEAST) for w in ["at least", "no fewer than", "a minimum of"]],
        *[(f"{w} 300", Qualifier.MORE_THAN) for w in ["more than", "over", "upwards of"]],
        *[(f"{w} 300", Qualifier.MORE_THAN) for w in ["in excess of", "above", "just over"]],
        *[(f"{w} 300", Qualifier.AT_MOST) for w in ["up to", "as many as", "at most"]],
        *[(f"{w} 300", Qualifier.AT_MOST) for w in ["a maximum of", "no more than"]],
        *[(f"{w} 300", Qualifier.LESS_THAN) for w in ["fewer than", "less than", "under"]],
        ("below 300", Qualifier.LESS_THAN),
        ("300", Qualifier.EXACT),
        ("ABOUT 300", Qualifier.ABOUT),
        ("approx. 300", Qualifier.ABOUT),
        ("Close  to\n300", Qualifier.NEARLY),
    ],
)
def test_hedge_words_set_the_qualifier(text: str, qualifier: Qualifier) -> None:
    assert parse_quantity(text).qualifier is qualifier


@pytest.mark.parametrize(
    ("qualifier", "low", "high"),
    [
        (Qualifier.EXACT, 300.0, 300.0),
        (Qualifier.ABOUT, 300.0, 300.0),
        (Qualifier.NEARLY, None, 300.0),
        (Qualifier.AT_LEAST, 300.0, None),
        (Qualifier.MORE_THAN, 300.0, None),
        (Qualifier.AT_MOST, None, 300.0),
        (Qualifier.LESS_THAN, None, 300.0),
    ],
)
def test_qualifier_decides_which_bounds_are_known(
    qualifier: Qualifier, low: float | None, high: float | None
) -> None:
    text = {
        Qualifier.EXACT: "300",
        Qualifier.ABOUT: "about 300",
        Qualifier.NEARLY: "nearly 300",
        Qualifier.AT_LEAST: "at least 300",
        Qualifier.MORE_THAN: "more than 300",
        Qualifier.AT_MOST: "up to 300",
        Qualifier.LESS_THAN: "fewer than 300",
    }[qualifier]
    assert parse_quantity(text) == Amount(low, high, qualifier, None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3,000 or more", Amount(3000.0, None, Qualifier.AT_LEAST, None)),
        ("500+", Amount(500.0, None, Qualifier.AT_LEAST, None)),
        ("1 million-plus", Amount(1e6, None, Qualifier.AT_LEAST, None)),
        ("20 or so", Amount(20.0, 20.0, Qualifier.ABOUT, None)),
        ("10 or fewer", Amount(None, 10.0, Qualifier.AT_MOST, None)),
        ("3,000 or something", Amount(3000.0, 3000.0, Qualifier.EXACT, None)),
    ],
)
def test_hedge_words_after_the_number(text: str, expected: Amount) -> None:
    assert parse_quantity(text) == expected


def test_nearly_is_not_less_than_under_just_under() -> None:
    assert parse_quantity("just under 3,000").qualifier is Qualifier.NEARLY
    assert parse_quantity("under 3,000").qualifier is Qualifier.LESS_THAN


def test_hedge_must_come_before_the_number() -> None:
    assert parse_quantity("3,000 killed over the weekend").qualifier is Qualifier.EXACT


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("10 to 12", 10, 12),
        ("10-12", 10, 12),
        ("10–12", 10, 12),
        ("10 — 12", 10, 12),
        ("two or three", 2, 3),
        ("two-three", 2, 3),
        ("from 5 to 7 people", 5, 7),
        ("between 10 and 12 million", 10e6, 12e6),
        ("10-12 million", 10e6, 12e6),
        ("between two and three million", 2e6, 3e6),
        ("$1bn-$2bn", 1e9, 2e9),
        ("between $2 billion and $3 billion", 2e9, 3e9),
        ("900 to 1.2 million", 900, 1.2e6),
        ("10%-12%", 10, 12),
        ("between 12 and 10", 10, 12),
    ],
)
def test_ranges(text: str, low: float, high: float) -> None:
    amount = parse_quantity(text)
    assert (amount.low, amount.high, amount.qualifier) == (low, high, Qualifier.BETWEEN)


def test_and_is_a_range_only_after_between() -> None:
    assert parse_quantity("10 and 12") == Amount(10.0, 10.0, Qualifier.EXACT, None)


@pytest.mark.parametrize(
    ("text", "low"),
    [
        ("dozens of", 24),
        ("Dozens of civilians", 24),
        ("hundreds", 200),
        ("thousands", 2000),
        ("scores", 40),
        ("tens of thousands", 20_000),
        ("hundreds of thousands", 200_000),
        ("millions", 2_000_000),
        ("several hundred", 200),
        ("a few thousand", 2000),
    ],
)
def test_vague_plurals_are_lower_bounds(text: str, low: float) -> None:
    assert parse_quantity(text) == Amount(low, None, Qualifier.AT_LEAST, None)


@pytest.mark.parametrize(
    "text",
    ["a handful", "several", "many", "few", "", "   ", "unknown", "nearly three-quarters", "half"],
)
def test_words_without_a_number_are_unknown(text: str) -> None:
    assert parse_quantity(text) == Amount(None, None, Qualifier.UNKNOWN, None)


def test_unknown_keeps_the_unit() -> None:
    assert parse_quantity("an undisclosed sum in dollars") == Amount(
        None, None, Qualifier.UNKNOWN, "USD"
    )


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("$2.4 billion", "USD"),
        ("US$2.4 billion", "USD"),
        ("2.4 billion dollars", "USD"),
        ("USD 2.4 billion", "USD"),
        ("€2.4 billion", "EUR"),
        ("2.4 billion euros", "EUR"),
        ("EUR 2.4 billion", "EUR"),
        ("£2.4 billion", "GBP"),
        ("2.4 billion pounds", "GBP"),
        ("GBP 2.4 billion", "GBP"),
        ("¥2.4 billion", "JPY"),
        ("2.4 billion yen", "JPY"),
        ("2.4 billion", None),
    ],
)
def test_currency_units(text: str, unit: str | None) -> None:
    assert parse_quantity(text) == Amount(2.4e9, 2.4e9, Qualifier.EXACT, unit)


@pytest.mark.parametrize("text", ["12%", "12 %", "12 percent", "12 per cent", "twelve per cent"])
def test_percentages(text: str) -> None:
    assert parse_quantity(text) == Amount(12.0, 12.0, Qualifier.EXACT, "%")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("at least 50 people", Amount(50.0, None, Qualifier.AT_LEAST, None)),
        ("more than 1.5 million", Amount(1.5e6, None, Qualifier.MORE_THAN, None)),
        ("close to 3,000 North Korean troops", Amount(None, 3000.0, Qualifier.NEARLY, None)),
        ("some 300 people, 12 of them children", Amount(300.0, 300.0, Qualifier.ABOUT, None)),
        ("about a dozen", Amount(12.0, 12.0, Qualifier.ABOUT, None)),
        ("an estimated $2.4 billion", Amount(2.4e9, 2.4e9, Qualifier.ABOUT, "USD")),
    ],
)
def test_words_after_the_number_are_ignored(text: str, expected: Amount) -> None:
    assert parse_quantity(text) == expected


@pytest.mark.parametrize(
    "text",
    ["nearly three-quarters", "two and a half million", "a third", "a quarter of a million"],
)
def test_fractions_are_not_read_as_whole_numbers(text: str) -> None:
    assert parse_quantity(text).qualifier is Qualifier.UNKNOWN


# -------------------------------------------------------------------------- resolve_when


def test_on_friday_is_the_publication_day_when_that_is_a_friday() -> None:
    assert resolve_when("on Friday", PUBLISHED) == day(date(2024, 12, 27))


def test_this_week_runs_from_monday_to_publication() -> None:
    assert resolve_when("this week", PUBLISHED) == DateRange(
        date(2024, 12, 23), date(2024, 12, 27), DatePrecision.WEEK
    )


def test_last_week_is_the_whole_previous_week() -> None:
    assert resolve_when("last week", PUBLISHED) == DateRange(
        date(2024, 12, 16), date(2024, 12, 22), DatePrecision.WEEK
    )


def test_in_august_is_the_whole_month() -> None:
    assert resolve_when("in August", PUBLISHED) == DateRange(
        date(2024, 8, 1), date(2024, 8, 31), DatePrecision.MONTH
    )


def test_this_month_runs_from_the_first_to_publication() -> None:
    assert resolve_when("this month", PUBLISHED) == DateRange(
        date(2024, 12, 1), date(2024, 12, 27), DatePrecision.MONTH
    )


@pytest.mark.parametrize(
    "text",
    [
        "December 27, 2024",
        "Dec. 27, 2024",
        "Dec 27th, 2024",
        "27 December 2024",
        "27th of December 2024",
        "2024-12-27",
        "on 27 Dec 2024",
        "on Friday, December 27, 2024",
    ],
)
@pytest.mark.parametrize("published", [PUBLISHED, date(2030, 6, 1), None])
def test_full_dates_ignore_publication(text: str, published: date | None) -> None:
    assert resolve_when(text, published) == day(date(2024, 12, 27))


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("December 27", PUBLISHED, date(2024, 12, 27)),
        ("on Dec. 3", PUBLISHED, date(2024, 12, 3)),
        ("3 December", PUBLISHED, date(2024, 12, 3)),
        ("on the 3rd of December", PUBLISHED, date(2024, 12, 3)),
        ("January 3", PUBLISHED, date(2024, 1, 3)),
        ("March 8", date(2024, 3, 1), date(2024, 3, 8)),  # a week ahead: still this year
        ("March 9", date(2024, 3, 1), date(2023, 3, 9)),  # more than a week ahead: last year
        ("December 31", date(2025, 1, 2), date(2024, 12, 31)),
        ("February 29", date(2025, 3, 1), date(2024, 2, 29)),  # no leap day in 2025
    ],
)
def test_day_and_month_take_the_year_of_publication(
    text: str, published: date, expected: date
) -> None:
    assert resolve_when(text, published) == day(expected)


def test_day_and_month_without_publication_are_unresolved_days() -> None:
    assert resolve_when("December 27", None) == DateRange(None, None, DatePrecision.DAY)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("today", date(2024, 12, 27)),
        ("this morning", date(2024, 12, 27)),
        ("tonight", date(2024, 12, 27)),
        ("earlier today", date(2024, 12, 27)),
        ("yesterday", date(2024, 12, 26)),
        ("last night", date(2024, 12, 26)),
        ("tomorrow", date(2024, 12, 28)),
        ("the day before yesterday", date(2024, 12, 25)),
    ],
)
def test_days_relative_to_publication(text: str, expected: date) -> None:
    assert resolve_when(text, PUBLISHED) == day(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("on Friday", date(2024, 12, 27)),
        ("Friday", date(2024, 12, 27)),
        ("Friday night", date(2024, 12, 27)),
        ("on Tuesday morning", date(2024, 12, 24)),
        ("late on Sunday", date(2024, 12, 22)),
        ("on Saturday", date(2024, 12, 21)),
        ("on Thursday", date(2024, 12, 26)),
    ],
)
def test_weekday_is_the_latest_on_or_before_publication(text: str, expected: date) -> None:
    assert resolve_when(text, PUBLISHED) == day(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("last Friday", date(2024, 12, 20)), ("last Thursday", date(2024, 12, 26))],
)
def test_last_weekday_is_strictly_before_publication(text: str, expected: date) -> None:
    assert resolve_when(text, PUBLISHED) == day(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("next Friday", date(2025, 1, 3)),
        ("next Saturday", date(2024, 12, 28)),
        ("this coming Monday", date(2024, 12, 30)),
    ],
)
def test_next_weekday_is_strictly_after_publication(text: str, expected: date) -> None:
    assert resolve_when(text, PUBLISHED) == day(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("two days ago", day(date(2024, 12, 25))),
        ("3 days ago", day(date(2024, 12, 24))),
        ("twenty-one days ago", day(date(2024, 12, 6))),
        ("a day ago", day(date(2024, 12, 26))),
        ("a week ago", day(date(2024, 12, 20))),
        ("two weeks ago", DateRange(date(2024, 12, 9), date(2024, 12, 15), DatePrecision.WEEK)),
        ("3 months ago", DateRange(date(2024, 9, 1), date(2024, 9, 30), DatePrecision.MONTH)),
        ("two years ago", DateRange(date(2022, 1, 1), date(2022, 12, 31), DatePrecision.YEAR)),
    ],
)
def test_ago(text: str, expected: DateRange) -> None:
    assert resolve_when(text, PUBLISHED) == expected


@pytest.mark.parametrize(
    ("text", "published", "start", "end"),
    [
        ("this week", PUBLISHED, date(2024, 12, 23), date(2024, 12, 27)),
        ("last week", PUBLISHED, date(2024, 12, 16), date(2024, 12, 22)),
        ("the previous week", PUBLISHED, date(2024, 12, 16), date(2024, 12, 22)),
        ("over the past week", PUBLISHED, date(2024, 12, 20), date(2024, 12, 27)),
        ("next week", PUBLISHED, date(2024, 12, 30), date(2025, 1, 5)),
        ("earlier this week", PUBLISHED, date(2024, 12, 23), date(2024, 12, 26)),
        ("earlier this week", date(2024, 12, 23), date(2024, 12, 23), date(2024, 12, 23)),
        ("later this week", PUBLISHED, date(2024, 12, 28), date(2024, 12, 29)),
        ("last week", date(2024, 12, 29), date(2024, 12, 16), date(2024, 12, 22)),  # Sunday
    ],
)
def test_weeks(text: str, published: date, start: date, end: date) -> None:
    assert resolve_when(text, published) == DateRange(start, end, DatePrecision.WEEK)


@pytest.mark.parametrize(
    ("text", "published", "start", "end"),
    [
        ("last weekend", PUBLISHED, date(2024, 12, 21), date(2024, 12, 22)),
        ("over the weekend", PUBLISHED, date(2024, 12, 21), date(2024, 12, 22)),
        ("this weekend", PUBLISHED, date(2024, 12, 21), date(2024, 12, 22)),
        (
            "over the weekend",
            date(2024, 12, 28),
            date(2024, 12, 28),
            date(2024, 12, 29),
        ),  # Saturday
        ("over the weekend", date(2024, 12, 29), date(2024, 12, 28), date(2024, 12, 29)),  # Sunday
        ("next weekend", PUBLISHED, date(2024, 12, 28), date(2024, 12, 29)),
    ],
)
def test_weekends(text: str, published: date, start: date, end: date) -> None:
    assert resolve_when(text, published) == DateRange(start, end, DatePrecision.WEEK)


@pytest.mark.parametrize(
    ("text", "published", "start", "end"),
    [
        ("this month", PUBLISHED, date(2024, 12, 1), date(2024, 12, 27)),
        ("earlier this month", PUBLISHED, date(2024, 12, 1), date(2024, 12, 26)),
        ("last month", PUBLISHED, date(2024, 11, 1), date(2024, 11, 30)),
        ("last month", date(2025, 1, 15), date(2024, 12, 1), date(2024, 12, 31)),
        ("last month", date(2024, 3, 31), date(2024, 2, 1), date(2024, 2, 29)),
        ("next month", PUBLISHED, date(2025, 1, 1), date(2025, 1, 31)),
        ("in August", PUBLISHED, date(2024, 8, 1), date(2024, 8, 31)),
        ("August", PUBLISHED, date(2024, 8, 1), date(2024, 8, 31)),
        ("this August", PUBLISHED, date(2024, 8, 1), date(2024, 8, 31)),
        ("last August", PUBLISHED, date(2024, 8, 1), date(2024, 8, 31)),
        ("in December", PUBLISHED, date(2024, 12, 1), date(2024, 12, 31)),
        ("last December", PUBLISHED, date(2023, 12, 1), date(2023, 12, 31)),
        ("in August", date(2024, 3, 10), date(2023, 8, 1), date(2023, 8, 31)),
        ("next August", PUBLISHED, date(2025, 8, 1), date(2025, 8, 31)),
        ("next August", date(2024, 3, 10), date(2024, 8, 1), date(2024, 8, 31)),
        ("in early Sept.", PUBLISHED, date(2024, 9, 1), date(2024, 9, 30)),
    ],
)
def test_months(text: str, published: date, start: date, end: date) -> None:
    assert resolve_when(text, published) == DateRange(start, end, DatePrecision.MONTH)


@pytest.mark.parametrize("text", ["August 2023", "in August 2023", "Aug. 2023"])
@pytest.mark.parametrize("published", [PUBLISHED, None])
def test_month_with_year_needs_no_publication(text: str, published: date | None) -> None:
    expected = DateRange(date(2023, 8, 1), date(2023, 8, 31), DatePrecision.MONTH)
    assert resolve_when(text, published) == expected


@pytest.mark.parametrize(
    ("text", "published", "start", "end"),
    [
        ("this year", PUBLISHED, date(2024, 1, 1), date(2024, 12, 27)),
        ("earlier this year", PUBLISHED, date(2024, 1, 1), date(2024, 12, 26)),
        ("last year", PUBLISHED, date(2023, 1, 1), date(2023, 12, 31)),
        ("next year", PUBLISHED, date(2025, 1, 1), date(2025, 12, 31)),
        ("in 2023", PUBLISHED, date(2023, 1, 1), date(2023, 12, 31)),
        ("2023", None, date(2023, 1, 1), date(2023, 12, 31)),
    ],
)
def test_years(text: str, published: date | None, start: date, end: date) -> None:
    assert resolve_when(text, published) == DateRange(start, end, DatePrecision.YEAR)


@pytest.mark.parametrize(
    "text", ["recently", "in recent days", "earlier", "", "at some point", "soon", "27"]
)
def test_words_naming_no_period_are_unknown(text: str) -> None:
    assert resolve_when(text, PUBLISHED) == DateRange(None, None, DatePrecision.UNKNOWN)


@pytest.mark.parametrize("text", ["February 30, 2024", "2024-13-01"])
def test_impossible_dates_are_unknown(text: str) -> None:
    assert resolve_when(text, PUBLISHED) == DateRange(None, None, DatePrecision.UNKNOWN)


@pytest.mark.parametrize(
    ("text", "precision"),
    [
        ("on Friday", DatePrecision.DAY),
        ("yesterday", DatePrecision.DAY),
        ("two days ago", DatePrecision.DAY),
        ("this week", DatePrecision.WEEK),
        ("over the weekend", DatePrecision.WEEK),
        ("two weeks ago", DatePrecision.WEEK),
        ("last month", DatePrecision.MONTH),
        ("in August", DatePrecision.MONTH),
        ("this year", DatePrecision.YEAR),
    ],
)
def test_relative_words_without_publication_keep_their_precision(
    text: str, precision: DatePrecision
) -> None:
    assert resolve_when(text, None) == DateRange(None, None, precision)


@pytest.mark.parametrize(
    "text",
    [
        "On Friday.",
        "ON FRIDAY",
        "since Friday",
        "from Friday",
        "by Friday,",
        "in Friday's attack",
        "on Friday night local time",
        "  on\tFriday  ",
    ],
)
def test_leading_words_trailing_punctuation_and_extra_words_are_tolerated(text: str) -> None:
    assert resolve_when(text, PUBLISHED) == day(date(2024, 12, 27))


def test_dates_out_of_range_are_unknown_not_errors() -> None:
    assert resolve_when("tomorrow", date.max).precision is DatePrecision.UNKNOWN
    assert resolve_when("99999999999999 days ago", PUBLISHED).precision is DatePrecision.UNKNOWN


# ------------------------------------------------------------------------------ properties

_VOCABULARY = [
    "about", "nearly", "at least", "between", "and", "to", "-", "–", "a", "dozen", "dozens",
    "of", "hundred", "thousands", "million", "bn", "m", "$", "€", "%", "per cent", "twenty",
    "five", "half", "3,000", "1.5", "0", "99999999999999999999", "last", "next", "this",
    "week", "weekend", "month", "year", "Friday", "August", "27", "2024", "2024-12-27",
    "days", "ago", "earlier", "later", "yesterday", "the", "of", "more than", ",", ".",
]  # fmt: skip
_phrases = st.one_of(
    st.text(),
    st.lists(st.sampled_from(_VOCABULARY) | st.text(max_size=4), max_size=8).map(" ".join),
)


@given(_phrases)
def test_parse_quantity_never_raises_and_orders_ranges(text: str) -> None:
    amount = parse_quantity(text)
    if amount.qualifier is Qualifier.BETWEEN:
        assert amount.low is not None and amount.high is not None
        assert amount.low <= amount.high


@given(st.integers(0, 10**12), st.integers(0, 10**12))
def test_between_bounds_are_ordered(a: int, b: int) -> None:
    amount = parse_quantity(f"between {a:,} and {b:,}")
    assert amount == Amount(float(min(a, b)), float(max(a, b)), Qualifier.BETWEEN, None)


@given(_phrases, st.none() | st.dates())
def test_resolve_when_never_raises_and_orders_dates(text: str, published: date | None) -> None:
    when = resolve_when(text, published)
    assert (when.start is None) == (when.end is None)
    if when.start is not None and when.end is not None:
        assert when.start <= when.end
    if when.precision is DatePrecision.UNKNOWN:
        assert when.start is None
