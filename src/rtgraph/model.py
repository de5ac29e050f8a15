"""Frozen records passed between pipeline stages.

read -> Document -> Sentence -> Mention -> Entity -> Assertion/Statistic/Trend -> RDF.
Offsets are 0-based, end-exclusive character offsets into ``Document.text``.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

__all__ = [
    "Section",
    "Paragraph",
    "Document",
    "Sentence",
    "Mention",
    "Entity",
    "Assertion",
    "Statistic",
    "Trend",
    "Extraction",
    "InputProblem",
]


@dataclass(frozen=True)
class Section:
    index: int
    title: str
    start: int  # offset of the heading (or of the first paragraph when untitled)
    end: int


@dataclass(frozen=True)
class Paragraph:
    index: int
    section: int
    start: int
    end: int
    kind: str  # "title" | "heading" | "text"


@dataclass(frozen=True)
class Document:
    doc_id: str  # stable slug used in IRIs
    source: str  # the file name as given
    path: str
    media_type: str  # "text/plain" | "text/markdown" | "text/html"
    sha256: str  # of the file bytes
    title: str
    text: str
    sections: tuple[Section, ...]
    paragraphs: tuple[Paragraph, ...]
    encoding: str = "utf-8"  # how the file's bytes were decoded (recorded as rtg:encoding)
    also_at: tuple[str, ...] = ()  # other paths with byte-identical content: one document, every path kept
    pages: tuple[int, ...] = ()  # PDF: offset in ``text`` where each page starts (page n = index n-1)


@dataclass(frozen=True)
class Sentence:
    doc_id: str
    index: int  # position in the document
    section: int
    paragraph: int
    start: int
    end: int
    text: str  # == document.text[start:end]
    kind: str = "text"  # the paragraph kind it comes from


@dataclass(frozen=True)
class Mention:
    doc_id: str
    sentence: int
    start: int
    end: int
    text: str
    label: str  # canonical name
    cls: str  # most specific rtg class IRI
    concept: str | None = None  # lexicon concept IRI, None when discovered
    extractor: str = ""
    confidence: float = 1.0
    kind: str = "lexicon"  # lexicon | form | acronym | anaphor | document-alias


@dataclass(frozen=True)
class Entity:
    iri: str
    label: str
    cls: str
    types: tuple[str, ...]  # cls and every superclass up to the top class
    aliases: tuple[str, ...]
    mentions: tuple[Mention, ...]
    confidence: float = 1.0
    exact_match: tuple[str, ...] = ()
    broader: tuple[str, ...] = ()  # nearest lexicon ancestors that are entities of the build
    hidden: tuple[str, ...] = ()  # spelling/inflection variants (skos:hiddenLabel): searchable, not names


Evidence = tuple[str, int]  # (doc_id, sentence index)


@dataclass(frozen=True)
class Assertion:
    """A relation stated in a sentence (``evidence``), or background knowledge from the lexicon.

    Background assertions (``derived_from`` the IRI of a lexicon concept scheme)
    cite no sentence, since no sentence states them, and carry no confidence.
    """

    subject: str
    predicate: str
    object: str | object  # an IRI, or an rdflib Literal for attributes such as rtg:date
    evidence: Evidence | None  # the sentence that states it; None for background knowledge
    extractor: str
    polarity: str = "Positive"  # local name of rtg:Positive / rtg:Negative
    modality: str = "Asserted"  # Asserted | Expected | Possible
    confidence: float | None = 0.8  # None: not read from a text (background knowledge)
    attributed_to: str | None = None
    linking_words: str | None = None  # rtg:relatedTo only: the words that state the link ("imports … from")
    derived_from: str | None = None  # background knowledge: the lexicon concept scheme it comes from

    def __post_init__(self) -> None:
        if (self.evidence is None) == (self.derived_from is None):
            raise ValueError(
                f"assertion {self.subject} {self.predicate} {self.object}: needs either sentence evidence "
                "or derived_from (a lexicon scheme), not both or neither"
            )
        if self.derived_from is not None and self.confidence is not None:
            raise ValueError(f"background assertion {self.subject} {self.predicate}: carries no confidence")

    @property
    def background(self) -> bool:
        """Known from the lexicon, not stated in the text."""
        return self.evidence is None


@dataclass(frozen=True)
class Statistic:
    value: int | Decimal
    unit: str
    measure: str
    evidence: Evidence
    start: int  # offsets of the number phrase in the document
    end: int
    extractor: str = "statistics"
    about: tuple[str, ...] = ()
    region: str | None = None
    period: str | None = None
    qualifier: str | None = None
    confidence: float = 0.8


@dataclass(frozen=True)
class Trend:
    direction: str  # Increase | Decrease | Shift | Emergence | Stable
    label: str  # short text of what changes
    evidence: Evidence
    start: int
    end: int
    extractor: str = "trends"
    about: tuple[str, ...] = ()
    region: str | None = None
    period: str | None = None
    shift_from: tuple[str, ...] = ()
    shift_to: tuple[str, ...] = ()
    modality: str = "Asserted"
    attributed_to: str | None = None
    confidence: float = 0.7


@dataclass(frozen=True)
class InputProblem:
    """A file or folder under the inputs that could not be built, and why (one line)."""

    path: str
    problem: str


@dataclass(frozen=True)
class Extraction:
    """Everything one build produced, ready for RDF."""

    documents: tuple[Document, ...]
    sentences: tuple[Sentence, ...]
    entities: tuple[Entity, ...]
    assertions: tuple[Assertion, ...] = ()
    statistics: tuple[Statistic, ...] = ()
    trends: tuple[Trend, ...] = ()
    problems: tuple[InputProblem, ...] = ()  # inputs that were reported, not built
    notes: tuple[str, ...] = ()  # what the build did that a reader should know (e.g. long sentences read in windows)
