"""Benchmark: build time and peak memory against text size, for three shapes, in one run.

    python bench/scale.py [--quick] [--sizes 1 2 4 8 16]

Shapes, each at 1×, 2×, 4×, 8× and 16× a unit of text:

- ``sentence``: one sentence of N words drawn (seeded) from the seed document's
  words, names included: the parser and relation readers see it in windows;
- ``document``: one file holding the unit N times;
- ``documents``: N files of the unit, each with a line of its own (identical files
  would be read as one document).

The unit is ``data/``'s seed document (``--quick``: its first paragraphs, about
700 words; sentences of 300 words instead of 1,000). Every build runs in a fresh
subprocess (warmed up on a small document first, so loading spaCy and the lexicon
is not counted) and reports seconds for the extraction and for the whole build
(extraction, RDF, Turtle, HTML) and the peak resident memory the build added.
Builds are interleaved (size by size, shape by shape) so a noisy machine slows all
shapes alike. Printed: per shape and size the seconds, the ratio of the whole
build to the extraction, the peak memory, and per doubling the ratio of seconds
per word (1.0: linear) and of peak memory.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "data" / "roundtable-2021-03.txt"
SHAPES = ("sentence", "document", "documents")


def unit_text(quick: bool) -> str:
    text = SEED.read_text(encoding="utf-8")
    if not quick:
        return text
    paragraphs, kept = text.split("\n\n"), []
    while paragraphs and sum(len(p.split()) for p in kept) < 700:
        kept.append(paragraphs.pop(0))
    return "\n\n".join(kept).strip() + "\n"


def long_sentence(words: int) -> str:
    vocabulary = re.findall(r"[A-Za-z][A-Za-z'-]*", SEED.read_text(encoding="utf-8"))
    rng = random.Random(words)
    return "A long sentence\n\n" + " ".join(rng.choice(vocabulary) for _ in range(words)) + ".\n"


def make_input(folder: Path, shape: str, size: int, *, quick: bool) -> Path:
    target = folder / f"{shape}-{size}"
    target.mkdir()
    unit = unit_text(quick)
    if shape == "sentence":
        (target / "sentence.txt").write_text(long_sentence(size * (300 if quick else 1000)), encoding="utf-8")
    elif shape == "document":
        (target / "document.txt").write_text("\n\n".join([unit] * size), encoding="utf-8")
    else:
        for k in range(size):
            (target / f"copy-{k:03d}.txt").write_text(f"{unit}\n\nCopy number {k + 1}.\n", encoding="utf-8")
    return target


def _peak_kib() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux


def measure_one(path: str) -> dict:
    """Build ``path`` in this process (after a warm-up) and return its numbers."""
    from rtgraph.html import render_html
    from rtgraph.pipeline import extract
    from rtgraph.rdf import serialize, to_graph

    with tempfile.TemporaryDirectory() as tmp:
        warm = Path(tmp) / "warm.txt"
        warm.write_text(unit_text(True), encoding="utf-8")
        render_html(to_graph(extract([warm])))
    before = _peak_kib()
    start = time.perf_counter()
    extraction = extract([path])
    extracted = time.perf_counter() - start
    page = render_html(graph := to_graph(extraction))
    turtle = serialize(graph)
    whole = time.perf_counter() - start
    return {
        "words": sum(len(d.text.split()) for d in extraction.documents),
        "documents": len(extraction.documents),
        "triples": len(graph),
        "extract": extracted,
        "whole": whole,
        "peak_mib": max(0, _peak_kib() - before) / 1024,
        "bytes": len(turtle) + len(page),
        "notes": list(extraction.notes),
    }


def run_all(sizes: list[int], *, quick: bool) -> dict[tuple[str, int], dict]:
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            for shape in SHAPES:
                path = make_input(Path(tmp), shape, size, quick=quick)
                out = subprocess.run([sys.executable, __file__, "--one", str(path)],
                                     check=True, capture_output=True, text=True).stdout
                results[(shape, size)] = json.loads(out.splitlines()[-1])
                print(f"  {shape:>9} ×{size:<3} {results[(shape, size)]['whole']:7.2f}s", file=sys.stderr)
    return results


def report(results: dict[tuple[str, int], dict], sizes: list[int]) -> None:
    print(f"{'shape':>9} {'size':>4} {'words':>7} {'triples':>7} {'extract':>8} {'whole':>8} "
          f"{'whole/ext':>9} {'peak MiB':>8} {'s/word ×':>8} {'peak ×':>6}")
    for shape in SHAPES:
        previous = None
        for size in sizes:
            r = results[(shape, size)]
            per_word = r["whole"] / r["words"]
            step = f"{per_word / previous['per_word']:8.2f}" if previous else f"{'':>8}"
            peak = (f"{r['peak_mib'] / previous['peak_mib']:6.2f}" if previous and previous["peak_mib"] > 0
                    else f"{'':>6}")
            print(f"{shape:>9} {size:>4} {r['words']:>7} {r['triples']:>7} {r['extract']:7.2f}s {r['whole']:7.2f}s "
                  f"{r['whole'] / r['extract']:9.2f} {r['peak_mib']:8.1f} {step} {peak}")
            previous = {**r, "per_word": per_word}
        notes = results[(shape, sizes[-1])]["notes"]
        if notes:
            print(f"{'':>9} notes at ×{sizes[-1]}: {'; '.join(notes)}")
    print("(s/word ×: seconds per word of the whole build over the previous size's, 1.00 = linear; "
          "peak ×: peak memory added by the build over the previous size's)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller units (a couple of minutes)")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 2, 4, 8, 16])
    parser.add_argument("--one", help=argparse.SUPPRESS)  # internal: build one input in this process
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure_one(args.one)))
        return
    report(run_all(args.sizes, quick=args.quick), args.sizes)


if __name__ == "__main__":
    main()
