"""Our event types and roles in the evaluation sets' terms: tables to review, one row per type.

KAIROS (WikiEvents) types are written ``Family.Type.Subtype``; a row that lists
``Family.Type`` matches every subtype of it. RAMS types are the AIDA ontology's, lower case,
``family.type.subtype`` (``n/a`` for no subtype), matched the same way. PLOVER types are the
categories of the PLOVER manual, with the older names its gold-standard records still use
(DISAPPROVE for ACCUSE, INVESTIGATE, DEMAND for REQUEST, FIGHT for the armed side of ASSAULT).
A type with no row entry has no counterpart: its events can be neither right nor wrong against
that set. ``ROLES`` says which of our actor roles is right for a gold argument role.
"""

from __future__ import annotations

from summarizer.schema import ActorRole, EventType

__all__ = [
    "COMMUNICATOR_ROLES",
    "KAIROS",
    "PLOVER",
    "PLOVER_ROLES",
    "RAMS",
    "ROLES",
    "kairos_matches",
    "plover_matches",
    "rams_matches",
]

KAIROS: dict[EventType, tuple[str, ...]] = {
    # Armed attacks of every kind, bombings and explosions included (KAIROS types each
    # detonation as DetonateExplode).
    EventType.ATTACK: ("Conflict.Attack",),
    # Someone died; KAIROS keeps the killing apart from the attack that caused it, as we do.
    EventType.DEATH: ("Life.Die",),
    EventType.INJURY: ("Life.Injure",),
    # Arrests, captures, jailing and abductions.
    EventType.DETENTION: ("Justice.ArrestJailDetain",),
    EventType.RELEASE: ("Justice.ReleaseParole",),
    # People or forces sent or moving somewhere.
    EventType.DEPLOYMENT: ("Movement.Transportation",),
    # Forced flight is an evacuation in KAIROS.
    EventType.DISPLACEMENT: ("Movement.Transportation.Evacuation",),
    EventType.PROTEST: ("Conflict.Demonstrate",),
    # Saying something publicly, or to someone: broadcast, correspondence, requests and orders
    # ("urged", "called on"), threats and warnings; KAIROS types "said" by what was said.
    EventType.STATEMENT: (
        "Contact.Contact",
        "Contact.RequestCommand",
        "Contact.ThreatenCoerce",
        "Contact.Prevarication",
    ),
    # Accusing and blaming are speech acts in KAIROS.
    EventType.ACCUSATION: ("Contact.Contact.Broadcast", "Contact.Contact.Unspecified"),
    # KAIROS has no agreement type: a signed deal is the parties' contact.
    EventType.AGREEMENT: ("Contact.Contact.Meet", "Contact.Contact.Unspecified"),
    EventType.MEETING: (
        "Contact.Contact.Meet",
        "Contact.Contact.Unspecified",
        "Contact.RequestCommand.Meet",
    ),
    # KAIROS has no election type.
    EventType.ELECTION: (),
    # Courts, charges, investigations, and the crimes they are about.
    EventType.LEGAL: ("Justice", "GenericCrime.GenericCrime"),
    # A ban or an order from a government is a command in KAIROS.
    EventType.POLICY: ("Contact.RequestCommand",),
    # Buying, selling, paying, giving.
    EventType.ECONOMIC: ("Transaction",),
    # Natural disasters and epidemics; KAIROS puts outbreaks and illness here too.
    EventType.DISASTER: (
        "Disaster.DiseaseOutbreak",
        "Disaster.FireExplosion",
        "Life.Illness",
        "Life.Infect",
    ),
    # Crashes, collapses and accidental explosions.
    EventType.ACCIDENT: (
        "Disaster.Crash",
        "Disaster.FireExplosion",
        "Conflict.Attack.DetonateExplode",
        "ArtifactExistence.DamageDestroyDisableDismantle",
    ),
    EventType.OTHER: (),
}

PLOVER: dict[EventType, tuple[str, ...]] = {
    # Armed violence; two-sided fighting was FIGHT in older PLOVER.
    EventType.ATTACK: ("ASSAULT", "FIGHT"),
    # PLOVER records deaths and injuries as counts on the violent event itself.
    EventType.DEATH: ("ASSAULT", "FIGHT"),
    EventType.INJURY: ("ASSAULT", "FIGHT"),
    # Arrests are COERCE; combatants captured in fighting are ASSAULT (abduct).
    EventType.DETENTION: ("COERCE", "ASSAULT"),
    # Releasing captives is RETREAT (release); promising to is CONCEDE.
    EventType.RELEASE: ("RETREAT", "CONCEDE"),
    EventType.DEPLOYMENT: ("MOBILIZE",),
    # PLOVER codes flight as the causing party's SANCTION (expel) or COERCE (deport).
    EventType.DISPLACEMENT: ("SANCTION", "COERCE"),
    EventType.PROTEST: ("PROTEST",),
    # PLOVER types speech by content; a bare statement has no category.
    EventType.STATEMENT: (),
    EventType.ACCUSATION: ("ACCUSE", "DISAPPROVE"),
    EventType.AGREEMENT: ("AGREE", "COOPERATE"),
    EventType.MEETING: ("CONSULT",),
    EventType.ELECTION: (),
    # Investigations, charges and trials are ACCUSE (investigate, allege) in PLOVER.
    EventType.LEGAL: ("ACCUSE", "INVESTIGATE", "DISAPPROVE"),
    # Sanctions and bans; restrictions on rights are COERCE (restrict).
    EventType.POLICY: ("SANCTION", "COERCE"),
    # Aid, loans and donations; market news has no category.
    EventType.ECONOMIC: ("AID",),
    EventType.DISASTER: (),
    EventType.ACCIDENT: (),
    EventType.OTHER: (),
}


RAMS: dict[EventType, tuple[str, ...]] = {
    # Every kind of attack: air strikes, bombings, stabbings, invasions, battles, hijackings,
    # poisonings; and the damage or destruction an attack does to things.
    EventType.ATTACK: ("conflict.attack", "artifactexistence.damagedestroy"),
    # Violent and non-violent deaths; an execution is a death too, and so is a hanging (which
    # RAMS types as an attack).
    EventType.DEATH: (
        "life.die",
        "justice.judicialconsequences.execute",
        "conflict.attack.hanging",
    ),
    # Hunger, thirst and illness are "degradation" injuries in RAMS.
    EventType.INJURY: ("life.injure",),
    # Jailing and holding people (or goods) is "preventing exit" in RAMS's movement family.
    EventType.DETENTION: (
        "justice.arrestjaildetain",
        "movement.transportperson.preventexit",
        "movement.transportartifact.preventexit",
    ),
    EventType.RELEASE: ("justice.releaseparole",),
    # People or equipment sent, brought or moving somewhere; not being held (preventexit),
    # smuggled or hidden (a crime), falling, or fleeing (displacement).
    EventType.DEPLOYMENT: (
        "movement.transportperson.n/a",
        "movement.transportperson.bringcarryunload",
        "movement.transportperson.selfmotion",
        "movement.transportperson.disperseseparate",
        "movement.transportartifact.n/a",
        "movement.transportartifact.bringcarryunload",
        "movement.transportartifact.sendsupplyexport",
        "movement.transportartifact.receiveimport",
        "movement.transportartifact.grantentry",
    ),
    # Evacuation and asylum are the forced-flight subtypes; flight told without a subtype is
    # people moving (n/a).
    EventType.DISPLACEMENT: (
        "movement.transportperson.n/a",
        "movement.transportperson.evacuationrescue",
        "movement.transportperson.grantentryasylum",
    ),
    EventType.PROTEST: ("conflict.demonstrate",),
    # Speech acts: statements in person and to the media, orders, promises, requests,
    # threats, denials and lies (prevarication).
    EventType.STATEMENT: (
        "contact.publicstatementinperson",
        "contact.mediastatement",
        "contact.commandorder",
        "contact.commitmentpromiseexpressintent",
        "contact.requestadvise",
        "contact.threatencoerce",
        "contact.prevarication",
    ),
    # Accusing is said publicly or to the media; RAMS's prevarication covers accusing too.
    EventType.ACCUSATION: (
        "contact.prevarication",
        "contact.publicstatementinperson",
        "contact.mediastatement",
    ),
    # Agreements, ceasefires and their rejection are government.agreements.
    EventType.AGREEMENT: ("government.agreements",),
    # Talks, debates, negotiations, calls and letters between parties.
    EventType.MEETING: ("contact.discussion", "contact.negotiate", "contact.collaborate"),
    EventType.ELECTION: ("personnel.elect", "government.vote"),
    # Courts, charges, investigations, extraditions and their consequences; smuggling people
    # or goods is a crime (as KAIROS's GenericCrime rows above).
    EventType.LEGAL: (
        "justice",
        "movement.transportperson.smuggleextract",
        "movement.transportartifact.smuggleextract",
    ),
    # Laws, and sanctions and embargoes (typed as transactions in RAMS); orders.
    EventType.POLICY: (
        "government.legislate",
        "transaction.transaction.embargosanction",
        "transaction.transfermoney.embargosanction",
        "transaction.transferownership.embargosanction",
        "contact.commandorder",
    ),
    # Buying, selling, lending, paying, giving aid; and trade (exports and imports).
    EventType.ECONOMIC: (
        "transaction",
        "movement.transportartifact.sendsupplyexport",
        "movement.transportartifact.receiveimport",
    ),
    # RAMS has no natural-disaster type in this half; fires and explosions are disaster.*.
    EventType.DISASTER: ("disaster.fireexplosion",),
    EventType.ACCIDENT: ("disaster.accidentcrash", "disaster.fireexplosion", "artifactexistence"),
    # No counterpart among ours, so left unmapped: inspection.*, government.spy,
    # government.formation, manufacture.artifact, personnel.startposition / endposition
    # (hiring, firing, resigning), contact.funeralvigil, conflict.yield (surrender), falling
    # (movement.*.fall) and hiding (movement.*.hide).
    EventType.OTHER: (),
}

# Gold argument roles (either set, any case) and the roles of ours that are right for them.
# A target may be a person harmed (our victim) or someone or something not physically harmed.
ROLES: dict[str, frozenset[ActorRole]] = {
    "attacker": frozenset({ActorRole.AGENT}),
    "killer": frozenset({ActorRole.AGENT}),
    "injurer": frozenset({ActorRole.AGENT}),
    "jailer": frozenset({ActorRole.AGENT}),
    "victim": frozenset({ActorRole.VICTIM}),
    "detainee": frozenset({ActorRole.VICTIM}),
    "target": frozenset({ActorRole.TARGET, ActorRole.VICTIM}),
}

# PLOVER records code who did it (source) and to whom (target), whatever the category.
PLOVER_ROLES: dict[str, frozenset[ActorRole]] = {
    "source": frozenset({ActorRole.AGENT}),
    "target": frozenset({ActorRole.TARGET, ActorRole.VICTIM}),
}

# The gold roles that say who says so (KAIROS Contact.* and RAMS contact.* events).
COMMUNICATOR_ROLES = frozenset({"communicator"})


def kairos_matches(ours: EventType, gold: str) -> bool:
    """Whether our type maps to the KAIROS type ``gold`` (a prefix row matches subtypes)."""
    return any(gold == p or gold.startswith(p + ".") for p in KAIROS[ours])


def rams_matches(ours: EventType, gold: str) -> bool:
    """Whether our type maps to the RAMS type ``gold`` (a prefix row matches subtypes)."""
    gold = gold.lower()
    return any(gold == p or gold.startswith(p + ".") for p in RAMS[ours])


def plover_matches(ours: EventType, gold: str) -> bool:
    """Whether our type maps to the PLOVER category ``gold``."""
    return gold.upper() in PLOVER[ours]
