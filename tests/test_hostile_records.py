"""Hostile records: a line nested 100,000 deep, a lone surrogate, invalid UTF-8, a number
too long to read, a value that is not an object. Each is an error for its own line (or, in a
``.json`` file, for the file); the other records are read and summarised."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from summarizer.batch.results import ResultsFile
from summarizer.cli import ExitCode
from summarizer.errors import InputError, OutputError
from summarizer.input.records import iter_lines, iter_records
from tests.test_cli import run
from tests.test_faults import ARTICLE

DEEP = b"[" * 100_000 + b"]" * 100_000
HOSTILE: list[tuple[bytes, str]] = [
    (DEEP, "not readable JSON (nested too deeply)"),
    (b'{"text": ' + b"[" * 100_000 + b"]" * 100_000 + b"}", "not readable JSON (nested too"),
    (b'{"text": "a", "n": 1' + b"0" * 5000 + b"}", "not readable JSON (a number with too many"),
    (b'{"text": "\x00\x01\x02\x03\x04\x05"}', "looks like a binary file"),
    (b"42", "not a JSON object"),
    (b'"a string"', "not a JSON object"),
    (b"null", "not a JSON object"),
    (b'{"text": "a", "published": 1e999}', 'bad "published" date inf'),
]


def test_each_hostile_line_is_an_error_for_that_line_and_reading_goes_on() -> None:
    good = json.dumps({"id": "good", "text": ARTICLE}).encode()
    lines = [good] + [line for line, _ in HOSTILE] + [good.replace(b"good", b"last")]
    records = list(iter_lines(line + b"\n" for line in lines))
    assert [r.line for r in records] == list(range(1, len(lines) + 1))
    assert records[0].article is not None and records[-1].article is not None
    for record, (_, words) in zip(records[1:-1], HOSTILE, strict=True):
        assert record.article is None and record.error is not None
        assert record.error.startswith(f"line {record.line}: {words}"), record.error


def test_a_lone_surrogate_becomes_the_replacement_character_in_every_field() -> None:
    line = json.dumps(
        {
            "id": "a\ud800",
            "text": f"Flood \udfff waters. {ARTICLE}",
            "title": "T\ud83d",
            "url": "https://x.example/\udc00",
        }
    )
    assert "\\ud800" in line  # JSON spells it, json.loads accepts it
    (record,) = iter_lines([line.encode()])
    assert record.article is not None and record.id == "a\ufffd"
    assert record.article.text.startswith("Flood \ufffd waters.")
    assert record.article.title == "T\ufffd" and record.article.url == "https://x.example/\ufffd"
    assert record.article.text.encode("utf-8")  # writable now, as it was not


def test_a_json_file_nested_too_deeply_is_an_input_error_for_the_file(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_bytes(DEEP)
    with pytest.raises(InputError, match=r"deep.json: not readable JSON \(nested too deeply\)"):
        iter_records(path)


def test_a_batch_of_hostile_lines_keeps_the_good_records(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    good = [
        json.dumps({"id": "good", "text": ARTICLE}).encode(),
        json.dumps({"id": "surrogate\ud800", "text": ARTICLE.replace("Sunday", "Sun\udc00day")})
        .encode(),
    ]  # fmt: skip
    source.write_bytes(b"\n".join([good[0], *(line for line, _ in HOSTILE), good[1]]) + b"\n")
    out = tmp_path / "out.jsonl"
    result = run("batch", str(source), "-o", str(out), "-m", "offline")
    assert result.exit_code == ExitCode.FAILED, result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    rows: dict[str, Any] = {}
    for line in out.read_bytes().decode("utf-8").splitlines():  # all of it UTF-8
        row = json.loads(line)
        rows[row["id"]] = row
    assert rows["good"]["ok"] and rows["surrogate\ufffd"]["ok"]
    assert "Sun\ufffdday" in rows["surrogate\ufffd"]["summary"]["source"]["text"]
    for number in range(2, 2 + len(HOSTILE)):
        row = rows[f"{source}:{number}"]
        assert not row["ok"] and row["error"]["kind"] == "input"
        assert row["error"]["message"].startswith(f"{source}: line {number}: ")
    assert len(rows) == 2 + len(HOSTILE)


def test_summarize_of_hostile_records_reports_each_and_writes_the_good_ones(
    tmp_path: Path,
) -> None:
    source = tmp_path / "in.jsonl"
    good = json.dumps({"text": ARTICLE}).encode()
    source.write_bytes(b"\n".join([good, DEEP, b'{"text": "\x00\x01\x02\x03"}', good]) + b"\n")
    result = run("summarize", str(source), "-m", "offline")
    assert result.exit_code == ExitCode.FAILED
    assert len(result.stdout.splitlines()) == 2
    assert f"{source}:2: line 2: not readable JSON (nested too deeply)" in result.stderr
    assert f"{source}:3: line 3: looks like a binary file" in result.stderr
    assert "2 summarized, 2 failed" in result.stderr


def test_a_results_file_with_a_hostile_line_is_refused_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "out.jsonl"
    path.write_bytes(DEEP + b"\n")
    with pytest.raises(OutputError, match="line 1 is not a batch result"):
        ResultsFile.open(path)
    assert path.read_bytes() == DEEP + b"\n"
