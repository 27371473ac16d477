"""Only a call to the function we offered is an answer.

In tools mode instructor takes the first tool call of an answer as the answer, whatever function
it names: a model talked into calling ``delete_all`` (an injection in the article, say) with
arguments that fit our schema would be taken at its word, and a call to a custom tool would
crash the parser. Every answer is therefore put through ``ours_only`` before anything parses
it — the first request's answer before ``extract._validated``, and every answer instructor's
loop reads (``guarded_sync`` / ``guarded_async`` around its ``create``: a Batch API line's
answer and each re-ask's):

- calls to functions the request did not offer (in any mode: a JSON mode offers none) are taken
  out of the answer and named in ``CallStats.ignored_calls``, which the result's diagnostics
  report. Nothing ever runs them; taking them out means nothing parses them either;
- an answer left with no call is a schema failure like any other: instructor's parser finds no
  tool call and re-asks (with the history it always sends: the answer, now without the foreign
  call, and the error), and once the re-asks are spent the article fails with that error;
- several calls to our function are one answer if they are the same call repeated (kept once),
  and an ``ExtractionError`` if they differ: picking one of two different answers would be a
  guess.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from openai.types.chat import ChatCompletion

from summarizer.errors import ExtractionError
from summarizer.providers.base import CallStats


def offered(request: Mapping[str, Any]) -> frozenset[str]:
    """The names of the functions ``request`` offers the model (none in a JSON mode)."""
    return frozenset(
        tool["function"]["name"]
        for tool in request.get("tools") or ()
        if tool.get("type") == "function" and "function" in tool
    )


def _name(call: Any) -> str:
    """The name a tool call calls: a function's, or a custom tool's."""
    inner = getattr(call, "function", None) or getattr(call, "custom", None)
    return str(getattr(inner, "name", "") or "(unnamed)")


def ours_only(
    completion: ChatCompletion, request: Mapping[str, Any], stats: CallStats
) -> ChatCompletion:
    """``completion`` with every call to a function ``request`` did not offer taken out (and
    recorded in ``stats``); unchanged, the very object, when there is none to take out."""
    names = offered(request)
    if all(_clean(choice.message, names) for choice in completion.choices):
        return completion
    answer = completion.model_copy(deep=True)  # the caller's copy may be read again
    for choice in answer.choices:
        message = choice.message
        calls = message.tool_calls or []
        ours: list[Any] = [c for c in calls if c.type == "function" and c.function.name in names]
        stats.ignored_calls.extend(_name(c) for c in calls if c not in ours)
        if len({(c.function.name, c.function.arguments) for c in ours}) > 1:
            raise ExtractionError(
                f"the model answered with {len(ours)} different calls to "
                f"{ours[0].function.name}; one answer was expected",
                requests=stats.requests,
            )
        if calls:
            message.tool_calls = ours[:1] or None
        legacy = message.function_call
        if legacy is not None and legacy.name not in names:
            stats.ignored_calls.append(legacy.name)
            message.function_call = None
    return answer


def _clean(message: Any, names: frozenset[str]) -> bool:
    """Nothing to take out: at most one call, to a function offered (or one call repeated)."""
    calls = message.tool_calls or []
    if any(c.type != "function" or c.function.name not in names for c in calls):
        return False
    legacy = message.function_call
    return len(calls) <= 1 and (legacy is None or legacy.name in names)


def guarded_sync(
    create: Callable[..., ChatCompletion], stats: CallStats
) -> Callable[..., ChatCompletion]:
    """``create`` whose every answer has been through ``ours_only`` for its request."""

    def guarded(**kwargs: Any) -> ChatCompletion:
        return ours_only(create(**kwargs), kwargs, stats)

    return guarded


def guarded_async(
    create: Callable[..., Awaitable[ChatCompletion]], stats: CallStats
) -> Callable[..., Awaitable[ChatCompletion]]:
    """The async twin of ``guarded_sync``."""

    async def guarded(**kwargs: Any) -> ChatCompletion:
        return ours_only(await create(**kwargs), kwargs, stats)

    return guarded
