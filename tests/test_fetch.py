"""Fetching pages: against a small HTTP server on 127.0.0.1, never a real host."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from summarizer.errors import InputError
from summarizer.input.fetch import fetch_article
from summarizer.input.load import is_url, load
from tests.fakeserver import POLL_SECONDS
from tests.test_html import PARAGRAPHS, SITE, TITLE, page

HTML = page(title=f"{TITLE} | {SITE}").encode("utf-8")
MENU = b"<!DOCTYPE html><html><body><nav><a href='/'>Home</a></nav></body></html>"


@dataclass
class Route:
    status: int = 200
    body: bytes = HTML
    content_type: str | None = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # before the status line
    chunks: int = 1  # sent chunked, without a content length, when more than one
    pause: float = 0.0  # between chunks


ROUTES = {
    "/article": Route(),
    "/moved": Route(status=301, body=b"", headers={"location": "/article"}),
    "/missing": Route(status=404, body=b"<html><body>Not here</body></html>"),
    "/broken": Route(status=500, body=b"oops"),
    "/slow": Route(delay=2.0),
    "/report.pdf": Route(body=b"%PDF-1.7\n", content_type="application/pdf"),
    "/no-type": Route(content_type=None),
    "/big": Route(body=b"<html>" + b"x" * 5000),
    "/endless": Route(body=b"<html>" + b"x" * 5000, chunks=10),
    "/trickle": Route(chunks=20, pause=0.03),
    "/menu": Route(body=MENU),
}


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False  # a handler still sleeping for "/slow" must not hold the test up

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # the client hanging up early (timeouts, size limits) is what the tests do


class PageServer:
    """Serves ``ROUTES`` on 127.0.0.1 and records the requests' headers."""

    def __init__(self) -> None:
        self.seen: list[dict[str, str]] = []
        self._server = _Server(("127.0.0.1", 0), self._handler())
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": POLL_SECONDS}, daemon=True
        )
        self._thread.start()

    def url(self, path: str) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}{path}"

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            # Headers and body go out as separate writes: without this, Nagle's algorithm and
            # the client's delayed ACK hold every answer back ~40 ms.
            disable_nagle_algorithm = True

            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                server.seen.append({k.lower(): v for k, v in self.headers.items()})
                route = ROUTES.get(self.path, Route(status=404, body=b""))
                time.sleep(route.delay)
                self.send_response(route.status)
                if route.content_type:
                    self.send_header("content-type", route.content_type)
                for name, value in route.headers.items():
                    self.send_header(name, value)
                if route.chunks > 1:
                    self._send_chunked(route)
                    return
                self.send_header("content-length", str(len(route.body)))
                self.end_headers()
                self.wfile.write(route.body)

            def _send_chunked(self, route: Route) -> None:
                self.send_header("transfer-encoding", "chunked")
                self.end_headers()
                size = len(route.body) // route.chunks + 1
                for start in range(0, len(route.body), size):
                    piece = route.body[start : start + size]
                    self.wfile.write(f"{len(piece):x}\r\n".encode() + piece + b"\r\n")
                    self.wfile.flush()
                    time.sleep(route.pause)
                self.wfile.write(b"0\r\n\r\n")

        return Handler


@pytest.fixture
def server() -> Iterator[PageServer]:
    pages = PageServer()
    yield pages
    pages.stop()


def error_of(url: str, **kwargs: Any) -> str:
    with pytest.raises(InputError) as raised:
        fetch_article(url, **kwargs)
    message = str(raised.value)
    assert "\n" not in message and message.startswith(url)
    return message


def test_a_page_is_fetched_and_read(server: PageServer) -> None:
    article = fetch_article(server.url("/article"))
    assert PARAGRAPHS[0] in article.text
    assert article.title == TITLE and article.site == SITE
    assert article.url == server.url("/article")
    assert server.seen[0]["user-agent"].startswith("summarizer/")


def test_redirects_are_followed_and_the_final_url_kept(server: PageServer) -> None:
    article = fetch_article(server.url("/moved"))
    assert article.url == server.url("/article")


def test_load_fetches_a_url(server: PageServer) -> None:
    assert PARAGRAPHS[1] in load(server.url("/article")).text


def test_a_page_without_a_content_type_is_judged_by_its_bytes(server: PageServer) -> None:
    assert PARAGRAPHS[0] in fetch_article(server.url("/no-type")).text


@pytest.mark.parametrize(
    ("path", "expected"),
    [("/missing", "HTTP 404 Not Found"), ("/broken", "HTTP 500 Internal Server Error")],
)
def test_an_http_error_status_is_named(server: PageServer, path: str, expected: str) -> None:
    assert error_of(server.url(path)) == f"{server.url(path)}: {expected}"


def test_a_slow_page_times_out(server: PageServer) -> None:
    # The page would come, late: only the timeout ends the wait with this error.
    url = server.url("/slow")
    assert error_of(url, timeout=0.1) == f"{url}: timed out after 0.1s"


def test_a_page_that_trickles_in_times_out_as_a_whole(server: PageServer) -> None:
    # Each chunk comes well within the timeout; the whole page does not.
    url = server.url("/trickle")
    assert error_of(url, timeout=0.15) == f"{url}: timed out after 0.15s"


def test_a_url_without_a_host_is_named() -> None:
    assert "not a valid URL" in error_of("http://")


def test_a_pdf_is_not_an_html_page(server: PageServer) -> None:
    url = server.url("/report.pdf")
    assert error_of(url) == f"{url}: not an HTML page (content-type application/pdf)"


@pytest.mark.parametrize("path", ["/big", "/endless"])
def test_a_page_too_large_is_refused(server: PageServer, path: str) -> None:
    # "/big" declares its length; "/endless" is chunked and is cut off while reading.
    assert "larger than 1,000 bytes" in error_of(server.url(path), max_bytes=1000)


def test_a_page_without_article_text_is_refused(server: PageServer) -> None:
    assert "no article text found in the HTML page" in error_of(server.url("/menu"))


def test_a_refused_connection_is_named() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    # Nothing listens on the port now.
    assert "cannot connect" in error_of(f"http://127.0.0.1:{port}/article", timeout=2)


@pytest.mark.parametrize(
    ("source", "expected"),
    [("https://example.invalid/a", True), ("HTTP://x", True), ("ftp://x", False),
     ("article.html", False), ("-", False)],
)  # fmt: skip
def test_urls_are_told_from_paths(source: str, expected: bool) -> None:
    assert is_url(source) is expected
