"""rtgraph.validate checks built graphs against ontology/shapes.ttl."""

from __future__ import annotations

import re

import pytest
from rdflib import PROV, RDF, RDFS, SKOS, XSD, BNode, Graph, Literal, Namespace

from rtgraph.errors import GraphError
from rtgraph.namespaces import RTG
from rtgraph.validate import ValidationReport, validate

RTR = Namespace("https://w3id.org/rtgraph/resource/")

SENTENCE = "OCGs traffic methamphetamine in British Columbia."

VALID = f"""
@prefix rtg: <https://w3id.org/rtgraph/ontology#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix actor: <https://w3id.org/rtgraph/resource/actor/> .
@prefix substance: <https://w3id.org/rtgraph/resource/substance/> .
@prefix region: <https://w3id.org/rtgraph/resource/region/> .
@prefix document: <https://w3id.org/rtgraph/resource/document/> .
@prefix section: <https://w3id.org/rtgraph/resource/section/> .
@prefix passage: <https://w3id.org/rtgraph/resource/passage/> .
@prefix assertion: <https://w3id.org/rtgraph/resource/assertion/> .
@prefix statistic: <https://w3id.org/rtgraph/resource/statistic/> .
@prefix trend: <https://w3id.org/rtgraph/resource/trend/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix rtl: <https://w3id.org/rtgraph/lexicon#> .

document:roundtable a rtg:Document ;
    dcterms:title "Fourth Law Enforcement Roundtable on Drugs"@en ;
    dcterms:source "roundtable-2021-03.txt" ;
    rtg:sha256 "{'ab12' * 16}" .

section:roundtable-1 a rtg:Section ;
    rdfs:label "Key Themes"@en ;
    dcterms:isPartOf document:roundtable .

passage:roundtable-1 a rtg:Passage ;
    rtg:text "{SENTENCE}"@en ;
    rtg:start 100 ;
    rtg:end {100 + len(SENTENCE)} ;
    dcterms:isPartOf section:roundtable-1 .

actor:organized-crime-groups a rtg:CriminalGroup, rtg:Actor ;
    rdfs:label "organized crime groups"@en ;
    skos:altLabel "OCGs"@en, "organised crime groups"@en ;
    rtg:mentionCount 1 ;
    rtg:mentionedIn passage:roundtable-1 ;
    rtg:traffics substance:methamphetamine .

substance:methamphetamine a rtg:Stimulant, rtg:Substance ;
    rdfs:label "methamphetamine"@en ;
    rtg:mentionCount 1 ;
    rtg:mentionedIn passage:roundtable-1 .

region:british-columbia a rtg:Province ;
    rdfs:label "British Columbia"@en ;
    skos:altLabel "BC"@en ;
    skos:hiddenLabel "B.C."@en ;
    rtg:mentionCount 1 ;
    rtg:mentionedIn passage:roundtable-1 ;
    rtg:partOf region:canada .

region:canada a rtg:Country ;
    rdfs:label "Canada"@en ;
    rtg:mentionCount 0 .

assertion:a1 a rtg:Assertion ;
    rdf:subject actor:organized-crime-groups ;
    rdf:predicate rtg:traffics ;
    rdf:object substance:methamphetamine ;
    rtg:polarity rtg:Positive ;
    rtg:modality rtg:Asserted ;
    rtg:confidence 0.9 ;
    rtg:extractor "relations" ;
    rtg:evidence passage:roundtable-1 .

statistic:s1 a rtg:Statistic ;
    rtg:value 21174 ;
    rtg:unit "deaths" ;
    rtg:measure "apparent opioid toxicity deaths" ;
    rtg:qualifier "over" ;
    rtg:period "between January 2016 and December 2020" ;
    rtg:region region:british-columbia ;
    rtg:about substance:methamphetamine ;
    rtg:evidence passage:roundtable-1 .

assertion:b1 a rtg:Assertion, rtg:BackgroundAssertion ;
    rdf:subject region:british-columbia ;
    rdf:predicate rtg:partOf ;
    rdf:object region:canada ;
    rtg:polarity rtg:Positive ;
    rtg:modality rtg:Asserted ;
    rtg:extractor "lexicon" ;
    prov:wasDerivedFrom rtl:regions ;
    rtg:bothMentionedIn document:roundtable .

rtl:regions a skos:ConceptScheme .

trend:t1 a rtg:Trend ;
    rdfs:label "increasing amounts of methamphetamine"@en ;
    rtg:direction rtg:Increase ;
    rtg:about substance:methamphetamine ;
    rtg:region region:british-columbia ;
    rtg:confidence 0.7 ;
    rtg:evidence passage:roundtable-1 .
"""


def valid_graph() -> Graph:
    return Graph().parse(data=VALID, format="turtle")


def test_valid_graph_conforms():
    report = validate(valid_graph())
    assert isinstance(report, ValidationReport)
    assert report.conforms, report.text
    assert report.results == ()


def test_valid_turtle_file_conforms(tmp_path):
    path = tmp_path / "graph.ttl"
    path.write_text(VALID, encoding="utf-8")
    assert validate(path).conforms
    assert validate(str(path)).conforms


def _without_evidence(g):
    g.remove((RTR["assertion/a1"], RTG.evidence, None))


def _without_confidence(g):
    g.remove((RTR["assertion/a1"], RTG.confidence, None))


def _background_citing_a_sentence(g):
    g.add((RTR["assertion/b1"], RTG.evidence, RTR["passage/roundtable-1"]))


def _background_with_confidence(g):
    g.add((RTR["assertion/b1"], RTG.confidence, Literal("0.9", datatype=XSD.decimal)))


def _background_without_source(g):
    g.remove((RTR["assertion/b1"], PROV.wasDerivedFrom, None))


def _background_untyped(g):
    # no sentence and not marked background: a text fact that lost its evidence
    g.remove((RTR["assertion/b1"], RDF.type, RTG.BackgroundAssertion))


def _confidence_too_high(g):
    g.set((RTR["assertion/a1"], RTG.confidence, Literal("1.5", datatype=XSD.decimal)))


def _passage_without_text(g):
    g.remove((RTR["passage/roundtable-1"], RTG.text, None))


def _two_labels(g):
    g.add((RTR["substance/methamphetamine"], RDFS.label, Literal("meth")))


def _value_as_string(g):
    g.set((RTR["statistic/s1"], RTG.value, Literal("21174")))


def _blank_node(g):
    node = BNode()
    g.add((node, RDF.type, RTG.Direction))
    g.add((node, RDFS.label, Literal("sideways")))


def _sha256_not_hex(g):
    g.set((RTR["document/roundtable"], RTG.sha256, Literal("Z" * 64)))


def _subclass_only_entity(g):
    # typed with a subclass only: the shapes of rtg:Region still apply (ontology mixed in)
    city = RTR["region/vancouver"]
    g.add((city, RDF.type, RTG.City))
    g.add((city, RTG.mentionCount, Literal(1)))


def _offsets_disagree_with_text(g):
    g.set((RTR["passage/roundtable-1"], RTG.end, Literal(101)))


def _polarity_is_a_modality(g):
    g.set((RTR["assertion/a1"], RTG.polarity, RTG.Asserted))


def _section_without_document(g):
    g.remove((RTR["section/roundtable-1"], None, RTR["document/roundtable"]))


def _label_without_language(g):
    g.set((RTR["substance/methamphetamine"], RDFS.label, Literal("methamphetamine")))


def _alias_in_french(g):
    g.add((RTR["actor/organized-crime-groups"], SKOS.altLabel, Literal("crime organisé", lang="fr")))


def _text_without_language(g):
    g.set((RTR["passage/roundtable-1"], RTG.text, Literal(SENTENCE)))


INVALID = [
    # (id, mutation, focus node, words the message must contain)
    ("assertion-without-evidence", _without_evidence, "assertion/a1", "rtg:evidence"),
    ("assertion-without-confidence", _without_confidence, "assertion/a1", "rtg:confidence"),
    ("background-with-evidence", _background_citing_a_sentence, "assertion/b1", "cites no rtg:evidence"),
    ("background-with-confidence", _background_with_confidence, "assertion/b1", "has no rtg:confidence"),
    ("background-without-source", _background_without_source, "assertion/b1", "prov:wasDerivedFrom"),
    ("unmarked-assertion-without-evidence", _background_untyped, "assertion/b1", "rtg:BackgroundAssertion"),
    ("confidence-1.5", _confidence_too_high, "assertion/a1", "rtg:confidence"),
    ("passage-without-text", _passage_without_text, "passage/roundtable-1", "rtg:text"),
    ("entity-with-two-labels", _two_labels, "substance/methamphetamine", "exactly one rdfs:label"),
    ("statistic-value-string", _value_as_string, "statistic/s1", "rtg:value"),
    ("blank-node-subject", _blank_node, None, "Blank node"),
    ("sha256-not-hex", _sha256_not_hex, "document/roundtable", "rtg:sha256"),
    ("subclass-typed-entity", _subclass_only_entity, "region/vancouver", "rdfs:label"),
    ("offsets-disagree", _offsets_disagree_with_text, "passage/roundtable-1", "length of rtg:text"),
    ("polarity-not-polarity", _polarity_is_a_modality, "assertion/a1", "rtg:polarity"),
    ("section-without-document", _section_without_document, "section/roundtable-1", "dcterms:isPartOf"),
    ("label-without-language", _label_without_language, "substance/methamphetamine", "tagged @en"),
    ("alias-in-french", _alias_in_french, "actor/organized-crime-groups", "tagged @en"),
    ("text-without-language", _text_without_language, "passage/roundtable-1", "tagged @en"),
]


@pytest.mark.parametrize("mutate, focus, words", [case[1:] for case in INVALID],
                         ids=[case[0] for case in INVALID])
def test_invalid_graph_fails_with_a_message(mutate, focus, words):
    graph = valid_graph()
    mutate(graph)
    report = validate(graph)
    assert not report.conforms
    assert report.results, report.text
    matching = [r for r in report.results if words in r[2]]
    assert matching, f"no message contains {words!r}: {report.results}"
    if focus is None:
        assert any(r[0].startswith("_:") for r in matching), matching
    else:
        assert any(r[0] == str(RTR[focus]) for r in matching), matching
    assert words in report.text


def test_validate_does_not_modify_the_graph():
    graph = valid_graph()
    before = len(graph)
    validate(graph)
    assert len(graph) == before


def test_missing_file_raises_graph_error(tmp_path):
    missing = tmp_path / "nowhere.ttl"
    with pytest.raises(GraphError, match="nowhere.ttl: cannot read Turtle"):
        validate(missing)


def test_unparsable_file_raises_graph_error(tmp_path):
    broken = tmp_path / "broken.ttl"
    broken.write_text("this is not turtle <<<", encoding="utf-8")
    with pytest.raises(GraphError, match=r"broken.ttl: cannot read Turtle: \S"):
        validate(broken)


NOT_RTGRAPH = [
    ("empty-file", "", "empty graph: no triples"),
    ("only-prefixes", "@prefix rtg: <https://w3id.org/rtgraph/ontology#> .\n# nothing else\n", "empty graph: no triples"),
    ("foaf", '@prefix foaf: <http://xmlns.com/foaf/0.1/> .\n<http://x/alice> foaf:name "Alice" .\n',
     "not an rtgraph graph: no rtg:Document among 1 triples"),
    ("rtgraph-entities-without-documents",
     '@prefix rtg: <https://w3id.org/rtgraph/ontology#> .\n<https://w3id.org/rtgraph/resource/substance/x> a rtg:Substance .\n',
     "not an rtgraph graph: no rtg:Document"),
]


@pytest.mark.parametrize("name, text, message", NOT_RTGRAPH, ids=[n[0] for n in NOT_RTGRAPH])
def test_empty_or_foreign_turtle_is_refused(tmp_path, name, text, message):
    path = tmp_path / f"{name}.ttl"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(GraphError, match=f"{name}.ttl: {message}"):
        validate(path)
    graph = Graph().parse(data=text, format="turtle")
    with pytest.raises(GraphError, match=f"^mine: {message}"):
        validate(graph, label="mine")


def test_graph_without_its_document_is_refused():
    graph = valid_graph()
    graph.remove((None, RDF.type, RTG.Document))
    with pytest.raises(GraphError, match="not an rtgraph graph: no rtg:Document"):
        validate(graph)


@pytest.mark.parametrize("fraction", [0.001, 0.1, 0.37, 0.5, 0.83, 0.999])
def test_truncated_graph_names_file_and_line(tmp_path, seed_turtle, fraction):
    """A graph cut anywhere (a copy that stopped half way) fails: mid-statement, naming the file and a
    line within the cut; where the cut still reads as Turtle ("rtg:confidence 0." is the integer 0
    and a full stop), by the shapes, since its last resource lost its required properties."""
    cut = seed_turtle[: int(len(seed_turtle) * fraction)]
    path = tmp_path / "cut.ttl"
    path.write_bytes(cut)
    try:
        report = validate(path)
    except GraphError as caught:
        message = str(caught)
    else:
        assert not report.conforms, f"a graph cut at {fraction:.0%} conforms"
        return
    assert message.startswith(f"{path}: cannot read Turtle: Turtle syntax error at line "), message
    line, column = map(int, re.search(r" at line (\d+), column (\d+): \S", message).groups())
    assert 1 <= line <= cut.count(b"\n") + 1 and column >= 1
