"""``summarizer timeline``: five related example articles (examples/timeline/, ours) merged.

The acceptance: the timeline of the five related examples merges duplicates and keeps each
source's figure. The first test runs the whole path — the real openai client and instructor
replaying the cassette, batch results written as ``summarizer batch`` writes them, then the
command — and the others build the same summaries from the same scripted answers with no
HTTP at all (``tests.scripted``), to check the formats, the merge rules and the errors.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from summarizer import Summarizer
from summarizer.batch.results import BatchResult, ErrorInfo
from summarizer.cli import ExitCode
from summarizer.draft import ArticleSummary
from summarizer.input.article import Article
from summarizer.pipeline import run as run_pipeline
from summarizer.schema import DatePrecision, StructuredSummary, When
from summarizer.timeline import Entry, Timeline
from tests.conftest import EXAMPLES, RESPONSES
from tests.scripted import Scripted
from tests.test_cli import run

FOLDER = EXAMPLES / "timeline"
MANIFEST: list[dict[str, str]] = json.loads((FOLDER / "manifest.json").read_text("utf-8"))
NAMES = [m["id"] for m in MANIFEST]
DAM, EVACUATION = date(2025, 3, 11), date(2025, 3, 12)


def articles() -> dict[str, Article]:
    """The five examples with their outlets and publication dates (the manifest's)."""
    return {
        m["id"]: Article(
            text=(FOLDER / m["file"]).read_text("utf-8"),
            site=m["site"],
            published=date.fromisoformat(m["published"]),
        )
        for m in MANIFEST
    }


def answer(name: str) -> ArticleSummary:
    text = (RESPONSES / f"timeline_{name}.json").read_text("utf-8")
    return ArticleSummary.model_validate_json(text)


@cache
def summaries() -> dict[str, StructuredSummary]:
    """The summaries the scripted answers make, through the real pipeline, with no HTTP."""
    return {
        name: run_pipeline(article, Scripted(answer(name))) for name, article in articles().items()
    }


def write_results(path: Path, results: list[BatchResult]) -> Path:
    path.write_text("".join(r.model_dump_json() + "\n" for r in results), encoding="utf-8")
    return path


def results_file(path: Path, **changed: StructuredSummary) -> Path:
    made = {**summaries(), **changed}
    return write_results(path, [BatchResult(id=n, ok=True, summary=made[n]) for n in NAMES])


def timeline(*args: str) -> Timeline:
    result = run("timeline", *args)
    assert result.exit_code == 0, result.stderr
    return Timeline.model_validate_json(result.stdout)


def shape(entries: list[Entry]) -> list[tuple[str, date | None, list[str]]]:
    return [(e.type.value, e.start, [r.article for r in e.reports]) for e in entries]


# By publication date: the order an entry lists its reports in.
DAM_REPORTS = [
    "marrin_courier", "valdoria_daily", "north_coast_wire", "lowland_post", "radio_ossen"
]  # fmt: skip
EXPECTED = [
    ("accident", DAM, DAM_REPORTS),
    ("displacement", EVACUATION, ["marrin_courier", "valdoria_daily", "north_coast_wire"]),
    ("protest", date(2025, 3, 14), ["lowland_post"]),
    ("legal", date(2025, 3, 17), ["radio_ossen"]),
    ("accusation", None, ["valdoria_daily"]),
]
FIGURES = {
    ("marrin_courier", "at least 40 people killed — police", 40, None),
    ("valdoria_daily", "Nearly 60 people killed — Governor Anselm Ruud", None, 60),
    ("north_coast_wire", "Between 45 and 50 people killed — the regional health office", 45, 50),
    ("lowland_post", "47 people killed — the provincial coroner", 47, 47),
    ("radio_ossen", "at least 52 killed — the charity Harbourlight Relief", 52, None),
}


@pytest.mark.vcr
@pytest.mark.script(*(f"timeline_{name}" for name in NAMES))
def test_the_five_related_examples_merge_duplicates_and_keep_each_sources_figure(
    llm: Summarizer, vcr: Any, tmp_path: Path
) -> None:
    made = {r.id: r for r in llm.summarize_many(articles(), concurrency=1)}
    assert len(vcr.requests) == 5
    if vcr.record_mode == "none":
        assert vcr.all_played and vcr.play_count == 5
    assert all(made[n].ok for n in NAMES), [made[n].error for n in NAMES]
    grounding = [s.metadata.grounding for n in NAMES if (s := made[n].summary) is not None]
    assert len(grounding) == 5 and all(g.fields_dropped == 0 for g in grounding)
    results = write_results(tmp_path / "results.jsonl", [made[n] for n in NAMES])

    got = timeline(str(results))
    assert shape(got.entries) == EXPECTED  # five articles, eleven events, five entries
    dam, evacuation = got.entries[0], got.entries[1]

    # Every source's toll, as written, with who gave it and the bounds code parsed: none
    # averaged into another, none dropped as a duplicate.
    assert {(r.article, f.label, f.low, f.high) for r in dam.reports for f in r.figures} == FIGURES
    assert all(len(r.figures) == 1 and r.figures[0].counted.value == "killed" for r in dam.reports)

    # Each article's relative dates resolved by its own publication date.
    assert {r.article: (r.when.text, r.when.start, r.when.end) for r in dam.reports if r.when} == {
        "marrin_courier": ("late on Tuesday", DAM, DAM),  # published Wednesday 12 March
        "valdoria_daily": ("two days ago", DAM, DAM),  # Thursday 13
        "north_coast_wire": ("on Tuesday", DAM, DAM),  # Friday 14
        "lowland_post": ("on Tuesday", DAM, DAM),  # Saturday 15
        "radio_ossen": ("last week", date(2025, 3, 10), date(2025, 3, 16)),  # Monday 17
    }
    # The entry's day is its most precise report's: the week of "last week" contains it.
    assert (dam.start, dam.end, dam.precision.value, dam.undated) == (DAM, DAM, "day", False)
    assert {r.article: r.when.text for r in evacuation.reports if r.when} == {
        "marrin_courier": "on Wednesday", "valdoria_daily": "yesterday",
        "north_coast_wire": "on Wednesday",
    }  # fmt: skip
    assert [f.label for r in evacuation.reports for f in r.figures] == [
        "About 6,000 residents displaced — Mayor Petra Solberg",
        "More than 8,000 people displaced — the charity Harbourlight Relief",
    ]
    assert {r.outlet for r in dam.reports} == {m["site"] for m in MANIFEST}
    assert got.entries[-1].undated and got.entries[-1].start is None
    assert [a.id for a in got.articles] == NAMES and got.skipped == []


def test_csv_has_a_row_per_entry_and_report(tmp_path: Path) -> None:
    results = results_file(tmp_path / "results.jsonl")
    result = run("timeline", str(results), "-f", "csv")
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == sum(len(articles) for _, _, articles in EXPECTED) == 11
    dam = [r for r in rows if r["entry"] == "1"]
    assert [r["article"] for r in dam] == DAM_REPORTS
    assert {(r["article"], r["figures"]) for r in dam} == {(a, f) for a, f, _, _ in FIGURES}
    assert {r["start"] for r in dam} == {"2025-03-11"}
    assert [r["when"] for r in dam][-1] == "last week [2025-03-10…2025-03-16]"
    assert rows[-1]["undated"] == "yes" and rows[-1]["type"] == "accusation"


def test_markdown_lists_each_source_under_its_entry(tmp_path: Path) -> None:
    results = results_file(tmp_path / "results.jsonl")
    page = run("timeline", str(results), "-f", "md").stdout
    assert page.startswith("# Timeline\n\n5 articles, 5 events (1 undated).\n")
    headings = [line for line in page.splitlines() if line.startswith("## ")]
    assert headings == [
        "## 2025-03-11 — accident — the town of Ossenford, Ossenford",
        "## 2025-03-12 — displacement — Ossenford, Ossenford and nearby villages",
        "## 2025-03-14 — protest — the regional water board's offices in Ossenford",
        "## 2025-03-17 — legal",
        "## undated — accusation",
    ]
    assert "  - Nearly 60 people killed — Governor Anselm Ruud\n" in page
    assert (
        "- **Radio Ossen** (radio\\_ossen, 2025-03-17) last week \\[2025-03-10…2025-03-16\\]: "
        "The Tolvey Dam failure killed at least 52. (the charity Harbourlight Relief)\n"
        "  - at least 52 killed — the charity Harbourlight Relief\n"
    ) in page
    assert "  - Hundreds people taking part\n" in page


def test_html_is_one_page_with_every_word_escaped(tmp_path: Path) -> None:
    hostile = summaries()["valdoria_daily"]
    event = hostile.events[0].model_copy(
        update={"description": 'Dam <script>alert("x")</script> & more'}
    )
    changed = hostile.model_copy(update={"events": [event, *hostile.events[1:]]})
    results = results_file(tmp_path / "results.jsonl", valdoria_daily=changed)
    out = tmp_path / "timeline.html"
    result = run("timeline", str(results), "-f", "html", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    page = out.read_text("utf-8")
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert "<script" not in page and "src=" not in page and "href=" not in page
    assert "Dam &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more" in page
    assert page.count("<tr>") == 11 + 1  # a row per report, and the header
    assert "Nearly 60 people killed — Governor Anselm Ruud" in page
    md = run("timeline", str(results), "-f", "md").stdout
    assert "\\<script\\>" in md and "<script>" not in md


def test_the_merge_needs_a_shared_place_or_actor(tmp_path: Path) -> None:
    """The same type on the same day is not enough: moved to another town, the health
    office's report is its own entry (and the place rule is what merged it before)."""
    wire = summaries()["north_coast_wire"]
    dam = wire.events[0]
    assert dam.where is not None
    moved = dam.model_copy(update={"where": dam.where.model_copy(update={"text": "Kelby"})})
    changed = wire.model_copy(update={"events": [moved, *wire.events[1:]]})
    got = timeline(str(results_file(tmp_path / "results.jsonl", north_coast_wire=changed)))
    assert [(e.type.value, [r.article for r in e.reports]) for e in got.entries[:2]] == [
        ("accident", [n for n in DAM_REPORTS if n != "north_coast_wire"]),
        ("accident", ["north_coast_wire"]),
    ]


def test_a_shared_actor_merges_reports_whose_places_differ(tmp_path: Path) -> None:
    """The wire's evacuation, moved to Kelby, still names Mayor Petra Solberg, as the
    Courier's does: one entry. Without her it stands alone."""
    wire = summaries()["north_coast_wire"]
    evacuation = wire.events[1]
    assert evacuation.where is not None and evacuation.actors
    kelby = evacuation.where.model_copy(update={"text": "Kelby"})
    moved = evacuation.model_copy(update={"where": kelby})
    changed = wire.model_copy(update={"events": [wire.events[0], moved]})
    got = timeline(str(results_file(tmp_path / "one.jsonl", north_coast_wire=changed)))
    assert shape(got.entries)[1] == EXPECTED[1]
    alone = moved.model_copy(update={"actors": []})
    changed = wire.model_copy(update={"events": [wire.events[0], alone]})
    got = timeline(str(results_file(tmp_path / "two.jsonl", north_coast_wire=changed)))
    assert shape(got.entries)[1:3] == [
        ("displacement", EVACUATION, ["marrin_courier", "valdoria_daily"]),
        ("displacement", EVACUATION, ["north_coast_wire"]),
    ]


def test_a_generic_actor_in_two_places_is_two_events(tmp_path: Path) -> None:
    """ "police" and "people" name anyone's: the wire's evacuation moved to Kelby, with only
    such actors, does not join the Courier's in Ossenford."""
    wire = summaries()["north_coast_wire"]
    evacuation = wire.events[1]
    assert evacuation.where is not None and evacuation.actors
    kelby = evacuation.where.model_copy(update={"text": "Kelby"})
    generic = [evacuation.actors[0].model_copy(update={"name": name}) for name in ("police",
               "people")]  # fmt: skip
    moved = evacuation.model_copy(update={"where": kelby, "actors": generic})
    changed = wire.model_copy(update={"events": [wire.events[0], moved]})
    courier = summaries()["marrin_courier"]  # its evacuation, in Ossenford, by the police too
    events = [e.model_copy(update={"actors": generic}) if e.type.value == "displacement" else e
              for e in courier.events]  # fmt: skip
    police = courier.model_copy(update={"events": events})
    path = results_file(tmp_path / "one.jsonl", north_coast_wire=changed, marrin_courier=police)
    assert ("displacement", EVACUATION, ["north_coast_wire"]) in shape(timeline(str(path)).entries)


def test_a_torn_last_line_is_left_out_with_a_note(tmp_path: Path) -> None:
    """A batch still writing (or killed mid-line) leaves its last line torn: the results
    before it still make a timeline. A torn line anywhere else is an error."""
    path = results_file(tmp_path / "results.jsonl")
    whole = path.read_text("utf-8")
    path.write_text(whole + whole.splitlines()[0][:50], encoding="utf-8")
    result = run("timeline", str(path), "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert len(Timeline.model_validate_json(result.stdout).entries) == 5
    assert f"summarizer: note: skipped {path}: line 6: torn last line" in result.stderr
    path.write_text(whole.splitlines()[0][:50] + "\n" + whole, encoding="utf-8")
    assert run("timeline", str(path)).exit_code == ExitCode.INPUT


def test_summary_files_and_failed_results(tmp_path: Path) -> None:
    """Plain summary JSON files are read too (named by their file); failed results are
    skipped with a note; a repeated id is read once."""
    made = summaries()
    results = write_results(
        tmp_path / "results.jsonl",
        [
            BatchResult(id="marrin_courier", ok=True, summary=made["marrin_courier"]),
            BatchResult(id="gone", ok=False, error=ErrorInfo(kind="provider", message="500")),
        ],
    )
    single = tmp_path / "valdoria.json"
    single.write_text(made["valdoria_daily"].model_dump_json(indent=2), encoding="utf-8")
    result = run("timeline", str(results), str(single), str(results))
    assert result.exit_code == 0, result.stderr
    got = Timeline.model_validate_json(result.stdout)
    assert [a.id for a in got.articles] == ["marrin_courier", "valdoria"]
    assert [(s.id, s.reason) for s in got.skipped] == [
        ("gone", "failed: 500"),
        ("marrin_courier", f"repeated id (in {results})"),
        ("gone", "failed: 500"),
    ]
    assert shape(got.entries)[0] == ("accident", DAM, ["marrin_courier", "valdoria"])
    assert "summarizer: note: skipped gone: failed: 500" in result.stderr
    array = tmp_path / "summaries.json"
    array.write_text("[" + single.read_text("utf-8") + "]", encoding="utf-8")
    got = timeline(str(array))
    assert [a.id for a in got.articles] == ["summaries:1"] and got.articles[
        0
    ].outlet == "Valdoria Daily"
    array.write_text('[{"headline": "x"}]', encoding="utf-8")
    refused = run("timeline", str(array))
    assert refused.exit_code == ExitCode.INPUT
    assert f"{array}: item 1: is not a batch result or a summary (lede" in refused.stderr


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (None, "cannot be read (No such file or directory)"),
        (b"", "is empty"),
        (b"\xff\xfe\x00garbage", "is not UTF-8 text (expected batch results or a summary)"),
        (
            b"a plain article, not JSON\n",
            "line 1: is not a batch result or a summary (not a JSON object)",
        ),
        (b'{"headline": "x"}', "is not a batch result or a summary (lede: Field required)"),
        (
            b'{"id": "a", "ok": true}\n[1]\n',
            "line 2: is not a batch result or a summary (not a JSON object)",
        ),
    ],
)
def test_a_bad_file_is_one_clear_error(tmp_path: Path, content: bytes | None, words: str) -> None:
    path = tmp_path / "bad.jsonl"
    if content is not None:
        path.write_bytes(content)
    result = run("timeline", str(path))
    assert result.exit_code == ExitCode.INPUT
    assert result.stderr.splitlines() == [f"summarizer: error: {path}: {words}"]
    assert result.stdout == ""


def test_a_vague_date_never_chains_two_days_into_one_event(tmp_path: Path) -> None:
    """Protests in Ossenford on Wednesday (Valdoria Daily) and on Friday (the Lowland Post)
    are two events; Radio Ossen's "last week" fits either day, so it joins one of them (the
    first that fits) and does not bridge the two into one."""
    made = summaries()
    march = made["lowland_post"].events[1]
    assert march.when is not None and march.type.value == "protest"

    def protest(name: str, words: str, start: date, end: date, precision: str) -> StructuredSummary:
        when = When(text=words, start=start, end=end, precision=DatePrecision(precision))
        summary = made[name]
        event = march.model_copy(update={"when": when})
        return summary.model_copy(update={"events": [*summary.events, event]})

    path = results_file(
        tmp_path / "results.jsonl",
        valdoria_daily=protest("valdoria_daily", "yesterday", EVACUATION, EVACUATION, "day"),
        radio_ossen=protest(
            "radio_ossen", "last week", date(2025, 3, 10), date(2025, 3, 16), "week"
        ),
    )
    protests = [e for e in timeline(str(path)).entries if e.type.value == "protest"]
    assert [(e.start, e.end, [r.article for r in e.reports]) for e in protests] == [
        (EVACUATION, EVACUATION, ["valdoria_daily", "radio_ossen"]),
        (date(2025, 3, 14), date(2025, 3, 14), ["lowland_post"]),
    ]


def test_two_articles_under_one_id_are_both_kept(tmp_path: Path) -> None:
    """Two days' batches over one feed file give the same ids to different articles: both
    stay in the timeline (the second's id made unique by its file); the very same summary
    read twice is left out once."""
    made = summaries()
    monday = write_results(tmp_path / "monday.jsonl", [
        BatchResult(id="feed.jsonl:1", ok=True, summary=made["marrin_courier"])])  # fmt: skip
    tuesday = write_results(tmp_path / "tuesday.jsonl", [
        BatchResult(id="feed.jsonl:1", ok=True, summary=made["valdoria_daily"])])  # fmt: skip
    got = timeline(str(monday), str(tuesday), str(monday))
    articles = {r.article for e in got.entries for r in e.reports}
    assert articles == {"feed.jsonl:1", f"{tuesday}:feed.jsonl:1"}


def test_a_figure_without_a_source_of_its_own_takes_its_events(tmp_path: Path) -> None:
    courier = summaries()["marrin_courier"]
    dam = next(e for e in courier.events if e.quantities)
    said = dam.quantities[0].attribution
    assert said is not None
    figure = dam.quantities[0].model_copy(update={"attribution": None})
    moved = dam.model_copy(update={"quantities": [figure], "attribution": said})
    events = [moved if e is dam else e for e in courier.events]
    path = results_file(tmp_path / "r.jsonl", marrin_courier=courier.model_copy(
        update={"events": events}))  # fmt: skip
    labels = {f.label for e in timeline(str(path)).entries for r in e.reports
              if r.article == "marrin_courier" for f in r.figures}  # fmt: skip
    assert f"at least 40 people killed — {said.source}" in labels
