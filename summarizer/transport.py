"""One chat-completion request as the extractor sees it: retried, counted, cleaned.

Wraps the SDK's ``chat.completions.create`` so that instructor calls our function: every HTTP
request is counted (``requests``), transient faults are retried under the ``RetryPolicy``,
token usage is summed over every answer, and ``<think>…</think>`` blocks that reasoning models
put before their JSON are removed.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import openai
from openai.types.chat import ChatCompletion

from summarizer.retry import RetryPolicy
from summarizer.schema import Usage

_THINK = re.compile(r"<think>.*?(?:</think>|\Z)\s*", re.DOTALL)


@dataclass
class CallStats:
    """What one article cost: HTTP requests, model answers and tokens over every attempt."""

    requests: int = 0
    answers: int = 0
    transport_retries: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0

    def sent(self, attempt_number: int) -> None:
        self.requests += 1
        if attempt_number > 1:
            self.transport_retries += 1

    @property
    def reasks(self) -> int:
        return max(self.answers - 1, 0)

    def usage(self) -> Usage:
        return Usage(
            prompt_tokens=self.prompt_tokens,
            completion_tokens=self.completion_tokens,
            total_tokens=self.prompt_tokens + self.completion_tokens,
        )

    def record(self, response: ChatCompletion) -> ChatCompletion:
        self.answers += 1
        if response.usage is not None:
            self.prompt_tokens += response.usage.prompt_tokens or 0
            self.completion_tokens += response.usage.completion_tokens or 0
        for choice in response.choices:
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
        return stats.record(response)

    return create


def async_create(
    client: openai.AsyncOpenAI, policy: RetryPolicy, stats: CallStats
) -> Callable[..., Awaitable[ChatCompletion]]:
    async def create(**kwargs: Any) -> ChatCompletion:
        async for attempt in policy.aretrying():
            with attempt:
                stats.sent(attempt.retry_state.attempt_number)
                response = await client.chat.completions.create(**kwargs)
        return stats.record(response)

    return create
