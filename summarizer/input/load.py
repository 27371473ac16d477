"""Loading one article: an ``http(s)://`` URL, ``-`` for standard input, a file, or text.

HTML (a ``.html``/``.htm`` file, or input that opens like an HTML document) is read by
``input.html``; URLs are fetched by ``input.fetch``. Both are imported only when such an input
arrives, so plain text never loads trafilatura or httpx.
"""

from __future__ import annotations

import sys
from pathlib import Path

from summarizer.errors import InputError
from summarizer.input.article import Article

MAX_BYTES = 5_000_000
_SNIFF = 8192
HTML_SUFFIXES = frozenset({".html", ".htm"})
_URL_SCHEMES = ("http://", "https://")


def is_url(source: str) -> bool:
    """Whether ``source`` is an ``http://`` or ``https://`` URL rather than a path."""
    return source.lower().startswith(_URL_SCHEMES)


def load(source: str | Path) -> Article:
    """Read an article: an ``http(s)://`` URL is fetched, ``"-"`` is standard input, anything
    else a file. HTML goes through :func:`summarizer.input.html.from_html`; anything else is
    plain text. Raises :class:`InputError` with one line naming the input."""
    if isinstance(source, str) and is_url(source):
        from summarizer.input.fetch import fetch_article

        return fetch_article(source)
    if str(source) == "-":
        data = sys.stdin.buffer.read(MAX_BYTES + 1)
        name = "standard input"
        suffix = ""
    else:
        path = Path(source)
        name = str(path)
        suffix = path.suffix.lower()
        if not path.exists():
            raise InputError(f"{name}: no such file")
        if path.is_dir():
            raise InputError(f"{name}: is a directory, not an article")
        try:
            with path.open("rb") as fh:
                data = fh.read(MAX_BYTES + 1)
        except OSError as exc:
            raise InputError(f"{name}: cannot be read ({exc.strerror})") from None
    if len(data) > MAX_BYTES:
        raise InputError(f"{name}: larger than {MAX_BYTES:,} bytes; is this one article?")
    if suffix in HTML_SUFFIXES or looks_like_html(data):
        if not data.strip():
            raise InputError(f"{name}: is empty")
        if b"\x00" in data[:_SNIFF]:
            raise InputError(f"{name}: looks like a binary file, not an HTML page")
        from summarizer.input.html import from_html

        return from_html(data, name=name)
    return from_text(decode(data, name))


def decode(data: bytes, name: str) -> str:
    """Bytes → text, refusing binary and non-UTF-8 input with a clear message."""
    if b"\x00" in data[:_SNIFF]:
        raise InputError(f"{name}: looks like a binary file, not article text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{name}: not UTF-8 text (byte {exc.start} is invalid); convert it to UTF-8 first"
        ) from None
    if not text.strip():
        raise InputError(f"{name}: is empty")
    return text


_HTML_SNIFF = 1024
_HTML_START = (b"<!doctype html", b"<html")


def looks_like_html(data: bytes) -> bool:
    """Whether the first non-blank bytes open an HTML document (``<!doctype html``, ``<html``)."""
    head = data[:_HTML_SNIFF].lstrip(b"\xef\xbb\xbf \t\r\n\f").lower()
    return head.startswith(_HTML_START)


def from_text(text: str) -> Article:
    """An article from its text, its headline taken from a standalone first line."""
    return Article(text=text, title=_headline(text))


def _headline(text: str) -> str | None:
    """The first line when it stands alone like a headline (short, followed by a blank line)."""
    lines = text.strip().splitlines()
    if len(lines) < 3 or lines[1].strip():
        return None
    first = lines[0].strip()
    if 0 < len(first) <= 200 and not first.endswith((".", ":", ";")):
        return first
    return None
