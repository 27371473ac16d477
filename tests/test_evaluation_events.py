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
    DraftAttribution,
    DraftClaim,
    DraftEvent,
    DraftKeyPoint,
    DraftQuantity,
)
from summarizer.evaluation.events import article_text, evaluate_events
from summarizer.evaluation.mapping import (
    KAIROS,
    PLOVER,
    RAMS,
    kairos_matches,
    plover_matches,
    rams_matches,
)
from summarizer.providers.offline.provider import OfflineProvider
from summarizer.schema import ActorKind, ActorRole, Counted, EventType, SourceKind
from tests.conftest import ROOT
from tests.scripted import Scripted

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
    report = evaluate_events(Scripted(_draft()), _write(tmp_path, [_doc()]))
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
    totals = evaluate_events(Scripted(draft), _write(tmp_path, [_doc()])).totals()
    assert totals["event_type_recall"] == 0.0
    assert totals["event_type_recall_document"] == 0.5
    assert totals["event_type_precision"] == 0.0
    assert totals["event_type_precision_document"] == 1.0


def _roles(draft: ArticleSummary, tmp_path: Path, doc: dict[str, Any] | None = None) -> Any:
    return evaluate_events(Scripted(draft), _write(tmp_path, [doc or _doc()])).totals()


def _with_actors(*actors: tuple[str, ActorRole]) -> ArticleSummary:
    draft = _draft()
    refs = [DraftActorRef(name=n, role=r) for n, r in actors]
    death = draft.events[0].model_copy(update={"actors": refs})
    return draft.model_copy(update={"events": [death, *draft.events[1:]]})


def test_roles_given_as_the_gold_has_them_are_right(tmp_path: Path) -> None:
    totals = _roles(_draft(), tmp_path)
    per_role = totals["roles"]["per_role"]
    assert per_role["killer"]["right"] == per_role["victim"]["right"] == 1
    assert totals["roles"]["total"] == {
        **{"right": 2, "swapped": 0, "missed": 0, "unreached": 0, "other_type": 0},
        **{"role_recall": 1.0, "swap_rate": 0.0},
    }
    assert totals["role_recall"] == 1.0 and totals["swap_rate"] == 0.0
    # The army speaks in the second sentence, but nothing of ours is attributed to it.
    assert totals["gold_communicators"] == 1 and totals["says_who_recall"] == 0.0


def test_a_victim_given_as_the_agent_is_a_swap(tmp_path: Path) -> None:
    draft = _with_actors(("Rebels", ActorRole.VICTIM), ("guards", ActorRole.AGENT))
    totals = _roles(draft, tmp_path)
    assert totals["swap_rate"] == 1.0 and totals["role_recall"] == 0.0
    assert totals["roles"]["per_role"]["killer"]["swapped"] == 1
    assert totals["roles"]["per_role"]["victim"]["swapped"] == 1


def test_one_swap_of_two_roles_is_half(tmp_path: Path) -> None:
    draft = _with_actors(("Rebels", ActorRole.AGENT), ("guards", ActorRole.TARGET))
    totals = _roles(draft, tmp_path)
    assert totals["swap_rate"] == 0.5 and totals["role_recall"] == 0.5


def test_a_name_present_as_participant_or_absent_is_missed_not_swapped(tmp_path: Path) -> None:
    draft = _with_actors(("Rebels", ActorRole.PARTICIPANT))
    total = _roles(draft, tmp_path)["roles"]["total"]
    assert (total["right"], total["swapped"], total["missed"]) == (0, 0, 2)
    assert total["swap_rate"] == 0.0


def test_roles_of_an_event_we_did_not_reach_are_unreached(tmp_path: Path) -> None:
    draft = _draft()
    moved = draft.events[0].model_copy(update={"evidence": [SENTENCES[1]], "quantities": []})
    # The statement sentence is reached by the death, moved there; the killing is not.
    totals = _roles(draft.model_copy(update={"events": [moved]}), tmp_path)
    assert totals["roles"]["total"]["unreached"] == 2
    assert totals["role_recall"] == 0.0


def test_the_preferred_candidate_is_the_event_of_the_gold_type(tmp_path: Path) -> None:
    # An attack on the same sentence names the rebels as a target; the death names them right.
    draft = _draft()
    attack = DraftEvent(
        type=EventType.ATTACK,
        description="?",
        actors=[DraftActorRef(name="Rebels", role=ActorRole.TARGET)],
        evidence=[SENTENCES[0]],
    )
    totals = _roles(draft.model_copy(update={"events": [*draft.events, attack]}), tmp_path)
    assert totals["roles"]["per_role"]["killer"]["right"] == 1
    assert totals["swap_rate"] == 0.0


def test_an_event_of_another_type_is_judged_when_none_of_the_gold_type_is_there(
    tmp_path: Path,
) -> None:
    draft = _draft()
    attack = draft.events[0].model_copy(update={"type": EventType.ATTACK, "quantities": []})
    total = _roles(draft.model_copy(update={"events": [attack]}), tmp_path)["roles"]["total"]
    assert (total["right"], total["other_type"]) == (2, 2)


def _said_by(source: str) -> DraftAttribution:
    return DraftAttribution(source=source, kind=SourceKind.MILITARY)


def test_says_who_is_the_source_of_an_event_quantity_or_claim_on_that_sentence(
    tmp_path: Path,
) -> None:
    draft = _draft()
    statement = DraftEvent(
        type=EventType.STATEMENT,
        description="The army spoke.",
        attribution=_said_by("The army"),
        evidence=[SENTENCES[1]],
    )
    with_event = draft.model_copy(update={"events": [*draft.events, statement]})
    assert _roles(with_event, tmp_path)["says_who_recall"] == 1.0
    claim = DraftClaim(statement="?", attribution=_said_by("army"), evidence=[SENTENCES[1]])
    assert _roles(draft.model_copy(update={"claims": [claim]}), tmp_path)["says_who_recall"] == 1.0
    # The right name on another sentence's evidence is not the source of this statement.
    elsewhere = claim.model_copy(update={"evidence": [SENTENCES[0]]})
    assert (
        _roles(draft.model_copy(update={"claims": [elsewhere]}), tmp_path)["says_who_recall"] == 0
    )
    quantity = (
        draft.events[0]
        .quantities[0]
        .model_copy(update={"attribution": _said_by("army"), "evidence": SENTENCES})
    )
    counted = draft.events[0].model_copy(update={"quantities": [quantity]})
    totals = _roles(draft.model_copy(update={"events": [counted]}), tmp_path)
    assert totals["says_who_recall"] == 1.0


def test_a_pronoun_argument_is_named_by_its_coreference_cluster(tmp_path: Path) -> None:
    doc = _doc()
    # The army's statement, its communicator now the pronoun: left out without coreference.
    doc["event_mentions"][1]["arguments"] = [{"entity_id": "T5", "role": "Communicator",
                                              "text": "it"}]  # fmt: skip
    claim = DraftClaim(statement="?", attribution=_said_by("the army"), evidence=[SENTENCES[1]])
    draft = _draft().model_copy(update={"claims": [claim]})
    totals = _roles(draft, tmp_path, doc)
    assert totals["gold_communicators"] == 0 and totals["resolved_pronouns"] == 0
    coref = tmp_path / "coref" / "gold.jsonlines"
    coref.parent.mkdir()
    entry = {"doc_key": "synthetic", "clusters": [["T4", "T5"], ["T1"]],
             "informative_mentions": ["army", "Rebels"]}  # fmt: skip
    coref.write_text(json.dumps(entry) + "\n", encoding="utf-8")
    totals = _roles(draft, tmp_path, doc)
    assert totals["gold_communicators"] == 1 and totals["resolved_pronouns"] == 1
    assert totals["says_who_recall"] == 1.0


def test_every_type_has_a_row_in_every_table() -> None:
    assert set(KAIROS) == set(PLOVER) == set(RAMS) == set(EventType)


def test_kairos_rows_match_their_subtypes_only() -> None:
    assert kairos_matches(EventType.ATTACK, "Conflict.Attack.DetonateExplode")
    assert not kairos_matches(EventType.ATTACK, "Conflict.Demonstrate.Unspecified")
    assert kairos_matches(EventType.STATEMENT, "Contact.Contact.Broadcast")
    assert kairos_matches(EventType.DEATH, "Life.Die.Unspecified")
    assert not kairos_matches(EventType.ELECTION, "Contact.Contact.Unspecified")


def test_rams_rows_match_their_subtypes_only() -> None:
    assert rams_matches(EventType.ATTACK, "conflict.attack.n/a")
    assert rams_matches(EventType.DEATH, "life.die.deathcausedbyviolentevents")
    assert rams_matches(EventType.DETENTION, "justice.arrestjaildetain.arrestjaildetain")
    assert rams_matches(EventType.STATEMENT, "contact.prevarication.broadcast")
    assert not rams_matches(EventType.ATTACK, "conflict.attacker.n/a")
    assert not rams_matches(EventType.DEATH, "life.injure.n/a")


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
    roles = totals["roles"]["total"]
    assert roles["right"] + roles["swapped"] + roles["missed"] > 0
    assert 0.0 < totals["role_recall"] <= 1.0 and 0.0 <= totals["swap_rate"] < 1.0


def test_rams_movement_subtypes_map_by_what_they_are() -> None:
    # Being jailed is "preventing exit" in RAMS: a detention, not a deployment.
    assert rams_matches(EventType.DETENTION, "movement.transportperson.preventexit")
    assert not rams_matches(EventType.DEPLOYMENT, "movement.transportperson.preventexit")
    assert rams_matches(EventType.DEPLOYMENT, "movement.transportartifact.n/a")
    assert rams_matches(EventType.LEGAL, "movement.transportartifact.smuggleextract")
    assert rams_matches(EventType.ECONOMIC, "movement.transportartifact.sendsupplyexport")
    assert rams_matches(EventType.ATTACK, "artifactexistence.damagedestroy.destroy")
    assert not any(rams_matches(t, "personnel.endposition.quitretire") for t in EventType)


def test_rams_hangings_are_deaths_and_unspecified_flight_is_displacement() -> None:
    assert rams_matches(EventType.DEATH, "conflict.attack.hanging")
    assert rams_matches(EventType.DISPLACEMENT, "movement.transportperson.n/a")
    assert not rams_matches(EventType.DISPLACEMENT, "movement.transportperson.preventexit")
