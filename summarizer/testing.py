"""A pytest plugin: your tests summarize through a cassette recorded once, so CI needs no key,
no model server and no network.

Installed with the package (the ``summarizer`` pytest11 entry point), it is on in every pytest
run; it imports nothing heavy until a test asks for its fixture (no vcrpy, no openai), so it
neither slows nor breaks a test suite that does not use it.

    def test_the_death_toll_has_a_source(summarizer_replay):
        summary = summarizer_replay.summarize(ARTICLE, published="2024-12-27")
        assert summary.events[0].attribution.source == "the health ministry"

- ``summarizer_replay``: a ``summarizer.Summarizer`` whose HTTP traffic is recorded to, or
  replayed from, ``<test dir>/cassettes/<test module>/<test name>.yaml`` (the format, scrubbing
  and matching of ``summarizer.replay``: no key, no auth header, matched on method, path, query
  and body, not host).
- ``--summarizer-record-mode once|none|new_episodes|all``, default ``none``: a test run never
  reaches the network, and a missing cassette fails the test saying how to record it. Record
  with ``--summarizer-record-mode=once`` (``all`` records afresh) and the model configured as
  usual: ``OPENAI_API_KEY``, or ``OPENAI_BASE_URL`` for a local server.
- the ``summarizer_replay`` marker: ``@pytest.mark.summarizer_replay(cassette="other.yaml",
  model="gpt-4o-mini", ...)``: another cassette (relative to the test's folder), and
  ``Summarizer`` arguments (``model``, ``base_url``, ``mode``, ``max_reasks``, ``timeout``…).
- ``summarizer_options``: the same arguments for a whole folder (override it in a
  ``conftest.py``); the marker's win.

Pin the model (and a local server's ``base_url``) in the marker or ``summarizer_options``: the
request replayed must be the request recorded, and in CI the environment that chose them while
recording is gone. With no key in the environment, replaying uses a placeholder (nothing is
sent).

PYTEST_DONT_REWRITE: the plugin asserts nothing, and a module imported before pytest registers
it (an in-process run, a conftest that imports it) must not cost a user's run a warning, which
``filterwarnings = error`` would make a failure.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import AbstractContextManager, ExitStack
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from summarizer.api import Summarizer

MARKER = "summarizer_replay"
OPTION = "--summarizer-record-mode"
# What authenticates a replay when the environment has no key: sent nowhere.
PLACEHOLDER_KEY = "replayed-without-a-key"


def pytest_addoption(parser: pytest.Parser) -> None:
    from summarizer.replay import RECORD_MODES  # no vcrpy: only the names of the modes

    group = parser.getgroup("summarizer", "summarizer: recorded summaries")
    group.addoption(
        OPTION,
        dest="summarizer_record_mode",
        choices=RECORD_MODES,
        default="none",
        help="How the summarizer_replay fixture uses its cassettes: none (replay only, the "
        "default: no network), once (record the missing ones), new_episodes (record what a "
        "cassette lacks), all (record everything again).",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        f"{MARKER}(cassette=None, **options): the cassette of the summarizer_replay fixture "
        "(relative to the test's folder; default cassettes/<module>/<test>.yaml) and the "
        "Summarizer arguments (model, base_url, mode, ...)",
    )


@pytest.fixture
def summarizer_options() -> dict[str, Any]:
    """``Summarizer`` arguments for the ``summarizer_replay`` fixture: override it in a
    ``conftest.py`` to pin a model or server for a folder of tests."""
    return {}


@pytest.fixture
def summarizer_record_mode(request: pytest.FixtureRequest) -> str:
    """The record mode of this run (``--summarizer-record-mode``; default ``none``)."""
    return str(request.config.getoption("summarizer_record_mode"))


@pytest.fixture
def summarizer_cassette(request: pytest.FixtureRequest) -> Path:
    """The cassette of this test: the marker's, else ``cassettes/<module>/<test>.yaml`` beside
    the test file."""
    folder = request.path.parent
    marker = request.node.get_closest_marker(MARKER)
    given = marker.kwargs.get("cassette") if marker else None
    if given is not None:
        return folder / str(given)
    return folder / "cassettes" / request.path.stem / f"{_file_name(request)}.yaml"


@pytest.fixture
def summarizer_replay(
    request: pytest.FixtureRequest,
    summarizer_options: dict[str, Any],
    summarizer_cassette: Path,
    summarizer_record_mode: str,
) -> Iterator[Summarizer]:
    """A ``Summarizer`` whose model traffic is replayed from (or recorded to) this test's
    cassette; closed after the test."""
    from summarizer.api import Summarizer
    from summarizer.errors import SummarizerError

    marker = request.node.get_closest_marker(MARKER)
    options = dict(summarizer_options)
    options.update({k: v for k, v in (marker.kwargs if marker else {}).items() if k != "cassette"})
    model = options.pop("model", None)
    mode = summarizer_record_mode
    cassette = summarizer_cassette
    if mode == "none" and not (
        options.get("api_key") or os.environ.get("OPENAI_API_KEY", "").strip()
    ):
        options["api_key"] = PLACEHOLDER_KEY  # the provider that recorded, without its key
    with ExitStack() as stack:
        try:
            made = stack.enter_context(Summarizer(model, **options))
            if made.provider.name != "offline":  # the offline extractor sends nothing
                stack.enter_context(_recording(request, made, cassette, mode))
            elif made.notice is not None and mode != "none":
                raise SummarizerError(
                    "nothing to record: no model is configured (set OPENAI_API_KEY, or "
                    "OPENAI_BASE_URL for a local server, or pass base_url and model in the "
                    f"{MARKER} marker)"
                )
        except SummarizerError as exc:
            pytest.fail(f"{MARKER}: {exc}", pytrace=False)
        yield made


def _recording(
    request: pytest.FixtureRequest, made: Summarizer, cassette: Path, mode: str
) -> AbstractContextManager[None]:
    from summarizer.replay import recording, secrets_of

    if mode == "none" and not cassette.is_file():
        pytest.fail(
            f"no cassette {cassette} to replay: record it once with "
            f"`pytest {request.node.nodeid} {OPTION}=once` and the model configured "
            "(OPENAI_API_KEY, or OPENAI_BASE_URL for a local server)",
            pytrace=False,
        )
    return recording(cassette, mode, secrets=secrets_of(made.settings))


def _file_name(request: pytest.FixtureRequest) -> str:
    """The test's name as a file name: its class first, parameters kept, no path separators."""
    name = request.node.name
    if request.cls is not None:
        name = f"{request.cls.__name__}.{name}"
    return re.sub(r"[^\w.\[\]=,-]+", "_", name)
