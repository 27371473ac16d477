"""Usage and cost: the price table, a user's override, every attempt paid for, the report."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from summarizer import SCHEMA_VERSION, ConfigurationError, Summarizer
from summarizer.cli import app
from summarizer.providers.pricing import PRICES, Price, cost, load_prices, price_of, usd
from summarizer.schema import Usage
from tests.conftest import no_wait
from tests.fakeserver import FakeOpenAI, Reply, completion
from tests.test_faults import ARTICLE, ok

USAGE = Usage(prompt_tokens=2_000_000, completion_tokens=500_000, total_tokens=2_500_000)


def test_a_known_model_is_priced_per_million_tokens() -> None:
    # gpt-4o-mini: $0.15 in, $0.60 out per million.
    assert cost("gpt-4o-mini", USAGE) == pytest.approx(2 * 0.15 + 0.5 * 0.60)


@pytest.mark.parametrize(
    "model, priced_as",
    [
        ("gpt-4o-mini-2024-07-18", "gpt-4o-mini"),
        ("GPT-4o-mini", "gpt-4o-mini"),
        ("gpt-4o-2024-08-06", "gpt-4o"),
        ("gpt-4.1-mini-2025-04-14", "gpt-4.1-mini"),
        ("gpt-4.1-2025-04-14", "gpt-4.1"),
    ],
)
def test_a_dated_snapshot_is_priced_as_its_model(model: str, priced_as: str) -> None:
    assert price_of(model) == PRICES[priced_as]


@pytest.mark.parametrize(
    "model", ["gpt-4o-mini-tts", "gpt-4o-realtime-preview", "llama3.1", "gpt-4o-mini-v2", "", None]
)
def test_another_model_is_not_priced_as_the_one_it_starts_like(model: str | None) -> None:
    assert cost(model, USAGE) is None


def test_old_four_digit_snapshots_are_snapshots_too() -> None:
    table = {"gpt-3.5-turbo": Price(0.5, 1.5)}
    assert price_of("gpt-3.5-turbo-0125", table) == table["gpt-3.5-turbo"]


def test_no_tokens_cost_nothing_and_amounts_keep_their_small_digits() -> None:
    assert cost("gpt-4o-mini", Usage()) == 0.0
    one = Usage(prompt_tokens=1200, completion_tokens=400, total_tokens=1600)
    assert cost("gpt-4o-mini", one) == pytest.approx(0.00042)
    assert usd(0.00042) == "$0.0004" and usd(0.0000042) == "$4.2e-06"
    assert usd(0) == "$0" and usd(12.5) == "$12.50" and usd(0.25) == "$0.2500"


def test_the_table_is_plausible() -> None:
    for model, price in PRICES.items():
        assert model == model.lower()
        assert 0 < price.input_per_million <= price.output_per_million < 200, model


def prices_file(tmp_path: Path, data: Any) -> Path:
    path = tmp_path / "prices.json"
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def test_a_prices_file_overrides_and_adds(tmp_path: Path) -> None:
    path = prices_file(tmp_path, {"gpt-4o-mini": {"input": 1, "output": 2},
                                  "Llama3.1": {"input": 0, "output": 0.5}})  # fmt: skip
    loaded = load_prices(path)
    assert loaded == {"gpt-4o-mini": Price(1.0, 2.0), "llama3.1": Price(0.0, 0.5)}
    table = PRICES | loaded
    assert cost("gpt-4o-mini-2024-07-18", USAGE, table) == pytest.approx(2 * 1 + 0.5 * 2)
    assert cost("llama3.1", USAGE, table) == pytest.approx(0.25)
    assert cost("gpt-4o", USAGE, table) == cost("gpt-4o", USAGE)  # the rest stays


@pytest.mark.parametrize(
    "data, words",
    [
        ("{not json", "is not JSON"),
        ([1, 2], "expected"),
        ({"m": 0.15}, "'m' needs"),
        ({"m": {"input": 0.15}}, "'m' needs"),
        ({"m": {"input": 0.15, "output": 0.6, "cached": 0.07}}, "'m' needs"),
        ({"m": {"input": "0.15", "output": 0.6}}, "m.input is not a number"),
        ({"m": {"input": True, "output": 0.6}}, "m.input is not a number"),
        ({"m": {"input": 0.15, "output": -1}}, "m.output must be 0 or more"),
    ],
)
def test_a_bad_prices_file_is_a_configuration_error_naming_it(
    tmp_path: Path, data: Any, words: str
) -> None:
    path = prices_file(tmp_path, data)
    with pytest.raises(ConfigurationError, match=words) as raised:
        load_prices(path)
    assert str(path) in str(raised.value)


def test_a_missing_prices_file_fails_before_any_request(tmp_path: Path, fake: FakeOpenAI) -> None:
    with pytest.raises(ConfigurationError, match="cannot read prices file"):
        Summarizer("m", base_url=fake.base_url, prices=tmp_path / "nope.json")


# --- through the pipeline ----------------------------------------------------------------


def summarize(fake: FakeOpenAI, model: str, **kwargs: Any) -> Any:
    with Summarizer(model, base_url=fake.base_url, api_key="test", mode="tools",
                    retry=no_wait(), **kwargs) as s:  # fmt: skip
        return s.summarize(ARTICLE)


def bad_json(request: dict[str, Any]) -> Reply:
    return Reply(body=completion(request, '{"headline": "Flo', raw=True))


def test_usage_and_cost_are_summed_over_every_answer(fake: FakeOpenAI) -> None:
    fake.add(bad_json, ok)  # a re-ask: both answers are paid for (1,200 in, 400 out each)
    usage = summarize(fake, "gpt-4o-mini").metadata.usage
    assert (usage.prompt_tokens, usage.completion_tokens, usage.total_tokens) == (2400, 800, 3200)
    assert usage.cost_usd == pytest.approx((2400 * 0.15 + 800 * 0.60) / 1e6)


def test_a_429_costs_nothing_but_is_counted(fake: FakeOpenAI) -> None:
    fake.add(Reply(status=429, headers={"retry-after": "1"}, body={"error": {"message": "x"}}), ok)
    result = summarize(fake, "gpt-4o-mini")
    assert result.metadata.attempts.requests == 2
    assert result.metadata.usage.cost_usd == pytest.approx((1200 * 0.15 + 400 * 0.60) / 1e6)


def test_a_local_servers_model_has_no_price(fake: FakeOpenAI) -> None:
    fake.add(ok)
    usage = summarize(fake, "test-model").metadata.usage
    assert usage.total_tokens == 1600 and usage.cost_usd is None


def test_the_prices_setting_prices_it(
    fake: FakeOpenAI, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = prices_file(tmp_path, {"test-model": {"input": 1, "output": 2}})
    fake.add(ok, ok)
    assert summarize(fake, "test-model", prices=path).metadata.usage.cost_usd == pytest.approx(
        (1200 * 1 + 400 * 2) / 1e6
    )
    monkeypatch.setenv("SUMMARIZER_PRICES", str(path))
    assert summarize(fake, "test-model").metadata.usage.cost_usd == pytest.approx(0.002)


def test_offline_costs_nothing() -> None:
    with Summarizer("offline") as s:
        usage = s.summarize(ARTICLE).metadata.usage
    assert usage.cost_usd == 0.0


def test_the_schema_is_2_2_and_the_models_draft_does_not_change() -> None:
    assert SCHEMA_VERSION == "2.2"
    from summarizer.draft import ArticleSummary

    # Cost is ours to compute: nothing about it is asked of the model.
    assert "cost" not in json.dumps(ArticleSummary.model_json_schema())


# --- the command line ----------------------------------------------------------------------

runner = CliRunner()


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_the_report_line_shows_the_cost_when_known(
    fake: FakeOpenAI, article: Path, tmp_path: Path
) -> None:
    path = prices_file(tmp_path, {"m": {"input": 10, "output": 30}})
    fake.add(ok, ok)
    base = ["summarize", str(article), "--base-url", fake.base_url, "-m", "m", "--mode", "tools"]
    priced = runner.invoke(app, [*base, "--prices", str(path)])
    assert priced.exit_code == 0, priced.output
    assert "1600 tokens, $0.0240, " in priced.stderr  # 1,200 x $10 + 400 x $30, per million
    assert json.loads(priced.stdout)["metadata"]["usage"]["cost_usd"] == pytest.approx(0.024)
    unpriced = runner.invoke(app, base)
    assert unpriced.exit_code == 0 and "1600 tokens, " in unpriced.stderr
    assert "$" not in unpriced.stderr


def test_rpm_tpm_and_prices_are_flags_of_summarize() -> None:
    help = runner.invoke(app, ["summarize", "--help"], env={"COLUMNS": "200"}).stdout
    assert "--rpm" in help and "--tpm" in help and "--prices" in help
    bad = runner.invoke(app, ["summarize", "x.txt", "--rpm", "0"])
    assert bad.exit_code == 2


def test_a_bad_prices_flag_is_one_line(article: Path, tmp_path: Path, fake: FakeOpenAI) -> None:
    path = prices_file(tmp_path, "{oops")
    result = runner.invoke(app, ["summarize", str(article), "--base-url", fake.base_url,
                                 "-m", "m", "--prices", str(path)])  # fmt: skip
    assert result.exit_code == 3
    assert (
        result.stderr.startswith("summarizer: error: prices file") and "not JSON" in result.stderr
    )
