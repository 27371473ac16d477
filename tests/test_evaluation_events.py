"""Event evaluation against WikiEvents-format gold: scoring rules, the mapping, a real slice."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from summarizer.draft import (
    ArticleSummary,
    DraftActor,
    DraftActorRef,
    DraftEvent,
    DraftKeyPoint,
    DraftQuantity,
)
from summarizer.evaluation.events import article_text, evaluate_events
from summarizer.evaluation.mapping import KAIROS, PLOVER, kairos_matches, plover_matches
from summarizer.input.article import Article
from summarizer.providers.base import Extraction
from summarizer.providers.offline.provider import OfflineProvider
from summarizer.schema import ActorKind, ActorRole, Counted, EventType
from tests.conftest import ROOT

DEV = ROOT.parent / "shared" / "eval" / "wikievents" / "dev.jsonl"

# Two sentences of our own, in WikiEvents' layout: tokens with article offsets, entity and
# event mentions pointing at document token indices.
SENTENCES = ["Rebels killed two guards at the depot .", "The army said it would respond ."]


def _doc() -> dict[str, Any]:
    sentences: list[Any] = []
    at = 0
    for text in SENTENCES:
        tokens = []
        for word in text.split(" "):
            tokens.append([word, at, at + len(word)])
            at += len(word) + 1
        sentences.append([tokens, text])

    def entity(n: int, sent: int, start: int, kind: str, text: str) -> dict[str, Any]:
        return {"id": f"T{n}", "sent_idx": sent, "start": start, "end": start + 1,
                "entity_type": kind, "mention_type": "UNK", "text": text}  # fmt: skip

    return {
        "doc_id": "synthetic",
        "tokens": [t[0] for s in sentences for t in s[0]],
        "text": "".join(SENTENCES),
        "sentences": sentences,
        "entity_mentions": [
            entity(1, 0, 0, "ORG", "Rebels"),
            entity(2, 0, 2, "VAL", "two"),
            entity(3, 0, 3, "PER", "guards"),
            entity(4, 1, 9, "ORG", "army"),
            entity(5, 1, 11, "PER", "it"),
        ],
        "relation_mentions": [],
        "event_mentions": [
            {"id": "E1", "event_type": "Life.Die.Unspecified",
             "trigger": {"start": 1, "end": 2, "text": "killed", "sent_idx": 0},
             "arguments": [{"entity_id": "T1", "role": "Killer", "text": "Rebels"},
                           {"entity_id": "T3", "role": "Victim", "text": "guards"}]},
            {"id": "E2", "event_type": "Contact.Contact.Broadcast",
             "trigger": {"start": 10, "end": 11, "text": "said", "sent_idx": 1},
             "arguments": [{"entity_id": "T4", "role": "Communicator", "text": "army"},
                           {"entity_id": "T5", "role": "Recipient", "text": "it"}]},
        ],
    }  # fmt: skip


class _Scripted:
    """A provider that answers with a fixed draft."""

    name, model, mode, prompt_version = "scripted", "scripted-1", None, "none"

    def __init__(self, draft: ArticleSummary) -> None:
        self.draft = draft

    def ensure_model(self) -> str:
        return self.model

    async def aensure_model(self) -> str:
        return self.model

    def extract(self, article: Article) -> Extraction:
        return Extraction(draft=self.draft)

    async def aextract(self, article: Article) -> Extraction:
        return self.extract(article)

    def close(self) -> None:
        pass

    async def aclose(self) -> None:
        pass


def _draft() -> ArticleSummary:
    first, second = SENTENCES
    return ArticleSummary(
        headline="Rebels kill two guards",
        lede=first,
        key_points=[DraftKeyPoint(text=first, evidence=[first])],
        events=[
            DraftEvent(
                type=EventType.DEATH,
                description="Rebels killed two guards.",
                actors=[
                    DraftActorRef(name="Rebels", role=ActorRole.AGENT),
                    DraftActorRef(name="two guards", role=ActorRole.VICTIM),
                ],
                quantities=[DraftQuantity(counted=Counted.KILLED, text="two", evidence=[first])],
                evidence=[first],
            ),
            # An attack where the gold has a statement: wrong at both levels.
            DraftEvent(type=EventType.ATTACK, description="?", evidence=[second]),
            # No KAIROS counterpart: left out of precision.
            DraftEvent(type=EventType.ELECTION, description="?", evidence=[second]),
        ],
        actors=[DraftActor(name="Rebels", kind=ActorKind.ARMED_GROUP, evidence=[first])],
    )


def _write(tmp_path: Path, docs: list[dict[str, Any]]) -> Path:
    path = tmp_path / "gold.jsonl"
    path.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    return path


def test_the_article_text_is_what_the_gold_offsets_index() -> None:
    doc = _doc()
    text = article_text(doc)
    for tokens, _ in doc["sentences"]:
        assert all(text[start:end] == word for word, start, end in tokens)


def test_scoring_a_synthetic_document(tmp_path: Path) -> None:
    report = evaluate_events(_Scripted(_draft()), _write(tmp_path, [_doc()]))
    totals = report.totals()
    assert totals["documents"] == 1 and totals["invalid_spans"] == 0
    assert totals["gold_events"] == 2 and totals["events"] == 3
    # The death is found in its sentence; the broadcast is not found at all.
    assert totals["event_type_recall"] == totals["event_type_recall_document"] == 0.5
    # Of the two mappable events, only the death matches a gold event.
    assert totals["event_type_precision"] == totals["event_type_precision_document"] == 0.5
    # Rebels and guards (inside "two guards") of three actors; the pronoun "it" is not counted.
    assert totals["actor_recall"] == totals["event_actor_recall"] == round(2 / 3, 4)
    assert totals["quantity_recall"] == 1.0
    assert totals["grounding_rate"] == 1.0
    (row,) = report.to_dict()["per_document"]
    assert (row["doc_id"], row["gold_actors"], row["gold_numbers"]) == ("synthetic", 3, 1)


def test_an_event_in_another_sentence_counts_only_at_document_level(tmp_path: Path) -> None:
    draft = _draft()
    moved = draft.events[0].model_copy(
        update={"evidence": [SENTENCES[1]], "quantities": [], "description": "Rebels killed."}
    )
    draft = draft.model_copy(update={"events": [moved]})
    totals = evaluate_events(_Scripted(draft), _write(tmp_path, [_doc()])).totals()
    assert totals["event_type_recall"] == 0.0
    assert totals["event_type_recall_document"] == 0.5
    assert totals["event_type_precision"] == 0.0
    assert totals["event_type_precision_document"] == 1.0


def test_every_type_has_a_row_in_both_tables() -> None:
    assert set(KAIROS) == set(PLOVER) == set(EventType)


def test_kairos_rows_match_their_subtypes_only() -> None:
    assert kairos_matches(EventType.ATTACK, "Conflict.Attack.DetonateExplode")
    assert not kairos_matches(EventType.ATTACK, "Conflict.Demonstrate.Unspecified")
    assert kairos_matches(EventType.STATEMENT, "Contact.Contact.Broadcast")
    assert kairos_matches(EventType.DEATH, "Life.Die.Unspecified")
    assert not kairos_matches(EventType.ELECTION, "Contact.Contact.Unspecified")


def test_plover_rows_use_the_gold_categories() -> None:
    assert plover_matches(EventType.ATTACK, "ASSAULT")
    assert plover_matches(EventType.AGREEMENT, "agree")
    assert plover_matches(EventType.DETENTION, "COERCE")
    assert not plover_matches(EventType.STATEMENT, "DEMAND")


@pytest.mark.skipif(not DEV.exists(), reason="../shared/eval/wikievents is not beside the repo")
def test_the_offline_provider_on_a_slice_of_wikievents() -> None:
    report = evaluate_events(OfflineProvider(), DEV, limit=3)
    totals = report.totals()
    assert totals["documents"] == 3 and totals["failed_documents"] == 0
    assert totals["invalid_spans"] == 0
    assert totals["grounding_rate"] == 1.0
    assert totals["gold_events"] > 0 and totals["events"] > 0
    for key in ("event_type_recall", "event_type_precision", "actor_recall", "quantity_recall"):
        assert 0.0 <= totals[key] <= 1.0
    assert totals["event_type_recall"] >= 0.4
    assert totals["event_type_recall_document"] >= totals["event_type_recall"]
    assert totals["actor_recall"] >= 0.4
