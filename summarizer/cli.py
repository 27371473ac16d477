"""The ``summarizer`` command. Thin: parse options, call the library, render, report.

Machine output goes to stdout (or ``-o``); human messages go to stderr.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from summarizer import __version__
from summarizer.api import Summarizer, parse_date
from summarizer.article import load
from summarizer.draft import ArticleSummary
from summarizer.errors import ExitCode, InputError, SummarizerError
from summarizer.render import RENDERERS
from summarizer.schema import StructuredSummary

EXIT_CODES = "\n\n".join(
    [
        "Exit codes:",
        "0  success",
        "1  unexpected internal error",
        "2  usage error (bad option or argument)",
        "3  configuration error (no model configured, unknown mode)",
        "4  input error (missing, empty, binary or unreadable article)",
        "5  provider error (server unreachable, refused, or failing after retries)",
        "6  extraction error (the model never produced a usable summary)",
    ]
)

app = typer.Typer(
    help="Turn news articles into structured, source-grounded event summaries.",
    epilog=EXIT_CODES,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


class Format(StrEnum):
    json = "json"
    md = "md"
    table = "table"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"summarizer {__version__}")
        raise typer.Exit()


def _published(value: str | None) -> date | None:
    try:
        return parse_date(value)
    except InputError as exc:
        raise typer.BadParameter(str(exc)) from None


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Turn news articles into structured, source-grounded event summaries."""


@app.command(epilog=EXIT_CODES)
def summarize(
    path: Annotated[str, typer.Argument(help="Article text file, or - for standard input.")],
    format: Annotated[Format, typer.Option("-f", "--format", help="Output format.")] = Format.json,
    output: Annotated[
        Path | None,
        typer.Option("-o", "--output", help="Write here instead of stdout (only when complete)."),
    ] = None,
    published: Annotated[
        str | None,
        typer.Option(
            "--published",
            help="Publication date, YYYY-MM-DD: resolves 'on Friday', 'last week'…",
            metavar="YYYY-MM-DD",
        ),
    ] = None,
    title: Annotated[str | None, typer.Option("--title", help="The article's title.")] = None,
    model: Annotated[
        str | None,
        typer.Option(
            "-m",
            "--model",
            help="Model name [env SUMMARIZER_MODEL; default gpt-4o-mini on OpenAI].",
        ),
    ] = None,
    base_url: Annotated[
        str | None,
        typer.Option(
            "--base-url",
            help="OpenAI-compatible server, e.g. http://localhost:11434/v1 (Ollama), "
            "http://localhost:8000/v1 (vLLM) [env OPENAI_BASE_URL].",
        ),
    ] = None,
    mode: Annotated[
        str | None,
        typer.Option(
            "--mode",
            help="How to ask for structured output: tools (default on OpenAI), json_schema "
            "(default elsewhere), json, md_json [env SUMMARIZER_MODE].",
        ),
    ] = None,
    max_reasks: Annotated[
        int | None,
        typer.Option("--max-reasks", min=0, max=10, help="Validation re-asks (default 2)."),
    ] = None,
    timeout: Annotated[
        float | None, typer.Option("--timeout", min=1, help="Seconds per request (default 120).")
    ] = None,
) -> None:
    """Summarize one article into events, actors, quantities and claims, each with evidence.

    Examples:

      summarizer summarize article.txt --published 2024-12-27

      summarizer summarize article.txt --base-url http://localhost:11434/v1 -m llama3.1 -f md

      cat article.txt | summarizer summarize - -f table

    Configuration: OPENAI_API_KEY for OpenAI; --base-url (or OPENAI_BASE_URL) for a local
    server, where the key is optional and the model defaults to the first one it serves.
    """
    day = _published(published)
    try:
        article = load(path)
        summarizer = Summarizer(
            model, base_url=base_url, mode=mode, timeout=timeout, max_reasks=max_reasks
        )
        summary = summarizer.summarize(article, published=day, title=title)
        _emit(RENDERERS[format.value](summary), output)
    except SummarizerError as exc:
        _fail(str(exc), exc.exit_code)
    _report(summary)


@app.command()
def schema(
    draft: Annotated[
        bool,
        typer.Option("--draft", help="Print the schema the model is asked to fill instead."),
    ] = False,
) -> None:
    """Print the JSON Schema of the output (or, with --draft, of the model's answer)."""
    model = ArticleSummary if draft else StructuredSummary
    typer.echo(json.dumps(model.model_json_schema(), indent=2))


def _emit(text: str, output: Path | None) -> None:
    """Write all of it or nothing: a temporary file renamed into place."""
    if output is None:
        sys.stdout.write(text)
        return
    directory = output.parent if str(output.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{output.name}.", suffix=".part")
    except OSError as exc:
        raise InputError(f"{output}: cannot write there ({exc.strerror})") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, output)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _report(summary: StructuredSummary) -> None:
    meta = summary.metadata
    g = meta.grounding
    note = (
        f"{len(summary.events)} events, {g.quotes - g.dropped}/{g.quotes} quotes grounded, "
        f"{meta.attempts.requests} request(s), {meta.usage.total_tokens} tokens, "
        f"{meta.latency_s:.1f}s ({meta.model})"
    )
    if summary.diagnostics.dropped:
        note += f"; {len(summary.diagnostics.dropped)} ungrounded item(s) dropped"
    typer.echo(note, err=True)


def _fail(message: str, code: ExitCode) -> None:
    typer.echo(f"summarizer: error: {message}", err=True)
    raise typer.Exit(int(code))


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("summarizer: interrupted", err=True)
        sys.exit(130)
