"""Load the ontology and the SKOS lexicon under ontology/ into frozen records.

Everything the extractors know about names, classes and cue words comes from
these files; nothing of the kind is written in Python.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import MappingProxyType

import pyoxigraph
from rdflib import RDF, RDFS, SKOS

from .errors import LexiconError
from .namespaces import RTG, RTL
from .resources import ontology_dir

__all__ = ["Concept", "Cue", "Lexicon", "load_lexicon", "ENTITY_TOP_CLASSES"]

# The top classes whose instances are graph entities (the nodes analysts see).
ENTITY_TOP_CLASSES = (
    str(RTG.Actor),
    str(RTG.Substance),
    str(RTG.Region),
    str(RTG.PolicyLever),
    str(RTG.Event),
    str(RTG.Method),
)


@dataclass(frozen=True)
class Concept:
    iri: str
    label: str
    aliases: tuple[str, ...]
    cls: str
    scheme: str
    broader: tuple[str, ...] = ()
    exact_match: tuple[str, ...] = ()
    jurisdiction: tuple[str, ...] = ()
    hidden: tuple[str, ...] = ()  # skos:hiddenLabel: spelling/inflection variants, matched but not names

    @property
    def labels(self) -> tuple[str, ...]:
        """Every surface form matchers look for: the label, real aliases and hidden variants."""
        return (self.label, *self.aliases, *self.hidden)


@dataclass(frozen=True)
class Cue:
    iri: str
    kind: str  # local name of the cue class, e.g. "RelationTrigger"
    labels: tuple[str, ...]
    predicate: str | None = None
    subject_classes: tuple[str, ...] = ()
    object_classes: tuple[str, ...] = ()
    order: str = "STO"
    max_objects: int = 0  # 0: no limit
    max_gap: int = 0  # words allowed between the trigger and its first object; 0: any
    prefer_class: str | None = None  # when the clause names one, the object is of this class
    direction: str | None = None
    modality: str | None = None
    polarity: str | None = None  # relation phrases: rtg:Positive or rtg:Negative
    confidence: float = 0.8
    value: float | None = None
    suffix: str | None = None
    form_class: str | None = None
    position: str | None = None
    role: str | None = None
    subject_roles: tuple[str, ...] = ()  # frames: syntactic roles of the subject (ontology/lexicon/frames.ttl)
    object_roles: tuple[str, ...] = ()


@dataclass(frozen=True, eq=False)
class Lexicon:
    concepts: Mapping[str, Concept]
    cues: tuple[Cue, ...]
    superclass: Mapping[str, str]  # class IRI -> its direct rtg superclass

    def __reduce__(self):  # read-only mappings do not pickle: a custom lexicon sent to workers
        return _rebuild_lexicon, (dict(self.concepts), self.cues, dict(self.superclass))

    def types_of(self, cls: str) -> tuple[str, ...]:
        """The class and every superclass up to its top-level class."""
        return _types_of(self, cls)

    def top_class(self, cls: str) -> str:
        return self.types_of(cls)[-1]

    def is_a(self, cls: str, ancestor: str) -> bool:
        return ancestor in self.types_of(cls)

    # The cue tables are asked for per token by the extractors: each is built once per lexicon.
    def cues_of(self, kind: str) -> tuple[Cue, ...]:
        return _cues_of(self, kind)

    def index_of(self, kind: str) -> Mapping[str, tuple[Cue, ...]]:
        """Cues of one kind by lower-cased label (frames by lemma, head nouns by head lemma)."""
        return _index(self, kind)

    def words_of(self, kind: str) -> frozenset[str]:
        """All labels of one cue kind, lower-cased."""
        return _words_of(self, kind)

    def values_of(self, kind: str) -> Mapping[str, float]:
        return _values_of(self, kind)

    def grammar(self, role: str) -> frozenset[str]:
        """Function words of one grammatical role ("determiner", "preposition", …), lower-cased."""
        return _grammar(self, role)

    def concept_by_label(self, label: str) -> Concept | None:
        return _label_index(self).get(label.lower())


def _rebuild_lexicon(concepts: dict, cues: tuple, superclass: dict) -> Lexicon:
    return Lexicon(MappingProxyType(concepts), cues, MappingProxyType(superclass))


@cache
def _types_of(lexicon: Lexicon, cls: str) -> tuple[str, ...]:
    chain = [cls]
    while chain[-1] in lexicon.superclass:
        chain.append(lexicon.superclass[chain[-1]])
    return tuple(chain)


@cache
def _cues_of(lexicon: Lexicon, kind: str) -> tuple[Cue, ...]:
    return tuple(c for c in lexicon.cues if c.kind == kind)


@cache
def _words_of(lexicon: Lexicon, kind: str) -> frozenset[str]:
    return frozenset(label.lower() for c in lexicon.cues_of(kind) for label in c.labels)


@cache
def _values_of(lexicon: Lexicon, kind: str) -> Mapping[str, float]:
    return MappingProxyType(
        {label.lower(): c.value for c in lexicon.cues_of(kind) for label in c.labels if c.value is not None})


@cache
def _index(lexicon: Lexicon, kind: str) -> Mapping[str, tuple[Cue, ...]]:
    index: dict[str, list[Cue]] = {}
    for cue in lexicon.cues_of(kind):
        for label in cue.labels:
            index.setdefault(label.lower(), []).append(cue)
    return MappingProxyType({label: tuple(cues) for label, cues in index.items()})


@cache
def _grammar(lexicon: Lexicon, role: str) -> frozenset[str]:
    words = frozenset(
        label.lower() for cue in lexicon.cues_of("GrammarWord") if cue.role == role for label in cue.labels
    )
    if not words:
        raise LexiconError(f"cues.ttl: no rtl:GrammarWord with rtl:role {role!r} (the extractors need it)")
    return words


@cache
def _label_index(lexicon: Lexicon) -> Mapping[str, Concept]:
    index: dict[str, Concept] = {}
    for iri in sorted(lexicon.concepts):
        concept = lexicon.concepts[iri]
        for label in concept.labels:
            index.setdefault(label.lower(), concept)
    return index


class _Triples:
    """One Turtle file's triples, indexed for the loader's lookups.

    Parsed by pyoxigraph: about three times faster than rdflib's parser and graph
    on the lexicon, whose generated place list alone holds 20,000 triples. Keys
    are IRIs as plain strings; objects stay pyoxigraph terms.
    """

    def __init__(self, path: Path):
        self.by_subject: dict[tuple[str, str], list] = defaultdict(list)
        self.by_object: dict[tuple[str, str], list[str]] = defaultdict(list)
        self.by_predicate: dict[str, list[tuple[str, object]]] = defaultdict(list)
        try:
            for triple in pyoxigraph.parse(path=str(path), format=pyoxigraph.RdfFormat.TURTLE):
                subject, predicate, obj = triple.subject.value, triple.predicate.value, triple.object
                self.by_subject[(subject, predicate)].append(obj)
                if isinstance(obj, pyoxigraph.NamedNode):
                    self.by_object[(predicate, obj.value)].append(subject)
                self.by_predicate[predicate].append((subject, obj))
        except (SyntaxError, OSError, ValueError) as exc:
            raise LexiconError(f"{path}: not valid Turtle: {exc}") from exc

    def objects(self, subject, predicate) -> list:
        return self.by_subject.get((str(subject), str(predicate)), [])

    def subjects(self, predicate, obj) -> list[str]:
        return self.by_object.get((str(predicate), str(obj)), [])


def _literals(graph: _Triples, subject, predicate) -> list[str]:
    return sorted(o.value for o in graph.objects(subject, predicate) if isinstance(o, pyoxigraph.Literal))


def _iris(graph: _Triples, subject, predicate) -> tuple[str, ...]:
    return tuple(sorted(o.value for o in graph.objects(subject, predicate) if isinstance(o, pyoxigraph.NamedNode)))


def _one(graph: _Triples, subject, predicate) -> str | None:
    """The least value (an IRI or a literal's lexical form), or None."""
    values = sorted(o.value for o in graph.objects(subject, predicate))
    return values[0] if values else None


def _load_classes(path: Path) -> tuple[dict[str, str], dict[str, str]]:
    graph = _Triples(path)
    ns = str(RTG)
    superclass, labels = {}, {}
    for cls, parent in graph.by_predicate.get(str(RDFS.subClassOf), []):
        if cls.startswith(ns) and isinstance(parent, pyoxigraph.NamedNode) and parent.value.startswith(ns):
            superclass[cls] = parent.value
    for cls in graph.subjects(RDF.type, "http://www.w3.org/2002/07/owl#Class"):
        label = _one(graph, cls, RDFS.label)
        if label is not None:
            labels[cls] = label
    return superclass, labels


def _concept_class(graph: _Triples, iri: str, seen: frozenset = frozenset()) -> str | None:
    cls = _one(graph, iri, RTL.entityClass)
    if cls is not None:
        return cls
    for parent in _iris(graph, iri, SKOS.broader):
        if parent not in seen:
            found = _concept_class(graph, parent, seen | {iri})
            if found:
                return found
    return None


def _cue(graph: _Triples, iri: str, kind: str, source: Path) -> Cue:
    labels = _literals(graph, iri, SKOS.prefLabel) + _literals(graph, iri, SKOS.altLabel)
    if not labels:
        raise LexiconError(f"{source.name}: cue {iri} has no skos:prefLabel (expected its surface forms)")

    def lit(prop, cast=str):
        value = _one(graph, iri, prop)
        return cast(value) if value is not None else None

    order = lit(RTL.order) or "STO"
    if order not in ("STO", "OTS", "SOT", "TSO"):
        raise LexiconError(f"{source.name}: cue {iri} has rtl:order {order!r}; expected STO, OTS, SOT or TSO")
    return Cue(
        iri=str(iri),
        kind=kind,
        labels=tuple(labels),
        predicate=lit(RTL.predicate),
        subject_classes=_iris(graph, iri, RTL.subjectClass),
        object_classes=_iris(graph, iri, RTL.objectClass),
        order=order,
        max_objects=lit(RTL.maxObjects, int) or 0,
        max_gap=lit(RTL.maxGap, int) or 0,
        prefer_class=lit(RTL.preferClass),
        direction=lit(RTL.direction),
        modality=lit(RTL.modality),
        polarity=lit(RTL.polarity),
        confidence=lit(RTL.confidence, float) or 0.8,
        value=lit(RTL.numericValue, float),
        suffix=lit(RTL.suffix),
        form_class=lit(RTL.formClass),
        position=lit(RTL.position),
        role=lit(RTL.role),
        subject_roles=tuple(_literals(graph, iri, RTL.subjectRole)),
        object_roles=tuple(_literals(graph, iri, RTL.objectRole)),
    )


@cache
def load_lexicon(directory: Path | None = None) -> Lexicon:
    """Read ontology/rtgraph.ttl and every ontology/lexicon/*.ttl file."""
    directory = Path(directory) if directory else ontology_dir()
    superclass, class_labels = _load_classes(directory / "rtgraph.ttl")
    files = sorted((directory / "lexicon").glob("*.ttl"))
    if not files:
        raise LexiconError(f"{directory / 'lexicon'}: no lexicon files (expected *.ttl SKOS concept schemes)")
    concepts: dict[str, Concept] = {}
    cues: list[Cue] = []
    for path in files:
        graph = _Triples(path)
        for iri in sorted(set(graph.subjects(RDF.type, SKOS.Concept))):
            kinds = [t[len(str(RTL)):] for t in _iris(graph, iri, RDF.type) if t.startswith(str(RTL))]
            if kinds:
                cues.extend(_cue(graph, iri, kind, path) for kind in sorted(kinds))
                continue
            labels = _literals(graph, iri, SKOS.prefLabel)
            if len(labels) != 1:
                raise LexiconError(
                    f"{path.name}: concept {iri} has {len(labels)} skos:prefLabel values; expected exactly one"
                )
            cls = _concept_class(graph, iri)
            if cls is None or cls not in class_labels:
                raise LexiconError(
                    f"{path.name}: concept {iri} has no rtl:entityClass (on itself or a broader concept) "
                    f"naming a class of rtgraph.ttl; found {cls!r}"
                )
            if iri in concepts:
                raise LexiconError(f"{path.name}: concept {iri} is defined in two lexicon files")
            scheme = _one(graph, iri, SKOS.inScheme)
            aliases = tuple(a for a in _literals(graph, iri, SKOS.altLabel) if a != labels[0])
            concepts[iri] = Concept(
                iri=iri,
                label=labels[0],
                aliases=aliases,
                cls=cls,
                scheme=str(scheme) if scheme else "",
                broader=_iris(graph, iri, SKOS.broader),
                exact_match=_iris(graph, iri, SKOS.exactMatch),
                jurisdiction=_iris(graph, iri, RTL.jurisdiction),
                hidden=tuple(
                    h for h in _literals(graph, iri, SKOS.hiddenLabel) if h != labels[0] and h not in aliases
                ),
            )
    for concept in concepts.values():
        for target in concept.broader + concept.jurisdiction:
            if target not in concepts:
                raise LexiconError(f"lexicon: {concept.iri} points to {target}, which no lexicon file defines")
    return Lexicon(
        concepts=MappingProxyType(concepts),
        cues=tuple(cues),
        superclass=MappingProxyType(superclass),
    )
