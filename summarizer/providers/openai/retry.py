"""The policy for transient API faults: what is retried, how long to wait, when to give up.

Retried: 429 (honouring ``Retry-After``), 500/502/503/504 and lost connections; a timeout
once, and against a local server not at all (it is still working on the abandoned request, so
a second one only queues behind it). Not retried: every other 4xx (a bad key or a bad request
does not get better by waiting), a 429 that says the account's quota is spent
(``insufficient_quota``: waiting does not refill it), a 429 whose ``Retry-After`` is past
``max_retry_after`` (the transport fails it at once, saying when to retry), and a refused
connection (nothing listens there: backing off for seconds only delays saying so). With a
``Throttle`` a 429's wait pauses the provider's whole pool rather than the one worker
(``retrying(throttle)``; see ``throttle``).

The SDK's own retries are off (``max_retries=0``), so this is the only retry loop for faults;
validation re-asks are instructor's and are counted apart. The openai SDK is imported when a
fault is judged, not with the policy: a ``RetryPolicy`` can be made without loading it.
"""

from __future__ import annotations

import asyncio
import email.utils
import ipaddress
import json
import math
import random
import re
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from tenacity import (
    AsyncRetrying,
    RetryCallState,
    Retrying,
    stop_after_attempt,
)

from summarizer.errors import ProviderError, SummarizerError
from summarizer.providers.base import ARTICLE_DEADLINE

if TYPE_CHECKING:
    from summarizer.providers.openai.throttle import Throttle

TRANSIENT_STATUS = frozenset({429, 500, 502, 503, 504})
RATE_LIMITED = 429
# OpenAI's 429 for an account out of credit: not a rate limit, and not transient.
_QUOTA_SPENT = "insufficient_quota"
# Tries of a request that times out, the first included: one retry.
_TIMEOUT_TRIES = 2


def ours_beneath(exc: BaseException | None) -> SummarizerError | None:
    """One of our errors raised beneath the SDK, by a hook on its HTTP transport (a replayed
    cassette's ``CassetteMiss``), that the SDK wrapped as a connection error: not transient,
    and reported as itself."""
    cause = exc.__cause__ if exc is not None else None
    return cause if isinstance(cause, SummarizerError) else None


# What a server's refusal of the structured-output mode talks about, and how a 500 that is
# really a validation error reads (llama-cpp-python: "Input should be 'text' or 'json_object'",
# with the location body.response_format.type).
_MODE_FIELDS = re.compile(r"response_format|json_schema|tool_choice|\btools?\b", re.IGNORECASE)
_VALIDATION = re.compile(
    r"input should be|validation|not supported|unsupported|invalid|unknown|extra (?:inputs|fields)"
    r"|not allowed|literal_error|not permitted",
    re.IGNORECASE,
)
MODE_REFUSAL_STATUS = frozenset({400, 422, 500})
# A server failing to read the model's own tool call (Ollama: "error parsing tool call") is a
# bad answer, not a refusal of the mode.
_PARSING = re.compile(r"error parsing|failed to parse|parse error", re.IGNORECASE)
_REQUEST_FIELDS = re.compile(r"response_format|json_schema|['\"]tools['\"]", re.IGNORECASE)


def is_mode_refusal(exc: BaseException | None) -> bool:
    """The server refused the structured-output mode (the request's ``response_format`` or
    ``tools``): a 400 or 422 that names it, or a 500 that is a validation error naming it.
    Waiting does not make a server support a mode, so it is not transient; the provider falls
    back to another mode instead."""
    import openai

    if not isinstance(exc, openai.APIStatusError) or exc.status_code not in MODE_REFUSAL_STATUS:
        return False
    text = f"{exc.message} {json.dumps(exc.body, default=str) if exc.body is not None else ''}"
    if not _MODE_FIELDS.search(text) or _PARSING.search(text):
        return False
    if exc.status_code == 500:  # only a validation error about the request's own fields
        return _REQUEST_FIELDS.search(text) is not None and _VALIDATION.search(text) is not None
    return True


class EmptyAnswer(ProviderError):
    """A 200 whose completion has no choices: a server's glitch, sent again like a 5xx."""


def is_transient(exc: BaseException) -> bool:
    """True for faults that may pass if we wait: rate limits, 5xx, timeouts, connections, an
    answer with no choices."""
    import openai

    if isinstance(exc, EmptyAnswer):
        return True
    if ours_beneath(exc) is not None or is_mode_refusal(exc):
        return False
    if isinstance(exc, openai.APIStatusError):
        if exc.status_code == RATE_LIMITED and exc.code == _QUOTA_SPENT:
            return False
        return exc.status_code in TRANSIENT_STATUS
    return isinstance(exc, openai.APIConnectionError)  # includes APITimeoutError


def is_refused(exc: BaseException | None) -> bool:
    """A connection the server's host refused: nothing listens at that address."""
    seen = 0
    while exc is not None and seen < 10:  # the SDK wraps httpx, which wraps the OS error
        if isinstance(exc, ConnectionRefusedError):
            return True
        exc, seen = exc.__cause__ or exc.__context__, seen + 1
    return False


def is_timeout(exc: BaseException | None) -> bool:
    import openai

    return isinstance(exc, openai.APITimeoutError)


def is_local(base_url: str | None) -> bool:
    """A server on this machine or this network (loopback, private addresses, ``localhost``,
    ``*.local``): one that runs what it was asked even after the client gave up."""
    host = (urlsplit(base_url).hostname or "") if base_url else ""
    if host == "localhost" or host.endswith((".localhost", ".local")):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_loopback or address.is_private or address.is_unspecified


def is_rate_limit(exc: BaseException | None) -> bool:
    """A 429, whatever its reason (``is_transient`` tells a spent quota apart)."""
    import openai

    return isinstance(exc, openai.APIStatusError) and exc.status_code == RATE_LIMITED


def retry_after(exc: BaseException | None, now: Callable[[], float] = time.time) -> float | None:
    """Seconds the server asked us to wait, if it said so in a form we can read.

    ``retry-after-ms`` (milliseconds), else ``Retry-After`` as seconds or as an HTTP-date
    (``now`` is the wall clock it is measured from). Anything else — a word, a broken date,
    NaN — is ``None``: the caller falls back to its backoff, it does not fail on it.
    """
    import openai

    if not isinstance(exc, openai.APIStatusError):
        return None
    headers = exc.response.headers
    if (ms := _seconds(headers.get("retry-after-ms"))) is not None:
        return ms / 1000
    value = headers.get("retry-after")
    if value is None:
        return None
    if (seconds := _seconds(value)) is not None:
        return seconds
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when.tzinfo is None:  # "-0000": UTC, says RFC 5322
        when = when.replace(tzinfo=UTC)
    return max(when.timestamp() - now(), 0.0)


def _seconds(value: str | None) -> float | None:
    """A finite number of seconds (negative ones as 0), or None."""
    if value is None:
        return None
    try:
        number = float(value)
    except ValueError:
        return None
    return max(number, 0.0) if math.isfinite(number) else None


def _within_deadline(seconds: float) -> float:
    """A wait cut to what is left of the article's deadline, if it has one (``deadline``):
    the request after it then fails at once instead of after the whole wait."""
    at = ARTICLE_DEADLINE.get()
    return seconds if at is None else max(min(seconds, at - time.monotonic()), 0.0)


@dataclass(frozen=True)
class RetryPolicy:
    """Capped exponential backoff with full jitter; ``Retry-After`` wins when the server sends it.

    ``attempts`` counts every try, the first included. A ``Retry-After`` longer than
    ``max_retry_after`` seconds is not waited for: the request fails at once. ``local``: the
    server runs on this machine or network, so a timeout is not retried (``None``: the
    provider decides from its base URL, ``is_local``). ``sleep``,
    ``asleep`` and ``clock`` (monotonic seconds, what a ``Throttle`` measures pauses and limits
    with) are injectable so that tests neither wait nor lose track of the waits asked for.
    """

    attempts: int = 5
    initial: float = 1.0
    max_wait: float = 30.0
    max_retry_after: float = 120.0
    local: bool | None = None
    sleep: Callable[[float], None] = field(default=time.sleep, repr=False)
    asleep: Callable[[float], Awaitable[None]] = field(default=asyncio.sleep, repr=False)
    clock: Callable[[], float] = field(default=time.monotonic, repr=False)

    def wait(self, state: RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome else None
        asked = retry_after(exc)
        if asked is not None:
            return _within_deadline(min(asked, self.max_retry_after))
        return _within_deadline(random.uniform(0, self.backoff(state.attempt_number)))

    def backoff(self, attempt_number: int) -> float:
        """The longest wait after failed try number ``attempt_number`` (1, 2, 4… capped)."""
        return min(self.max_wait, self.initial * 2.0 ** (attempt_number - 1))

    def too_long(self, exc: BaseException) -> float | None:
        """The wait a 429 asks for when it is past ``max_retry_after`` (else ``None``)."""
        if not is_rate_limit(exc):
            return None
        asked = retry_after(exc)
        return asked if asked is not None and asked > self.max_retry_after else None

    def pooled_wait(self, throttle: Throttle) -> Callable[[RetryCallState], float]:
        """``wait``, but a 429's wait pauses the whole pool and the retry waits it out in the
        throttle with every other request (so this worker sleeps nothing extra here). With no
        ``Retry-After`` to go by the pause is the backoff's ceiling, not a jittered draw: all
        workers resume together, and a draw near 0 would send them all straight back."""

        def wait(state: RetryCallState) -> float:
            exc = state.outcome.exception() if state.outcome else None
            if not is_rate_limit(exc):
                return self.wait(state)
            asked = retry_after(exc)
            throttle.pause(
                self.backoff(state.attempt_number)
                if asked is None
                else min(asked, self.max_retry_after)
            )
            return 0.0

        return wait

    def should_retry(self, state: RetryCallState) -> bool:
        """Whether the failed try of ``state`` is tried again (the module's rules)."""
        exc = state.outcome.exception() if state.outcome else None
        if exc is None or not is_transient(exc) or is_refused(exc):
            return False
        if is_timeout(exc):
            # The try that timed out is the first or the second: retried at most once.
            return not self.local and state.attempt_number < _TIMEOUT_TRIES
        return True

    def _kwargs(self, throttle: Throttle | None) -> dict[str, object]:
        return {
            "stop": stop_after_attempt(max(self.attempts, 1)),
            "wait": self.wait if throttle is None else self.pooled_wait(throttle),
            "retry": self.should_retry,
            "reraise": True,
        }

    def retrying(self, throttle: Throttle | None = None) -> Retrying:
        def sleep(seconds: float) -> None:
            if seconds > 0:
                self.sleep(seconds)

        return Retrying(sleep=sleep, **self._kwargs(throttle))  # type: ignore[arg-type]

    def aretrying(self, throttle: Throttle | None = None) -> AsyncRetrying:
        async def asleep(seconds: float) -> None:
            if seconds > 0:
                await self.asleep(seconds)

        return AsyncRetrying(sleep=asleep, **self._kwargs(throttle))  # type: ignore[arg-type]
