"""`summarizer cache info|clear` and `summarizer logs`: what is kept, said plainly, and help
that teaches where the files are."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from summarizer.cli import ExitCode, app
from summarizer.store.cache import Cache
from summarizer.store.paths import cache_file, log_file
from summarizer.store.runlog import RunLog
from tests.test_architecture import cli, loaded_after
from tests.test_store import a_summary, begin, entry, usage

runner = CliRunner()


def run(*args: str) -> Any:
    return runner.invoke(app, list(args))


def fill_cache(count: int) -> None:
    with Cache() as cache:
        for i in range(count):
            cache.put(f"key-{i}", a_summary())


def log_runs() -> tuple[str, str]:
    """An older finished batch (one failure, one cached) and a newer unfinished run."""
    with RunLog() as runlog:
        done = begin(runlog, model="gpt-4o-mini")
        entry(runlog, done, "a.txt", usage=usage(1500), cost_usd=0.0003)
        entry(runlog, done, "b.txt", cached=True, requests=0, cost_usd=0.0)
        entry(runlog, done, "c.txt", ok=False, usage=usage(2500), cost_usd=0.0005, error="bad")
        runlog.finish(done)
        running = begin(runlog, model="llama3.1", provider="openai-compatible",
                        base_url="http://localhost:8000/v1")  # fmt: skip
    return done, running


# summarizer cache ----------------------------------------------------------------------------


def test_cache_info_before_any_run_says_so_and_creates_nothing() -> None:
    result = run("cache", "info")
    assert result.exit_code == 0, result.output
    assert f"path     {cache_file()}" in result.stdout
    assert "entries  0 (no cache yet" in result.stdout
    assert not cache_file().exists()


def test_cache_info_shows_entries_size_oldest_and_newest() -> None:
    fill_cache(3)
    result = run("cache", "info")
    assert result.exit_code == 0, result.output
    lines = dict(line.split(None, 1) for line in result.stdout.splitlines())
    assert lines["path"] == str(cache_file())
    assert lines["entries"] == "3"
    assert lines["size"].endswith(" bytes)") and lines["oldest"] != "-" != lines["newest"]
    assert result.stderr == ""


def test_cache_clear_says_how_many_were_removed_and_from_where() -> None:
    fill_cache(2)
    result = run("cache", "clear")
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert f"Removed 2 cached summaries from {cache_file()}" in result.stderr
    assert "run log" in result.stderr and "kept" in result.stderr
    assert "entries  0" in run("cache", "info").stdout
    assert "Removed 0 cached summaries" in run("cache", "clear").stderr


def test_cache_clear_with_no_cache_says_there_is_nothing_to_clear() -> None:
    result = run("cache", "clear")
    assert result.exit_code == 0, result.output
    assert result.stderr.strip() == f"No cache at {cache_file()}: nothing to clear."
    assert not cache_file().exists()


def test_a_damaged_cache_is_one_line_exit_3_and_cache_clear_removes_it() -> None:
    cache_file().write_bytes(b"not sqlite at all\n" * 64)
    info = run("cache", "info")
    assert info.exit_code == ExitCode.CONFIGURATION, info.output
    lines = info.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("summarizer: error: the cache ")
    assert "damaged" in lines[0] and "summarizer cache clear" in lines[0]
    assert "Traceback" not in info.stderr
    cleared = run("cache", "clear")
    assert cleared.exit_code == 0, cleared.output
    assert f"Removed the cache file {cache_file()}" in cleared.stderr
    assert not cache_file().exists()
    fill_cache(1)  # and a new one works
    assert "entries  1" in run("cache", "info").stdout


def test_cache_clear_removes_a_file_a_newer_summarizer_wrote() -> None:
    fill_cache(1)
    with sqlite3.connect(cache_file()) as other:
        other.execute("UPDATE schema_version SET version = 50")  # a newer summarizer's file
    other.close()
    cleared = run("cache", "clear")
    assert cleared.exit_code == 0 and not cache_file().exists()


# summarizer logs -----------------------------------------------------------------------------


def test_logs_before_any_run_says_no_runs_logged_yet() -> None:
    result = run("logs")
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert "No runs logged yet" in result.stderr and str(log_file()) in result.stderr
    assert not log_file().exists()
    as_json = run("logs", "--json")
    assert as_json.exit_code == 0 and json.loads(as_json.stdout) == []


def test_logs_lists_recent_runs_newest_first_with_their_totals() -> None:
    done, running = log_runs()
    result = run("logs")
    assert result.exit_code == 0, result.output
    header, newest, older = result.stdout.splitlines()
    assert header.split() == [
        "id", "when", "command", "model", "articles", "failed", "cached", "tokens", "cost",
    ]  # fmt: skip
    assert newest.startswith(running) and "(unfinished)" in newest and "llama3.1" in newest
    assert newest.split()[-5:] == ["0", "0", "0", "0", "-"]
    assert older.startswith(done) and "gpt-4o-mini" in older and "unfinished" not in older
    assert older.split()[-5:] == ["3", "1", "1", "4,000", "$0.0008"]


def test_logs_limit_and_json() -> None:
    done, running = log_runs()
    limited = run("logs", "--limit", "1")
    assert len(limited.stdout.splitlines()) == 2 and running in limited.stdout
    rows = json.loads(run("logs", "-n", "5", "--json").stdout)
    assert [row["id"] for row in rows] == [running, done]
    assert rows[1] | {"started": "", "finished": ""} == {
        "id": done, "started": "", "finished": "", "command": "batch", "model": "gpt-4o-mini",
        "provider": "openai", "base_url": None, "articles": 3, "failed": 1, "cached": 1,
        "requests": 2, "tokens": 4000, "cost_usd": rows[1]["cost_usd"],
    }  # fmt: skip
    assert abs(rows[1]["cost_usd"] - 0.0008) < 1e-12
    assert rows[0]["finished"] is None and rows[0]["base_url"] == "http://localhost:8000/v1"
    assert run("logs", "--limit", "0").exit_code == ExitCode.USAGE


def test_logs_path_prints_where_the_run_log_is() -> None:
    for args in (["logs", "path"], ["logs", "--path"]):
        result = run(*args)
        assert result.exit_code == 0, result.output
        assert result.stdout == f"{log_file()}\n"
    assert not log_file().exists()


def test_a_damaged_run_log_is_one_line_exit_3() -> None:
    log_file().write_bytes(b"\x00" * 4096 + b"junk")
    result = run("logs")
    assert result.exit_code == ExitCode.CONFIGURATION, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "run log" in lines[0] and "damaged" in lines[0]


# Help that teaches ---------------------------------------------------------------------------


def test_help_says_where_the_files_are_and_gives_examples() -> None:
    for args, words in [
        (["cache", "--help"], ["SUMMARIZER_CACHE_DIR", "summarizer cache info", "--no-cache",
                               "~/.cache/summarizer"]),
        (["cache", "info", "--help"], ["SUMMARIZER_CACHE_DIR", "Examples"]),
        (["cache", "clear", "--help"], ["run log", "Examples", "damaged"]),
        (["logs", "--help"], ["SUMMARIZER_DATA_DIR", "summarizer logs path", "--no-log",
                              "--limit", "--json", "sqlite3", "never"]),
        (["logs", "path", "--help"], ["SUMMARIZER_DATA_DIR"]),
    ]:  # fmt: skip
        result = run(*args)
        assert result.exit_code == 0, result.output
        text = "".join(result.stdout.split())  # help is wrapped, at hyphens too
        for word in words:
            assert "".join(word.split()) in text, (args, word)
    top = run("--help").stdout
    assert "cache" in top and "logs" in top


def test_the_store_commands_load_no_sdk(tmp_path: Path) -> None:
    steps = {
        "cache info": cli("cache", "info"),
        "cache clear": cli("cache", "clear"),
        "logs": cli("logs"),
        "logs --json": cli("logs", "--json"),
    }
    assert loaded_after(steps) == {name: [] for name in steps}
