"""Event extraction scored against WikiEvents-format gold (KAIROS events, arguments, entities).

Each document goes through the real pipeline (clean → extract → assemble) with any provider.
The article is the document's sentences placed where their token offsets put them, with
newlines between: the ``text`` field of WikiEvents glues sentences together with no space
("…in SyriaThe desert…") and its token offsets do not index it. No
publication date is given. Gold offsets are carried into the cleaned text sentence by sentence
(a sentence cleaning removed, such as "Read more", cannot be matched).

What is counted, per document and in total:

* grounding: evidence quotes found, and *invalid spans* — evidence whose ``text[start:end]``
  is not its quote (must be 0);
* event-type recall, sentence level: a gold event mention is recalled when one of our events
  has a type mapped to its KAIROS type (``mapping.KAIROS``) and evidence overlapping the gold
  trigger's sentence; document level: when such an event exists anywhere in the document;
* event-type precision, the same two ways round: one of our events is right when a gold event
  of a mapped type has its trigger in a sentence the evidence overlaps (or, document level,
  anywhere in the document). Our events of types with no KAIROS counterpart are left out;
* actor recall: gold argument mentions that are people, organisations or states (entity types
  PER, ORG, GPE, SID; roles other than Place, Origin, Destination; pronouns left out, as no
  summary names an actor "he") are recalled when their text, normalised, occurs as whole words
  in one of our names — top-level actors, event actors, attribution sources — or one of our
  names occurs in it. Document level: any name in the document; event level: a name on an
  event whose evidence overlaps the mention's sentence;
* quantity recall: gold mentions that are numbers (entity type VAL or MON, or text starting
  with a count such as "15", "Twenty", "Scores"; not years, dates, ordinals, ages or a bare
  "one") are recalled when their span overlaps the words of one of our quantities;
* per-role scoring (right, swapped, missed, unreached; ``role_recall``, ``swap_rate``) and
  says-who recall, defined in ``roles``: gold arguments of people, organisations and states
  (PER, ORG, GPE, SID — a building or vehicle attacked is no actor of ours) in the roles of
  ``mapping.ROLES``, and Communicator arguments. A pronoun argument is replaced by the named
  mention of its coreference cluster (``coref/``, its ``informative_mentions``) when the
  cluster has one that is no pronoun, and left out when not (``resolved_pronouns`` counts the
  replaced ones).
"""

from __future__ import annotations

import json
import re
import time
import unicodedata
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from summarizer.errors import SummarizerError
from summarizer.evaluation.mapping import COMMUNICATOR_ROLES, KAIROS, ROLES, kairos_matches
from summarizer.evaluation.roles import (
    RoleCounts,
    attribution_sources,
    candidates,
    count_sums,
    is_pronoun,
    name_matches,
    normalise_name,
    overlaps,
    rate,
    role_totals,
    says_who,
    score_argument,
)
from summarizer.grounding.align import Aligner
from summarizer.input.article import Article
from summarizer.pipeline import run
from summarizer.providers.base import Provider
from summarizer.schema import Evidence, StructuredSummary
from summarizer.text.numbers import GROUPS, SCALES, SMALL, VAGUE_PLURALS
from summarizer.text.timewords import MONTHS
from summarizer.text.words import alternation

__all__ = [
    "DocumentScore",
    "EventsReport",
    "GoldOffsets",
    "article_text",
    "evaluate_events",
    "grounding",
    "locate",
    "named_mentions",
    "score_document",
]

_ACTOR_ENTITIES = frozenset({"PER", "ORG", "GPE", "SID"})
_NOT_ACTOR_ROLES = frozenset({"Place", "Origin", "Destination"})
# Number words that start a count; a bare "one" is mostly a pronoun, so it is not one.
_NUMBER_WORDS = alternation(
    [w for w in SMALL if w not in ("zero", "one")]
    + [*SCALES, *GROUPS, *(w + "s" for w in VAGUE_PLURALS)]
)
_COUNT_START = re.compile(rf"^(?:\$?\d[\d,.]*|(?:{_NUMBER_WORDS})\b)", re.IGNORECASE)
_NOT_A_COUNT = re.compile(
    rf"^(?:1[5-9]|20)\d\d$|\d(?:st|nd|rd|th)\b|-year-old|{alternation(MONTHS)}", re.IGNORECASE
)


@dataclass
class DocumentScore:
    """One document's counts; rates are computed over the totals."""

    doc_id: str
    gold_events: int = 0
    events: int = 0
    recalled_sentence: int = 0
    recalled_document: int = 0
    mappable_events: int = 0
    precise_sentence: int = 0
    precise_document: int = 0
    gold_actors: int = 0
    recalled_actors: int = 0
    recalled_event_actors: int = 0
    gold_numbers: int = 0
    recalled_numbers: int = 0
    quotes: int = 0
    grounded: int = 0
    invalid_spans: int = 0
    gold_communicators: int = 0
    recalled_communicators: int = 0
    resolved_pronouns: int = 0
    unmatched_sentences: int = 0
    roles: dict[str, RoleCounts] = field(default_factory=dict)
    error: str | None = None


@dataclass
class EventsReport:
    """Per-document rows and their totals."""

    documents: list[DocumentScore] = field(default_factory=list)
    seconds: float = 0.0

    def totals(self) -> dict[str, Any]:
        sums = count_sums(self.documents)

        roles = role_totals(d.roles for d in self.documents)

        def share(num: str, den: str) -> float:
            return rate(sums[num], sums[den])

        return {
            "documents": len(self.documents),
            "failed_documents": sum(d.error is not None for d in self.documents),
            "gold_events": sums["gold_events"],
            "events": sums["events"],
            "event_type_recall": share("recalled_sentence", "gold_events"),
            "event_type_recall_document": share("recalled_document", "gold_events"),
            "event_type_precision": share("precise_sentence", "mappable_events"),
            "event_type_precision_document": share("precise_document", "mappable_events"),
            "actor_recall": share("recalled_actors", "gold_actors"),
            "event_actor_recall": share("recalled_event_actors", "gold_actors"),
            "quantity_recall": share("recalled_numbers", "gold_numbers"),
            "role_recall": roles["total"]["role_recall"],
            "swap_rate": roles["total"]["swap_rate"],
            "gold_communicators": sums["gold_communicators"],
            "says_who_recall": share("recalled_communicators", "gold_communicators"),
            "resolved_pronouns": sums["resolved_pronouns"],
            "grounding_rate": share("grounded", "quotes"),
            "invalid_spans": sums["invalid_spans"],
            "unmatched_sentences": sums["unmatched_sentences"],
            "seconds": round(self.seconds, 3),
            "roles": roles,
        }

    def to_dict(self) -> dict[str, Any]:
        return {"totals": self.totals(), "per_document": [asdict(d) for d in self.documents]}


def evaluate_events(
    provider: Provider, path: Path, *, limit: int | None = None, coref: Path | None = None
) -> EventsReport:
    """Run ``provider`` over a WikiEvents-format JSONL file and score every document.

    ``coref`` is the set's coreference file (default: ``coref/<name>.jsonlines`` beside
    ``path``, when there is one), used to name pronoun arguments in the role scores.
    """
    report = EventsReport()
    started = time.perf_counter()
    if coref is None and (beside := path.parent / "coref" / (path.stem + ".jsonlines")).exists():
        coref = beside
    names = named_mentions(coref) if coref is not None else {}
    for doc in _documents(path, limit):
        article = Article(text=article_text(doc))
        try:
            summary = run(article, provider)
        except SummarizerError as exc:
            report.documents.append(DocumentScore(doc_id=doc["doc_id"], error=str(exc)))
            continue
        report.documents.append(score_document(doc, summary, names.get(doc["doc_id"], {})))
    report.seconds = time.perf_counter() - started
    return report


def _documents(path: Path, limit: int | None) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh):
            if limit is not None and n >= limit:
                return
            if line.strip():
                yield json.loads(line)


def article_text(doc: dict[str, Any]) -> str:
    """The text the gold token offsets index: each sentence where its first token says, the
    gaps between sentences (one or more characters) filled with newlines."""
    parts: list[str] = []
    at = 0
    for tokens, text in doc["sentences"]:
        start = tokens[0][1] if tokens else at
        if parts:
            parts.append("\n" * max(1, start - at))
        parts.append(text)
        at = max(start, at) + len(text)
    return "".join(parts)


# ------------------------------------------------------------------------------ scoring


@dataclass(frozen=True, slots=True)
class GoldOffsets:
    """A gold document's sentence spans and token spans, carried into the cleaned text."""

    sentences: list[tuple[int, int] | None]  # per sentence, its span in the cleaned text
    tokens: list[tuple[int, int, int]]  # per document token: sentence index, start, end

    def span(self, first: int, last: int) -> tuple[int, int] | None:
        """The cleaned-text span of document tokens [first, last)."""
        s, start, _ = self.tokens[first]
        _, _, end = self.tokens[last - 1]
        return (start, end) if self.sentences[s] is not None and start >= 0 else None

    def sentence_of(self, token: int) -> tuple[int, int] | None:
        return self.sentences[self.tokens[token][0]]


def locate(doc: dict[str, Any], cleaned: str) -> GoldOffsets:
    """Find each gold sentence in the cleaned text, in order; shift its tokens with it."""
    spans: list[tuple[int, int] | None] = []
    tokens: list[tuple[int, int, int]] = []
    cursor = 0
    for s, (toks, text) in enumerate(doc["sentences"]):
        needle = unicodedata.normalize("NFC", text).rstrip()
        at = cleaned.find(needle, cursor) if needle.strip() and toks else -1
        delta = at - toks[0][1] if at >= 0 else None
        spans.append((at, at + len(needle)) if at >= 0 else None)
        if at >= 0:
            cursor = at + len(needle)
        for _, start, end in toks:
            tokens.append((s, start + delta, end + delta) if delta is not None else (s, -1, -1))
    return GoldOffsets(spans, tokens)


def named_mentions(path: Path) -> dict[str, dict[str, str]]:
    """Per document, each coreferent mention's cluster name, where that name is no pronoun."""
    named: dict[str, dict[str, str]] = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            entry = json.loads(line)
            doc = named.setdefault(entry["doc_key"], {})
            for cluster, name in zip(entry["clusters"], entry["informative_mentions"], strict=True):
                if not is_pronoun(name):
                    doc.update(dict.fromkeys(cluster, name))
    return named


def score_document(
    doc: dict[str, Any], summary: StructuredSummary, coref: dict[str, str] | None = None
) -> DocumentScore:
    """Score one document's summary against its gold annotation; ``coref`` names mentions by
    entity id (``named_mentions``)."""
    text = summary.source.text
    gold = locate(doc, text)
    row = DocumentScore(doc_id=doc["doc_id"])
    row.unmatched_sentences = sum(span is None for span in gold.sentences)
    row.quotes, row.grounded, row.invalid_spans = grounding(summary)
    _score_events(doc, summary, gold, row)
    _score_actors(doc, summary, gold, row)
    _score_numbers(doc, summary, gold, row)
    _score_roles(doc, summary, gold, row, coref or {})
    return row


def grounding(summary: StructuredSummary) -> tuple[int, int, int]:
    """Quotes the provider gave, quotes grounded, and evidence whose span is not its quote."""
    quotes = summary.metadata.grounding.quotes
    text = summary.source.text
    invalid = sum(text[e.start : e.end] != e.quote for e in _all_evidence(summary))
    return quotes, quotes - summary.metadata.grounding.dropped, invalid


def _all_evidence(summary: StructuredSummary) -> Iterator[Evidence]:
    for event in summary.events:
        yield from event.evidence
        for quantity in event.quantities:
            yield from quantity.evidence
    for actor in summary.actors:
        yield from actor.evidence
    for claim in summary.claims:
        yield from claim.evidence
    for point in summary.key_points:
        yield from point.evidence


def _score_events(
    doc: dict[str, Any], summary: StructuredSummary, gold: GoldOffsets, row: DocumentScore
) -> None:
    golds = [(e["event_type"], gold.sentence_of(e["trigger"]["start"]))
             for e in doc["event_mentions"]]  # fmt: skip
    ours = [(e.type, [(q.start, q.end) for q in e.evidence]) for e in summary.events]
    row.gold_events, row.events = len(golds), len(ours)
    for gtype, gspan in golds:
        typed = [spans for etype, spans in ours if kairos_matches(etype, gtype)]
        row.recalled_document += bool(typed)
        row.recalled_sentence += any(overlaps(gspan, s) for spans in typed for s in spans)
    for etype, spans in ours:
        if not KAIROS[etype]:
            continue
        row.mappable_events += 1
        gold_spans = [gspan for gtype, gspan in golds if kairos_matches(etype, gtype)]
        row.precise_document += bool(gold_spans)
        row.precise_sentence += any(overlaps(g, s) for g in gold_spans for s in spans)


def _score_actors(
    doc: dict[str, Any], summary: StructuredSummary, gold: GoldOffsets, row: DocumentScore
) -> None:
    entities = {m["id"]: m for m in doc["entity_mentions"]}
    wanted: dict[str, dict[str, Any]] = {}
    for event in doc["event_mentions"]:
        for arg in event["arguments"]:
            mention = entities.get(arg["entity_id"])
            if (
                mention is not None
                and mention["entity_type"] in _ACTOR_ENTITIES
                and arg["role"] not in _NOT_ACTOR_ROLES
                and not is_pronoun(mention["text"])
            ):
                wanted[mention["id"]] = mention
    names = [normalise_name(a.name) for a in summary.actors]
    per_event: list[tuple[list[tuple[int, int]], list[str]]] = []
    for e in summary.events:
        event_names = [normalise_name(a.name) for a in e.actors]
        if e.attribution is not None:
            event_names.append(normalise_name(e.attribution.source))
        names += event_names
        per_event.append(([(q.start, q.end) for q in e.evidence], event_names))
    row.gold_actors = len(wanted)
    for mention in wanted.values():
        target = normalise_name(mention["text"])
        row.recalled_actors += any(name_matches(target, n) for n in names)
        sentence = gold.sentence_of(mention["start"])
        row.recalled_event_actors += any(
            overlaps(sentence, s) and any(name_matches(target, n) for n in event_names)
            for spans, event_names in per_event
            for s in spans
        )


def _is_number(mention: dict[str, Any]) -> bool:
    text = mention["text"].strip()
    if _NOT_A_COUNT.search(text) or text.lower() == "one":
        return False
    return mention["entity_type"] in ("VAL", "MON") or bool(_COUNT_START.match(text))


def _score_numbers(
    doc: dict[str, Any], summary: StructuredSummary, gold: GoldOffsets, row: DocumentScore
) -> None:
    spans: list[tuple[int, int]] = []
    for event in summary.events:
        for q in event.quantities:
            for e in q.evidence:
                found = Aligner(e.quote).find(q.text)
                if found is not None:
                    spans.append((e.start + found.start, e.start + found.end))
    numbers = [m for m in doc["entity_mentions"] if _is_number(m)]
    row.gold_numbers = len(numbers)
    for m in numbers:
        span = gold.span(m["start"], m["end"])
        row.recalled_numbers += span is not None and any(overlaps(span, s) for s in spans)


def _score_roles(
    doc: dict[str, Any],
    summary: StructuredSummary,
    gold: GoldOffsets,
    row: DocumentScore,
    coref: dict[str, str],
) -> None:
    """Per-role verdicts and says-who recall (``roles``): arguments of people, organisations
    and states only, as for actor recall; a pronoun is replaced by its coreference cluster's
    named mention when it has one, and left out when not."""
    entities = {m["id"]: m for m in doc["entity_mentions"]}
    sources = attribution_sources(summary)
    for event in doc["event_mentions"]:
        sentence = gold.sentence_of(event["trigger"]["start"])
        near = candidates(summary.events, sentence, kairos_matches, event["event_type"])
        for arg in event["arguments"]:
            mention = entities.get(arg["entity_id"])
            role = arg["role"].lower()
            if (
                mention is None
                or mention["entity_type"] not in _ACTOR_ENTITIES
                or (role not in ROLES and role not in COMMUNICATOR_ROLES)
            ):
                continue
            name = mention["text"]
            if is_pronoun(name):
                if (named := coref.get(mention["id"])) is None:
                    continue
                name = named
                row.resolved_pronouns += 1
            if role in COMMUNICATOR_ROLES:
                row.gold_communicators += 1
                row.recalled_communicators += says_who(name, sentence, sources)
            score_argument(row.roles, arg["role"], name, near)
