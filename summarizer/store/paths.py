"""Where the cache and the run log live: the platform's user folders, or the environment's.

``SUMMARIZER_CACHE_DIR`` and ``SUMMARIZER_DATA_DIR`` move them (CI, a shared disk, tests); an
empty value counts as unset. Otherwise platformdirs decides: ``~/.cache/summarizer`` and
``~/.local/share/summarizer`` on Linux (XDG variables honoured), ``~/Library/Caches/summarizer``
and ``~/Library/Application Support/summarizer`` on macOS, ``%LOCALAPPDATA%\\summarizer`` on
Windows. The cache may be deleted at any time; the run log is the user's record, kept.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP = "summarizer"
CACHE_DIR_ENV = "SUMMARIZER_CACHE_DIR"
DATA_DIR_ENV = "SUMMARIZER_DATA_DIR"
CACHE_FILE = "cache.sqlite3"
LOG_FILE = "logs.sqlite3"


def cache_dir() -> Path:
    """The folder of the cache: ``$SUMMARIZER_CACHE_DIR``, else the user cache folder."""
    return _from_environment(CACHE_DIR_ENV) or Path(
        platformdirs.user_cache_dir(APP, appauthor=False)
    )


def data_dir() -> Path:
    """The folder of the run log: ``$SUMMARIZER_DATA_DIR``, else the user data folder."""
    return _from_environment(DATA_DIR_ENV) or Path(platformdirs.user_data_dir(APP, appauthor=False))


def cache_file() -> Path:
    """The cache database: ``cache_dir() / "cache.sqlite3"``."""
    return cache_dir() / CACHE_FILE


def log_file() -> Path:
    """The run log database: ``data_dir() / "logs.sqlite3"``."""
    return data_dir() / LOG_FILE


def _from_environment(name: str) -> Path | None:
    value = os.environ.get(name, "").strip()
    # Absolute, so that what `summarizer cache info` prints is where the file really is.
    return Path(value).expanduser().absolute() if value else None
