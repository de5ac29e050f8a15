"""Query benchmark: every packaged query on rdflib and on the pyoxigraph store, side by side, against its target.

Builds data/ once, then replicates its graph as other documents (copy K:
resource IRIs ``…/actor/x`` → ``…/actor/x-cK``, source file ``cK-name.txt``;
deterministic, same shape) to about ``--triples`` triples for the store and
``--rdflib-triples`` for rdflib (rdflib is far slower: give it fewer). Both
engines are timed on the rdflib size, so the ratio compares like with like.
The big graph is queried in pyoxigraph's memory store (what ``rtgraph query
FILE.ttl`` and the Python API use) and in the on-disk store (``rtgraph load
--store``, compacted as ``load`` does). Targets (issue 8): under 5 s on rdflib
at 100k triples, under 1 s on the store at a million.

Each time is one call of ``rtgraph.query.select``: the query and the rows
converted to rdflib terms; wall seconds decide pass or fail, and the CPU
seconds of this process beside them show what load from other processes added. The syntax check of each query text (rdflib's
parser, about 0.2 s, done once per text and cached) is done before timing.
Rows are compared across engines (sorted, as display strings): rdflib against
the store at the small size, memory against disk at the big one.

    nice python bench/query.py                 # 1,000,000 triples; rdflib on 100,000
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
# lookups an analyst runs with --param: the evidence of one document (copy 0 keeps the seed's file name),
# the actors of one kind; listed below the table and not in its totals
BOUND = [("15-evidence", {"document": "roundtable-2021-03.txt"}), ("02-actors-by-kind", {"kind": "Agency"})]
RDFLIB_TARGET = 5.0
STORE_TARGET = 1.0


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


def _timed(fn):
    """The value, wall seconds and CPU seconds of this process (the machine may be shared)."""
    cpu = time.process_time()
    value, wall = _time(fn)
    return value, wall, time.process_time() - cpu


def _rows(answer) -> list[tuple[str, ...]]:
    from rtgraph.query import display

    # GROUP_CONCAT lists have no defined order: compare their items sorted
    return sorted(tuple("; ".join(sorted(display(v).split("; "))) for v in row) for row in answer[1])


def _mark(seconds: float, target: float) -> str:
    return "pass" if seconds < target else "FAIL"


def main(argv=None) -> int:
    import pyoxigraph
    from rdflib import Graph

    from rtgraph.query import _check, list_queries, query_text, select

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
    names = [name for name, _ in list_queries()]
    for name in names:
        _check(query_text(name), name)
    with tempfile.TemporaryDirectory() as tmp:
        def load(data, name):
            store = pyoxigraph.Store(str(Path(tmp) / name))
            store.bulk_load(data, pyoxigraph.RdfFormat.N_TRIPLES)
            store.flush()
            store.optimize()
            return store

        small_store, t_small = _time(lambda: load(small, "small"))
        big_store, t_big = _time(lambda: load(big, "big"))
        memory = pyoxigraph.Store()
        _, t_memory = _time(lambda: memory.bulk_load(big, pyoxigraph.RdfFormat.N_TRIPLES))
        n_small, n_big = len(graph), len(big_store)
        print(f"load      rdflib {n_small:>9,} triples {t_rdflib:8.2f} s | store {len(small_store):>9,} "
              f"{t_small:7.2f} s | ratio {t_rdflib / t_small:6.1f}x | {n_big:,} triples: memory {t_memory:.2f} s, "
              f"disk store {t_big:.2f} s")
        print()
        print(f"{'':<34} {f'{n_small:,} triples':^44}   {f'{n_big:,} triples':^54}")
        head = (f"{'query':<34} {'rows':>6} {'rdflib s':>9} {'cpu':>5} {'<5 s':>4} {'store s':>8} {'ratio':>6}   "
                f"{'rows':>6} {'memory s':>8} {'cpu':>5} {'<1 s':>4} {'disk s':>7} {'cpu':>5} {'<1 s':>4}")
        print(head)
        print("-" * len(head))
        def row(name, params=None):
            """Time one query on the four graphs; print its line; return its seven times."""
            label = name if params is None else f"{name} ({', '.join(params)} bound)"
            r_answer, a, a_cpu = _timed(lambda: select(graph, name, params=params))
            s_answer, b, _ = _timed(lambda: select(small_store, name, params=params))
            m_answer, m, m_cpu = _timed(lambda: select(memory, name, params=params))
            d_answer, c, c_cpu = _timed(lambda: select(big_store, name, params=params))
            if r_answer[0] != s_answer[0] or _rows(r_answer) != _rows(s_answer):
                print(f"  warning: {label}: rdflib and the store give different rows")
            if _rows(m_answer) != _rows(d_answer):
                print(f"  warning: {label}: the memory and the disk store give different rows")
            print(f"{label[:34]:<34} {len(r_answer[1]):>6} {a:>9.3f} {a_cpu:>5.2f} {_mark(a, RDFLIB_TARGET):>4} "
                  f"{b:>8.3f} {a / max(b, 1e-6):>5.1f}x   {len(m_answer[1]):>6} {m:>8.3f} {m_cpu:>5.2f} "
                  f"{_mark(m, STORE_TARGET):>4} {c:>7.3f} {c_cpu:>5.2f} {_mark(c, STORE_TARGET):>4}")
            return a, a_cpu, b, m, m_cpu, c, c_cpu

        times = [row(name) for name in names]
        total = [sum(column) for column in zip(*times)]
        passed = [sum(t[0] < RDFLIB_TARGET for t in times), sum(t[3] < STORE_TARGET for t in times),
                  sum(t[5] < STORE_TARGET for t in times)]
        print("-" * len(head))
        count = len(names)
        print(f"{f'all {count}':<34} {'':>6} {total[0]:>9.2f} {total[1]:>5.1f} {f'{passed[0]}/{count}':>4} "
              f"{total[2]:>8.2f} {total[0] / max(total[2], 1e-6):>5.1f}x   {'':>6} {total[3]:>8.2f} {total[4]:>5.1f} "
              f"{f'{passed[1]}/{count}':>4} {total[5]:>7.2f} {total[6]:>5.1f} {f'{passed[2]}/{count}':>4}")
        print("-" * len(head))
        for name, params in BOUND:
            row(name, params)
        del small_store, big_store, memory
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
