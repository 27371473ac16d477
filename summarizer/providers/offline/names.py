"""Actor and place mentions in one sentence.

Two kinds of mention are found:

* proper names — runs of capitalised words, classified by the gazetteer (states, places,
  demonyms), by lexicons (news media, institutions, armed groups, acronyms), by their last word
  ("… Ministry", "… Forces", "… University") or by a title inside or before them ("Interior
  Minister Jonas Pell", "analyst Serhiy Hrytsenko"). Runs no rule classifies are returned as
  unknown, for the article-wide pass in ``actors``;
* noun phrases headed by a people noun — "a North Korean soldier", "Seoul’s spy agency",
  "Three other Belmoran army engineers" — walked back from the head over modifiers.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from summarizer.providers.offline.gazetteer import Gazetteer
from summarizer.providers.offline.lexicon import (
    ACRONYMS,
    ARMED_GROUPS,
    GROUP_HEADS,
    INSTITUTIONS,
    MEDIA,
    NOT_ACTORS,
    NOT_NAMES,
    ORG_PREFIXES,
    ORG_SUFFIXES,
    SPEECH_FORMS,
    STOP_CAPS,
    TITLE_QUALIFIERS,
    TITLES,
    VERBS,
    WEAK_HEADS,
)
from summarizer.providers.offline.sentences import Sentence
from summarizer.providers.offline.tokens import Token
from summarizer.schema import ActorKind
from summarizer.text import hedges
from summarizer.text.numbers import GROUPS, SCALES, SMALL, VAGUE_PLURALS
from summarizer.text.timewords import MONTH_NUMBERS, WEEKDAYS
from summarizer.text.words import ARTICLES, DETERMINERS, MODALS, POSSESSIVES, words

__all__ = ["Context", "Mention", "SentenceNames", "find_names", "span_text"]


@dataclass(frozen=True, slots=True)
class Mention:
    """An actor or a place named in a sentence; ``start``/``end`` index the article."""

    start: int
    end: int
    name: str
    kind: ActorKind
    description: str | None = None
    named: bool = True  # a proper name, not a common noun phrase
    place: bool = False  # a place (for "where"), not an actor
    country: str | None = None  # the country a place or a people phrase belongs to
    qualified: bool = False  # a people phrase with a name in it: "North Korean troops"


@dataclass(frozen=True, slots=True)
class Context:
    gaz: Gazetteer
    vocabulary: frozenset[str]  # the article's lower-case words: "Police" at a start is common


@dataclass
class SentenceNames:
    """What one sentence names, and the capitalised runs no rule could place yet."""

    mentions: list[Mention]
    unknown: list[tuple[int, int]]  # token ranges
    demonym_countries: set[str]


_PARTICLES = words("of for de del da das dos du la le el al bin ibn van von der den y")
NAME_PARTICLES = _PARTICLES - {"of", "for"}
_PARTICLE_PREFIX = re.compile(r"^(?:al|el|ez|ad|as|ash|an|at|az|ul|bin)-[A-Z]")
_HYPHEN_ADJECTIVE = re.compile(
    r"-(?:backed|led|based|born|owned|run|funded|made|controlled|style|linked|allied|affiliated"
    r"|sponsored|brokered|held|bound|registered|listed|speaking|majority|wide|era|american)$"
)
_CONTRACTION = re.compile(r"[’'](?:re|ve|ll|d|m|t)$")
_WEEKDAYS = frozenset(WEEKDAYS)
MONTHS = frozenset(MONTH_NUMBERS)
_NUMBER_WORDS = frozenset([*SMALL, *SCALES, *GROUPS, *(w + "s" for w in VAGUE_PLURALS)])
# Hedges ("at least", "no more than") may stand before the count inside a people phrase.
_HEDGE_PHRASES = [phrase.split() for group in hedges.BEFORE.values() for phrase in group]
_QUANTIFIERS = words(
    "some several many other another more most all both few each every no any further fellow"
) | {word for phrase in _HEDGE_PHRASES for word in phrase}
# Lower-case words that never modify a noun inside a people phrase.
_NOT_MODIFIERS = (
    words(
        """and or but by in on at to from with without into onto for of as than that which who
        whom whose was were is are be been being has have had do does did will would could
        should may might must can said says say told not no nor also only even just still yet
        already then there here when while where how why what if so because after before during
        since until against among between about above below over under through across toward
        towards near per via like unlike including except it he she they we you i me him us
        them its very too much more most less least such own same off out up down away back"""
    )
    | frozenset(SPEECH_FORMS)
    | STOP_CAPS
    | VERBS
)
_ADJECTIVE_PARTICIPLES = words(
    """armed suspected alleged unidentified unnamed wounded injured retired elected detained
    unarmed masked disguised displaced trained jailed unemployed marked organised organized
    ruling governing opposing leading warring neighbouring neighboring founding missing
    remaining visiting striking fighting serving qualified skilled dedicated"""
)
_ADJECTIVE_ENDINGS = ("al", "ic", "ian", "ive", "ous", "ary", "ern", "ful", "less", "ish", "ese",
                      "an", "ent", "ant", "ior", "ile", "ist")  # fmt: skip
# Plural words that do modify a people noun ("news agency", "rights groups").
_PLURAL_MODIFIERS = words(
    """news arms goods series species politics economics affairs operations services relations
    rights sales customs emergency systems"""
)
_VERB_MARKERS = MODALS | words("to did do does not have has had")
# Collective nouns that often modify another noun ("police station", "army base").
_COLLECTIVE = words(
    "police army military government navy court council party union company group prison security"
)
# What may follow a singular head; anything else makes it a modifier ("a general strike").
_FOLLOWERS = words(
    """was were is are has had have who whom whose which that said says told died dies did
    does will would could may might must can and or but in on at of by from for to with as
    into near after before during than say warn fear believe accuse claim deny insist confirm
    urge want need plan hope expect agree refuse blew shot struck fled hit threw drove ran
    fell stole set took made gave went came began left fought led sent won lost held kept got
    saw broke caught brought built outside inside across behind beside along among amid
    against while when where about over under through"""
)
PLACE_NOUNS = words(
    """region province district state county city town village oblast governorate valley
    river area prefecture municipality neighbourhood neighborhood suburb island islands
    peninsula capital border"""
)
_PLACE_SUFFIXES = words(
    """street road avenue square castle camp base airport airbase station bridge hotel market
    mosque cathedral palace building centre center hall tower stadium prison jail province
    region district county city valley river mountains mountain sea lake lakes island islands oblast
    governorate peninsula desert heights strait straits gulf bay canal park estate quarter
    port harbour harbor village town"""
)
DIRECTIONS = words(
    """northern southern eastern western central north south east west northeastern
    northwestern southeastern southwestern north-eastern north-western south-eastern
    south-western far upper lower"""
)
_POSSESSOR_MODIFIERS = DIRECTIONS | words("the provincial local regional state")
# A little word counts as part of a quantity only after the word it follows in a hedge ("close
# to", "in excess of") or in "dozens of"; anywhere else it ends the phrase.
_QUANTITY_GLUE_WORDS = frozenset({"to", "as", "of", "up", "in", "or", "not"})
_QUANTITY_GLUE = {(b, a) for phrase in _HEDGE_PHRASES for a, b in itertools.pairwise(phrase)} | {
    ("of", w + "s") for w in VAGUE_PLURALS
}
PERSON_HEADS = frozenset(w for w, k in GROUP_HEADS.items() if k is ActorKind.PERSON)


def span_text(sentence: Sentence, tokens: list[Token], i: int, j: int) -> str:
    """The article's own characters for tokens [i, j), without a final possessive."""
    end = tokens[j - 1].start + len(tokens[j - 1].bare)
    return sentence.text[tokens[i].start - sentence.start : end - sentence.start]


def find_names(sentence: Sentence, tokens: list[Token], ctx: Context) -> SentenceNames:
    """Every actor and place the sentence names, and the runs left unclassified."""
    f = _Finder(sentence, tokens, ctx)
    runs = _runs(tokens, ctx)
    for i, j in runs:
        f.classify(i, j)
    f.titled_by_lower_case()
    _people_phrases(f, runs)
    _place_phrases(f, runs)
    return SentenceNames(f.found, f.unknown, {c for _, _, c in f.demonyms})


# ------------------------------------------------------------------------------ runs


def _is_cap(tokens: list[Token], i: int, ctx: Context, title_case: bool) -> bool:
    text = tokens[i].bare
    if not (text[:1].isupper() or _PARTICLE_PREFIX.match(text)):
        return False
    low = text.lower()
    if low in STOP_CAPS or low in _WEEKDAYS or low in _NUMBER_WORDS or low in _QUANTIFIERS:
        return False
    if _HYPHEN_ADJECTIVE.search(low) or text == "I" or _CONTRACTION.search(low):
        return False
    # A capitalised common word opening a sentence or quote ("Police said…"), or anywhere in a
    # headline written in title case ("Court Convicts Friend…"), names nothing.
    opening = title_case or i == 0 or tokens[i - 1].text in "“\"‘'(:—–-"
    common = low in ctx.vocabulary or low in GROUP_HEADS
    return not (opening and common and text not in ctx.gaz.countries)


def _runs(tokens: list[Token], ctx: Context) -> list[tuple[int, int]]:
    """Token ranges [i, j) of capitalised names, joined by "of", "de", "al-"…"""
    long_words = [t for t in tokens if t.text[:1].isalpha() and len(t.text) > 3]
    capitalised = sum(t.capitalised for t in long_words)
    title_case = len(long_words) >= 3 and capitalised >= 0.75 * len(long_words)
    caps = [_is_cap(tokens, i, ctx, title_case) for i in range(len(tokens))]
    runs: list[tuple[int, int]] = []
    i, n = 0, len(tokens)
    while i < n:
        if not caps[i] or tokens[i].lower in MONTHS:
            i += 1
            continue
        j = i + 1
        while j < n and not tokens[j - 1].possessive:
            if caps[j]:
                j += 1
            elif (
                tokens[j].lower in _PARTICLES
                and j + 1 < n
                and (caps[j + 1] or (tokens[j + 1].lower == "the" and j + 2 < n and caps[j + 2]))
                and (tokens[j].lower in NAME_PARTICLES or tokens[j - 1].lower not in MONTHS)
            ):
                j += 2 if tokens[j + 1].lower != "the" else 3
            elif (  # two particles: "Vicente Ruiz de la Vega", "Jan van der Berg"
                tokens[j].lower in NAME_PARTICLES
                and j + 2 < n
                and tokens[j + 1].lower in NAME_PARTICLES
                and caps[j + 2]
            ):
                j += 3
            else:
                break
        runs.append((i, j))
        i = j
    return runs


# ------------------------------------------------------------------------------ names


@dataclass
class _Finder:
    sentence: Sentence
    tokens: list[Token]
    ctx: Context
    found: list[Mention] = field(default_factory=list)
    unknown: list[tuple[int, int]] = field(default_factory=list)
    demonyms: list[tuple[int, int, str]] = field(default_factory=list)  # token range, country

    def span(self, i: int, j: int) -> tuple[int, int]:
        return self.tokens[i].start, self.tokens[j - 1].start + len(self.tokens[j - 1].bare)

    def add(self, i: int, j: int, kind: ActorKind, *, place: bool = False,
            country: str | None = None, named: bool = True) -> None:  # fmt: skip
        start, end = self.span(i, j)
        name = span_text(self.sentence, self.tokens, i, j)
        self.found.append(Mention(start, end, name, kind, named=named, place=place,
                                  country=country))  # fmt: skip

    def classify(self, i: int, j: int) -> None:
        """Name the run tokens[i:j]: an actor, a place, or left for the article-wide pass."""
        tokens, gaz = self.tokens, self.ctx.gaz
        text = span_text(self.sentence, tokens, i, j)
        last = tokens[j - 1].bare.lower()
        if text in NOT_NAMES:
            return
        if text in MEDIA or (j - i == 1 and tokens[i].bare in MEDIA):
            self.add(i, j, ActorKind.MEDIA)
        elif text in INSTITUTIONS:
            self.add(i, j, ActorKind.GOVERNMENT_BODY)
        elif text in ARMED_GROUPS:
            self.add(i, j, ActorKind.ARMED_GROUP)
        elif text in gaz.countries:  # an actor ("Russia said") and a place ("in Russia")
            self.add(i, j, ActorKind.STATE, country=gaz.countries[text])
            self.add(i, j, ActorKind.STATE, place=True, country=gaz.countries[text])
        elif text in gaz.demonyms:  # an adjective: see the people phrases
            self.demonyms.append((i, j, gaz.demonyms[text]))
        elif text.endswith("s") and text[:-1] in gaz.demonyms:  # "the Ukrainians"
            self.add(i, j, ActorKind.GROUP, named=False, country=gaz.demonyms[text[:-1]])
        elif j - i == 1 and _is_acronym(tokens[i].bare):
            self._acronym(i)
        elif self._titled(i, j) or self._organisation(i, j, last):
            pass
        elif self._is_place(i, j, text, last):
            self.add(i, j, ActorKind.STATE, place=True, country=gaz.country_of_place(text))
        elif j - i > 1 and (tokens[i].bare in gaz.demonyms or tokens[i].bare in gaz.countries):
            self.classify(i, i + 1)  # "Afghan Taliban": the known part, then the rest
            self.classify(i + 1, j)
        else:
            self.unknown.append((i, j))

    def _is_place(self, i: int, j: int, text: str, last: str) -> bool:
        tokens = self.tokens
        return (
            last in _PLACE_SUFFIXES
            or self.ctx.gaz.is_place(text)
            or (i >= 2 and tokens[i - 1].lower == "of" and tokens[i - 2].lower in PLACE_NOUNS)
            or (j < len(tokens) and tokens[j].lower in PLACE_NOUNS and not tokens[j - 1].possessive)
        )

    def _acronym(self, i: int) -> None:
        word, gaz = self.tokens[i].bare, self.ctx.gaz
        if word in NOT_ACTORS:
            return
        if gaz.is_place(word.title()):  # a dateline: "BOSTON —"
            self.add(
                i, i + 1, ActorKind.STATE, place=True, country=gaz.country_of_place(word.title())
            )
        elif word in gaz.countries:
            self.add(i, i + 1, ActorKind.STATE, country=gaz.countries[word])
        else:
            self.add(i, i + 1, ACRONYMS.get(word, ActorKind.ORGANISATION))

    def _titled(self, i: int, j: int) -> bool:
        """A title inside the run, a name after it: "Belmoran Interior Minister Jonas
        Pell" is Jonas Pell, described as Belmoran Interior Minister."""
        tokens = self.tokens
        title = max((k for k in range(i, j - 1) if tokens[k].lower in TITLES), default=-1)
        if title < 0:
            return False
        name_at = title + 1
        if tokens[name_at].lower in ("of", "for") and name_at + 2 < j:  # "Secretary of Defense"
            name_at += 2
        if name_at >= j or tokens[j - 1].bare.lower() in ORG_SUFFIXES:
            return False
        first = lower_title_before(tokens, i)
        start, end = self.span(first, j)
        description = span_text(self.sentence, tokens, first, name_at)
        name = span_text(self.sentence, tokens, name_at, j)
        self.found.append(Mention(start, end, name, ActorKind.PERSON, description=description))
        return True

    def _organisation(self, i: int, j: int, last: str) -> bool:
        """A run ending in an organisation's word ("… Ministry"), or built around one ("Ministry
        of Defence", "Office of the Chief Inspector")."""
        tokens = self.tokens
        kind = ORG_SUFFIXES.get(last)
        if kind is None:
            inner = [
                ORG_SUFFIXES[tokens[k].lower]
                for k in range(i, j - 1)
                if tokens[k].lower in ORG_SUFFIXES and tokens[k + 1].lower in ("of", "for")
            ]
            kind = inner[0] if inner else None
        if kind is None and tokens[i].lower in ORG_PREFIXES and j - i > 2:
            kind = ActorKind.GOVERNMENT_BODY
        if kind is None or (last in ("news", "press") and j - i == 1):
            return False
        self.add(i, j, kind)
        return True

    def titled_by_lower_case(self) -> None:
        """Unknown names right after a lower-case title: "analyst Serhiy Hrytsenko"."""
        keep: list[tuple[int, int]] = []
        for i, j in self.unknown:
            first = lower_title_before(self.tokens, i)
            if first < i and (i == 0 or not self.tokens[i - 1].possessive):
                start, end = self.span(first, j)
                self.found.append(Mention(
                    start, end, span_text(self.sentence, self.tokens, i, j), ActorKind.PERSON,
                    description=span_text(self.sentence, self.tokens, first, i),
                ))  # fmt: skip
            else:
                keep.append((i, j))
        self.unknown = keep


def _is_acronym(word: str) -> bool:
    letters = word.replace(".", "").replace("&", "")
    return (
        2 <= len(letters) <= 6
        and letters[:1].isupper()
        and sum(c.isupper() for c in letters) >= max(2, len(letters) - 1)
        and not letters.isdigit()
    )


def lower_title_before(tokens: list[Token], i: int) -> int:
    """Where a title just before a name starts ("chief executive", "Kyiv-based analyst")."""
    k = i
    while k > 0 and i - k < 4:
        low = tokens[k - 1].lower
        titled = low in TITLES or low in TITLE_QUALIFIERS or low in PERSON_HEADS
        if titled or _HYPHEN_ADJECTIVE.search(low) or low.startswith("ex-"):
            k -= 1
        else:
            break
    return k


# ------------------------------------------------------------------------------ phrases


def _people_phrases(f: _Finder, runs: list[tuple[int, int]]) -> None:
    """Noun phrases headed by a people noun, walked back from the head."""
    tokens = f.tokens
    in_run = {k: (i, j) for i, j in runs for k in range(i, j)}
    n = len(tokens)
    for h, token in enumerate(tokens):
        head = token.bare.lower()
        kind = GROUP_HEADS.get(head)
        if kind is None or h in in_run:
            continue
        # A head followed by another head is its modifier ("police officers").
        if h + 1 < n and tokens[h + 1].bare.lower() in GROUP_HEADS and h + 1 not in in_run:
            continue
        start, modifiers, possessed = _walk_back(tokens, h, in_run, f.ctx)
        singular = kind is ActorKind.PERSON
        if (singular or head in WEAK_HEADS) and start == h:
            continue  # "general", "service": a word, not an actor
        if (
            (singular or head in _COLLECTIVE)
            and h + 1 < n
            and not token.possessive  # "the child’s head": a possessor is a noun
            and not _may_follow(tokens[h + 1])
        ):
            continue  # "a general strike", "a police checkpoint"
        if head in WEAK_HEADS and modifiers == 0 and not possessed:
            continue
        lo, hi = f.span(start, h + 1)
        f.found.append(
            Mention(
                lo,
                hi,
                _phrase_name(f, start, h + 1, modifiers),
                _phrase_kind(tokens, start, h, kind, f.ctx),
                named=False,
                country=next((c for i, _, c in f.demonyms if start <= i < h), None),
                qualified=any(k in in_run for k in range(start, h)),
            )
        )


def _may_follow(t: Token) -> bool:
    if not t.text[:1].isalpha() or t.capitalised:
        return True
    return t.lower in _FOLLOWERS or t.lower.endswith(("ed", "ing", "ly", "s"))


def _walk_back(
    tokens: list[Token], h: int, in_run: dict[int, tuple[int, int]], ctx: Context
) -> tuple[int, int, bool]:
    """Where the phrase headed at ``h`` starts, how many modifiers it has, and whether it is
    possessed ("Seoul’s spy agency"). Walking left, English order holds: modifiers, then
    numbers and quantifiers, then a determiner; so "capture more soldiers" stops at "more"."""
    k, modifiers, possessed, lower_modifiers, counted = h, 0, False, 0, False
    while k > 0:
        t = tokens[k - 1]
        low = t.bare.lower()
        if t.possessive and not counted:
            if k - 1 in in_run:
                k = in_run[k - 1][0]
            else:  # "the provincial governor’s office"
                k -= 1
                while k > 0 and tokens[k - 1].lower in _POSSESSOR_MODIFIERS:
                    k -= 1
            possessed = True
            break
        if k - 1 in in_run and not counted:
            if tokens[in_run[k - 1][0]].lower in MONTHS:
                break
            k, modifiers = in_run[k - 1][0], modifiers + 1
            continue
        if low in DETERMINERS:
            k -= 1
            break
        if low in _NUMBER_WORDS or low in _QUANTIFIERS or low[:1].isdigit():
            before = tokens[k - 2].lower if k > 1 else ""
            if low in _QUANTITY_GLUE_WORDS and (low, before) not in _QUANTITY_GLUE:
                break
            k, counted = k - 1, True
            continue
        if counted:
            break
        if t.capitalised and low in ctx.vocabulary and k == 1:
            k, modifiers = 0, modifiers + 1  # "Local authorities said"
            break
        if (
            (_is_modifier(t, low) or _participle_after_determiner(tokens, k - 1))
            and lower_modifiers < 3
            and not _after_verb_marker(tokens, k - 1)
        ):
            k, modifiers, lower_modifiers = k - 1, modifiers + 1, lower_modifiers + 1
            continue
        break
    return k, modifiers, possessed


_PARTICIPLE_DETERMINERS = ARTICLES | POSSESSIVES


def _participle_after_determiner(tokens: list[Token], k: int) -> bool:
    """ "the executed scientist", "a kidnapped reporter": a participle between a determiner
    and its noun describes the noun."""
    low = tokens[k].lower
    return (
        k > 0
        and low.endswith("ed")
        and low.isalpha()
        and tokens[k - 1].lower in _PARTICIPLE_DETERMINERS
    )


def _after_verb_marker(tokens: list[Token], k: int) -> bool:
    """ "to choose members", "will face critics": the word at ``k`` is a verb, unless it looks
    like an adjective ("to federal investigators")."""
    return (
        k > 0
        and tokens[k - 1].lower in _VERB_MARKERS
        and not tokens[k].lower.endswith(_ADJECTIVE_ENDINGS)
    )


def _is_modifier(t: Token, low: str) -> bool:
    if not t.text[:1].isalnum():
        return False
    if low in _NOT_MODIFIERS or low in _WEEKDAYS or low in MONTHS:
        return False
    if low.endswith(("ed", "ing")) and low not in _ADJECTIVE_PARTICIPLES:
        return bool(_HYPHEN_ADJECTIVE.search(low))
    # A word ending in -s before the head is a verb ("IED kills general") far more often than a
    # plural modifier; -ss and -ous words are neither.
    if low.endswith("s") and not low.endswith(("ss", "ous", "us", "is")):
        return low in _PLURAL_MODIFIERS
    return not low.endswith("ly")


def _phrase_name(f: _Finder, start: int, end: int, modifiers: int) -> str:
    """The phrase as written, without determiner, quantifiers ("some", "other") and counts:
    a number is a quantity, never part of an actor's name ("13 people" is "people")."""
    del modifiers
    tokens = f.tokens
    k = start
    while k < end - 1:
        low = tokens[k].lower
        count = low in _NUMBER_WORDS or low[:1].isdigit()
        if low in DETERMINERS or low in _QUANTIFIERS or count:
            k += 1
        else:
            break
    return span_text(f.sentence, tokens, k, end)


def _phrase_kind(
    tokens: list[Token], start: int, h: int, kind: ActorKind, ctx: Context
) -> ActorKind:
    modifier_words = {tokens[k].bare.lower() for k in range(start, h)}
    countries = ctx.gaz.countries
    national = any(
        tokens[k].bare in countries or ctx.gaz.demonyms.get(tokens[k].bare) in countries.values()
        for k in range(start, h)
        if not tokens[k].possessive
    )
    if tokens[h].lower in ("unit", "division") and not national:
        return ActorKind.ORGANISATION  # a company's unit, not an army's
    if modifier_words & {"news", "media", "press"} or any(
        tokens[k].bare in MEDIA for k in range(start, h)
    ):
        return ActorKind.MEDIA
    if kind is ActorKind.GOVERNMENT_BODY and modifier_words & {"un", "u.n.", "nato", "eu", "red"}:
        return ActorKind.ORGANISATION
    return kind


def _place_phrases(f: _Finder, runs: list[tuple[int, int]]) -> None:
    """ "Russia’s Kursk region", "Hollin province": a name with a place noun after it."""
    tokens, gaz = f.tokens, f.ctx.gaz
    for i, j in runs:
        if j < len(tokens) and tokens[j].lower in PLACE_NOUNS and not tokens[j - 1].possessive:
            start, country = i, gaz.country_of_place(tokens[i].bare)
            k = i
            while k > 0 and tokens[k - 1].lower in DIRECTIONS:
                k -= 1
            if k > 0 and tokens[k - 1].possessive and tokens[k - 1].capitalised:
                start, country = k - 1, gaz.countries.get(tokens[k - 1].bare, country)
            lo, hi = tokens[start].start, tokens[j].end
            text = f.sentence.text[lo - f.sentence.start : hi - f.sentence.start]
            f.found.append(Mention(lo, hi, text, ActorKind.OTHER, place=True, country=country))
