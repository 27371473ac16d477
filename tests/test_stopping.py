"""Stopping, as a real process does: Ctrl-C (130), SIGTERM (143) and a reader of standard
output that goes away (141) each end the run with at most one line on stderr, no traceback,
no partial file, and a batch that resumes.

Each test starts ``python -m summarizer`` and waits (generously) for it to reach the point
where the signal should land: a request at the fake server, lines in the results file.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from summarizer.batch.results import BatchResult
from summarizer.cli import ExitCode
from tests.conftest import ROOT
from tests.fakeserver import FakeOpenAI, Reply, schema_answer
from tests.test_batch import record_of, text
from tests.test_faults import ARTICLE

ENV = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
WAIT = 120.0  # seconds: generous, for a loaded machine; nothing is timed


def command(*args: str) -> list[str]:
    return [sys.executable, "-m", "summarizer", *args]


@contextmanager
def started(args: list[str], **kwargs: Any) -> Iterator[subprocess.Popen[bytes]]:
    process = subprocess.Popen(args, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               **kwargs)  # fmt: skip
    try:
        yield process
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()


def wait_until(process: subprocess.Popen[bytes], ready: Callable[[], bool]) -> None:
    deadline = time.monotonic() + WAIT
    while not ready():
        if process.poll() is not None:
            pytest.fail(f"ended before the signal: {process.communicate()[1].decode()}")
        assert time.monotonic() < deadline, "the process never got there"
        time.sleep(0.01)  # polling, not timing anything


def stop(process: subprocess.Popen[bytes], signum: int) -> tuple[str, str]:
    process.send_signal(signum)
    out, err = process.communicate(timeout=WAIT)
    return out.decode(), err.decode()


def records(path: Path, count: int) -> Path:
    path.write_text(
        "".join(json.dumps({"id": f"r{n:03d}", "text": text(n)}) + "\n" for n in range(count))
    )
    return path


def lines(path: Path) -> list[dict[str, Any]]:
    data = path.read_text()
    assert data == "" or data.endswith("\n"), "a torn last line"
    return [json.loads(line) for line in data.splitlines()]


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".part"))


def slow(seconds: float) -> Callable[[Any], Reply]:
    return lambda request: replace(schema_answer(request), delay=seconds)


@pytest.mark.parametrize(
    ("signum", "code", "said"),
    [
        (signal.SIGINT, ExitCode.INTERRUPTED, "summarizer: interrupted"),
        (signal.SIGTERM, ExitCode.TERMINATED, "summarizer: terminated"),
    ],
)
def test_a_signal_while_summarize_waits_for_the_model_is_one_line_and_no_file(
    fake: FakeOpenAI, tmp_path: Path, signum: int, code: int, said: str
) -> None:
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE)
    out = tmp_path / "out.json"
    fake.add(Reply(delay=WAIT))  # answered long after the test is over
    args = command("summarize", str(article), "-o", str(out), "--base-url", fake.base_url,
                   "-m", "m")  # fmt: skip
    with started(args) as process:
        wait_until(process, lambda: bool(fake.requests))
        stdout, stderr = stop(process, signum)
    assert process.returncode == code, stderr
    assert stderr == f"{said}\n" and stdout == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["article.txt"]  # no -o, no .part


def test_sigterm_stops_a_batch_like_ctrl_c_and_the_same_command_resumes(
    fake: FakeOpenAI, tmp_path: Path
) -> None:
    fake.answer_every(slow(0.01))
    source = records(tmp_path / "in.jsonl", 60)
    out = tmp_path / "out.jsonl"
    args = command("batch", str(source), "-o", str(out), "--base-url", fake.base_url,
                   "-m", "test-model", "-j", "4", "--no-cache")  # fmt: skip
    with started(args) as process:
        wait_until(process, lambda: out.exists() and out.read_bytes().count(b"\n") >= 20)
        _, stderr = stop(process, signal.SIGTERM)
    assert process.returncode == ExitCode.TERMINATED, stderr
    assert "Traceback" not in stderr
    assert "summarizer: terminated: " in stderr and "run the same command again" in stderr
    done = {r["id"] for r in lines(out) if r["ok"]}  # every line whole
    assert 20 <= len(done) < 60 and leftovers(tmp_path) == []
    asked = len(fake.requests)

    again = subprocess.run(args, env=ENV, capture_output=True, timeout=WAIT)
    assert again.returncode == 0, again.stderr.decode()
    final = lines(out)
    assert sorted(r["id"] for r in final) == [f"r{n:03d}" for n in range(60)]
    assert not {record_of(r) for r in fake.requests[asked:]} & done  # none asked twice


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_a_batch_stopped_before_its_first_success_leaves_the_file_as_it_was(
    fake: FakeOpenAI, tmp_path: Path, signum: int
) -> None:
    """--force starts the file over only once a result succeeds: stopped before that, the
    results of the earlier run are all still there, byte for byte."""
    source = records(tmp_path / "in.jsonl", 3)
    out = tmp_path / "out.jsonl"
    earlier = "".join(BatchResult(id=f"old{n}", ok=True).model_dump_json() + "\n" for n in (1, 2))
    out.write_text(earlier)
    fake.answer_every(slow(WAIT))
    args = command("batch", str(source), "-o", str(out), "--force", "--base-url", fake.base_url,
                   "-m", "test-model", "--no-cache")  # fmt: skip
    with started(args) as process:
        wait_until(process, lambda: bool(fake.requests))
        _, stderr = stop(process, signum)
    assert process.returncode == 128 + signum, stderr
    assert f"{out} is as it was; run the same command again to resume" in stderr
    assert out.read_text() == earlier and leftovers(tmp_path) == []


@pytest.fixture
def closed_pipe() -> Iterator[int]:
    """The writing end of a pipe whose reader has already gone: every write fails (EPIPE),
    as under ``| head -1`` once head has its line, with no race about when it leaves."""
    read, write = os.pipe()
    os.close(read)
    yield write
    os.close(write)


@pytest.mark.parametrize("format", ["json", "md", "table"])
def test_summarize_into_a_pipe_whose_reader_left_exits_141_quietly(
    tmp_path: Path, closed_pipe: int, format: str
) -> None:
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE)
    done = subprocess.run(
        command("summarize", str(article), "-m", "offline", "-f", format),
        stdout=closed_pipe, stderr=subprocess.PIPE, env=ENV, timeout=WAIT,
    )  # fmt: skip
    assert done.returncode == ExitCode.PIPE_CLOSED
    assert done.stderr == b""  # no BrokenPipeError, no traceback, not even the report


@pytest.mark.parametrize("inputs", ["file", "stdin"])
def test_batch_to_a_pipe_whose_reader_left_exits_141_quietly(
    tmp_path: Path, closed_pipe: int, inputs: str
) -> None:
    source = records(tmp_path / "in.jsonl", 5)
    args = command("batch", str(source) if inputs == "file" else "-", "-m", "offline")
    done = subprocess.run(
        args, stdout=closed_pipe, stderr=subprocess.PIPE, env=ENV, timeout=WAIT,
        input=source.read_bytes() if inputs == "stdin" else None,
    )  # fmt: skip
    assert done.returncode == ExitCode.PIPE_CLOSED
    assert done.stderr == b""


@pytest.mark.parametrize("args", [["--help"], ["--version"], ["schema"], ["batch", "--help"]])
def test_help_and_other_commands_into_a_closed_pipe_exit_141_quietly(
    closed_pipe: int, args: list[str]
) -> None:
    done = subprocess.run(
        command(*args), stdout=closed_pipe, stderr=subprocess.PIPE, env=ENV, timeout=WAIT
    )
    assert (done.returncode, done.stderr) == (ExitCode.PIPE_CLOSED, b"")


def test_a_reader_that_takes_one_line_and_leaves_ends_the_batch_quietly(tmp_path: Path) -> None:
    """``summarizer batch … | head -1`` for real: head leaves after the first result."""
    source = records(tmp_path / "in.jsonl", 40)
    shell = (
        f"{' '.join(command('batch', str(source), '-m', 'offline'))} 2>{tmp_path / 'err'} "
        '| head -n 1; echo "${PIPESTATUS[0]}"'
    )
    done = subprocess.run(["bash", "-c", shell], capture_output=True, env=ENV, timeout=WAIT)
    first, status = done.stdout.decode().splitlines()
    assert json.loads(first)["id"] == "r000"
    assert status in ("0", "141")  # 0 only if all 40 fitted in the pipe before head left
    assert (tmp_path / "err").read_text() == "" or status == "0"
