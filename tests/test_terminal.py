"""Terminal safety: escape sequences and control characters from an article or a model never
reach a terminal raw, through ``-f md``, ``-f table``, ``-f json`` or a line on stderr."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from summarizer.cli import ExitCode
from summarizer.output.terminal import json_safe, printable
from tests.fakeserver import FakeOpenAI, Reply, completion
from tests.test_cli import run
from tests.test_faults import ARTICLE, answer, error

# What a terminal would act on: C0 but newline and tab, DEL, C1.
CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
LINK = "\x1b]8;;https://evil.example/\x07Valmora\x1b]8;;\x07"  # OSC 8: shows "Valmora"
HOSTILE = (
    f"Flood waters rose in \x1b[31m{LINK}\x1b[0m on Sunday.\x07\x9b2J\x1b]0;pwned\x1b\\\x08\x7f"
)


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("red \x1b[1;31mtext\x1b[0m", "red text"),
        ("clear\x1b[2J\x1b[H screen", "clear screen"),
        (LINK, "Valmora"),
        ("\x1b]8;;https://x.example\x1b\\click\x1b]8;;\x1b\\", "click"),  # ST ends it too
        ("title\x1b]0;owned\x07 set", "title set"),
        ("c1 \x9b31mcsi\x9d0;t\x9c done", "c1 csi done"),
        ("bell\x07 back\x08\x08space del\x7f", "bell backspace del"),
        ("reset\x1bc and charset \x1b(B", "reset and charset "),
        ("cut \x1b[31", "cut 31"),  # no final byte: the ESC goes, the rest is plain text
        ("cr\rover vt\x0bff\x0c", "cr over vt ff "),
        ("lines\nand\ttabs stay", "lines\nand\ttabs stay"),
        ("crlf\r\nline", "crlf\nline"),
        ("plain, ünïcode — “quotes” [sic] *stars*", "plain, ünïcode — “quotes” [sic] *stars*"),
    ],
)
def test_printable_removes_sequences_whole_and_keeps_the_words(raw: str, shown: str) -> None:
    assert printable(raw) == shown
    assert not CONTROLS.search(printable(raw))


def test_printable_can_drop_newlines_and_tabs_too() -> None:
    assert printable("a\nb\tc", keep="") == "a b c"
    assert printable("a\nb\tc", keep="\n") == "a\nb c"


def test_shown_makes_every_control_a_visible_escape_on_one_line() -> None:
    assert printable("bad\x1b[2Jname\n.txt\t\x9b", shown=True) == "bad\\x1b[2Jname\\n.txt\\t\\x9b"


def test_json_safe_escapes_del_and_c1_without_changing_the_value() -> None:
    value = {"text": "a\x7fb\x85c\x9bd \\\x9b e\u00a0f"}
    raw = json.dumps(value, ensure_ascii=False)
    assert "\x9b" in raw  # what json leaves raw (and pydantic too)
    safe = json_safe(raw)
    assert not CONTROLS.search(safe) and json.loads(safe) == value
    assert "\u00a0" in safe  # only controls: other text is left as written


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    path = tmp_path / "hostile.txt"
    # With prose enough around it that its few control bytes do not make it look binary.
    calm = (
        "\n\nThe river authority said the water would fall slowly over the week, and that "
        "crews would inspect every bridge on the lower valley road before it reopened. Schools "
        "in the lower town stayed closed, and the market moved to the hill above the church."
    )
    path.write_text(ARTICLE.replace("Flood waters rose in Valmora on Sunday.", HOSTILE) + calm * 2)
    return path


@pytest.mark.parametrize("format", ["md", "table", "html"])
def test_an_articles_escapes_never_reach_md_or_table_output(hostile: Path, format: str) -> None:
    result = run("summarize", str(hostile), "-m", "offline", "-f", format)
    assert result.exit_code == 0, result.stderr
    assert not CONTROLS.search(result.stdout), CONTROLS.findall(result.stdout)
    assert "Valmora" in result.stdout and "evil.example" not in result.stdout
    assert "pwned" not in result.stdout and "2J" not in result.stdout
    assert not CONTROLS.search(result.stderr)


def test_json_output_keeps_the_text_as_data_and_escapes_every_control(hostile: Path) -> None:
    result = run("summarize", str(hostile), "-m", "offline", "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert not CONTROLS.search(result.stdout)
    # The cleaner took the sequences out whole: the link's words stay, nothing else of them.
    text = json.loads(result.stdout)["source"]["text"]
    assert text.startswith("Flood waters rose in Valmora on Sunday.")
    assert "evil.example" not in text and "[31m" not in text and "pwned" not in text


def hostile_answer(request: dict[str, Any]) -> Reply:
    """A model whose words carry escapes (the evidence still quotes the article). No digits
    in them: the number check would send a "5m" or an OSC "8" back to the model."""
    words = answer()
    words["headline"] = "Floods in \x1b[HValmora\x1b[m kill\x07 at least 41\x1b];pwned\x07"
    words["lede"] = "Floods killed at least 41 people.\x1bc\x9bJ\x1b[J\x08\x08"
    words["events"][0]["description"] = "Flood \x1b[Khidden\x1b[m waters rose.\x1b\\"
    return Reply(body=completion(request, words))


@pytest.mark.parametrize("format", ["md", "table", "html"])
def test_a_models_escapes_never_reach_md_or_table_output(
    fake: FakeOpenAI, tmp_path: Path, format: str
) -> None:
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE)
    fake.add(hostile_answer)
    result = run("summarize", str(article), "--base-url", fake.base_url, "-m", "m",
                 "--mode", "tools", "-f", format)  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert not CONTROLS.search(result.stdout), CONTROLS.findall(result.stdout)
    assert "Floods in Valmora kill at least 41" in " ".join(result.stdout.split())
    assert "pwned" not in result.stdout and "hidden waters" in result.stdout


def test_a_file_name_quoted_on_stderr_shows_its_escapes(tmp_path: Path) -> None:
    name = tmp_path / "no\x1b[2Jsuch\x07.txt"
    result = run("summarize", str(name), "-m", "offline")
    assert result.exit_code == ExitCode.INPUT
    assert not CONTROLS.search(result.stderr)
    assert "no\\x1b[2Jsuch\\x07.txt: no such file" in result.stderr


def test_a_servers_error_text_is_quoted_without_its_escapes(
    fake: FakeOpenAI, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SUMMARIZER_MAX_ATTEMPTS", "1")
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE)
    fake.add(error(400, "bad \x1b]8;;https://evil.example/\x07request\x1b]8;;\x07\x1b[2J"))
    result = run("summarize", str(article), "--base-url", fake.base_url, "-m", "m")
    assert result.exit_code == ExitCode.PROVIDER
    assert "summarizer: error:" in result.stderr and not CONTROLS.search(result.stderr)
    assert len(result.stderr.strip().splitlines()) == 1


def test_batch_error_lines_quote_ids_and_messages_without_escapes(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    rows = [
        {"id": "evil\x1b[2J\x1b]0;pwned\x07id", "text": " "},  # an empty article: an error
        {"id": "two\nlines", "text": ARTICLE, "published": "\x1b[31mred\x1b[0m"},
    ]
    source.write_text("".join(json.dumps(row) + "\n" for row in rows))
    out = tmp_path / "out.jsonl"
    result = run("batch", str(source), "-o", str(out), "-m", "offline")
    assert result.exit_code == ExitCode.FAILED
    assert not CONTROLS.search(result.stderr), CONTROLS.findall(result.stderr)
    assert "summarizer: error: evil\\x1b[2J\\x1b]0;pwned\\x07id: " in result.stderr
    assert "summarizer: error: two\\nlines: " in result.stderr
    ids = {json.loads(line)["id"] for line in out.read_text().splitlines()}
    assert ids == {row["id"] for row in rows}  # the results keep the ids as they are
