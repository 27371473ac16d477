"""The offline extractor: a deterministic, rule-based provider that needs no model, no network
and no SDK. ``provider.OfflineProvider`` is its face; the other modules are its rules."""
