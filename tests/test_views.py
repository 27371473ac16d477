"""Event rows (``-f csv``, ``-f jsonl``, ``batch -f csv``) and the human views (``-f md``,
``-f table``): one row per event with the documented columns, bounds in words, contested
figures side by side, dropped items listed."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from summarizer import summarize
from summarizer.cli import ExitCode
from summarizer.output.formats import render
from summarizer.output.phrases import bounds, contested
from summarizer.output.rows import COLUMNS
from summarizer.schema import (
    Attribution,
    Certainty,
    Counted,
    Diagnostics,
    DroppedItem,
    Event,
    EventActor,
    EventType,
    Evidence,
    KeyPoint,
    MatchKind,
    Place,
    Qualifier,
    Quantity,
    SourceKind,
    Speech,
    StructuredSummary,
    When,
)
from summarizer.schema import DatePrecision as Precision
from tests.conftest import EXAMPLES
from tests.test_cli import run
from tests.test_faults import ARTICLE

EXAMPLE_FILES = sorted(EXAMPLES.glob("*.txt"))


def offline(path: Path, format: str) -> str:
    result = run("summarize", str(path), "-m", "offline", "-f", format)
    assert result.exit_code == 0, result.stderr
    return str(result.stdout)


def read_csv(text: str) -> tuple[list[str], list[dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    rows = list(reader)
    return list(reader.fieldnames or []), rows


# ------------------------------------------------------------------------------ rows


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.name)
def test_csv_has_the_documented_columns_and_one_row_per_event(path: Path) -> None:
    summary = json.loads(offline(path, "json"))
    columns, rows = read_csv(offline(path, "csv"))
    assert columns == list(COLUMNS)
    assert len(rows) == len(summary["events"]) > 0
    text = summary["source"]["text"]
    for index, (row, event) in enumerate(zip(rows, summary["events"], strict=True)):
        assert row["article_id"] == str(path) and row["headline"] == summary["headline"]
        assert row["event_index"] == str(index) and row["type"] == event["type"]
        assert row["description"] == event["description"]
        assert row["quantities"] == str(len(event["quantities"]))
        assert row["evidence_count"] == str(len(event["evidence"]))
        start, end = int(row["evidence_start"]), int(row["evidence_end"])
        assert text[start:end] == row["evidence_quote"] == event["evidence"][0]["quote"]
        actors = "; ".join(f"{a['name']} ({a['role']})" for a in event["actors"])
        assert row["actors"] == actors
        if event["quantities"]:
            first = event["quantities"][0]
            assert (row["counted"], row["quantity_text"]) == (first["counted"], first["text"])
        else:
            assert row["counted"] == row["low"] == row["quantity_text"] == ""


def test_pandas_reads_one_row_per_event_with_numbers_as_numbers() -> None:
    path = EXAMPLES / "conflict.txt"
    events = json.loads(offline(path, "json"))["events"]
    frame = pd.read_csv(io.StringIO(offline(path, "csv")))
    assert list(frame.columns) == list(COLUMNS) and len(frame) == len(events)
    assert list(frame["event_index"]) == list(range(len(events)))
    nearly = frame[frame["quantity_text"].str.lower() == "close to 3,000"].iloc[0]
    assert nearly["counted"] == "killed_or_injured" and nearly["qualifier"] == "nearly"
    assert pd.isna(nearly["low"]) and nearly["high"] == 3000  # an upper bound only
    between = frame[frame["qualifier"] == "between"].iloc[0]
    assert (between["low"], between["high"]) == (10000, 12000)
    assert frame["high"].dtype.kind == "f" and frame["evidence_start"].dtype.kind == "i"


def test_jsonl_rows_are_the_csv_rows_as_objects() -> None:
    path = EXAMPLES / "conflict.txt"
    _, csv_rows = read_csv(offline(path, "csv"))
    lines = offline(path, "jsonl").splitlines()
    objects = [json.loads(line) for line in lines]
    assert len(objects) == len(csv_rows)
    for obj, row in zip(objects, csv_rows, strict=True):
        assert list(obj) == list(COLUMNS)
        shown = {k: "" if v is None else str(int(v) if isinstance(v, float) else v)
                 for k, v in obj.items()}  # fmt: skip
        assert shown == row
    assert any(obj["high"] == 3000.0 and obj["low"] is None for obj in objects)
    assert all(isinstance(obj["event_index"], int) for obj in objects)


def test_csv_quotes_what_would_break_a_row() -> None:
    tricky = 'A "quoted", comma\nand a second line'
    summary = contested_summary()
    summary.events[0].description = tricky
    text = render(summary, "csv", "id,with comma")
    assert text.startswith(",".join(COLUMNS) + "\r\n")  # RFC 4180: a header, CRLF line ends
    _, rows = read_csv(text)
    assert len(rows) == len(summary.events)
    assert rows[0]["description"] == tricky and rows[0]["article_id"] == "id,with comma"
    assert rows[0]["low"] == "" and rows[0]["high"] == "3000"  # not "3000.0"
    assert rows[0]["source"] == "Zelenskyy" and rows[0]["speech"] == "stated"
    assert rows[0]["date_start"] == "2024-12-20" and rows[0]["date_precision"] == "week"
    assert rows[0]["place"] == "Kursk region" and rows[0]["country"] == "Russia"


def test_records_give_one_header_and_the_rows_of_every_record(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    records = [{"id": "a", "text": ARTICLE}, {"id": "b", "text": " "}, {"text": ARTICLE}]
    source.write_text("".join(json.dumps(r) + "\n" for r in records))
    result = run("summarize", str(source), "-m", "offline", "-f", "csv")
    assert result.exit_code == ExitCode.FAILED  # the empty record
    assert result.stdout.count("article_id,headline") == 1
    _, rows = read_csv(result.stdout)
    ids = [row["article_id"] for row in rows]
    assert ids and set(ids) == {"a", f"{source}:3"} and ids == sorted(ids, key=ids.index)
    assert "2 summarized, 1 failed" in result.stderr


# ------------------------------------------------------------------------------ batch


def batch_inputs(tmp_path: Path) -> Path:
    source = tmp_path / "in.jsonl"
    records = [
        {"id": "z-first", "text": (EXAMPLES / "disaster.txt").read_text()},
        {"id": "empty", "text": " "},  # fails: no rows, and nothing lost silently (stderr)
        {"id": "a-second", "text": (EXAMPLES / "conflict.txt").read_text()},
    ]
    source.write_text("".join(json.dumps(r) + "\n" for r in records))
    return source


def test_batch_writes_the_event_rows_of_every_success_in_input_order(tmp_path: Path) -> None:
    source = batch_inputs(tmp_path)
    out = tmp_path / "events.csv"
    result = run("batch", str(source), "-m", "offline", "-j", "3", "-f", "csv", "-o", str(out))
    assert result.exit_code == ExitCode.FAILED, result.stderr
    assert "summarizer: error: empty: " in result.stderr
    columns, rows = read_csv(out.read_text(encoding="utf-8"))
    assert columns == list(COLUMNS)
    ids = [row["article_id"] for row in rows]
    first, second = ids.count("z-first"), ids.count("a-second")
    assert first and second and ids == ["z-first"] * first + ["a-second"] * second
    conflict = run("summarize", str(EXAMPLES / "conflict.txt"), "-m", "offline", "-f", "json")
    assert second == len(json.loads(conflict.stdout)["events"])
    # A rows file resumes nothing: the next run writes it again, whole, the same.
    before = out.read_bytes()
    again = run("batch", str(source), "-m", "offline", "-f", "csv", "-o", str(out))
    assert again.exit_code == ExitCode.FAILED and out.read_bytes() == before
    assert not list(tmp_path.glob(".*.part"))


def test_batch_jsonl_rows_go_to_standard_output(tmp_path: Path) -> None:
    result = run("batch", str(batch_inputs(tmp_path)), "-m", "offline", "-f", "jsonl")
    objects = [json.loads(line) for line in result.stdout.splitlines()]
    assert objects and all(list(obj) == list(COLUMNS) for obj in objects)
    assert {obj["article_id"] for obj in objects} == {"z-first", "a-second"}
    assert "ok" not in objects[0]  # rows, not results


def test_batch_results_stay_the_default(tmp_path: Path) -> None:
    out = tmp_path / "results.jsonl"
    result = run("batch", str(batch_inputs(tmp_path)), "-m", "offline", "-o", str(out))
    assert result.exit_code == ExitCode.FAILED
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert {line["id"] for line in lines} == {"z-first", "empty", "a-second"}


def test_a_batch_with_no_success_leaves_the_rows_file_as_it_was(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": "empty", "text": " "}) + "\n")
    out = tmp_path / "events.csv"
    out.write_text("kept,as,it,was\n")
    result = run("batch", str(source), "-m", "offline", "-f", "csv", "-o", str(out))
    assert result.exit_code == ExitCode.FAILED
    assert out.read_text() == "kept,as,it,was\n"
    assert "is left as it was" in result.stderr


# ------------------------------------------------------------------------------ views

ZELENSKYY = Attribution(
    source="Zelenskyy", kind=SourceKind.OFFICIAL, how=Speech.STATED, outlet_asserts=False
)
NIS = Attribution(
    source="South Korea's intelligence service",
    kind=SourceKind.INTELLIGENCE,
    how=Speech.ESTIMATED,
    outlet_asserts=False,
)


def quantity(
    counted: Counted, text: str, low: float | None, high: float | None, qualifier: Qualifier,
    attribution: Attribution | None = None, unit: str | None = None,
) -> Quantity:  # fmt: skip
    return Quantity(
        counted=counted, of_whom=None, text=text, low=low, high=high, qualifier=qualifier,
        unit=unit, attribution=attribution, evidence=[],
    )  # fmt: skip


def evidence(start: int, end: int) -> list[Evidence]:
    return [Evidence(quote="x" * (end - start), start=start, end=end, match=MatchKind.EXACT)]


def event(
    description: str, quantities: list[Quantity], attribution: Attribution, start: int
) -> Event:
    return Event(
        type=EventType.DEATH, description=description,
        actors=[EventActor(name="North Korean troops", role="victim")],
        when=When(text="this week", start=date(2024, 12, 20), end=date(2024, 12, 27),
                  precision=Precision.WEEK),
        where=Place(text="Kursk region", country="Russia"), quantities=quantities,
        attribution=attribution, certainty=Certainty.REPORTED, evidence=evidence(start, start + 10),
    )  # fmt: skip


def contested_summary() -> StructuredSummary:
    """Two sources, two numbers for the losses: the views set them side by side."""
    summary = summarize(ARTICLE, model="offline")  # for its source and metadata
    summary.headline = "Losses in Kursk"
    summary.key_points = [KeyPoint(text="Kyiv gives a far higher toll.", evidence=evidence(0, 10))]
    summary.events = [
        event("Troops were killed or wounded.", [quantity(Counted.KILLED_OR_INJURED,
              "close to 3,000", None, 3000, Qualifier.NEARLY)], ZELENSKYY, 0),
        event("Soldiers were killed.", [quantity(Counted.KILLED, "at least 100", 100, None,
              Qualifier.AT_LEAST, NIS)], ZELENSKYY, 20),
        event("Troops were sent.", [quantity(Counted.DEPLOYED, "between 10,000 and 12,000",
              10000, 12000, Qualifier.BETWEEN)], NIS, 40),
    ]  # fmt: skip
    summary.claims = []
    summary.diagnostics = Diagnostics(dropped=[DroppedItem(
        path="events[3].where", value="Pyongyang", reason="not in its evidence", quotes=["q"]
    )])  # fmt: skip
    return summary


@pytest.mark.parametrize(
    ("low", "high", "qualifier", "unit", "shown"),
    [
        (None, 3000, Qualifier.NEARLY, None, "nearly 3,000"),
        (None, 3000, Qualifier.AT_MOST, None, "up to 3,000"),
        (None, 20, Qualifier.LESS_THAN, None, "fewer than 20"),
        (100, None, Qualifier.AT_LEAST, None, "at least 100"),
        (50, None, Qualifier.MORE_THAN, None, "more than 50"),
        (10000, 12000, Qualifier.BETWEEN, None, "between 10,000 and 12,000"),
        (1000, 1000, Qualifier.ABOUT, None, "about 1,000"),
        (41, 41, Qualifier.EXACT, None, "41"),
        (3_000_000, 3_000_000, Qualifier.EXACT, None, "3 million"),  # not "3e+06"
        (1_250_001, 1_250_001, Qualifier.EXACT, None, "1,250,001"),  # no digit lost
        (1.23456e9, 1.23456e9, Qualifier.EXACT, None, "1,234,560,000"),  # not "1,234.56 million"
        (2.31e9, 2.31e9, Qualifier.EXACT, "USD", "USD 2.31 billion"),  # float error is no digit
        (2.5, 2.5, Qualifier.EXACT, "%", "2.5%"),
        (1.2e9, 1.2e9, Qualifier.ABOUT, "USD", "about USD 1.2 billion"),
        (186e6, 214e6, Qualifier.BETWEEN, "EUR", "between EUR 186 million and EUR 214 million"),
        (None, None, Qualifier.UNKNOWN, None, "scores"),
    ],
)
def test_bounds_are_words(
    low: float | None, high: float | None, qualifier: Qualifier, unit: str | None, shown: str
) -> None:
    q = quantity(Counted.KILLED, "scores", low, high, qualifier, unit=unit)
    assert bounds(q) == shown


def test_markdown_sets_contested_figures_side_by_side() -> None:
    md = render(contested_summary(), "md")
    assert "→" not in md and "–3,000" not in md
    assert (
        "- killed: nearly 3,000 killed or injured — Zelenskyy vs. "
        "at least 100 killed — South Korea's intelligence service"
    ) in md
    assert "deployed:" not in md  # one source, one figure: nothing contested
    assert "| # | type | what | when | where | who | how many | says who | certainty |" in md
    # The figure's own source is named when it is not the event's.
    assert "| at least 100 killed — South Korea's intelligence service |" in md
    assert "| between 10,000 and 12,000 deployed |" in md
    assert "| this week [2024-12-20…2024-12-27] | Kursk region (Russia) |" in md
    assert "- Kyiv gives a far higher toll. — Zelenskyy" in md  # a key point and its source
    assert '## Dropped\n\n- events\\[3\\].where "Pyongyang": not in its evidence' in md


def test_the_table_shows_the_same_views() -> None:
    table = render(contested_summary(), "table")
    flat = " ".join(table.split())
    assert "contested figures" in flat and "→" not in table
    assert "nearly 3,000 killed or injured │ Zelenskyy" in flat
    assert "at least 100 killed │ South Korea's intelligence service" in flat
    assert "Kyiv gives a far higher toll. — Zelenskyy" in flat
    assert "events[3].where │ Pyongyang │ not in its evidence" in flat
    for header in ("when", "where", "who", "how many", "says who"):
        assert f"┃ {header}" in table


def test_one_source_with_two_figures_is_not_contested() -> None:
    summary = contested_summary()
    summary.events[1].quantities[0].attribution = None  # now Zelenskyy's too
    assert contested(summary) == []
    for e in summary.events:  # two sources, but money: revenue and profit are not rivals
        e.quantities[0].counted = Counted.MONEY
    summary.events[1].quantities[0].attribution = NIS
    assert contested(summary) == []
    assert "Contested" not in render(summary, "md")
    assert "contested" not in render(summary, "table")


def test_rows_never_replace_a_results_file_unless_forced(tmp_path: Path) -> None:
    source = batch_inputs(tmp_path)
    out = tmp_path / "results.jsonl"
    assert run("batch", str(source), "-m", "offline", "-o", str(out)).exit_code == ExitCode.FAILED
    before = out.read_bytes()
    slip = run("batch", str(source), "-m", "offline", "-f", "csv", "-o", str(out))
    assert slip.exit_code == ExitCode.OUTPUT and out.read_bytes() == before
    assert "holds batch results" in slip.stderr and len(slip.stderr.splitlines()) == 1
    forced = run("batch", str(source), "-m", "offline", "-f", "csv", "-o", str(out), "--force")
    assert forced.exit_code == ExitCode.FAILED
    assert out.read_text(encoding="utf-8").startswith("article_id,headline,")


def test_rows_are_terminal_safe_and_keep_the_words() -> None:
    summary = contested_summary()
    summary.events[0].description = "Troops \x1b[31mwere\x1b[0m killed\x07.\x9b2J"
    summary.events[0].where = Place(
        text="Kursk\x1b]8;;https://evil.example/\x07 region", country=None
    )
    controls = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
    text = render(summary, "csv")
    assert not controls.search(text.replace("\r\n", "\n"))
    _, rows = read_csv(text)
    assert rows[0]["description"] == "Troops were killed." and rows[0]["place"] == "Kursk region"
    jsonl = render(summary, "jsonl")
    assert not controls.search(jsonl) and "evil.example" not in jsonl
    assert json.loads(jsonl.splitlines()[0])["description"] == "Troops were killed."


def test_a_rerun_that_goes_worse_keeps_the_rows_it_did_not_redo(tmp_path: Path) -> None:
    """An article that fails on the rerun (or is never reached) keeps the rows the run before
    wrote for it; one summarised again gets its new rows; --force starts over."""
    import csv as csv_module

    from tests.test_cli import run as cli

    source = tmp_path / "in.jsonl"
    text = (EXAMPLES / "conflict.txt").read_text(encoding="utf-8")
    good = [{"id": "a", "text": text}, {"id": "b", "text": text}]
    source.write_text("".join(json.dumps(r) + "\n" for r in good), encoding="utf-8")
    out = tmp_path / "events.csv"
    assert cli("batch", str(source), "-m", "offline", "-f", "csv", "-o", str(out)).exit_code == 0

    def ids() -> list[str]:
        with out.open(encoding="utf-8", newline="") as fh:
            return [row["article_id"] for row in csv_module.DictReader(fh)]

    before = ids()
    assert set(before) == {"a", "b"}
    worse = [{"id": "a", "text": text}, {"id": "b", "text": " "}]  # b now fails
    source.write_text("".join(json.dumps(r) + "\n" for r in worse), encoding="utf-8")
    assert cli("batch", str(source), "-m", "offline", "-f", "csv", "-o", str(out)).exit_code == 1
    assert sorted(ids()) == sorted(before)  # b's rows are still there
    again = cli("batch", str(source), "-m", "offline", "-f", "csv", "-o", str(out), "--force")
    assert again.exit_code == 1 and set(ids()) == {"a"}


def test_a_time_with_a_start_and_no_end_is_that_day() -> None:
    from datetime import date

    from summarizer.output.phrases import when
    from summarizer.schema import DatePrecision, When

    alone = When(text="on Friday", start=date(2025, 3, 14), end=None, precision=DatePrecision.DAY)
    assert when(alone) == "on Friday [2025-03-14]"
    week = alone.model_copy(update={"text": "last week", "end": date(2025, 3, 16)})
    assert when(week) == "last week [2025-03-14…2025-03-16]"


def test_a_row_says_who_gives_its_figure_when_that_is_not_the_events_source() -> None:
    from summarizer.output.rows import event_rows

    rows = event_rows(contested_summary(), "k")
    # Zelenskyy states the second event; its toll is the intelligence service's.
    assert (rows[1]["source"], rows[1]["quantity_source"]) == (
        ZELENSKYY.source, NIS.source
    )  # fmt: skip
    assert rows[0]["quantity_source"] == ZELENSKYY.source  # no source of its own: the event's


def test_tolls_of_two_places_are_not_contested() -> None:
    """5 killed in one town by the police's count, 12 in another by the army's: two tolls."""
    from summarizer.output.phrases import contested

    summary = contested_summary()
    police = ZELENSKYY.model_copy(update={"source": "police"})
    army = NIS.model_copy(update={"source": "the army", "kind": SourceKind.MILITARY})
    one = event("Five died.", [quantity(Counted.KILLED, "5", 5, 5, Qualifier.EXACT)], police, 0)
    two = event("Twelve died.", [quantity(Counted.KILLED, "12", 12, 12, Qualifier.EXACT)], army, 20)
    one.where = Place(text="Arden", country=None)
    two.where = Place(text="Brisk", country=None)
    summary.events = [one, two]
    assert contested(summary) == []
    two.where = Place(text="Arden", country=None)  # the same town: two sides of one toll
    assert [counted for counted, _ in contested(summary)] == [Counted.KILLED]


def test_summarize_of_records_that_all_fail_leaves_the_output_as_it_was(tmp_path: Path) -> None:
    from tests.test_cli import run as cli

    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": "x", "text": " "}) + "\n", encoding="utf-8")
    out = tmp_path / "events.csv"
    out.write_text("what an earlier run wrote\n", encoding="utf-8")
    result = cli("summarize", str(source), "-m", "offline", "-f", "csv", "-o", str(out))
    assert result.exit_code == 1
    assert out.read_text(encoding="utf-8") == "what an earlier run wrote\n"
    assert "left as it was" in result.stderr
