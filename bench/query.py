"""Query benchmark: rdflib in memory against the pyoxigraph store, side by side.

Builds data/ once, then replicates its graph with renamed resource IRIs
(``…/actor/x`` → ``…/actor/x-c7`` in copy 7: deterministic, same shape) to
about ``--triples`` triples for the store and ``--rdflib-triples`` for rdflib
(rdflib is far slower: give it fewer). Both engines are also timed on the
rdflib size, so the ratio compares like with like. The big graph is queried
twice: in pyoxigraph's memory store (what ``rtgraph query FILE.ttl`` and the
Python API use) and in the on-disk store (``rtgraph load --store``), whose
RocksDB lookups make joins slower. Prints load seconds, then each packaged
query's rows and seconds, and the ratio rdflib / store.

    python bench/query.py                       # 1,000,000 triples; rdflib on 100,000
"""

from __future__ import annotations

import argparse
import re
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_RESOURCE = re.compile(r"<(https://w3id\.org/rtgraph/resource/[a-z]+/[^>]*)>")
_SOURCE = re.compile(r'^(<[^>]*> <http://purl\.org/dc/terms/source> )"')


def replicated(ntriples: list[str], copies: int) -> bytes:
    """``copies`` renamed copies of the graph's N-Triples lines (copy 0 keeps its IRIs).

    Each copy is another document: its resources get the suffix ``-cK`` and
    its source file name the prefix ``cK-``.
    """
    out = list(ntriples)
    for k in range(1, copies):
        suffix = f"-c{k}"
        for line in ntriples:
            line = _RESOURCE.sub(lambda m: f"<{m.group(1)}{suffix}>", line)
            out.append(_SOURCE.sub(lambda m: f'{m.group(1)}"c{k}-', line))
    return ("\n".join(out) + "\n").encode("utf-8")


def _seed_lines() -> list[str]:
    from rtgraph.pipeline import extract
    from rtgraph.rdf import to_graph

    graph = to_graph(extract([ROOT / "data"]))
    text = graph.serialize(format="nt", encoding="utf-8").decode("utf-8")
    return sorted(line for line in text.splitlines() if line.strip())


def _time(fn):
    started = time.perf_counter()
    value = fn()
    return value, time.perf_counter() - started


def main(argv=None) -> int:
    import pyoxigraph
    from rdflib import Graph

    from rtgraph.query import list_queries, select

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=1_000_000, help="size of the big store (default 1,000,000)")
    parser.add_argument("--rdflib-triples", type=int, default=100_000,
                        help="size for rdflib, and for the store beside it (default 100,000)")
    args = parser.parse_args(argv)

    seed = _seed_lines()
    small_copies = max(1, round(args.rdflib_triples / len(seed)))
    big_copies = max(1, round(args.triples / len(seed)))
    small, big = replicated(seed, small_copies), replicated(seed, big_copies)
    print(f"seed graph: {len(seed):,} triples; rdflib and store on {small_copies} copies, "
          f"big store on {big_copies} copies")

    graph, t_rdflib = _time(lambda: Graph().parse(data=small.decode("utf-8"), format="nt"))
    with tempfile.TemporaryDirectory() as tmp:
        def load(data, name):
            store = pyoxigraph.Store(str(Path(tmp) / name))
            store.bulk_load(data, pyoxigraph.RdfFormat.N_TRIPLES)
            store.flush()
            return store

        small_store, t_small = _time(lambda: load(small, "small"))
        big_store, t_big = _time(lambda: load(big, "big"))
        memory = pyoxigraph.Store()
        _, t_memory = _time(lambda: memory.bulk_load(big, pyoxigraph.RdfFormat.N_TRIPLES))
        n_small, n_big = len(graph), len(big_store)
        print(f"load      rdflib {n_small:>9,} triples {t_rdflib:8.2f} s | store {len(small_store):>9,} "
              f"{t_small:7.2f} s | ratio {t_rdflib / t_small:6.1f}x | {n_big:,} triples: memory {t_memory:.2f} s, "
              f"store {t_big:.2f} s")
        print()
        head = (f"{'query':<34} {'rows':>6} {'rdflib s':>9} {'store s':>8} {'ratio':>7}   "
                f"{'rows':>7} {'memory s':>8} {'store s':>8}   (left: {n_small:,} triples; right: {n_big:,})")
        print(head)
        print("-" * len(head))
        total = [0.0, 0.0, 0.0, 0.0]
        for name, _ in list_queries():
            (_, r_rows), a = _time(lambda: select(graph, name))
            (_, s_rows), b = _time(lambda: select(small_store, name))
            (_, b_rows), m = _time(lambda: select(memory, name))
            (_, d_rows), c = _time(lambda: select(big_store, name))
            if len(r_rows) != len(s_rows) or len(b_rows) != len(d_rows):
                print(f"  warning: {name}: rdflib {len(r_rows)} rows, store {len(s_rows)}; "
                      f"memory {len(b_rows)}, store {len(d_rows)}")
            total = [total[0] + a, total[1] + b, total[2] + m, total[3] + c]
            print(f"{name:<34} {len(r_rows):>6} {a:>9.3f} {b:>8.3f} {a / max(b, 1e-6):>6.1f}x   "
                  f"{len(b_rows):>7} {m:>8.3f} {c:>8.3f}")
        print("-" * len(head))
        print(f"{'all 15':<34} {'':>6} {total[0]:>9.2f} {total[1]:>8.2f} "
              f"{total[0] / max(total[1], 1e-6):>6.1f}x   {'':>7} {total[2]:>8.2f} {total[3]:>8.2f}")
        del small_store, big_store, memory
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
