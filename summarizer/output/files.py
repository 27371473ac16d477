"""Writing output: regular files only, whole or not at all.

The rules ``-o`` follows (``summarize``, ``batch``, ``eval``), checked before any work is paid
for (``check_writable``) and again when the file is written:

- only a regular file is written: a directory, FIFO, socket or device node is refused (a
  FIFO would block, a device cannot be renamed over, ``/dev/null`` is best reached by
  redirecting standard output);
- a symbolic link is followed: its target is written in place and the link stays a link (an
  editor saving through a link does the same); a dangling link creates its target;
- an existing file keeps its permission bits (and, where the process may, its owner and
  group); a new one gets what ``open()`` would give it (0666 less the umask);
- an existing file that is read-only is refused, even where the folder would let us replace
  it: a read-only file says "do not overwrite";
- the text goes to a temporary file beside the target, flushed to disk, then renamed over it:
  a reader, a full disk or a signal never leaves half a file, and the temporary file is
  removed on every way out but SIGKILL.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from pathlib import Path
from typing import IO

from summarizer.errors import OutputError

_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)
_NOT_REGULAR = (
    "-o writes regular files only; to send the output elsewhere leave out -o and redirect "
    "standard output"
)


def target(path: Path) -> Path:
    """The file that writing ``path`` changes: ``path`` itself, or where its symbolic links
    lead (followed, so that the link stays a link)."""
    if not os.path.islink(path):
        return path
    return Path(os.path.realpath(path))


def check_writable(path: Path) -> None:
    """Fail early, before any work is paid for, when ``path`` cannot (or must not) be
    written: see the module's rules. Raises ``OutputError`` naming ``path``."""
    if not str(path):
        raise OutputError("the output file name is empty")
    real = target(path)
    try:
        info: os.stat_result | None = os.stat(real)
    except FileNotFoundError:
        info = None
    except OSError as exc:  # a link loop, a name too long, a folder we may not search
        raise OutputError(f"{path}: cannot be written ({exc.strerror})") from None
    if info is not None:
        _check_existing(path, real, info)
    directory = real.parent
    if not directory.is_dir():
        raise OutputError(f"{path}: no such directory {str(directory)!r}")
    if not os.access(directory, os.W_OK | os.X_OK):
        raise OutputError(f"{path}: cannot write in {str(directory)!r} (permission denied)")


def _check_existing(path: Path, real: Path, info: os.stat_result) -> None:
    for test, kind in _KINDS:
        if test(info.st_mode):
            if test is stat.S_ISDIR:
                raise OutputError(f"{path}: is a directory")
            raise OutputError(f"{path}: is {kind}, not a regular file ({_NOT_REGULAR})")
    # os.access says no for another user's file; the mode bits say it for root too, who
    # may write anything but should not silently replace a file marked read-only.
    if not os.access(real, os.W_OK) or not info.st_mode & 0o222:
        raise OutputError(
            f"{path}: is read-only; make it writable (chmod u+w) or choose another -o"
        )


def open_beside(path: Path) -> tuple[IO[bytes], Path]:
    """A new temporary file in the folder of ``path``'s target, open for writing bytes, with
    the permissions the finished file will have: those of the target when it exists, else
    0666 less the umask, as ``open()`` gives (no umask race: the kernel applies it). Its name
    starts with a dot and ends in ``.part``. Raises ``OutputError``."""
    real = target(path)
    try:
        old: os.stat_result | None = os.stat(real)
    except FileNotFoundError:
        old = None
    except OSError as exc:
        raise OutputError(f"{path}: cannot be written ({exc.strerror})") from None
    if old is not None:
        _check_existing(path, real, old)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL
    flags |= getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)  # Windows: no \r\n
    for _ in range(100):
        tmp = real.with_name(f".{real.name}.{secrets.token_hex(4)}.part")
        try:
            fd = os.open(tmp, flags, 0o666)
        except FileExistsError:
            continue
        except OSError as exc:
            raise OutputError(f"{path}: cannot be written ({exc.strerror})") from None
        try:
            if old is not None:
                _copy_ownership(fd, tmp, old)
            return os.fdopen(fd, "wb"), tmp
        except BaseException:
            os.close(fd)
            tmp.unlink(missing_ok=True)
            raise
    raise OutputError(f"{path}: cannot be written (no free temporary name beside it)")


def _copy_ownership(fd: int, tmp: Path, old: os.stat_result) -> None:
    """The replaced file's mode, and its owner and group where this process may set them
    (root may; anyone may give a file a group they belong to)."""
    if hasattr(os, "fchmod"):
        os.fchmod(fd, stat.S_IMODE(old.st_mode))
    else:  # Windows (before 3.13): only the read-only flag, which a writable file has not
        os.chmod(tmp, stat.S_IMODE(old.st_mode))
    if hasattr(os, "fchown") and (old.st_uid, old.st_gid) != (os.geteuid(), os.getegid()):
        with contextlib.suppress(OSError):
            os.fchown(fd, old.st_uid, old.st_gid)
        with contextlib.suppress(OSError):
            os.fchown(fd, -1, old.st_gid)


def commit(stream: IO[bytes], tmp: Path, path: Path) -> None:
    """Put the temporary file ``tmp`` (open as ``stream``) in the place of ``path``'s
    target: flushed and synced first, so that the rename never exposes a file the disk has
    not got. ``stream`` stays open (a batch goes on appending to it)."""
    stream.flush()
    os.fsync(stream.fileno())
    os.replace(tmp, target(path))


def write_atomic(text: str, path: Path) -> None:
    """Write ``text`` to ``path`` whole or not at all (the module's rules). Raises
    ``OutputError`` naming the path when it cannot be written: a full disk too."""
    stream, tmp = open_beside(path)
    try:
        with stream:
            stream.write(text.encode("utf-8"))
            commit(stream, tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise OutputError(f"{path}: cannot be written ({exc.strerror or exc})") from None
    except BaseException:  # Ctrl-C, SIGTERM (the CLI makes it an exception): no .part left
        tmp.unlink(missing_ok=True)
        raise
