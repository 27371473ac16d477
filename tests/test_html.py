"""HTML input: main text and metadata out of a page, and cleaning scored on real news pages."""

from __future__ import annotations

import io
import json
import sys
from datetime import date
from pathlib import Path

import pytest
import trafilatura

from summarizer.errors import InputError
from summarizer.evaluation.cleaning import evaluate_cleaning, titles_match
from summarizer.input.html import _choose, _Page, _published, from_html
from summarizer.input.load import load, looks_like_html

ROOT = Path(__file__).resolve().parent.parent
# Third-party pages, read in place and never copied here (see ../shared/eval/README.md).
TRAFILATURA_EVAL = ROOT.parent / "shared" / "eval" / "trafilatura"

PARAGRAPHS = [
    "Floodwaters rose through the river town of Valmora on Sunday, forcing hundreds of "
    "families onto rooftops as rescue boats worked through the night.",
    "The regional relief agency said at least 41 people had died and nearly 8,000 had been "
    "displaced, most of them from villages along the lower valley.",
    "Officials said the river crest passed overnight and that water levels were expected to "
    "fall slowly over the coming days, although more rain was forecast.",
    "Residents described the water arriving faster than in any flood they could remember. "
    "Many said they had little time to save belongings or livestock.",
]
TITLE = "Floods kill 41 in Valmora as river bursts its banks"
SITE = "The Valmora Times"


def page(
    *,
    title: str = TITLE,
    headline: str | None = TITLE,
    social_title: str = "Valmora floods: what we know so far",
    head: str = '<meta property="article:published_time" content="2025-09-14T08:00:00+00:00">',
    body: str = "",
    paragraphs: list[str] = PARAGRAPHS,
) -> str:
    """A small news page: navigation, the article (``<h1>`` + paragraphs), a footer."""
    h1 = f"<h1>{headline}</h1>" if headline else ""
    text = "".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{title}</title>
<meta property="og:site_name" content="{SITE}">
<meta property="og:title" content="{social_title}">
<link rel="canonical" href="https://valmora.example/2025/09/14/floods">
{head}</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></nav>
<article>{h1}{text}{body}</article>
<footer><p>© 2025 {SITE}. All rights reserved.</p></footer></body></html>"""


def test_main_text_comes_out_in_paragraphs_apart_by_blank_lines() -> None:
    article = from_html(page(title=f"{TITLE} | {SITE}"))
    assert "\n\n".join(PARAGRAPHS) in article.text
    assert "Home" not in article.text and "All rights reserved" not in article.text


def test_metadata_comes_from_the_page() -> None:
    article = from_html(page(title=f"{TITLE} | {SITE}"))
    # The visible headline, not the social-media title, when the document title agrees.
    assert article.title == TITLE
    assert article.site == SITE
    assert article.published == date(2025, 9, 14)
    assert article.url == "https://valmora.example/2025/09/14/floods"


def test_the_url_it_was_fetched_from_wins_over_the_canonical_one() -> None:
    article = from_html(page(), url="https://mirror.example/floods")
    assert article.url == "https://mirror.example/floods"


def test_the_site_name_is_cut_off_a_title_without_a_matching_headline() -> None:
    title = f"Valmora floods: the latest - {SITE}"
    article = from_html(page(title=title, social_title=title, headline=None))
    assert article.title == "Valmora floods: the latest"


def test_list_items_stay_together_one_per_line() -> None:
    items = "<ul><li>Shelters opened: 12 schools</li><li>Rescue boats: 40</li></ul>"
    text = from_html(page(body=items)).text
    assert "\n\n- Shelters opened: 12 schools\n- Rescue boats: 40" in text


def test_bytes_in_another_encoding_are_decoded() -> None:
    html = page(paragraphs=[*PARAGRAPHS, "The mayor of Zürich sent condolences to the town."])
    html = html.replace('<meta charset="utf-8">', '<meta charset="iso-8859-1">')
    assert "Zürich" in from_html(html.encode("latin-1")).text


def test_a_page_without_article_text_is_refused_naming_the_input() -> None:
    html = "<!DOCTYPE html><html><body><nav><a href='/'>Home</a></nav></body></html>"
    with pytest.raises(InputError, match=r"^page\.html: no article text found in the HTML page$"):
        from_html(html, name="page.html")


def test_a_modification_date_gives_way_to_the_declared_publication_date() -> None:
    declared = _Page(
        title=None, headlines=[], published={date(2020, 1, 19)}, modified={date(2020, 1, 20)}
    )
    assert _published("2020-01-20", declared) == date(2020, 1, 19)
    # A date that is not the modification date stands (time zones make them differ by a day).
    assert _published("2020-01-18", declared) == date(2020, 1, 18)
    assert _published(None, declared) is None


@pytest.mark.parametrize(
    "data",
    [b"<!DOCTYPE html><html>", b"\xef\xbb\xbf\n  <html lang='en'>", b"\n<!doctype HTML>"],
)
def test_html_is_recognised_by_its_first_bytes(data: bytes) -> None:
    assert looks_like_html(data)


@pytest.mark.parametrize("data", [b"Floods in Valmora\n\n<b>x</b>", b"<p>a fragment</p>", b""])
def test_text_is_not_taken_for_html(data: bytes) -> None:
    assert not looks_like_html(data)


def test_load_reads_an_html_file(tmp_path: Path) -> None:
    path = tmp_path / "floods.htm"
    path.write_text(page(title=f"{TITLE} | {SITE}"), encoding="utf-8")
    article = load(path)
    assert article.title == TITLE and PARAGRAPHS[1] in article.text


def test_load_recognises_html_in_a_file_of_any_name(tmp_path: Path) -> None:
    path = tmp_path / "saved-page.txt"
    path.write_text(page(), encoding="utf-8")
    assert "<p>" not in load(path).text


def test_load_recognises_html_on_standard_input(monkeypatch: pytest.MonkeyPatch) -> None:
    stdin = io.TextIOWrapper(io.BytesIO(page().encode("utf-8")))
    monkeypatch.setattr(sys, "stdin", stdin)
    assert PARAGRAPHS[0] in load("-").text


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "is empty"), (b"\x00\x01<html>", "binary"), (b"<html></html>", "no article text")],
)
def test_a_bad_html_file_is_one_clear_error(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(content)
    with pytest.raises(InputError, match=message) as raised:
        load(path)
    assert str(raised.value).startswith(str(path)) and "\n" not in str(raised.value)


@pytest.mark.parametrize(
    ("expected", "found", "match"),
    [
        ("Prison official: ‘Anyone’ could escape", "Prison Official: 'Anyone' Could Escape", True),
        ("Floods kill 41", "Floods kill 41 in Valmora as river bursts", False),
        ("Floods kill 41 in Valmora", "Floods kill 41 in Valmora - VT", True),
        ("Floods kill 41", None, False),
    ],
)
def test_titles_match_when_equal_after_folding_or_close(
    expected: str, found: str | None, match: bool
) -> None:
    assert titles_match(expected, found) is match


@pytest.mark.skipif(
    not (TRAFILATURA_EVAL / "evaldata.json").is_file(),
    reason=f"evaluation pages not present at {TRAFILATURA_EVAL}",
)
def test_real_news_pages_load_and_clean_to_the_acceptance_targets() -> None:
    report = evaluate_cleaning(TRAFILATURA_EVAL)
    totals = report.totals()
    failed = {p.file: p.error for p in report.pages if p.error}
    assert not failed
    lost = {p.file: p.lost for p in report.pages if p.lost}
    left = {p.file: p.left for p in report.pages if p.left}
    assert report.with_survival >= 0.90, lost
    assert report.without_removed >= 0.90, left
    assert totals["titles_matched"] >= 10, [(p.title_expected, p.title_found) for p in report.pages]
    # Cleaning adds to trafilatura's own boilerplate removal and costs no main text.
    before = evaluate_cleaning(TRAFILATURA_EVAL, cleaned=False)
    assert report.without_removed > before.without_removed
    assert report.with_survival == before.with_survival


# --- what a reader never sees, JSON-LD bodies, the fallback, encodings ---------------------

HIDDEN = {
    '<p hidden>The mayor resigned in disgrace on Monday, aides said.</p>': "mayor resigned",
    "<template><p>The dam collapsed at noon, engineers said.</p></template>": "dam collapsed",
    '<p aria-hidden="true">Five hundred people were killed in the valley.</p>': "Five hundred",
    '<p style="color: red; DISPLAY : none !important">A curfew was ordered by the army.</p>':
        "curfew",
    '<div style="visibility:hidden"><p>Looters were arrested downtown overnight.</p></div>':
        "Looters",
    "<noscript><p>Please enable JavaScript to read about the floods here.</p></noscript>":
        "JavaScript",
}  # fmt: skip


def test_what_the_page_hides_from_its_readers_is_not_the_article() -> None:
    article = from_html(page(body="".join(HIDDEN)))
    assert "\n\n".join(PARAGRAPHS) in article.text
    for words in HIDDEN.values():
        assert words not in article.text
    assert article.extractor == "trafilatura"


def test_text_hidden_until_found_is_the_articles_own() -> None:
    revealed = "Rescue teams reached the last cut-off village at dawn on Monday."
    article = from_html(page(body=f'<p hidden="until-found">{revealed}</p>'))
    assert revealed in article.text


def test_a_hidden_wrapper_around_the_whole_story_is_a_page_with_a_modal_open() -> None:
    # Saved while a paywall or cookie dialog was open: the page itself is aria-hidden.
    wrapped = page().replace("<article>", '<div id="page" aria-hidden="true"><article>', 1)
    wrapped = wrapped.replace("</article>", "</article></div><div role='dialog'>Accept?</div>")
    assert "\n\n".join(PARAGRAPHS) in from_html(wrapped).text


BODY = "\n".join(PARAGRAPHS)
CAPTION = (
    "Volunteers carry sandbags along the flooded main street of Valmora on Sunday morning. "
    "(AP Photo/John Roe)"
)


def ld_page(ld: object, body: str | None = None) -> str:
    """A page whose article text is only in its JSON-LD: the body shows a photo and a caption
    (the story is drawn by scripts)."""
    shown = body or (
        f"<article><h1>{TITLE}</h1><figure><img src='floods.jpg'>"
        f"<figcaption>{CAPTION}</figcaption></figure><div id='story-root'></div></article>"
    )
    return (
        f"<!DOCTYPE html><html><head><title>{TITLE} | {SITE}</title>"
        f'<meta property="og:site_name" content="{SITE}">'
        f'<script type="application/ld+json">{json.dumps(ld)}</script></head>'
        f"<body>{shown}</body></html>"
    )


def test_a_page_whose_story_is_only_in_json_ld_is_read_from_it_in_paragraphs() -> None:
    ld = {
        "@context": "https://schema.org", "@type": "NewsArticle", "headline": TITLE,
        "datePublished": "2025-09-14T08:00:00+00:00", "articleBody": BODY,
    }  # fmt: skip
    article = from_html(ld_page(ld))
    assert article.text == "\n\n".join(PARAGRAPHS)  # paragraph for paragraph, not one run
    assert article.extractor == "json-ld"
    assert (article.title, article.published, article.site) == (TITLE, date(2025, 9, 14), SITE)


def test_json_ld_in_a_graph_typed_with_a_list_and_written_as_markup() -> None:
    markup = "".join(f"<p>{p.replace('families', '&lt;b&gt;families&lt;/b&gt;')}</p>"
                     for p in PARAGRAPHS)  # fmt: skip
    ld = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "WebSite", "name": SITE},
            {"@type": ["schema:ReportageNewsArticle"], "articleBody": markup},
        ],
    }
    article = from_html(ld_page([{"@type": "BreadcrumbList"}, ld]))
    assert article.text == "\n\n".join(PARAGRAPHS) and article.extractor == "json-ld"


def test_json_ld_that_is_not_an_article_or_not_json_is_passed_over() -> None:
    recipe = {"@type": "Recipe", "articleBody": "Stir the flour into the water for ten minutes."}
    for ld in (recipe, "{not json"):
        article = from_html(ld_page(ld, body=page().split("<body>", 1)[1]))
        assert article.extractor == "trafilatura" and "flour" not in article.text


def test_a_caption_is_not_the_article_when_the_json_ld_body_holds_one() -> None:
    tree = trafilatura.load_html(ld_page({}))
    assert _choose(CAPTION, [BODY], tree) == (BODY, "json-ld")
    # Trafilatura's own short text stands when it is a real text and there is no body.
    short = "The river rose overnight in the town of Valmora, officials said on Monday."
    assert _choose(short, [], tree) == (short, "trafilatura")


def test_the_fallback_extractor_reads_a_page_trafilatura_finds_nothing_in(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(trafilatura, "bare_extraction", lambda *args, **kwargs: None)
    article = from_html(page())
    assert article.extractor == "fallback"
    assert all(p in article.text for p in PARAGRAPHS)


def test_a_page_of_nothing_but_furniture_is_one_clear_error() -> None:
    furniture = f"<html><body><figure><figcaption>{CAPTION}</figcaption></figure></body></html>"
    with pytest.raises(InputError, match="no article text found"):
        from_html(furniture, name="page.html")


def test_a_page_in_a_legacy_encoding_says_which(tmp_path: Path) -> None:
    text = "Президент заявил в понедельник, что войска отошли от реки после наводнения."
    html = page(paragraphs=[text, *PARAGRAPHS]).replace('charset="utf-8"', 'charset="windows-1251"')
    path = tmp_path / "page.html"
    path.write_bytes(html.encode("cp1251"))
    article = load(path)
    assert text in article.text
    assert (article.encoding, article.extractor) == ("cp1251", "trafilatura")


def test_a_utf16_page_and_an_xhtml_page_that_declares_its_encoding(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(page().encode("utf-16"))
    assert load(path).encoding == "utf-16" and PARAGRAPHS[0] in load(path).text
    xhtml = '<?xml version="1.0" encoding="iso-8859-1"?>\n' + page().replace("41", "41 – à")
    path.write_bytes(xhtml.encode("cp1252"))
    article = load(path)
    assert article.encoding == "cp1252" and "41 – à" in article.text


def test_a_nul_deep_in_a_page_is_removed_not_refused(tmp_path: Path) -> None:
    padded = page(body="<!--" + "x" * 9000 + "-->" + "<p>The dams\x00 held overnight.</p>")
    path = tmp_path / "page.html"
    path.write_text(padded, encoding="utf-8")
    assert "The dams held overnight." in load(path).text
