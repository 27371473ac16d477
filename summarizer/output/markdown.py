"""A ``StructuredSummary`` as Markdown: headline, lede, key points, an events table, contested
figures, claims, evidence, dropped items.

Article and model words are data, not Markdown: each field is one line with the characters
Markdown would read as markup escaped ("*town*" stays as written, "<b>" is not a tag, a lede
that starts with "# " or "1." is not a heading or a list), and a quote's own line breaks stay
inside its block quote. Nothing a terminal acts on survives (``output.terminal``): escape
sequences and control characters are removed from each field, and from the page as a whole.
"""

from __future__ import annotations

import re

from summarizer.output.phrases import (
    Reported,
    contested,
    figure,
    says,
    source,
    sources_of,
    when,
)
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
    """Headline, lede, key points with who says them, an events table, the figures sources
    disagree on side by side, the claims, evidence by event, and what was dropped."""
    lines = [f"# {text(summary.headline)}", "", text(summary.lede), ""]
    for p in summary.key_points:
        sources = sources_of(p.evidence, summary)
        lines.append(
            f"- {text(p.text)}" + (f" — {'; '.join(map(text, sources))}" if sources else "")
        )
    if summary.events:
        lines += ["", "## Events", "", *_events_table(summary.events)]
    disputes = contested(summary)
    if disputes:
        lines += ["", "## Contested figures", ""]
        lines += [
            f"- {c.value.replace('_', ' ')}: " + " vs. ".join(_reported(r) for r in group)
            for c, group in disputes
        ]
    if summary.claims:
        lines += ["", "## Claims", ""]
        lines += [f"- {text(c.statement)}{says(c.attribution, text)}" for c in summary.claims]
    if summary.events:
        lines += ["", "## Evidence", ""]
        for number, e in enumerate(summary.events, start=1):
            lines += [f"**{number}** {e.type.value}", ""]
            for ev in e.evidence:
                lines += [*quoted(ev.quote, f" [{ev.start}:{ev.end}]"), ""]
    if summary.diagnostics.dropped:
        lines += ["", "## Dropped", ""]
        for d in summary.diagnostics.dropped:
            value = f' "{text(d.value)}"' if d.value is not None else ""
            lines.append(f"- {text(d.path)}{value}: {text(d.reason)}")
    g = summary.metadata.grounding
    lines += [
        "",
        f"_{text(summary.metadata.model)} · {g.quotes - g.dropped}/{g.quotes} quotes grounded · "
        f"{g.fields - g.fields_dropped}/{g.fields} fields grounded · "
        f"{summary.metadata.usage.total_tokens} tokens_",
    ]
    if summary.diagnostics.dropped:
        lines.append(f"_{len(summary.diagnostics.dropped)} ungrounded item(s) dropped_")
    return printable("\n".join(_single_blanks(lines)), keep="\n") + "\n"


_COLUMNS = ("#", "type", "what", "when", "where", "who", "how many", "says who", "certainty")


def _events_table(events: list[Event]) -> list[str]:
    """One row per event. ``text`` escapes "|" and keeps each cell on one line."""
    rows = [f"| {' | '.join(_COLUMNS)} |", f"|{'---|' * len(_COLUMNS)}"]
    for number, e in enumerate(events, start=1):
        cells = [
            str(number),
            e.type.value,
            text(e.description),
            when(e.when, text),
            _place(e),
            "; ".join(f"{text(a.name)} ({a.role.value})" for a in e.actors),
            "; ".join(_how_many(q, e) for q in e.quantities),
            says(e.attribution, text).strip(" ()"),
            e.certainty.value,
        ]
        rows.append(f"| {' | '.join(cells)} |")
    return rows


def _place(e: Event) -> str:
    if e.where is None:
        return ""
    country = e.where.country
    if country and country.casefold() not in e.where.text.casefold():
        return f"{text(e.where.text)} ({text(country)})"
    return text(e.where.text)


def _how_many(q: Quantity, e: Event) -> str:
    """The figure in words; its own source when that is not the event's."""
    said = source(q.attribution, text)
    own = said and said != source(e.attribution, text)
    return figure(q, text) + (f" — {said}" if own else "")


def _reported(r: Reported) -> str:
    said = source(r.attribution, text)
    return f"{figure(r.quantity, text)}" + (f" — {said}" if said else "")


def _single_blanks(lines: list[str]) -> list[str]:
    """No two blank lines in a row (the sections above each open with one)."""
    kept: list[str] = []
    for line in lines:
        if line == "" and kept and kept[-1] == "":
            continue
        kept.append(line)
    return kept
