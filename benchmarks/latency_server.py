"""A loopback OpenAI-compatible server that answers every chat completion after a fixed delay.

For the batch benchmarks: it runs in its own process, so the client's CPU time is the client's
alone. Every chat completion is answered with the same written answer (a grounded summary of
``examples/conflict.txt``, from ``tests/responses/conflict.json``), as a tool call when the
request offers tools and as message content otherwise; ``/v1/models`` lists one model. It
counts the completions it answered (``GET /stats``). Anything else is a 404.

    python benchmarks/latency_server.py --latency 0.2      # prints its base URL, then serves
"""

from __future__ import annotations

import argparse
import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
ANSWER = ROOT / "tests" / "responses" / "conflict.json"


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256


def serve(latency: float, port: int = 0) -> ThreadingHTTPServer:
    """Start the server on 127.0.0.1 (``port`` 0: any free port) in a background thread."""
    answer = ANSWER.read_text(encoding="utf-8")
    lock = threading.Lock()
    counts = {"completions": 0}

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        # Headers and body go out as two writes; with Nagle on, the body waits for the
        # client's delayed ACK of the headers (40 ms on Linux), as no real server lets it.
        disable_nagle_algorithm = True

        def log_message(self, *args: Any) -> None:
            pass

        def do_GET(self) -> None:
            if self.path.endswith("/models"):
                self._json({"object": "list", "data": [{"id": "bench", "object": "model"}]})
            elif self.path == "/stats":
                with lock:
                    self._json(dict(counts))
            else:
                self._json({"error": {"message": "not found"}}, 404)

        def do_POST(self) -> None:
            size = int(self.headers.get("content-length") or 0)
            request = json.loads(self.rfile.read(size) or b"{}")
            if not self.path.endswith("/chat/completions"):
                self._json({"error": {"message": "not found"}}, 404)
                return
            time.sleep(latency)
            with lock:
                counts["completions"] += 1
            self._json(_completion(request, answer))

        def _json(self, body: Any, status: int = 200) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    server = _Server(("127.0.0.1", port), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def _completion(request: dict[str, Any], answer: str) -> dict[str, Any]:
    message: dict[str, Any] = {"role": "assistant", "content": answer}
    if request.get("tools"):
        name = request["tools"][0]["function"]["name"]
        call = {"id": "call_1", "type": "function", "function": {"name": name, "arguments": answer}}
        message = {"role": "assistant", "content": None, "tool_calls": [call]}
    return {
        "id": "chatcmpl-bench",
        "object": "chat.completion",
        "created": 1735300000,
        "model": request.get("model", "bench"),
        "choices": [{"index": 0, "message": message, "finish_reason": "stop"}],
        "usage": {"prompt_tokens": 1500, "completion_tokens": 700, "total_tokens": 2200},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--latency", type=float, default=0.2, help="seconds per completion")
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    server = serve(args.latency, args.port)
    host, port = server.server_address[:2]
    print(f"http://{host!s}:{port}/v1", flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        sys.exit(0)


if __name__ == "__main__":
    main()
