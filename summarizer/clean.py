"""Cleaning: normalise the text and strip page furniture left behind by scrapers.

The cleaned text is the one every evidence span indexes, and the one the result carries.
What was removed is reported, never silently lost.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Whole lines that are navigation, promotion or credits rather than reporting.
_FURNITURE = re.compile(
    r"""^\s*(?:
        (?:read|see|watch|listen)\s+(?:more|also|next)\b.*
      | (?:related|also\ read|more\ from|recommended|trending|most\ read|similar\ news)
        (?:\s+(?:stories|articles|news|coverage))?\s*(?:[:|\-–—].*)?
      | (?:share|tweet|email|print)(?:\s+(?:this|the))?(?:\s+(?:article|story|page|on\ \w+))?
      | (?:subscribe|sign\ up|get\ our|join\ our|follow\ us)\b.*
      | advertisement | sponsored(?:\ content)? | skip\ (?:to\ )?(?:content|advertisement)
      | (?:photo|image|picture|video|credit|photograph)s?\s*(?:credit)?\s*:.*
      | click\ here\b.*
      | (?:this\ week'?s|today'?s)\ most\ popular(?:\ news|\ stories)?
    )\s*$""",
    re.IGNORECASE | re.VERBOSE,
)
_BLANKS = re.compile(r"\n{3,}")
# Furniture is short; a long line that happens to start with "Share" is reporting.
_MAX_FURNITURE_CHARS = 160


@dataclass(frozen=True, slots=True)
class Cleaned:
    text: str
    removed: list[str]


def clean(text: str) -> Cleaned:
    """Normalise Unicode and line breaks, drop furniture lines, keep everything else verbatim."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    kept: list[str] = []
    removed: list[str] = []
    for line in text.split("\n"):
        line = line.rstrip()
        if line and len(line) <= _MAX_FURNITURE_CHARS and _FURNITURE.match(line):
            removed.append(line.strip())
        else:
            kept.append(line)
    return Cleaned(text=_BLANKS.sub("\n\n", "\n".join(kept)).strip(), removed=removed)
