"""One chat-completion request as the extractor sees it: retried, counted, cleaned.

Wraps the SDK's ``chat.completions.create`` so that instructor calls our function: every HTTP
request is counted (``requests``), transient faults are retried under the ``RetryPolicy``,
token usage is summed over every answer, and ``<think>…</think>`` blocks that reasoning models
put before their JSON are removed.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from typing import Any

import openai
from openai.types.chat import ChatCompletion

from summarizer.providers.base import CallStats
from summarizer.providers.openai.retry import RetryPolicy

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


def sync_create(
    client: openai.OpenAI, policy: RetryPolicy, stats: CallStats
) -> Callable[..., ChatCompletion]:
    def create(**kwargs: Any) -> ChatCompletion:
        for attempt in policy.retrying():
            with attempt:
                stats.sent(attempt.retry_state.attempt_number)
                response = client.chat.completions.create(**kwargs)
        return received(stats, response)

    return create


def async_create(
    client: openai.AsyncOpenAI, policy: RetryPolicy, stats: CallStats
) -> Callable[..., Awaitable[ChatCompletion]]:
    async def create(**kwargs: Any) -> ChatCompletion:
        async for attempt in policy.aretrying():
            with attempt:
                stats.sent(attempt.retry_state.attempt_number)
                response = await client.chat.completions.create(**kwargs)
        return received(stats, response)

    return create
