"""Shared machinery for extractors: the per-document context and phrase matching.

Extractors are plain modules with ``NAME``, ``STAGE`` ("mentions" or "facts")
and ``extract(context)``; see ``rtgraph.extractors`` for the registry.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from ..lexicon import Cue, Lexicon
from ..model import Document, Mention, Sentence
from ..sentences import nlp

__all__ = [
    "DocumentContext",
    "cue_matches",
    "CueMatch",
    "is_acronym",
    "lexicon_mentions",
    "mention_from_span",
    "phrase_matcher",
]


@dataclass(frozen=True, eq=False)
class DocumentContext:
    """What every extractor sees of one document.

    ``docs[i]`` is the tokenized text of ``sentences[i]``; ``mentions[i]`` the
    resolved entity mentions of that sentence (filled for the facts stage only),
    each with ``concept`` set to the entity IRI.
    """

    document: Document
    sentences: tuple[Sentence, ...]
    docs: tuple[Doc, ...]
    lexicon: Lexicon
    mentions: tuple[tuple[Mention, ...], ...] = ()
    nested: tuple[tuple[Mention, ...], ...] = ()


def is_acronym(label: str) -> bool:
    """All-caps short forms ("CBSA", "OCGs", "B.C.") match case-sensitively."""
    core = label[:-1] if label.endswith("s") and len(label) > 2 else label
    letters = core.replace(".", "").replace("-", "")
    return 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()


def _patterns(labels):
    tokenizer = nlp().tokenizer
    return [tokenizer(label) for label in sorted(set(labels))]


@cache
def phrase_matcher(lexicon: Lexicon, key: str, labels: tuple[tuple[str, str], ...]) -> tuple:
    """Two matchers over (match_id, label) pairs: case-insensitive and acronym (exact case)."""
    vocab = nlp().vocab
    lower = PhraseMatcher(vocab, attr="LOWER")
    exact = PhraseMatcher(vocab, attr="ORTH")
    groups: dict[tuple[bool, str], list[str]] = {}
    for match_id, label in labels:
        groups.setdefault((is_acronym(label), match_id), []).append(label)
    for (acronym, match_id), group in sorted(groups.items()):
        (exact if acronym else lower).add(match_id, _patterns(group))
    return lower, exact


def _matches(doc: Doc, matchers) -> list[tuple[str, int, int]]:
    vocab = doc.vocab
    found = set()
    for matcher in matchers:
        for match_id, start, end in matcher(doc):
            found.add((vocab.strings[match_id], start, end))
    return sorted(found, key=lambda m: (m[1], -(m[2] - m[1]), m[0]))


def mention_from_span(
    context: DocumentContext,
    index: int,
    span: Span,
    *,
    label: str,
    cls: str,
    concept: str | None,
    extractor: str,
    confidence: float,
    kind: str,
) -> Mention:
    sentence = context.sentences[index]
    start = sentence.start + span.start_char
    end = sentence.start + span.end_char
    return Mention(
        doc_id=sentence.doc_id,
        sentence=sentence.index,
        start=start,
        end=end,
        text=context.document.text[start:end],
        label=label,
        cls=cls,
        concept=concept,
        extractor=extractor,
        confidence=confidence,
        kind=kind,
    )


@cache
def _concept_labels(lexicon: Lexicon, top_class: str) -> tuple[tuple[str, str], ...]:
    return tuple(
        (concept.iri, label)
        for iri, concept in sorted(lexicon.concepts.items())
        if lexicon.top_class(concept.cls) == top_class
        for label in concept.labels
    )


def lexicon_mentions(context: DocumentContext, top_class: str, *, extractor: str,
                     not_after: frozenset[str] = frozenset()) -> tuple[Mention, ...]:
    """Every span naming a lexicon concept of one top class, plus elliptical forms.

    A span right after a capitalized word of ``not_after`` is part of another name ("New
    England" is no England).

    "surface and dark web" names the surface web too: when a modifier joined by
    "and"/"or"/"," stands before a multi-word label and modifier + the label's
    remaining words form another label, that modifier is a mention as well.
    """
    lexicon = context.lexicon
    labels = _concept_labels(lexicon, top_class)
    matchers = phrase_matcher(lexicon, top_class, labels)
    by_label = {label.lower(): iri for iri, label in labels}
    coordinators = lexicon.grammar("list-joiner")
    found: list[Mention] = []
    for index, doc in enumerate(context.docs):
        for iri, start, end in _matches(doc, matchers):
            if start and doc[start - 1].lower_ in not_after and doc[start - 1].text[:1].isupper():
                continue
            concept = lexicon.concepts[iri]
            found.append(
                mention_from_span(
                    context, index, doc[start:end], label=concept.label, cls=concept.cls,
                    concept=iri, extractor=extractor, confidence=1.0, kind="lexicon",
                )
            )
            if end - start < 2:
                continue
            tail_words = [t.lower_ for t in doc[start + 1 : end]]
            cursor = start
            while cursor >= 2 and doc[cursor - 1].lower_ in coordinators:
                modifier = cursor - 2
                if doc[modifier].lower_ in coordinators:
                    break
                candidates = (
                    " ".join([doc[modifier].lower_, *tail_words]),
                    " ".join([doc[modifier].lower_, tail_words[-1]]),
                )
                hit = next((by_label[c] for c in candidates if c in by_label), None)
                if hit is None:
                    # hyphenated labels join without spaces in the tokenizer's view
                    hit = next((by_label[c.replace(" - ", "-")] for c in candidates if c.replace(" - ", "-") in by_label), None)
                if hit is None:
                    break
                other = lexicon.concepts[hit]
                found.append(
                    mention_from_span(
                        context, index, doc[modifier : modifier + 1], label=other.label, cls=other.cls,
                        concept=hit, extractor=extractor, confidence=0.9, kind="ellipsis",
                    )
                )
                cursor = modifier  # "land, marine, and air cargo": keep walking left
    return tuple(found)


@dataclass(frozen=True)
class CueMatch:
    cue: Cue
    start: int  # token offsets in the sentence doc
    end: int


@cache
def _cue_matchers(lexicon: Lexicon, kind: str):
    cues = lexicon.cues_of(kind)
    labels = tuple((str(i), label) for i, cue in enumerate(cues) for label in cue.labels)
    vocab = nlp().vocab
    matcher = PhraseMatcher(vocab, attr="LOWER")
    groups: dict[str, list[str]] = {}
    for key, label in labels:
        groups.setdefault(key, []).append(label)
    for key, group in sorted(groups.items()):
        matcher.add(f"{kind}:{key}", _patterns(group))
    return matcher, cues


def cue_matches(lexicon: Lexicon, kind: str, doc: Doc, *, longest: bool = True) -> tuple[CueMatch, ...]:
    """Cue words of one kind in a sentence; overlapping matches keep the longest."""
    matcher, cues = _cue_matchers(lexicon, kind)
    raw = []
    for match_id, start, end in matcher(doc):
        key = doc.vocab.strings[match_id].split(":", 1)[1]
        raw.append(CueMatch(cues[int(key)], start, end))
    raw.sort(key=lambda m: (m.start, -(m.end - m.start), m.cue.iri))
    if not longest:
        return tuple(raw)
    kept: list[CueMatch] = []
    taken: set[int] = set()
    for match in sorted(raw, key=lambda m: (-(m.end - m.start), m.start, m.cue.iri)):
        span = set(range(match.start, match.end))
        if span & taken:
            # same span, another reading of the same words: keep it too
            if any(k.start == match.start and k.end == match.end for k in kept):
                kept.append(match)
            continue
        kept.append(match)
        taken |= span
    return tuple(sorted(kept, key=lambda m: (m.start, m.end, m.cue.iri)))
