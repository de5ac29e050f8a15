"""Extraction records → one RDF graph, exactly as vocabulary.md describes it.

No blank nodes: every node has an IRI minted from stable content (concept
identifiers, document ids, character offsets, hashes of a fact's parts), so
the same input always serializes to the same bytes.

A relation read from a sentence cites it (``rtg:evidence``); background
knowledge from the lexicon cites none: it is an ``rtg:BackgroundAssertion``
``prov:wasDerivedFrom`` its lexicon concept scheme (``rtl:regions`` …), linked
by ``rtg:bothMentionedIn`` to the documents that name both of its ends.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_right
from decimal import Decimal

import pyoxigraph
from rdflib import RDF, RDFS, SKOS, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, XSD

from .model import Assertion, Extraction, Sentence
from .namespaces import RTG, RTL, RTR

__all__ = ["to_graph", "serialize", "PREFIXES", "passage_iri"]

PREFIXES = {
    "rtg": str(RTG),
    "rtl": str(RTL),
    "rtr": str(RTR),  # resolve.RESOURCE; not imported from there, which would load spaCy
    **{name: f"{RTR}{name}/" for name in (
        "actor", "substance", "region", "policy", "event", "method",
        "assertion", "statistic", "trend", "passage", "section", "document",
    )},
    "rdf": str(RDF),
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "prov": str(PROV),
    "xsd": str(XSD),
    "rdfs": str(RDFS),
    "owl": str(OWL),
}
R = {name: Namespace(iri) for name, iri in PREFIXES.items()}


def _digest(*parts) -> str:
    return hashlib.sha1("\x1f".join(str(p) for p in parts).encode()).hexdigest()[:16]


def passage_iri(sentence: Sentence) -> URIRef:
    return R["passage"][f"{sentence.doc_id}-{sentence.start}-{sentence.end}"]


def _en(text: str) -> Literal:
    """Names and text for people to read (labels, titles, sentences) are English, ``@en``."""
    return Literal(text, lang="en")


def _decimal(value: float) -> Literal:
    return Literal(Decimal(str(round(value, 2))), datatype=XSD.decimal)


def _number(value) -> Literal:
    if isinstance(value, int):
        return Literal(value, datatype=XSD.integer)
    return Literal(Decimal(value), datatype=XSD.decimal)


def _bind(graph: Graph) -> None:
    for prefix, iri in PREFIXES.items():
        graph.bind(prefix, iri, override=True, replace=True)


def to_graph(extraction: Extraction) -> Graph:
    graph = Graph(bind_namespaces="none")
    _bind(graph)
    add = graph.add
    passages: dict[tuple[str, int], URIRef] = {}

    for document in extraction.documents:
        doc_iri = R["document"][document.doc_id]
        add((doc_iri, RDF.type, RTG.Document))
        add((doc_iri, DCTERMS.title, _en(document.title)))
        add((doc_iri, DCTERMS.source, Literal(document.source)))
        add((doc_iri, DCTERMS["format"], Literal(document.media_type)))
        add((doc_iri, RTG.sha256, Literal(document.sha256)))
        if document.encoding:  # PDF and DOCX have none of their own
            add((doc_iri, RTG.encoding, Literal(document.encoding)))
        for other in document.also_at:  # byte-identical copies: one document, every path kept
            add((doc_iri, RTG.alsoAt, Literal(other)))
        for section in document.sections:
            section_iri = R["section"][f"{document.doc_id}-{section.index}"]
            add((section_iri, RDF.type, RTG.Section))
            add((section_iri, RDFS.label, _en(section.title)))
            add((section_iri, DCTERMS.isPartOf, doc_iri))

    pages = {document.doc_id: document.pages for document in extraction.documents}
    for sentence in extraction.sentences:
        iri = passage_iri(sentence)
        passages[(sentence.doc_id, sentence.index)] = iri
        add((iri, RDF.type, RTG.Passage))
        add((iri, RTG.text, _en(sentence.text)))
        add((iri, RTG.start, Literal(sentence.start, datatype=XSD.integer)))
        add((iri, RTG.end, Literal(sentence.end, datatype=XSD.integer)))
        if pages.get(sentence.doc_id):  # PDF: the page the sentence starts on, so evidence cites a page
            page = bisect_right(pages[sentence.doc_id], sentence.start)
            add((iri, RTG.page, Literal(page, datatype=XSD.integer)))
        add((iri, DCTERMS.isPartOf, R["section"][f"{sentence.doc_id}-{sentence.section}"]))

    for entity in extraction.entities:
        iri = URIRef(entity.iri)
        for cls in entity.types:
            add((iri, RDF.type, URIRef(cls)))
        add((iri, RDFS.label, _en(entity.label)))
        for alias in entity.aliases:
            add((iri, SKOS.altLabel, _en(alias)))
        for variant in entity.hidden:
            add((iri, SKOS.hiddenLabel, _en(variant)))
        for parent in entity.broader:
            add((iri, SKOS.broader, URIRef(parent)))
        for match in entity.exact_match:
            add((iri, SKOS.exactMatch, URIRef(match)))
        for mention in entity.mentions:
            add((iri, RTG.mentionedIn, passages[(mention.doc_id, mention.sentence)]))
        add((iri, RTG.mentionCount, Literal(len(entity.mentions), datatype=XSD.integer)))

    named_in = {e.iri: {m.doc_id for m in e.mentions} for e in extraction.entities}
    for assertion in extraction.assertions:
        _assertion(graph, assertion, passages, named_in)

    for stat in extraction.statistics:
        iri = R["statistic"][_digest(stat.evidence, stat.start, stat.end)]
        evidence = passages[stat.evidence]
        offset = int(graph.value(evidence, RTG.start))
        label = str(graph.value(evidence, RTG.text))[stat.start - offset : stat.end - offset]
        add((iri, RDF.type, RTG.Statistic))
        add((iri, RTG.value, _number(stat.value)))
        _describe(
            graph, iri,
            literals=[(RDFS.label, _en(label) if label else None), (RTG.unit, stat.unit), (RTG.measure, stat.measure),
                      (RTG.qualifier, stat.qualifier), (RTG.period, stat.period),
                      (RTG.extractor, stat.extractor), (RTG.confidence, _decimal(stat.confidence))],
            links=[(RTG.region, stat.region), (RTG.about, stat.about)],
        )
        add((iri, RTG.evidence, evidence))

    for trend in extraction.trends:
        iri = R["trend"][_digest(trend.evidence, trend.start, trend.end, trend.direction)]
        add((iri, RDF.type, RTG.Trend))
        add((iri, RTG.direction, RTG[trend.direction]))
        add((iri, RTG.modality, RTG[trend.modality]))
        _describe(
            graph, iri,
            literals=[(RDFS.label, _en(trend.label) if trend.label else None), (RTG.period, trend.period), (RTG.extractor, trend.extractor),
                      (RTG.confidence, _decimal(trend.confidence))],
            links=[(RTG.about, trend.about), (RTG.shiftFrom, trend.shift_from), (RTG.shiftTo, trend.shift_to),
                   (RTG.region, trend.region), (RTG.attributedTo, trend.attributed_to)],
        )
        add((iri, RTG.evidence, passages[trend.evidence]))
    return graph


def _describe(graph: Graph, iri: URIRef, *, literals=(), links=()) -> None:
    """Add the given attributes, leaving out empty ones (no blank values in the output)."""
    for predicate, value in literals:
        if value is not None and value != "":
            graph.add((iri, predicate, value if isinstance(value, Literal) else Literal(value)))
    for predicate, targets in links:
        for target in (targets,) if isinstance(targets, str) else targets or ():
            graph.add((iri, predicate, URIRef(target)))


def _assertion(graph: Graph, assertion: Assertion, passages, named_in) -> None:
    subject, predicate = URIRef(assertion.subject), URIRef(assertion.predicate)
    obj = assertion.object if isinstance(assertion.object, Literal) else URIRef(assertion.object)
    source = URIRef(assertion.derived_from) if assertion.background else passages[assertion.evidence]
    iri = R["assertion"][_digest(subject, predicate, obj, assertion.polarity, source)]
    add = graph.add
    add((iri, RDF.type, RTG.Assertion))
    add((iri, RDF.type, RDF.Statement))
    add((iri, RDF.subject, subject))
    add((iri, RDF.predicate, predicate))
    add((iri, RDF.object, obj))
    add((iri, RTG.polarity, RTG[assertion.polarity]))
    add((iri, RTG.modality, RTG[assertion.modality]))
    add((iri, RTG.extractor, Literal(assertion.extractor)))
    if assertion.background:
        # known from the lexicon, stated by no sentence: no evidence, no confidence
        add((iri, RDF.type, RTG.BackgroundAssertion))
        add((iri, PROV.wasDerivedFrom, source))
        add((source, RDF.type, SKOS.ConceptScheme))
        for doc_id in sorted(named_in.get(assertion.subject, set()) & named_in.get(str(obj), set())):
            add((iri, RTG.bothMentionedIn, R["document"][doc_id]))
    else:
        add((iri, RTG.confidence, _decimal(assertion.confidence)))
        add((iri, RTG.evidence, source))
    if assertion.attributed_to:
        add((iri, RTG.attributedTo, URIRef(assertion.attributed_to)))
    if assertion.linking_words:
        add((iri, RTG.linkingWords, Literal(assertion.linking_words)))
    if assertion.polarity == "Positive":
        add((subject, predicate, obj))
        if isinstance(obj, URIRef) and predicate != RTG.relatedTo:
            # materialized super-property (no reasoner needed): a plain triple, no assertion node
            add((subject, RTG.relatedTo, obj))


def serialize(graph: Graph) -> bytes:
    """Turtle with readable prefixes, the same bytes for the same graph.

    Triples are sorted (subject, predicate, object, each in its N-Triples form) and
    written by pyoxigraph's Turtle writer, which groups a subject's predicates and
    objects; rdflib's own Turtle writer took a third of a large build.
    """
    terms = _OxTerms()
    triples = sorted(((terms(s), terms(p), terms(o)) for s, p, o in graph),
                     key=lambda t: (t[0][0], t[1][0], t[2][0]))
    return pyoxigraph.serialize(
        (pyoxigraph.Triple(s[1], p[1], o[1]) for s, p, o in triples),
        format=pyoxigraph.RdfFormat.TURTLE, prefixes=PREFIXES,
    )


class _OxTerms(dict):
    """rdflib term -> (N-Triples text, pyoxigraph term); one conversion per distinct term."""

    def __call__(self, term):
        found = self.get(term)
        if found is None:
            if isinstance(term, URIRef):
                converted = pyoxigraph.NamedNode(str(term))
            elif isinstance(term, Literal):
                converted = pyoxigraph.Literal(
                    str(term), language=term.language,
                    datatype=pyoxigraph.NamedNode(str(term.datatype)) if term.datatype else None)
            else:
                converted = pyoxigraph.BlankNode(str(term))
            found = self[term] = (str(converted), converted)
        return found
