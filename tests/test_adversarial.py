"""A model that bends the facts, against the real openai client and instructor.

The loopback server (``tests.fakeserver``, strict) answers with real quotes whose words were
changed, with quotes too short to carry a fact, and with real quotes carrying invented or
swapped names, sources, places, times and numbers. Each answer is re-asked; what the re-ask
repeats is dropped and reported; the request count is asserted every time. A property test then
throws arbitrary drafts at the assembly and checks that no such field survives outside its
evidence.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.draft import ArticleSummary
from summarizer.grounding.assemble import assemble
from summarizer.input.clean import clean
from summarizer.schema import StructuredSummary
from tests.conftest import PUBLISHED, example
from tests.fakeserver import FakeOpenAI, Reply, completion
from tests.test_faults import summarizer

ARTICLE = example("conflict")
TEXT = clean(ARTICLE).text
TITLE_LINE = ARTICLE.splitlines()[0]

DIED = (
    "Seoul’s spy agency said on Friday that a North Korean soldier captured by Ukrainian forces "
    "had died of his wounds"
)
YONHAP = "Yonhap news agency reported on Thursday, citing a lawmaker who attended a closed briefing"
DENIED = (
    "Russia’s defence ministry has denied that North Korean troops are fighting on Russian "
    "territory"
)
AT_LEAST = "at least 100 North Korean soldiers had been killed and about 1,000 injured"
ZELENSKYY = "Ukraine’s president, Volodymyr Zelenskyy, said this week that close to 3,000"


def event(evidence: list[str], **fields: Any) -> dict[str, Any]:
    return {
        "type": "statement",
        "description": "A report on the war.",
        "actors": [],
        "quantities": [],
        "certainty": "reported",
        "evidence": evidence,
    } | fields


def summary(*events: dict[str, Any], **fields: Any) -> dict[str, Any]:
    return {
        "headline": "North Korean soldier dies after capture",
        "lede": "A captured North Korean soldier has died of his wounds, Seoul's spy agency said.",
        "key_points": [{"text": "The soldier died of his wounds.", "evidence": [DIED]}],
        "events": list(events),
        "actors": [],
        "claims": [],
    } | fields


def serve(fake: FakeOpenAI, *answers: dict[str, Any]) -> None:
    def replying(payload: dict[str, Any]) -> Callable[[dict[str, Any]], Reply]:
        return lambda request: Reply(body=completion(request, payload))

    fake.add(*(replying(payload) for payload in answers))


def run(fake: FakeOpenAI) -> StructuredSummary:
    with summarizer(fake) as s:
        return s.summarize(ARTICLE, published=PUBLISHED["conflict"])


def reask_message(fake: FakeOpenAI, request: int) -> str:
    """What the model was told after its answer failed validation."""
    return " ".join(str(m.get("content") or "") for m in fake.requests[request]["messages"][2:])


FLIPPED = {
    "did not say → did say": "He did say how the figure was reached",
    "denied → confirmed": DENIED.replace("has denied", "has confirmed"),
    "at least → at most": AT_LEAST.replace("at least", "at most"),
    "Thursday → Monday": YONHAP.replace("Thursday", "Monday"),
    "died → survived": DIED.replace("had died", "had survived"),
    "Ukrainian → Russian": DIED.replace("Ukrainian", "Russian"),
    "a word added": DIED.replace("soldier captured", "soldier reportedly captured"),
}


def test_quotes_with_one_meaning_word_changed_are_never_grounded(fake: FakeOpenAI) -> None:
    flipped = summary(
        *(event([quote], description=f"Flipped: {kind}.") for kind, quote in FLIPPED.items()),
        claims=[
            {
                "statement": "Russia confirmed its ally's troops are fighting.",
                "attribution": {"source": "Russia’s defence ministry", "kind": "military"},
                "certainty": "confirmed",
                "evidence": [FLIPPED["denied → confirmed"]],
            }
        ],
    )
    serve(fake, flipped, flipped, flipped)  # the answer and both re-asks
    result = run(fake)
    assert len(fake.requests) == 3 and result.metadata.attempts.reasks == 2
    assert result.events == [] and result.claims == []
    assert result.metadata.grounding.dropped == len(FLIPPED) + 1
    dropped = {d.path: d for d in result.diagnostics.dropped}
    assert set(dropped) == {f"events[{i}]" for i in range(len(FLIPPED))} | {"claims[0]"}
    assert all("quote not in the article" in d.reason for d in dropped.values())
    # Each flipped quote was named to the model in the re-ask.
    assert all(quote in reask_message(fake, 1) for quote in FLIPPED.values())


def test_a_full_stop_or_a_bare_name_supports_nothing(fake: FakeOpenAI) -> None:
    bare = summary(
        event(["."], description="Something happened."),
        event(["Russia"], description="Russia did something."),
        event([DIED], quantities=[{"counted": "killed", "text": "100", "evidence": ["Russia"]}]),
        key_points=[{"text": "Russia.", "evidence": ["Russia’s defence ministry"]}],
    )
    serve(fake, bare, bare, bare)
    result = run(fake)
    assert len(fake.requests) == 3
    assert len(result.events) == 1 and result.events[0].quantities == []
    assert result.key_points == []
    reasons = {d.path: d.reason for d in result.diagnostics.dropped}
    assert set(reasons) == {"events[0]", "events[1]", "events[2].quantities[0]", "key_points[0]"}
    assert all("too short to support a fact" in r for r in reasons.values())


def invented() -> dict[str, Any]:
    """Real quotes; every name, source, place and time on them invented or borrowed."""
    return summary(
        event(
            [DIED],
            type="death",
            description="A captured soldier died.",
            actors=[
                {"name": "Kim Jong Un", "role": "agent"},
                {"name": "North Korean soldier", "role": "victim"},
            ],
            attribution={"source": "CNN", "kind": "news_agency"},
            where="Paris",
            when="on Christmas Eve",
            certainty="confirmed",
        ),
        event(
            [YONHAP],
            description="A lawmaker briefed the news agency.",
            # A real name of the article, but not in this item's evidence.
            attribution={"source": "Volodymyr Zelenskyy", "kind": "official"},
            actors=[{"name": "Joe Biden", "role": "agent"}],
        ),
        event(
            [AT_LEAST],
            type="death",
            description="At least 100 soldiers were killed.",
            quantities=[
                {"counted": "killed", "of_whom": "Russian conscripts", "text": "at least 100",
                 "attribution": {"source": "he", "kind": "official"}, "evidence": [AT_LEAST]},
            ],
        ),
    )  # fmt: skip


def fixed() -> dict[str, Any]:
    """What a good model sends back when told: the fields as its evidence writes them."""
    return summary(
        event(
            [DIED],
            type="death",
            description="A captured soldier died.",
            actors=[{"name": "North Korean soldier", "role": "victim"}],
            attribution={"source": "Seoul’s spy agency", "kind": "intelligence"},
            when="on Friday",
        ),
        event(
            [YONHAP, ZELENSKYY],
            description="A lawmaker briefed the news agency.",
            attribution={"source": "Yonhap news agency", "kind": "news_agency"},
        ),
    )


INVENTED_PATHS = {
    "events[0].actors[0]": "Kim Jong Un",
    "events[0].attribution": "CNN",
    "events[0].where": "Paris",
    "events[0].when": "on Christmas Eve",
    "events[1].actors[0]": "Joe Biden",
    "events[1].attribution": "Volodymyr Zelenskyy",
    "events[2].quantities[0].of_whom": "Russian conscripts",
    "events[2].quantities[0].attribution": "he",
}


def test_invented_fields_are_named_in_the_reask_and_a_fixed_answer_is_clean(
    fake: FakeOpenAI,
) -> None:
    serve(fake, invented(), fixed())
    result = run(fake)
    assert len(fake.requests) == 2 and result.metadata.attempts.reasks == 1
    told = reask_message(fake, 1)
    for path, value in INVENTED_PATHS.items():
        assert f'{path} "{value}"' in told
    assert result.diagnostics.dropped == []
    assert result.metadata.grounding.fields_dropped == 0
    assert result.events[1].attribution is not None
    assert result.events[1].attribution.source == "Yonhap news agency"


def test_invented_fields_the_reasks_repeat_are_removed_and_reported(fake: FakeOpenAI) -> None:
    serve(fake, invented(), invented(), invented())
    result = run(fake)
    assert len(fake.requests) == 3 and result.metadata.attempts.reasks == 2
    dropped = {d.path: d for d in result.diagnostics.dropped}
    assert {path: d.value for path, d in dropped.items()} == INVENTED_PATHS
    assert dropped["events[2].quantities[0].attribution"].reason.startswith(
        "the source is a pronoun, not a name"
    )
    del dropped["events[2].quantities[0].attribution"]
    assert all(d.reason.endswith("is not in its evidence") for d in dropped.values())
    death, briefing, killed = result.events  # the items stay, without the invented fields
    assert [a.name for a in death.actors] == ["North Korean soldier"]
    assert (death.attribution, death.where, death.when) == (None, None, None)
    assert briefing.actors == [] and briefing.attribution is None
    quantity = killed.quantities[0]
    assert (quantity.of_whom, quantity.attribution, quantity.low) == (None, None, 100)
    grounding = result.metadata.grounding
    assert grounding.fields_dropped == len(INVENTED_PATHS) and grounding.fields > len(
        INVENTED_PATHS
    )
    text = result.model_dump_json(include={"events", "claims", "actors"})
    for value in ("Kim Jong Un", "CNN", "Paris", "Christmas", "Biden", "Zelenskyy", "conscripts"):
        assert value not in text


def test_invented_numbers_drop_the_item_or_replace_the_headline(fake: FakeOpenAI) -> None:
    inventing = summary(
        event([DIED], description="About 4,000 troops were lost."),
        event([DIED], description="A soldier died."),
        headline="4,000 North Korean troops killed",
        lede="Seoul says 7 soldiers died.",
        key_points=[
            {"text": "At least 100 were killed.", "evidence": [AT_LEAST]},
            {"text": "At least 150 were killed.", "evidence": [AT_LEAST]},
        ],
        claims=[
            {
                "statement": "Ukraine says 3,500 North Koreans were hit.",
                "attribution": {"source": "Ukraine’s president", "kind": "official"},
                "evidence": [ZELENSKYY],
            }
        ],
    )
    serve(fake, inventing, inventing, inventing)
    result = run(fake)
    assert len(fake.requests) == 3
    assert result.headline == TITLE_LINE
    assert result.lede.startswith("Seoul’s spy agency said on Friday")
    assert [e.description for e in result.events] == ["A soldier died."]
    assert [p.text for p in result.key_points] == ["At least 100 were killed."]
    assert result.claims == []
    paths = {d.path for d in result.diagnostics.dropped}
    assert paths == {"headline", "lede", "events[0]", "key_points[1]", "claims[0]"}
    assert any("headline" in w for w in result.diagnostics.warnings)


# The property: whatever the draft, no name-like field survives outside its item's evidence.
SENTENCES = [s for s in re.findall(r"\S[^\n]*?[.!?](?=\s|$)", TEXT) if len(s.split()) >= 6]
VALUES = [
    "Kim Jong Un", "CNN", "Paris", "he", "they", "Seoul’s spy agency", "Yonhap", "Kursk",
    "Ukraine’s president", "on Friday", "this week", "in June", "North Korean troops", "Russia",
    "Russian", "Volodymyr Zelenskyy", "the intelligence service", "Pyongyang", "", "  ", ".",
    "He said", "himself", "the", "on", "said", "Friday", "June", "killed", "north korean troops",
]  # fmt: skip
values = st.sampled_from(VALUES)
quotes = st.lists(st.sampled_from(SENTENCES), min_size=0, max_size=2)
attribution = st.builds(lambda source: {"source": source, "kind": "other"}, values) | st.none()
draft_quantity = st.builds(
    lambda of_whom, a, ev: {"counted": "other", "of_whom": of_whom, "text": "3,000",
                            "attribution": a, "evidence": ev},
    values | st.none(), attribution, quotes,
)  # fmt: skip
draft_event = st.builds(
    lambda names, a, where, when, qs, ev: event(
        ev, actors=[{"name": n, "role": "agent"} for n in names], attribution=a, where=where,
        when=when, quantities=qs,
    ),
    st.lists(values, max_size=3), attribution, values | st.none(), values | st.none(),
    st.lists(draft_quantity, max_size=2), quotes,
)  # fmt: skip


_PLAIN = str.maketrans({"\u2019": "'", "\u2018": "'"})


def _stands_in(value: str, evidence: list[str]) -> bool:
    """An oracle of its own (not the aligner's folding): the value, or it without a leading
    "the/in/on", lower-cased, as whole words that no apostrophe or hyphen joins to another."""
    if not re.search(r"\w", value) or value.lower().split()[0] in {"he", "they", "himself"}:
        return False
    forms = {value, re.sub(r"^(?:the|in|on)\s+", "", value, flags=re.I)}
    return any(
        re.search(
            rf"(?<![\w'-]){re.escape(form.lower().translate(_PLAIN))}(?![\w]|-\w|'(?!s\b)\w)",
            " ".join(quote.lower().translate(_PLAIN).split()),
        )
        for form in forms
        for quote in evidence
    )


FIELDS = ("attribution", "where", "when")


@settings(max_examples=150, deadline=None)
@given(st.lists(draft_event, min_size=1, max_size=4))
def test_no_field_survives_outside_its_evidence(events: list[dict[str, Any]]) -> None:
    draft = ArticleSummary.model_validate(summary(*events))
    facts = assemble(draft, TEXT, None)
    for e in facts.events:
        evidence = [x.quote for x in e.evidence]
        named = [a.name for a in e.actors]
        named += [e.attribution.source] if e.attribution else []
        named += [e.where.text] if e.where else []
        named += [e.when.text] if e.when else []
        assert all(_stands_in(v, evidence) for v in named), (named, evidence)
        for q in e.quantities:
            own = [x.quote for x in q.evidence]
            assert q.of_whom is None or _stands_in(q.of_whom, own)
            assert q.attribution is None or _stands_in(q.attribution.source, own)
    # Nothing removed silently: each field given is kept, or listed with its path and value.
    listed = {d.path: d.value for d in facts.dropped}
    kept = [i for i in range(len(events)) if f"events[{i}]" not in listed]
    assert len(kept) == len(facts.events)
    for i, out in zip(kept, facts.events, strict=True):
        given_event = events[i]
        names = [a["name"] for a in given_event["actors"]]
        removed = [
            v
            for k in range(len(names))
            if (v := listed.get(f"events[{i}].actors[{k}]")) is not None
        ]
        assert sorted([a.name for a in out.actors] + removed) == sorted(names)
        values = {
            "attribution": (given_event["attribution"] or {}).get("source"),
            "where": given_event["where"],
            "when": given_event["when"],
        }
        for name, value in values.items():
            if value is None or (not value.strip() and name != "attribution"):
                continue
            present = getattr(out, name) is not None
            assert present or listed.get(f"events[{i}].{name}") == value, (name, value)
