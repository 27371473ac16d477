"""Extractive ranking: which sentences say most about the story.

A sentence's score is its TF-IDF cosine with the whole article (centrality) plus a lead bias
that fades over the first sentences, as news puts the story first. Headline-like lines (no
final punctuation, or very short) and quotations standing alone rank low. One pass over the
words: linear in the article's length.
"""

from __future__ import annotations

import math
import re
from collections import Counter

from summarizer.providers.offline.sentences import Sentence
from summarizer.text.words import words

__all__ = ["headline_from", "is_body", "rank_sentences"]

_WORD = re.compile(r"[a-z][a-z'’-]+")
_STOPWORDS = words(
    """a an the and or but if of to in on at by for from with as is are was were be been being
    has have had do does did will would could should may might must can it its it's this that
    these those he she they we you i his her their our your them him us who whom which what
    when where why how not no nor so than then there here also just only very more most some
    any all each other such into over under about after before between during while said says
    say told one two new like out up down off again further once"""
)
_LEAD_WEIGHT = 0.35
_LEAD_SPAN = 6.0  # sentences over which the lead bias fades by about two thirds
_MIN_WORDS = 6
_NOT_BODY_PENALTY = 0.5
_QUOTE_PENALTY = 0.15


def is_body(sentence: Sentence) -> bool:
    """A sentence of running text, not a headline, caption, dateline or fragment."""
    text = sentence.text
    return text[-1:] in '.!?"”’)' and len(text.split()) >= _MIN_WORDS


def rank_sentences(sentences: list[Sentence], skip: str | None = None) -> list[float]:
    """A score per sentence; higher is more central. ``skip`` is a title to rank last."""
    bags = [
        Counter(w for w in _WORD.findall(s.text.lower()) if w not in _STOPWORDS) for s in sentences
    ]
    df: Counter[str] = Counter()
    for bag in bags:
        df.update(bag.keys())
    idf = {w: math.log((1 + len(sentences)) / (1 + c)) + 1.0 for w, c in df.items()}
    centroid: dict[str, float] = {}
    for bag in bags:
        for w, c in bag.items():
            centroid[w] = centroid.get(w, 0.0) + c * idf[w]
    centroid_norm = math.sqrt(sum(v * v for v in centroid.values())) or 1.0
    body_index = 0
    scores: list[float] = []
    for sentence, bag in zip(sentences, bags, strict=True):
        weights = {w: c * idf[w] for w, c in bag.items()}
        norm = math.sqrt(sum(v * v for v in weights.values())) or 1.0
        score = sum(v * centroid[w] for w, v in weights.items()) / (norm * centroid_norm)
        if is_body(sentence) and sentence.text.strip() != (skip or "").strip():
            score += _LEAD_WEIGHT * math.exp(-body_index / _LEAD_SPAN)
            body_index += 1
        else:
            score -= _NOT_BODY_PENALTY
        if sentence.text[:1] in '“"' and sentence.text.rstrip()[-1:] in '”"':
            score -= _QUOTE_PENALTY  # a quotation alone says less than the reporting around it
        scores.append(score)
    return scores


def headline_from(lede: str, limit: int = 110) -> str:
    """A headline cut from the lede: its first clause when that is long enough, else words."""
    text = lede.strip().rstrip(".")
    if len(text) <= limit:
        return text
    for sep in (", ", " — ", " – ", "; "):
        cut = text.find(sep, 40)
        if 0 < cut <= limit:
            return text[:cut]
    words = text[:limit].rsplit(" ", 1)[0]
    return words.rstrip(",;:") + "…"
