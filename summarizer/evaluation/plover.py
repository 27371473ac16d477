"""Event types and actors scored against PLOVER gold-standard records (one sentence each).

Each record's sentence goes through the real pipeline on its own, with no publication date
(the records' dates are placeholders). A record gives the PLOVER category (``event``), its
source actors (who did it) and target actors (to whom), as written in the sentence
(``actorText``). What is counted, per record and in total:

* grounding, as for WikiEvents: quotes found and invalid spans (must be 0);
* event-type recall: the record is recalled when one of our events has a type mapped to its
  category (``mapping.PLOVER``); ``event_type_recall_mappable`` is the same over the records
  whose category some row maps (no row maps DEMAND, REJECT, THREATEN, SUPPORT, ...);
* event-type precision: of our events of a type with a PLOVER row, the share mapped to the
  record's category (a record codes one event; a second event in the sentence counts wrong);
* actor recall: gold source and target actors recalled when their name matches (``roles``'
  name matching) one of our names — top-level actors, event actors, attribution sources;
* per-role scoring as defined in ``roles``, with every event of ours as a candidate (the
  record is one sentence) and ``mapping.PLOVER_ROLES``: a source actor should be our agent, a
  target our target or victim. Records of two-sided categories (AGREE, CONSULT, COOPERATE,
  FIGHT) and records whose markup codes an actor as both (``SRC/TAR``) are left out of it.

No says-who figure: the records carry no attribution field ("…, officials said" is in the
text but not coded), so there is no gold source of a statement to recall.
"""

from __future__ import annotations

import json
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from summarizer.errors import SummarizerError
from summarizer.evaluation.events import grounding
from summarizer.evaluation.mapping import PLOVER, PLOVER_ROLES, plover_matches
from summarizer.evaluation.roles import (
    RoleCounts,
    candidates,
    count_sums,
    name_matches,
    normalise_name,
    rate,
    role_totals,
    score_argument,
)
from summarizer.input.article import Article
from summarizer.pipeline import run
from summarizer.providers.base import Provider
from summarizer.schema import StructuredSummary

__all__ = ["PloverReport", "RecordScore", "evaluate_plover", "score_record"]

# Categories whose source and target are both parties to it: no one did it to the other.
TWO_SIDED = frozenset({"AGREE", "CONSULT", "COOPERATE", "FIGHT"})


@dataclass
class RecordScore:
    """One record's counts; rates are computed over the totals."""

    record_id: str
    category: str = ""
    mappable: int = 0  # some row of mapping.PLOVER maps the category
    recalled: int = 0
    events: int = 0
    mappable_events: int = 0
    precise_events: int = 0
    gold_actors: int = 0
    recalled_actors: int = 0
    quotes: int = 0
    grounded: int = 0
    invalid_spans: int = 0
    roles: dict[str, RoleCounts] = field(default_factory=dict)
    error: str | None = None


@dataclass
class PloverReport:
    """Per-record rows and their totals."""

    records: list[RecordScore] = field(default_factory=list)
    seconds: float = 0.0

    def totals(self) -> dict[str, Any]:
        sums = count_sums(self.records)
        roles = role_totals(r.roles for r in self.records)
        scored = [r for r in self.records if r.error is None]

        return {
            "records": len(self.records),
            "failed_records": len(self.records) - len(scored),
            "events": sums["events"],
            "event_type_recall": rate(sums["recalled"], len(scored)),
            "mappable_records": sums["mappable"],
            "event_type_recall_mappable": rate(
                sum(r.recalled for r in scored if r.mappable), sums["mappable"]
            ),
            "event_type_precision": rate(sums["precise_events"], sums["mappable_events"]),
            "gold_actors": sums["gold_actors"],
            "actor_recall": rate(sums["recalled_actors"], sums["gold_actors"]),
            "role_recall": roles["total"]["role_recall"],
            "swap_rate": roles["total"]["swap_rate"],
            "grounding_rate": rate(sums["grounded"], sums["quotes"]),
            "invalid_spans": sums["invalid_spans"],
            "seconds": round(self.seconds, 3),
            "roles": roles,
        }

    def to_dict(self) -> dict[str, Any]:
        return {"totals": self.totals(), "per_record": [asdict(r) for r in self.records]}


def evaluate_plover(provider: Provider, path: Path, *, limit: int | None = None) -> PloverReport:
    """Run ``provider`` over a PLOVER gold-record JSON file and score every coded record."""
    report = PloverReport()
    started = time.perf_counter()
    records = [r for r in json.loads(path.read_text(encoding="utf-8")) if _coded(r)]
    for record in records[:limit]:
        article = Article(text=record["text"])
        try:
            summary = run(article, provider)
        except SummarizerError as exc:
            report.records.append(RecordScore(record_id=record["id"], error=str(exc)))
            continue
        report.records.append(score_record(record, summary))
    report.seconds = time.perf_counter() - started
    return report


def _coded(record: dict[str, Any]) -> bool:
    """A record of an event: not the file's DOCUMENT notes, and with a sentence."""
    return record.get("event") != "DOCUMENT" and bool(record.get("text"))


def _actors(value: Any) -> list[str]:
    """Actor names of a ``source`` or ``target`` field (a list, or "" or absent for none)."""
    if not isinstance(value, list):
        return []
    return [a["actorText"].strip() for a in value if a.get("actorText", "").strip()]


def score_record(record: dict[str, Any], summary: StructuredSummary) -> RecordScore:
    """Score one record's summary against its coding."""
    category = record["event"].upper()
    row = RecordScore(record_id=record["id"], category=category)
    row.quotes, row.grounded, row.invalid_spans = grounding(summary)
    row.mappable = any(plover_matches(t, category) for t in PLOVER)
    row.events = len(summary.events)
    row.recalled = any(plover_matches(e.type, category) for e in summary.events)
    for e in summary.events:
        if PLOVER[e.type]:
            row.mappable_events += 1
            row.precise_events += plover_matches(e.type, category)
    sources, targets = _actors(record.get("source")), _actors(record.get("target"))
    names = [normalise_name(a.name) for a in summary.actors]
    for e in summary.events:
        names += [normalise_name(a.name) for a in e.actors]
        if e.attribution is not None:
            names.append(normalise_name(e.attribution.source))
    for claim in summary.claims:
        names.append(normalise_name(claim.attribution.source))
    row.gold_actors = len(sources) + len(targets)
    row.recalled_actors = sum(
        any(name_matches(normalise_name(gold), n) for n in names) for gold in sources + targets
    )
    markup = record.get("textInfo", {}).get("markup", "")
    if category not in TWO_SIDED and "SRC/TAR" not in markup:
        # One sentence: every event of ours is near; those of the coded category preferred.
        whole = (0, len(summary.source.text))
        near = candidates(summary.events, whole, plover_matches, category)
        for role, golds in (("source", sources), ("target", targets)):
            for gold in golds:
                score_argument(row.roles, role, gold, near, table=PLOVER_ROLES)
    return row
