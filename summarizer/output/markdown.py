"""A ``StructuredSummary`` as Markdown: headline, lede, key points, events, claims.

Article and model words are data, not Markdown: each field is one line with the characters
Markdown would read as markup escaped ("*town*" stays as written, "<b>" is not a tag, a lede
that starts with "# " or "1." is not a heading or a list), and a quote's own line breaks stay
inside its block quote. Nothing a terminal acts on survives (``output.terminal``): escape
sequences and control characters are removed from each field, and from the page as a whole.
"""

from __future__ import annotations

import re

from summarizer.output.phrases import amount, says, when
from summarizer.output.terminal import printable
from summarizer.schema import Event, Quantity, StructuredSummary

_INLINE = re.compile(r"([\\`*_\[\]<>|~#])")
# What opens a block at the start of a line: a quote, a list item, a setext underline.
_LINE_START = re.compile(r"^(>|[+\-=](?=\s|$))")
_NUMBERED = re.compile(r"^(\d+)([.)])(?=\s|$)")


def text(value: str) -> str:
    """Words from the article or the model as one line of Markdown text, read as written."""
    line = _INLINE.sub(r"\\\1", " ".join(printable(value).split()))
    return _NUMBERED.sub(r"\1\\\2", _LINE_START.sub(r"\\\1", line))


def quoted(value: str, suffix: str) -> list[str]:
    """A block quote of ``value``, its line breaks kept inside the quote."""
    lines = [text(line) for line in value.splitlines() if line.strip()] or [""]
    lines[-1] += suffix
    return [f"> {line}" for line in lines]


def to_markdown(summary: StructuredSummary) -> str:
    lines = [f"# {text(summary.headline)}", "", text(summary.lede), ""]
    lines += [f"- {text(p.text)}" for p in summary.key_points]
    if summary.events:
        lines += ["", "## Events", ""]
    for e in summary.events:
        lines += _event(e)
    if summary.claims:
        lines += ["## Claims", ""]
        lines += [f"- {text(c.statement)}{says(c.attribution, text)}" for c in summary.claims]
        lines.append("")
    g = summary.metadata.grounding
    lines.append(
        f"_{text(summary.metadata.model)} · {g.quotes - g.dropped}/{g.quotes} quotes grounded · "
        f"{g.fields - g.fields_dropped}/{g.fields} fields grounded · "
        f"{summary.metadata.usage.total_tokens} tokens_"
    )
    if summary.diagnostics.dropped:
        lines.append(f"_{len(summary.diagnostics.dropped)} ungrounded item(s) dropped_")
    return printable("\n".join(lines), keep="\n") + "\n"


def _event(e: Event) -> list[str]:
    lines = [f"### {e.type.value}: {text(e.description)}"]
    if e.actors:
        lines.append("- who: " + "; ".join(f"{text(a.name)} ({a.role.value})" for a in e.actors))
    if e.when:
        lines.append(f"- when: {when(e.when, text)}")
    if e.where:
        lines.append(f"- where: {text(e.where.text)}")
    lines += [f"- {_figure(q)}" for q in e.quantities]
    lines.append(f"- certainty: {e.certainty.value}{says(e.attribution, text)}")
    for ev in e.evidence:
        lines += quoted(ev.quote, f" [{ev.start}:{ev.end}]")
    lines.append("")
    return lines


def _figure(q: Quantity) -> str:
    unit = f" {text(q.unit)}" if q.unit else ""
    return (
        f"{q.counted.value}: {text(q.text)} → {amount(q)}{unit} [{q.qualifier.value}]"
        f"{says(q.attribution, text)}"
    )
