"""How fast the offline provider is, against a plain extractive baseline, on real articles.

Reads the evaluation articles in place (``../shared/eval`` beside the repository, or
``--data``): the WikiEvents documents and the plain-text pages of the newspaper4k set. Each
round runs every article through ``pipeline.run`` with ``OfflineProvider`` (clean → extract →
assemble, i.e. grounding and normalisation included), then through the baseline: a regex
sentence split and a word-frequency ranking of sentences, no extraction. The best round of
``--repeat`` counts (the least disturbed by other work on the machine); times are wall-clock.

    python benchmarks/offline_speed.py --repeat 5
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from summarizer.evaluation.events import article_text  # noqa: E402
from summarizer.input.article import Article  # noqa: E402
from summarizer.pipeline import run  # noqa: E402
from summarizer.providers.offline.provider import OfflineProvider  # noqa: E402

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_WORD = re.compile(r"[a-z']+")
_STOPWORDS = frozenset(
    {"a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "by", "for", "from",
     "with", "as", "is", "are", "was", "were", "be", "been", "it", "its", "this", "that", "he",
     "she", "they", "his", "her", "their", "said", "says"}
)  # fmt: skip


def articles(data: Path) -> list[str]:
    """The benchmark's article texts: WikiEvents documents, then newspaper4k plain texts."""
    texts: list[str] = []
    events = data / "wikievents" / "dev.jsonl"
    if events.exists():
        with events.open(encoding="utf-8") as fh:
            texts += [article_text(json.loads(line)) for line in fh if line.strip()]
    texts += [
        p.read_text(encoding="utf-8") for p in sorted((data / "newspaper4k" / "txt").glob("*.txt"))
    ]
    return texts


def baseline(text: str) -> list[str]:
    """A plain extractive summary: the five sentences with the most frequent words."""
    sentences = [s for s in _SENTENCE_END.split(text) if s.strip()]
    freq = Counter(w for w in _WORD.findall(text.lower()) if w not in _STOPWORDS)

    def score(sentence: str) -> float:
        found = _WORD.findall(sentence.lower())
        return sum(freq[w] for w in found) / (len(found) or 1)

    return sorted(sentences, key=score, reverse=True)[:5]


def best_round(work: Callable[[str], object], texts: list[str], repeat: int) -> float:
    """Seconds for the fastest of ``repeat`` passes over all ``texts``."""
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        for text in texts:
            work(text)
        best = min(best, time.perf_counter() - started)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "eval")
    parser.add_argument("--repeat", type=int, default=5, help="rounds; the best one counts")
    args = parser.parse_args()
    texts = articles(args.data)
    if not texts:
        print(f"no articles under {args.data}", file=sys.stderr)
        return 1
    provider = OfflineProvider()

    def offline(text: str) -> object:
        return run(Article(text=text), provider)

    offline(texts[0])  # loads the gazetteers once, as a long-running process would
    chars = sum(map(len, texts))
    print(
        f"{len(texts)} articles, mean {chars / len(texts):,.0f} characters, best of {args.repeat}"
    )
    results = {"offline": best_round(offline, texts, args.repeat),
               "baseline": best_round(baseline, texts, args.repeat)}  # fmt: skip
    for name, seconds in results.items():
        print(
            f"{name:>8}: {len(texts) / seconds:8.1f} articles/s  {chars / seconds:12,.0f} chars/s"
            f"  ({chars / seconds / 5000:6.1f} articles/s at 5,000 characters)"
        )
    print(
        f"ratio offline/baseline (time per article): {results['offline'] / results['baseline']:.1f}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
