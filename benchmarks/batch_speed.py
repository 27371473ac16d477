"""Batch speed against a loopback OpenAI-compatible server with a fixed latency.

Three figures, each measured in the same run as what it is compared with:

1. wall time of ``asummarize_many`` over ARTICLES articles at LATENCY seconds per request with
   CONCURRENCY workers, as a ratio to the ideal (ARTICLES × LATENCY / CONCURRENCY), beside a
   plain sequential instructor loop over the same server (run on a sample of articles and
   scaled to ARTICLES: the loop is strictly sequential, so it scales linearly);
2. client CPU per article at zero latency, median, for a 5,000-character article: the whole
   client (request building, HTTP, parse, validate, ground, write a JSON line) and the
   answer's side alone (parse, validate, ground, write);
3. requests a cached re-run of the same ARTICLES sends (the server counts them).

The server runs in its own process (``latency_server.py``), so the client's CPU is its own.

    python benchmarks/batch_speed.py                       # 400 articles, 0.2 s, 32 workers
    python benchmarks/batch_speed.py --articles 100 --concurrency 16
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.util
import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SAMPLE = 20  # articles for the sequential baseline


def articles(n: int) -> list[str]:
    """``n`` distinct articles of about 5,000 characters, each holding examples/conflict.txt
    (the server's answer quotes it)."""
    parts = [(EXAMPLES / f"{name}.txt").read_text(encoding="utf-8") for name in
             ("conflict", "business", "politics")]  # fmt: skip
    base = "\n\n".join(parts)[:4950]
    return [f"{base}\n\nDispatch {i} of the day." for i in range(n)]


def start_server(latency: float) -> tuple[subprocess.Popen[str], str]:
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "benchmarks" / "latency_server.py"), "--latency", str(latency)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    return proc, proc.stdout.readline().strip()


def completions(base_url: str) -> int:
    with urllib.request.urlopen(base_url.removesuffix("/v1") + "/stats") as response:
        return int(json.load(response)["completions"])


async def concurrent(base_url: str, texts: list[str], concurrency: int) -> tuple[float, int]:
    from summarizer import Summarizer

    async with Summarizer("bench", base_url=base_url, api_key="bench", mode="tools") as s:
        started = time.perf_counter()
        ok = 0
        async for result in s.asummarize_many(texts, concurrency=concurrency):
            ok += result.ok
        return time.perf_counter() - started, ok


def sequential_instructor(base_url: str, texts: list[str]) -> float:
    """A plain loop: instructor on the openai client, one article after another."""
    import instructor
    import openai

    from summarizer.draft import ArticleSummary

    client = instructor.from_openai(
        openai.OpenAI(base_url=base_url, api_key="bench"), mode=instructor.Mode.TOOLS
    )
    started = time.perf_counter()
    for text in texts:
        client.chat.completions.create(
            model="bench",
            response_model=ArticleSummary,
            messages=[{"role": "user", "content": f"Summarize this article:\n{text}"}],
        )
    return time.perf_counter() - started


def in_processes(base_url: str, count: int, processes: int, concurrency: int) -> float:
    """Wall time of the same batch split between ``processes`` processes, as ``--shard K/N``
    splits it, ``concurrency / processes`` workers each: each starts and warms up, then all
    are let go at once and the clock stops when the last one is done."""
    command = [sys.executable, __file__, "--shard-child", base_url, str(count), str(processes),
               str(max(concurrency // processes, 1))]  # fmt: skip
    pipe = subprocess.PIPE
    children = [
        subprocess.Popen([*command, str(k)], stdin=pipe, stdout=pipe, text=True)
        for k in range(processes)
    ]
    for child in children:
        assert child.stdout is not None and child.stdout.readline().strip() == "ready"
    started = time.perf_counter()
    for child in children:
        assert child.stdin is not None
        child.stdin.write("go\n")
        child.stdin.flush()
    for child in children:
        assert child.stdout is not None
        child.stdout.readline()
        child.wait()
    return time.perf_counter() - started


def _shard_child(base_url: str, count: int, processes: int, concurrency: int, k: int) -> None:
    texts = articles(count)[k::processes]
    asyncio.run(concurrent(base_url, texts[:4], concurrency))  # warm-up
    print("ready", flush=True)
    sys.stdin.readline()
    asyncio.run(concurrent(base_url, texts, concurrency))
    print("done", flush=True)


def client_cpu(base_url: str, texts: list[str]) -> list[float]:
    from summarizer import Summarizer

    out = io.StringIO()
    times = []
    with Summarizer("bench", base_url=base_url, api_key="bench", mode="tools") as s:
        for text in texts:
            started = time.process_time()
            out.write(s.summarize(text, published="2024-12-27").model_dump_json() + "\n")
            times.append(time.process_time() - started)
    return times


def answer_cpu(texts: list[str]) -> list[float]:
    """The answer's side alone: parse the completion, validate it (the strict grounding
    check), assemble the summary, write it as a JSON line."""
    import instructor
    from instructor.v2.core.providers import Provider as InstructorProvider
    from instructor.v2.core.registry import mode_registry
    from openai.types.chat import ChatCompletion

    from summarizer.grounding.check import STRICT
    from summarizer.input.article import Article
    from summarizer.pipeline import finish, prepare
    from summarizer.providers.base import CallStats, Extraction
    from summarizer.providers.offline.provider import OfflineProvider
    from summarizer.providers.openai.extract import response_model
    from summarizer.providers.openai.prompt import load_prompt

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from latency_server import ANSWER, _completion

    parser = mode_registry.get_handlers(InstructorProvider.OPENAI, instructor.Mode.TOOLS)
    tools = {"tools": [{"function": {"name": "ArticleSummary"}}]}
    raw = json.dumps(_completion(tools, ANSWER.read_text(encoding="utf-8")))
    prompt, provider, out = load_prompt(), OfflineProvider(), io.StringIO()
    times = []
    for text in texts:
        article, removed = prepare(Article(text=text, published=date(2024, 12, 27)))
        started = time.process_time()
        context = prompt.variables(article) | {"grounding": STRICT}
        draft = parser.response_parser(
            response=ChatCompletion.model_validate_json(raw), response_model=response_model(),
            validation_context=context, strict=False, stream=False, is_async=False,
        )  # fmt: skip
        summary = finish(article, removed, provider, Extraction(draft, CallStats()), started)
        out.write(summary.model_dump_json() + "\n")
        times.append(time.process_time() - started)
    return times


def reference_cpu(text: str) -> float:
    """A fixed pure-Python workload (tokenise the article, count its words, JSON round-trip
    the counts), median of 15: this machine's speed at the moment, since a shared machine's
    CPU speed drifts by half between minutes. CPU figures divided by it compare across runs."""
    import collections
    import re

    times = []
    for _ in range(15):
        started = time.process_time()
        for _ in range(20):
            counts = collections.Counter(re.findall(r"\w+", text.lower()))
            json.loads(json.dumps(counts))
        times.append(time.process_time() - started)
    return statistics.median(times)


def cached_rerun(base_url: str, texts: list[str], concurrency: int) -> tuple[int, int] | None:
    """Requests sent by a first and by a repeated batch with the cache on (None: no cache)."""
    if importlib.util.find_spec("summarizer.store") is None:
        return None
    with tempfile.TemporaryDirectory() as home:
        os.environ["SUMMARIZER_CACHE_DIR"] = home
        os.environ["SUMMARIZER_DATA_DIR"] = home
        out = Path(home) / "results.jsonl"
        inputs = Path(home) / "in.jsonl"
        inputs.write_text("".join(json.dumps({"id": str(i), "text": t}) + "\n"
                                  for i, t in enumerate(texts)), encoding="utf-8")  # fmt: skip
        command = [sys.executable, "-m", "summarizer", "batch", str(inputs), "-o", str(out),
                   "-j", str(concurrency), "-m", "bench", "--base-url", base_url,
                   "--mode", "tools"]  # fmt: skip
        env = os.environ | {"OPENAI_API_KEY": "bench"}
        before = completions(base_url)
        subprocess.run(command, check=True, env=env, capture_output=True)
        first = completions(base_url) - before
        subprocess.run([*command, "--force"], check=True, env=env, capture_output=True)
        return first, completions(base_url) - before - first


def main() -> None:
    if sys.argv[1:2] == ["--shard-child"]:
        url, count, processes, concurrency, k = sys.argv[2:7]
        _shard_child(url, int(count), int(processes), int(concurrency), int(k))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--latency", type=float, default=0.2)
    parser.add_argument("--concurrency", type=int, default=32)
    args = parser.parse_args()
    texts = articles(args.articles)
    print(f"{args.articles} articles of {len(texts[0]):,} characters; latency {args.latency}s; "
          f"concurrency {args.concurrency}; {os.cpu_count()} CPUs")  # fmt: skip

    server, url = start_server(args.latency)
    try:
        asyncio.run(concurrent(url, texts[:8], args.concurrency))  # warm-up: imports, pools
        wall, ok = asyncio.run(concurrent(url, texts, args.concurrency))
        ideal = args.articles * args.latency / args.concurrency
        seq = sequential_instructor(url, texts[:SAMPLE]) * args.articles / SAMPLE
        print(
            f"1. asummarize_many: {wall:.2f}s wall for {ok}/{args.articles} ok; ideal "
            f"{ideal:.2f}s; ratio {wall / ideal:.2f} (target <= 1.15)"
        )
        print(
            f"   plain sequential instructor loop: {seq:.1f}s (measured on {SAMPLE}, scaled); "
            f"{seq / wall:.1f}x slower"
        )
        two = in_processes(url, args.articles, 2, args.concurrency)
        print(
            f"   the same in 2 processes (as --shard 1/2 and 2/2, {args.concurrency // 2} "
            f"workers each): {two:.2f}s wall; ratio {two / ideal:.2f}"
        )
        rerun = cached_rerun(url, texts, args.concurrency)
        if rerun is None:
            print("3. cached re-run: no cache in this build")
        else:
            print(
                f"3. batch then the same batch again (--force, cache on): {rerun[0]} then "
                f"{rerun[1]} requests (target 0)"
            )
    finally:
        server.terminate()

    server, url = start_server(0.0)
    try:
        sample = texts[:60]
        client_cpu(url, sample[:5])
        before = reference_cpu(sample[0])
        whole = client_cpu(url, sample)
        answer = answer_cpu(sample)
        reference = (before + reference_cpu(sample[0])) / 2
        whole_ms, answer_ms = statistics.median(whole) * 1000, statistics.median(answer) * 1000
        print(
            f"2. client CPU per article, zero latency, median: whole client {whole_ms:.1f} ms; "
            f"answer side (parse, validate, ground, write) {answer_ms:.1f} ms (target <= 5 ms)"
        )
        print(
            f"   machine reference {reference * 1000:.1f} ms (a fixed workload, measured around "
            f"them): whole client {whole_ms / 1000 / reference:.2f}x, answer side "
            f"{answer_ms / 1000 / reference:.2f}x the reference"
        )
    finally:
        server.terminate()


if __name__ == "__main__":
    main()
