"""The one direction of flow: read → sentences → parse → mentions → entities → facts.

``extract(paths)`` runs every registered extractor and returns a frozen
``Extraction``; ``rtgraph.rdf.to_graph`` turns it into RDF, the single source
of every export.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from os import PathLike
from time import perf_counter
from typing import TYPE_CHECKING

from .errors import InputError
from .lexicon import Lexicon, load_lexicon
from .model import Assertion, Document, Extraction, Mention, Statistic, Trend
from .ingest import DEFAULT_MAX_BYTES, read_corpus

if TYPE_CHECKING:
    from .extractors.base import DocumentContext

# The extractors, the parser and resolution import spaCy (a second or more): they are
# imported by the functions that use them, so a build whose inputs cannot be read
# fails at once.

__all__ = ["extract", "extract_documents"]


def extract(
    paths: Iterable[str | PathLike] | str | PathLike,
    *,
    lexicon: Lexicon | None = None,
    timings: dict | None = None,
    strict: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Extraction:
    """Read every document under ``paths`` and extract the knowledge graph records.

    Inputs that cannot be read are listed in ``Extraction.problems`` (``strict``:
    the first one raises InputError). ``timings``, when given, receives the
    seconds spent per stage (bench/build.py).
    """
    clock = _Clock(timings)
    documents, problems = read_corpus(paths, strict=strict, max_bytes=max_bytes)
    clock.lap("read")
    return replace(extract_documents(documents, lexicon=lexicon, timings=timings), problems=problems)


class _Clock:
    """Adds the seconds since the last lap to ``timings[stage]``; a no-op without timings."""

    def __init__(self, timings: dict | None):
        self.timings = timings
        self.last = perf_counter()

    def lap(self, stage: str) -> None:
        now = perf_counter()
        if self.timings is not None:
            self.timings[stage] = self.timings.get(stage, 0.0) + now - self.last
        self.last = now


# One-for-one character swaps so "Fentanyl\u2011related" and "Health\u00a0Canada" match
# the lexicon; offsets and the passage text keep the document's own characters.
_LOOKALIKES = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u00a0": " ", "\u202f": " ", "\u2009": " "})


def _tokens(sentences) -> tuple:
    from .sentences import nlp

    return tuple(nlp().tokenizer.pipe(s.text.translate(_LOOKALIKES) for s in sentences))


def _context(document: Document, lexicon: Lexicon, clock: _Clock) -> tuple[DocumentContext, list[Mention], int]:
    """Sentences, the mentions found without the parse, then the parse (each mention read as one word).

    Also returns how many sentences were too long and were read in windows.
    """
    from .extractors import by_stage
    from .extractors.base import DocumentContext
    from .parsing import parse_with_mentions
    from .resolve import select_mentions
    from .sentences import split_sentences, window_sentences

    sentences = split_sentences(document)
    if not sentences:
        raise InputError(document.path, "no text to read (no sentences found)")
    docs = _tokens(sentences)
    sentences, cut = window_sentences(sentences, docs)
    if cut:
        docs = _tokens(sentences)
    context = DocumentContext(document=document, sentences=sentences, docs=docs, lexicon=lexicon)
    clock.lap("sentences")
    mentions = [m for extractor in by_stage("mentions") if not getattr(extractor, "NEEDS_PARSE", False)
                for m in extractor.extract(context)]
    clock.lap("mentions")
    spans: list[list[tuple[int, int, str]]] = [[] for _ in sentences]
    first = sentences[0].index
    for mention in select_mentions(lexicon, mentions):
        sentence = sentences[mention.sentence - first]
        span = docs[mention.sentence - first].char_span(
            mention.start - sentence.start, mention.end - sentence.start, alignment_mode="expand")
        if span is not None:
            spans[mention.sentence - first].append((span.start, span.end, mention.cls))
    parsed = parse_with_mentions(docs, [_disjoint(s) for s in spans], lexicon=lexicon)
    clock.lap("parse")
    return replace(context, docs=parsed), mentions, cut


def _disjoint(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    kept, end = [], -1
    for span in sorted(spans):
        if span[0] >= end:
            kept.append(span)
            end = span[1]
    return kept


def extract_documents(
    documents: tuple[Document, ...], *, lexicon: Lexicon | None = None, timings: dict | None = None
) -> Extraction:
    """Each document is read to its facts on its own, and only its records are kept:
    memory grows with the graph, not with the text (a parsed sentence weighs far more
    than its mentions)."""
    from .extractors import by_stage, check_registry
    from .resolve import build_entities, resolve_document
    from .sentences import MAX_SENTENCE_WORDS

    check_registry()
    clock = _Clock(timings)
    lexicon = lexicon or load_lexicon()
    resolved: list[DocumentContext] = []  # without their parsed sentences
    assertions: list[Assertion] = []
    statistics: list[Statistic] = []
    trends: list[Trend] = []
    cut = 0
    for document in documents:
        context, mentions, long = _context(document, lexicon, clock)
        cut += long
        for extractor in by_stage("mentions"):
            if getattr(extractor, "NEEDS_PARSE", False):
                mentions.extend(extractor.extract(context))
        context = resolve_document(context, tuple(mentions))
        clock.lap("mentions")
        for extractor in by_stage("facts"):
            for record in extractor.extract(context):
                if isinstance(record, Assertion):
                    assertions.append(record)
                elif isinstance(record, Statistic):
                    statistics.append(record)
                elif isinstance(record, Trend):
                    trends.append(record)
        resolved.append(replace(context, docs=()))
        clock.lap("facts")
    entities = build_entities(lexicon, resolved)
    clock.lap("mentions")
    notes = (f"{cut} sentence{'s' if cut != 1 else ''} over {MAX_SENTENCE_WORDS} words read in windows "
             f"of up to {MAX_SENTENCE_WORDS} words",) if cut else ()
    return Extraction(
        documents=documents,
        sentences=tuple(s for c in resolved for s in c.sentences),
        entities=entities,
        assertions=_best(assertions),
        statistics=tuple(statistics),
        trends=tuple(trends),
        notes=notes,
    )


def _best(assertions: list[Assertion]) -> tuple[Assertion, ...]:
    """One assertion per (subject, predicate, object, polarity, sentence): the most confident."""
    best: dict[tuple, Assertion] = {}
    for a in assertions:
        key = (a.subject, a.predicate, str(a.object), a.polarity, a.evidence or ())  # (): background, no sentence
        if key not in best or (a.confidence, a.extractor) > (best[key].confidence, best[key].extractor):
            best[key] = a
    return tuple(best[k] for k in sorted(best))
