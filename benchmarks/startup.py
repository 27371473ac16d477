"""How long the command takes to start, as a ratio to ``python -c 'import typer'``.

Each command is run ``--repeat`` times in fresh interpreters, interleaved with the baseline so
that a busy moment of the machine hits both alike; the median of each counts. Target: the
ratio for ``summarizer --version`` at most 3 (it loads typer and the package's front door, no
SDK). Exit status 1 when a ratio is over the target.

    python benchmarks/startup.py              # 15 runs of each
    python benchmarks/startup.py --repeat 40
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time

TARGET = 3.0
BASELINE = [sys.executable, "-c", "import typer"]


def command(*args: str) -> list[str]:
    """``summarizer ARGS`` through the installed console script, else ``python -m``."""
    script = shutil.which("summarizer")
    return [script, *args] if script else [sys.executable, "-m", "summarizer", *args]


def seconds(argv: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15, help="runs of each command")
    args = parser.parse_args()
    cases = {"summarizer --version": command("--version"), "summarizer --help": command("--help")}
    times: dict[str, list[float]] = {"import typer": [], **{name: [] for name in cases}}
    for argv in [BASELINE, *cases.values()]:
        seconds(argv)  # warm the file cache once
    for _ in range(args.repeat):
        times["import typer"].append(seconds(BASELINE))
        for name, argv in cases.items():
            times[name].append(seconds(argv))
    base = statistics.median(times["import typer"])
    print(f"{'import typer':>22}: {base * 1000:7.1f} ms  (median of {args.repeat}, baseline)")
    over = False
    for name in cases:
        median = statistics.median(times[name])
        ratio = median / base
        over |= name.endswith("--version") and ratio > TARGET
        print(f"{name:>22}: {median * 1000:7.1f} ms  {ratio:4.2f}x the baseline")
    print(f"target: summarizer --version at most {TARGET:g}x: {'NOT MET' if over else 'met'}")
    return 1 if over else 0


if __name__ == "__main__":
    raise SystemExit(main())
