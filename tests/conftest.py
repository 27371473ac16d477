from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

from summarizer import RetryPolicy, Summarizer
from summarizer.replay import FILTER_HEADERS, MATCH_ON
from summarizer.replay import format as cassette_format
from tests.fakeserver import FakeOpenAI, Reply, Script, completion

# pytester: the pytest plugin (summarizer.testing) is tested on a user's project.
pytest_plugins = ("pytester",)

# CI machines are shared: a slow example is not a failure.
settings.register_profile("summarizer", deadline=None)
settings.load_profile("summarizer")

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
RESPONSES = Path(__file__).resolve().parent / "responses"
# Cassettes replay with any base URL: host and port are not matched (see vcr_config).
REPLAY_BASE_URL = "http://127.0.0.1:9/v1"
PUBLISHED = {
    "conflict": "2024-12-27",
    "business": "2025-10-24",
    "politics": "2025-06-11",
    "disaster": "2025-09-16",
}


def pytest_recording_configure(config: Any, vcr: Any) -> None:
    # Registered under the name of the file suffix: pytest-recording's ``rewrite`` deletes
    # ``<name>.<serializer>`` before recording, so the name must be the suffix the files have.
    vcr.register_serializer("yaml", cassette_format)


@pytest.fixture(scope="module")
def vcr_cassette_dir(request: pytest.FixtureRequest) -> str:
    return str(ROOT / "cassettes" / request.module.__name__.rsplit(".", 1)[-1])


@pytest.fixture(scope="session")
def vcr_config() -> dict[str, Any]:
    return {
        "serializer": "yaml",  # ours (summarizer/replay/format.py), registered above
        # The package's own lists (``summarizer.replay``): what users' cassettes get too.
        "filter_headers": list(FILTER_HEADERS),
        "decode_compressed_response": True,
        # Not host/port: recordings made against the loopback server or api.openai.com replay
        # alike. The body is matched, so a changed prompt or schema fails until re-recorded.
        "match_on": list(MATCH_ON),
    }


def no_wait(sleeps: list[float] | None = None) -> RetryPolicy:
    """The real retry policy, with waits recorded instead of slept, on a clock that stands
    still (so a wait asked for is recorded as asked, not less the time the test took)."""
    record = sleeps if sleeps is not None else []

    async def asleep(seconds: float) -> None:
        record.append(seconds)

    return RetryPolicy(
        attempts=3, initial=0, max_wait=0, sleep=record.append, asleep=asleep, clock=lambda: 0.0
    )


@pytest.fixture
def fake() -> Iterator[FakeOpenAI]:
    """The strict loopback server: a request the test did not script fails the test."""
    server = FakeOpenAI().start()
    yield server
    server.stop()
    server.check()


def example(name: str) -> str:
    return (EXAMPLES / f"{name}.txt").read_text(encoding="utf-8")


def scripted(name: str) -> Script:
    """A reply whose answer is ``tests/responses/<name>.json``: what we wrote for the model."""
    answer = json.loads((RESPONSES / f"{name}.json").read_text(encoding="utf-8"))
    return lambda request: Reply(body=completion(request, answer))


@pytest.fixture
def llm(request: pytest.FixtureRequest, record_mode: str) -> Iterator[Summarizer]:
    """A Summarizer for cassette tests.

    Replaying (the default): any base URL, vcrpy answers. Recording (``--record-mode=rewrite``):
    with SUMMARIZER_TEST_API_KEY against OpenAI, else against the loopback server playing the
    answers named by the test's ``script`` marker (``tests/responses/*.json``).
    """
    kwargs: dict[str, Any] = {"retry": no_wait(), "max_reasks": 2}
    key = os.environ.get("SUMMARIZER_TEST_API_KEY")
    if record_mode == "none":
        with Summarizer(
            "gpt-4o-mini", base_url=REPLAY_BASE_URL, api_key="test", mode="tools", **kwargs
        ) as replaying:
            yield replaying
    elif key:
        with Summarizer("gpt-4o-mini", api_key=key, **kwargs) as recording:
            yield recording
    else:
        server = FakeOpenAI().start()
        marker = request.node.get_closest_marker("script")
        server.add(*(scripted(name) for name in (marker.args if marker else ())))
        with Summarizer(
            "gpt-4o-mini", base_url=server.base_url, api_key="test", mode="tools", **kwargs
        ) as loopback:
            yield loopback
        server.stop()
        server.check()


@pytest.fixture(autouse=True)
def _clean_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Tests never see the developer's keys or model settings, and never write to the real
    home: the cache and the run log live in this test's own temporary folders."""
    for name in list(os.environ):
        if name.startswith(("OPENAI_", "SUMMARIZER_")) and name != "SUMMARIZER_TEST_API_KEY":
            monkeypatch.delenv(name)
    monkeypatch.setenv("SUMMARIZER_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.setenv("SUMMARIZER_DATA_DIR", str(tmp_path_factory.mktemp("data")))
