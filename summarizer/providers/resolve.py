"""Which provider answers, from the settings: the offline extractor or an OpenAI-compatible one.

Only the provider chosen is imported: ``-m offline`` never loads openai or instructor.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from summarizer.config import OFFLINE, Settings
from summarizer.errors import ConfigurationError
from summarizer.providers.base import ModeMemory, Provider

if TYPE_CHECKING:
    from summarizer.providers.openai.retry import RetryPolicy

HOW_TO_CONFIGURE = (
    "set OPENAI_API_KEY to use OpenAI, or point at an OpenAI-compatible server with --base-url "
    "(e.g. --base-url http://localhost:11434/v1 -m llama3.1 for Ollama; OPENAI_BASE_URL and "
    "SUMMARIZER_MODEL work too)"
)
OFFLINE_NOTICE = (
    "no model configured, using the offline rule-based extractor (-m offline). For an LLM, "
    + HOW_TO_CONFIGURE
)


def nothing_configured(settings: Settings) -> bool:
    """No key, no server and no model: the offline extractor runs by default."""
    return settings.base_url is None and not settings.key and not settings.model


def resolve_provider(
    settings: Settings, *, retry: RetryPolicy | None = None, modes: ModeMemory | None = None
) -> Provider:
    """``-m offline``, or nothing configured at all, gives the offline extractor; a model with a
    key or a server gives ``OpenAIProvider`` (``modes``: what it remembers of servers' modes).
    No request is sent here."""
    if settings.model == OFFLINE or nothing_configured(settings):
        from summarizer.providers.offline.provider import OfflineProvider

        return OfflineProvider()
    if settings.base_url is None and not settings.key:
        raise ConfigurationError(f"model {settings.model!r} needs a provider: {HOW_TO_CONFIGURE}")
    from summarizer.providers.openai.provider import OpenAIProvider

    return OpenAIProvider(settings, retry=retry, modes=modes)
