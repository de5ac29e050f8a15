"""Flat rows of a built graph: one dict of scalars per entity, relation, statistic, trend.

The shared shape behind the CSV, GraphML and GEXF exports and the pandas
frames. Lists (aliases, extractors, lexicon schemes) are joined with ``"; "``;
a missing value is ``None``. Entity and relation rows come from the NetworkX
projection (``rtgraph.netx.to_networkx``), statistic and trend rows from the
RDF graph; every list of rows is sorted, so the same graph gives the same rows.
"""

from __future__ import annotations

import networkx as nx
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS

from .namespaces import RTG
from .netx import local_name

__all__ = ["SEP", "NODE_COLUMNS", "EDGE_COLUMNS", "STATISTIC_COLUMNS", "TREND_COLUMNS",
           "node_rows", "edge_rows", "statistic_rows", "trend_rows"]

SEP = "; "
NODE_COLUMNS = ("id", "label", "class", "top", "types", "aliases", "hidden", "exact_match", "mention_count",
                "statistics", "trends")
EDGE_COLUMNS = ("source", "target", "source_label", "target_label", "predicate", "polarity", "modality",
                "confidence", "background", "evidence_count", "extractors", "attributed_to", "derived_from",
                "linking_words")
_EVIDENCE = ("document", "passage", "text", "start", "end")
STATISTIC_COLUMNS = ("id", "label", "value", "unit", "measure", "qualifier", "period", "region", "about",
                     "confidence", *_EVIDENCE)
TREND_COLUMNS = ("id", "label", "direction", "modality", "about", "region", "period", "shift_from", "shift_to",
                 "attributed_to", "confidence", *_EVIDENCE)


def _join(items) -> str:
    return SEP.join(str(x) for x in items)


def node_rows(G: nx.MultiDiGraph) -> list[dict]:
    """One row per entity node, in node order."""
    rows = []
    for n, d in G.nodes(data=True):
        facts = d.get("facts", [])
        rows.append({
            "id": n, "label": d["label"], "class": d["type"], "top": d["top"], "types": _join(d["types"]),
            "aliases": _join(d["aliases"]), "hidden": _join(d.get("hidden", [])),
            "exact_match": _join(d.get("exact_match", [])), "mention_count": int(d["mention_count"]),
            "statistics": sum(f["kind"] == "statistic" for f in facts),
            "trends": sum(f["kind"] == "trend" for f in facts),
        })
    return rows


def edge_rows(G: nx.MultiDiGraph) -> list[dict]:
    """One row per relation edge, in edge order."""
    return [{
        "source": u, "target": v, "source_label": G.nodes[u]["label"], "target_label": G.nodes[v]["label"],
        "predicate": d["predicate"], "polarity": d["polarity"], "modality": d["modality"],
        "confidence": None if d["confidence"] is None else float(d["confidence"]),
        "background": bool(d.get("background", False)), "evidence_count": len(d["evidence"]),
        "extractors": _join(d["extractors"]), "attributed_to": _join(d["attributed_to"]),
        "derived_from": _join(d.get("derived_from", [])), "linking_words": _join(d.get("linking_words", [])),
    } for u, v, d in G.edges(data=True)]


def _label(graph: Graph, node) -> str:
    return str(graph.value(node, RDFS.label) or local_name(node))


def _labels(graph: Graph, fact, predicate) -> str:
    return _join(sorted(_label(graph, t) for t in graph.objects(fact, predicate)))


def _text(graph: Graph, node, predicate):
    values = sorted(graph.objects(node, predicate), key=str)
    return str(values[0]) if values else None


def _evidence(graph: Graph, fact) -> dict:
    passages = sorted((p for p in graph.objects(fact, RTG.evidence) if isinstance(p, URIRef)),
                      key=lambda p: (int(graph.value(p, RTG.start) or 0), str(p)))
    if not passages:
        return dict.fromkeys(_EVIDENCE)
    p = passages[0]
    document = graph.value(p, DCTERMS.isPartOf)
    if document is not None and (document, RDF.type, RTG.Document) not in graph:
        document = graph.value(document, DCTERMS.isPartOf)  # passage -> section -> document
    start, end = graph.value(p, RTG.start), graph.value(p, RTG.end)
    return {"document": None if document is None else _text(graph, document, DCTERMS.title),
            "passage": str(p), "text": _text(graph, p, RTG.text),
            "start": int(start) if isinstance(start, Literal) else None,
            "end": int(end) if isinstance(end, Literal) else None}


def _number(value):
    if not isinstance(value, Literal):
        return None
    try:
        return float(value.toPython())
    except (TypeError, ValueError):
        return None


def statistic_rows(graph: Graph) -> list[dict]:
    """One row per rtg:Statistic, sorted by document, offset and IRI."""
    rows = [{
        "id": str(s), "label": _text(graph, s, RDFS.label), "value": _number(graph.value(s, RTG.value)),
        "unit": _text(graph, s, RTG.unit), "measure": _text(graph, s, RTG.measure),
        "qualifier": _text(graph, s, RTG.qualifier), "period": _text(graph, s, RTG.period),
        "region": _labels(graph, s, RTG.region), "about": _labels(graph, s, RTG.about),
        "confidence": _number(graph.value(s, RTG.confidence)), **_evidence(graph, s),
    } for s in set(graph.subjects(RDF.type, RTG.Statistic))]
    return sorted(rows, key=_order)


def trend_rows(graph: Graph) -> list[dict]:
    """One row per rtg:Trend, sorted by document, offset and IRI."""
    def name(t, p):
        value = _text(graph, t, p)
        return None if value is None else local_name(value)

    rows = [{
        "id": str(t), "label": _text(graph, t, RDFS.label), "direction": name(t, RTG.direction),
        "modality": name(t, RTG.modality), "about": _labels(graph, t, RTG.about),
        "region": _labels(graph, t, RTG.region), "period": _text(graph, t, RTG.period),
        "shift_from": _labels(graph, t, RTG.shiftFrom), "shift_to": _labels(graph, t, RTG.shiftTo),
        "attributed_to": _labels(graph, t, RTG.attributedTo),
        "confidence": _number(graph.value(t, RTG.confidence)), **_evidence(graph, t),
    } for t in set(graph.subjects(RDF.type, RTG.Trend))]
    return sorted(rows, key=_order)


def _order(row: dict):
    return (row["document"] or "", -1 if row["start"] is None else row["start"], row["id"])
