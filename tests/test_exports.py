"""rtgraph export: JSON-LD, N-Triples, N-Quads from the RDF graph; GraphML, GEXF, CSV from the projection."""

from __future__ import annotations

import csv
import io
import json

import networkx as nx
import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from test_netx import FIXTURE, R

from rtgraph.cli import main
from rtgraph.exports import (
    ExportError,
    export,
    jsonld_context,
    to_gexf,
    to_graphml,
    to_jsonld,
    to_nquads,
)
from rtgraph.netx import to_networkx

EVERYTHING = dict(negative=True, hypothetical=True, background=True)


@pytest.fixture()
def rdf() -> Graph:
    g = Graph().parse(data=FIXTURE, format="turtle")
    g.add((URIRef(R + "actor/ocgs"), URIRef(R + "note"), Literal("sagt \"OCGs\"\n", lang="de")))
    return g


@pytest.fixture()
def ttl(rdf, tmp_path):
    path = tmp_path / "graph.ttl"
    rdf.serialize(path, format="turtle")
    return path


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # rdflib's own parsers use its deprecated names
def test_jsonld_round_trips_with_the_vocabulary_context(rdf):
    data = to_jsonld(rdf)
    assert data == to_jsonld(Graph().parse(data=rdf.serialize(format="turtle"), format="turtle"))  # deterministic
    doc = json.loads(data)
    ctx = doc["@context"]
    assert ctx["rtg"] == "https://w3id.org/rtgraph/ontology#" and ctx["actor"] == R + "actor/"
    assert ctx["traffics"] == "https://w3id.org/rtgraph/ontology#traffics"
    assert ctx["label"] == "http://www.w3.org/2000/01/rdf-schema#label"
    assert ctx["region"] == R + "region/"  # a prefix is never shadowed by the term rtg:region
    assert ctx == jsonld_context()
    ids = [n["@id"] for n in doc["@graph"]]
    ocgs = next(n for n in doc["@graph"] if n["@id"] == "actor:ocgs")
    assert ocgs["@type"] == ["Actor", "CriminalGroup"]
    assert ocgs["traffics"] == [{"@id": "substance:fentanyl"}, {"@id": "substance:methamphetamine"}]
    assert ocgs["mentionCount"] == {"@type": "xsd:integer", "@value": "3"}
    assert len(ids) == len(set(ids))
    back = Graph().parse(data=data, format="json-ld")
    assert set(back) == set(rdf) and len(back) == len(rdf)


def test_ntriples_sorted_and_complete(rdf, ttl, tmp_path):
    out = tmp_path / "g.nt"
    assert main(["export", str(ttl), "--format", "nt", "-o", str(out)]) == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines == sorted(lines) and len(lines) == len(rdf)
    assert set(Graph().parse(out, format="nt")) == set(rdf)


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_nquads_one_named_graph_per_document(rdf):
    """The named graphs of ``rtgraph push``: a document's passages and facts in its graph; union = graph."""
    from rtgraph.push import CORPUS_GRAPH, document_graph_iri

    other = FIXTURE.split("\ndoc:rt ")[0] + """
doc:other a rtg:Document ; dcterms:title "Other" ; dcterms:source "other.txt" ; rtg:sha256 "11" .
sec:o-1 a rtg:Section ; rdfs:label "One" ; dcterms:isPartOf doc:other .
pas:o-1 a rtg:Passage ; rtg:text "OCGs use commercial cargo." ; rtg:start 0 ; rtg:end 26 ;
    dcterms:isPartOf sec:o-1 .
as:o1 a rtg:Assertion ; rdf:subject actor:ocgs ; rdf:predicate rtg:uses ; rdf:object method:commercial-cargo ;
    rtg:polarity rtg:Positive ; rtg:modality rtg:Asserted ; rtg:confidence 0.8 ; rtg:extractor "relations" ;
    rtg:evidence pas:o-1 .
actor:ocgs rtg:mentionedIn pas:o-1 .
"""
    both = rdf + Graph().parse(data=other, format="turtle")
    data = to_nquads(both).decode("utf-8")
    assert data.splitlines() == sorted(data.splitlines()) and data == to_nquads(both).decode("utf-8")
    ds = Dataset()
    ds.parse(data=data, format="nquads")
    assert {(s, p, o) for s, p, o, _ in ds.quads()} == set(both)
    graphs = {str(g.identifier): g for g in ds.graphs() if len(g)}
    assert sorted(graphs) == sorted([document_graph_iri("roundtable.txt"), document_graph_iri("other.txt"),
                                     CORPUS_GRAPH])
    rt, o = graphs[document_graph_iri("roundtable.txt")], graphs[document_graph_iri("other.txt")]
    assert (URIRef(R + "passage/rt-2"), None, None) in rt and (URIRef(R + "assertion/a3"), None, None) in rt
    assert (URIRef(R + "passage/rt-2"), None, None) not in o and (URIRef(R + "passage/o-1"), None, None) in o
    assert (URIRef(R + "document/rt"), None, None) in rt and (URIRef(R + "document/rt"), None, None) not in o
    assert (URIRef(R + "assertion/o1"), None, None) in o and (URIRef(R + "assertion/o1"), None, None) not in rt


def _edges(H):
    return sorted((u, v, d["predicate"], d["polarity"], d["modality"], d.get("confidence"), d["background"],
                   d["evidence_count"]) for u, v, d in H.edges(data=True))


def _expected(G):
    return sorted((u, v, d["predicate"], d["polarity"], d["modality"], d["confidence"], d["background"],
                   len(d["evidence"])) for u, v, d in G.edges(data=True))


@pytest.mark.parametrize("fmt,read", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_graphml_gexf_read_back_with_networkx(rdf, ttl, tmp_path, fmt, read):
    out = tmp_path / f"g.{fmt}"
    assert main(["export", str(ttl), "--format", fmt, "-o", str(out), "--include", "all"]) == 0
    G = to_networkx(rdf, **EVERYTHING)
    H = read(out)
    assert H.number_of_nodes() == G.number_of_nodes() == 11
    assert H.number_of_edges() == G.number_of_edges() == 7
    assert _edges(H) == _expected(G)
    ocgs = H.nodes[R + "actor/ocgs"]
    assert (ocgs["label"], ocgs["class"], ocgs["top"], ocgs["mention_count"]) == (
        "organized crime groups", "CriminalGroup", "Actor", 3)
    assert ocgs["aliases"] == "OCG; OCGs"
    for _, d in [*H.nodes(data=True), *((None, d) for *_, d in H.edges(data=True))]:
        assert all(isinstance(v, (str, int, float, bool)) for v in d.values()), d  # scalars only
    (edge,) = [d for u, v, d in H.edges(data=True) if (u, v) == (R + "region/bc", R + "region/canada")]
    assert edge["background"] is True and "confidence" not in edge
    assert edge["derived_from"] == "https://w3id.org/rtgraph/lexicon#regions"
    before = out.read_bytes()
    assert main(["export", str(ttl), "--format", fmt, "-o", str(out), "--include", "all"]) == 0
    assert out.read_bytes() == before  # byte-identical (GEXF carries no date)


def test_projection_exports_default_to_asserted_relations(rdf, tmp_path):
    export(rdf, tmp_path / "g.graphml", format="graphml")
    H = nx.read_graphml(tmp_path / "g.graphml")
    assert _edges(H) == _expected(to_networkx(rdf)) and H.number_of_edges() == 3
    export(rdf, tmp_path / "neg.gexf", format="gexf", include=["negative"])
    assert {d["polarity"] for *_, d in nx.read_gexf(tmp_path / "neg.gexf").edges(data=True)} == {
        "Positive", "Negative"}
    assert to_graphml(to_networkx(rdf)) == to_graphml(to_networkx(rdf))
    assert to_gexf(to_networkx(rdf)) == to_gexf(to_networkx(rdf))


def test_csv_nodes_and_edges(rdf, ttl, tmp_path):
    out = tmp_path / "tables"
    assert main(["export", str(ttl), "--format", "csv", "-o", str(out), "--include", "negative,background"]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["edges.csv", "nodes.csv"]
    nodes = list(csv.DictReader(io.StringIO((out / "nodes.csv").read_text(encoding="utf-8"))))
    edges = list(csv.DictReader(io.StringIO((out / "edges.csv").read_text(encoding="utf-8"))))
    assert len(nodes) == 11 and len(edges) == 5
    cbsa = next(n for n in nodes if n["id"] == R + "actor/cbsa")
    assert (cbsa["label"], cbsa["class"], cbsa["aliases"]) == ("Canada Border Services Agency", "Agency", "CBSA")
    neg = next(e for e in edges if e["polarity"] == "Negative")
    assert (neg["source_label"], neg["predicate"], neg["target_label"], neg["confidence"], neg["evidence_count"],
            neg["background"]) == ("naloxone", "counters", "benzodiazepines", "0.9", "1", "false")
    bg = next(e for e in edges if e["background"] == "true")
    assert bg["confidence"] == "" and bg["evidence_count"] == "0"


def test_export_errors(rdf, ttl, tmp_path, capsys):
    with pytest.raises(ExportError, match="unknown export format 'xml': expected one of jsonld, nt"):
        export(rdf, tmp_path / "x", format="xml")
    with pytest.raises(ExportError, match="cannot include maybe: expected any of negative, hypothetical"):
        export(rdf, tmp_path / "x.csv", format="csv", include=["maybe"])
    assert main(["export", str(ttl), "--format", "nq", "-o", str(tmp_path / "g.nq"), "--include", "all"]) == 1
    assert "--include applies to graphml, gexf and csv; nq always holds the whole graph" in capsys.readouterr().err
    assert main(["export", str(ttl), "--format", "nt", "-o", str(tmp_path)]) == 1
    assert "expected a file to write the nt export to, found a folder" in capsys.readouterr().err
    assert main(["export", str(tmp_path / "missing.ttl"), "--format", "nt", "-o", str(tmp_path / "a.nt")]) == 5
    assert "missing.ttl: cannot read graph" in capsys.readouterr().err
    assert not (tmp_path / "g.nq").exists() and not (tmp_path / "a.nt").exists()


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_seed_graph_exports(seed_graph, tmp_path):
    """The shipped document: every format writes, and the RDF ones hold every triple."""
    for fmt in ("jsonld", "nt", "nq", "graphml", "gexf", "csv"):
        export(seed_graph, tmp_path / f"seed-{fmt}", format=fmt, include=["negative", "hypothetical", "background"]
               if fmt in ("graphml", "gexf", "csv") else ())
    back = Graph().parse(tmp_path / "seed-jsonld", format="json-ld")
    assert set(back) == set(seed_graph)
    G = to_networkx(seed_graph, **EVERYTHING)
    H = nx.read_graphml(tmp_path / "seed-graphml")
    assert (H.number_of_nodes(), H.number_of_edges()) == (G.number_of_nodes(), G.number_of_edges())
    assert _edges(nx.read_gexf(tmp_path / "seed-gexf")) == _expected(G)
