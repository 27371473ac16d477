"""The input model: one news article, its text and what is known about it.

Every stage speaks of articles in these terms; this module imports nothing else of ``input``,
so providers and the pipeline can use the model without the loaders (and their libraries).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime


@dataclass(frozen=True, slots=True)
class Article:
    """One news article: its text and what is known about it."""

    text: str
    title: str | None = None
    url: str | None = None
    published: date | None = None
    site: str | None = None  # the outlet or site name, when the page says
    # How it was read: the encoding its bytes were in ("utf-8", "cp1252"; None when it came as
    # text), what found the text in an HTML page ("trafilatura", "json-ld", "fallback"; None
    # for plain text), and the language it is written in (ISO 639-1; None until detected, or
    # when unsure). The pipeline detects the language of the cleaned text.
    encoding: str | None = None
    extractor: str | None = None
    language: str | None = None

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

    def with_defaults(
        self, *, title: str | None = None, url: str | None = None, published: date | None = None
    ) -> Article:
        """A copy with the given fields filled in where the article has none (what it says
        wins): a batch's ``--published`` is a default that each record's own date overrides."""
        return replace(
            self,
            title=self.title if self.title is not None else title,
            url=self.url if self.url is not None else url,
            published=self.published if self.published is not None else published,
        )


def parse_published(value: date | str | None) -> date | None:
    """A publication date: ``YYYY-MM-DD`` or an ISO datetime (the day as written, not shifted
    to UTC). ``None`` or ``""`` is no date; anything else raises ``ValueError``."""
    if value is None or isinstance(value, date):
        return value
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        try:
            if len(text) == 10:
                return date.fromisoformat(text)
            return datetime.fromisoformat(text).date()
        except ValueError:
            pass
    raise ValueError(f"{value!r} is not a date: use YYYY-MM-DD or an ISO datetime")
