"""rdf.serialize: the Turtle of a graph is the same bytes whatever order its triples
were added in, uses the rtgraph prefixes, and reads back to the same graph in rdflib
and pyoxigraph."""

from __future__ import annotations

import pyoxigraph
from rdflib import Graph
from rdflib.compare import isomorphic

from rtgraph.rdf import PREFIXES, serialize


def _reversed_copy(graph: Graph) -> Graph:
    copy = Graph(bind_namespaces="none")
    for triple in sorted(graph, reverse=True):
        copy.add(triple)
    return copy


def test_same_bytes_in_any_insertion_order(seed_graph, seed_turtle):
    assert serialize(_reversed_copy(seed_graph)) == seed_turtle


def test_prefixes_are_declared_and_used(seed_turtle):
    text = seed_turtle.decode("utf-8")
    for prefix, iri in PREFIXES.items():
        assert f"@prefix {prefix}: <{iri}> ." in text
    assert "\nactor:" in text and "rtg:evidence passage:" in text


def test_reads_back_to_the_same_graph_in_rdflib_and_pyoxigraph(seed_graph, seed_turtle):
    assert isomorphic(Graph().parse(data=seed_turtle, format="turtle"), seed_graph)
    expected = set(pyoxigraph.parse(seed_graph.serialize(format="nt", encoding="utf-8"),
                                    format=pyoxigraph.RdfFormat.N_TRIPLES))
    assert set(pyoxigraph.parse(seed_turtle, format=pyoxigraph.RdfFormat.TURTLE)) == expected
