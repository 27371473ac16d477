"""``batch -f csv`` / ``-f jsonl``: the event rows of every article that succeeded, in one
file, instead of the results file.

A rows file cannot be the batch's memory (an article with no events leaves no row, and rows
do not say what a run cost), so it resumes nothing: every run summarises every input again
(the summary cache makes that free for what an earlier run summarised with a model). The rows
are kept as results come and the file is written whole at the end, in the inputs' order,
through ``output.files`` (never half a file): after Ctrl-C too, with the articles finished by
then, or after any other error. A run with no success leaves the file as it was, and a
results file is not replaced by rows unless ``--force`` says so. An earlier rows file's rows
are kept for every article this run did not summarise again (it failed, or was not reached):
a rerun that goes worse than the one before never loses what that one wrote. For a long run
that must resume, write results (the default) and turn them into rows afterwards (see the
README).
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import sys
from pathlib import Path
from types import TracebackType
from typing import Literal

from summarizer.batch.results import BatchResult
from summarizer.errors import OutputError
from summarizer.output.files import check_writable, target, write_atomic
from summarizer.output.rows import COLUMNS, Row, event_rows, to_csv, to_jsonl

RowFormat = Literal["csv", "jsonl"]


def _holds_results(path: Path) -> bool:
    """Whether ``path``'s first line is a batch result (``{"id": …, "ok": …}``): a results
    file is a run's memory, and ``-f csv -o results.jsonl`` is more likely a slip than a wish."""
    try:
        with target(path).open("rb") as fh:
            first = fh.readline(1 << 20)
    except OSError:  # missing (a new file), or unreadable: the write will say
        return False
    try:
        value = json.loads(first)
    except (ValueError, RecursionError):
        return False
    return isinstance(value, dict) and "id" in value and "ok" in value


def _earlier_rows(path: Path, format: RowFormat) -> dict[str, list[Row]]:
    """The rows a rows file at ``path`` holds, by article id (none if it is missing, is not a
    rows file of ``format``, or cannot be read: it is then replaced as before)."""
    try:
        text = target(path).read_text(encoding="utf-8")
    except (OSError, ValueError):
        return {}
    rows: list[Row] = []
    if format == "csv":
        reader = csv.DictReader(io.StringIO(text, newline=""))
        if tuple(reader.fieldnames or ()) != COLUMNS:
            return {}
        rows = [{k: (v if v != "" else None) for k, v in row.items()} for row in reader]
    else:
        for line in text.splitlines():
            try:
                value = json.loads(line)
            except (ValueError, RecursionError):
                return {}
            if not isinstance(value, dict) or tuple(value) != COLUMNS:
                return {}
            rows.append(value)
    found: dict[str, list[Row]] = {}
    for row in rows:
        found.setdefault(str(row["article_id"]), []).append(row)
    return found


class RowsFile:
    """Where a batch's event rows go: ``path``, or standard output (``None``). It has the
    parts of ``ResultsFile`` that a batch run uses (``append``, ``done``, ``name``,
    ``unchanged``), with nothing ``done``: nothing is resumed."""

    def __init__(
        self, path: Path | None, format: RowFormat, order: list[str], *, force: bool = False
    ) -> None:
        if path is not None:
            check_writable(path)  # before the first request
            if not force and _holds_results(path):
                raise OutputError(
                    f"{path}: holds batch results, which rows would replace; choose another "
                    "-o for the rows, or --force to replace it"
                )
        self.path = path
        self.format = format
        self.done: frozenset[str] = frozenset()
        self.written = 0
        self.unchanged = False
        self._order = {ident: index for index, ident in reversed(list(enumerate(order)))}
        self._rows: list[tuple[int, int, list[Row]]] = []
        self._earlier = _earlier_rows(path, format) if path is not None and not force else {}
        self._succeeded: set[str] = set()

    @property
    def name(self) -> str:
        return "standard output" if self.path is None else str(self.path)

    def append(self, result: BatchResult) -> None:
        """Keep the rows of ``result`` when it has a summary (a failure is reported by the
        run, not here)."""
        if result.ok and result.summary is not None:
            self._succeeded.add(result.id)
            place = self._order.get(result.id, len(self._order))
            self._rows.append((place, self.written, event_rows(result.summary, result.id)))
        self.written += 1

    def text(self) -> str:
        rows = [row for _, _, rows in sorted(self._rows, key=lambda r: r[:2]) for row in rows]
        for ident, kept in self._earlier.items():
            if ident not in self._succeeded:  # this run did not summarise it again
                rows += kept
        return to_csv(rows) if self.format == "csv" else to_jsonl(rows)

    def close(self) -> None:
        """Write the rows: whole, or (with no success) not at all to a file."""
        if self.path is None:
            try:
                sys.stdout.write(self.text())
                sys.stdout.flush()
            except BrokenPipeError:
                raise
            except OSError as exc:
                raise OutputError(f"{self.name}: cannot be written ({exc.strerror})") from None
            return
        if not self._rows:
            self.unchanged = True
            return
        write_atomic(self.text(), self.path)

    def __enter__(self) -> RowsFile:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if error is None or isinstance(error, KeyboardInterrupt):
            self.close()
        elif not isinstance(error, OutputError):  # what finished is kept, whatever stopped it
            with contextlib.suppress(Exception):  # the error that stopped the run is the one
                self.close()
