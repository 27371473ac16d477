"""What the tokens of a run cost: a per-model price table, a user's override, the sum.

Prices are US dollars per million tokens, input (prompt) and output (completion) apart. A model
not in the table has no price (``None``): a local server's model costs nothing we can know, and
a guess would be worse than saying so. A dated snapshot is priced as its model
("gpt-4o-mini-2024-07-18" as "gpt-4o-mini"); any other suffix is another model
("gpt-4o-mini-tts" is not "gpt-4o-mini").

No SDK is imported here: the table is data, and the offline provider may read it too.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from summarizer.errors import ConfigurationError
from summarizer.schema import Usage


@dataclass(frozen=True, slots=True)
class Price:
    """US dollars per million tokens."""

    input_per_million: float
    output_per_million: float


# OpenAI's standard-tier rates in USD per 1M tokens (not the Batch API's half rates, not cached
# input), table written 2026-12-01. OpenAI's own page (https://developers.openai.com/api/docs/
# pricing, formerly https://openai.com/api/pricing) could not be read from where this was
# written, so the figures are copies of it by others: the GPT-5.4/5.5 rows from the
# api-evangelist/openai "plans" file (read from OpenAI's page 2026-05-04, checked 2026-05-22),
# the older models from pricing tables of March-May 2026 that agree with each other
# (deploybase.ai's OpenAI pricing article, simonw/llm-prices, the openai-cost and adk-model
# crates). A later revision of that plans file (2026-08-27) says prices went down since: these
# may be high. Cached input and Batch API jobs cost less, so the cost reported is an upper
# bound for them. Override or add models with a JSON file (``--prices``, SUMMARIZER_PRICES).
PRICES: dict[str, Price] = {
    "gpt-5.5": Price(5.00, 30.00),
    "gpt-5.4": Price(2.50, 15.00),
    "gpt-5.4-mini": Price(0.75, 4.50),
    "gpt-5.4-nano": Price(0.20, 1.25),
    "gpt-5.1": Price(1.25, 10.00),
    "gpt-5": Price(1.25, 10.00),
    "gpt-5-mini": Price(0.25, 2.00),
    "gpt-5-nano": Price(0.05, 0.40),
    "gpt-4.1": Price(2.00, 8.00),
    "gpt-4.1-mini": Price(0.40, 1.60),
    "gpt-4.1-nano": Price(0.10, 0.40),
    "gpt-4o": Price(2.50, 10.00),
    "gpt-4o-mini": Price(0.15, 0.60),
    "o3": Price(2.00, 8.00),
    "o3-mini": Price(1.10, 4.40),
    "o4-mini": Price(1.10, 4.40),
}

# A snapshot's date: "-2024-07-18" (today's names) or "-0125" (gpt-3.5-turbo-0125, gpt-4-0613).
_SNAPSHOT = re.compile(r"-(?:\d{4}-\d{2}-\d{2}|\d{4})$")


def cost(model: str | None, usage: Usage, prices: Mapping[str, Price] = PRICES) -> float | None:
    """What ``usage`` cost on ``model``, in USD; ``None`` when the model has no price."""
    price = price_of(model, prices)
    if price is None:
        return None
    dollars = (
        usage.prompt_tokens * price.input_per_million
        + usage.completion_tokens * price.output_per_million
    ) / 1_000_000
    # Micro-dollars: enough for one request of the cheapest model, no float noise in records.
    return round(dollars, 8)


def price_of(model: str | None, prices: Mapping[str, Price] = PRICES) -> Price | None:
    """The model's price, its dated snapshot's name tried without the date."""
    if not model:
        return None
    name = model.strip().lower()
    found = prices.get(name)
    if found is None and _SNAPSHOT.search(name):
        found = prices.get(_SNAPSHOT.sub("", name))
    return found


def usd(amount: float) -> str:
    """A cost for people: "$0.0012", "$1.25", "$0"; small amounts keep two figures."""
    if amount == 0:
        return "$0"
    if amount >= 1:
        return f"${amount:,.2f}"
    return f"${amount:.4f}" if amount >= 0.0001 else f"${amount:.2g}"


def load_prices(path: Path | str) -> dict[str, Price]:
    """Read a price file, ``{"model": {"input": 0.15, "output": 0.6}, …}`` (USD per 1M tokens).

    A bad file is a ``ConfigurationError`` naming it: a wrong price would be worse than none.
    """
    where = Path(path)
    try:
        data = json.loads(where.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigurationError(f"cannot read prices file {where}: {exc.strerror}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ConfigurationError(f"prices file {where} is not JSON: {exc}") from None
    if not isinstance(data, dict):
        raise ConfigurationError(
            f'prices file {where}: expected {{"model": {{"input": …, "output": …}}}}'
        )
    loaded: dict[str, Price] = {}
    for model, entry in data.items():
        loaded[str(model).strip().lower()] = _price(where, str(model), entry)
    return loaded


def prices_for(path: Path | str | None = None) -> dict[str, Price]:
    """The table with the user's file on top (``Settings.prices``: ``--prices``,
    $SUMMARIZER_PRICES), or the table alone."""
    return PRICES | load_prices(path) if path is not None else dict(PRICES)


def _price(where: Path, model: str, entry: object) -> Price:
    if not isinstance(entry, dict) or set(entry) != {"input", "output"}:
        raise ConfigurationError(
            f'prices file {where}: {model!r} needs {{"input": …, "output": …}} '
            "(USD per million tokens)"
        )
    values = []
    for key in ("input", "output"):
        value = entry[key]
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ConfigurationError(f"prices file {where}: {model}.{key} is not a number")
        if not math.isfinite(value) or value < 0:
            raise ConfigurationError(f"prices file {where}: {model}.{key} must be 0 or more")
        values.append(float(value))
    return Price(values[0], values[1])
