"""Text from an article or a model, made safe to print on a terminal.

An article (or a model's answer about it) may carry terminal escape sequences: colours
(ESC [ 31 m), cursor moves and screen clears that hide or rewrite what came before, OSC 8
hyperlinks whose target is not what they show, a title change, a bell. Printed raw by
``-f md``, ``-f table`` or an error line on stderr, the terminal obeys them. Every such
place goes through here:

- ``printable(text)``: for output meant to be read (Markdown, the table). Whole escape
  sequences (CSI, OSC, DCS, SOS, PM, APC and the two-byte ESC ones) are removed with their
  payload, so an OSC 8 link shows its words, not its target; other C0 and C1 controls and
  DEL go too, those that separate like whitespace (CR, VT, FF, NEL…) becoming a space.
  ``\\n`` and ``\\t`` stay unless ``keep`` says otherwise.
- ``printable(text, shown=True)``: for one line of a message on stderr. Each control is
  written as a visible escape (``\\x1b``, ``\\n``) instead, so that a file name or a model's
  words can still be recognised, and the message stays one line.
- ``json_safe(text)``: JSON escapes C0 controls already, but leaves DEL and C1 controls
  (U+007F-U+009F) raw, and some terminals obey U+009B as CSI. They are written as \\u
  escapes: the same JSON value, nothing for a terminal to act on.
"""

from __future__ import annotations

import re

from summarizer.text.controls import ESCAPE_SEQUENCE

_SEQUENCE = ESCAPE_SEQUENCE
# What terminals act on: C0 but tab and newline (handled apart), DEL, C1.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_CONTROL_OR_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_SPACE_LIKE = frozenset("\r\x0b\x0c\x1c\x1d\x1e\x1f\x85")
_NAMED = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}
_JSON_RAW = re.compile(r"[\x7f-\x9f]")


def printable(text: str, *, keep: str = "\n\t", shown: bool = False) -> str:
    """``text`` with nothing a terminal would act on (see the module)."""
    if shown:
        return _CONTROL_OR_LINE.sub(_shown, text)
    if not _CONTROL_OR_LINE.search(text):
        return text  # the usual case: nothing to do, nothing copied
    text = _SEQUENCE.sub("", text.replace("\r\n", "\n"))
    text = _CONTROL.sub(_removed, text)
    for kept in "\n\t":
        if kept not in keep:
            text = text.replace(kept, " ")
    return text


def _removed(found: re.Match[str]) -> str:
    return " " if found[0] in _SPACE_LIKE else ""


def _shown(found: re.Match[str]) -> str:
    char = found[0]
    return _NAMED.get(char) or f"\\x{ord(char):02x}"


def json_safe(text: str) -> str:
    """JSON text with DEL and the C1 controls written as \\u escapes (the same value)."""
    if not _JSON_RAW.search(text):
        return text
    return _JSON_RAW.sub(lambda found: f"\\u{ord(found[0]):04x}", text)
