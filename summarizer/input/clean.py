"""Cleaning: normalise the text and strip page furniture left behind by scrapers.

The cleaned text is the one every evidence span indexes, and the one the result carries.
What was removed is reported, never silently lost.

Furniture is judged a whole line (a paragraph) at a time. Most rules look at the line's form:
navigation and link-list headings, share bars, bylines, datelines and sign-offs standing alone,
captions ending in a photo credit, copyright notices. Rules that look at wording instead
(subscription, newsletter, paywall and comment-policy prompts) also need the line to open with
a call to action or to address the reader ("you", "our"), and never touch a line that quotes
someone or attributes something ("said", "according to"), so reporting that mentions
subscribers or newsletters stays. Every rule has a length limit: furniture is short.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from summarizer.text.controls import CONTROL_SEQUENCE
from summarizer.text.timewords import MONTH_NUMBERS, WEEKDAY_NUMBERS
from summarizer.text.words import alternation

# Whole lines whose form alone says they are navigation, promotion or credits.
_FURNITURE = re.compile(
    r"""^(?:
      # links and navigation
        (?:read|see|watch|listen)\ (?:more|also|next)
        (?:\s*[:|\-–—>»].*|\ (?:about|on|from|in|stories|news|articles|videos)\b.*)?
      | (?:related|also\ read|more\ from|recommended|trending|most\ read|similar\ news)
        (?:\s+(?:stories|articles|news|coverage|content|videos|topics|posts|links))?
        \s*(?:[:|\-–—].*)?
      | (?:more|also|read|watch|listen)\s*:\s*[^.]*[^.\s]
      | (?:this\ week'?s|today'?s)\ most\ popular(?:\ news|\ stories)?
      | (?:factbox|explainer|analysis|opinion|timeline|fact\ ?check|podcast|gallery|quiz|poll
          |in\ depth|live\ updates|interactive|graphic|sponsored|partner\ content|paid\ content)
        \s*[:|]\s*[^.]*[^.\s]
      | (?:previous|next|prev)\ (?:article|story|post|page|slide|image|photo)\b.*
      | \[[^\[\]]+\]
      | (?:click|tap)\ here\b.*
      | back\ to\ top | skip\ to\ (?:main\ )?content | menu | search | home | close
      | (?:sign|log)\ ?(?:in|out) | register | my\ account
      | (?:tags|topics|filed\ under|categories)\s*:.*
      | (?:show|view|see)\ (?:all|more)(?:\ \d+)?(?:\ (?:photos|images|pictures|videos))?
      | (?:image|photo|picture|slide)?\s*\d+\s*(?:of|/)\s*\d+
      | [\w'’ ]{0,60}\bin\ pictures
      | loading\b[^.]*(?:\.\.\.|…)
      | \d+\s*(?:-\s*)?min(?:ute)?s?\.?\ (?:read|listen)
      | (?:reading|read)\ time\s*:?\s*\d.*
      | (?:listen\ to|share|give|gift|save|print)\ (?:this\ |the\ |full\ )?
        (?:article|story|video|page)\b[^.]*
      | continue\ reading(?:\ the\ (?:main\ )?story)?(?:\ below)?
      | media\ playback\ is\ (?:un)?supported\b.*
      | (?:[*_~=#•·]\s*){3,}
      # advertising
      | advertisement(?:\s*[-–—:|].*)? | sponsored(?:\ content)? | supported\ by
      | skip\ (?:to\ )?(?:content|advertisement|ad)
      | (?:story|article)\ continues\ (?:below|after)\b.*
      # pictures and their credits
      | (?:photo|image|picture|video|credit|photograph|illustration)s?\s*(?:credit)?\s*:.*
      | (?:photo|image|picture|photograph)s?\ (?:credit|copyright|caption|source)\b.*
      | (?:photo|image|picture)s?\ (?:by|courtesy(?:\ of)?)\ [^.]*
      | getty\ images
      # comments
      | \d+\ comments? | comments?\s*(?:\(\d+\)|\d+)?
      | (?:view|show|read|load|see|hide|post|leave|add|write)\ (?:a\ |all\ |the\ )?(?:\d+\ )?
        comments?\b.*
      | join\ the\ (?:conversation|discussion|debate)\b.*
      | comments?\ (?:are|have\ been)\ (?:closed|disabled|turned\ off)\b.*
      | share\ your\ (?:thoughts|views|comments|opinions?)\b.*
      # the site's own pages, policies and notices
      | (?:code\ of\ conduct|community\ guidelines|house\ rules|terms\ of\ (?:use|service)
          |privacy\ (?:policy|notice)|cookie\ (?:policy|settings)|contact\ us|about\ us)
        (?:\ and\ [\w ]+)?
      | (?:our|editorial)\ standards(?:\s*[:|\-–—].*)?
      | (?:proudly\ )?powered\ by\ [^.]*
      | posted\ by\ [^.]*
      | end\ ?item
      | (?:copyright|©|\(c\))\s*(?:©\s*)?\d{4}\b.* | ©.*
      | .*\ball\ rights\ reserved\.?
      | this\ (?:material|article|content)\ may\ not\ be\ (?:published|reproduced|broadcast)\b.*
      | (?:this\ (?:article|story)|a\ version\ of\ this\ (?:article|story))\ (?:was\ )?
        (?:originally\ )?(?:published|produced|appears|appeared)\b.*
      # contributors and contacts
      | .*\bcontributed\ (?:to\ this\ (?:report|story|article)|reporting)\b[^.]*\.?
      | .*\b(?:news\ organi[sz]ations|wire\ services|news\ agencies)\ contributed\.?
      | (?:write\ to|contact|e-?mail|reach)\b.*\b[\w.+-]+@[\w-]+\.[\w.]+\.?
    )$""",
    re.IGNORECASE | re.VERBOSE,
)

# Headings over a list of links ("Most Popular", "More in Local News"); list items follow.
_LINK_HEADING = re.compile(
    r"""^(?:
        (?:more|other)\ (?:(?:top|latest|related|recent|popular)\ )?
        (?:stories|news|articles|videos|posts|headlines|coverage|must-reads?|reads)\b[^.!?]*
      | more\ (?:from|in)\ [^.!?]{1,60}
      | most\ (?:popular|read|viewed|shared|commented|emailed|watched|recent)\b[^.!?]{0,40}
      | (?:top|latest|recent|related|popular|trending|recommended|featured|editor'?s)
        \ (?:stories|news|articles|videos|posts|headlines|coverage|content|picks|reads|links
           |topics)\b[^.!?]{0,40}
      | trending\b[^.!?]{0,40}
      | you\ (?:may|might)\ (?:also\ )?(?:like|enjoy|be\ interested\ in)\b[^.!?]*
      | (?:don'?t\ miss|further\ reading|see\ also|also\ read|read\ next|up\ next)\b[^.!?]{0,60}
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
_LIST_ITEM = re.compile(r"^\s*[-•*]\s+\S")

# A caption: a line ending in a photo credit ("… (AP Photo/Jane Doe)", "… Photo: X/Reuters",
# "… REUTERS/Jane Doe", "… Getty Images", "… By U.S. CUSTOMS AND BORDER PROTECTION").
_CAPTION = re.compile(
    r"""(?:^|(?<=[.!?”"’)])\s+|\s+(?=\())(?:
        \((?:[^()]*\s)?photos?\s*/[^()]*\)
      | \((?:photo|image|picture|credit)s?\b[^()]*\)
      | (?:photo|image|picture|photograph|credit)s?(?:\ credit)?\s*(?::|\ by\b|\ courtesy\b)
        [^.!?]{1,80}
      | (?-i:[A-Z][\w.'’&-]*(?:\ [A-Z][\w.'’&-]*)*\s*/\s*[A-Z][A-Za-z]*(?:\ [A-Z][A-Za-z]*)*)
      | getty\ images
      | (?-i:[Bb]y\ [A-Z][A-Z.&'’\ -]{3,})
    )$""",
    re.IGNORECASE | re.VERBOSE,
)

# A call to action opens the line: "Sign up for…", "Subscribe to…", "Already a member?".
_CALL_TO_ACTION = re.compile(
    r"""^(?:sign\ up|subscribe|join\ our|get\ our|follow\ us|download\ (?:our|the)\ app
        |support\ (?:us|our|independent)|donate|become\ a\ (?:member|subscriber|supporter)
        |start\ your|already\ (?:a\ )?(?:member|subscriber|registered)|unlock
        |get\b.*\b(?:newsletters?|by\ email|daily\ edition|sign\ up|subscribe)
        |follow\b.*\b(?:on\ (?:twitter|x|facebook|instagram|linkedin|tiktok|threads|bluesky
           |youtube|whatsapp|telegram)|@\w+))\b""",
    re.IGNORECASE | re.VERBOSE,
)
# Promotion and paywall wording: furniture when the page is addressing its reader.
_PROMOTION = re.compile(
    r"""\b(?:newsletters?|inbox|daily\ edition|daily\ briefing|news\ alerts?)\b
        .*\b(?:sign(?:ing)?\ up|subscribe|free|by\ email|delivered|join|register|straight\ to
           |right\ to)\b
      | \b(?:sign(?:ing)?\ up|subscribe|join|register|get)\b.*\b(?:newsletters?|inbox
           |daily\ edition)\b
      | \b(?:straight|right|delivered)\ to\ your\ inbox\b
      | \b(?:free\ )?(?:articles?|stories)\ (?:left|remaining)\b
      | \b(?:sign|log)\ in\ to\b | \bto\ continue\ reading\b | \bsubscribers?\ only\b
      | \bfor\ as\ little\ as\b.{0,20}\b(?:a|per)\ (?:month|week|year)\b
      | \bstart\ your\b.{0,40}\b(?:trial|subscription|membership)\b
      | \bunlimited\ (?:digital\ )?access\b
      | \b[\w.+-]+@[\w-]+\.\w+
    """,
    re.IGNORECASE | re.VERBOSE,
)
_ADDRESSES_READER = re.compile(r"\b(?:you|your|we|our|us)\b", re.IGNORECASE)
# Comment-section policy: the site's rules for readers' comments.
_COMMENT_POLICY = re.compile(
    r"""\bcomments?\ (?:are|is|will\ be|may\ be)\ (?:moderated|reviewed|republished)\b
      | \bemail\ address(?:es)?\ will\ not\ be\ published\b
      | ^(?:we|please)\b.*\bcomments?\b""",
    re.IGNORECASE | re.VERBOSE,
)
# Reporting quotes or attributes; promotion does neither.
_REPORTING = re.compile(
    r"""["“”«»]|\b(?:said|says|say|told|tells|according\ to|reported|announced|added|stated
        |explained|asked|noted|claimed|confirmed|warned|argued)\b""",
    re.IGNORECASE | re.VERBOSE,
)

# Share bars: nothing but share words and network names.
_SHARE_BAR = re.compile(
    r"""^(?=.*\b(?:share|facebook|twitter|whatsapp|linkedin|pinterest|reddit|telegram|tweet
           |flipboard|tumblr|e-?mail|print)\b)
        (?:(?:share|facebook|twitter|whatsapp|e-?mail|telegram|linkedin|pinterest|reddit|print
           |copy|link|copied|messenger|tweet|flipboard|sms|tumblr|mail|save|this|the|article
           |story|page|on|via|x)(?!\w)[\s,|·•/:]*+)++$""",
    re.IGNORECASE | re.VERBOSE,
)

# A dateline or timestamp standing alone: "2:54pm", "Updated: May 4, 2022 at 9:30 a.m. ET".
# It needs a time, a month or an "updated": a line of bare numbers may be a table row.
# Tokens are atomic and the repetition possessive: "1:11" is read one way only, so a long line
# of digits and colons cannot send the matcher through every way of splitting it.
_MONTH = rf"(?:{alternation(MONTH_NUMBERS)})\.?"
_DAY = rf"(?:{alternation(WEEKDAY_NUMBERS)})\.?"
_DATE_TOKEN = rf"""(?>\d{{1,2}}[:.]\d{{2}}(?:[:.]\d{{2}})?(?:\s*[ap]\.?m\.?)? | \d{{1,4}}
    (?:st|nd|rd|th)? | [ap]\.?m\.? | {_MONTH} | {_DAY} | gmt|bst|utc|cest|cet|ist|aest|aedt
    |hkt|sgt|jst|[ecmp][sd]?t | updated|published|posted|modified|yesterday|today|last|first
    |at|on|of|ago|hours?|minutes?|mins?|days?|weeks?)"""
_DATELINE = re.compile(
    rf"""^(?=.*\d)(?=.*(?:\d[:.]\d{{2}}|\b[ap]\.?m\b|\b{_MONTH}|\b(?:updated|published|posted
        |ago)\b))(?:{_DATE_TOKEN}(?!\w)[\s,/·•–—:-]*+)++$""",
    re.IGNORECASE | re.VERBOSE,
)

# A sign-off standing alone: "– Jane Doe" (a dash, not a hyphen: "- Jane Doe" is a list item).
_SIGN_OFF = re.compile(r"^[–—]\s*[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3}$")

_BYLINE = re.compile(r"^by\s+(\S.*)$", re.IGNORECASE)
_BYLINE_WORD = re.compile(r"[^\s,|·•–—/-]+")
_BYLINE_LOWER = frozenset(
    {"and", "of", "de", "da", "del", "der", "van", "von", "la", "le", "du", "bin", "al", "in",
     "at", "for", "on", "staff", "writer", "reporter", "correspondent", "editor", "updated",
     "published", "posted", "am", "pm", "a.m.", "p.m.", "et"}
)  # fmt: skip

_BLANKS = re.compile(r"\n{3,}")
# Furniture is short; a long line that happens to start with "Share" is reporting.
_MAX_FURNITURE_CHARS = 160
# Promotion runs a little longer ("Want to bookmark your favourite articles…? Start your…").
_MAX_PROMOTION_CHARS = 200
# A caption is recognised by its credit, so it may be as long as a paragraph.
_MAX_CAPTION_CHARS = 400


# Characters no article needs, and what each becomes (None: removed), for ``str.translate``.
# Controls: C0 less tab and the line breaks, DEL, and C1, which in text is nearly always cp1252
# read as Latin-1 (so its quotes and dashes come back, as ftfy and browsers do). Vertical tab,
# form feed (a page break) and the Unicode line and paragraph separators are line breaks.
# Invisible formatting that breaks words apart for matching and carries nothing for a reader:
# soft hyphen, zero-width space, word joiner and invisible operators, the BOM inside text,
# bidi embeddings, overrides and isolates (they can reorder what a terminal shows: "Trojan
# Source"), deprecated format characters, interlinear annotation marks and non-characters.
# Kept, because they carry meaning: ZWNJ and ZWJ (Persian and Indic spelling, emoji), the
# left-to-right, right-to-left and Arabic letter marks, variation selectors.
_CONTROLS: dict[int, str | None] = {
    **dict.fromkeys([*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F]),
    0x0B: "\n", 0x0C: "\n", 0x2028: "\n", 0x2029: "\n\n",
    **{code: bytes([code]).decode("cp1252", errors="ignore") or None
       for code in range(0x80, 0xA0)},
}  # fmt: skip
_INVISIBLE: dict[int, str | None] = dict.fromkeys(
    [0x00AD, 0x200B, *range(0x202A, 0x202F), *range(0x2060, 0x2065), *range(0x2066, 0x2070),
     0xFEFF, *range(0xFFF9, 0xFFFC), 0xFFFE, 0xFFFF]
)  # fmt: skip
_STRIP = str.maketrans(_CONTROLS | _INVISIBLE)
# What the table cannot do: lone surrogates (JSON allows "\ud800"; no UTF-8 writer does) become
# U+FFFD; Unicode tag characters go unless they spell a flag (🏴 + tags + cancel tag), since
# outside one they only hide text from a reader while a model still reads it.
_UNPAIRED = re.compile(
    "(\U0001f3f4[\U000e0020-\U000e007e]+\U000e007f)|([\ud800-\udfff])|[\U000e0000-\U000e007f]"
)
_ANY = re.compile(
    "["
    + "".join(re.escape(chr(code)) for code in _CONTROLS | _INVISIBLE)
    + "\ud800-\udfff\U000e0000-\U000e007f]"
)


@dataclass(frozen=True, slots=True)
class Cleaned:
    text: str
    removed: list[str]


def strip_controls(text: str) -> str:
    """``text`` without control and invisible formatting characters (see ``_CONTROLS``)."""
    if not _ANY.search(text):  # most texts hold none at all
        return text
    # Whole escape sequences first: stripping only their ESC would leave "[31m" in the text.
    text = CONTROL_SEQUENCE.sub("", text)
    return _UNPAIRED.sub(_unpaired, text.translate(_STRIP))


def _unpaired(found: re.Match[str]) -> str:
    if found.group(1):
        return found.group(1)
    return "\ufffd" if found.group(2) else ""


def clean(text: str) -> Cleaned:
    """Remove controls, normalise Unicode and line breaks, drop furniture lines, keep
    everything else verbatim."""
    text = strip_controls(text)
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    kept: list[str] = []
    removed: list[str] = []
    in_link_list = False  # just after a "Most Popular"-like heading: its list items are links
    for line in text.split("\n"):
        line = line.rstrip()
        bare = line.strip()
        if in_link_list and bare and not _LIST_ITEM.match(bare):
            in_link_list = False
        if bare and (in_link_list or is_furniture(bare)):
            removed.append(bare)
            in_link_list = in_link_list or bool(_LINK_HEADING.match(bare))
        else:
            kept.append(line)
    text = _BLANKS.sub("\n\n", "\n".join(kept)).strip()
    return Cleaned(text=text, removed=removed)


def is_furniture(line: str) -> bool:
    """Whether one line (stripped) is page furniture rather than part of the article."""
    size = len(line)
    if size > _MAX_CAPTION_CHARS:
        return False
    if _CAPTION.search(line):
        return True
    if size > _MAX_PROMOTION_CHARS:
        return False
    if _is_promotion(line):
        return True
    if size > _MAX_FURNITURE_CHARS:
        return False
    return bool(
        _FURNITURE.match(line)
        or _LINK_HEADING.match(line)
        or _SHARE_BAR.match(line)
        or _DATELINE.match(line)
        or _SIGN_OFF.match(line)
        or _is_byline(line)
    )


def _is_promotion(line: str) -> bool:
    """Subscription, newsletter, paywall and comment-policy prompts (never reporting)."""
    if _REPORTING.search(line):
        return False
    if _COMMENT_POLICY.search(line):
        return True
    if _CALL_TO_ACTION.match(line):
        # "Sign up rates rose." is a sentence; "Sign up for our newsletter." talks to you.
        return not line.endswith(".") or bool(_ADDRESSES_READER.search(line))
    return bool(_PROMOTION.search(line) and _ADDRESSES_READER.search(line))


def _is_byline(line: str) -> bool:
    """'By Jane Doe and John Roe - May 4, 2022': names, roles and dates, no running words."""
    found = _BYLINE.match(line)
    if not found or line.endswith((".", "!", "?", ":", ";")):
        return False
    words = _BYLINE_WORD.findall(found.group(1))
    return 0 < len(words) <= 15 and all(
        word[0].isupper() or word[0].isdigit() or word.lower() in _BYLINE_LOWER for word in words
    )
