"""Writing output: whole or not at all."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from summarizer.errors import OutputError


def check_writable(path: Path) -> None:
    """Fail early, before any work is paid for, when ``path`` cannot be written."""
    directory = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise OutputError(f"{path}: is a directory")
    if not directory.is_dir():
        raise OutputError(f"{path}: no such directory {str(directory)!r}")
    if not os.access(directory, os.W_OK | os.X_OK):
        raise OutputError(f"{path}: cannot write in {str(directory)!r} (permission denied)")


def write_atomic(text: str, path: Path) -> None:
    """Write ``text`` to ``path`` through a temporary file renamed into place, so a reader
    never sees half of it. Raises ``OutputError`` naming the path when it cannot be written."""
    directory = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".part")
    except OSError as exc:
        raise OutputError(f"{path}: cannot write there ({exc.strerror})") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"{path}: cannot write there ({exc.strerror})") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
