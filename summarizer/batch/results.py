"""The results of a batch: one ``BatchResult`` a line, appended and flushed as each finishes.

The file is the batch's memory. Opening it again reads which ids are already done, so the
same command resumes where it stopped: results that failed are dropped (to be tried again),
and a last line torn by a crash is cut off. Nothing is written until it is whole, and a line
is on disk (flushed) before the next result is taken.

A run never loses what the file held before it unless it has something better: the file is
changed in place only by appending. Whatever removes lines (``--force``; a resume that drops
failures, a repeated id or a torn line) is written to a copy beside it, which takes the file's
place at the run's first successful result. A run with no success (every article failed, the
server was down, Ctrl-C came first) leaves the file byte for byte as it was (``unchanged``).
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import IO, Literal

from pydantic import BaseModel, ConfigDict, Field

from summarizer.errors import OutputError
from summarizer.output.files import check_writable, commit, open_beside, target
from summarizer.output.terminal import json_safe
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
    will be removed so that their articles are tried again (failures, a torn last line).
    ``unchanged``, once closed: the run had no success and the file was left as it was (the
    failures of this run, reported as they came, are not in it). Standard output
    (``path=None``) starts empty and resumes nothing.
    """

    def __init__(
        self,
        stream: IO[bytes],
        path: Path | None,
        done: frozenset[str],
        dropped: int,
        *,
        staged: Path | None = None,
    ) -> None:
        self._stream = stream
        self._staged = staged  # the copy that replaces the file at the first success
        self.path = path
        self.done = done
        self.dropped = dropped
        self.written = 0
        self.unchanged = False

    @classmethod
    def open(cls, path: Path | None, *, force: bool = False) -> ResultsFile:
        """``path`` ready for appending (``None``: standard output). With ``force`` it starts
        empty; otherwise what it holds is kept and read. ``OutputError`` when it cannot be
        written or does not hold results. A symbolic link is followed (see
        ``output.files``): its target is the file, and the link stays."""
        if path is None:
            return cls(sys.stdout.buffer, None, frozenset(), 0)
        check_writable(path)
        real = target(path)
        try:
            size = real.stat().st_size
        except FileNotFoundError:
            size = 0
        except OSError as exc:
            raise OutputError(f"{path}: cannot be read ({exc.strerror})") from None
        if size == 0:  # new or empty: nothing to lose
            return cls(_append(real, path), path, frozenset(), 0)
        if force:
            stream, staged = open_beside(path)
            return cls(stream, path, frozenset(), 0, staged=staged)
        held = _read(real, path)
        if held.clean:
            return cls(_append(real, path), path, frozenset(held.done), 0)
        stream, staged = open_beside(path)
        try:
            _copy(real, held.kept, stream)
        except OSError as exc:
            stream.close()
            staged.unlink(missing_ok=True)
            raise OutputError(f"{path}: cannot be written ({exc.strerror})") from None
        except BaseException:
            stream.close()
            staged.unlink(missing_ok=True)
            raise
        return cls(stream, path, frozenset(held.done), held.dropped, staged=staged)

    @property
    def name(self) -> str:
        return "standard output" if self.path is None else str(self.path)

    def append(self, result: BatchResult) -> None:
        """Write ``result`` as one line and flush it: once this returns, it survives a crash
        of this process. The first success of a run that started a copy puts the copy in the
        file's place. ``BrokenPipeError`` when standard output's reader has gone."""
        line = json_safe(result.model_dump_json()).encode("utf-8") + b"\n"
        try:
            self._stream.write(line)
            self._stream.flush()
            if self._staged is not None and result.ok and self.path is not None:
                commit(self._stream, self._staged, self.path)
                self._staged = None
        except BrokenPipeError:
            raise  # not a write that failed: nobody reads any more (the CLI exits quietly)
        except OSError as exc:
            raise OutputError(f"{self.name}: cannot be written ({exc.strerror})") from None
        self.written += 1

    def close(self) -> None:
        """Close the file (standard output stays open); a copy that never took the file's
        place is removed, and the file is ``unchanged``. ``OutputError`` when what was
        still buffered cannot be written."""
        if self.path is None:
            return
        staged, self._staged = self._staged, None
        try:
            self._stream.close()
        except OSError as exc:
            raise OutputError(f"{self.name}: cannot be written ({exc.strerror})") from None
        finally:
            if staged is not None and staged.exists():  # no success: the file is as it was
                staged.unlink(missing_ok=True)
                self.unchanged = True

    def __enter__(self) -> ResultsFile:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        try:
            self.close()
        except OutputError:
            if error is None:
                raise  # else the error on its way out says more (it is often the same one)


def _append(real: Path, path: Path) -> IO[bytes]:
    try:
        return real.open("ab")
    except OSError as exc:
        raise OutputError(f"{path}: cannot be written ({exc.strerror})") from None


@dataclass
class _Held:
    """What a results file holds: the ids done, the lines to keep (offset, length), how many
    go, and whether it is ``clean`` (nothing goes, every line whole: append to it as it is)."""

    done: set[str] = field(default_factory=set)
    kept: list[tuple[int, int]] = field(default_factory=list)
    dropped: int = 0
    clean: bool = True


def _read(real: Path, path: Path) -> _Held:
    """What ``real`` holds (``path`` names it in messages): summaries are kept; failures (to
    be retried), a repeated id and a last line cut off mid-write are counted to go."""
    held = _Held()
    try:
        with real.open("rb") as fh:
            offset = 0
            for number, line in enumerate(fh, start=1):
                start, offset = offset, offset + len(line)
                whole = line.endswith(b"\n")
                held.clean = held.clean and whole
                if not line.strip():
                    held.clean = False
                    continue
                record = _parse(line)
                if record is None and not whole:
                    held.dropped += 1  # torn: the last write of a process that died
                    continue
                if record is None:
                    raise OutputError(
                        f"{path}: line {number} is not a batch result; is this the results "
                        "file? Choose another -o, or --force to start it over"
                    )
                ident, ok = record
                if not ok or ident in held.done:
                    held.dropped += 1
                    continue
                held.done.add(ident)
                held.kept.append((start, len(line)))
    except OSError as exc:
        raise OutputError(f"{path}: cannot be read ({exc.strerror})") from None
    held.clean = held.clean and not held.dropped
    return held


def _parse(line: bytes) -> tuple[str, bool] | None:
    """The id and ok flag of a result line; ``None`` for anything else (a line nested too
    deeply for the JSON reader too)."""
    try:
        value = json.loads(line)
    except (ValueError, RecursionError):
        return None
    if not isinstance(value, dict):
        return None
    ident, ok = value.get("id"), value.get("ok")
    if not isinstance(ident, str) or not isinstance(ok, bool):
        return None
    return ident, ok


def _copy(real: Path, kept: list[tuple[int, int]], out: IO[bytes]) -> None:
    """The ``kept`` lines of ``real`` into ``out``, each ending in a newline."""
    with real.open("rb") as source:
        for start, length in kept:
            source.seek(start)
            line = source.read(length)
            out.write(line if line.endswith(b"\n") else line + b"\n")
    out.flush()
