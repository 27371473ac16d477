"""Who did what to whom, and who says so: gold arguments judged against our events' actors.

Shared by the WikiEvents, RAMS and PLOVER scorers. Names are compared with ``name_matches``:
case, apostrophes, possessives and punctuation folded (``normalise_name``), then the gold name
occurs as whole words in ours, or ours (three characters or more) in it — "guards" matches
"two guards", "Jaish al-Adl" matches "the Jaish al-Adl group". Pronoun arguments ("he",
"they") are left out, as no summary names an actor "he"; where a set gives coreference, the
scorer may put the cluster's named mention in their place (see each scorer).

Per-role scoring. A gold event is *reached* when the evidence of at least one of our events
overlaps the sentence of its trigger. Its *candidates* are those events, narrowed to the ones
whose type maps to the gold type when there are any. Each gold argument whose role has a row
in ``mapping.ROLES`` (Attacker, Killer, Injurer, Jailer → agent; Victim, Detainee → victim;
Target → target or victim) is then, against the actors of the candidates:

* **right**: a candidate has an actor with an accepted role whose name matches the argument;
* **swapped**: not right, but a candidate has an actor whose name matches with another of the
  roles agent, victim, target (a gold victim given as the agent, a gold attacker as a target);
* **missed**: neither — the name is absent, or present only as participant or other.

Arguments of gold events that are not reached are counted as *unreached* and enter no rate::

    role_recall = right / (right + swapped + missed)
    swap_rate   = swapped / (right + swapped)

(the swap rate is over the roles we did assign among agent/victim/target), per gold role and
over all of them. *other_type* says how many of the judged arguments (right, swapped or
missed) had only candidates of other types — no event of ours on the sentence had the gold
type — where a "swap" is often another event's roles (the government a protest targets, the
gold event being the killing it did).

Says-who recall. A gold Communicator argument (``mapping.COMMUNICATOR_ROLES``) is recalled when
its name matches the ``attribution.source`` of one of our items — an event, a quantity or a
claim — whose evidence overlaps the sentence of the gold trigger::

    says_who_recall = recalled communicators / gold communicators
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, fields
from typing import Any, Literal

from summarizer.evaluation.mapping import ROLES
from summarizer.schema import ActorRole, Event, EventType, Evidence, StructuredSummary
from summarizer.text.marks import PLAIN_MARKS
from summarizer.text.words import PRONOUNS

__all__ = [
    "PRONOUNS",
    "Candidates",
    "RoleCounts",
    "Span",
    "Verdict",
    "attribution_sources",
    "candidates",
    "count_sums",
    "is_pronoun",
    "judge",
    "name_matches",
    "normalise_name",
    "overlaps",
    "rate",
    "role_totals",
    "says_who",
    "score_argument",
    "spans",
]

Span = tuple[int, int]
Verdict = Literal["right", "swapped", "missed"]

# The roles a swap is counted among: the ones that say who did it to whom.
SCORED_ROLES = frozenset({ActorRole.AGENT, ActorRole.VICTIM, ActorRole.TARGET})
_FOLD = str.maketrans(PLAIN_MARKS)


def normalise_name(name: str) -> str:
    """Case, apostrophes, possessives and punctuation folded: "Ukraine’s" → "ukraine"."""
    s = name.translate(_FOLD).casefold()
    s = re.sub(r"'s\b", "", s)
    return " ".join(re.findall(r"[\w]+(?:[-.'][\w]+)*", s))


def _contains(haystack: str, needle: str) -> bool:
    return bool(needle) and f" {needle} " in f" {haystack} "


def name_matches(gold: str, ours: str) -> bool:
    """Whether two *normalised* names are the same actor: either holds the other as words."""
    return _contains(ours, gold) or (len(ours) >= 3 and _contains(gold, ours))


def is_pronoun(name: str) -> bool:
    return normalise_name(name) in PRONOUNS


def overlaps(a: Span | None, b: Span) -> bool:
    return a is not None and a[0] < b[1] and b[0] < a[1]


def spans(evidence: Iterable[Evidence]) -> list[Span]:
    return [(e.start, e.end) for e in evidence]


@dataclass(frozen=True, slots=True)
class Candidates:
    """The events of ours a gold event's arguments are judged against."""

    events: list[Event]
    typed: bool  # of a type mapped to the gold type; else all on the sentence, none of it


def candidates(
    events: Sequence[Event],
    sentence: Span | None,
    matches: Callable[[EventType, str], bool],
    gold_type: str,
) -> Candidates | None:
    """Our events whose evidence overlaps ``sentence``: those whose type ``matches`` the gold
    type when any do, else all of them; ``None`` when there are none (the gold event is not
    reached)."""
    near = [e for e in events if any(overlaps(sentence, s) for s in spans(e.evidence))]
    typed = [e for e in near if matches(e.type, gold_type)]
    return Candidates(typed or near, bool(typed)) if near else None


def judge(name: str, accepted: frozenset[ActorRole], events: Sequence[Event]) -> Verdict:
    """Right, swapped or missed: ``name`` among the actors of ``events`` (see the docstring)."""
    gold = normalise_name(name)
    given = {a.role for e in events for a in e.actors if name_matches(gold, normalise_name(a.name))}
    if given & accepted:
        return "right"
    if given & (SCORED_ROLES - accepted):
        return "swapped"
    return "missed"


@dataclass
class RoleCounts:
    """One gold role's verdicts (or all roles' together)."""

    right: int = 0
    swapped: int = 0
    missed: int = 0
    unreached: int = 0
    other_type: int = 0  # of those judged, judged against events of other types only

    def add(self, verdict: Verdict | None, *, other_type: bool = False) -> None:
        """Count one argument; ``None`` for one whose gold event no event of ours reached."""
        if verdict is None:
            self.unreached += 1
            return
        setattr(self, verdict, getattr(self, verdict) + 1)
        self.other_type += other_type

    def merge(self, other: RoleCounts) -> None:
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))

    def rates(self) -> dict[str, Any]:
        judged = self.right + self.swapped + self.missed
        assigned = self.right + self.swapped
        return {
            **{f.name: getattr(self, f.name) for f in fields(self)},
            "role_recall": round(self.right / judged, 4) if judged else 0.0,
            "swap_rate": round(self.swapped / assigned, 4) if assigned else 0.0,
        }


def score_argument(
    counts: dict[str, RoleCounts],
    role: str,
    name: str,
    near: Candidates | None,
    *,
    table: Mapping[str, frozenset[ActorRole]] = ROLES,
) -> None:
    """Judge one gold argument of role ``role`` (any case) against ``near``, the candidates
    of its gold event (``None`` when the event was not reached); roles without a row in
    ``table`` are skipped."""
    accepted = table.get(role.lower())
    if accepted is None:
        return
    counted = counts.setdefault(role.lower(), RoleCounts())
    if near is None:
        counted.add(None)
    else:
        counted.add(judge(name, accepted, near.events), other_type=not near.typed)


def count_sums(rows: Sequence[Any]) -> dict[str, int]:
    """The sum of every ``int`` field over rows of one dataclass (a report's per-item scores)."""
    if not rows:
        return {}
    return {
        f.name: sum(getattr(row, f.name) for row in rows)
        for f in fields(rows[0])
        if f.type in ("int", int)
    }


def rate(num: int, den: int) -> float:
    """``num / den`` to four places; 0.0 when there is nothing to divide by."""
    return round(num / den, 4) if den else 0.0


def role_totals(tables: Iterable[dict[str, RoleCounts]]) -> dict[str, Any]:
    """Per gold role and in total, counts with ``role_recall`` and ``swap_rate``."""
    per_role: dict[str, RoleCounts] = {}
    total = RoleCounts()
    for table in tables:
        for role, counts in table.items():
            per_role.setdefault(role, RoleCounts()).merge(counts)
            total.merge(counts)
    return {
        "per_role": {role: per_role[role].rates() for role in sorted(per_role)},
        "total": total.rates(),
    }


def attribution_sources(summary: StructuredSummary) -> list[tuple[list[Span], str]]:
    """Every attribution source of ours (events, quantities, claims), normalised, with the
    evidence it stands on."""
    sourced = [(e.evidence, e.attribution) for e in summary.events]
    sourced += [(q.evidence, q.attribution) for e in summary.events for q in e.quantities]
    sourced += [(c.evidence, c.attribution) for c in summary.claims]
    return [(spans(ev), normalise_name(a.source)) for ev, a in sourced if a is not None]


def says_who(name: str, sentence: Span | None, sources: Sequence[tuple[list[Span], str]]) -> bool:
    """Whether one of ``sources`` on evidence overlapping ``sentence`` is ``name``."""
    gold = normalise_name(name)
    return any(
        name_matches(gold, source) and any(overlaps(sentence, s) for s in where)
        for where, source in sources
    )
