"""The pytest plugin (``summarizer.testing``), as a user's test suite meets it: pytest run in a
fresh process on a user's test file, recording against the strict loopback server, then
replaying with the server gone and the network blocked; and the example in ``examples/``.

The plugin is loaded by name with ``-p summarizer.testing`` after ``-p no:summarizer`` (which
blocks the entry point of an installed copy), so these runs test this checkout's plugin
whether or not the package is installed.
"""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

import pytest

from tests.conftest import ROOT, scripted
from tests.fakeserver import FakeOpenAI
from tests.test_faults import ARTICLE
from tests.test_replay import KEY, echoing

PLUGIN = ("-p", "no:summarizer", "-p", "summarizer.testing")
NO_NETWORK = ("--block-network", "--allowed-hosts=127.0.0.1,localhost")
EXAMPLE = ROOT / "examples" / "test_with_cassettes.py"
EXAMPLE_CASSETTE = (
    ROOT / "examples" / "cassettes" / "test_with_cassettes"
    / "test_every_casualty_figure_keeps_its_bounds_and_its_source.yaml"
)  # fmt: skip
# Warnings are errors in the user's run too: the plugin must not cause any.
INI = "[pytest]\nfilterwarnings = error\nasyncio_default_fixture_loop_scope = function\n"
USER_TESTS = f"""
import pytest

ARTICLE = {ARTICLE!r}


@pytest.mark.summarizer_replay(model="m", mode="tools")
def test_the_toll(summarizer_replay):
    summary = summarizer_replay.summarize(ARTICLE, published="2025-09-16")
    assert summary.events[0].quantities[0].low == 41


@pytest.mark.summarizer_replay(cassette="recorded/elsewhere.yaml", model="m", mode="tools")
def test_elsewhere(summarizer_replay, summarizer_cassette):
    assert summarizer_cassette.name == "elsewhere.yaml"
    assert summarizer_replay.summarize(ARTICLE).headline
"""
MORE_TESTS = f"""
import pytest

ARTICLE = {ARTICLE!r}


@pytest.mark.summarizer_replay(cassette="cassettes/test_user/test_the_toll.yaml", model="m")
def test_changed_article(summarizer_replay):
    summarizer_replay.summarize(ARTICLE + " More.", published="2025-09-16")


def test_never_recorded(summarizer_replay):
    pass
"""


def run_pytest(
    *args: str | Path, cwd: Path, env: Mapping[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """pytest in a fresh interpreter, with this checkout importable, none of the developer's
    OPENAI_*/SUMMARIZER_* settings, and ``env`` on top."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "SUMMARIZER_"))}
    clean["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), clean.get("PYTHONPATH")]))
    command = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *PLUGIN, "-q"]
    return subprocess.run(
        [*command, *map(str, args)], cwd=cwd, env={**clean, **(env or {})},
        capture_output=True, text=True, check=False, timeout=300,
    )  # fmt: skip


@pytest.fixture
def suite(pytester: pytest.Pytester) -> pytest.Pytester:
    """A user's project: its ini (warnings are errors there too) and its test file."""
    pytester.makeini(INI)
    pytester.makepyfile(test_user=USER_TESTS)
    return pytester


def run(pytester: pytest.Pytester, *args: str | Path) -> pytest.RunResult:
    """pytest on the user's project, in this process (the SDKs are loaded already)."""
    return pytester.runpytest_inprocess("-p", "no:cacheprovider", *PLUGIN, *map(str, args))


def test_a_users_tests_record_once_and_replay_with_the_server_gone(
    fake: FakeOpenAI, suite: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake.add(echoing(fake), echoing(fake))
    monkeypatch.setenv("OPENAI_BASE_URL", fake.base_url)
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    run(suite, "--summarizer-record-mode=once").assert_outcomes(passed=2)
    fake.stop()
    cassettes = [suite.path / "cassettes" / "test_user" / "test_the_toll.yaml",
                 suite.path / "recorded" / "elsewhere.yaml"]  # fmt: skip
    for cassette in cassettes:
        text = cassette.read_text(encoding="utf-8")
        assert KEY not in text and "<redacted>" in text  # the server echoed the key

    # CI: no key, no server, no network, and the default record mode: none.
    monkeypatch.delenv("OPENAI_BASE_URL")
    monkeypatch.delenv("OPENAI_API_KEY")
    suite.makepyfile(test_more=MORE_TESTS)
    replayed = run(suite, *NO_NETWORK)
    replayed.assert_outcomes(passed=2, failed=1, errors=1)
    out = replayed.stdout.str()
    # A request the cassette lacks: the test fails, naming the cassette; nothing is sent.
    miss = next(line for line in replayed.outlines if line.startswith("E   ") and "Miss" in line)
    assert "CassetteMiss: POST /v1/chat/completions is not in the cassette" in miss
    assert "test_the_toll.yaml (record mode none" in miss and "re-record" in miss
    # No cassette at all: the test errors saying how to record it, with no traceback.
    assert "\nno cassette " in out and "test_never_recorded.yaml to replay" in out
    assert "--summarizer-record-mode=once` and the model configured" in out
    section = out.split("ERROR at setup of test_never_recorded")[1].split("= FAILURES =")[0]
    assert "summarizer/testing.py" not in section and "def summarizer_replay" not in section
    assert not (suite.path / "cassettes" / "test_more").exists()
    assert len(fake.requests) == 2


def test_recording_with_no_model_configured_fails_instead_of_recording_nothing(
    pytester: pytest.Pytester,
) -> None:
    pytester.makeini(INI)
    pytester.makepyfile(test_user=USER_TESTS.replace('model="m", mode="tools"', ""))
    result = run(pytester, "--summarizer-record-mode=once", "-k", "toll")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*nothing to record: no model is configured*"])


def test_the_plugin_loads_nothing_heavy_into_a_users_pytest(tmp_path: Path) -> None:
    """In a fresh interpreter: its hooks ran (option, marker), no SDK or vcrpy was imported."""
    (tmp_path / "pytest.ini").write_text(INI, encoding="utf-8")
    (tmp_path / "test_probe.py").write_text(
        "import sys\n\n\ndef test_light(request):\n"
        "    assert request.config.getoption('summarizer_record_mode') == 'none'\n"
        "    markers = request.config.getini('markers')\n"
        "    assert any(m.startswith('summarizer_replay(cassette=None') for m in markers)\n"
        "    heavy = {'vcr', 'yaml', 'openai', 'instructor', 'httpx', 'httpx2', 'pydantic'}\n"
        "    assert heavy.isdisjoint(sys.modules), heavy & set(sys.modules)\n",
        encoding="utf-8",
    )
    result = run_pytest("-p", "no:recording", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_example_in_examples_passes_replayed_with_the_network_blocked(
    pytester: pytest.Pytester,
) -> None:
    assert EXAMPLE_CASSETTE.is_file()
    # Imported before the run registers it, as when it is installed and this process loaded it:
    # that must cost no warning (warnings are errors in this project's runs).
    importlib.import_module("summarizer.testing")
    result = run(pytester, EXAMPLE, *NO_NETWORK, f"--rootdir={ROOT}")
    result.assert_outcomes(passed=1)


def record_example() -> None:
    """Re-record the example's cassette against the loopback server, which answers with the
    answer we wrote for the article (``tests/responses/conflict.json``) as a model would over
    OpenAI's API (tool calling): ``python -m tests.record_example``."""
    EXAMPLE_CASSETTE.unlink(missing_ok=True)
    server = FakeOpenAI().start()
    server.add(scripted("conflict"))
    env = {
        "OPENAI_BASE_URL": server.base_url,
        "OPENAI_API_KEY": "sk-loopback-recording-not-a-real-key",
        "SUMMARIZER_MODE": "tools",  # OpenAI's default, which the replay in CI will use
    }
    done = run_pytest(EXAMPLE, "--summarizer-record-mode=once", cwd=ROOT, env=env)
    server.stop()
    print(done.stdout + done.stderr)
    server.check()
    assert done.returncode == 0 and EXAMPLE_CASSETTE.is_file()
