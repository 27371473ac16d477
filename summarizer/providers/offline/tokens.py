"""Word tokens with offsets, the unit every offline rule walks over.

A token keeps its possessive ("Ukraine’s"), inner hyphens and apostrophes ("pro-regime",
"O'Brien"), dotted acronyms ("U.S.") and title abbreviations ("Col."); other punctuation marks
are tokens of their own.
"""

from __future__ import annotations

import re

__all__ = ["Token", "tokenize"]

_TOKEN = re.compile(
    r"(?:[A-Za-z]\.){2,}"  # U.S., a.m.
    r"|(?=[A-Z][a-z]{0,3}\.)(?:Mr|Mrs|Ms|Dr|Gen|Col|Lt|Sgt|Capt|Cpl|Maj|Adm|Gov|Sen|Rep|St|Jr|Sr"
    r"|Prof|Rev|Mt|Ft)\."
    r"|[A-Z]\.(?=\s[A-Z])"  # an initial: Michael A. Cinco
    r"|[$€£¥]?\d{1,3}(?:,\d{3})+(?:\.\d+)?%?|[$€£¥]?\d+(?:\.\d+)?%?(?![\w’'&-]*\w)"
    r"|[$€£¥]?\w(?:[\w’'&-]*\w)?(?:[’']s\b)?[%+]?"
    r"|[^\w\s]"
)


class Token:
    """One token; its lower-case form, possessive-less form and flags are computed once."""

    __slots__ = ("bare", "capitalised", "end", "lower", "possessive", "start", "text")

    def __init__(self, start: int, end: int, text: str) -> None:
        self.start = start
        self.end = end
        self.text = text
        self.lower = text.lower()
        # "Ukraine’s" → "Ukraine"
        self.possessive = len(text) > 2 and text.endswith(("’s", "'s"))
        self.bare = text[:-2] if self.possessive else text
        self.capitalised = text[:1].isupper()

    def __repr__(self) -> str:
        return f"Token({self.start}, {self.end}, {self.text!r})"


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """The tokens of ``text``; offsets are shifted by ``offset`` (a sentence's start)."""
    return [Token(m.start() + offset, m.end() + offset, m.group(0)) for m in _TOKEN.finditer(text)]
