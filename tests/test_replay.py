"""Record and replay (``--cassette``, ``summarizer.replay``): recorded against the strict
loopback server, replayed with the server gone; the cassette never holds a key, even when the
server echoes it; a request the cassette lacks is one clear error, not a retried connection
failure."""

from __future__ import annotations

import base64
import json
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from summarizer import ConfigurationError, OutputError, Summarizer
from summarizer.cli import ExitCode, app
from summarizer.config import Settings
from summarizer.replay import RECORD_MODES, REDACTED, CassetteMiss, recording, secrets_of
from summarizer.replay.cassette import Scrub
from tests.conftest import no_wait
from tests.fakeserver import FakeOpenAI, Reply, Script, completion
from tests.test_cli import assert_one_clear_line
from tests.test_faults import ARTICLE, answer

# Key-like on purpose: the hygiene scan's pattern would catch it too.
KEY = "sk-replay-test-0123456789abcdefghijklmn"
OTHER_ARTICLE = ARTICLE + "\n\nRoads into the town reopened on Tuesday."
runner = CliRunner()


def echoing(fake: FakeOpenAI) -> Script:
    """A good answer from a server that echoes the request's Authorization header back in its
    body and its headers (some proxies and debugging servers do)."""

    def reply(request: dict[str, Any]) -> Reply:
        auth = fake.headers[-1].get("authorization", "")
        body = completion(request, answer()) | {"echo": {"authorization": auth}}
        headers = {"x-echo-authorization": auth, "set-cookie": f"session={auth}"}
        return Reply(body=body, headers=headers)

    return reply


def summarize(*args: str) -> Any:
    return runner.invoke(app, ["summarize", *args])


def without_latency(stdout: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(stdout)
    assert data["metadata"].pop("latency_s") >= 0
    return data


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_a_recorded_summary_replays_with_the_server_gone_identical_but_latency(
    fake: FakeOpenAI, article: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cassette = tmp_path / "cassettes" / "run.yaml"
    flags = ["--base-url", fake.base_url, "-m", "m", "--mode", "tools", "--cassette", str(cassette)]
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    fake.add(echoing(fake))
    recorded = summarize(str(article), *flags, "--published", "2025-09-16")
    assert recorded.exit_code == 0, recorded.stderr
    assert fake.headers[0]["authorization"] == f"Bearer {KEY}"  # what the server echoed
    fake.stop()

    monkeypatch.delenv("OPENAI_API_KEY")  # CI has no key
    replayed = summarize(str(article), *flags, "--published", "2025-09-16", "--record-mode", "none")
    assert replayed.exit_code == 0, replayed.stderr
    assert without_latency(replayed.stdout) == without_latency(recorded.stdout)
    assert json.loads(replayed.stdout)["events"][0]["quantities"][0]["low"] == 41

    text = cassette.read_text(encoding="utf-8")
    assert KEY not in text and KEY[3:] not in text
    assert "authorization: <redacted>" not in text.lower()  # the echoing header is not kept
    assert f"authorization: Bearer {REDACTED}" in text  # the echo in the body, scrubbed
    assert "set-cookie" not in text.lower() and "x-echo" not in text
    assert len(fake.requests) == 1


def test_once_replays_an_existing_cassette_without_asking_the_server(
    fake: FakeOpenAI, article: Path, tmp_path: Path
) -> None:
    cassette = tmp_path / "run.yaml"
    flags = ["--base-url", fake.base_url, "-m", "m", "--mode", "tools", "--cassette", str(cassette)]
    fake.add(echoing(fake))
    first = summarize(str(article), *flags)
    second = summarize(str(article), *flags)  # the strict server has no second answer
    assert (first.exit_code, second.exit_code) == (0, 0), second.stderr
    assert without_latency(second.stdout) == without_latency(first.stdout)
    assert len(fake.requests) == 1


def test_a_request_not_in_the_cassette_is_one_clear_line_and_exit_5(
    fake: FakeOpenAI, article: Path, tmp_path: Path
) -> None:
    cassette = tmp_path / "run.yaml"
    flags = ["--base-url", fake.base_url, "-m", "m", "--mode", "tools", "--cassette", str(cassette)]
    fake.add(echoing(fake))
    assert summarize(str(article), *flags).exit_code == 0
    other = tmp_path / "other.txt"
    other.write_text(OTHER_ARTICLE, encoding="utf-8")
    for mode in ("none", "once"):  # once: the cassette exists, so it only replays
        result = summarize(str(other), *flags, "--record-mode", mode)
        assert_one_clear_line(result, ExitCode.PROVIDER, "is not in the cassette")
        line = result.stderr.strip()
        assert str(cassette) in line and "re-record" in line and f"record mode {mode}" in line
        assert "POST /v1/chat/completions" in line
    assert len(fake.requests) == 1  # neither run reached the server


def test_replaying_a_missing_cassette_is_a_configuration_error(
    article: Path, tmp_path: Path
) -> None:
    missing = tmp_path / "missing.yaml"
    result = summarize(str(article), "--base-url", "http://127.0.0.1:9/v1", "-m", "m",
                       "--cassette", str(missing), "--record-mode", "none")  # fmt: skip
    assert_one_clear_line(result, ExitCode.CONFIGURATION, f"no cassette {missing} to replay")
    assert not missing.exists()


def test_record_mode_without_a_cassette_is_a_usage_error(article: Path) -> None:
    result = summarize(str(article), "-m", "offline", "--record-mode", "none")
    assert result.exit_code == ExitCode.USAGE
    assert "--record-mode" in result.stderr and "needs --cassette" in result.stderr


def test_an_unwritable_cassette_fails_before_any_request(fake: FakeOpenAI, article: Path) -> None:
    beneath_a_file = article / "run.yaml"
    result = summarize(str(article), "--base-url", fake.base_url, "-m", "m",
                       "--cassette", str(beneath_a_file))  # fmt: skip
    assert_one_clear_line(result, ExitCode.OUTPUT, "cannot write the cassette")
    assert fake.requests == []


def test_the_offline_extractor_needs_no_cassette(article: Path, tmp_path: Path) -> None:
    cassette = tmp_path / "run.yaml"
    result = summarize(str(article), "-m", "offline", "--cassette", str(cassette))
    assert result.exit_code == 0, result.stderr
    assert "sends no requests" in result.stderr and not cassette.exists()


def test_new_episodes_adds_what_is_missing_and_all_records_again(
    fake: FakeOpenAI, tmp_path: Path
) -> None:
    cassette = tmp_path / "run.yaml"

    def run(text: str, mode: str) -> Any:
        with (
            recording(cassette, mode),
            Summarizer("m", base_url=fake.base_url, mode="tools", retry=no_wait()) as s,
        ):
            return s.summarize(text)

    fake.add(echoing(fake), echoing(fake), echoing(fake))
    run(ARTICLE, "once")
    run(ARTICLE, "new_episodes")  # replayed
    run(OTHER_ARTICLE, "new_episodes")  # recorded
    assert len(fake.requests) == 2
    assert cassette.read_text(encoding="utf-8").count("- request:") == 2
    run(OTHER_ARTICLE, "all")  # sent again, and replaces its recording
    assert len(fake.requests) == 3
    assert cassette.read_text(encoding="utf-8").count("- request:") == 2
    fake.stop()
    assert run(ARTICLE, "none").headline == run(OTHER_ARTICLE, "none").headline


def test_a_miss_is_raised_at_once_not_retried_as_a_connection_error(tmp_path: Path) -> None:
    cassette = tmp_path / "empty.yaml"
    cassette.write_text("interactions: []\nversion: 1\n", encoding="utf-8")
    sleeps: list[float] = []
    with (
        recording(cassette, "none"),
        Summarizer("m", base_url="http://127.0.0.1:9/v1", mode="tools", retry=no_wait(sleeps)) as s,
        pytest.raises(CassetteMiss, match="is not in the cassette") as caught,
    ):
        s.summarize(ARTICLE)
    assert sleeps == [] and caught.value.cassette == cassette  # asked once, never retried


def test_a_local_server_asked_for_its_model_replays_that_question_too(
    fake: FakeOpenAI, tmp_path: Path
) -> None:
    cassette = tmp_path / "run.yaml"
    fake.serve_models("served-model")
    fake.add(echoing(fake))
    with recording(cassette), Summarizer(base_url=fake.base_url, retry=no_wait()) as s:
        recorded = s.summarize(ARTICLE)
    fake.stop()
    with recording(cassette, "none"), Summarizer(base_url=fake.base_url, retry=no_wait()) as s:
        replayed = s.summarize(ARTICLE)
    assert replayed.metadata.model == recorded.metadata.model == "served-model"
    assert "GET" in cassette.read_text(encoding="utf-8")
    # A cassette without the model list: the question is the miss, reported as such.
    other = tmp_path / "no-models.yaml"
    other.write_text("interactions: []\nversion: 1\n", encoding="utf-8")
    with (
        recording(other, "none"),
        Summarizer(base_url="http://127.0.0.1:9/v1", retry=no_wait()) as s,
        pytest.raises(CassetteMiss, match="GET /v1/models is not in the cassette"),
    ):
        s.ensure_model()


async def test_async_summaries_record_and_replay(fake: FakeOpenAI, tmp_path: Path) -> None:
    cassette = tmp_path / "run.yaml"
    fake.add(echoing(fake))
    with recording(cassette):
        async with Summarizer("m", base_url=fake.base_url, mode="tools", retry=no_wait()) as s:
            recorded = await s.asummarize(ARTICLE)
    fake.stop()
    with recording(cassette, "none"):
        async with Summarizer("m", base_url=fake.base_url, mode="tools", retry=no_wait()) as s:
            replayed = await s.asummarize(ARTICLE)
    assert replayed.model_dump(exclude={"metadata": {"latency_s"}}) == recorded.model_dump(
        exclude={"metadata": {"latency_s"}}
    )


def test_a_base_url_password_and_its_basic_auth_token_never_reach_the_cassette(
    fake: FakeOpenAI, tmp_path: Path
) -> None:
    password = "pw/secret-9f8e7d6c"
    base_url = fake.base_url.replace("http://", "http://alice:pw%2Fsecret-9f8e7d6c@")
    settings = Settings.load("m", base_url=base_url)
    cassette = tmp_path / "run.yaml"
    fake.add(echoing(fake))
    with (
        recording(cassette, secrets=secrets_of(settings)),
        Summarizer("m", base_url=base_url, mode="tools", retry=no_wait()) as s,
    ):
        s.summarize(ARTICLE)
    token = base64.b64encode(f"alice:{password}".encode()).decode()
    assert fake.headers[0]["authorization"] == f"Basic {token}"  # the client sent it
    text = cassette.read_text(encoding="utf-8")
    assert token not in text and "secret-9f8e7d6c" not in text and "alice" not in text
    assert f"Basic {REDACTED}" in text


def test_secrets_of_lists_the_key_the_password_and_the_token() -> None:
    assert secrets_of(Settings.load("m")) == []
    assert secrets_of(Settings.load("m", api_key=KEY)) == [KEY]
    found = secrets_of(Settings.load("m", base_url="http://u:p%40ss@host/v1"))
    assert found == ["p%40ss", "p@ss", base64.b64encode(b"u:p@ss").decode()]


def test_scrub_replaces_every_form_of_a_secret_everywhere() -> None:
    scrub = Scrub(["s3cr/t", ""])
    assert scrub.text("a s3cr/t b s3cr%2Ft") == f"a {REDACTED} b {REDACTED}"
    assert scrub.data(b'{"k": "s3cr/t"}') == b'{"k": "' + REDACTED.encode() + b'"}'
    response = {
        "headers": {"Content-Type": ["text/s3cr/t"], "Date": ["today"], "X-Echo": "s3cr/t"},
        "body": {"string": b"s3cr/t"},
    }
    assert scrub.response(response) == {
        "headers": {"Content-Type": [f"text/{REDACTED}"]},
        "body": {"string": REDACTED.encode()},
    }


def test_an_unknown_record_mode_and_a_missing_vcrpy_are_configuration_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert RECORD_MODES == ("once", "none", "new_episodes", "all")
    with (
        pytest.raises(ConfigurationError, match="unknown record mode 'rewrite'"),
        recording(tmp_path / "c.yaml", "rewrite"),
    ):
        pass
    monkeypatch.delitem(sys.modules, "summarizer.replay.cassette")
    monkeypatch.setitem(sys.modules, "vcr", None)  # as if vcrpy were not installed
    with (
        pytest.raises(ConfigurationError, match=r"pip install 'summarizer\[replay\]'"),
        recording(tmp_path / "c.yaml"),
    ):
        pass


def test_a_folder_is_no_cassette(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="it is a folder"), recording(tmp_path):
        pass
