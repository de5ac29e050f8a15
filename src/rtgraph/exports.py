"""Exports of a built graph, all from the RDF graph (the single source).

``rtgraph export GRAPH --format F -o PATH``:

* ``jsonld``: JSON-LD with a ``@context`` generated from ``rdf.PREFIXES`` and
  the ontology (one term per rtgraph class and property, by local name; the
  prefixes for everything else); nodes sorted by IRI, keys and values sorted.
* ``nt``: N-Triples, lines sorted.
* ``nq``: N-Quads in the named graphs ``rtgraph push`` uploads
  (``rtgraph.push.split_by_document``): one per document file,
  ``https://w3id.org/rtgraph/graph/document/{file name}``, with the document,
  its sections, passages, the facts they are evidence of and the entities
  they name; ``https://w3id.org/rtgraph/graph/corpus`` for the rest. The union
  of the graphs is the graph. Lines sorted.
* ``graphml``, ``gexf`` (Gephi, Cytoscape): the NetworkX projection with
  scalar attributes only (``rtgraph.tables``): nodes ``label, class, top,
  types, aliases, …``; edges ``predicate, polarity, modality, confidence,
  background, evidence_count, …`` (lists joined with ``"; "``, a missing
  confidence left out), edge ids ``e0, e1, …`` in sorted edge order.
* ``csv``: ``PATH/nodes.csv`` and ``PATH/edges.csv`` (the same columns).

The projection formats hold the relations ``rtgraph.to_networkx`` keeps:
those the text asserts positively, plus ``include`` (``negative``,
``hypothetical``, ``background``). Outputs are deterministic and written
atomically (``rtgraph.atomic``).
"""

from __future__ import annotations

import csv
import io
import json
from functools import cache
from pathlib import Path

import networkx as nx
from rdflib import BNode, Graph, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, XSD

from .atomic import write_files
from .errors import RtgraphError
from .namespaces import RTG

__all__ = ["FORMATS", "INCLUDE", "ExportError", "export", "jsonld_context", "to_jsonld", "to_ntriples",
           "to_nquads", "flat_graph", "to_graphml", "to_gexf", "to_csv", "read_graph_arg", "register"]

FORMATS = ("jsonld", "nt", "nq", "graphml", "gexf", "csv")
INCLUDE = ("negative", "hypothetical", "background")
_RDF_FORMATS = ("jsonld", "nt", "nq")
# terms for the other vocabularies built graphs use (the ontology gives rtg's)
_EXTRA_TERMS = (RDFS.label, RDFS.subClassOf, DCTERMS.title, DCTERMS.source, DCTERMS["format"], DCTERMS.isPartOf,
                RDF.subject, RDF.predicate, RDF.object, RDF.Statement)
_SKOS = "http://www.w3.org/2004/02/skos/core#"
_PROV = "http://www.w3.org/ns/prov#"
_EXTRA_TERMS += tuple(URIRef(_SKOS + n) for n in ("altLabel", "hiddenLabel", "broader", "exactMatch",
                                                  "ConceptScheme")) + (URIRef(_PROV + "wasDerivedFrom"),)
_TERM_TYPES = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, RDF.Property,
               RDFS.Class)


class ExportError(RtgraphError):
    """An export cannot be made as asked (unknown format, option that does not apply)."""


# ---------------------------------------------------------------- RDF formats

@cache
def _context() -> tuple[tuple[str, str], ...]:
    from .rdf import PREFIXES
    from .resources import ontology_dir

    ontology = Graph().parse(ontology_dir() / "rtgraph.ttl", format="turtle")
    declared = {s for t in _TERM_TYPES for s in ontology.subjects(RDF.type, t) if isinstance(s, URIRef)}
    own = sorted((s for s in declared if str(s).startswith(str(RTG))), key=str)
    others = sorted((set(_EXTRA_TERMS) | declared) - set(own), key=str)
    entries = dict(PREFIXES)
    for iri in (*own, *others):  # rtg first: on a clash of local names the rtgraph term wins
        name = str(iri).rsplit("#", 1)[-1].rsplit("/", 1)[-1]
        if name and name not in entries and name.isidentifier():
            entries[name] = str(iri)
    return tuple(entries.items())


def jsonld_context() -> dict:
    """The JSON-LD ``@context``: rdf.PREFIXES, then one term per vocabulary class and property."""
    return dict(_context())


class _Compactor:
    def __init__(self):
        from .rdf import PREFIXES

        self.terms = {iri: name for name, iri in _context() if name not in PREFIXES}
        self.prefixes = sorted(((iri, name) for name, iri in PREFIXES.items()), key=lambda p: -len(p[0]))

    def iri(self, iri, *, vocab: bool = False) -> str:
        iri = str(iri)
        if vocab and iri in self.terms:
            return self.terms[iri]
        for base, name in self.prefixes:
            rest = iri[len(base):]
            if iri.startswith(base) and rest and not rest.startswith("//") and ":" not in rest:
                return f"{name}:{rest}"
        return iri

    def value(self, term):
        if isinstance(term, BNode):
            return {"@id": f"_:{term}"}
        if isinstance(term, URIRef):
            return {"@id": self.iri(term)}
        if term.language:
            return {"@value": str(term), "@language": term.language}
        if term.datatype is None or term.datatype == XSD.string:
            return str(term)
        return {"@value": str(term), "@type": self.iri(term.datatype, vocab=True)}


def _sort_key(term):
    return (0 if isinstance(term, URIRef) else 1 if isinstance(term, BNode) else 2, str(term),
            str(getattr(term, "datatype", "") or ""), str(getattr(term, "language", "") or ""))


def to_jsonld(graph: Graph) -> bytes:
    """The whole graph as JSON-LD: ``{"@context": …, "@graph": [node, …]}``.

    Literals keep their lexical form (``{"@value": "0.8", "@type": "xsd:decimal"}``);
    plain strings are JSON strings. Built graphs have no blank nodes, so the
    output is deterministic; a blank node of some other graph is written ``_:id``.
    """
    c = _Compactor()
    nodes = []
    for s in sorted(set(graph.subjects()), key=_sort_key):
        node: dict = {"@id": c.value(s)["@id"]}
        types = sorted(graph.objects(s, RDF.type), key=_sort_key)
        if types:
            names = [c.iri(t, vocab=True) if isinstance(t, URIRef) else f"_:{t}" for t in types]
            node["@type"] = names[0] if len(names) == 1 else names
        for p in sorted({p for p in graph.predicates(s) if p != RDF.type}, key=str):
            values = [c.value(o) for o in sorted(graph.objects(s, p), key=_sort_key)]
            node[c.iri(p, vocab=True)] = values[0] if len(values) == 1 else values
        nodes.append(node)
    doc = {"@context": jsonld_context(), "@graph": nodes}
    return (json.dumps(doc, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


def _nt_lines(graph: Graph) -> list[str]:
    text = graph.serialize(format="nt", encoding="utf-8").decode("utf-8")
    return [line for line in text.splitlines() if line.strip()]


def to_ntriples(graph: Graph) -> bytes:
    """N-Triples with the lines sorted."""
    return "".join(f"{line}\n" for line in sorted(_nt_lines(graph))).encode("utf-8")


def _named_graphs(graph: Graph) -> dict:
    """Graph name (None: the default graph) -> its triples, as ``rtgraph push`` uploads them."""
    try:
        from .push import split_by_document
    except ImportError:  # pragma: no cover - without push: each document's own nodes under its IRI
        return _by_document_iri(graph)
    return split_by_document(graph)


def _by_document_iri(graph: Graph) -> dict:
    docs = set(graph.subjects(RDF.type, RTG.Document))

    def document_of(node):
        for _ in range(3):  # passage -> section -> document
            if node is None or node in docs:
                return node
            node = graph.value(node, DCTERMS.isPartOf)
        return node if node in docs else None

    home = {}
    for s in set(graph.subjects()):
        if s in docs or (s, RDF.type, RTG.Section) in graph or (s, RDF.type, RTG.Passage) in graph:
            home[s] = document_of(s)
        else:
            found = {document_of(p) for p in graph.objects(s, RTG.evidence)}
            home[s] = found.pop() if len(found) == 1 else None
    parts: dict = {}
    for t in graph:
        parts.setdefault(None if home.get(t[0]) is None else str(home[t[0]]), []).append(t)
    return parts


def to_nquads(graph: Graph) -> bytes:
    """N-Quads in the named graphs ``rtgraph push`` writes (``push.split_by_document``); lines sorted."""
    lines = set()
    for name, triples in _named_graphs(graph).items():
        part = Graph(bind_namespaces="none")
        for t in triples:
            part.add(t)
        for line in _nt_lines(part):
            lines.add(line if name is None else f"{line[:-1].rstrip()} <{name}> .")
    return "".join(f"{line}\n" for line in sorted(lines)).encode("utf-8")


# ----------------------------------------------------------- projection formats

def flat_graph(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The projection with scalar attributes only (what GraphML and GEXF can carry)."""
    from .tables import edge_rows, node_rows

    H = nx.MultiDiGraph()
    for row in node_rows(G):
        H.add_node(row["id"], **{k: v for k, v in row.items() if k != "id" and v is not None})
    for i, row in enumerate(edge_rows(G)):
        attrs = {k: v for k, v in row.items()
                 if k not in ("source", "target", "source_label", "target_label") and v is not None}
        H.add_edge(row["source"], row["target"], key=f"e{i}", label=row["predicate"], **attrs)
    return H


def to_graphml(G: nx.MultiDiGraph) -> bytes:
    buffer = io.BytesIO()
    nx.write_graphml(flat_graph(G), buffer, encoding="utf-8", prettyprint=True)
    return buffer.getvalue()


def to_gexf(G: nx.MultiDiGraph) -> bytes:
    from networkx.readwrite.gexf import GEXFWriter

    writer = GEXFWriter(encoding="utf-8", prettyprint=True, version="1.2draft")
    meta = writer.xml.find("meta")
    if meta is not None:  # networkx stamps today's date: the same graph must give the same bytes
        meta.attrib.pop("lastmodifieddate", None)
    writer.add_graph(flat_graph(G))
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def to_csv(G: nx.MultiDiGraph) -> dict[str, bytes]:
    """``{"nodes.csv": …, "edges.csv": …}``: one row per entity and per relation."""
    from .tables import EDGE_COLUMNS, NODE_COLUMNS, edge_rows, node_rows

    def table(columns, rows) -> bytes:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow(["" if row[c] is None else str(row[c]).lower() if isinstance(row[c], bool)
                             else row[c] for c in columns])
        return out.getvalue().encode("utf-8")

    return {"nodes.csv": table(NODE_COLUMNS, node_rows(G)), "edges.csv": table(EDGE_COLUMNS, edge_rows(G))}


# ------------------------------------------------------------------- one call

def export(graph: Graph, path, *, format: str, include=()) -> list[Path]:
    """Write ``graph`` as ``format`` to ``path`` (a folder for csv); return the paths written.

    ``include``: any of ``negative``, ``hypothetical``, ``background`` (projection formats only).
    """
    if format not in FORMATS:
        raise ExportError(f"unknown export format {format!r}: expected one of {', '.join(FORMATS)}")
    include = tuple(include)
    unknown = sorted(set(include) - set(INCLUDE))
    if unknown:
        raise ExportError(f"cannot include {', '.join(unknown)}: expected any of {', '.join(INCLUDE)}")
    if format in _RDF_FORMATS and include:
        raise ExportError(f"--include applies to graphml, gexf and csv; {format} always holds the whole graph")
    path = Path(path)
    if format in _RDF_FORMATS:
        data = {"jsonld": to_jsonld, "nt": to_ntriples, "nq": to_nquads}[format](graph)
        files = {path: data}
    else:
        from .netx import to_networkx

        G = to_networkx(graph, **{k: k in include for k in INCLUDE})
        if format == "csv":
            if path.exists() and not path.is_dir():
                raise ExportError(f"{path}: csv export writes nodes.csv and edges.csv into a folder; found a file")
            files = {path / name: data for name, data in to_csv(G).items()}
        else:
            files = {path: (to_graphml if format == "graphml" else to_gexf)(G)}
    if format != "csv" and path.is_dir():
        raise ExportError(f"{path}: expected a file to write the {format} export to, found a folder")
    write_files(files)
    return list(files)


def read_graph_arg(paths) -> Graph:
    """A command's GRAPH arguments: Turtle files or a store folder (rtgraph.graphs.read_graph)."""
    paths = [paths] if isinstance(paths, (str, Path)) else list(paths)
    try:
        from .graphs import read_graph
    except ImportError:  # pragma: no cover - rtgraph without the store support
        from .netx import load

        if len(paths) != 1:
            raise ExportError(f"expected one Turtle file, got {len(paths)}") from None
        return load(paths[0])
    return read_graph(paths)


def _run(args) -> int:
    include = INCLUDE if args.include == "all" else tuple(x for x in (args.include or "").split(",") if x)
    written = export(read_graph_arg(args.graph), args.output, format=args.format, include=include)
    print(f"wrote {', '.join(str(p) for p in written)}")
    return 0


def register(subparsers) -> None:
    p = subparsers.add_parser("export", help="write a graph as JSON-LD, N-Triples, N-Quads, GraphML, GEXF or CSV")
    p.add_argument("graph", nargs="+", help="a built graph: Turtle files or a store folder")
    p.add_argument("--format", required=True, choices=FORMATS)
    p.add_argument("-o", "--output", required=True, help="output file (a folder for csv)")
    p.add_argument("--include", metavar="WHAT",
                   help="graphml/gexf/csv: also negative, hypothetical, background relations "
                        "(comma-separated, or all); default: those the text asserts positively")
    p.set_defaults(run=_run)
