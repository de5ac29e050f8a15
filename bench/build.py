"""Benchmark: how build time scales with corpus size, stage by stage, in one run.

    python bench/build.py [--copies 1 4 16]

Copies of data/ (each with its own file name, so a distinct document) are built
side by side; the report gives seconds per stage and the ratio to the smallest
corpus, so scaling is read as ratios measured on the same machine in one run.
Stages: read + sentence splitting, parse (the trained pipeline), extraction
(mentions, resolution, facts), RDF, Turtle, HTML; beside them a bare run of
the trained pipeline over the same sentences (``spacy``), and the whole
build's words per second.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from rtgraph.html import render_html
from rtgraph.pipeline import extract
from rtgraph.rdf import serialize, to_graph
from rtgraph.sentences import parse

ROOT = Path(__file__).resolve().parent.parent


def corpus(folder: Path, copies: int) -> Path:
    target = folder / f"x{copies}"
    target.mkdir()
    for source in sorted((ROOT / "data").iterdir()):
        text = source.read_text(encoding="utf-8")
        for k in range(copies):
            # a closing line of its own, or byte-identical copies would be one document
            (target / f"{source.stem}-{k}{source.suffix}").write_text(f"{text}\n\nCopy {k + 1} of {copies}.\n", encoding="utf-8")
    return target


def measure(path: Path) -> dict[str, float]:
    stages: dict[str, float] = {}
    start = time.perf_counter()
    extraction = extract([path], timings=stages)
    build = time.perf_counter() - start
    times = {
        "read": stages.get("read", 0) + stages.get("sentences", 0),
        "parse": stages.get("parse", 0),
        "extract": stages.get("mentions", 0) + stages.get("facts", 0),
    }
    texts = [s.text for s in extraction.sentences]
    start = time.perf_counter()
    for _ in parse(texts):
        pass
    times["spacy"] = time.perf_counter() - start
    start = time.perf_counter()
    graph = to_graph(extraction)
    times["rdf"] = time.perf_counter() - start
    start = time.perf_counter()
    serialize(graph)
    times["turtle"] = time.perf_counter() - start
    start = time.perf_counter()
    render_html(graph)
    times["html"] = time.perf_counter() - start
    times["sentences"] = len(extraction.sentences)
    times["words"] = sum(len(d.text.split()) for d in extraction.documents)
    times["words/s"] = times["words"] / (build + times["rdf"] + times["turtle"] + times["html"])
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, nargs="+", default=[1, 4, 16])
    args = parser.parse_args()
    measure(ROOT / "data")  # warm-up: lexicon, matchers, spaCy
    with tempfile.TemporaryDirectory() as tmp:
        rows = [(n, measure(corpus(Path(tmp), n))) for n in args.copies]
    base = rows[0][1]
    stages = ("read", "parse", "extract", "rdf", "turtle", "html", "spacy")
    print(f"{'copies':>6} {'sentences':>9} {'words':>7} " + " ".join(f"{s:>14}" for s in stages) + f" {'words/s':>8}")
    for n, t in rows:
        cells = " ".join(f"{t[s]:6.2f}s ×{t[s] / base[s]:5.1f}" for s in stages)
        print(f"{n:>6} {int(t['sentences']):>9} {int(t['words']):>7} {cells} {t['words/s']:8.0f}")
    print("(×: ratio to the first row; spacy: the trained pipeline alone over the same sentences)")


if __name__ == "__main__":
    main()
