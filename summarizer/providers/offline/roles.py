"""Who did what to whom: the roles of the actors around an event's trigger.

Roles come from word order. In the passive ("soldiers were killed by …", "a soldier captured
by Ukrainian forces") the phrase before the trigger is the victim and the one after "by" the
agent; in the active ("gunmen killed 23 soldiers", "…, killing six members") the phrase before
is the agent and the one after the victim or target. A noun trigger takes its roles from "of",
"on", "between", "with" and a name right before it ("IS attacks", "the deaths of six
soldiers", "talks between X and Y"). Phrases joined by commas or "and" share a role. Nobody is
the agent of a flood.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from summarizer.providers.offline.events import Trigger
from summarizer.providers.offline.names import Mention
from summarizer.providers.offline.sentences import Sentence
from summarizer.schema import ActorKind, ActorRole, EventType
from summarizer.text.words import alternation, words

__all__ = ["event_actors", "surface"]

_PASSIVE_BEFORE = re.compile(
    r"\b(?:was|were|been|being|be|is|are|get|got|gets)\s+(?:\w+ly\s+|also\s+|later\s+|then\s+"
    r"|initially\s+|reportedly\s+|allegedly\s+|all\s+|both\s+)*"
    r"(?:\w+(?:ed|en)(?:\s*,\s*\w+(?:ed|en))*,?\s+(?:or|and)\s+)?$",  # "killed or wounded",
    # "looted, burned and shelled"
    re.IGNORECASE,
)
# Nouns that trigger an event: their roles come from "of", "on", "by", "between", "with" and a
# name right before them ("IS attacks"), not from the sentence's subject.
_NOMINAL = words(
    """detention custody hostage hostages death deaths killings injury injuries casualties
    fatalities explosion explosions blast blasts bombings shootings clashes battle offensive
    invasion evacuation displacement rallies demonstration demonstrations agreement
    agreements deals treaty accord pact ceasefire truce talks summit meeting meetings election
    elections referendum trial charges investigation probe inquiry sanctions execution
    executions airstrike airstrikes strike strikes assassination assassinations abduction
    abductions coup coups"""
)
# Nouns that are verbs too: nouns after a determiner or possessive, or before "of", "on".
_EITHER = words(
    """capture arrest arrests attack attacks assault assaults release vote visit ban protest
    protests rally raid raids deal fighting shelling bombing shooting massacre murder murders
    killing kidnapping stabbing ambush ambushes poisoning"""
)
_NOUN_BEFORE = re.compile(
    r"(?:\b(?:a|an|the|this|that|these|those|his|her|their|its|our|last|first|latest|new"
    r"|deadly|suicide|terrorist|terror|such|further|recent|\w+’s|\w+'s|\s[’']s)|[A-Z]\w*)\s+$"
)
_NOUN_AFTER = re.compile(r"\s+(?:of|on|against|by|in|at(?!\s+(?:least|most)\b))\b", re.IGNORECASE)
# "launched attacks", but not "the failed coup": a participle that describes the noun.
_DESCRIBING = (
    r"(?!(?:fail|attempt|foil|thwart|alleg|suspect|plann|botch|abort|report|purport|repeat"
    r"|renew|continu|coordinat|sustain|unprovok|organis|organiz)ed\b)"
)
_LIGHT_VERB_BEFORE = re.compile(
    rf"\b(?:{_DESCRIBING}\w+ed|held|made|took|began|led|won|lost|struck|fought|ran|set|put"
    r"|carry|launch|stage|mount|conduct|(?:involved|implicated)\s+in|took\s+part\s+in)"
    r"\s+(?:out\s+)?"
    r"(?:(?:a|an|the|new|fresh|further|several|two|three|its|their|his|her|series\s+of|wave\s+of"
    r"|failed|attempted|foiled|thwarted|botched|planned|alleged|suspected"
    r"|string\s+of|(?:mon|tues|wednes|thurs|fri|satur|sun)day|overnight|night|dawn)\s+)*"
    r"(?:[A-Z][\w-]*\s+){0,2}$"  # "carried out the Black Monday attacks"
)  # "carried out the dawn raid", "launched a wave of attacks"
_NOMINAL_OBJECT = re.compile(
    r"\s+(?:(?:(?:\w+ly\s+)?(?:targeted|aimed|directed)\s+(?:at|against|on))|of|on|against"
    r"|targeting|at)\s+(?:the\s+)?",
    re.IGNORECASE,
)  # "attacks on X", "raids directed against the X"
_NOMINAL_PARTIES = re.compile(r"\s+(?:between|with|among)\s+(?:the\s+)?", re.IGNORECASE)
_PREPOSITION_NEXT = re.compile(
    r"\s+(?:in|at|by|near|on|during|after|before|from|outside|inside|with|while|when|since|"
    r"last|this|over|across|into|as)\b|\s*[,.;]|$",
    re.IGNORECASE,
)
# "killed by", "shot dead by", "wounded critically by"
_BY_AFTER = re.compile(
    r"\s+(?:(?:dead|alive|\w+ly)\s+)?(?:by|at\s+the\s+hands\s+of)\s+(?:the\s+)?", re.IGNORECASE
)
# Between "by" and its agent, a count and a word or two that describe it: "by two masked
# gunmen"; no preposition, conjunction or verb ("by then", "by car and fled").
_BY_GAP = re.compile(
    r"(?:(?:\d[\d,]*|two|three|four|five|six|seven|eight|nine|ten|several|some|dozens\s+of"
    r"|hundreds\s+of)\s+)?(?!(?:of|in|on|at|to|for|from|with|and|or|then|now|far|car|air|sea"
    r"|road|land|phone|email)\b)(?:[a-z][a-z-]*\s+){0,2}"
)
_VICTIM_OF = re.compile(
    r"\b(victims?)\s+of\s+(?:(?:a|an|the|this|that|these|those)\s+)?(?:[a-z-]+\s+){0,2}$",
    re.IGNORECASE,
)
_REFLEXIVE_AFTER = re.compile(r"\s+(?:himself|herself|themselves|itself|oneself)\b",
                              re.IGNORECASE)  # fmt: skip
# A personal pronoun right before an active verb is its subject: no name before it is.
_PRONOUN_SUBJECT = re.compile(
    r"(?:^|[^\w’'])(?:he|she|they|we|I|you)\s+(?:(?:also|then|later|finally|allegedly"
    r"|reportedly|\w+ly)\s+)*$",
    re.IGNORECASE,
)
_INTRANSITIVE = words(
    """died dies die dying dead deaths death perished drowned fled flee fleeing flees escaped
    homeless refugees refugee protested protest protests rallied marched demonstrated riots
    rioted casualties fatalities met talks summit"""
)
_CLAUSE_BREAK = re.compile(r";|—|–|\bbut\b|,\s(?:which|who|while|whereas|although|where|when)\b|:")
_COUNT_SUBJECT = re.compile(
    r"(?:[,;]|\band|\bbut)\s+(?:(?:at\s+least|more\s+than|some|about|nearly|almost|over"
    r"|around|another)\s+)*(?:\d+(?:,\d{3})*|dozens|scores|hundreds|thousands|two|three|four|five|six"
    r"|seven|eight|nine|ten)\s+(?:(?:have|has|had|were|was|are|is|been|also|reportedly|later"
    r"|\w+ly)\s+)*$",
    re.IGNORECASE,
)
_GROUP_NOUNS = words(
    """group groups organisation organization militia militias faction factions movement network
    cell brigade brigades front"""
)
_LISTED = re.compile(r"^\s*,\s*(?:the|a|an)\s+$")
_AND_OR = re.compile(r"\b(?:and|or)\b")
_COORDINATION = re.compile(
    r"^\s*(?:,\s*(?:including\s+)?|(?:,\s*|\s+)(?:and|or)\s+(?:(?:the|a|an)\s+)?"
    # "WikiLeaks and its founder, Ivo Rand": the name after its description.
    r"|(?:,\s*|\s+)(?:and|or)\s+(?:its|his|her|their)\s+[a-z-]+(?:\s+[a-z-]+)?,\s*)$"
)
_VICTIM_TYPES = frozenset(
    {EventType.DEATH, EventType.INJURY, EventType.DETENTION, EventType.DISPLACEMENT}
)
_PARTICIPANT_TYPES = frozenset({EventType.AGREEMENT, EventType.MEETING, EventType.ELECTION})
_DETERMINER = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_MAX_ACTORS = 4
_MAX_LISTED = 8  # people named one by one after "including" are each a victim
# A participle after a comma or after another participle's phrase: ", killing … and injuring".
_PARTICIPLE_CLAUSE = re.compile(r"(?:,|\bby)\s*(?:\w+ing\b[^,;]*?\s(?:and|or)\s+)?$")
# What may open a clause before its subject: nothing, a time or place phrase set off by a comma.
_OPENING = re.compile(r"\s*(?:[^,;]{0,40},\s*){0,2}(?:(?:the|a|an)\s+)?", re.IGNORECASE)
_VICTIM_NOUNS = words("victim victims casualties casualty")
_NEXT_VERB = re.compile(
    r"\s(?:and|or|then)\s+(?:(?:has|have|had|was|were|is|are|also|later|then)\s+)*"
    r"(?:[a-z]+ed|sent|took|made|held|began|left|fled|shot|struck|hit|led|won|lost)\b"
)
_FINITE_AFTER = re.compile(
    r"(?:[’']s)?\s+(?:(?:has|have|had|also|then|later|reportedly|allegedly)\s+)*"
    r"(?:[a-z]+ed|blew|shot|struck|hit|threw|drove|ran|set|opened|took|made|fought|led|sent"
    r"|(?:is|are|was|were)\s+[a-z]+ing)\b"
)
_LATE_BY = re.compile(r"\s(?:by|at\s+the\s+hands\s+of)\s+(?:the\s+)?")
# Places and things an attack strikes: general nouns of buildings, vehicles and sites.
_STRUCK = alternation(
    words(
        """market bakery cafe café restaurant hotel shop shops store mall station checkpoint
        base barracks embassy consulate school hospital clinic mosque church synagogue temple
        shrine airport port bridge building buildings office offices headquarters compound
        convoy patrol vehicle vehicles car cars bus buses truck trucks train plane aircraft
        helicopter ship ships tanker drone drones pipeline refinery plant factory village
        villages town towns camp camps prison parliament palace ministry court stadium
        concert rally parade crowd post posts positions outpost airfield airbase depot"""
    )
)
_TARGETED_AFTER = re.compile(
    rf"\s+(?:on|at|against|targeting|into|near)?\s*(?:the|a|an|its|their|his|her)\s+"
    rf"((?:[\w’'-]+\s+){{0,2}}(?:{_STRUCK}))\b",
    re.IGNORECASE,
)
_TARGETED_BEFORE = re.compile(
    rf"\b(?:the|a|an)\s+((?:[\w’'-]+\s+){{0,2}}(?:{_STRUCK}))\s+(?:was|were|had\s+been|has\s+been)"
    rf"\s+(?:\w+ly\s+)?$",
    re.IGNORECASE,
)
_UNDERGO_BEFORE = re.compile(
    r"\b(?:suffered|suffer|suffers|sustained|sustain|received)\s+(?:[a-z-]+\s+){0,3}$"
)
_RESPONSIBLE_BEFORE = re.compile(
    r"\b(?:claimed|accepted|took|admitted|claims|accepts|takes)\s+(?:full\s+)?responsibility"
    r"\s+for\s+(?:(?:the|a|an|this|that|these|those|its|their)\s+)?(?:[a-z-]+\s+){0,2}$"
)
_PLACE_LIKE = frozenset({ActorKind.STATE, ActorKind.OTHER})  # a name of unknown kind, too
_LOCATIVE_BEFORE = re.compile(
    r"\b(?:to|into|in|inside|at|from|near|across|throughout|within|over)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_OWNER_GAP = re.compile(r"\s?(?:[’']s)?\s?")  # "Kalmaria’s attack", "Kalmaria 's attack"
# Between the head of a subject and a phrase inside it: "A commander of", "Kalmaria’s attack
# on", "the leader of the".
_OF_GAP = re.compile(
    r"(?:[’']s)?(?:\s+[a-z][\w-]*){0,2}\s+(?:of|on|against|targeting)\s+(?:the\s+)?"
    r"(?:[A-Z][\w-]*[’']s\s+)?(?:[a-z][\w-]*\s+){0,2}[\"“]?"  # "a commander of Kalmaria’s
    # Northern Brigade", "the chairman of the recently formed council"
)
# A relative clause's subject is the phrase before "who": "a mayor who was shot".
_WHO_BEFORE = re.compile(
    r"(?:\s*,\s*|\s+)who\s+(?:(?:had|has|have|was|were|is|are|been|being|also|later|then"
    r"|reportedly|allegedly|\w+ly)\s+)*$"
)
# An aside after a comma or a dash: "Ivo Rand – shot dead by guards – had", "X, arrested in".
_ASIDE_BEFORE = re.compile(r"\s*(?:,|—|–|--)\s*(?:\w+ly\s+)?(?:shot\s+|found\s+|left\s+)?$")
# "The rebels, who killed three villagers, fled": past the relative clause, its antecedent is
# the subject again.
_PAST_RELATIVE = re.compile(
    r"\s*,\s*who\s[^,;]*,\s*(?:(?:was|were|had|has|have|is|are|been|being|also|later|then"
    r"|\w+ly)\s+)*$"
)
_ANTECEDENT_GAP = re.compile(r"[\s,]*")
# Verbs of harm done to a person: their object is a victim, not a target.
_HARM_VERBS = (
    "shot", "shoot", "stab", "assault", "beat", "punch", "rape", "tortur", "sucker", "behead",
    "lynch", "maim", "whip", "poison", "hack", "strangl",
)  # fmt: skip
# "killed in rebel attacks", "died in a Kalmarian airstrike": whoever owns the attack did it.
_IN_ATTACK_BEFORE = re.compile(
    r"^\s+(?:[a-z]+\s+){0,3}?(?:in|during|by)\s+(?:(?:a|an|the|two|twin|several|recent"
    r"|repeated|[a-z]+[’']s)\s+)*$"
)
_ATTACK_AFTER = re.compile(
    r"^(?:[’']s?)?\s+(?:(?:suicide|terror|terrorist|rocket|missile|mortar|artillery|drone|air"
    r"|bomb|car|deadly|joint)\s+)?(?:attacks?|air\s?strikes?|strikes?|bombings?|raids?|shelling"
    r"|assaults?|offensive|ambush(?:es)?|shootings?|fire|bombardment)\b",
    re.IGNORECASE,
)
# Between a verb and its object no place or time phrase: "killed in Kessel the leader" is rare,
# "killed in the raid by rebels" common.
_NOT_DIRECT = re.compile(r"\b(?:in|during|near|after|before|outside|inside|since|across)\b")
# A count right after a verb is its object, so the verb is active: "gunmen killed 12 in".
_COUNT_AFTER = re.compile(
    r"\s+(?:(?:at\s+least|at\s+most|more\s+than|fewer\s+than|as\s+many\s+as|some|about"
    r"|nearly|almost|over|up\s+to|another|around|roughly)\s+)*(?:\d|(?:one|two|three|four"
    r"|five|six|seven|eight|nine|ten|eleven|twelve|dozens|scores|hundreds|thousands)\b)",
    re.IGNORECASE,
)
# Weapons that harm whoever they strike: people struck by them are victims ("a strike on an
# army unit"), places and things their targets.
_FORCE_WORDS = (
    "strike", "airstrike", "air strike", "bomb", "shell", "shoot", "shot", "stab", "missile",
    "rocket", "mortar", "drone strike", "gunfire", "fire", "fired", "opened fire", "open fire",
)  # fmt: skip
_PEOPLE_KINDS = frozenset(
    {ActorKind.PERSON, ActorKind.GROUP, ActorKind.MILITARY, ActorKind.ARMED_GROUP}
)
# A phrase after a preposition is that preposition's object, not the clause's subject:
# "Activists close to the Kessel party were arrested".
_PREPOSITION_BEFORE = re.compile(
    r"\b(?:to|with|for|against|about|toward|towards|than|like|into|among|behind|on|at|upon)\s+"
    r"(?:(?:the|a|an)\s+)?$",
    re.IGNORECASE,
)
# A relative clause about a thing: "a blast which injured" ("that" may be a person's too).
_WHICH_BEFORE = re.compile(r"[a-z]\s+which\s+(?:(?:had|has|have|also|then|\w+ly)\s+)*$")
_THERE = re.compile(r"\s+(?:there|here|nearby|abroad|overseas)\b")
_PARTICIPLES_GAP = re.compile(r"(?:\s*,?\s+(?:and\s+|or\s+)?[a-z]+ed)*(?:\s+\w+ly)?\s*")
_SUSPECT_BEFORE = re.compile(
    r"\b(?:on\s+suspicion\s+of|suspected\s+of|accused\s+of|charged\s+with|convicted\s+of"
    r"|guilty\s+of|arrested\s+for|jailed\s+for|sentenced\s+for|wanted\s+for"
    r"|in\s+connection\s+with|implicated\s+in)\s+(?:(?:the|a|an|his|her|their|attempted)\s+)?(?:[a-z-]+\s+){0,2}$"
)
_PERFECT_BEFORE = re.compile(
    r"\b(?:has|have|had|having|'ve|’ve)\s+(?:(?:also|already|now|since|reportedly|\w+ly)\s+)*$",
    re.IGNORECASE,
)
_AIMED_AFTER = re.compile(
    r"\s*,?\s+(?:which|that)\s+(?:(?:was|were|is|are|seemed|seems|appeared|appears|to|be|been"
    r"|apparently|\w+ly)\s+)*(?:aimed|targeted|directed)\s+(?:at|against)\s+(?:the\s+)?"
)
_INCLUDING = re.compile(r",?\s+(?:including|among\s+them)\s+")
# Who takes hostages holds them: "gunmen took dozens of hostages".
_CAPTORS_GAP = re.compile(
    r"\s+(?:\w+ly\s+)?(?:have\s+|had\s+|has\s+|are\s+|were\s+)?(?:seized|took|taken|held"
    r"|holding|captured|kidnapped|abducted|grabbed|seizing|taking)\s+(?:[\w-]+\s+){0,4}$"
)
_CAPTIVES = words("hostage hostages captive captives detainees prisoners")
# "killing two guards and injuring 40 others": the rest of a count is a victim too.
_OTHERS_AFTER = re.compile(
    r"\s+(?:(?:at\s+least|more\s+than|some|about|nearly|almost|over|up\s+to|another|around)"
    r"\s+)*(?:\d[\d,]*|dozens|scores|hundreds|two|three|four|five|six|seven|eight|nine|ten)"
    r"\s+(others)\b",
    re.IGNORECASE,
)
# "killed nine guards and injured six more": the object of the first verb is no subject of the
# second.
_NEXT_OF_TWO = re.compile(r"^\s+(?:and|or)\s+(?:then\s+|also\s+)?$")
_NEAR = 80  # characters: an object further from its verb is rarely its object


@dataclass(frozen=True, slots=True)
class _Around:
    """The actor mentions of a trigger's clause: before it, after it, and after its "by"."""

    actors: list[Mention]
    subject: list[Mention]
    objects: list[Mention]
    agent_by: Mention | None


def event_actors(
    trigger: Trigger, sentence: Sentence, mentions: list[Mention], source: Mention | None
) -> list[tuple[str, ActorRole]]:
    """The actors of one event with their roles, from the mentions around its trigger; the
    ``source`` reporting the event is not one of them."""
    text, base = sentence.text, sentence.start
    if _RESPONSIBLE_BEFORE.search(text[: trigger.start - base]):
        source = None  # who claims responsibility for an attack did it, and says so
    around = _around(trigger, text, base, mentions, source)
    word = trigger.word.lower().split()[0]
    inside = _inside(trigger, mentions) if trigger.type in _VICTIM_TYPES else None
    if inside is not None and inside.end > trigger.end:  # "flew wounded people out"
        return _named([(inside, ActorRole.VICTIM)], text, base)
    if inside is not None and word in _CAPTIVES:  # "gunmen took dozens of hostages"
        captors = [
            m
            for m in around.actors
            if m.end <= inside.start
            and _CAPTORS_GAP.fullmatch(text[m.end - base : inside.start - base])
        ]
        found = [(inside, ActorRole.VICTIM)] + [(m, ActorRole.AGENT) for m in captors[-1:]]
        return _named(found, text, base)
    antecedent = _antecedent(trigger, text, base, mentions, source, word)
    if antecedent is not None:
        around = replace(around, subject=[antecedent])
    owner = _attack_owner(trigger, text, base, [m for m in mentions if not m.place
                                                and m is not source])  # fmt: skip
    if owner is not None:  # not this verb's object, but the agent of the attack it was in
        around = replace(around, objects=[m for m in around.objects if m is not owner],
                         agent_by=around.agent_by or owner)  # fmt: skip
    before_trigger = text[: trigger.start - base]
    # A plural gerund ("hijackings", "lootings") is a noun, never a verb.
    noun = word in _NOMINAL or word.endswith("ings")
    if noun or (
        word in _EITHER
        and (_NOUN_BEFORE.search(before_trigger) or _NOUN_AFTER.match(text, trigger.end - base))
    ):
        roles = _nominal_roles(trigger, text, base, around)
    else:
        if antecedent is None and around.subject:
            around = replace(around, subject=_second_verb_subject(text, base, around, trigger))
        if antecedent is None and _PRONOUN_SUBJECT.search(before_trigger):
            around = replace(around, subject=[])  # "after he slays": a pronoun did it
        roles = _verb_roles(trigger, text, base, around, word)
    listed = (
        _including(
            trigger, text, base, around.actors, [m for m, r in roles if r is ActorRole.VICTIM]
        )
        if trigger.type in _VICTIM_TYPES
        else []
    )
    roles = [(_group_name(m, text, base, around.actors), r) for m, r in roles]
    suspected = _suspect(trigger, text, base, mentions, source)
    if suspected is not None:  # "police detained a man on suspicion of murder": he did it
        roles = [(m, ActorRole.AGENT) for m in suspected] + [
            (m, r) for m, r in roles if r is not ActorRole.AGENT and m not in suspected
        ]
    if trigger.type in _HARMED and not any(r is ActorRole.AGENT for _, r in roles):
        roles += [(m, ActorRole.AGENT) for m in _attacker_of_relative(trigger, text, base,
                                                                      around.actors)]  # fmt: skip
    named = _named(_victims_by_name(roles + listed), text, base, most=_MAX_LISTED if listed
                   else _MAX_ACTORS)  # fmt: skip
    if trigger.type is EventType.ATTACK and not any(
        r in (ActorRole.TARGET, ActorRole.VICTIM) for _, r in named
    ):
        named += _named(_aimed_at(trigger, text, base, mentions, source), text, base)
    if trigger.type is EventType.ATTACK and not any(r is ActorRole.TARGET for _, r in named):
        named += _named(_place_struck(trigger, text, base, mentions, noun), text, base)
    if trigger.type is EventType.ATTACK and not any(r is ActorRole.TARGET for _, r in named):
        given = {n.casefold() for n, _ in named}
        named += [p for p in _place_targeted(trigger, text, base) if p[0].casefold() not in given]
    return named[: max(_MAX_ACTORS, len(named) if listed else 0)]


def _attacker_of_relative(
    trigger: Trigger, text: str, base: int, actors: list[Mention]
) -> list[Mention]:
    """ "the knife attack by a student that hurt four": who made the attack did the harm told
    in the relative clause after it."""
    for m in actors:
        if m.end > trigger.start:
            continue
        if _RELATIVE_GAP.fullmatch(text[m.end - base : trigger.start - base]) and (
            _ATTACK_BY_BEFORE.search(text, 0, m.start - base)
        ):
            return [m]
    return []


def _group_name(m: Mention, text: str, base: int, actors: list[Mention]) -> Mention:
    """A group phrase named right before or after it is that name: "the “Kessel Front”
    militant group", "the rebel group KLF"."""
    if m.named or m.name.lower().split()[-1] not in _GROUP_NOUNS:
        return m
    for n in actors:
        if not n.named or n.place or n.kind is ActorKind.STATE:
            continue
        quoted = n.end <= m.start and re.fullmatch(
            r"[\"”’']\s*", text[n.end - base : m.start - base]
        )
        after = m.end <= n.start and text[m.end - base : n.start - base] == " "
        if quoted or after:
            return n
    return m


def _aimed_at(
    trigger: Trigger, text: str, base: int, mentions: list[Mention], source: Mention | None
) -> list[tuple[Mention, ActorRole]]:
    """ "the shootings, which appeared to be aimed at tourists": whom the attack was aimed at, in
    the relative clause right after it."""
    found = _AIMED_AFTER.match(text, trigger.end - base)
    if found is None:
        return []
    at = [m for m in mentions if not m.place and m is not source
          and found.end() - 5 <= m.start - base <= found.end() + 1]  # fmt: skip
    return [(m, ActorRole.TARGET) for m in at[:1]]


def _suspect(
    trigger: Trigger, text: str, base: int, mentions: list[Mention], source: Mention | None
) -> list[Mention] | None:
    """ "detained a man on suspicion of murder", "the woman accused of the killing": whoever
    is held or accused for a harm is its agent (when named), not who holds or accuses them;
    ``None`` when the harm is not one someone is held or accused for."""
    if trigger.type not in (EventType.DEATH, EventType.INJURY, EventType.ATTACK):
        return None
    found = _SUSPECT_BEFORE.search(text, 0, trigger.start - base)
    if found is None:
        return None
    held = [m for m in mentions if not m.place and m is not source
            and m.end - base <= found.start()
            and _ANTECEDENT_GAP.fullmatch(text[m.end - base : found.start()])]  # fmt: skip
    return held[-1:]


def _second_verb_subject(text: str, base: int, around: _Around, trigger: Trigger) -> list[Mention]:
    """ "Troops surrounded the rebels and killed 12": the phrase before "and" is the first
    verb's object; the second verb shares the first one's subject."""
    last = around.subject[-1]
    if not _NEXT_OF_TWO.match(text[last.end - base : trigger.start - base]):
        return around.subject
    doers = [m for m in around.actors if m.end <= last.start
             and _FINITE_AFTER.match(text, m.end - base)]  # fmt: skip
    return [max(doers, key=lambda m: m.end)] if doers else []


def _others(trigger: Trigger, text: str, base: int) -> list[Mention]:
    """ "injuring more than 40 others": the word "others", without its count."""
    found = _OTHERS_AFTER.match(text, trigger.end - base)
    if found is None:
        return []
    start, end = base + found.start(1), base + found.end(1)
    return [Mention(start, end, found.group(1), ActorKind.GROUP, named=False)]


def _including(
    trigger: Trigger, text: str, base: int, actors: list[Mention], victims: list[Mention]
) -> list[tuple[Mention, ActorRole]]:
    """ "Five activists were arrested, including Ivo Rand, the writer Mara Holt and …": the
    names listed after "including" are victims too, when it follows the verb (and its other
    participles) or a victim; a name inside an aside ("the wife of the poet X") is not, nor,
    among names, a common noun ("and her brother")."""
    found = _INCLUDING.search(text, trigger.end - base, trigger.end - base + _NEAR)
    if found is None:
        return []
    gap = text[trigger.end - base : found.start()]
    after_victim = any(
        v.end - base <= found.start() and not text[v.end - base : found.start()].strip()
        for v in victims
    )
    if not (after_victim or _PARTICIPLES_GAP.fullmatch(gap)):
        return []
    listed = []
    for m in actors:
        if m.start - base < found.end():
            continue
        since = text[found.end() : m.start - base].rsplit(",", 1)[-1]
        aside = not m.named and text.startswith(" of ", m.end - base)  # "the wife of X"
        if not re.search(r"\bof\b", since) and not aside:
            listed.append((m, ActorRole.VICTIM))
    if any(m.named for m, _ in listed):  # a list of names: "her brother" is not one of them
        listed = [(m, r) for m, r in listed if m.named]
    return listed


def _attack_owner(trigger: Trigger, text: str, base: int, actors: list[Mention]) -> Mention | None:
    """ "were killed in rebel attacks", "died in a Kalmarian airstrike": the name before the
    attack noun, after a harm verb, is who attacked."""
    if trigger.type not in (EventType.DEATH, EventType.INJURY):
        return None
    end = trigger.end - base
    for m in actors:
        if m.start - base < end or m.start - base - end > _NEAR:
            continue
        if _IN_ATTACK_BEFORE.match(text[end : m.start - base]) and _ATTACK_AFTER.match(
            text[m.end - base :]
        ):
            return m
    return None


def _inside(trigger: Trigger, mentions: list[Mention]) -> Mention | None:
    """A people phrase the trigger modifies: "wounded people", "the detained activists"."""
    return next(
        (m for m in mentions if not m.place and not m.named and m.start <= trigger.start
         and trigger.end <= m.end and (m.start, m.end) != (trigger.start, trigger.end)),
        None,
    )  # fmt: skip


def _antecedent(
    trigger: Trigger,
    text: str,
    base: int,
    mentions: list[Mention],
    source: Mention | None,
    word: str,
) -> Mention | None:
    """The subject of a relative clause or of an aside, before the clause break: "a mayor
    who was shot", "Ivo Rand – shot dead by guards –", "the man who killed them"."""
    lead = text[: trigger.start - base]
    who = _WHO_BEFORE.search(lead)
    aside = None
    if who is None and word.endswith(("ed", "en", "ot", "ht", "nt", "dead")):
        aside = _ASIDE_BEFORE.search(lead)
        after = text[trigger.end - base :]
        if aside is not None and not (_BY_AFTER.match(after) or _PREPOSITION_NEXT.match(after)):
            aside = None  # "stormed the hotel, killed 12 guests": a verb with its object
    cut = who or _PAST_RELATIVE.search(lead) or aside
    if cut is None:
        return None
    found = [m for m in mentions if not m.place and (m is not source or who is not None)
             and m.end - base <= cut.start()
             and _ANTECEDENT_GAP.fullmatch(text[m.end - base : cut.start()])]  # fmt: skip
    return max(found, key=lambda m: m.end - m.start) if found else None


def _place_struck(
    trigger: Trigger, text: str, base: int, mentions: list[Mention], noun: bool
) -> list[tuple[Mention, ActorRole]]:
    """ "bombarding Aleppo", "shelled Kessel": a place named right after an attack verb, as
    its object, is what the attack struck."""
    if noun:
        return []
    at = trigger.end - base + 1
    if text[trigger.end - base : at] != " ":
        return []
    return [(m, ActorRole.TARGET) for m in mentions if m.place and m.start - base == at][:1]


def _place_targeted(trigger: Trigger, text: str, base: int) -> list[tuple[str, ActorRole]]:
    """What an attack struck when it is a place or a thing, not people: "attacked a police
    checkpoint", "an attack on the market", "the bakery was bombed"."""
    after = _TARGETED_AFTER.match(text, trigger.end - base)
    if after:
        return [(after.group(1), ActorRole.TARGET)]
    before = _TARGETED_BEFORE.search(text, 0, trigger.start - base)
    return [(before.group(1), ActorRole.TARGET)] if before else []


def _around(
    trigger: Trigger, text: str, base: int, mentions: list[Mention], source: Mention | None
) -> _Around:
    lo, hi = _clause(text, trigger.start - base, trigger.end - base)
    actors = [
        m for m in mentions
        if not m.place and m is not source and lo <= m.start - base and m.end - base <= hi
        and not (m.start < trigger.end and trigger.start < m.end)
    ]  # fmt: skip
    # A state after "to", "in", "from" is where it happened, not who took part: "sent to
    # Russia", "killed in Ukraine".
    actors = [m for m in actors if not (m.kind in _PLACE_LIKE and m.named
              and _LOCATIVE_BEFORE.search(text, 0, m.start - base))]  # fmt: skip
    # "the film director Ivo Rand": the title phrase before a person's name is that person.
    actors = [m for m in actors if m.named or not any(
        o.named and o.kind is ActorKind.PERSON and m.start < o.start <= m.end + 1 < o.end + 1
        and o.end > m.end for o in actors)]  # fmt: skip
    # A name inside a longer one ("Kessel" in "Seven Kessel militants") is that one.
    actors = [m for m in actors if not any(
        o.start <= m.start and m.end <= o.end and o.end - o.start > m.end - m.start
        for o in actors)]  # fmt: skip
    participle = _PARTICIPLE_CLAUSE.search(text, lo, trigger.start - base)
    if participle is not None and trigger.word.lower().endswith("ing"):
        # "Gunmen stormed the hotel, killing 12 guests and injuring 30 staff": the subject
        # of the clause did it; what stands between is another verb's object.
        head = [m for m in actors if m.end - base <= participle.start()]
        # The subject of the last verb before the comma ("the group launched attacks,
        # killing …"), else the phrase the clause opens with.
        doers = [m for m in head if _FINITE_AFTER.match(text, m.end - base)]
        subject = [max(doers, key=lambda m: m.end)] if doers else _clause_subject(
            text, base, head, lo)  # fmt: skip
        after = [m for m in actors if m.start >= trigger.end and m.start - trigger.end <= _NEAR]
        return _Around(actors, subject, _coordinated(text, base, after, last=False), None)
    by = _BY_AFTER.match(text, trigger.end - base)
    # "the forces stationed there": a participle with no object after it has the phrase
    # right before it as its subject, even the object of a preposition.
    reduced = bool(_PREPOSITION_NEXT.match(text, trigger.end - base) or _THERE.match(
        text, trigger.end - base))  # fmt: skip
    agent_by = next((m for m in actors if by and (by.start() < m.start - base <= by.end()
                     or _after_by(text, by.end(), m.start - base))), None)  # fmt: skip
    # A phrase after another "by" is that verb's agent, not this one's subject.
    before = [m for m in actors if m.end <= trigger.start and m is not agent_by
              and not _BY_AFTER.search(text[: m.start - base][-6:] + " ")
              and not (_PREPOSITION_BEFORE.search(text, 0, m.start - base)
                       and not (reduced and not text[m.end - base : trigger.start - base].strip()))
              ]  # fmt: skip
    if _WHICH_BEFORE.search(text, 0, trigger.start - base):
        before = []  # "a fire which hurt two guards": the fire did it, no actor
    # "declared a state of emergency and has sent soldiers": a noun takes no object past
    # another verb ("attacked and killed them" shares its object).
    verb_like = trigger.word.lower().endswith(("ed", "ing", "en", "ew", "ot", "uck"))
    next_verb = None if verb_like else _NEXT_VERB.search(text, trigger.end - base)
    stop = base + (next_verb.start() if next_verb else len(text))
    after = [m for m in actors if trigger.end <= m.start < stop and m is not agent_by
             and m.start - trigger.end <= _NEAR
             and not _NOT_DIRECT.search(text, trigger.end - base, m.start - base)]  # fmt: skip
    return _Around(
        actors,
        _head_of(text, base, actors, _coordinated(text, base, before, last=True), trigger),
        _coordinated(text, base, after, last=False),
        agent_by,
    )


def _clause_subject(text: str, base: int, head: list[Mention], lo: int) -> list[Mention]:
    """The phrase a clause opens with, when one does: the subject of its verbs."""
    if not head:
        return []
    first = min(head, key=lambda m: m.start)
    opening = text[lo : first.start - base]
    if not _OPENING.fullmatch(opening):
        return []
    return _coordinated(text, base, [m for m in head if m.start >= first.start], last=False)


def _head_of(
    text: str, base: int, actors: list[Mention], group: list[Mention], trigger: Trigger
) -> list[Mention]:
    """ "A commander of the Northern Brigade, a rebel militia, was killed", "Kalmaria’s attack
    on the forces killed…": the phrase before "of" or "on" heads the subject; what follows
    it, and an aside set off by commas, belong to the head."""
    if not group or not text[group[-1].end - base : trigger.start - base].strip():
        return group  # "the families of the members killed": the participle's own subject
    first = group[0]
    for m in actors:
        if m.end <= first.start and _OF_GAP.fullmatch(text[m.end - base : first.start - base]):
            return [m]
    return group


def _verb_roles(
    trigger: Trigger, text: str, base: int, around: _Around, word: str
) -> list[tuple[Mention, ActorRole]]:
    t, subject, objects = trigger.type, around.subject, around.objects
    # "Police have detained a woman": a perfect is active, not a participle on its own.
    perfect = _PERFECT_BEFORE.search(text, 0, trigger.start - base) is not None
    participle = word.endswith(("ed", "en", "ht", "nt", "ot", "urt")) and not perfect
    # "a soldier captured in Kursk", "people injured by the blast"
    reduced = (
        t in _VICTIM_TYPES
        and participle
        and bool(subject)
        and not text[subject[0].end - base : trigger.start - base].strip(" ,—–-")
        and bool(_PREPOSITION_NEXT.match(text, trigger.end - base))
    )
    passive = (
        # "troops are bombarding the town": a present participle after "are" is progressive.
        (bool(_PASSIVE_BEFORE.search(text[: trigger.start - base])) and not word.endswith("ing"))
        or reduced
        or (around.agent_by is not None and participle)
        or word in ("were", "was", "been")  # the trigger "were sent" carries its auxiliary
    )
    roles: list[tuple[Mention, ActorRole]] = []
    if not passive and _REFLEXIVE_AFTER.match(text, trigger.end - base):
        # "Ivo Rand shot himself": who did it is who it was done to, so both roles.
        harmed_role = ActorRole.VICTIM if t in _VICTIM_TYPES or word.startswith(
            _HARM_VERBS) else ActorRole.TARGET  # fmt: skip
        return [(m, r) for m in subject for r in (ActorRole.AGENT, harmed_role)]
    if t in (EventType.DISASTER, EventType.ACCIDENT):  # nobody does a flood: only its victims
        return [(m, ActorRole.VICTIM) for m in subject] if passive else []
    if t in _VICTIM_TYPES and _COUNT_SUBJECT.search(text, 0, trigger.start - base):
        subject = []  # "Since the rebels attacked, 40 have died": a count is the subject
    if t in _VICTIM_TYPES:
        near_object = (bool(objects) and objects[0].start - trigger.end <= 40) or bool(
            _COUNT_AFTER.match(text, trigger.end - base)
        )
        if passive or word in _INTRANSITIVE or (participle and not near_object):
            roles += [(m, ActorRole.VICTIM) for m in subject]
        else:
            roles += [(m, ActorRole.AGENT) for m in subject]
            roles += [(m, ActorRole.VICTIM) for m in objects or _others(trigger, text, base)]
    elif t in _PARTICIPANT_TYPES or (t is EventType.DEPLOYMENT and passive):
        roles += [(m, ActorRole.PARTICIPANT) for m in subject + objects]
    elif passive:
        roles += [(m, ActorRole.TARGET) for m in subject]
    else:
        roles += [(m, ActorRole.AGENT) for m in subject]
        if t is not EventType.ECONOMIC:
            harmed = word.startswith(_HARM_VERBS)
            force = trigger.word.lower().startswith(_FORCE_WORDS)
            roles += [(m, ActorRole.VICTIM if harmed or (force and m.kind in _PEOPLE_KINDS)
                       else ActorRole.TARGET) for m in objects]  # fmt: skip
    if around.agent_by is not None:
        roles.append((around.agent_by, ActorRole.AGENT))
    return roles


def _victims_by_name(roles: list[tuple[Mention, ActorRole]]) -> list[tuple[Mention, ActorRole]]:
    """Whoever the text calls "the victims" or "casualties" is a victim, in any event."""
    return [
        (m, ActorRole.VICTIM if m.name.lower().split()[-1] in _VICTIM_NOUNS else role)
        for m, role in roles
    ]


def _named(
    roles: list[tuple[Mention, ActorRole]], text: str, base: int, *, most: int = _MAX_ACTORS
) -> list[tuple[str, ActorRole]]:
    """Each name once, in the order found, at most ``most``; as the sentence writes it
    ("Zelenskyy", not the "Volodymyr Zelenskyy" named elsewhere), so it stands in the quote."""
    seen: set[str] = set()
    out: list[tuple[str, ActorRole]] = []
    for k, (m, role) in enumerate(roles):
        name = surface(m, text, base)
        # One who did it to themselves is listed twice: agent, then victim or target.
        reflexive = k > 0 and roles[k - 1][0] is m and roles[k - 1][1] is ActorRole.AGENT
        if name.casefold() not in seen or reflexive:
            seen.add(name.casefold())
            out.append((name, role))
    return out[:most]


def surface(m: Mention, text: str, base: int) -> str:
    """A mention's name as its sentence ``text`` (starting at article offset ``base``) has it."""
    if m.name in text[m.start - base : m.end - base]:
        return m.name
    return _DETERMINER.sub("", text[m.start - base : m.end - base])


def _nominal_roles(
    trigger: Trigger, text: str, base: int, around: _Around
) -> list[tuple[Mention, ActorRole]]:
    """ "IS attacks", "the deaths of six soldiers", "talks between X and Y", "attacks by X"."""
    t, actors = trigger.type, around.actors
    roles: list[tuple[Mention, ActorRole]] = []
    end = trigger.end - base
    # "IS attacks", "Kalmaria’s attack": the name right before the noun, or its owner.
    adjacent = [m for m in actors if m.end <= trigger.start
                and _OWNER_GAP.fullmatch(text[m.end - base : trigger.start - base])]  # fmt: skip
    obj = _NOMINAL_OBJECT.match(text, end)
    parties = _NOMINAL_PARTIES.match(text, end)
    if parties or t in _PARTICIPANT_TYPES:
        at = parties.end() if parties else end
        joined = [m for m in actors if m.start - base >= at - 5]
        group = _coordinated(text, base, joined, last=False)
        sides = group if group and group[0].start - base - at <= 6 else []
        if t is EventType.ATTACK and parties and len(sides) == 2:
            # "a battle between the army and the rebels": one side fights the other.
            return [(sides[0], ActorRole.AGENT), (sides[1], ActorRole.TARGET)]
        roles += [(m, ActorRole.PARTICIPANT) for m in adjacent]
        roles += [(m, ActorRole.PARTICIPANT) for m in sides]
        return roles
    victim_role = ActorRole.VICTIM if t in _VICTIM_TYPES else ActorRole.TARGET
    force = t is EventType.ATTACK and trigger.word.lower().startswith(_FORCE_WORDS)
    if obj:
        after = [m for m in actors if -4 <= m.start - base - obj.end() <= 5]
        roles += [(m, ActorRole.VICTIM if force and m.kind in _PEOPLE_KINDS else victim_role)
                  for m in _coordinated(text, base, after, last=False)]  # fmt: skip
    if t in _VICTIM_TYPES and not obj:
        roles += [(m, ActorRole.VICTIM) for m in adjacent]
    else:
        roles += [(m, ActorRole.AGENT) for m in adjacent]
    lead = text[: trigger.start - base]
    # "13 people suffered minor injuries", "the group claimed responsibility for the attack".
    undergo = _UNDERGO_BEFORE.search(lead) if t in _VICTIM_TYPES else None
    owns = _RESPONSIBLE_BEFORE.search(lead)
    verb = undergo or owns
    head = verb or _LIGHT_VERB_BEFORE.search(lead)
    if head is not None:  # "the EU imposed sanctions": who stands before the verb
        cut = base + head.start()
        before = [m for m in actors if m.end <= cut and m not in adjacent]
        role = ActorRole.VICTIM if undergo else ActorRole.AGENT
        roles += [(m, role) for m in _coordinated(text, base, before, last=True)]
    # "Ivo Rand, the victim of a poisoning": who the text calls its victim.
    victim_of = _VICTIM_OF.search(lead)
    if victim_of is not None:
        roles += [(m, victim_role) for m in actors if m.end - base == victim_of.end(1)]
    agent_by = around.agent_by or _late_by(text, base, actors, end)
    if agent_by is not None:
        roles.append((agent_by, ActorRole.AGENT))
    return roles


def _late_by(text: str, base: int, actors: list[Mention], end: int) -> Mention | None:
    """ "the shelling of rebel posts in the north on Thursday by Kalmaria’s air force": a
    noun's agent after "by", past its object, place and time."""
    by = _LATE_BY.search(text, end, end + _NEAR)
    if by is None:
        return None
    return next((m for m in actors if by.start() < m.start - base <= by.end() + 1
                 or _after_by(text, by.end(), m.start - base)), None)  # fmt: skip


def _after_by(text: str, by_end: int, start: int) -> bool:
    """Whether a phrase starting at ``start`` is the agent after a "by" ending at ``by_end``,
    past a count and a describing word or two: "by two masked gunmen"."""
    return start > by_end and _BY_GAP.fullmatch(text, by_end, start) is not None


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    """The stretch of the sentence around a trigger not cut by ";", a dash, "but", "which"."""
    lo = max((m.end() for m in _CLAUSE_BREAK.finditer(text, 0, start)), default=0)
    nxt = _CLAUSE_BREAK.search(text, end)
    return lo, nxt.start() if nxt else len(text)


def _coordinated(text: str, base: int, found: list[Mention], *, last: bool) -> list[Mention]:
    """The phrase nearest the trigger and those joined to it by commas or "and"."""
    if not found:
        return []
    ordered = sorted(found, key=lambda m: m.start, reverse=last)
    group = [ordered[0]]
    gaps: list[str] = []
    for m in ordered[1:]:
        a, b = (m, group[-1]) if last else (group[-1], m)
        gap = text[a.end - base : b.start - base]
        if a.end > b.start or not (_COORDINATION.match(gap) or _LISTED.match(gap)):
            break
        group.append(m)
        gaps.append(gap)
    # ", the Kessel Union and Belmora" is a list; ", a Kessel ally" alone an aside.
    if not any(_AND_OR.search(g) for g in gaps):
        cut = next((k for k, g in enumerate(gaps) if _LISTED.match(g)), len(gaps))
        group = group[: cut + 1]
    return sorted(group, key=lambda m: m.start)


_RELATIVE_GAP = re.compile(r"\s*,?\s+(?:that|which|who)\s+(?:(?:had|has|have|also|then|\w+ly)\s+)*")
_ATTACK_BY_BEFORE = re.compile(
    r"\b(?:attacks?|bombings?|shootings?|stabbings?|assaults?|raids?|ambush|strikes?|blasts?"
    r"|explosions?)\s+by\s+(?:(?:the|a|an)\s+)?$",
    re.IGNORECASE,
)
# A sentence that opens with a pronoun as the subject of its harm: "They killed 23 soldiers",
# "He was beaten on the road".
_PRONOUN_OPENING = re.compile(
    r"^\s*(?P<pronoun>he|she|they)\s+(?P<passive>(?:(?:was|were|had\s+been|has\s+been"
    r"|have\s+been)\s+)?)(?:(?:also|then|later|\w+ly)\s+)*$"
    # "They killed 23 soldiers and injured 15": the second verb shares the subject.
    r"|^\s*(?P<first>they|he|she)\s+(?P<passive2>(?:(?:was|were|had\s+been|has\s+been"
    r"|have\s+been)\s+)?)(?!(?:said|says|told|added)\b)[a-z]+(?:ed|en)\s[^,;:—–()\"“”]{0,60}?"
    r"\s(?:and|then)\s+(?:(?:also|then|later|\w+ly)\s+)*$",
    re.IGNORECASE,
)
# What a sentence says its subject did by speaking is no deed ("Police said …").
_SPOKE_AFTER = re.compile(r"\s+(?:\w+ly\s+)?(?:said|says|told|added|stated|announced)\b")
_PLURAL_KINDS = frozenset(
    {ActorKind.GROUP, ActorKind.ARMED_GROUP, ActorKind.MILITARY, ActorKind.GOVERNMENT_BODY}
)
_HARMS = frozenset({EventType.ATTACK, EventType.DEATH, EventType.INJURY, EventType.DETENTION})
_PLURAL_ENDINGS = ("s", "men", "police", "people", "children", "personnel", "staff", "crew")
_AND_ONLY = re.compile(r"\s+and\s+")
_OPENING_MAX = 40  # characters before the previous sentence's subject: an opener at most


def pronoun_antecedent(
    trigger: Trigger,
    sentence: Sentence,
    roles: list[tuple[str, ActorRole]],
    previous: Sentence,
    mentions: list[Mention],
) -> list[tuple[str, ActorRole]]:
    """ "Gunmen stormed a checkpoint on Monday. They killed 23 soldiers.": a sentence opening
    with "they", "he" or "she" as the subject of a harm continues the previous sentence, whose
    subject the pronoun stands for; that subject is the agent of the harm (its victim, when the
    verb is passive) when the sentence names none of its own. ``mentions`` are the previous
    sentence's; the caller adds that sentence to the event's evidence."""
    if trigger.type not in _HARMS:
        return []
    found = _PRONOUN_OPENING.match(sentence.text[: trigger.start - sentence.start])
    if found is None:
        return []
    pronoun = found["pronoun"] or found["first"]
    role = ActorRole.VICTIM if found["passive"] or found["passive2"] else ActorRole.AGENT
    if trigger.type is EventType.DETENTION and role is ActorRole.AGENT:
        return []  # who holds someone is rarely told by a pronoun carried over
    if any(r is role for _, r in roles):
        return []
    text, base = previous.text, previous.start
    actors = [m for m in mentions if not m.place]
    if not actors:
        return []
    first = min(actors, key=lambda m: m.start)
    if first.start - base > _OPENING_MAX or _SPOKE_AFTER.match(text, first.end - base):
        return []
    if pronoun.lower() == "they":
        many = first.kind in _PLURAL_KINDS and first.name.lower().endswith(_PLURAL_ENDINGS)
        if not (many or (first.named and first.kind is ActorKind.ARMED_GROUP)):
            return []
        # "Gunmen and rebel fighters attacked …": both are "they".
        also = [m for m in actors if m.kind in _PLURAL_KINDS and m.start > first.end
                and _AND_ONLY.fullmatch(text[first.end - base : m.start - base])]  # fmt: skip
        return [(surface(m, text, base), role) for m in [first, *also[:1]]]
    if first.kind is not ActorKind.PERSON:
        return []
    if any(m.kind is ActorKind.PERSON for m in actors if m is not first):
        return []  # "he" could be either of two people
    return [(surface(first, text, base), role)]


# "the Minnesota attack", "those stabbings": a noun named with a definite determiner.
_DEFINITE_BEFORE = re.compile(r"\b(?:the|this|that|these|those)\s+(?:[\w’'-]+\s+){0,2}$",
                              re.IGNORECASE)  # fmt: skip
_HARMED = frozenset({EventType.DEATH, EventType.INJURY})
_CLAUSE_AFTER = re.compile(r"[^,;:—–()]{0,60}")
_CAUSED_IN = (
    r"\s*(?:\w+ly\s+)?(?:in|during|by)\s+(?:the|that|this|those|these)\s+(?:[\w’'-]+\s+){0,2}"
)
_ATTACK_NOUN = re.compile(
    r"(?:attack|bombing|shooting|stabbing|blast|explosion|raid|ambush|strike|airstrike|assault)s?"
)
_TOLD_AGAIN = frozenset({EventType.ATTACK, EventType.DEATH, EventType.INJURY})
_STEM = 5  # letters two forms of one word share: "attack", "attacks"; "stabbing", "stabbings"


def refers_back(
    earlier: Trigger, earlier_text: str, later: Trigger, sentence: Sentence
) -> str | None:
    """Whether ``later`` (in ``sentence``) tells of the happening ``earlier`` told a sentence or
    two before (in ``earlier_text``): "same" when it names it again with a definite noun of the
    same type and word ("… the latest attacks …. The attack was carried out by …"); "caused"
    when it is a death or injury "in the" attack, named by the attack's word or by another
    attack word of its sentence ("attacks, which included stabbings" … "wounded in the
    stabbings"); else ``None``."""
    stem = earlier.word.lower()[:_STEM]
    if len(stem) < _STEM or earlier.type not in _TOLD_AGAIN:
        return None
    text, base = sentence.text, sentence.start
    if (
        later.type is earlier.type
        and later.word.lower().startswith(stem)
        and _DEFINITE_BEFORE.search(text, 0, later.start - base)
    ):
        return "same"
    if earlier.type is not EventType.ATTACK or later.type not in _HARMED:
        return None
    # Right after the harm's own verb, in its clause: "wounded in the stabbings".
    clause = _CLAUSE_AFTER.match(text, later.end - base)
    found = re.match(_CAUSED_IN + r"([a-z]{5,})", clause.group(0) if clause else "", re.I)
    if found is None:
        return None
    word = found.group(1).lower()
    if word.startswith(stem) or (
        _ATTACK_NOUN.fullmatch(word)
        and re.search(rf"\b{re.escape(word[:_STEM])}", earlier_text, re.IGNORECASE)
    ):
        return "caused"
    return None
    text, base = sentence.text, sentence.start
    if (
        later.type is earlier.type
        and later.word.lower().startswith(stem)
        and _DEFINITE_BEFORE.search(text, 0, later.start - base)
    ):
        return "same"
    if earlier.type is EventType.ATTACK and later.type in (EventType.DEATH, EventType.INJURY):
        # The attack's own word, or another attack word its sentence has ("attacks, which
        # included stabbings" … "wounded in the stabbings").
        # Right after the harm's own verb: "wounded in the stabbings", not another clause's.
        after = re.match(r"[^,;:—–()]{0,30}?\s", text[later.end - base :])
        for found in re.finditer(
            _CAUSED_IN + r"([a-z]{5,})",
            text[later.end - base :][: after.end() + 40 if after else 0],
            re.IGNORECASE,
        ):
            word = found.group(1).lower()
            if word.startswith(stem) or (
                _ATTACK_NOUN.fullmatch(word)
                and re.search(rf"\b{re.escape(word[:_STEM])}", earlier_text, re.IGNORECASE)
            ):
                return "caused"
    return None
