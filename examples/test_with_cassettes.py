"""Testing your own code on real summaries, recorded once and replayed in CI: no key, no server,
no network.

The ``summarizer_replay`` fixture comes with summarizer (a pytest plugin, on once summarizer is
installed with the ``replay`` extra: ``pip install 'summarizer[replay]'``). It is a
``Summarizer`` whose traffic is replayed from ``cassettes/<test module>/<test name>.yaml`` beside
this file, or recorded there.

Replay (the default, what CI runs; nothing is sent):

    pytest examples/test_with_cassettes.py

Record (after changing the article, the model or the summarizer version; delete the cassette
first, then review the diff, and commit it with the test):

    OPENAI_API_KEY=sk-... pytest examples/test_with_cassettes.py --summarizer-record-mode=once

The cassette here was recorded against summarizer's loopback test server answering with
``tests/responses/conflict.json``, an answer written for this article (``python -m
tests.record_example`` re-records it); recorded against OpenAI it would hold OpenAI's answer.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer import StructuredSummary, Summarizer

ARTICLE = Path(__file__).with_name("conflict.txt")


def figures(summary: StructuredSummary) -> list[tuple[str, str, float | None, float | None, str]]:
    """The code under test, yours: each figure of a story with what it counts, its bounds and
    who gives it, as a data team might store them."""
    return sorted(
        (
            quantity.text,
            quantity.counted.value,
            quantity.low,
            quantity.high,
            quantity.attribution.source if quantity.attribution else "the outlet",
        )
        for event in summary.events
        for quantity in event.quantities
    )


# The model is pinned: the request replayed must be the one recorded, and the environment that
# chose the model while recording (SUMMARIZER_MODEL) is not there in CI.
@pytest.mark.summarizer_replay(model="gpt-4o-mini")
def test_every_casualty_figure_keeps_its_bounds_and_its_source(
    summarizer_replay: Summarizer,
) -> None:
    summary = summarizer_replay.summarize(
        ARTICLE.read_text(encoding="utf-8"), published="2024-12-27"
    )
    rows = figures(summary)
    assert ("close to 3,000", "killed_or_injured", None, 3000, "Ukraine's president") in rows
    assert ("at least 100", "killed", 100, None, "The intelligence service") in rows
    deployed = ("between 10,000 and 12,000", "deployed", 10000, 12000, "The intelligence service")
    assert deployed in rows
    # Every figure stands in the article, at the place its evidence says.
    for event in summary.events:
        for quantity in event.quantities:
            for evidence in quantity.evidence:
                assert summary.source.text[evidence.start : evidence.end] == evidence.quote
