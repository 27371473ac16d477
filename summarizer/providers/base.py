"""The provider contract: what the pipeline needs from whoever writes the draft.

No SDK is imported here: the pipeline, and the offline provider, depend on this module only.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Protocol

from summarizer.draft import ArticleSummary
from summarizer.input.article import Article
from summarizer.schema import Usage


@dataclass
class CallStats:
    """What one article cost: HTTP requests, model answers and tokens over every attempt."""

    requests: int = 0
    answers: int = 0
    transport_retries: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    # Functions the model called that it was not offered (the calls were ignored): a model
    # that reaches for tools it was never given is often obeying the article.
    ignored_calls: list[str] = field(default_factory=list)

    def sent(self, attempt_number: int) -> None:
        """One HTTP request went out; ``attempt_number`` > 1 makes it a transport retry."""
        self.requests += 1
        if attempt_number > 1:
            self.transport_retries += 1

    def answered(self, prompt_tokens: int, completion_tokens: int) -> None:
        """One model answer came back, with the tokens it reports."""
        self.answers += 1
        self.prompt_tokens += prompt_tokens
        self.completion_tokens += completion_tokens

    def warnings(self) -> list[str]:
        """What the user should hear about the answers: functions called that were ignored."""
        if not self.ignored_calls:
            return []
        names = ", ".join(dict.fromkeys(self.ignored_calls))
        return [f"the model called {names}, which it was not offered; the calls were ignored"]

    parts: int = 1  # the answers that were first answers (a long article's parts)

    @property
    def reasks(self) -> int:
        return max(self.answers - self.parts, 0)

    def usage(self) -> Usage:
        return Usage(
            prompt_tokens=self.prompt_tokens,
            completion_tokens=self.completion_tokens,
            total_tokens=self.prompt_tokens + self.completion_tokens,
        )


@dataclass
class Extraction:
    """The provider's draft and what it took to get it."""

    draft: ArticleSummary
    stats: CallStats = field(default_factory=CallStats)
    warnings: list[str] = field(default_factory=list)
    mode: str | None = None  # the structured-output mode that answered, when it is not the
    # provider's own at the end (a fallback switched it while this article was in flight)
    chunks: int = 1  # the parts a long article was summarised in (``summarizer.chunking``)


# A monotonic time by which the article being extracted must be done, or None: set once for
# the article (``chunking``), so that its parts and a provider's fallbacks share it; a
# provider's own requests never outlive it (``providers.openai.deadline``).
ARTICLE_DEADLINE: ContextVar[float | None] = ContextVar("article_deadline", default=None)


@contextmanager
def article_deadline(seconds: float | None) -> Iterator[None]:
    """The block's requests done within ``seconds`` (an earlier deadline already set stays)."""
    if seconds is None:
        yield
        return
    at = time.monotonic() + seconds
    outer = ARTICLE_DEADLINE.get()
    token = ARTICLE_DEADLINE.set(at if outer is None else min(outer, at))
    try:
        yield
    finally:
        ARTICLE_DEADLINE.reset(token)


@dataclass(frozen=True)
class InputBudget:
    """How much article text one request can carry, in characters, and how many requests
    the chunks of a long article may have in flight at once."""

    chars: int
    parallel: int = 1
    deadline: float | None = None  # seconds an article may take over all its requests


class ModeMemory(Protocol):
    """Which structured-output mode a server answered in, kept between runs
    (``summarizer.store.modes``): a server that refused one is not asked in it again."""

    def get(self, base_url: str) -> str | None: ...

    def put(self, base_url: str, mode: str) -> None: ...


class Provider(Protocol):
    """Anything that turns a cleaned article into a draft summary.

    ``model`` may be ``None`` until the first ``extract`` or ``ensure_model`` (a local server
    asked for the model it serves); the pipeline reads it afterwards. ``cost`` prices an
    article's usage in US dollars (``None``: no known price). ``close``/``aclose`` release
    connections.
    """

    @property
    def name(self) -> str: ...

    @property
    def model(self) -> str | None: ...

    @property
    def mode(self) -> str | None: ...

    @property
    def prompt_version(self) -> str: ...

    def ensure_model(self) -> str: ...

    async def aensure_model(self) -> str: ...

    def extract(self, article: Article) -> Extraction: ...

    async def aextract(self, article: Article) -> Extraction: ...

    def input_budget(self) -> InputBudget | None:
        """The article text one request can carry; ``None``: no limit known."""
        ...

    def cost(self, usage: Usage) -> float | None: ...

    def close(self) -> None: ...

    async def aclose(self) -> None: ...
