"""A ``StructuredSummary`` as a rich terminal table.

Article and model text go in as ``rich.text.Text``, never as markup: "[/bold]" or "[sic]" in a
headline is printed as written, and ":fire:" stays a word.
"""

from __future__ import annotations

import io

from rich.console import Console
from rich.table import Table
from rich.text import Text

from summarizer.output.phrases import says, when
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
    console.print(Text(summary.headline, style="bold"))
    console.print(Text(summary.lede))
    table = Table("type", "what", "when", "numbers", "says who", show_lines=True)
    for e in summary.events:
        table.add_row(
            Text(e.type.value),
            Text(e.description),
            Text(when(e.when)),
            Text("\n".join(f"{q.counted.value}: {q.text}" for q in e.quantities)),
            Text(says(e.attribution).strip(" ()")),
        )
    console.print(table)
    return console.export_text()
