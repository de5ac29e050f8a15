"""NetworkX projection of a built graph: entities become nodes, assertions edges.

Nodes are keyed by entity IRI (string); edges of the ``MultiDiGraph`` are keyed
by predicate local name (``"counters"``, or ``"counters-negative"`` for a
negative assertion), one edge per (subject, predicate, object, polarity).
Literals, statistics, trends, passages and documents never become nodes.
An edge only background assertions support (lexicon knowledge no sentence
states) has ``background=True``, no evidence and no confidence, and names the
lexicon schemes it is ``derived_from``; every edge counts the ``assertions`` it
merges and how many of them are ``background_assertions``; nodes list ``hidden`` labels (spelling
variants, searchable but not aliases) beside their ``aliases``.
Nodes and edges are added in sorted order, so the same graph gives the same
projection on every run.

By default only the relations the text asserts positively become edges
(modality ``Asserted``, polarity ``Positive``, not background); the keywords
``negative``, ``hypothetical`` (``Expected``/``Possible``) and ``background``
add the others, each edge still marked by its ``polarity``, ``modality`` and
``background`` attributes. Edges come from ``rtg:Assertion`` nodes only: a
plain relation triple (``?s rtg:relatedTo ?o``) no assertion records is no edge.
"""

from __future__ import annotations

import difflib
from pathlib import Path

import networkx as nx
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS

from .errors import GraphError
from .namespaces import RTG

__all__ = ["TOP_CLASSES", "load", "to_networkx", "neighbourhood", "local_name"]

TOP_CLASSES = (RTG.Actor, RTG.Substance, RTG.Region, RTG.PolicyLever, RTG.Event, RTG.Method)
_PARENT = {
    **{c: RTG.Actor for c in (RTG.CriminalGroup, RTG.Agency, RTG.Platform, RTG.Organization,
                              RTG.Community, RTG.Stakeholder)},
    **{c: RTG.Substance for c in (RTG.Opioid, RTG.Stimulant, RTG.Depressant, RTG.Hallucinogen,
                                  RTG.Cannabinoid, RTG.Precursor, RTG.Medication)},
    **{c: RTG.Region for c in (RTG.Country, RTG.Province, RTG.City, RTG.WorldRegion)},
    **{c: RTG.Event for c in (RTG.Meeting, RTG.CourtDecision, RTG.Crisis)},
    RTG.Equipment: RTG.Method,
}
_MODALITY_RANK = {RTG.Possible: 1, RTG.Expected: 2, RTG.Asserted: 3}
# per edge: one flag per assertion (all background: a background edge), lexicon schemes, documents
_BACKGROUND = {"background": [], "from": frozenset(), "docs": frozenset()}


def local_name(iri) -> str:
    """The part of an IRI after its last '#' or '/'."""
    return str(iri).rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def load(path) -> Graph:
    """Parse a Turtle file; a missing or unparsable file raises GraphError."""
    p = Path(path)
    if not p.is_file():
        raise GraphError(f"{path}: cannot read graph: " + ("is a directory" if p.is_dir() else "no such file"))
    graph = Graph()
    try:
        graph.parse(source=str(p), format="turtle")
    except Exception as exc:  # rdflib raises many unrelated types for bad syntax
        if hasattr(exc, "_why") and hasattr(exc, "lines"):  # rdflib's BadSyntax
            reason = f"Turtle syntax error at line {exc.lines + 1}: {exc._why}"
        else:
            reason = (getattr(exc, "strerror", None) or str(exc) or type(exc).__name__).strip()
        raise GraphError(f"{path}: cannot read graph: {' '.join(reason.split())}") from exc
    return graph


def _ancestors(cls, parent) -> list:
    out = []
    while cls in parent and parent[cls] not in out and parent[cls] != cls:
        cls = parent[cls]
        out.append(cls)
    return out


def _first(graph: Graph, s, p):
    values = sorted(graph.objects(s, p), key=str)
    return values[0] if values else None


def _text(graph: Graph, s, p) -> str | None:
    value = None if s is None else _first(graph, s, p)
    return None if value is None else str(value)


def to_networkx(graph: Graph, *, negative: bool = False, hypothetical: bool = False,
                background: bool = False) -> nx.MultiDiGraph:
    """Project a built graph onto a deterministic ``nx.MultiDiGraph``.

    Edges hold the relations the text asserts positively; ``negative=True`` adds
    negative ones ("does not reverse"), ``hypothetical=True`` expected and possible
    ones, ``background=True`` lexicon knowledge no sentence states. An edge merges
    the assertions of one (subject, predicate, object, polarity) that are included.
    """
    parent = dict(_PARENT)
    for c, sup in graph.subject_objects(RDFS.subClassOf):  # documented extensions, if shipped
        if isinstance(c, URIRef) and isinstance(sup, URIRef) and c not in parent and c != sup:
            parent[c] = sup
    known = set(parent) | set(TOP_CLASSES)
    passages: dict = {}

    def passage(p) -> dict:
        if p not in passages:
            section = document = _first(graph, p, DCTERMS.isPartOf)
            if section is not None and (section, RDF.type, RTG.Document) in graph:
                section = None
            elif section is not None:
                document = _first(graph, section, DCTERMS.isPartOf)
            start, end = _first(graph, p, RTG.start), _first(graph, p, RTG.end)
            passages[p] = {
                "passage": str(p),
                "text": _text(graph, p, RTG.text),
                "start": int(start) if isinstance(start, Literal) else None,
                "end": int(end) if isinstance(end, Literal) else None,
                "document": _text(graph, document, DCTERMS.title),
                "source": _text(graph, document, DCTERMS.source),
                "section": _text(graph, section, RDFS.label),
            }
        return passages[p]

    def evidence(ps) -> list[dict]:
        items = [passage(p) for p in set(ps) if isinstance(p, URIRef)]
        return sorted(items, key=lambda e: (e["document"] or "", e["source"] or "",
                                            -1 if e["start"] is None else e["start"], e["passage"]))

    G = nx.MultiDiGraph()
    G.graph["relations"] = {"negative": negative, "hypothetical": hypothetical, "background": background}
    G.graph["documents"] = sorted(
        ({"document": str(d), "title": str(_first(graph, d, DCTERMS.title) or ""),
          "source": str(_first(graph, d, DCTERMS.source) or "")}
         for d in set(graph.subjects(RDF.type, RTG.Document))),
        key=lambda d: (d["title"], d["source"], d["document"]))
    entities = sorted({s for s, o in graph.subject_objects(RDF.type) if o in known and isinstance(s, URIRef)}, key=str)
    for s in entities:
        types = {t for t in graph.objects(s, RDF.type) if t in known}
        specific = [t for t in types if not any(t in _ancestors(u, parent) for u in types)]
        most = min(specific or types, key=lambda t: (-len(_ancestors(t, parent)), str(t)))
        count = _first(graph, s, RTG.mentionCount)
        mentioned = list(graph.objects(s, RTG.mentionedIn))
        G.add_node(
            str(s), iri=str(s), label=str(_first(graph, s, RDFS.label) or local_name(s)),
            type=local_name(most), types=sorted(local_name(t) for t in types),
            top=local_name((_ancestors(most, parent) or [most])[-1]),
            aliases=sorted({str(a) for a in graph.objects(s, SKOS.altLabel)}),
            hidden=sorted({str(a) for a in graph.objects(s, SKOS.hiddenLabel)}),
            mention_count=int(count) if isinstance(count, Literal) else len(mentioned),
            exact_match=sorted({str(m) for m in graph.objects(s, SKOS.exactMatch)}),
            mentions=evidence(mentioned),
        )

    groups: dict = {}
    for a in set(graph.subjects(RDF.type, RTG.Assertion)):
        s, p, o = (_first(graph, a, t) for t in (RDF.subject, RDF.predicate, RDF.object))
        if not isinstance(p, URIRef) or str(s) not in G or not isinstance(o, URIRef) or str(o) not in G:
            continue
        is_negative = RTG.Negative in set(graph.objects(a, RTG.polarity))
        modalities = {m for m in graph.objects(a, RTG.modality) if m in _MODALITY_RANK} or {RTG.Asserted}
        is_background = (a, RDF.type, RTG.BackgroundAssertion) in graph
        if ((is_negative and not negative) or (is_background and not background)
                or (RTG.Asserted not in modalities and not hypothetical)):
            continue
        g = groups.setdefault((str(s), str(o), p, is_negative), {"mod": set(), "conf": [], "ext": set(), "att": set(), "ev": set(), "words": set(), **_BACKGROUND})
        g["mod"] |= modalities
        g["conf"] += [float(c) for c in graph.objects(a, RTG.confidence) if isinstance(c, Literal)]
        g["ext"] |= {str(e) for e in graph.objects(a, RTG.extractor)}
        g["att"] |= set(graph.objects(a, RTG.attributedTo))
        g["ev"] |= set(graph.objects(a, RTG.evidence))
        g["words"] |= {str(w) for w in graph.objects(a, RTG.linkingWords)}
        # background knowledge from the lexicon: stated by no sentence, derived from a concept scheme
        g["background"] = g["background"] + [is_background]
        g["from"] = g["from"] | {str(x) for x in graph.objects(a, PROV.wasDerivedFrom) if isinstance(x, URIRef)}
        g["docs"] = g["docs"] | set(graph.objects(a, RTG.bothMentionedIn))

    def who(x) -> str:
        return G.nodes[str(x)]["label"] if str(x) in G else str(_first(graph, x, RDFS.label) or x)

    edges = []
    for (s, o, p, is_negative), g in groups.items():
        key = local_name(p) + ("-negative" if is_negative else "")
        edges.append((s, o, key, dict(
            predicate=local_name(p), predicate_iri=str(p), polarity="Negative" if is_negative else "Positive",
            modality=local_name(max(g["mod"], key=_MODALITY_RANK.__getitem__)),
            confidence=max(g["conf"]) if g["conf"] else None, extractors=sorted(g["ext"]),
            attributed_to=sorted({who(x) for x in g["att"]}), evidence=evidence(g["ev"]),
            linking_words=sorted(g["words"]),
            background=bool(g["background"]) and all(g["background"]), derived_from=sorted(g["from"]),
            both_mentioned_in=sorted({_text(graph, d, DCTERMS.title) or str(d) for d in g["docs"]}),
            assertions=len(g["background"]), background_assertions=sum(g["background"]),
        )))
    for s, o, key, attrs in sorted(edges, key=lambda e: e[:3]):
        G.add_edge(s, o, key=key, **attrs)
    for node, facts in _facts(graph, G, evidence).items():
        G.nodes[node]["facts"] = facts
    return G


def _facts(graph: Graph, G: nx.MultiDiGraph, evidence) -> dict[str, list[dict]]:
    """Statistics and trends about each entity (rtg:about, rtg:region), and its dates."""
    found: dict[str, list[dict]] = {n: [] for n in G}
    for kind, cls in (("statistic", RTG.Statistic), ("trend", RTG.Trend)):
        for fact in set(graph.subjects(RDF.type, cls)):
            if kind == "statistic":
                detail = f"{_text(graph, fact, RTG.value)} {_text(graph, fact, RTG.unit) or ''}".strip()
            else:
                detail = local_name(_first(graph, fact, RTG.direction) or RTG.Trend)
            item = {"kind": kind, "text": _text(graph, fact, RDFS.label) or "", "detail": detail,
                    "period": _text(graph, fact, RTG.period), "evidence": evidence(graph.objects(fact, RTG.evidence))}
            for target in {*graph.objects(fact, RTG.about), *graph.objects(fact, RTG.region)}:
                if str(target) in found:
                    found[str(target)].append(item)
    for a in set(graph.subjects(RDF.predicate, RTG.date)):
        subject, day = _first(graph, a, RDF.subject), _first(graph, a, RDF.object)
        if str(subject) in found and isinstance(day, Literal):
            found[str(subject)].append({"kind": "date", "text": str(day), "detail": "date", "period": None,
                                        "evidence": evidence(graph.objects(a, RTG.evidence))})
    order = {"date": 0, "statistic": 1, "trend": 2}
    # the full key: two documents may state one fact at one offset, and set order follows the hash seed
    return {n: sorted(items, key=lambda f: (order[f["kind"]], [e["start"] or 0 for e in f["evidence"]], f["text"],
                                           f["detail"], f["period"] or "", [e["passage"] for e in f["evidence"]]))
            for n, items in found.items()}


def _find(G: nx.MultiDiGraph, label_or_iri: str) -> list[str]:
    needle = str(label_or_iri).strip()
    if needle in G:
        return [needle]
    folded = needle.casefold()
    for field in ("label", "aliases", "hidden"):
        hits = [n for n, d in G.nodes(data=True)
                if folded in {x.casefold() for x in ([d[field]] if field == "label" else d.get(field, []))}]
        if hits:
            return sorted(hits)
    names: dict[str, str] = {}
    for _, d in sorted(G.nodes(data=True)):
        for name in [d["label"], *d["aliases"], *d.get("hidden", [])]:
            names.setdefault(name.casefold(), name)
    close = [names[c] for c in difflib.get_close_matches(folded, sorted(names), n=5)]
    hint = f"; did you mean: {', '.join(close)}?" if close else "; no similar labels"
    raise GraphError(f"no entity labelled {needle!r} in the graph{hint}")


def neighbourhood(G: nx.MultiDiGraph, label_or_iri: str, *, hops: int = 1) -> nx.MultiDiGraph:
    """The entities within ``hops`` links (either direction) of an entity given by label, alias or IRI."""
    if hops < 0:
        raise GraphError(f"hops must be 0 or more, got {hops}")
    seeds = _find(G, label_or_iri)
    keep, frontier = set(seeds), set(seeds)
    for _ in range(hops):
        frontier = {m for n in frontier for m in (*G.successors(n), *G.predecessors(n))} - keep
        keep |= frontier
    H = nx.MultiDiGraph()
    H.graph.update(G.graph, focus=seeds)
    for n in sorted(keep):
        H.add_node(n, **G.nodes[n])
    for u, v, k, d in sorted(G.edges(keys=True, data=True), key=lambda e: e[:3]):
        if u in keep and v in keep:
            H.add_edge(u, v, key=k, **d)
    return H
