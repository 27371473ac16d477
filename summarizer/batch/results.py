"""The results of a batch: one ``BatchResult`` a line, appended and flushed as each finishes.

The file is the batch's memory. Opening it again reads which ids are already done, so the
same command resumes where it stopped: results that failed are dropped (to be tried again),
and a last line torn by a crash is cut off. Nothing is written until it is whole, and a line
is on disk (flushed) before the next result is taken.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path
from types import TracebackType
from typing import IO, Literal

from pydantic import BaseModel, ConfigDict, Field

from summarizer.errors import OutputError
from summarizer.output.files import check_writable
from summarizer.schema import StructuredSummary, Usage

ErrorKind = Literal["input", "provider", "extraction", "configuration", "output", "internal"]


class ErrorInfo(BaseModel):
    """Why an article has no summary: the kind of failure (as the exit codes name them) and
    one line for a person."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: ErrorKind
    message: str


class BatchResult(BaseModel):
    """One article's outcome: its summary, or the error; and what it cost in this run.

    ``requests``, ``usage`` and ``cost_usd`` count this run only: a cached summary made no
    request and cost nothing. ``cost_usd`` is ``None`` where the price is unknown.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    ok: bool
    summary: StructuredSummary | None = None
    error: ErrorInfo | None = None
    cached: bool = False
    requests: int = 0
    usage: Usage = Field(default_factory=Usage)
    cost_usd: float | None = None
    duration_s: float = 0.0


class ResultsFile:
    """Where results go, one JSON line each. Open it before the first request (``open``): that
    is when it is checked writable and when what it already holds is read.

    ``done`` holds the ids already summarised (skip them); ``dropped`` counts the lines that
    were removed so that their articles are tried again (failures, a torn last line).
    Standard output (``path=None``) starts empty and resumes nothing.
    """

    def __init__(
        self, stream: IO[bytes], path: Path | None, done: frozenset[str], dropped: int
    ) -> None:
        self._stream = stream
        self.path = path
        self.done = done
        self.dropped = dropped
        self.written = 0

    @classmethod
    def open(cls, path: Path | None, *, force: bool = False) -> ResultsFile:
        """``path`` ready for appending (``None``: standard output). With ``force`` it starts
        empty; otherwise what it holds is kept and read. ``OutputError`` when it cannot be
        written or does not hold results."""
        if path is None:
            return cls(sys.stdout.buffer, None, frozenset(), 0)
        check_writable(path)
        done: frozenset[str] = frozenset()
        dropped = 0
        if not force and path.exists():
            done, dropped = _resume(path)
        try:
            stream = path.open("wb" if force else "ab")
        except OSError as exc:
            raise OutputError(f"{path}: cannot be written ({exc.strerror})") from None
        return cls(stream, path, done, dropped)

    @property
    def name(self) -> str:
        return "standard output" if self.path is None else str(self.path)

    def append(self, result: BatchResult) -> None:
        """Write ``result`` as one line and flush it: once this returns, it survives a crash
        of this process."""
        line = result.model_dump_json().encode("utf-8") + b"\n"
        try:
            self._stream.write(line)
            self._stream.flush()
        except OSError as exc:
            raise OutputError(f"{self.name}: cannot be written ({exc.strerror})") from None
        self.written += 1

    def close(self) -> None:
        if self.path is not None:
            self._stream.close()

    def __enter__(self) -> ResultsFile:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()


def _resume(path: Path) -> tuple[frozenset[str], int]:
    """The ids ``path`` holds summaries for, and how many lines it had to drop: failures (to
    be retried), a repeated id, a last line cut off mid-write. The file is rewritten without
    them, through a temporary file renamed into place, so a crash here loses nothing either.
    """
    done: set[str] = set()
    kept: list[tuple[int, int]] = []  # (offset, length) of the lines that stay
    dropped = 0
    rewrite = False
    try:
        with path.open("rb") as fh:
            offset = 0
            for number, line in enumerate(fh, start=1):
                start, offset = offset, offset + len(line)
                whole = line.endswith(b"\n")
                rewrite = rewrite or not whole
                if not line.strip():
                    rewrite = True
                    continue
                record = _parse(line)
                if record is None and not whole:
                    dropped += 1  # torn: the last write of a process that died
                    continue
                if record is None:
                    raise OutputError(
                        f"{path}: line {number} is not a batch result; is this the results "
                        "file? Choose another -o, or --force to start it over"
                    )
                ident, ok = record
                if not ok or ident in done:
                    dropped += 1
                    continue
                done.add(ident)
                kept.append((start, len(line)))
            if dropped or rewrite:
                _rewrite(path, fh, kept)
    except OSError as exc:
        raise OutputError(f"{path}: cannot be read ({exc.strerror})") from None
    return frozenset(done), dropped


def _parse(line: bytes) -> tuple[str, bool] | None:
    """The id and ok flag of a result line; ``None`` for anything else."""
    try:
        value = json.loads(line)
    except ValueError:
        return None
    if not isinstance(value, dict):
        return None
    ident, ok = value.get("id"), value.get("ok")
    if not isinstance(ident, str) or not isinstance(ok, bool):
        return None
    return ident, ok


def _rewrite(path: Path, source: IO[bytes], kept: list[tuple[int, int]]) -> None:
    directory = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as out:
            for start, length in kept:
                source.seek(start)
                line = source.read(length)
                out.write(line if line.endswith(b"\n") else line + b"\n")
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
