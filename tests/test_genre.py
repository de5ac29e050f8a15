"""End to end on other documents of the genre: two roundtable summaries, a news
release (HTML with page chrome), an EU report chapter (Markdown) and a news
article (tests/fixtures/genre/, written for these tests in the style of the
real documents). The same code that builds data/ must give a valid, cited graph."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import URIRef
from rdflib.namespace import RDF

from rtgraph.namespaces import RTG
from rtgraph.ingest import read_document
from rtgraph.validate import validate

GENRE = Path(__file__).parent / "fixtures" / "genre"


@pytest.fixture(scope="module")
def genre():
    from rtgraph.pipeline import extract
    from rtgraph.rdf import to_graph

    extraction = extract([GENRE])
    return extraction, to_graph(extraction)


def test_conforms_and_every_fact_is_cited(genre):
    extraction, graph = genre
    assert len(extraction.documents) == 5
    report = validate(graph)
    assert report.conforms, report.text
    texts = {d.doc_id: d.text for d in extraction.documents}
    for sentence in extraction.sentences:
        assert texts[sentence.doc_id][sentence.start : sentence.end] == sentence.text
    background = set(graph.subjects(RDF.type, RTG.BackgroundAssertion))
    for fact in (*graph.subjects(RDF.type, RTG.Assertion), *graph.subjects(RDF.type, RTG.Statistic)):
        # lexicon knowledge is cited to its concept scheme, never to a sentence that does not state it
        assert bool(list(graph.objects(fact, RTG.evidence))) is (fact not in background), fact


def test_titles_and_sections_from_layout(genre):
    extraction, _ = genre
    titles = {d.source: d.title for d in extraction.documents}
    assert titles["news-release-border-funding.html"] == "Government of Canada invests $28.5 million to strengthen border enforcement against fentanyl"
    assert "|" not in titles["news-release-border-funding.html"]
    ontario = next(d for d in extraction.documents if d.source == "roundtable-2023-11-ontario.txt")
    assert {"Key Themes", "Gaps and Opportunities"} <= {s.title for s in ontario.sections}
    page = read_document(GENRE / "news-release-border-funding.html")
    assert "cookie" not in page.text.lower()


def test_meetings_have_dates_and_organizer(genre):
    extraction, graph = genre
    meetings = {e.label: URIRef(e.iri) for e in extraction.entities if e.cls == str(RTG.Meeting)}
    for name in ("Fifth Law Enforcement Roundtable on Drugs", "Third Law Enforcement Roundtable on Drugs"):
        assert name in meetings
        dates = [a for a in graph.subjects(RDF.subject, meetings[name]) if graph.value(a, RDF.predicate) == RTG.date]
        assert dates, name
    third = meetings["Third Law Enforcement Roundtable on Drugs"]
    organizer = URIRef("https://w3id.org/rtgraph/resource/actor/public-safety-canada")
    assert (third, RTG.organizedBy, organizer) in graph


def test_no_page_chrome_or_headings_as_entities(genre):
    extraction, _ = genre
    labels = {e.label.lower() for e in extraction.entities}
    for word in ("appendix", "key themes", "date modified", "participants", "future roundtables", "agenda"):
        assert word not in labels


@pytest.mark.parametrize(
    ("subject", "predicate", "obj"),
    [
        ("Colombia", RTG.produces, "cocaine"),
        ("Redd Alert", RTG.traffics, "methamphetamine"),
        ("methylamine", RTG.sourcedFrom, "China"),
        ("Sinaloa Cartel", RTG.partnersWith, "Chinese money laundering organizations"),
    ],
)
def test_key_relations(genre, subject, predicate, obj):
    extraction, graph = genre
    iri = {e.label: URIRef(e.iri) for e in extraction.entities}
    assert (iri[subject], predicate, iri[obj]) in graph


def test_negative_relation_in_report(genre):
    extraction, graph = genre
    iri = {e.label: URIRef(e.iri) for e in extraction.entities}
    negatives = {
        (graph.value(a, RDF.subject), graph.value(a, RDF.object))
        for a in graph.subjects(RTG.polarity, RTG.Negative)
        if graph.value(a, RDF.predicate) == RTG.counters
    }
    assert (iri["naloxone"], iri["stimulants"]) in negatives
    assert (iri["naloxone"], RTG.counters, iri["stimulants"]) not in graph
