"""``batch -f csv`` / ``-f jsonl``: the event rows of every article that succeeded, in one
file, instead of the results file.

A rows file cannot be the batch's memory (an article with no events leaves no row, and rows
do not say what a run cost), so it resumes nothing: every run summarises every input again
(the summary cache makes that free for what an earlier run summarised with a model). The rows
are kept as results come and the file is written whole at the end, in the inputs' order,
through ``output.files`` (never half a file): after Ctrl-C too, with the articles finished by
then. A run with no success leaves the file as it was, and a results file is not replaced by
rows unless ``--force`` says so. For a long run that must resume, write
results (the default) and turn them into rows afterwards (see the README).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from types import TracebackType
from typing import Literal

from summarizer.batch.results import BatchResult
from summarizer.errors import OutputError
from summarizer.output.files import check_writable, target, write_atomic
from summarizer.output.rows import Row, event_rows, to_csv, to_jsonl

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

    @property
    def name(self) -> str:
        return "standard output" if self.path is None else str(self.path)

    def append(self, result: BatchResult) -> None:
        """Keep the rows of ``result`` when it has a summary (a failure is reported by the
        run, not here)."""
        if result.ok and result.summary is not None:
            place = self._order.get(result.id, len(self._order))
            self._rows.append((place, self.written, event_rows(result.summary, result.id)))
        self.written += 1

    def text(self) -> str:
        rows = [row for _, _, rows in sorted(self._rows, key=lambda r: r[:2]) for row in rows]
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
