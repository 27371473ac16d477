"""RAMS-format scoring: detokenised windows, one annotated event, roles and says-who."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from summarizer.draft import ArticleSummary, DraftActorRef, DraftAttribution, DraftEvent
from summarizer.evaluation.rams import as_document, detokenise, evaluate_rams
from summarizer.input.article import Article
from summarizer.providers.offline.provider import OfflineProvider
from summarizer.schema import ActorRole, EventType, SourceKind
from tests.conftest import ROOT
from tests.scripted import Scripted

TEST_HALF = ROOT.parent / "shared" / "eval" / "rams" / "test_half_a.jsonlines"


def _tokens(sentence: str) -> list[str]:
    return sentence.split(" ")


# Windows of our own in RAMS's layout: tokenised sentences, one event, role spans over
# window token indices (inclusive).
ATTACK = [
    _tokens("Gunmen attacked a convoy near the pro - government town on Monday ."),
    _tokens("The police chief ’s office said two guards were killed ."),
    ['"', "We", "will", "find", "them", ",", '"', "he", "said", "."],
]
SPEECH = [
    _tokens("The police chief said the road would stay closed ."),
    _tokens("Traffic was diverted ."),
]


def _window(key: str, sentences: list[list[str]], kind: str, trigger: int,
            links: list[tuple[int, int, str]]) -> dict[str, Any]:  # fmt: skip
    return {
        "doc_key": key,
        "sentences": sentences,
        "evt_triggers": [[trigger, trigger, [[kind, 1.0]]]],
        "gold_evt_links": [[[trigger, trigger], [s, e], role] for s, e, role in links],
        "ent_spans": [],
    }


def _attack() -> dict[str, Any]:
    return _window("attack", ATTACK, "conflict.attack.n/a", 1,
                   [(0, 0, "evt001arg01attacker"), (2, 3, "evt001arg02target"),
                    (4, 9, "evt001arg04place"), (31, 31, "evt001arg01attacker")])  # fmt: skip


def _speech() -> dict[str, Any]:
    return _window("speech", SPEECH, "contact.publicstatementinperson.n/a", 3,
                   [(1, 2, "evt002arg01communicator")])  # fmt: skip


def _line(tokens: list[str]) -> str:
    return detokenise(tokens)[0]


def _summary(*events: DraftEvent) -> ArticleSummary:
    return ArticleSummary(headline="h", lede="l", key_points=[], events=list(events))


def _attack_event(gunmen: ActorRole = ActorRole.AGENT) -> DraftEvent:
    return DraftEvent(
        type=EventType.ATTACK,
        description="Gunmen attacked a convoy.",
        actors=[
            DraftActorRef(name="Gunmen", role=gunmen),
            DraftActorRef(name="convoy", role=ActorRole.TARGET),
        ],
        evidence=[_line(ATTACK[0])],
    )


def _speech_event(source: str) -> DraftEvent:
    return DraftEvent(
        type=EventType.STATEMENT,
        description="The road stays closed.",
        attribution=DraftAttribution(source=source, kind=SourceKind.OFFICIAL),
        evidence=[_line(SPEECH[0])],
    )


def _run(tmp_path: Path, drafts: dict[str, ArticleSummary], limit: int | None = None) -> Any:
    """Score the two windows, each answered by the draft for its first sentence."""
    path = tmp_path / "rams.jsonlines"
    path.write_text("".join(json.dumps(w) + "\n" for w in (_attack(), _speech())), "utf-8")

    def answer(article: Article) -> ArticleSummary:
        return drafts[article.text.splitlines()[0]]

    return evaluate_rams(Scripted(answer), path, limit=limit).totals()


def _drafts(attack: ArticleSummary, speech: ArticleSummary) -> dict[str, ArticleSummary]:
    return {_line(ATTACK[0]): attack, _line(SPEECH[0]): speech}


def test_tokens_are_detokenised_and_keep_their_offsets() -> None:
    text, offsets = detokenise(ATTACK[2])
    assert text == '"We will find them," he said.'
    assert [text[s:e] for s, e in offsets] == ATTACK[2]
    assert _line(ATTACK[0]) == "Gunmen attacked a convoy near the pro-government town on Monday."
    assert _line(ATTACK[1]) == "The police chief’s office said two guards were killed."
    doc = as_document(_attack())
    assert doc["text"].count("\n") == 2
    for tokens, line in doc["sentences"]:
        assert line in doc["text"]
        assert all(doc["text"][s:e] == t for t, s, e in tokens)


def test_a_quote_can_close_in_the_next_sentence() -> None:
    window = _window("q", [['"', "Stay", "."], ["Go", ".", '"'], ["He", "left", "."]],
                     "life.die.n/a", 0, [])  # fmt: skip
    assert as_document(window)["text"] == '"Stay.\nGo."\nHe left.'


def test_scoring_two_windows(tmp_path: Path) -> None:
    totals = _run(tmp_path, _drafts(_summary(_attack_event()), _summary(_speech_event("police"))))
    assert totals["windows"] == 2 and totals["invalid_spans"] == 0
    assert totals["event_type_recall"] == 1.0 and totals["event_type_precision_near"] == 1.0
    roles = totals["roles"]["per_role"]
    # The pronoun attacker "he" is left out; the place has no role of ours.
    assert roles["attacker"] == {"right": 1, "swapped": 0, "missed": 0, "unreached": 0,
                                 "other_type": 0, "role_recall": 1.0, "swap_rate": 0.0}  # fmt: skip
    assert roles["target"]["right"] == 1 and set(roles) == {"attacker", "target"}
    assert totals["gold_communicators"] == 1 and totals["says_who_recall"] == 1.0


def test_a_swapped_attacker_and_a_wrong_source_are_counted(tmp_path: Path) -> None:
    drafts = _drafts(
        _summary(_attack_event(gunmen=ActorRole.VICTIM)), _summary(_speech_event("residents"))
    )
    totals = _run(tmp_path, drafts)
    assert totals["roles"]["per_role"]["attacker"]["swapped"] == 1
    assert totals["swap_rate"] == 0.5 and totals["role_recall"] == 0.5
    assert totals["says_who_recall"] == 0.0


def test_precision_counts_only_our_events_on_the_trigger_sentence(tmp_path: Path) -> None:
    elsewhere = DraftEvent(type=EventType.DEATH, description="?", evidence=[_line(ATTACK[1])])
    here = DraftEvent(type=EventType.ACCIDENT, description="?", evidence=[_line(ATTACK[0])])
    unmapped = DraftEvent(type=EventType.OTHER, description="?", evidence=[_line(ATTACK[0])])
    attack = _summary(_attack_event(), elsewhere, here, unmapped)
    totals = _run(tmp_path, _drafts(attack, _summary(_speech_event("police"))), limit=1)
    assert totals["windows"] == 1 and totals["events"] == 4
    # The attack is right and the accident wrong; the death is on another sentence and
    # "other" has no RAMS counterpart, so neither is judged.
    assert totals["near_events"] == 2 and totals["event_type_precision_near"] == 0.5


def test_window_precision_asks_whether_the_annotated_type_is_among_ours(tmp_path: Path) -> None:
    # "Gunmen attacked …": our attack is the annotated event; a death we also read there may
    # be another, unannotated happening, so the window is right while the lower bound halves.
    also = DraftEvent(type=EventType.DEATH, description="?", evidence=[_line(ATTACK[0])])
    wrong = DraftEvent(type=EventType.PROTEST, description="?", evidence=[_line(SPEECH[0])])
    drafts = _drafts(_summary(_attack_event(), also), _summary(_speech_event("police"), wrong))
    totals = _run(tmp_path, drafts)
    # The speech window's statement maps to its type, so both windows are right; the protest
    # there and the death count against the per-event figure only.
    assert totals["judged_windows"] == 2 and totals["event_type_precision"] == 1.0
    assert totals["near_events"] == 4 and totals["event_type_precision_near"] == 0.5
    only_wrong = _drafts(_summary(_attack_event()), _summary(wrong))
    totals = _run(tmp_path, only_wrong)
    assert totals["judged_windows"] == 2 and totals["event_type_precision"] == 0.5


def test_an_event_missed_leaves_its_roles_unreached(tmp_path: Path) -> None:
    late = _attack_event().model_copy(update={"evidence": [_line(ATTACK[1])]})
    totals = _run(tmp_path, _drafts(_summary(late), _summary(_speech_event("police"))))
    assert totals["event_type_recall"] == 0.5
    assert totals["roles"]["total"]["unreached"] == 2 and totals["role_recall"] == 0.0


@pytest.mark.skipif(not TEST_HALF.exists(), reason="../shared/eval/rams is not beside the repo")
def test_the_offline_provider_on_a_slice_of_rams() -> None:
    totals = evaluate_rams(OfflineProvider(), TEST_HALF, limit=40).totals()
    assert totals["windows"] == 40 and totals["failed_windows"] == 0
    assert totals["invalid_spans"] == 0 and totals["grounding_rate"] == 1.0
    assert 0.0 < totals["event_type_recall"] <= 1.0
    roles = totals["roles"]["total"]
    assert roles["right"] + roles["swapped"] + roles["missed"] > 0
