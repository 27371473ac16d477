"""What a person watching a batch sees: a progress bar while it runs, a table when it ends.

Both go to standard error; the bar only when that is a terminal, so logs and pipes get the
closing table and the failures, one line each, and nothing that redraws itself. A failure's
line quotes the article's id and the error, with any control character shown as an escape.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from types import TracebackType
from typing import IO

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TaskID,
    TextColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from summarizer.batch.results import BatchResult
from summarizer.output.terminal import printable


@dataclass
class Tally:
    """The running count of a batch: what the bar shows and the closing table says."""

    articles: int
    skipped: int = 0
    done: int = 0
    failed: int = 0
    cached: int = 0
    requests: int = 0
    tokens: int = 0
    cost_usd: float | None = None  # the sum of the costs known; None while none is
    started: float = field(default_factory=time.perf_counter)

    def add(self, result: BatchResult) -> None:
        if result.ok:
            self.done += 1
            self.cached += result.cached
        else:
            self.failed += 1
        self.requests += result.requests
        self.tokens += result.usage.total_tokens
        if result.cost_usd is not None:
            self.cost_usd = (self.cost_usd or 0.0) + result.cost_usd

    @property
    def finished(self) -> int:
        """Results made in this run, failures included."""
        return self.done + self.failed

    @property
    def to_do(self) -> int:
        """Articles this run has to make a result for (those already done are not)."""
        return self.articles - self.skipped

    def table(self, results: str) -> str:
        """The closing table: one aligned line per figure."""
        rows = [
            ("articles", f"{self.articles:,}", ""),
            ("done", f"{self.done:,}", f"({self.cached:,} from the cache)" if self.cached else ""),
            ("skipped", f"{self.skipped:,}", f"already done in {results}" if self.skipped else ""),
            ("failed", f"{self.failed:,}", ""),
            ("requests", f"{self.requests:,}", ""),
            ("tokens", f"{self.tokens:,}", ""),
        ]
        if self.cost_usd is not None:
            rows.append(("cost", f"${self.cost_usd:,.4f}", ""))
        rows.append(("wall time", f"{time.perf_counter() - self.started:,.1f}s", ""))
        width = max(len(value) for _, value, _ in rows)
        return "\n".join(
            f"{name:<10} {value:>{width}}  {note}".rstrip() for name, value, note in rows
        )


class _Rate(ProgressColumn):
    """Articles a second, as rich measures the bar's speed."""

    def render(self, task: Task) -> Text:
        return Text(f"{task.speed:.1f}/s" if task.speed else "-/s", style="progress.data.speed")


class BatchProgress:
    """The progress bar (done / failed / rate / ETA / tokens / cost) on a terminal, and the
    failures as lines above it; on anything else, just those lines."""

    def __init__(self, tally: Tally, *, stream: IO[str], live: bool) -> None:
        self.tally = tally
        self._console = Console(file=stream, highlight=False, soft_wrap=True)
        self._progress: Progress | None = None
        self._task: TaskID | None = None
        if live:
            self._progress = Progress(
                TextColumn("summarizing"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[failed]} failed"),
                _Rate(),
                TextColumn("ETA"),
                TimeRemainingColumn(),
                TextColumn("{task.fields[tokens]} tokens{task.fields[cost]}"),
                console=self._console,
            )
            self._task = self._progress.add_task(
                "summarizing", total=tally.to_do, failed=0, tokens="0", cost=""
            )

    def add(self, result: BatchResult) -> None:
        """Count ``result``; a failure gets its line."""
        self.tally.add(result)
        if not result.ok and result.error is not None:
            line = printable(f"summarizer: error: {result.id}: {result.error.message}", shown=True)
            self._console.print(line, markup=False, emoji=False)
        if self._progress is not None and self._task is not None:
            cost = self.tally.cost_usd
            self._progress.update(
                self._task,
                completed=self.tally.finished,
                failed=self.tally.failed,
                tokens=f"{self.tally.tokens:,}",
                cost="" if cost is None else f", ${cost:,.4f}",
            )

    def __enter__(self) -> BatchProgress:
        if self._progress is not None:
            self._progress.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._progress is not None:
            self._progress.stop()
