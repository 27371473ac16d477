"""The input model and loading it from a file, standard input or a string."""

from __future__ import annotations

import sys
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from summarizer.errors import InputError

MAX_BYTES = 5_000_000
_SNIFF = 8192


@dataclass(frozen=True, slots=True)
class Article:
    """One news article: its text and what is known about it."""

    text: str
    title: str | None = None
    url: str | None = None
    published: date | None = None

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
    """Read an article from a path, or from standard input when ``source`` is ``"-"``."""
    if str(source) == "-":
        data = sys.stdin.buffer.read(MAX_BYTES + 1)
        name = "standard input"
    else:
        path = Path(source)
        name = str(path)
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
