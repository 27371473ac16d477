"""summarizer: news articles → structured, source-grounded event summaries.

Everything public is importable from here. Names are loaded on first use, so ``import
summarizer`` (and ``summarizer --version``) load no SDK; ``summarize`` with the offline
extractor never loads openai, instructor, trafilatura or httpx either.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# Public name → the module that defines it.
_EXPORTS = {
    "Summarizer": "summarizer.api",
    "asummarize": "summarizer.api",
    "asummarize_many": "summarizer.api",
    "summarize": "summarizer.api",
    "summarize_many": "summarizer.api",
    "BatchItem": "summarizer.batch.items",
    "BatchResult": "summarizer.batch.results",
    "ErrorInfo": "summarizer.batch.results",
    "Article": "summarizer.input.article",
    "load": "summarizer.input.load",
    "Options": "summarizer.config",
    "Settings": "summarizer.config",
    "RetryPolicy": "summarizer.providers.openai.retry",
    **dict.fromkeys(
        [
            "ConfigurationError", "ContextLengthError", "ExtractionError", "InputError",
            "OutputError", "ProviderError", "StoreError", "SummarizerError",
        ],
        "summarizer.errors",
    ),
    **dict.fromkeys(
        [
            "SCHEMA_VERSION", "Actor", "ActorKind", "ActorRole", "Attribution", "Certainty",
            "Claim", "Counted", "DatePrecision", "Event", "EventActor", "EventType", "Evidence",
            "Place", "Qualifier", "Quantity", "SourceKind", "Speech", "StructuredSummary",
            "When",
        ],
        "summarizer.schema",
    ),
}  # fmt: skip

__all__ = [
    "SCHEMA_VERSION", "Actor", "ActorKind", "ActorRole", "Article", "Attribution", "BatchItem",
    "BatchResult", "Certainty", "Claim", "ConfigurationError", "ContextLengthError", "Counted",
    "DatePrecision",
    "ErrorInfo", "Event", "EventActor", "EventType", "Evidence", "ExtractionError",
    "InputError", "Options", "OutputError", "Place", "ProviderError", "Qualifier", "Quantity",
    "RetryPolicy", "Settings", "SourceKind", "Speech", "StoreError", "StructuredSummary",
    "Summarizer", "SummarizerError", "When", "__version__", "asummarize", "asummarize_many",
    "load", "summarize", "summarize_many",
]  # fmt: skip


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'summarizer' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value  # once loaded, a plain attribute
    return value


def __dir__() -> list[str]:
    return __all__


if TYPE_CHECKING:
    from summarizer.api import (
        Summarizer,
        asummarize,
        asummarize_many,
        summarize,
        summarize_many,
    )
    from summarizer.batch.items import BatchItem
    from summarizer.batch.results import BatchResult, ErrorInfo
    from summarizer.config import Options, Settings
    from summarizer.errors import (
        ConfigurationError,
        ContextLengthError,
        ExtractionError,
        InputError,
        OutputError,
        ProviderError,
        StoreError,
        SummarizerError,
    )
    from summarizer.input.article import Article
    from summarizer.input.load import load
    from summarizer.providers.openai.retry import RetryPolicy
    from summarizer.schema import (
        SCHEMA_VERSION,
        Actor,
        ActorKind,
        ActorRole,
        Attribution,
        Certainty,
        Claim,
        Counted,
        DatePrecision,
        Event,
        EventActor,
        EventType,
        Evidence,
        Place,
        Qualifier,
        Quantity,
        SourceKind,
        Speech,
        StructuredSummary,
        When,
    )
