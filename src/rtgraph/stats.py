"""``rtgraph stats GRAPH``: what a built graph holds, in plain text or JSON.

Documents; entities by top class and by most specific class; relations (the
``rtg:Assertion`` nodes between two entities) by predicate, polarity and
modality, split into those read from the text and background facts
(``rtg:BackgroundAssertion``), and the edges the viewer draws for them (one per
subject, predicate, object and polarity); statistics; evidence rows (the
(fact, sentence) pairs query 15 lists);
trends by direction; and the 10 best-connected entities: most distinct
neighbouring entities over every relation (negative, hypothetical and
background included), ties by label. Counts are listed largest first, then by
name, so the same graph always prints the same text.
"""

from __future__ import annotations

import json
from collections import Counter

from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, RDF

from .namespaces import RTG
from .netx import local_name, to_networkx

__all__ = ["summary", "format_text", "register"]

TOP = 10


def _counts(counter: Counter) -> dict[str, int]:
    return dict(sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])))


def summary(graph: Graph, *, top: int = TOP) -> dict:
    """The counts ``rtgraph stats`` prints, as a JSON-ready dict."""
    G = to_networkx(graph, negative=True, hypothetical=True, background=True)
    documents = sorted((str(graph.value(d, DCTERMS.title) or ""), str(d))
                       for d in set(graph.subjects(RDF.type, RTG.Document)))
    relations = []
    for a in set(graph.subjects(RDF.type, RTG.Assertion)):
        s, p, o = (graph.value(a, t) for t in (RDF.subject, RDF.predicate, RDF.object))
        if isinstance(p, URIRef) and str(s) in G and isinstance(o, URIRef) and str(o) in G:
            relations.append(a)

    def names(a, p, default):
        return local_name(graph.value(a, p) or default)

    background = sum(1 for a in relations if (a, RDF.type, RTG.BackgroundAssertion) in graph)
    statistics = set(graph.subjects(RDF.type, RTG.Statistic))
    trends = set(graph.subjects(RDF.type, RTG.Trend))
    degree = sorted(((len(set(G.successors(n)) | set(G.predecessors(n))), d["label"], n)
                     for n, d in G.nodes(data=True)), key=lambda x: (-x[0], x[1].casefold(), x[2]))
    return {
        "documents": {"count": len(documents), "titles": [t for t, _ in documents]},
        "entities": {"count": G.number_of_nodes(),
                     "by_top_class": _counts(Counter(d["top"] for _, d in G.nodes(data=True))),
                     "by_class": _counts(Counter(d["type"] for _, d in G.nodes(data=True)))},
        "relations": {"count": len(relations),
                      "by_predicate": _counts(Counter(names(a, RDF.predicate, RTG.relatedTo) for a in relations)),
                      "by_polarity": _counts(Counter(names(a, RTG.polarity, RTG.Positive) for a in relations)),
                      "by_modality": _counts(Counter(names(a, RTG.modality, RTG.Asserted) for a in relations)),
                      "from_text": len(relations) - background, "background": background,
                      "edges": G.number_of_edges()},
        "background_facts": background,
        "evidence_rows": _evidence_rows(graph),
        "statistics": len(statistics),
        "trends": {"count": len(trends),
                   "by_direction": _counts(Counter(names(t, RTG.direction, RTG.Trend) for t in trends))},
        "best_connected": [{"label": label, "iri": n, "class": G.nodes[n]["type"], "neighbours": k}
                           for k, label, n in degree[:top] if k > 0],
    }


def _evidence_rows(graph: Graph) -> int:
    """(fact, passage) pairs of assertions, statistics and trends: the rows of query 15."""
    facts = {f for cls in (RTG.Assertion, RTG.Statistic, RTG.Trend) for f in graph.subjects(RDF.type, cls)}
    return sum(1 for f in facts for p in set(graph.objects(f, RTG.evidence))
               if all(graph.value(p, t) is not None for t in (RTG.text, RTG.start, RTG.end)))


def format_text(data: dict) -> str:
    """The plain-text report of a ``summary``."""
    def parts(counts: dict) -> str:
        return ", ".join(f"{k} {v}" for k, v in counts.items())

    def line(name, count, counts=None) -> str:
        return f"{name + ':':<17} {count}" + (f" ({parts(counts)})" if counts else "")

    def sub(name, counts) -> str:
        return f"{'  ' + name + ':':<17} {parts(counts)}"

    r = data["relations"]
    out = [line("documents", data["documents"]["count"])]
    out += [f"  {t}" for t in data["documents"]["titles"]]
    out += [line("entities", data["entities"]["count"], data["entities"]["by_top_class"]),
            sub("by class", data["entities"]["by_class"]),
            line("relations", r["count"], r["by_predicate"]),
            f"  {r['from_text']} read from the text, {r['background']} background; drawn as {r['edges']} edges",
            sub("polarity", r["by_polarity"]),
            sub("modality", r["by_modality"]),
            line("background facts", data["background_facts"]),
            line("statistics", data["statistics"]),
            line("trends", data["trends"]["count"], data["trends"]["by_direction"]),
            line("evidence rows", data["evidence_rows"]) + " (fact, sentence) pairs, as query 15 lists them",
            "best connected (distinct neighbours):"]
    out += [f"  {e['neighbours']:>3}  {e['label']} ({e['class']})" for e in data["best_connected"]]
    return "\n".join(out) + "\n"


def _run(args) -> int:
    from .exports import read_graph_arg

    data = summary(read_graph_arg(args.graph))
    if args.format == "json":
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        print(format_text(data), end="")
    return 0


def register(subparsers) -> None:
    p = subparsers.add_parser("stats", help="count documents, entities, relations, facts; list the best connected")
    p.add_argument("graph", nargs="+", help="a built graph: Turtle files or a store folder")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(run=_run)
