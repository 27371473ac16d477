"""The ``summarizer`` command. Thin: parse options, call the library, render, report.

Machine output goes to stdout (or ``-o``); human messages go to stderr. Each command imports
what it needs when it runs, so ``--help`` and ``--version`` load no SDK. Errors the library
raises on purpose become one line and an exit code (``ExitCode``, mapped here and only here);
anything else is a bug, reported in one line too, with the traceback under ``--debug``.

Stopping is quiet too: Ctrl-C is one line and exit 130, SIGTERM the same path (the batch keeps
its results, ``-o`` leaves no temporary file) and exit 143, and a reader of standard output
that goes away (``| head``) ends the run with exit 141 and nothing on stderr. Every line on
stderr that may quote an article, a file name or a model's words goes through ``_say``: no
terminal escape reaches the terminal.
"""

from __future__ import annotations

import errno
import json
import os
import signal
import sys
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from enum import IntEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal, NoReturn

import typer
from typer.core import TyperGroup

from summarizer import __version__
from summarizer.batch import DEFAULT_CONCURRENCY
from summarizer.errors import (
    ConfigurationError,
    ExtractionError,
    InputError,
    OutputError,
    ProviderError,
    StoreError,
    SummarizerError,
)
from summarizer.output import Format, TimelineFormat
from summarizer.replay import RecordMode

if TYPE_CHECKING:
    from datetime import date, datetime

    # The click that typer bundles: the type the group's invoke receives.
    from typer._click import Context as ClickContext

    from summarizer.api import Summarizer
    from summarizer.batch.items import BatchItem
    from summarizer.batch.report import Tally
    from summarizer.batch.results import BatchResult, ResultsFile
    from summarizer.batch.rows import RowsFile
    from summarizer.input.article import Article
    from summarizer.providers.base import Provider
    from summarizer.providers.openai.batchapi import BatchProgress as BatchState
    from summarizer.schema import StructuredSummary
    from summarizer.store.runlog import RunRow


class ExitCode(IntEnum):
    """Exit codes of the ``summarizer`` command (also listed in ``--help`` and the README)."""

    OK = 0
    FAILED = 1  # some records of a batch failed; or an internal error (a bug)
    USAGE = 2  # bad option or argument
    CONFIGURATION = 3  # no model configured, unknown mode, a bad setting, an unusable cache/log
    INPUT = 4  # missing, empty, binary or unreadable article
    PROVIDER = 5  # server unreachable, refused the request, or kept failing after retries
    EXTRACTION = 6  # the model never produced a usable summary
    OUTPUT = 7  # the output file cannot be written
    INTERRUPTED = 130  # Ctrl-C (128 + SIGINT)
    PIPE_CLOSED = 141  # the reader of standard output went away (128 + SIGPIPE)
    TERMINATED = 143  # SIGTERM (128 + SIGTERM), handled as Ctrl-C is


_EXIT_CODES: list[tuple[type[SummarizerError], ExitCode]] = [
    (ConfigurationError, ExitCode.CONFIGURATION),
    (StoreError, ExitCode.CONFIGURATION),  # the machine's setup, to fix before a run
    (InputError, ExitCode.INPUT),
    (ProviderError, ExitCode.PROVIDER),
    (ExtractionError, ExitCode.EXTRACTION),
    (OutputError, ExitCode.OUTPUT),
]


def exit_code(error: SummarizerError) -> ExitCode:
    """The exit code that reports ``error``."""
    return next((code for kind, code in _EXIT_CODES if isinstance(error, kind)), ExitCode.FAILED)


EXIT_CODES_HELP = "\n\n".join(
    [
        "Exit codes:",
        "0  success",
        "1  some articles of a batch or records of a JSONL/JSON input failed (the others "
        "were written), or an internal error",
        "2  usage error (bad option or argument)",
        "3  configuration error (no model configured, unknown mode, a bad SUMMARIZER_* value, "
        "a damaged or locked cache or run log)",
        "4  input error (missing, empty, binary or unreadable article)",
        "5  provider error (server unreachable, refused, or failing after retries; a "
        "request not in the --cassette when it may not be recorded)",
        "6  extraction error (the model never produced a usable summary)",
        "7  output error (the -o file cannot be written: not a regular file, read-only, a "
        "full disk; standard output on a full disk)",
        "130  interrupted (Ctrl-C); a batch keeps every finished result: run it again to resume",
        "141  the reader of standard output went away (e.g. | head) before all was written",
        "143  terminated (SIGTERM), as Ctrl-C: a batch keeps its results, -o no partial file",
    ]
)
DEBUG_ENV = "SUMMARIZER_DEBUG"


class _Command(TyperGroup):
    """The command group, with the one place where errors become lines and exit codes."""

    def make_context(self, *args: Any, **kwargs: Any) -> ClickContext:
        try:
            return super().make_context(*args, **kwargs)
        except BrokenPipeError:  # --help or --version into a pipe whose reader left
            _reader_gone()
        except KeyboardInterrupt:  # Ctrl-C while the options are read
            _stopped()

    def invoke(self, ctx: ClickContext) -> Any:
        try:
            return super().invoke(ctx)
        except (typer.Exit, typer.Abort, typer.TyperException):
            raise  # click's own: usage errors, exits
        except BrokenPipeError:
            _reader_gone()
        except SummarizerError as exc:
            _fail(str(exc), exit_code(exc))
        except KeyboardInterrupt:
            _stopped()
        except OSError as exc:
            if exc.errno not in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
                _internal_error(ctx, exc)
            # Files are written by output.files and batch.results, which say which one:
            # what is left is standard output (typer.echo) on a full disk or quota.
            _fail(f"{exc.filename or 'standard output'}: cannot be written ({exc.strerror})",
                  ExitCode.OUTPUT)  # fmt: skip
        except Exception as exc:
            _internal_error(ctx, exc)


def _internal_error(ctx: ClickContext, exc: Exception) -> NoReturn:
    if ctx.params.get("debug") or _debug_from_environment():
        traceback.print_exc(file=sys.stderr)
    else:
        what = _shown((str(exc).strip().splitlines() or [""])[0][:200])
        _say(
            f"summarizer: error: internal error ({type(exc).__name__}: {what}); this is "
            f"a bug, please report it (--debug or {DEBUG_ENV}=1 shows the traceback)"
        )
    raise typer.Exit(int(ExitCode.FAILED)) from None


# Set when SIGTERM arrived: the run then stops as on Ctrl-C, and says so with exit 143.
_terminated = False


def _on_sigterm(signum: int, frame: Any) -> None:
    """SIGTERM, handled as Ctrl-C: the SIGINT handler in force is called (Python's raises
    KeyboardInterrupt; asyncio's, during a batch, cancels the run so that what finished is
    kept), so every cleanup that Ctrl-C runs runs here too."""
    global _terminated
    _terminated = True
    handler = signal.getsignal(signal.SIGINT)
    if callable(handler):
        handler(signal.SIGINT, frame)
        return
    raise KeyboardInterrupt  # SIGINT ignored (a background job): stop all the same


def _stop_code() -> ExitCode:
    return ExitCode.TERMINATED if _terminated else ExitCode.INTERRUPTED


def _stopped() -> NoReturn:
    _say("summarizer: terminated" if _terminated else "summarizer: interrupted", quiet=True)
    raise typer.Exit(int(_stop_code()))


def _reader_gone() -> NoReturn:
    """The reader of standard output went away (``| head``): stop at once, with nothing on
    stderr, as a program killed by SIGPIPE does (exit 141, which ``set -o pipefail`` sees)."""
    _discard_stdout()
    raise typer.Exit(int(ExitCode.PIPE_CLOSED))


def _discard_stdout() -> None:
    """Point standard output at /dev/null, so that what is still buffered for a reader who
    is gone (or a full disk) is not written again at exit, noisily."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # no real file descriptor (a test's captured stdout)
        pass


def _say(line: str, *, quiet: bool = False) -> None:
    """One line on stderr, with every control character shown as an escape (``\\x1b``): a
    file name, an article or a model's words can be quoted, never obeyed by the terminal.
    ``quiet``: a stderr nobody reads any more is no reason for a second error."""
    from summarizer.output.terminal import printable

    try:
        typer.echo(printable(line, shown=True), err=True)
    except OSError:
        if not quiet:
            raise


app = typer.Typer(
    cls=_Command,
    help="Turn news articles into structured, source-grounded event summaries.",
    epilog=EXIT_CODES_HELP,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _debug_from_environment() -> bool:
    return os.environ.get(DEBUG_ENV, "").strip().lower() not in ("", "0", "false", "no", "off")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"summarizer {__version__}")
        raise typer.Exit()


def _published(value: str | None) -> date | None:
    from summarizer.input.article import parse_published

    try:
        return parse_published(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None


# The model options, one definition for every command that talks to a model.
# What 'batch -f' writes: the results file (resumable), or event rows instead.
BatchFormat = Literal["results", "csv", "jsonl"]
ModelOption = Annotated[
    str | None,
    typer.Option(
        "-m",
        "--model",
        help="Model name, or 'offline' for the rule-based extractor [env SUMMARIZER_MODEL; "
        "default gpt-4o-mini on OpenAI, a local server's first model].",
    ),
]
BaseUrlOption = Annotated[
    str | None,
    typer.Option(
        "--base-url",
        help="OpenAI-compatible server, e.g. http://localhost:11434/v1 (Ollama), "
        "http://localhost:8000/v1 (vLLM) [env OPENAI_BASE_URL].",
    ),
]
ModeOption = Annotated[
    str | None,
    typer.Option(
        "--mode",
        help="How to ask for structured output: tools (default on OpenAI), json_schema "
        "(default elsewhere), json, md_json [env SUMMARIZER_MODE].",
    ),
]
MaxTokensOption = Annotated[
    int | None,
    typer.Option(
        "--max-tokens",
        min=256,
        help="The longest answer asked for; an answer cut off there is asked again once with "
        "twice the room [env SUMMARIZER_MAX_TOKENS; default 4096].",
    ),
]
DeadlineOption = Annotated[
    float | None,
    typer.Option(
        "--deadline",
        min=1,
        metavar="SECONDS",
        help="Give up an article after this long, over all its requests, retries and waits "
        "[env SUMMARIZER_DEADLINE; default: none, --timeout bounds each request].",
    ),
]
MaxReasksOption = Annotated[
    int | None,
    typer.Option(
        "--max-reasks",
        min=0,
        max=10,
        help="Validation re-asks [env SUMMARIZER_MAX_REASKS; default 2].",
    ),
]
TimeoutOption = Annotated[
    float | None,
    typer.Option(
        "--timeout", min=1, help="Seconds per request [env SUMMARIZER_TIMEOUT; default 120]."
    ),
]
RpmOption = Annotated[
    int | None,
    typer.Option(
        "--rpm",
        min=1,
        help="At most this many requests a minute, to stay under your account's rate "
        "limit [env SUMMARIZER_RPM; default no limit: a 429 pauses every request].",
    ),
]
TpmOption = Annotated[
    int | None,
    typer.Option(
        "--tpm",
        min=1,
        help="At most this many tokens a minute, estimated from each request's size "
        "[env SUMMARIZER_TPM; default no limit].",
    ),
]
PricesOption = Annotated[
    Path | None,
    typer.Option(
        "--prices",
        help='Model prices over the built-in table, a JSON file {"MODEL": {"input": 0.15, '
        '"output": 0.6}} in USD per million tokens [env SUMMARIZER_PRICES].',
        metavar="FILE",
    ),
]
# The options of record and replay, defined once for every command that talks to a model
# (summarize, batch): ``cassette: CassetteOption = None, record_mode: RecordModeOption = None``
# in the signature, then ``with replaying(summarizer, cassette, record_mode):`` around the work.
CassetteOption = Annotated[
    Path | None,
    typer.Option(
        "--cassette",
        help="Record the model server's HTTP traffic to FILE (YAML; no key, no auth header), or "
        "replay it from there: with --record-mode none nothing is sent, so CI needs neither "
        "server nor key. Requests match on method, path, query and body, not host.",
        metavar="FILE",
    ),
]
RecordModeOption = Annotated[
    RecordMode | None,
    typer.Option(
        "--record-mode",
        help="With --cassette: once (record if FILE is missing, else replay only), none "
        "(replay only), new_episodes (replay, and record what is missing) or all (record "
        "everything again) [default: once].",
        show_default=False,
    ),
]


def _output_path(value: str) -> Path:
    """An ``-o`` value: a path, never the empty string (which ``Path`` would read as the
    current folder)."""
    if not value.strip():
        raise typer.BadParameter("needs a file name (got an empty one)")
    return Path(value)


def _published_option(help: str) -> Any:
    return typer.Option("--published", help=help, metavar="YYYY-MM-DD")


def _title_option(help: str) -> Any:
    return typer.Option("--title", help=help)


def check_replay_options(cassette: Path | None, record_mode: str | None) -> None:
    """A usage error, before anything is read or sent: --record-mode means nothing alone."""
    if cassette is None and record_mode is not None:
        raise typer.BadParameter("needs --cassette FILE", param_hint="'--record-mode'")


@contextmanager
def _session(
    model: str | None, cassette: Path | None, record_mode: str | None, **options: Any
) -> Iterator[Summarizer]:
    """The ``Summarizer`` a command that talks to a model works with: made from its options,
    its traffic recorded or replayed with ``--cassette``, and the note said when the offline
    extractor runs because nothing was configured."""
    from summarizer.api import Summarizer

    with Summarizer(model, **options) as summarizer, replaying(summarizer, cassette, record_mode):
        if summarizer.notice:
            _say(f"summarizer: note: {summarizer.notice}")
        yield summarizer


@contextmanager
def replaying(
    summarizer: Summarizer, cassette: Path | None, record_mode: str | None
) -> Iterator[None]:
    """The model traffic of the block, recorded to ``cassette`` or replayed from it (see
    ``summarizer.replay``), the key and a base URL's password scrubbed; nothing without one."""
    if cassette is None:
        yield
        return
    if summarizer.provider.name == "offline":
        _say(f"summarizer: note: the offline extractor sends no requests; {cassette} is not used")
        yield
        return
    from summarizer.replay import recording, secrets_of

    with recording(cassette, record_mode or "once", secrets=secrets_of(summarizer.settings)):
        yield


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
    debug: Annotated[
        bool,
        typer.Option(
            "--debug", help=f"Show the traceback of an internal error [env {DEBUG_ENV}=1]."
        ),
    ] = False,
) -> None:
    """Turn news articles into structured, source-grounded event summaries."""


@app.command(epilog=EXIT_CODES_HELP)
def summarize(
    path: Annotated[
        str,
        typer.Argument(
            help="Article: a text or HTML file, an http(s) URL, a .jsonl/.json file of records "
            "(text or html, title, published, url), or - for standard input.",
            metavar="PATH|URL|-",
        ),
    ],
    format: Annotated[Format, typer.Option("-f", "--format", help="Output format.")] = "json",
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            parser=_output_path,
            help="Write here instead of stdout: a regular file, replaced whole once complete "
            "(a symbolic link is followed; a read-only file is refused).",
        ),
    ] = None,
    published: Annotated[
        str | None,
        _published_option(
            "Publication date, YYYY-MM-DD: resolves 'on Friday', 'last week'… (for records: "
            "of those that give none)."
        ),
    ] = None,
    title: Annotated[
        str | None, _title_option("The article's title (for records: of those that have none).")
    ] = None,
    model: ModelOption = None,
    base_url: BaseUrlOption = None,
    mode: ModeOption = None,
    max_reasks: MaxReasksOption = None,
    timeout: TimeoutOption = None,
    max_tokens: MaxTokensOption = None,
    deadline: DeadlineOption = None,
    cassette: CassetteOption = None,
    record_mode: RecordModeOption = None,
    rpm: RpmOption = None,
    tpm: TpmOption = None,
    prices: PricesOption = None,
) -> None:
    """Summarize one article into events, actors, quantities and claims, each with evidence.

    Examples:

      summarizer summarize article.txt --published 2024-12-27

      summarizer summarize article.txt --base-url http://localhost:11434/v1 -m llama3.1 -f md

      cat article.txt | summarizer summarize - -f table

      summarizer summarize https://example.com/news/story.html -f md

      summarizer summarize articles.jsonl -o summaries.jsonl

      summarizer summarize article.txt --cassette run.yaml       # record once, then replay

      summarizer summarize article.txt --cassette run.yaml --record-mode none   # CI: no network

    For many articles, 'summarizer batch' runs them concurrently, keeps each result as it
    finishes and resumes where it stopped.

    Configuration: with nothing configured the offline rule-based extractor runs (-m offline).
    OPENAI_API_KEY for OpenAI; --base-url (or OPENAI_BASE_URL) for a local server, where the
    key is optional and the model defaults to the first one it serves.
    """
    from summarizer.input.load import load
    from summarizer.input.records import is_records
    from summarizer.output.files import check_writable
    from summarizer.output.formats import render

    check_replay_options(cassette, record_mode)
    day = _published(published)
    if output is not None:
        check_writable(output)
    records = is_records(path)
    if records and format == "html":
        raise typer.BadParameter(
            "html is one article's page: a file of records takes -f json (JSON Lines), md or table",
            param_hint="'-f'",
        )
    # Input problems are reported before any provider is contacted.
    article = None if records else load(path)
    with _session(
        model, cassette, record_mode, base_url=base_url, mode=mode, timeout=timeout,
        max_reasks=max_reasks, rpm=rpm, tpm=tpm, prices=prices, max_tokens=max_tokens,
        deadline=deadline,
    ) as summarizer:  # fmt: skip
        if article is None:
            summarizer.ensure_model()  # a server that cannot name its model: one error, not N
            failed = _summarize_records(summarizer, Path(path), format, output, day, title)
            if failed:
                raise typer.Exit(int(ExitCode.FAILED))
            return
        summary = summarizer.summarize(article, published=day, title=title)
    # Event rows name their article as a batch would: by its file or URL.
    _emit(render(summary, format, None if path == "-" else path), output)
    _report(summary)


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
    from summarizer.input.records import iter_records
    from summarizer.output.formats import render
    from summarizer.output.rows import Row, event_rows, to_csv, to_jsonl
    from summarizer.output.terminal import json_safe

    rendered: list[str] = []
    rows: list[Row] = []
    failed = summarized = 0
    for record in iter_records(path):
        where = f"{path}:{record.line}" + (f" ({record.id})" if record.id else "")
        if record.article is None:
            failed += 1
            _say(f"summarizer: error: {where}: {record.error}")
            continue
        try:
            # The flags are defaults: what the record says of itself wins.
            article = record.article.with_defaults(published=published, title=title)
            summary = summarizer.summarize(article)
        except SummarizerError as exc:
            failed += 1
            _say(f"summarizer: error: {where}: {_shown(str(exc))}")
            continue
        summarized += 1
        if format == "json":
            rendered.append(json_safe(summary.model_dump_json()) + "\n")
        elif format in ("csv", "jsonl"):  # one table of rows: the CSV header comes once
            rows.extend(event_rows(summary, record.id or f"{path}:{record.line}"))
        else:
            rendered.append(render(summary, format))
    if format in ("csv", "jsonl"):
        rendered.append(to_csv(rows) if format == "csv" else to_jsonl(rows))
    if output is not None and summarized == 0 and output.exists():
        # Nothing to write but a header: an earlier file is worth more than that.
        _say(f"summarizer: note: no record succeeded, so {output} is left as it was")
    else:
        _emit("".join(rendered), output)
    typer.echo(f"{summarized} summarized, {failed} failed", err=True)
    return failed


@app.command(epilog=EXIT_CODES_HELP)
def batch(
    inputs: Annotated[
        list[str],
        typer.Argument(
            help="Articles: files, folders (searched for .txt .md .html .htm .jsonl .json), "
            "globs, .jsonl/.json files of records (text or html, id, title, published, url), "
            "or - for JSON Lines records on standard input.",
            metavar="INPUT",
        ),
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            parser=_output_path,
            help="Results file, JSON Lines: one result per article (id, ok, summary or error, "
            "cached, requests, usage, cost_usd, duration_s), appended as each finishes. Run "
            "the same command again to resume [default: standard output, no resuming].",
        ),
    ] = None,
    format: Annotated[
        BatchFormat,
        typer.Option(
            "-f",
            "--format",
            help="results: the results file above. csv, jsonl: instead, one row per event of "
            "every article that succeeded (the columns of 'summarize -f csv'), written whole "
            "at the end, in the inputs' order; such a file resumes nothing.",
        ),
    ] = "results",
    concurrency: Annotated[
        int,
        typer.Option("-j", "--concurrency", min=1, help="Articles in flight at once."),
    ] = DEFAULT_CONCURRENCY,
    force: Annotated[
        bool,
        typer.Option("--force", help="Start the results file over instead of resuming it."),
    ] = False,
    shard: Annotated[
        str | None,
        typer.Option(
            "--shard",
            metavar="K/N",
            help="Only shard K of N (by a stable hash of each id): N machines given the same "
            "inputs split them with no coordination. Give each its own -o.",
        ),
    ] = None,
    published: Annotated[
        str | None,
        _published_option(
            "Publication date, YYYY-MM-DD, of the articles that give none: resolves "
            "'on Friday', 'last week'…"
        ),
    ] = None,
    title: Annotated[str | None, _title_option("Title of the articles that have none.")] = None,
    model: ModelOption = None,
    base_url: BaseUrlOption = None,
    mode: ModeOption = None,
    max_reasks: MaxReasksOption = None,
    timeout: TimeoutOption = None,
    max_tokens: MaxTokensOption = None,
    deadline: DeadlineOption = None,
    rpm: RpmOption = None,
    tpm: TpmOption = None,
    prices: PricesOption = None,
    cassette: CassetteOption = None,
    record_mode: RecordModeOption = None,
    no_cache: Annotated[
        bool,
        typer.Option(
            "--no-cache",
            help="Neither read nor write the summary cache (see 'summarizer cache info').",
        ),
    ] = False,
    no_log: Annotated[
        bool,
        typer.Option("--no-log", help="Do not record this run in the run log ('summarizer logs')."),
    ] = False,
    batch_api: Annotated[
        bool,
        typer.Option(
            "--batch-api",
            help="Send the requests as one OpenAI Batch API batch (half the price, answered "
            "within 24 hours) and wait for it; answers that fail validation are re-asked live. "
            "Prints the batch id at once: if the run stops, resume with --batch-id. Costs shown "
            "are at the live price, an upper bound.",
        ),
    ] = False,
    batch_id: Annotated[
        str | None,
        typer.Option(
            "--batch-id",
            metavar="ID",
            help="Resume the batch ID that an earlier --batch-api run made (implies "
            "--batch-api): nothing is uploaded or created again.",
        ),
    ] = None,
    poll: Annotated[
        float,
        typer.Option(
            "--poll",
            min=1.0,
            metavar="SECONDS",
            help="With --batch-api: seconds between two looks at the batch.",
        ),
    ] = 30.0,
) -> None:
    """Summarize many articles concurrently, each result written the moment it finishes.

    Every result carries its input's id: the record's "id", else the file's path, else
    path:line for a record. Run the same command again and it resumes: ids already
    summarised in the results file are skipped, failed ones are tried again (--force starts
    over). Progress goes to stderr when it is a terminal; a table closes the run. Ctrl-C
    (or SIGTERM) keeps every finished result and exits 130 (143).

    Examples:

      summarizer batch news/ -o results.jsonl --base-url http://localhost:8000/v1 -j 32

      summarizer batch 'feeds/*.jsonl' -o results.jsonl --published 2025-06-11

      summarizer batch articles.jsonl -o part2.jsonl --shard 2/4

      cat records.jsonl | summarizer batch - -m offline > results.jsonl

      summarizer batch articles.jsonl -o out.jsonl --cassette day.yaml --record-mode none

      summarizer batch articles.jsonl -o out.jsonl -m gpt-4o-mini --batch-api

    The model, rate-limit, price and cassette options are those of 'summarizer summarize'.
    """
    from summarizer.batch.items import expand, in_shard
    from summarizer.batch.report import Tally
    from summarizer.batch.results import ResultsFile
    from summarizer.batch.rows import RowsFile
    from summarizer.output.files import check_writable

    check_replay_options(cassette, record_mode)
    day = _published(published)
    part = _shard(shard)
    if output is not None:
        check_writable(output)  # before the inputs are read, let alone summarised
    with _session(
        model, cassette, record_mode, base_url=base_url, mode=mode, timeout=timeout,
        max_reasks=max_reasks, rpm=rpm, tpm=tpm, prices=prices, max_tokens=max_tokens,
        deadline=deadline,
    ) as summarizer:  # fmt: skip
        via = _BatchApi(batch_id, poll) if batch_api or batch_id else None
        if via is not None:
            via.check(summarizer)  # before the inputs are read
        items = [
            item
            for item in expand(
                inputs, published=day, title=title, exclude=[output] if output else []
            )
            if part is None or in_shard(item.id, *part)
        ]
        results: ResultsFile | RowsFile
        if format == "results":
            results = ResultsFile.open(output, force=force)
        else:
            results = RowsFile(output, format, [item.id for item in items], force=force)
        with results:
            skipped = sum(item.error is None and item.id in results.done for item in items)
            tally = Tally(articles=len(items), skipped=skipped)
            interrupted = _run_batch(
                summarizer, items, results, tally, concurrency, cache=not no_cache,
                log=not no_log, via=via,
            )  # fmt: skip
    from summarizer.output.terminal import printable

    name = printable(results.name, shown=True)
    typer.echo(tally.table(name), err=True)
    if results.unchanged and not interrupted:
        _say(
            f"summarizer: note: no article succeeded in this run, so {name} is left as it was "
            "(its failures are the lines above)"
        )
    if interrupted:
        how = "terminated" if _terminated else "interrupted"
        resume = "run the same command again to resume"
        if format != "results":  # rows resume nothing: the cache makes a rerun cheap instead
            resume = "the same command again summarises every article again (from the cache "
            resume += "where a model already did), keeping these rows for any it does not redo"
        if via is not None and via.made is not None:
            resume = f"resume with the same command and --batch-id {via.made}"
        kept = f"{tally.finished:,} results of this run are in {name}"
        if results.unchanged:
            kept = f"{name} is as it was"
        _say(f"summarizer: {how}: {kept}" + (f"; {resume}" if output else ""))
        raise typer.Exit(int(_stop_code()))
    if tally.failed:
        raise typer.Exit(int(ExitCode.FAILED))


def _shard(value: str | None) -> tuple[int, int] | None:
    from summarizer.batch.items import parse_shard

    if value is None:
        return None
    try:
        return parse_shard(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--shard") from None


class _BatchApi:
    """``--batch-api`` / ``--batch-id``: the articles still to ask about go as one Batch API
    batch (or the batch ``batch_id`` is resumed), and its answers stand in for the first
    request of each (``providers.openai.batchapi``)."""

    def __init__(self, batch_id: str | None, poll: float) -> None:
        self.batch_id = batch_id
        self.poll = poll
        self.made: str | None = batch_id  # the batch to resume, once there is one
        self._last: tuple[str, int, int] | None = None

    def check(self, summarizer: Summarizer) -> None:
        """A usage error before anything is read or sent: the Batch API is OpenAI's."""
        from summarizer.providers.openai.provider import OpenAIProvider

        if not isinstance(summarizer.provider, OpenAIProvider):
            raise typer.BadParameter(
                f"needs a model of an OpenAI-compatible server (-m MODEL, --base-url); the "
                f"{summarizer.provider.name} provider sends no requests to batch",
                param_hint="'--batch-api'",
            )

    def answers(self, provider: Provider, asked: list[tuple[str, Article]]) -> Provider:
        """The batch's answers as a provider; the live one when there is nothing to send."""
        from summarizer.providers.openai.batchapi import run_batch
        from summarizer.providers.openai.provider import OpenAIProvider

        assert isinstance(provider, OpenAIProvider)
        if not asked and self.batch_id is None:
            typer.echo(
                "summarizer: note: nothing to send to the Batch API: every article is done, "
                "cached or unreadable",
                err=True,
            )
            return provider
        return run_batch(
            provider, asked, batch_id=self.batch_id, poll_seconds=self.poll, progress=self.show
        )

    def show(self, progress: BatchState) -> None:
        """Each change of the batch's state, on stderr, the first with how to resume it."""
        if self.made != progress.batch_id or self._last is None:
            self.made = progress.batch_id
            _say(
                f"summarizer: batch {progress.batch_id}: if this run stops, resume it with "
                f"--batch-id {progress.batch_id}"
            )
        state = (progress.status, progress.completed, progress.failed)
        if state != self._last:
            self._last = state
            failed = f", {progress.failed:,} failed" if progress.failed else ""
            _say(
                f"summarizer: batch {progress.batch_id}: {progress.status}, "
                f"{progress.completed:,} of {progress.total:,} answered{failed}"
            )


def _run_batch(
    summarizer: Summarizer,
    items: list[BatchItem],
    results: ResultsFile | RowsFile,
    tally: Tally,
    concurrency: int,
    *,
    cache: bool = True,
    log: bool = True,
    via: _BatchApi | None = None,
) -> bool:
    """Run the batch on an event loop of its own; ``True`` when Ctrl-C stopped it (the results
    finished by then are written: each is written as it is made, not as it is reported).
    ``via``: the first answers come from the Batch API, waited for before the loop starts."""
    import asyncio
    from contextlib import aclosing

    from summarizer.batch import run as engine
    from summarizer.batch.report import BatchProgress
    from summarizer.store.cache import cache_key

    progress = BatchProgress(tally, stream=sys.stderr, live=sys.stderr.isatty())

    def keep(result: BatchResult) -> None:
        results.append(result)
        progress.add(result)

    from summarizer.store.cache import Cache
    from summarizer.store.runlog import RunLog

    # Opened before the first request: a damaged or locked file stops the run here (exit 3).
    store = Cache() if cache and summarizer.provider.name != "offline" else None
    runs = RunLog() if log else None

    identity = engine.settings_identity(summarizer.settings)
    provider = summarizer.provider

    async def drive() -> None:
        try:
            many = engine.asummarize_many(
                items, provider, concurrency=concurrency, skip=results.done, on_result=keep,
                cache=store, cache_key=cache_key if store is not None else None, log=runs,
                command="batch", extra_identity=identity,
            )  # fmt: skip
            async with aclosing(many):
                async for _ in many:
                    pass
        finally:
            await summarizer.aclose()  # the async client belongs to this loop
            for opened in (store, runs):
                if opened is not None:
                    opened.close()

    try:
        if via is not None:  # before the progress bar: the batch reports on its own lines
            asked = engine.to_ask(
                items, provider, skip=results.done, cache=store,
                cache_key=cache_key if store is not None else None, extra_identity=identity,
            )  # fmt: skip
            provider = via.answers(provider, asked)
        with progress:
            asyncio.run(drive())
    except KeyboardInterrupt:
        return True
    return False


@app.command()
def schema(
    draft: Annotated[
        bool,
        typer.Option("--draft", help="Print the schema the model is asked to fill instead."),
    ] = False,
) -> None:
    """Print the JSON Schema of the output (or, with --draft, of the model's answer)."""
    from summarizer.draft import ArticleSummary
    from summarizer.schema import StructuredSummary

    model = ArticleSummary if draft else StructuredSummary
    typer.echo(json.dumps(model.model_json_schema(), indent=2))


@app.command("eval", epilog=EXIT_CODES_HELP)
def evaluate(
    events: Annotated[
        Path | None,
        typer.Option(
            "--events",
            help="WikiEvents-format JSONL [default: DATA/wikievents/dev.jsonl].",
        ),
    ] = None,
    rams: Annotated[
        Path | None,
        typer.Option(
            "--rams",
            help="RAMS-format JSON lines [default: DATA/rams/test_half_a.jsonlines].",
        ),
    ] = None,
    plover: Annotated[
        Path | None,
        typer.Option(
            "--plover",
            help="PLOVER gold-record JSON [default: DATA/plover/gold_records.json].",
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
        str | None,
        typer.Option("--only", help="events, rams, plover or cleaning: run just that set."),
    ] = None,
    limit: Annotated[
        int | None,
        typer.Option(
            "--limit", min=1, help="Score only the first N documents (windows, records, pages)."
        ),
    ] = None,
    model: Annotated[str | None, typer.Option("-m", "--model", help="As for summarize.")] = None,
    base_url: Annotated[str | None, typer.Option("--base-url", help="As for summarize.")] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "-o", "--output", parser=_output_path, help="Also write the full report as JSON."
        ),
    ] = None,
) -> None:
    """Score a provider on annotated articles: grounding, event types, actors and their roles,
    who says so, numbers, cleaning.

    Examples:

      summarizer eval                       # offline provider, every set in ../shared/eval

      summarizer eval --only events --limit 5 -o report.json

      summarizer eval --only rams --limit 50

      summarizer eval --events my-set.jsonl --base-url http://localhost:11434/v1 -m llama3.1
    """
    from summarizer.api import Summarizer
    from summarizer.config import OFFLINE
    from summarizer.evaluation.report import DEFAULT_PATHS, default_data_dir, run_evaluation, table
    from summarizer.output.files import check_writable

    if only is not None and only not in DEFAULT_PATHS:
        raise typer.BadParameter("--only takes " + ", ".join(DEFAULT_PATHS))
    if output is not None:
        check_writable(output)
    # The sets named by a path; with --only, that set alone; with none named, the defaults.
    paths = {"events": events, "rams": rams, "plover": plover, "cleaning": cleaning}
    if only is not None:
        paths = {only: paths[only]}
    if all(path is None for path in paths.values()):
        folder = data or default_data_dir()
        if folder is None:
            raise InputError(
                "no evaluation data: pass --data DIR (or --events / --rams / --plover / --cleaning)"
            )
        paths = {name: folder / DEFAULT_PATHS[name] for name in paths}
    chosen = model or (None if base_url else OFFLINE)
    with Summarizer(chosen, base_url=base_url) as summarizer:
        if any(paths.get(name) is not None for name in ("events", "rams", "plover")):
            summarizer.ensure_model()  # fail once, before any document is scored
        report = run_evaluation(
            summarizer.provider,
            events=paths.get("events"),
            rams=paths.get("rams"),
            plover=paths.get("plover"),
            cleaning=paths.get("cleaning"),
            limit=limit,
        )
    if output is not None:
        _emit(json.dumps(report, indent=2) + "\n", output)
    typer.echo(table(report), nl=False)


def _emit(text: str, output: Path | None) -> None:
    """To stdout, or to ``output`` whole or not at all. A full disk under stdout is an
    ``OutputError``; a reader that went away, ``BrokenPipeError`` (exit 141, quietly)."""
    if output is None:
        try:
            sys.stdout.write(text)
            sys.stdout.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:
            _discard_stdout()
            raise OutputError(f"standard output: cannot be written ({exc.strerror})") from None
        return
    from summarizer.output.files import write_atomic

    write_atomic(text, output)


def _report(summary: StructuredSummary) -> None:
    from summarizer.providers.pricing import usd

    meta = summary.metadata
    g = meta.grounding
    note = (
        f"{len(summary.events)} events, {g.quotes - g.dropped}/{g.quotes} quotes and "
        f"{g.fields - g.fields_dropped}/{g.fields} fields grounded, "
        f"{meta.attempts.requests} request(s), {meta.usage.total_tokens} tokens, "
        + ("" if meta.usage.cost_usd is None else f"{usd(meta.usage.cost_usd)}, ")
        + f"{meta.latency_s:.1f}s ({meta.model})"
    )
    if summary.diagnostics.dropped:
        note += (
            f"; {len(summary.diagnostics.dropped)} ungrounded item(s) or field(s) dropped "
            "(see diagnostics.dropped)"
        )
    _say(note)


def _shown(message: str) -> str:
    """A message as it may be shown: the providers redact their errors already; this also
    covers any other, with the key of the environment and whatever looks like a credential."""
    from summarizer.config import env_name
    from summarizer.secrets import redact

    return redact(message, [os.environ.get(env_name("api_key"), "")])


def _fail(message: str, code: ExitCode) -> NoReturn:
    _say(f"summarizer: error: {_shown(message)}", quiet=True)
    raise typer.Exit(int(code))


def main() -> None:
    """The ``summarizer`` command: SIGTERM handled as Ctrl-C for the length of the run (unless
    it was set to be ignored), and nothing said at exit about a standard output that cannot
    take what is left in its buffer (what failed was reported when it failed)."""
    previous = signal.getsignal(signal.SIGTERM)
    if previous == signal.SIG_DFL:
        signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        app()
    except KeyboardInterrupt:  # outside the command (typer's own code): the same line
        _say("summarizer: terminated" if _terminated else "summarizer: interrupted", quiet=True)
        sys.exit(int(_stop_code()))
    finally:
        try:
            sys.stdout.flush()
        except (OSError, ValueError):
            _discard_stdout()
        if previous == signal.SIG_DFL:
            signal.signal(signal.SIGTERM, signal.SIG_DFL)


# What is kept between runs: `summarizer cache …` and `summarizer logs …`. Data (the info
# lines, the table, JSON, a path) goes to stdout; sentences (what was removed, "nothing yet")
# go to stderr. Neither command creates a file that is not there yet.

_STORE_EPILOG = (
    "Files: the cache is SUMMARIZER_CACHE_DIR/cache.sqlite3, else the user cache folder "
    "(~/.cache/summarizer on Linux, ~/Library/Caches/summarizer on macOS, "
    "%LOCALAPPDATA%\\summarizer\\Cache on Windows); the run log is "
    "SUMMARIZER_DATA_DIR/logs.sqlite3, else the user data folder (~/.local/share/summarizer, "
    "~/Library/Application Support/summarizer, %LOCALAPPDATA%\\summarizer). Both are SQLite: "
    "any SQLite tool can read them."
)

cache_app = typer.Typer(
    help="The cache of summaries, so the same article under the same settings is never paid "
    "for twice.\n\nAn entry is keyed by the cleaned article text and everything the summary "
    "depends on: provider, server, model, mode, prompt, schema and summarizer versions, "
    "re-asks. A run with a cached article sends no request for it; --no-cache turns the "
    "cache off for one run.\n\nExamples:\n\n  summarizer cache info\n\n  summarizer cache "
    "clear\n\n  SUMMARIZER_CACHE_DIR=/mnt/shared/summaries summarizer batch news/ -o out.jsonl",
    epilog=_STORE_EPILOG,
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(cache_app, name="cache")


@cache_app.command("info", epilog=_STORE_EPILOG)
def cache_info() -> None:
    """Show the cache's path, number of summaries, size on disk, oldest and newest entry.

    Examples:

      summarizer cache info

      SUMMARIZER_CACHE_DIR=/tmp/try summarizer cache info
    """
    from summarizer.store.cache import Cache
    from summarizer.store.paths import cache_file

    path = cache_file()
    if not path.exists():
        typer.echo(f"path     {path}")
        typer.echo("entries  0 (no cache yet: the first run that uses it creates it)")
        return
    with Cache(path) as cache:
        info = cache.info()
    typer.echo(f"path     {info.path}")
    typer.echo(f"entries  {info.entries}")
    typer.echo(f"size     {_size(info.bytes)}")
    typer.echo(f"oldest   {_local_time(info.oldest)}")
    typer.echo(f"newest   {_local_time(info.newest)}")


@cache_app.command("clear", epilog=_STORE_EPILOG)
def cache_clear() -> None:
    """Remove every cached summary (the run log is kept); says how many went.

    The next run asks the model again for every article. A cache file that is damaged, or
    was written by a newer summarizer, is deleted whole.

    Examples:

      summarizer cache clear

      SUMMARIZER_CACHE_DIR=/mnt/shared/summaries summarizer cache clear
    """
    from summarizer.store.cache import Cache
    from summarizer.store.paths import cache_file

    path = cache_file()
    if not path.exists():
        typer.echo(f"No cache at {path}: nothing to clear.", err=True)
        return
    try:
        with Cache(path) as cache:
            removed = cache.clear()
    except StoreError as exc:
        if not exc.unreadable:
            raise
        _remove_database(path)
        typer.echo(
            f"Removed the cache file {path}: it could not be read (damaged, or written by a "
            "newer summarizer). The next run that uses the cache starts a new one.",
            err=True,
        )
        return
    noun = "summary" if removed == 1 else "summaries"
    typer.echo(
        f"Removed {removed} cached {noun} from {path}; the run log (summarizer logs) is kept.",
        err=True,
    )


logs_app = typer.Typer(epilog=_STORE_EPILOG, rich_markup_mode=None)
app.add_typer(logs_app, name="logs")


@logs_app.callback(invoke_without_command=True, epilog=_STORE_EPILOG)
def logs(
    ctx: typer.Context,
    limit: Annotated[
        int, typer.Option("-n", "--limit", min=1, help="How many runs, newest first.")
    ] = 20,
    as_json: Annotated[
        bool, typer.Option("--json", help="The runs as a JSON array (all fields).")
    ] = False,
    path: Annotated[
        bool, typer.Option("--path", help="Print where the run log is, and nothing else.")
    ] = False,
) -> None:
    """The run log: list recent runs (id, when, command, model, articles, failed, cached,
    tokens, cost), newest first.

    Every run of `summarizer batch` is logged unless --no-log is given: for each article its
    id, whether it failed or came from the cache, requests, tokens, cost, the error, the text
    and the validated summary. API keys never are, and a user or password in a server URL is
    removed before it is stored. A run never finished (interrupted) is marked so.

    Examples:

      summarizer logs

      summarizer logs -n 5 --json

      summarizer logs path

      sqlite3 "$(summarizer logs path)" "select item_id, error from entries where not ok"
    """
    if ctx.invoked_subcommand is not None:
        return
    from summarizer.store.paths import log_file

    where = log_file()
    if path:
        typer.echo(str(where))
        return
    rows = []
    if where.exists():
        from summarizer.store.runlog import RunLog

        with RunLog(where) as runlog:
            rows = runlog.runs(limit)
    if as_json:
        typer.echo(json.dumps([_run_dict(row) for row in rows], indent=2))
        return
    if not rows:
        typer.echo(f"No runs logged yet (the run log is {where}).", err=True)
        return
    table = [
        [
            row.id,
            _local_time(row.started, minutes=True) + ("" if row.finished else " (unfinished)"),
            row.command,
            row.model or "-",
            str(row.articles),
            str(row.failed),
            str(row.cached),
            f"{row.tokens:,}",
            "-" if row.cost_usd is None else f"${row.cost_usd:.4f}",
        ]
        for row in rows
    ]
    headers = ["id", "when", "command", "model", "articles", "failed", "cached", "tokens", "cost"]
    typer.echo(_columns(headers, table, right=set(range(4, 9))))


@logs_app.command("path")
def logs_path() -> None:
    """Print where the run log is (SUMMARIZER_DATA_DIR/logs.sqlite3, else the user data
    folder), e.g. for sqlite3 "$(summarizer logs path)"."""
    from summarizer.store.paths import log_file

    typer.echo(str(log_file()))


def _remove_database(path: Path) -> None:
    for file in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        try:
            file.unlink(missing_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot remove {file} ({exc.strerror or exc})") from None


def _run_dict(row: RunRow) -> dict[str, Any]:
    from dataclasses import asdict

    data: dict[str, Any] = asdict(row)
    for name in ("started", "finished"):
        data[name] = None if data[name] is None else data[name].isoformat()
    return data


def _size(count: int) -> str:
    for unit, scale in (("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if count >= scale:
            return f"{count / scale:.1f} {unit} ({count:,} bytes)"
    return f"{count:,} bytes"


def _local_time(moment: datetime | None, *, minutes: bool = False) -> str:
    if moment is None:
        return "-"
    return moment.astimezone().isoformat(sep=" ", timespec="minutes" if minutes else "seconds")


def _columns(headers: list[str], rows: list[list[str]], *, right: set[int]) -> str:
    """A plain table (no colour, no box): pipes into grep, cut and awk as it reads."""
    widths = [max(len(cell) for cell in column) for column in zip(headers, *rows, strict=True)]

    def line(cells: list[str]) -> str:
        return "  ".join(
            cell.rjust(width) if i in right else cell.ljust(width)
            for i, (cell, width) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    return "\n".join(line(cells) for cells in [headers, *rows])


# `summarizer timeline`: many articles' summaries as one timeline of events.


@app.command(epilog=EXIT_CODES_HELP)
def timeline(
    inputs: Annotated[
        list[Path],
        typer.Argument(
            help="Results files of 'summarizer batch' (JSON Lines; failed results are "
            "skipped) and summary JSON files of 'summarizer summarize' (one, or an array).",
            metavar="RESULTS",
        ),
    ],
    format: Annotated[
        TimelineFormat,
        typer.Option(
            "-f",
            "--format",
            help="Output format: json, csv (one row per event and source), md, or html (one "
            "self-contained page).",
        ),
    ] = "json",
    output: Annotated[
        Path | None,
        typer.Option(
            "-o", "--output", parser=_output_path, help="Write here [default: standard output]."
        ),
    ] = None,
) -> None:
    """Merge the events of many articles into one timeline, sorted by date.

    The same event told by several outlets is one entry: the same type of event, days that
    overlap (a day inside "last week"), and an actor or a place in common. Each entry keeps
    every source's report side by side, with its own figures and who gave them: differing
    death tolls are all kept, never averaged. Events with no date come last, undated.

    Examples:

      summarizer timeline results.jsonl -f md

      summarizer timeline monday.jsonl tuesday.jsonl -f html -o timeline.html

      summarizer timeline results.jsonl -f csv -o timeline.csv
    """
    from summarizer.output.files import check_writable
    from summarizer.timeline import build, read, render

    if output is not None:
        check_writable(output)
    loaded, skipped = read(inputs)
    _emit(render(build(loaded, skipped), format), output)
    for item in skipped:
        _say(f"summarizer: note: skipped {item.id}: {item.reason}")
