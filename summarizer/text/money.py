"""Currencies and percentages: what makes a figure a sum of money or a share."""

from __future__ import annotations

# Symbols and codes written before or after the digits, with the ISO 4217 code they mean.
# A bare "$" is read as US dollars, as most English-language news uses it.
SYMBOLS: dict[str, str] = {"us$": "USD", "$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY"}
CODES = ("usd", "eur", "gbp", "jpy")
# Currency names (singular; the plural adds an "s", and "yen"/"yuan" stay as they are). A name
# shared by several currencies ("peso") makes a sum of money with no code.
NAMES: dict[str, str | None] = {
    "dollar": "USD",
    "euro": "EUR",
    "pound": "GBP",
    "yen": "JPY",
    "yuan": "CNY",
    "renminbi": "CNY",
    "rouble": "RUB",
    "ruble": "RUB",
    "rupee": "INR",
    "peso": None,
    "peseta": "ESP",
}
PERCENT_SIGN = "%"
PERCENT_WORDS = ("per cent", "percent")


def name_forms() -> dict[str, str | None]:
    """Every written form of a currency name, singular and plural, with its code."""
    forms: dict[str, str | None] = {}
    for name, code in NAMES.items():
        forms[name] = code
        forms[name if name in ("yen", "yuan", "renminbi") else name + "s"] = code
    return forms
