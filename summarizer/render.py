"""Renderers: a ``StructuredSummary`` → JSON, Markdown, or a rich terminal table."""

from __future__ import annotations

import io
from collections.abc import Callable

from rich.console import Console
from rich.table import Table

from summarizer.schema import Attribution, Event, Quantity, StructuredSummary


def to_json(summary: StructuredSummary) -> str:
    """Exactly the model dump, as JSON."""
    return summary.model_dump_json(indent=2) + "\n"


def _says(attribution: Attribution | None) -> str:
    if attribution is None:
        return ""
    if attribution.outlet_asserts:
        return " (the outlet)"
    return f" ({attribution.how.value} by {attribution.source})"


def _amount(q: Quantity) -> str:
    if q.low is None and q.high is None:
        return "?"
    if q.low == q.high:
        return f"{q.low:,g}"
    return f"{'' if q.low is None else f'{q.low:,g}'}–{'' if q.high is None else f'{q.high:,g}'}"


def _when(event: Event) -> str:
    if event.when is None:
        return ""
    w = event.when
    if w.start is None:
        return w.text
    span = w.start.isoformat() if w.start == w.end else f"{w.start}…{w.end}"
    return f"{w.text} [{span}]"


def to_markdown(summary: StructuredSummary) -> str:
    lines = [f"# {summary.headline}", "", summary.lede, ""]
    lines += [f"- {p}" for p in summary.key_points]
    if summary.events:
        lines += ["", "## Events", ""]
    for e in summary.events:
        lines.append(f"### {e.type.value}: {e.description}")
        if e.actors:
            lines.append("- who: " + "; ".join(f"{a.name} ({a.role.value})" for a in e.actors))
        if e.when:
            lines.append(f"- when: {_when(e)}")
        if e.where:
            lines.append(f"- where: {e.where.text}")
        for q in e.quantities:
            lines.append(
                f"- {q.counted.value}: {q.text} → {_amount(q)} {q.unit or ''} "
                f"[{q.qualifier.value}]{_says(q.attribution)}".replace("  ", " ")
            )
        lines.append(f"- certainty: {e.certainty.value}{_says(e.attribution)}")
        lines += [f"> {ev.quote} [{ev.start}:{ev.end}]" for ev in e.evidence]
        lines.append("")
    if summary.claims:
        lines += ["## Claims", ""]
        lines += [f"- {c.statement}{_says(c.attribution)}" for c in summary.claims]
        lines.append("")
    g = summary.metadata.grounding
    lines.append(
        f"_{summary.metadata.model} · {g.quotes - g.dropped}/{g.quotes} quotes grounded · "
        f"{summary.metadata.usage.total_tokens} tokens_"
    )
    if summary.diagnostics.dropped:
        lines.append(f"_{len(summary.diagnostics.dropped)} ungrounded item(s) dropped_")
    return "\n".join(lines) + "\n"


def to_table(summary: StructuredSummary) -> str:
    console = Console(file=io.StringIO(), record=True, width=120, force_terminal=False)
    console.print(f"[bold]{summary.headline}[/bold]")
    console.print(summary.lede)
    table = Table("type", "what", "when", "numbers", "says who", show_lines=True)
    for e in summary.events:
        table.add_row(
            e.type.value,
            e.description,
            _when(e),
            "\n".join(f"{q.counted.value}: {q.text}" for q in e.quantities),
            _says(e.attribution).strip(" ()"),
        )
    console.print(table)
    return console.export_text()


RENDERERS: dict[str, Callable[[StructuredSummary], str]] = {
    "json": to_json,
    "md": to_markdown,
    "table": to_table,
}
