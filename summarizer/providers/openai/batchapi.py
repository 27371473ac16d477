"""The OpenAI Batch API: the live requests sent as one batch (half the price, answered within
24 hours), each answer then validated, re-asked and grounded exactly as a live one.

    job = submit(provider, [(item_id, article), ...])   # JSONL → upload → create the batch
    job = resume(provider, batch_id)                    # …or pick up a batch made earlier
    job.wait(progress=show)                             # poll until it has finished
    answers = job.answers()                             # download: a Provider
    summary = pipeline.run(raw_article, answers)        # validated, re-asked live, grounded

``articles`` are the articles as the provider reads them: cleaned (``pipeline.prepare``). Each
JSONL line is ``{"custom_id": item id, "method": "POST", "url": "/v1/chat/completions",
"body": …}`` and the body is ``OpenAIProvider.request_body``: the request instructor prepares
for the live call (prompt, model, tools or response format for the mode, temperature),
captured rather than rebuilt, so the two cannot drift.

``BatchAnswers`` is a ``Provider``. Its ``extract``/``aextract`` find the article's request among
the batch's by the request itself — an article whose text, title or date, or whose prompt, model
or mode, changed since the batch was made is never given another request's answer — and hand the
answer to the live extraction as its first attempt (``transport.Prefilled``). Instructor
validates it with the strict grounding context as it would a live answer. When it fails,
instructor's own re-ask goes out live with the failed answer and the validation errors as
history, within the same ``max_reasks`` budget, and the lenient fallback applies after that.
The pipeline grounds the draft as it grounds any. Requests and tokens count over both: the batch
request is one request, each live re-ask one more.

Resuming needs only the batch id: ``resume`` reads the batch and downloads its input file — the
requests exactly as they were sent — so nothing is uploaded or created again.

Errors: a batch that failed, expired or was cancelled raises ``ProviderError`` naming the batch
and its status. A line the batch could not answer (its error file) fails only its article, with
``ProviderError`` when that article is extracted. The API key stays in the client: it is in no
JSONL line, no metadata and no message.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Final, Literal, TypeVar

import openai
from openai.types import Batch
from openai.types.chat import ChatCompletion
from pydantic import ValidationError

from summarizer.errors import InputError, ProviderError
from summarizer.input.article import Article
from summarizer.providers.base import Extraction, InputBudget
from summarizer.providers.openai.extract import describe_api_error
from summarizer.providers.openai.provider import OpenAIProvider
from summarizer.providers.openai.transport import Prefilled
from summarizer.schema import Usage
from summarizer.secrets import redact_error

ENDPOINT: Final[Literal["/v1/chat/completions"]] = "/v1/chat/completions"
COMPLETION_WINDOW: Final[Literal["24h"]] = "24h"
FILENAME = "summarizer-batch.jsonl"
# The Batch API's limits for one input file.
MAX_REQUESTS = 50_000
MAX_BYTES = 200_000_000
POLL_SECONDS = 30.0
COMPLETED = "completed"
UNFINISHED = frozenset({"failed", "expired", "cancelled"})

T = TypeVar("T")


@dataclass(frozen=True)
class BatchProgress:
    """Where a batch stands, as each poll finds it."""

    batch_id: str
    status: str  # validating, in_progress, finalizing, completed, failed, expired, cancelling…
    completed: int
    failed: int
    total: int

    @classmethod
    def of(cls, batch: Batch) -> BatchProgress:
        counts = batch.request_counts
        return cls(
            batch_id=batch.id,
            status=batch.status,
            completed=counts.completed if counts else 0,
            failed=counts.failed if counts else 0,
            total=counts.total if counts else 0,
        )


@dataclass(frozen=True)
class BatchAnswer:
    """One line of a finished batch: the model's answer, or why there is none."""

    custom_id: str
    completion: ChatCompletion | None = None
    error: str | None = None


def request_line(provider: OpenAIProvider, item_id: str, article: Article) -> dict[str, Any]:
    """The Batch API line for one article: its live request, named by the item id."""
    return {
        "custom_id": item_id,
        "method": "POST",
        "url": ENDPOINT,
        "body": provider.request_body(article),
    }


def encode(line: dict[str, Any]) -> str:
    """One JSONL line (UTF-8 when written; newlines only between lines)."""
    return json.dumps(line, ensure_ascii=False) + "\n"


def boundary(data: bytes) -> str:
    """The multipart boundary for uploading ``data``: fixed by its content, so the same file is
    the same upload byte for byte (a cassette matches it on its body) and cannot contain it."""
    return "summarizer-" + hashlib.sha256(data).hexdigest()[:32]


def fingerprint(body: dict[str, Any]) -> str:
    """A request body's identity, independent of key order and JSON spacing."""
    canonical = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


class BatchJob:
    """One batch on the server, the requests it was sent, and the HTTP requests spent on it."""

    def __init__(self, provider: OpenAIProvider, sent: dict[str, str]) -> None:
        self.provider = provider
        # custom_id → the fingerprint of the request it was sent (not the body: 50,000 of
        # those, prompt and schema in each, would be gigabytes of dicts).
        self.sent = sent
        self.requests = 0  # the batch's own: upload, create, polls, downloads
        self._batch: Batch | None = None

    @property
    def batch(self) -> Batch:
        if self._batch is None:
            raise RuntimeError("the batch has not been created or read yet")
        return self._batch

    @property
    def id(self) -> str:
        return self.batch.id

    def progress(self) -> BatchProgress:
        return BatchProgress.of(self.batch)

    def wait(
        self,
        *,
        poll_seconds: float = POLL_SECONDS,
        sleep: Callable[[float], None] = time.sleep,
        progress: Callable[[BatchProgress], None] | None = None,
    ) -> None:
        """Poll until the batch has finished, reporting each status (the first report comes
        before any wait: show the batch id then, so that it can be resumed). A batch that
        failed, expired or was cancelled raises ``ProviderError``."""
        while True:
            if progress is not None:
                progress(self.progress())
            status = self.batch.status
            if status == COMPLETED:
                return
            if status in UNFINISHED:
                error = ProviderError(self._unfinished(), requests=self.requests)
                raise redact_error(error, self.provider.secrets)
            sleep(poll_seconds)
            self._batch = self._call(
                f"read batch {self.id}", lambda: self.provider.client().batches.retrieve(self.id)
            )

    def answers(self) -> BatchAnswers:
        """Download the output and error files and pair each line with its request."""
        batch = self.batch
        if batch.status != COMPLETED:
            raise ProviderError(f"batch {batch.id} is {batch.status}, not completed")
        found: dict[str, BatchAnswer] = {}
        for file_id in (batch.output_file_id, batch.error_file_id):
            if not file_id:
                continue
            for record in self._download(file_id):
                answer = _answer(record)
                if answer.custom_id in self.sent and found.get(answer.custom_id) is None:
                    found[answer.custom_id] = answer
        answers = {
            custom_id: found.get(custom_id)
            or BatchAnswer(custom_id, error="the batch returned no answer for this request")
            for custom_id in self.sent
        }
        return BatchAnswers(self.provider, batch.id, self.sent, answers)

    def _created(self, batch: Batch) -> None:
        self._batch = batch

    def _unfinished(self) -> str:
        batch, counts = self.batch, self.progress()
        answered = f"{counts.completed} of {counts.total} requests answered"
        if batch.status == "failed":
            errors = batch.errors.data if batch.errors and batch.errors.data else []
            reasons = "; ".join(
                (f"line {e.line}: " if e.line else "") + _line(e.message or e.code or "")
                for e in errors[:3]
            )
            return f"batch {batch.id} failed: {reasons or 'the server gave no reason'}"
        if batch.status == "expired":
            return f"batch {batch.id} expired: not finished within {COMPLETION_WINDOW} ({answered})"
        return f"batch {batch.id} was cancelled ({answered})"

    def _call(self, what: str, call: Callable[[], T], *, retried: bool = True) -> T:
        """One API call of the batch's own, counted; transient faults retried when ``retried``."""
        try:
            if not retried:
                self.requests += 1
                return call()
            for attempt in self.provider.retry.retrying():
                with attempt:
                    self.requests += 1
                    result = call()
            return result
        except openai.APIError as exc:
            error = ProviderError(
                f"could not {what}: {describe_api_error(exc)}", requests=self.requests
            )
            raise redact_error(error, self.provider.secrets) from None

    def _download(self, file_id: str) -> list[dict[str, Any]]:
        what = f"download file {file_id} of batch {self._batch.id if self._batch else '?'}"
        content = self._call(what, lambda: self.provider.client().files.content(file_id))
        records = []
        # Split on newlines only: a JSON string may hold U+2028, which splitlines() splits on.
        for number, line in enumerate(content.content.decode("utf-8").split("\n"), 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except ValueError:
                record = None
            if not isinstance(record, dict) or not isinstance(record.get("custom_id"), str):
                raise ProviderError(f"line {number} of file {file_id} is not a batch record")
            records.append(record)
        return records


def submit(
    provider: OpenAIProvider,
    articles: Iterable[tuple[str, Article]],
) -> BatchJob:
    """Write one request per ``(item id, cleaned article)``, upload the file and create the
    batch. Nothing is sent until every request is written and within the Batch API's limits."""
    sent: dict[str, str] = {}
    lines: list[bytes] = []
    size = 0
    for item_id, article in articles:
        if item_id in sent:
            raise InputError(f"two articles have the id {item_id!r}; a batch needs one each")
        line = request_line(provider, item_id, article)
        sent[item_id] = fingerprint(line["body"])
        lines.append(encode(line).encode())
        size += len(lines[-1])
        if len(lines) > MAX_REQUESTS:
            raise InputError(
                f"more than {MAX_REQUESTS:,} articles: one batch takes at most that many; "
                "split the input (--shard K/N) and send one batch per shard"
            )
        if size > MAX_BYTES:
            raise InputError(
                f"the batch file would pass the Batch API's {MAX_BYTES / 1e6:.0f} MB at "
                f"{len(lines):,} articles; split the input (--shard K/N)"
            )
    if not lines:
        raise InputError("no articles to send: the batch would be empty")
    data = b"".join(lines)
    del lines
    job = BatchJob(provider, sent)
    client = provider.client()
    headers = {"Content-Type": f"multipart/form-data; boundary={boundary(data)}"}
    uploaded = job._call(
        "upload the batch file",
        lambda: client.files.create(
            file=(FILENAME, data, "application/jsonl"), purpose="batch", extra_headers=headers
        ),
    )
    metadata = {
        "created_by": "summarizer",
        "prompt_version": provider.prompt_version,
        "mode": provider.mode,
    }
    # Not retried: a create whose answer was lost may have started the batch, and a second
    # create would run (and bill) every request again.
    batch = job._call(
        f"create a batch from file {uploaded.id}",
        lambda: client.batches.create(
            input_file_id=uploaded.id,
            endpoint=ENDPOINT,
            completion_window=COMPLETION_WINDOW,
            metadata=metadata,
        ),
        retried=False,
    )
    job._created(batch)
    return job


def resume(provider: OpenAIProvider, batch_id: str) -> BatchJob:
    """The batch ``batch_id``, made earlier (by this machine or another): read it and download
    the requests it was sent. Nothing is uploaded or created."""
    job = BatchJob(provider, {})
    client = provider.client()
    batch = job._call(f"read batch {batch_id}", lambda: client.batches.retrieve(batch_id))
    job._created(batch)
    if batch.endpoint != ENDPOINT:
        raise ProviderError(f"batch {batch_id} was made for {batch.endpoint}, not {ENDPOINT}")
    for record in job._download(batch.input_file_id):
        body = record.get("body")
        if record.get("url") == ENDPOINT and isinstance(body, dict):
            job.sent[record["custom_id"]] = fingerprint(body)
    return job


def run_batch(
    provider: OpenAIProvider,
    articles: Iterable[tuple[str, Article]],
    *,
    batch_id: str | None = None,
    poll_seconds: float = POLL_SECONDS,
    sleep: Callable[[float], None] = time.sleep,
    progress: Callable[[BatchProgress], None] | None = None,
) -> BatchAnswers:
    """Submit ``articles`` (or resume ``batch_id``, ignoring them), wait, download."""
    job = resume(provider, batch_id) if batch_id else submit(provider, articles)
    job.wait(poll_seconds=poll_seconds, sleep=sleep, progress=progress)
    return job.answers()


class BatchAnswers:
    """A finished batch's answers as a ``Provider``: extracting an article validates the batch's
    answer to its request as a live answer, re-asking live where it fails validation.

    It speaks for the provider it wraps (name, model, mode, prompt version: the summary says
    who answered, and the cache and run log see the same provider as a live run), and closing
    it closes that provider.
    """

    def __init__(
        self,
        provider: OpenAIProvider,
        batch_id: str,
        sent: dict[str, str],
        answers: dict[str, BatchAnswer],
    ) -> None:
        self.provider = provider
        self.batch_id = batch_id
        self.answers = answers
        self._by_request: dict[str, list[str]] = {}
        for custom_id, sent_fingerprint in sent.items():
            self._by_request.setdefault(sent_fingerprint, []).append(custom_id)

    def __repr__(self) -> str:
        return f"BatchAnswers({self.batch_id!r}, {len(self.answers)} answers, {self.provider!r})"

    @property
    def name(self) -> str:
        return self.provider.name

    @property
    def model(self) -> str | None:
        return self.provider.model

    @property
    def mode(self) -> str | None:
        return self.provider.mode

    @property
    def prompt_version(self) -> str:
        return self.provider.prompt_version

    def ensure_model(self) -> str:
        return self.provider.ensure_model()

    async def aensure_model(self) -> str:
        return await self.provider.aensure_model()

    def failed(self) -> dict[str, str]:
        """The lines the batch could not answer: custom id → why."""
        return {cid: a.error for cid, a in self.answers.items() if a.error is not None}

    def prefilled(self, article: Article) -> Prefilled:
        """The batch's answer to this article's request, or ``ProviderError`` saying why none."""
        body = self.provider.request_body(article)
        ids = self._by_request.get(fingerprint(body))
        if not ids:
            raise ProviderError(
                f"batch {self.batch_id} holds no request for this article: its text, title or "
                "date, or the prompt, model or mode, differ from what the batch was sent"
            )
        found = [self.answers[custom_id] for custom_id in ids]
        answer = next((a for a in found if a.completion is not None), found[0])
        if answer.completion is None:
            raise ProviderError(
                f"batch {self.batch_id} could not answer {answer.custom_id}: {answer.error}",
                requests=1,
            )
        return Prefilled(body=body, completion=answer.completion)

    def input_budget(self) -> InputBudget | None:
        """None: the batch was sent each article whole, so its answers are for whole articles
        (one too long for the model comes back as that line's error)."""
        return None

    def extract(self, article: Article) -> Extraction:
        self.provider.ensure_model()
        return self.provider.extract(article, prefilled=self._prefilled(article))

    async def aextract(self, article: Article) -> Extraction:
        await self.provider.aensure_model()
        return await self.provider.aextract(article, prefilled=self._prefilled(article))

    def _prefilled(self, article: Article) -> Prefilled:
        try:
            return self.prefilled(article)
        except ProviderError as exc:  # a line's error is the server's words
            raise redact_error(exc, self.provider.secrets) from None

    def cost(self, usage: Usage) -> float | None:
        """At the live price: an upper bound, since the Batch API bills the first answer at
        half that (re-asks, sent live, at the full price); usage does not say which is which."""
        return self.provider.cost(usage)

    def close(self) -> None:
        self.provider.close()

    async def aclose(self) -> None:
        await self.provider.aclose()


def _answer(record: dict[str, Any]) -> BatchAnswer:
    """A line of an output or error file: a chat completion, or the reason there is none."""
    custom_id: str = record["custom_id"]
    error = record.get("error")
    response = record.get("response") or {}
    status = response.get("status_code")
    body = response.get("body")
    if error:
        if isinstance(error, dict):
            code, message = error.get("code"), error.get("message")
            reason = f"{_line(message or '')} ({code})" if code else _line(message or "")
        else:
            reason = _line(error)
        return BatchAnswer(custom_id, error=f"the Batch API could not run it: {reason}")
    if status != 200:
        message = body.get("error", {}).get("message") if isinstance(body, dict) else body
        return BatchAnswer(
            custom_id, error=f"the Batch API answered {status}: {_line(message or 'no reason')}"
        )
    try:
        return BatchAnswer(custom_id, completion=ChatCompletion.model_validate(body))
    except ValidationError:
        return BatchAnswer(custom_id, error="the Batch API's answer is not a chat completion")


def _line(value: object) -> str:
    text = str(value).strip()
    return text.splitlines()[0][:300] if text else "no reason given"
