"""Which model answers, and how: model string and settings → a configured provider.

The pipeline sees only the ``Provider`` protocol. ``OpenAIProvider`` serves OpenAI and every
OpenAI-compatible server (Ollama, vLLM, llama.cpp's server, LM Studio…).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol
from urllib.parse import urlparse

import instructor
import openai

from summarizer.article import Article
from summarizer.config import Settings
from summarizer.errors import ConfigurationError, ProviderError
from summarizer.extract import Extraction, aextract, extract
from summarizer.prompts import Prompt
from summarizer.retry import RetryPolicy

DEFAULT_OPENAI_MODEL = "gpt-4o-mini"
# Local servers ignore the key, but the SDK insists on one.
_NO_KEY = "not-needed"

MODES: dict[str, instructor.Mode] = {
    "tools": instructor.Mode.TOOLS,
    "json_schema": instructor.Mode.JSON_SCHEMA,
    "json": instructor.Mode.JSON,
    "md_json": instructor.Mode.MD_JSON,
}

OFFLINE = "offline"
HOW_TO_CONFIGURE = (
    "set OPENAI_API_KEY to use OpenAI, or point at an OpenAI-compatible server with --base-url "
    "(e.g. --base-url http://localhost:11434/v1 -m llama3.1 for Ollama; OPENAI_BASE_URL and "
    "SUMMARIZER_MODEL work too)"
)
OFFLINE_NOTICE = (
    "no model configured, using the offline rule-based extractor (-m offline). For an LLM, "
    + HOW_TO_CONFIGURE
)


class Provider(Protocol):
    """Anything that turns an article into the model's draft summary."""

    @property
    def name(self) -> str: ...

    @property
    def model(self) -> str: ...

    @property
    def mode(self) -> str | None: ...

    def extract(self, article: Article, prompt: Prompt) -> Extraction: ...

    async def aextract(self, article: Article, prompt: Prompt) -> Extraction: ...


@dataclass
class OpenAIProvider:
    """OpenAI or an OpenAI-compatible server, through instructor."""

    model: str
    base_url: str | None
    api_key: str = field(repr=False)
    mode: str
    timeout: float
    max_reasks: int
    retry: RetryPolicy
    name: str = field(init=False)

    def __post_init__(self) -> None:
        self.name = "openai" if _is_openai(self.base_url) else "openai-compatible"
        self._sync: openai.OpenAI | None = None
        self._async: openai.AsyncOpenAI | None = None

    def client(self) -> openai.OpenAI:
        if self._sync is None:
            # max_retries=0: our RetryPolicy is the one retry loop; two would multiply.
            self._sync = openai.OpenAI(
                api_key=self.api_key, base_url=self.base_url, timeout=self.timeout, max_retries=0
            )
        return self._sync

    def async_client(self) -> openai.AsyncOpenAI:
        if self._async is None:
            self._async = openai.AsyncOpenAI(
                api_key=self.api_key, base_url=self.base_url, timeout=self.timeout, max_retries=0
            )
        return self._async

    def extract(self, article: Article, prompt: Prompt) -> Extraction:
        return extract(
            self.client(), article, prompt,
            model=self.model, mode=MODES[self.mode], max_reasks=self.max_reasks, retry=self.retry,
        )  # fmt: skip

    async def aextract(self, article: Article, prompt: Prompt) -> Extraction:
        return await aextract(
            self.async_client(), article, prompt,
            model=self.model, mode=MODES[self.mode], max_reasks=self.max_reasks, retry=self.retry,
        )  # fmt: skip


def _is_openai(base_url: str | None) -> bool:
    return base_url is None or (urlparse(base_url).hostname or "").endswith("openai.com")


def resolve_provider(
    settings: Settings,
    *,
    model: str | None = None,
    base_url: str | None = None,
    api_key: str | None = None,
    mode: str | None = None,
    retry: RetryPolicy | None = None,
) -> Provider:
    """Flags and arguments over environment over defaults.

    ``-m offline``, or no key, no server and no model at all, gives the offline extractor.
    """
    model = model or settings.model
    base_url = base_url or settings.base_url
    key = api_key or (settings.api_key.get_secret_value() if settings.api_key else None)
    if model == OFFLINE or (base_url is None and not key and not model):
        from summarizer.offline import OfflineProvider

        return OfflineProvider()
    if base_url is None and not key:
        raise ConfigurationError(f"model {model!r} needs a provider: {HOW_TO_CONFIGURE}")
    if base_url is not None and urlparse(base_url).scheme not in ("http", "https"):
        raise ConfigurationError(f"--base-url must be an http(s) URL, got {base_url!r}")
    is_openai = _is_openai(base_url)
    if is_openai and not key:
        raise ConfigurationError("OpenAI needs an API key: set OPENAI_API_KEY")
    mode = (mode or settings.mode or ("tools" if is_openai else "json_schema")).lower()
    if mode not in MODES:
        raise ConfigurationError(f"unknown mode {mode!r}; choose one of {', '.join(MODES)}")
    provider = OpenAIProvider(
        model=model or "",
        base_url=base_url,
        api_key=key or _NO_KEY,
        mode=mode,
        timeout=settings.timeout,
        max_reasks=settings.max_reasks,
        retry=retry or RetryPolicy(attempts=settings.max_attempts),
    )
    if not provider.model:
        provider.model = DEFAULT_OPENAI_MODEL if is_openai else _served_model(provider)
    return provider


def _served_model(provider: OpenAIProvider) -> str:
    """The first model a local server lists, for servers run with a single model."""
    try:
        models = provider.client().models.list()
        first = next(iter(models), None)
    except openai.APIError as exc:
        raise ProviderError(
            f"no model given and {provider.base_url} did not list its models ({exc}); pass -m MODEL"
        ) from None
    if first is None:
        raise ProviderError(f"{provider.base_url} serves no models; pass -m MODEL")
    return first.id
