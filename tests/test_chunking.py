"""Long articles: split on paragraphs with overlap, extracted piece by piece, merged, and
grounded against the whole article — against a loopback server with an 8k-token window that
refuses anything longer, as vLLM and llama.cpp do."""

from __future__ import annotations

import itertools
import re
from dataclasses import replace
from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer import Summarizer
from summarizer.chunking import Chunk, _merged, split
from summarizer.draft import ArticleSummary
from summarizer.input.article import Article
from summarizer.providers.openai.throttle import estimate_tokens
from tests.conftest import no_wait
from tests.fakeserver import FakeOpenAI, Reply, Request, article_of, completion

WINDOW = 8192
TOWNS = ["Brenmoor", "Caldris", "Dunhaven", "Elverton", "Farrowgate", "Glenmarrow", "Harlow"]


def paragraph(n: int) -> str:
    town = f"{TOWNS[n % len(TOWNS)]} {n}"
    return (
        f"The council of {town} approved a plan for {n + 10} new homes on Monday, officials "
        f"said. Residents of {town} had asked for the homes for years, and the vote came after "
        "a long debate in the old town hall about roads, schools and the cost of the work."
    )


COUNT = 465
LONG = "\n\n".join(paragraph(n) for n in range(COUNT))  # about 120,000 characters


def grounded_answer(text: str) -> dict[str, Any]:
    """What a careful model answers for the part of the article it was given: one event per
    paragraph, each quoting its first sentence."""
    sentences = re.findall(r"The council of [^.]+ said\.", text)
    events = [
        {
            "type": "policy",
            "description": sentence.split(" on Monday")[0] + ".",
            "when": "on Monday",
            "certainty": "reported",
            "evidence": [sentence],
        }
        for sentence in sentences
    ]
    first = sentences[0] if sentences else text[:80]
    return {
        "headline": "Councils approve new homes",
        "lede": "Councils approved plans for new homes on Monday.",
        "key_points": [{"text": "Councils approved new homes", "evidence": [first]}],
        "events": events,
        "actors": [],
        "claims": [],
    }


def eight_k_server(request: Request) -> Reply:
    """A server whose window is 8,192 tokens, prompt and answer's room together."""
    asked = estimate_tokens(request)
    if asked > WINDOW:
        message = (
            f"This model's maximum context length is {WINDOW} tokens. However, you requested "
            f"{asked} tokens. Please reduce the length of the messages."
        )
        return Reply(status=400, body={"error": {"message": message, "code": None}})
    return Reply(body=completion(request, grounded_answer(article_of(request))))


@pytest.mark.parametrize("sync", [True, False])
async def test_a_120k_article_against_an_8k_window(fake: FakeOpenAI, sync: bool) -> None:
    assert 110_000 < len(LONG) < 130_000
    fake.answer_every(eight_k_server)
    s = Summarizer("local-model", base_url=fake.base_url, retry=no_wait())
    if sync:
        with s:
            summary = s.summarize(LONG, published=date(2025, 3, 5))
    else:
        async with s:
            summary = await s.asummarize(LONG, published=date(2025, 3, 5))
    parts = summary.metadata.chunks
    assert parts > 5
    assert summary.metadata.attempts.requests == 1 + parts  # the refusal, then each part
    assert summary.metadata.attempts.reasks == 0
    assert all(estimate_tokens(r) <= WINDOW for r in fake.requests[1:])
    # Events from the whole article, its last paragraphs included, each once.
    towns = [e.description for e in summary.events]
    assert len(towns) == COUNT and len(set(towns)) == COUNT
    last = COUNT - 1
    town = f"{TOWNS[last % len(TOWNS)]} {last}"
    assert f"The council of {town} approved a plan for {last + 10} new homes." in towns
    # Every span is a span of the whole article.
    text = summary.source.text
    for event in summary.events:
        for quote in event.evidence:
            assert text[quote.start : quote.end] == quote.quote
    assert summary.events[-1].evidence[0].start > len(LONG) - 300
    assert "summarised in" in summary.diagnostics.warnings[0]


def test_a_known_window_splits_before_any_refusal(fake: FakeOpenAI) -> None:
    fake.answer_every(eight_k_server)
    with Summarizer(
        "local-model", base_url=fake.base_url, retry=no_wait(), max_input_tokens=6000,
        max_tokens=2048,
    ) as s:  # fmt: skip
        summary = s.summarize(LONG)
    assert summary.metadata.attempts.requests == summary.metadata.chunks  # no refusal first
    assert len(summary.events) == COUNT


def test_a_short_article_goes_whole(fake: FakeOpenAI) -> None:
    fake.answer_every(eight_k_server)
    with Summarizer("local-model", base_url=fake.base_url, retry=no_wait()) as s:
        summary = s.summarize("\n\n".join(paragraph(n) for n in range(3)))
    assert summary.metadata.chunks == 1 and summary.metadata.attempts.requests == 1


def test_a_part_that_fails_is_a_warning_and_the_rest_comes_through(fake: FakeOpenAI) -> None:
    calls = {"n": 0}

    def flaky(request: Request) -> Reply:
        calls["n"] += 1
        if calls["n"] == 3:  # the second part
            return Reply(status=400, body={"error": {"message": "bad request"}})
        return eight_k_server(request)

    fake.answer_every(flaky)
    with Summarizer("local-model", base_url=fake.base_url, retry=no_wait()) as s:
        summary = s.summarize(LONG)
    failed = [w for w in summary.diagnostics.warnings if "could not be summarised" in w]
    assert len(failed) == 1 and "part 2 of" in failed[0]
    assert COUNT - 60 < len(summary.events) < COUNT


@settings(max_examples=80, deadline=None)
@given(
    paragraphs=st.lists(st.text(alphabet="abc .\n", min_size=1, max_size=300), min_size=1),
    size=st.integers(min_value=50, max_value=600),
)
def test_chunks_cover_the_text_in_order_within_the_size(paragraphs: list[str], size: int) -> None:
    text = "\n\n".join(paragraphs)
    chunks = split(text, size)
    assert all(c.end - c.start <= size for c in chunks) or len(chunks) == 1
    assert chunks[0].start <= len(text) - len(text.lstrip())
    for before, after in itertools.pairwise(chunks):
        assert not text[before.end : after.start].strip()  # a gap holds only the blank line
        assert after.start > before.start  # always moving on
    covered = set()
    for c in chunks:
        covered |= set(range(c.start, c.end))
    assert all(i in covered for i, ch in enumerate(text) if not ch.isspace())


def test_chunks_cut_between_paragraphs_and_overlap_by_one() -> None:
    text = "\n\n".join(paragraph(n) for n in range(12))
    chunks = split(text, 1000)
    assert len(chunks) > 2
    for before, after in itertools.pairwise(chunks):
        assert text[after.start - 2 : after.start] in ("\n\n", "")  # a paragraph starts there
        assert after.start < before.end  # the last paragraph of one opens the next


def test_an_event_told_in_two_parts_is_merged_once() -> None:
    text = "\n\n".join(paragraph(n) for n in range(4))
    first = ArticleSummary.model_validate(grounded_answer(text[: len(text) * 3 // 4]))
    second = ArticleSummary.model_validate(grounded_answer(text[len(text) // 2 :]))
    merged = _merged([first, second])
    assert len(merged.events) == 4
    assert merged.headline == first.headline
    part = Chunk(3, 9).article(Article(text="0123456789abc", title="T"))
    assert (part.text, part.title) == ("345678", "T")


def test_a_part_still_too_long_is_split_again_by_the_window_the_server_names(
    fake: FakeOpenAI,
) -> None:
    """With no window known the first cut is by a generous default; the server's refusal of
    a part names its window, and the part is cut again to fit."""
    huge = "\n\n".join(paragraph(n) for n in range(1800))  # ~460,000 characters
    fake.answer_every(eight_k_server)
    with Summarizer("local-model", base_url=fake.base_url, retry=no_wait()) as s:
        summary = s.summarize(huge)
    assert len(summary.events) == 1800
    assert all(estimate_tokens(r) <= WINDOW for r in fake.requests if "messages" in r and
               len(r["messages"][-1]["content"]) < 40_000)  # fmt: skip
    assert summary.metadata.chunks > 40


def test_a_chunk_is_never_only_the_paragraph_the_one_before_ended_with() -> None:
    text = "a" * 600 + "\n\n" + "b" * 300 + "\n\n" + "c" * 900
    chunks = split(text, 1000)
    assert [(c.start, c.end) for c in chunks] == [(0, 902), (904, 1804)]


def test_a_small_window_with_a_coarse_estimate_still_sends_parts_the_server_judges(
    fake: FakeOpenAI,
) -> None:
    """A 4k server: the estimate of the prompt alone nearly fills it, but parts are still sent
    (never refused on the estimate), and the server's answer decides."""

    def four_k(request: Request) -> Reply:
        if len(article_of(request)) > 2000:  # the server's own count, finer than ours
            message = "This model's maximum context length is 4096 tokens."
            return Reply(status=400, body={"error": {"message": message}})
        return Reply(body=completion(request, grounded_answer(article_of(request))))

    fake.answer_every(four_k)
    text = "\n\n".join(paragraph(n) for n in range(12))
    with Summarizer("local-model", base_url=fake.base_url, retry=no_wait()) as s:
        summary = s.summarize(text)
    assert len(summary.events) == 12 and summary.metadata.chunks > 1


def test_the_deadline_is_for_the_article_all_its_parts_together(fake: FakeOpenAI) -> None:
    def slow_part(request: Request) -> Reply:
        reply = eight_k_server(request)
        return replace(reply, delay=0.2) if reply.status == 200 else reply

    fake.answer_every(slow_part)
    with Summarizer(
        "local-model", base_url=fake.base_url, retry=no_wait(), max_input_tokens=6000,
        max_tokens=2048, deadline=0.5,
    ) as s:  # fmt: skip
        summary = s.summarize(LONG)
    # 0.2 s a part, 0.5 s for the article: a few parts are answered, the rest are not sent.
    assert 0 < summary.metadata.attempts.requests < summary.metadata.chunks
    late = [w for w in summary.diagnostics.warnings if "at its deadline" in w]
    assert late and len(late) == summary.metadata.chunks - summary.metadata.attempts.requests
