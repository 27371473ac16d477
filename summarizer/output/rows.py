"""Event rows: a summary as a table of one row per event, for CSV (``-f csv``) and JSON Lines
(``-f jsonl``), to be read by pandas, a spreadsheet or an ACLED-style pipeline.

One row per event, as ACLED has one row per event: a row's figure columns (``counted``,
``of_whom``, ``low``, ``high``, ``qualifier``, ``unit``, ``quantity_text``) hold the event's
*first* quantity, and ``quantities`` says how many it has (the others are in ``-f json``). An
event with no quantity leaves them empty. Likewise the evidence columns hold the first quote
and ``evidence_count`` counts them all. The columns, in order, are ``COLUMNS``.

CSV is RFC 4180 (the stdlib ``csv`` writer: fields quoted when they hold a comma, a quote or a
line break; CRLF line ends), UTF-8, with a header row. An empty cell is a missing value.
Cells are terminal-safe (``output.terminal.printable``): nothing in them acts on a terminal
when the file is shown with ``cat``. JSON Lines has the same keys, with ``null`` for a missing
value and numbers as numbers.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable

from summarizer.output.terminal import json_safe, printable
from summarizer.schema import Event, Quantity, StructuredSummary

COLUMNS: tuple[str, ...] = (
    "article_id",  # the input's id (batch), the file or URL (summarize); else the source URL
    "headline",
    "event_index",  # 0-based position in the summary's events ("events[3]" in diagnostics)
    "date_start",  # ISO date, the first day the time words can mean
    "date_end",
    "date_precision",  # day, week, month, year, unknown
    "date_text",  # the time words as written
    "type",  # schema.EventType
    "description",
    "actors",  # "name (role); name (role)"
    "place",
    "country",
    "counted",  # first quantity: schema.Counted
    "of_whom",
    "low",  # parsed lower bound; empty when open
    "high",  # parsed upper bound; empty when open
    "qualifier",  # schema.Qualifier: exact, about, nearly, at_least…
    "unit",  # USD, EUR, %… or empty for a plain count
    "quantity_text",  # the number words as written
    "quantity_source",  # who gives the first quantity: its own attribution, else the event's
    "quantities",  # how many quantities the event has
    "source",  # who says so: the event's attribution, else its first quantity's
    "source_kind",  # schema.SourceKind
    "speech",  # how it was said: stated, reported, alleged…
    "certainty",
    "evidence_quote",  # first evidence quote, verbatim
    "evidence_start",  # its character offsets in source.text
    "evidence_end",
    "evidence_count",
)

Cell = str | int | float | None
Row = dict[str, Cell]


def event_rows(summary: StructuredSummary, article_id: str | None = None) -> list[Row]:
    """One row per event of ``summary`` (see the module). ``article_id`` defaults to the
    source's URL (or nothing)."""
    ident = article_id if article_id is not None else summary.source.url
    return [_row(summary, ident, index, e) for index, e in enumerate(summary.events)]


def _row(summary: StructuredSummary, ident: str | None, index: int, e: Event) -> Row:
    q = e.quantities[0] if e.quantities else None
    said = e.attribution or (q.attribution if q is not None else None)
    ev = e.evidence[0]
    row: Row = {
        "article_id": ident,
        "headline": summary.headline,
        "event_index": index,
        "date_start": e.when.start.isoformat() if e.when and e.when.start else None,
        "date_end": e.when.end.isoformat() if e.when and e.when.end else None,
        "date_precision": e.when.precision.value if e.when else None,
        "date_text": e.when.text if e.when else None,
        "type": e.type.value,
        "description": e.description,
        "actors": "; ".join(f"{a.name} ({a.role.value})" for a in e.actors) or None,
        "place": e.where.text if e.where else None,
        "country": e.where.country if e.where else None,
        "counted": q.counted.value if q else None,
        "of_whom": q.of_whom if q else None,
        "low": q.low if q else None,
        "high": q.high if q else None,
        "qualifier": q.qualifier.value if q else None,
        "unit": q.unit if q else None,
        "quantity_text": q.text if q else None,
        "quantity_source": _figure_source(q, e),
        "quantities": len(e.quantities),
        "source": said.source if said else None,
        "source_kind": said.kind.value if said else None,
        "speech": said.how.value if said else None,
        "certainty": e.certainty.value,
        "evidence_quote": ev.quote,
        "evidence_start": ev.start,
        "evidence_end": ev.end,
        "evidence_count": len(e.evidence),
    }
    return {
        name: printable(value) if isinstance(value, str) else value for name, value in row.items()
    }


def _figure_source(q: Quantity | None, e: Event) -> str | None:
    """Who gives the row's figure: the figure's own source, which may not be the event's (the
    ministry states the event, hospital officials give the toll)."""
    said = (q.attribution if q is not None else None) or (e.attribution if q is not None else None)
    return said.source if said else None


def _csv_cell(value: Cell) -> str | int | float:
    """A cell as CSV writes it: empty for missing, whole numbers without '.0' (a count of
    3000 reads back as 3000, not 3000.0)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def to_csv(rows: Iterable[Row], *, header: bool = True) -> str:
    """``rows`` as CSV text (RFC 4180), with the header row unless ``header`` is false."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    if header:
        writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([_csv_cell(row[name]) for name in COLUMNS])
    return out.getvalue()


def to_jsonl(rows: Iterable[Row]) -> str:
    """``rows`` as JSON Lines: one object a line, its keys in ``COLUMNS`` order."""
    return "".join(
        json_safe(json.dumps({name: row[name] for name in COLUMNS}, ensure_ascii=False)) + "\n"
        for row in rows
    )
