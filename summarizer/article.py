"""The input model and loading it: a text or HTML file, standard input, a URL or a string."""

from __future__ import annotations

import sys
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from summarizer.errors import InputError

MAX_BYTES = 5_000_000
_SNIFF = 8192
HTML_SUFFIXES = frozenset({".html", ".htm"})


@dataclass(frozen=True, slots=True)
class Article:
    """One news article: its text and what is known about it."""

    text: str
    title: str | None = None
    url: str | None = None
    published: date | None = None
    site: str | None = None  # the outlet or site name, when the page says

    def with_metadata(
        self, *, title: str | None = None, url: str | None = None, published: date | None = None
    ) -> Article:
        """A copy with the given fields overridden (``None`` keeps what is there)."""
        return replace(
            self,
            title=title if title is not None else self.title,
            url=url if url is not None else self.url,
            published=published if published is not None else self.published,
        )


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


def load(source: str | Path) -> Article:
    """Read an article: an ``http(s)://`` URL is fetched, ``"-"`` is standard input, anything
    else a file. HTML (a ``.html``/``.htm`` file, or input that opens like an HTML document)
    goes through :func:`summarizer.html.from_html`; anything else is plain text."""
    # Imported here: both modules build on Article, defined in this one.
    from summarizer.fetch import fetch_article, is_url
    from summarizer.html import from_html, looks_like_html

    if isinstance(source, str) and is_url(source):
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
        return from_html(data, name=name)
    return from_text(decode(data, name))


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
