"""Record a run's HTTP traffic to a cassette; replay it later with no server, no key, no network.

``recording(path, mode)`` wraps vcrpy (imported when a recording starts: the ``replay`` extra)
with the conventions of our own cassettes (``cassettes/README.md``):

- the readable format of ``summarizer.replay.format``: JSON bodies as YAML trees, long text as
  literal blocks, only the ``content-type`` and ``retry-after`` headers kept;
- no credentials: the authorization, api-key, organisation, project and cookie headers are
  removed, and every secret string given (the API key, a base URL's password; ``secrets_of``
  lists them) is replaced by ``<redacted>`` wherever it stands — URL, headers, request and
  response bodies — so a server that echoes the key back does not land it in the file;
- requests matched on method, path, query and body, not host or port: a cassette recorded
  against OpenAI replays with any base URL, and a changed article, model, prompt or setting is
  a miss rather than a stale answer.

A request the cassette cannot answer in a mode that may not record it (``none``; ``once`` once
the file exists) raises ``CassetteMiss`` at once: not retried, not dressed up as a connection
error, and naming the cassette.

Record modes (vcrpy's):

- ``once``: record when the file does not exist yet, otherwise replay only;
- ``none``: replay only, and the file must exist (what CI runs);
- ``new_episodes``: replay what is recorded, record what is not;
- ``all``: send and record every request, replacing the recorded ones it matches.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from summarizer.errors import ConfigurationError, OutputError
from summarizer.replay.conventions import (
    FILTER_HEADERS,
    INSTALL,
    MATCH_ON,
    RECORD_MODES,
    REDACTED,
    CassetteMiss,
    RecordMode,
)

if TYPE_CHECKING:
    from summarizer.config import Settings

__all__ = [
    "FILTER_HEADERS", "INSTALL", "MATCH_ON", "RECORD_MODES", "REDACTED", "CassetteMiss",
    "RecordMode", "recording", "secrets_of",
]  # fmt: skip


def secrets_of(settings: Settings) -> list[str]:
    """What a cassette must never hold: the API key; and for a base URL that carries
    credentials (``http://user:password@host/v1``), its password and the basic-auth token the
    HTTP client makes of them (a server may echo its Authorization header)."""
    return settings.secrets()


@contextmanager
def recording(
    path: Path | str, mode: str = "once", *, secrets: Sequence[str] = ()
) -> Iterator[None]:
    """Record every HTTP exchange made inside the block to ``path``, or replay it from there.

    ``mode`` is one of ``RECORD_MODES``; ``secrets`` are replaced by ``<redacted>`` wherever
    they appear. Raises ``ConfigurationError`` for an unknown mode, a missing cassette in mode
    ``none`` or when vcrpy is not installed, and ``OutputError`` when a recording could not be
    written; a request the cassette cannot answer raises ``CassetteMiss`` where it is sent.
    """
    if mode not in RECORD_MODES:
        raise ConfigurationError(
            f"unknown record mode {mode!r}; choose one of {', '.join(RECORD_MODES)}"
        )
    cassette = Path(path)
    if mode == "none" and not cassette.is_file():
        raise ConfigurationError(
            f"no cassette {cassette} to replay (record mode none): record it first "
            "(record mode once)"
        )
    if mode != "none":
        _check_writable(cassette)
    try:
        from summarizer.replay.cassette import use
    except ImportError as exc:
        if (exc.name or "").partition(".")[0] not in ("vcr", "yaml"):
            raise
        raise ConfigurationError(
            f"recording and replaying need vcrpy and PyYAML: {INSTALL}"
        ) from None
    with use(cassette, mode, secrets):
        yield


def _check_writable(path: Path) -> None:
    """Before any request is paid for: the recording will be writable where it is asked to go."""
    if path.is_dir():
        raise OutputError(f"cannot write the cassette {path}: it is a folder")
    folder = path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent  # vcrpy makes the missing folders
    if not folder.is_dir() or not os.access(folder, os.W_OK | os.X_OK):
        raise OutputError(f"cannot write the cassette {path}: {folder} is not a writable folder")
    if path.exists() and not os.access(path, os.W_OK):
        raise OutputError(f"cannot write the cassette {path}: permission denied")
