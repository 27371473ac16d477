"""The cache and the run log: keys that name exactly what was summarised, summaries that come
back equal, files shared by threads and processes, and one clear line when a file is unusable."""

from __future__ import annotations

import asyncio
import logging
import os
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from pathlib import Path
from typing import Any

import platformdirs
import pytest

from summarizer import StoreError, StructuredSummary, load, summarize
from summarizer.schema import Usage
from summarizer.secrets import scrub_urls, strip_credentials
from summarizer.store.cache import Cache, cache_key
from summarizer.store.paths import cache_dir, cache_file, data_dir, log_file
from summarizer.store.runlog import RunLog, new_id
from tests.conftest import EXAMPLES, PUBLISHED, ROOT

IDENTITY: dict[str, str | int | float | None] = {
    "provider": "openai-compatible",
    "base_url": "http://127.0.0.1:8000/v1",
    "model": "llama3.1",
    "mode": "json_schema",
    "prompt_version": "summary-v3",
    "schema_version": "2.1",
    "summarizer_version": "0.1.0",
    "max_reasks": 2,
    "published": "2024-12-27",
}


@cache
def summary_json(name: str) -> str:
    """A real summary (the offline extractor's), made once per session."""
    article = load(EXAMPLES / f"{name}.txt")
    return summarize(article, published=PUBLISHED[name]).model_dump_json()


def a_summary(name: str = "conflict") -> StructuredSummary:
    return StructuredSummary.model_validate_json(summary_json(name))


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Cache]:
    with Cache(tmp_path / "cache.sqlite3") as opened:
        yield opened


@pytest.fixture
def runlog(tmp_path: Path) -> Iterator[RunLog]:
    with RunLog(tmp_path / "logs.sqlite3") as opened:
        yield opened


# Where the files live ------------------------------------------------------------------------


def test_the_environment_moves_the_cache_and_the_run_log(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("SUMMARIZER_CACHE_DIR", str(tmp_path / "c"))
    monkeypatch.setenv("SUMMARIZER_DATA_DIR", str(tmp_path / "d"))
    assert cache_file() == cache_dir() / "cache.sqlite3" == tmp_path / "c" / "cache.sqlite3"
    assert log_file() == data_dir() / "logs.sqlite3" == tmp_path / "d" / "logs.sqlite3"


def test_without_the_environment_the_platform_folders_are_used(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("SUMMARIZER_CACHE_DIR")
    monkeypatch.setenv("SUMMARIZER_DATA_DIR", "  ")  # blank is unset
    assert cache_dir() == Path(platformdirs.user_cache_dir("summarizer", appauthor=False))
    assert data_dir() == Path(platformdirs.user_data_dir("summarizer", appauthor=False))


def test_a_relative_folder_is_made_absolute(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SUMMARIZER_CACHE_DIR", "here")
    assert cache_dir() == tmp_path / "here"


def test_the_autouse_fixture_keeps_tests_out_of_the_real_home() -> None:
    assert cache_dir().is_dir() and data_dir().is_dir()  # this test's own temporary folders
    assert cache_dir() != Path(platformdirs.user_cache_dir("summarizer", appauthor=False))
    assert data_dir() != Path(platformdirs.user_data_dir("summarizer", appauthor=False))


# Keys ----------------------------------------------------------------------------------------


def test_the_same_text_and_identity_give_the_same_key_in_any_order() -> None:
    key = cache_key("The river rose.", IDENTITY)
    assert len(key) == 64 and set(key) <= set("0123456789abcdef")
    assert cache_key("The river rose.", dict(reversed(list(IDENTITY.items())))) == key
    assert cache_key("The river rose.", dict(IDENTITY)) == key


def test_keys_are_stable_across_processes_and_releases() -> None:
    # Pinned: a change here empties every user's cache, so it must be deliberate (KEY_FORMAT).
    assert cache_key("The river rose.", {"model": "m", "max_reasks": 2}) == (
        "83d3bb9622f1ba6039b9bb81d2880e1dbdf6868c5bfe8bf7df14dd0a25d01739"
    )


@pytest.mark.parametrize("field", sorted(IDENTITY))
def test_each_identity_field_changes_the_key(field: str) -> None:
    base = cache_key("The river rose.", IDENTITY)
    value = IDENTITY[field]
    changed = {**IDENTITY, field: (value + 1) if isinstance(value, int) else f"{value}x"}
    assert cache_key("The river rose.", changed) != base
    assert cache_key("The river rose.", {**IDENTITY, field: None}) != base
    without = {name: v for name, v in IDENTITY.items() if name != field}
    assert cache_key("The river rose.", without) != base


@pytest.mark.parametrize(
    "text", ["The river rose", "The river rose. ", "the river rose.", "The river rose\u2019."]
)
def test_any_change_to_the_text_changes_the_key(text: str) -> None:
    assert cache_key(text, IDENTITY) != cache_key("The river rose.", IDENTITY)


def test_a_number_and_its_spelling_as_text_are_different_values() -> None:
    keys = {cache_key("t", {"max_reasks": value}) for value in (1, "1", 1.0, None)}
    assert len(keys) == 4


def test_text_and_identity_cannot_be_confused() -> None:
    assert cache_key("a", {"b": "c"}) != cache_key("c", {"b": "a"})
    assert cache_key("", {"text": "a"}) != cache_key("a", {})


def test_any_text_has_a_key_lone_surrogates_included() -> None:
    assert cache_key("caf\u00e9 \ud800", {}) != cache_key("caf\u00e9 ", {})


def test_an_identity_value_must_be_a_scalar() -> None:
    with pytest.raises(TypeError, match="model"):
        cache_key("t", {"model": ["a", "b"]})  # type: ignore[dict-item]


# The cache -----------------------------------------------------------------------------------


def test_a_stored_summary_comes_back_equal(store: Cache) -> None:
    summary = a_summary()
    key = cache_key(summary.source.text, IDENTITY)
    assert store.get(key) is None
    store.put(key, summary)
    assert store.get(key) == summary
    assert store.get(key) is not summary


def test_entries_outlive_the_object_that_wrote_them(tmp_path: Path) -> None:
    summary = a_summary("business")
    with Cache(tmp_path / "c.sqlite3") as first:
        first.put("k", summary)
    with Cache(tmp_path / "c.sqlite3") as second:
        assert second.get("k") == summary


def test_a_second_put_replaces_the_first(store: Cache) -> None:
    store.put("k", a_summary("conflict"))
    store.put("k", a_summary("disaster"))
    assert store.get("k") == a_summary("disaster")
    assert store.info().entries == 1


def test_info_counts_entries_and_bytes_and_clear_removes_them(store: Cache) -> None:
    empty = store.info()
    assert (empty.entries, empty.oldest, empty.newest) == (0, None, None)
    assert empty.path == store.path
    for name in ("conflict", "business", "politics"):
        store.put(name, a_summary(name))
    info = store.info()
    assert info.entries == 3 and info.bytes > 0
    assert info.oldest is not None and info.newest is not None and info.oldest <= info.newest
    assert info.oldest.utcoffset() is not None  # aware: UTC
    assert store.clear() == 3
    assert store.info().entries == 0 and store.get("conflict") is None
    assert store.clear() == 0


def test_an_entry_that_no_longer_validates_is_a_miss_and_is_removed(store: Cache) -> None:
    store.put("k", a_summary())
    with sqlite3.connect(store.path) as other:
        other.execute("UPDATE summaries SET summary = '{\"headline\": 1}'")
    other.close()
    assert store.get("k") is None
    assert store.info().entries == 0


def test_the_file_is_in_wal_mode_so_readers_never_wait_for_a_writer(store: Cache) -> None:
    store.put("k", a_summary())
    other = sqlite3.connect(store.path)
    assert other.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    other.close()


def test_many_threads_share_one_cache(store: Cache) -> None:
    summary = a_summary()

    def work(n: int) -> bool:
        for i in range(20):
            store.put(f"{n}-{i}", summary)
        return all(store.get(f"{n}-{i}") == summary for i in range(20))

    with ThreadPoolExecutor(8) as pool:
        assert all(pool.map(work, range(8)))
    assert store.info().entries == 160


def test_clearing_while_other_threads_write_is_safe(store: Cache) -> None:
    # One connection, many threads: a transaction (clear) must not interleave with others.
    summary = a_summary()

    def work(n: int) -> None:
        for i in range(30):
            if n % 2:
                store.clear()
            else:
                store.put(f"{n}-{i}", summary)

    with ThreadPoolExecutor(8) as pool:
        list(pool.map(work, range(8)))  # re-raises what a thread raised
    store.put("last", summary)
    assert store.get("last") == summary


def test_many_connections_write_one_file_at_once(tmp_path: Path) -> None:
    """Each thread with its own Cache on one file: writers queue on the busy timeout."""
    summary, path = a_summary(), tmp_path / "shared.sqlite3"
    start = threading.Barrier(6)

    def work(n: int) -> None:
        try:
            mine = Cache(path)
        except BaseException:
            start.abort()  # the others stop waiting
            raise
        with mine:
            start.wait()
            for i in range(15):
                mine.put(f"{n}-{i}", summary)

    with ThreadPoolExecutor(6) as pool:
        list(pool.map(work, range(6)))
    with Cache(path) as check:
        assert check.info().entries == 90
        assert check.get("5-14") == summary


async def test_an_event_loop_uses_the_cache_from_worker_threads(store: Cache) -> None:
    summary = a_summary()
    await asyncio.gather(*(asyncio.to_thread(store.put, f"k{i}", summary) for i in range(16)))
    found = await asyncio.gather(*(asyncio.to_thread(store.get, f"k{i}") for i in range(16)))
    assert found == [summary] * 16


WRITER = """
import sys
from pathlib import Path
from summarizer.schema import StructuredSummary
from summarizer.store.cache import Cache

path, name, summary_file = sys.argv[1:]
summary = StructuredSummary.model_validate_json(Path(summary_file).read_text())
with Cache(Path(path)) as cache:
    print("ready", flush=True)
    sys.stdin.readline()  # the parent says go once both are open
    for i in range(40):
        cache.put(f"{name}-{i}", summary)
        assert cache.get(f"{name}-{i}") == summary
print("done", flush=True)
"""


def test_two_processes_share_one_cache_file(tmp_path: Path) -> None:
    path, summary_file = tmp_path / "cache.sqlite3", tmp_path / "summary.json"
    summary_file.write_text(summary_json("conflict"), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), name, str(summary_file)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for name in ("a", "b")
    ]
    try:
        for writer in writers:
            assert writer.stdout is not None and writer.stdout.readline() == "ready\n"
        for writer in writers:
            assert writer.stdin is not None
            writer.stdin.write("go\n")
            writer.stdin.flush()
        for writer in writers:
            out, err = writer.communicate(timeout=120)
            assert writer.returncode == 0 and out == "done\n", err
    finally:
        for writer in writers:
            if writer.poll() is None:
                writer.kill()
                writer.communicate()
    with Cache(path) as cache:
        assert cache.info().entries == 80
        assert cache.get("a-39") == cache.get("b-0") == a_summary()


# A cache that cannot be used -----------------------------------------------------------------


def assert_one_line(error: StoreError, *words: str) -> None:
    message = str(error)
    assert "\n" not in message
    for word in words:
        assert word in message, message


def test_a_damaged_file_is_one_clear_error_that_says_how_to_clear_it(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    path.write_bytes(b"this is not a database, it is a shopping list\n" * 100)
    with pytest.raises(StoreError) as caught:
        Cache(path)
    assert caught.value.unreadable
    assert_one_line(caught.value, str(path), "damaged", "summarizer cache clear", "--no-cache")


def test_a_file_from_a_newer_summarizer_is_refused_not_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    Cache(path).close()
    with sqlite3.connect(path) as other:
        other.execute("UPDATE schema_version SET version = 99")
    other.close()
    with pytest.raises(StoreError) as caught:
        Cache(path)
    assert caught.value.unreadable
    assert_one_line(caught.value, str(path), "newer summarizer", "format 99")
    with sqlite3.connect(path) as other:
        assert other.execute("SELECT version FROM schema_version").fetchone() == (99,)
    other.close()


def test_an_older_format_is_emptied_and_used(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    with sqlite3.connect(path) as old:
        old.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
        old.execute("INSERT INTO schema_version VALUES (0)")
        old.execute("CREATE TABLE summaries (key TEXT, pickle BLOB)")
        old.execute("INSERT INTO summaries VALUES ('k', x'00')")
    old.close()
    with Cache(path) as cache:
        assert cache.info().entries == 0
        cache.put("k", a_summary())
        assert cache.get("k") == a_summary()


def test_another_programs_database_is_not_written_into(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    with sqlite3.connect(path) as other:
        other.execute("CREATE TABLE photos (name TEXT)")
    other.close()
    with pytest.raises(StoreError) as caught:
        Cache(path)
    assert caught.value.unreadable
    assert_one_line(caught.value, str(path), "not a summarizer cache")


def test_a_file_locked_too_long_at_opening_is_one_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # a new file, held by another writer
    try:
        with pytest.raises(StoreError) as caught:
            Cache(path, busy_timeout_s=0.01)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert not caught.value.unreadable
    assert_one_line(caught.value, str(path), "locked", "--no-cache")


def test_a_folder_that_cannot_be_made_is_one_clear_error(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    with pytest.raises(StoreError) as caught:
        Cache(tmp_path / "file" / "cache.sqlite3")
    assert_one_line(caught.value, str(tmp_path / "file"), "SUMMARIZER_CACHE_DIR")


def test_once_open_a_locked_cache_never_fails_an_article_and_warns_once(
    store: Cache, caplog: pytest.LogCaptureFixture
) -> None:
    summary = a_summary()
    store.put("before", summary)
    slow = Cache(store.path, busy_timeout_s=0.01)
    holder = sqlite3.connect(store.path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another process in the middle of a write
    try:
        with caplog.at_level(logging.DEBUG, logger="summarizer.store"):
            slow.put("during-1", summary)
            slow.put("during-2", summary)
            assert slow.get("before") == summary  # WAL: reading goes on
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert "could not be written" in warnings[0].getMessage()
    assert str(store.path) in warnings[0].getMessage()
    assert slow.get("during-1") is None
    slow.put("after", summary)
    assert slow.get("after") == summary
    slow.close()


# The run log ---------------------------------------------------------------------------------


def usage(total: int) -> Usage:
    return Usage(prompt_tokens=total - total // 4, completion_tokens=total // 4, total_tokens=total)


def begin(runlog: RunLog, **given: Any) -> str:
    """A run of ``summarizer batch`` against OpenAI, unless ``given`` says otherwise."""
    fields: dict[str, Any] = {"command": "batch", "model": "m", "provider": "openai"}
    return runlog.start(**{"base_url": None, **fields, **given})


def entry(runlog: RunLog, run_id: str, item_id: str, **given: Any) -> None:
    """One article that succeeded with one request, unless ``given`` says otherwise."""
    fields: dict[str, Any] = {
        "ok": True, "cached": False, "requests": 1, "usage": usage(0), "cost_usd": None,
        "error": None, "article": None, "summary": None, "duration_s": 0.0,
    }  # fmt: skip
    runlog.record(run_id, item_id, **{**fields, **given})


def test_runs_add_up_their_entries_newest_first(runlog: RunLog) -> None:
    first = begin(runlog, model="gpt-4o-mini")
    summary = a_summary()
    entry(runlog, first, "a.txt", requests=2, usage=usage(1200), cost_usd=0.0004,
          article="text a", summary=summary, duration_s=1.5)  # fmt: skip
    entry(runlog, first, "b.txt", cached=True, requests=0, cost_usd=0.0, summary=summary)
    entry(runlog, first, "c.txt", ok=False, requests=3, usage=usage(800), cost_usd=0.0002,
          error="the model never produced a usable summary", duration_s=4.0)  # fmt: skip
    runlog.finish(first)
    second = begin(runlog, command="summarize", model=None, provider="offline")
    rows = runlog.runs()
    assert [row.id for row in rows] == [second, first]
    newest, run = rows
    assert (newest.articles, newest.failed, newest.tokens, newest.cost_usd) == (0, 0, 0, None)
    assert newest.finished is None and newest.model is None and newest.provider == "offline"
    assert (run.command, run.model, run.provider) == ("batch", "gpt-4o-mini", "openai")
    assert (run.articles, run.failed, run.cached, run.requests, run.tokens) == (3, 1, 1, 5, 2000)
    assert run.cost_usd == pytest.approx(0.0006)
    assert run.finished is not None and run.started <= run.finished
    assert runlog.runs(limit=1) == [newest]


def test_the_cost_of_a_run_is_unknown_only_when_no_entry_had_a_price(runlog: RunLog) -> None:
    unknown = begin(runlog, provider="openai-compatible", base_url="http://localhost:8000/v1")
    entry(runlog, unknown, "a", usage=usage(100))
    entry(runlog, unknown, "b", usage=usage(100))
    mixed = begin(runlog, model="gpt-4o")
    entry(runlog, mixed, "a", usage=usage(100), cost_usd=0.25)
    entry(runlog, mixed, "b", ok=False, requests=0, error="x")
    costs = {row.id: row.cost_usd for row in runlog.runs()}
    assert costs == {unknown: None, mixed: 0.25}


def test_an_entry_keeps_the_article_and_the_summary_as_validated(runlog: RunLog) -> None:
    summary = a_summary()
    run = begin(runlog)
    entry(runlog, run, "news/a.txt", usage=usage(40), cost_usd=0.001,
          article=summary.source.text, summary=summary, duration_s=2.5)  # fmt: skip
    with sqlite3.connect(runlog.path) as db:
        row = db.execute(
            "SELECT run_id, item_id, ok, cached, requests, prompt_tokens, completion_tokens, "
            "total_tokens, cost_usd, error, article, summary, duration_s FROM entries"
        ).fetchone()
    db.close()
    assert row[:11] == (run, "news/a.txt", 1, 0, 1, 30, 10, 40, 0.001, None, summary.source.text)
    assert StructuredSummary.model_validate_json(row[11]) == summary
    assert row[12] == 2.5


def test_no_credential_reaches_the_run_log_file(runlog: RunLog, tmp_path: Path) -> None:
    secret_url = "https://alice:sk-SECRET1@gateway.example/v1?api-key=SECRET2"
    run = begin(runlog, provider="openai-compatible", base_url=secret_url)
    entry(runlog, run, "a", ok=False, error=f"cannot reach {secret_url}: refused")
    runlog.finish(run)
    (row,) = runlog.runs()
    assert row.base_url == "https://gateway.example/v1"
    for file in tmp_path.iterdir():
        data = file.read_bytes()
        assert b"SECRET1" not in data and b"alice" not in data, file
    with sqlite3.connect(runlog.path) as db:
        (error,) = db.execute("SELECT error FROM entries").fetchone()
    db.close()
    # The base URL's query is dropped; a message keeps its words, less the user and password.
    assert error == "cannot reach https://gateway.example/v1?api-key=SECRET2: refused"


def test_threads_record_into_one_run(runlog: RunLog) -> None:
    run = begin(runlog)

    def work(n: int) -> None:
        entry(runlog, run, f"item-{n}", ok=n % 5 != 0, usage=usage(10), cost_usd=0.01)

    with ThreadPoolExecutor(8) as pool:
        list(pool.map(work, range(50)))
    (row,) = runlog.runs()
    assert (row.articles, row.failed, row.tokens) == (50, 10, 500)
    assert row.cost_usd == pytest.approx(0.5)


def test_run_ids_are_distinct_and_look_like_ulids() -> None:
    ids = [new_id() for _ in range(1000)]
    assert len(set(ids)) == 1000
    assert all(len(i) == 26 and set(i) <= set("0123456789abcdefghjkmnpqrstvwxyz") for i in ids)


def test_a_limit_below_one_is_refused(runlog: RunLog) -> None:
    with pytest.raises(ValueError, match="at least 1"):
        runlog.runs(0)


def test_a_run_log_from_a_newer_summarizer_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "logs.sqlite3"
    RunLog(path).close()
    with sqlite3.connect(path) as other:
        other.execute("UPDATE schema_version SET version = 7")
    other.close()
    with pytest.raises(StoreError) as caught:
        RunLog(path)
    assert_one_line(caught.value, str(path), "newer summarizer", "--no-log")


def test_a_damaged_run_log_says_it_is_the_record_of_past_runs(tmp_path: Path) -> None:
    path = tmp_path / "logs.sqlite3"
    path.write_bytes(b"\x00garbage" * 512)
    with pytest.raises(StoreError) as caught:
        RunLog(path)
    assert_one_line(caught.value, str(path), "damaged", "move it aside", "--no-log")


def test_once_open_a_locked_run_log_never_fails_the_run_and_warns_once(
    runlog: RunLog, caplog: pytest.LogCaptureFixture
) -> None:
    slow = RunLog(runlog.path, busy_timeout_s=0.01)
    holder = sqlite3.connect(runlog.path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with caplog.at_level(logging.DEBUG, logger="summarizer.store"):
            run = begin(slow)
            entry(slow, run, "a")
            slow.finish(run)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and "run log" in warnings[0].getMessage()
    assert slow.runs() == []
    slow.close()


# Addresses as stored -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "stored"),
    [
        ("http://localhost:11434/v1", "http://localhost:11434/v1"),
        ("https://user:pass@host.example/v1", "https://host.example/v1"),
        ("https://sk-token@host.example:8443/v1/", "https://host.example:8443/v1/"),
        ("https://host.example/v1?api-key=k#frag", "https://host.example/v1"),
        ("http://u:p@[::1]:8000/v1", "http://[::1]:8000/v1"),
        (None, None),
    ],
)
def test_a_base_url_is_stored_without_credentials(url: str | None, stored: str | None) -> None:
    assert strip_credentials(url) == stored


def test_urls_quoted_in_a_message_lose_their_credentials() -> None:
    assert scrub_urls("cannot reach http://me:pw@h/v1 or https://tok@x/y") == (
        "cannot reach http://h/v1 or https://x/y"
    )
