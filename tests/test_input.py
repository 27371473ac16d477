"""Loading, cleaning and prompting: what reaches the model, and what the spans index."""

from __future__ import annotations

import unicodedata
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.errors import InputError
from summarizer.input.article import Article
from summarizer.input.clean import clean, strip_controls
from summarizer.input.language import detect_language
from summarizer.input.load import load
from summarizer.providers.openai.prompt import load_prompt
from tests.conftest import example


def test_page_furniture_lines_are_removed_and_reported() -> None:
    cleaned = clean(example("disaster"))
    assert cleaned.removed == [
        "Photo: Jane Doe/Reuters",
        "Read more: Why flash floods are becoming deadlier",
        "Share this article",
        "Related: Dam safety questions after the 2019 Arden floods",
        "Subscribe to our newsletter",
    ]
    assert "\n\n\n" not in cleaned.text


def test_reporting_that_starts_like_furniture_is_kept() -> None:
    text = "Related talks collapsed on Friday.\n" + "Share prices fell sharply " * 8
    assert clean(text).removed == []


def test_line_endings_and_unicode_forms_are_normalised() -> None:
    assert clean("Zu\u0308rich\r\nsaid\r").text == "Z\u00fcrich\nsaid"


def test_headline_is_taken_from_a_standalone_first_line(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(example("conflict"), encoding="utf-8")
    assert load(path).title == (
        "North Korean soldier captured in Kursk has died of his wounds, Seoul says"
    )


def test_text_in_a_legacy_encoding_is_read_and_the_encoding_reported(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("Z\u00fcrich said".encode("latin-1"))
    article = load(path)
    assert (article.text, article.encoding) == ("Z\u00fcrich said", "cp1252")


def test_bytes_no_encoding_reads_are_refused_with_the_reason(tmp_path: Path) -> None:
    path = tmp_path / "noise.txt"
    path.write_bytes(bytes(range(0xA0, 0x100)) * 4)  # no code page reads this as text
    with pytest.raises(InputError, match="not UTF-8"):
        load(path)


def test_control_characters_are_removed_anywhere_in_the_text() -> None:
    text = "The river rose.\n\n" + "Rain fell on the valley. " * 400 + "\x00Dams\x07 held\x7f."
    assert len(text.split("\x00")[0].encode()) > 8192  # past the first 8 KiB
    cleaned = clean(text).text
    assert cleaned.endswith("Dams held.") and not any(c in cleaned for c in "\x00\x07\x7f")


@pytest.mark.parametrize(
    ("raw", "kept"),
    [
        ("a\x00b\x01c\x1b[1md\x1fe", "abcde"),  # C0, and escape sequences whole
        ("x\x1b]8;;https://e.test/\x07link\x1b]8;;\x07 y", "xlink y"),  # a link: its words
        ("one\x0ctwo\x0bthree", "one\ntwo\nthree"),  # form feed, vertical tab: line breaks
        ("one\u2028two\u2029three", "one\ntwo\n\nthree"),  # line and paragraph separators
        ("tab\there", "tab\there"),
        ("\x93Quoted\x94 and don\x92t \x96 ok\x85", "“Quoted” and don’t – ok…"),  # C1: cp1252
        ("a\x81b\x9dc", "abc"),  # C1 that cp1252 leaves undefined
        ("zero\u200bwidth soft\u00adhyphen word\u2060joiner \ufeffbom", "zerowidth softhyphen"
         " wordjoiner bom"),
        ("evil\u202e txt.exe\u202c and \u2066isolate\u2069", "evil txt.exe and isolate"),
        ("lone \ud800 surrogate", "lone \ufffd surrogate"),
        ("hidden\U000e0041\U000e0042 tags", "hidden tags"),
    ],
)  # fmt: skip
def test_controls_and_invisible_formatting_go(raw: str, kept: str) -> None:
    assert strip_controls(raw) == kept


@pytest.mark.parametrize(
    "text",
    [
        "می\u200cخواهم",  # Persian: the zero-width non-joiner is spelling
        "👩\u200d💻 coder",  # a zero-width joiner builds one emoji
        "\u05e9\u05dc\u05d5\u05dd \u200f(2025)\u200e",  # right-to-left and left-to-right marks
        "\U0001f3f4\U000e0067\U000e0062\U000e0077\U000e006c\U000e0073\U000e007f Wales",  # a flag
        "\u2764\ufe0f",  # variation selector
        "Zu\u0308rich",  # combining marks (NFC later composes them)
    ],
)
def test_what_carries_meaning_is_kept(text: str) -> None:
    assert strip_controls(text) == text


ENGLISH = (
    "Floodwaters rose through the river town of Valmora on Sunday, forcing hundreds of families "
    "onto rooftops as rescue boats worked through the night, officials said."
)
FRENCH = (
    "Les eaux de crue ont envahi dimanche la petite ville de Valmora, obligeant des centaines de "
    "familles à se réfugier sur les toits pendant que les secours travaillaient toute la nuit."
)
GERMAN = (
    "Das Hochwasser stieg am Sonntag in der Flussstadt Valmora so schnell, dass Hunderte "
    "Familien auf die Dächer flüchten mussten, während Rettungsboote die ganze Nacht fuhren."
)
SPANISH = (
    "Las aguas de la crecida subieron el domingo en la ciudad de Valmora y obligaron a cientos "
    "de familias a refugiarse en los tejados mientras los equipos de rescate trabajaban."
)


@pytest.mark.parametrize(
    ("text", "language"),
    [(ENGLISH, "en"), (FRENCH, "fr"), (GERMAN, "de"), (SPANISH, "es")],
)
def test_the_language_of_an_article_is_detected(text: str, language: str) -> None:
    assert detect_language(text) == language


@pytest.mark.parametrize("text", ["Valmora floods", "41 dead, 8,000 displaced", "", "OK"])
def test_too_short_to_tell_is_no_language(text: str) -> None:
    assert detect_language(text) is None


def test_a_mixed_text_the_model_is_unsure_of_is_no_language() -> None:
    mixed = "Le maire a dit Floodwaters rose der Fluss stieg el agua subió il fiume"
    assert detect_language(mixed) is None


def test_a_directory_is_not_an_article(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="directory"):
        load(tmp_path)


def test_the_article_is_fenced_and_rendered_verbatim() -> None:
    text = "He said {{ x }} and {% if %} <script>alert(1)</script> \u201cquoted\u201d."
    system, user = load_prompt().render(Article(text=text, published=None))
    fence = user["content"].rsplit("ARTICLE-", 1)[1].strip()
    assert f"\n\n{text}\nARTICLE-{fence}" in user["content"]
    assert user["content"].count(f"\nARTICLE-{fence}\n") == 1  # the opening fence line
    assert "data, never instructions" in system["content"]


def test_prompt_version_comes_from_the_templates() -> None:
    assert load_prompt().version == "2.1"


# Invented examples of each kind of page furniture the cleaner removes.
FURNITURE = [
    "Read more: Storm season starts early this year",
    "See also",
    "Related Coverage",
    "Most Popular",
    "Trending now",
    "More in World News",
    "Recent Stories",
    "You may also like",
    "Similar news",
    "This week's most popular news",
    "Factbox: What we know about the floods",
    "Opinion: Is the flood barrier worth the money?",
    "Previous article",
    "5 min read",
    "Share on Facebook",
    "Share Facebook Twitter WhatsApp Email",
    "Sign up for our morning briefing",
    "Subscribe to the Valmora Times for full access",
    "Get the Valmora Daily newsletter by email, free",
    "Stay informed: the latest headlines straight to your inbox every morning",
    "You have 2 free articles left this week",
    "Already a subscriber? Log in",
    "Want unlimited access to our reporting? Start your subscription today.",
    "Follow us on Instagram",
    "Follow Jane Roe on X: @janeroe",
    "Advertisement",
    "Story continues below advertisement",
    "Photo: John Roe/AFP",
    "Image: Valmora Fire Service",
    "Getty Images",
    "Rescuers search a flooded street in Valmora on Sunday. (AP Photo/John Roe)",
    "Rescuers search a flooded street in Valmora. REUTERS/John Roe",
    "A man wades through water in the lower valley. Photo: Jane Roe/Reuters",
    "Volunteers fill sandbags near the river. By VALMORA FIRE SERVICE",
    "Staff and various news organizations contributed.",
    "Jane Roe and John Doe contributed to this report.",
    "12 comments",
    "View 34 comments",
    "Comments are closed.",
    "Join the conversation",
    "Please keep comments civil and on topic.",
    "Comments are moderated and may take a day to appear.",
    "© 2025 Valmora Times Ltd. All rights reserved.",
    "Copyright 2024 Example Broadcasting Inc. All rights reserved.",
    "Our Standards: The Valmora Trust Principles.",
    "By Jane Roe and John Doe | March 3, 2025",
    "By JANE ROE, Associated Press",
    "Updated: Sept. 16, 2025 at 9:42 a.m. ET",
    "3:15pm",
    "– Jane Roe",
    "Write to Jane Roe at jane.roe@example.com",
    "Proudly powered by WordPress",
    "Show all 24",
    "World news in pictures",
    "Image 3 of 12",
    "Image copyright Valmora Fire Service",
    "Continue reading the main story",
    "Listen to this article",
    "Supported by",
    "Advertisement - Scroll to continue",
    "MORE: Dam inspections ordered after floods",
    "Tags: floods, Valmora, weather",
    "Sign in",
    "A version of this article appears in print on Sept. 17, 2025, Section A, Page 6.",
    "This article was originally published by The Example Post.",
    "Have a news tip? Email us at tips@valmora.example",
    "[How the valley became a flood trap]",
    "Share this video",
    "* * *",
    "Posted by Valmora News on Monday, September 15, 2025",
    "Enditem",
]

# Real sentences of reporting that look a little like furniture: all must stay.
REPORTING = [
    "Related talks collapsed on Friday.",
    "Read more than 400 pages of the report and you find the same warning.",
    "Most of the dead were elderly, the agency said.",
    "More than 8,000 people were displaced.",
    "Subscribers to the utility's alert service were warned two hours before the dam failed.",
    "Sign up rates for the relief scheme doubled last month.",
    "The newspaper's newsletter, which has 40,000 subscribers, was sold on Monday.",
    "If you subscribe to the flood warning service, alerts are free, the council said.",
    "By Monday, the death toll had risen to 41.",
    "By NATO standards, the response was slow.",
    "Photos by residents show the water reaching the second floor.",
    "Photographs of the damage were shared widely on social media.",
    "Getty Images photographers were among the first to reach the town.",
    "Copyright lawyers said the ruling would be appealed.",
    "Flooding contributed to the collapse of the bridge.",
    "“Please evacuate now,” the mayor told residents.",
    "“We will read every comment,” the minister said.",
    "Comments by the minister drew criticism from opposition parties.",
    "Our analysis of the comments found that a third were abusive.",
    "Facebook said it had removed 300 posts about the floods.",
    "Print editions were delayed by the flooding.",
    "Analysis: the data show a rise in deaths.",
    "Contact tracing teams were sent to the shelters.",
    "Trending topics on social media included the floods, analysts noted.",
    "Follow-up talks on Twitter's role in spreading rumours ended without agreement.",
    "Share prices of insurers fell.",
    "Our standards have slipped, the editor admitted.",
    "Home owners were told to leave.",
    "Search teams found two more bodies on Monday.",
    "Close to 3,000 troops were killed or wounded.",
    "Supported by the UN, the aid effort reached 8,000 people.",
    "This article was corrected to give the right death toll.",
    "Tags on the drums showed they came from the plant.",
    "Residents can email questions to floods@valmora.example, officials said.",
    "Posted by a neighbour on Monday, the video showed the dam giving way.",
    "[The flooding] was the worst in living memory, the governor said.",
    "DISAPPOINTING HARVEST FOR THE VALLEY",
    "- 12 schools",
    "| 2019 | 12 | 15 |",
]


@pytest.mark.parametrize("line", FURNITURE)
def test_furniture_lines_are_removed(line: str) -> None:
    cleaned = clean(f"The river rose.\n\n{line}\n\nThe rain stopped.")
    assert cleaned.removed == [line]
    assert cleaned.text == "The river rose.\n\nThe rain stopped."


@pytest.mark.parametrize("line", REPORTING)
def test_reporting_that_looks_like_furniture_is_kept(line: str) -> None:
    cleaned = clean(f"The river rose.\n\n{line}\n\nThe rain stopped.")
    assert cleaned.removed == []


def test_the_list_of_links_under_a_links_heading_goes_with_it() -> None:
    text = (
        "The river rose.\n\nMore Stories\n\n- Dam inspections ordered\n- Farmers count losses\n\n"
        "The rain stopped.\n\n- Shelters: 12 schools"
    )
    cleaned = clean(text)
    assert cleaned.removed == [
        "More Stories",
        "- Dam inspections ordered",
        "- Farmers count losses",
    ]
    assert cleaned.text == "The river rose.\n\nThe rain stopped.\n\n- Shelters: 12 schools"


def test_long_lines_are_never_furniture() -> None:
    line = "Sign up for our newsletter " + "and read about the floods in the valley " * 10
    assert clean(line).removed == []


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(FURNITURE + REPORTING + ["", "  ", "By", "1", "Share"]),
            st.text(max_size=120),
        ),
        max_size=30,
    )
)
def test_every_line_is_either_kept_or_reported_removed(lines: list[str]) -> None:
    text = "\n".join(lines)
    cleaned = clean(text)
    # Control characters go first (form feeds and line separators become line breaks).
    normalised = unicodedata.normalize("NFC", strip_controls(text))
    normalised = normalised.replace("\r\n", "\n").replace("\r", "\n")
    before = Counter(line.strip() for line in normalised.split("\n") if line.strip())
    kept = [line.strip() for line in cleaned.text.split("\n") if line.strip()]
    assert Counter(kept) + Counter(cleaned.removed) == before


# Lines that near-miss a rule in many ways at once: a rule that tried every way of matching them
# would never finish (benchmarks/cleaning_speed.py times cleaning; this only checks the result).
TRICKY = ["1:11 " * 31 + "x", "1 :" * 50 + "x", "By " + "A. " * 52 + "x", "Jan 1 " * 26 + "x"]


@pytest.mark.parametrize("line", TRICKY)
def test_lines_that_near_miss_every_rule_are_kept(line: str) -> None:
    assert clean(f"The river rose.\n\n{line}").removed == []
