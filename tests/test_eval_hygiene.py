"""No wording of the evaluation articles in the project: not in the rules, tests or examples.

The evaluation texts (``../shared/eval``, read in place) are the development set; the rules are
scored on them, so a rule or a test sentence written from one of their sentences makes the
figures overstate the extractor, and copying their text breaks their licences. This scans every
source and test file, the examples and the README for any run of ``RUN`` words that also stands
in WikiEvents, RAMS or PLOVER, and fails naming the file and the words. Stock phrases of news
English that the project needs as they are stand in ``ALLOWED``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"
RUN = 5
ALLOWED = {
    "spoke on condition of anonymity",  # the idiom an attribution rule recognises
    "continue reading the main story",  # page furniture the cleaner removes
    "for more than a decade",
    "over the past two years",
    "more than 1 5 million",
    "document 0001 event document eventtext",  # PLOVER's field names in a format fixture
}
_WORD = re.compile(r"[a-z0-9]+")

pytestmark = pytest.mark.skipif(not EVAL.is_dir(), reason="../shared/eval is not beside the repo")


def _runs(text: str) -> set[tuple[str, ...]]:
    words = _WORD.findall(text.lower())
    return {tuple(words[i : i + RUN]) for i in range(len(words) - RUN + 1)}


def _evaluation_runs() -> set[tuple[str, ...]]:
    runs: set[tuple[str, ...]] = set()
    for line in (EVAL / "wikievents" / "dev.jsonl").read_text(encoding="utf-8").splitlines():
        doc = json.loads(line)
        runs |= _runs(" ".join(token[0] for sentence in doc["sentences"] for token in sentence[0]))
    for line in (EVAL / "rams" / "test_half_a.jsonlines").read_text(encoding="utf-8").splitlines():
        doc = json.loads(line)
        runs |= _runs(" ".join(word for sentence in doc["sentences"] for word in sentence))
    records = json.loads((EVAL / "plover" / "gold_records.json").read_text(encoding="utf-8"))
    runs |= _runs(json.dumps(records))
    return runs


def _project_files() -> list[Path]:
    files = [*(ROOT / "summarizer").rglob("*.py"), *(ROOT / "tests").rglob("*.py")]
    files += [*(ROOT / "examples").glob("*.txt"), ROOT / "README.md"]
    return sorted(files)


def test_no_run_of_evaluation_wording_stands_in_the_project() -> None:
    evaluation = _evaluation_runs()
    assert len(evaluation) > 50_000  # the sets were read
    found = sorted(
        (str(path.relative_to(ROOT)), " ".join(run))
        for path in _project_files()
        for run in _runs(path.read_text(encoding="utf-8")) & evaluation
        if " ".join(run) not in ALLOWED
    )
    assert found == [], "evaluation wording in the project (reword it):\n" + "\n".join(
        f"  {path}: {words}" for path, words in found
    )
