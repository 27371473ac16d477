"""One timeline from many articles: the same event told by several outlets is one entry.

The input is what ``summarizer batch`` writes (one ``BatchResult`` a line; failures are
skipped) and plain ``StructuredSummary`` JSON files. Every event of every summary is a
*report*; reports are merged into one *entry* when they are the same kind of event, their
days overlap (a day falls inside the week another outlet wrote as "last week"), and they share
an actor or a place, names compared without regard to case, spacing or punctuation, one
containing the other word for word ("Ossenford" and "the town of Ossenford").

An entry keeps each source's report side by side, figures and who gave them included: five
outlets with five death tolls are five figures in the entry, never one averaged number,
because which source says what is the point of reading several. Events with no resolved date
cannot be placed: they come last, each its own entry, marked undated.

Rendered as JSON (the ``Timeline`` model), CSV (one row per entry and report), Markdown, or a
self-contained HTML page (every article or model word escaped).
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, ValidationError

from summarizer.batch.results import BatchResult
from summarizer.errors import InputError
from summarizer.output import TimelineFormat, markdown
from summarizer.output.phrases import when
from summarizer.output.terminal import json_safe, printable
from summarizer.schema import (
    Attribution,
    Certainty,
    Counted,
    DatePrecision,
    Event,
    EventActor,
    EventType,
    Qualifier,
    Quantity,
    StructuredSummary,
    When,
)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Figure(_Model):
    """One number as one source gave it: kept as written and with its source, so that
    "nearly 60 killed — the governor" and "47 killed — the coroner" stand side by side."""

    counted: Counted
    of_whom: str | None
    text: str
    low: float | None
    high: float | None
    qualifier: Qualifier
    unit: str | None
    source: str | None
    label: str  # "Nearly 60 people killed — Governor Anselm Ruud", for people and tables


class Report(_Model):
    """One article's account of the event: who published it, and what it says."""

    article: str  # the result's id (a plain summary file: its name without .json)
    type: EventType
    outlet: str | None
    title: str | None
    published: date | None
    url: str | None
    description: str
    when: When | None
    where: str | None
    actors: list[EventActor]
    figures: list[Figure]
    attribution: Attribution | None
    certainty: Certainty
    evidence: list[str]


class Entry(_Model):
    """One event of the timeline. ``start``/``end`` are the days every dated report allows
    (the day of one inside another's "last week"), ``precision`` that of the most precise
    report (``day`` for a single day); ``undated`` when no report resolved a date."""

    type: EventType
    start: date | None
    end: date | None
    precision: DatePrecision
    undated: bool
    places: list[str]
    reports: list[Report]


class Article(_Model):
    id: str
    outlet: str | None
    title: str | None
    published: date | None
    url: str | None


class Skipped(_Model):
    id: str
    reason: str


class Timeline(_Model):
    articles: list[Article]
    entries: list[Entry]
    skipped: list[Skipped]


@dataclass(frozen=True)
class Loaded:
    """A summary read from a file, under the id that names its article."""

    id: str
    summary: StructuredSummary


# Reading


def read(paths: Sequence[Path]) -> tuple[list[Loaded], list[Skipped]]:
    """The summaries of ``paths`` in order, and what was left out (failed results, an id
    seen before). ``InputError``, one line naming the file (and line), for a file that cannot
    be read or is neither results nor a summary."""
    loaded: list[Loaded] = []
    skipped: list[Skipped] = []
    seen: dict[str, StructuredSummary] = {}
    for path in paths:
        for ident, outcome in _records(path):
            if isinstance(outcome, str):
                skipped.append(Skipped(id=ident, reason=outcome))
                continue
            if ident in seen:
                if _same_summary(seen[ident], outcome):  # the same article read twice
                    skipped.append(Skipped(id=ident, reason=f"repeated id (in {path})"))
                    continue
                # Another article under the same id (two days' batches over one feed file,
                # two folders' summary.json): kept, its id made unique by its file.
                ident = f"{path}:{ident}"
            seen[ident] = outcome
            loaded.append(Loaded(ident, outcome))
    return loaded, skipped


def _same_summary(a: StructuredSummary, b: StructuredSummary) -> bool:
    """The same article summarised the same way (the run's latency apart)."""
    return (a.source.text, a.events) == (b.source.text, b.events)


def _records(path: Path) -> Iterator[tuple[str, StructuredSummary | str]]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror})") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(
            f"{path}: is not UTF-8 text (expected batch results or a summary)"
        ) from None
    if not text.strip():
        raise InputError(f"{path}: is empty")
    try:
        whole = json.loads(text)
    except (ValueError, RecursionError):
        whole = None  # JSON Lines (or not JSON at all: each line says)
    if isinstance(whole, dict):
        yield _record(whole, path, None)
        return
    if isinstance(whole, list):  # a JSON array of results or summaries: each by its place
        for number, value in enumerate(whole, start=1):
            yield _record(value, path, number, item=True)
        return
    lines = text.splitlines()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except (ValueError, RecursionError):
            if number == len(lines) and not text.endswith("\n"):
                # A batch still running (or killed mid-write) leaves its last line torn: the
                # results so far make a timeline, and that article is named as left out.
                yield f"{path}: line {number}", "torn last line (a batch still writing?)"
                return
            value = None
        yield _record(value, path, number)


def _record(
    value: object, path: Path, line: int | None, *, item: bool = False
) -> tuple[str, StructuredSummary | str]:
    where = str(path) if line is None else f"{path}: {'item' if item else 'line'} {line}"
    if not isinstance(value, dict):
        raise InputError(f"{where}: is not a batch result or a summary (not a JSON object)")
    try:
        if "ok" in value and "id" in value:
            result = BatchResult.model_validate(value)
            if not result.ok or result.summary is None:
                why = result.error.message if result.error else "no summary"
                return result.id, f"failed: {why}"
            return result.id, result.summary
        stem = path.name.removesuffix(".json")
        return (stem if line is None else f"{stem}:{line}"), StructuredSummary.model_validate(value)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(part) for part in first["loc"]) or "the record"
        raise InputError(
            f"{where}: is not a batch result or a summary ({field}: {first['msg']})"
        ) from None


# Merging


def build(loaded: Iterable[Loaded], skipped: Sequence[Skipped] = ()) -> Timeline:
    """The timeline of ``loaded``: reports merged into entries, entries by date, undated last."""
    articles: list[Article] = []
    reports: list[Report] = []
    for item in loaded:
        source = item.summary.source
        outlet = _outlet(item.summary)
        articles.append(
            Article(
                id=item.id,
                outlet=outlet,
                title=source.title,
                published=source.published,
                url=source.url,
            )
        )
        reports += [_report(item.id, outlet, item.summary, event) for event in item.summary.events]
    groups = _merge(reports)
    entries = sorted((_entry(group) for group in groups), key=_order)
    return Timeline(articles=articles, entries=entries, skipped=list(skipped))


def _outlet(summary: StructuredSummary) -> str | None:
    if summary.source.site:
        return summary.source.site
    if summary.source.url:
        try:
            host = urlsplit(summary.source.url).hostname
        except ValueError:  # "http://[::1": no host to name
            return None
        return host.removeprefix("www.") if host else None
    return None


def _report(ident: str, outlet: str | None, summary: StructuredSummary, event: Event) -> Report:
    source = summary.source
    return Report(
        article=ident,
        type=event.type,
        outlet=outlet,
        title=source.title,
        published=source.published,
        url=source.url,
        description=event.description,
        when=event.when,
        where=event.where.text if event.where else None,
        actors=event.actors,
        figures=[_figure(q, outlet, event.attribution) for q in event.quantities],
        attribution=event.attribution,
        certainty=event.certainty,
        evidence=[ev.quote for ev in event.evidence],
    )


def _figure(q: Quantity, outlet: str | None, events: Attribution | None) -> Figure:
    """A figure with who gives it: its own source, else its event's (as the report shows)."""
    source = None
    said = q.attribution or events
    if said is not None:
        source = outlet if said.outlet_asserts and outlet else said.source
    what = _AFTER.get(q.counted, q.counted.value.replace("_", " "))
    words = " ".join(part for part in (q.text, q.of_whom or "", what) if part)
    return Figure(
        counted=q.counted, of_whom=q.of_whom, text=q.text, low=q.low, high=q.high,
        qualifier=q.qualifier, unit=q.unit, source=source,
        label=words + (f" — {source}" if source else ""),
    )  # fmt: skip


# What follows the number where the count's own name does not read ("killed", "displaced"
# and "killed or injured" do): nothing after "$2 billion" or "12%", "taking part" after
# "Hundreds people".
_AFTER = {
    Counted.MONEY: "", Counted.PERCENTAGE: "", Counted.OTHER: "",
    Counted.PARTICIPANTS: "taking part",
}  # fmt: skip
_WORDS = re.compile(r"\w+")


def _words(name: str) -> tuple[str, ...]:
    return tuple(_WORDS.findall(name.casefold()))


def _contains(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """One word sequence inside the other ("ossenford" in "the town of ossenford")."""
    if not a or not b:
        return False
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    return any(long[i : i + len(short)] == short for i in range(len(long) - len(short) + 1))


def _names(report: Report) -> list[tuple[str, ...]]:
    return [_words(actor.name) for actor in report.actors]


def _specific(name: str) -> bool:
    """A name that tells one actor from another: a proper name ("Ossen Dam authority",
    "Governor Ruud") or several words; "police", "people", "residents" name anyone's."""
    return any(ch.isupper() for ch in name) or len(_words(name)) > 1


def _same(a: Report, b: Report) -> bool:
    """Two dated reports of one type (checked by the caller) tell the same event: the same
    place, or a specific actor in common (a proper name: "Petra Solberg" in "Ossenford" and in
    "the valley" is one evacuation; "police" at a protest in Paris and in Berlin is not), or
    one's place named as the other's actor. Two events of one article are two events."""
    if a.article == b.article:
        return False
    if a.where and b.where and _contains(_words(a.where), _words(b.where)):
        return True
    mine = [_words(x.name) for x in a.actors if _specific(x.name)]
    theirs = [_words(x.name) for x in b.actors if _specific(x.name)]
    if any(_contains(x, y) for x in mine for y in theirs):
        return True
    return (a.where is not None and any(_contains(_words(a.where), y) for y in theirs)) or (
        b.where is not None and any(_contains(_words(b.where), x) for x in mine)
    )


def _span(report: Report) -> tuple[date, date] | None:
    w = report.when
    if w is None or w.start is None:
        return None
    return w.start, w.end or w.start


def _merge(reports: list[Report]) -> list[list[Report]]:
    """Reports grouped into events (union-find): per type, a sweep by start day compares each
    report only with those whose days are not over yet, so a large batch stays fast.

    Two groups join only when some day fits every report of both, and never when they hold
    two reports of one article: otherwise one vague "last week" would chain Monday's protest
    and Friday's into one, and an article's two events would become one through a third."""
    parent = list(range(len(reports)))
    days: dict[int, tuple[date, date]] = {}
    articles: dict[int, set[str]] = {i: {r.article} for i, r in enumerate(reports)}

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(i: int, j: int) -> None:
        a, b = root(i), root(j)
        if a == b or articles[a] & articles[b]:
            return
        start, end = max(days[a][0], days[b][0]), min(days[a][1], days[b][1])
        if start > end:
            return
        parent[a] = b
        days[b] = (start, end)
        articles[b] |= articles.pop(a)

    dated: dict[EventType, list[tuple[date, date, int]]] = {}
    for i, report in enumerate(reports):
        span = _span(report)
        if span is not None:
            days[i] = span
            dated.setdefault(report.type, []).append((*span, i))
    for spans in dated.values():
        spans.sort()
        active: list[tuple[date, date, int]] = []
        for start, end, i in spans:
            active = [a for a in active if a[1] >= start]
            for _, _, j in active:
                if _same(reports[i], reports[j]):
                    join(i, j)
            active.append((start, end, i))
    groups: dict[int, list[Report]] = {}
    for i, report in enumerate(reports):
        groups.setdefault(root(i), []).append(report)
    return list(groups.values())


def _entry(group: list[Report]) -> Entry:
    reports = sorted(group, key=lambda r: (r.published or date.max, r.article))
    spans = [(s, r) for r in reports if (s := _span(r)) is not None]
    places: list[str] = []
    for r in reports:
        if r.where and r.where not in places:
            places.append(r.where)
    kind = reports[0].type
    if not spans:
        return Entry(
            type=kind, start=None, end=None, precision=DatePrecision.UNKNOWN, undated=True,
            places=places, reports=reports,
        )  # fmt: skip
    # The days every report allows (the merge kept them overlapping): a day inside a week.
    start = max(span[0] for span, _ in spans)
    end = min(span[1] for span, _ in spans)
    _, best = min(spans, key=lambda s: s[0][1] - s[0][0])
    precision = DatePrecision.DAY if start == end else DatePrecision.UNKNOWN
    if start != end and best.when is not None:
        precision = best.when.precision
    return Entry(
        type=kind, start=start, end=end, precision=precision, undated=False, places=places,
        reports=reports,
    )  # fmt: skip


def _order(entry: Entry) -> tuple[bool, date, date, str]:
    return (entry.undated, entry.start or date.max, entry.end or date.max, entry.type.value)


# Rendering


def render(timeline: Timeline, format: TimelineFormat) -> str:
    """``timeline`` in ``format``; every format ends with a newline."""
    if format == "json":
        return json_safe(timeline.model_dump_json(indent=2)) + "\n"
    if format == "csv":
        return to_csv(timeline)
    if format == "md":
        return to_markdown(timeline)
    return to_html(timeline)


def day(entry: Entry) -> str:
    """'2025-03-11', '2025-03-10…2025-03-16 (week)' or 'undated'."""
    if entry.start is None:
        return "undated"
    if entry.start == entry.end:
        return entry.start.isoformat()
    return f"{entry.start}…{entry.end} ({entry.precision.value})"


def _when(report: Report) -> str:
    return when(report.when)  # the one wording of a time and its days (output.phrases)


def _said(report: Report) -> str:
    a = report.attribution
    if a is None:
        return ""
    return report.outlet or "the outlet" if a.outlet_asserts else a.source


CSV_COLUMNS = [
    "entry", "start", "end", "precision", "undated", "type", "places", "article", "outlet",
    "title", "published", "when", "where", "description", "figures", "attribution",
    "certainty", "url",
]  # fmt: skip


def to_csv(timeline: Timeline) -> str:
    """One row per entry and report (an entry of three outlets is three rows with the same
    ``entry`` number); a report's figures are one cell, "; " between them."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for number, entry in enumerate(timeline.entries, start=1):
        for r in entry.reports:
            cells = [
                str(number), str(entry.start or ""), str(entry.end or ""),
                entry.precision.value, "yes" if entry.undated else "no", entry.type.value,
                "; ".join(entry.places), r.article, r.outlet or "", r.title or "",
                str(r.published or ""), _when(r), r.where or "", r.description,
                "; ".join(f.label for f in r.figures), _said(r), r.certainty.value, r.url or "",
            ]  # fmt: skip
            writer.writerow([printable(cell, keep="") for cell in cells])
    return out.getvalue()


def _count(timeline: Timeline) -> str:
    undated = sum(e.undated for e in timeline.entries)
    line = f"{len(timeline.articles)} articles, {len(timeline.entries)} events"
    if undated:
        line += f" ({undated} undated)"
    if timeline.skipped:
        line += f"; {len(timeline.skipped)} results skipped"
    return line + "."


def to_markdown(timeline: Timeline) -> str:
    """A heading per entry (its day, type and places), a bullet per source's report and a
    sub-bullet per figure with who gave it. Article and model words are escaped."""
    text = markdown.text
    lines = ["# Timeline", "", _count(timeline)]
    for entry in timeline.entries:
        places = f" — {text(', '.join(entry.places))}" if entry.places else ""
        lines += ["", f"## {text(day(entry))} — {entry.type.value}{places}", ""]
        for r in entry.reports:
            who = text(r.outlet or r.article)
            meta = ", ".join(text(part) for part in (r.article, str(r.published or "")) if part)
            when = f" {text(_when(r))}" if r.when else ""
            said = f" ({text(_said(r))})" if _said(r) else ""
            lines.append(f"- **{who}** ({meta}){when}: {text(r.description)}{said}")
            lines += [f"  - {text(f.label)}" for f in r.figures]
    for s in timeline.skipped:
        lines.append(f"\nSkipped {text(s.id)}: {text(s.reason)}")
    return "\n".join(lines) + "\n"


_STYLE = (
    "body{font-family:system-ui,sans-serif;margin:2em}table{border-collapse:collapse}"
    "th,td{border:1px solid #bbb;padding:.3em .5em;vertical-align:top;text-align:left}"
    "th{background:#eee}td.undated{color:#a00}ul{margin:0;padding-left:1.2em}"
)


def to_html(timeline: Timeline) -> str:
    """One self-contained page (no script, no external file): a table with a row per report,
    an entry's day and type spanning its reports. Every value is HTML-escaped."""

    def esc(value: str) -> str:
        return html.escape(printable(value, keep=""), quote=True)

    rows: list[str] = []
    for entry in timeline.entries:
        span = len(entry.reports)
        first = (
            f'<td rowspan="{span}"{" class=undated" if entry.undated else ""}>'
            f"{esc(day(entry))}</td>"
            f'<td rowspan="{span}">{esc(entry.type.value)}<br>{esc(", ".join(entry.places))}</td>'
        )
        for i, r in enumerate(entry.reports):
            figures = "".join(f"<li>{esc(f.label)}</li>" for f in r.figures)
            cells = (
                f"<td>{esc(r.outlet or r.article)}<br><small>{esc(r.article)}"
                f"{' · ' + esc(str(r.published)) if r.published else ''}</small></td>"
                f"<td>{esc(_when(r))}</td><td>{esc(r.description)}</td>"
                f"<td>{'<ul>' + figures + '</ul>' if figures else ''}</td>"
                f"<td>{esc(_said(r))}</td>"
            )
            rows.append(f"<tr>{first if i == 0 else ''}{cells}</tr>")
    head = "".join(
        f"<th>{name}</th>"
        for name in ("Date", "Event", "Source", "When", "Report", "Figures", "According to")
    )
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>Timeline</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n"
        f"<h1>Timeline</h1>\n<p>{esc(_count(timeline))}</p>\n"
        f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n" + "\n".join(rows) + "\n"
        "</tbody>\n</table>\n</body>\n</html>\n"
    )
