"""Our event types in the evaluation sets' terms: a table to review, one row per type.

KAIROS (WikiEvents, RAMS) types are written ``Family.Type.Subtype``; a row that lists
``Family.Type`` matches every subtype of it. PLOVER types are the categories of the PLOVER
manual, with the older names its gold-standard records still use (DISAPPROVE for ACCUSE,
INVESTIGATE, DEMAND for REQUEST, FIGHT for the armed side of ASSAULT). A type with no row
entry has no counterpart: its events can be neither right nor wrong against that set.
"""

from __future__ import annotations

from summarizer.schema import EventType

__all__ = ["KAIROS", "PLOVER", "kairos_matches", "plover_matches"]

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


def kairos_matches(ours: EventType, gold: str) -> bool:
    """Whether our type maps to the KAIROS type ``gold`` (a prefix row matches subtypes)."""
    return any(gold == p or gold.startswith(p + ".") for p in KAIROS[ours])


def plover_matches(ours: EventType, gold: str) -> bool:
    """Whether our type maps to the PLOVER category ``gold``."""
    return gold.upper() in PLOVER[ours]
