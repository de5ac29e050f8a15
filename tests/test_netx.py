"""NetworkX projection of built graphs (rtgraph.netx)."""

from __future__ import annotations

import networkx as nx
import pytest
from rdflib import Graph

from rtgraph.errors import GraphError
from rtgraph.netx import load, neighbourhood, to_networkx

R = "https://w3id.org/rtgraph/resource/"

FIXTURE = """
@prefix rtg: <https://w3id.org/rtgraph/ontology#> .
@prefix doc: <https://w3id.org/rtgraph/resource/document/> .
@prefix sec: <https://w3id.org/rtgraph/resource/section/> .
@prefix pas: <https://w3id.org/rtgraph/resource/passage/> .
@prefix as: <https://w3id.org/rtgraph/resource/assertion/> .
@prefix actor: <https://w3id.org/rtgraph/resource/actor/> .
@prefix substance: <https://w3id.org/rtgraph/resource/substance/> .
@prefix region: <https://w3id.org/rtgraph/resource/region/> .
@prefix event: <https://w3id.org/rtgraph/resource/event/> .
@prefix policy: <https://w3id.org/rtgraph/resource/policy/> .
@prefix method: <https://w3id.org/rtgraph/resource/method/> .
@prefix stat: <https://w3id.org/rtgraph/resource/statistic/> .
@prefix trend: <https://w3id.org/rtgraph/resource/trend/> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix rtl: <https://w3id.org/rtgraph/lexicon#> .

doc:rt a rtg:Document ; dcterms:title "Roundtable on Illegal Drugs" ;
    dcterms:source "roundtable.txt" ; rtg:sha256 "00ff" .
sec:rt-1 a rtg:Section ; rdfs:label "Key Themes" ; dcterms:isPartOf doc:rt .
pas:rt-1 a rtg:Passage ; rtg:text "OCGs traffic methamphetamine in BC." ;
    rtg:start 10 ; rtg:end 45 ; dcterms:isPartOf sec:rt-1 .
pas:rt-2 a rtg:Passage ; rtg:text "Naloxone does not reverse benzodiazepines." ;
    rtg:start 46 ; rtg:end 88 ; dcterms:isPartOf sec:rt-1 .
pas:rt-3 a rtg:Passage ; rtg:text "CBSA reported that OCGs may traffic fentanyl." ;
    rtg:start 89 ; rtg:end 134 ; dcterms:isPartOf sec:rt-1 .
pas:rt-4 a rtg:Passage ; rtg:text "OCGs are expected to rely on commercial cargo." ;
    rtg:start 135 ; rtg:end 181 ; dcterms:isPartOf sec:rt-1 .

actor:ocgs a rtg:CriminalGroup, rtg:Actor ; rdfs:label "organized crime groups" ;
    skos:altLabel "OCGs", "OCG" ; skos:hiddenLabel "organised crime groups" ; rtg:mentionCount 3 ;
    rtg:mentionedIn pas:rt-1, pas:rt-3, pas:rt-4 .
actor:cbsa a rtg:Agency, rtg:Actor ; rdfs:label "Canada Border Services Agency" ;
    skos:altLabel "CBSA" ; rtg:mentionCount 1 ; rtg:mentionedIn pas:rt-3 ;
    skos:exactMatch <http://www.wikidata.org/entity/Q1032614> .
substance:methamphetamine a rtg:Stimulant, rtg:Substance ; rdfs:label "methamphetamine" ;
    rtg:mentionCount 1 ; rtg:mentionedIn pas:rt-1 .
substance:fentanyl a rtg:Opioid, rtg:Substance ; rdfs:label "fentanyl" ; rtg:mentionCount 1 .
substance:naloxone a rtg:Medication, rtg:Substance ; rdfs:label "naloxone" ; rtg:mentionCount 1 .
substance:benzodiazepines a rtg:Depressant, rtg:Substance ; rdfs:label "benzodiazepines" ;
    skos:altLabel "benzos" ; rtg:mentionCount 1 .
region:bc a rtg:Province, rtg:Region ; rdfs:label "British Columbia" ; skos:altLabel "BC" ;
    skos:hiddenLabel "B.C." ; rtg:mentionCount 1 .
region:canada a rtg:Country, rtg:Region ; rdfs:label "Canada" ; rtg:mentionCount 0 .
event:roundtable a rtg:Meeting, rtg:Event ; rdfs:label "Roundtable on Illegal Drugs" ;
    rtg:mentionCount 1 .
policy:decriminalization a rtg:PolicyLever ; rdfs:label "decriminalization" ; rtg:mentionCount 2 .
method:commercial-cargo a rtg:Method ; rdfs:label "commercial cargo" ; rtg:mentionCount 1 .

actor:ocgs rtg:traffics substance:methamphetamine, substance:fentanyl ;
    rtg:operatesIn region:bc ; rtg:uses method:commercial-cargo .
substance:naloxone rtg:counters substance:fentanyl .
region:bc rtg:partOf region:canada .

as:a1 a rtg:Assertion ; rdf:subject actor:ocgs ; rdf:predicate rtg:traffics ;
    rdf:object substance:methamphetamine ; rtg:polarity rtg:Positive ; rtg:modality rtg:Asserted ;
    rtg:confidence 0.8 ; rtg:extractor "relations" ; rtg:evidence pas:rt-1 .
as:a1b a rtg:Assertion ; rdf:subject actor:ocgs ; rdf:predicate rtg:traffics ;
    rdf:object substance:methamphetamine ; rtg:polarity rtg:Positive ; rtg:modality rtg:Possible ;
    rtg:confidence 0.9 ; rtg:extractor "patterns" ; rtg:evidence pas:rt-4 .
as:a2 a rtg:Assertion ; rdf:subject actor:ocgs ; rdf:predicate rtg:traffics ;
    rdf:object substance:fentanyl ; rtg:polarity rtg:Positive ; rtg:modality rtg:Possible ;
    rtg:confidence 0.6 ; rtg:extractor "relations" ; rtg:evidence pas:rt-3 ;
    rtg:attributedTo actor:cbsa .
as:a3 a rtg:Assertion ; rdf:subject substance:naloxone ; rdf:predicate rtg:counters ;
    rdf:object substance:benzodiazepines ; rtg:polarity rtg:Negative ; rtg:modality rtg:Asserted ;
    rtg:confidence 0.9 ; rtg:extractor "relations" ; rtg:evidence pas:rt-2 .
as:a4 a rtg:Assertion ; rdf:subject substance:naloxone ; rdf:predicate rtg:counters ;
    rdf:object substance:fentanyl ; rtg:polarity rtg:Positive ; rtg:modality rtg:Asserted ;
    rtg:confidence 0.7 ; rtg:extractor "relations" ; rtg:evidence pas:rt-2 .
as:a5 a rtg:Assertion ; rdf:subject actor:ocgs ; rdf:predicate rtg:operatesIn ;
    rdf:object region:bc ; rtg:polarity rtg:Positive ; rtg:modality rtg:Asserted ;
    rtg:confidence 0.8 ; rtg:extractor "relations" ; rtg:evidence pas:rt-1 .
as:a6 a rtg:Assertion ; rdf:subject actor:ocgs ; rdf:predicate rtg:uses ;
    rdf:object method:commercial-cargo ; rtg:polarity rtg:Positive ; rtg:modality rtg:Expected ;
    rtg:confidence 0.7 ; rtg:extractor "relations" ; rtg:evidence pas:rt-4 .
as:a7 a rtg:Assertion, rtg:BackgroundAssertion ; rdf:subject region:bc ; rdf:predicate rtg:partOf ;
    rdf:object region:canada ; rtg:polarity rtg:Positive ; rtg:modality rtg:Asserted ;
    rtg:extractor "lexicon" ; prov:wasDerivedFrom rtl:regions ; rtg:bothMentionedIn doc:rt .
rtl:regions a skos:ConceptScheme .
as:a8 a rtg:Assertion ; rdf:subject event:roundtable ; rdf:predicate rtg:date ;
    rdf:object "2021-03-04"^^xsd:date ; rtg:polarity rtg:Positive ; rtg:modality rtg:Asserted ;
    rtg:confidence 0.9 ; rtg:extractor "attributes" ; rtg:evidence pas:rt-1 .

stat:s1 a rtg:Statistic ; rtg:value 21174 ; rtg:unit "deaths" ; rtg:measure "opioid deaths" ;
    rtg:about substance:fentanyl ; rtg:evidence pas:rt-3 .
trend:t1 a rtg:Trend ; rdfs:label "rise in methamphetamine" ; rtg:direction rtg:Increase ;
    rtg:about substance:methamphetamine ; rtg:evidence pas:rt-1 .
"""

ENTITIES = {
    "actor/ocgs", "actor/cbsa", "substance/methamphetamine", "substance/fentanyl",
    "substance/naloxone", "substance/benzodiazepines", "region/bc", "region/canada",
    "event/roundtable", "policy/decriminalization", "method/commercial-cargo",
}


@pytest.fixture()
def rdf() -> Graph:
    return Graph().parse(data=FIXTURE, format="turtle")


@pytest.fixture()
def G(rdf) -> nx.MultiDiGraph:
    return to_networkx(rdf, negative=True, hypothetical=True, background=True)


def test_one_node_per_entity(G):
    assert set(G.nodes) == {R + e for e in ENTITIES}
    assert list(G.nodes) == sorted(G.nodes)
    for bad in ("statistic/s1", "trend/t1", "passage/rt-1", "section/rt-1", "document/rt", "assertion/a1"):
        assert R + bad not in G
    assert not any("2021-03-04" in n for n in G.nodes)


def test_node_attributes(G):
    ocgs = G.nodes[R + "actor/ocgs"]
    assert ocgs["iri"] == R + "actor/ocgs"
    assert ocgs["label"] == "organized crime groups"
    assert ocgs["type"] == "CriminalGroup" and ocgs["top"] == "Actor"
    assert ocgs["types"] == ["Actor", "CriminalGroup"]
    assert ocgs["aliases"] == ["OCG", "OCGs"]
    assert ocgs["hidden"] == ["organised crime groups"]  # spelling variants: searchable, not aliases
    assert ocgs["mention_count"] == 3 and isinstance(ocgs["mention_count"], int)
    assert [m["passage"] for m in ocgs["mentions"]] == [R + "passage/rt-1", R + "passage/rt-3", R + "passage/rt-4"]
    cbsa = G.nodes[R + "actor/cbsa"]
    assert cbsa["exact_match"] == ["http://www.wikidata.org/entity/Q1032614"]
    lever = G.nodes[R + "policy/decriminalization"]
    assert (lever["type"], lever["top"], lever["types"]) == ("PolicyLever", "PolicyLever", ["PolicyLever"])
    assert G.nodes[R + "region/bc"]["type"] == "Province"


def test_edges_merge_assertions(G):
    s, o = R + "actor/ocgs", R + "substance/methamphetamine"
    assert list(G[s][o]) == ["traffics"]
    e = G[s][o]["traffics"]
    assert e["predicate"] == "traffics"
    assert e["predicate_iri"] == "https://w3id.org/rtgraph/ontology#traffics"
    assert e["polarity"] == "Positive"
    assert e["modality"] == "Asserted"  # strongest of Asserted, Possible
    assert e["confidence"] == pytest.approx(0.9) and isinstance(e["confidence"], float)
    assert e["extractors"] == ["patterns", "relations"]
    assert e["attributed_to"] == []
    assert [x["passage"] for x in e["evidence"]] == [R + "passage/rt-1", R + "passage/rt-4"]
    assert e["evidence"][0] == {
        "passage": R + "passage/rt-1", "text": "OCGs traffic methamphetamine in BC.", "start": 10, "end": 45,
        "document": "Roundtable on Illegal Drugs", "source": "roundtable.txt", "section": "Key Themes",
    }
    fent = G[s][R + "substance/fentanyl"]["traffics"]
    assert fent["modality"] == "Possible"
    assert fent["attributed_to"] == ["Canada Border Services Agency"]
    assert G[s][R + "method/commercial-cargo"]["uses"]["modality"] == "Expected"


def test_background_assertion_is_a_distinct_edge(G):
    """Lexicon knowledge no sentence states: flagged, with its source and no evidence or confidence."""
    e = G[R + "region/bc"][R + "region/canada"]["partOf"]
    assert e["background"] is True
    assert e["derived_from"] == ["https://w3id.org/rtgraph/lexicon#regions"]
    assert e["evidence"] == [] and e["confidence"] is None and e["extractors"] == ["lexicon"]
    assert e["both_mentioned_in"] == ["Roundtable on Illegal Drugs"]
    stated = G[R + "actor/ocgs"][R + "region/bc"]["operatesIn"]
    assert stated["background"] is False and stated["derived_from"] == [] and stated["evidence"]


def test_negative_assertion_is_an_edge(G):
    nal = R + "substance/naloxone"
    neg = G[nal][R + "substance/benzodiazepines"]
    assert list(neg) == ["counters-negative"]
    assert neg["counters-negative"]["polarity"] == "Negative"
    assert neg["counters-negative"]["predicate"] == "counters"
    assert G[nal][R + "substance/fentanyl"]["counters"]["polarity"] == "Positive"


def test_literals_and_statistics_are_not_edges(G):
    assert G.number_of_edges() == 7
    assert G.degree(R + "event/roundtable") == 0
    assert all(d["predicate"] not in {"date", "about"} for _, _, d in G.edges(data=True))
    assert list(G.edges(keys=True)) == sorted(G.edges(keys=True))


def _snapshot(G):
    return (list(G.nodes(data=True)), list(G.edges(keys=True, data=True)))


def test_default_holds_positive_asserted_text_relations(rdf):
    """By default: only what the text asserts positively; the options add the rest, marked."""
    G = to_networkx(rdf)
    assert sorted((u[len(R):], v[len(R):], k) for u, v, k in G.edges(keys=True)) == [
        ("actor/ocgs", "region/bc", "operatesIn"),
        ("actor/ocgs", "substance/methamphetamine", "traffics"),
        ("substance/naloxone", "substance/fentanyl", "counters"),
    ]
    assert G.graph["relations"] == {"negative": False, "hypothetical": False, "background": False}
    meth = G[R + "actor/ocgs"][R + "substance/methamphetamine"]["traffics"]
    # the Possible assertion (rt-4) is left out: its sentence is not evidence of the asserted edge
    assert [x["passage"] for x in meth["evidence"]] == [R + "passage/rt-1"]
    assert meth["confidence"] == pytest.approx(0.8) and meth["extractors"] == ["relations"]
    assert all((d["polarity"], d["modality"], d["background"]) == ("Positive", "Asserted", False)
               for _, _, d in G.edges(data=True))
    assert set(G.nodes) == {R + e for e in ENTITIES}  # entities stay, with or without relations

    neg = to_networkx(rdf, negative=True)
    assert neg.number_of_edges() == 4
    assert neg[R + "substance/naloxone"][R + "substance/benzodiazepines"]["counters-negative"]["polarity"] == "Negative"
    hyp = to_networkx(rdf, hypothetical=True)
    assert {(v[len(R):], d["modality"]) for _, v, d in hyp.edges(data=True) if d["modality"] != "Asserted"} == {
        ("substance/fentanyl", "Possible"), ("method/commercial-cargo", "Expected")}
    assert hyp[R + "actor/ocgs"][R + "substance/methamphetamine"]["traffics"]["confidence"] == pytest.approx(0.9)
    bg = to_networkx(rdf, background=True)
    assert [(u[len(R):], v[len(R):], d["background"]) for u, v, d in bg.edges(data=True) if d["background"]] == [
        ("region/bc", "region/canada", True)]


def test_plain_triples_without_assertion_are_no_edges(rdf):
    """Materialized ``?s rtg:relatedTo ?o`` (or any relation) with no rtg:Assertion adds no edge."""
    from rdflib import URIRef
    from rtgraph.namespaces import RTG

    ocgs, cbsa = URIRef(R + "actor/ocgs"), URIRef(R + "actor/cbsa")
    rdf.add((ocgs, RTG.relatedTo, cbsa))
    rdf.add((cbsa, RTG.operatesIn, URIRef(R + "region/canada")))
    G = to_networkx(rdf, negative=True, hypothetical=True, background=True)
    assert G.number_of_edges() == 7 and not G.has_edge(str(ocgs), str(cbsa))


def test_round_trip_through_turtle(rdf, tmp_path):
    path = tmp_path / "graph.ttl"
    rdf.serialize(path, format="turtle")
    assert _snapshot(to_networkx(load(path))) == _snapshot(to_networkx(rdf))
    everything = dict(negative=True, hypothetical=True, background=True)
    assert _snapshot(to_networkx(load(path), **everything)) == _snapshot(to_networkx(rdf, **everything))


def test_load_errors(tmp_path):
    with pytest.raises(GraphError, match=r"missing\.ttl: cannot read graph: no such file"):
        load(tmp_path / "missing.ttl")
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix x: <urn:x#> .\nx:a x:b ", encoding="utf-8")
    with pytest.raises(GraphError, match=r"bad\.ttl: cannot read graph: "):
        load(bad)


def test_neighbourhood_hops(G):
    one = neighbourhood(G, "british columbia")
    assert set(one) == {R + "region/bc", R + "actor/ocgs", R + "region/canada"}
    assert one.graph["focus"] == [R + "region/bc"]
    assert one.number_of_edges() == 2
    assert set(neighbourhood(G, "b.c.")) == set(one)  # hidden label, case-insensitive
    two = neighbourhood(G, "BC", hops=2)  # alias, case-insensitive
    assert R + "substance/methamphetamine" in two and R + "substance/naloxone" not in two
    assert set(neighbourhood(G, R + "region/bc", hops=0)) == {R + "region/bc"}
    assert two.nodes[R + "region/bc"] == G.nodes[R + "region/bc"]


def test_neighbourhood_unknown_label(G):
    with pytest.raises(GraphError, match="no entity labelled 'fentanil'.*did you mean: fentanyl"):
        neighbourhood(G, "fentanil")
    with pytest.raises(GraphError, match="no similar labels"):
        neighbourhood(G, "zzzzzzzzzz")


def test_facts_about_entities_are_node_attributes(seed_graph):
    """Statistics and trends about an entity travel with its node (for pandas users too)."""
    from rtgraph.netx import to_networkx

    G = to_networkx(seed_graph)
    bc = G.nodes["https://w3id.org/rtgraph/resource/region/british-columbia"]
    kinds = {f["kind"] for f in bc["facts"]}
    assert {"statistic", "trend"} <= kinds
    ratio = next(f for f in bc["facts"] if f["detail"] == "2.5 times the national average")
    assert "2.5 times higher" in ratio["evidence"][0]["text"]
