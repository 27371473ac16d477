"""``summarizer batch``: ids in every result, resume, --force, shards, exit codes, Ctrl-C."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
from dataclasses import replace
from itertools import chain
from pathlib import Path
from typing import Any

import pytest

from summarizer.batch.report import BatchProgress, Tally
from summarizer.batch.results import BatchResult, ErrorInfo
from summarizer.cli import ExitCode
from summarizer.schema import Usage
from tests.conftest import ROOT
from tests.fakeserver import BatchScript, FakeOpenAI, LineError, Reply, Request, schema_answer
from tests.test_batch import record_of, text
from tests.test_cli import run
from tests.test_faults import ARTICLE, error


def records(path: Path, count: int, **fields: Any) -> Path:
    lines = [json.dumps({"id": f"r{n:03d}", "text": text(n), **fields}) for n in range(count)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def results(path: Path) -> list[dict[str, Any]]:
    data = path.read_text(encoding="utf-8")
    assert data == "" or data.endswith("\n"), "a torn last line"
    return [json.loads(line) for line in data.splitlines()]


def batch(fake: FakeOpenAI, *args: str, cache: bool = False) -> Any:
    """``summarizer batch`` against the fake; without the cache unless asked, so that what a
    test counts is what the results file alone decides."""
    extra = () if cache else ("--no-cache",)
    return run("batch", *args, *extra, "--base-url", fake.base_url, "-m", "test-model")


def test_a_repeated_batch_makes_no_request_and_says_cached(
    fake: FakeOpenAI, tmp_path: Path
) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(
        "".join(json.dumps({"id": f"c{n}", "text": text(n)}) + "\n" for n in range(3)),
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    fake.add(*[schema_answer] * 3)
    assert batch(fake, str(source), "-o", str(out), cache=True).exit_code == 0
    asked = len(fake.requests)
    assert asked == 3
    result = batch(fake, str(source), "-o", str(out), "--force", cache=True)
    assert result.exit_code == 0, result.stderr
    assert len(fake.requests) == asked  # nothing sent the second time
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert sorted(r["id"] for r in records) == ["c0", "c1", "c2"]
    assert all(r["ok"] and r["cached"] and r["requests"] == 0 for r in records)


@pytest.fixture(autouse=True)
def _no_retry_waits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SUMMARIZER_MAX_ATTEMPTS", "1")


def test_every_result_carries_its_input_id(fake: FakeOpenAI, tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(
        json.dumps({"id": "a", "text": text(0)}) + "\n" + json.dumps({"text": text(1)}) + "\n"
    )
    (tmp_path / "one.txt").write_text(text(2), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    fake.add(*[schema_answer] * 3)
    result = batch(fake, str(source), str(tmp_path / "one.txt"), "-o", str(out), "-j", "3")
    assert result.exit_code == 0, result.stderr
    rows = results(out)
    assert sorted(r["id"] for r in rows) == sorted(["a", f"{source}:2", str(tmp_path / "one.txt")])
    assert all(r["ok"] and r["summary"]["headline"] and r["requests"] == 1 for r in rows)
    assert all(r["usage"]["total_tokens"] == 1600 for r in rows)
    assert result.stdout == ""
    table = dict(line.split(None, 1) for line in result.stderr.splitlines()[-7:])
    assert table["articles"] == "3" and table["done"] == "3" and table["failed"] == "0"
    assert table["requests"] == "3" and table["tokens"] == "4,800"


def test_without_o_the_results_go_to_standard_output(tmp_path: Path) -> None:
    source = records(tmp_path / "in.jsonl", 2)
    result = run("batch", str(source), "-m", "offline")
    assert result.exit_code == 0, result.stderr
    assert sorted(json.loads(line)["id"] for line in result.stdout.splitlines()) == [
        "r000", "r001"
    ]  # fmt: skip


def test_published_and_title_are_defaults_a_record_overrides(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    own = {"id": "own", "text": ARTICLE, "published": "2025-01-02", "title": "Own title"}
    source.write_text(json.dumps(own) + "\n" + json.dumps({"id": "bare", "text": ARTICLE}))
    out = tmp_path / "out.jsonl"
    result = run("batch", str(source), "-o", str(out), "-m", "offline",
                 "--published", "2025-09-16", "--title", "Default title")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    sources = {r["id"]: r["summary"]["source"] for r in results(out)}
    assert (sources["own"]["published"], sources["own"]["title"]) == ("2025-01-02", "Own title")
    assert (sources["bare"]["published"], sources["bare"]["title"]) == (
        "2025-09-16", "Default title"
    )  # fmt: skip


def test_summarize_of_records_takes_the_flags_as_defaults_too(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(
        json.dumps({"text": ARTICLE, "published": "2025-01-02"}) + "\n"
        + json.dumps({"text": ARTICLE}) + "\n"
    )  # fmt: skip
    result = run("summarize", str(source), "-m", "offline", "--published", "2025-09-16")
    assert result.exit_code == 0, result.stderr
    days = [json.loads(line)["source"]["published"] for line in result.stdout.splitlines()]
    assert days == ["2025-01-02", "2025-09-16"]


def test_a_duplicate_id_is_an_error_record_and_the_exit_code_is_1(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    row = json.dumps({"id": "x", "text": ARTICLE})
    source.write_text(f"{row}\n{row}\n")
    out = tmp_path / "out.jsonl"
    result = run("batch", str(source), "-o", str(out), "-m", "offline")
    assert result.exit_code == ExitCode.FAILED
    first, dup = sorted(results(out), key=lambda r: r["ok"])[::-1]
    assert first["ok"] and not dup["ok"] and dup["id"] == "x"
    assert dup["error"]["kind"] == "input"
    assert f"first used at {source}:1" in dup["error"]["message"]
    assert f"summarizer: error: x: duplicate id 'x' at {source}:2" in result.stderr


def test_shards_split_the_input_between_runs_with_nothing_lost_or_repeated(
    tmp_path: Path,
) -> None:
    source = records(tmp_path / "in.jsonl", 20)
    parts = []
    for k in (1, 2, 3):
        out = tmp_path / f"part{k}.jsonl"
        result = run("batch", str(source), "-o", str(out), "-m", "offline", "--shard", f"{k}/3")
        assert result.exit_code == 0, result.stderr
        parts.append([r["id"] for r in results(out)])
    every = sorted(chain.from_iterable(parts))
    assert every == sorted(f"r{n:03d}" for n in range(20))
    assert all(parts)


def test_a_second_run_resumes_after_a_torn_line(fake: FakeOpenAI, tmp_path: Path) -> None:
    source = records(tmp_path / "in.jsonl", 4)
    out = tmp_path / "out.jsonl"
    fake.add(*[schema_answer] * 4)
    assert batch(fake, str(source), "-o", str(out)).exit_code == 0
    rows = out.read_text().splitlines()
    # As a crash mid-write leaves it: two results whole, the third cut off, the fourth lost.
    out.write_text(rows[0] + "\n" + rows[1] + "\n" + rows[2][:40])
    done = {json.loads(rows[0])["id"], json.loads(rows[1])["id"]}
    asked = len(fake.requests)
    fake.add(*[schema_answer] * 2)
    result = batch(fake, str(source), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert {record_of(r) for r in fake.requests[asked:]} == {f"r{n:03d}" for n in range(4)} - done
    final = results(out)
    assert sorted(r["id"] for r in final) == [f"r{n:03d}" for n in range(4)]
    assert "already done in" in result.stderr


def test_failed_records_are_tried_again_on_the_next_run(fake: FakeOpenAI, tmp_path: Path) -> None:
    source = records(tmp_path / "in.jsonl", 3)
    out = tmp_path / "out.jsonl"

    def answer(request: Request) -> Reply:
        return error(400) if record_of(request) == "r001" else schema_answer(request)

    fake.add(*[answer] * 3)
    first = batch(fake, str(source), "-o", str(out))
    assert first.exit_code == ExitCode.FAILED
    assert {(r["id"], r["ok"]) for r in results(out)} == {
        ("r000", True), ("r001", False), ("r002", True)
    }  # fmt: skip
    assert "summarizer: error: r001: the model server answered 400" in first.stderr
    fake.add(schema_answer)
    second = batch(fake, str(source), "-o", str(out))
    assert second.exit_code == 0, second.stderr
    assert record_of(fake.requests[-1]) == "r001" and len(fake.requests) == 4
    assert sorted((r["id"], r["ok"]) for r in results(out)) == [
        ("r000", True), ("r001", True), ("r002", True)
    ]  # fmt: skip


def test_force_starts_over(fake: FakeOpenAI, tmp_path: Path) -> None:
    source = records(tmp_path / "in.jsonl", 2)
    out = tmp_path / "out.jsonl"
    fake.add(*[schema_answer] * 4)
    assert batch(fake, str(source), "-o", str(out)).exit_code == 0
    assert batch(fake, str(source), "-o", str(out), "--force").exit_code == 0
    assert len(fake.requests) == 4 and len(results(out)) == 2


def test_an_unwritable_output_fails_before_any_request(fake: FakeOpenAI, tmp_path: Path) -> None:
    source = records(tmp_path / "in.jsonl", 2)
    result = batch(fake, str(source), "-o", str(tmp_path / "missing" / "out.jsonl"))
    assert result.exit_code == ExitCode.OUTPUT
    assert "no such directory" in result.stderr
    assert fake.requests == []  # and the strict server saw nothing else either


def test_an_output_that_is_not_a_results_file_is_left_alone(
    fake: FakeOpenAI, tmp_path: Path
) -> None:
    source = records(tmp_path / "in.jsonl", 2)
    before = source.read_text()
    result = batch(fake, str(tmp_path / "*.txt"), "-o", str(source))
    # The glob matches nothing: the input is refused first, and in any case…
    assert result.exit_code == ExitCode.INPUT
    (tmp_path / "a.txt").write_text(ARTICLE)
    result = batch(fake, str(tmp_path / "a.txt"), "-o", str(source))
    assert result.exit_code == ExitCode.OUTPUT and "not a batch result" in result.stderr
    assert source.read_text() == before and fake.requests == []


def test_a_server_that_names_no_model_fails_the_batch_once(
    fake: FakeOpenAI, tmp_path: Path
) -> None:
    fake.serve_models()  # asked once; no article is sent
    source = records(tmp_path / "in.jsonl", 3)
    result = run("batch", str(source), "-o", str(tmp_path / "out.jsonl"), "--base-url",
                 fake.base_url)  # fmt: skip
    assert result.exit_code == ExitCode.PROVIDER
    assert result.stderr.strip().splitlines() == [
        f"summarizer: error: {fake.base_url} serves no models; pass -m MODEL"
    ]
    assert fake.requests == []


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (["nothing-here.txt"], ExitCode.INPUT, "no such file or directory"),
        (["in.jsonl", "--shard", "5/4"], ExitCode.USAGE, "K/N"),
        (["in.jsonl", "--published", "27/12/2024"], ExitCode.USAGE, "YYYY-MM-DD"),
        (["in.jsonl", "-j", "0"], ExitCode.USAGE, "-j"),
        (["in.jsonl", "-m", "gpt-4o-mini"], ExitCode.CONFIGURATION, "OPENAI_API_KEY"),
    ],
)
def test_exit_codes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], code: int, words: str
) -> None:
    records(tmp_path / "in.jsonl", 1)
    monkeypatch.chdir(tmp_path)
    result = run("batch", *args)
    assert result.exit_code == code, result.stderr
    assert words in result.stderr


def test_the_progress_bar_shows_done_failed_and_tokens() -> None:
    stream = io.StringIO()
    tally = Tally(articles=3)
    with BatchProgress(tally, stream=stream, live=True) as progress:
        progress.add(BatchResult(id="a", ok=True, requests=1,
                                 usage=Usage(prompt_tokens=10, completion_tokens=5,
                                             total_tokens=15)))  # fmt: skip
        progress.add(BatchResult(id="b", ok=False, requests=1,
                                 error=ErrorInfo(kind="provider", message="boom")))  # fmt: skip
    shown = stream.getvalue()
    assert "summarizer: error: b: boom" in shown
    assert "2/3" in shown and "1 failed" in shown and "15 tokens" in shown
    assert (tally.done, tally.failed, tally.requests, tally.tokens) == (1, 1, 2, 15)


def test_interrupted_half_way_the_same_command_finishes_without_asking_twice(
    fake: FakeOpenAI, tmp_path: Path
) -> None:
    """The acceptance: SIGINT a batch of 200 once about half is written, run it again."""
    fake.answer_every(lambda request: replace(schema_answer(request), delay=0.01))
    source = records(tmp_path / "in.jsonl", 200)
    out = tmp_path / "out.jsonl"
    command = [sys.executable, "-m", "summarizer", "batch", str(source), "-o", str(out),
               "--base-url", fake.base_url, "-m", "test-model", "-j", "4"]  # fmt: skip
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
    }

    first = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        while not out.exists() or out.read_bytes().count(b"\n") < 100:
            assert first.poll() is None, first.communicate()[1].decode()
            time.sleep(0.005)  # polling the file, not timing anything
        first.send_signal(signal.SIGINT)
        _, stderr = first.communicate(timeout=120)
    finally:
        if first.poll() is None:
            first.kill()
    assert first.returncode == 130, stderr.decode()
    assert "run the same command again to resume" in stderr.decode()
    done = {r["id"] for r in results(out) if r["ok"]}  # every line whole, valid JSON
    assert 100 <= len(done) < 200
    asked = len(fake.requests)

    second = subprocess.run(command, env=env, capture_output=True, timeout=120)
    assert second.returncode == 0, second.stderr.decode()
    final = results(out)
    ids = [r["id"] for r in final]
    assert len(ids) == len(set(ids)) == 200 and all(r["ok"] for r in final)
    assert not {record_of(r) for r in fake.requests[asked:]} & done
    assert "already done in" in second.stderr.decode()


def test_batch_api_from_the_command_line_and_resumed_by_its_id(
    fake: FakeOpenAI, tmp_path: Path
) -> None:
    """--batch-api: the readable articles go as one batch, its id is printed before the first
    wait, each answer is validated and grounded as a live one, a line the batch could not run
    fails its article only; --batch-id picks the batch up again with nothing re-sent."""
    source = records(tmp_path / "in.jsonl", 3)
    with source.open("a", encoding="utf-8") as more:
        more.write(json.dumps({"id": "blank", "text": " "}) + "\n")
    fake.add_batch(
        BatchScript(
            answers={"r000": schema_answer, "r001": schema_answer, "r002": LineError()},
            statuses=["completed"] * 2,  # one poll, then the resume's read
        )
    )
    out = tmp_path / "out.jsonl"
    done = batch(fake, str(source), "-o", str(out), "--batch-api", "--poll", "1")
    assert done.exit_code == 1, done.stderr  # r002 and blank failed
    (batch_id,) = fake.batches
    assert f"resume it with --batch-id {batch_id}" in done.stderr
    assert f"batch {batch_id}: completed, 2 of 3 answered, 1 failed" in done.stderr
    assert [line["custom_id"] for line in fake.batch_lines] == ["r000", "r001", "r002"]
    assert not any(call.endswith("/chat/completions") for call in fake.calls)  # none live
    got = {r["id"]: r for r in results(out)}
    assert got["r000"]["ok"] and got["r001"]["ok"]
    assert got["r000"]["requests"] == 1 and got["r000"]["usage"]["total_tokens"] == 1600
    assert got["r000"]["summary"]["metadata"]["grounding"]["fields_dropped"] == 0
    assert "could not answer r002" in got["r002"]["error"]["message"]
    assert got["blank"]["error"]["kind"] == "input"

    # Another machine, another results file: the id is all it needs.
    calls = len(fake.calls)
    again = tmp_path / "again.jsonl"
    resumed = batch(fake, str(source), "-o", str(again), "--batch-id", batch_id)
    assert resumed.exit_code == 1, resumed.stderr
    assert not any(c.startswith(("POST /v1/files", "POST /v1/batches")) for c in fake.calls[calls:])
    assert {r["id"]: r["ok"] for r in results(again)} == {
        "r000": True, "r001": True, "r002": False, "blank": False
    }  # fmt: skip
    for record in results(again):
        if record["ok"]:
            first = got[record["id"]]["summary"]  # the same answer, the same summary
            assert {k: v for k, v in record["summary"].items() if k != "metadata"} == {
                k: v for k, v in first.items() if k != "metadata"
            }


def test_batch_api_needs_a_model_server(tmp_path: Path) -> None:
    source = records(tmp_path / "in.jsonl", 1)
    out = tmp_path / "out.jsonl"
    result = run("batch", str(source), "-o", str(out), "-m", "offline", "--batch-api")
    assert result.exit_code == 2
    assert "needs a model of an OpenAI-compatible server" in result.stderr
    assert not out.exists()  # a usage error, before anything is written


def test_batch_api_with_everything_done_sends_no_batch(fake: FakeOpenAI, tmp_path: Path) -> None:
    source = records(tmp_path / "in.jsonl", 2)
    out = tmp_path / "out.jsonl"
    fake.add(*[schema_answer] * 2)
    assert batch(fake, str(source), "-o", str(out)).exit_code == 0
    calls = len(fake.calls)
    result = batch(fake, str(source), "-o", str(out), "--batch-api")
    assert result.exit_code == 0, result.stderr
    assert "nothing to send to the Batch API" in result.stderr
    assert fake.calls[calls:] == []


def test_a_forced_batch_where_nothing_succeeds_keeps_the_earlier_results(
    fake: FakeOpenAI, tmp_path: Path
) -> None:
    """--force used to empty the file at the start: a run that then failed every article
    (here the server fails them all) lost every earlier result."""
    source = records(tmp_path / "in.jsonl", 3)
    out = tmp_path / "out.jsonl"
    fake.add(*[schema_answer] * 3)
    assert batch(fake, str(source), "-o", str(out)).exit_code == 0
    earlier = out.read_bytes()
    fake.add(*[error(400)] * 3)
    result = batch(fake, str(source), "-o", str(out), "--force")
    assert result.exit_code == ExitCode.FAILED
    assert f"no article succeeded in this run, so {out} is left as it was" in result.stderr
    assert out.read_bytes() == earlier
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl", "out.jsonl"]


def test_a_forced_batch_that_stops_before_any_article_keeps_the_file(
    fake: FakeOpenAI, tmp_path: Path
) -> None:
    fake.serve_models()  # the server names no model: the batch stops before its first article
    source = records(tmp_path / "in.jsonl", 2)
    out = tmp_path / "out.jsonl"
    earlier = BatchResult(id="r000", ok=True).model_dump_json() + "\n"
    out.write_text(earlier)
    result = run("batch", str(source), "-o", str(out), "--force", "--base-url", fake.base_url)
    assert result.exit_code == ExitCode.PROVIDER
    assert out.read_text() == earlier
