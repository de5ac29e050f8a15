"""Structural checks of the policy-lever, method and event lexicons (SKOS)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, SKOS

from rtgraph.namespaces import RTG, RTL

# Scheme IRIs are not terms of the closed RTL namespace, so use an open one for them.
SCHEMES = Namespace(str(RTL._NS))

LEXICON = Path(__file__).resolve().parent.parent / "ontology" / "lexicon"

# file name -> (scheme, concept IRI prefix)
FILES = {
    "policy-levers.ttl": (SCHEMES.policyLevers, "https://w3id.org/rtgraph/resource/policy/"),
    "methods.ttl": (SCHEMES.methods, "https://w3id.org/rtgraph/resource/method/"),
    "events.ttl": (SCHEMES.events, "https://w3id.org/rtgraph/resource/event/"),
}

RTG_CLASSES = {
    URIRef(str(RTG._NS) + name)
    for name, value in RTG.__annotations__.items()
    if name[:1].isupper()
}

LOCAL_NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def _load(name: str) -> Graph:
    graph = Graph()
    graph.parse(LEXICON / name, format="turtle")
    return graph


@pytest.fixture(scope="module")
def graphs() -> dict[str, Graph]:
    return {name: _load(name) for name in FILES}


def _concepts(graph: Graph) -> list[URIRef]:
    return sorted(graph.subjects(RDF.type, SKOS.Concept))


def _labels(graph: Graph, concept: URIRef) -> list[Literal]:
    return [label for p in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel) for label in graph.objects(concept, p)]


@pytest.mark.parametrize("name", sorted(FILES))
def test_scheme_declared(graphs: dict[str, Graph], name: str) -> None:
    graph = graphs[name]
    scheme, _ = FILES[name]
    assert (scheme, RDF.type, SKOS.ConceptScheme) in graph
    assert len(list(graph.objects(scheme, SKOS.prefLabel))) == 1
    assert _concepts(graph), f"{name}: no concepts"


@pytest.mark.parametrize("name", sorted(FILES))
def test_no_blank_nodes(graphs: dict[str, Graph], name: str) -> None:
    for triple in graphs[name]:
        assert not any(isinstance(term, BNode) for term in triple), triple


@pytest.mark.parametrize("name", sorted(FILES))
def test_concept_shape(graphs: dict[str, Graph], name: str) -> None:
    graph = graphs[name]
    scheme, prefix = FILES[name]
    for concept in _concepts(graph):
        assert str(concept).startswith(prefix), concept
        assert LOCAL_NAME.match(str(concept)[len(prefix):]), f"bad local name: {concept}"
        assert list(graph.objects(concept, SKOS.inScheme)) == [scheme], concept
        pref = list(graph.objects(concept, SKOS.prefLabel))
        assert len(pref) == 1, f"{concept}: {len(pref)} prefLabels"
        for label in _labels(graph, concept):
            assert isinstance(label, Literal) and label.language == "en", (concept, label)
            assert str(label).strip() == str(label) and str(label), (concept, label)
        # prefLabel is not repeated as an altLabel or hiddenLabel, nor an alias as a hidden label
        # (a hidden label may differ from an alias in case only: "COVID" is matched case-sensitively)
        alts = {str(a) for a in graph.objects(concept, SKOS.altLabel)}
        hidden = {str(h) for h in graph.objects(concept, SKOS.hiddenLabel)}
        assert str(pref[0]).casefold() not in {a.casefold() for a in alts}, concept
        assert str(pref[0]) not in hidden and not alts & hidden, (concept, alts & hidden)


@pytest.mark.parametrize("name", sorted(FILES))
def test_broader_targets_exist(graphs: dict[str, Graph], name: str) -> None:
    graph = graphs[name]
    concepts = set(_concepts(graph))
    for concept, target in graph.subject_objects(SKOS.broader):
        assert target in concepts, f"{concept} broader {target}: not a concept"
        assert target != concept


def _entity_class(graph: Graph, concept: URIRef) -> URIRef | None:
    """The nearest rtl:entityClass on the concept or along skos:broader."""
    seen: set[URIRef] = set()
    frontier = [concept]
    while frontier:
        nxt: list[URIRef] = []
        for node in frontier:
            if node in seen:
                continue
            seen.add(node)
            classes = list(graph.objects(node, RTL.entityClass))
            if classes:
                assert len(classes) == 1, f"{node}: several entity classes"
                return classes[0]
            nxt.extend(graph.objects(node, SKOS.broader))
        frontier = nxt
    return None


@pytest.mark.parametrize("name", sorted(FILES))
def test_entity_class(graphs: dict[str, Graph], name: str) -> None:
    graph = graphs[name]
    for concept in _concepts(graph):
        cls = _entity_class(graph, concept)
        assert cls is not None, f"{concept}: no rtl:entityClass (own or inherited)"
        assert cls in RTG_CLASSES, f"{concept}: {cls} is not an rtg: class"


def test_expected_classes(graphs: dict[str, Graph]) -> None:
    levers = graphs["policy-levers.ttl"]
    for concept in _concepts(levers):
        assert _entity_class(levers, concept) == URIRef(RTG.PolicyLever), concept
    methods = graphs["methods.ttl"]
    allowed = {URIRef(RTG.Method), URIRef(RTG.Equipment)}
    for concept in _concepts(methods):
        assert _entity_class(methods, concept) in allowed, concept
    events = graphs["events.ttl"]
    allowed = {URIRef(RTG.Event), URIRef(RTG.Crisis), URIRef(RTG.CourtDecision)}
    for concept in _concepts(events):
        assert _entity_class(events, concept) in allowed, concept


def test_labels_unique_across_files(graphs: dict[str, Graph]) -> None:
    owner: dict[str, URIRef] = {}
    clashes: list[str] = []
    for graph in graphs.values():
        for concept in _concepts(graph):
            for label in {str(l).casefold() for l in _labels(graph, concept)}:
                if label in owner and owner[label] != concept:
                    clashes.append(f"{label!r}: {owner[label]} and {concept}")
                owner.setdefault(label, concept)
    assert not clashes, "\n".join(clashes)


def test_diversion_senses_separated(graphs: dict[str, Graph]) -> None:
    """Criminal-justice diversion and chemical diversion share no label, and the
    chemical sense owns the 'diversion of' / 'diverted from' phrases."""
    policy = URIRef("https://w3id.org/rtgraph/resource/policy/diversion")
    chemical = URIRef("https://w3id.org/rtgraph/resource/method/chemical-diversion")
    levers, methods = graphs["policy-levers.ttl"], graphs["methods.ttl"]
    policy_labels = {str(l).casefold() for l in _labels(levers, policy)}
    chemical_labels = {str(l).casefold() for l in _labels(methods, chemical)}
    assert "diversion" in policy_labels and "divert people" in policy_labels
    # bare "divert" is the chemical sense as often ("brokers divert precursors"): not a lever label
    assert "divert" not in policy_labels
    assert {"diversion of", "domestic diversion of", "diverted from"} <= chemical_labels
    assert not policy_labels & chemical_labels


def test_ambiguous_words_are_not_labels(graphs: dict[str, Graph]) -> None:
    banned = {"dies", "mail", "containers", "scheduling", "bans", "enforcement",
              "production", "lab", "referrals", "dual crisis", "naloxone", "naloxone kits"}
    for graph in graphs.values():
        for concept in _concepts(graph):
            for label in _labels(graph, concept):
                assert str(label).casefold() not in banned, (concept, label)
