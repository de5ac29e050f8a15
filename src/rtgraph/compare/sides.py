"""One side of a comparison: what a graph, or some documents inside it, states.

Everything is read from the RDF (``rdf.py`` writes it, ``ontology/rtgraph.ttl``
describes it), never from extraction records: entities with the sentences
that mention them, relations (one ``rtg:Assertion`` each, background
knowledge left out since no sentence states it), statistics and trends, each
with its evidence passages. A side limited to some documents keeps only the
facts whose evidence lies in them, and the entities they mention.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS

from ..errors import GraphError
from ..namespaces import RTG
from ..netx import local_name, to_networkx

__all__ = ["Evidence", "Ref", "EntityFact", "RelationFact", "StatisticFact", "TrendFact", "Side",
           "read_side", "select_documents", "documents_of"]

_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


@dataclass(frozen=True, order=True)
class Evidence:
    """A sentence that states a fact: its document file, offsets and text."""

    document: str  # the document's file name (dcterms:source)
    start: int
    end: int
    text: str
    title: str
    passage: str  # the rtg:Passage IRI


@dataclass(frozen=True, order=True)
class Ref:
    """An entity (or a literal, with ``iri`` empty) named by a fact, with its label."""

    iri: str
    label: str


@dataclass(frozen=True)
class EntityFact:
    iri: str
    label: str
    cls: str  # local name of the most specific class
    mentions: tuple[Evidence, ...]


@dataclass(frozen=True)
class RelationFact:
    subject: Ref
    predicate: str  # IRI
    object: Ref
    polarity: str  # Positive | Negative
    modality: str  # Asserted | Expected | Possible
    attributed_to: tuple[str, ...]
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class StatisticFact:
    value: Decimal
    unit: str
    measure: str
    qualifier: str
    period: str
    label: str
    about: tuple[Ref, ...]
    region: Ref | None
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class TrendFact:
    direction: str
    modality: str
    label: str
    period: str
    about: tuple[Ref, ...]
    region: Ref | None
    shift_from: tuple[Ref, ...]
    shift_to: tuple[Ref, ...]
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class Side:
    """What one side states; ``name`` says where it was read from (the graph, the selector)."""

    name: str
    documents: tuple[tuple[str, str, str], ...]  # (IRI, file name, title)
    entities: tuple[EntityFact, ...]
    relations: tuple[RelationFact, ...]
    statistics: tuple[StatisticFact, ...]
    trends: tuple[TrendFact, ...]


def _text(graph: Graph, s, p) -> str:
    values = sorted(str(o) for o in graph.objects(s, p))
    return values[0] if values else ""


def _documents(graph: Graph) -> list[tuple[str, str, str]]:
    return sorted((str(d), _text(graph, d, DCTERMS.source), _text(graph, d, DCTERMS.title))
                  for d in set(graph.subjects(RDF.type, RTG.Document)))


def _passages(graph: Graph) -> dict[URIRef, tuple[str, Evidence]]:
    """Every passage -> (its document IRI, its Evidence)."""
    docs = {iri: (source, title) for iri, source, title in _documents(graph)}
    found = {}
    for p in set(graph.subjects(RDF.type, RTG.Passage)):
        part = graph.value(p, DCTERMS.isPartOf)
        doc = part if str(part) in docs else graph.value(part, DCTERMS.isPartOf)
        source, title = docs.get(str(doc), ("", ""))
        start, end = graph.value(p, RTG.start), graph.value(p, RTG.end)
        found[p] = (str(doc), Evidence(source, int(start) if start is not None else -1,
                                       int(end) if end is not None else -1, _text(graph, p, RTG.text), title, str(p)))
    return found


def select_documents(graph: Graph, selector: str, *, where: str, option: str) -> tuple[str, ...]:
    """The document a selector names: a document IRI, file name, title, meeting label or date.

    Rules are tried in that order; the first that matches anything decides, and
    it must match exactly one document. ``where`` (the graph) and ``option``
    (``--old``) name the selector in the error.
    """
    docs = _documents(graph)
    passages = _passages(graph)
    needle = selector.strip()
    folded = needle.casefold()
    by_name = [d for d in docs if d[1] and (Path(needle).name == Path(d[1]).name or needle == Path(d[1]).stem)]
    rules = (
        ("document IRI", [d for d in docs if needle in (d[0], "document:" + local_name(d[0]), local_name(d[0]))]),
        ("file name", by_name),
        ("title", [d for d in docs if d[2].casefold() == folded]),
        ("meeting", _meeting_documents(graph, docs, passages, lambda m: folded in {
            str(n).casefold() for n in (*graph.objects(m, RDFS.label), *graph.objects(m, SKOS.altLabel))})),
        ("meeting date", _meeting_documents(graph, docs, passages, lambda m: bool(_DATE.fullmatch(needle)) and any(
            str(day).startswith(needle) for day in graph.objects(m, RTG.date)))),
    )
    for rule, matched in rules:
        found = sorted(set(matched))
        if len(found) == 1:
            return (found[0][0],)
        if found:
            listed = ", ".join(f"{source or iri} ({title})" for iri, source, title in found)
            raise GraphError(f"{where}: {option} {selector!r} is ambiguous: the {rule} matches {len(found)} "
                             f"documents: {listed}; give a file name or a document IRI")
    meetings = sorted({_text(graph, m, RDFS.label) for m in graph.subjects(RDF.type, RTG.Meeting)} - {""})
    listed = ", ".join(f"{source or iri} ({title})" for iri, source, title in docs) or "none"
    raise GraphError(f"{where}: {option} {selector!r} matches no document or meeting; expected a document file "
                     f"name, IRI or title, a meeting label or a date (YYYY-MM-DD); documents: {listed}; "
                     f"meetings: {', '.join(meetings) or 'none'}")


def _meeting_documents(graph: Graph, docs, passages, match) -> list[tuple[str, str, str]]:
    """The documents of the meetings ``match`` accepts: where each meeting's dates are stated.

    A meeting is the event of the document that dates it; one no sentence dates
    belongs to the documents whose title is its label, else to those mentioning it.
    """
    by_iri = {d[0]: d for d in docs}
    found = []
    for m in sorted(set(graph.subjects(RDF.type, RTG.Meeting)), key=str):
        if not match(m):
            continue
        dated = {passages[p][0] for a in graph.subjects(RDF.subject, m)
                 if graph.value(a, RDF.predicate) == RTG.date for p in graph.objects(a, RTG.evidence) if p in passages}
        labels = {str(n).casefold() for n in graph.objects(m, RDFS.label)}
        titled = {d[0] for d in docs if d[2].casefold() in labels}
        mentioned = {passages[p][0] for p in graph.objects(m, RTG.mentionedIn) if p in passages}
        found += [by_iri[d] for d in (dated or titled or mentioned) if d in by_iri]
    return found


def documents_of(graph: Graph, iris) -> tuple[tuple[str, str, str], ...]:
    wanted = set(iris)
    return tuple(d for d in _documents(graph) if d[0] in wanted)


def read_side(graph: Graph, *, name: str, documents=None) -> Side:
    """What ``graph`` states, or only its ``documents`` (IRIs) when given."""
    passages = _passages(graph)
    scope = set(documents) if documents is not None else {d for d, _ in passages.values()}

    def evidence(nodes) -> tuple[Evidence, ...]:
        return tuple(sorted(passages[p][1] for p in set(nodes) if p in passages and passages[p][0] in scope))

    G = to_networkx(graph)
    labels = {n: d["label"] for n, d in G.nodes(data=True)}

    def ref(node) -> Ref:
        if isinstance(node, Literal):
            return Ref("", str(node))
        return Ref(str(node), labels.get(str(node)) or _text(graph, node, RDFS.label) or local_name(node))

    def refs(s, p) -> tuple[Ref, ...]:
        return tuple(sorted(ref(o) for o in set(graph.objects(s, p))))

    def region(s) -> Ref | None:
        found = refs(s, RTG.region)
        return found[0] if found else None

    entities = []
    for n, d in sorted(G.nodes(data=True)):
        mentions = evidence(graph.objects(URIRef(n), RTG.mentionedIn))
        if mentions or documents is None:
            entities.append(EntityFact(n, d["label"], d["type"], mentions))

    relations = []
    for a in sorted(set(graph.subjects(RDF.type, RTG.Assertion)) - set(graph.subjects(RDF.type, RTG.BackgroundAssertion)), key=str):
        cited = evidence(graph.objects(a, RTG.evidence))
        s, p, o = (graph.value(a, t) for t in (RDF.subject, RDF.predicate, RDF.object))
        if cited and isinstance(s, URIRef) and isinstance(p, URIRef) and o is not None:
            relations.append(RelationFact(
                ref(s), str(p), ref(o), local_name(graph.value(a, RTG.polarity) or RTG.Positive),
                local_name(graph.value(a, RTG.modality) or RTG.Asserted),
                tuple(sorted(r.label for r in refs(a, RTG.attributedTo))), cited))

    statistics = []
    for st in sorted(set(graph.subjects(RDF.type, RTG.Statistic)), key=str):
        cited = evidence(graph.objects(st, RTG.evidence))
        value = graph.value(st, RTG.value)
        if cited and value is not None:
            statistics.append(StatisticFact(
                Decimal(str(value)), _text(graph, st, RTG.unit), _text(graph, st, RTG.measure),
                _text(graph, st, RTG.qualifier), _text(graph, st, RTG.period), _text(graph, st, RDFS.label),
                refs(st, RTG.about), region(st), cited))

    trends = []
    for t in sorted(set(graph.subjects(RDF.type, RTG.Trend)), key=str):
        cited = evidence(graph.objects(t, RTG.evidence))
        if cited:
            trends.append(TrendFact(
                local_name(graph.value(t, RTG.direction) or RTG.Trend), local_name(graph.value(t, RTG.modality) or RTG.Asserted),
                _text(graph, t, RDFS.label), _text(graph, t, RTG.period),
                refs(t, RTG.about), region(t), refs(t, RTG.shiftFrom), refs(t, RTG.shiftTo), cited))

    return Side(name, documents_of(graph, scope), tuple(entities), tuple(relations), tuple(statistics), tuple(trends))
