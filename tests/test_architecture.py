"""The house as built: no import cycles, lazy SDKs, a front door that exports what it says.

The layers themselves are import-linter contracts in pyproject.toml (``lint-imports``); these
tests check what a contract cannot: cycles through the package's own ``__init__`` and imports
inside functions, and which libraries a real interpreter has loaded after each use.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import grimp
import pytest

import summarizer
from tests.conftest import EXAMPLES

# vcrpy and PyYAML too: record and replay (``--cassette``, the pytest plugin) load them when used.
SDKS = ("openai", "instructor", "trafilatura", "httpx", "httpx2", "vcr", "yaml")


def _strongly_connected(graph: grimp.ImportGraph) -> list[set[str]]:
    """Tarjan's components of the module graph with more than one module in them."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[set[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for imported in graph.find_modules_directly_imported_by(module):
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in on_stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            component = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.add(member)
                if member == module:
                    break
            if len(component) > 1:
                cycles.append(component)

    for module in sorted(graph.modules):
        if module not in index:
            visit(module)
    return cycles


def test_no_module_takes_part_in_an_import_cycle_lazy_imports_included() -> None:
    # grimp reads every import statement, those inside functions and under TYPE_CHECKING too.
    graph = grimp.build_graph("summarizer")
    assert len(graph.modules) > 50
    assert _strongly_connected(graph) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    graph = grimp.ImportGraph()
    for importer, imported in [("p.a", "p.b"), ("p.b", "p.c"), ("p.c", "p.a"), ("p.c", "p.d")]:
        graph.add_import(importer=importer, imported=imported)
    assert _strongly_connected(graph) == [{"p.a", "p.b", "p.c"}]


def test_every_public_name_is_exported_and_loads() -> None:
    assert sorted(summarizer._EXPORTS) == sorted(
        n for n in summarizer.__all__ if n != "__version__"
    )
    for name in summarizer.__all__:
        assert getattr(summarizer, name) is not None
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        _ = summarizer.nothing


def loaded_after(steps: dict[str, str]) -> dict[str, list[str]]:
    """The SDKs one fresh interpreter has loaded after each step, the steps run in order."""
    probe = f"json.dumps([m for m in {SDKS!r} if m in sys.modules])"
    script = "import json, sys\n" + "".join(
        f"{code}\nprint({name!r}, {probe}, sep='\\t')\n" for name, code in steps.items()
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60
    )
    rows = [line.split("\t") for line in done.stdout.splitlines() if "\t" in line]
    return {name: json.loads(loaded) for name, loaded in rows}


def cli(*args: str) -> str:
    return (
        "import runpy\n"
        f"sys.argv = ['summarizer', *{list(args)!r}]\n"
        "try:\n    runpy.run_module('summarizer', run_name='__main__')\n"
        "except SystemExit:\n    pass"
    )


def test_starting_up_and_summarizing_offline_load_no_sdk(tmp_path: Path) -> None:
    # Loading only grows: after each step, nothing it or an earlier step did loaded an SDK.
    article, out, many = EXAMPLES / "conflict.txt", tmp_path / "out.json", tmp_path / "b.jsonl"
    steps = {
        "import summarizer": "import summarizer",
        "the front door": "from summarizer import Summarizer, StructuredSummary, load, summarize",
        "every public name": "from summarizer import *",  # RetryPolicy and Settings included
        "--version": cli("--version"),
        "--help": cli("--help"),
        "summarize --help": cli("summarize", "--help"),
        "schema": cli("schema"),
        "summarize() offline": (
            f"result = summarize(load({str(article)!r}), published='2024-12-27')\n"
            "assert result.metadata.provider == 'offline' and result.events"
        ),
        "summarize -m offline": cli("summarize", str(article), "-m", "offline", "-o", str(out)),
        "-f table and md": cli("summarize", str(article), "-m", "offline", "-f", "table")
        + "\n"
        + cli("summarize", str(article), "-m", "offline", "-f", "md"),
        "batch --help": cli("batch", "--help"),
        "batch -m offline": cli("batch", str(article), "-m", "offline", "-o", str(many)),
        "summarize_many() offline": (
            "from summarizer import summarize_many\n"
            f"assert all(r.ok for r in summarize_many([load({str(article)!r})], model='offline'))"
        ),
    }
    assert loaded_after(steps) == {name: [] for name in steps}
    assert json.loads(out.read_text())["metadata"]["provider"] == "offline"
    assert json.loads(many.read_text())["summary"]["metadata"]["provider"] == "offline"


def test_an_sdk_is_loaded_where_it_is_needed(tmp_path: Path) -> None:
    """The probe above is not blind: it sees a library once it is used."""
    page = tmp_path / "page.html"
    page.write_text("<html><body><p>" + "The river rose in the valley. " * 5 + "</p></body></html>")
    cassette = tmp_path / "run.yaml"
    loaded = loaded_after(
        {
            "html": f"from summarizer import load\nload({str(page)!r})",
            "recording": "from summarizer.replay import recording\n"
            f"with recording({str(cassette)!r}):\n    pass",
        }
    )
    assert loaded["html"] == ["trafilatura"]
    assert {"vcr", "yaml"} <= set(loaded["recording"])
