"""The evaluation harness on a small slice of the real sets in ../shared/eval (read in place)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarizer.cli import app
from tests.conftest import ROOT

EVAL = ROOT.parent / "shared" / "eval"
pytestmark = pytest.mark.skipif(not EVAL.is_dir(), reason="../shared/eval is not beside the repo")


def test_eval_slice_reports_valid_spans_and_writes_json(tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    result = CliRunner().invoke(
        app, ["eval", "--data", str(EVAL), "--only", "events", "--limit", "4", "-o", str(out)]
    )
    assert result.exit_code == 0, result.stderr
    report = json.loads(out.read_text())
    totals = report["events"]["totals"]
    assert report["provider"] == "offline"
    assert totals["invalid_spans"] == 0
    assert totals["documents"] == 4
    assert "event_type_recall" in result.stdout
    assert set(report) == {"provider", "model", "events"}
    assert totals["roles"]["total"]["right"] + totals["roles"]["total"]["missed"] > 0
    assert "swap_rate" in result.stdout and "events: roles" in result.stdout


@pytest.mark.parametrize(("only", "count"), [("rams", "windows"), ("plover", "records")])
def test_eval_rams_and_plover_slices(tmp_path: Path, only: str, count: str) -> None:
    out = tmp_path / "report.json"
    result = CliRunner().invoke(
        app, ["eval", "--data", str(EVAL), "--only", only, "--limit", "10", "-o", str(out)]
    )
    assert result.exit_code == 0, result.stderr
    report = json.loads(out.read_text())
    assert set(report) == {"provider", "model", only}
    totals = report[only]["totals"]
    assert totals[count] == 10 and totals["invalid_spans"] == 0
    assert f"{only}: roles" in result.stdout and "role_recall" in result.stdout


def test_eval_of_one_named_set_runs_that_set_alone(tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    rams = EVAL / "rams" / "test_half_a.jsonlines"
    result = CliRunner().invoke(app, ["eval", "--rams", str(rams), "--limit", "2", "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    assert set(json.loads(out.read_text())) == {"provider", "model", "rams"}


def test_eval_only_names_the_sets() -> None:
    result = CliRunner().invoke(app, ["eval", "--only", "acled"])
    assert result.exit_code == 2
    assert "events, rams, plover, cleaning" in result.stderr


def test_eval_cleaning_slice(tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    result = CliRunner().invoke(
        app, ["eval", "--data", str(EVAL), "--only", "cleaning", "--limit", "3", "-o", str(out)]
    )
    assert result.exit_code == 0, result.stderr
    assert "with_survival" in result.stdout
    assert json.loads(out.read_text())["cleaning"]["totals"]["pages"] == 3


def test_eval_of_a_missing_set_is_one_clear_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["eval", "--events", str(tmp_path / "none.jsonl")])
    assert result.exit_code == 4
    assert result.stderr.startswith("summarizer: error:") and "no such" in result.stderr
