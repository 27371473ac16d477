"""A small, strict OpenAI-compatible HTTP server on 127.0.0.1, for fault tests and recording.

Each test scripts the replies, in order: chat completions with ``add`` (status, headers, body,
delay, a dropped connection), the model list with ``serve_models``. The fake is strict, as
vcrpy's record mode ``none`` is: a request nobody scripted is answered ``501 unscripted`` and
remembered, and ``check`` — run by the ``fake`` fixture after every test — fails the test for
it, and for scripted replies that were never asked for.
"""

from __future__ import annotations

import json
import re
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
    """The article text inside the fences of the user message."""
    user = next(m["content"] for m in request["messages"] if m["role"] == "user")
    found = re.search(r"^(ARTICLE-\w+)\n(.*)\n\1$", user, re.MULTILINE | re.DOTALL)
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
        self.script: deque[Script] = deque()
        self.models: deque[list[str]] = deque()
        self.unscripted: list[str] = []
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
        left = len(self.script) + len(self.models)
        assert left == 0, f"{left} scripted replies were never asked for"

    def _unscripted(self, what: str) -> Reply:
        self.unscripted.append(what)
        return Reply(status=UNSCRIPTED, body={"error": {"message": f"unscripted request: {what}"}})

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
                if self.path.rstrip("/").endswith("/models") and fake.models:
                    data = [
                        {"id": name, "object": "model", "owned_by": "test"}
                        for name in fake.models.popleft()
                    ]
                    self._send(Reply(body={"object": "list", "data": data}))
                else:
                    self._send(fake._unscripted(f"GET {self.path}"))

            def do_POST(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                request = json.loads(self.rfile.read(length) or b"{}")
                if not self.path.rstrip("/").endswith("/chat/completions") or not fake.script:
                    self._send(fake._unscripted(f"POST {self.path}"))
                    return
                fake.requests.append(request)
                step = fake.script.popleft()
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
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(data)))
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(data)

        return Handler
