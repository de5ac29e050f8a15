"""ontology/rtgraph.ttl documents exactly the terms of rtgraph.namespaces.RTG."""

from __future__ import annotations

import pytest
from rdflib import OWL, RDF, RDFS, Graph, Literal, Namespace, URIRef

from rtgraph.namespaces import RTG
from rtgraph.resources import ontology_dir

PROV = Namespace("http://www.w3.org/ns/prov#")
NS = str(RTG._NS)
TERMS = sorted(RTG.__annotations__)

TYPED_RELATIONS = [
    "traffics", "produces", "supplies", "sourcedFrom", "precursorOf", "mixedWith",
    "counters", "operatesIn", "uses", "partnersWith", "targets", "advocatedBy",
    "implementedBy", "appliesIn", "supports", "partOf", "organizedBy", "about",
    "affects", "movesAwayFrom",
]


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(ontology_dir() / "rtgraph.ttl", format="turtle")


def declared(graph: Graph) -> set[str]:
    """Local names of the rtg: terms the ontology declares (gives an rdf:type)."""
    return {str(s)[len(NS):] for s in graph.subjects(RDF.type, None)
            if isinstance(s, URIRef) and str(s).startswith(NS)}


def test_parses_with_ontology_header(onto):
    header = URIRef("https://w3id.org/rtgraph/ontology")
    assert (header, RDF.type, OWL.Ontology) in onto
    assert onto.value(header, OWL.versionInfo) == Literal("0.1.0")


@pytest.mark.parametrize("name", TERMS)
def test_every_namespace_term_is_documented(onto, name):
    term = RTG[name]
    assert name in declared(onto), f"rtg:{name} is not declared in rtgraph.ttl"
    labels = list(onto.objects(term, RDFS.label))
    assert len(labels) == 1, f"rtg:{name} has {len(labels)} rdfs:label"
    assert labels[0].language == "en"
    comments = list(onto.objects(term, RDFS.comment))
    assert comments and all(len(str(c)) > 20 for c in comments), f"rtg:{name} lacks an rdfs:comment"


def test_no_term_outside_the_namespace_class(onto):
    extra = declared(onto) - set(TERMS)
    assert not extra, f"declared in rtgraph.ttl but missing from namespaces.RTG: {sorted(extra)}"


def test_no_undeclared_rtg_term_is_used(onto):
    used = {str(t)[len(NS):] for triple in onto for t in triple
            if isinstance(t, URIRef) and str(t).startswith(NS)}
    assert used <= set(TERMS), sorted(used - set(TERMS))


@pytest.mark.parametrize(
    "sub, sup",
    [
        ("Opioid", "Substance"), ("Precursor", "Substance"), ("Medication", "Substance"),
        ("City", "Region"), ("Country", "Region"), ("WorldRegion", "Region"),
        ("CriminalGroup", "Actor"), ("Agency", "Actor"), ("Stakeholder", "Actor"),
        ("Meeting", "Event"), ("Crisis", "Event"), ("Equipment", "Method"),
    ],
)
def test_subclass_chains(onto, sub, sup):
    assert RTG[sup] in set(onto.transitive_objects(RTG[sub], RDFS.subClassOf))


def test_assertion_is_a_statement(onto):
    assert (RTG.Assertion, RDFS.subClassOf, RDF.Statement) in onto


@pytest.mark.parametrize("name", TYPED_RELATIONS)
def test_typed_relations_specialize_related_to(onto, name):
    assert RTG.relatedTo in set(onto.transitive_objects(RTG[name], RDFS.subPropertyOf))
    assert (RTG[name], RDF.type, OWL.ObjectProperty) in onto


def test_property_characteristics(onto):
    assert (RTG.mixedWith, RDF.type, OWL.SymmetricProperty) in onto
    assert (RTG.partnersWith, RDF.type, OWL.SymmetricProperty) in onto
    assert (RTG.partOf, RDF.type, OWL.TransitiveProperty) in onto
    for prop, inverse in [("partOf", "hasPart"), ("advocatedBy", "advocates"),
                          ("implementedBy", "implements"), ("organizedBy", "organizes"),
                          ("mentionedIn", "mentions")]:
        assert (RTG[prop], OWL.inverseOf, RTG[inverse]) in onto


def test_provenance_properties(onto):
    assert (RTG.evidence, RDFS.subPropertyOf, PROV.wasDerivedFrom) in onto
    assert (RTG.evidence, RDFS.range, RTG.Passage) in onto
    assert (RTG.attributedTo, RDFS.subPropertyOf, PROV.wasAttributedTo) in onto
    assert (RTG.mentionedIn, RDFS.range, RTG.Passage) in onto


@pytest.mark.parametrize(
    "cls, members",
    [
        ("Direction", ["Increase", "Decrease", "Shift", "Emergence", "Stable"]),
        ("Polarity", ["Positive", "Negative"]),
        ("Modality", ["Asserted", "Expected", "Possible"]),
    ],
)
def test_individuals(onto, cls, members):
    assert set(onto.subjects(RDF.type, RTG[cls])) == {RTG[m] for m in members}
    for m in members:
        assert (RTG[m], RDF.type, OWL.NamedIndividual) in onto


def test_datatype_ranges(onto):
    xsd = "http://www.w3.org/2001/XMLSchema#"
    for name, dtype in [("confidence", "decimal"), ("start", "integer"), ("end", "integer"),
                        ("mentionCount", "integer"), ("date", "date"), ("period", "string")]:
        assert (RTG[name], RDF.type, OWL.DatatypeProperty) in onto
        assert onto.value(RTG[name], RDFS.range) == URIRef(xsd + dtype), name
    for name in ["polarity", "modality", "direction", "region"]:
        assert (RTG[name], RDF.type, OWL.ObjectProperty) in onto
