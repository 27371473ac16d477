"""The conventions of a cassette, shared by ``recording`` and its vcrpy set-up: record modes,
the headers removed, what a request is matched on, and the error for a request not there."""

from __future__ import annotations

from pathlib import Path
from typing import Literal, get_args

from summarizer.errors import ProviderError

RecordMode = Literal["once", "none", "new_episodes", "all"]
RECORD_MODES: tuple[str, ...] = get_args(RecordMode)
INSTALL = "pip install 'summarizer[replay]'"
# Removed from every recorded request (vcrpy's filter_headers) before anything else sees it.
FILTER_HEADERS = (
    "authorization",
    "api-key",
    "openai-organization",
    "openai-project",
    "cookie",
    "set-cookie",
)
# Not host or port: recordings made against a loopback server or api.openai.com replay alike.
MATCH_ON = ("method", "path", "query", "body")
REDACTED = "<redacted>"


class CassetteMiss(ProviderError):
    """A request the cassette holds no answer for, in a record mode that may not add it."""

    def __init__(self, message: str, *, cassette: Path) -> None:
        super().__init__(message)
        self.cassette = cassette
