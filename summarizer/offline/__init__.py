"""The offline extractor: a deterministic, rule-based provider that needs no model or network."""

from summarizer.offline.provider import OFFLINE_MODEL, OfflineProvider

__all__ = ["OFFLINE_MODEL", "OfflineProvider"]
