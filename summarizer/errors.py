"""The exceptions this library raises on purpose, one class per kind of failure.

They say what went wrong, not how a program should exit: the command line maps them to its
exit codes (``summarizer.cli``). Anything else that escapes is a bug, never dressed up as one
of these.
"""

from __future__ import annotations


class SummarizerError(Exception):
    """Base class of every error this library raises on purpose."""


class ConfigurationError(SummarizerError):
    """No usable model or provider settings, or a setting with a bad value."""


class InputError(SummarizerError):
    """The article could not be read: missing, empty, binary, undecodable, no text in it."""


class OutputError(SummarizerError):
    """The result could not be written where it was asked to go."""


class ProviderError(SummarizerError):
    """The model server could not be reached, refused the request or kept failing."""

    def __init__(self, message: str, *, requests: int = 0) -> None:
        super().__init__(message)
        self.requests = requests


class ContextLengthError(ProviderError):
    """The request did not fit the model's context window. ``window``: the tokens the server
    said the window holds, when it said so."""

    def __init__(self, message: str, *, requests: int = 0, window: int | None = None) -> None:
        super().__init__(message, requests=requests)
        self.window = window


class ExtractionError(SummarizerError):
    """The model's answers never validated against the schema."""

    def __init__(self, message: str, *, requests: int = 0) -> None:
        super().__init__(message)
        self.requests = requests


class StoreError(SummarizerError):
    """The cache or the run log cannot be used: its file is damaged or was written by a newer
    summarizer, another process held it locked too long, or its folder cannot be written.

    Raised when the store is opened, so a run stops before any request is sent. ``unreadable``
    says this version cannot read the file at all (damaged, or a newer format): deleting it
    (``summarizer cache clear`` for the cache) is the remedy, and loses nothing it could use.
    """

    def __init__(self, message: str, *, unreadable: bool = False) -> None:
        super().__init__(message)
        self.unreadable = unreadable
