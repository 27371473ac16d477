"""What a batch reads: every input named on the command line, as items with stable ids.

An input is a file, a folder (read recursively for the suffixes in ``SUFFIXES``), a glob the
shell did not expand, or ``-`` for JSON Lines on standard input. A ``.jsonl``/``.json`` file
gives one item per record; any other file is one article. Each item carries its id: the
record's ``id``, else the path for a file of one article, else ``path:line`` for a record. The
id is what the results file, resuming and sharding go by, so it must not depend on the order
of work: it depends only on the inputs.

A bad file or record is an item with the reason instead of an article (the batch goes on and
reports it); only an input that is not there at all raises ``InputError``, before any work.
"""

from __future__ import annotations

import glob
import hashlib
import os
import sys
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from summarizer.errors import InputError
from summarizer.input.article import Article
from summarizer.input.load import HTML_SUFFIXES, from_value, load
from summarizer.input.records import RECORD_SUFFIXES, iter_lines, iter_records

# What a folder is searched for; a file named on its own is read whatever its suffix.
SUFFIXES = frozenset({".txt", ".md"} | HTML_SUFFIXES | RECORD_SUFFIXES)
STDIN = "-"
_GLOB_CHARACTERS = frozenset("*?[")


@dataclass(frozen=True, slots=True)
class BatchItem:
    """One article of a batch, or the one-line reason there is none.

    ``id`` names it in the results; ``source`` says where it was read (``path`` or
    ``path:line``), for messages.
    """

    id: str
    article: Article | None
    error: str | None
    source: str


def expand(
    inputs: Sequence[str],
    *,
    published: date | None = None,
    title: str | None = None,
    exclude: Collection[Path] = (),
) -> Iterator[BatchItem]:
    """The items of ``inputs``, in order: files, folders, globs, ``-`` (JSONL on stdin).

    ``published`` and ``title`` are defaults: they fill only what an article or record does
    not say. A file reached twice (named, and inside a folder named too) is read once; a
    second item with an id already used is an error item naming the first. Files in
    ``exclude`` (the results file) are never read. Raises ``InputError`` at once (before any
    file is read) for an input that does not exist or a glob that matches nothing.
    """
    skipped = {_key(path) for path in exclude}
    sources = [_files(name, skipped) for name in inputs]  # every input checked now, not later
    seen: set[str] = set()

    def articles() -> Iterator[BatchItem]:
        for name, files in zip(inputs, sources, strict=True):
            if name == STDIN:
                yield from _stdin_items()
                continue
            for path in files:
                key = _key(path)
                if key in seen:
                    continue
                seen.add(key)
                yield from _file_items(path)

    def filled() -> Iterator[BatchItem]:
        for item in unique(articles()):
            if item.article is None:
                yield item
            else:
                article = item.article.with_defaults(published=published, title=title)
                yield BatchItem(item.id, article, None, item.source)

    return filled()


# What the library's summarize_many takes: articles (or items), or a mapping of id → article.
Articles = Iterable[str | bytes | Article | BatchItem] | Mapping[str, str | bytes | Article]


def as_items(articles: Articles) -> Iterator[BatchItem]:
    """Library input as items: a mapping gives its keys as ids; otherwise an article's id is
    its position (``"0"``, ``"1"``…), and a ``BatchItem`` keeps its own. Texts, HTML pages and
    bytes are read as ``summarize`` reads them; one that cannot be (blank, binary) is an error
    item, as a bad record is."""
    if isinstance(articles, Mapping):
        pairs: Iterable[tuple[str, str | bytes | Article | BatchItem]] = (
            (str(key), value) for key, value in articles.items()
        )
    else:
        pairs = ((str(number), value) for number, value in enumerate(articles))

    def items() -> Iterator[BatchItem]:
        for ident, value in pairs:
            if isinstance(value, BatchItem):
                yield value
            elif isinstance(value, Article):
                yield BatchItem(ident, value, None, ident)
            else:
                try:
                    yield BatchItem(ident, from_value(value), None, ident)
                except InputError as exc:
                    yield BatchItem(ident, None, str(exc), ident)

    return unique(items())


def unique(items: Iterable[BatchItem]) -> Iterator[BatchItem]:
    """``items`` with each id used once: a later item with an id already seen becomes an error
    item naming where the id was first used."""
    first: dict[str, str] = {}
    for item in items:
        if item.id in first:
            yield BatchItem(
                item.id,
                None,
                f"duplicate id {item.id!r} at {item.source}: first used at {first[item.id]}",
                item.source,
            )
            continue
        first[item.id] = item.source
        yield item


def in_shard(item_id: str, k: int, n: int) -> bool:
    """Whether ``item_id`` falls in shard ``k`` of ``n`` (``1 <= k <= n``): a hash of the id
    alone, so N machines given the same inputs split them with no coordination."""
    if not 1 <= k <= n:
        raise ValueError(f"shard {k}/{n}: K must be between 1 and N")
    digest = hashlib.sha256(item_id.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % n == k - 1


def parse_shard(value: str) -> tuple[int, int]:
    """``"K/N"`` → ``(K, N)``; ``ValueError`` with the reason for anything else."""
    k_text, slash, n_text = value.partition("/")
    try:
        k, n = int(k_text), int(n_text)
    except ValueError:
        k = n = 0
    if not slash or n < 1 or not 1 <= k <= n:
        raise ValueError(f"{value!r} is not K/N with 1 <= K <= N (e.g. 1/4)")
    return k, n


def _files(name: str, skipped: set[str]) -> list[Path]:
    """The files an input names, in a stable order (standard input: none)."""
    if name == STDIN:
        return []
    path = Path(name)
    if path.is_dir():
        return [p for p in _walk(path) if _key(p) not in skipped]
    if path.exists():
        return [] if _key(path) in skipped else [path]
    if _GLOB_CHARACTERS & set(name):
        found: list[Path] = []
        for match in sorted(glob.glob(name, recursive=True)):
            p = Path(match)
            found.extend(_walk(p) if p.is_dir() else [p])  # as the shell would: any suffix
        if not found:
            raise InputError(f"{name}: matches no file")
        return [p for p in found if _key(p) not in skipped]
    raise InputError(f"{name}: no such file or directory")


def _walk(folder: Path) -> Iterator[Path]:
    """The article files under ``folder``, sorted, hidden files and folders left out."""
    for root, folders, names in os.walk(folder):
        folders[:] = sorted(f for f in folders if not f.startswith("."))
        for name in sorted(names):
            if not name.startswith(".") and Path(name).suffix.lower() in SUFFIXES:
                yield Path(root) / name


def _key(path: Path) -> str:
    """One name per file, however it was reached."""
    return os.path.normcase(os.path.realpath(path))


def _file_items(path: Path) -> Iterator[BatchItem]:
    name = str(path)
    if path.suffix.lower() not in RECORD_SUFFIXES:
        try:
            yield BatchItem(name, load(path), None, name)
        except InputError as exc:
            yield BatchItem(name, None, str(exc), name)
        return
    try:
        for record in iter_records(path):
            where = f"{name}:{record.line}"
            ident = record.id if record.id is not None else where
            error = None if record.error is None else f"{name}: {record.error}"
            yield BatchItem(ident, record.article, error, where)
    except InputError as exc:  # the file as a whole: unreadable, or a .json that is not JSON
        yield BatchItem(name, None, str(exc), name)


def _stdin_items() -> Iterator[BatchItem]:
    for record in iter_lines(sys.stdin.buffer):
        where = f"stdin:{record.line}"
        ident = record.id if record.id is not None else where
        error = None if record.error is None else f"standard input: {record.error}"
        yield BatchItem(ident, record.article, error, where)
