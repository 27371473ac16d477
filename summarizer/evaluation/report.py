"""Running the evaluation sets and presenting their numbers (table for people, JSON for files)."""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from summarizer.errors import InputError
from summarizer.providers.base import Provider

EVENTS_FILE = Path("wikievents") / "dev.jsonl"
RAMS_FILE = Path("rams") / "test_half_a.jsonlines"
PLOVER_FILE = Path("plover") / "gold_records.json"
CLEANING_DIR = Path("trafilatura")
# Each set, in the order it is run and shown, and where it lies under the data folder.
DEFAULT_PATHS: dict[str, Path] = {
    "events": EVENTS_FILE,
    "rams": RAMS_FILE,
    "plover": PLOVER_FILE,
    "cleaning": CLEANING_DIR,
}


def default_data_dir() -> Path | None:
    """``$SUMMARIZER_EVAL_DIR``, else ``../shared/eval`` beside the working directory or repo."""
    if env := os.environ.get("SUMMARIZER_EVAL_DIR"):
        return Path(env)
    repo = Path(__file__).resolve().parents[2]
    for candidate in (Path.cwd().parent / "shared" / "eval", repo.parent / "shared" / "eval"):
        if candidate.is_dir():
            return candidate
    return None


def run_evaluation(
    provider: Provider,
    *,
    events: Path | None,
    cleaning: Path | None,
    limit: int | None,
    rams: Path | None = None,
    plover: Path | None = None,
) -> dict[str, Any]:
    """Every requested set, as one JSON-ready report."""
    sections: dict[str, Any] = {}
    for path in (events, rams, plover, cleaning):
        if path is not None:
            _must_exist(path)
    if events is not None:
        from summarizer.evaluation.events import evaluate_events

        sections["events"] = evaluate_events(provider, events, limit=limit).to_dict()
    if rams is not None:
        from summarizer.evaluation.rams import evaluate_rams

        sections["rams"] = evaluate_rams(provider, rams, limit=limit).to_dict()
    if plover is not None:
        from summarizer.evaluation.plover import evaluate_plover

        sections["plover"] = evaluate_plover(provider, plover, limit=limit).to_dict()
    if cleaning is not None:
        from summarizer.evaluation.cleaning import evaluate_cleaning

        sections["cleaning"] = evaluate_cleaning(cleaning, limit=limit).to_dict()
    # Read after the run: a local server's model is known once it has been asked for.
    return {"provider": provider.name, "model": provider.model, **sections}


def _must_exist(path: Path) -> None:
    if not path.exists():
        raise InputError(f"{path}: no such evaluation set")


def _scalars(section: dict[str, Any]) -> Iterator[tuple[str, Any]]:
    totals = section.get("totals", section)
    for key, value in totals.items():
        if isinstance(value, bool | int | float | str):
            yield key, value


def table(report: dict[str, Any]) -> str:
    console = Console(
        file=io.StringIO(), record=True, width=100, force_terminal=False, markup=False, emoji=False
    )
    for name in DEFAULT_PATHS:
        if name not in report:
            continue
        title = f"{name} ({report['provider']}: {report['model']})" if name != "cleaning" else name
        grid = Table("metric", "value", title=title)
        for key, value in _scalars(report[name]):
            grid.add_row(key, _cell(value))
        console.print(grid)
        if roles := report[name].get("totals", {}).get("roles"):
            console.print(_role_grid(f"{name}: roles", roles))
    return console.export_text()


def _cell(value: Any) -> str:
    return f"{value:.3f}" if isinstance(value, float) else str(value)


def _role_grid(title: str, roles: dict[str, Any]) -> Table:
    """Per gold role and in total: the counts of ``roles.RoleCounts`` and the two rates."""
    columns = ("right", "swapped", "missed", "unreached", "other_type", "role_recall", "swap_rate")
    grid = Table("gold role", *columns, title=title)
    for role, counts in [*roles["per_role"].items(), ("total", roles["total"])]:
        grid.add_row(role, *(_cell(counts[c]) for c in columns))
    return grid
