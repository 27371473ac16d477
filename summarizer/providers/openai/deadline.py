"""One request's deadline: the whole exchange, not each read.

httpx's timeouts bound each connect, write and read; a server that sends its answer one byte
every half second never trips a 5-second read timeout, and keeps the request open for as long
as it likes. ``DeadlineTransport`` wraps the HTTP transport the SDK's client sends through: the
request has ``seconds`` from when it is sent to its last byte. The async one cancels whatever
is awaited when time is up; the sync one checks between the chunks of the body (the headers
are bounded by the read timeout). Both raise httpx's ``ReadTimeout``, which the SDK reports as
``APITimeoutError``: a timeout like any other, for the retry policy.

The article's own deadline over all its attempts (``providers.base.ARTICLE_DEADLINE``) may
bring it closer: the earlier of the two wins.

The body is also capped in size (``MAX_ANSWER_BYTES``): a server that sends hundreds of
megabytes is stopped there, with ``AnswerTooLarge``, one of our errors, which the SDK passes
on as the cause of a connection error and the retry policy reports as itself.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Iterator

import httpx2

from summarizer.errors import ProviderError
from summarizer.providers.base import ARTICLE_DEADLINE

# A summary's answer is tens of kilobytes; this is room for any honest one.
MAX_ANSWER_BYTES = 16_000_000


class AnswerTooLarge(ProviderError):
    """The server's answer passed ``MAX_ANSWER_BYTES``: it is not read further."""


class _Clock:
    def __init__(self, seconds: float) -> None:
        started = time.monotonic()
        article = ARTICLE_DEADLINE.get()
        self.seconds = seconds
        self.at = started + seconds if article is None else min(started + seconds, article)
        self.read = 0

    def left(self) -> float:
        return self.at - time.monotonic()

    def check(self, request: httpx2.Request) -> None:
        if self.left() <= 0:
            raise self.expired(request)

    def count(self, chunk: bytes) -> None:
        self.read += len(chunk)
        if self.read > MAX_ANSWER_BYTES:
            raise AnswerTooLarge(
                f"the model server's answer passed {MAX_ANSWER_BYTES:,} bytes; it was not read "
                "further"
            )

    def expired(self, request: httpx2.Request) -> httpx2.ReadTimeout:
        return httpx2.ReadTimeout(
            f"the answer did not arrive in full within {self.seconds:g} s", request=request
        )


class _SyncBody(httpx2.SyncByteStream):
    def __init__(self, inner: httpx2.SyncByteStream, clock: _Clock, request: httpx2.Request):
        self._inner, self._clock, self._request = inner, clock, request

    def __iter__(self) -> Iterator[bytes]:
        for chunk in self._inner:
            self._clock.check(self._request)
            self._clock.count(chunk)
            yield chunk

    def close(self) -> None:
        self._inner.close()


class _AsyncBody(httpx2.AsyncByteStream):
    def __init__(self, inner: httpx2.AsyncByteStream, clock: _Clock, request: httpx2.Request):
        self._inner, self._clock, self._request = inner, clock, request

    async def __aiter__(self) -> AsyncIterator[bytes]:
        chunks = aiter(self._inner)
        while True:
            try:
                async with asyncio.timeout(max(self._clock.left(), 0)):
                    chunk = await anext(chunks)
            except StopAsyncIteration:
                return
            except TimeoutError:
                raise self._clock.expired(self._request) from None
            self._clock.count(chunk)
            yield chunk

    async def aclose(self) -> None:
        await self._inner.aclose()


class DeadlineTransport(httpx2.BaseTransport):
    """``inner``, each request given ``seconds`` in all (see the module)."""

    def __init__(self, inner: httpx2.BaseTransport, seconds: float) -> None:
        self._inner, self._seconds = inner, seconds

    def handle_request(self, request: httpx2.Request) -> httpx2.Response:
        clock = _Clock(self._seconds)
        response = self._inner.handle_request(request)
        stream = response.stream
        assert isinstance(stream, httpx2.SyncByteStream)
        response.stream = _SyncBody(stream, clock, request)
        return response

    def close(self) -> None:
        self._inner.close()


class AsyncDeadlineTransport(httpx2.AsyncBaseTransport):
    """The async twin of ``DeadlineTransport``: the headers are bounded too."""

    def __init__(self, inner: httpx2.AsyncBaseTransport, seconds: float) -> None:
        self._inner, self._seconds = inner, seconds

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        clock = _Clock(self._seconds)
        try:
            async with asyncio.timeout(max(clock.left(), 0)):
                response = await self._inner.handle_async_request(request)
        except TimeoutError:
            raise clock.expired(request) from None
        stream = response.stream
        assert isinstance(stream, httpx2.AsyncByteStream)
        response.stream = _AsyncBody(stream, clock, request)
        return response

    async def aclose(self) -> None:
        await self._inner.aclose()
