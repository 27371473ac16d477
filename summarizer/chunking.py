"""Articles longer than one request can carry: split on paragraphs, extracted piece by piece,
merged into one draft.

A provider says how much article text one request can carry (``Provider.input_budget``:
from ``--max-input-tokens``, the model's known window, or a window a server named when it
refused a request as too long). An article within it goes whole, as always. A longer one, or
one the server refuses as too long (``ContextLengthError``), is cut into chunks on paragraph
boundaries (a paragraph longer than a chunk on sentence boundaries, then anywhere), each
overlapping the one before by its last paragraph so that an event told across the cut is
whole in one of them. Every chunk is a slice of the cleaned article, extracted as an article
of its own (title and date kept) and validated against its own text.

The drafts are merged: headline and lede from the first chunk (where news puts them), the key
points, events, actors and claims of every chunk in order, an event told in two chunks (the
overlap) once — the same type and a quote in common, or the same type, time, place and
actors — with its evidence joined. The merged draft is then grounded against the whole
article like any draft, so every span indexes the article, not a chunk. A chunk that fails is
a warning naming its characters; the article fails only when every chunk does.
"""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass, replace

from summarizer.draft import ArticleSummary, DraftActor, DraftClaim, DraftEvent, DraftKeyPoint
from summarizer.errors import ContextLengthError, SummarizerError
from summarizer.input.article import Article
from summarizer.providers.base import (
    CallStats,
    Extraction,
    InputBudget,
    Provider,
    article_deadline,
)

# Below this many characters a chunk holds too little to be worth a request: give up instead.
MIN_CHUNK = 400
# A part refused as too long is split again, by the window the server named: so deep at most.
MAX_DEPTH = 3
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’)\]]*\s+")
_PARAGRAPH = re.compile(r"\S[^\n]*(?:\n(?!\s*\n)[^\n]*)*")  # lines up to a blank line


@dataclass(frozen=True)
class Chunk:
    """Characters ``start``–``end`` of the article."""

    start: int
    end: int

    def article(self, whole: Article) -> Article:
        return replace(whole, text=whole.text[self.start : self.end])


def split(text: str, size: int) -> list[Chunk]:
    """Chunks of at most ``size`` characters covering ``text``, cut between paragraphs where
    one fits, each starting with the last paragraph of the one before when that paragraph is
    short enough to repeat (a third of a chunk at most)."""
    if len(text) <= size:
        return [Chunk(0, len(text))]
    pieces = _pieces(text, size)
    chunks: list[Chunk] = []
    k = 0
    while k < len(pieces):
        start = pieces[k][0]
        end = pieces[k][1]
        j = k + 1
        while j < len(pieces) and pieces[j][1] - start <= size:
            end = pieces[j][1]
            j += 1
        chunks.append(Chunk(start, end))
        if j >= len(pieces):
            break
        last = pieces[j - 1]
        # Repeat the last piece only if it is short and the next one still fits beside it:
        # else the next chunk would be that piece alone, a request for nothing new.
        overlap = j - 1 > k and last[1] - last[0] <= size // 3 and pieces[j][1] - last[0] <= size
        k = j - 1 if overlap else j
    return chunks


def _pieces(text: str, size: int) -> list[tuple[int, int]]:
    """Paragraphs as (start, end); one longer than ``size`` in sentences, and a sentence longer
    than that in ``size``-character runs. ``split`` packs them back into chunks."""
    found: list[tuple[int, int]] = []
    for paragraph in _PARAGRAPH.finditer(text):
        start, end = paragraph.span()
        if end - start <= size:
            found.append((start, end))
            continue
        cut = start
        for boundary in [m.end() for m in _SENTENCE_END.finditer(text, start, end)] + [end]:
            while boundary - cut > size:
                found.append((cut, cut + size))
                cut += size
            if boundary > cut:
                found.append((cut, boundary))
                cut = boundary
    return found


def budget_of(provider: Provider) -> InputBudget | None:
    """The provider's input budget; one written before there was such a thing has none."""
    method = getattr(provider, "input_budget", None)
    return method() if callable(method) else None


def extract(article: Article, provider: Provider) -> Extraction:
    """The draft of a cleaned article, chunked when it is longer than a request can carry;
    the provider's deadline, if it has one, is for the article, all its parts together."""
    budget = budget_of(provider)
    with article_deadline(budget.deadline if budget else None):
        return _extract(article, provider, 0)


def _extract(article: Article, provider: Provider, depth: int) -> Extraction:
    """``article`` (the whole, or a part at ``depth``) whole or in parts; a part the server
    still refuses as too long is split again, by the window it named."""
    budget, refused = budget_of(provider), 0
    if _whole(article, budget, depth):
        try:
            return provider.extract(article)
        except ContextLengthError as exc:
            if depth >= MAX_DEPTH:
                raise
            budget, refused = _after_refusal(article, provider, exc), exc.requests
    chunks = _chunks(article, budget)
    done: list[Extraction | SummarizerError] = []
    for chunk in chunks:
        try:
            done.append(_extract(chunk.article(article), provider, depth + 1))
        except SummarizerError as exc:
            done.append(exc)
    return merge(article, chunks, done, refused, whole=depth == 0)


async def aextract(article: Article, provider: Provider) -> Extraction:
    """The async twin of ``extract``; the parts go ``budget.parallel`` requests at a time."""
    await provider.aensure_model()  # the budget needs the model: never a blocking lookup here
    budget = budget_of(provider)
    gate = asyncio.Semaphore(max(budget.parallel if budget else 1, 1))
    with article_deadline(budget.deadline if budget else None):
        return await _aextract(article, provider, 0, gate)


async def _aextract(
    article: Article, provider: Provider, depth: int, gate: asyncio.Semaphore
) -> Extraction:
    budget, refused = budget_of(provider), 0
    if _whole(article, budget, depth):
        try:
            async with gate:  # held for the request only, never while parts are awaited
                return await provider.aextract(article)
        except ContextLengthError as exc:
            if depth >= MAX_DEPTH:
                raise
            budget, refused = _after_refusal(article, provider, exc), exc.requests
    chunks = _chunks(article, budget)

    async def one(chunk: Chunk) -> Extraction | SummarizerError:
        try:
            return await _aextract(chunk.article(article), provider, depth + 1, gate)
        except SummarizerError as exc:
            return exc

    done = list(await asyncio.gather(*(one(chunk) for chunk in chunks)))
    return merge(article, chunks, done, refused, whole=depth == 0)


def _whole(article: Article, budget: InputBudget | None, depth: int) -> bool:
    """Whether ``article`` goes in one request: it fits the budget (never less than a part
    worth sending), or it has been split as deep as parts go."""
    if budget is None or depth >= MAX_DEPTH:
        return True
    return len(article.text) <= max(budget.chars, MIN_CHUNK)


def _after_refusal(
    article: Article, provider: Provider, refusal: ContextLengthError
) -> InputBudget:
    """The budget once the server refused the whole article: the one it now knows (the window
    the server named), else half the article; never a chunk too small to be worth sending."""
    budget = budget_of(provider)
    if budget is None or budget.chars >= len(article.text):
        budget = InputBudget(chars=len(article.text) // 2, parallel=1)
    if len(article.text) <= MIN_CHUNK:
        raise refusal  # no part of it is worth a request of its own
    # The estimate of the prompt is coarse and high: below a worthwhile part, let the server
    # judge a part of that size rather than refuse on the estimate alone.
    return replace(budget, chars=max(budget.chars, MIN_CHUNK))


def _chunks(article: Article, budget: InputBudget | None) -> list[Chunk]:
    # The budget is an estimate: parts are never cut smaller than is worth a request; a part
    # the server still refuses is split again, down to MAX_DEPTH. (No budget: sent whole.)
    size = max(budget.chars, MIN_CHUNK) if budget is not None else len(article.text)
    return split(article.text, size)


def merge(
    article: Article,
    chunks: list[Chunk],
    done: list[Extraction | SummarizerError],
    refused: int = 0,
    *,
    whole: bool = True,
) -> Extraction:
    """One extraction from the chunks' (see the module); the first error when all failed.
    ``refused``: the requests spent before splitting (the whole article, refused). ``whole``:
    ``article`` is the whole article (not a part split again), whose warning says so."""
    stats = CallStats(requests=refused, parts=0)
    warnings: list[str] = []
    drafts: list[ArticleSummary] = []
    for number, (chunk, result) in enumerate(zip(chunks, done, strict=True), 1):
        if isinstance(result, SummarizerError):
            stats.requests += getattr(result, "requests", 0)
            warnings.append(
                f"part {number} of {len(chunks)} (characters {chunk.start}–{chunk.end}) could "
                f"not be summarised: {result}"
            )
            continue
        _add(stats, result.stats)
        stats.parts += result.stats.parts
        drafts.append(result.draft)
        warnings += [f"part {number} of {len(chunks)}: {w}" for w in result.warnings]
    if not drafts:
        first = next(r for r in done if isinstance(r, SummarizerError))
        raise first
    parts = sum(r.chunks if isinstance(r, Extraction) else 1 for r in done)
    if whole:
        warnings.insert(
            0,
            f"the article ({len(article.text):,} characters) was longer than one request can "
            f"carry: summarised in {parts} parts and merged",
        )
    modes = [r.mode for r in done if isinstance(r, Extraction) and r.mode]
    return Extraction(
        draft=_merged(drafts), stats=stats, warnings=warnings, chunks=parts,
        mode=modes[-1] if modes else None,
    )  # fmt: skip


def _add(total: CallStats, part: CallStats) -> None:
    total.ignored_calls += part.ignored_calls
    total.requests += part.requests
    total.answers += part.answers
    total.transport_retries += part.transport_retries
    total.prompt_tokens += part.prompt_tokens
    total.completion_tokens += part.completion_tokens


def _merged(drafts: list[ArticleSummary]) -> ArticleSummary:
    first = drafts[0]
    events: list[DraftEvent] = []
    actors: dict[str, DraftActor] = {}
    claims: dict[tuple[str, ...], DraftClaim] = {}
    points: dict[str, DraftKeyPoint] = {}
    for draft in drafts:
        for event in draft.events:
            same = next((e for e in events if _same_event(e, event)), None)
            if same is None:
                events.append(event)
            else:
                events[events.index(same)] = same.model_copy(
                    update={"evidence": _joined(same.evidence, event.evidence)}
                )
        for actor in draft.actors:
            known = actors.get(actor.name.casefold())
            actors[actor.name.casefold()] = (
                actor
                if known is None
                else known.model_copy(update={"evidence": _joined(known.evidence, actor.evidence)})
            )
        for claim in draft.claims:
            claims.setdefault(tuple(claim.evidence), claim)
        for point in draft.key_points:
            points.setdefault(" ".join(point.text.casefold().split()), point)
    return first.model_copy(
        update={
            "key_points": list(points.values()),
            "events": events,
            "actors": list(actors.values()),
            "claims": list(claims.values()),
        }
    )


def _same_event(a: DraftEvent, b: DraftEvent) -> bool:
    """One event told in two chunks: the same type, and a quote in common or the same time,
    place and actors."""
    if a.type != b.type:
        return False
    if set(a.evidence) & set(b.evidence):
        return True
    names = {r.name.casefold() for r in a.actors}
    return (
        bool(names)
        and (a.when, a.where) == (b.when, b.where)
        and names == {r.name.casefold() for r in b.actors}
    )


def _joined(a: list[str], b: list[str]) -> list[str]:
    return a + [quote for quote in b if quote not in a]
