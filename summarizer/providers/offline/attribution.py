"""Who says so: the source of a sentence, how it was said, and how sure the wording is.

Sources, in the order tried: "according to X"; X right before a reporting verb ("Seoul’s spy
agency said", "Ukraine’s president, Volodymyr Zelenskyy, said", "…, the UN refugee agency
reported"); a reporting verb right before X ("…,” said Kyiv-based analyst Serhiy Hrytsenko").
X is an actor mention of the sentence, copied as written. Inside a paragraph, "he" and "she"
stand for the nearest named person before them, "it" and "they" for the last other source,
and a quotation with no speaker of its own continues the one before it; the sentence that
names the source then joins the item's evidence (``named_in``), so the name stands in what
is quoted. A pronoun with nothing before it in its paragraph is left unresolved: the outlet's
own voice. "X, citing Y, said" keeps the cited source in X's name, as written. The verb gives
``Speech``, the source's words its ``SourceKind``.

Also: a weak verb speaks with an object told to act ("urged the council to reopen"), a
gerund, a feeling ("expressed concern") or, for demands and promises, any object; a place
opening its sentence speaks for its government; two verbs joined by "and" share a subject;
"X, who told", "X, in a statement, said"; the noun a name modifies joins it ("a Kessel body",
"Pell's campaign"), and so do "health and education officials from the ruling party"; a
speaker noun no name rule tagged ("The Portuguese delegation said") speaks; "according to
him" is resolved like "he". A name after the verb speaks only where its clause ends
("…,” warned Varga", not "said two soldiers were killed"), never as the hearer ("told
reporters"), and names quoted before "he told" are no antecedent.

Deceiving and coercing are said too: "misled voters", "intimidated his critics" (whoever is
misled only hears), and so are whose lies, propaganda or threats the sentence names ("X’s
blackmail", "the lies of X", "Despite her threats, X …"). Verbs listed before the verb
("has ignored, shamed, and misled") and joined in a relative clause ("who wrote …, and had
been counselling") share its subject; a lawsuit, report or petition speaks for who wrote it; a
plain noun phrase no name rule tagged speaks for a verb taking "that" ("The census says that").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from summarizer.providers.offline.lexicon import SOURCE_KIND_CUES, SPEECH_FORMS
from summarizer.providers.offline.names import Mention
from summarizer.providers.offline.sentences import Sentence
from summarizer.schema import ActorKind, Certainty, SourceKind, Speech
from summarizer.text.words import DETERMINERS, MODALS, alternation, words

__all__ = [
    "Attribution",
    "Attributor",
    "certainty_of",
    "characterises",
    "head_start",
    "source_kind",
]


@dataclass(frozen=True, slots=True)
class Attribution:
    source: str
    kind: SourceKind
    how: Speech
    verb_at: int  # article offset of the reporting verb (or of "according to")
    mention: Mention | None
    named_in: str | None = None  # the sentence naming the source, when it is another one
    cited: str = ""  # ", citing two officials": the end of ``source`` naming whom it cites

    @property
    def speaker(self) -> str:
        """The source without whom it cites: the one who speaks."""
        return self.source[: len(self.source) - len(self.cited)]


# Forms of communication verbs the shared lexicon leaves out. A bare form ("urge") is a verb
# only after "to" or a modal ("appeared to urge", "would insist"): ``_BARE_AFTER``.
_BARE = words("urge advise recommend insist warn profess deceive mislead blackmail intimidate")
# Deceiving and coercing someone are done in words too: "misled voters", "blackmailed him".
_DECEIT = words(
    """deceived deceives deceive misled misleads mislead blackmailed blackmails blackmail
    intimidated intimidates intimidate coerced coerces"""
)
_MORE_FORMS = dict.fromkeys(
    _BARE
    | _DECEIT
    | words(
        """professes professed professing tweeted tweets tweeting condemned condemns
        condemning denounced denounces denouncing criticised criticized criticises criticizes
        criticising criticizing praised praises"""
    ),
    "stated",
)
_WEAK_BARE = frozenset({"urge", "advise", "recommend"})  # "appeared to urge the court to"
_BARE_AFTER = re.compile(rf"\b(?:{alternation(MODALS | words('to not did does do'))})\s+$")
_FORMS = {**_MORE_FORMS, **SPEECH_FORMS}
_ACCORDING_TO = re.compile(r"\baccording to\s+(?:the\s+)?", re.IGNORECASE)
_SOURCE_END = re.compile(r"[,.;:“”\"()]|\s(?:that|who|which|in a|on|as|after)\s")
_VERB = re.compile(
    r"\b(?:" + "|".join(sorted(map(re.escape, _FORMS), key=len, reverse=True)) + r")\b"
)
_LOWER_PLACE = re.compile(r"\s+(?:in|from|at|of)\s+(?:the\s+|a\s+)?[a-z]")
_WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
# What may stand between a source and its verb: "has", "also", "on Friday", "herself",
# "appeared to" ("The minister on Friday appeared to urge …").
_GAP_BEFORE_VERB = re.compile(
    r"(?:\s+(?:in|from|at|of)\s+(?:[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*"  # "unions in Germany said"
    r"|(?:the\s+|a\s+)?(?![a-z]+ly\b)[a-z][\w’'-]*"  # "officials in the region"
    r"(?:\s+(?![a-z]+ly\b)[a-z][\w’'-]*)?))?"
    r"\s*,?\s*(?:(?:has|have|had|is|are|was|were|been|already|still|also|later|previously"
    r"|earlier|again|then|now|publicly|repeatedly|online|both|all|each"
    r"|separately|officially|formally|reportedly|would|will|could|should|did|does|not|once"
    r"|himself|herself|itself|themselves|(?:appeared|appears|seemed|seems|went\s+on)\s+to"
    r"|(?:(?:late|early)\s+)?on\s+" + _WEEKDAY + r"(?:\s+(?:morning|afternoon|evening|night))?"
    r"|(?:this|last)\s+(?:week|month|year))\s+)*$"
)
# A name set off from its verb by an appositive: "Jiří Dvořák, a researcher at …, said".
_APPOSITIVE_GAP = re.compile(r"\s*,\s*(?:[^,;:“”\"]{2,160},\s*(?:and\s+)?){1,3}")
_BY = re.compile(r"\s+by\s")  # "was confirmed by the ministry": who says so
_GAP_AFTER_VERB = re.compile(r"^\s*(?:by\s+)?$")
_PRONOUN_BEFORE_VERB = re.compile(
    r"\b(he|she|it|they)\s+(?:(?:has|have|had|also|later|again|then|would|will)\s+)*$",
    re.IGNORECASE,
)
_PRONOUN_AFTER_VERB = re.compile(r"^\s+(he|she|they)\b", re.IGNORECASE)  # "…,” said he
# Calling something something: "described it as a “perilous escalation”", "called the
# deal “historic”", "referred to it as".
_CHARACTERISES = re.compile(
    r"(?:described|describes|called|calls|referred\s+to|branded|labell?ed|termed"
    r"|characteri[sz]ed|hailed)\s+(?:[\w’'-]+\s+){0,5}?(?:as\s+)?(?:an?\s+|the\s+)?[“\"‘]",
    re.IGNORECASE,
)
# "Residents were told to leave", "officials are asked": a passive, whose subject hears.
_PASSIVE_OK = _DECEIT | words(
    """told asked advised urged warned ordered called promised threatened condemned denounced
    criticised criticized praised"""
)
_BE = re.compile(r"\b(?:is|are|was|were|been|being)\b")
_HEAD_OF = re.compile(
    r"\b(?:the\s+)?(?:leadership|leaders?|head|heads|chief|spokes(?:man|woman|person)"
    r"|members?|wing|command|office|council)\s+(?:of|for)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"\s*(?:on\s+\w+\s*|\w+\s*)?[.!?]?[”\"’']*\s*$")
_PARTICIPLES = words(
    "saying stating adding claiming vowing pledging promising warning threatening urging insisting"
)
# Where the subject of a sentence may start: after a title's words or a determiner.
_PARTICIPLE_SUBJECT = re.compile(r"^[\W]*(?:(?:the|a|an|[A-Z][\w.’'-]*)\s+){0,4}")
# "The ministry posted a statement saying …": what the subject put out says it.
_OWN_WORDS = re.compile(
    r"\b(?:(?:statement|message|letter|video|post|note|notice|communiqu[ée]|tweet)"
    r"|(?:quoted|cited)\s+as)\s+$"
)
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")
_OBJECT_PRONOUNS = {"him": "he", "her": "she", "them": "they", "it": "it"}
_OPENS_QUOTE = re.compile(r"^\s*[“\"‘]")
# "X, citing Y, said": the cited source stays with X's name ("The newspaper, citing two
# officials"); the gap is set off by commas and starts with "citing".
_CITING_GAP = re.compile(r"\s*,\s*citing\s+[^,;:“”\"]{2,80},\s*")
_SPEECH_OF = {s.value: s for s in Speech}
_CORE_VERBS = words(
    """said says say told tells added adds reported reports stated states estimated estimates
    claimed claims alleged alleges denied denies confirmed confirms wrote writes"""
)
_AFTER_LOCATIVE = re.compile(r"\b(?:in|at|near|from|across|inside|outside)\s+(?:the\s+)?$")
_PERSON_CUES = frozenset().union(
    *(cues for kind, cues in SOURCE_KIND_CUES
      if kind in (SourceKind.EXPERT, SourceKind.WITNESS, SourceKind.OFFICIAL))
)  # fmt: skip
_KIND_OF_ACTOR = {
    ActorKind.MEDIA: SourceKind.NEWS_AGENCY,
    ActorKind.MILITARY: SourceKind.MILITARY,
    ActorKind.GOVERNMENT_BODY: SourceKind.GOVERNMENT,
    ActorKind.STATE: SourceKind.GOVERNMENT,
    ActorKind.ORGANISATION: SourceKind.ORGANISATION,
    ActorKind.ARMED_GROUP: SourceKind.OTHER,
}
# Verbs that report speech only with a clause after them; "called", "asked" and the like
# name other acts too often to make their subject a source.
_WEAK_VERBS = words(
    """called asked urged urges promised pledged vowed responded referred branded labelled
    labeled termed hailed threatened demanded demands expressed advised advises recommended
    recommends"""
)
# What makes a weak verb speech: a clause ("urged that", "called on", "vowed to"), an object
# told to do something ("urged the council to act", "advised residents not to travel"), a
# gerund ("recommended closing the road"), a feeling put into words ("expressed concern").
_WEAK_CLAUSE = re.compile(r"\s+(?:\w+ly\s+)?(?:that|on|for|to)\b")
_ASKS = words(
    """urged urges urge asked asks advised advises advise recommended recommends recommend
    begged pleaded pressed implored"""
)
_ASKED_TO = re.compile(
    r"\s+(?:(?!(?:whether|if|that|who|which|and|but|or|had|has|have|was|were|is|are)\b)"
    r"[^\s,;:“”\"()]+\s+){1,8}?(?:not\s+)?to\s+(?!the\b|a\b|an\b|his\b|her\b|its\b"
    r"|their\b|this\b|that\b)[a-z]{2,}"
)
_ASKED_DOING = re.compile(r"\s+(?:\w+ly\s+)?[a-z]{3,}ing\b")
_ADVISING = words("recommended recommends recommend advised advises advise urged urges urge")
_FEELING = re.compile(
    r"\s+(?:(?:its|his|her|their|the|a|an|deep|grave|serious|strong|full|growing|some)\s+)*"
    r"(?:concern|concerns|opposition|support|regret|sympathy|condolences|hope|outrage"
    r"|solidarity|frustration|disappointment|doubt|doubts|confidence|anger|alarm|dismay"
    r"|gratitude|satisfaction|optimism|willingness|readiness|reservations|fears?)\b"
)
# Demands and promises are speech whatever they take: "demanded $40 million", "pledged
# support", "vowed revenge", "promised voters a hospital".
_DEMANDS = words("demanded demands promised pledged vowed")
# A threat is speech when it threatens a measure, not a place: "threatened sanctions".
_THREAT = re.compile(
    r"\s+(?:with\s+)?(?:[a-z-]+\s+){0,2}?(?:sanctions|retaliation|reprisals|action|strikes?"
    r"|war|force|consequences|revenge|lawsuits?|legal|prosecution|resignation|veto|boycott)\b"
)


def _weak_speaks(word: str, after: str) -> bool:
    """Whether a weak verb, followed by ``after``, reports speech."""
    if _WEAK_CLAUSE.match(after) or word in _DEMANDS:
        return True
    if word == "threatened" and _THREAT.match(after):
        return True
    if word in _ASKS and _ASKED_TO.match(after):
        return True
    if word in _ADVISING and _ASKED_DOING.match(after):
        return True
    return word == "expressed" and bool(_FEELING.match(after))


def head_start(sentence: Sentence, start: int) -> int:
    """Where a source named at ``start`` begins when a head noun owns it: "the leadership of
    the party said" — the leadership speaks for the party."""
    head = _HEAD_OF.search(sentence.text, 0, start - sentence.start)
    return sentence.start + head.start() if head else start


def characterises(text: str) -> bool:
    """Whether a sentence calls something something ("described it as a “…”"): an
    assessment, a claim of its speaker's, whatever events its words name."""
    return bool(_CHARACTERISES.search(text))


def source_kind(name: str, actor: ActorKind | None, description: str | None = None) -> SourceKind:
    """What kind of source a name is: from the person it is called, if one ("Defence analyst"
    is an expert), then from all its words ("spy agency"), then from its actor kind."""
    called = re.findall(r"[a-z0-9]+", (description or name).lower())
    said = set(re.findall(r"[a-z0-9]+", f"{name} {description or ''}".lower()))
    person = {called[-1]} & _PERSON_CUES if called else set()
    for heard in (person, said):
        for kind, cues in SOURCE_KIND_CUES:
            if heard & cues:
                return kind
    return _KIND_OF_ACTOR.get(actor, SourceKind.OTHER) if actor else SourceKind.OTHER


# What may open a sentence before its subject: "But", "And", "Meanwhile,".
_OPENING = re.compile(r"^[\W]*(?:(?:but|and|yet|meanwhile|still|now)\s*,?\s+)?$", re.IGNORECASE)


def _place_subject(m: Mention, sentence: Sentence, mentions: list[Mention]) -> bool:
    """Whether a place opens the sentence as its subject, speaking for those who govern it
    ("Lisbon summoned the envoy, warning of …"), where no actor is named in its words."""
    return (
        m.place
        and m.named
        and m.kind is ActorKind.STATE
        and bool(_OPENING.match(sentence.text[: m.start - sentence.start]))
        and not any(not o.place and o.start < m.end and m.start < o.end for o in mentions)
    )


# One subject, two verbs: "The mayor on Monday visited the shelter and promised to …".
_COORDINATED = re.compile(
    r"(?P<lead>.*?\s)[a-z]{3,}(?:ed|s)\s[^,;:“”\"()]{0,80}?\s+and\s+(?:also\s+|then\s+|later\s+)?"
)


# "…,” warned Ilse Varga": a verb after a quotation, its speaker after it.
_INVERTS_AFTER = re.compile(r"[,.!?…]?\s*[”\"’]\s*$")
_CLAUSE_GOES_ON = re.compile(
    r"\s+(?:were|was|had|have|has|are|is|would|will|could|should|may|might|did|must|can"
    r"|[a-z]+ed)\b"
)
# "said Ilse Varga.", "said Ilse Varga, a judge", "said Ilse Varga on Friday": the name
# after "said" ends the clause; "said the gunmen wore masks" goes on.
_SPEAKER_ENDS = re.compile(r"\s*(?:[,.;:!?”\"]|$|\s(?:on|in|at|yesterday|today|last|this)\s)")
_SAID = words("said says added reported wrote")
_NOT_INVERTED = words("told tells asked asks") | _DECEIT  # "told reporters": who hears


def _inverted(word: str, before: str) -> bool:
    """Whether the name right after the verb ``word`` is its speaker: "said" and its kin
    always may be ("said Ilse Varga, a judge"); any strong verb after a quotation ("…,”
    warned Varga"), not after a comma ("visited the town, praised the rescuers"); never a verb
    whose object hears ("told reporters")."""
    if word in _NOT_INVERTED or word in _WEAK_VERBS:
        return False
    return bool(_INVERTS_AFTER.search(before)) or (word in _SAID and before.rstrip()[-1:] == ",")


# A list of bare verbs sharing the subject and its verb: "has bullied, shamed, and misled".
_VERB_LIST = re.compile(r"(?P<lead>.*?\s)(?:[a-z]{3,}ed\s*,\s*){1,5}(?:and\s+|or\s+)?")


def _coordinated(gap: str) -> bool:
    """Whether ``gap`` is another verb phrase of the subject's, joined by "and", or a list of
    verbs before its own."""
    m = _COORDINATED.fullmatch(gap)  # not a list after a comma: "…, praised the crews and said"
    lead = m.group("lead") if m else ","
    if "," not in lead and _GAP_BEFORE_VERB.fullmatch(lead):
        return True
    listed = _VERB_LIST.fullmatch(gap)
    return listed is not None and bool(_GAP_BEFORE_VERB.fullmatch(listed.group("lead")))


# Nouns for people or bodies that speak for something: "officials", "the mayor", "delegation".
_SPEAKERS = (
    r"body|bodies|group|council|committee|commission|movement|organi[sz]ation|party|militia"
    r"|government|ministry|authorities|officials?|leaders?|leadership|spokes(?:man|woman"
    r"|person)|agency|army|military|forces|court|panel|board|union|alliance|coalition|front"
    r"|faction|network|delegation|embassy|mission|regime|cabinet|parliament|clerics|scholars"
    r"|activists|lawmakers|diplomats|sources|officers|analysts|experts|advis[eo]rs?|aides?"
    r"|critics|investigators|prosecutors?|witnesses|residents|doctors|medics|organi[sz]ers"
    r"|negotiators|ministers?|police|campaigners|observers|monitors|survivors|villagers"
    r"|scientists|researchers|mayor|governor|president|premier|chancellor|commander|general"
    r"|ambassador|envoy|judge|senator|chairman|chairwoman|director|secretary"
    # Writings that speak for who filed or wrote them: "a Kessel lawsuit demanded".
    r"|lawsuit|complaint|petition|indictment|report|survey|resolution"
)
# A name that is the modifier of the noun that speaks: "a Kessel body announced", "the Lisbon
# delegation said". The noun joins the source.
# "a Kessel body", "Pell's campaign", "Pell’s election team".
_BODY_NOUN = re.compile(
    r"(?:\s+|['’]s\s+(?:[a-z]+\s+)?)(?:" + _SPEAKERS + r"|campaign|team|staff|lawyers?)\b"
)


def _head_gap(gap: str) -> re.Match[str] | None:
    """The noun a name modifies, when ``gap`` starts with one and the rest may stand before a
    verb."""
    head = _BODY_NOUN.match(gap)
    return head if head and _GAP_BEFORE_VERB.fullmatch(gap, head.end()) else None


# "officials from the ruling party said": the name after the preposition belongs to the one
# before.
_OWNED_BY = re.compile(r"\s+(?:from|of|at|with|among|within)\s+")
_NOUN_OF = re.compile(r"\b([a-z]{3,})\s+of\s+(?:the\s+)?$")
# "defence and security experts": a modifier the name shares.
_AND_MODIFIER = re.compile(r"\b([A-Za-z][a-z-]{2,})\s+and\s+$")
_NOT_MODIFIERS = words(
    """the and but that this these those which who whom whose what when where while said says
    told was were has have had are been being them him her his its their they them you we our
    also then than there here both all some many most more other such only even just not"""
)
_NOT_MODIFIER_ENDS = ("ed", "ly", "ing", "s")
# Who speaks where no name is tagged: a noun for people who speak for something, with up to
# two words before it ("The Portuguese delegation said", "his aides are proposing").
_NONE = re.compile(r"\b(?i:no|neither|nor|none\s+of\s+the)\s+$")
_NO = re.compile(r"(?i:no|neither)\s")
_DETERMINER = r"the|a|an|his|her|its|their|our|some|several|many|two|three|four|five"
_SPEAKER_NOUN = re.compile(
    r"(?:\b(?i:" + _DETERMINER + r")\s+)?"
    r"(?P<name>(?:(?:(?!(?i:"
    + _DETERMINER
    + r"|no|neither)\b)[A-Z][\w’'.-]*|senior|top|local|foreign"
    r"|former|military|security|health|government|party|campaign|western|regional|federal"
    r"|rescue|aid)\s+){0,2}(?:" + _SPEAKERS + r"))\b"
)


def _modifies(word: str) -> bool:
    """Whether a lower-case word before "and" may be a modifier ("health and …")."""
    word = word.lower()
    return word not in _NOT_MODIFIERS and not word.endswith(_NOT_MODIFIER_ENDS)


def _owner(subject: Mention, actors: list[Mention], sentence: Sentence) -> Mention | None:
    """The name a subject belongs to through "from", "of", "at": "officials of the ministry"."""
    base = sentence.start
    return next(
        (o for o in actors
         if o.end <= subject.start and o is not subject
         and _OWNED_BY.fullmatch(sentence.text[o.end - base : subject.start - base])),
        None,
    )  # fmt: skip


def _nobody(m: Mention, sentence: Sentence) -> bool:
    """Whether a mention names nobody: "No official said …", "Neither side has claimed …"."""
    at = m.start - sentence.start
    return bool(_NONE.search(sentence.text, 0, at) or _NO.match(sentence.text, at))


def _speaker_noun(sentence: Sentence, verb: int) -> Mention | None:
    """A noun for people who speak right before the verb at ``verb`` (sentence offset), as
    the mention no name rule made of it."""
    for m in _SPEAKER_NOUN.finditer(sentence.text, 0, verb):
        if _GAP_BEFORE_VERB.fullmatch(sentence.text, m.end(), verb) and not _NONE.search(
            sentence.text, 0, m.start("name")
        ):  # "No official said …": nobody speaks
            start, end = sentence.start + m.start("name"), sentence.start + m.end()
            return Mention(start, end, m.group("name"), ActorKind.GROUP, named=False)
    return None


# An aside that says how or where, not who: "The army, in a statement, said", "A senior
# official, who spoke on condition of anonymity, told".
_HOW_ASIDE = re.compile(
    r"\s*,\s*(?:who|in|on|at|speaking|writing|asked|when|after|responding|meanwhile|however"
    r"|though|too|for\s+(?:his|her|its|their)\s+part)\b[^,;:“”\"]{0,160},\s*"
    r"|\s*,\s*\d{1,3}\s*,\s*"  # "A farmer, 52, said"
)


# "Marta Olsen, who told a local paper that …": the name before "who" speaks.
_WHO = re.compile(r"\s*,?\s*who\s")


# "It was Lind who wrote the plan, and had been counselling …": the relative clause's verbs,
# joined by ", and" or by "and" with a helping verb, share the one it is about.
_WHO_AND = re.compile(
    r"[^;:“”\"()]{3,160}?(?:,\s*and|\s+and(?=\s+(?:has|have|had|was|were|is|are)\b))(?=\s)"
)


def _who_gap(gap: str) -> bool:
    who = _WHO.match(gap)
    if who is None:
        return False
    if _GAP_BEFORE_VERB.fullmatch(gap, who.end() - 1):
        return True
    joined = _WHO_AND.match(gap, who.end())
    return joined is not None and bool(_GAP_BEFORE_VERB.fullmatch(gap, joined.end()))


# The longest stretch between a speaker and its verb worth reading (asides run to 160
# characters); past it no rule applies, and matching every pair of a long unpunctuated
# "sentence" would take minutes.
_MAX_GAP = 240


def _source_gap(gap: str, m: Mention) -> bool:
    if len(gap) > _MAX_GAP:
        return False
    if _GAP_BEFORE_VERB.fullmatch(gap) or _CITING_GAP.fullmatch(gap) or _coordinated(gap):
        return True
    if _who_gap(gap):
        return True
    if m.kind is not ActorKind.STATE and _HOW_ASIDE.fullmatch(gap):
        return True
    if _head_gap(gap):
        return True
    return m.named and m.kind is not ActorKind.STATE and bool(_APPOSITIVE_GAP.fullmatch(gap))


# Nouns for deceiving or coercing in words: whose lies or threats they are says so. "Of"
# names who does it for the first set ("the propaganda of the regime"), never for the
# second ("the intimidation of voters": who is intimidated); "by" names who for both.
_DEED_OF = r"lies|deceit|deception|propaganda|disinformation|blackmail|threats|ultimatums?"
_DEED = _DEED_OF + r"|threat|intimidation|coercion"
_DEED_AFTER = re.compile(
    r"\b(?:(?:" + _DEED_OF + r")\s+(?:of|by)|(?:" + _DEED + r")\s+by)\s+(?:the\s+)?$"
)
_DEED_OWNED = re.compile(r"^\s*['’]s\s+(?:[a-z][\w-]*\s+){0,2}(?:" + _DEED + r")\b")
# "Because of her lies, Pell resigned": a fronted phrase's owner is the clause's subject.
_FRONTED_DEED = re.compile(
    r"^[^,;:“”\"]*?\b(?:his|her|their|its)\s+(?:[a-z][\w-]*\s+){0,2}(?:" + _DEED + r")\b"
    r"[^,;:“”\"]*,\s*"
)


def _by_deed(sentence: Sentence, actors: list[Mention]) -> tuple[Mention, int] | None:
    """A name whose lies or threats the sentence names, and where the noun stands: "Kessel’s
    nuclear blackmail", "the lies of the regime", "Despite her threats, Lind …"."""
    text, base = sentence.text, sentence.start
    for m in actors:
        owned = _DEED_OWNED.match(text, m.end - base)
        if owned and m.named:
            return m, m.end
        after = _DEED_AFTER.search(text, 0, m.start - base)
        if after:
            return m, base + after.start()
    fronted = _FRONTED_DEED.match(text)
    if fronted:
        subject = [m for m in actors if m.start - base == fronted.end() and m.named]
        if subject:
            return subject[0], base
    return None


# A subject no name rule tags, of a verb with a clause after it or of deceiving: "Socialism
# demands that …", "… said that the letter’s warm tone should not deceive anyone". It opens
# the sentence or the clause after "that", and is a plain noun phrase of up to four words.
_CLAUSE_START = re.compile(r"^[\W]*(?:(?:but|and|yet|meanwhile|still|now)\s*,?\s+)?", re.I)
_THAT = re.compile(r"\bthat\s+")
_THAT_AFTER = re.compile(r"\s+(?:\w+ly\s+)?that\b")
_PLAIN_DETERMINER = DETERMINERS
_NOT_SUBJECTS = _NOT_MODIFIERS | words(
    """i we you he she it they me us one ones others another some any many few most several
    no none nobody everyone everybody someone somebody anyone people it's that's there's
    if as so because though although while when"""
)


def _plain_subject(text: str, verb: int) -> tuple[int, int] | None:
    """Where a plain noun phrase before the verb at ``verb`` (sentence offsets) stands."""
    opening = _CLAUSE_START.match(text)
    starts = [opening.end() if opening else 0]
    starts += [t.end() for t in _THAT.finditer(text, 0, verb)]
    for start in starts:
        ends = [w.end() for w in re.finditer(r"[\w’'-]+", text[start:verb])]
        end = next((start + e for e in ends if _GAP_BEFORE_VERB.fullmatch(text, start + e, verb)),
                   None)  # fmt: skip
        if end is None:
            continue
        tokens = text[start:end].split()
        if tokens and tokens[0].lower() in _PLAIN_DETERMINER:
            tokens = tokens[1:]
        if 1 <= len(tokens) <= 4 and all(
            re.fullmatch(r"[\w’'-]+", t)
            and t.lower() not in _NOT_SUBJECTS
            and t.lower() not in _FORMS
            and not t.lower().endswith("ly")
            for t in tokens
        ):
            return start, end
    return None


class Attributor:
    """Finds sources sentence by sentence, remembering each paragraph's people and sources
    for pronouns and continued quotations."""

    def __init__(self) -> None:
        self._paragraph = -1
        self._seen: list[tuple[Sentence, list[Mention]]] = []  # this paragraph's sentences
        self._last_other: Attribution | None = None
        self._last_person: Attribution | None = None  # the paragraph's last person speaking
        self._last: Attribution | None = None  # the previous sentence's source

    def attribute(
        self, sentence: Sentence, mentions: list[Mention], paragraph: int = 0
    ) -> Attribution | None:
        """The source of ``sentence`` (the first one found), if it has one; ``paragraph``
        numbers the block the sentence stands in."""
        if paragraph != self._paragraph:
            self._paragraph, self._seen = paragraph, []
            self._last_other = self._last = self._last_person = None
        found = (
            self._according_to(sentence, mentions)
            or self._by_verb(sentence, mentions)
            or self._by_noun(sentence, mentions)
        )
        if found is None and self._last is not None and _OPENS_QUOTE.match(sentence.text):
            last = self._last  # a quotation going on: "…,” said X. “And more.”
            found = replace(last, verb_at=sentence.start, named_in=last.named_in or (
                self._seen[-1][0].text if self._seen else None))  # fmt: skip
        if found and found.mention is not None and found.mention.kind is not ActorKind.PERSON:
            self._last_other = found
        if found and found.mention is not None and found.mention.kind is ActorKind.PERSON:
            self._last_person = replace(found, named_in=found.named_in or sentence.text)
        self._last = found
        self._seen.append((sentence, mentions))
        return found

    def inner(
        self, sentence: Sentence, mentions: list[Mention], found: Attribution
    ) -> list[Attribution]:
        """The other sources a sentence reports ("…, that nation's ministry confirmed that …,
        Nordpress reported": the ministry), each once."""
        out: list[Attribution] = []
        others = [self._by_verbs(sentence, mentions, [v], pronouns=False)
                  for v in _VERB.finditer(sentence.text)]  # fmt: skip
        for other in [*others, self._by_noun(sentence, mentions)]:
            if (
                other is not None
                and other.mention is not None
                and other.mention not in (found.mention, *(o.mention for o in out))
            ):
                out.append(other)
        return out

    def _by_noun(self, sentence: Sentence, mentions: list[Mention]) -> Attribution | None:
        """Whose lies, threats or blackmail the sentence names."""
        found = _by_deed(
            sentence, [m for m in mentions if not m.place or m.kind is ActorKind.STATE]
        )
        if found is None:
            return None
        return self._make(sentence, found[0], Speech.STATED, found[1], of_head=False)

    def _according_to(self, sentence: Sentence, mentions: list[Mention]) -> Attribution | None:
        m = _ACCORDING_TO.search(sentence.text)
        if not m:
            return None
        rest = sentence.text[m.end() :]
        cut = _SOURCE_END.search(rest)
        source = rest[: cut.start() if cut else len(rest)].strip()
        if not source or len(source.split()) > 10:
            return None
        at = sentence.start + m.end()
        if (pronoun := _OBJECT_PRONOUNS.get(source.lower())) is not None:
            # "According to him, …": whom the pronoun stands for.
            found = self._antecedent(pronoun, sentence, mentions, at)
            if found is None:
                return None
            return replace(found, how=Speech.REPORTED, verb_at=sentence.start + m.start())
        mention = next((x for x in mentions if x.start >= at and not x.place), None)
        actor = mention.kind if mention else None
        kind = source_kind(source, actor, mention.description if mention else None)
        return Attribution(source, kind, Speech.REPORTED, sentence.start + m.start(), mention)

    def _by_verb(self, sentence: Sentence, mentions: list[Mention]) -> Attribution | None:
        """The subject (or inverted subject) of a reporting verb; "said" and its kin are tried
        before verbs that are often events themselves ("declared", "announced")."""
        verbs = list(_VERB.finditer(sentence.text))
        # "Y confirmed that …, X reported.": the reporter at the end is who says it all.
        verbs.sort(key=lambda v: not _SENTENCE_END.match(sentence.text, v.end()))
        core = [v for v in verbs if v.group(0) in _CORE_VERBS]
        return self._by_verbs(sentence, mentions, core) or self._by_verbs(
            sentence, mentions, [v for v in verbs if v.group(0) not in _CORE_VERBS]
        )

    def _by_verbs(
        self,
        sentence: Sentence,
        mentions: list[Mention],
        verbs: list[re.Match[str]],
        *,
        pronouns: bool = True,
    ) -> Attribution | None:
        text = sentence.text
        actors = [
            m for m in mentions
            if not m.place and not (m.kind is ActorKind.STATE and _AFTER_LOCATIVE.search(
                text[: m.start - sentence.start]))
        ]  # fmt: skip
        actors += [m for m in mentions if _place_subject(m, sentence, mentions)]
        for verb in verbs:
            word = verb.group(0)
            at = sentence.start + verb.start()
            characterises = bool(_CHARACTERISES.match(text, verb.start()))
            if (
                (word in _WEAK_VERBS or word in _WEAK_BARE)
                and not characterises
                and not _weak_speaks(word, text[verb.end() :])
            ):
                continue
            if word in _BARE and not _BARE_AFTER.search(text, 0, verb.start()):
                continue  # "the urge to", "a warn…": a bare form after no "to" or modal
            how = _SPEECH_OF[_FORMS[word]]

            def gap(m: Mention, verb: re.Match[str] = verb) -> str:
                return text[m.end - sentence.start : verb.start()]

            # "…, vowing to": the name before the comma is the clause's object, not its subject.
            before = [m for m in actors if m.end <= at and _source_gap(gap(m), m)
                      and not (word in _PASSIVE_OK and _BE.search(gap(m)))
                      and not (word in _PARTICIPLES and "," in gap(m))
                      and not _nobody(m, sentence)
                      # "the party in the northern states": a noun, not the verb
                      and not (word.endswith("s") and _LOWER_PLACE.match(gap(m)))]  # fmt: skip
            # A name set off from its verb ("Jiří Dvořák, a researcher at an institute, said",
            # "The paper, citing two officials, said") speaks, not the names inside the aside.
            asides = [
                m for m in before
                if not _GAP_BEFORE_VERB.fullmatch(gap(m))
                and not _coordinated(gap(m))
                and not _who_gap(gap(m))
            ]  # fmt: skip
            before = [m for m in before if not any(a.end <= m.start for a in asides)]
            if before:
                subject = max(before, key=lambda m: (m.end, -m.start))
                owner = _owner(subject, actors, sentence)  # "officials from the ruling party"
                made = self._make(sentence, owner or subject, how, at, subject.end)
                cited = _CITING_GAP.fullmatch(gap(subject))
                if cited:
                    aside = gap(subject).rstrip(" ,")
                    made = replace(made, source=made.source + aside, cited=aside)
                return made
            noun = _speaker_noun(sentence, verb.start()) if word not in _PARTICIPLES else None
            if noun is not None and not (
                word in _PASSIVE_OK and _BE.search(text, noun.end - sentence.start)
            ):
                return self._make(sentence, noun, how, at)
            after = [
                m for m in actors
                if m.start >= sentence.start + verb.end()
                and _GAP_AFTER_VERB.match(text[verb.end() : m.start - sentence.start])
            ]  # fmt: skip
            first_after = min(after, key=lambda m: m.start) if after else None
            if (
                first_after is not None
                and (
                    _inverted(word, text[: verb.start()])
                    or _BY.match(text, verb.end())
                    or (
                        word in _SAID
                        and _SPEAKER_ENDS.match(text, first_after.end - sentence.start)
                    )
                )
                and not _CLAUSE_GOES_ON.match(text, first_after.end - sentence.start)
            ):  # "…, said two soldiers were killed": the soldiers are what is said
                return self._make(sentence, first_after, how, at)
            opening = _PARTICIPLE_SUBJECT.match(text) if word in _PARTICIPLES else None
            if opening and (
                text[: verb.start()].rstrip().endswith(",")
                or _OWN_WORDS.search(text, 0, verb.start())
            ):
                # "X answered the charge, stating …": the clause's subject speaks.
                first = [m for m in actors if m.start - sentence.start <= opening.end()]
                if first:
                    return self._make(sentence, min(first, key=lambda m: m.start), how, at)
            pronoun = _PRONOUN_BEFORE_VERB.search(text, 0, verb.start()) if pronouns else None
            if pronouns and pronoun is None and word in ("said", "says", "added", "told"):
                pronoun = _PRONOUN_AFTER_VERB.match(text[verb.end() :])
            if pronoun:
                start = sentence.start + (pronoun.start(1) if pronoun.re is _PRONOUN_BEFORE_VERB
                                          else verb.end())  # fmt: skip
                found = self._antecedent(pronoun.group(1).lower(), sentence, mentions, start)
                if found is not None:
                    return replace(found, how=how, verb_at=at)
            if (
                word not in _PARTICIPLES
                and (word in _DECEIT or _THAT_AFTER.match(text, verb.end()))
                and (plain := _plain_subject(text, verb.start())) is not None
                and not (word in _PASSIVE_OK and _BE.search(text, plain[1], verb.start()))
            ):
                a, b = (sentence.start + x for x in plain)
                said = Mention(a, b, text[plain[0] : plain[1]], ActorKind.OTHER, named=False)
                return self._make(sentence, said, how, at)
        return None

    def _antecedent(
        self, pronoun: str, sentence: Sentence, mentions: list[Mention], before: int
    ) -> Attribution | None:
        """Who a pronoun stands for: "he" and "she" the person who last spoke in the paragraph,
        else the nearest named person before it there; "it" and "they" the paragraph's last
        other source."""
        if pronoun not in ("he", "she"):
            last = self._last_other
            if last is None or last.mention is None or last.named_in is not None:
                return last
            named_in = next((s.text for s, ms in reversed(self._seen) if last.mention in ms),
                            None)  # fmt: skip
            return replace(last, named_in=named_in)
        if self._last_person is not None:  # "X said … “…,” she said": the speaker goes on
            return self._last_person
        # Names quoted before the pronoun ("“Winter is …,” he told") are its words, not him.
        quoted = [q.span() for q in _QUOTED.finditer(sentence.text)]
        here = [(sentence, [m for m in mentions if m.end <= before and not any(
            a <= m.start - sentence.start < b for a, b in quoted)])]  # fmt: skip
        for s, ms in [*here, *reversed(self._seen)]:
            people = [m for m in ms if m.kind is ActorKind.PERSON and m.named and not m.place]
            nearest = max(people, key=lambda m: m.end, default=None)
            # A name of unknown kind that "he" or "she" can follow is most often a person:
            # the first of them, the likeliest subject ("Pell met Kessel rivals before he
            # said").
            others = [m for m in ms if m.kind is ActorKind.OTHER and m.named
                      and " " not in m.name.strip()]  # fmt: skip
            chosen = nearest or min(others, key=lambda m: m.start, default=None)
            if chosen is not None:
                made = self._make(s, chosen, Speech.STATED, before)
                return made if s is sentence else replace(made, named_in=s.text)
        return None

    def _make(
        self,
        sentence: Sentence,
        m: Mention,
        how: Speech,
        at: int,
        end: int | None = None,
        *,
        of_head: bool = True,
    ) -> Attribution:
        """The source as written: the mention (up to ``end``, when its words go on to another
        name), with a describing phrase set off by commas before it ("Ukraine’s president,
        Volodymyr Zelenskyy"), a modifier joined by "and" ("health and education officials")
        and the noun it modifies ("a Kessel body")."""
        start = m.start
        span = sentence.text[m.start - sentence.start : m.end - sentence.start]
        if not m.named and span.endswith(m.name):  # "around 1,500 fighters": "fighters"
            start = m.end - len(m.name)
        joined = _AND_MODIFIER.search(sentence.text, 0, start - sentence.start)
        if not m.named and joined and _modifies(joined.group(1)):
            start = sentence.start + joined.start()
        if m.description and any(c.isupper() for c in m.description):
            lead = sentence.text[: m.start - sentence.start]
            if lead.rstrip().endswith(",") and lead.rstrip()[:-1].endswith(m.description):
                start = sentence.start + len(lead.rstrip()) - 1 - len(m.description)
        start = head_start(sentence, start)
        of = _NOUN_OF.search(sentence.text, 0, start - sentence.start)
        if of_head and m.kind is ActorKind.STATE and of and of.group(1) not in _NOT_MODIFIERS:
            start = sentence.start + of.start()  # "a citizen of Kessel": the citizen speaks
        end = max(m.end, end or m.end)
        gap = sentence.text[end - sentence.start : at - sentence.start]
        if end <= at <= sentence.end and (head := _head_gap(gap)):
            end += head.end()  # "a Kessel body": the body speaks
        source = sentence.text[start - sentence.start : end - sentence.start]
        source = re.sub(r"^(?:the|a|an)\s+", "", source, flags=re.IGNORECASE)
        return Attribution(source, source_kind(source, m.kind, m.description), how, at, m)


_DISPUTED = re.compile(r"\b(?:denied|denies|disputed|disputes|rejected|refuted|dismissed)\b")
_UNVERIFIED = re.compile(
    r"\b(?:could not (?:be )?(?:independently )?(?:verified|confirmed|verify|confirm)"
    r"|unverified|unconfirmed|not (?:been )?(?:independently )?(?:verified|confirmed)"
    r"|reportedly|allegedly|purportedly|rumou?rs?|it (?:was|is) not clear|unclear)\b",
    re.IGNORECASE,
)
# "… close to 3,000 were killed. … it could not be independently verified."
_UNVERIFIED_AFTER = re.compile(r"\bcould not be (?:independently )?verified\b", re.IGNORECASE)
_CONFIRMED = re.compile(r"(?<!un)\bconfirmed\b")


def certainty_of(text: str, following: str, how: Speech | None) -> Certainty:
    """How sure the article's wording is, from the sentence and the one after it."""
    if how is Speech.DENIED or _DISPUTED.search(text):
        return Certainty.DISPUTED
    if _UNVERIFIED.search(text) or _UNVERIFIED_AFTER.search(following):
        return Certainty.UNVERIFIED
    if how is Speech.CONFIRMED or _CONFIRMED.search(text):
        return Certainty.CONFIRMED
    return Certainty.REPORTED
