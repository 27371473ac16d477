"""Fetching an article page over HTTP(S) and reading it with ``input.html.from_html``.

Every way a fetch can fail becomes one :class:`InputError` line that names the URL.
"""

from __future__ import annotations

import ssl
import time
from functools import cache
from importlib import metadata

import httpx

from summarizer.errors import InputError
from summarizer.input.article import Article
from summarizer.input.html import from_html

_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
# Connecting should be quick even when a page is slow to send.
_MAX_CONNECT_SECONDS = 10.0


def user_agent() -> str:
    """The User-Agent we send: who we are and where to read about it."""
    try:
        # The installed distribution's version (built from ``summarizer.__version__``): read
        # from metadata so that input never imports the package's front door.
        version = metadata.version("summarizer")
    except metadata.PackageNotFoundError:
        version = "dev"
    return f"summarizer/{version} (+https://example.invalid)"


def fetch_article(url: str, *, timeout: float = 20.0, max_bytes: int = 5_000_000) -> Article:
    """Download the page at ``url`` (redirects followed) and extract its article.

    ``timeout`` bounds the whole download, not just each read, so a server that trickles
    bytes cannot hold us; ``max_bytes`` bounds its size. Raises :class:`InputError` for a
    timeout, a failed connection, an HTTP error status, a page that is not HTML, one that is
    too large, and one with no article text.
    """
    data, final_url, charset = _download(url, timeout=timeout, max_bytes=max_bytes)
    return from_html(data, url=final_url, name=url, charset=charset)


@cache
def _tls_context() -> ssl.SSLContext:
    """One TLS context for every fetch of this process: loading the CA bundle takes ~30 ms."""
    return httpx.create_ssl_context()


def _download(url: str, *, timeout: float, max_bytes: int) -> tuple[bytes, str, str | None]:
    """The page's bytes, the URL they came from (redirects followed) and the charset the
    response declares, if any."""
    limits = httpx.Timeout(timeout, connect=min(timeout, _MAX_CONNECT_SECONDS))
    deadline = time.monotonic() + timeout
    try:
        with (
            httpx.Client(
                follow_redirects=True,
                timeout=limits,
                headers={"user-agent": user_agent()},
                verify=_tls_context(),
            ) as client,
            client.stream("GET", url) as response,
        ):
            _check(url, response, max_bytes)
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > max_bytes:
                    raise InputError(_too_large(url, max_bytes))
                if time.monotonic() > deadline:
                    raise InputError(_timed_out(url, timeout))
                chunks.append(chunk)
            return b"".join(chunks), str(response.url), response.charset_encoding
    except httpx.TimeoutException:
        raise InputError(_timed_out(url, timeout)) from None
    except httpx.TooManyRedirects:
        raise InputError(f"{url}: too many redirects") from None
    except (httpx.InvalidURL, httpx.UnsupportedProtocol) as exc:
        raise InputError(f"{url}: not a valid URL ({_first_line(exc)})") from None
    except httpx.ConnectError as exc:
        raise InputError(f"{url}: cannot connect ({_first_line(exc)})") from None
    except httpx.HTTPError as exc:
        raise InputError(f"{url}: the connection failed ({_first_line(exc)})") from None


def _check(url: str, response: httpx.Response, max_bytes: int) -> None:
    """Refuse an error status, a page that is not HTML, and one declared too large."""
    if response.status_code >= 400:
        raise InputError(f"{url}: HTTP {response.status_code} {response.reason_phrase}".rstrip())
    content_type = response.headers.get("content-type", "")
    kind = content_type.split(";", 1)[0].strip().lower()
    # No content type at all: let the extractor judge the bytes.
    if kind and kind not in _HTML_TYPES:
        raise InputError(f"{url}: not an HTML page (content-type {kind})")
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise InputError(_too_large(url, max_bytes))


def _timed_out(url: str, timeout: float) -> str:
    return f"{url}: timed out after {timeout:g}s"


def _too_large(url: str, max_bytes: int) -> str:
    return f"{url}: larger than {max_bytes:,} bytes; stopped reading"


def _first_line(exc: Exception) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
