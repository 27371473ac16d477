"""A ``StructuredSummary`` as rich terminal tables: headline, lede, key points with who says
them, the events (when / where / who / how many / says who), the figures sources disagree on
side by side, and what was dropped.

Article and model text go in as ``rich.text.Text``, never as markup: "[/bold]" or "[sic]" in a
headline is printed as written, and ":fire:" stays a word. Nothing a terminal acts on gets
through (``output.terminal``): escape sequences and control characters are removed from each
cell before rich measures it, and from the table as a whole.
"""

from __future__ import annotations

import io

from rich.console import Console
from rich.table import Table
from rich.text import Text

from summarizer.output.phrases import contested, figure, says, source, sources_of, when
from summarizer.output.terminal import printable
from summarizer.schema import Event, Quantity, StructuredSummary


def to_table(summary: StructuredSummary) -> str:
    console = Console(
        file=io.StringIO(),
        record=True,
        width=120,
        force_terminal=False,
        markup=False,
        emoji=False,
        highlight=False,
    )
    console.print(_cell(summary.headline, style="bold"))
    console.print(_cell(summary.lede))
    for p in summary.key_points:
        sources = sources_of(p.evidence, summary)
        console.print(_cell(f"• {p.text}" + (f" — {'; '.join(sources)}" if sources else "")))
    if summary.events:
        console.print(_events(summary.events))
    disputes = contested(summary)
    if disputes:
        table = Table("counted", "figure", "says who", title="contested figures", show_lines=True)
        for counted, group in disputes:
            table.add_row(
                _cell(counted.value.replace("_", " ")),
                _cell("\n".join(figure(r.quantity) for r in group)),
                _cell("\n".join(source(r.attribution) or "-" for r in group)),
            )
        console.print(table)
    if summary.diagnostics.dropped:
        table = Table("dropped", "value", "why", title="dropped (not grounded)")
        for d in summary.diagnostics.dropped:
            table.add_row(_cell(d.path), _cell(d.value or ""), _cell(d.reason))
        console.print(table)
    return printable(console.export_text(), keep="\n")


def _events(events: list[Event]) -> Table:
    table = Table(show_lines=True, expand=True)
    table.add_column("#", no_wrap=True)
    table.add_column("type", no_wrap=True)
    # The sentence gets the room; the short columns wrap only when they must.
    for name, ratio in (("what", 4), ("when", 2), ("where", 2), ("who", 3)):
        table.add_column(name, ratio=ratio)
    for name, ratio in (("how many", 3), ("says who", 3)):
        table.add_column(name, ratio=ratio)
    for number, e in enumerate(events, start=1):
        said = source(e.attribution)
        table.add_row(
            _cell(str(number)),
            _cell(e.type.value),
            _cell(e.description),
            _cell(when(e.when)),
            _cell(_place(e)),
            _cell("\n".join(f"{a.name} ({a.role.value})" for a in e.actors)),
            _cell("\n".join(_how_many(q, said) for q in e.quantities)),
            _cell(" · ".join(filter(None, (says(e.attribution).strip(" ()"), e.certainty.value)))),
        )
    return table


def _how_many(q: Quantity, event_source: str) -> str:
    """The figure in words, with its own source when that is not the event's."""
    own = source(q.attribution)
    return f"{figure(q)} — {own}" if own and own != event_source else figure(q)


def _place(e: Event) -> str:
    if e.where is None:
        return ""
    country = e.where.country
    if country and country.casefold() not in e.where.text.casefold():
        return f"{e.where.text} ({country})"
    return e.where.text


def _cell(value: str, style: str = "") -> Text:
    """Article or model words as rich text: never markup, nothing a terminal acts on."""
    return Text(printable(value), style=style)
