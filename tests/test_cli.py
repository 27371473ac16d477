"""The command line: output on stdout, one clear line on stderr, documented exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from typer.testing import CliRunner

from summarizer.cli import ExitCode, app
from tests.conftest import EXAMPLES
from tests.fakeserver import FakeOpenAI, schema_answer
from tests.test_faults import ARTICLE, error, ok
from tests.test_fetch import PageServer

runner = CliRunner()


def run(*args: str, input: str | None = None) -> Any:
    return runner.invoke(app, list(args), input=input)


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def assert_one_clear_line(result: Any, code: ExitCode, words: str) -> None:
    assert result.exit_code == code, result.output
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("summarizer: error:"), result.stderr
    assert words in lines[0]
    assert "Traceback" not in result.stderr


def test_json_on_stdout_is_the_model_dump_and_validates_against_the_schema(
    fake: FakeOpenAI, article: Path
) -> None:
    fake.add(ok)
    result = run("summarize", str(article), "--base-url", fake.base_url, "-m", "m",
                 "--mode", "tools", "--published", "2025-09-16")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    schema = json.loads(run("schema").stdout)
    jsonschema.validate(data, schema)
    text = data["source"]["text"]
    for event in data["events"]:
        for ev in event["evidence"]:
            assert text[ev["start"] : ev["end"]] == ev["quote"]
    assert data["source"]["published"] == "2025-09-16"
    assert "quotes and" in result.stderr and "fields grounded" in result.stderr


@pytest.mark.parametrize("name", ["conflict", "business", "politics", "disaster"])
def test_schema_server_answer_validates_and_every_span_slices_the_text(
    fake: FakeOpenAI, name: str
) -> None:
    """Any server answering with the schema it was sent (here: json_schema mode, the default)."""
    path = str(EXAMPLES / f"{name}.txt")
    fake.serve_models("local-model")
    fake.add(schema_answer)
    result = run("summarize", path, "--base-url", fake.base_url, "-f", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    jsonschema.validate(data, json.loads(run("schema").stdout))
    text = data["source"]["text"]
    spans = [
        ev
        for group in ("events", "actors", "claims")
        for item in data[group]
        for ev in item["evidence"]
    ]
    assert spans and all(text[e["start"] : e["end"]] == e["quote"] for e in spans)
    assert data["metadata"]["mode"] == "json_schema"


def test_markdown_and_table_formats(fake: FakeOpenAI, article: Path) -> None:
    fake.add(ok, ok)
    md = run("summarize", str(article), "--base-url", fake.base_url, "-m", "m", "-f", "md")
    assert md.exit_code == 0 and md.stdout.startswith("# Floods in Valmora")
    assert "| at least 41 " in md.stdout and "→" not in md.stdout  # bounds in words
    table = run("summarize", str(article), "--base-url", fake.base_url, "-m", "m", "-f", "table")
    assert table.exit_code == 0 and "disaster" in table.stdout


def test_standard_input_is_read_with_a_dash(fake: FakeOpenAI) -> None:
    fake.add(ok)
    result = run("summarize", "-", "--base-url", fake.base_url, "-m", "m", input=ARTICLE)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["source"]["text"] == ARTICLE.strip()


def test_output_file_is_written_whole(fake: FakeOpenAI, article: Path, tmp_path: Path) -> None:
    fake.add(ok)
    out = tmp_path / "summary.json"
    result = run("summarize", str(article), "--base-url", fake.base_url, "-m", "m", "-o", str(out))
    assert result.exit_code == 0 and result.stdout == ""
    assert json.loads(out.read_text())["headline"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["article.txt", "summary.json"]


def test_missing_file(tmp_path: Path) -> None:
    result = run("summarize", str(tmp_path / "nope.txt"), "--base-url", "http://127.0.0.1:9/v1")
    assert_one_clear_line(result, ExitCode.INPUT, "no such file")


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_text("  \n")
    result = run("summarize", str(path), "--base-url", "http://127.0.0.1:9/v1")
    assert_one_clear_line(result, ExitCode.INPUT, "is empty")


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "image.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    result = run("summarize", str(path), "--base-url", "http://127.0.0.1:9/v1")
    assert_one_clear_line(result, ExitCode.INPUT, "binary")


def test_nothing_configured_runs_offline_and_says_how_to_switch(article: Path) -> None:
    result = run("summarize", str(article), "--published", "2025-09-16")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["metadata"]["provider"] == "offline"
    note = result.stderr.splitlines()[0]
    assert "offline" in note and "OPENAI_API_KEY" in note and "--base-url" in note
    assert data["events"] and data["metadata"]["grounding"]["dropped"] == 0


def test_offline_chosen_explicitly_prints_no_note(article: Path) -> None:
    result = run("summarize", str(article), "-m", "offline")
    assert result.exit_code == 0
    assert "note:" not in result.stderr


def test_a_model_without_a_provider_says_how_to_configure(article: Path) -> None:
    result = run("summarize", str(article), "-m", "gpt-4o-mini")
    assert_one_clear_line(result, ExitCode.CONFIGURATION, "OPENAI_API_KEY")
    assert "--base-url" in result.stderr


def test_records_run_one_by_one_and_a_bad_line_is_reported_with_its_number(
    tmp_path: Path,
) -> None:
    good = json.dumps({"id": "a", "text": ARTICLE, "published": "2025-09-16"})
    path = tmp_path / "batch.jsonl"
    path.write_text(f"{good}\nthis is not json\n\n{good}\n", encoding="utf-8")
    result = run("summarize", str(path), "-m", "offline")
    assert result.exit_code == ExitCode.FAILED
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    assert all(json.loads(line)["source"]["published"] == "2025-09-16" for line in lines)
    assert f"{path}:2" in result.stderr and "1 failed" in result.stderr


def test_unreachable_server(article: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SUMMARIZER_MAX_ATTEMPTS", "1")
    server = FakeOpenAI()
    url = server.base_url
    server.stop()
    out = tmp_path / "out.json"
    result = run("summarize", str(article), "--base-url", url, "-m", "m", "-o", str(out))
    assert_one_clear_line(result, ExitCode.PROVIDER, "could not connect")
    assert not out.exists()


def test_server_answering_500(
    fake: FakeOpenAI, article: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SUMMARIZER_MAX_ATTEMPTS", "2")
    # The real policy's jittered wait, drawn as zero: the retry happens, the test does not wait.
    monkeypatch.setattr("summarizer.providers.openai.retry.random.uniform", lambda a, b: 0.0)
    fake.add(error(500), error(500))
    out = tmp_path / "out.json"
    result = run("summarize", str(article), "--base-url", fake.base_url, "-m", "m",
                 "-o", str(out))  # fmt: skip
    assert_one_clear_line(result, ExitCode.PROVIDER, "500")
    assert not out.exists()
    assert list(tmp_path.iterdir()) == [article]
    assert len(fake.requests) == 2


def test_bad_published_date_is_a_usage_error(article: Path) -> None:
    result = run("summarize", str(article), "--published", "27/12/2024")
    assert result.exit_code == ExitCode.USAGE
    assert "YYYY-MM-DD" in result.stderr


def test_unknown_mode_is_a_configuration_error(article: Path) -> None:
    result = run("summarize", str(article), "--base-url", "http://127.0.0.1:9/v1", "--mode", "xml")
    assert_one_clear_line(result, ExitCode.CONFIGURATION, "unknown mode")


def test_help_documents_the_exit_codes() -> None:
    result = run("summarize", "--help")
    assert result.exit_code == 0
    for code in ExitCode:
        assert f"{int(code)}  " in result.stdout


def test_draft_schema_is_what_the_model_fills() -> None:
    schema = json.loads(run("schema", "--draft").stdout)
    assert schema["title"] == "ArticleSummary"
    assert "metadata" not in schema["properties"]


def test_python_dash_m_runs_the_cli() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "summarizer", "--version"], capture_output=True, text=True
    )
    assert done.returncode == 0 and done.stdout.startswith("summarizer 0.")


@pytest.fixture
def pages() -> Iterator[PageServer]:
    server = PageServer()
    yield server
    server.stop()


def test_a_url_is_fetched_and_summarized(pages: PageServer) -> None:
    result = run("summarize", pages.url("/article"), "-m", "offline")
    assert result.exit_code == 0, result.stderr
    source = json.loads(result.stdout)["source"]
    assert source["url"] == pages.url("/article") and source["site"]


@pytest.mark.parametrize(
    ("path", "words"), [("/missing", "HTTP 404"), ("/menu", "no article text")]
)
def test_a_bad_url_is_one_clear_line(pages: PageServer, path: str, words: str) -> None:
    result = run("summarize", pages.url(path), "-m", "offline")
    assert_one_clear_line(result, ExitCode.INPUT, words)


def test_an_html_page_with_no_article_is_one_clear_line(tmp_path: Path) -> None:
    page = tmp_path / "menu.html"
    page.write_text(
        "<html><body><nav><a href='/'>Home</a> <a href='/a'>About</a></nav></body></html>"
    )
    result = run("summarize", str(page), "-m", "offline")
    assert_one_clear_line(result, ExitCode.INPUT, "no article text")


OTHER_PROGRAMS = {"MODE": "production", "TIMEOUT": "abc", "MODEL": "gpt-4", "API_KEY": "k",
                  "BASE_URL": "ftp://x", "MAX_REASKS": "99",
                  # Ours are only those the README lists: the key and server keep their names.
                  "SUMMARIZER_API_KEY": "sk-x", "SUMMARIZER_BASE_URL": "ftp://x"}  # fmt: skip


def test_other_programs_variables_are_not_ours(
    article: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, value in OTHER_PROGRAMS.items():
        monkeypatch.setenv(name, value)
    result = run("summarize", str(article))
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["metadata"]["provider"] == "offline"


@pytest.mark.parametrize(
    ("name", "value", "words"),
    [
        ("SUMMARIZER_TIMEOUT", "abc", "SUMMARIZER_TIMEOUT 'abc': Input should be a valid number"),
        ("SUMMARIZER_TIMEOUT", "-1", "SUMMARIZER_TIMEOUT '-1': Input should be greater than 0"),
        ("SUMMARIZER_MAX_REASKS", "many", "SUMMARIZER_MAX_REASKS 'many'"),
        ("SUMMARIZER_MODE", "xml", "SUMMARIZER_MODE 'xml': unknown mode; choose one of tools"),
        ("OPENAI_BASE_URL", "ftp://host", "OPENAI_BASE_URL 'ftp://host': not an http(s) URL"),
    ],
)
def test_a_bad_setting_is_one_line_naming_the_variable(
    article: Path, monkeypatch: pytest.MonkeyPatch, name: str, value: str, words: str
) -> None:
    monkeypatch.setenv(name, value)
    result = run("summarize", str(article))
    assert_one_clear_line(result, ExitCode.CONFIGURATION, words)
    assert result.stderr.startswith(f"summarizer: error: bad setting: {name} '")


def test_a_url_with_credentials_is_not_echoed_in_a_settings_error(
    article: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENAI_BASE_URL", "ftp://user:secret@host/v1")
    result = run("summarize", str(article))
    assert_one_clear_line(result, ExitCode.CONFIGURATION, "OPENAI_BASE_URL")
    assert "secret" not in result.stderr and "user" not in result.stderr


def test_an_output_file_that_cannot_be_written_is_an_output_error_before_any_request(
    fake: FakeOpenAI, article: Path, tmp_path: Path
) -> None:
    # Nothing is scripted: a request to the model would fail the test.
    for target, words in [(tmp_path / "missing" / "out.json", "no such directory"),
                          (tmp_path, "is a directory")]:  # fmt: skip
        result = run("summarize", str(article), "--base-url", fake.base_url, "-m", "m",
                     "-o", str(target))  # fmt: skip
        assert_one_clear_line(result, ExitCode.OUTPUT, f"{target}: {words}")


def test_an_internal_error_is_one_line_and_the_traceback_is_there_on_request(
    article: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: Any) -> str:
        raise RuntimeError("renderer fell over")

    monkeypatch.setattr("summarizer.output.formats.render", broken)
    plain = run("summarize", str(article), "-m", "offline")
    assert_one_clear_line(plain, ExitCode.FAILED, "internal error (RuntimeError: renderer fell")
    assert "--debug" in plain.stderr
    debug = run("--debug", "summarize", str(article), "-m", "offline")
    assert debug.exit_code == ExitCode.FAILED
    assert "Traceback" in debug.stderr and "renderer fell over" in debug.stderr
    for off in ("0", "false", "no", "off"):
        monkeypatch.setenv("SUMMARIZER_DEBUG", off)
        assert "Traceback" not in run("summarize", str(article), "-m", "offline").stderr
    monkeypatch.setenv("SUMMARIZER_DEBUG", "1")
    assert "Traceback" in run("summarize", str(article), "-m", "offline").stderr


def test_ctrl_c_is_one_line_and_exit_130(article: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*args: Any) -> str:
        raise KeyboardInterrupt

    monkeypatch.setattr("summarizer.output.formats.render", interrupted)
    result = run("summarize", str(article), "-m", "offline")
    assert result.exit_code == 130
    assert result.stderr == "summarizer: interrupted\n"


def test_the_table_prints_markup_like_text_as_written(tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    headline = "Minister [sic] says the [/bold] plan :fire: works"
    path.write_text(f"{headline}\n\n{ARTICLE}", encoding="utf-8")
    result = run("summarize", str(path), "-m", "offline", "-f", "table")
    assert result.exit_code == 0, result.stderr
    assert headline in result.stdout


def test_records_against_a_server_that_names_no_model_fail_once(
    fake: FakeOpenAI, tmp_path: Path
) -> None:
    fake.serve_models()  # asked once, before the first record: no request per record
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(json.dumps({"text": ARTICLE}) for _ in range(3)) + "\n")
    result = run("summarize", str(path), "--base-url", fake.base_url)
    assert_one_clear_line(result, ExitCode.PROVIDER, "serves no models; pass -m MODEL")


def test_eval_against_a_server_that_names_no_model_fails_before_scoring(
    fake: FakeOpenAI, tmp_path: Path
) -> None:
    fake.serve_models()
    events = tmp_path / "events.jsonl"
    events.write_text('{"doc_id": "d1", "tokens": [], "sentences": [], "event_mentions": []}\n')
    result = run("eval", "--events", str(events), "--base-url", fake.base_url)
    assert_one_clear_line(result, ExitCode.PROVIDER, "serves no models")
