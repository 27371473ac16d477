"""The offline extractor's vocabulary: word lists shared by the actor, event and number rules.

Lists are lower case unless said otherwise. They are general news English, not tuned to any
one article; extend them here rather than in the rules.
"""

from __future__ import annotations

from summarizer.schema import ActorKind, SourceKind
from summarizer.text.words import words

# Nouns that head a phrase naming people or a body of people, singular and plural, with the
# kind of actor such a phrase is when it stands alone ("Ukrainian forces" → military).
GROUP_HEADS: dict[str, ActorKind] = {}
for _kind, _nouns in (
    (
        ActorKind.MILITARY,
        """soldiers troops servicemen servicemembers forces army armies military
        navy marines paratroopers units unit brigade brigades battalion battalions regiment
        division convoy patrol patrols guardsmen sailors airmen commandos garrison
        peacekeepers""",
    ),
    (
        ActorKind.ARMED_GROUP,
        """militants fighters insurgents rebels gunmen bombers attackers
        terrorists jihadists militiamen militia militias guerrillas separatists extremists
        assailants warlords gang gangs snipers hijackers kidnappers""",
    ),
    (
        ActorKind.GOVERNMENT_BODY,
        """police authorities government governments ministry agency
        agencies administration prosecutors court courts tribunal parliament legislature
        council regime junta cabinet investigators officers guards service services office""",
    ),
    (
        ActorKind.ORGANISATION,
        """company companies firm firms group groups organisation
        organization organisations organizations charity charities party parties union unions
        bank banks institute lenders insurers carmakers manufacturers retailers coalition
        coalitions alliance alliances""",
    ),
    (ActorKind.MEDIA, "newspaper broadcaster outlet"),
    (
        ActorKind.PERSON,
        """man woman boy girl child person official spokesman spokeswoman
        spokesperson minister president leader commander general colonel sergeant captain
        lieutenant analyst expert researcher professor economist doctor nurse teacher student
        lawyer attorney diplomat ambassador envoy governor mayor lawmaker senator director
        chairman owner driver pilot witness resident farmer worker journalist reporter
        photographer priest imam cleric suspect detainee prisoner hostage victim survivor
        refugee migrant activist agent member staffer employee father mother son daughter
        husband wife brother sister friend source soldier serviceman marine paratrooper sailor
        commando peacekeeper militant fighter insurgent rebel gunman bomber attacker terrorist
        jihadist militiaman guerrilla separatist extremist assailant sniper hijacker kidnapper
        policeman officer guard prosecutor judge investigator actress actor writer playwright
        preacher poet singer artist businessman businesswoman entrepreneur footballer player
        coach dissident blogger ringleader protester protestor demonstrator bystander founder
        pedestrian passenger tourist pilgrim worshipper motorist civilian villager baby infant
        toddler teenager pupil grandmother grandfather uncle aunt cousin nephew niece neighbour
        neighbor colleague girlfriend boyfriend nanny maid babysitter caretaker scientist
        engineer surgeon physician paramedic medic firefighter volunteer veteran contractor
        inmate convict defendant perpetrator culprit shooter killer murderer assassin robber
        thief burglar intruder rapist abuser spy operative informant defector billionaire
        millionaire tycoon executive banker politician candidate nominee monk nun pastor rabbi""",
    ),
    (
        ActorKind.GROUP,
        """people persons civilians residents villagers citizens children women
        men boys girls students workers employees staff farmers protesters protestors
        demonstrators crowds crowd mob journalists reporters doctors nurses patients victims
        survivors refugees migrants families relatives pupils teachers officials leaders
        commanders generals ministers lawmakers legislators diplomats analysts experts suspects
        prisoners hostages detainees captives activists voters supporters opponents opposition
        critics members personnel passengers tourists pilgrims worshippers shoppers customers
        guests crew rescuers firefighters medics volunteers inhabitants locals nationals
        youths teenagers elders investors shareholders consumers negotiators delegates
        delegations monitors observers inspectors agents cops policemen fishermen miners
        sailors seafarers climbers hikers spectators fans athletes players perpetrators
        culprits shooters killers murderers assassins robbers thieves burglars intruders
        rapists abusers spies operatives informants inmates convicts defendants bystanders
        pedestrians motorists babies infants toddlers teenagers scientists engineers
        contractors veterans politicians candidates executives monks nuns pastors priests
        neighbours neighbors colleagues minorities""",
    ),
):
    GROUP_HEADS.update(dict.fromkeys(words(_nouns), _kind))
del _kind, _nouns
# Heads too common to stand for an actor without a word before them ("the intelligence
# service", not "service"); singular person nouns need one too ("a major general").
WEAK_HEADS = words(
    "service services office group party union unit force agency bank institute division"
)

# Titles and roles that name a person when followed by a name ("Interior Minister Jonas Pell",
# "analyst Serhiy Hrytsenko"); compared case-insensitively, so "President" and "president".
TITLES = words(
    """president vice-president minister secretary chancellor premier governor mayor senator
    sen. rep. representative congressman congresswoman lawmaker mp king queen prince princess
    emperor pope sheikh emir ayatollah imam cleric bishop archbishop general gen. colonel col.
    lieutenant lt. major maj. captain capt. sergeant sgt. corporal cpl. admiral adm. commander
    marshal brigadier private agent officer detective inspector superintendent constable judge
    justice magistrate prosecutor attorney lawyer counsel ambassador envoy spokesman spokeswoman
    spokesperson analyst researcher economist professor prof. dr. dr mr. mr mrs. mrs ms. ms lord
    lady sir dame chief ceo chairman chairwoman chair director head leader founder executive
    official diplomat deputy aide adviser advisor coach reporter correspondent editor
    strategist commissioner gov. governor-general ombudsman rabbi father pastor"""
)
# Words that may stand before a title inside one ("Interior Minister", "Attorney General").
TITLE_QUALIFIERS = words(
    """prime deputy vice foreign interior defence defense finance health justice home trade
    economy education energy state special senior chief supreme former acting interim first
    second executive managing general attorney magistrate district federal regional provincial
    opposition coalition party army navy police security intelligence military top then
    technical staff master brigade division lance press national"""
)

# Last words of organisation names, and the kind of actor they make.
ORG_SUFFIXES: dict[str, ActorKind] = {}
for _kind, _nouns in (
    (
        ActorKind.GOVERNMENT_BODY,
        """ministry department office agency council commission court
        parliament assembly senate congress tribunal service services police guard
        directorate bureau administration authority government cabinet prosecutor's
        inspectorate""",
    ),
    (
        ActorKind.MILITARY,
        """army forces navy corps regiment battalion division brigade command
        military""",
    ),
    (ActorKind.ARMED_GROUP, """front brigades militia movement mujahideen"""),
    (
        ActorKind.ORGANISATION,
        """party alliance coalition bank group inc inc. corp corp.
        corporation company co. ltd ltd. llc plc systems securities holdings airlines
        airways motors technologies industries university institute school college hospital
        foundation association union observatory organisation organization federation
        committee network church fund programme program red cross crescent society league
        club partners capital energy pharmaceuticals labs laboratories""",
    ),
    (
        ActorKind.MEDIA,
        """news times post journal herald tribune gazette telegraph guardian
        broadcasting radio television tv press""",
    ),
):
    ORG_SUFFIXES.update(dict.fromkeys(words(_nouns), _kind))
del _kind, _nouns
# First words that make a run an organisation: "Ministry of Defence", "Bank of England".
ORG_PREFIXES = words(
    """ministry department office bank university council court commission committee
    institute college federation union league organisation organization"""
)

# News agencies and outlets named alone (matched as written).
MEDIA = words(
    """Kyodo dpa EFE ANSA PTI ANI WAFA UNIAN Ukrinform NHK RFE/RL Axios NPR Euronews Haaretz
    Vedomosti Asahi Nikkei"""
) | {
    "Agence France-Presse", "Financial Times", "Le Monde", "El País",
    "Deutsche Welle", "Kyiv Independent",
}  # fmt: skip
# Acronyms with a known kind; other all-capital words (2–6 letters) are organisations unless
# listed in NOT_ACTORS.
# Spy agencies known by their letters: government bodies, and sources of the intelligence kind.
INTELLIGENCE_ACRONYMS = words("NIS MI6 SBU ISI GCHQ DGSE")
ACRONYMS: dict[str, ActorKind] = {
    **dict.fromkeys(words("NATO UN U.N. EU E.U. WHO UNHCR UNICEF ICRC IAEA IMF OPEC WTO ASEAN APEC "
                    "OSCE AU ECOWAS OAS G7 G20 NGO IOM WFP OCHA UNESCO"),
                    ActorKind.ORGANISATION),
    **dict.fromkeys(INTELLIGENCE_ACRONYMS | words("ATF SEC"), ActorKind.GOVERNMENT_BODY),
    **dict.fromkeys(words("PKK FARC ELN LTTE RUF UNITA HTS AQAP PLO"), ActorKind.ARMED_GROUP),
    **dict.fromkeys(words("PLA"), ActorKind.MILITARY),
    **dict.fromkeys(words("US U.S. USA UK U.K."), ActorKind.STATE),
}  # fmt: skip
NOT_ACTORS = words(
    """IED IEDs UAV UAVs CCTV UTC GMT SIM PM AM TV GDP CEO CFO USD EUR GBP JPY ID DNA
    GPS SUV PDF URL UFO OK WMD RPG AK VIP FAQ CBRN NGOs ICU ER ATM SMS PR HQ Q1 Q2 Q3 Q4 II
    III IV OPINION UPDATE BREAKING WATCH LIVE PHOTOS VIDEO AP-NORC FILE LGBT LGBTQ"""
)
# Capitalised names that are neither actors nor places for an event: holidays, seasons of news.
NOT_NAMES = words(
    """Thanksgiving Christmas Easter Ramadan Eid Diwali Hanukkah Passover Halloween Lent
    Independence Day Memorial Labor Labour Veterans Advent Sabbath Internet Web Bluetooth God
    Allah"""
)
# Government institutions named by a building or a single name.
INSTITUTIONS = words(
    """Pentagon Kremlin Congress Knesset Duma Bundestag Elysee Élysée Vatican Interpol Europol
    Senate Parliament"""
) | {"White House", "Downing Street", "State Department", "Justice Department", "Foreign Office",
     "Home Office", "European Commission", "Supreme Court", "Security Council"}  # fmt: skip
# Common verbs that can stand right before a people noun ("ambush pro-regime forces") and so
# must not be read as its modifier.
VERBS = words(
    """ambush attack kill capture arrest detain target hit shoot bomb fight join help send deploy
    lead urge warn accuse blame meet visit train protect defend release free evacuate remove
    face include involve continue keep make take give get see tell ask order allow force push
    pull expect want need say become remain seem show call hold bring put let"""
)
# Non-state armed groups and movements named as written.
ARMED_GROUPS = words("al-Shabaab al-Shabab Al-Shabaab") | {"Boko Haram"}

# Capitalised words that open sentences or phrases without naming anything.
STOP_CAPS = words(
    """the a an in on at after before but however it he she they we i you this that these those
    there then when while as if for from by with yet so and or meanwhile also last according
    earlier later today tonight yesterday tomorrow some many most all both each other another
    such his her their its our my your what who whom whose which why how where once since until
    despite during under over about among between near following among nor not no none only
    even just still both neither either every any several few much more less than like unlike
    to of into onto upon within without across through throughout around against toward towards
    here now instead although though because unless whether where's it's that's what's there's
    mr mrs ms dr read watch share related file photo image caption video update breaking
    opinion analysis editorial comment exclusive advertisement sponsored"""
)

# Reporting verbs, with how each says it (lemma → Speech value name) and their forms.
SPEECH_FORMS: dict[str, str] = {}
for _lemma, _forms in (
    (
        "stated",
        "said says say saying stated states told tells added adds announced announces "
        "declared declares warned warns explained noted insisted argued wrote writes "
        "urged urges called asked replied responded acknowledged admitted conceded "
        "predicted promised pledged vowed stating described describes branded labelled "
        "labeled termed characterised characterized hailed referred reiterated reiterates "
        "recommended recommends advised advises emailed apologized apologised lied expressed "
        "demanded demands threatened vowing pledging promising warning threatening urging "
        "insisting suggested suggests preached recommending advising begging begged pleaded "
        "pleading appealing complained complains complaining",
    ),
    ("reported", "reported reports reporting"),
    ("estimated", "estimated estimates estimate"),
    ("alleged", "alleged alleges alleging"),
    ("denied", "denied denies denying rejected rejects dismissed refuted disputed"),
    ("confirmed", "confirmed confirms confirming"),
    ("claimed", "claimed claims claiming"),
):
    SPEECH_FORMS.update(dict.fromkeys(_forms.split(), _lemma))
del _lemma, _forms

# What kind of source a phrase is, from its words (first hit in this order wins).
SOURCE_KIND_CUES: list[tuple[SourceKind, frozenset[str]]] = [
    (SourceKind.ORGANISATION, words("relief aid charity humanitarian ngo crescent unhcr unicef "
                                     "un u.n nato refugee")),
    (SourceKind.INTELLIGENCE, words("intelligence spy")
                              | {a.lower() for a in INTELLIGENCE_ACRONYMS}),
    (SourceKind.NEWS_AGENCY, words("news newspaper broadcaster outlet media tv television "
                                    "radio daily magazine agency")),
    (SourceKind.MILITARY, words("military army forces defence defense navy command troops "
                                 "commander general colonel pentagon")),
    (SourceKind.WITNESS, words("witness witnesses resident residents eyewitness eyewitnesses "
                                "survivor survivors villagers locals bystanders neighbours "
                                "neighbors")),
    (SourceKind.EXPERT, words("analyst analysts expert experts researcher researchers "
                               "professor academic economist economists scientist "
                               "scientists observers")),
    (SourceKind.OFFICIAL, words("official officials minister president spokesman spokeswoman "
                                 "spokesperson governor mayor prosecutor prosecutors "
                                 "secretary ambassador lawmaker senator chancellor premier "
                                 "king leader chief executive ceo chairman chairwoman director "
                                 "ombudsman envoy")),
    (SourceKind.GOVERNMENT, words("ministry government police authorities department office "
                                   "council court agency administration parliament state "
                                   "service kremlin")),
    (SourceKind.ORGANISATION, words("company group organisation organization charity union "
                                     "party bank firm institute association un nato who "
                                     "unhcr red cross observatory")),
]  # fmt: skip

# What is defended or dismissed in words ("defended the decision", "dismissed the claims"):
# the object that makes either verb a statement rather than a fight or a firing.
STATED_THINGS = words(
    """remarks remark comments comment decision decisions statement statements record policy
    policies actions action move moves position positions stance choice plan plans handling
    response conduct claims claim allegations allegation accusations accusation reports report
    suggestion suggestions criticism concerns concern charges speculation rumours rumors idea
    notion warnings fears calls demands"""
)
# What is expressed when someone says how they feel ("expressed its opposition").
FEELINGS_EXPRESSED = words(
    """opposition support concern concerns regret condolences sympathy hope hopes solidarity
    dismay anger outrage satisfaction gratitude doubts doubt disappointment frustration
    confidence alarm sorrow shock disapproval objections reservations thanks"""
)
# Recordings something is caught on: "captured on camera" is filmed, not taken prisoner.
RECORDINGS = words(
    """camera cameras video videos footage film tape cctv photo photos photographs images
    dashcam bodycam livestream"""
)
# What is flooded figuratively: "flooding the airwaves", "flooded with calls".
FLOODED_WITH = words(
    """airwaves market markets inbox inboxes internet calls messages emails letters
    complaints requests applications offers orders tweets posts ads advertisements
    phones lines"""
) | {"social media"}
# What is said or written, as a thing: "misleading advertisements" mislead nobody in the text.
SAID_THINGS = words(
    """information ads advertisements adverts headlines figures data picture impression
    titles title words messages message stories story answers answer testimony"""
)
