"""The one direction of flow: read → sentences → parse → mentions → entities → facts.

``extract(paths)`` runs every registered extractor and returns a frozen
``Extraction``; ``rtgraph.rdf.to_graph`` turns it into RDF, the single source
of every export.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from os import PathLike
from time import perf_counter

from .errors import InputError
from .lexicon import Lexicon, load_lexicon
from .model import Assertion, Document, Extraction, Mention, Sentence, Statistic, Trend
from .namespaces import RTG
from .ingest import DEFAULT_MAX_BYTES, read_corpus

# The extractors, the parser and resolution import spaCy (a second or more): they are
# imported by the functions that use them, so a build whose inputs cannot be read
# fails at once.

__all__ = ["extract", "extract_documents", "extract_one", "DocumentRecords", "CHUNK_CHARS"]


def extract(
    paths: Iterable[str | PathLike] | str | PathLike,
    *,
    lexicon: Lexicon | None = None,
    timings: dict | None = None,
    strict: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    workers: int = 1,
    cache_dir: str | PathLike | None = None,
    scheduler=None,
    progress: Callable[..., None] | None = None,
) -> Extraction:
    """Read every document under ``paths`` and extract the knowledge graph records.

    Inputs that cannot be read are listed in ``Extraction.problems`` (``strict``:
    the first one raises InputError). ``timings``, when given, receives the
    seconds spent per stage (bench/build.py). ``workers``, ``scheduler``,
    ``cache_dir`` and ``progress``: see ``extract_documents``.
    """
    clock = _Clock(timings)
    documents, problems = read_corpus(paths, strict=strict, max_bytes=max_bytes)
    clock.lap("read")
    extraction = extract_documents(documents, lexicon=lexicon, timings=timings, workers=workers, cache_dir=cache_dir,
                                   scheduler=scheduler, progress=progress)
    return replace(extraction, problems=problems)


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


# A document is read this many characters of sentences at a time (some 20,000 tokens):
# a chunk's tokens and parse are in memory while its mentions are found, then its parse
# goes to the spool, so a long document holds a chunk or two of parsed sentences, not all
# of them. The size changes memory and nothing else (tests/robustness/test_scale.py).
CHUNK_CHARS = 100_000


def _runs(sizes: list[int], limit: int):
    """(start, end) of consecutive runs of about ``limit`` in size (a larger item alone)."""
    start, size = 0, 0
    for i, item in enumerate(sizes):
        if i > start and size + item > limit:
            yield start, i
            start, size = i, 0
        size += item
    if start < len(sizes):
        yield start, len(sizes)


def _windowed(sentences, first: int):
    """A run of sentences tokenized, those over MAX_SENTENCE_WORDS cut into windows, numbered
    from ``first``: (sentences, their tokens, how many were cut)."""
    from .sentences import window_sentences

    docs = _tokens(sentences)
    sentences, cut = window_sentences(sentences, docs, first=first)
    return sentences, (_tokens(sentences) if cut else docs), cut


def _read_chunk(document: Document, sentences, docs, lexicon: Lexicon, clock: _Clock):
    """One chunk of tokenized sentences to its parse and mentions: (parsed docs, mentions).

    The mentions found without the parse decide the parse (each mention read as one
    word), the others are found on it.
    """
    from .extractors import by_stage
    from .extractors.base import DocumentContext
    from .parsing import parse_with_mentions
    from .resolve import select_mentions

    first = sentences[0].index
    context = DocumentContext(document=document, sentences=sentences, docs=docs, lexicon=lexicon)
    mentions = [m for extractor in by_stage("mentions") if not getattr(extractor, "NEEDS_PARSE", False)
                for m in extractor.extract(context)]
    clock.lap("mentions")
    spans: list[list[tuple[int, int, str]]] = [[] for _ in sentences]
    for mention in select_mentions(lexicon, mentions):
        sentence = sentences[mention.sentence - first]
        span = docs[mention.sentence - first].char_span(
            mention.start - sentence.start, mention.end - sentence.start, alignment_mode="expand")
        if span is not None:
            spans[mention.sentence - first].append((span.start, span.end, mention.cls))
    parsed = parse_with_mentions(docs, [_disjoint(s) for s in spans], lexicon=lexicon)
    clock.lap("parse")
    context = replace(context, docs=parsed)
    for extractor in by_stage("mentions"):
        if getattr(extractor, "NEEDS_PARSE", False):
            mentions.extend(extractor.extract(context))
    clock.lap("mentions")
    return parsed, mentions


def _disjoint(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    kept, end = [], -1
    for span in sorted(spans):
        if span[0] >= end:
            kept.append(span)
            end = span[1]
    return kept


@dataclass(frozen=True)
class DocumentRecords:
    """What one document yields, without its parsed sentences: the unit of caching and of workers."""

    sentences: tuple[Sentence, ...]
    mentions: tuple[tuple[Mention, ...], ...]  # resolved, per sentence (what build_entities reads)
    nested: tuple[tuple[Mention, ...], ...]
    assertions: tuple[Assertion, ...]
    statistics: tuple[Statistic, ...]
    trends: tuple[Trend, ...]
    windowed: int  # sentences over MAX_SENTENCE_WORDS read in windows


def extract_one(
    document: Document,
    *,
    lexicon: Lexicon | None = None,
    timings: dict | None = None,
    chunk_chars: int | None = None,
    work: dict | None = None,
) -> DocumentRecords:
    """Read one document to its facts; only its records are kept (a parsed sentence
    weighs far more than its mentions).

    Sentences are tokenized, their mentions found and parsed ``chunk_chars``
    characters (default ``CHUNK_CHARS``) at a time; each chunk's parse goes to a spool
    (``rtgraph.spool``) that resolution and the fact readers read back in order, so
    memory holds a chunk or two of parsed sentences whatever the document's length. ``work``, when given, receives counts of
    what was done (sentences, tokens, chunks, mentions, chunks read back): deterministic
    measures of work for the scaling tests.
    """
    from .extractors import by_stage
    from .extractors.base import DocumentContext
    from .resolve import resolve_document
    from .sentences import nlp, split_sentences
    from .spool import ParseSpool

    lexicon = lexicon or load_lexicon()
    clock = _Clock(timings)
    found = split_sentences(document)
    if not found:
        raise InputError(document.path, "no text to read (no sentences found)")
    sentences: list[Sentence] = []
    mentions: list[Mention] = []
    windowed = chunks = tokens = 0
    limit = chunk_chars or CHUNK_CHARS
    with ParseSpool(nlp().vocab) as parsed:
        for start, end in _runs([len(s.text) for s in found], limit):
            windows, words, cut = _windowed(found[start:end], len(sentences))
            clock.lap("sentences")
            windowed += cut
            # the windows of a long line are parsed a chunk at a time too
            for low, high in _runs([len(s.text) for s in windows], limit):
                docs, chunk_mentions = _read_chunk(document, windows[low:high], words[low:high], lexicon, clock)
                sentences.extend(windows[low:high])
                mentions.extend(chunk_mentions)
                parsed.append(docs)
                chunks += 1
                tokens += sum(len(d) for d in docs)
        context = DocumentContext(document=document, sentences=tuple(sentences), docs=parsed, lexicon=lexicon)
        context = resolve_document(context, tuple(mentions))
        clock.lap("mentions")
        records: dict[type, list] = {Assertion: [], Statistic: [], Trend: []}
        for extractor in by_stage("facts"):
            for record in extractor.extract(context):
                records[type(record)].append(record)
        clock.lap("facts")
        if work is not None:
            for key, count in (("sentences", len(sentences)), ("tokens", tokens), ("chunks", chunks),
                               ("mentions", len(mentions)), ("chunks read back", parsed.reads)):
                work[key] = work.get(key, 0) + count
    return DocumentRecords(context.sentences, context.mentions, context.nested, tuple(records[Assertion]),
                           tuple(records[Statistic]), tuple(records[Trend]), windowed)


def extract_documents(
    documents: tuple[Document, ...],
    *,
    lexicon: Lexicon | None = None,
    timings: dict | None = None,
    workers: int = 1,
    cache_dir: str | PathLike | None = None,
    scheduler=None,
    progress: Callable[..., None] | None = None,
) -> Extraction:
    """Every document read on its own (``workers`` processes, or the Dask cluster at
    ``scheduler``: an address, or a client from ``rtgraph.cluster.connect``; records
    from ``cache_dir`` where the document and the pipeline are unchanged), then one
    entity per IRI over all.

    The cache is read and written here, in the build process, whatever runs the
    extraction. ``progress(path, sentences, cached=...)`` is called as each document
    finishes (rtgraph.progress). The result does not depend on ``workers``,
    ``scheduler`` or the cache: records are merged in document order and every
    record set is sorted before it is written.
    """
    from . import cache
    from .extractors import check_registry
    from .resolve import build_entities
    from .sentences import MAX_SENTENCE_WORDS

    check_registry()
    lexicon = lexicon or load_lexicon()
    folder = None if cache_dir is None else str(cache_dir)
    found: list[DocumentRecords | None] = [None] * len(documents)

    def finish(index: int, records: DocumentRecords, cached: bool) -> None:
        found[index] = records
        if progress is not None:
            progress(documents[index].path, len(records.sentences), cached=cached)

    keys = [cache.document_key(d) for d in documents] if folder is not None else []
    for index, key in enumerate(keys):
        hit = cache.load(folder, key)
        if isinstance(hit, DocumentRecords):
            finish(index, hit, True)
    hits = sum(r is not None for r in found)
    todo = [i for i, r in enumerate(found) if r is None]
    for k, records in _dispatch([documents[i] for i in todo], lexicon=lexicon, timings=timings, workers=workers,
                                scheduler=scheduler):
        if folder is not None:
            cache.store(folder, keys[todo[k]], records)
        finish(todo[k], records, False)
    clock = _Clock(timings)
    per_document = found
    entities = build_entities(lexicon, per_document)
    clock.lap("mentions")
    cut = sum(r.windowed for r in per_document)
    notes = [f"{cut} sentence{'s' if cut != 1 else ''} over {MAX_SENTENCE_WORDS} words read in windows "
             f"of up to {MAX_SENTENCE_WORDS} words"] if cut else []
    if folder is not None and hits:
        notes.append(f"{hits} of {len(documents)} document{'s' if len(documents) != 1 else ''} unchanged, "
                     f"records read from the cache")
    return Extraction(
        documents=documents,
        sentences=tuple(s for r in per_document for s in r.sentences),
        entities=entities,
        assertions=_best([a for r in per_document for a in r.assertions]),
        statistics=tuple(x for r in per_document for x in r.statistics),
        trends=tuple(x for r in per_document for x in r.trends),
        notes=tuple(notes),
    )


def _dispatch(documents: list[Document], *, lexicon: Lexicon, timings: dict | None, workers: int,
              scheduler) -> Iterator[tuple[int, DocumentRecords]]:
    """(position, records) of each document as it finishes: on a Dask cluster, in a
    process pool, or here one after the other (stages timed inside)."""
    # the default lexicon is not sent: each worker loads its own (cached per process)
    custom = lexicon if lexicon is not load_lexicon() else None
    if scheduler is not None:
        from .cluster import extract_on_cluster

        clock = _Clock(timings)  # workers' stages are not seen here: one lap for them all
        yield from extract_on_cluster(scheduler, documents, lexicon=custom)
        clock.lap("documents")
    elif workers > 1 and len(documents) > 1:
        from concurrent.futures import ProcessPoolExecutor, as_completed

        clock = _Clock(timings)
        pool = ProcessPoolExecutor(max_workers=min(workers, len(documents)))
        try:
            futures = {pool.submit(extract_one, d, lexicon=custom): k for k, d in enumerate(documents)}
            for future in as_completed(futures):
                yield futures[future], future.result()
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
        clock.lap("documents")
    else:
        for k, document in enumerate(documents):
            yield k, extract_one(document, lexicon=lexicon, timings=timings)


def _best(assertions: list[Assertion]) -> tuple[Assertion, ...]:
    """One assertion per (subject, predicate, object, polarity, sentence): the most confident.

    An rtg:relatedTo link is kept only where its sentence gives no typed relation between the
    same two entities: it stands for a stated link that fits no typed one. A relation one reader
    finds negated in a sentence has no positive twin from another reader of that sentence (the
    surface reader does not see "found no evidence that ...").
    """
    related = str(RTG.relatedTo)
    typed = {(frozenset((a.subject, str(a.object))), a.evidence) for a in assertions
             if a.predicate != related and a.evidence}
    negated = {(a.subject, a.predicate, str(a.object), a.evidence) for a in assertions
               if a.polarity == "Negative" and a.evidence}
    best: dict[tuple, Assertion] = {}
    for a in assertions:
        if a.predicate == related and (frozenset((a.subject, str(a.object))), a.evidence) in typed:
            continue
        if a.polarity != "Negative" and (a.subject, a.predicate, str(a.object), a.evidence) in negated:
            continue
        key = (a.subject, a.predicate, str(a.object), a.polarity, a.evidence or ())  # (): background, no sentence
        if key not in best or (a.confidence, a.extractor) > (best[key].confidence, best[key].extractor):
            best[key] = a
    return tuple(best[k] for k in sorted(best))
