"""Typed exceptions. Each carries the CLI exit code that reports it."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Exit codes of the ``summarizer`` command (also listed in ``--help`` and the README)."""

    OK = 0
    FAILED = 1  # some records of a batch failed; or an unexpected internal error
    USAGE = 2  # bad option or argument
    CONFIGURATION = 3  # no model configured, unknown mode, bad settings
    INPUT = 4  # missing, empty, binary or unreadable article
    PROVIDER = 5  # server unreachable, refused the request, or kept failing after retries
    EXTRACTION = 6  # the model never produced a usable summary


class SummarizerError(Exception):
    """Base class of every error this library raises on purpose."""

    exit_code: ExitCode = ExitCode.FAILED


class ConfigurationError(SummarizerError):
    """No usable model or provider settings."""

    exit_code = ExitCode.CONFIGURATION


class InputError(SummarizerError):
    """The article could not be read: missing, empty, binary, undecodable."""

    exit_code = ExitCode.INPUT


class ProviderError(SummarizerError):
    """The model server could not be reached, refused the request or kept failing."""

    exit_code = ExitCode.PROVIDER

    def __init__(self, message: str, *, requests: int = 0) -> None:
        super().__init__(message)
        self.requests = requests


class ExtractionError(SummarizerError):
    """The model's answers never validated against the schema."""

    exit_code = ExitCode.EXTRACTION

    def __init__(self, message: str, *, requests: int = 0) -> None:
        super().__init__(message)
        self.requests = requests
