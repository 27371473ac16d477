"""Sentence splitting with character offsets into the article text.

Lines are blocks (headlines, paragraphs); inside a line a sentence ends at ``.``, ``!`` or ``?``
(with any closing quote or bracket) before whitespace and a capital, digit or opening quote, or
glued to a capital ("reported.Major", as scraped text often is). Known abbreviations, initials
and a quotation followed by its speaker ("“Who was it?” Varga asked") do not end one.
``text[s.start:s.end] == s.text`` always holds, with no surrounding whitespace.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from summarizer.text.timewords import MONTH_ABBREVIATIONS
from summarizer.text.words import words

__all__ = ["Sentence", "split_sentences"]


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str


_LINE = re.compile(r"[^\n]+")
# A terminator with its closing quotes or brackets, then whitespace before a likely sentence
# start, or a capital glued to it; the match ends where the next sentence may begin.
_END = re.compile(r"[.!?]+[\"'”’)\]]*(?:\s+(?=[\"'“‘(\[]?[A-Z0-9À-Þ])|(?=[A-ZÀ-Þ“]))")
_WORD_BEFORE = re.compile(r"([\w.&-]+)[.!?]*[\"'”’)\]]*$")
_SPEAKER_AFTER = re.compile(
    r"(?:[A-Z][\w.'’-]*\s+){1,3}(?:said|says|asked|told|added|replied|wrote|declared|recalled)\b"
    r"|(?:he|she|they|it)\s+(?:said|says|asked|added|replied)\b"
)
# Abbreviations that end in a full stop without ending the sentence (US states as in datelines;
# not those that are words too, such as "Ill." or "Miss.").
_ABBREVIATIONS = words(
    """mr mrs ms dr gen col lt sgt capt cpl maj adm gov sen rep st mt jr sr prof rev fr vs etc
    inc corp co ltd bros dept univ approx u.s u.n u.k e.u e.g i.e a.k.a kan calif colo conn fla
    ga md mich minn neb nev okla tenn tex wis wyo ft pt"""
) | frozenset(MONTH_ABBREVIATIONS)


def split_sentences(text: str) -> list[Sentence]:
    """The sentences of ``text`` in order, each with its offsets."""
    sentences: list[Sentence] = []
    for line in _LINE.finditer(text):
        start = line.start()
        for m in _END.finditer(text, line.start(), line.end()):
            cut = m.start() + len(m.group(0).rstrip())
            if _is_boundary(text, m.start(), m.end()):
                _add(sentences, text, start, cut)
                start = m.end()
        _add(sentences, text, start, line.end())
    return sentences


def _is_boundary(text: str, at: int, after: int) -> bool:
    """Whether the terminator at ``at`` ends a sentence."""
    word = _WORD_BEFORE.search(text, max(0, at - 40), at + 1)
    token = word.group(1) if word else ""
    bare = token.rstrip(".").lower()
    if bare in _ABBREVIATIONS:
        return False
    # An initial ("Michael A. Cinco") or a dotted acronym ("U.S.") rarely ends a sentence.
    if (len(bare) == 1 and token[:1].isupper()) or (text[at] == "." and "." in bare):
        return False
    # A quoted question or exclamation followed by its speaker is one sentence.
    return not (text[at] in "!?" and _SPEAKER_AFTER.match(text, after))


def _add(out: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(len(out), start, end, text[start:end]))
