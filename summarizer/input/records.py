"""Many articles from one file: JSON Lines (one object a line) or JSON (an array, or one object).

Each object is a record: ``text`` (or ``html``, read with ``input.html.from_html``),
and optionally ``title``, ``published`` (YYYY-MM-DD or an ISO datetime), ``url`` and ``id``.
A bad record becomes a :class:`Record` carrying the reason and its line, and reading goes on;
only a file that cannot be read at all raises :class:`InputError`.

Files are decoded as single articles are (``input.encoding``): a JSON file whole, JSON Lines a
line at a time, so a stray byte in one line costs that line only. JSON Lines are streamed and
one line is never read past ``MAX_LINE_BYTES``; a record's text (or html) may be at most
``load.MAX_BYTES``, as a file of one article may.
"""

from __future__ import annotations

import codecs
import io
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from summarizer.errors import InputError
from summarizer.input.article import Article, parse_published
from summarizer.input.encoding import Decoded, decode
from summarizer.input.load import MAX_BYTES, from_text

RECORD_SUFFIXES = frozenset({".jsonl", ".json"})
_WHITESPACE = re.compile(r"[ \t\n\r]*")
# JSON escapes ("\u00e9" for "é") make a record's line a few times its text: a line longer than
# this holds more than one article's text, and is skipped unread rather than held in memory.
MAX_LINE_BYTES = 4 * MAX_BYTES
# Streams that open with one of these are decoded as a whole, not a line at a time: their
# line feeds are two or four bytes.
_WIDE_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_SKIP_CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class Record:
    """One record of a batch: its article, or the one-line reason it has none."""

    line: int
    id: str | None
    article: Article | None
    error: str | None


class _BadRecord(Exception):
    """Why one record cannot become an article."""


def is_records(source: str | Path) -> bool:
    """Whether ``source`` names a file of many articles: JSON Lines, or a JSON array."""
    return str(source) != "-" and Path(source).suffix.lower() in RECORD_SUFFIXES


def iter_records(path: Path) -> Iterator[Record]:
    """The records of a ``.jsonl`` or ``.json`` file, in order; blank lines are skipped.

    The file is checked before the first record is read: a missing or unreadable file, or a
    ``.json`` file that is not valid JSON, raises :class:`InputError` right away.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in RECORD_SUFFIXES:
        raise InputError(f"{path}: not a .jsonl or .json file of records")
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.is_dir():
        raise InputError(f"{path}: is a directory, not a file of records")
    if suffix == ".json":
        decoded = _read(path)
        items = _json_items(decoded.text, path)
        return (_record(line, value, decoded.encoding) for line, value in items)
    return _jsonl_records(path)


def _read(path: Path) -> Decoded:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror})") from None
    decoded = decode(data, str(path))
    if not decoded.text.strip():
        raise InputError(f"{path}: is empty")
    return decoded


def _jsonl_records(path: Path) -> Iterator[Record]:
    try:
        with path.open("rb") as fh:
            yield from iter_lines(fh)
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror})") from None


def iter_lines(lines: Iterable[bytes]) -> Iterator[Record]:
    """The records of JSON Lines read from a binary stream (a file, standard input), in order;
    blank lines are skipped and a bad line is a :class:`Record` with the reason."""
    for number, line in _decoded_lines(lines):
        if isinstance(line, str):
            yield Record(number, None, None, f"line {number}: {line}")
            continue
        try:
            value = json.loads(line.text)
        except (ValueError, RecursionError) as exc:
            yield Record(number, None, None, f"line {number}: {unreadable_json(exc)}")
            continue
        yield _record(number, value, line.encoding)


def _decoded_lines(lines: Iterable[bytes]) -> Iterator[tuple[int, Decoded | str]]:
    """Each non-blank line's number and text, or the reason it has none."""
    if isinstance(lines, io.BufferedReader):  # a file or standard input: look before reading
        head = lines.peek(4)[:4]
        codec = next((codec for bom, codec in _WIDE_BOMS if head.startswith(bom)), None)
        if codec is not None:
            yield from _wide_lines(lines, codec)
            return
    for number, raw in enumerate(_raw_lines(lines), start=1):
        if raw is None:
            yield number, _too_long()
        elif raw.strip():
            try:
                yield number, decode(raw, f"line {number}")
            except InputError as exc:
                yield number, str(exc).removeprefix(f"line {number}: ")


def _raw_lines(lines: Iterable[bytes]) -> Iterator[bytes | None]:
    """The lines of a stream, each read no further than ``MAX_LINE_BYTES`` (``None`` for a
    longer one, whose rest is skipped)."""
    readline = getattr(lines, "readline", None)
    if not callable(readline):
        for line in lines:
            yield None if len(line) > MAX_LINE_BYTES + 1 else line
        return
    while line := readline(MAX_LINE_BYTES + 1):
        if len(line) > MAX_LINE_BYTES and not line.endswith(b"\n"):
            while (rest := readline(_SKIP_CHUNK)) and not rest.endswith(b"\n"):
                pass
            yield None
        else:
            yield line


def _wide_lines(stream: io.BufferedReader, codec: str) -> Iterator[tuple[int, Decoded | str]]:
    """The lines of a UTF-16 or UTF-32 stream (PowerShell writes UTF-16), decoded as they are
    read; a byte that does not decode becomes U+FFFD rather than ending the file."""
    text = io.TextIOWrapper(stream, encoding=codec, errors="replace")
    try:
        number = 0
        while line := text.readline(MAX_LINE_BYTES + 1):
            number += 1
            if len(line) > MAX_LINE_BYTES and not line.endswith("\n"):
                while (rest := text.readline(_SKIP_CHUNK)) and not rest.endswith("\n"):
                    pass
                yield number, _too_long()
            elif line.strip():
                yield number, Decoded(line, codec)
    finally:
        text.detach()  # the stream is the caller's to close


def _too_long() -> str:
    return (
        f"the line is longer than {MAX_LINE_BYTES:,} bytes; a record holds one article "
        f"(at most {MAX_BYTES:,} bytes of text)"
    )


def unreadable_json(exc: ValueError | RecursionError) -> str:
    """Why ``json.loads`` refused a text, in a few words. Besides bad syntax: nesting deeper
    than the interpreter's recursion limit (a hostile line, e.g. 100,000 "["), and an integer
    longer than Python converts (4,300 digits by default)."""
    if isinstance(exc, json.JSONDecodeError):
        return f"not valid JSON ({exc.msg})"
    if isinstance(exc, RecursionError):
        return "not readable JSON (nested too deeply)"
    return "not readable JSON (a number with too many digits)"


def _json_items(text: str, path: Path) -> list[tuple[int, Any]]:
    """The values of a JSON array (or the one value), each with the line it starts on."""
    decoder = json.JSONDecoder()
    lines = _LineCounter(text)
    try:
        pos = _skip(text, 0)
        if not text.startswith("[", pos):
            value, end = decoder.raw_decode(text, pos)
            _expect_end(text, end)
            return [(lines.at(pos), value)]
        items: list[tuple[int, Any]] = []
        pos = _skip(text, pos + 1)
        if text.startswith("]", pos):
            _expect_end(text, pos + 1)
            return items
        while True:
            value, end = decoder.raw_decode(text, pos)
            items.append((lines.at(pos), value))
            pos = _skip(text, end)
            if text.startswith("]", pos):
                _expect_end(text, pos + 1)
                return items
            if not text.startswith(",", pos):
                raise json.JSONDecodeError("Expecting ',' delimiter", text, pos)
            pos = _skip(text, pos + 1)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"{path}: not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})"
        ) from None
    except (ValueError, RecursionError) as exc:
        raise InputError(f"{path}: {unreadable_json(exc)}") from None


def _skip(text: str, pos: int) -> int:
    found = _WHITESPACE.match(text, pos)
    return found.end() if found else pos


def _expect_end(text: str, pos: int) -> None:
    end = _skip(text, pos)
    if end != len(text):
        raise json.JSONDecodeError("Extra data", text, end)


class _LineCounter:
    """Line numbers of increasing offsets, counting each newline once."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._pos = 0
        self._line = 1

    def at(self, pos: int) -> int:
        self._line += self._text.count("\n", self._pos, pos)
        self._pos = pos
        return self._line


def _record(line: int, value: Any, encoding: str | None = None) -> Record:
    if not isinstance(value, dict):
        return Record(line, None, None, f"line {line}: not a JSON object")
    value = {key: _whole(item) for key, item in value.items()}
    raw_id = value.get("id")
    ident = None if raw_id is None else _whole(str(raw_id))
    try:
        return Record(line, ident, _article(value, encoding), None)
    except _BadRecord as exc:
        return Record(line, ident, None, f"line {line}: {exc}")


# JSON may spell half a surrogate pair ("\ud800"), which json.loads accepts; no UTF-8 holds one,
# so such text could be read but never written out. Each becomes U+FFFD, as a decoder set to
# replace would make of a broken byte: one code point for one, so offsets into the text hold.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _whole(value: Any) -> Any:
    """A string field with each lone surrogate replaced by U+FFFD; anything else as it is."""
    if isinstance(value, str) and _LONE_SURROGATE.search(value):
        return _LONE_SURROGATE.sub("\ufffd", value)
    return value


def _article(fields: dict[str, Any], encoding: str | None) -> Article:
    """The record's article; ``encoding`` is the one its file was read in."""
    title = _optional_text(fields, "title")
    url = _optional_text(fields, "url")
    published = _date(fields.get("published"))
    text, html = fields.get("text"), fields.get("html")
    if text is not None and not isinstance(text, str):
        raise _BadRecord('"text" is not a string')
    for field, value in (("text", text), ("html", html)):
        if isinstance(value, str) and _too_large(value):
            raise _BadRecord(
                f'the "{field}" field is larger than {MAX_BYTES:,} bytes; is this one article?'
            )
    if text is not None and text.strip():
        article = replace(from_text(text), encoding=encoding)
    elif isinstance(html, str) and html.strip():
        from summarizer.input.html import from_html

        try:
            article = from_html(html, url=url, name='the "html" field', encoding=encoding)
        except InputError as exc:
            raise _BadRecord(str(exc)) from None
    elif html is not None and not isinstance(html, str):
        raise _BadRecord('"html" is not a string')
    elif text is not None or html is not None:
        raise _BadRecord("the article text is empty")
    else:
        raise _BadRecord('no "text" (or "html") field')
    return article.with_metadata(title=title, url=url, published=published)


def _too_large(value: str) -> bool:
    """Whether ``value`` is more than ``MAX_BYTES`` in UTF-8 (measured only when it may be)."""
    if len(value) * 4 <= MAX_BYTES:
        return False
    return len(value) > MAX_BYTES or len(value.encode("utf-8", "surrogatepass")) > MAX_BYTES


def _optional_text(fields: dict[str, Any], name: str) -> str | None:
    value = fields.get(name)
    if value is None or isinstance(value, str):
        return value or None
    raise _BadRecord(f'"{name}" is not a string')


def _date(value: Any) -> date | None:
    try:
        return parse_published(value)
    except ValueError:
        raise _BadRecord(
            f'bad "published" date {value!r}: use YYYY-MM-DD or an ISO datetime'
        ) from None
