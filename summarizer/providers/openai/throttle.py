"""One pace for every request a provider sends: the server's 429s and the user's own limits.

A provider has one ``Throttle``, shared by every request of every worker — threads on the sync
client, tasks on the async one, on any event loop. Before each HTTP request the sender takes
its turn (``turn`` / ``aturn``):

- while the pool is **paused** it waits. A 429 pauses the pool for the time the server asked
  (``Retry-After``, capped by ``RetryPolicy.max_retry_after``) or, when it named none, for the
  backoff: the workers that were about to send wait it out instead of each hitting the server
  and each collecting a 429 of its own. Requests already on the wire are not recalled.
- a wait the server asks for beyond the cap is **refused**: that request fails at once
  (``RetryLater``, which the extractor turns into a ``ProviderError`` saying when to retry),
  and so does every request that would start before that time. Nothing is slept or retried.
- with ``rpm`` / ``tpm`` set, requests are spaced so that no minute holds more than ``rpm``
  requests or ``tpm`` estimated tokens (``estimate_tokens``: the request's size / 4, plus its
  output limit when it sets one). The limits are booked when a request takes its turn.

The lock guards bookkeeping only and is never held across a wait. The waits are the
``sleep``/``asleep`` given (the ``RetryPolicy``'s), and time is read from ``clock``, so a test
can run a 3600-second pause without waiting and see every wait that was asked for. A waiter
wakes, looks again, and waits again only for a pause that began while it slept: with a clock
that never moves, every waiter waits each pause once.
"""

from __future__ import annotations

import asyncio
import json
import math
import threading
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

# What counts toward a request's token estimate: the text the model reads.
_INPUT_FIELDS = ("messages", "tools", "functions", "response_format")
_OUTPUT_LIMITS = ("max_completion_tokens", "max_tokens")
CHARS_PER_TOKEN = 4


class RetryLater(Exception):
    """The server asked for a longer wait than this run makes: fail now, say when to retry."""

    def __init__(self, asked: float, until: datetime, cap: float) -> None:
        self.asked = asked
        self.until = until
        self.cap = cap
        asked_for = duration(asked) + (f" ({math.ceil(asked)} s)" if asked >= 120 else "")
        super().__init__(
            f"rate limited: the model server asked to wait {asked_for} before the next "
            f"request, longer than the {duration(cap)} this run waits at most; try again after "
            f"{until:%Y-%m-%d %H:%M:%S} UTC"
        )


def duration(seconds: float) -> str:
    """ "45 s", "2 min 5 s", "1 h 0 min" — how long, for a person."""
    whole = math.ceil(seconds)
    if whole < 120:
        return f"{whole} s"
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours} h {minutes} min"
    return f"{minutes} min {secs} s" if secs else f"{minutes} min"


def estimate_tokens(request: Mapping[str, Any]) -> int:
    """A chat request's tokens, before it is sent: its text / 4 and the output it may ask for.

    Coarse on purpose (no tokenizer): it is what ``tpm`` books, not what is billed.
    """
    sent = {name: request[name] for name in _INPUT_FIELDS if request.get(name) is not None}
    size = len(json.dumps(sent, ensure_ascii=False, default=str))
    limit = next((request[name] for name in _OUTPUT_LIMITS if request.get(name)), 0)
    return math.ceil(size / CHARS_PER_TOKEN) + (limit if isinstance(limit, int) else 0)


@dataclass(frozen=True, slots=True)
class _Step:
    wait: float  # seconds to wait before looking again, or before sending
    seen: int  # the pause this wait serves (or the latest, once booked)
    booked: bool  # the rpm/tpm slot is booked: after ``wait``, send (unless paused anew)


class Throttle:
    """The pace of one provider's requests; see the module's description."""

    def __init__(
        self,
        *,
        rpm: int | None = None,
        tpm: int | None = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        asleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        utcnow: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        if any(limit is not None and limit < 1 for limit in (rpm, tpm)):
            raise ValueError("rpm and tpm are at least 1 when given")
        self.rpm = rpm
        self.tpm = tpm
        self._clock = clock
        self._sleep = sleep
        self._asleep = asleep
        self._utcnow = utcnow
        self._lock = threading.Lock()
        self._paused_until = -math.inf
        self._pauses = 0  # how many times a pause began or was lengthened
        self._refused_until = -math.inf
        self._refusal: RetryLater | None = None
        self._next_request = -math.inf  # rpm: when the next request may go
        self._next_tokens = -math.inf  # tpm: when the next request's tokens may go

    def __repr__(self) -> str:
        return f"Throttle(rpm={self.rpm!r}, tpm={self.tpm!r})"

    @property
    def pauses(self) -> int:
        """How many times the pool was paused (or a pause lengthened) so far."""
        return self._pauses

    def paused_for(self) -> float:
        """Seconds the pool is still paused for (0 when it is not)."""
        with self._lock:
            return max(self._paused_until - self._clock(), 0.0)

    def turn(self, tokens: int = 0) -> None:
        """Wait, in this thread, until a request of ``tokens`` may be sent."""
        seen, booked = -1, False
        while True:
            step = self._step(tokens, seen, booked)
            if step.wait > 0:
                self._sleep(step.wait)
            elif step.booked:
                return
            seen, booked = step.seen, step.booked

    async def aturn(self, tokens: int = 0) -> None:
        """The async twin of ``turn``: waits without blocking the event loop."""
        seen, booked = -1, False
        while True:
            step = self._step(tokens, seen, booked)
            if step.wait > 0:
                await self._asleep(step.wait)
            elif step.booked:
                return
            seen, booked = step.seen, step.booked

    def pause(self, seconds: float) -> None:
        """Pause the pool for ``seconds`` from now (a 429). A pause is lengthened, never cut."""
        if not seconds > 0:  # 0, negative, NaN: nothing to wait for
            return
        with self._lock:
            until = self._clock() + seconds
            if until > self._paused_until:
                self._paused_until = until
                self._pauses += 1

    def refuse(self, asked: float, cap: float) -> RetryLater:
        """The server asked for ``asked`` seconds, past ``cap``: until then every request fails
        at once. Returns the error to raise."""
        with self._lock:
            refusal = RetryLater(asked, self._utcnow() + timedelta(seconds=asked), cap)
            until = self._clock() + asked
            if until > self._refused_until:
                self._refused_until = until
                self._refusal = refusal
            return refusal

    def _step(self, tokens: int, seen: int, booked: bool) -> _Step:
        with self._lock:
            now = self._clock()
            if self._refusal is not None and now < self._refused_until:
                raise self._refusal
            if self._pauses != seen and self._paused_until > now:
                return _Step(self._paused_until - now, self._pauses, booked)
            if booked:
                return _Step(0.0, self._pauses, True)
            start = max(now, self._next_request, self._next_tokens)
            if self.rpm is not None:
                self._next_request = start + 60 / self.rpm
            if self.tpm is not None:
                self._next_tokens = start + 60 * max(tokens, 1) / self.tpm
            return _Step(start - now, self._pauses, True)
