"""An HTML page → an :class:`Article`: its main text and metadata, found by trafilatura.

Trafilatura finds the article body and most metadata. On top of it, three corrections that
hold for news pages in general: a page flattened into one run-on block is extracted again with
trafilatura's precision settings; the visible headline (``<h1>``) wins over a social-media
title when the document title agrees with it; and a date that is the page's declared
modification date gives way to its declared publication date.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

import trafilatura
from trafilatura.settings import Document

from summarizer.errors import InputError
from summarizer.input.article import Article

# A "paragraph" this long holding most of the text means the page was flattened into one block
# (menus, share bars and teasers run into the story): the precision settings do better there.
_FLATTENED_CHARS = 800
# Trafilatura falls back to any text at all ("Home", "Sorry"): an article has a sentence.
_MIN_SENTENCE_WORDS = 5

_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_PUBLISHED = (
    "//meta[@property='article:published_time' or @property='og:article:published_time'"
    " or @name='article:published_time' or @property='article:published'"
    " or @itemprop='datePublished']/@content | //*[@itemprop='datePublished']/@datetime"
)
_MODIFIED = (
    "//meta[@property='article:modified_time' or @property='og:article:modified_time'"
    " or @property='og:updated_time' or @itemprop='dateModified']/@content"
    " | //*[@itemprop='dateModified']/@datetime"
)
_LD_JSON = "//script[@type='application/ld+json']/text()"
_LD_PUBLISHED = re.compile(r'"datePublished"\s*:\s*"(\d{4}-\d{2}-\d{2})')
_LD_MODIFIED = re.compile(r'"dateModified"\s*:\s*"(\d{4}-\d{2}-\d{2})')
_TITLE_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ", " · ")
_NOT_WORD = re.compile(r"\W+")


@dataclass(frozen=True, slots=True)
class _Page:
    """What the page itself declares, next to what trafilatura concluded."""

    title: str | None
    headlines: list[str]
    published: set[date]
    modified: set[date]


def from_html(html: str | bytes, url: str | None = None, *, name: str | None = None) -> Article:
    """The article in an HTML page: main text (paragraphs apart by blank lines) and metadata.

    ``html`` may be bytes, whose encoding is then detected. ``url`` is where the page came
    from; without it the page's canonical URL is used. ``name`` names the input in errors.
    Raises :class:`InputError` when the page holds no article text.
    """
    where = name or url or "the HTML input"
    tree = trafilatura.load_html(html)
    if tree is None:
        raise InputError(f"{where}: no article text found in the HTML page")
    document = _extract(tree, url, precision=False)
    if document is not None and _flattened(document.text or ""):
        document = _extract(tree, url, precision=True) or document
    text = _paragraphs(document.text or "") if document is not None else ""
    if document is None or not _has_sentence(text):
        raise InputError(f"{where}: no article text found in the HTML page")
    page = _declared(tree)
    return Article(
        text=text,
        title=_title(document.title, page, document.sitename),
        url=url or document.url,
        published=_published(document.date, page),
        site=document.sitename or None,
    )


def _extract(tree: Any, url: str | None, *, precision: bool) -> Document | None:
    result = trafilatura.bare_extraction(
        tree,
        url=url,
        with_metadata=True,
        # Readers' comments are not the article: leaving them out is the biggest single gain.
        include_comments=False,
        favor_precision=precision,
    )
    return result if isinstance(result, Document) else None


def _flattened(text: str) -> bool:
    longest = max((len(line) for line in text.split("\n")), default=0)
    return longest >= _FLATTENED_CHARS and longest * 2 > len(text)


def _has_sentence(text: str) -> bool:
    return any(len(line.split()) >= _MIN_SENTENCE_WORDS for line in text.split("\n"))


def _paragraphs(text: str) -> str:
    """One paragraph per line → paragraphs apart by blank lines; list items and table rows
    stay together, one per line."""
    parts: list[str] = []
    previous = ""
    for line in (raw.strip() for raw in text.split("\n")):
        if not line:
            continue
        if parts:
            parts.append("\n" if _same_block(previous, line) else "\n\n")
        parts.append(line)
        previous = line
    return "".join(parts)


def _same_block(previous: str, line: str) -> bool:
    return (previous.startswith("|") and line.startswith("|")) or (
        previous.startswith("- ") and line.startswith("- ")
    )


def _declared(tree: Any) -> _Page:
    titles = [_squeeze(str(t)) for t in tree.xpath("//head/title/text()")]
    headlines = [_squeeze(str(h.text_content())) for h in tree.xpath("//h1")]
    scripts = [str(script) for script in tree.xpath(_LD_JSON)]
    return _Page(
        title=next((t for t in titles if t), None),
        headlines=[h for h in headlines if h],
        published=_days(str(v) for v in tree.xpath(_PUBLISHED))
        | _days(v for s in scripts for v in _LD_PUBLISHED.findall(s)),
        modified=_days(str(v) for v in tree.xpath(_MODIFIED))
        | _days(v for s in scripts for v in _LD_MODIFIED.findall(s)),
    )


def _title(extracted: str | None, page: _Page, site: str | None) -> str | None:
    """The visible headline when the document title agrees; else trafilatura's, site cut off."""
    if page.title:
        document_title = _key(page.title)
        for headline in page.headlines:
            if len(headline.split()) >= 3 and _key(headline) in document_title:
                return headline
    title = extracted if extracted and len(extracted.split()) > 1 else page.title
    return _without_site(title, site) if title else None


def _without_site(title: str, site: str | None) -> str:
    """'Headline - Site name' → 'Headline'."""
    if site:
        for separator in _TITLE_SEPARATORS:
            suffix = separator + site
            if title.lower().endswith(suffix.lower()) and len(title) > len(suffix):
                return title[: -len(suffix)].strip()
    return title


def _published(extracted: str | None, page: _Page) -> date | None:
    """Trafilatura's date, unless it is the declared modification date and the page declares
    a different publication date: then the (earliest) publication date."""
    found = _day(extracted or "")
    if found is not None and found in page.modified and page.published - {found}:
        return min(page.published)
    return found


def _days(values: Iterable[str]) -> set[date]:
    return {day for day in map(_day, values) if day is not None}


def _day(value: str) -> date | None:
    """The calendar day an ISO date or datetime starts with, as written (no time-zone shift)."""
    match = _ISO_DAY.match(value.strip())
    if not match:
        return None
    try:
        return date.fromisoformat(match.group())
    except ValueError:
        return None


def _squeeze(text: str) -> str:
    return " ".join(text.split())


def _key(text: str) -> str:
    """Case, punctuation and spacing folded away, for comparing titles."""
    return " ".join(_NOT_WORD.sub(" ", text.casefold()).split())
