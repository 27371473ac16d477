"""Batch input: records from JSON Lines and JSON files, bad ones reported with their line."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from summarizer.errors import InputError
from summarizer.input.records import Record, iter_records
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
