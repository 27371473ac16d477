"""A ``StructuredSummary`` as Markdown: headline, lede, key points, events, claims."""

from __future__ import annotations

from summarizer.output.phrases import amount, says, when
from summarizer.schema import StructuredSummary


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
            lines.append(f"- when: {when(e)}")
        if e.where:
            lines.append(f"- where: {e.where.text}")
        for q in e.quantities:
            lines.append(
                f"- {q.counted.value}: {q.text} → {amount(q)} {q.unit or ''} "
                f"[{q.qualifier.value}]{says(q.attribution)}".replace("  ", " ")
            )
        lines.append(f"- certainty: {e.certainty.value}{says(e.attribution)}")
        lines += [f"> {ev.quote} [{ev.start}:{ev.end}]" for ev in e.evidence]
        lines.append("")
    if summary.claims:
        lines += ["## Claims", ""]
        lines += [f"- {c.statement}{says(c.attribution)}" for c in summary.claims]
        lines.append("")
    g = summary.metadata.grounding
    lines.append(
        f"_{summary.metadata.model} · {g.quotes - g.dropped}/{g.quotes} quotes grounded · "
        f"{summary.metadata.usage.total_tokens} tokens_"
    )
    if summary.diagnostics.dropped:
        lines.append(f"_{len(summary.diagnostics.dropped)} ungrounded item(s) dropped_")
    return "\n".join(lines) + "\n"
