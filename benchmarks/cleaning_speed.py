"""How fast cleaning is on a long article full of near-miss lines, against a plain baseline.

The article repeats the test suite's furniture, reporting and near-miss lines (the lines that
would make a careless rule try every way of matching them) 200 times: about 25,000 lines. The
baseline does the least any cleaner must: Unicode normalisation and a pass over the lines.
Both are timed in the same run, best of ``--repeat``; the figure to compare is the ratio.

    python benchmarks/cleaning_speed.py
"""

from __future__ import annotations

import argparse
import sys
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from summarizer.input.clean import clean  # noqa: E402
from tests.test_input import FURNITURE, REPORTING, TRICKY  # noqa: E402


def baseline(text: str) -> object:
    normalised = unicodedata.normalize("NFC", text)
    return "\n".join(line.rstrip() for line in normalised.split("\n"))


def best(work: Callable[[str], object], text: str, repeat: int) -> float:
    fastest = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        work(text)
        fastest = min(fastest, time.perf_counter() - started)
    return fastest


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="rounds; the best one counts")
    args = parser.parse_args()
    paragraph = "Officials said 41 people died, by Monday, as the river rose 3:15 a.m. " * 5
    text = "\n\n".join([paragraph, *FURNITURE, *REPORTING, *TRICKY] * 200)
    lines = text.count("\n") + 1
    cleaning, plain = best(clean, text, args.repeat), best(baseline, text, args.repeat)
    print(f"{lines:,} lines, {len(text):,} characters, best of {args.repeat}")
    print(f"   clean: {cleaning * 1000:8.1f} ms  ({lines / cleaning:,.0f} lines/s)")
    print(f"baseline: {plain * 1000:8.1f} ms  ({lines / plain:,.0f} lines/s)")
    print(f"ratio clean/baseline: {cleaning / plain:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
