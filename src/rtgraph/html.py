"""A self-contained, offline HTML viewer for a built graph.

pyvis generates the page (vis-network inlined, an empty network with our
options); we strip its external links and headings and inject the viewer
(``viewer/viewer.css``, ``viewer/viewer.js``). Every piece of graph data goes
into ONE ``<script type="application/json" id="rtgraph-data">`` blob, escaped
so that it cannot close the script element; the viewer reads it with
JSON.parse and writes text into the page only through textContent. The same
graph always gives the same bytes: everything is sorted, positions are
computed here with a seeded layout and rounded to integers.
"""

from __future__ import annotations

import html as _html
import json
import math
import re
from collections import Counter, deque
from functools import cache
from importlib.resources import files
from pathlib import Path

import networkx as nx
from pyvis.network import Network

from .atomic import write_files
from .errors import LexiconError, RtgraphError
from .lexicon import Lexicon, load_lexicon
from .netx import neighbourhood, to_networkx

__all__ = ["CLASS_STYLES", "relation_phrase", "render_html", "summary_line", "write_html"]

# Okabe-Ito colours, one vis shape per top-level class (glyph for the legend).
CLASS_STYLES = {
    "Actor": ("#0072B2", "dot", "\u25cf"),
    "Substance": ("#E69F00", "diamond", "\u25c6"),
    "Region": ("#009E73", "square", "\u25a0"),
    "PolicyLever": ("#CC79A7", "triangle", "\u25b2"),
    "Event": ("#56B4E9", "star", "\u2605"),
    "Method": ("#F0E442", "triangleDown", "\u25bc"),
}
_OTHER_STYLE = ("#999999", "hexagon", "\u2b22")
_SPRING_MAX = 300  # spring layout up to this many nodes, a linear-time layout above
_GROUP_ABOVE = 400  # above this many related entities the opening view groups them by class
_EVIDENCE_CAP = 10  # passages kept per node, fact and edge (the full count travels with them)

_VIS_OPTIONS = {
    "autoResize": True,
    "layout": {"improvedLayout": False, "randomSeed": 42},
    "physics": {"enabled": False, "solver": "forceAtlas2Based", "stabilization": {"enabled": False}},
    "interaction": {"hover": False, "multiselect": False, "tooltipDelay": 300, "hideEdgesOnDrag": False},
    "nodes": {"borderWidth": 1, "font": {"size": 14, "face": "sans-serif", "color": "#1a1a1a"}},
    "edges": {
        "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
        "smooth": False,
        "width": 1.5,
        "selectionWidth": 2,
        "font": {"size": 10, "face": "sans-serif", "align": "middle", "color": "#333333", "strokeWidth": 3},
    },
}


def _spiral(simple: nx.Graph, comp: list[str], spacing: float) -> dict[str, tuple[float, float]]:
    """Golden-angle spiral in BFS order from the best-connected node: hubs central, neighbours near."""
    golden = math.pi * (3.0 - math.sqrt(5.0))
    root = min(comp, key=lambda v: (-simple.degree(v), v))
    order, seen, queue = [], {root}, deque([root])
    while queue:
        v = queue.popleft()
        order.append(v)
        for w in sorted(simple.adj[v], key=lambda w: (-simple.degree(w), w)):
            if w not in seen:
                seen.add(w)
                queue.append(w)
    return {v: (spacing * math.sqrt(i) * math.cos(i * golden), spacing * math.sqrt(i) * math.sin(i * golden))
            for i, v in enumerate(order)}


def _layout(G: nx.MultiDiGraph, keep: list[str]) -> dict[str, tuple[int, int]]:
    """Deterministic integer pixel positions for the nodes ``keep`` of G (those with relations).

    Each connected component is laid out on its own -- seeded spring layout
    when there are at most _SPRING_MAX nodes, a linear-time BFS spiral
    above -- and the components are packed on shelves, largest first.
    """
    simple = nx.Graph()
    simple.add_nodes_from(keep)  # sorted order already
    simple.add_edges_from(sorted({tuple(sorted((u, v))) for u, v in G.edges() if u != v}))
    n = simple.number_of_nodes()
    spacing = 110.0 if n <= _SPRING_MAX else 70.0
    comps = sorted((sorted(c) for c in nx.connected_components(simple)), key=lambda c: (-len(c), c[0]))
    width = max(spacing * 2.5 * math.sqrt(n), 600.0)
    out: dict[str, tuple[int, int]] = {}
    x0 = y0 = shelf = 0.0
    for comp in comps:
        radius = spacing * (0.8 + 0.8 * math.sqrt(len(comp) - 1))
        if len(comp) > 1 and n <= _SPRING_MAX:
            sub = nx.Graph()  # not simple.subgraph(): a view's node order follows set (hash) order
            sub.add_nodes_from(comp)
            sub.add_edges_from((u, v) for u in comp for v in sorted(simple.adj[u]) if u < v)
            pos = nx.spring_layout(sub, seed=42)
            local = {v: (float(pos[v][0]) * radius, float(pos[v][1]) * radius) for v in comp}
        else:
            local = _spiral(simple, comp, spacing)
            radius = max(radius, max(math.hypot(x, y) for x, y in local.values()) + spacing * 0.3)
        if x0 > 0 and x0 + 2 * radius > width:
            x0, y0, shelf = 0.0, y0 + shelf, 0.0
        for v, (x, y) in local.items():
            out[v] = (round(x0 + radius + x), round(y0 + radius + y))
        x0, shelf = x0 + 2 * radius, max(shelf, 2 * radius)
    return out


def relation_phrase(predicate: str, polarity: str = "Positive", modality: str = "Asserted") -> str:
    """How the viewer names a relation: "counters", "does not counter", "may traffic", "is not part of".

    The words are data (ontology/lexicon/phrases.ttl); a predicate without them is
    a LexiconError, so a new relation cannot reach the viewer unnamed.
    """
    phrases = _phrases(load_lexicon())
    try:
        return phrases[(predicate, polarity, modality)]
    except KeyError:
        raise LexiconError(
            f"phrases.ttl: no rtl:RelationPhrase for rtg:{predicate} with polarity {polarity} and modality {modality}"
        ) from None


@cache
def _phrases(lexicon: Lexicon) -> dict[tuple[str, str, str], str]:
    def local(iri: str | None) -> str:
        return (iri or "").rsplit("#", 1)[-1]

    return {(local(c.predicate), local(c.polarity), local(c.modality)): c.labels[0]
            for c in lexicon.cues_of("RelationPhrase")}


def _payload(G: nx.MultiDiGraph, title: str, dates: dict) -> dict:
    """The single JSON document the viewer reads (ids are indexes in sorted order).

    Evidence is capped per node, fact and edge (``_EVIDENCE_CAP`` passages, with
    the full count); passages are stored once however many items cite them, so
    the page grows with the graph, not with the corpus.
    """
    index = {iri: i for i, iri in enumerate(G.nodes)}
    documents = G.graph.get("documents", [])
    doc_index = {(d["title"], d["source"]): i for i, d in enumerate(documents)}
    by_title = {d["title"]: i for i, d in reversed(list(enumerate(documents)))}
    passages: dict[str, dict] = {}

    def doc_of(e: dict) -> int:
        return doc_index.get((e["document"] or "", e["source"] or ""), -1)

    def cite(evidence: list[dict]) -> list[str]:
        for e in evidence[:_EVIDENCE_CAP]:
            if e["passage"] not in passages:
                passages[e["passage"]] = {"text": e["text"] or "", "start": e["start"], "end": e["end"],
                                          "doc": doc_of(e), "section": e["section"] or ""}
        return [e["passage"] for e in evidence[:_EVIDENCE_CAP]]

    def docs(evidence: list[dict]) -> list[int]:
        return sorted({doc_of(e) for e in evidence} - {-1})

    neighbours = {v: set(G.successors(v)) | set(G.predecessors(v)) for v in G}
    related = [v for v in G if neighbours[v] - {v}]
    pos = _layout(G, related)
    # importance: distinct neighbours, then mentions; the viewer labels in this order
    rank = {v: i for i, v in enumerate(sorted(G, key=lambda v: (-len(neighbours[v] - {v}),
                                                                  -G.nodes[v]["mention_count"], v)))}
    nodes = []
    for iri, d in G.nodes(data=True):
        x, y = pos.get(iri, (None, None))
        mentions = d.get("mentions", [])
        nodes.append({"id": index[iri], "iri": iri, "label": d["label"], "type": d["type"], "top": d["top"],
                      "types": d["types"], "aliases": d["aliases"], "variants": d.get("hidden", []),
                      "mentions": d["mention_count"], "degree": len(neighbours[iri] - {iri}), "rank": rank[iri],
                      "exact": d["exact_match"], "evidence": cite(mentions), "evidence_total": len(mentions),
                      "docs": docs(mentions), "x": x, "y": y,
                      "facts": [{"kind": f["kind"], "text": f["text"], "detail": f["detail"], "period": f["period"],
                                 "evidence": cite(f["evidence"]), "evidence_total": len(f["evidence"])}
                                for f in d.get("facts", [])],
                      "size": round(10 + 5 * math.log1p(max(d["mention_count"], 0)))})
    pairs: Counter = Counter()
    edges = []
    for i, (u, v, d) in enumerate(G.edges(data=True)):
        pairs[(u, v)] += 1
        parallel = G.number_of_edges(u, v) + G.number_of_edges(v, u) > 1
        named = sorted({by_title[t] for t in d.get("both_mentioned_in", []) if t in by_title})
        edges.append({"id": i, "from": index[u], "to": index[v], "predicate": d["predicate"],
                      "label": relation_phrase(d["predicate"], d["polarity"], d["modality"]),
                      "iri": d["predicate_iri"], "polarity": d["polarity"], "modality": d["modality"],
                      "confidence": None if d["confidence"] is None else round(float(d["confidence"]), 4),
                      "extractors": d["extractors"], "attributed": d["attributed_to"],
                      "evidence": cite(d["evidence"]), "evidence_total": len(d["evidence"]),
                      "docs": sorted(set(docs(d["evidence"])) | set(named)),
                      "curve": pairs[(u, v)] if parallel else 0,
                      "background": d.get("background", False), "derived": d.get("derived_from", []),
                      "named_in": d.get("both_mentioned_in", []),
                      "assertions": d.get("assertions", 1), "background_assertions": d.get("background_assertions", 0)})
    # passages are referenced by index, in a sorted order
    order = sorted(passages, key=lambda p: (passages[p]["doc"], -1 if passages[p]["start"] is None
                                            else passages[p]["start"], p))
    pindex = {p: i for i, p in enumerate(order)}
    for item in (*nodes, *edges, *(f for n in nodes for f in n["facts"])):
        item["evidence"] = sorted(pindex[p] for p in item["evidence"])
    tops = Counter(n["top"] for n in nodes)
    classes = [{"name": name, "color": c, "shape": s, "glyph": g, "count": tops.get(name, 0)}
               for name, (c, s, g) in CLASS_STYLES.items()]
    classes += [{"name": name, "color": _OTHER_STYLE[0], "shape": _OTHER_STYLE[1], "glyph": _OTHER_STYLE[2],
                 "count": tops[name]} for name in sorted(set(tops) - set(CLASS_STYLES))]
    return {
        "title": title,
        "summary": _summary(G, edges, len(related)),
        "classes": classes,
        "predicates": [{"name": p, "count": c} for p, c in sorted(Counter(e["predicate"] for e in edges).items())],
        "documents": [{"title": d["title"], "source": d["source"], "date": dates.get((d["title"], d["source"]), "")}
                      for d in documents],
        "passages": [{"id": pindex[p], **passages[p]} for p in order],
        "nodes": nodes,
        "edges": edges,
        "focus": [index[f] for f in G.graph.get("focus", []) if f in index],
        "group": len(related) > _GROUP_ABOVE,
        "evidence_cap": _EVIDENCE_CAP,
    }


def _meeting_dates(G: nx.MultiDiGraph) -> dict[tuple[str, str], str]:
    """(title, source) -> the earliest date of a meeting whose date a sentence of that document states."""
    out: dict[tuple[str, str], str] = {}
    for _, d in G.nodes(data=True):
        if d["type"] != "Meeting":
            continue
        for f in d.get("facts", []):
            for e in f["evidence"] if f["kind"] == "date" else []:
                key = (e["document"] or "", e["source"] or "")
                out[key] = min(out.get(key, f["text"]), f["text"])
    return out


def _summary(G: nx.MultiDiGraph, edges: list[dict], related: int) -> dict:
    """What the header counts; the same numbers as ``rtgraph stats`` for a whole graph."""
    assertions = sum(e["assertions"] for e in edges)
    background = sum(e["background_assertions"] for e in edges)
    return {"documents": len(G.graph.get("documents", [])), "entities": G.number_of_nodes(), "related": related,
            "relations": assertions, "from_text": assertions - background, "background": background,
            "edges": len(edges)}


def summary_line(s: dict) -> str:
    """The header's one line: every number says what it counts."""
    def n(k, one, many):
        return f"{k} {one if k == 1 else many}"
    return (f"{n(s['documents'], 'document', 'documents')} \u00b7 {n(s['entities'], 'entity', 'entities')} "
            f"({s['related']} with relations) \u00b7 {n(s['relations'], 'relation', 'relations')}: "
            f"{s['from_text']} read from the text, {s['background']} background \u00b7 "
            f"drawn as {n(s['edges'], 'edge', 'edges')}")


def _json_for_script(data) -> str:
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for char, escaped in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"),
                          ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escaped)
    return text


def _asset(name: str) -> str:
    return files("rtgraph").joinpath("viewer", name).read_text(encoding="utf-8")


def _sub_once(pattern: str, text: str, repl) -> str:
    """Replace the one match of ``pattern``; ``repl(match) -> str`` (no backslash processing)."""
    new, count = re.subn(pattern, repl, text, count=1, flags=re.S)
    if count != 1:
        raise RtgraphError(f"pyvis page template changed: {pattern!r} not found (expected pyvis 0.3.2)")
    return new


def render_html(graph, *, title: str | None = None, focus: str | None = None, hops: int = 1) -> str:
    """The viewer page for an rdflib Graph (or a projection from rtgraph.netx.to_networkx)."""
    # the viewer carries every relation, marked: negative, expected/possible, background (hidden at first)
    G = graph if isinstance(graph, nx.MultiDiGraph) else to_networkx(
        graph, negative=True, hypothetical=True, background=True)
    dates = _meeting_dates(G)  # from the whole graph: a focus view may leave the meeting out
    if focus is not None:
        G = neighbourhood(G, focus, hops=hops)
    if title is None:
        titles = [d["title"] for d in G.graph.get("documents", []) if d["title"]]
        title = titles[0] if len(titles) == 1 else "rtgraph knowledge graph"
        if focus is not None:
            names = ", ".join(G.nodes[f]["label"] for f in G.graph.get("focus", []))
            title = f"{names} \u2014 {hops}-hop neighbourhood"
    blob = _payload(G, title, dates)

    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line")
    net.options = _VIS_OPTIONS
    page = net.generate_html()  # never show()/write_html(): they copy lib/ into the CWD

    # pyvis leftovers: every external <link>/<script src>, its headings, a commented-out link
    page = re.sub(r"<link\b[^>]*\bhref\s*=\s*[\"']?(?:https?:)?//[^>]*>", "", page, flags=re.I)
    page = re.sub(r"<script\b[^>]*\bsrc\s*=\s*[\"']?(?:https?:)?//[^>]*>\s*</script>", "", page, flags=re.I)
    page = re.sub(r"<center>\s*<h1>\s*</h1>\s*</center>", "", page)
    page = re.sub(r"<!--\s*<link[^>]*node_modules.*?-->", "", page, flags=re.S)

    esc = _html.escape
    head = ('<meta name="generator" content="rtgraph">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{esc(title)}</title>\n<style>\n{_asset('viewer.css')}\n</style>\n</head>")
    top, panel = _asset("viewer.html").split("<!-- graph -->")
    fields = {"title": esc(title), "summary": esc(summary_line(blob["summary"]))}
    top = re.sub(r"\{(title|summary)\}", lambda m: fields[m.group(1)], top)
    data = f'<script type="application/json" id="rtgraph-data">{_json_for_script(blob)}</script>\n'
    script = f"<script>\n{_asset('viewer.js')}\n</script>\n</body>"

    page = _sub_once(r"\A\s*<html>", page, lambda m: '<!DOCTYPE html>\n<html lang="en">')
    page = _sub_once(r"</head>", page, lambda m: head)
    page = _sub_once(r"<body>", page, lambda m: "<body>\n" + top.strip() + "\n")
    page = _sub_once(r'<div id="mynetwork"[^>]*></div>\s*</div>', page, lambda m: m.group(0) + panel.rstrip())
    page = _sub_once(r"</body>", page, lambda m: data + script)
    return page.rstrip() + "\n"


def write_html(graph, path, **kw) -> Path:
    """Render and write atomically (temporary file in the same folder, then os.replace)."""
    path = Path(path)
    write_files({path: render_html(graph, **kw).encode("utf-8")})
    return path
