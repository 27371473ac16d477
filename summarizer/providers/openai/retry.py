"""The policy for transient API faults: what is retried, how long to wait, when to give up.

Retried: 429 (honouring ``Retry-After``), 500/502/503/504, timeouts and lost connections.
Not retried: every other 4xx (a bad key or a bad request does not get better by waiting).
The SDK's own retries are off (``max_retries=0``), so this is the only retry loop for faults;
validation re-asks are instructor's and are counted apart. The openai SDK is imported when a
fault is judged, not with the policy: a ``RetryPolicy`` can be made without loading it.
"""

from __future__ import annotations

import asyncio
import email.utils
import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from tenacity import (
    AsyncRetrying,
    RetryCallState,
    Retrying,
    retry_if_exception,
    stop_after_attempt,
)

from summarizer.errors import SummarizerError

TRANSIENT_STATUS = frozenset({429, 500, 502, 503, 504})


def ours_beneath(exc: BaseException | None) -> SummarizerError | None:
    """One of our errors raised beneath the SDK, by a hook on its HTTP transport (a replayed
    cassette's ``CassetteMiss``), that the SDK wrapped as a connection error: not transient,
    and reported as itself."""
    cause = exc.__cause__ if exc is not None else None
    return cause if isinstance(cause, SummarizerError) else None


def is_transient(exc: BaseException) -> bool:
    """True for faults that may pass if we wait: rate limits, 5xx, timeouts, connections."""
    import openai

    if ours_beneath(exc) is not None:
        return False
    if isinstance(exc, openai.APIStatusError):
        return exc.status_code in TRANSIENT_STATUS
    return isinstance(exc, openai.APIConnectionError)  # includes APITimeoutError


def retry_after(exc: BaseException | None) -> float | None:
    """Seconds the server asked us to wait (``Retry-After`` / ``retry-after-ms``), if any."""
    import openai

    if not isinstance(exc, openai.APIStatusError):
        return None
    headers = exc.response.headers
    if (ms := headers.get("retry-after-ms")) is not None:
        try:
            return max(float(ms) / 1000, 0.0)
        except ValueError:
            pass
    value = headers.get("retry-after")
    if value is None:
        return None
    try:
        return max(float(value), 0.0)
    except ValueError:
        when = email.utils.parsedate_to_datetime(value) if value.strip() else None
        if when is None:
            return None
        return max(when.timestamp() - time.time(), 0.0)


@dataclass(frozen=True)
class RetryPolicy:
    """Capped exponential backoff with full jitter; ``Retry-After`` wins when the server sends it.

    ``attempts`` counts every try, the first included. ``sleep``/``asleep`` are injectable so
    that tests neither wait nor lose track of the waits that were asked for.
    """

    attempts: int = 5
    initial: float = 1.0
    max_wait: float = 30.0
    max_retry_after: float = 120.0
    sleep: Callable[[float], None] = field(default=time.sleep, repr=False)
    asleep: Callable[[float], Awaitable[None]] = field(default=asyncio.sleep, repr=False)

    def wait(self, state: RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome else None
        asked = retry_after(exc)
        if asked is not None:
            return min(asked, self.max_retry_after)
        ceiling = min(self.max_wait, self.initial * 2 ** (state.attempt_number - 1))
        return random.uniform(0, ceiling)

    def _kwargs(self) -> dict[str, object]:
        return {
            "stop": stop_after_attempt(max(self.attempts, 1)),
            "wait": self.wait,
            "retry": retry_if_exception(is_transient),
            "reraise": True,
        }

    def retrying(self) -> Retrying:
        return Retrying(sleep=self.sleep, **self._kwargs())  # type: ignore[arg-type]

    def aretrying(self) -> AsyncRetrying:
        return AsyncRetrying(sleep=self.asleep, **self._kwargs())  # type: ignore[arg-type]
