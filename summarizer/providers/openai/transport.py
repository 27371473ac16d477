"""One chat-completion request as the extractor sees it: retried, counted, cleaned.

Wraps the SDK's ``chat.completions.create`` so that instructor calls our function: every HTTP
request waits its turn in the provider's ``Throttle`` (paused pool, rpm/tpm) and is counted
(``requests``), transient faults are retried under the ``RetryPolicy`` (a 429 pausing the whole
pool; one asking for longer than the policy waits failing at once as ``RetryLater``), token
usage is summed over every answer, and ``<think>…</think>`` blocks that reasoning models put
before their JSON are removed. An answer obtained elsewhere (the Batch API) can stand in for
the first request (``Prefilled``): instructor then validates it, and re-asks live, exactly as
it would a live answer.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import openai
from openai.types.chat import ChatCompletion

from summarizer.errors import ProviderError
from summarizer.providers.base import ARTICLE_DEADLINE, CallStats
from summarizer.providers.openai.retry import EmptyAnswer, RetryPolicy
from summarizer.providers.openai.throttle import Throttle, estimate_tokens

_THINK = re.compile(r"<think>.*?(?:</think>|\Z)\s*", re.DOTALL)


class Refused(Exception):
    """The model declined to answer: its message carries a refusal instead of content."""


def received(stats: CallStats, response: ChatCompletion) -> ChatCompletion:
    """Count one answer and its tokens, stop at a refusal, and remove reasoning models'
    ``<think>`` blocks."""
    usage = response.usage
    stats.answered(
        (usage.prompt_tokens or 0) if usage else 0, (usage.completion_tokens or 0) if usage else 0
    )
    for choice in response.choices:
        if choice.message.refusal:
            raise Refused(choice.message.refusal)
        content = choice.message.content
        if content and "<think>" in content:
            choice.message.content = _THINK.sub("", content)
    return response


def not_a_completion(response: object, stats: CallStats) -> None:
    """A 200 that is not a chat completion (a web page at a base URL missing its /v1: the SDK
    hands over the text) is the wrong server, said so, not an internal error."""
    if isinstance(response, ChatCompletion):
        return
    shown = " ".join(str(response).split())[:80]
    raise ProviderError(
        f"the server's answer is not a chat completion ({shown!r}…); is the base URL the "
        "API's (often ending in /v1)?",
        requests=stats.requests,
    )


def past_deadline(stats: CallStats) -> None:
    """Raise when the article's deadline (``ARTICLE_DEADLINE``) has passed: no request
    is sent that could not finish in time."""
    at = ARTICLE_DEADLINE.get()
    if at is not None and time.monotonic() >= at:
        tries = f"{stats.requests} request" + ("s" if stats.requests != 1 else "")
        raise ProviderError(
            f"gave up on the article at its deadline (--deadline), after {tries}",
            requests=stats.requests,
        )


def refuse_long_waits(exc: openai.APIStatusError, policy: RetryPolicy, throttle: Throttle) -> None:
    """A 429 asking for longer than the policy waits: fail now (and the pool with it)."""
    asked = policy.too_long(exc)
    if asked is not None:
        raise throttle.refuse(asked, policy.max_retry_after) from exc


# A body that is plain JSON already is posted as it is (the SDK's documented way to send a
# request its methods do not shape), with the API key as ``create`` sends it. ``create`` would
# first walk every field against its type hints, which for the messages and our tool schema
# costs more CPU than the HTTP request itself.
_PATH = "/chat/completions"
_AS_CREATE: openai.RequestOptions = {"security": {"bearer_auth": True}}


def sync_create(
    client: openai.OpenAI,
    policy: RetryPolicy,
    stats: CallStats,
    throttle: Throttle,
    *,
    plain: bool = False,
) -> Callable[..., ChatCompletion]:
    """``create(**body)``: one request, retried, throttled and counted. ``plain``: the bodies
    are plain JSON and are posted as they are; instructor's arguments go through ``create``."""

    def create(**kwargs: Any) -> ChatCompletion:
        tokens = estimate_tokens(kwargs) if throttle.tpm else 0
        for attempt in policy.retrying(throttle):
            with attempt:
                throttle.turn(tokens)
                past_deadline(stats)
                stats.sent(attempt.retry_state.attempt_number)
                try:
                    if plain:
                        response = client.post(
                            _PATH, body=kwargs, cast_to=ChatCompletion, options=_AS_CREATE
                        )
                    else:
                        response = client.chat.completions.create(**kwargs)
                except openai.APIStatusError as exc:
                    refuse_long_waits(exc, policy, throttle)
                    raise
                not_a_completion(response, stats)
                if not response.choices:
                    raise EmptyAnswer(
                        "the model server answered with no choices", requests=stats.requests
                    )
        return received(stats, response)

    return create


def async_create(
    client: openai.AsyncOpenAI,
    policy: RetryPolicy,
    stats: CallStats,
    throttle: Throttle,
    *,
    plain: bool = False,
) -> Callable[..., Awaitable[ChatCompletion]]:
    """The async twin of ``sync_create``."""

    async def create(**kwargs: Any) -> ChatCompletion:
        tokens = estimate_tokens(kwargs) if throttle.tpm else 0
        async for attempt in policy.aretrying(throttle):
            with attempt:
                await throttle.aturn(tokens)
                past_deadline(stats)
                stats.sent(attempt.retry_state.attempt_number)
                try:
                    if plain:
                        response = await client.post(
                            _PATH, body=kwargs, cast_to=ChatCompletion, options=_AS_CREATE
                        )
                    else:
                        response = await client.chat.completions.create(**kwargs)
                except openai.APIStatusError as exc:
                    refuse_long_waits(exc, policy, throttle)
                    raise
                not_a_completion(response, stats)
                if not response.choices:
                    raise EmptyAnswer(
                        "the model server answered with no choices", requests=stats.requests
                    )
        return received(stats, response)

    return create


@dataclass(frozen=True)
class Prefilled:
    """An answer the model already gave to an article's first request: elsewhere (a Batch API
    line), or to the first request ``extract`` sent itself (``counted``: it is already in the
    stats). ``body`` is that request as it was sent, ``completion`` the answer."""

    body: dict[str, Any]
    completion: ChatCompletion
    counted: bool = False

    def answer(self, stats: CallStats, kwargs: dict[str, Any]) -> ChatCompletion:
        """The answer, as the first call of instructor's loop: checked to answer the request
        instructor prepared, counted as one request, cleaned as a live answer is."""
        if as_json(kwargs) != self.body:
            raise RuntimeError("the prefilled answer was given to a different request")
        # A copy: ``received`` cleans the message in place and the answer may be read again.
        answer = self.completion.model_copy(deep=True)
        if self.counted:
            return answer
        stats.sent(1)
        return received(stats, answer)


def as_json(kwargs: dict[str, Any]) -> Any:
    """A request as plain JSON values (tuples become lists): the form a body is compared in."""
    return json.loads(json.dumps(kwargs, ensure_ascii=False))


def prefilled_sync(
    prefilled: Prefilled, stats: CallStats, live: Callable[..., ChatCompletion]
) -> Callable[..., ChatCompletion]:
    """``live``, except that the first call is answered by ``prefilled`` (no HTTP)."""
    pending = [prefilled]

    def create(**kwargs: Any) -> ChatCompletion:
        return pending.pop().answer(stats, kwargs) if pending else live(**kwargs)

    return create


def prefilled_async(
    prefilled: Prefilled, stats: CallStats, live: Callable[..., Awaitable[ChatCompletion]]
) -> Callable[..., Awaitable[ChatCompletion]]:
    """The async twin of ``prefilled_sync``."""
    pending = [prefilled]

    async def create(**kwargs: Any) -> ChatCompletion:
        return pending.pop().answer(stats, kwargs) if pending else await live(**kwargs)

    return create
