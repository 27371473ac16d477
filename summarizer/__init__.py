"""summarizer: news articles → structured, source-grounded event summaries."""

from summarizer.api import Summarizer, asummarize, summarize
from summarizer.article import Article
from summarizer.errors import (
    ConfigurationError,
    ExitCode,
    ExtractionError,
    InputError,
    ProviderError,
    SummarizerError,
)
from summarizer.retry import RetryPolicy
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

__version__ = "0.1.0"

__all__ = [
    "SCHEMA_VERSION",
    "Actor",
    "ActorKind",
    "ActorRole",
    "Article",
    "Attribution",
    "Certainty",
    "Claim",
    "ConfigurationError",
    "Counted",
    "DatePrecision",
    "Event",
    "EventActor",
    "EventType",
    "Evidence",
    "ExitCode",
    "ExtractionError",
    "InputError",
    "Place",
    "ProviderError",
    "Qualifier",
    "Quantity",
    "RetryPolicy",
    "SourceKind",
    "Speech",
    "StructuredSummary",
    "Summarizer",
    "SummarizerError",
    "When",
    "__version__",
    "asummarize",
    "summarize",
]
