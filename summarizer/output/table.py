"""A ``StructuredSummary`` as a rich terminal table.

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

from summarizer.output.phrases import says, when
from summarizer.output.terminal import printable
from summarizer.schema import StructuredSummary


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
    table = Table("type", "what", "when", "numbers", "says who", show_lines=True)
    for e in summary.events:
        table.add_row(
            _cell(e.type.value),
            _cell(e.description),
            _cell(when(e.when)),
            _cell("\n".join(f"{q.counted.value}: {printable(q.text)}" for q in e.quantities)),
            _cell(says(e.attribution).strip(" ()")),
        )
    console.print(table)
    return printable(console.export_text(), keep="\n")


def _cell(value: str, style: str = "") -> Text:
    """Article or model words as rich text: never markup, nothing a terminal acts on."""
    return Text(printable(value), style=style)
