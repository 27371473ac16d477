"""The run log: every run, and every article in it, in SQLite (as the ``llm`` CLI logs).

``data_dir()/logs.sqlite3`` holds two tables a user may query with any SQLite tool:

- ``runs``: one row per run: ``id`` (time-ordered, like a ULID), ``started`` and ``finished``
  (ISO 8601, UTC; ``finished`` stays empty for a run that was interrupted), ``command``,
  ``model``, ``provider``, ``base_url`` (user, password and query removed), the summarizer
  ``version``.
- ``entries``: one row per article: ``run_id``, ``item_id``, ``logged``, ``ok``, ``cached``,
  ``requests``, ``prompt_tokens``, ``completion_tokens``, ``total_tokens``, ``cost_usd`` (empty
  when the price is unknown), ``error``, ``article`` (the text summarised), ``summary`` (the
  validated ``StructuredSummary`` as JSON), ``duration_s``.

No API key is ever given to the log, and any ``user:password@`` in a URL that reaches it (the
base URL, an error message quoting an address) is removed first.

As with the cache: a log that cannot be opened raises ``StoreError`` (before any request);
once open, a write that fails never fails the run: it is logged once as a warning on the
``summarizer.store`` logger, and the results file remains the record of what was done.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from types import TracebackType

from summarizer.schema import StructuredSummary, Usage
from summarizer.secrets import scrub_urls, strip_credentials
from summarizer.store.db import BUSY_TIMEOUT_S, Database
from summarizer.store.paths import DATA_DIR_ENV, log_file

# The file's format (its schema_version); each later one adds an entry to _UPGRADES.
FORMAT = 1
_SCHEMA = (
    """CREATE TABLE runs (
        id TEXT PRIMARY KEY,
        started TEXT NOT NULL,
        finished TEXT,
        command TEXT NOT NULL,
        model TEXT,
        provider TEXT NOT NULL,
        base_url TEXT,
        version TEXT NOT NULL
    )""",
    """CREATE TABLE entries (
        id INTEGER PRIMARY KEY,
        run_id TEXT NOT NULL REFERENCES runs (id),
        item_id TEXT NOT NULL,
        logged TEXT NOT NULL,
        ok INTEGER NOT NULL,
        cached INTEGER NOT NULL,
        requests INTEGER NOT NULL,
        prompt_tokens INTEGER NOT NULL,
        completion_tokens INTEGER NOT NULL,
        total_tokens INTEGER NOT NULL,
        cost_usd REAL,
        error TEXT,
        article TEXT,
        summary TEXT,
        duration_s REAL NOT NULL
    )""",
    "CREATE INDEX entries_run_id ON entries (run_id)",
    "CREATE INDEX runs_started ON runs (started)",
)
_REMEDY = f"run without the log (--no-log), or set {DATA_DIR_ENV} to another folder"
_UNREADABLE_REMEDY = f"move it aside (it is your record of past runs), or {_REMEDY}"


@dataclass(frozen=True)
class RunRow:
    """One run with its entries added up, as ``summarizer logs`` lists it."""

    id: str
    started: datetime  # UTC
    command: str
    model: str | None
    provider: str
    articles: int  # entries recorded
    failed: int
    cached: int
    tokens: int  # total tokens over every request of every article
    cost_usd: float | None  # the sum of the known costs; None when no entry had a price
    requests: int
    finished: datetime | None  # None: still running, or interrupted
    base_url: str | None


class RunLog:
    """Runs and their articles, in ``path`` (default ``data_dir()/"logs.sqlite3"``).

    Safe to share between threads; several processes may log to the same file. Raises
    ``StoreError`` when the file cannot be used at all. Close it, or use it as a context
    manager.
    """

    def __init__(self, path: Path | None = None, *, busy_timeout_s: float = BUSY_TIMEOUT_S) -> None:
        self.path = path if path is not None else log_file()
        self._db = Database(
            self.path,
            what="run log",
            version=FORMAT,
            schema=_SCHEMA,
            upgrade=_upgrade,
            remedy=_REMEDY,
            unreadable_remedy=_UNREADABLE_REMEDY,
            busy_timeout_s=busy_timeout_s,
        )

    def start(self, *, command: str, model: str | None, provider: str, base_url: str | None) -> str:
        """Log the start of a run; its id (sortable by time)."""
        run_id = new_id()
        self._write(
            "INSERT INTO runs (id, started, command, model, provider, base_url, version) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (run_id, _now(), command, model, provider, strip_credentials(base_url), _version()),
        )
        return run_id

    def record(
        self,
        run_id: str,
        item_id: str,
        *,
        ok: bool,
        cached: bool,
        requests: int,
        usage: Usage,
        cost_usd: float | None,
        error: str | None,
        article: str | None,
        summary: StructuredSummary | None,
        duration_s: float,
    ) -> None:
        """Log one article of run ``run_id``: what it cost *this* run (a cache hit: 0
        requests, zero usage), how it ended, the text and the validated summary."""
        self._write(
            "INSERT INTO entries (run_id, item_id, logged, ok, cached, requests, prompt_tokens, "
            "completion_tokens, total_tokens, cost_usd, error, article, summary, duration_s) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                run_id,
                item_id,
                _now(),
                ok,
                cached,
                requests,
                usage.prompt_tokens,
                usage.completion_tokens,
                usage.total_tokens,
                cost_usd,
                None if error is None else scrub_urls(error),
                article,
                None if summary is None else summary.model_dump_json(),
                duration_s,
            ),
        )

    def finish(self, run_id: str) -> None:
        """Log the end of run ``run_id`` (a run never finished was interrupted)."""
        self._write("UPDATE runs SET finished = ? WHERE id = ?", (_now(), run_id))

    def runs(self, limit: int = 20) -> list[RunRow]:
        """The ``limit`` most recent runs, newest first, each with its entries added up."""
        if limit < 1:
            raise ValueError(f"limit must be at least 1, not {limit}")
        try:
            rows = self._db.query(
                """SELECT r.id, r.started, r.command, r.model, r.provider, count(e.id),
                          coalesce(sum(e.ok = 0), 0), coalesce(sum(e.cached), 0),
                          coalesce(sum(e.total_tokens), 0), sum(e.cost_usd),
                          coalesce(sum(e.requests), 0), r.finished, r.base_url
                   FROM runs AS r LEFT JOIN entries AS e ON e.run_id = r.id
                   GROUP BY r.id ORDER BY r.started DESC, r.rowid DESC LIMIT ?""",
                (limit,),
            )
        except sqlite3.ProgrammingError:
            raise
        except sqlite3.Error as exc:
            raise self._db.error(exc) from None
        return [
            RunRow(
                id=row[0],
                started=datetime.fromisoformat(row[1]),
                command=row[2],
                model=row[3],
                provider=row[4],
                articles=int(row[5]),
                failed=int(row[6]),
                cached=int(row[7]),
                tokens=int(row[8]),
                cost_usd=None if row[9] is None else float(row[9]),
                requests=int(row[10]),
                finished=None if row[11] is None else datetime.fromisoformat(row[11]),
                base_url=row[12],
            )
            for row in rows
        ]

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> RunLog:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def _write(self, sql: str, parameters: tuple[object, ...]) -> None:
        try:
            self._db.execute(sql, parameters)
        except sqlite3.ProgrammingError:
            raise
        except sqlite3.Error as exc:
            self._db.degraded(
                "the run log %s could not be written (%s): this run is not logged in full",
                self.path, exc,
            )  # fmt: skip


_CROCKFORD = "0123456789abcdefghjkmnpqrstvwxyz"


def new_id() -> str:
    """26 characters, as a ULID: milliseconds since 1970 then 80 random bits, so ids sort by
    time and two processes starting in the same millisecond still differ."""
    value = (time.time_ns() // 1_000_000) << 80 | int.from_bytes(os.urandom(10), "big")
    return "".join(_CROCKFORD[(value >> shift) & 31] for shift in range(125, -1, -5))


def _now() -> str:
    return datetime.now(UTC).isoformat()


def _version() -> str:
    # From the installed metadata (built from ``summarizer.__version__``), so that the store
    # never imports the package's front door, which stands above it.
    try:
        return metadata.version("summarizer")
    except metadata.PackageNotFoundError:
        return "dev"


def _upgrade(connection: sqlite3.Connection, found: int) -> None:
    """Bring a log of format ``found`` up to ``FORMAT``, keeping every run in it."""
    for version in range(found + 1, FORMAT + 1):
        step = _UPGRADES.get(version)
        if step is None:
            raise sqlite3.DatabaseError(f"format {found} is not one this summarizer can upgrade")
        step(connection)


# version → the statements that turn the previous format into it (none yet: 1 is the first).
_UPGRADES: dict[int, Callable[[sqlite3.Connection], None]] = {}
