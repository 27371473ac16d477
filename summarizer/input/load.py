"""Loading one article: an ``http(s)://`` URL, ``-`` for standard input, a file, or text.

Bytes are decoded by ``input.encoding`` (UTF-8, UTF-16/32, legacy code pages; binary refused).
HTML (a ``.html``/``.htm`` file, or input that opens like an HTML document) is read by
``input.html``; URLs are fetched by ``input.fetch``. Both are imported only when such an input
arrives, so plain text never loads trafilatura or httpx.
"""

from __future__ import annotations

import re
import sys
from dataclasses import replace
from pathlib import Path

from summarizer.errors import InputError
from summarizer.input.article import Article
from summarizer.input.encoding import decode

# The most one article may be: a file, standard input, a page, one record's text or html.
MAX_BYTES = 5_000_000
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
    return from_bytes(data, name=name, html=suffix in HTML_SUFFIXES)


def from_bytes(data: bytes, *, name: str = "the article", html: bool = False) -> Article:
    """An article from bytes in any encoding (see ``input.encoding``): an HTML page when
    ``html`` or when the bytes open like one, else plain text. Raises :class:`InputError`."""
    decoded = decode(data, name)
    if not decoded.text.strip():
        raise InputError(f"{name}: is empty")
    if html or looks_like_html(decoded.text):
        from summarizer.input.html import from_html

        return from_html(decoded.text, name=name, encoding=decoded.encoding)
    return replace(from_text(decoded.text), encoding=decoded.encoding)


def from_value(value: str | bytes, *, name: str = "the article") -> Article:
    """An article from what a library caller hands over: bytes are decoded (an HTML page is
    extracted), a string that is an HTML document is extracted, any other string is the text."""
    if not value.strip():
        raise InputError(f"{name} is empty")
    if isinstance(value, bytes):
        return from_bytes(value, name=name)
    if looks_like_html(value):
        from summarizer.input.html import from_html

        return from_html(value, name=name)
    return from_text(value)


_HTML_SNIFF = 1024
_BOM = "\ufeff"
# An HTML document opens with its doctype or <html> (an XML declaration or a comment may
# come first); a page saved without them still opens with <head> or <body>.
_HTML_START = re.compile(
    r"""(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*
        <(?:!doctype\s+html|html|head|body)\b""",
    re.IGNORECASE | re.DOTALL | re.VERBOSE,
)


def looks_like_html(data: str | bytes) -> bool:
    """Whether the first non-blank characters open an HTML document: ``<!doctype html``,
    ``<html``, ``<head>`` or ``<body>``, perhaps after an XML declaration or comments. A text
    that merely starts with a tag (``<p>…``) stays text."""
    head = data[:_HTML_SNIFF]
    if isinstance(head, bytes):
        # Markup is ASCII; UTF-16 is told apart by decoding first (``from_bytes`` does).
        head = head.removeprefix(b"\xef\xbb\xbf").decode("latin-1")
    head = head.lstrip(_BOM + " \t\r\n\f")
    return head.startswith("<") and bool(_HTML_START.match(head))


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
