"""One article's text → the same ``ArticleSummary`` draft the LLM fills, by rules.

Every evidence quote is a whole sentence sliced from the text, so grounding finds it exactly;
every quantity's words are a slice of that sentence. Events come from trigger words; an
attributed sentence that triggers nothing else becomes a statement event when it ranks among
the article's main sentences, and otherwise one of a few claims.
"""

from __future__ import annotations

import re
from typing import overload

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
from summarizer.grounding.rules import (
    missing_numbers,
    name_problem,
    quantity_problem,
    time_problem,
)
from summarizer.normalize.quantities import parse_quantity
from summarizer.providers.offline.actors import DocumentActors, Mention, read_actors
from summarizer.providers.offline.attribution import (
    Attribution,
    Attributor,
    certainty_of,
    characterises,
    head_start,
    source_kind,
)
from summarizer.providers.offline.events import Trigger, find_triggers, speech_act
from summarizer.providers.offline.gazetteer import gazetteer
from summarizer.providers.offline.quantities import Figure, find_figures
from summarizer.providers.offline.rank import headline_from, is_body, rank_sentences
from summarizer.providers.offline.roles import (
    event_actors,
    pronoun_antecedent,
    refers_back,
    surface,
)
from summarizer.providers.offline.sentences import Sentence, split_sentences
from summarizer.providers.offline.tokens import tokenize
from summarizer.providers.offline.when import TimeWords, find_time_words, nearest
from summarizer.schema import ActorKind, ActorRole, Certainty, Counted, EventType, Speech

__all__ = ["build_draft"]

_MAX_KEY_POINTS = 6
_MIN_KEY_POINTS = 3
_MAX_CLAIMS = 12
_MIN_REPEATED = 20  # a figure this large told twice is one figure
_DESCRIPTION_WORDS = 40
# Which event a figure belongs to, by what it counts.
_COUNTED_EVENT = {
    Counted.KILLED: (EventType.DEATH,),
    Counted.INJURED: (EventType.INJURY,),
    Counted.KILLED_OR_INJURED: (EventType.DEATH, EventType.INJURY),
    Counted.CAPTURED: (EventType.DETENTION,),
    Counted.DETAINED: (EventType.DETENTION,),
    Counted.DEPLOYED: (EventType.DEPLOYMENT,),
    Counted.DISPLACED: (EventType.DISPLACEMENT,),
    Counted.MISSING: (EventType.DISASTER, EventType.ACCIDENT, EventType.DEATH),
    Counted.MONEY: (EventType.ECONOMIC,),
    Counted.PERCENTAGE: (EventType.ECONOMIC,),
    Counted.PARTICIPANTS: (EventType.PROTEST,),
}
# Names whose words trigger nothing: "the UN refugee agency", "Ministry of Defence".
_BODIES = frozenset(
    {ActorKind.ORGANISATION, ActorKind.GOVERNMENT_BODY, ActorKind.MEDIA, ActorKind.MILITARY}
)
# Events that are themselves someone speaking: their agent is who says so.
_SPEECH_ACTS = frozenset({EventType.STATEMENT})
_LOCATIVE = re.compile(
    r"\b(?:in|near|at|outside|across|from|into|to|on|around|inside|throughout|off)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_THAT_CLAUSE = re.compile(r"^[^,.;“”\"]{0,40}?\bthat\s+", re.IGNORECASE)
_REPORTED_AT_END = re.compile(
    r"(?<!\d),\s*[^,]{2,60}?\s(?:reported|said|says|reports|wrote)\s*[.!?]?$"
)
_TRAILING_SOURCE = re.compile(r"(?<!\d),\s*[^,]{2,80}$")


def build_draft(text: str, title: str | None = None) -> ArticleSummary:
    """The draft summary of an article's cleaned ``text`` (and its title, when known)."""
    sentences = split_sentences(text)
    tokens = [tokenize(s.text, s.start) for s in sentences]
    cast = read_actors(text, sentences, tokens)
    scores = rank_sentences(sentences, skip=title)
    lede, key_points = _lede_and_points(sentences, scores)
    events, statements = _events(text, sentences, cast, scores)
    return ArticleSummary(
        headline=title or headline_from(lede.text if lede else text[:200]),
        lede=lede.text if lede else text[:300],
        key_points=[DraftKeyPoint(text=s.text, evidence=[s.text]) for s in key_points],
        events=_one_figure_once(_one_happening(events + statements[0])),
        actors=[
            DraftActor(name=m.name, kind=m.kind, description=m.description, evidence=[s.text])
            for m, s in cast.cast(sentences)
        ],
        claims=statements[1],
    )


def _one_happening(events: list[DraftEvent]) -> list[DraftEvent]:
    """One happening told twice ("soldier captured … has died" in the headline, "a soldier
    captured by … had died" in the lede) is one event: same type, the same one person as its
    victim, no other time. The one that tells more keeps its words and takes the other's
    evidence, actors and figures."""
    out: list[DraftEvent] = []
    for event in events:
        victim = _lone_victim(event)
        same = next((e for e in out if victim and e.type is event.type
                     and _same_one(_lone_victim(e), victim)
                     and (e.when is None or event.when is None or e.when == event.when)),
                    None)  # fmt: skip
        if same is None:
            out.append(event)
            continue
        first, second = (same, event) if _told(same) >= _told(event) else (event, same)
        names = {a.name.casefold() for a in first.actors}
        merged = first.model_copy(
            update={
                "actors": first.actors + [a for a in second.actors
                                          if a.name.casefold() not in names],
                "evidence": first.evidence + [q for q in second.evidence
                                              if q not in first.evidence],
                "quantities": first.quantities + second.quantities,
                "when": first.when or second.when,
                "where": first.where or second.where,
                "country": first.country if first.where else second.country,
            }
        )  # fmt: skip
        out[out.index(same)] = merged
    return out


def _told(event: DraftEvent) -> int:
    """How much an event's own sentence tells: who, when, where, who says so."""
    return len(event.actors) + sum(
        x is not None for x in (event.when, event.where, event.attribution)
    )


def _same_one(a: str | None, b: str) -> bool:
    """ "captured pilot" and "pilot" may be one person: one's words are all the other's."""
    if a is None:
        return False
    x, y = set(a.split()), set(b.split())
    return a.split()[-1] == b.split()[-1] and (x <= y or y <= x)


def _lone_victim(event: DraftEvent) -> str | None:
    """The one victim of an event when it is one person ("North Korean soldier"), else none."""
    victims = [a.name for a in event.actors if a.role is ActorRole.VICTIM]
    if len(victims) != 1 or victims[0].endswith("s"):
        return None
    return victims[0].casefold()


def _one_figure_once(events: list[DraftEvent]) -> list[DraftEvent]:
    """The same figure told twice ("almost 3,000" in the lede, "nearly 3,000" later) is one
    quantity, on the event that first gives it, with every sentence that gives it as evidence."""
    first: dict[tuple[Counted, str | None, float], DraftQuantity] = {}
    out: list[DraftEvent] = []
    for event in events:
        kept: list[DraftQuantity] = []
        for q in event.quantities:
            amount = parse_quantity(q.text)
            value = amount.high if amount.high is not None else amount.low
            if value is not None and value >= _MIN_REPEATED:  # small counts: often two events
                key = (q.counted, amount.unit, value)
                earlier = first.get(key)
                if earlier is not None and _same_people(earlier.of_whom, q.of_whom):
                    earlier.evidence.extend(e for e in q.evidence if e not in earlier.evidence)
                    continue
                first.setdefault(key, q)
            kept.append(q)
        out.append(event.model_copy(update={"quantities": kept}))
    return out


def _same_people(a: str | None, b: str | None) -> bool:
    """ "North Korean troops" and "troops" may count the same people; "troops" and
    "civilians" do not, nor two figures that say not whom they count."""
    if a is None or b is None:
        return False
    return a.lower().split()[-1:] == b.lower().split()[-1:]


def _lede_and_points(
    sentences: list[Sentence], scores: list[float]
) -> tuple[Sentence | None, list[Sentence]]:
    if not sentences:
        return None, []
    order = sorted(range(len(sentences)), key=lambda i: -scores[i])
    body = [i for i in order if is_body(sentences[i])] or order
    lede = body[0]
    wanted = min(_MAX_KEY_POINTS, max(_MIN_KEY_POINTS, len(body) // 4))
    rest = body[1:] if len(body) > _MIN_KEY_POINTS else body
    return sentences[lede], [sentences[i] for i in sorted(rest[:wanted])]


def _events(
    text: str, sentences: list[Sentence], cast: DocumentActors, scores: list[float]
) -> tuple[list[DraftEvent], tuple[list[DraftEvent], list[DraftClaim]]]:
    attributor = Attributor()
    events: list[DraftEvent] = []
    quiet: list[tuple[int, Attribution, Certainty]] = []  # attributed, no other event
    inner: list[tuple[int, Attribution, Certainty]] = []  # sources reported by another
    paragraphs = _paragraphs(text, sentences)
    told_before: list[tuple[int, Trigger, DraftEvent]] = []
    for k, sentence in enumerate(sentences):
        mentions = cast.mentions[k]
        paragraph = paragraphs[k]
        attribution = attributor.attribute(sentence, mentions, paragraph)
        names = [(m.start, m.end) for m in mentions if m.kind in _BODIES]
        triggers = find_triggers(sentence, names)
        if attribution is None and (act := speech_act(sentence, names)) is not None:
            # "The ministry issued a statement saying six soldiers were killed": it says so.
            roles = event_actors(act, sentence, mentions, None)
            attribution = _speaker(roles, sentence, mentions, act)
        if attribution is not None and characterises(sentence.text):
            triggers = []  # "described the attack as a “perilous escalation”": a claim
        accusation = next((t for t in triggers if t.type is EventType.ACCUSATION), None)
        if accusation is not None:
            # "The ministry accused the rebels of…" is an assertion: a claim of the accuser's.
            triggers = [t for t in triggers if t is not accusation]
            accuser = _speaker(event_actors(accusation, sentence, mentions, None), sentence,
                               mentions, accusation)  # fmt: skip
            attribution = attribution or accuser
        if not triggers and (attribution is None or not is_body(sentence)):
            continue
        following = sentences[k + 1].text if k + 1 < len(sentences) else ""
        how = attribution.how if attribution else None
        certainty = certainty_of(sentence.text, following, how)
        if attribution is not None and (not triggers or accusation is not None):
            quiet.append((k, attribution, certainty))
        if attribution is not None and (triggers or is_body(sentence)):
            # "Y confirmed that …, X reported": the event is X's report, and Y's word a claim.
            inner.extend((k, a, certainty) for a in attributor.inner(sentence, mentions,
                                                                      attribution))  # fmt: skip
        if not triggers:
            continue
        figures = _assign(find_figures(sentence, mentions), triggers)
        times = find_time_words(sentence.text, sentence.start)
        # The sentence before: what an opening pronoun may stand for.
        before = (sentences[k - 1], cast.mentions[k - 1]) if k else None
        for trigger in triggers:
            event = _event(trigger, sentence, mentions, cast, attribution, certainty,
                           figures.get(trigger.type, []), times, before)  # fmt: skip
            for j, earlier, told in told_before:
                if k - j in (1, 2):
                    _join_told_again(earlier, told, trigger, sentence, event)
            told_before.append((k, trigger, event))
            events.append(event)
    return events, _statements(sentences, cast, scores, quiet, inner)


def _join_told_again(
    earlier: Trigger, told: DraftEvent, later: Trigger, sentence: Sentence, event: DraftEvent
) -> None:
    """A happening told again a sentence or two later ("… the attacks. The attacks were
    carried out by …"): each telling takes from the other the roles it lacks; a harm it caused
    ("wounded in the stabbings") gives it its victims. Whoever takes a name takes the sentence
    that names it into its evidence."""
    how = refers_back(earlier, told.evidence[0], later, sentence)
    if how is None:
        return
    harmed = (ActorRole.VICTIM, ActorRole.TARGET)
    if how == "same":
        _take(told, event, (ActorRole.AGENT, *harmed))
        _take(event, told, (ActorRole.AGENT, *harmed))
    else:  # the attack's victims are the harm's (the harm keeps to its own sentence)
        _take(told, event, harmed, as_role=ActorRole.VICTIM)


def _take(
    into: DraftEvent,
    source: DraftEvent,
    roles: tuple[ActorRole, ...],
    *,
    as_role: ActorRole | None = None,
) -> None:
    """Give ``into`` the actors of ``source`` in ``roles`` when it has none in them."""
    if any(a.role in roles for a in into.actors):
        return
    given = [a for a in source.actors if a.role in roles and a.name not in
             {b.name for b in into.actors}]  # fmt: skip
    if not given:
        return
    into.actors.extend(DraftActorRef(name=a.name, role=as_role or a.role) for a in given)
    into.evidence.extend(q for q in source.evidence if q not in into.evidence)


def _paragraphs(text: str, sentences: list[Sentence]) -> list[int]:
    """Each sentence's paragraph: the sentences of one line (a block of the text) share one."""
    out: list[int] = []
    for k, sentence in enumerate(sentences):
        new_line = k > 0 and "\n" in text[sentences[k - 1].end : sentence.start]
        out.append((out[-1] + new_line) if out else 0)
    return out


def _evidence(sentence: Sentence, attribution: Attribution | None) -> list[str]:
    """The sentence, and the one naming its source when a pronoun or a quotation that goes on
    stands for the name here."""
    named_in = attribution.named_in if attribution else None
    return [sentence.text] + ([named_in] if named_in and named_in != sentence.text else [])


def _assign(figures: list[Figure], triggers: list[Trigger]) -> dict[EventType, list[Figure]]:
    """Each figure to the event it counts for, else to the event whose trigger is nearest."""
    out: dict[EventType, list[Figure]] = {}
    types = {t.type for t in triggers}
    for f in figures:
        preferred = [t for t in _COUNTED_EVENT.get(f.counted, ()) if t in types]
        if preferred:
            target = preferred[0]
        else:
            target = min(triggers, key=lambda t: abs(t.start - f.start)).type
        out.setdefault(target, []).append(f)
    return out


def _event(
    trigger: Trigger,
    sentence: Sentence,
    mentions: list[Mention],
    cast: DocumentActors,
    attribution: Attribution | None,
    certainty: Certainty,
    figures: list[Figure],
    times: list[TimeWords],
    before: tuple[Sentence, list[Mention]] | None = None,
) -> DraftEvent:
    source = attribution.mention if attribution else None
    roles = event_actors(trigger, sentence, mentions, source)
    carried = pronoun_antecedent(trigger, sentence, roles, *before) if before else []
    when = nearest(times, trigger.start)
    place = _where(sentence, mentions, trigger)
    if attribution is None and trigger.type in _SPEECH_ACTS:
        attribution = _speaker(roles, sentence, mentions, trigger)
    evidence = _evidence(sentence, attribution)
    if carried and before is not None:
        roles = [*roles, *carried]
        if before[0].text not in evidence:
            evidence.append(before[0].text)
    if attribution is not None and not _stands(attribution.source, evidence):
        attribution = None  # a source grounding cannot find there ("US" folds to "us")
    draft_attribution = _draft_attribution(attribution)
    return DraftEvent(
        type=trigger.type,
        description=_describe(sentence, attribution),
        actors=[
            DraftActorRef(name=name, role=role) for name, role in roles if _stands(name, evidence)
        ],
        when=_timed(when.text if when else None, evidence),
        where=_named(place.name if place else None, evidence),
        country=_country(place, cast) if _named(place.name if place else None, evidence) else None,
        quantities=[
            DraftQuantity(
                counted=f.counted,
                of_whom=_named(f.of_whom, evidence),
                text=f.text,
                attribution=draft_attribution,
                evidence=evidence,
            )
            for f in figures
            if quantity_problem(f.text, evidence) is None  # the whole figure, hedge and all
        ],
        attribution=draft_attribution,
        certainty=certainty,
        evidence=evidence,
    )


def _speaker(
    roles: list[tuple[str, ActorRole]],
    sentence: Sentence,
    mentions: list[Mention],
    trigger: Trigger,
) -> Attribution | None:
    """Who says so in a speech act of their own ("Police urged people to…", "the minister
    warned…"): its agent."""
    agent = next((name for name, role in roles if role is ActorRole.AGENT), None)
    if agent is None:
        return None
    base = sentence.start
    mention = next((m for m in mentions if surface(m, sentence.text, base) == agent), None)
    if mention is not None and (at := head_start(sentence, mention.start)) < mention.start:
        agent = sentence.text[at - base : mention.end - base]  # "the leadership of ETA"
        agent = re.sub(r"^(?:the|a|an)\s+", "", agent, flags=re.IGNORECASE)
    kind = source_kind(agent, mention.kind if mention else None,
                       mention.description if mention else None)  # fmt: skip
    return Attribution(agent, kind, Speech.STATED, trigger.start, mention)


def _stands(name: str, evidence: list[str]) -> bool:
    """Whether a name stands in the evidence as grounding reads names."""
    return name_problem(name, evidence) is None


def _named(value: str | None, evidence: list[str]) -> str | None:
    """``value`` when it stands in the evidence as grounding reads names, else nothing."""
    return value if value is not None and _stands(value, evidence) else None


def _timed(value: str | None, evidence: list[str]) -> str | None:
    """The time words when grounding finds them whole in the evidence, else nothing."""
    return value if value is not None and time_problem(value, evidence) is None else None


def _statements(
    sentences: list[Sentence],
    cast: DocumentActors,
    scores: list[float],
    quiet: list[tuple[int, Attribution, Certainty]],
    inner: list[tuple[int, Attribution, Certainty]],
) -> tuple[list[DraftEvent], list[DraftClaim]]:
    """Attributed sentences that report no event: assertions, so claims with their source;
    one that gives figures is a statement event, which can carry them as quantities. The
    ``inner`` sources of sentences another source reports are claims too."""
    ranked = sorted([(q, False) for q in quiet] + [(q, True) for q in inner],
                    key=lambda qc: -scores[qc[0][0]])  # fmt: skip
    events: list[tuple[int, DraftEvent]] = []
    claims: list[tuple[int, DraftClaim]] = []
    for (k, attribution, certainty), claim_only in ranked:
        sentence = sentences[k]
        if not _stands(attribution.source, _evidence(sentence, attribution)):
            continue  # nobody grounding can find says so
        if not claim_only and find_figures(sentence, cast.mentions[k]):
            at = attribution.verb_at
            trigger = Trigger(EventType.STATEMENT, at, at, "said", strong=False)
            mentions = cast.mentions[k]
            times = find_time_words(sentence.text, sentence.start)
            event = _event(trigger, sentence, mentions, cast, attribution, certainty,
                           find_figures(sentence, mentions), times)  # fmt: skip
            speaker = DraftActorRef(name=attribution.speaker, role=ActorRole.AGENT)
            events.append((k, event.model_copy(update={"actors": [speaker]})))
        elif len(claims) < _MAX_CLAIMS:
            claim = DraftClaim(
                statement=_inner_words(sentence, attribution)
                if claim_only
                else _describe(sentence, attribution),
                attribution=_draft_attribution(attribution),
                certainty=certainty,
                evidence=_evidence(sentence, attribution),
            )
            claims.append((k, claim))
    in_order = sorted(events, key=lambda ke: ke[0]), sorted(claims, key=lambda kc: kc[0])
    return [event for _, event in in_order[0]], [claim for _, claim in in_order[1]]


def _inner_words(sentence: Sentence, attribution: Attribution) -> str:
    """What a source reported by another says, in the sentence's words from its name on:
    "…, a day after Ukraine’s special forces announced they had taken him prisoner" →
    "Ukraine’s special forces announced they had taken him prisoner"."""
    m = attribution.mention
    start = m.start - sentence.start if m is not None else 0
    text = sentence.text[max(0, start) :].strip(" “”\"'")
    text = _REPORTED_AT_END.sub("", text)  # "…, Nordpress reported." is the outer source's
    if missing_numbers(text, [sentence.text]):
        text = sentence.text.strip()
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "…", "!", "?")) else text.rstrip(",;:") + "."


@overload
def _draft_attribution(a: Attribution) -> DraftAttribution: ...
@overload
def _draft_attribution(a: None) -> None: ...
def _draft_attribution(a: Attribution | None) -> DraftAttribution | None:
    if a is None:
        return None
    return DraftAttribution(source=a.source, kind=a.kind, how=a.how, outlet_asserts=False)


def _where(sentence: Sentence, mentions: list[Mention], trigger: Trigger) -> Mention | None:
    """The place nearest the trigger that the sentence puts an event in ("in Kursk")."""
    places = [
        m for m in mentions
        if m.place and _LOCATIVE.search(sentence.text[: m.start - sentence.start][-30:])
    ]  # fmt: skip
    # A place inside a longer one ("Kursk" in "Russia’s Kursk region") is the longer one.
    places = [m for m in places if not any(o is not m and o.place and o.start <= m.start
                                           and m.end <= o.end for o in places)]  # fmt: skip
    return min(places, key=lambda m: abs(m.start - trigger.start), default=None)


def _country(place: Mention | None, cast: DocumentActors) -> str | None:
    """The place's country, when the article names that country (or the place is one), as
    the article writes it ("Britain" for the United Kingdom)."""
    if place is None or not place.country:
        return None
    if not (place.name in gazetteer().countries or place.country in cast.mentioned_countries):
        return None
    names = [place.country] + [
        name for name, country in gazetteer().countries.items() if country == place.country
    ]
    return next((n for n in names if name_problem(n, [cast.text]) is None), None)


def _describe(sentence: Sentence, attribution: Attribution | None) -> str:
    """The sentence's own words for what happened: the reported clause when it is reported."""
    text = sentence.text.strip()
    if attribution is not None:
        verb = attribution.verb_at - sentence.start
        if 0 <= verb < len(text):
            after_verb = text[verb:]
            clause = _THAT_CLAUSE.match(after_verb)
            if clause and len(after_verb) - clause.end() > 20:
                text = after_verb[clause.end() :]
            elif verb > len(text) * 0.6 and (cut := _TRAILING_SOURCE.search(text[:verb])):
                text = text[: cut.start()]
    words = text.split()
    if len(words) > _DESCRIPTION_WORDS:
        text = " ".join(words[:_DESCRIPTION_WORDS]).rstrip(",;:") + "…"
    text = text.strip(" “”\"'")
    text = text[:1].upper() + text[1:]
    text = text if text.endswith((".", "…", "!", "?")) else text.rstrip(",;:") + "."
    # A cut that leaves part of a figure ("a 1." of "a 1,200 km border") is no description.
    return text if not missing_numbers(text, [sentence.text]) else sentence.text.strip()
