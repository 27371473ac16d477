"""What happened: trigger words → event types, and who did what to whom.

Each ``EventType`` has a lexicon of trigger words with their inflections. A sentence yields one
event per type it triggers (at most ``MAX_PER_SENTENCE``, the most specific first); weak
triggers ("crime", "prices", "policy") count only when no strong one is in the sentence, and a
trigger right after a negation ("no casualties"), a noun trigger that modifies another noun
("torture chambers", "a bomb threat") and a happening still pending ("awaiting trial", "the
vote is scheduled for May") do not count. Reported speech ("said") is not a trigger: the
extractor makes statements from attributed sentences that trigger nothing else;
announcements, warnings, demands, advice, promises, threats and lies are weak statement
triggers.

Of a type's words, the first verb form ("convicted") is preferred to a noun ("court"), so that
``roles`` can read who did what around it. Section headings, list items, photo captions
("FILE - …") and very short lines trigger nothing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from summarizer.grounding.rules import too_short
from summarizer.providers.offline.lexicon import (
    FEELINGS_EXPRESSED,
    FLOODED_WITH,
    RECORDINGS,
    SAID_THINGS,
    STATED_THINGS,
)
from summarizer.providers.offline.sentences import Sentence
from summarizer.schema import EventType
from summarizer.text.money import PERCENT_WORDS
from summarizer.text.timewords import MONTHS, WEEKDAYS
from summarizer.text.words import MODALS, alternation

# "per cent", "percent": one spelling of the shared vocabulary, written with no space for the
# space-separated trigger lists below.
_PERCENT_WORDS = alternation(PERCENT_WORDS, space=r"\s")
_STATED = alternation(STATED_THINGS, space=r"\s")
_RECORDINGS = alternation(RECORDINGS, space=r"\s+")
_FLOODED_WITH = alternation(FLOODED_WITH, space=r"\s+")
_SAID = alternation(SAID_THINGS, space=r"\s+")
_FELT = alternation(FEELINGS_EXPRESSED, space=r"\s")

__all__ = ["MAX_PER_SENTENCE", "Trigger", "find_triggers", "speech_act"]

MAX_PER_SENTENCE = 3


@dataclass(frozen=True, slots=True)
class Trigger:
    type: EventType
    start: int  # offsets in the article
    end: int
    word: str
    strong: bool


@dataclass(frozen=True, slots=True)
class _Entry:
    type: EventType
    strong: bool
    pattern: re.Pattern[str]


def _lexicon(strong: str, weak: str = "") -> tuple[list[str], list[str]]:
    r"""A type's strong and weak triggers: regular expressions separated by spaces (a space
    inside one is written "\s"), each starting with two letters or a digit class."""
    return strong.split(), weak.split()


_LEXICONS: dict[EventType, tuple[list[str], list[str]]] = {
    EventType.DEATH: _lexicon(
        r"kill(?:s|ed|ing)? killings? died dies dying dead deaths? slain slay(?:s|ing|ings)?"
        r" murder(?:s|ed|ing)?"
        r" executed execution fatalit(?:y|ies) perish(?:ed)? drown(?:ed)? slaughter(?:ed)?"
        r" massacre[ds]? assassinat(?:e|es|ed|ing) lost\s(?:their|his|her)\slives"
        r" claimed\sthe\s(?:\w+\s)?lives suicide(?!\s(?:bomb|attack|vest|car|blast|mission))"
        # Killing named by its manner, and dying told gently.
        r" behead(?:s|ed|ing|ings)? decapitat(?:ed|es|ing|ion|ions) hanged executions"
        r" execut(?:e|es|ing) genocide fatally passed\saway deceased lynch(?:ed|ing|ings)"
        r" (?:beaten|burned|burnt|starved|stabbed|hacked|stoned|crushed|frozen)\sto\sdeath"
        # "a deadly shooting", "the fatal poisoning of": harm that killed.
        r" (?:fatal|deadly)\s(?:\w+\s)?(?:attacks?|shootings?|stabbings?|crash(?:es)?|accidents?"
        r"|blasts?|bombings?|injuries|wounds|beating|overdose|poisonings?|explosions?|ambush)"
    ),
    EventType.INJURY: _lexicon(
        r"wound(?:ed|ing)? injur(?:ed|ing|y|ies|es) hurt maim(?:ed|ing) hospitali[sz]ed"
        r" beat(?:en|ing|ings) sucker-punch(?:ed|es|ing)"
        r" punch(?:ed|es|ing) tortur(?:e|ed|es|ing) rap(?:e|ed|es|ing) bruis(?:ed|es|ing)"
        r" sexual(?:ly)?\sassault(?:s|ed)? mauled",
        r"casualties",
    ),
    EventType.ATTACK: _lexicon(
        r"attack(?:s|ed|ing)? assault(?:s|ed|ing)? (?:air|drone|missile)\s?strikes? shell(?:ing|ed)"
        r" bomb(?:ing|ings|ed|s)? blasts? explosions? explod(?:ed|es|ing|e) detonat(?:ed|ion|ing)"
        r" blew\s(?:himself|herself|themselves)\sup shoot(?:ing|ings)? shot gunfire"
        r" opened\sfire fired\s(?:on|at|upon|into|rockets?|missiles?|shots?|shells?) ambush(?:ed)?"
        r" raid(?:s|ed)? clash(?:es|ed)? fighting battle(?:s|d)? offensive invasion invaded"
        r" stabb(?:ed|ing) assassinations? assassination\sattempt"
        r" attempted\s(?:murder|assassination) firefight gunfight strikes? struck"
        r" bombard(?:s|ed|ing|ment|ments)? assail(?:s|ed|ing) poison(?:ed|ing|ings)"
        r" hijack(?:s|ed|ing|ings)? robb(?:ed|ery|eries|ing) invad(?:e|es|ing) besieg(?:e|ed|ing)"
        # A coup seizes power by force: an attack on those who hold it.
        r" coups? siege gunned\sdown stormed(?!\s(?:out|off)) torched arson"
        r" set\s(?:\w+\s){0,3}(?:on\sfire|ablaze)"
        r" loot(?:ed|ing) (?:demolish|wreck|raz|vandali[sz])(?:ed|ing) demolition"
        r" annihilat(?:e|es|ed|ing|ion) gassed"
        # Weapons named by their use: "used nerve gas", "dropped chemical weapons".
        r" (?:used|using|dropped|fired|released)\s(?:\w+\s)?(?:poison(?:ous)?\sgas|nerve\s(?:gas"
        r"|agents?)|chemical\s(?:weapons|agents)|sarin|chlorine\sgas|mustard\sgas)",
        r"rockets? missiles? grenades? mortars?",
    ),
    EventType.DETENTION: _lexicon(
        r"arrest(?:s|ed|ing)? detain(?:s|ed|ing)? detention captur(?:e|ed|es|ing) jailed"
        r" imprison(?:ed|ment) custody abduct(?:ed|ion|ions) kidnapp?(?:ed|ing) hostages?"
        r" taken\sprisoner held\scaptive seized\s(?:\w+\s)?hostages"
        r" incarcerat(?:e|ed|es|ing|ion) jailing imprisons? apprehend(?:ed|ing) rounded\sup"
        r" locked\sup behind\sbars held\s(?:without|incommunicado|in\s(?:custody|detention))"
        r" (?:sent|thrown|put|landed)\s(?:\S+\s){0,3}(?:in|into|to|behind)\s(?:jail|prison|bars)",
        # A place of detention named is no act of detaining ("years in jail").
        r"jail",
    ),
    EventType.RELEASE: _lexicon(
        r"releas(?:e|ed|es|ing) freed set\sfree prisoner\s(?:exchange|swap) paroled"
    ),
    EventType.DEPLOYMENT: _lexicon(
        r"deploy(?:ed|s|ing|ment|ments)? dispatch(?:ed)? stationed mobili[sz](?:ed|ation|ing)"
        r" reinforcements sent\s(?:\S+\s){0,4}(?:troops|soldiers|forces|police|warships|jets"
        r"|weapons|arms|ammunition|equipment|supplies)"
        # Goods moved: shipments, deliveries, airlifts.
        r" shipments? shipped airlift(?:s|ed|ing)?"
        r" migrat(?:ed|ing) immigrat(?:ed|ing) emigrat(?:ed|ing)"
        r" (?:were|was|been)\ssent moved\sin(?:to)? crossed\sinto withdr(?:ew|awn|awal)"
        # People going somewhere: the movement verbs of everyday news.
        r" arriv(?:ed|ing|es) travel(?:l?ed|l?ing|s) flew drove driven transport(?:ed|ing)"
        # "flying the recruits down to the front", "flown back to base".
        r" fl(?:own|ying)\s(?:(?:them|him|her|us|me|it)\s)?(?:(?:down|up|back|out|home)\s)?"
        r"(?:to|into|from)\b"
        r" head(?:ed|ing)\s(?:to|toward|towards|for|back)",
    ),
    EventType.DISPLACEMENT: _lexicon(
        r"fle(?:d|e|eing|es) evacuat(?:ed|ion|ions|e|ing) displac(?:ed|ement)"
        r" forced\s(?:from|out\sof)\stheir\shomes homeless sheltering escaped",
        r"refugees?",  # people named, not their flight
    ),
    EventType.PROTEST: _lexicon(
        r"protest(?:s|ed|ing)? rall(?:y|ies|ied) demonstrat(?:ion|ions|ed|ing)"
        r" march(?:ed|es|ing)? riot(?:s|ing|ed)? took\sto\sthe\sstreets sit-ins?"
        r" walkouts? uprising (?:general|hunger|nationwide|national|\d+-hour)\sstrikes?"
        r" on\sstrike strike\saction",
        # People who protest are named without a protest reported ("intimidating protesters").
        r"unrest protesters? protestors? demonstrators?",
    ),
    EventType.ACCUSATION: _lexicon(
        r"accus(?:ed|es|ing|ation|ations) blam(?:ed|es|ing|e) criticis(?:ed|es|ing|m)"
        r" criticiz(?:ed|es|ing) condemn(?:ed|s|ing|ation) denounc(?:ed|es|ing)"
        r" alleg(?:es|ing|ation|ations) alleged\sthat"
    ),
    EventType.AGREEMENT: _lexicon(
        r"agreements? agreed deals? treaty treaties accords? pacts? ceasefire cease-fire truce"
        r" memorandum\sof\sunderstanding reached\s(?:an?\s)?(?:deal|agreement|consensus)"
        r" ratif(?:y|ied|ication) signed",
    ),
    EventType.MEETING: _lexicon(
        r"met meets meeting meetings talks summit visit(?:s|ed|ing)?"
        r" negotiat(?:ions|ed|ing|es|e|ors)"
        r" conference interview(?:ed)? telephoned phone\scall hosted consultations"
        r" discuss(?:es|ed|ing|ions)? debat(?:ed|ing) spoke\swith"
        r" (?:presidential|televised|parliamentary|live|public)\sdebates?",
    ),
    # Voting done is an election held; "the election", "polls" and "the vote" alone are
    # mostly the topic ("ahead of next year's elections", "rising in the polls").
    EventType.ELECTION: _lexicon(
        r"elected re-elected voted referendum turnout went\sto\sthe\spolls polls\s(?:opened|closed)"
        r" ballots\s(?:were\s)?cast (?:won|lost|swept|contested|held|boycotted|rigged|called)"
        r"\s(?:\S+\s){0,3}(?:elections?|vote|polls|race|ballot|seats?)"
        # "since losing the vote", "after winning a seat": a result, told as a gerund.
        r" (?:after|since|upon|before|by)\s(?:winning|losing)\s(?:\S+\s){0,3}?"
        r"(?:elections?|re-election|vote|polls|race|ballot|seats?)",
        r"elections? vot(?:e|es|ing) ballots? polls campaign(?:ing)? candidates?",
    ),
    EventType.LEGAL: _lexicon(
        r"charged charges indict(?:ed|ment) trial tried\s(?:for|on) convict(?:ed|ion)"
        r" sentenc(?:ed|ing) sentences? sued lawsuit court verdict acquit(?:ted|tal)?"
        r" prosecut(?:ed|ion) investigat(?:ion|ions|ing|ed|e) probe inquiry inquest"
        r" pleaded\s(?:not\s)?guilty found\sguilty warrants? extradit(?:e|es|ed|ing|ion) manhunt"
        r" prosecut(?:e|es|ing) indicts? convicts? hearings"
        r" (?:court|bail|custody|extradition|sentencing|preliminary|appeals?|parole)\shearing"
        r" (?:hunting|searching\sfor|looking\sfor|hunt\sfor)\s(?:a|the)\s(?:\w+\s)?(?:suspects?|man"
        r"|woman|gunman|attacker|driver|killer|bomber) testif(?:ied|y|ying) testimony"
        # Goods smuggled and goods seized are crimes and their policing, told as done.
        r" smuggled confiscat(?:ed|ing|ion|ions)",
        r"crimes? criminal fraud corruption treason homicide terrorism trafficking smuggling"
        r" bribery money\slaundering prosecutors? smuggl(?:e|es|ing|er|ers)"
        r" traffick(?:ed|ers)",
    ),
    EventType.POLICY: _lexicon(
        # A boycott refuses dealings as a sanction does (so PLOVER's SANCTION and RAMS).
        r"sanction(?:s|ed|ing)? ban(?:s|ned|ning)? regulations? legislation decree[sd]? curfew"
        r" boycott(?:s|ed|ing)?"
        r" state\sof\semergency executive\sorder signed\sinto\slaw new\slaw embargo(?:es)?"
        r" passed\s(?:a|the)\s(?:law|bill|budget|resolution)"
        r" enact(?:s|ed|ing|ment)? legislat(?:e|es|ed|ing) outlaw(?:s|ed|ing)",
        r"tariffs? reforms? polic(?:y|ies) approv(?:ed|al) measures",
    ),
    EventType.ECONOMIC: _lexicon(
        r"revenues? profits? earnings sales job\scuts layoffs acquisition merger"
        r" (?:bought|sold|purchased|rented|acquired) buy acquir(?:e|es|ing)"
        # Money and goods changing hands: buying, selling, giving, lending, trading.
        r" purchas(?:e|es|ing) buys buying sells selling auction(?:s|ed|ing)?"
        r" donat(?:e|es|ed|ing|ion|ions) funded loans? lent lend(?:s|ing) borrow(?:s|ed|ing)?"
        r" paid invest(?:ed|ing) export(?:ed|ing) import(?:ed|ing) compensation"
        r" (?:received|receiving|made|making|sent|wired|transferred|transferring)"
        r"\s(?:\S+\s){0,3}(?:payments?|funds|money|cash|donations?|loans?|bribes?|grants?)",
        r"shares stocks? jobs prices inflation econom(?:y|ic|ies) gdp markets? investments?"
        r" unemployment wages exports? imports? budget deficit debt recession"
        rf" [$€£¥]\d\S* \d+(?:\.\d+)?\s?(?:%|{_PERCENT_WORDS})",
    ),
    # Announcements, warnings, demands; reported speech ("said") is made a statement by the
    # provider from the sentence's attribution instead.
    EventType.STATEMENT: _lexicon(
        "",
        r"announced announces declared declares warned warns threatened threatens"
        r" urged urges appealed demanded demands ordered issued\s(?:a|an)\s(?:\w+\s)?"
        r"(?:statement|appeal|warning|order|ban|decree|directive|ultimatum|alert|call)"
        r" sent\s(?:\w+\s)?(?:instructions|orders|a\smessage|a\sletter|letters)"
        r" call(?:ed|ing|s)\s(?:on|for) pledged vowed"
        # Advice, promises, threats and untruths are said too.
        r" urg(?:e|ing) demanding suggest(?:s|ed|ing)? recommend(?:s|ed|ing|ations?)?"
        r" advis(?:e|es|ed|ing) propos(?:e|es|ed|al|als) reiterat(?:es|ed|ing)"
        r" promis(?:e|es|ed) promising\s(?:to|that|not) vow(?:s|ing)? pledg(?:e|es|ing)"
        r" threat(?:en|ening)"
        r" intimidat(?:e|es|ed|ing|ion) blackmail(?:s|ed|ing)? coerc(?:e|ed|ion)"
        r" ultimatum lied deceiv(?:e|es|ed|ing) mislead(?:s|ing)? misled"
        r" (?:his|her|their|its)\s(?:own\s)?lies told\s(?:\w+\s)?lies"
        r" broadcasts? preach(?:es|ed|ing) apologi[sz](?:e|es|ed|ing) apolog(?:y|ies)"
        # Positions stated: "defended the decision", "dismissed the claims", "expressed concern".
        rf" defend(?:s|ed|ing)\s(?:(?:\w+\s)?(?:{_STATED})|(?:him|her|them|it)sel(?:f|ves))\b"
        rf" dismiss(?:es|ed|ing)\s(?:\w+\s){{0,2}}(?:{_STATED})\b"
        rf" express(?:es|ed|ing)\s(?:\w+\s){{0,2}}(?:{_FELT})\b",
    ),
    EventType.DISASTER: _lexicon(
        # "Fans storm the pitch": a storm with an object is the verb.
        r"flood(?:s|ing|ed|waters)? earthquakes? quakes?"
        r" storms?(?!\s(?:the|a|an|into|through|past|out|off|their|its|his|her)\b)"
        r" wildfires? bushfires? blaze"
        r" hurricanes? typhoons? cyclones? tornado(?:es)? tsunami landslides? mudslides? drought"
        r" avalanche eruption heatwave heat\swave epidemic outbreak pandemic fires?",
        # An illness named is a topic; it is an outbreak when it spreads or strikes.
        r"diseases? virus infections? bacteria",
    ),
    EventType.ACCIDENT: _lexicon(
        r"crash(?:ed|es)? collisions? collid(?:e|es|ed|ing) collaps(?:ed|e|es)"
        r" accident(?:s|al|ally)? derail(?:ed|ment) capsiz(?:ed|e) sank ran\saground",
    ),
}
# A weak word alone is a topic, not a happening ("the economy", "crimes", "rockets"), except
# for these types, whose words are acts in themselves ("warned", "urged").
_WEAK_ALONE = frozenset({EventType.STATEMENT, EventType.LEGAL})
# Speech acts that are a deed of their own beside the events of their sentence: asking,
# advising, vowing, intimidating, lying, apologising. What they ask or promise has not
# happened ("urged them to attack"), so the act is what the sentence reports; announcements
# and warnings give way to the events they tell of.
_OWN_ACT = re.compile(
    r"(?:urg|vow|recommend|advis|propos|reiterat|demand|intimidat|apologi|defend|dismiss"
    r"|express|his|her|their|its|told|lied|misl|deceiv)",
    re.IGNORECASE,
)
_SPOKEN = frozenset({EventType.STATEMENT, EventType.POLICY, EventType.ACCUSATION})
# An illness is an outbreak when the sentence has it spread, infect or kill.
_SPREADING = re.compile(
    r"\b(?:spread\w*|infect\w*|cases|outbreaks?|epidemic|symptoms|patients|sick|contagio\w*"
    r"|died|deaths?|killed|hospitali[sz]ed|emergency)\b",
    re.IGNORECASE,
)
# A vote or an election with a count or share beside it is a result: "won 52 percent of the
# vote", "15,000 votes" (a year is no count).
_TALLY = re.compile(
    rf"\b\d{{1,3}}(?:,\d{{3}})+\b|\b\d+(?:\.\d+)?\s?(?:%|(?:{_PERCENT_WORDS})\b)"
    r"|\b\d+(?:\.\d+)?\s(?:million|thousand)\b|\b\d+\s(?:votes|ballots|seats)\b",
    re.IGNORECASE,
)
# Most specific first: the order events of one sentence are kept in.
_PRIORITY = [
    EventType.DEATH, EventType.INJURY, EventType.ATTACK, EventType.DETENTION, EventType.RELEASE,
    EventType.DISPLACEMENT, EventType.DEPLOYMENT, EventType.DISASTER, EventType.ACCIDENT,
    EventType.PROTEST, EventType.AGREEMENT, EventType.MEETING, EventType.ELECTION,
    EventType.LEGAL, EventType.POLICY, EventType.ACCUSATION, EventType.ECONOMIC,
    EventType.STATEMENT,
]  # fmt: skip
# Section headings ("==Attack=="), list items and bracketed links are not reports of events.
# Photo captions ("FILE - …") describe a picture.
_FRAGMENT = re.compile(r"^\s*(?:=|\*|•|\[|FILE\s*[-–—:]|(?:PHOTO|IMAGE)\s*:)")
# A verb in the infinitive or after a modal is not a happening: "plans to deploy", "could
# strike"; statements and policies are, since saying so is the act.
_NOT_YET = alternation(MODALS | {"to", "'ll", "’ll"})
_UNREAL = re.compile(
    rf"\b(?:{_NOT_YET})\s+"
    r"(?:(?:be|have|been|also|not|soon|further|again|still|then)\s+)*$",
    re.IGNORECASE,
)
# "causing the building to collapse", "forced thousands to flee": it happened.
# So with an infinitive that says it was done: "were able to buy", "used the cash to buy"
# ("used to buy" is a habit).
_CAUSED = re.compile(
    r"\b(?:(?:caus|forc|prompt|l[ea]d|compel|driv|drov)\w*\s+(?:\S+\s+){0,8}"
    r"|(?:(?:was|were|had\s+been)\s+able|managed|succeeded)\s+|used\s+(?:\S+\s+){1,6})to\s+$",
    re.IGNORECASE,
)
# A noun trigger that modifies another noun names that thing, not a happening: "torture
# chambers", "a bomb threat", "the bomb squad", "an attack plot".
_MODIFIER = re.compile(
    r"^\s+(?:centers?|centres?|chambers?|camps?|facilit(?:y|ies)|sites?|cells?|squads?|disposal"
    r"|experts?|threats?|scares?|plots?|hoax|drills?|exercises?|simulations?|laws?|bills?"
    r"|manuals?|videos?|footage|films?|movies?|games?|season|insurance|penalty|penalties|row"
    r"|sentences?|warrants?)\b",
    re.IGNORECASE,
)
# A happening still to come: "awaiting trial", "her hearing is set for June".
_PENDING_BEFORE = re.compile(
    r"\b(?:await\w*|upcoming|planned|proposed|possible|potential|future|impending|looming"
    r"|threat\s+of|risk\s+of|fears?\s+of|plans?\s+for|(?:perhaps|possibly|maybe),?|any"
    # What is urged or advised is asked for, not done: "recommending air strikes".
    r"|(?:recommend|propos|advocat|demand)\w*|urg(?:e|es|ed|ing)|(?:call|push)(?:ed|ing|s)?\s+for"
    # Readiness for what is to come: "preparing for an assault", "braced for battle".
    r"|(?:prepar|mobili[sz]|brac)(?:e|es|ed|ing)\s+for)"
    r"\s+"
    r"(?:(?:a|an|the|his|her|their|its)\s+)?(?:[a-z-]+\s+)?$",  # "perhaps, a military coup"
    re.IGNORECASE,
)
_PENDING_AFTER = re.compile(
    r"^\s+(?:is|was|are|were|has\s+been|had\s+been)\s+(?:now\s+)?(?:scheduled|set|due|planned"
    r"|slated|expected)\b"
    r"|^\s+(?:that|which)\s+(?:might|could|may|would)\b",  # "any probe that might be opened"
    re.IGNORECASE,
)
# "said in an interview", "told a news conference": where something was said, not a meeting
# reported.
_SETTING = re.compile(
    r"\b(?:in|during|at|on|to|told|after|before)\s+(?:(?:a|an|the|his|her|their|its|this|that"
    r"|one|recent|televised|telephone|phone|radio|tv|news|press|joint|separate|exclusive|live"
    r"|last|first|final|second|third|presidential)\s+)*$",
    re.IGNORECASE,
)
_SETTING_WORDS = ("interview", "conference")
# "an interview last Monday": an interview with a day of its own is a happening told.
_DATED = re.compile(
    rf"^\s+(?:on\s+|last\s+|this\s+)?(?:{'|'.join(WEEKDAYS)}|{'|'.join(MONTHS)})\b", re.IGNORECASE
)
# "The plan was met with anger": a reception, not a meeting.
_RECEIVED = re.compile(r"\b(?:is|are|was|were|been|be|being)\s+(?:\w+\s+)?$", re.IGNORECASE)
# Plans, orders and contracts are executed too.
_EXECUTED_THING = re.compile(
    r"^\s+(?:(?:a|an|the|its|their|his|her|this|that|our|new)\s+)?(?:\w+\s+)?(?:plans?|orders?"
    r"|strateg(?:y|ies)|contracts?|trades?|warrants?|searches|search|deals?|transactions?"
    r"|programs?|programmes?|tasks?|commands?|code|scripts?|moves?|polic(?:y|ies)|projects?)\b",
    re.IGNORECASE,
)
# A participle after a determiner is an adjective: "the proposed bill", "a threatened
# strike"; so is "the urge".
_DETERMINED = re.compile(
    r"\b(?:the|a|an|its|their|his|her|this|that|newly|recently)\s+$", re.IGNORECASE
)
# Evidence, data and studies "suggest" without anyone saying so.
_NO_SPEAKER = re.compile(
    r"\b(?:evidence|data|figures|results?|stud(?:y|ies)|research|polls?|surveys?|records?"
    r"|documents?|signs?|analysis|findings|numbers|statistics|estimates?|models?|which|this|it)"
    r"\s+(?:\w+\s+)?$",
    re.IGNORECASE,
)
_NEGATED = re.compile(r"\b(?:no|not|never|without|nor|none)\s+(?:\S+\s+){0,2}$", re.IGNORECASE)
# Words that, before or after a trigger, change what it means.
_NOT_AN_EVENT = {
    EventType.ATTACK: re.compile(
        r"(?:\bgeneral|\bhunger|\bnationwide|\bnational|-hour|\bon)\s+$"  # labour strikes
        r"|(?:quake|storm|hurricane|typhoon|cyclone|tornado|tsunami|lightning|floods?|disaster)"
        r"\s+(?:\w+\s+)?$"  # "an earthquake struck"
        r"|^\s*(?:price|deal|balance|chord|gold|oil|a\spose)\b"
        r"|^\s+back\s*(?:that\b|[,:“\"]|at\s+(?:critics|reporters|journalists)\b)",  # a retort
        re.IGNORECASE,
    ),
    EventType.RELEASE: re.compile(
        r"^\s+(?:of\s+)?(?:(?:a|an|the|its|his|her|their|new)\s+)?(?:\w+\s+)?"
        r"(?:photos?|video|footage|images?|statements?|reports?|figures|data|details"
        r"|information|results|album|film|documents?|records?|names|emissions|funds|fund"
        r"|toxins|gas)\b",
        re.IGNORECASE,
    ),
    EventType.AGREEMENT: re.compile(r"(?:great|good)\s+$|^\s+with\b", re.IGNORECASE),
    EventType.ACCIDENT: re.compile(
        r"(?:talks|ceasefire|truce|deal|government|coalition|economy|currency|negotiations"
        r"|regime|prices?)\s+(?:\w+\s+)?$",
        re.IGNORECASE,
    ),
    EventType.DISASTER: re.compile(
        r"(?:opened|open|mortar|gun|artillery|rocket|cease|under|heavy|return|returned|cross"
        r"|to|will|would|could|can|'ll|’ll)\s*$"
        r"|^\s*(?:at|on|upon|from|us|them|him|her|me|you|workers|staff|employees)\b",
        re.IGNORECASE,
    ),
    EventType.DEATH: re.compile(r"attempted\s+$", re.IGNORECASE),
    # "elected officials" are people, not an election.
    EventType.ELECTION: re.compile(
        r"^\s+(?:officials?|leaders?|representatives?|members?|lawmakers?|legislators?|bod(?:y|ies)"
        r"|councils?|governments?|assembl(?:y|ies)|politicians?)\b",
        re.IGNORECASE,
    ),
    # Paying a visit, tribute or the price, lending support or weight, is no payment.
    EventType.ECONOMIC: re.compile(
        r"^\s+(?:(?:a|an|the|his|her|their|its|no|little|close|special|dearly|strong|full|new)\s+)*"
        r"(?:tribute|visit|visits|attention|homage|respects|price|heed|lip\s+service|for\s+it"
        r"|support|credibility|credence|weight|a\s+hand|an\s+ear|itself|themselves|voice)\b",
        re.IGNORECASE,
    ),
    # "spoke with reporters", "met the press": where something was said.
    EventType.MEETING: re.compile(
        r"^\s+(?:(?:a|the|local|foreign|state)\s+)*(?:reporters|journalists|press|media"
        r"|newspapers?|broadcasters?)\b",
        re.IGNORECASE,
    ),
    # Sent to court or to prison is a legal matter, not a movement of people.
    EventType.DEPLOYMENT: re.compile(
        r"^\s+(?:back\s+)?(?:to|into|before)\s+(?:(?:a|an|the|their|his|her)\s+)?(?:\w+\s+){0,2}"
        r"(?:court|courts|prison|prisons|jail|trial|tribunal)\b"
        # Weather and seasons arrive too: "before the latest storm arrived".
        r"|(?:storm|rain|rains|flood|floods|winter|summer|spring|autumn|season|weather|heat"
        r"|cold|snow|monsoon|hurricane|typhoon|cyclone|news|word|results?)\s+(?:has\s+|had\s+)?$"
        # "mobilising for war": getting ready for what has not begun.
        r"|^\s+for\s+(?:a\s+|an\s+)?(?:new\s+|possible\s+|all-out\s+)?(?:war|battle|invasion"
        r"|conflict|offensive)\b",
        re.IGNORECASE,
    ),
    EventType.DETENTION: re.compile(
        r"^\s+(?:\w+\s+){0,3}(?:territory|town|city|village|area|region|base|hill|airport"
        r"|positions?|ground)\b"
        # "captured on camera", "caught in grainy footage": filmed, not held.
        rf"|^\s+(?:on|in|by)\s+(?:\w+\s+){{0,2}}(?:{_RECORDINGS})\b",
        re.IGNORECASE,
    ),
    # Taken to hospital is care, not flight.
    EventType.DISPLACEMENT: re.compile(
        r"^\s+(?:\w+\s+){0,2}to\s+(?:a\s+|the\s+)?(?:\w+\s+)?(?:hospitals?|clinics?)\b", re.I
    ),
}
# A flood of calls, flooding the airwaves: a great many, not water.
_MANY = re.compile(
    rf"^\s+(?:of\b|with\s+(?:\w+\s+)?(?:{_FLOODED_WITH})\b|(?:the\s+)?(?:{_FLOODED_WITH})\b)",
    re.IGNORECASE,
)
# A base-form "buy" that is an order or a noun: "Buy now", "an ad buy", "Buy Photo".
_NOT_BOUGHT = re.compile(
    r"^\W*$|\b(?:a|an|the|this|that|its|his|her|their|ad|media|big)\s+$", re.IGNORECASE
)
_LINK = re.compile(r"^\s+(?:photos?|now|tickets|online|here)\b", re.IGNORECASE)
# "misleading claims", "misleading and false": an adjective, not anyone misled.
_MISLEADING_THING = re.compile(
    rf"^\s+(?:and\b|or\b|,|(?:\w+\s+)?(?:{_STATED}|{_RECORDINGS}|{_SAID})\b)", re.IGNORECASE
)
# "to travel north and raid": a second infinitive.
_SECOND_INFINITIVE = re.compile(r"\bto\s+\w+(?:\s+\w+){0,3}\s+and\s+$", re.IGNORECASE)
# "came within feet of colliding", "nearly crashed": it did not happen.
_NEAR_MISS = re.compile(
    r"\b(?:within\s+(?:\S+\s+){1,3}of|nearly|narrowly|almost|close\s+to)\s+$", re.IGNORECASE
)
_LABOUR = re.compile(r"\b(?:workers|unions?|staff|teachers|employees|pay|wages)\b", re.I)
_EXPLOSION = re.compile(r"blast|explo|detonat", re.IGNORECASE)
_ATTACK_CUES = re.compile(
    r"\b(?:bomb|bomber|bombers|militants?|attack|attacks|terror\w*|ied|ieds|explosive device"
    r"|suicide|insurgents?|rebels?|gunmen|shelling|strikes?|missiles?|rockets?|grenades?)\b",
    re.IGNORECASE,
)
_ACCIDENT_CUES = re.compile(
    r"\b(?:gas|leak|boiler|accidental(?:ly)?|industrial|factory|plant|mine|fireworks|pipeline"
    r"|tanker|refinery|chemical|warehouse)\b",
    re.IGNORECASE,
)


_LEADING_GROUP = re.compile(r"^\(\?:([^()]*)\)(?![?*+{])")
_LITERAL = re.compile(r"^[A-Za-z0-9-]{2}(?![?*{])")


def _expand(alternative: str) -> list[str]:
    r""" "(?:air|drone)\sstrikes?" → "air\sstrikes?", "drone\sstrikes?": a literal start each."""
    m = _LEADING_GROUP.match(alternative)
    if not m:
        return [alternative]
    rest = alternative[m.end() :]
    return [x for option in m.group(1).split("|") for x in _expand(option + rest)]


def _index() -> dict[str, list[_Entry]]:
    """A type's trigger words grouped by their first two letters (figures under one key), so
    that at each word of a sentence only the triggers that can start there are tried, with one
    pattern per type and strength."""
    grouped: dict[tuple[str, EventType, bool], list[str]] = {}
    for etype, (strong, weak) in _LEXICONS.items():
        for alternatives, is_strong in ((strong, True), (weak, False)):
            for alternative in alternatives:
                for alt in _expand(alternative):
                    if _LITERAL.match(alt):
                        key = alt[:2].lower()
                    elif alt.startswith(("\\d", "[$")):  # figures: "$2.4bn", "12%"
                        key = _NUMERIC
                    else:
                        raise ValueError(f"trigger {alt!r} must start with two letters or digits")
                    grouped.setdefault((key, etype, is_strong), []).append(alt)
    index: dict[str, list[_Entry]] = {}
    for (key, etype, is_strong), alts in grouped.items():
        longest_first = sorted(alts, key=len, reverse=True)  # the longer phrase wins
        pattern = re.compile(rf"(?:{'|'.join(longest_first)})\b", re.IGNORECASE)
        index.setdefault(key, []).append(_Entry(etype, is_strong, pattern))
    return index


_NUMERIC = "#"
_VERBAL = ("ed", "ing")
_BY_PREFIX = _index()


def _candidates() -> re.Pattern[str]:
    """Where a trigger may start: a word beginning with one of the indexed prefixes, or a
    figure; one pattern, grouped by first letter: "a[bcs]|b[aeo]|…"."""
    seconds: dict[str, str] = {}
    for key in sorted(_BY_PREFIX):
        if key != _NUMERIC:
            seconds[key[0]] = seconds.get(key[0], "") + key[1]
    branches = "|".join(f"{first}[{re.escape(rest)}]" for first, rest in seconds.items())
    return re.compile(rf"(?<![\w’'-])(?:[\d$€£¥]|{branches})", re.IGNORECASE)


_CANDIDATE = _candidates()


def find_triggers(sentence: Sentence, names: Sequence[tuple[int, int]] = ()) -> list[Trigger]:
    """The event triggers of a sentence: at most one per type, most specific types first.
    Of a type's words, a verb ("convicted") is preferred to a noun ("court"). A word inside
    one of the ``names`` spans (article offsets: "the UN refugee agency") triggers nothing."""
    strong, weak = _found(sentence, names)
    alone = {
        t: w
        for t, w in weak.items()
        if t in _WEAK_ALONE
        or (t is EventType.DISASTER and _SPREADING.search(sentence.text))
        or (t is EventType.ELECTION and _TALLY.search(sentence.text))
    }
    chosen = strong or alone  # fmt: skip
    ordered = [chosen[t] for t in _PRIORITY if t in chosen][:MAX_PER_SENTENCE]
    said = weak.get(EventType.STATEMENT)
    if said is not None and said not in ordered and _OWN_ACT.match(said.word):
        # Urging, vowing, advising happened beside what was urged: the speech act keeps a
        # place, the last one when the sentence tells more than it can hold.
        ordered = [*ordered[: MAX_PER_SENTENCE - 1], said]
    return ordered


def speech_act(sentence: Sentence, names: Sequence[tuple[int, int]] = ()) -> Trigger | None:
    """The sentence's announcement, warning or demand ("issued a statement", "urged"), also
    when stronger events leave it out of ``find_triggers``: who made it says so."""
    return _found(sentence, names)[1].get(EventType.STATEMENT)


def _found(
    sentence: Sentence, names: Sequence[tuple[int, int]]
) -> tuple[dict[EventType, Trigger], dict[EventType, Trigger]]:
    """A sentence's best strong and weak trigger of each type."""
    text = sentence.text
    strong: dict[EventType, Trigger] = {}
    weak: dict[EventType, Trigger] = {}
    if _FRAGMENT.match(text) or too_short(text):
        return strong, weak
    hits: dict[tuple[EventType, bool], list[re.Match[str]]] = {}
    for w in _CANDIDATE.finditer(text):
        at = w.start()
        key = text[at : at + 2].lower() if text[at].isalpha() else _NUMERIC
        for entry in _BY_PREFIX.get(key, ()):
            m = entry.pattern.match(text, at)
            if m and not any(lo <= sentence.start + at < hi for lo, hi in names):
                hits.setdefault((entry.type, entry.strong), []).append(m)
    for etype in _LEXICONS:
        for is_strong, found in ((True, strong), (False, weak)):
            matches = hits.get((etype, is_strong))
            if not matches or etype in strong:
                continue
            # A harm in a relative clause ("avenges the guard who killed") tells less than the
            # clause's own verb (what someone who spoke did is said all the same), and a verb
            # more than a noun.
            verbs_first = sorted(matches, key=lambda h: (
                etype not in _SPOKEN and bool(_RELATIVE_BEFORE.search(text, 0, h.start())),
                not h.group(0).lower().endswith(_VERBAL)))  # fmt: skip
            m = next((h for h in verbs_first if _counts(etype, text, h)), None)
            if m is None:
                continue
            kind = _retype(etype, text, m)
            found.setdefault(kind, Trigger(
                kind, sentence.start + m.start(), sentence.start + m.end(), m.group(0), is_strong,
            ))  # fmt: skip
    return strong, weak


_RELATIVE_BEFORE = re.compile(r"\b(?:who|whom|which|that)\s+(?:(?:had|has|have|was|were|also"
                              r"|later|then|\w+ly)\s+)*$", re.IGNORECASE)  # fmt: skip


def _counts(etype: EventType, text: str, m: re.Match[str]) -> bool:
    before, after = text[: m.start()], text[m.end() :]
    if _NEGATED.search(before[-40:]):
        return False
    word = m.group(0).lower()
    noun = not word.endswith(("ed", "ing")) and etype not in _SPOKEN
    if noun and _MODIFIER.match(after):
        return False  # "torture chambers", "a bomb threat"
    setting = word.startswith(_SETTING_WORDS) and _SETTING.search(before[-60:])
    if etype is EventType.MEETING and setting and not _DATED.match(after):
        return False  # "said in an interview"
    if word == "met" and _RECEIVED.search(before[-30:]) and after.lstrip().startswith("with"):
        return False  # "were met with anger"
    if word.startswith("execut") and _EXECUTED_THING.match(after):
        return False  # "executed the plan"
    if word.startswith("suggest") and _NO_SPEAKER.search(before[-40:]):
        return False  # "the data suggest"
    adjective = word.endswith("ed") or word == "urge"
    if etype is EventType.STATEMENT and adjective and _DETERMINED.search(before[-20:]):
        return False  # "the proposed bill"
    pending = _PENDING_BEFORE.search(before[-40:]) or _PENDING_AFTER.match(after)
    if etype not in _SPOKEN and pending:
        return False  # "awaiting trial", "the vote is scheduled for May"
    base_form = not m.group(0).lower().endswith(("s", "ed", "ing", "ion", "en"))
    unreal = _UNREAL.search(before[-40:]) and not _CAUSED.search(before[-90:])
    if etype not in _SPOKEN and base_form and unreal:
        return False  # "expected to capture", "would attack": nothing has happened yet
    if m.group(0) == "March":
        return False  # the month
    if word.startswith("flood") and _MANY.match(after):
        return False  # "flooding the airwaves"
    if word == "buy" and (_NOT_BOUGHT.search(before) or _LINK.match(after)):
        return False  # "an ad buy", "Buy now"
    if word == "misleading" and _MISLEADING_THING.match(after):
        return False  # "misleading claims"
    if etype not in _SPOKEN and base_form and _SECOND_INFINITIVE.search(before[-60:]):
        return False  # "asked them to travel north and raid"
    if etype is EventType.ACCIDENT and _NEAR_MISS.search(before[-40:]):
        return False  # "came within feet of colliding"
    guard = _NOT_AN_EVENT.get(etype)
    return not (guard and (guard.search(before[-40:]) or guard.match(after)))


def _retype(etype: EventType, text: str, m: re.Match[str]) -> EventType:
    """An explosion with no attacker in sight is an accident; a "strike" by workers a protest."""
    word = m.group(0).lower()
    if etype is not EventType.ATTACK:
        return etype
    if _EXPLOSION.search(word) and _ACCIDENT_CUES.search(text) and not _ATTACK_CUES.search(text):
        return EventType.ACCIDENT
    if word in ("strike", "strikes") and _LABOUR.search(text):
        return EventType.PROTEST
    return etype
