"""How well HTML input is cleaned, on a trafilatura-format folder (``evaldata.json`` + ``html/``).

Each page is loaded as the command line loads it (:func:`summarizer.input.load.load`, so
:func:`summarizer.input.html.from_html`) and cleaned as the pipeline cleans it
(:func:`summarizer.input.clean.clean`). Then: which ``with`` snippets (main text) survive, which
``without`` snippets (boilerplate) are gone, and whether the title and date are right.
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from typing import Any

from summarizer.errors import InputError
from summarizer.input.clean import clean
from summarizer.input.load import load

EVALDATA = "evaldata.json"
# Titles "close" enough when one contains the other: the shorter has this share of the length.
_TITLE_CLOSENESS = 0.8
_NOT_WORD = re.compile(r"[\W_]+")


@dataclass(frozen=True, slots=True)
class PageScore:
    """One page: snippets kept and lost, title and date found against the expected ones."""

    file: str
    key: str  # the page's key in evaldata.json (usually its URL)
    error: str | None  # why the page could not be loaded
    with_total: int
    with_found: int
    without_total: int
    without_removed: int
    lost: list[str]  # ``with`` snippets missing from the cleaned text
    left: list[str]  # ``without`` snippets still in it
    title_expected: str | None
    title_found: str | None
    title_match: bool | None  # None: no expected title to compare with
    date_expected: date | None
    date_found: date | None
    date_match: bool | None  # None: no expected date

    def to_dict(self) -> dict[str, Any]:
        row = asdict(self)
        for name in ("date_expected", "date_found"):
            row[name] = row[name].isoformat() if row[name] else None
        return row


@dataclass(frozen=True, slots=True)
class CleaningReport:
    """Every page's score, and the totals over them."""

    folder: str
    cleaned: bool  # False: from_html's text alone, before clean()
    pages: list[PageScore]

    @property
    def with_survival(self) -> float:
        """Share of ``with`` snippets found in the cleaned text."""
        return _share(sum(p.with_found for p in self.pages), sum(p.with_total for p in self.pages))

    @property
    def without_removed(self) -> float:
        """Share of ``without`` snippets absent from the cleaned text (of loaded pages)."""
        return _share(
            sum(p.without_removed for p in self.pages), sum(p.without_total for p in self.pages)
        )

    def totals(self) -> dict[str, Any]:
        """The summary numbers, all scalars."""
        return {
            "pages": len(self.pages),
            "loaded": sum(p.error is None for p in self.pages),
            "with_survival": round(self.with_survival, 4),
            "without_removed": round(self.without_removed, 4),
            "with_found": sum(p.with_found for p in self.pages),
            "with_total": sum(p.with_total for p in self.pages),
            "without_gone": sum(p.without_removed for p in self.pages),
            "without_total": sum(p.without_total for p in self.pages),
            "titles_matched": sum(p.title_match is True for p in self.pages),
            "titles_scored": sum(p.title_match is not None for p in self.pages),
            "dates_matched": sum(p.date_match is True for p in self.pages),
            "dates_scored": sum(p.date_match is not None for p in self.pages),
        }

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: folder, whether clean() ran, totals and one row per page."""
        return {
            "folder": self.folder,
            "cleaned": self.cleaned,
            "totals": self.totals(),
            "pages": [page.to_dict() for page in self.pages],
        }


def evaluate_cleaning(
    folder: Path, *, cleaned: bool = True, limit: int | None = None
) -> CleaningReport:
    """Score every page listed in ``folder/evaldata.json`` (pages under ``folder/html/``), or
    the first ``limit`` of them.

    ``cleaned=False`` scores the extracted text before :func:`clean`, to see what cleaning adds.
    """
    folder = Path(folder)
    try:
        entries = json.loads((folder / EVALDATA).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(f"{folder}: no readable {EVALDATA} ({exc})") from None
    if not isinstance(entries, dict):
        raise InputError(f"{folder / EVALDATA}: not an object of pages")
    listed = [(k, e) for k, e in entries.items() if isinstance(e, dict) and e.get("file")]
    pages = [_score(folder, key, entry, cleaned=cleaned) for key, entry in listed[:limit]]
    return CleaningReport(folder=str(folder), cleaned=cleaned, pages=pages)


def _score(folder: Path, key: str, entry: dict[str, Any], *, cleaned: bool) -> PageScore:
    wanted = [str(s) for s in entry.get("with") or []]
    unwanted = [str(s) for s in entry.get("without") or []]
    title_expected = html.unescape(str(entry["title"])) if entry.get("title") else None
    date_expected = _date(entry.get("date"))
    error = None
    title = found_date = None
    text = ""
    try:
        article = load(folder / "html" / str(entry["file"]))
    except InputError as exc:
        error = str(exc)
    else:
        text = clean(article.text).text if cleaned else article.text
        title, found_date = article.title, article.published
    haystack = _squeeze(text)
    lost = [s for s in wanted if _squeeze(s) not in haystack]
    left = [s for s in unwanted if _squeeze(s) in haystack]
    return PageScore(
        file=str(entry["file"]),
        key=key,
        error=error,
        with_total=len(wanted),
        with_found=len(wanted) - len(lost),
        without_total=len(unwanted),
        # A page that failed to load removed nothing: it kept nothing either.
        without_removed=0 if error else len(unwanted) - len(left),
        lost=lost,
        left=left,
        title_expected=title_expected,
        title_found=title,
        title_match=None if title_expected is None else titles_match(title_expected, title),
        date_expected=date_expected,
        date_found=found_date,
        date_match=None if date_expected is None else date_expected == found_date,
    )


def titles_match(expected: str, found: str | None) -> bool:
    """Equal once case, spacing and punctuation are folded, or one holds the other and they
    are close in length."""
    if not found:
        return False
    a, b = _title_key(expected), _title_key(found)
    if not a or not b:
        return False
    short, long = sorted((a, b), key=len)
    return short in long and len(short) >= _TITLE_CLOSENESS * len(long)


def _title_key(title: str) -> str:
    text = unicodedata.normalize("NFKC", html.unescape(title)).casefold()
    return " ".join(_NOT_WORD.sub(" ", text).split())


def _squeeze(text: str) -> str:
    """Whitespace-normalised (and NFC, as the cleaned text is) for substring tests."""
    return " ".join(unicodedata.normalize("NFC", html.unescape(text)).split())


def _date(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 1.0
