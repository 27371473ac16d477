"""Cassettes hold no secrets, and none lies unused: ours (``cassettes/``, for ``tests/``) and
the example's (``examples/cassettes/``, for ``examples/``)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Each folder of cassettes, and the folder of the test modules they belong to.
FOLDERS = {ROOT / "cassettes": ROOT / "tests", ROOT / "examples" / "cassettes": ROOT / "examples"}
KEY_LIKE = re.compile(
    r"sk-[A-Za-z0-9_-]{16,}|Bearer\s+\S{8,}|org-[A-Za-z0-9]{16,}|proj_[A-Za-z0-9]{12,}"
    r"|(?i:authorization|api-key|openai-organization|openai-project|set-cookie|cookie)\s*:"
)


def cassette_files() -> list[Path]:
    return sorted(path for folder in FOLDERS for path in folder.rglob("*.yaml"))


def test_there_are_cassettes() -> None:
    assert len(cassette_files()) >= 6
    assert all(any(folder.rglob("*.yaml")) for folder in FOLDERS)


def test_no_cassette_holds_anything_key_like() -> None:
    offenders = [
        f"{path.relative_to(ROOT)}: {match.group(0)[:12]}…"
        for path in cassette_files()
        for match in KEY_LIKE.finditer(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_the_key_scan_would_catch_a_key() -> None:
    assert KEY_LIKE.search("authorization:\n- Bearer sk-abcdefghijklmnopqrstuvwxyz")
    assert KEY_LIKE.search("  Authorization: token")


def test_every_cassette_belongs_to_a_test() -> None:
    """``<cassettes>/<module>/<test>.yaml`` must name a test function in ``<tests>/<module>.py``."""
    unused = []
    for path in cassette_files():
        tests = next(tests for folder, tests in FOLDERS.items() if path.is_relative_to(folder))
        module = tests / f"{path.parent.name}.py"
        name = path.stem
        if not module.exists() or f"def {name}(" not in module.read_text(encoding="utf-8"):
            unused.append(str(path.relative_to(ROOT)))
    assert unused == []
