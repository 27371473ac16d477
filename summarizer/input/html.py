"""An HTML page → an :class:`Article`: its main text and metadata, found by trafilatura.

Before extraction, what the page hides from its readers is dropped: elements with the
``hidden`` attribute, ``<template>`` and ``<noscript>``, ``aria-hidden="true"``, and inline
``display: none`` or ``visibility: hidden``. Not a hidden element that holds most of the page's
text, though: that is a page saved with a modal open, or hidden until its scripts ran.

Trafilatura finds the article body and most metadata. On top of it, corrections that hold for
news pages in general: a page flattened into one run-on block is extracted again with
trafilatura's precision settings; when trafilatura finds too little (under ``MIN_TEXT_CHARS``,
or under half of what the page's schema.org JSON-LD ``articleBody`` holds) that body is taken;
when it finds nothing but furniture (a photo caption), trafilatura's baseline extractor
(``fallback``) is the last resort before giving up; the visible headline
(``<h1>``) wins over a social-media title when the document title agrees with it; and a date
that is the page's declared modification date gives way to its declared publication date.
"""

from __future__ import annotations

import contextlib
import html as entities
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

import lxml.etree
import lxml.html
import trafilatura
from trafilatura.settings import Document

from summarizer.errors import InputError
from summarizer.input.article import Article
from summarizer.input.clean import clean, strip_controls
from summarizer.input.encoding import decode

# A "paragraph" this long holding most of the text means the page was flattened into one block
# (menus, share bars and teasers run into the story): the precision settings do better there.
_FLATTENED_CHARS = 800
# Trafilatura falls back to any text at all ("Home", "Sorry"): an article has a sentence.
_MIN_SENTENCE_WORDS = 5
# Less main text than this and trafilatura has probably found a caption or a teaser: the page's
# JSON-LD body, or another extractor, may hold the article.
MIN_TEXT_CHARS = 200

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

# What a reader of the page never sees. ``hidden="until-found"`` is text the browser reveals
# when searched for (collapsed sections): it is the article's.
_HIDDEN = lxml.etree.XPath(
    "//body//*[(@hidden and translate(@hidden, 'UNTILFOD', 'untilfod') != 'until-found')"
    " or self::template or self::noscript"
    " or translate(@aria-hidden, 'TRUE', 'true') = 'true'"
    " or re:test(@style, '(^|;)\\s*(display\\s*:\\s*none|visibility\\s*:\\s*hidden)"
    "\\s*(!\\s*important\\s*)?(;|$)', 'i')]",
    namespaces={"re": "http://exslt.org/regular-expressions"},
)
_VISIBLE_TEXT = lxml.etree.XPath(
    ".//text()[not(ancestor::script or ancestor::style or ancestor::template)]"
)
# A hidden element holding more than this share of the page's text is the page itself.
_MAX_HIDDEN_SHARE = 0.5

# schema.org types whose articleBody is the article (NewsArticle and its kinds, Article,
# blog posts, reports), written bare, prefixed ("schema:") or as a URL.
_ARTICLE_TYPE = re.compile(
    r"^(?:https?://schema\.org/|schema:)?(?:\w*Article|BlogPosting|LiveBlogPosting|Report)$"
)
# How deep into JSON-LD the article is looked for (@graph, lists, mainEntity…).
_MAX_LD_DEPTH = 8
_MARKUP = re.compile(r"</?(?:p|br|div|h[1-6]|li|ul|ol|blockquote|span|a|em|strong|b|i)\b", re.I)
_BLOCK_END = re.compile(r"(<br\s*/?>|</(?:p|div|h[1-6]|li|blockquote)\s*>)", re.I)
# lxml refuses a string that declares its own encoding; the string is decoded already.
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_DOCUMENT = re.compile(r"<(?:html|body)\b", re.I)


@dataclass(frozen=True, slots=True)
class _Page:
    """What the page itself declares, next to what trafilatura concluded."""

    title: str | None
    headlines: list[str]
    published: set[date]
    modified: set[date]


def from_html(
    html: str | bytes,
    url: str | None = None,
    *,
    name: str | None = None,
    encoding: str | None = None,
    charset: str | None = None,
) -> Article:
    """The article in an HTML page: main text (paragraphs apart by blank lines) and metadata.

    ``html`` may be bytes, decoded by ``input.encoding`` with ``charset`` (what the HTTP
    response declared) and the page's own ``<meta charset>``; a string was decoded already, in
    ``encoding`` if the caller knows it. ``url`` is where the page came from; without it the
    page's canonical URL is used. ``name`` names the input in errors. Raises
    :class:`InputError` when the page holds no article text.
    """
    where = name or url or "the HTML input"
    if isinstance(html, bytes):
        decoded = decode(html, where, declared=charset)
        html, encoding = decoded.text, decoded.encoding
    html = _XML_DECLARATION.sub("", strip_controls(html), count=1)
    if not _DOCUMENT.search(html[:4096]):
        # A fragment ("<p>…</p><p>…</p>"): trafilatura reads whole documents.
        html = f"<html><body>{html}</body></html>"
    tree = trafilatura.load_html(html)
    if tree is None:
        raise InputError(f"{where}: no article text found in the HTML page")
    bodies = list(_ld_bodies(str(script) for script in tree.xpath(_LD_JSON)))
    _drop_hidden(tree)
    document = _extract(tree, url, precision=False)
    if document is not None and _flattened(document.text or ""):
        document = _extract(tree, url, precision=True) or document
    found = _paragraphs(document.text or "") if document is not None else ""
    text, extractor = _choose(found, bodies, tree)
    if extractor is None:
        raise InputError(f"{where}: no article text found in the HTML page")
    page = _declared(tree)
    site = document.sitename if document is not None else None
    return Article(
        text=text,
        title=_title(document.title if document else None, page, site),
        url=url or (document.url if document else None),
        published=_published(document.date if document else None, page),
        site=site or None,
        encoding=encoding,
        extractor=extractor,
    )


def _choose(found: str, bodies: list[str], tree: Any) -> tuple[str, str | None]:
    """The main text and what found it.

    Trafilatura's, unless the page's JSON-LD body (the publisher's own copy of the article,
    in its paragraphs) is better: trafilatura found nothing usable, or too little where the
    body holds more, or only the body's own text run into one paragraph. Trafilatura's
    baseline extractor only when there is nothing else: it reads the whole page, menus and
    teasers included, so a short real text (a paywalled page's one paragraph) beats it.
    """
    body = max((b for b in bodies if _usable(b)), key=len, default="")
    too_little = len(found) < MIN_TEXT_CHARS or len(found) * 2 < len(body)
    if body and (
        not _usable(found)
        or _squeeze(found) in _squeeze(body)
        or (too_little and len(body) > len(found))
    ):
        return body, "json-ld"
    if _usable(found):
        return found, "trafilatura"
    fallback = _paragraphs(trafilatura.baseline(tree)[1])
    if _usable(fallback):
        return fallback, "fallback"
    return "", None


def _usable(text: str) -> bool:
    """Whether ``text`` holds a sentence that is not page furniture (a lone photo caption is
    all furniture: the cleaner would leave nothing of it)."""
    return _has_sentence(text) and _has_sentence(clean(text).text)


def _drop_hidden(tree: Any) -> None:
    """Remove what the page hides from its readers (see the module docstring); the text that
    follows a hidden element (its tail) stays."""
    total = _text_length(tree)
    for element in _HIDDEN(tree):
        if element.getparent() is None:  # inside one dropped already
            continue
        if total and _text_length(element) > total * _MAX_HIDDEN_SHARE:
            continue
        element.drop_tree()


def _text_length(element: Any) -> int:
    return sum(len(text.strip()) for text in _VISIBLE_TEXT(element))


def _ld_bodies(scripts: Iterable[str]) -> Iterator[str]:
    """The articleBody of every article-typed object in the page's JSON-LD, as text."""
    for script in scripts:
        value = _ld_value(script)
        if value is not None:
            for body in _walk_ld(value, 0):
                text = _ld_text(body)
                if text:
                    yield text


def _ld_value(script: str) -> Any:
    """One JSON-LD script's value, tolerating what pages wrap it in; ``None`` if not JSON."""
    text = script.strip().removeprefix("<!--").removesuffix("-->").strip()
    text = text.removeprefix("<![CDATA[").removesuffix("]]>").strip().rstrip(";")
    try:
        # strict=False: pages leave raw newlines and tabs inside JSON strings.
        return json.loads(text, strict=False)
    except (ValueError, RecursionError):
        return None


def _walk_ld(value: Any, depth: int) -> Iterator[str]:
    if depth > _MAX_LD_DEPTH:
        return
    if isinstance(value, list):
        for item in value:
            yield from _walk_ld(item, depth + 1)
    elif isinstance(value, dict):
        kinds = value.get("@type")
        kinds = kinds if isinstance(kinds, list) else [kinds]
        body = value.get("articleBody")
        if isinstance(body, str) and any(
            isinstance(kind, str) and _ARTICLE_TYPE.match(kind) for kind in kinds
        ):
            yield body
        for item in value.values():
            if isinstance(item, dict | list):
                yield from _walk_ld(item, depth + 1)


def _ld_text(body: str) -> str:
    """A JSON-LD body as paragraphs: entities decoded (some pages escape the markup itself),
    markup reduced to its text with a paragraph break at each block's end."""
    body = entities.unescape(body)
    if _MARKUP.search(body):
        marked = _BLOCK_END.sub(r"\1\n", body)
        with contextlib.suppress(ValueError, lxml.etree.ParserError):
            body = lxml.html.fragment_fromstring(marked, create_parent="div").text_content()
    return _paragraphs(body.replace("\r\n", "\n").replace("\r", "\n"))


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
