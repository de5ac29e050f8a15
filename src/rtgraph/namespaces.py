"""Closed namespaces: a misspelt ontology term fails at import, not in a query."""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DefinedNamespace

__all__ = ["RTG", "RTL", "RTR"]

# Everything extracted lives under one open namespace: entities, documents, passages, facts.
RTR = Namespace("https://w3id.org/rtgraph/resource/")


class RTG(DefinedNamespace):
    """The public ontology (vocabulary.md), plus documented extensions."""

    _fail = True
    _NS = Namespace("https://w3id.org/rtgraph/ontology#")

    # classes
    Actor: str
    CriminalGroup: str
    Agency: str
    Platform: str
    Organization: str
    Community: str
    Stakeholder: str
    Substance: str
    Opioid: str
    Stimulant: str
    Depressant: str
    Hallucinogen: str
    Cannabinoid: str
    Precursor: str
    Medication: str
    Region: str
    Country: str
    Province: str
    City: str
    WorldRegion: str
    PolicyLever: str
    Event: str
    Meeting: str
    CourtDecision: str
    Crisis: str
    Method: str
    Equipment: str
    Trend: str
    Statistic: str
    Assertion: str
    BackgroundAssertion: str
    Document: str
    Section: str
    Passage: str
    Direction: str
    Polarity: str
    Modality: str

    # individuals
    Increase: str
    Decrease: str
    Shift: str
    Emergence: str
    Stable: str
    Positive: str
    Negative: str
    Asserted: str
    Expected: str
    Possible: str

    # relations between entities
    traffics: str
    produces: str
    supplies: str
    sourcedFrom: str
    precursorOf: str
    mixedWith: str
    counters: str
    operatesIn: str
    uses: str
    partnersWith: str
    targets: str
    advocatedBy: str
    implementedBy: str
    appliesIn: str
    supports: str
    partOf: str
    organizedBy: str
    about: str
    affects: str
    relatedTo: str
    movesAwayFrom: str
    # inverses (declared, not materialized)
    hasPart: str
    advocates: str
    implements: str
    organizes: str
    mentions: str

    # provenance and attributes
    polarity: str
    modality: str
    confidence: str
    attributedTo: str
    linkingWords: str
    extractor: str
    evidence: str
    text: str
    start: str
    end: str
    sha256: str
    encoding: str
    alsoAt: str
    page: str
    mentionedIn: str
    bothMentionedIn: str
    mentionCount: str
    direction: str
    region: str
    period: str
    value: str
    unit: str
    measure: str
    qualifier: str
    date: str
    shiftFrom: str
    shiftTo: str


class RTL(DefinedNamespace):
    """Terms of the lexicon files under ontology/lexicon/ (not part of built graphs)."""

    _fail = True
    _NS = Namespace("https://w3id.org/rtgraph/lexicon#")

    # a concept's entity class (inherited along skos:broader when absent)
    entityClass: str
    # a concept known to act in / belong to a region (e.g. DEA -> United States)
    jurisdiction: str

    # cue classes
    RelationTrigger: str
    TrendTrigger: str
    ModalityCue: str
    NegationCue: str
    AttributionCue: str
    Anaphor: str
    ClauseBoundary: str
    NameForm: str
    DrugNameForm: str
    DocumentLocal: str
    NonEntity: str
    NumberWord: str
    Multiplier: str
    MonthName: str
    PeriodCue: str
    UnitWord: str
    QualifierCue: str
    Ordinal: str
    TimeUnit: str
    CoordinationWord: str
    GrammarWord: str
    role: str
    Frame: str
    HeadNoun: str
    ParseProxy: str
    DetectorType: str
    NonLinkingVerb: str
    RelationPhrase: str
    subjectRole: str
    objectRole: str

    # cue properties
    predicate: str
    subjectClass: str
    objectClass: str
    order: str
    maxObjects: str
    maxGap: str
    preferClass: str
    direction: str
    modality: str
    polarity: str
    confidence: str
    numericValue: str
    suffix: str
    formClass: str
    position: str
