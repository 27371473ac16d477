"""What a batch reads: inputs → items with stable ids, defaults that records override, shards."""

from __future__ import annotations

import io
import json
from datetime import date
from itertools import chain
from pathlib import Path
from typing import Any

import pytest

from summarizer import Article, InputError
from summarizer.batch.items import BatchItem, as_items, expand, in_shard, parse_shard
from tests.test_faults import ARTICLE


def write_records(path: Path, *records: dict[str, Any] | str) -> Path:
    lines = [r if isinstance(r, str) else json.dumps(r) for r in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def ids(items: list[BatchItem]) -> list[str]:
    return [item.id for item in items]


def test_a_record_is_named_by_its_id_else_by_path_and_line(tmp_path: Path) -> None:
    path = write_records(tmp_path / "a.jsonl", {"id": "first", "text": ARTICLE},
                         {"text": ARTICLE}, {"id": 7, "text": ARTICLE})  # fmt: skip
    items = list(expand([str(path)]))
    assert ids(items) == ["first", f"{path}:2", "7"]
    assert [item.source for item in items] == [f"{path}:1", f"{path}:2", f"{path}:3"]
    assert all(item.article is not None and item.error is None for item in items)


def test_a_file_of_one_article_is_named_by_its_path(tmp_path: Path) -> None:
    (tmp_path / "one.txt").write_text(ARTICLE, encoding="utf-8")
    [item] = expand([str(tmp_path / "one.txt")])
    assert item.id == str(tmp_path / "one.txt")
    assert item.article is not None and item.article.text == ARTICLE


def test_a_folder_is_read_recursively_for_known_suffixes_in_a_stable_order(
    tmp_path: Path,
) -> None:
    for name in ["b.txt", "a.md", "sub/c.txt", "sub/d.jsonl", "notes.csv", ".hidden.txt",
                 ".git/e.txt"]:  # fmt: skip
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps({"text": ARTICLE}) if name.endswith(".jsonl") else ARTICLE
        path.write_text(text, encoding="utf-8")
    items = list(expand([str(tmp_path)]))
    assert ids(items) == [
        str(tmp_path / "a.md"), str(tmp_path / "b.txt"), str(tmp_path / "sub/c.txt"),
        f"{tmp_path / 'sub/d.jsonl'}:1",
    ]  # fmt: skip


def test_a_glob_the_shell_left_alone_is_expanded(tmp_path: Path) -> None:
    for name in ["x1.txt", "x2.txt", "y.txt"]:
        (tmp_path / name).write_text(ARTICLE, encoding="utf-8")
    items = list(expand([str(tmp_path / "x*.txt")]))
    assert ids(items) == [str(tmp_path / "x1.txt"), str(tmp_path / "x2.txt")]


def test_an_input_that_is_not_there_fails_before_anything_is_read(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    with pytest.raises(InputError, match="no such file or directory"):
        expand([str(tmp_path / "a.txt"), str(tmp_path / "missing.txt")])
    with pytest.raises(InputError, match="matches no file"):
        expand([str(tmp_path / "*.html")])


def test_flags_are_defaults_that_a_records_own_fields_override(tmp_path: Path) -> None:
    path = write_records(
        tmp_path / "a.jsonl",
        {"id": "own", "text": ARTICLE, "published": "2025-01-02", "title": "Own title"},
        {"id": "bare", "text": ARTICLE},
    )
    items = {i.id: i.article for i in expand([str(path)], published=date(2025, 9, 16),
                                             title="Default title")}  # fmt: skip
    own, bare = items["own"], items["bare"]
    assert own is not None and bare is not None
    assert (own.published, own.title) == (date(2025, 1, 2), "Own title")
    assert (bare.published, bare.title) == (date(2025, 9, 16), "Default title")


def test_a_duplicate_id_is_an_error_item_naming_the_first(tmp_path: Path) -> None:
    a = write_records(tmp_path / "a.jsonl", {"id": "x", "text": ARTICLE})
    b = write_records(tmp_path / "b.jsonl", {"text": ARTICLE}, {"id": "x", "text": ARTICLE})
    first, other, dup = expand([str(a), str(b)])
    assert first.article is not None and other.article is not None
    assert dup.id == "x" and dup.article is None and dup.error is not None
    assert f"at {b}:2: first used at {a}:1" in dup.error


def test_a_file_reached_twice_is_read_once(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    assert ids(list(expand([str(tmp_path), str(tmp_path / "a.txt")]))) == [str(tmp_path / "a.txt")]


def test_the_results_file_is_never_read_as_input(tmp_path: Path) -> None:
    write_records(tmp_path / "in.jsonl", {"id": "a", "text": ARTICLE})
    write_records(tmp_path / "out.jsonl", {"id": "a", "ok": True})
    items = list(expand([str(tmp_path)], exclude=[tmp_path / "out.jsonl"]))
    assert ids(items) == ["a"] and items[0].error is None


def test_bad_files_and_records_are_error_items_and_the_rest_still_come(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    write_records(tmp_path / "r.jsonl", "not json", {"id": "ok", "text": ARTICLE})
    (tmp_path / "s.json").write_text("[{", encoding="utf-8")
    items = {item.id: item for item in expand([str(tmp_path)])}
    assert "is empty" in (items[str(tmp_path / "empty.txt")].error or "")
    assert "line 1: not valid JSON" in (items[f"{tmp_path / 'r.jsonl'}:1"].error or "")
    assert "not valid JSON" in (items[str(tmp_path / "s.json")].error or "")
    assert items["ok"].article is not None


def test_dash_reads_json_lines_from_standard_input(monkeypatch: pytest.MonkeyPatch) -> None:
    data = json.dumps({"id": "s1", "text": ARTICLE}) + "\n" + json.dumps({"text": ARTICLE})
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data.encode())))
    assert ids(list(expand(["-"]))) == ["s1", "stdin:2"]


def test_library_articles_are_named_by_position_or_by_their_key() -> None:
    article = Article(text=ARTICLE, title="T")
    assert ids(list(as_items([ARTICLE, article]))) == ["0", "1"]
    keyed = list(as_items({"k1": ARTICLE, "k2": "  "}))
    assert ids(keyed) == ["k1", "k2"]
    assert keyed[1].error == "the article is empty"


def test_shards_split_every_id_exactly_once_and_do_not_move() -> None:
    names = [f"article-{i}" for i in range(300)]
    shards = [[n for n in names if in_shard(n, k, 3)] for k in (1, 2, 3)]
    assert sorted(chain.from_iterable(shards)) == sorted(names)
    assert all(60 < len(shard) < 140 for shard in shards)  # a hash, not a split by position
    assert in_shard("anything", 1, 1)


def test_the_shard_of_an_id_is_a_hash_of_the_id_alone() -> None:
    # Pinned: a change of hash would move every id of a running sharded job.
    assert [k for k in (1, 2, 3, 4) if in_shard("abc", k, 4)] == [3]


@pytest.mark.parametrize("text", ["0/3", "4/3", "1/0", "x/2", "2", "1/2/3"])
def test_a_bad_shard_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="K/N"):
        parse_shard(text)


def test_a_shard_is_k_of_n() -> None:
    assert parse_shard("2/4") == (2, 4)
