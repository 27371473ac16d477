"""``-f html`` in a real browser: Debian's chromium, headless, driven by selenium.

The page is checked as a reader meets it: every mark is the passage its quote names, a fact
clicked brings its passage into view, the filters hide what they say, and words from the
article or the model never run as script. Without chromium and chromedriver these tests FAIL
(.ci/run installs them): a report nobody opened in a browser is not tested.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from selenium import webdriver
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webelement import WebElement
from typer.testing import CliRunner

from summarizer.cli import app
from summarizer.output.formats import render
from summarizer.schema import Evidence, StructuredSummary
from tests.conftest import EXAMPLES, PUBLISHED, ROOT
from tests.fakeserver import FakeOpenAI, Reply, completion
from tests.test_faults import summarize

ARTIFACTS = ROOT / ".ci" / "artifacts"
CHROMIUM = ("chromium", "chromium-browser")
CHROMEDRIVER = "chromedriver"

# Each payload would leave a trace if it ran: window.pwned set, or an alert open. (No digits:
# grounding checks every number a model writes against its evidence.)
SCRIPT = "<script>window.pwned = true; alert(document.title)</script>"
IMG = '<img src=x onerror="window.pwned = true; alert(document.title)">'
CLOSE = "</script><script>window.pwned = true</script>"
XSS_ARTICLE = (
    f"Flood waters rose in Valmora on Sunday. The sign on the bridge read {SCRIPT} in red.\n\n"
    f"The regional relief agency said at least 41 people had died {IMG} and nearly 8,000 "
    f"were displaced. A poster said {CLOSE} near the river."
)


def xss_answer(request: Any) -> Reply:
    """A model answer with the payloads in its own words: headline, lede, points, names; its
    place is not in its evidence, so it is dropped and shown as not grounded."""
    bad = f"{SCRIPT} {IMG} {CLOSE}"
    return Reply(body=completion(request, {
        "headline": f"Floods {SCRIPT}",
        "lede": f"Floods in Valmora {IMG}",
        "key_points": [
            {"text": f"The sign read {bad}",
             "evidence": [f"The sign on the bridge read {SCRIPT} in red."]},
        ],
        "events": [{
            "type": "disaster",
            "description": f"Flood waters rose. {bad}",
            "actors": [],
            "when": "on Sunday",
            "where": f"Valmora {SCRIPT}",  # not in its evidence: dropped, shown "not grounded"
            "quantities": [{
                "counted": "killed", "of_whom": "people", "text": "at least 41",
                "attribution": {"source": "The regional relief agency",
                                "kind": "organisation", "how": "stated"},
                "evidence": [f"The regional relief agency said at least 41 people had died {IMG}"],
            }],
            "certainty": "reported",
            "evidence": ["Flood waters rose in Valmora on Sunday."],
        }],
        "actors": [],
        "claims": [{
            "statement": f"A poster said so {CLOSE}",
            "attribution": {"source": "A poster", "kind": "other", "how": "stated"},
            "certainty": "reported",
            "evidence": [f"A poster said {CLOSE} near the river."],
        }],
    }))  # fmt: skip


def _chromium() -> str | None:
    for name in CHROMIUM:
        if found := shutil.which(name):
            return found
    return None


@pytest.fixture(scope="module")
def browser() -> Iterator[webdriver.Chrome]:
    binary, driver = _chromium(), shutil.which(CHROMEDRIVER)
    if binary is None or driver is None:
        pytest.fail(
            "the HTML report is tested in chromium: apt-get install -y chromium chromium-driver"
        )
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for flag in (
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--window-size=1200,700", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-extensions",
    ):  # fmt: skip
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    chrome = webdriver.Chrome(options=options, service=Service(executable_path=driver))
    try:
        yield chrome
    finally:
        chrome.quit()


def _cli(*args: str) -> None:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="module")
def conflict(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, StructuredSummary]:
    """examples/conflict.txt through the offline extractor, as the user would run it."""
    folder = tmp_path_factory.mktemp("html")
    page, summary = folder / "report.html", folder / "summary.json"
    common = [str(EXAMPLES / "conflict.txt"), "-m", "offline", "--published", PUBLISHED["conflict"]]
    _cli("summarize", *common, "-f", "html", "-o", str(page))
    _cli("summarize", *common, "-f", "json", "-o", str(summary))
    return page, StructuredSummary.model_validate_json(summary.read_text(encoding="utf-8"))


def _console(chrome: webdriver.Chrome) -> list[dict[str, Any]]:
    """What the page logged since last asked: a blocked style or script says so here."""
    entries: list[dict[str, Any]] = chrome.get_log("browser")  # type: ignore[no-untyped-call]
    return entries


def _open(chrome: webdriver.Chrome, page: Path) -> None:
    chrome.get(page.as_uri())
    _console(chrome)  # what an earlier page logged is not this one's
    assert chrome.execute_script("return document.documentElement.classList.contains('js')"), (
        "the page's script did not run (a Content-Security-Policy hash that does not match?)"
    )


def _evidence(summary: StructuredSummary) -> dict[str, list[Evidence]]:
    """Each fact's evidence by the id the page gives it."""
    facts: dict[str, list[Evidence]] = {}
    for i, p in enumerate(summary.key_points):
        facts[f"kp{i}"] = p.evidence
    for i, e in enumerate(summary.events):
        facts[f"ev{i}"] = e.evidence
        for j, q in enumerate(e.quantities):
            facts[f"ev{i}q{j}"] = q.evidence
    for i, c in enumerate(summary.claims):
        facts[f"cl{i}"] = c.evidence
    for i, a in enumerate(summary.actors):
        facts[f"ac{i}"] = a.evidence
    return {k: v for k, v in facts.items() if v}


def _marks(chrome: webdriver.Chrome) -> list[dict[str, Any]]:
    marks: list[dict[str, Any]] = chrome.execute_script(
        "return Array.from(document.querySelectorAll('#text mark')).map(m => ({"
        "id: m.id, text: m.textContent, start: +m.dataset.start, end: +m.dataset.end,"
        "facts: m.dataset.facts.split(' '), off: m.classList.contains('off'),"
        "background: getComputedStyle(m).backgroundColor}))"
    )
    return marks


def _in_view(chrome: webdriver.Chrome, element: WebElement) -> bool:
    inside: bool = chrome.execute_script(
        "const r = arguments[0].getBoundingClientRect();"
        "return r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight",
        element,
    )
    return inside


def test_every_mark_is_the_passage_its_quotes_name(
    browser: webdriver.Chrome, conflict: tuple[Path, StructuredSummary]
) -> None:
    page, summary = conflict
    _open(browser, page)
    text = summary.source.text
    marks = _marks(browser)
    assert marks
    for mark in marks:
        assert mark["text"] == text[mark["start"] : mark["end"]]
    evidence = _evidence(summary)
    assert {f for m in marks for f in m["facts"]} == set(evidence)
    quotes = 0
    for fact, spans in evidence.items():
        for ev in spans:
            pieces = sorted(
                (m["start"], m["text"])
                for m in marks
                if fact in m["facts"] and ev.start <= m["start"] and m["end"] <= ev.end
            )
            assert "".join(t for _, t in pieces) == ev.quote, (fact, ev.quote)
            assert pieces[0][0] == ev.start
            quotes += 1
    assert quotes == summary.metadata.grounding.quotes - summary.metadata.grounding.dropped
    # Overlapping spans were split: some mark serves more than one fact.
    assert any(len(m["facts"]) > 1 for m in marks)
    assert _console(browser) == []


def test_clicking_a_fact_brings_its_passage_into_view_and_hovering_a_mark_lights_its_facts(
    browser: webdriver.Chrome, conflict: tuple[Path, StructuredSummary]
) -> None:
    page, _ = conflict
    _open(browser, page)
    # The fact whose link and passage are furthest apart on the page.
    fact_id, mark_id = browser.execute_script(
        "const facts = JSON.parse(document.getElementById('data').textContent).facts;"
        "let best = null, gap = -1;"
        "for (const [id, {marks}] of Object.entries(facts)) {"
        "  if (!marks.length) continue;"
        "  const a = document.getElementById(id).getBoundingClientRect().top + scrollY;"
        "  const m = document.getElementById(marks[0]).getBoundingClientRect().top + scrollY;"
        "  if (Math.abs(a - m) > gap) { gap = Math.abs(a - m); best = [id, marks[0]]; }"
        "}"
        "return best;"
    )
    link = browser.find_element(By.CSS_SELECTOR, f"#{fact_id} > a")
    mark = browser.find_element(By.ID, mark_id)
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", link)
    assert not _in_view(browser, mark), "the test needs a passage out of view before the click"
    link.click()
    assert _in_view(browser, mark)
    assert "active" in (mark.get_attribute("class") or "").split()
    assert "active" in (browser.find_element(By.ID, fact_id).get_attribute("class") or "")

    hovered = browser.find_element(By.CSS_SELECTOR, "#text mark")
    ActionChains(browser).move_to_element(hovered).perform()
    facts = (hovered.get_attribute("data-facts") or "").split()
    lit = browser.execute_script(
        "return Array.from(document.querySelectorAll('li.fact.lit')).map(e => e.id)"
    )
    assert facts and sorted(lit) == sorted(facts)
    browser.execute_script("window.scrollTo(0, 0)")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shot = ARTIFACTS / "html-report.png"
    assert browser.save_screenshot(str(shot))
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def _uncheck(browser: webdriver.Chrome, kind: str, value: str) -> None:
    boxes = browser.find_elements(By.CSS_SELECTOR, f'input[data-filter="{kind}"]')
    (box,) = [b for b in boxes if b.get_attribute("value") == value]
    assert box.is_selected()
    box.click()


def _facts_shown(browser: webdriver.Chrome) -> dict[str, bool]:
    return {li.get_attribute("id") or "": li.is_displayed() for li in _fact_items(browser)}


def _fact_items(browser: webdriver.Chrome) -> list[WebElement]:
    return browser.find_elements(By.CSS_SELECTOR, "li.fact")


@pytest.mark.parametrize("kind", ["type", "source"])
def test_a_filter_hides_its_facts_and_the_marks_only_they_rest_on(
    browser: webdriver.Chrome, conflict: tuple[Path, StructuredSummary], kind: str
) -> None:
    page, summary = conflict
    _open(browser, page)
    items = {li.get_attribute("id") or "": li for li in _fact_items(browser)}
    values = {li.get_attribute(f"data-{kind}") for li in items.values()} - {None}
    assert len(values) > 1
    hid_a_mark = False
    for value in sorted(v for v in values if v is not None):
        _open(browser, page)
        assert all(_facts_shown(browser).values())
        _uncheck(browser, kind, value)
        items = {li.get_attribute("id") or "": li for li in _fact_items(browser)}
        hidden = {
            fid
            for fid, li in items.items()
            if li.get_attribute(f"data-{kind}") == value
            # a figure inside a hidden event goes with it
            or any(
                p.get_attribute(f"data-{kind}") == value
                for p in li.find_elements(By.XPATH, "ancestor::li[contains(@class,'fact')]")
            )
        }
        assert hidden
        assert {fid for fid, shown in _facts_shown(browser).items() if not shown} == hidden
        marks = _marks(browser)
        expected_off = {m["id"] for m in marks if set(m["facts"]) <= hidden}
        assert {m["id"] for m in marks if m["off"]} == expected_off
        for m in marks:
            assert (m["background"] == "rgba(0, 0, 0, 0)") == (m["id"] in expected_off)
        hid_a_mark |= bool(expected_off)
        _uncheck_again = browser.find_elements(By.CSS_SELECTOR, "input[data-filter]:not(:checked)")
        for box in _uncheck_again:
            box.click()
        assert all(_facts_shown(browser).values())
        assert not any(m["off"] for m in _marks(browser))
    assert hid_a_mark
    assert summary.events


def test_article_and_model_payloads_stay_text(
    browser: webdriver.Chrome, fake: FakeOpenAI, tmp_path: Path
) -> None:
    fake.add(xss_answer, xss_answer, xss_answer)  # the place is re-asked for twice, then dropped
    summary = summarize(fake, XSS_ARTICLE, published=PUBLISHED["disaster"])
    assert SCRIPT in summary.source.text and IMG in summary.source.text
    assert summary.claims and summary.key_points and summary.diagnostics.dropped
    page = tmp_path / "xss.html"
    page.write_text(render(summary, "html"), encoding="utf-8")
    _open(browser, page)
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text  # noqa: B018 (reading it is the check)
    assert browser.execute_script("return typeof window.pwned") == "undefined"
    assert browser.execute_script("return document.querySelectorAll('img').length") == 0
    assert browser.execute_script("return document.scripts.length") == 2
    shown: str = browser.execute_script("return document.body.textContent")
    # The embedded JSON carries the model's words too: they come back whole, as a tooltip.
    tips = browser.execute_script(
        "return Array.from(document.querySelectorAll('#text mark')).map(m => m.title)"
    )
    assert any(f"claim: A poster said so {CLOSE}" in tip for tip in tips)
    assert any(f"key point: The sign read {SCRIPT}" in tip for tip in tips)
    for payload in (SCRIPT, IMG, CLOSE):
        assert payload in shown
    assert f"Floods {SCRIPT}" == browser.find_element(By.TAG_NAME, "h1").text
    dropped = browser.find_element(By.CSS_SELECTOR, ".dropped").get_attribute("textContent")
    assert "not grounded" in (dropped or "") and f"Valmora {SCRIPT}" in (dropped or "")
    # The page still works with the payloads in it: the marks are the quotes, clicks light.
    text = summary.source.text
    for mark in _marks(browser):
        assert mark["text"] == text[mark["start"] : mark["end"]]
    browser.find_element(By.CSS_SELECTOR, "#cl0 > a").click()
    assert "active" in (browser.find_element(By.ID, "cl0").get_attribute("class") or "")
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text  # noqa: B018
    assert browser.execute_script("return typeof window.pwned") == "undefined"
    assert _console(browser) == []


def test_the_page_is_self_contained_and_its_data_cannot_end_its_script(
    conflict: tuple[Path, StructuredSummary],
) -> None:
    """No asset is fetched from anywhere, and the embedded JSON reads back as it was."""
    page, _ = conflict
    html = page.read_text(encoding="utf-8")
    for attribute in ("src=", "<link", "@import", "url("):
        assert attribute not in html
    assert "Content-Security-Policy" in html and "default-src 'none'" in html
    data = html.split('<script type="application/json" id="data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in data
    assert json.loads(data)["facts"]


def test_html_is_refused_for_a_file_of_records(tmp_path: Path) -> None:
    records = tmp_path / "articles.jsonl"
    records.write_text(json.dumps({"text": "Flood waters rose in Valmora."}) + "\n")
    result = CliRunner().invoke(app, ["summarize", str(records), "-m", "offline", "-f", "html"])
    assert result.exit_code == 2
    assert "one article" in result.output
