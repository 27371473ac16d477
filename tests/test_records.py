"""Batch input: records from JSON Lines and JSON files, bad ones reported with their line."""

from __future__ import annotations

import io
import json
import re
from datetime import date
from pathlib import Path

import pytest

from summarizer.errors import InputError
from summarizer.input import records as records_module
from summarizer.input.records import Record, iter_lines, iter_records
from tests.test_html import PARAGRAPHS, TITLE, page

TEXT = "Flood waters rose in Valmora on Sunday.\n\nAt least 41 people died, officials said."


def write(tmp_path: Path, name: str, content: str) -> Path:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return path


def test_jsonl_records_carry_their_fields(tmp_path: Path) -> None:
    lines = [
        {"id": "a1", "text": TEXT, "title": "Floods", "published": "2025-09-16",
         "url": "https://valmora.example/a1"},
        {"id": 7, "text": TEXT, "published": "2025-09-16T22:30:00-05:00"},
        {"html": page(), "title": "Given title"},
    ]  # fmt: skip
    path = write(tmp_path, "batch.jsonl", "\n".join(json.dumps(x) for x in lines) + "\n")
    first, second, third = iter_records(path)
    assert first.line == 1 and first.id == "a1" and first.error is None
    assert first.article is not None
    assert first.article.text == TEXT and first.article.title == "Floods"
    assert first.article.published == date(2025, 9, 16)
    assert first.article.url == "https://valmora.example/a1"
    # The day as written, not moved to UTC.
    assert second.id == "7" and second.article and second.article.published == date(2025, 9, 16)
    assert third.article is not None and PARAGRAPHS[0] in third.article.text
    assert third.article.title == "Given title"  # the record's own title wins over the page's


def test_an_html_record_keeps_the_pages_metadata_unless_given(tmp_path: Path) -> None:
    path = write(tmp_path, "batch.jsonl", json.dumps({"html": page(title=TITLE)}))
    (record,) = iter_records(path)
    assert record.article is not None and record.article.title == TITLE
    assert record.article.published == date(2025, 9, 14)


def test_bad_lines_are_reported_and_reading_goes_on(tmp_path: Path) -> None:
    content = "\n".join(
        [
            json.dumps({"text": TEXT}),
            "{not json",
            "",
            json.dumps(["a list"]),
            json.dumps({"title": "no text"}),
            json.dumps({"text": TEXT, "published": "16/09/2025"}),
            json.dumps({"id": "x", "text": "   "}),
            json.dumps({"html": "<html><body><nav>Home</nav></body></html>"}),
            json.dumps({"text": 42}),
            json.dumps({"text": TEXT}),
        ]
    )
    records = list(iter_records(write(tmp_path, "batch.jsonl", content)))
    assert [r.line for r in records] == [1, 2, 4, 5, 6, 7, 8, 9, 10]  # line 3 is blank
    assert [r.article is not None for r in records] == [True] + [False] * 7 + [True]
    errors = [r.error for r in records[1:-1]]
    assert errors[0] is not None and errors[0].startswith("line 2: not valid JSON")
    assert errors[1:] == [
        "line 4: not a JSON object",
        'line 5: no "text" (or "html") field',
        "line 6: bad \"published\" date '16/09/2025': use YYYY-MM-DD or an ISO datetime",
        "line 7: the article text is empty",
        'line 8: the "html" field: no article text found in the HTML page',
        'line 9: "text" is not a string',
    ]
    assert records[5].id == "x"


def test_a_json_array_gives_each_record_the_line_it_starts_on(tmp_path: Path) -> None:
    content = (
        "[\n"
        f"  {json.dumps({'text': TEXT})},\n"
        '  {"id": "b",\n   "text": ""},\n'
        f"  {json.dumps({'text': TEXT, 'title': 'T'})}\n"
        "]\n"
    )
    records = list(iter_records(write(tmp_path, "batch.json", content)))
    assert [(r.line, r.id, r.error) for r in records] == [
        (2, None, None),
        (3, "b", "line 3: the article text is empty"),
        (5, None, None),
    ]


def test_a_json_file_may_hold_one_object(tmp_path: Path) -> None:
    records = list(iter_records(write(tmp_path, "one.json", json.dumps({"text": TEXT}))))
    assert len(records) == 1 and isinstance(records[0], Record) and records[0].article


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bad.json", '[{"text": "a"} {"text": "b"}]', "not valid JSON (Expecting ',' delimiter"),
        ("bad.json", '{"text": "a"} trailing', "not valid JSON (Extra data"),
        ("empty.json", "", "is empty"),
        ("notes.txt", "{}", "not a .jsonl or .json file"),
    ],
)
def test_a_file_that_cannot_be_read_at_all_is_an_input_error(
    tmp_path: Path, name: str, content: str, message: str
) -> None:
    path = write(tmp_path, name, content)
    with pytest.raises(InputError, match=re.escape(message)):
        iter_records(path)


def test_a_missing_file_is_an_input_error_before_any_record(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        iter_records(tmp_path / "absent.jsonl")


# --- encodings, sizes, streaming -------------------------------------------------------------


def test_a_record_larger_than_one_article_may_be_is_an_error_and_the_rest_are_read(
    tmp_path: Path,
) -> None:
    huge = "Rain fell on the valley. " * (6_000_000 // 25)  # 6 MB of text
    lines = [{"id": "a", "text": TEXT}, {"id": "huge", "text": huge}, {"id": "b", "html": huge}]
    lines.append({"id": "c", "text": TEXT})
    path = write(tmp_path, "batch.jsonl", "\n".join(json.dumps(x) for x in lines) + "\n")
    first, big, big_html, last = iter_records(path)
    assert first.article is not None and last.article is not None
    assert big.article is None and big.error == (
        'line 2: the "text" field is larger than 5,000,000 bytes; is this one article?'
    )
    assert big_html.error == (
        'line 3: the "html" field is larger than 5,000,000 bytes; is this one article?'
    )


def test_the_cap_counts_bytes_not_characters(tmp_path: Path) -> None:
    # 2 million characters of Cyrillic are 4 million bytes in UTF-8 (under) ...
    fine = write(tmp_path, "fine.jsonl", json.dumps({"text": "Река. " * 333_000}))
    assert next(iter(iter_records(fine))).error is None
    # ... and 1.5 million CJK characters are 4.5 MB, 1.7 million are 5.1 MB (over).
    over = write(tmp_path, "over.jsonl", json.dumps({"text": "洪水" * 850_000}))
    assert "larger than 5,000,000 bytes" in (next(iter(iter_records(over))).error or "")


def test_a_line_too_long_to_be_one_record_is_skipped_unread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(records_module, "MAX_LINE_BYTES", 1000)
    content = (
        json.dumps({"text": TEXT})
        + "\n"
        + "x" * 5000
        + "\n"
        + json.dumps({"id": "z", "text": TEXT})
    )
    got = list(iter_records(write(tmp_path, "batch.jsonl", content)))
    assert [r.line for r in got] == [1, 2, 3]
    assert got[1].error is not None and got[1].error.startswith(
        "line 2: the line is longer than 1,000 bytes; a record holds one article"
    )
    assert got[2].id == "z" and got[2].article is not None
    # The same from a stream that is not a file, and from standard input's kind of stream.
    for stream in (io.BytesIO(content.encode()), io.BufferedReader(io.BytesIO(content.encode()))):
        assert [r.error is None for r in iter_lines(stream)] == [True, False, True]


def test_jsonl_is_read_a_line_at_a_time(tmp_path: Path) -> None:
    path = write(tmp_path, "batch.jsonl", json.dumps({"text": TEXT}) + "\n{broken\n")
    with path.open("rb") as stream:
        first = next(iter_lines(stream))
        assert first.article is not None
        assert stream.tell() < path.stat().st_size  # the rest not read yet


def test_a_line_in_another_encoding_is_decoded_on_its_own(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    utf8 = json.dumps({"id": "u", "text": "Zürich said the river rose."}, ensure_ascii=False)
    legacy = json.dumps(
        {"id": "w", "text": "“The dam held,” the café owner said."}, ensure_ascii=False
    )
    path.write_bytes(utf8.encode("utf-8") + b"\n" + legacy.encode("cp1252") + b"\n")
    u, w = iter_records(path)
    assert u.article is not None and u.article.encoding == "utf-8"
    assert w.article is not None and w.article.encoding == "cp1252"
    assert w.article.text == "“The dam held,” the café owner said."


@pytest.mark.parametrize("codec", ["utf-16", "utf-32", "utf-8-sig"])
def test_a_jsonl_or_json_file_with_a_byte_order_mark(tmp_path: Path, codec: str) -> None:
    rows = [{"id": "a", "text": "Zürich said the river rose."}, {"id": "b", "text": TEXT}]
    lines = "\r\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\r\n"
    (tmp_path / "batch.jsonl").write_bytes(lines.encode(codec))
    (tmp_path / "batch.json").write_bytes(json.dumps(rows, ensure_ascii=False).encode(codec))
    reported = "utf-8" if codec == "utf-8-sig" else codec
    for name in ("batch.jsonl", "batch.json"):
        a, b = iter_records(tmp_path / name)
        assert a.article is not None and a.article.text == "Zürich said the river rose."
        assert (
            b.article is not None
            and b.article.encoding == reported
            and b.line == 2 - (name == "batch.json")
        )


def test_a_bad_byte_in_utf16_jsonl_costs_only_its_line(tmp_path: Path) -> None:
    good = json.dumps({"text": TEXT}).encode("utf-16-le")
    lone = "\n".encode("utf-16-le") + b"\x00\xd8" + "\n".encode("utf-16-le")  # a lone surrogate
    path = tmp_path / "batch.jsonl"
    path.write_bytes(b"\xff\xfe" + good + lone + good)
    got = list(iter_records(path))
    assert [r.article is not None for r in got] == [True, False, True]
