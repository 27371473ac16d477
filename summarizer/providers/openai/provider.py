"""``OpenAIProvider``: OpenAI or an OpenAI-compatible server, configured from ``Settings``.

Nothing is sent when it is made: clients are built on first use, and a local server's model,
when none was given, is asked for (``/models``) on the first extraction — synchronously or
asynchronously, as that extraction runs. Its one ``Throttle`` paces every request of both
clients (429 pauses, ``rpm``/``tpm``); its price table (``pricing``, with the user's
``prices`` file on top) is read when it is made, so a bad file fails before any request.
"""

from __future__ import annotations

import asyncio
import ssl
import weakref
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any
from urllib.parse import urlsplit

import httpx2
import instructor
import openai
from openai.types import Model

from summarizer.config import Settings
from summarizer.errors import (
    ConfigurationError,
    ContextLengthError,
    ProviderError,
    SummarizerError,
)
from summarizer.input.article import Article
from summarizer.providers.base import Extraction, InputBudget, ModeMemory
from summarizer.providers.openai.deadline import AsyncDeadlineTransport, DeadlineTransport
from summarizer.providers.openai.extract import (
    ModeRefused,
    OutputLimit,
    aextract,
    describe_api_error,
    extract,
    first_request,
)
from summarizer.providers.openai.prompt import Prompt, load_prompt
from summarizer.providers.openai.retry import RetryPolicy, is_local, ours_beneath
from summarizer.providers.openai.throttle import CHARS_PER_TOKEN, Throttle, estimate_tokens
from summarizer.providers.openai.transport import Prefilled
from summarizer.providers.pricing import cost, prices_for
from summarizer.schema import Usage
from summarizer.secrets import redact_error, strip_credentials

DEFAULT_OPENAI_MODEL = "gpt-4o-mini"
# Local servers ignore the key, but the SDK insists on one.
_NO_KEY = "not-needed"

# Where a refused mode falls back to: plain JSON asked for in the prompt, then JSON in a
# Markdown block, which every chat model can give (tools → json for a server without tools).
FALLBACK = {"json_schema": "json", "tools": "json", "json": "md_json"}
MODES: dict[str, instructor.Mode] = {
    "tools": instructor.Mode.TOOLS,
    "json_schema": instructor.Mode.JSON_SCHEMA,
    "json": instructor.Mode.JSON,
    "md_json": instructor.Mode.MD_JSON,
}


@cache
def tls_context() -> ssl.SSLContext:
    """The TLS settings every client of this process shares (the SDK's defaults, environment
    included): loading the CA bundle takes ~30 ms, which each new client would pay again."""
    return httpx2.create_ssl_context()


def is_openai(base_url: str | None) -> bool:
    """Whether ``base_url`` is OpenAI's own API (no URL at all means OpenAI)."""
    return base_url is None or (urlsplit(base_url).hostname or "").endswith("openai.com")


# OpenAI's reasoning models refuse ``max_tokens`` ("use max_completion_tokens instead"); every
# other model there, and every OpenAI-compatible server we know (vLLM, llama.cpp, Ollama),
# takes ``max_tokens``, which is also what a recording made against one replays as.
_COMPLETION_TOKENS_MODELS = ("o1", "o3", "o4", "gpt-5")


# Context windows in tokens of OpenAI's models as OpenAI's model pages give them (2025),
# longest prefix first; a model not here has no known window (a local server's: learned
# from its first refusal, or given with --max-input-tokens).
_WINDOWS = {
    "gpt-4.1": 1_047_576, "gpt-5": 400_000, "o1": 200_000, "o3": 200_000, "o4-mini": 200_000,
    "gpt-4o": 128_000, "gpt-4-turbo": 128_000, "gpt-3.5-turbo": 16_385,
}  # fmt: skip
# The token estimate is coarse (characters / 4): leave a margin for text that tokenises worse.
_ESTIMATE_MARGIN = 0.8
# A server whose window nobody told us: no request larger than this goes out whole (a 5 MB
# page is ~1.2 M tokens); if its window is smaller, its first refusal names it.
UNKNOWN_WINDOW = 128_000
_CHUNKS_IN_FLIGHT = 4
# Answers uncompressed: the transport's cap on an answer's size (``deadline``) then counts the
# bytes that are kept in memory, not a gzip that could unpack to gigabytes.
_IDENTITY = {"Accept-Encoding": "identity"}


def known_window(model: str | None) -> int | None:
    """The context window of a model whose window OpenAI publishes."""
    if not model:
        return None
    found = [prefix for prefix in _WINDOWS if model.startswith(prefix)]
    return _WINDOWS[max(found, key=len)] if found else None


def limit_field(model: str | None, openai_itself: bool) -> str:
    """The body field that carries a request's output budget for ``model``."""
    if openai_itself and model and model.startswith(_COMPLETION_TOKENS_MODELS):
        return "max_completion_tokens"
    return "max_tokens"


@dataclass
class _Refused:
    """The modes one article was refused in, and the requests that cost."""

    modes: list[str] = field(default_factory=list)
    requests: int = 0

    def counted_in(self, done: Extraction, mode: str) -> Extraction:
        """The extraction in ``mode``, with the refused requests counted and the fallback told."""
        if not self.modes:
            return done
        done.stats.requests += self.requests
        done.mode = mode
        done.warnings.insert(
            0, f"the server refused the {' and '.join(self.modes)} mode; answered in {mode} mode"
        )
        return done


class OpenAIProvider:
    """OpenAI or an OpenAI-compatible server, through instructor."""

    def __init__(
        self,
        settings: Settings,
        *,
        retry: RetryPolicy | None = None,
        modes: ModeMemory | None = None,
    ) -> None:
        openai_itself = is_openai(settings.base_url)
        if openai_itself and not settings.key:
            raise ConfigurationError("OpenAI needs an API key: set OPENAI_API_KEY")
        self.name = "openai" if openai_itself else "openai-compatible"
        self.base_url = settings.base_url
        self._modes = modes
        remembered = modes.get(settings.base_url) if modes and settings.base_url else None
        self.mode: str = (
            settings.mode
            or (remembered if remembered in MODES else None)
            or ("tools" if openai_itself else "json_schema")
        )
        self._model = settings.model or (DEFAULT_OPENAI_MODEL if openai_itself else None)
        self._key = settings.key or _NO_KEY
        # Never in a message: a server may quote the key or its Authorization header back.
        self.secrets = settings.secrets()
        self._timeout = settings.timeout
        self._max_reasks = settings.max_reasks
        self._limit = OutputLimit(limit_field(self._model, openai_itself), settings.max_tokens)
        self._max_input = settings.max_input_tokens
        self._window: int | None = None  # learned from a server that refused a request as long
        self._overhead: int | None = None  # the tokens of a request with no article in it
        self._deadline = settings.deadline
        policy = retry or RetryPolicy(attempts=settings.max_attempts)
        self._retry = (
            policy
            if policy.local is not None
            else replace(policy, local=is_local(settings.base_url))
        )
        self.throttle = Throttle(
            rpm=settings.rpm, tpm=settings.tpm, clock=self._retry.clock,
            sleep=self._retry.sleep, asleep=self._retry.asleep,
        )  # fmt: skip
        self._prices = prices_for(settings.prices)
        self._prompt: Prompt | None = None
        self._sync: openai.OpenAI | None = None
        self._async: openai.AsyncOpenAI | None = None
        self._async_loop: weakref.ref[asyncio.AbstractEventLoop] | None = None

    def __repr__(self) -> str:
        return f"OpenAIProvider({self.name!r}, base_url={self.base_url!r}, model={self.model!r})"

    @property
    def model(self) -> str | None:
        """The model asked for; ``None`` until a local server has been asked for its first."""
        return self._model

    @property
    def prompt(self) -> Prompt:
        if self._prompt is None:
            self._prompt = load_prompt()
        return self._prompt

    @property
    def prompt_version(self) -> str:
        return self.prompt.version

    def client(self) -> openai.OpenAI:
        if self._sync is None:
            # max_retries=0: our RetryPolicy is the one retry loop; two would multiply.
            transport = DeadlineTransport(
                httpx2.HTTPTransport(verify=tls_context(), limits=openai.DEFAULT_CONNECTION_LIMITS),
                self._timeout,
            )
            self._sync = openai.OpenAI(
                api_key=self._key, base_url=self.base_url, timeout=self._timeout, max_retries=0,
                http_client=openai.DefaultHttpxClient(transport=transport),
                default_headers=_IDENTITY,
            )  # fmt: skip
        return self._sync

    def async_client(self) -> openai.AsyncOpenAI:
        """The async client of the running event loop. Its connections belong to the loop it
        was made on, so a call from another loop (a second ``asyncio.run``, the worker loop
        of ``summarize_many``) gets a new client; the old one is left to its own loop, which
        is the one that can close it."""
        loop = asyncio.get_running_loop()
        if self._async is None or self._async_loop is None or self._async_loop() is not loop:
            limits = openai.DEFAULT_CONNECTION_LIMITS
            async_transport = AsyncDeadlineTransport(
                httpx2.AsyncHTTPTransport(verify=tls_context(), limits=limits), self._timeout
            )
            self._async = openai.AsyncOpenAI(
                api_key=self._key, base_url=self.base_url, timeout=self._timeout, max_retries=0,
                http_client=openai.DefaultAsyncHttpxClient(transport=async_transport),
                default_headers=_IDENTITY,
            )  # fmt: skip
            self._async_loop = weakref.ref(loop)
        return self._async

    def ensure_model(self) -> str:
        """The model that answers; a local server run with one model is asked for it once."""
        if self._model is None:
            try:
                served = list(self.client().models.list())
            except openai.APIError as exc:
                raise redact_error(self._not_listed(exc), self.secrets) from None
            self._model = self._first_of(served)
        return self._model

    async def aensure_model(self) -> str:
        """The async twin of ``ensure_model``."""
        if self._model is None:
            try:
                served = [m async for m in self.async_client().models.list()]
            except openai.APIError as exc:
                raise redact_error(self._not_listed(exc), self.secrets) from None
            self._model = self._first_of(served)
        return self._model

    @property
    def retry(self) -> RetryPolicy:
        """The policy for transient faults, shared by every request this provider sends."""
        return self._retry

    def request_body(self, article: Article) -> dict[str, Any]:
        """The chat-completions body ``extract`` sends first for ``article`` (what a Batch API
        line carries): instructor's preparation of the live request (``first_request``)."""
        return first_request(
            article, self.prompt, model=self.ensure_model(), mode=MODES[self.mode],
            limit=self._limit,
        )  # fmt: skip

    def extract(self, article: Article, *, prefilled: Prefilled | None = None) -> Extraction:
        """``prefilled``: an answer to the first request obtained elsewhere (the Batch API),
        validated as that request's answer; re-asks, when it fails, are sent live. A server
        that refuses the structured-output mode is asked again in the next one
        (``FALLBACK``). An error's message is redacted of the secrets (``summarizer.secrets``)
        before it leaves."""
        refused = _Refused()
        try:
            while True:
                mode = self.mode
                try:
                    done = extract(
                        self.client(), article, self.prompt,
                        model=self.ensure_model(), mode=MODES[mode], max_reasks=self._max_reasks,
                        retry=self._retry, throttle=self.throttle, prefilled=prefilled,
                        limit=self._limit, deadline=self._deadline,
                    )  # fmt: skip
                    return refused.counted_in(done, mode)
                except ModeRefused as exc:
                    self._fall_back(mode, exc, refused)
                    prefilled = None  # its request was in the refused mode
        except ContextLengthError as exc:
            self._learn_window(exc)
            raise redact_error(exc, self.secrets) from None
        except SummarizerError as exc:
            raise redact_error(exc, self.secrets) from exc.__cause__

    async def aextract(self, article: Article, *, prefilled: Prefilled | None = None) -> Extraction:
        refused = _Refused()
        try:
            while True:
                mode = self.mode
                try:
                    done = await aextract(
                        self.async_client(), article, self.prompt,
                        model=await self.aensure_model(), mode=MODES[mode],
                        max_reasks=self._max_reasks, retry=self._retry, throttle=self.throttle,
                        prefilled=prefilled, limit=self._limit, deadline=self._deadline,
                    )  # fmt: skip
                    return refused.counted_in(done, mode)
                except ModeRefused as exc:
                    self._fall_back(mode, exc, refused)
                    prefilled = None
        except ContextLengthError as exc:
            self._learn_window(exc)
            raise redact_error(exc, self.secrets) from None
        except SummarizerError as exc:
            raise redact_error(exc, self.secrets) from exc.__cause__

    def input_budget(self) -> InputBudget | None:
        """The article text one request can carry: ``--max-input-tokens`` less the prompt,
        else the model's window (known, named by the server when it refused one request as
        too long, or ``UNKNOWN_WINDOW``) less the prompt and the answer's room."""
        window = self._window or known_window(self._model) or UNKNOWN_WINDOW
        overhead = self._prompt_tokens()
        if self._max_input is not None:
            tokens = self._max_input - overhead
        else:
            tokens = window - overhead - self._limit.tokens
        chars = max(int(tokens * CHARS_PER_TOKEN * _ESTIMATE_MARGIN), 0)
        parallel = 1 if self._retry.local else _CHUNKS_IN_FLIGHT
        return InputBudget(chars=chars, parallel=parallel, deadline=self._deadline)

    def _prompt_tokens(self) -> int:
        """The input tokens of a request with an empty article: prompt and schema (estimated
        as the throttle estimates, ``estimate_tokens``)."""
        if self._overhead is None:
            empty = Article(text="")
            body = first_request(
                empty, self.prompt, model=self.ensure_model(), mode=MODES[self.mode],
                limit=self._limit,
            )  # fmt: skip
            self._overhead = estimate_tokens(body) - self._limit.tokens
        return self._overhead

    def _learn_window(self, refusal: ContextLengthError) -> None:
        """A server that named its window: use it, and on a small one leave the answer a
        quarter of it rather than a room that would crowd the article out."""
        if refusal.window is None:
            return
        self._window = refusal.window
        if self._limit.tokens > refusal.window // 4:
            self._limit = replace(self._limit, tokens=max(refusal.window // 4, 256))

    def _fall_back(self, mode: str, refusal: ModeRefused, refused: _Refused) -> None:
        """After ``mode`` was refused: the next mode for this provider (the articles after this
        one ask in it, and so does the next run: ``ModeMemory``), or, with no mode left, the
        refusal as the error."""
        refused.modes.append(mode)
        refused.requests += refusal.requests
        following = FALLBACK.get(mode)
        if following is None:
            raise ProviderError(
                f"{refusal}; tried {', '.join(refused.modes)} and no structured-output mode is "
                "left: choose one the server supports with --mode",
                requests=refused.requests,
            ) from None
        if self.mode == mode:  # another article in flight may have moved it on already
            self.mode = following
            if self._modes is not None and self.base_url:
                self._modes.put(self.base_url, following)

    def cost(self, usage: Usage) -> float | None:
        """What ``usage`` cost in USD at the model's price; ``None`` for a model with none (a
        local server's, unless the prices file names it)."""
        return cost(self._model, usage, self._prices)

    def close(self) -> None:
        """Close the connections of the sync client (the async one needs ``aclose``)."""
        if self._sync is not None:
            self._sync.close()
            self._sync = None

    async def aclose(self) -> None:
        """Close the connections of both clients (the async one's only on the loop it was
        made on: on any other they are not this loop's to close)."""
        self.close()
        client, made_on = self._async, self._async_loop
        self._async = self._async_loop = None
        if client is not None and made_on is not None and made_on() is asyncio.get_running_loop():
            await client.close()

    @property
    def _server(self) -> str:
        """The base URL as messages show it: no user, password or query (a gateway may take
        its key in the query)."""
        return strip_credentials(self.base_url) or "the model server"

    def _first_of(self, served: list[Model]) -> str:
        """The first model a local server lists, for servers run with a single model."""
        if not served:
            raise ProviderError(f"{self._server} serves no models; pass -m MODEL")
        return served[0].id

    def _not_listed(self, exc: openai.APIError) -> SummarizerError:
        return ours_beneath(exc) or ProviderError(
            f"no model given and {self._server} did not list its models "
            f"({describe_api_error(exc)}); pass -m MODEL"
        )
