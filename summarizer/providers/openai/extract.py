"""One article → the model's draft summary, through instructor.

The first request is built and its answer validated here, with instructor's own parts: the
request is the one instructor prepares for the mode (captured once per prompt, model and mode,
then only the article's variables are rendered into it, ``first_request``) and the answer goes
through the mode's own parser with the strict validation context. Only an answer that fails is
handed to instructor's loop, as its first attempt (``transport.Prefilled``, which checks that
instructor prepared that very request), and instructor re-asks from there. The split is for
speed: preparing a request in instructor costs about 10 ms of CPU (schema walks, Jinja
compilation, the SDK's parameter transform), which at 32 articles in flight is most of a
batch's wall time; a validated first answer needs none of it.

The response model is ``grounding.check.CheckedSummary`` and the validation context the
cleaned article with ``grounding="strict"``: an answer whose quotes are not in the article fails
validation and instructor re-asks with the error, at most ``max_reasks`` times. When the budget
is spent, the last answer is parsed leniently and ``grounding.assemble`` drops what still cannot
be found; the result says so. API faults are retried below instructor (``transport``) and
surface here as ``ProviderError``.

Only the failures this boundary expects become our errors: the server's (``openai.APIError``),
an answer cut off at its output limit, a refusal, and answers that never validate. Anything
else — a bug of ours that instructor wrapped on its way out — is raised as itself.
"""

from __future__ import annotations

import html
import json
import logging
import re
from contextvars import ContextVar
from dataclasses import dataclass, replace
from functools import cache
from textwrap import dedent
from typing import Any, NoReturn

import instructor
import openai
from instructor.core.exceptions import (
    IncompleteOutputException,
    InstructorRetryException,
    ResponseParsingError,
)
from instructor.v2.core.function_calls import response_schema
from instructor.v2.core.providers import Provider as InstructorProvider
from instructor.v2.core.registry import mode_registry
from jinja2 import Template
from jinja2.sandbox import SandboxedEnvironment
from pydantic import ValidationError

from summarizer.config import DEFAULT_MAX_TOKENS
from summarizer.draft import ArticleSummary
from summarizer.errors import ContextLengthError, ExtractionError, ProviderError
from summarizer.grounding.check import STRICT, CheckedSummary
from summarizer.input.article import Article
from summarizer.providers.base import CallStats, Extraction, article_deadline
from summarizer.providers.openai.prompt import Prompt
from summarizer.providers.openai.retry import (
    RetryPolicy,
    is_mode_refusal,
    is_refused,
    ours_beneath,
)
from summarizer.providers.openai.throttle import RetryLater, Throttle
from summarizer.providers.openai.toolcalls import guarded_async, guarded_sync, ours_only
from summarizer.providers.openai.transport import (
    Prefilled,
    Refused,
    as_json,
    async_create,
    prefilled_async,
    prefilled_sync,
    sync_create,
)
from summarizer.secrets import strip_credentials

# instructor logs every failed attempt at ERROR; our result and errors report them instead.
logging.getLogger("instructor").addHandler(logging.NullHandler())
# ``instructor_request`` stops instructor's call on purpose; that is no failed attempt to log.
_CAPTURING: ContextVar[bool] = ContextVar("capturing", default=False)
logging.getLogger("instructor.v2.retry").addFilter(lambda _record: not _CAPTURING.get())

# Answers that do not parse or validate: what instructor re-asks for (its retryable set).
_ANSWER_ERRORS = (ValidationError, json.JSONDecodeError, ResponseParsingError)
# What the instructor call raises on purpose; ``_recover`` sorts them out.
_EXPECTED = (InstructorRetryException, IncompleteOutputException, openai.APIError, RetryLater)


@cache
def response_model() -> type[CheckedSummary]:
    """``CheckedSummary`` as instructor wraps it, wrapped once. Given the plain class,
    instructor builds a new wrapper class, and its JSON Schema, for every request (a few
    milliseconds each); given its own wrapper it reuses both."""
    return response_schema(CheckedSummary)


@dataclass(frozen=True)
class OutputLimit:
    """The output budget of a request: the body field that carries it (OpenAI's own models
    take ``max_completion_tokens``, and its reasoning models refuse ``max_tokens``; other
    servers know ``max_tokens``) and the tokens."""

    field: str = "max_tokens"
    tokens: int = DEFAULT_MAX_TOKENS

    def doubled(self) -> OutputLimit:
        return OutputLimit(self.field, self.tokens * 2)


class _CutOff(ExtractionError):
    """The answer stopped at its output limit (``finish_reason: length``)."""


class ModeRefused(ProviderError):
    """The server refused the structured-output mode (``retry.is_mode_refusal``): the
    provider falls back to another."""


def extract(
    client: openai.OpenAI,
    article: Article,
    prompt: Prompt,
    *,
    model: str,
    mode: instructor.Mode,
    max_reasks: int,
    retry: RetryPolicy,
    throttle: Throttle,
    prefilled: Prefilled | None = None,
    limit: OutputLimit = OutputLimit(),
    deadline: float | None = None,
) -> Extraction:
    """``prefilled``: the answer to the first request is already known (a Batch API line); it is
    validated as the first attempt and only re-asks, if any, are sent. An answer cut off at
    ``limit`` is asked for once more with twice the room. ``deadline``: seconds for the whole
    article, every request, retry and wait included."""
    stats = CallStats()
    ask = _Ask(model, mode, max_reasks, limit)
    with article_deadline(deadline):
        try:
            return _extract(client, article, prompt, ask, retry, throttle, stats, prefilled)
        except _CutOff:
            more = replace(ask, limit=limit.doubled())
            try:
                return _extract(client, article, prompt, more, retry, throttle, stats, None)
            except _CutOff:
                raise _cut_off_twice(limit, stats) from None


async def aextract(
    client: openai.AsyncOpenAI,
    article: Article,
    prompt: Prompt,
    *,
    model: str,
    mode: instructor.Mode,
    max_reasks: int,
    retry: RetryPolicy,
    throttle: Throttle,
    prefilled: Prefilled | None = None,
    limit: OutputLimit = OutputLimit(),
    deadline: float | None = None,
) -> Extraction:
    stats = CallStats()
    ask = _Ask(model, mode, max_reasks, limit)
    with article_deadline(deadline):
        try:
            return await _aextract(client, article, prompt, ask, retry, throttle, stats, prefilled)
        except _CutOff:
            more = replace(ask, limit=limit.doubled())
            try:
                return await _aextract(client, article, prompt, more, retry, throttle, stats, None)
            except _CutOff:
                raise _cut_off_twice(limit, stats) from None


@dataclass(frozen=True)
class _Ask:
    model: str
    mode: instructor.Mode
    max_reasks: int
    limit: OutputLimit


def _cut_off_twice(limit: OutputLimit, stats: CallStats) -> ExtractionError:
    return ExtractionError(
        f"the model's answer was cut off at its output limit twice ({limit.tokens:,} then "
        f"{limit.doubled().tokens:,} tokens); raise --max-tokens, or the model cannot fit it",
        requests=stats.requests,
    )


def _extract(
    client: openai.OpenAI,
    article: Article,
    prompt: Prompt,
    ask: _Ask,
    retry: RetryPolicy,
    throttle: Throttle,
    stats: CallStats,
    prefilled: Prefilled | None,
) -> Extraction:
    live = sync_create(client, retry, stats, throttle)
    if prefilled is None:
        body = first_request(article, prompt, model=ask.model, mode=ask.mode, limit=ask.limit)
        try:
            completion = sync_create(client, retry, stats, throttle, plain=True)(**body)
            completion = ours_only(completion, body, stats)
        except Exception as exc:  # sorted out by _recover, as instructor's would be
            return _recover(exc, article, prompt, ask.mode, stats, _server(client))
        if (draft := _validated(completion, article, prompt, ask.mode)) is not None:
            return Extraction(draft=draft, stats=stats)
        prefilled = Prefilled(body=body, completion=completion, counted=True)
    guarded = guarded_sync(prefilled_sync(prefilled, stats, live), stats)
    create = instructor.patch(create=guarded, mode=ask.mode)
    try:
        draft = create(**_request(prompt, ask, _context(prompt, article)))
    except _EXPECTED as exc:
        return _recover(exc, article, prompt, ask.mode, stats, _server(client))
    return Extraction(draft=draft, stats=stats)


async def _aextract(
    client: openai.AsyncOpenAI,
    article: Article,
    prompt: Prompt,
    ask: _Ask,
    retry: RetryPolicy,
    throttle: Throttle,
    stats: CallStats,
    prefilled: Prefilled | None,
) -> Extraction:
    live = async_create(client, retry, stats, throttle)
    if prefilled is None:
        body = first_request(article, prompt, model=ask.model, mode=ask.mode, limit=ask.limit)
        try:
            completion = await async_create(client, retry, stats, throttle, plain=True)(**body)
            completion = ours_only(completion, body, stats)
        except Exception as exc:  # sorted out by _recover, as instructor's would be
            return _recover(exc, article, prompt, ask.mode, stats, _server(client))
        if (draft := _validated(completion, article, prompt, ask.mode)) is not None:
            return Extraction(draft=draft, stats=stats)
        prefilled = Prefilled(body=body, completion=completion, counted=True)
    guarded = guarded_async(prefilled_async(prefilled, stats, live), stats)
    create = instructor.patch(create=guarded, mode=ask.mode)
    try:
        draft = await create(**_request(prompt, ask, _context(prompt, article)))
    except _EXPECTED as exc:
        return _recover(exc, article, prompt, ask.mode, stats, _server(client))
    return Extraction(draft=draft, stats=stats)


def first_request(
    article: Article,
    prompt: Prompt,
    *,
    model: str,
    mode: instructor.Mode,
    limit: OutputLimit = OutputLimit(),
) -> dict[str, Any]:
    """The body of the first chat-completions request for ``article`` (also what a Batch API
    line carries): instructor's request for the mode, its messages rendered with the article's
    variables exactly as instructor renders them (its sandboxed Jinja, then ``dedent``).

    Equal, field for field, to what instructor itself prepares (``instructor_request``): a
    test holds the two together, and ``Prefilled`` checks it again whenever instructor takes
    over for a re-ask."""
    body, templates = _shape(prompt, model, mode, limit)
    variables = _context(prompt, article)
    messages = [
        message if template is None else {**message, "content": dedent(template.render(variables))}
        for message, template in templates
    ]
    # In instructor's key order: a batch file is then the same bytes either way.
    return {key: messages if key == "messages" else value for key, value in body.items()}


@cache
def _shape(
    prompt: Prompt, model: str, mode: instructor.Mode, limit: OutputLimit
) -> tuple[dict[str, Any], tuple[tuple[dict[str, Any], Template | None], ...]]:
    """What instructor prepares for the prompt, model and mode before any article is rendered
    in: the body, and each of its messages with its template compiled once."""
    body = instructor_request(None, prompt, model=model, mode=mode, limit=limit)
    env = SandboxedEnvironment()  # the environment instructor renders messages in
    messages = tuple(
        (m, env.from_string(m["content"]) if isinstance(m.get("content"), str) else None)
        for m in body["messages"]
    )
    return body, messages


def _validated(
    completion: Any, article: Article, prompt: Prompt, mode: instructor.Mode
) -> CheckedSummary | None:
    """The answer parsed and validated as instructor's loop would on its first attempt; ``None``
    when it does not pass (instructor then takes it over, errors and re-asks included). The
    answer has been through ``ours_only``: a call to a function we did not offer is no answer."""
    parser = mode_registry.get_handlers(InstructorProvider.OPENAI, mode).response_parser
    try:
        draft: CheckedSummary = parser(
            response=completion,
            response_model=response_model(),
            validation_context=_context(prompt, article),
            strict=False,
            stream=False,
            is_async=False,
        )
    except Exception:  # instructor parses it again and reports what it finds
        return None
    return draft


class _Captured(Exception):
    def __init__(self, kwargs: dict[str, Any]) -> None:
        super().__init__("captured")
        self.kwargs = kwargs


# Arguments of the SDK's ``create`` that are not fields of the HTTP body.
_NOT_BODY = frozenset({"extra_headers", "extra_query", "extra_body", "timeout"})


def instructor_request(
    article: Article | None,
    prompt: Prompt,
    *,
    model: str,
    mode: instructor.Mode,
    limit: OutputLimit = OutputLimit(),
) -> dict[str, Any]:
    """The first request as instructor itself prepares it for ``article`` (its request
    handler for the mode, then Jinja with the article's variables); with no article, before
    templating. Instructor hands it to a ``create`` that keeps it instead of sending it."""

    def capture(*args: Any, **kwargs: Any) -> NoReturn:
        if args or _NOT_BODY & kwargs.keys():
            raise RuntimeError(f"instructor passed more than a request body: {sorted(kwargs)}")
        raise _Captured(kwargs)

    create = instructor.patch(create=capture, mode=mode)
    context = _context(prompt, article) if article is not None else None
    quiet = _CAPTURING.set(True)
    try:
        create(**_request(prompt, _Ask(model, mode, 0, limit), context))
    except InstructorRetryException as exc:
        if isinstance(exc.__cause__, _Captured):
            body: dict[str, Any] = as_json(exc.__cause__.kwargs)
            return body
        raise
    finally:
        _CAPTURING.reset(quiet)
    raise RuntimeError("instructor prepared no request")


def _context(prompt: Prompt, article: Article) -> dict[str, Any]:
    """The Jinja variables of the prompt templates (the article goes in as data), which are
    also the validation context: strict grounding against the article."""
    return prompt.variables(article) | {"grounding": STRICT}


def _request(prompt: Prompt, ask: _Ask, context: dict[str, Any] | None) -> dict[str, Any]:
    request: dict[str, Any] = {
        "response_model": response_model(),
        "messages": prompt.messages(),
        "model": ask.model,
        "max_retries": ask.max_reasks,
        "strict": False,
        "temperature": 0,
        ask.limit.field: ask.limit.tokens,
    }
    if context is not None:
        request["context"] = context
    return request


def _server(client: openai.OpenAI | openai.AsyncOpenAI) -> str:
    """The server's address as messages may show it: no user, password or query."""
    return strip_credentials(str(client.base_url).rstrip("/")) or "the model server"


def _recover(
    exc: Exception,
    article: Article,
    prompt: Prompt,
    mode: instructor.Mode,
    stats: CallStats,
    server: str,
) -> Extraction:
    """Turn an expected failure into a lenient draft or one of our errors; re-raise the rest."""
    cause = exc.__cause__ if isinstance(exc, InstructorRetryException) else exc
    if (ours := ours_beneath(cause)) is not None:
        if isinstance(ours, ProviderError) and not ours.requests:
            ours.requests = stats.requests  # raised beneath the SDK, which counted nothing
        raise ours from None
    if cause is not None and is_mode_refusal(cause):
        raise ModeRefused(
            f"{server} refused the request's structured-output mode: {describe_api_error(cause)}",
            requests=stats.requests,
        ) from None
    if isinstance(cause, openai.APIStatusError) and is_context_length(cause):
        raise ContextLengthError(
            f"{describe_api_error(cause)} ({server})",
            requests=stats.requests,
            window=context_window(server_words(cause)),
        ) from None
    if isinstance(cause, openai.APIError):
        tries = f"{stats.requests} attempt" + ("s" if stats.requests != 1 else "")
        why = "; refused: nothing listens there" if is_refused(cause) else ""
        raise ProviderError(
            f"{describe_api_error(cause)} ({server}, {tries}{why})", requests=stats.requests
        ) from None
    if isinstance(cause, RetryLater):
        raise ProviderError(str(cause), requests=stats.requests) from None
    if isinstance(cause, IncompleteOutputException):
        raise _CutOff(
            "the model's answer was cut off at its output limit", requests=stats.requests
        ) from None
    if isinstance(cause, Refused):
        raise ExtractionError(
            f"the model refused to answer: {_first_line(cause)}", requests=stats.requests
        ) from None
    if cause is not None and not isinstance(cause, _ANSWER_ERRORS):
        raise cause  # not a failure of the model's: ours, and a bug
    last = exc.last_completion if isinstance(exc, InstructorRetryException) else None
    if last is None:
        raise ExtractionError(
            f"the model gave no answer to parse: {_first_line(cause or exc)}",
            requests=stats.requests,
        ) from None
    context = prompt.variables(article) | {"grounding": "lenient"}
    parser = mode_registry.get_handlers(InstructorProvider.OPENAI, mode).response_parser
    try:
        draft = parser(
            response=last,
            response_model=ArticleSummary,
            validation_context=context,
            strict=False,
            stream=False,
            is_async=False,
        )
    except _ANSWER_ERRORS as err:
        called = f" ({stats.warnings()[0]})" if stats.ignored_calls else ""
        raise ExtractionError(
            f"the model's answer did not fit the schema after {stats.answers} attempts: "
            f"{_first_line(err)}{called}",
            requests=stats.requests,
        ) from None
    return Extraction(
        draft=draft,
        stats=stats,
        warnings=[
            f"re-ask budget spent ({stats.reasks} re-asks); items whose evidence is still not in "
            "the article were dropped"
        ],
    )


def describe_api_error(exc: BaseException) -> str:
    """One line for a user: what failed talking to the model server."""
    if isinstance(exc, openai.APITimeoutError):
        return "the model server did not answer in time"
    if isinstance(exc, openai.APIConnectionError):
        return "could not connect to the model server"
    if isinstance(exc, openai.AuthenticationError):
        return "the model server rejected the API key (401)"
    if isinstance(exc, openai.APIStatusError):
        words = _first_line(server_words(exc))
        if is_context_length(exc):
            return (
                f"the article is too long for the model's context ({exc.status_code}: {words}); "
                "use a model with a longer context, or summarise a shorter text"
            )
        said = f"the model server answered {exc.status_code}: {words}"
        if exc.status_code == 404:
            return f"{said}; pass a model the server serves with -m MODEL"
        return said
    return f"model server error: {_first_line(exc)}"


# How servers say a request is longer than the model's window (OpenAI, vLLM, llama.cpp, Ollama).
_CONTEXT_LENGTH = re.compile(
    r"context[ _-]?(?:length|window|size)|too many tokens|exceeds? the (?:context|available)"
    r"|prompt is too long|maximum (?:input|prompt) length",
    re.IGNORECASE,
)
_TAG = re.compile(r"<[^>]*>")


def server_words(exc: openai.APIStatusError) -> str:
    """What the server said, without the SDK's wrapping ("Error code: 500 - {...}"): the
    error's message, or the text of an HTML error page (a proxy's), or the body as it came."""
    body = exc.body
    if isinstance(body, dict):
        for key in ("message", "detail", "error", "msg"):
            value = body.get(key)
            if isinstance(value, str) and value.strip():
                return value
            if isinstance(value, dict | list):
                return json.dumps(value, ensure_ascii=False)
    if isinstance(body, str) and body.strip():
        if "<" in body and ">" in body:  # an HTML page: its words, not its markup
            return " ".join(html.unescape(_TAG.sub(" ", body)).split()) or body
        return body
    try:
        text = exc.response.text
    except Exception:  # a body that was never read (streamed): nothing more to say
        text = ""
    if text.lstrip().startswith("<"):
        return " ".join(html.unescape(_TAG.sub(" ", text)).split())
    return exc.message


def is_context_length(exc: openai.APIStatusError) -> bool:
    """The server refused the request as longer than the model's window."""
    if exc.status_code not in (400, 413, 422, 500):
        return False
    return _code(exc) == "context_length_exceeded" or bool(
        _CONTEXT_LENGTH.search(server_words(exc))
    )


# "maximum context length is 8192 tokens" (OpenAI, vLLM); "context size (8192 tokens)", "n_ctx:
# 8192" (llama.cpp); "context window of 8192" — the first number of tokens after the words.
_WINDOW = re.compile(
    r"(?:context[ _-]?(?:length|window|size)|n_ctx)\D{0,40}?(\d[\d,_]*)", re.IGNORECASE
)


def context_window(words: str) -> int | None:
    """The window a refusal names, in tokens (``None`` when it names none we can read)."""
    found = _WINDOW.search(words)
    if found is None:
        return None
    number = int(re.sub(r"[,_]", "", found[1]))
    return number if number >= 256 else None


def _code(exc: openai.APIStatusError) -> str | None:
    code = exc.body.get("code") if isinstance(exc.body, dict) else None
    return code if isinstance(code, str) else None


def _first_line(value: object) -> str:
    text = str(value).strip()
    return text.splitlines()[0][:300] if text else type(value).__name__
