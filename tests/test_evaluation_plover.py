"""PLOVER-format scoring: one sentence a record, its category, source and target actors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from summarizer.draft import ArticleSummary, DraftActorRef, DraftEvent
from summarizer.evaluation.plover import evaluate_plover
from summarizer.input.article import Article
from summarizer.providers.offline.provider import OfflineProvider
from summarizer.schema import ActorRole, EventType
from tests.conftest import ROOT
from tests.scripted import Scripted

GOLD = ROOT.parent / "shared" / "eval" / "plover" / "gold_records.json"

# Records of our own in the gold file's layout (the first entry documents the file).
ASSAULT = "Rebels attacked villagers near the river on Monday, police said."
AGREE = "Ruritania and Freedonia agreed to reopen their border."


def _records() -> list[dict[str, Any]]:
    return [
        {"id": "T-DOCUMENT-0001", "event": "DOCUMENT", "eventText": "notes"},
        {"id": "T-ASSAULT-0002", "event": "ASSAULT", "text": ASSAULT,
         "source": [{"actorText": "Rebels", "code": "REB"}],
         "target": [{"actorText": "villagers", "code": "CVL"}],
         "textInfo": {"markup": "(SRC: Rebels) (EVT: attacked) (TAR: villagers) ..."}},
        {"id": "T-AGREE-0003", "event": "AGREE", "text": AGREE,
         "source": [{"actorText": "Ruritania"}, {"actorText": " Freedonia"}], "target": "",
         "textInfo": {"markup": "(SRC/TAR: Ruritania) and (SRC/TAR: Freedonia) agreed ..."}},
    ]  # fmt: skip


def _event(kind: EventType, quote: str, *actors: tuple[str, ActorRole]) -> DraftEvent:
    refs = [DraftActorRef(name=n, role=r) for n, r in actors]
    return DraftEvent(type=kind, description="?", actors=refs, evidence=[quote])


def _summary(*events: DraftEvent) -> ArticleSummary:
    return ArticleSummary(headline="h", lede="l", key_points=[], events=list(events))


def _run(tmp_path: Path, drafts: dict[str, ArticleSummary]) -> Any:
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(_records()), encoding="utf-8")

    def answer(article: Article) -> ArticleSummary:
        return drafts[article.text]

    return evaluate_plover(Scripted(answer), path).totals()


def _agreed() -> ArticleSummary:
    return _summary(
        _event(EventType.AGREEMENT, AGREE, ("Ruritania", ActorRole.PARTICIPANT),
               ("Freedonia", ActorRole.PARTICIPANT))
    )  # fmt: skip


def test_scoring_two_records(tmp_path: Path) -> None:
    attack = _event(EventType.ATTACK, ASSAULT, ("Rebels", ActorRole.AGENT),
                    ("villagers", ActorRole.VICTIM))  # fmt: skip
    statement = _event(EventType.STATEMENT, ASSAULT)  # no PLOVER row: not judged
    totals = _run(tmp_path, {ASSAULT: _summary(attack, statement), AGREE: _agreed()})
    assert totals["records"] == 2 and totals["invalid_spans"] == 0
    assert totals["event_type_recall"] == totals["event_type_precision"] == 1.0
    assert totals["gold_actors"] == 4 and totals["actor_recall"] == 1.0
    # The agreement is two-sided: only the assault's source and target are scored.
    assert totals["roles"]["total"]["right"] == 2 and totals["role_recall"] == 1.0
    assert totals["swap_rate"] == 0.0


def test_a_target_given_as_the_agent_is_a_swap(tmp_path: Path) -> None:
    attack = _event(EventType.ATTACK, ASSAULT, ("Rebels", ActorRole.TARGET),
                    ("villagers", ActorRole.AGENT))  # fmt: skip
    totals = _run(tmp_path, {ASSAULT: _summary(attack), AGREE: _agreed()})
    assert totals["roles"]["per_role"]["source"]["swapped"] == 1
    assert totals["roles"]["per_role"]["target"]["swapped"] == 1
    assert totals["swap_rate"] == 1.0 and totals["role_recall"] == 0.0


def test_a_wrong_type_and_missing_actors_lower_the_scores(tmp_path: Path) -> None:
    protest = _event(EventType.PROTEST, ASSAULT, ("police", ActorRole.AGENT))
    totals = _run(tmp_path, {ASSAULT: _summary(protest), AGREE: _summary()})
    assert totals["event_type_recall"] == 0.0 and totals["event_type_precision"] == 0.0
    assert totals["actor_recall"] == 0.0
    roles = totals["roles"]["total"]
    assert (roles["missed"], roles["unreached"]) == (2, 0)


@pytest.mark.skipif(not GOLD.exists(), reason="../shared/eval/plover is not beside the repo")
def test_the_offline_provider_on_a_slice_of_plover() -> None:
    totals = evaluate_plover(OfflineProvider(), GOLD, limit=30).totals()
    assert totals["records"] == 30 and totals["failed_records"] == 0
    assert totals["invalid_spans"] == 0 and totals["grounding_rate"] == 1.0
    assert 0.0 < totals["actor_recall"] <= 1.0
