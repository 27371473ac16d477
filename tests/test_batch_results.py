"""The results file: a line per result, flushed as it is made; read back to resume."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarizer import OutputError
from summarizer.batch.results import BatchResult, ErrorInfo, ResultsFile


def ok(ident: str) -> BatchResult:
    return BatchResult(id=ident, ok=True, requests=1)


def failed(ident: str) -> BatchResult:
    return BatchResult(id=ident, ok=False, error=ErrorInfo(kind="provider", message="boom"))


def line(result: BatchResult) -> str:
    return result.model_dump_json() + "\n"


def test_each_result_is_one_line_on_disk_as_soon_as_it_is_appended(tmp_path: Path) -> None:
    path = tmp_path / "out.jsonl"
    with ResultsFile.open(path) as results:
        results.append(ok("a"))
        # Read while still open: nothing waits for close.
        assert [json.loads(x)["id"] for x in path.read_text().splitlines()] == ["a"]
        results.append(failed("b"))
        rows = [json.loads(x) for x in path.read_text().splitlines()]
    assert [(r["id"], r["ok"]) for r in rows] == [("a", True), ("b", False)]
    assert rows[1]["error"] == {"kind": "provider", "message": "boom"}
    assert results.done == frozenset() and results.written == 2


def test_opening_again_reads_the_ids_done_and_appends_after_them(tmp_path: Path) -> None:
    path = tmp_path / "out.jsonl"
    path.write_text(line(ok("a")) + line(ok("b")))
    with ResultsFile.open(path) as results:
        assert results.done == {"a", "b"} and results.dropped == 0
        results.append(ok("c"))
    assert [json.loads(x)["id"] for x in path.read_text().splitlines()] == ["a", "b", "c"]


def test_a_torn_last_line_is_cut_off(tmp_path: Path) -> None:
    path = tmp_path / "out.jsonl"
    path.write_text(line(ok("a")) + line(ok("b"))[:25])
    with ResultsFile.open(path) as results:
        assert results.done == {"a"} and results.dropped == 1
        results.append(ok("b"))
    lines = path.read_text().splitlines()
    assert [json.loads(x)["id"] for x in lines] == ["a", "b"]


def test_a_whole_last_line_without_its_newline_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "out.jsonl"
    path.write_text(line(ok("a")) + line(ok("b")).rstrip("\n"))
    with ResultsFile.open(path) as results:
        assert results.done == {"a", "b"}
        results.append(ok("c"))
    assert [json.loads(x)["id"] for x in path.read_text().splitlines()] == ["a", "b", "c"]


def test_failures_are_dropped_so_that_they_are_tried_again(tmp_path: Path) -> None:
    path = tmp_path / "out.jsonl"
    path.write_text(line(ok("a")) + line(failed("b")) + line(ok("c")) + line(ok("a")))
    with ResultsFile.open(path) as results:
        assert results.done == {"a", "c"} and results.dropped == 2
        results.append(ok("b"))
    assert [json.loads(x)["id"] for x in path.read_text().splitlines()] == ["a", "c", "b"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.jsonl"]  # no temporary left
    assert not results.unchanged


def test_force_starts_the_file_over(tmp_path: Path) -> None:
    path = tmp_path / "out.jsonl"
    path.write_text(line(ok("a")))
    with ResultsFile.open(path, force=True) as results:
        assert results.done == frozenset()
        results.append(ok("b"))
    assert [json.loads(x)["id"] for x in path.read_text().splitlines()] == ["b"]


def test_a_file_that_holds_something_else_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "articles.jsonl"
    original = '{"text": "an article"}\n{"text": "another"}\n'
    path.write_text(original)
    with pytest.raises(OutputError, match="line 1 is not a batch result"):
        ResultsFile.open(path)
    assert path.read_text() == original


def test_a_missing_folder_fails_at_open(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="no such directory"):
        ResultsFile.open(tmp_path / "missing" / "out.jsonl")


def test_force_replaces_the_file_only_at_the_first_success(tmp_path: Path) -> None:
    path = tmp_path / "out.jsonl"
    earlier = line(ok("a")) + line(ok("b"))
    path.write_text(earlier)
    with ResultsFile.open(path, force=True) as results:
        results.append(failed("c"))
        assert path.read_text() == earlier  # a failure is not worth the earlier results
        results.append(ok("d"))
        assert [json.loads(x)["id"] for x in path.read_text().splitlines()] == ["c", "d"]
        results.append(failed("e"))
    assert [json.loads(x)["id"] for x in path.read_text().splitlines()] == ["c", "d", "e"]
    assert not results.unchanged and sorted(p.name for p in tmp_path.iterdir()) == ["out.jsonl"]


@pytest.mark.parametrize("force", [True, False])
def test_a_run_with_no_success_leaves_the_file_byte_for_byte(tmp_path: Path, force: bool) -> None:
    """Neither --force nor a resume that drops lines (a failure, a repeat, a torn line)
    changes the file until something better than what it held has come."""
    path = tmp_path / "out.jsonl"
    earlier = line(ok("a")) + line(failed("b")) + line(ok("a")) + line(ok("c"))[:20]
    path.write_text(earlier)
    with ResultsFile.open(path, force=force) as results:
        assert results.done == (frozenset() if force else {"a"})
        results.append(failed("b"))
        results.append(failed("d"))
    assert results.unchanged and path.read_text() == earlier
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.jsonl"]  # the copy is gone


def test_a_clean_file_is_appended_to_in_place(tmp_path: Path) -> None:
    path = tmp_path / "out.jsonl"
    path.write_text(line(ok("a")))
    inode = path.stat().st_ino
    with ResultsFile.open(path) as results:
        results.append(failed("b"))
    assert path.stat().st_ino == inode and not results.unchanged
    assert [json.loads(x)["id"] for x in path.read_text().splitlines()] == ["a", "b"]
