"""No key, no URL password and no Authorization header reaches a message, a results file, a
summary or the run log, even from a server that quotes them back in its errors."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest

from summarizer.config import Settings
from summarizer.secrets import REDACTED, redact, scrub_urls, url_secrets
from summarizer.store.paths import data_dir
from tests.fakeserver import FakeOpenAI, Reply, Request, Script
from tests.test_batch_cli import records, results
from tests.test_cli import run

KEY = "sk-live-0123456789abcdefABCDEF"


def echoing(status: int) -> Script:
    """A server that puts the request's Authorization header and the key in its error."""

    def reply(request: Request) -> Reply:
        message = f"invalid request: Authorization: Bearer {KEY} rejected; key {KEY} is bad"
        return Reply(status=status, body={"error": {"message": message}})

    return reply


def test_redact_removes_secrets_tokens_and_url_credentials() -> None:
    text = (
        f"key {KEY}, quoted {KEY.replace('-', '%2D')}, header Bearer abcdefgh12345678, "
        "Basic dXNlcjpwYXNz, url http://bob:hunter22@gw.test/v1"
    )
    shown = redact(text, [KEY, KEY.replace("-", "%2D")])
    assert KEY not in shown and "%2D" not in shown
    assert "abcdefgh12345678" not in shown and "dXNlcjpwYXNz" not in shown
    assert "hunter22" not in shown and "http://gw.test/v1" in shown
    assert shown.count(REDACTED) == 4
    assert redact("a test of the testing server", ["test"]) == "a test of the testing server"


def test_a_base_urls_credentials_are_secrets_in_every_form() -> None:
    settings = Settings.load("m", base_url="http://bob:p%40ss@gw.test/v1", api_key=KEY)
    token = base64.b64encode(b"bob:p@ss").decode()
    assert settings.secrets() == [KEY, "p%40ss", "p@ss", token]
    assert url_secrets("http://gw.test/v1") == []
    assert scrub_urls("see http://bob:p%40ss@gw.test/v1 now") == "see http://gw.test/v1 now"


@pytest.mark.parametrize("status", [400, 401])
def test_a_server_that_echoes_the_key_never_gets_it_shown(
    fake: FakeOpenAI, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, status: int
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    monkeypatch.setenv("SUMMARIZER_MAX_ATTEMPTS", "1")
    article = tmp_path / "a.txt"
    article.write_text("The council of Brenmoor met on Monday to approve the plan.\n")
    fake.add(echoing(status))
    one = run("summarize", str(article), "--base-url", fake.base_url, "-m", "test-model")
    assert one.exit_code == 5
    assert KEY not in one.stderr
    assert status == 401 or "Bearer <redacted>" in one.stderr  # a 401 quotes nothing back

    source = records(tmp_path / "in.jsonl", 2)
    out = tmp_path / "out.jsonl"
    fake.add(echoing(status), echoing(status))
    many = run("batch", str(source), "-o", str(out), "--base-url", fake.base_url, "-m", "t")
    assert many.exit_code == 1
    assert KEY not in many.stderr
    failed = [r["error"]["message"] for r in results(out) if not r["ok"]]
    assert len(failed) == 2
    assert status == 401 or all(REDACTED in message for message in failed)
    assert KEY not in out.read_text(encoding="utf-8")
    for stored in data_dir().rglob("*"):  # the run log and its journal files
        if stored.is_file():
            assert KEY.encode() not in stored.read_bytes(), stored


def test_url_credentials_stay_out_of_the_summary_and_the_messages(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(
        json.dumps(
            {
                "id": "a",
                "text": "The council of Brenmoor met on Monday to approve the plan.",
                "url": "https://reader:s3cretpass@news.test/story?id=7",
            }
        )
        + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    assert run("batch", str(source), "-o", str(out), "-m", "offline").exit_code == 0
    (result,) = results(out)
    assert result["summary"]["source"]["url"] == "https://news.test/story?id=7"
    assert "s3cretpass" not in out.read_text(encoding="utf-8")

    unreachable = run(
        "summarize", str(source), "--base-url", "http://bob:hunter22@127.0.0.1:9/v1", "-m", "m"
    )
    assert unreachable.exit_code != 0
    assert "hunter22" not in unreachable.stderr
