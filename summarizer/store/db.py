"""One SQLite file shared by the threads of a process and by the processes of one machine.

WAL journal, so readers never wait for a writer; a busy timeout, so writers from other
processes (shards on one machine) queue instead of failing; one connection per object behind
a lock, so a thread pool or ``asyncio.to_thread`` may call it from any thread. A
``schema_version`` table says which format the file holds: an older one is upgraded, a newer
one (another summarizer's) is refused rather than overwritten.

Problems opening the file become one-line ``StoreError`` messages naming the file and the way
out; what the callers do with a problem after that is theirs to decide (``cache``, ``runlog``).
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from summarizer.errors import StoreError

log = logging.getLogger("summarizer.store")

# Long enough for another process's write (milliseconds) and a `cache clear` VACUUM.
BUSY_TIMEOUT_S = 30.0
Upgrade = Callable[[sqlite3.Connection, int], None]


class Database:
    """A SQLite file in ``version``'s format, created with ``schema`` when new.

    ``what`` names it in messages ("cache", "run log"); ``remedy`` is what a user can do when
    it cannot be used at all, ``unreadable_remedy`` when it is damaged or of a newer format.
    ``upgrade(connection, found)`` brings an older format up to ``version``.
    """

    def __init__(
        self,
        path: Path,
        *,
        what: str,
        version: int,
        schema: Sequence[str],
        upgrade: Upgrade,
        remedy: str,
        unreadable_remedy: str,
        busy_timeout_s: float = BUSY_TIMEOUT_S,
    ) -> None:
        self.path = path
        self.what = what
        self._remedy = remedy
        self._unreadable_remedy = unreadable_remedy
        self._busy_timeout_s = busy_timeout_s
        self._lock = threading.Lock()
        self._warned = False
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(
                f"cannot create the folder of the {what}, {path.parent} "
                f"({exc.strerror or exc}): {remedy}"
            ) from None
        try:
            # isolation_level=None: no implicit BEGIN; writes take their lock up front
            # (BEGIN IMMEDIATE), so the busy timeout applies instead of a deadlock error.
            self._connection = sqlite3.connect(
                path, timeout=busy_timeout_s, isolation_level=None, check_same_thread=False
            )
        except sqlite3.Error as exc:
            raise self.error(exc) from None
        try:
            # WAL may be refused (a network file system): the default journal still works.
            self._connection.execute("PRAGMA journal_mode = WAL")
            self._connection.execute("PRAGMA synchronous = NORMAL")
            self._connection.execute("PRAGMA foreign_keys = ON")
            self._ensure_format(version, schema, upgrade)
        except sqlite3.Error as exc:
            self._connection.close()
            raise self.error(exc) from None
        except BaseException:
            self._connection.close()
            raise

    def _ensure_format(self, version: int, schema: Sequence[str], upgrade: Upgrade) -> None:
        if self._found_version() == version:
            return  # the usual case: no write lock taken
        with self.transaction() as connection:
            found = self._found_version()  # again, under the lock: another process may have
            if found is None:
                connection.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
                for statement in schema:
                    connection.execute(statement)
                connection.execute("INSERT INTO schema_version (version) VALUES (?)", (version,))
            elif found > version:
                raise StoreError(
                    f"the {self.what} {self.path} was written by a newer summarizer (format "
                    f"{found}; this one reads {version}): {self._unreadable_remedy}",
                    unreadable=True,
                )
            elif found < version:
                upgrade(connection, found)
                connection.execute("UPDATE schema_version SET version = ?", (version,))

    def _found_version(self) -> int | None:
        """The file's format; ``None`` for a new, empty file."""
        tables = {
            name
            for (name,) in self._connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'"
            )
        }
        if "schema_version" not in tables:
            if tables:
                raise StoreError(
                    f"{self.path} is a SQLite file but not a summarizer {self.what} (it has no "
                    f"schema_version table): {self._unreadable_remedy}",
                    unreadable=True,
                )
            return None
        row = self._connection.execute("SELECT max(version) FROM schema_version").fetchone()
        return None if row is None or row[0] is None else int(row[0])

    def error(self, exc: sqlite3.Error) -> StoreError:
        """``exc`` as one line naming the file, the reason and the way out."""
        name = str(getattr(exc, "sqlite_errorname", ""))
        reason = str(exc) or type(exc).__name__
        if name.startswith(("SQLITE_NOTADB", "SQLITE_CORRUPT")):
            return StoreError(
                f"the {self.what} {self.path} is damaged ({reason}): {self._unreadable_remedy}",
                unreadable=True,
            )
        if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
            return StoreError(
                f"the {self.what} {self.path} stayed locked by another process for more than "
                f"{self._busy_timeout_s:g} s ({reason}): try again when it is done, or "
                f"{self._remedy}"
            )
        return StoreError(f"cannot use the {self.what} {self.path} ({reason}): {self._remedy}")

    def degraded(self, message: str, *args: object) -> None:
        """A problem that costs an article nothing (a skipped write, a read taken as a miss):
        logged once as a warning, later ones at debug level, however many articles hit it."""
        if self._warned:
            log.debug(message, *args)
            return
        self._warned = True
        log.warning(message + "; further %s problems are not reported", *args, self.what)

    def query(self, sql: str, parameters: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        with self._lock:
            return self._connection.execute(sql, parameters).fetchall()

    def execute(self, sql: str, parameters: Sequence[Any] = ()) -> int:
        """One statement in its own transaction; the number of rows it changed."""
        with self._lock:
            return self._connection.execute(sql, parameters).rowcount

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """The connection inside ``BEGIN IMMEDIATE`` … ``COMMIT`` (rolled back on error)."""
        with self._lock:
            self._connection.execute("BEGIN IMMEDIATE")
            try:
                yield self._connection
            except BaseException:
                if self._connection.in_transaction:
                    self._connection.execute("ROLLBACK")
                raise
            self._connection.execute("COMMIT")

    def files(self) -> list[Path]:
        """The database and its write-ahead log and index, those that exist."""
        candidates = [self.path, *(Path(f"{self.path}{end}") for end in ("-wal", "-shm"))]
        return [file for file in candidates if file.exists()]

    def close(self) -> None:
        with self._lock:
            self._connection.close()
