"""``-o``: regular files only, symbolic links followed (and kept), permission bits kept,
read-only files refused, a full disk one clear line; nothing left behind on SIGTERM."""

from __future__ import annotations

import errno
import io
import json
import os
import re
import signal
import socket
import stat
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

import pytest

from summarizer import OutputError
from summarizer.batch.results import BatchResult, ResultsFile
from summarizer.cli import ExitCode
from summarizer.output import files
from summarizer.output.files import check_writable, write_atomic
from tests.conftest import ROOT
from tests.fakeserver import FakeOpenAI
from tests.test_cli import assert_one_clear_line, run
from tests.test_faults import ARTICLE


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


@pytest.fixture
def records(tmp_path: Path) -> Path:
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps({"id": f"r{n}", "text": ARTICLE}) + "\n" for n in (1, 2)))
    return path


@pytest.fixture
def unix_socket() -> Iterator[Path]:
    folder = Path(tempfile.mkdtemp(prefix="s"))  # short: a socket's path has a length limit
    path = folder / "sock"
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(path))
        yield path
    path.unlink()
    folder.rmdir()


def not_regular(kind: str, tmp_path: Path, unix_socket: Path) -> tuple[Path, str]:
    """A path that is not a regular file, and the words its refusal says."""
    if kind == "fifo":
        os.mkfifo(tmp_path / "fifo")
        return tmp_path / "fifo", "is a FIFO (named pipe), not a regular file"
    if kind == "socket":
        return unix_socket, "is a socket, not a regular file"
    if kind == "device":
        return Path(os.devnull), "is a character device, not a regular file"
    return tmp_path, "is a directory"


KINDS = ["fifo", "socket", "device", "folder"]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("command", ["summarize", "batch"])
def test_only_regular_files_are_written_and_the_refusal_comes_before_any_request(
    fake: FakeOpenAI,
    tmp_path: Path,
    article: Path,
    unix_socket: Path,
    kind: str,
    command: str,
) -> None:
    out, words = not_regular(kind, tmp_path, unix_socket)
    before = os.lstat(out)
    # Nothing is scripted: a request to the model would fail the test.
    result = run(command, str(article), "--base-url", fake.base_url, "-m", "m", "-o", str(out))
    assert_one_clear_line(result, ExitCode.OUTPUT, f"{out}: {words}")
    after = os.lstat(out)
    assert (after.st_mode, after.st_ino) == (before.st_mode, before.st_ino)


@pytest.mark.parametrize("kind", KINDS)
def test_a_symlink_to_what_is_not_a_regular_file_is_refused_too(
    tmp_path: Path, unix_socket: Path, kind: str
) -> None:
    out, words = not_regular(kind, tmp_path, unix_socket)
    link = tmp_path / "link"
    link.symlink_to(out)
    with pytest.raises(OutputError, match=re.escape(words.split(",")[0])):
        check_writable(link)
    assert link.is_symlink()


def read_only(path: Path) -> Path:
    path.write_text("keep me\n")
    path.chmod(0o444)
    return path


@pytest.mark.parametrize("command", ["summarize", "batch"])
def test_a_read_only_file_is_refused_not_replaced(
    fake: FakeOpenAI, tmp_path: Path, article: Path, command: str
) -> None:
    """Even for root, and even though the folder would let the file be renamed over."""
    out = read_only(tmp_path / "out.json")
    result = run(command, str(article), "--base-url", fake.base_url, "-m", "m", "-o", str(out))
    assert_one_clear_line(result, ExitCode.OUTPUT, f"{out}: is read-only")
    assert out.read_text() == "keep me\n" and stat.S_IMODE(out.stat().st_mode) == 0o444


def test_write_atomic_refuses_a_read_only_file_that_became_so_after_the_check(
    tmp_path: Path,
) -> None:
    out = tmp_path / "out.json"
    check_writable(out)
    read_only(out)
    with pytest.raises(OutputError, match="is read-only"):
        write_atomic("new", out)
    assert out.read_text() == "keep me\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]


@pytest.mark.parametrize("command", ["summarize", "batch"])
def test_a_symlink_is_followed_its_target_written_and_it_stays_a_link(
    tmp_path: Path, article: Path, records: Path, command: str
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    real = elsewhere / "real.json"
    real.write_text("old\n" if command == "summarize" else "")
    real.chmod(0o640)
    link = tmp_path / "link.json"
    link.symlink_to(real)
    source = article if command == "summarize" else records
    result = run(command, str(source), "-m", "offline", "-o", str(link))
    assert result.exit_code == 0, result.stderr
    assert link.is_symlink() and os.readlink(link) == str(real)
    text = real.read_text()
    assert json.loads(text) if command == "summarize" else json.loads(text.splitlines()[0])
    assert stat.S_IMODE(real.stat().st_mode) == 0o640
    assert sorted(p.name for p in elsewhere.iterdir()) == ["real.json"]  # no .part left


def test_a_batch_that_rewrites_its_results_file_keeps_the_link_too(
    tmp_path: Path, records: Path
) -> None:
    """--force and a resume that drops lines write a copy that takes the file's place: the
    place is the link's target, not the link."""
    real = tmp_path / "real.jsonl"
    real.write_text(BatchResult(id="r1", ok=False).model_dump_json() + "\n")  # to be retried
    link = tmp_path / "link.jsonl"
    link.symlink_to(real)
    for extra in ([], ["--force"]):
        result = run("batch", str(records), "-m", "offline", "-o", str(link), *extra)
        assert result.exit_code == 0, result.stderr
        assert link.is_symlink()
        rows = [json.loads(line) for line in real.read_text().splitlines()]
        assert sorted(r["id"] for r in rows) == ["r1", "r2"] and all(r["ok"] for r in rows)


def test_a_dangling_symlink_creates_its_target(tmp_path: Path, article: Path) -> None:
    real = tmp_path / "new.json"
    link = tmp_path / "link.json"
    link.symlink_to(real)
    result = run("summarize", str(article), "-m", "offline", "-o", str(link))
    assert result.exit_code == 0, result.stderr
    assert link.is_symlink() and json.loads(real.read_text())["headline"]


@pytest.fixture
def umask() -> Iterator[None]:
    old = os.umask(0o027)
    yield
    os.umask(old)


@pytest.mark.usefixtures("umask")
@pytest.mark.parametrize("command", ["summarize", "batch"])
def test_an_existing_file_keeps_its_mode_and_a_new_one_gets_the_umask_default(
    tmp_path: Path, article: Path, records: Path, command: str
) -> None:
    source = article if command == "summarize" else records
    new = tmp_path / "new.json"
    assert run(command, str(source), "-m", "offline", "-o", str(new)).exit_code == 0
    assert stat.S_IMODE(new.stat().st_mode) == 0o640  # 0666 less the umask, as open() gives
    existing = tmp_path / "existing.json"
    existing.write_text("")
    existing.chmod(0o604)
    args = ["--force"] if command == "batch" else []
    assert run(command, str(source), "-m", "offline", "-o", str(existing), *args).exit_code == 0
    assert existing.read_text() and stat.S_IMODE(existing.stat().st_mode) == 0o604


@pytest.mark.usefixtures("umask")
def test_a_batch_that_starts_its_file_over_keeps_the_files_mode(
    tmp_path: Path, records: Path
) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text(BatchResult(id="old", ok=True).model_dump_json() + "\n")
    out.chmod(0o604)
    assert run("batch", str(records), "-m", "offline", "-o", str(out), "--force").exit_code == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o604
    assert sorted(json.loads(line)["id"] for line in out.read_text().splitlines()) == ["r1", "r2"]


@pytest.mark.parametrize("command", ["summarize", "batch", "eval"])
def test_an_empty_output_name_is_a_usage_error(article: Path, command: str) -> None:
    result = run(command, *([] if command == "eval" else [str(article)]), "-o", "")
    assert result.exit_code == ExitCode.USAGE, result.output
    assert "needs a file name" in result.stderr and "Traceback" not in result.stderr


def instead(stream: Callable[[], IO[bytes]]) -> Callable[[Path], tuple[IO[bytes], Path]]:
    """``open_beside`` as it is (the temporary file is made), writing to ``stream`` instead."""
    real = files.open_beside

    def opened(path: Path) -> tuple[IO[bytes], Path]:
        made, tmp = real(path)
        made.close()
        return stream(), tmp

    return opened


class _Full(io.RawIOBase):
    """A file on a full disk: every write fails."""

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def test_a_full_disk_under_summarize_o_is_one_line_and_the_old_file_stays(
    tmp_path: Path, article: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out.json"
    out.write_text("the previous summary\n")
    monkeypatch.setattr(files, "open_beside", instead(lambda: io.BufferedWriter(_Full())))
    result = run("summarize", str(article), "-m", "offline", "-o", str(out))
    assert_one_clear_line(
        result, ExitCode.OUTPUT, f"{out}: cannot be written (No space left on device)"
    )
    assert out.read_text() == "the previous summary\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["article.txt", "out.json"]


def test_a_full_disk_under_batch_o_is_one_line(
    tmp_path: Path, records: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out.jsonl"
    monkeypatch.setattr(
        "summarizer.batch.results._append", lambda real, path: io.BufferedWriter(_Full())
    )
    result = run("batch", str(records), "-m", "offline", "-o", str(out))
    assert_one_clear_line(
        result, ExitCode.OUTPUT, f"{out}: cannot be written (No space left on device)"
    )


def python_m(*args: str) -> list[str]:
    return [sys.executable, "-m", "summarizer", *args]


ENV = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (Linux)")
@pytest.mark.parametrize("command", ["summarize", "batch"])
def test_standard_output_on_a_full_disk_is_one_output_error_line(
    article: Path, records: Path, command: str
) -> None:
    source = article if command == "summarize" else records
    with open("/dev/full", "wb") as full:
        done = subprocess.run(
            python_m(command, str(source), "-m", "offline"),
            stdout=full, stderr=subprocess.PIPE, env=ENV, timeout=120,
        )  # fmt: skip
    assert done.returncode == ExitCode.OUTPUT, done.stderr.decode()
    assert done.stderr.decode().splitlines() == [
        "summarizer: error: standard output: cannot be written (No space left on device)"
    ]


def test_sigterm_while_the_file_is_written_leaves_no_part_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The CLI's SIGTERM handler (installed by main()) in force, the signal arriving while
    the text is written: the exception it raises removes the temporary file on its way."""
    from summarizer import cli

    out = tmp_path / "out.json"
    out.write_text("the previous summary\n")

    class Killed(io.BytesIO):
        def write(self, data: Any) -> int:
            os.kill(os.getpid(), signal.SIGTERM)
            return super().write(data)  # the handler runs at the next instruction

    monkeypatch.setattr(files, "open_beside", instead(Killed))
    monkeypatch.setattr(cli, "_terminated", False)
    previous = signal.signal(signal.SIGTERM, cli._on_sigterm)
    try:
        with pytest.raises(KeyboardInterrupt):
            write_atomic("the new summary\n" * 1000, out)
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert cli._terminated
    assert out.read_text() == "the previous summary\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]


def test_the_results_file_of_a_batch_follows_the_same_rules(tmp_path: Path) -> None:
    out = read_only(tmp_path / "out.jsonl")
    with pytest.raises(OutputError, match="is read-only"):
        ResultsFile.open(out)
    os.mkfifo(tmp_path / "fifo")
    with pytest.raises(OutputError, match="is a FIFO"):
        ResultsFile.open(tmp_path / "fifo", force=True)
