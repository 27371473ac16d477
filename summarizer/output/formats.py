"""The output formats by name; each renderer is imported only when its format is asked for."""

from __future__ import annotations

from summarizer.output import FORMATS, Format
from summarizer.output.terminal import json_safe
from summarizer.schema import StructuredSummary


def to_json(summary: StructuredSummary) -> str:
    """Exactly the model dump, as JSON (DEL and C1 controls as \\u escapes: the same value,
    nothing a terminal acts on)."""
    return json_safe(summary.model_dump_json(indent=2)) + "\n"


def render(summary: StructuredSummary, format: Format, article_id: str | None = None) -> str:
    """``summary`` in one of ``FORMATS``. ``article_id`` names the article in the rows of
    ``csv`` and ``jsonl`` (default: its source URL)."""
    if format == "json":
        return to_json(summary)
    if format == "md":
        from summarizer.output.markdown import to_markdown

        return to_markdown(summary)
    if format == "table":
        from summarizer.output.table import to_table

        return to_table(summary)
    if format in ("csv", "jsonl"):
        from summarizer.output.rows import event_rows, to_csv, to_jsonl

        rows = event_rows(summary, article_id)
        return to_csv(rows) if format == "csv" else to_jsonl(rows)
    if format == "html":
        from summarizer.output.html import to_html

        return to_html(summary)
    raise ValueError(f"unknown format {format!r}; choose one of {', '.join(FORMATS)}")
