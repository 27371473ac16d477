"""A content-addressed cache of summaries, so the same article is never paid for twice.

The key is a sha256 of the cleaned text and of everything else the summary depends on (the
*identity*: provider, server, model, mode, prompt, schema and summarizer versions, re-asks, and
the article's own metadata that reaches the summary, such as its publication date). The value
is the ``StructuredSummary`` as JSON. One SQLite file, ``cache_dir()/cache.sqlite3``, shared by
threads and by processes on one machine (see ``db``).

What goes wrong, and what happens then:

- The file cannot be opened (damaged, a newer summarizer's format, locked longer than the busy
  timeout, folder not writable): ``Cache()`` raises ``StoreError``, one line with the way out,
  before any request is sent. A cache that silently stopped working would make every run pay.
- Once open, a read or write that fails (locked too long, disk full, damage found late) never
  fails an article: the read is a miss, the write is skipped, and the first such failure is
  logged as a warning on the ``summarizer.store`` logger (later ones at debug level).
- An entry that no longer validates is a miss, and is deleted.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

from pydantic import ValidationError

from summarizer.schema import StructuredSummary
from summarizer.store.db import BUSY_TIMEOUT_S, Database, log
from summarizer.store.paths import CACHE_DIR_ENV, cache_file

# Part of every key: a change to how keys are made changes them all.
KEY_FORMAT = "summarizer-cache-key/1"
# The file's format (its schema_version). Entries are disposable: an older file is emptied.
FORMAT = 1
_SCHEMA = (
    "CREATE TABLE summaries (key TEXT PRIMARY KEY, summary TEXT NOT NULL, created REAL NOT NULL)",
    "CREATE INDEX summaries_created ON summaries (created)",
)
_REMEDY = f"run without the cache (--no-cache), or set {CACHE_DIR_ENV} to another folder"
_UNREADABLE_REMEDY = f"remove it with `summarizer cache clear`, or {_REMEDY}"


Identity = Mapping[str, str | int | float | None]


def cache_key(text: str, identity: Identity) -> str:
    """The sha256 hex digest naming the summary of ``text`` made under ``identity``.

    The same text and identity give the same key in every process and every release that
    keeps ``KEY_FORMAT``; any change to the text or to one identity value (``1`` and ``"1"``
    and ``1.0`` are different values) gives another key. The order of ``identity`` does not
    matter.
    """
    for name, value in identity.items():
        if not isinstance(name, str) or not isinstance(value, str | int | float | type(None)):
            raise TypeError(f"cache identity {name!r}: {value!r} is not a str, int, float or None")
    # ensure_ascii: the same bytes whatever the text holds, lone surrogates included.
    payload = json.dumps([KEY_FORMAT, dict(identity), text], sort_keys=True, ensure_ascii=True)
    return hashlib.sha256(payload.encode("ascii")).hexdigest()


@dataclass(frozen=True)
class CacheInfo:
    """What ``summarizer cache info`` shows."""

    path: Path
    entries: int
    bytes: int  # on disk: the database with its write-ahead log
    oldest: datetime | None  # when the oldest entry was written (UTC); None when empty
    newest: datetime | None


class Cache:
    """Summaries by key, in ``path`` (default ``cache_dir()/"cache.sqlite3"``).

    Safe to share between threads; several processes may open the same file. Raises
    ``StoreError`` when the file cannot be used at all (see the module's notes). Close it, or
    use it as a context manager.
    """

    def __init__(self, path: Path | None = None, *, busy_timeout_s: float = BUSY_TIMEOUT_S) -> None:
        self.path = path if path is not None else cache_file()
        self._db = Database(
            self.path,
            what="cache",
            version=FORMAT,
            schema=_SCHEMA,
            upgrade=_start_afresh,
            remedy=_REMEDY,
            unreadable_remedy=_UNREADABLE_REMEDY,
            busy_timeout_s=busy_timeout_s,
        )

    def get(self, key: str) -> StructuredSummary | None:
        """The summary stored under ``key``; ``None`` when there is none (or it is unreadable)."""
        try:
            rows = self._db.query("SELECT summary FROM summaries WHERE key = ?", (key,))
        except sqlite3.ProgrammingError:
            raise  # used after close(): a bug, not a cache problem
        except sqlite3.Error as exc:
            self._degraded("could not be read", "this article is summarised afresh", exc)
            return None
        if not rows:
            return None
        try:
            return StructuredSummary.model_validate_json(rows[0][0])
        except ValidationError:
            # Only a hand-edited or damaged row gets here: the key names the schema version.
            log.debug("cache entry %s no longer validates: removed", key)
            self._forget(key)
            return None

    def put(self, key: str, summary: StructuredSummary) -> None:
        """Store ``summary`` under ``key`` (replacing what was there)."""
        try:
            self._db.execute(
                "INSERT OR REPLACE INTO summaries (key, summary, created) VALUES (?, ?, ?)",
                (key, summary.model_dump_json(), time.time()),
            )
        except sqlite3.ProgrammingError:
            raise
        except sqlite3.Error as exc:
            self._degraded("could not be written", "this summary will be requested again", exc)

    def info(self) -> CacheInfo:
        """Where the cache is, how many entries, how many bytes, the oldest and newest."""
        try:
            ((entries, oldest, newest),) = self._db.query(
                "SELECT count(*), min(created), max(created) FROM summaries"
            )
        except sqlite3.ProgrammingError:
            raise
        except sqlite3.Error as exc:
            raise self._db.error(exc) from None
        return CacheInfo(
            path=self.path,
            entries=int(entries),
            bytes=sum(file.stat().st_size for file in self._db.files() if file != self._shm),
            oldest=_utc(oldest),
            newest=_utc(newest),
        )

    def clear(self) -> int:
        """Remove every entry and give the space back; the number of entries removed."""
        try:
            with self._db.transaction() as connection:
                removed = connection.execute("DELETE FROM summaries").rowcount
        except sqlite3.ProgrammingError:
            raise
        except sqlite3.Error as exc:
            raise self._db.error(exc) from None
        try:
            self._db.execute("VACUUM")
            self._db.query("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.OperationalError as exc:
            # Another process is reading: the entries are gone, the pages are reused later.
            log.debug("cache clear: space not given back yet (%s)", exc)
        return removed

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Cache:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    @property
    def _shm(self) -> Path:
        return Path(f"{self.path}-shm")  # shared-memory index: not data, not counted

    def _forget(self, key: str) -> None:
        try:
            self._db.execute("DELETE FROM summaries WHERE key = ?", (key,))
        except sqlite3.OperationalError as exc:
            log.debug("cache entry %s not removed (%s)", key, exc)

    def _degraded(self, what: str, consequence: str, exc: sqlite3.Error) -> None:
        """One warning per cache, however many articles hit the same problem."""
        self._db.degraded("the cache %s %s (%s): %s", self.path, what, exc, consequence)


def _start_afresh(connection: sqlite3.Connection, found: int) -> None:
    """An older format: its entries would be misread, and a cache may always be emptied."""
    connection.execute("DROP TABLE IF EXISTS summaries")
    for statement in _SCHEMA:
        connection.execute(statement)


def _utc(seconds: float | None) -> datetime | None:
    return None if seconds is None else datetime.fromtimestamp(seconds, UTC)
