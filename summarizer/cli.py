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
from typing import Annotated, NoReturn

import typer

from summarizer import __version__
from summarizer.api import Summarizer, parse_date
from summarizer.article import load
from summarizer.draft import ArticleSummary
from summarizer.errors import ExitCode, InputError, SummarizerError
from summarizer.providers import OFFLINE, OFFLINE_NOTICE
from summarizer.records import iter_records
from summarizer.render import RENDERERS
from summarizer.schema import StructuredSummary

EXIT_CODES = "\n\n".join(
    [
        "Exit codes:",
        "0  success",
        "1  some records of a JSONL/JSON input failed (the others were written)",
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
    path: Annotated[
        str,
        typer.Argument(
            help="Article: a text or HTML file, an http(s) URL, a .jsonl/.json file of records "
            "(text or html, title, published, url), or - for standard input.",
            metavar="PATH|URL|-",
        ),
    ],
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

      summarizer summarize https://example.com/news/story.html -f md

      summarizer summarize articles.jsonl -o summaries.jsonl

    Configuration: with nothing configured the offline rule-based extractor runs (-m offline).
    OPENAI_API_KEY for OpenAI; --base-url (or OPENAI_BASE_URL) for a local server, where the
    key is optional and the model defaults to the first one it serves.
    """
    day = _published(published)
    try:
        # Input problems are reported before any provider is contacted.
        article = None if is_records(path) else load(path)
        summarizer = Summarizer(
            model, base_url=base_url, mode=mode, timeout=timeout, max_reasks=max_reasks
        )
        if summarizer.provider.name == OFFLINE and model != OFFLINE:
            typer.echo(f"summarizer: note: {OFFLINE_NOTICE}", err=True)
        if article is None:
            failed = _summarize_records(summarizer, Path(path), format, output, day, title)
            if failed:
                raise typer.Exit(int(ExitCode.FAILED))
            return
        summary = summarizer.summarize(article, published=day, title=title)
        _emit(RENDERERS[format.value](summary), output)
    except SummarizerError as exc:
        _fail(str(exc), exc.exit_code)
    _report(summary)


def is_records(path: str) -> bool:
    """A file of many articles: JSON Lines, or a JSON array of records."""
    return path != "-" and Path(path).suffix.lower() in {".jsonl", ".json"}


def _summarize_records(
    summarizer: Summarizer,
    path: Path,
    format: Format,
    output: Path | None,
    published: date | None,
    title: str | None,
) -> int:
    """Each record in turn; a bad record is reported with its line and the others still run.

    JSON output is one summary per line (JSONL). Returns the number of records that failed.
    """
    rendered: list[str] = []
    failed = 0
    for record in iter_records(path):
        where = f"{path}:{record.line}" + (f" ({record.id})" if record.id else "")
        if record.article is None:
            failed += 1
            typer.echo(f"summarizer: error: {where}: {record.error}", err=True)
            continue
        try:
            summary = summarizer.summarize(record.article, published=published, title=title)
        except SummarizerError as exc:
            failed += 1
            typer.echo(f"summarizer: error: {where}: {exc}", err=True)
            continue
        if format is Format.json:
            rendered.append(summary.model_dump_json() + "\n")
        else:
            rendered.append(RENDERERS[format.value](summary))
    _emit("".join(rendered), output)
    typer.echo(f"{len(rendered)} summarized, {failed} failed", err=True)
    return failed


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


@app.command("eval", epilog=EXIT_CODES)
def evaluate(
    events: Annotated[
        Path | None,
        typer.Option(
            "--events",
            help="WikiEvents-format JSONL [default: DATA/wikievents/dev.jsonl].",
        ),
    ] = None,
    cleaning: Annotated[
        Path | None,
        typer.Option(
            "--cleaning",
            help="trafilatura-format folder: evaldata.json + html/ [default: DATA/trafilatura].",
        ),
    ] = None,
    data: Annotated[
        Path | None,
        typer.Option(
            "--data",
            help="Folder holding the sets [env SUMMARIZER_EVAL_DIR; default ../shared/eval].",
        ),
    ] = None,
    only: Annotated[
        str | None, typer.Option("--only", help="events or cleaning: run just that set.")
    ] = None,
    limit: Annotated[
        int | None, typer.Option("--limit", min=1, help="Score only the first N documents.")
    ] = None,
    model: Annotated[str | None, typer.Option("-m", "--model", help="As for summarize.")] = None,
    base_url: Annotated[str | None, typer.Option("--base-url", help="As for summarize.")] = None,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Also write the full report as JSON.")
    ] = None,
) -> None:
    """Score a provider on annotated articles: grounding, event types, actors, numbers, cleaning.

    Examples:

      summarizer eval                       # offline provider, every set in ../shared/eval

      summarizer eval --only events --limit 5 -o report.json

      summarizer eval --events my-set.jsonl --base-url http://localhost:11434/v1 -m llama3.1
    """
    from summarizer.evaluation.report import (
        CLEANING_DIR,
        EVENTS_FILE,
        default_data_dir,
        run_evaluation,
        table,
    )

    if only not in (None, "events", "cleaning"):
        raise typer.BadParameter("--only takes events or cleaning")
    folder = data or default_data_dir()
    if events is None and cleaning is None:
        if folder is None:
            _fail("no evaluation data: pass --data DIR (or --events / --cleaning)", ExitCode.INPUT)
        events, cleaning = folder / EVENTS_FILE, folder / CLEANING_DIR
    if only == "events":
        cleaning = None
    elif only == "cleaning":
        events = None
    try:
        chosen = model or (None if base_url else OFFLINE)
        provider = Summarizer(chosen, base_url=base_url).provider
        report = run_evaluation(provider, events=events, cleaning=cleaning, limit=limit)
        if output is not None:
            _emit(json.dumps(report, indent=2) + "\n", output)
    except SummarizerError as exc:
        _fail(str(exc), exc.exit_code)
    typer.echo(table(report), nl=False)


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


def _fail(message: str, code: ExitCode) -> NoReturn:
    typer.echo(f"summarizer: error: {message}", err=True)
    raise typer.Exit(int(code))


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("summarizer: interrupted", err=True)
        sys.exit(130)
