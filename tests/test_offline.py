"""The offline provider: rule-based extraction into the same draft the LLM fills.

Sentences here are written for these tests; the example articles are the project's own.
"""

from __future__ import annotations

import asyncio
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.draft import ArticleSummary, DraftEvent
from summarizer.input.article import Article
from summarizer.input.load import from_text
from summarizer.pipeline import run
from summarizer.providers.offline.extractor import build_draft
from summarizer.providers.offline.provider import OfflineProvider
from summarizer.providers.offline.sentences import split_sentences
from summarizer.schema import (
    ActorKind,
    ActorRole,
    Certainty,
    Counted,
    EventType,
    Qualifier,
    SourceKind,
    Speech,
    StructuredSummary,
)
from tests.conftest import PUBLISHED, example


def events_of(text: str) -> list[DraftEvent]:
    return build_draft(text).events


def types_of(text: str) -> set[EventType]:
    return {e.type for e in events_of(text)}


def only(text: str, kind: EventType) -> DraftEvent:
    found = [e for e in events_of(text) if e.type is kind]
    assert len(found) == 1, [e.type for e in events_of(text)]
    return found[0]


def assert_grounded(result: StructuredSummary) -> None:
    text = result.source.text
    evidence = [q for e in result.events for q in e.evidence]
    evidence += [q for e in result.events for x in e.quantities for q in x.evidence]
    evidence += [q for a in result.actors for q in a.evidence]
    evidence += [q for c in result.claims for q in c.evidence]
    assert evidence
    assert all(text[q.start : q.end] == q.quote for q in evidence)
    assert result.metadata.grounding.dropped == 0
    assert result.diagnostics.dropped == []


# ------------------------------------------------------------------------------ provider


def test_provider_names_itself_and_asks_for_no_mode() -> None:
    provider = OfflineProvider()
    assert (provider.name, provider.model, provider.mode) == ("offline", "offline-rules-1", None)


def test_extract_returns_a_draft_and_no_requests() -> None:
    extraction = OfflineProvider().extract(
        Article(text="Gunmen killed four guards at a mine in Ituri province on Sunday.")
    )
    assert isinstance(extraction.draft, ArticleSummary)
    assert extraction.stats.requests == 0
    assert [e.type for e in extraction.draft.events] == [EventType.DEATH]


def test_aextract_gives_the_same_draft() -> None:
    article = Article(text="Police arrested nine men after the riot in the port city on Friday.")
    provider = OfflineProvider()
    sync = provider.extract(article)
    concurrent = asyncio.run(provider.aextract(article))
    assert concurrent.draft == sync.draft


_PIECES = st.sampled_from(
    [*"ab XZ.,;:!?'\"’“”-–—()[]0189$%\n", "killed ", "said ", "Police ", "at least ",
     "on Friday ", "Mr. ", "U.S. ", "’s ", "the ", "attack ", "北京 ", "Jiří "]
)  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.lists(_PIECES, max_size=50).map("".join))
def test_any_text_gives_quotes_found_in_it(text: str) -> None:
    draft = build_draft(text)
    assert all(quote in text for _, quote in draft.quotes())
    assert all(q.text in q.evidence[0] for e in draft.events for q in e.quantities)


def test_the_same_text_gives_the_same_draft() -> None:
    text = example("conflict")
    assert build_draft(text) == build_draft(text)


# ------------------------------------------------------------------------------ sentences


def test_sentences_keep_their_offsets_and_skip_abbreviations() -> None:
    text = 'Gen. Ruiz met U.S. envoys.He left at noon. "Why now?" Ruiz asked.\nA new line'
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "Gen. Ruiz met U.S. envoys.",
        "He left at noon.",
        '"Why now?" Ruiz asked.',
        "A new line",
    ]
    assert all(text[s.start : s.end] == s.text for s in sentences)


# ------------------------------------------------------------------------------ lexicons


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Two fishermen died when their boat overturned off the coast on Monday.", "death"),
        ("Rebels killed eleven villagers in an overnight raid, the army said.", "death"),
        ("Five workers were injured when a crane toppled at the port.", "injury"),
        ("Gunmen attacked a police checkpoint outside the town on Tuesday.", "attack"),
        ("Artillery shelling hit the northern suburbs for a third night.", "attack"),
        ("Police arrested 14 protesters outside the parliament building.", "detention"),
        ("The rebels freed three aid workers late on Sunday.", "release"),
        ("The government deployed 2,000 troops to the border region.", "deployment"),
        ("More than 10,000 residents fled their homes as the water rose.", "displacement"),
        ("Thousands of teachers rallied in the capital to demand higher pay.", "protest"),
        ("The foreign minister warned of further retaliation against the rebels.", "statement"),
        ("The convoy arrived in the capital late on Sunday after a long drive.", "deployment"),
        ("The two companies signed a supply agreement worth $40 million.", "agreement"),
        ("The foreign ministers met in Geneva for two days of talks.", "meeting"),
        ("Voters in the province elected a new governor on Sunday.", "election"),
        ("A court in Oslo convicted the former mayor of fraud.", "legal"),
        ("The European Union imposed sanctions on three shipping firms.", "policy"),
        ("Quarterly revenue rose 8% to $3.1 billion, the company said.", "economic"),
        ("An earthquake struck the northern province early on Saturday.", "disaster"),
        ("A passenger train derailed near the station, injuring 12 people.", "accident"),
    ],
)
def test_each_lexicon_family_gives_its_event_type(text: str, kind: str) -> None:
    assert EventType(kind) in types_of(text)


def test_inflections_trigger_like_the_base_word() -> None:
    for verb in ("kills", "killing", "killed"):
        assert EventType.DEATH in types_of(f"The militia {verb} the two guards at the depot.")


def test_a_negated_trigger_is_no_event() -> None:
    assert types_of("There were no casualties among the crew of the ship.") == set()


def test_an_earthquake_that_struck_is_no_attack() -> None:
    assert types_of("A strong earthquake struck the coast early on Saturday.") == {
        EventType.DISASTER
    }


def test_a_labour_strike_is_a_protest_not_an_attack() -> None:
    kinds = types_of("Dock workers began a 48-hour strike over pay on Monday.")
    assert EventType.PROTEST in kinds and EventType.ATTACK not in kinds


def test_an_explosion_with_an_industrial_cause_is_an_accident() -> None:
    kinds = types_of("A gas explosion at a chemical factory damaged three warehouses.")
    assert kinds == {EventType.ACCIDENT}


def test_released_photos_are_no_release() -> None:
    assert EventType.RELEASE not in types_of("Police released photos of the two suspects.")


def test_a_sentence_gives_one_event_per_type() -> None:
    kinds = [e.type for e in events_of("The blast killed six people and wounded 30 others.")]
    assert kinds.count(EventType.DEATH) == 1
    assert EventType.INJURY in kinds


def test_said_alone_is_not_an_event_trigger() -> None:
    draft = build_draft("The mayor said the new bridge would open in spring next year.")
    assert all(e.type is EventType.STATEMENT for e in draft.events)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("The gang beheaded a shopkeeper in the market square last week.", "death"),
        ("The old fisherman passed away at his home on the island.", "death"),
        ("Two farmers were beaten to death by a mob near the river.", "death"),
        ("Guards tortured the two prisoners for several days.", "injury"),
        ("A man punched the referee after the final whistle.", "injury"),
        ("Warplanes bombarded the hillside villages through the night.", "attack"),
        ("Pirates hijacked a cargo ship off the coast on Sunday.", "attack"),
        ("Masked men robbed a bank branch in the old town.", "attack"),
        ("Someone poisoned the village well, the elders said.", "attack"),
        ("Rioters torched two police cars near the stadium.", "attack"),
        ("The court ordered that the journalist be incarcerated for a year.", "detention"),
        ("The activist has been held incommunicado since March.", "detention"),
        ("Thousands of families migrated north after the harvest failed.", "deployment"),
        ("Two shipments of rifles reached the port last month.", "deployment"),
        ("The ministry is extraditing the two smugglers to Norway.", "legal"),
        ("The crew smuggled cigarettes across the lake.", "legal"),
        ("The assembly enacted a new water code in June.", "policy"),
        ("The foundation donated ten ambulances to the province.", "economic"),
        ("The bank lent the city $20 million for the new tramway.", "economic"),
        ("The farm exported most of its olive oil to Japan.", "economic"),
        ("The insurer paid the farmers $2 million after the storm.", "economic"),
        ("The ministers discussed the fishing quotas over dinner.", "meeting"),
        ("The two candidates clashed in a televised debate on Tuesday.", "meeting"),
        ("The minister promised cheaper bus fares for students.", "statement"),
        ("The panel recommended closing the old coal plant.", "statement"),
        ("The mayor lied about the cost of the new stadium.", "statement"),
        ("The landlord intimidated tenants who complained about the heating.", "statement"),
        ("The court sent the forger to prison for six years.", "detention"),
        ("The councillor received secret payments from a builder.", "economic"),
        ("The union negotiates a new contract with the mill every spring.", "meeting"),
        ("The mayor suggested a new bus route to the hospital.", "statement"),
        # A boycott refuses dealings, as a sanction does.
        ("Three countries boycotted the games over the invasion.", "policy"),
    ],
)
def test_general_verbs_and_nouns_of_each_type_trigger_it(text: str, kind: str) -> None:
    assert EventType(kind) in types_of(text)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # A trigger noun that modifies another noun names that thing.
        ("Visitors toured the former detention camps in the hills.", "detention"),
        ("A bomb threat emptied the railway station for an hour.", "attack"),
        # A happening still to come is no happening yet.
        ("The retired judge is awaiting trial in the capital.", "legal"),
        ("Her appeal hearing is set for the second week of June.", "legal"),
        # Idioms of paying are no payment.
        ("The president paid tribute to the nurses of the city.", "economic"),
        ("The minister paid a visit to the flooded school.", "economic"),
        ("The bank lent its support to the housing plan.", "economic"),
        # Plans are executed, data suggest, bills are proposed, senators storm out.
        ("The general executed the plan in two days.", "death"),
        ("The figures suggest a slowdown in the northern provinces.", "statement"),
        ("The proposed bridge would link the two islands.", "statement"),
        ("Demand for steel rose sharply in the second quarter.", "statement"),
        ("The senator stormed out of the committee room.", "attack"),
        ("The minister spoke with reporters outside the ministry.", "meeting"),
        # A reception, a penalty, a retort and a policy topic are no meeting, death,
        # attack or movement.
        ("The new tax was met with anger in the mountain villages.", "meeting"),
        ("Campaigners want the death penalty abolished in the state.", "death"),
        ("The spokesman shot back that the figures were simply wrong.", "attack"),
        ("Immigration controls were tightened at the ports last year.", "deployment"),
    ],
)
def test_modifiers_pending_acts_and_idioms_trigger_nothing(text: str, kind: str) -> None:
    assert EventType(kind) not in types_of(text)


def test_an_election_named_as_the_topic_is_no_election() -> None:
    assert EventType.ELECTION not in types_of("The city's elected officials met on Monday.")
    topic = "Ahead of next year's elections, the party chose a new spokeswoman."
    assert EventType.ELECTION not in types_of(topic)
    assert EventType.ELECTION in types_of("The opposition won the election by a wide margin.")
    assert EventType.ELECTION in types_of("Citizens of the island voted on a new constitution.")
    # A vote with its count is a result, and keeps the count.
    result = only("The ruling party took 52 percent of the vote in the north.", EventType.ELECTION)
    assert [q.text for q in result.quantities] == ["52 percent"]


def test_an_interview_or_news_conference_is_where_it_was_said_not_a_meeting() -> None:
    said = "The minister said in an interview that the ferry port would reopen in May."
    assert EventType.MEETING not in types_of(said)
    told = "The coach told a news conference that two players had been suspended."
    assert EventType.MEETING not in types_of(told)
    assert EventType.MEETING in types_of("The editor interviewed three former guards.")
    assert EventType.MEETING in types_of("The envoys were met by the mayor at the airport.")


def test_a_photo_caption_reports_no_event() -> None:
    assert types_of("FILE - Police arrest a man outside the court, March 3, 2019.") == set()


# ------------------------------------------------------------------------------ roles


def test_passive_victims_and_agents_after_by() -> None:
    event = only(
        "A local judge was killed by unidentified gunmen near the market.", EventType.DEATH
    )
    roles = {a.name: a.role for a in event.actors}
    assert roles["local judge"] is ActorRole.VICTIM
    assert roles["unidentified gunmen"] is ActorRole.AGENT


def test_active_agents_and_victims() -> None:
    event = only("Separatist fighters killed three Ukrainian soldiers on Monday.", EventType.DEATH)
    roles = {a.name: a.role for a in event.actors}
    assert roles["Separatist fighters"] is ActorRole.AGENT
    assert roles["Ukrainian soldiers"] is ActorRole.VICTIM


def test_coordinated_victims_share_the_role() -> None:
    event = only("Two nurses, a driver and four children were injured.", EventType.INJURY)
    assert [a.name for a in event.actors if a.role is ActorRole.VICTIM] == [
        "nurses",
        "driver",
        "children",
    ]


# ------------------------------------------------------------------------------ attribution


def test_a_possessive_spy_agency_said_on_friday_that() -> None:
    event = only(
        "Seoul's spy agency said on Friday that a North Korean soldier had died of his wounds.",
        EventType.DEATH,
    )
    assert event.attribution is not None
    assert event.attribution.source == "Seoul's spy agency"
    assert event.attribution.kind is SourceKind.INTELLIGENCE
    assert event.attribution.how is Speech.STATED
    assert event.when == "on Friday"
    assert event.certainty is Certainty.REPORTED


def test_a_trailing_agency_report() -> None:
    event = only(
        "Some 40,000 people have fled the fighting since Monday, the UN refugee agency reported.",
        EventType.DISPLACEMENT,
    )
    assert event.attribution is not None
    assert event.attribution.source == "UN refugee agency"
    assert event.attribution.kind is SourceKind.ORGANISATION
    assert event.attribution.how is Speech.REPORTED


def test_according_to_officials() -> None:
    event = only("The fire killed at least 41 people, according to officials.", EventType.DEATH)
    assert event.attribution is not None
    assert (event.attribution.source, event.attribution.kind) == ("officials", SourceKind.OFFICIAL)
    assert event.attribution.how is Speech.REPORTED


def test_an_inverted_speaker_with_a_title() -> None:
    draft = build_draft('"We will rebuild every house," said Mayor Ana Costa on Thursday.')
    assert draft.events == []  # a promise reported, not a happening: a claim
    (claim,) = draft.claims
    assert claim.attribution.source == "Mayor Ana Costa"
    assert claim.attribution.kind is SourceKind.OFFICIAL
    assert [(a.name, a.kind, a.description) for a in draft.actors] == [
        ("Ana Costa", ActorKind.PERSON, "Mayor")
    ]


def test_a_denial_is_disputed() -> None:
    event = only("The ministry denied that its forces had shelled the village.", EventType.ATTACK)
    assert event.attribution is not None and event.attribution.how is Speech.DENIED
    assert event.certainty is Certainty.DISPUTED


def test_unverifiable_figures_are_unverified() -> None:
    text = (
        "The rebels said they had killed 200 soldiers in the battle. "
        "The figure could not be independently verified."
    )
    assert only(text, EventType.DEATH).certainty is Certainty.UNVERIFIED


def test_a_confirmed_death() -> None:
    event = only("The army confirmed that two of its pilots died in the crash.", EventType.DEATH)
    assert event.certainty is Certainty.CONFIRMED


def test_pronouns_report_for_the_last_source() -> None:
    draft = build_draft(
        "Defence analyst Ruth Okafor said the drones came from the south. "
        "She said the strikes had destroyed two fuel depots near the airport."
    )
    attack = next(e for e in draft.events if e.type is EventType.ATTACK)
    assert attack.attribution is not None
    assert attack.attribution.source == "Defence analyst Ruth Okafor"
    assert attack.attribution.kind is SourceKind.EXPERT


# ------------------------------------------------------------------------------ actors


def test_people_with_titles_and_appositives() -> None:
    draft = build_draft(
        "Interior Minister Jonas Pell met Clara Mbeki, a researcher at a rights group, "
        "and chief executive Omar Haddad in Nairobi on Monday."
    )
    people = {a.name: a.description for a in draft.actors if a.kind is ActorKind.PERSON}
    assert people == {
        "Jonas Pell": "Interior Minister",
        "Clara Mbeki": "a researcher at a rights group",
        "Omar Haddad": "chief executive",
    }


def test_organisations_states_and_news_agencies() -> None:
    draft = build_draft(
        "The Ministry of Defence and NATO said Russia had moved troops, Nordpress reported. "
        "Kenya Airways said flights to Nairobi would resume."
    )
    kinds = {a.name: a.kind for a in draft.actors}
    assert kinds["Ministry of Defence"] is ActorKind.GOVERNMENT_BODY
    assert kinds["NATO"] is ActorKind.ORGANISATION
    assert kinds["Russia"] is ActorKind.STATE
    assert kinds["Nordpress"] is ActorKind.MEDIA
    assert kinds["Kenya Airways"] is ActorKind.ORGANISATION


def test_demonyms_make_national_groups() -> None:
    draft = build_draft(
        "Ukrainian forces shelled positions held by North Korean troops near the river. "
        "French President Anne Morel condemned the escalation."
    )
    kinds = {a.name: a.kind for a in draft.actors}
    assert kinds["Ukrainian forces"] is ActorKind.MILITARY
    assert kinds["North Korean troops"] is ActorKind.MILITARY
    assert ("Anne Morel", "French President") in {(a.name, a.description) for a in draft.actors}


def test_a_surname_is_the_person_named_in_full() -> None:
    draft = build_draft(
        "Prime Minister Ilse Varga arrived in Dravica on Tuesday. "
        "Varga told reporters the talks had gone well and would resume in June."
    )
    assert [a.name for a in draft.actors if a.kind is ActorKind.PERSON] == ["Ilse Varga"]


def test_a_name_that_owns_a_ministry_is_a_state() -> None:
    draft = build_draft(
        "Ostrevia's foreign ministry summoned the envoy. Ostrevia said the talks were over."
    )
    assert ("Ostrevia", ActorKind.STATE) in {(a.name, a.kind) for a in draft.actors}


def test_where_needs_a_place_word_before_it() -> None:
    event = only("Seven militants were killed in Afghanistan's Hollin province.",
                 EventType.DEATH)  # fmt: skip
    assert (event.where, event.country) == ("Afghanistan's Hollin province", "Afghanistan")


# ------------------------------------------------------------------------------ quantities


@pytest.mark.parametrize(
    ("text", "words", "counted"),
    [
        ("Close to 3,000 troops have been killed or wounded.", "Close to 3,000",
         Counted.KILLED_OR_INJURED),
        ("The flood killed at least 41 people in the valley.", "at least 41", Counted.KILLED),
        ("Between 10,000 and 12,000 troops were sent to the front.", "Between 10,000 and 12,000",
         Counted.DEPLOYED),
        ("Sales rose to $2.4 billion in the quarter.", "$2.4 billion", Counted.MONEY),
        ("Profit fell 12% from a year earlier, the firm said.", "12%", Counted.PERCENTAGE),
        ("Dozens of people are still missing after the landslide.", "Dozens", Counted.MISSING),
        ("Nearly 8,000 people were displaced by the floods.", "Nearly 8,000", Counted.DISPLACED),
        ("Police detained about 60 people after the riot.", "about 60", Counted.DETAINED),
    ],
)  # fmt: skip
def test_figures_keep_their_hedge_and_what_they_count(
    text: str, words: str, counted: Counted
) -> None:
    figures = [q for e in events_of(text) for q in e.quantities]
    assert [(q.text, q.counted) for q in figures] == [(words, counted)]
    assert all(words in q.evidence[0] for q in figures)


def test_two_figures_in_one_clause_count_different_things() -> None:
    event = only("The raid killed 9 villagers and wounded 48, medics said.", EventType.DEATH)
    injury = only("The raid killed 9 villagers and wounded 48, medics said.",
                  EventType.INJURY)  # fmt: skip
    assert [(q.text, q.counted) for q in event.quantities] == [("9", Counted.KILLED)]
    assert [(q.text, q.counted) for q in injury.quantities] == [("48", Counted.INJURED)]


def test_years_dates_times_and_ages_are_not_figures() -> None:
    text = (
        "On 4 October 1981, at 6.10am, a bomb killed Ana Ruiz, 34, and her 10-year-old son "
        "in Madrid, police said in 2019."
    )
    assert [q.text for e in events_of(text) for q in e.quantities] == []


# ------------------------------------------------------------------------------ pipeline


def test_the_pipeline_grounds_everything_and_resolves_dates() -> None:
    article = Article(
        text="Gunmen killed at least 12 villagers in Borno state on Friday, the army said. "
        "The attackers also abducted 30 women last week, residents told reporters.",
        published=date(2024, 12, 27),
    )
    result = run(article, OfflineProvider())
    assert result.metadata.provider == "offline"
    assert result.metadata.model == "offline-rules-1"
    assert_grounded(result)
    death = next(e for e in result.events if e.type is EventType.DEATH)
    assert death.when is not None and death.when.text == "on Friday"
    assert death.when.start == death.when.end == date(2024, 12, 27)
    (figure,) = death.quantities
    assert (figure.low, figure.high, figure.qualifier) == (12.0, None, Qualifier.AT_LEAST)
    abduction = next(e for e in result.events if e.type is EventType.DETENTION)
    assert abduction.when is not None and abduction.when.start == date(2024, 12, 16)


@pytest.mark.parametrize("name", ["conflict", "business", "politics", "disaster"])
def test_every_example_is_fully_grounded(name: str) -> None:
    article = from_text(example(name)).with_metadata(published=date.fromisoformat(PUBLISHED[name]))
    result = run(article, OfflineProvider())
    assert_grounded(result)
    assert result.events and result.actors
    assert 3 <= len(result.key_points) <= 6
    assert result.headline == article.title


def test_the_conflict_example() -> None:
    article = from_text(example("conflict")).with_metadata(published=date(2024, 12, 27))
    result = run(article, OfflineProvider())
    death = next(
        e
        for e in result.events
        if e.type is EventType.DEATH
        and e.attribution is not None
        and "Seoul’s spy agency" in e.attribution.source
    )
    assert death.when is not None and death.when.text == "on Friday"
    assert death.when.start == date(2024, 12, 27)
    assert ("North Korean soldier", ActorRole.VICTIM) in {(a.name, a.role) for a in death.actors}
    figures = {q.text: q for e in result.events for q in e.quantities}
    close = figures["close to 3,000"]
    assert close.counted is Counted.KILLED_OR_INJURED
    assert (close.high, close.qualifier) == (3000.0, Qualifier.NEARLY)
    assert close.attribution is not None and "Zelenskyy" in close.attribution.source
    assert figures["between 10,000 and 12,000"].counted is Counted.DEPLOYED
    assert result.lede.startswith("Seoul’s spy agency said on Friday")
    names = {a.name for a in result.actors}
    assert {"Volodymyr Zelenskyy", "Yonhap", "Seoul’s spy agency"} <= names


def test_the_disaster_example_counts_the_dead_and_the_displaced() -> None:
    article = from_text(example("disaster")).with_metadata(published=date(2025, 9, 16))
    result = run(article, OfflineProvider())
    figures = {q.text: q.counted for e in result.events for q in e.quantities}
    assert figures["at least 41"] is Counted.KILLED
    assert figures["Nearly 8,000"] is Counted.DISPLACED
    assert figures["Dozens"] is Counted.MISSING
    deployment = next(e for e in result.events if e.type is EventType.DEPLOYMENT)
    assert deployment.attribution is not None
    assert deployment.attribution.source == "Interior Minister Jonas Pell"


# ------------------------------------------------------------------------------ names by rule


def test_a_town_that_is_a_surname_named_in_full_is_the_person() -> None:
    draft = build_draft(
        "Senator Mara Preston visited the flooded district on Monday. "
        "Floods killed three people near the river, Preston said at a briefing."
    )
    death = next(e for e in draft.events if e.type is EventType.DEATH)
    assert death.attribution is not None
    assert death.attribution.source == "Preston"
    assert death.where is None
    assert "Preston" not in {a.name for a in draft.actors}


def test_an_outlet_is_known_by_what_it_is_not_by_a_list() -> None:
    draft = build_draft(
        "Gunmen killed four guards at a mine on Sunday, the Kessel Courier newspaper reported. "
        "Talks between the two sides resumed in the capital, Vantor news agency said."
    )
    kinds = {a.name: a.kind for a in draft.actors}
    assert kinds.get("Kessel Courier") is ActorKind.MEDIA
    assert kinds.get("Vantor") is ActorKind.MEDIA


# ------------------------------------------------------------------------------ speakers


def _speakers(text: str) -> dict[str, tuple[str, list[str]]]:
    """Each reported sentence's first four words → its source and evidence (events, claims)."""
    draft = build_draft(text)
    items = [(e.evidence, e.attribution) for e in draft.events]
    items += [(c.evidence, c.attribution) for c in draft.claims]
    return {" ".join(ev[0].split()[:4]): (a.source, ev) for ev, a in items if a is not None}


def test_he_said_is_the_nearest_named_person_of_the_paragraph_and_joins_the_evidence() -> None:
    text = (
        "Officials at the port said the ferry sank in calm water.\n"
        "Tomas Reyne, an engineer at a maritime institute in Lisbon, said the hull had been "
        "repaired twice this year. “Nobody should have let it sail,” he said."
    )
    source, evidence = _speakers(text)["“Nobody should have let"]
    assert source == "Tomas Reyne"
    assert any("Tomas Reyne" in quote for quote in evidence)
    # The aside names an institute; the person before it is the speaker.
    assert _speakers(text)["Tomas Reyne, an engineer"][0] == "Tomas Reyne"


def test_he_said_in_a_new_paragraph_does_not_reach_back() -> None:
    text = (
        "Tomas Reyne, an engineer, said the hull had been repaired twice this year.\n"
        "“Nobody should have let the old ferry sail in that state,” he said."
    )
    assert "“Nobody should have let" not in _speakers(text)


def test_a_quotation_that_goes_on_keeps_its_speaker() -> None:
    text = (
        "“The river rose faster than anyone expected,” said mayor Ilse Varga. "
        "“We lost the lower town in an hour and the bridge soon after.”"
    )
    source, evidence = _speakers(text)["“We lost the lower"]
    assert source == "mayor Ilse Varga"
    assert len(evidence) == 2


def test_according_to_and_said_on_friday_that() -> None:
    found = _speakers(
        "Three guards were killed at the depot, according to the regional governor. "
        "The interior ministry said on Friday that police had arrested six suspects."
    )
    assert found["Three guards were killed"][0] == "regional governor"
    assert found["The interior ministry said"][0] == "interior ministry"


def test_a_cited_source_stays_with_the_reporting_one() -> None:
    found = _speakers(
        "The Kessel Courier newspaper, citing two officials, said rebels had seized the dam."
    )
    source = found["The Kessel Courier newspaper,"][0]
    assert source == "Kessel Courier newspaper, citing two officials"


def test_she_said_after_a_quote_goes_on_with_the_speaker_not_a_name_inside_her_words() -> None:
    text = (
        "Ilse Varga, a retired judge and an old ally of Pell, said she worried the court "
        "would be dissolved. “We will have no judges left,” she said."
    )
    found = _speakers(text)
    assert found["Ilse Varga, a retired"][0] == "Ilse Varga"
    source, evidence = found["“We will have no"]
    assert source == "Ilse Varga"
    assert len(evidence) == 2


def test_a_speech_act_names_who_says_so_for_the_events_it_reports() -> None:
    draft = build_draft(
        "The interior ministry issued a statement saying four soldiers were killed in the "
        "ambush near the border."
    )
    death = next(e for e in draft.events if e.type is EventType.DEATH)
    assert death.attribution is not None
    assert death.attribution.source == "interior ministry"


def test_the_reporter_at_the_end_says_it_all() -> None:
    draft = build_draft(
        "The army confirmed that a colonel was killed by a roadside bomb, Nordpress reported."
    )
    death = next(e for e in draft.events if e.type is EventType.DEATH)
    assert death.attribution is not None and death.attribution.source == "Nordpress"
    # The source it reports says so too: a claim of the army's, in the army's own clause.
    (claim,) = draft.claims
    assert claim.attribution.source == "army"
    assert claim.statement == "The army confirmed that a colonel was killed by a roadside bomb."


def test_a_participle_after_a_comma_is_the_subject_speaking() -> None:
    found = _speakers(
        "Defence Minister Jonas Pell answered the shelling, stating that the gunners "
        "would be found."
    )
    assert found["Defence Minister Jonas Pell"][0] == "Defence Minister Jonas Pell"


# ---------------------------------------------------------------------- roles by structure


def roles_of(text: str, kind: EventType) -> dict[str, ActorRole]:
    return {a.name: a.role for a in only(text, kind).actors}


def test_a_possessive_attack_names_its_agent_and_its_object_the_target() -> None:
    text = "Kalmaria’s attack on Ostrevian forces near the river killed four civilians."
    assert roles_of(text, EventType.ATTACK) == {
        "Kalmaria": ActorRole.AGENT,
        "Ostrevian forces": ActorRole.TARGET,
    }
    assert roles_of(text, EventType.DEATH) == {
        "Kalmaria": ActorRole.AGENT,
        "civilians": ActorRole.VICTIM,
    }


def test_captured_by_makes_the_agent_and_the_captive_the_victim() -> None:
    text = "Three soldiers were captured by rebel fighters near the border on Monday."
    assert roles_of(text, EventType.DETENTION) == {
        "soldiers": ActorRole.VICTIM,
        "rebel fighters": ActorRole.AGENT,
    }


def test_the_captor_is_no_victim_of_the_captives_death() -> None:
    text = "A soldier captured by Ukraine has died of his wounds, officials said."
    death = roles_of(text, EventType.DEATH)
    assert death == {"soldier": ActorRole.VICTIM}


def test_a_state_is_a_victim_only_when_the_text_says_so() -> None:
    text = "Belmora sent troops to Kalmaria last year, where hundreds of them were killed."
    death = roles_of(text, EventType.DEATH)
    assert "Kalmaria" not in death and "Belmora" not in death


def test_no_number_quantity_or_date_is_an_actor() -> None:
    text = "Between 10,000 and 12,000 troops were sent to the front in October, and 300 died."
    for event in events_of(text):
        for actor in event.actors:
            assert not any(c.isdigit() for c in actor.name), actor
            assert actor.name not in ("October", "300")


def test_participles_after_a_comma_share_the_subject_of_the_clause() -> None:
    text = "Gunmen stormed the hotel on Sunday, killing 12 guests and injuring 30 staff members."
    assert roles_of(text, EventType.INJURY) == {
        "Gunmen": ActorRole.AGENT,
        "staff members": ActorRole.VICTIM,
    }


def test_the_longest_name_is_the_actor_and_the_head_before_of_is_the_subject() -> None:
    assert roles_of("Seven Kessel militants were killed in the raid.",
                    EventType.DEATH) == {"Kessel militants": ActorRole.VICTIM}  # fmt: skip
    assert roles_of("A local commander of the Northern Brigade, a rebel militia, was killed.",
                    EventType.DEATH) == {"local commander": ActorRole.VICTIM}  # fmt: skip


# ------------------------------------------------------------------ claims and happenings


def test_calling_something_something_is_a_claim_with_its_source() -> None:
    draft = build_draft(
        "Foreign Minister Jonas Pell described the shelling of the port as a “perilous "
        "escalation” on Tuesday. The opposition leader referred to the accord as a "
        "“historic document” in a speech to parliament."
    )
    sources = {c.attribution.source for c in draft.claims}
    assert sources == {"Foreign Minister Jonas Pell", "opposition leader"}
    assert all(c.evidence for c in draft.claims)
    assert [e.type for e in draft.events] == []


def test_what_is_expected_to_happen_has_not_happened() -> None:
    text = "Officials said they expected to capture more rebel fighters in the hills."
    assert EventType.DETENTION not in types_of(text)
    assert EventType.ACCIDENT in types_of(
        "The blast caused part of the old market hall's roof to collapse on Friday."
    )


def test_a_topic_word_alone_reports_no_event() -> None:
    assert events_of("Both diseases are carried by mosquitoes in the wet season.") == []
    assert types_of("The virus has spread to three more villages, health officials said.") == {
        EventType.DISASTER
    }


def test_the_same_figure_told_twice_is_one_quantity_with_both_quotes() -> None:
    text = (
        "Almost 3,000 soldiers have been killed since the spring, officials said. "
        "The fighting went on in the hills through the summer and into the autumn. "
        "Nearly 3,000 soldiers were killed in all, according to a regional governor."
    )
    killed = [q for e in events_of(text) for q in e.quantities if q.counted is Counted.KILLED]
    assert len(killed) == 1
    assert killed[0].text == "Almost 3,000"
    assert len(killed[0].evidence) == 2


def test_one_happening_told_twice_is_one_event_with_both_quotes() -> None:
    text = (
        "Captured pilot dies of his wounds in Hollin province, army says\n"
        "The army said on Monday that a pilot captured by rebel fighters had died of his "
        "wounds in a field hospital."
    )
    deaths = [e for e in events_of(text) if e.type is EventType.DEATH]
    assert len(deaths) == 1
    assert len(deaths[0].evidence) == 2
    assert deaths[0].when == "on Monday"
    assert deaths[0].where == "Hollin province"


def test_an_accusation_is_a_claim_of_the_accuser() -> None:
    draft = build_draft("The opposition accused the ruling party of rigging the count.")
    assert draft.events == []
    (claim,) = draft.claims
    assert claim.attribution.source == "opposition"


def test_a_bomber_who_drove_at_the_gate_is_the_agent_and_a_town_before_is_no_actor() -> None:
    text = (
        "Late on Monday in Kessel, a suicide bomber drove a van at the gate, killing four "
        "police officers."
    )
    assert roles_of(text, EventType.DEATH) == {
        "suicide bomber": ActorRole.AGENT,
        "police officers": ActorRole.VICTIM,
    }


def test_the_participle_after_a_phrase_is_its_own_and_victims_are_victims() -> None:
    text = (
        "Our thoughts are with the relatives of the nine soldiers killed in the ambush on Monday."
    )
    assert roles_of(text, EventType.DEATH) == {"soldiers": ActorRole.VICTIM}
    text = "Gunmen attacked the victims outside the hotel gate late on Friday, police said."
    assert roles_of(text, EventType.ATTACK).get("victims") is ActorRole.VICTIM


def test_sent_to_court_is_no_movement() -> None:
    assert EventType.DEPLOYMENT not in types_of(
        "Dozens of protesters have been sent to a military court since the spring."
    )


def test_the_subject_of_a_communication_verb_says_so() -> None:
    found = _speakers(
        "Varga lied when he said the money had gone missing. "
        "Kessel has responded sharply to the shelling of its border posts, vowing to respond."
    )
    assert found["Varga lied when he"][0] == "Varga"
    assert found["Kessel has responded sharply"][0] == "Kessel"


def test_a_noun_takes_no_object_past_another_verb_and_storms_do_not_travel() -> None:
    text = (
        "The government declared a state of emergency in the province and has sent "
        "soldiers to clear the roads."
    )
    assert "soldiers" not in roles_of(text, EventType.POLICY)
    assert EventType.DEPLOYMENT not in types_of(
        "The ground was already saturated before the latest storm arrived in the valley."
    )


def test_battles_injuries_suffered_and_responsibility_claimed() -> None:
    assert roles_of("Two civilians died overnight when a battle between police and gunmen spread.",
                    EventType.ATTACK) == {"police": ActorRole.AGENT,
                                          "gunmen": ActorRole.TARGET}  # fmt: skip
    assert roles_of("Thirteen passengers suffered minor injuries when the bus overturned.",
                    EventType.INJURY) == {"passengers": ActorRole.VICTIM}  # fmt: skip
    assert roles_of("The Northern Brigade claimed responsibility for the bombing on Friday.",
                    EventType.ATTACK) == {"Northern Brigade": ActorRole.AGENT}  # fmt: skip


def test_the_subject_of_the_verb_before_the_comma_does_what_the_participle_says() -> None:
    text = "Kessel has been on alert since the militant group launched raids, killing 13 guards."
    assert roles_of(text, EventType.DEATH) == {
        "militant group": ActorRole.AGENT,
        "guards": ActorRole.VICTIM,
    }


def test_a_nouns_agent_after_by_past_its_object_place_and_time() -> None:
    text = (
        "Kessel condemned the bombing of rebel positions in the north on Thursday by "
        "government troops."
    )
    roles = roles_of(text, EventType.ATTACK)
    assert roles.get("government troops") is ActorRole.AGENT
    assert roles.get("rebel positions") is not ActorRole.AGENT


def test_who_issues_a_ban_or_sends_instructions_says_so() -> None:
    draft = build_draft(
        "After the blast, the interior minister, Jonas Pell, sent instructions to police to "
        "guard every station. The city council on Friday issued a ban on street markets."
    )
    sources = {e.attribution.source for e in draft.events if e.attribution is not None}
    assert {"Jonas Pell", "city council"} <= sources


def test_a_passive_hearer_is_no_source_but_experts_who_are_urging_are() -> None:
    found = _speakers(
        "Residents were told to leave their homes before the river burst its banks. "
        "Security experts are urging the government to act before the vote, officials said."
    )
    assert found.get("Residents were told to", ("", []))[0] != "Residents"
    assert found["Security experts are urging"][0] == "Security experts"


def test_the_head_of_a_body_speaks_for_it_and_begging_is_asking() -> None:
    draft = build_draft(
        "The leadership of the Northern Brigade issued a statement denying that its fighters "
        "had shelled the town. Opposition leaders are begging voters to stay at home, "
        "according to the electoral commission."
    )
    sources = {e.attribution.source for e in draft.events if e.attribution is not None}
    sources |= {c.attribution.source for c in draft.claims}
    assert "leadership of the Northern Brigade" in sources
    found = _speakers(
        "Opposition leaders are begging voters to stay at home on the day of the vote."
    )
    assert found["Opposition leaders are begging"][0] == "Opposition leaders"


def test_a_place_or_thing_struck_is_the_attacks_target() -> None:
    assert roles_of("Gunmen attacked a police checkpoint outside the town on Tuesday.",
                    EventType.ATTACK) == {"Gunmen": ActorRole.AGENT,
                                          "police checkpoint": ActorRole.TARGET}  # fmt: skip


def test_asking_someone_to_act_recommending_a_step_and_expressing_a_view_are_speech() -> None:
    found = _speakers(
        "Senator Ilse Varga seemed to urge the striking dockers to return to work. "
        "Kessel farm officials have urged the minister to lift the ban on exports. "
        "Journalists wanted to know whether Kessel officials had advised hospitals not to "
        "take new patients. "
        "Varga recommended closing the old bridge to lorries. "
        "Portugal expressed deep concern about the fishing quotas. "
        "The Northern Brigade professed ignorance of the scheme."
    )
    assert found["Senator Ilse Varga seemed"][0] == "Senator Ilse Varga"
    assert found["Kessel farm officials have"][0] == "Kessel farm officials"
    assert found["Journalists wanted to know"][0] == "Kessel officials"
    assert found["Varga recommended closing the"][0] == "Varga"
    assert found["Portugal expressed deep concern"][0] == "Portugal"
    assert found["The Northern Brigade professed"][0] == "Northern Brigade"
    # The noun, and a gene that is expressed, speak for no one.
    assert _speakers("The urge to leave the valley grew as the gene was expressed.") == {}


def test_a_place_opening_a_sentence_speaks_not_the_name_before_a_comma() -> None:
    found = _speakers(
        "Lisbon summoned the envoy after the raid on the harbour by Kessel gunmen, warning "
        "of a firm answer. Lisbon itself warned of reprisals."
    )
    assert found["Lisbon summoned the envoy"][0] == "Lisbon"
    assert found["Lisbon itself warned of"][0] == "Lisbon"
    # A place the sentence is set in is no speaker.
    assert (
        _speakers("In Lisbon, the council said the roads were closed by the floods.")[
            "In Lisbon, the council"
        ][0]
        == "council"
    )


def test_the_subject_of_two_verbs_joined_by_and_speaks_with_the_second() -> None:
    found = _speakers(
        "The mayor on Monday visited the flooded shelter and promised to rebuild it. "
        "The minister met protesters and police said the square was cleared."
    )
    assert found["The mayor on Monday"][0] == "mayor"
    assert found["The minister met protesters"][0] == "police"


def test_the_noun_that_speaks_joins_its_name_and_untagged_speakers_are_found() -> None:
    found = _speakers(
        "Last spring a Kessel body announced a boycott of the talks. "
        "The Portuguese delegation said the talks had failed. "
        "His aides are now recommending a later date for the vote. "
        "Health and education officials from the ruling party have asked the council to "
        "reopen the schools."
    )
    assert found["Last spring a Kessel"][0] == "Kessel body"
    assert found["The Portuguese delegation said"][0] == "Portuguese delegation"
    assert found["His aides are now"][0] == "aides"
    assert found["Health and education officials"][0] == (
        "Health and education officials from the ruling party"
    )


def test_a_long_aside_between_the_speaker_and_the_verb() -> None:
    found = _speakers(
        "Tomas Reyne, a marine engineer who spent twenty years inspecting ferries for the port "
        "authority and later taught naval architecture at a college, rejected the idea that "
        "the hull had cracked."
    )
    assert found["Tomas Reyne, a marine"][0] == "Tomas Reyne"


def test_asides_inverted_speakers_and_what_a_statement_says() -> None:
    found = _speakers(
        "A spokesperson for the interior ministry said the border was closed. "
        "“The bridge is gone,” warned Ilse Varga. "
        "The army, in a written statement, said two medics were killed. "
        "A senior official, who spoke on condition of anonymity, told reporters the talks "
        "had collapsed. "
        "The Kessel mayor wrote on social media that the water had risen. "
        "Pell tweeted that the vote would go ahead. "
        "The ministry posted a statement saying the airport was closed."
    )
    assert found["A spokesperson for the"][0] == "spokesperson for the interior ministry"
    # A quotation with a speaker of its own does not go on with the one before it.
    assert found["“The bridge is gone,”"][0] == "Ilse Varga"
    assert found["The army, in a"][0] == "army"
    assert found["A senior official, who"][0] == "senior official"
    assert found["The Kessel mayor wrote"][0] == "Kessel mayor"
    assert found["Pell tweeted that the"][0] == "Pell"
    assert found["The ministry posted a"][0] == "ministry"


def test_who_confirms_after_by_speaks_and_the_subject_of_what_is_said_does_not() -> None:
    found = _speakers(
        "The deaths were confirmed by the health ministry. Residents were told by police to "
        "leave the valley."
    )
    assert found["The deaths were confirmed"][0] == "health ministry"
    assert found["Residents were told by"][0] == "police"
    assert "He said Pell had" not in _speakers("He said Pell had resigned from the council.")


def test_promises_threats_condemnation_and_being_quoted_are_speech() -> None:
    found = _speakers(
        "Pell promised voters a new hospital in the north. "
        "Varga threatened sanctions against the rebels. "
        "The opposition leader vowed revenge after the vote. "
        "Pell's campaign denied the report on Sunday. "
        "Pell and Varga both condemned the bombing of the market. "
        "Pell is quoted as saying the deal was dead."
    )
    assert found["Pell promised voters a"][0] == "Pell"
    assert found["Varga threatened sanctions against"][0] == "Varga"
    assert found["The opposition leader vowed"][0] == "opposition leader"
    assert found["Pell's campaign denied the"][0] == "Pell's campaign"
    assert found["Pell and Varga both"][0] == "Varga"
    assert found["Pell is quoted as"][0] == "Pell"
    # Who is condemned by a court, or threatened by a flood, says nothing.
    assert "Varga was condemned to" not in _speakers(
        "Varga was condemned to death by a military court."
    )


def test_according_to_him_is_the_person_named_before() -> None:
    text = (
        "Tomas Novak, a farmer, said his barn was destroyed. "
        "According to him, 30 cows died in the flood."
    )
    source, evidence = _speakers(text)["According to him, 30"]
    assert source == "Tomas Novak"
    assert len(evidence) == 2


def test_who_after_a_name_speaks_for_it_and_a_name_quoted_is_no_antecedent() -> None:
    found = _speakers(
        "The mayor met farmers, among them Marta Olsen, who told a local paper that the "
        "river had risen. "
        "“Winter will be hard,” he told a radio station."
    )
    assert found["The mayor met farmers,"][0] == "Marta Olsen"
    assert found.get("“Winter will be hard,”", ("", []))[0] != "Winter"
    # A list of verb phrases after commas has no speaker in it.
    text = "The senator visited the flooded town, praised the rescuers and said the dam failed."
    assert _speakers(text).get("The senator visited the", ("", []))[0] != "rescuers"


def test_a_citizen_of_a_country_speaks_not_the_country_and_no_group_is_nobody() -> None:
    found = _speakers(
        "A resident of Portugal told the court she had never seen the contract. "
        "No official said anything about the fire at the depot."
    )
    assert found["A resident of Portugal"][0] == "resident of Portugal"
    assert "No official said anything" not in found


def test_officials_in_a_place_an_aside_of_meanwhile_and_no_speaker_inside_what_is_said() -> None:
    found = _speakers(
        "Officials in the region said the roads had been closed since the storm. "
        "The army, meanwhile, said two soldiers were wounded. "
        "Survivors of the attack said the gunmen wore uniforms."
    )
    assert found["Officials in the region"][0] == "Officials"
    assert found["The army, meanwhile, said"][0] == "army"
    assert (
        _speakers("A farmer, 52, said the river rose at night and flooded the fields.")[
            "A farmer, 52, said"
        ][0]
        == "farmer"
    )
    assert found["Survivors of the attack"][0] == "Survivors"
    # "states" after a place in lower case is a noun, not the verb.
    found = _speakers("Support for the Kessel Party in the northern states grew after the flood.")
    assert found.get("Support for the Kessel", ("", []))[0] != "Kessel Party"


def test_a_source_reported_in_a_sentence_with_no_event_is_a_claim_of_its_own() -> None:
    draft = build_draft(
        "Pell said on Friday that the mayor had told him nothing about the new rules for "
        "the market."
    )
    sources = {c.attribution.source for c in draft.claims}
    assert sources == {"Pell", "mayor"}


# ------------------------------------------------------------- who did what to whom, more


def test_a_possessive_murder_names_its_victim_and_a_killing_of_takes_its_agent_after_by() -> None:
    assert roles_of("Lidia Varga's murder shocked the quiet town.", EventType.DEATH) == {
        "Lidia Varga": ActorRole.VICTIM
    }
    assert roles_of(
        "Nobody expected the killing of Ostrevian villagers by Kalmarian troops.",
        EventType.DEATH,
    ) == {"Ostrevian villagers": ActorRole.VICTIM, "Kalmarian troops": ActorRole.AGENT}
    assert roles_of("Gunmen stormed the hotel, killing at least 12 guests.",
                    EventType.DEATH) == {"Gunmen": ActorRole.AGENT,
                                         "guests": ActorRole.VICTIM}  # fmt: skip


def test_a_relative_clause_or_an_aside_has_the_phrase_before_it_as_subject() -> None:
    assert roles_of("The party honoured a founder who was assassinated in 1987.",
                    EventType.DEATH) == {"founder": ActorRole.VICTIM}  # fmt: skip
    assert roles_of("Tomas Keller, who died in 2009, founded the party.",
                    EventType.DEATH) == {"Tomas Keller": ActorRole.VICTIM}  # fmt: skip
    text = "The gunman, Ivo Rand – shot dead by guards – had served in the army."
    assert roles_of(text, EventType.DEATH) == {
        "Ivo Rand": ActorRole.VICTIM,
        "guards": ActorRole.AGENT,
    }
    assert roles_of("Ivo Rand, arrested in May, was freed on Friday.",
                    EventType.DETENTION) == {"Ivo Rand": ActorRole.VICTIM}  # fmt: skip


def test_a_harmed_phrase_is_the_victim_and_harm_to_a_person_makes_a_victim() -> None:
    text = "Medics flew badly wounded people to the capital."
    assert roles_of(text, EventType.INJURY) == {"wounded people": ActorRole.VICTIM}
    assert roles_of("A local commander of Kalmaria’s Northern Brigade was killed.",
                    EventType.DEATH) == {"local commander": ActorRole.VICTIM}  # fmt: skip
    roles = roles_of("A gang assaulted two women outside the station.", EventType.ATTACK)
    assert roles.get("women") is ActorRole.VICTIM


def test_who_owns_the_attack_someone_was_killed_in_is_the_agent_not_a_victim() -> None:
    assert roles_of("More than 20 soldiers were killed in Kessel attacks near the border.",
                    EventType.DEATH) == {"soldiers": ActorRole.VICTIM,
                                         "Kessel": ActorRole.AGENT}  # fmt: skip
    text = "Dozens of people were injured in yesterday’s Kessel attack on the base."
    assert roles_of(text, EventType.INJURY) == {
        "people": ActorRole.VICTIM,
        "Kessel": ActorRole.AGENT,
    }


def test_a_phrase_past_a_place_or_time_preposition_is_not_the_verbs_object() -> None:
    roles = roles_of("Gunmen killed 12 in the market as residents fled.", EventType.DEATH)
    assert roles == {"Gunmen": ActorRole.AGENT}


def test_names_listed_after_including_are_victims_and_no_preposition_object_is_a_subject() -> None:
    text = (
        "Activists close to the Kessel party were arrested, including Ivo Rand, a cousin of "
        "the mayor Tomas Keller, Mara Holt and her husband, and the poet Anna Berg."
    )
    roles = roles_of(text, EventType.DETENTION)
    assert {n for n, r in roles.items() if r is ActorRole.VICTIM} >= {
        "Ivo Rand", "Mara Holt", "Anna Berg"
    }  # fmt: skip
    assert "Kessel party" not in roles and "Tomas Keller" not in roles
    assert roles_of("Gunmen killed five people, including two children.", EventType.DEATH) == {
        "Gunmen": ActorRole.AGENT,
        "people": ActorRole.VICTIM,
        "children": ActorRole.VICTIM,
    }


def test_people_struck_by_a_weapon_are_victims_and_the_object_of_on_no_subject() -> None:
    assert roles_of("The air strike on Kalmarian soldiers was a mistake.",
                    EventType.ATTACK) == {"Kalmarian soldiers": ActorRole.VICTIM}  # fmt: skip
    assert roles_of("The strike on Kalmarian soldiers wounded four.", EventType.INJURY) == {}


def test_the_head_before_of_survives_modifiers_and_carrying_out_an_attack_makes_its_agent() -> None:
    text = "The chairman of the newly formed Kessel council, elected in May, was killed."
    assert roles_of(text, EventType.DEATH) == {"chairman": ActorRole.VICTIM}
    text = "The rebels and their allies carried out the Sunday raid together."
    assert roles_of(text, EventType.ATTACK) == {"rebels": ActorRole.AGENT}


def test_who_takes_hostages_holds_them_and_the_rest_of_a_count_are_victims() -> None:
    assert roles_of("Gunmen took dozens of hostages at a border post on Sunday.",
                    EventType.DETENTION) == {"hostages": ActorRole.VICTIM,
                                             "Gunmen": ActorRole.AGENT}  # fmt: skip
    text = "A car bomb hit the market, killing two traders and injuring 40 others."
    assert roles_of(text, EventType.INJURY) == {"others": ActorRole.VICTIM}


def test_a_second_verb_shares_the_first_ones_subject_not_its_object() -> None:
    assert roles_of("Troops surrounded the rebels and killed 12 of them.",
                    EventType.DEATH) == {"Troops": ActorRole.AGENT}  # fmt: skip
    text = "Gunmen killed nine Kalmarian guards and injured another six."
    assert roles_of(text, EventType.INJURY) == {"Gunmen": ActorRole.AGENT}


def test_bombings_targeted_at_a_force_and_a_speaker_who_died() -> None:
    text = "Rebels staged two bombings targeted at the Kalmarian military in the north."
    assert roles_of(text, EventType.ATTACK) == {
        "Rebels": ActorRole.AGENT,
        "Kalmarian military": ActorRole.VICTIM,
    }
    text = "Varga, the widow of the singer Ivo Rand, who died in 2009, spoke first."
    assert roles_of(text, EventType.DEATH).get("Ivo Rand") is ActorRole.VICTIM


def test_a_group_phrase_is_the_name_it_carries_and_a_late_by_names_the_agent() -> None:
    text = "Last spring the “Kessel Front” militant group staged a wave of raids on three towns."
    assert roles_of(text, EventType.ATTACK) == {"Kessel Front": ActorRole.AGENT}
    text = "The raid was mounted by the rebel group KLF."
    assert roles_of(text, EventType.ATTACK) == {"KLF": ActorRole.AGENT}
    text = "The rebels' choice to carry out the winter raids cost them support."
    assert roles_of(text, EventType.ATTACK) == {"rebels": ActorRole.AGENT}


def test_a_thing_which_harms_has_no_actor_and_a_reduced_relative_keeps_its_subject() -> None:
    text = (
        "Investigators questioned a driver about a weekend explosion which injured several people."
    )
    assert roles_of(text, EventType.INJURY) == {"people": ActorRole.VICTIM}
    text = "Villagers complained about the Kalmarian military stationed there."
    assert roles_of(text, EventType.DEPLOYMENT) == {"Kalmarian military": ActorRole.AGENT}


def test_including_lists_only_after_the_verb_or_its_victims_and_names_are_not_phrases() -> None:
    text = "Ivo Rand 's murder shocked many reporters, including the writer Tomas Keller."
    assert roles_of(text, EventType.DEATH) == {"Ivo Rand": ActorRole.VICTIM}
    text = "Some 700 workers were arrested and questioned, including soldiers."
    assert roles_of(text, EventType.DETENTION) == {
        "workers": ActorRole.VICTIM,
        "soldiers": ActorRole.VICTIM,
    }


def test_at_the_hands_of_names_the_agent_and_a_relative_clause_is_skipped_to_its_antecedent() -> (
    None
):
    text = "Four journalists died at the hands of Kessel militiamen last year."
    assert roles_of(text, EventType.DEATH) == {
        "journalists": ActorRole.VICTIM,
        "Kessel militiamen": ActorRole.AGENT,
    }
    text = "The rebels, who killed three villagers, fled into the hills."
    assert roles_of(text, EventType.DISPLACEMENT) == {"rebels": ActorRole.VICTIM}
    text = "Ivo Rand, who led the group, was arrested in May."
    assert roles_of(text, EventType.DETENTION) == {"Ivo Rand": ActorRole.VICTIM}


def test_a_phrase_and_those_it_includes_share_a_role_and_people_fired_on_are_victims() -> None:
    assert roles_of("Three people, including a child, were killed by the blast.",
                    EventType.DEATH) == {"people": ActorRole.VICTIM,
                                         "child": ActorRole.VICTIM}  # fmt: skip
    assert roles_of(
        "Troops opened fire on protesters near the bridge, killing five.", EventType.ATTACK
    ) == {
        "Troops": ActorRole.AGENT,
        "protesters": ActorRole.VICTIM,
    }


def test_who_is_held_for_a_killing_did_it_and_a_perfect_is_active() -> None:
    text = "Police have detained a soldier on suspicion of murder."
    assert roles_of(text, EventType.DEATH) == {"soldier": ActorRole.AGENT}
    assert roles_of(text, EventType.DETENTION) == {
        "Police": ActorRole.AGENT,
        "soldier": ActorRole.VICTIM,
    }
    text = "Police have detained a cook on suspicion of murder."
    assert roles_of(text, EventType.DETENTION) == {"Police": ActorRole.AGENT}
    assert roles_of(text, EventType.DEATH) == {}


def test_an_including_list_after_a_spaced_comma_still_counts() -> None:
    text = "By Friday , 14 guards had been killed , including a young officer ."
    assert roles_of(text, EventType.DEATH) == {
        "guards": ActorRole.VICTIM,
        "young officer": ActorRole.VICTIM,
    }


def test_whom_an_attack_was_aimed_at_in_the_clause_after_it_is_its_target() -> None:
    text = "The Kessel Front carried out the shootings, which appeared to be aimed at tourists."
    assert roles_of(text, EventType.ATTACK) == {
        "Kessel Front": ActorRole.AGENT,
        "tourists": ActorRole.TARGET,
    }


def test_a_name_with_two_particles_is_one_and_a_title_phrase_is_the_person_named_after_it() -> None:
    text = "Police arrested Pieter van der Berg and the writer Anna Holt in Kessel."
    assert roles_of(text, EventType.DETENTION) == {
        "Police": ActorRole.AGENT,
        "Pieter van der Berg": ActorRole.VICTIM,
        "Anna Holt": ActorRole.VICTIM,
    }
    text = "The police detained the film director Ivo Ferro de la Rand on Monday."
    assert roles_of(text, EventType.DETENTION) == {
        "police": ActorRole.AGENT,
        "Ivo Ferro de la Rand": ActorRole.VICTIM,
    }


def test_a_list_with_the_and_and_is_coordinated_but_an_aside_after_a_comma_is_not() -> None:
    text = "Buyers such as Kalmaria, the Kessel Union and Belmora have banned the imports."
    assert roles_of(text, EventType.POLICY) == {
        "Kalmaria": ActorRole.AGENT,
        "Kessel Union": ActorRole.AGENT,
        "Belmora": ActorRole.AGENT,
    }
    text = "Few criticised Ivo Rand of Kalmaria, a Kessel ally who has jailed 600 people."
    assert "Ivo Rand" not in roles_of(text, EventType.DETENTION)


def test_a_quoted_name_of_unknown_kind_names_the_group_after_it_but_not_any_phrase() -> None:
    text = "After the “Varn Kessa” militant group raided the port, 40 died."
    assert roles_of(text, EventType.ATTACK).get("Varn Kessa") is ActorRole.AGENT
    text = "Strikers clashed with Kalmarian security forces Photo Gallery on Monday."
    assert "Photo Gallery" not in roles_of(text, EventType.ATTACK)


def test_a_count_is_the_subject_after_a_comma_but_an_age_is_not() -> None:
    text = "Since the rebels attacked the capital, 40 have died."
    assert roles_of(text, EventType.DEATH) == {}
    assert roles_of("Ivo Rand, 31, died in hospital on Friday.",
                    EventType.DEATH).get("Ivo Rand") is ActorRole.VICTIM  # fmt: skip


def test_a_list_of_participles_after_was_is_passive_so_its_subject_is_the_target() -> None:
    text = "Few were shocked when the old Kessel Dam was emptied, abandoned or bombarded."
    assert roles_of(text, EventType.ATTACK) == {"Kessel Dam": ActorRole.TARGET}


def test_the_agent_after_by_may_follow_a_count_and_a_describing_word() -> None:
    text = "Ivo Rand is in a clinic, the victim of a suspected poisoning by two masked Kalmarians."
    assert roles_of(text, EventType.ATTACK) == {
        "victim": ActorRole.VICTIM,
        "Kalmarians": ActorRole.AGENT,
    }
    text = "Mara Holt was hurt in a shooting by three masked Kalmarian gunmen on Friday."
    assert roles_of(text, EventType.ATTACK).get("masked Kalmarian gunmen") is ActorRole.AGENT


def test_who_is_implicated_in_a_shooting_is_its_agent() -> None:
    text = "Report: Kalmarian general Ivo Rand implicated in the shooting of a Kessel officer"
    assert roles_of(text, EventType.ATTACK).get("Ivo Rand") is ActorRole.AGENT


def test_a_plural_gerund_is_a_noun_so_the_phrases_around_it_take_no_verb_roles() -> None:
    text = "They spoke of the long war, of hijackings and kidnappings, of Kessel rocket fire."
    assert roles_of(text, EventType.ATTACK) == {}


def test_who_harms_themselves_is_both_the_agent_and_the_one_harmed() -> None:
    text = "The court ruled out claims that Mara Holt poisoned herself, or that others did."
    actors = [(a.name, a.role) for a in only(text, EventType.ATTACK).actors]
    assert actors == [("Mara Holt", ActorRole.AGENT), ("Mara Holt", ActorRole.VICTIM)]
    result = run(Article(text=text), OfflineProvider())
    assert_grounded(result)


def test_a_coup_is_an_attack_named_by_a_noun_and_failed_does_not_make_its_agent() -> None:
    text = (
        "Kalmaria demanded the extradition of a Kessel-based general, saying the failed coup "
        "against the government had cost lives."
    )
    assert roles_of(text, EventType.ATTACK) == {"government": ActorRole.TARGET}
    text = "The rebels Kalmaria blames for the failed coup in spring, Kessel’s minister said."
    assert roles_of(text, EventType.ATTACK) == {}
    text = "Police said 12 soldiers were involved in the failed coup."
    assert roles_of(text, EventType.ATTACK) == {"soldiers": ActorRole.AGENT}


def test_the_harm_of_the_clause_is_the_event_not_the_one_in_its_relative_clause() -> None:
    text = "Critics said Rand cut the scene where he finally slays the soldier who killed his son."
    assert roles_of(text, EventType.DEATH) == {"soldier": ActorRole.VICTIM}


def test_a_happening_offered_as_perhaps_is_no_event() -> None:
    text = "Analysts fear the unrest will spread, bringing, perhaps, a military coup in Kalmaria."
    assert EventType.ATTACK not in types_of(text)
    assert EventType.ATTACK in types_of("Kalmaria’s army staged a military coup on Monday.")


def _all_sources(text: str) -> set[str]:
    """Every source of the draft's events and claims."""
    draft = build_draft(text)
    found = {e.attribution.source for e in draft.events if e.attribution is not None}
    return found | {c.attribution.source for c in draft.claims}


def test_who_deceives_or_coerces_says_so_and_a_list_of_verbs_shares_its_subject() -> None:
    text = (
        "Pell has insulted reporters, and Vera Lind has ignored, shamed, and intimidated his "
        "critics."
    )
    assert _all_sources(text) == {"Vera Lind"}
    # Who is misled hears: only who misleads, or who says so, is a source.
    assert _all_sources("Voters were misled about the vote, Kessel said.") == {"Kessel"}


def test_a_relative_clause_of_joined_verbs_shares_the_one_it_is_about() -> None:
    text = (
        "It was Vera Lind who wrote the budget in May, and had been counselling the mayor, through "
        "his aides, on taxes."
    )
    assert _all_sources(text) == {"Vera Lind"}


def test_a_writing_speaks_for_who_filed_it() -> None:
    assert _all_sources(
        "In 2009 a Kessel lawsuit demanded 40 million dollars from the port authority."
    ) == {"Kessel lawsuit"}
    assert _all_sources("A UN report said the harvest had failed in the north.") == {"UN report"}


def test_whose_lies_or_threats_a_sentence_names_says_so() -> None:
    assert _all_sources("Kessel’s nuclear blackmail worries its neighbours.") == {"Kessel"}
    assert _all_sources("Voters are tired of the lies of the Kessel regime.") == {"Kessel regime"}
    assert _all_sources("Despite her threats, Vera Lind stayed in the party.") == {"Vera Lind"}
    text = "Its neighbours fear the nuclear blackmail of Kessel’s new missiles."
    assert _all_sources(text) == {"Kessel"}
    # Who is intimidated is no source.
    found = _all_sources("Critics said the intimidation of Vera Lind by the police went on.")
    assert "Vera Lind" not in found


def test_a_plain_subject_no_name_rule_tags_says_what_follows_that() -> None:
    assert _all_sources("Pacifism demands that the state lay down every weapon it holds.") == {
        "Pacifism"
    }
    text = "The new census says that forty villages emptied during the drought."
    assert _all_sources(text) == {"new census"}
    text = "Vera Lind said that the note’s calm tone should not deceive voters about the plan."
    assert _all_sources(text) == {"Vera Lind", "note’s calm tone"}
    # Who is deceived, or a clause with no "that" after its verb, names no source.
    assert _all_sources("The public was deceived about the plan for the dam.") == set()


def test_everyday_people_nouns_name_actors() -> None:
    text = "Police have detained a babysitter on suspicion of murder in Kessel."
    assert roles_of(text, EventType.DEATH) == {"babysitter": ActorRole.AGENT}
    text = "Over the summer, the Kessel billionaire has attacked the parents of a fallen pilot."
    assert roles_of(text, EventType.ATTACK)["Kessel billionaire"] is ActorRole.AGENT


def test_a_word_after_have_is_a_verb_not_a_modifier() -> None:
    text = "Gunmen have hurt farmers and children in Kessel."
    assert roles_of(text, EventType.INJURY) == {
        "Gunmen": ActorRole.AGENT,
        "farmers": ActorRole.VICTIM,
        "children": ActorRole.VICTIM,
    }


def test_a_harm_participle_after_a_determiner_describes_the_one_harmed() -> None:
    text = "Police found the kidnapped reporter in Kessel on Monday."
    assert roles_of(text, EventType.DETENTION) == {"kidnapped reporter": ActorRole.VICTIM}
    text = "Reporters recalled the saga of the executed scientist on Monday."
    assert roles_of(text, EventType.DEATH) == {"executed scientist": ActorRole.VICTIM}


def test_an_opening_pronoun_carries_the_previous_sentences_subject_into_the_harm() -> None:
    text = (
        "Kessel gunmen and rebel fighters stormed a checkpoint near Ostrev on Monday.\n"
        "They killed 17 guards and injured another 9."
    )
    for kind in (EventType.DEATH, EventType.INJURY):
        event = only(text, kind)
        assert {a.name: a.role for a in event.actors if a.role is ActorRole.AGENT} == {
            "Kessel gunmen": ActorRole.AGENT,
            "rebel fighters": ActorRole.AGENT,
        }
        assert len(event.evidence) == 2
    text = "Mr. Ivo Rand ran a bakery in Ostrev. He was beaten and left bleeding on the road."
    assert roles_of(text, EventType.INJURY) == {"Ivo Rand": ActorRole.VICTIM}
    result = run(Article(text=text), OfflineProvider())
    assert_grounded(result)


def test_an_opening_pronoun_is_left_unnamed_when_it_could_stand_for_two() -> None:
    text = "Mr. Ivo Rand met Mr. Tomas Vell in Ostrev. He was beaten on Monday."
    assert roles_of(text, EventType.INJURY) == {}
    text = "Police said the gunmen had fled. They killed four guards."
    assert roles_of(text, EventType.DEATH) == {"guards": ActorRole.VICTIM}


def test_a_harmed_possessor_is_the_one_harmed() -> None:
    text = "A man in Kessel asked whether he could keep his deceased brother’s old boat."
    assert roles_of(text, EventType.DEATH) == {"deceased brother": ActorRole.VICTIM}
    text = "Divers found the drowned sailor’s jacket near the harbour wall."
    assert roles_of(text, EventType.DEATH) == {"drowned sailor": ActorRole.VICTIM}


def test_a_progressive_attack_is_active_and_a_place_after_its_verb_is_struck() -> None:
    text = "Kessel troops are bombarding Ostrev."
    assert roles_of(text, EventType.ATTACK) == {
        "Kessel troops": ActorRole.AGENT,
        "Ostrev": ActorRole.TARGET,
    }
    text = "Nobody agrees with what Kessel is doing, bombarding Ostrev."
    assert roles_of(text, EventType.ATTACK) == {
        "Kessel": ActorRole.AGENT,
        "Ostrev": ActorRole.TARGET,
    }


def test_a_sucker_punch_is_an_injury() -> None:
    text = "She paid the medical bills of a man who sucker-punched a protester outside a bar."
    assert roles_of(text, EventType.INJURY) == {
        "man": ActorRole.AGENT,
        "protester": ActorRole.VICTIM,
    }


def test_a_person_noun_may_be_followed_by_a_preposition_of_place() -> None:
    text = "Ivo Rand, the man accused of punching a protester outside a hall in Kessel, denies it."
    assert roles_of(text, EventType.INJURY) == {
        "man": ActorRole.AGENT,
        "protester": ActorRole.VICTIM,
    }


def test_an_attack_told_again_shares_its_roles_with_the_first_telling() -> None:
    text = (
        "Calls for an inquiry rose after recent attacks, which included stabbings at a depot.\n"
        "Kalmaria took credit for the depot attack on Sunday allegedly carried out by Ivo Rand.\n"
        "Six people were hurt in the stabbings."
    )
    draft = build_draft(text)
    first = next(e for e in draft.events if e.type is EventType.ATTACK)
    assert {a.name: a.role for a in first.actors} == {
        "Ivo Rand": ActorRole.AGENT,
        "people": ActorRole.VICTIM,
    }
    assert len(first.evidence) == 3
    result = run(Article(text=text), OfflineProvider())
    assert_grounded(result)


def test_an_attack_of_another_word_is_not_told_again() -> None:
    text = "Gunmen attacked a mall in Kessel.\nA man was later wounded in a stabbing in Ostrev."
    first = next(e for e in build_draft(text).events if e.type is EventType.ATTACK)
    assert {a.name for a in first.actors} == {"Gunmen", "mall"}


def test_who_made_an_attack_did_the_harm_of_its_relative_clause() -> None:
    text = "He described the knife attack by a student that wounded four people in Kessel."
    assert roles_of(text, EventType.INJURY) == {
        "student": ActorRole.AGENT,
        "people": ActorRole.VICTIM,
    }


def test_a_coalition_is_a_body_that_acts() -> None:
    text = "The Kessel-led coalition strike on an Ostrev army unit killed 60 soldiers."
    assert roles_of(text, EventType.ATTACK)["Kessel-led coalition"] is ActorRole.AGENT


def test_a_name_after_its_description_is_coordinated_with_the_one_before() -> None:
    text = "In a statement she assailed the Kessel Union and its founder, Ivo Rand, for lying."
    assert roles_of(text, EventType.ATTACK) == {
        "Kessel Union": ActorRole.TARGET,
        "Ivo Rand": ActorRole.TARGET,
    }


def test_a_storm_with_an_object_is_the_verb_not_weather() -> None:
    assert EventType.DISASTER not in types_of("Fans storm the pitch after the final whistle.")
    assert EventType.DISASTER in types_of("The storm flooded three villages on Monday.")


# Speech acts that happened, beside what their sentence reports, and what they only ask for.


@pytest.mark.parametrize(
    "text",
    [
        "Shelling hit the port on Friday, and the governor urged families to stay indoors.",
        "The mayor vowed on Monday to rebuild the bridge that the flood swept away.",
        "Her aides are recommending tougher border checks after the ambush near Kessel.",
        "The envoy, who advised the cabinet after the ferry sank, reiterated his support.",
        "The union demanded higher pay for the nurses who were wounded in the riot.",
        "Because of his lies about the payments, the treasurer was forced to apologise.",
        "Ostrev formally expressed its opposition to the ceasefire plan on Tuesday.",
        "Local gangs intimidated the witnesses before the trial of the two guards.",
    ],
)
def test_a_speech_act_that_happened_is_a_statement_beside_other_events(text: str) -> None:
    assert EventType.STATEMENT in types_of(text)


def test_urging_an_attack_reports_the_urging_not_an_attack() -> None:
    text = "The commander urged his men to cross the river and attack the fort."
    assert types_of(text) == {EventType.STATEMENT}
    asked = "The minister appeared to urge the rebels to regroup quickly and attack again."
    assert EventType.ATTACK not in types_of(asked)
    assert EventType.STATEMENT in types_of(asked)


def test_strikes_only_recommended_are_no_attack() -> None:
    text = "Senior advisers are now recommending air strikes against the rebel depots."
    assert types_of(text) == {EventType.STATEMENT}
    called = "Two senators called for drone strikes on the smuggling camps."
    assert EventType.ATTACK not in types_of(called)


def test_a_mobilisation_for_war_that_could_come_is_no_event() -> None:
    text = "The report claims Kalmaria is mobilising for battle and might demolish the dams."
    assert EventType.DEPLOYMENT not in types_of(text)
    assert EventType.ATTACK not in types_of(text)
    assert EventType.DEPLOYMENT in types_of("Kalmaria mobilised 5,000 reservists on Monday.")


def test_a_position_defended_or_dismissed_is_said_and_a_dated_interview_is_a_meeting() -> None:
    text = "In an interview last Monday, the governor defended the decision to close the mine."
    assert {EventType.STATEMENT, EventType.MEETING} <= types_of(text)
    dismissed = "The ministry dismissed the claims as baseless."
    assert EventType.STATEMENT in types_of(dismissed)
    assert EventType.STATEMENT not in types_of("Soldiers defended the bridge for three days.")


def test_misleading_as_an_adjective_misleads_nobody() -> None:
    assert EventType.STATEMENT not in types_of("The leaflets were full of misleading claims.")
    assert EventType.STATEMENT in types_of("The broker admitted misleading his clients.")


# Harm, crashes and goods told in more words; what was filmed or flooded figuratively.


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Kalmarian jets annihilate a rebel convoy near the border.", EventType.ATTACK),
        ("Militants used nerve gas on the village, killing four people.", EventType.ATTACK),
        ("Two lorries collide on the coast road outside Kessel.", EventType.ACCIDENT),
        ("The inquiry traced the fatal poisoning of a retired spy.", EventType.DEATH),
        ("Vigils were held after Friday's deadly school shooting.", EventType.DEATH),
        ("The company has been flying them back to Ostrev on cargo planes.", EventType.DEPLOYMENT),
        ("A guard smuggled phones into the prison for an inmate.", EventType.LEGAL),
        ("Customs officers confiscated his passport at the airport.", EventType.LEGAL),
        ("She changed her view after winning a seat in the assembly.", EventType.ELECTION),
        ("He told friends he used the bonus to buy a stolen painting.", EventType.ECONOMIC),
        ("The firm was able to acquire two rival mills last year.", EventType.ECONOMIC),
    ],
)
def test_more_words_for_happenings_that_happened(text: str, kind: EventType) -> None:
    assert kind in types_of(text)


def test_a_crash_is_kept_beside_injuries_and_clashes_and_a_hospital_is_no_flight() -> None:
    text = "After the clashes, two men hurt in the crash were evacuated to the district hospital."
    found = types_of(text)
    assert EventType.ACCIDENT in found
    assert EventType.DISPLACEMENT not in found


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("The moment two buses collide is captured on camera by a passer-by.", EventType.DETENTION),
        ("The robbery was captured in grainy footage from a shop.", EventType.DETENTION),
        ("Lobbyists keep flooding the airwaves, rivals complain.", EventType.DISASTER),
        ("The office was flooded with calls after the broadcast.", EventType.DISASTER),
        ("The river rose faster than in any flood the farmers knew.", EventType.DISASTER),
        ("The jet came within 40 metres of colliding with a cargo plane.", EventType.ACCIDENT),
        ("The campaign's television buy is slated to start next week.", EventType.ECONOMIC),
        ("He used to buy bread from the bakery on the square.", EventType.ECONOMIC),
        ("They hope to acquire the mill next year.", EventType.ECONOMIC),
        ("The minister vowed to cooperate with any inquiry that might follow.", EventType.LEGAL),
    ],
)
def test_filmed_figurative_near_misses_and_plans_are_no_events(text: str, kind: EventType) -> None:
    assert kind not in types_of(text)


def test_a_crash_captured_on_camera_is_still_a_crash() -> None:
    text = "The moment two buses collide is captured on camera by a passer-by."
    assert EventType.ACCIDENT in types_of(text)
