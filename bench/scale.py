"""Benchmark: build time and peak memory against text size, for three shapes, in one run.

    python bench/scale.py [--quick] [--sizes 1 2 4 8 16] [--repeats 3]
                          [--folder 2000] [--megabytes 1 5 10]

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
Each point is built ``--repeats`` times and the fastest run is kept (on a shared
machine the noise only ever adds time); builds are interleaved (repeat by repeat,
size by size, shape by shape) so a noisy spell slows all shapes alike. Printed: per
shape and size the seconds, the ratio of the whole build to the extraction, the
peak memory, and per doubling the ratio of seconds per word (1.00: linear) and of
peak memory.

``--folder N`` also builds a folder of N small documents (the paragraphs of the
genre documents under tests/fixtures and bench/gold*, each file one or two
paragraphs with a line of its own); ``--megabytes`` builds one document of that
many megabytes of the same varied text (the genre documents one after another,
repeated), once each: seconds, peak memory and triples, and the peak memory per
thousand triples (memory that grows with the graph stays level there).
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
GENRE = (*sorted((ROOT / "tests" / "fixtures" / "genre").iterdir()),
         *sorted(p for folder in sorted(ROOT.glob("bench/gold*/docs")) for p in sorted(folder.iterdir())), SEED)


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


def genre_texts() -> list[str]:
    """The genre documents as plain text (Markdown headings unmarked, HTML left out)."""
    return [re.sub(r"(?m)^#+ ", "", p.read_text(encoding="utf-8")).strip()
            for p in GENRE if p.suffix in (".txt", ".md")]


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


def make_folder(folder: Path, count: int) -> Path:
    """``count`` small documents: one or two paragraphs of the genre texts each, in turn."""
    target = folder / f"folder-{count}"
    target.mkdir()
    paragraphs = [p.strip() for text in genre_texts() for p in text.split("\n\n") if len(p.split()) >= 8]
    for k in range(count):
        body = "\n\n".join(paragraphs[(2 * k + j) % len(paragraphs)] for j in range(1 + k % 2))
        (target / f"note-{k:04d}.txt").write_text(f"Note {k + 1}\n\n{body}\n\nNote number {k + 1}.\n",
                                                  encoding="utf-8")
    return target


def make_megabytes(folder: Path, megabytes: float) -> Path:
    """One document of about ``megabytes`` MB: the genre texts one after another, repeated."""
    texts, parts, size = genre_texts(), [], 0
    while size < megabytes * 1_000_000:
        part = f"{texts[len(parts) % len(texts)]}\n\nPart {len(parts) + 1}."
        parts.append(part)
        size += len(part.encode("utf-8")) + 2
    path = folder / f"document-{megabytes:g}MB.txt"
    path.write_text("\n\n".join(parts) + "\n", encoding="utf-8")
    return path


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
    extract_peak = _peak_kib()
    page = render_html(graph := to_graph(extraction))
    turtle = serialize(graph)
    whole = time.perf_counter() - start
    return {
        "words": sum(len(d.text.split()) for d in extraction.documents),
        "documents": len(extraction.documents),
        "triples": len(graph),
        "extract": extracted,
        "whole": whole,
        "extract_peak_mib": max(0, extract_peak - before) / 1024,
        "peak_mib": max(0, _peak_kib() - before) / 1024,
        "rss_mib": _peak_kib() / 1024,
        "bytes": len(turtle) + len(page),
        "notes": list(extraction.notes),
    }


def _build(path: Path) -> dict:
    out = subprocess.run([sys.executable, __file__, "--one", str(path)],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out.splitlines()[-1])


def _fastest(runs: list[dict]) -> dict:
    """The fastest run's seconds (noise only adds time); the largest peak memory seen."""
    best = dict(min(runs, key=lambda r: r["whole"]))
    best["extract"] = min(r["extract"] for r in runs)
    for key in ("peak_mib", "extract_peak_mib", "rss_mib"):
        best[key] = max(r[key] for r in runs)
    best["runs"] = len(runs)
    return best


def run_all(sizes: list[int], *, quick: bool, repeats: int) -> dict[tuple[str, int], dict]:
    runs: dict[tuple[str, int], list[dict]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        paths = {(shape, size): make_input(Path(tmp), shape, size, quick=quick) for size in sizes for shape in SHAPES}
        for repeat in range(repeats):
            for size in sizes:
                for shape in SHAPES:
                    found = _build(paths[(shape, size)])
                    runs.setdefault((shape, size), []).append(found)
                    print(f"  run {repeat + 1}/{repeats} {shape:>9} ×{size:<3} {found['whole']:7.2f}s", file=sys.stderr)
    return {key: _fastest(found) for key, found in runs.items()}


def report(results: dict[tuple[str, int], dict], sizes: list[int]) -> None:
    print(f"{'shape':>9} {'size':>4} {'words':>7} {'triples':>7} {'extract':>8} {'whole':>8} "
          f"{'whole/ext':>9} {'peak MiB':>8} {'s/word ×':>8} {'ext/word ×':>10} {'peak ×':>6}")
    for shape in SHAPES:
        previous = None
        for size in sizes:
            r = results[(shape, size)]
            per_word, ext_per_word = r["whole"] / r["words"], r["extract"] / r["words"]
            step = f"{per_word / previous['per_word']:8.2f}" if previous else f"{'':>8}"
            ext_step = f"{ext_per_word / previous['ext_per_word']:10.2f}" if previous else f"{'':>10}"
            peak = (f"{r['peak_mib'] / previous['peak_mib']:6.2f}" if previous and previous["peak_mib"] > 0
                    else f"{'':>6}")
            print(f"{shape:>9} {size:>4} {r['words']:>7} {r['triples']:>7} {r['extract']:7.2f}s {r['whole']:7.2f}s "
                  f"{r['whole'] / r['extract']:9.2f} {r['peak_mib']:8.1f} {step} {ext_step} {peak}")
            previous = {**r, "per_word": per_word, "ext_per_word": ext_per_word}
        notes = results[(shape, sizes[-1])]["notes"]
        if notes:
            print(f"{'':>9} notes at ×{sizes[-1]}: {'; '.join(notes)}")
    runs = min(r["runs"] for r in results.values())
    print(f"(fastest of {runs} run{'s' if runs != 1 else ''} per point; s/word ×, ext/word ×: seconds per word of the "
          "whole build / of the extraction over the previous size's, 1.00 = linear; peak ×: peak memory added by the "
          "build over the previous size's)")


def report_single(label: str, r: dict) -> None:
    print(f"{label}: {r['documents']} documents, {r['words']} words, {r['triples']} triples; extraction "
          f"{r['extract']:.1f}s, whole build {r['whole']:.1f}s ({r['whole'] / r['extract']:.2f}×), "
          f"{r['words'] / r['whole']:.0f} words/s; peak memory added {r['extract_peak_mib']:.0f} MiB by the "
          f"extraction, {r['peak_mib']:.0f} MiB by the whole build ({r['peak_mib'] / r['triples'] * 1000:.2f} MiB per "
          f"1,000 triples), {r['rss_mib']:.0f} MiB resident at the peak")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller units (a couple of minutes)")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 2, 4, 8, 16])
    parser.add_argument("--repeats", type=int, default=3, help="builds per point; the fastest is kept (default 3)")
    parser.add_argument("--folder", type=int, default=0, help="also build a folder of this many small documents")
    parser.add_argument("--megabytes", type=float, nargs="*", default=[],
                        help="also build one document of each of these sizes in MB")
    parser.add_argument("--skip-shapes", action="store_true", help="only the folder and megabyte builds")
    parser.add_argument("--one", help=argparse.SUPPRESS)  # internal: build one input in this process
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure_one(args.one)))
        return
    if not args.skip_shapes:
        report(run_all(args.sizes, quick=args.quick, repeats=args.repeats), args.sizes)
    with tempfile.TemporaryDirectory() as tmp:
        if args.folder:
            report_single(f"folder of {args.folder} documents", _build(make_folder(Path(tmp), args.folder)))
        for megabytes in args.megabytes:
            path = make_megabytes(Path(tmp), megabytes)
            report_single(f"one document of {path.stat().st_size / 1e6:.1f} MB", _build(path))
            path.unlink()


if __name__ == "__main__":
    main()
