"""Benchmark: a corpus of 10, 100 and 1,000 documents, one and two workers, cold and warm cache.

    nice python bench/corpus.py [--sizes 10 100 1000] [--words 3000] [--workers 1 2]

The documents are generated (seeded) from the documents in ``data/`` and the
test fixtures (``tests/fixtures/genre/``, ``tests/fixtures/corpus/``), as read
by rtgraph: each takes paragraphs from every source in its own shuffled order
until it has about ``--words`` words (3,000: about 3 million words at 1,000
documents), and changes every figure in them, so no two documents are
byte-identical copies (which rtgraph would read as one).

For each size, four builds run side by side, each ``rtgraph build -q`` in its
own subprocess: one worker with a cold cache (a new output folder), the same
again with a warm cache (every document's records read from the cache), then
the same pair with ``--workers 2``. Each reports the seconds of the whole build
(start-up, reading, extraction, RDF, Turtle, HTML) and the peak resident memory
of the whole process tree (the build and its workers, summed, polled every
0.1 s). Printed: a table with seconds, words per second, peak MiB, the ratio of
each build to the cold one-worker build of its size, and of seconds per word to
the smallest size; and whether both workers' outputs have the bytes of one.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [ROOT / "data", ROOT / "tests" / "fixtures" / "genre", ROOT / "tests" / "fixtures" / "corpus"]
_NUMBER = re.compile(r"(?<![\w.])\d[\d,]*(?:\.\d+)?(?![\w])")


def _paragraphs() -> list[str]:
    sys.path.insert(0, str(ROOT / "src"))
    from rtgraph.ingest import read_corpus

    documents, _ = read_corpus(SOURCES)
    return [p.strip() for d in documents for p in d.text.split("\n\n") if len(p.split()) >= 8]


def _vary(paragraph: str, rng: random.Random) -> str:
    """Every figure changed (years kept, so periods stay periods)."""
    def figure(match: re.Match) -> str:
        text = match.group()
        plain = text.replace(",", "")
        if len(plain) == 4 and plain.isdigit() and 1900 <= int(plain) <= 2100:
            return text
        value = float(plain) * rng.uniform(0.5, 1.5)
        return f"{value:.1f}" if "." in plain else f"{max(1, round(value)):,}"
    return _NUMBER.sub(figure, paragraph)


def make_corpus(folder: Path, count: int, words: int, paragraphs: list[str]) -> int:
    """Write ``count`` documents into ``folder``; returns the number of words."""
    folder.mkdir(parents=True)
    total = 0
    for k in range(count):
        rng = random.Random(k)
        order = paragraphs[:]
        rng.shuffle(order)
        body, size = [], 0
        for paragraph in order:
            if size >= words:
                break
            body.append(_vary(paragraph, rng))
            size += len(body[-1].split())
        text = f"Generated summary {k + 1}\n\n" + "\n\n".join(body) + "\n"
        (folder / f"doc-{k + 1:04d}.txt").write_text(text, encoding="utf-8")
        total += len(text.split())
    return total


def _tree_rss(process: psutil.Process) -> int:
    total = 0
    for p in [process, *process.children(recursive=True)]:
        try:
            total += p.memory_info().rss
        except psutil.Error:  # a worker that just ended
            pass
    return total


def build(inputs: Path, out: Path, workers: int) -> tuple[float, int]:
    """(seconds, peak RSS of the process tree in bytes) of one quiet build."""
    command = [sys.executable, "-m", "rtgraph", "build", str(inputs), "-o", str(out), "-q", "--workers", str(workers)]
    started = time.perf_counter()
    child = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    process, peak = psutil.Process(child.pid), 0
    while child.poll() is None:
        try:
            peak = max(peak, _tree_rss(process))
        except psutil.Error:
            pass
        time.sleep(0.1)
    seconds = time.perf_counter() - started
    if child.returncode != 0:
        raise SystemExit(f"build failed ({child.returncode}): {child.stderr.read()}")
    return seconds, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000])
    parser.add_argument("--words", type=int, default=3000, help="words per document (default 3000)")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="worker counts to build with (default 1 2)")
    args = parser.parse_args()
    paragraphs = _paragraphs()
    rows = []
    print(f"{'docs':>5} {'words':>9} {'workers':>7} {'cache':>5} {'seconds':>8} {'words/s':>8} {'peak MiB':>8} "
          f"{'x cold 1w':>9} {'s/word x':>8}", flush=True)
    with tempfile.TemporaryDirectory(prefix="rtgraph-corpus-") as tmp:
        for size in args.sizes:
            inputs = Path(tmp) / f"in-{size}"
            words = make_corpus(inputs, size, args.words, paragraphs)
            outputs = {}
            for workers in args.workers:
                out = Path(tmp) / f"out-{size}-{workers}"
                for cache in ("cold", "warm"):
                    seconds, peak = build(inputs, out, workers)
                    rows.append((size, words, workers, cache, seconds, peak))
                    base = next(r for r in rows if r[0] == size and r[2] == args.workers[0] and r[3] == "cold")
                    first = next(r for r in rows if r[0] == args.sizes[0] and r[2] == workers and r[3] == cache)
                    per_word = (seconds / words) / (first[4] / first[1])
                    print(f"{size:>5} {words:>9,} {workers:>7} {cache:>5} {seconds:>8.1f} {words / seconds:>8,.0f} "
                          f"{peak / 2**20:>8.0f} {seconds / base[4]:>9.2f} {per_word:>8.2f}", flush=True)
                outputs[workers] = {n: (out / n).read_bytes() for n in ("rtgraph.ttl", "rtgraph.html")}
            if 1 in outputs and 2 in outputs:
                print(f"{size:>5} documents: two workers give the bytes of one: "
                      f"{'yes' if outputs[1] == outputs[2] else 'NO'}", flush=True)
            shutil.rmtree(inputs)


if __name__ == "__main__":
    main()
