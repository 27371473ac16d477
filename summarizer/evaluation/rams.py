"""Event typing and roles scored against RAMS 1.0 (five-sentence windows, one event annotated).

Each window goes through the real pipeline (clean → extract → assemble) with any provider. Its
article is the window's tokenised sentences detokenised ("Obama ’s" → "Obama’s", no space
inside quotes and brackets, before punctuation, or around a hyphen between words), one
sentence per line; gold token offsets are carried into that text and then, sentence by
sentence, into the cleaned text (``events.locate``). No publication date is given.

RAMS annotates one event per window — its type (``conflict.attack.n/a``), trigger and role
spans (``evt089arg01victim``) — and not the others the window may report, so what is counted
is, per window and in total:

* grounding, as for WikiEvents: quotes found and invalid spans (must be 0);
* event-type recall: the window's event is recalled when one of our events has a type mapped
  to its RAMS type (``mapping.RAMS``) and evidence overlapping the trigger's sentence;
  ``event_type_recall_mappable`` is the same over the windows whose type some row maps;
* event-type precision, restricted to what the gold can judge, in two readings:

  - ``event_type_precision_near`` (per event, a lower bound): of our events of a mapped type
    (one with a RAMS row) whose evidence overlaps the trigger's sentence, the share whose type
    maps to the annotated type. An event of ours about another, unannotated event in the same
    sentence counts as wrong ("killed in an attack" annotated as a death makes our attack
    wrong), so this understates precision whenever a sentence reports two happenings;
  - ``event_type_precision`` (per window, the headline): of the windows where we report at
    least one event of a mapped type on the trigger's sentence, the share where one of those
    events has the annotated type — "when we say something happened in that sentence, is the
    annotated happening among what we say". Only one event per sentence is annotated, so this
    is the most the gold can judge; it does not reward listing many types, since at most
    ``events.MAX_PER_SENTENCE`` triggers are kept per sentence and event-level precision on
    fully annotated text is WikiEvents' ``event_type_precision``. Windows whose type has no
    row stay in the denominator: an event of ours there counts as wrong.

  Our events elsewhere in the window are judged by neither;
* per-role scoring and says-who recall as defined in ``roles``, the trigger's sentence being
  the sentence of the gold event. RAMS spans are phrases of any kind (no entity types), so
  every argument in a role of ``mapping.ROLES`` is scored, a building attacked as much as a
  person; pronoun arguments are left out (RAMS has no coreference to name them).
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from summarizer.errors import SummarizerError
from summarizer.evaluation.events import GoldOffsets, grounding, locate
from summarizer.evaluation.mapping import COMMUNICATOR_ROLES, RAMS, ROLES, rams_matches
from summarizer.evaluation.roles import (
    RoleCounts,
    attribution_sources,
    candidates,
    count_sums,
    is_pronoun,
    overlaps,
    rate,
    role_totals,
    says_who,
    score_argument,
    spans,
)
from summarizer.input.article import Article
from summarizer.pipeline import run
from summarizer.providers.base import Provider
from summarizer.schema import StructuredSummary

__all__ = ["RamsReport", "WindowScore", "detokenise", "evaluate_rams", "score_window"]

# Tokens written against the one before ("," "’s" "n't" ")"), and after which the next is.
_CLOSING = frozenset(",.;:?!%)]}”’…") | {"...", "'"}
_CLITIC = re.compile(r"^(?:['’](?:s|re|ve|ll|d|m)|n['’]t)$", re.IGNORECASE)
_OPENING = frozenset("([{“‘$#£€")
_ROLE_PREFIX = re.compile(r"^evt\d+arg\d+")


@dataclass
class WindowScore:
    """One window's counts; rates are computed over the totals."""

    doc_key: str
    gold_type: str = ""
    mappable: int = 0  # the gold type has a counterpart in mapping.RAMS
    recalled: int = 0
    events: int = 0
    near_events: int = 0  # ours, of a mapped type, on the trigger's sentence
    precise_near: int = 0
    judged: int = 0  # 1 when near_events > 0
    precise: int = 0  # 1 when one of those events has the annotated type
    gold_communicators: int = 0
    recalled_communicators: int = 0
    quotes: int = 0
    grounded: int = 0
    invalid_spans: int = 0
    unmatched_sentences: int = 0
    roles: dict[str, RoleCounts] = field(default_factory=dict)
    error: str | None = None


@dataclass
class RamsReport:
    """Per-window rows and their totals."""

    windows: list[WindowScore] = field(default_factory=list)
    seconds: float = 0.0

    def totals(self) -> dict[str, Any]:
        sums = count_sums(self.windows)
        roles = role_totals(w.roles for w in self.windows)

        scored = [w for w in self.windows if w.error is None]
        mappable_recalled = sum(w.recalled for w in scored if w.mappable)
        return {
            "windows": len(self.windows),
            "failed_windows": len(self.windows) - len(scored),
            "events": sums["events"],
            "event_type_recall": rate(sums["recalled"], len(scored)),
            "mappable_windows": sums["mappable"],
            "event_type_recall_mappable": rate(mappable_recalled, sums["mappable"]),
            "judged_windows": sums["judged"],
            "event_type_precision": rate(sums["precise"], sums["judged"]),
            "near_events": sums["near_events"],
            "event_type_precision_near": rate(sums["precise_near"], sums["near_events"]),
            "role_recall": roles["total"]["role_recall"],
            "swap_rate": roles["total"]["swap_rate"],
            "gold_communicators": sums["gold_communicators"],
            "says_who_recall": rate(sums["recalled_communicators"], sums["gold_communicators"]),
            "grounding_rate": rate(sums["grounded"], sums["quotes"]),
            "invalid_spans": sums["invalid_spans"],
            "unmatched_sentences": sums["unmatched_sentences"],
            "seconds": round(self.seconds, 3),
            "roles": roles,
        }

    def to_dict(self) -> dict[str, Any]:
        return {"totals": self.totals(), "per_window": [asdict(w) for w in self.windows]}


def evaluate_rams(provider: Provider, path: Path, *, limit: int | None = None) -> RamsReport:
    """Run ``provider`` over a RAMS-format JSON-lines file and score every window."""
    report = RamsReport()
    started = time.perf_counter()
    for window in _windows(path, limit):
        doc = as_document(window)
        try:
            summary = run(Article(text=doc["text"]), provider)
        except SummarizerError as exc:
            report.windows.append(WindowScore(doc_key=window["doc_key"], error=str(exc)))
            continue
        report.windows.append(score_window(window, summary, doc))
    report.seconds = time.perf_counter() - started
    return report


def _windows(path: Path, limit: int | None) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        n = 0
        for line in fh:
            if not line.strip():
                continue
            if limit is not None and n >= limit:
                return
            n += 1
            yield json.loads(line)


def detokenise(tokens: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """The tokens as running text, and each token's span in it."""
    text, offsets, _ = _detokenise(tokens, open_quote=False)
    return text, offsets


def _detokenise(tokens: list[str], *, open_quote: bool) -> tuple[str, list[tuple[int, int]], bool]:
    """As ``detokenise``, starting inside a straight-quoted passage or not, and saying whether
    it ends inside one (a quote may run over several sentences)."""
    out: list[str] = []
    offsets: list[tuple[int, int]] = []
    at = 0
    for i, token in enumerate(tokens):
        before = tokens[i - 1] if i else ""
        space = bool(out)
        if token == '"':
            # A quote that ends the sentence closes one the sentence before opened.
            closing = open_quote or (i == len(tokens) - 1 and i > 0)
            space = space and not closing
            open_quote = not closing
        elif token in _CLOSING or _CLITIC.match(token) or _joins_words(tokens, i):
            space = False
        if before in _OPENING or (before == '"' and open_quote and token != '"'):
            space = False
        if before == "-" and _joins_words(tokens, i - 1):
            space = False
        if space:
            out.append(" ")
            at += 1
        out.append(token)
        offsets.append((at, at + len(token)))
        at += len(token)
    return "".join(out), offsets, open_quote


def _joins_words(tokens: list[str], i: int) -> bool:
    """Whether ``tokens[i]`` is a hyphen between two words ("pro - Russian")."""
    return (
        tokens[i] == "-"
        and 0 < i < len(tokens) - 1
        and tokens[i - 1][-1:].isalnum()
        and tokens[i + 1][:1].isalnum()
    )


def as_document(window: dict[str, Any]) -> dict[str, Any]:
    """The window in the layout ``events.locate`` reads: its text (one detokenised sentence a
    line) and, per sentence, its tokens with their offsets in that text."""
    sentences: list[Any] = []
    lines: list[str] = []
    at = 0
    quoting = False
    for tokens in window["sentences"]:
        line, offsets, quoting = _detokenise(tokens, open_quote=quoting)
        sentences.append([[[t, at + s, at + e] for t, (s, e) in zip(tokens, offsets, strict=True)],
                          line])  # fmt: skip
        lines.append(line)
        at += len(line) + 1
    return {"text": "\n".join(lines), "sentences": sentences}


def score_window(
    window: dict[str, Any], summary: StructuredSummary, doc: dict[str, Any] | None = None
) -> WindowScore:
    """Score one window's summary against its annotated event."""
    doc = doc or as_document(window)
    gold = locate(doc, summary.source.text)
    (first, _, [[gold_type, _]]) = window["evt_triggers"][0]
    row = WindowScore(doc_key=window["doc_key"], gold_type=gold_type)
    row.unmatched_sentences = sum(span is None for span in gold.sentences)
    row.quotes, row.grounded, row.invalid_spans = grounding(summary)
    sentence = gold.sentence_of(first)
    row.mappable = any(rams_matches(t, gold_type) for t in RAMS)
    row.events = len(summary.events)
    row.recalled = any(
        rams_matches(e.type, gold_type) and any(overlaps(sentence, s) for s in spans(e.evidence))
        for e in summary.events
    )
    for e in summary.events:
        if RAMS[e.type] and any(overlaps(sentence, s) for s in spans(e.evidence)):
            row.near_events += 1
            row.precise_near += rams_matches(e.type, gold_type)
    row.judged = int(row.near_events > 0)
    row.precise = int(row.precise_near > 0)
    _score_roles(window, summary, doc, gold, sentence, row)
    return row


def _score_roles(
    window: dict[str, Any],
    summary: StructuredSummary,
    doc: dict[str, Any],
    gold: GoldOffsets,
    sentence: tuple[int, int] | None,
    row: WindowScore,
) -> None:
    near = candidates(summary.events, sentence, rams_matches, row.gold_type)
    sources = attribution_sources(summary)
    tokens = [t for toks, _ in doc["sentences"] for t in toks]
    for _, (start, end), label in window["gold_evt_links"]:
        role = _ROLE_PREFIX.sub("", label).lower()
        if role not in ROLES and role not in COMMUNICATOR_ROLES:
            continue
        name = doc["text"][tokens[start][1] : tokens[end][2]]
        if is_pronoun(name):
            continue
        if role in COMMUNICATOR_ROLES:
            row.gold_communicators += 1
            row.recalled_communicators += says_who(name, sentence, sources)
        score_argument(row.roles, role, name, near)
