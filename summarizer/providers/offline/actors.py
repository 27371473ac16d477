"""Who is in the story: every sentence's actor and place mentions, resolved across the article.

``read_actors`` finds each sentence's names (``names.find_names``), then settles what one
sentence cannot: a surname alone is the person named in full elsewhere ("Zelenskyy"); a
company's short name is the company ("Corvane"); a name that owns a government or a province
("Kalmaria’s foreign ministry", "Belmora’s northern Hollin province"), or whose demonym the
article uses ("Ostrevian families"), is a state; a name next to "said" or with an appositive
("Jiří Dvořák, a researcher") is a person; a capital that speaks ("Moscow blames") is its
government. ``DocumentActors.cast`` lists the main actors, each with the sentence of its first
mention.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace

from summarizer.grounding.rules import name_problem, too_short
from summarizer.providers.offline.gazetteer import Gazetteer, gazetteer
from summarizer.providers.offline.lexicon import (
    GROUP_HEADS,
    ORG_SUFFIXES,
    SPEECH_FORMS,
    STOP_CAPS,
    TITLES,
)
from summarizer.providers.offline.names import (
    DIRECTIONS,
    NAME_PARTICLES,
    PERSON_HEADS,
    PLACE_NOUNS,
    Context,
    Mention,
    find_names,
    span_text,
)
from summarizer.providers.offline.sentences import Sentence
from summarizer.providers.offline.tokens import Token
from summarizer.schema import ActorKind
from summarizer.text.words import words

__all__ = ["DocumentActors", "Mention", "read_actors"]

_CAST_SIZE = 20
_GOVERNING = words(
    """government ministry president parliament army military prime foreign defence defense
    interior forces police leaders leader opposition king capital navy embassy"""
)
_SPEAKING = frozenset(SPEECH_FORMS) | words(
    "blames blamed accuses accused condemned condemns warned warns threatened threatens "
    "demanded demands"
)
_CIVIL = words("relief aid charity humanitarian rights advocacy medical")
_BODY_KINDS = (ActorKind.ORGANISATION, ActorKind.GOVERNMENT_BODY, ActorKind.MEDIA)
_WORD = re.compile(r"[\w’'-]+")
_AFTER_PERSON_NOUN = re.compile(r"(\w+),\s*$")
_APPOSITIVE_START = re.compile(
    r",\s+(?:(?:a|an|the|who|now|aged|former|then|also)\b|\d{1,3}\b|[A-Z][\w-]*['’]s\s)"
)
_APPOSITIVE = re.compile(r",\s+((?:a|an|the)\s[^,;.“”\"]{3,80}?)(?=[,;.]|$)")
# An outlet is named by what it is ("Nordpress news agency", "the Daily Courant newspaper"), or
# by its reporting alone ("…, Nordpress reported"): general nouns, no list of outlets.
_OUTLET_AFTER = re.compile(
    r"\s+(?:news\s+(?:agency|service|channel|outlet|site|website)|newspaper|daily|broadcaster"
    r"|(?:tv|television|radio)\s+(?:channel|station|network)|wire\s+service)\b",
    re.IGNORECASE,
)
_REPORTS_AFTER = re.compile(r"\s+(?:has\s+|also\s+|online\s+)?(?:reported|reports)\b")
# A lower-case verb form right after a name: it is the subject ("Varga lied", "Pell has").
_FINITE = re.compile(
    r"(?:has|had|have|is|was|were|are|will|would|could|can|did|does|also|later|then|said|says"
    r"|told|[a-z]+ed)"
)
_PLACED = re.compile(r"\b(?:in|at|near|from|outside|inside)\s+$", re.IGNORECASE)
_Names = dict[str, tuple[str, ActorKind]]  # a name as written → full name and kind


@dataclass
class DocumentActors:
    """Every sentence's mentions, after names are resolved across the article."""

    mentions: list[list[Mention]]
    mentioned_countries: set[str] = field(default_factory=set)  # by name or demonym
    text: str = ""  # the article

    def cast(self, sentences: list[Sentence]) -> list[tuple[Mention, Sentence]]:
        """The main actors, most mentioned first, each with the sentence it first appears in.
        A name of unknown kind is listed only when the article names it twice."""
        first: dict[str, tuple[Mention, Sentence]] = {}
        counts: Counter[str] = Counter()
        for sentence, mentions in zip(sentences, self.mentions, strict=True):
            for m in mentions:
                if m.place or not _castable(m):
                    continue
                if too_short(sentence.text) or name_problem(m.name, [sentence.text]):
                    continue  # a caption or a short form: not the quote that shows who it is
                key = m.name.casefold()
                counts[key] += 1
                if key not in first:
                    first[key] = (m, sentence)
                elif m.description and not first[key][0].description:
                    first[key] = (replace(first[key][0], description=m.description), first[key][1])
        ranked = sorted(
            (k for k in first if first[k][0].kind is not ActorKind.OTHER or counts[k] > 1),
            key=lambda k: (-counts[k], first[k][1].index),
        )
        return [first[k] for k in ranked[:_CAST_SIZE]]


def _castable(m: Mention) -> bool:
    """Top-level actors are named, or a group given a nationality or a name ("North Korean
    troops"); "Yonhap news agency" is listed as Yonhap."""
    if m.named:
        return True
    return m.qualified and m.kind is not ActorKind.MEDIA


def read_actors(text: str, sentences: list[Sentence], tokens: list[list[Token]]) -> DocumentActors:
    """Find every sentence's mentions, then resolve names across the article."""
    gaz = gazetteer()
    ctx = Context(gaz, frozenset(re.findall(r"\b[a-z][a-z'-]+\b", text)))
    found: list[list[Mention]] = []
    unknown: list[list[tuple[int, int]]] = []
    countries: set[str] = set()
    for sentence, toks in zip(sentences, tokens, strict=True):
        names = find_names(sentence, toks, ctx)
        found.append(names.mentions)
        unknown.append(names.unknown)
        countries |= names.demonym_countries
    states = _owners(tokens, gaz) | _states_by_demonym(unknown, tokens, text)
    # Names in a person's slot first, so that surnames resolve to them in the second round.
    for by_name in (False, True):
        known = _people(found) | _short_names(found)
        for s, (sentence, toks) in enumerate(zip(sentences, tokens, strict=True)):
            rest = []
            for i, j in unknown[s]:
                m = _resolve(sentence, toks, i, j, states, known, by_name=by_name)
                if m is None:
                    rest.append((i, j))
                else:
                    found[s].append(m)
            unknown[s] = rest
    places = {m.name for mentions in found for m in mentions if m.place}
    for s, sentence in enumerate(sentences):
        for i, j in unknown[s]:
            found[s] += _leftover(sentence, tokens[s], i, j, places)
        found[s] += _speaking_capitals(sentence, found[s], gaz)
        found[s] = _dedupe(_appositions(sentence, found[s]))
    _names_not_places(found, gaz)
    _share_descriptions(found)
    countries |= {
        m.country
        for mentions in found
        for m in mentions
        if m.country and m.kind is ActorKind.STATE and not m.place
    }
    return DocumentActors(found, countries, text)


def _leftover(
    sentence: Sentence, toks: list[Token], i: int, j: int, places: set[str]
) -> list[Mention]:
    """A name still unknown: a place named elsewhere ("Hollin" after "Hollin province"), else an
    actor of unknown kind, so that events can use it; a lone capitalised opener is more often
    a common word, and is left out unless it owns what follows or a verb follows it."""
    start, end = toks[i].start, toks[j - 1].start + len(toks[j - 1].bare)
    name = span_text(sentence, toks, i, j)
    if name in places:
        return [Mention(start, end, name, ActorKind.STATE, place=True)]
    acts = j < len(toks) and _FINITE.fullmatch(toks[j].text) is not None  # "Varga said"
    if i > 0 or j - i > 1 or toks[j - 1].possessive or acts:  # "Kalmaria’s attack"
        return [Mention(start, end, name, ActorKind.OTHER)]
    return []


def _owners(tokens: list[list[Token]], gaz: Gazetteer) -> set[str]:
    """Names that own a government or a province are states: "Kalmaria’s foreign ministry",
    "Belmora’s northern Hollin province"."""
    states: set[str] = set()
    for toks in tokens:
        for k, t in enumerate(toks[:-1]):
            if not (t.possessive and t.capitalised):
                continue
            nxt = toks[k + 1]
            owns_place = nxt.lower in DIRECTIONS or (
                nxt.capitalised and k + 2 < len(toks) and toks[k + 2].lower in PLACE_NOUNS
            )
            owner = t.bare
            known = owner in gaz.demonyms or owner.lower() in STOP_CAPS
            if (nxt.lower in _GOVERNING or owns_place) and not known:
                states.add(owner)
    return states


def _states_by_demonym(
    unknown: list[list[tuple[int, int]]], tokens: list[list[Token]], text: str
) -> set[str]:
    """An unknown one-word name whose demonym the article uses ("Ostrevia", "Ostrevian
    families") is a country the gazetteer does not know."""
    states: set[str] = set()
    for runs, toks in zip(unknown, tokens, strict=True):
        for i, j in runs:
            name = toks[i].bare
            if j - i == 1 and name.endswith("a") and re.search(rf"\b{re.escape(name)}ns?\b", text):
                states.add(name)
    return states


def _people(found: list[list[Mention]]) -> _Names:
    """People named in full, by their full, last and (when no one else has it) first name:
    "Zelenskyy" → "Volodymyr Zelenskyy"."""
    names: _Names = {}
    by_first: dict[str, set[str]] = {}
    for mentions in found:
        for m in mentions:
            if m.kind is ActorKind.PERSON and m.named:
                names[m.name] = (m.name, m.kind)
                parts = m.name.split()
                if len(parts) > 1:
                    names.setdefault(parts[-1], (m.name, m.kind))
                    by_first.setdefault(parts[0], set()).add(m.name)
    for given, full in by_first.items():
        if len(full) == 1:
            names.setdefault(given, (next(iter(full)), ActorKind.PERSON))
    return names


def _short_names(found: list[list[Mention]]) -> _Names:
    """Organisations and states by name, and by the word before an organisation's suffix:
    "Corvane" for "Corvane Systems"."""
    names: _Names = {}
    for mentions in found:
        for m in mentions:
            if not m.named or m.place or m.kind is ActorKind.PERSON:
                continue
            parts = m.name.split()
            if len(parts) == 1:
                names.setdefault(m.name, (m.name, m.kind))
            elif len(parts) == 2 and parts[1].lower() in ORG_SUFFIXES:
                names.setdefault(parts[0], (m.name, m.kind))
    return names


def _resolve(
    sentence: Sentence,
    toks: list[Token],
    i: int,
    j: int,
    states: set[str],
    known: _Names,
    *,
    by_name: bool,
) -> Mention | None:
    """A state, a name known from elsewhere (``by_name``), an organisation introduced by what
    it is ("the relief agency CareBridge"), or a person by their slot: next to "said", or with
    an appositive ("X, 23,", "his brother, X"). A lone word may be a surname: it waits for
    the round ``by_name``."""
    text = span_text(sentence, toks, i, j)
    start, end = toks[i].start, toks[j - 1].start + len(toks[j - 1].bare)
    if text in states:
        return Mention(start, end, text, ActorKind.STATE)
    if by_name and text in known:
        full, kind = known[text]
        return Mention(start, end, full, kind)
    if _OUTLET_AFTER.match(sentence.text, end - sentence.start) or (
        by_name and j - i == 1 and _REPORTS_AFTER.match(sentence.text, end - sentence.start)
    ):
        return Mention(start, end, text, ActorKind.MEDIA)
    if not by_name and j - i == 1:
        return None
    if i > 0 and GROUP_HEADS.get(toks[i - 1].lower) in _BODY_KINDS:
        return _introduced(sentence, toks, i, start, end, text)
    after = sentence.text[end - sentence.start :]
    before = sentence.text[: start - sentence.start]
    speaker = _next_word(after) in SPEECH_FORMS or _previous_word(before) in SPEECH_FORMS
    noun = _AFTER_PERSON_NOUN.search(before)
    appositive = bool(_APPOSITIVE_START.match(after)) or bool(
        noun and noun.group(1).lower() in PERSON_HEADS
    )
    name_like = all(t.bare[:1].isupper() or t.lower in NAME_PARTICLES for t in toks[i:j])
    description = _appositive(after)
    # News names a person in full first: one word next to "said" is as often a company; a
    # name right after "in" or "at" is a place ("in Kessel, a bomber…").
    placed = bool(_PLACED.search(before))
    if (speaker or appositive) and name_like and (j - i > 1 or description) and not placed:
        return Mention(start, end, text, ActorKind.PERSON, description=description)
    return None


def _introduced(
    sentence: Sentence, toks: list[Token], i: int, start: int, end: int, text: str
) -> Mention:
    """ "the relief agency CareBridge": an organisation of the kind its noun says."""
    k = i - 1
    while k > 0 and toks[k - 1].lower not in ("the", "a", "an") and toks[k - 1].text.isalpha():
        k -= 1
    described = span_text(sentence, toks, k, i)
    kind = GROUP_HEADS[toks[i - 1].lower]
    if _CIVIL.intersection(described.lower().split()):
        kind = ActorKind.ORGANISATION
    return Mention(start, end, text, kind, description=described)


def _next_word(s: str) -> str:
    m = _WORD.search(s[:30])
    return m.group(0).lower() if m else ""


def _previous_word(s: str) -> str:
    found = _WORD.findall(s[-30:])
    return found[-1].lower() if found else ""


def _appositive(after: str) -> str | None:
    """ "…, a researcher at a security institute": what the article calls the person."""
    m = _APPOSITIVE.match(after)
    if not m or len(m.group(1).split()) > 12:
        return None
    said = {w.lower() for w in _WORD.findall(m.group(1))}
    return m.group(1) if said & (TITLES | PERSON_HEADS) else None


def _speaking_capitals(
    sentence: Sentence, mentions: list[Mention], gaz: Gazetteer
) -> list[Mention]:
    """ "Moscow blames…": a capital that speaks is its country's government."""
    return [
        Mention(m.start, m.end, m.name, ActorKind.STATE, country=m.country)
        for m in mentions
        if m.place
        and m.name in gaz.capitals
        and _next_word(sentence.text[m.end - sentence.start :]) in _SPEAKING
    ]


def _appositions(sentence: Sentence, mentions: list[Mention]) -> list[Mention]:
    """ "Ukraine’s president, Volodymyr Zelenskyy": the phrase describes the person named right
    after it; a people phrase inside a titled name ("Kyiv-based analyst …") is that name's."""
    persons = [m for m in mentions if m.kind is ActorKind.PERSON and m.named]
    described: dict[int, str] = {}  # id of a person → the phrase describing them
    dropped: set[int] = set()
    for q in mentions:
        if q.named or q.place:
            continue
        for p in persons:
            gap = sentence.text[q.end - sentence.start : p.start - sentence.start]
            if q.kind is ActorKind.PERSON and gap.strip() == "," and not p.description:
                described.setdefault(id(p), q.name)
                dropped.add(id(q))
                break
            if p.start <= q.start and q.end <= p.end:
                dropped.add(id(q))
                break
    return [
        replace(m, description=described[id(m)]) if id(m) in described else m
        for m in mentions
        if id(m) not in dropped
    ]


def _names_not_places(found: list[list[Mention]], gaz: Gazetteer) -> None:
    """A town that is also a name ("Preston", "Lowell") is the person the article names in
    full with it: a one-word place equal to the first or last word of a person's name (or the
    last word of a name of unknown kind that does not start with a place) is that name."""
    parts: dict[str, Mention] = {}
    for mentions in found:
        for m in mentions:
            words_of = m.name.split()
            if not m.named or m.place or len(words_of) < 2:
                continue
            if m.kind is ActorKind.PERSON:
                parts.setdefault(words_of[-1], m)
                parts.setdefault(words_of[0], m)
            elif m.kind is ActorKind.OTHER and not gaz.is_place(words_of[0]):
                parts.setdefault(words_of[-1], m)
    for s, mentions in enumerate(found):
        for k, m in enumerate(mentions):
            full = parts.get(m.name)
            town = m.place or m.kind is ActorKind.STATE
            if full and town and " " not in m.name and m.name not in gaz.countries:
                mentions[k] = Mention(m.start, m.end, full.name, full.kind,
                                      description=full.description)  # fmt: skip
        found[s] = _dedupe(mentions)


def _share_descriptions(found: list[list[Mention]]) -> None:
    """A person described once ("Prime Minister Ilse Varga") keeps it when named again."""
    described: dict[str, str] = {}
    for mentions in found:
        for m in mentions:
            if m.kind is ActorKind.PERSON and m.description:
                described.setdefault(m.name, m.description)
    for mentions in found:
        for k, m in enumerate(mentions):
            if m.kind is ActorKind.PERSON and not m.description and m.name in described:
                mentions[k] = replace(m, description=described[m.name])


def _dedupe(mentions: list[Mention]) -> list[Mention]:
    """One mention per span and role (actor or place), in text order."""
    seen: set[tuple[int, int, bool]] = set()
    out: list[Mention] = []
    for m in sorted(mentions, key=lambda m: (m.start, -m.end)):
        if (m.start, m.end, m.place) not in seen:
            seen.add((m.start, m.end, m.place))
            out.append(m)
    return out
