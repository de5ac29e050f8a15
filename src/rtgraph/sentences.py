"""Sentences and their parse: the one spaCy pipeline every module shares.

The pipeline is rtgraph's own trained English model (``models/en_rtgraph``,
built by ``training/train.py`` from UD English EWT and GUM: tagger,
morphologizer, lemmatizer, dependency parser, mention detector) plus two rule
components used only to split sentences: the rule-based "sentencizer" is
predictable on headings, lists and legal abbreviations where a parser trained
on web text is not, and each sentence is then parsed on its own.

The sentencizer ends a sentence after a token
that is exactly "." (or "!", "?", ...), so an abbreviation is protected by
making it a single token ("e.g." rather than "e.g" + "."): the tokenizer
gets special cases for the abbreviations common in policy and legal texts.
A few abbreviations often end a sentence too ("etc.", "No."); a small
component decides those from the next word.
"""

from __future__ import annotations

import string
from collections.abc import Sequence
from dataclasses import replace
from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .model import Document, Sentence
from .resources import model_dir

__all__ = ["nlp", "parse", "tokenize", "split_sentences", "window_sentences", "MAX_SENTENCE_WORDS", "PARSE_BATCH_TOKENS",
           "ABBREVIATIONS", "ABBREVIATIONS_ENDING_IF_CAPITALIZED"]

# The longest sentence (in tokens) the parser and the relation readers see. Prose of the
# genre stays under 80; a longer "sentence" is a list, a table flattened to text or a line
# without punctuation, and every reader after this one is at least linear in its length.
MAX_SENTENCE_WORDS = 120

_MONTHS = ("Jan.", "Feb.", "Mar.", "Apr.", "Jun.", "Jul.", "Aug.", "Sep.", "Sept.", "Oct.", "Nov.", "Dec.")

# Never end a sentence. Trade-off: "... moved to the U.S. Then ..." is not
# split; mid-sentence uses ("the U.S. DEA", "R. v. Jordan") are far more common.
ABBREVIATIONS = frozenset(
    ("e.g.", "E.g.", "i.e.", "I.e.", "U.S.", "U.K.", "U.N.", "al.", "Fig.", "fig.", "Figs.", "figs.",
     "approx.", "Approx.", "vs.", "v.", "Inc.", "Ltd.", "Corp.", "Co.", "Dr.", "Mr.", "Mrs.", "Ms.",
     "Prof.", "St.", "cf.", "Cf.", "para.", "paras.", "Para.", "s.", "ss.")
    + _MONTHS
    + tuple(f"{letter}." for letter in string.ascii_uppercase)  # initials: "R.", "J."
)

# End a sentence only when the next word is capitalized: "cocaine, etc. The
# next ..." ends, "etc. and" does not; "No. 5" does not, "said No. Then" does.
ABBREVIATIONS_ENDING_IF_CAPITALIZED = frozenset(("etc.", "No.", "Nos."))


@Language.component("rtgraph_abbreviation_boundaries")
def _abbreviation_boundaries(doc: Doc) -> Doc:
    """Start a sentence after "etc."/"No." when a capitalized word follows.

    Runs before the sentencizer, which keeps boundaries already set.
    """
    for token in doc[:-1]:
        if token.text in ABBREVIATIONS_ENDING_IF_CAPITALIZED:
            following = next((t for t in doc[token.i + 1:] if not t.is_space), None)
            if following is not None and following.text[:1].isupper():
                following.is_sent_start = True
    return doc


_ROMAN = frozenset(("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"))


def _marker_end(doc: Doc, i: int) -> int | None:
    """End of a list marker opening a line at token ``i`` ("1.", "a)", "(b)", "iv."), else None."""
    first = i + (doc[i].text == "(")
    if first + 1 >= len(doc):
        return None
    word, mark = doc[first].text, doc[first + 1].text
    if mark not in (".", ")") or (doc[i].text == "(" and mark != ")"):
        return None
    if not ((word.isdigit() and len(word) <= 2) or (len(word) == 1 and word.isalpha()) or word.lower() in _ROMAN):
        return None
    return first + 2


@Language.component("rtgraph_list_items")
def _list_items(doc: Doc) -> Doc:
    """A list item is a sentence of its own, with its marker: "1. the CBSA expand …;" is not
    split after "1.", and "…;\nb) Health Canada fund …" starts a sentence at "b)"."""
    for i, token in enumerate(doc):
        if i and "\n" not in doc[i - 1].text and "\n" not in doc[i - 1].whitespace_:
            continue
        end = _marker_end(doc, i)
        if end is None or end >= len(doc):
            continue
        token.is_sent_start = True
        for inside in doc[i + 1:end + 1]:
            inside.is_sent_start = False
    return doc


_SPLITTERS = ("rtgraph_abbreviation_boundaries", "rtgraph_list_items", "sentencizer")


@cache
def nlp() -> Language:
    """The shared pipeline: the trained model, abbreviation rules and the sentencizer."""
    pipeline = spacy.load(model_dir())
    for abbreviation in ABBREVIATIONS | ABBREVIATIONS_ENDING_IF_CAPITALIZED:
        pipeline.tokenizer.add_special_case(abbreviation, [{"ORTH": abbreviation}])
    pipeline.add_pipe("rtgraph_abbreviation_boundaries", first=True)
    pipeline.add_pipe("rtgraph_list_items", after="rtgraph_abbreviation_boundaries")
    pipeline.add_pipe("sentencizer", after="rtgraph_list_items")
    # Paragraphs are processed one by one and a blank pipeline needs little
    # memory per character, so spaCy's 1,000,000-character guard only gets in the way.
    pipeline.max_length = 50_000_000
    return pipeline


def _trained() -> list[str]:
    return [name for name in nlp().pipe_names if name not in _SPLITTERS]


# The parser's working memory grows with the tokens of a batch (some 15 kB a token), and
# spaCy batches 256 texts whatever their length: batches are cut by tokens instead
# (outputs do not depend on batching).
PARSE_BATCH_TOKENS = 4000


def parse(texts) -> tuple[Doc, ...]:
    """Tag, lemmatize, parse and detect mentions in each text (one sentence each, a str or a Doc)."""
    found: list[Doc] = []
    for batch in _batches(texts, PARSE_BATCH_TOKENS):
        found.extend(nlp().pipe(batch, disable=list(_SPLITTERS), batch_size=len(batch)))
    return tuple(found)


def _batches(texts, tokens: int):
    batch, size = [], 0
    for text in texts:
        length = len(text.split()) if isinstance(text, str) else len(text)
        if batch and size + length > tokens:
            yield batch
            batch, size = [], 0
        batch.append(text)
        size += length
    if batch:
        yield batch


def tokenize(text: str) -> Doc:
    """Tokens only (no sentence boundaries), with the same abbreviation rules."""
    return nlp().make_doc(text)


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def split_sentences(document: Document) -> tuple[Sentence, ...]:
    """Every sentence of the document in order, with document offsets.

    Title and heading paragraphs are not run through the sentencizer: a
    heading is one sentence, and a title block gives one sentence per line.
    ``document.text[s.start:s.end] == s.text`` holds for every sentence.
    """
    text = document.text
    spans: dict[int, list[tuple[int, int]]] = {}  # paragraph index -> sentence spans
    prose = [p for p in document.paragraphs if p.kind == "text"]
    for paragraph, doc in zip(prose, nlp().pipe((text[p.start:p.end] for p in prose), disable=_trained())):
        spans[paragraph.index] = [
            (paragraph.start + s.start_char, paragraph.start + s.end_char) for s in doc.sents
        ]
    for paragraph in document.paragraphs:
        if paragraph.kind == "title":
            lines, offset = [], paragraph.start
            for line in text[paragraph.start:paragraph.end].split("\n"):
                lines.append((offset, offset + len(line)))
                offset += len(line) + 1
            spans[paragraph.index] = lines
        elif paragraph.kind != "text":
            spans[paragraph.index] = [(paragraph.start, paragraph.end)]

    sentences: list[Sentence] = []
    for paragraph in document.paragraphs:
        for start, end in spans[paragraph.index]:
            start, end = _trimmed(text, start, end)
            if start < end:
                sentences.append(
                    Sentence(
                        doc_id=document.doc_id,
                        index=len(sentences),
                        section=paragraph.section,
                        paragraph=paragraph.index,
                        start=start,
                        end=end,
                        text=text[start:end],
                        kind=paragraph.kind,
                    )
                )
    return tuple(sentences)


def window_sentences(
    sentences: Sequence[Sentence], docs: Sequence[Doc], *, limit: int = MAX_SENTENCE_WORDS, first: int = 0
) -> tuple[tuple[Sentence, ...], int]:
    """Sentences over ``limit`` tokens cut into windows of at most ``limit`` tokens each.

    ``docs`` are the sentences' tokens. A window ends at a space after the last
    punctuation of its second half, else at the last space, else at the limit; each window is a
    sentence of its own with exact document offsets. Returns the sentences,
    renumbered, and how many were cut.
    """
    found: list[Sentence] = []
    cut = 0
    for sentence, doc in zip(sentences, docs):
        if len(doc) <= limit:
            found.append(replace(sentence, index=first + len(found)))
            continue
        cut += 1
        for low, high in _windows(doc, limit):
            start, end = _trimmed(sentence.text, doc[low].idx, doc[high - 1].idx + len(doc[high - 1].text))
            if start < end:
                found.append(replace(sentence, index=first + len(found), start=sentence.start + start,
                                     end=sentence.start + end, text=sentence.text[start:end]))
    return tuple(found), cut


def _windows(doc: Doc, limit: int):
    i, n = 0, len(doc)
    while i < n:
        j = min(i + limit, n)
        if j < n:
            # end between words (never inside "socio-economic"), after punctuation if any
            ends = [k + 1 for k in range(j - 1, i + limit // 2, -1) if doc[k].whitespace_]
            j = next((k for k in ends if doc[k - 1].is_punct), ends[0] if ends else j)
        yield i, j
        i = j
