"""A small, strict OpenAI-compatible HTTP server on 127.0.0.1, for fault tests and recording.

Each test scripts the replies, in order: chat completions with ``add`` (status, headers, body,
delay, a dropped connection), the model list with ``serve_models``, and Batch API batches with
``add_batch`` (the answer to each line by custom id, and the status each poll finds). The fake
is strict, as vcrpy's record mode ``none`` is: a request nobody scripted is answered ``501
unscripted`` and remembered, and ``check`` — run by the ``fake`` fixture after every test —
fails the test for it, and for scripted replies that were never asked for.

The Batch API, as OpenAI documents it: ``POST /files`` (multipart: ``purpose=batch`` and a
JSONL file whose every line must be a well-formed chat-completions request with a unique
``custom_id``), ``POST /batches`` (that file, ``/v1/chat/completions``, ``24h``), ``GET
/batches/{id}`` (one scripted status per poll; the output and error files appear with the
final status) and ``GET /files/{id}/content``.
"""

from __future__ import annotations

import contextlib
import email.parser
import email.policy
import itertools
import json
import re
import socket
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

Request = dict[str, Any]
# How often the serving thread looks up from waiting: ``stop`` takes at most this long.
POLL_SECONDS = 0.01
UNSCRIPTED = 501


@dataclass
class Reply:
    status: int = 200
    body: Any = None  # dict → JSON; str → sent as is
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    drop: bool = False  # close the connection without answering
    content_type: str = "application/json"
    trickle: float = 0.0  # seconds between two bytes of the body (a server that dawdles)
    cut: int | None = None  # send only this many bytes of the body, then close (a reset)


def completion(
    request: Request,
    payload: Any,
    *,
    usage: tuple[int, int] = (1200, 400),
    finish_reason: str = "stop",
    raw: bool = False,
) -> dict[str, Any]:
    """A chat completion answering ``request`` with ``payload``: a tool call when the request
    offered tools, message content otherwise. ``raw=True`` sends ``payload`` (a str) untouched."""
    text = payload if raw else json.dumps(payload, ensure_ascii=False)
    message: dict[str, Any] = {"role": "assistant", "content": text}
    if request.get("tools"):
        name = request["tools"][0]["function"]["name"]
        message = {
            "role": "assistant",
            "content": None,
            "tool_calls": [
                {"id": "call_1", "type": "function", "function": {"name": name, "arguments": text}}
            ],
        }
    return {
        "id": "chatcmpl-test",
        "object": "chat.completion",
        "created": 1735300000,
        "model": request.get("model", "test-model"),
        "choices": [{"index": 0, "message": message, "finish_reason": finish_reason}],
        "usage": {
            "prompt_tokens": usage[0],
            "completion_tokens": usage[1],
            "total_tokens": usage[0] + usage[1],
        },
    }


def article_of(request: Request) -> str:
    """The article text inside the fences of the user message (after the lines of what is
    known about it, one line each, and a blank line)."""
    user = next(m["content"] for m in request["messages"] if m["role"] == "user")
    found = re.search(r"^(ARTICLE-\w+)\n.*?\n\n(.*)\n\1$", user, re.MULTILINE | re.DOTALL)
    return found.group(2) if found else user


def schema_of(request: Request) -> dict[str, Any]:
    if request.get("tools"):
        return dict(request["tools"][0]["function"]["parameters"])
    fmt = request.get("response_format") or {}
    if fmt.get("type") == "json_schema":
        return dict(fmt["json_schema"]["schema"])
    raise ValueError("the request carries no schema")


def instance(schema: dict[str, Any], defs: dict[str, Any], fill: str) -> Any:
    """A value valid against ``schema`` (the subset pydantic emits), strings set to ``fill``."""
    if "$ref" in schema:
        return instance(defs[schema["$ref"].rsplit("/", 1)[1]], defs, fill)
    if "anyOf" in schema:
        options = [s for s in schema["anyOf"] if s.get("type") != "null"]
        return instance(options[0], defs, fill) if options else None
    if "enum" in schema:
        return schema["enum"][0]
    kind = schema.get("type")
    if kind == "object":
        props = schema.get("properties", {})
        return {name: instance(sub, defs, fill) for name, sub in props.items()}
    if kind == "array":
        return [instance(schema.get("items", {}), defs, fill)]
    return {"string": fill, "integer": 1, "number": 1.0, "boolean": False}.get(str(kind), fill)


def schema_answer(request: Request) -> Reply:
    """What any structured-output server might answer: an instance of the schema it was sent,
    every string the article's first sentence."""
    schema = schema_of(request)
    sentence = re.split(r"(?<=[.!?])\s", article_of(request).strip(), maxsplit=1)[0]
    return Reply(body=completion(request, instance(schema, schema.get("$defs", {}), sentence)))


Script = Reply | Callable[[Request], Reply]

BATCH_ENDPOINT = "/v1/chat/completions"
# A poll that finds one of these makes the output and error files.
BATCH_ENDED = ("completed", "expired", "cancelled")


@dataclass(frozen=True)
class LineError:
    """A batch line the Batch API could not run: an ``error`` where the response would be."""

    code: str = "batch_expired"
    message: str = "This request could not be executed before the completion window expired."


@dataclass
class BatchScript:
    """The next batch created: each line's answer by custom id (a chat-completions ``Script``,
    whose non-200 replies go to the error file, or a ``LineError``), and the status each poll
    finds, in order. ``errors`` are the batch's own, for a batch that failed."""

    answers: dict[str, Script | LineError]
    statuses: list[str] = field(default_factory=lambda: ["in_progress", "finalizing", "completed"])
    errors: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class _Batch:
    id: str
    input_file_id: str
    metadata: Any
    results: list[tuple[str, Reply | LineError]]  # custom id → what the line got, in order
    statuses: deque[str]
    errors: list[dict[str, Any]]
    status: str = "validating"
    output_file_id: str | None = None
    error_file_id: str | None = None

    def counts(self) -> dict[str, int]:
        ok = sum(1 for _, r in self.results if isinstance(r, Reply) and r.status == 200)
        total = len(self.results)
        if self.status == "validating":
            return {"total": 0, "completed": 0, "failed": 0}
        if self.status == "in_progress":
            return {"total": total, "completed": ok // 2, "failed": 0}
        return {"total": total, "completed": ok, "failed": total - ok}

    def json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "object": "batch",
            "endpoint": BATCH_ENDPOINT,
            "errors": {"object": "list", "data": self.errors} if self.errors else None,
            "input_file_id": self.input_file_id,
            "completion_window": "24h",
            "status": self.status,
            "output_file_id": self.output_file_id,
            "error_file_id": self.error_file_id,
            "created_at": 1735300000,
            "request_counts": self.counts(),
            "metadata": self.metadata,
        }


def form_fields(content_type: str, data: bytes) -> dict[str, tuple[str | None, bytes]]:
    """A multipart/form-data body's fields: name → (filename, content)."""
    head = f"Content-Type: {content_type}\r\n\r\n".encode()
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + data)
    if not message.is_multipart():
        return {}
    fields = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        payload = part.get_payload(decode=True)
        fields[str(name)] = (part.get_filename(), payload if isinstance(payload, bytes) else b"")
    return fields


def batch_request_problem(line: Any, seen: set[str]) -> str | None:
    """What makes one input line something the Batch API would reject, if anything."""
    if not isinstance(line, dict) or set(line) != {"custom_id", "method", "url", "body"}:
        return "a line is not {custom_id, method, url, body}"
    custom_id = line["custom_id"]
    if not isinstance(custom_id, str) or not custom_id or custom_id in seen:
        return f"custom_id {custom_id!r} is missing or not unique"
    seen.add(custom_id)
    if line["method"] != "POST" or line["url"] != BATCH_ENDPOINT:
        return f"{custom_id}: not POST {BATCH_ENDPOINT}"
    body = line["body"]
    if not isinstance(body, dict) or not body.get("model") or not body.get("messages"):
        return f"{custom_id}: the body is not a chat-completions request"
    return None


def _route(path: str) -> str:
    """The API path without its ``/v1`` prefix, query or trailing slash."""
    path = path.split("?", 1)[0].rstrip("/")
    return path[3:] if path.startswith("/v1/") else path


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    # Concurrent clients connect all at once: with the default backlog of 5 the kernel drops
    # the rest, and the client retries them as lost connections after a second or more.
    request_queue_size = 128
    block_on_close = False  # a handler still sleeping out a delay must not hold the test up

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that timed out and hung up is what the fault tests arrange


class FakeOpenAI:
    def __init__(self) -> None:
        self.requests: list[Request] = []  # chat completion bodies, in order
        # Their headers, names in lower case (a script may echo them).
        self.headers: list[dict[str, str]] = []
        self.script: deque[Script] = deque()
        self.models: deque[list[str]] = deque()
        self.unscripted: list[str] = []
        self.calls: list[str] = []  # every request, "METHOD /path", in order
        self.batch_scripts: deque[BatchScript] = deque()
        self.batch_lines: list[Request] = []  # the lines of every batch created, in order
        self.batches: dict[str, _Batch] = {}
        self.files: dict[str, tuple[str, bytes]] = {}  # id → (purpose, content)
        self.uploads: list[bytes] = []  # the uploaded files' contents, in order
        self.batch_faults: deque[tuple[str, Reply]] = deque()  # (request prefix, reply)
        self._ids = itertools.count(1)
        self.every: Script | None = None
        self.lock = threading.Lock()
        self._server = _Server(("127.0.0.1", 0), self._handler())
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": POLL_SECONDS}, daemon=True
        )

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}/v1"

    def add(self, *replies: Script) -> None:
        """The next chat completion replies, in order."""
        self.script.extend(replies)

    def fail_batch_request(self, request: str, *replies: Reply) -> None:
        """Answer the next Batch API requests that start with ``request`` ("POST /files",
        "POST /batches", "GET /batches/", "GET /files/"; no ``/v1``) with these replies — a 503,
        a dropped connection — in order, before serving them."""
        self.batch_faults.extend((request, reply) for reply in replies)

    def _fault(self, method: str, route: str) -> Reply | None:
        if self.batch_faults and f"{method} {route}".startswith(self.batch_faults[0][0]):
            return self.batch_faults.popleft()[1]
        return None

    def add_batch(self, script: BatchScript) -> None:
        """How the next batch created goes (an upload is accepted only for a scripted batch)."""
        self.batch_scripts.append(script)

    def answer_every(self, script: Script) -> None:
        """Answer every chat completion with ``script`` once the scripted replies are used up:
        for runs whose number of requests a test cannot know (one interrupted mid-way). Any
        other path stays unscripted."""
        self.every = script

    def serve_models(self, *ids: str) -> None:
        """Answer the next ``GET /models`` with these model ids."""
        self.models.append(list(ids))

    def start(self) -> FakeOpenAI:
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._thread.is_alive():
            self._server.shutdown()
        self._server.server_close()

    def check(self) -> None:
        """Fail when a request came that nobody scripted, or a scripted reply was never used."""
        assert self.unscripted == [], f"requests nobody scripted: {self.unscripted}"
        left = len(self.script) + len(self.models) + len(self.batch_scripts)
        left += len(self.batch_faults)
        left += sum(len(batch.statuses) for batch in self.batches.values())
        assert left == 0, f"{left} scripted replies were never asked for"

    def _unscripted(self, what: str) -> Reply:
        self.unscripted.append(what)
        return Reply(status=UNSCRIPTED, body={"error": {"message": f"unscripted request: {what}"}})

    def _upload(self, content_type: str, data: bytes) -> Reply:
        fields = form_fields(content_type, data)
        purpose = fields.get("purpose", (None, b""))[1].decode()
        filename, content = fields.get("file", (None, b""))
        if purpose != "batch" or not filename or not self.batch_scripts:
            return self._unscripted(f"POST /files purpose={purpose!r} filename={filename!r}")
        seen: set[str] = set()
        for line in content.decode().split("\n")[:-1] if content.endswith(b"\n") else [""]:
            try:
                problem = batch_request_problem(json.loads(line), seen)
            except ValueError:
                problem = "a line is not JSON (or the file does not end in a newline)"
            if problem:
                return self._unscripted(f"POST /files: {problem}")
        file_id = f"file-in-{next(self._ids)}"
        self.files[file_id] = ("batch", content)
        self.uploads.append(content)
        return Reply(body=self._file_json(file_id, filename, "batch", content))

    def _create_batch(self, request: Request) -> Reply:
        file_id = request.get("input_file_id")
        stored = self.files.get(str(file_id))
        if (
            stored is None
            or stored[0] != "batch"
            or request.get("endpoint") != BATCH_ENDPOINT
            or request.get("completion_window") != "24h"
            or not self.batch_scripts
        ):
            return self._unscripted(f"POST /batches {json.dumps(request)[:200]}")
        script = self.batch_scripts.popleft()
        lines = [json.loads(line) for line in stored[1].decode().splitlines()]
        sent = [line["custom_id"] for line in lines]
        if extra := sorted(set(script.answers) - set(sent)):
            self.unscripted.append(f"scripted batch answers for lines never sent: {extra}")
        results: list[tuple[str, Reply | LineError]] = []
        for line in lines:
            self.batch_lines.append(line)
            step = script.answers.get(line["custom_id"])
            if step is None:
                results.append(
                    (line["custom_id"], self._unscripted(f"batch line {line['custom_id']}"))
                )
            elif isinstance(step, LineError | Reply):
                results.append((line["custom_id"], step))
            else:
                results.append((line["custom_id"], step(line["body"])))
        batch = _Batch(
            id=f"batch_test{next(self._ids)}",
            input_file_id=str(file_id),
            metadata=request.get("metadata"),
            results=results,
            statuses=deque(script.statuses),
            errors=script.errors,
        )
        self.batches[batch.id] = batch
        return Reply(body=batch.json())

    def _poll(self, batch_id: str) -> Reply:
        batch = self.batches.get(batch_id)
        if batch is None or not batch.statuses:
            return self._unscripted(f"GET /batches/{batch_id} (no status scripted)")
        batch.status = batch.statuses.popleft()
        if batch.status in BATCH_ENDED and batch.output_file_id is None:
            self._finish(batch)
        return Reply(body=batch.json())

    def _finish(self, batch: _Batch) -> None:
        output: list[dict[str, Any]] = []
        errors: list[dict[str, Any]] = []
        for number, (custom_id, result) in enumerate(batch.results, 1):
            record: dict[str, Any] = {"id": f"batch_req_{number}", "custom_id": custom_id}
            if isinstance(result, LineError):
                record |= {
                    "response": None,
                    "error": {"code": result.code, "message": result.message},
                }
                errors.append(record)
                continue
            body = result.body
            if isinstance(body, str):
                with contextlib.suppress(ValueError):
                    body = json.loads(body)
            response = {"status_code": result.status, "request_id": f"req_{number}", "body": body}
            record |= {"response": response, "error": None}
            (output if result.status == 200 else errors).append(record)
        for records, kind in ((output, "output"), (errors, "error")):
            if not records:
                continue
            file_id = f"file-{kind}-{next(self._ids)}"
            content = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode()
            self.files[file_id] = ("batch_output", content)
            if kind == "output":
                batch.output_file_id = file_id
            else:
                batch.error_file_id = file_id

    def _content(self, file_id: str) -> Reply:
        stored = self.files.get(file_id)
        if stored is None:
            return self._unscripted(f"GET /files/{file_id}/content")
        return Reply(body=stored[1].decode(), content_type="application/octet-stream")

    @staticmethod
    def _file_json(file_id: str, filename: str, purpose: str, content: bytes) -> dict[str, Any]:
        return {
            "id": file_id,
            "object": "file",
            "bytes": len(content),
            "created_at": 1735300000,
            "filename": filename,
            "purpose": purpose,
            "status": "processed",
        }

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            # Headers and body go out as separate writes: without this, Nagle's algorithm and
            # the client's delayed ACK hold every answer back ~40 ms.
            disable_nagle_algorithm = True

            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                fake.calls.append(f"GET {self.path}")
                route = _route(self.path)
                if fault := fake._fault("GET", route):
                    self._send(fault)
                elif route == "/models" and fake.models:
                    data = [
                        {"id": name, "object": "model", "owned_by": "test"}
                        for name in fake.models.popleft()
                    ]
                    self._send(Reply(body={"object": "list", "data": data}))
                elif found := re.fullmatch(r"/batches/([\w-]+)", route):
                    self._send(fake._poll(found.group(1)))
                elif found := re.fullmatch(r"/files/([\w-]+)/content", route):
                    self._send(fake._content(found.group(1)))
                else:
                    self._send(fake._unscripted(f"GET {self.path}"))

            def do_POST(self) -> None:
                fake.calls.append(f"POST {self.path}")
                length = int(self.headers.get("content-length") or 0)
                data = self.rfile.read(length)
                route = _route(self.path)
                if fault := fake._fault("POST", route):
                    self._send(fault)
                    return
                if route == "/files":
                    self._send(fake._upload(self.headers.get("content-type", ""), data))
                    return
                request = json.loads(data or b"{}")
                if route == "/batches":
                    self._send(fake._create_batch(request))
                    return
                chat = route == "/chat/completions"
                with fake.lock:  # concurrent clients (a batch): one reply per request
                    step = None
                    if chat and (fake.script or fake.every):
                        fake.requests.append(request)
                        fake.headers.append({k.lower(): v for k, v in self.headers.items()})
                        step = fake.script.popleft() if fake.script else fake.every
                if step is None:
                    self._send(fake._unscripted(f"POST {self.path}"))
                    return
                self._send(step(request) if callable(step) else step)

            def _send(self, reply: Reply) -> None:
                if reply.delay:
                    time.sleep(reply.delay)
                if reply.drop:
                    self.close_connection = True
                    self.connection.close()
                    return
                body = reply.body if isinstance(reply.body, str) else json.dumps(reply.body)
                data = body.encode()
                self.send_response(reply.status)
                self.send_header("content-type", reply.content_type)
                self.send_header("content-length", str(len(data)))
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                self.end_headers()
                if reply.cut is not None:
                    self.wfile.write(data[: reply.cut])
                    self.wfile.flush()
                    self.close_connection = True
                    self.connection.shutdown(socket.SHUT_RDWR)
                    return
                if not reply.trickle:
                    self.wfile.write(data)
                    return
                for k in range(len(data)):
                    try:
                        self.wfile.write(data[k : k + 1])
                        self.wfile.flush()
                    except OSError:  # the client gave up: stop, as a server would
                        self.close_connection = True
                        return
                    time.sleep(reply.trickle)

        return Handler
