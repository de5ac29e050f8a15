"""Sentence analysis shared by the fact extractors: mention slots, clauses, cues.

A blank spaCy pipeline has no parser, so relations are read from surface
order inside clause windows: a window ends at a clause boundary cue (";",
"but", "while", "rather than", …). Lists are followed through coordination
cues ("and", ",", "e.g.", "including"…). All cue words come from the lexicon.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cached_property
from weakref import WeakKeyDictionary, proxy

from spacy.tokens import Doc

from ..lexicon import Lexicon
from ..model import Assertion, Mention, Sentence
from ..namespaces import RTG
from .base import CueMatch, DocumentContext, cue_matches
from .periods import Period, document_year, periods

__all__ = ["Slot", "SentenceView", "views", "fits", "is_a", "run_of", "series_organizers"]


@dataclass(frozen=True)
class Slot:
    """A mention (or a resolved anaphor) at token positions of its sentence."""

    start: int
    end: int
    mention: Mention
    via_anaphor: bool = False

    @property
    def iri(self) -> str:
        return self.mention.concept or ""


@dataclass(frozen=True, eq=False)
class SentenceView:
    context: DocumentContext
    position: int  # index into context.sentences

    @property
    def sentence(self) -> Sentence:
        return self.context.sentences[self.position]

    @property
    def doc(self) -> Doc:
        return self.context.docs[self.position]

    @property
    def lexicon(self) -> Lexicon:
        return self.context.lexicon

    def slot(self, mention: Mention, **kw) -> Slot | None:
        offset = self.sentence.start
        span = self.doc.char_span(mention.start - offset, mention.end - offset, alignment_mode="expand")
        return Slot(span.start, span.end, mention, **kw) if span is not None else None

    @cached_property
    def slots(self) -> tuple[Slot, ...]:
        found = (self.slot(m) for m in self.context.mentions[self.position])
        return tuple(s for s in found if s is not None)

    @cached_property
    def nested_slots(self) -> tuple[Slot, ...]:
        found = (self.slot(m) for m in self.context.nested[self.position])
        return tuple(s for s in found if s is not None)

    @cached_property
    def periods(self) -> tuple[Period, ...]:
        """Time expressions of the sentence, shared by statistics, trends and dates."""
        return periods(self.doc, self.lexicon, year=lambda: document_year(self.context.document))

    @cached_property
    def _cue_cache(self) -> dict[str, tuple[CueMatch, ...]]:
        return {}

    def cues(self, kind: str) -> tuple[CueMatch, ...]:
        """Cue matches of one kind, computed once per sentence."""
        cache = self._cue_cache
        if kind not in cache:
            cache[kind] = cue_matches(self.lexicon, kind, self.doc)
        return cache[kind]

    @cached_property
    def boundaries(self) -> tuple[int, ...]:
        """Token positions where a clause ends (cue starts)."""
        cues = self.cues("ClauseBoundary")
        found = {m.start for m in cues} | {m.end - 1 for m in cues}
        if any(m.start == 0 for m in cues):
            # "Because benzodiazepines are sedatives, naloxone …": the opening clause ends at its comma
            comma = next((t.i for t in self.doc if t.text == ","), None)
            if comma is not None:
                found.add(comma)
        return tuple(sorted(found))

    def window(self, start: int, end: int) -> tuple[int, int]:
        """The clause around tokens [start, end): (left edge, right edge)."""
        left = max((b + 1 for b in self.boundaries if b < start), default=0)
        right = min((b for b in self.boundaries if b >= end), default=len(self.doc))
        return left, right

    def free(self, start: int, end: int) -> bool:
        """No mention covers any of these tokens."""
        return all(s.end <= start or end <= s.start for s in self.slots)

    @cached_property
    def coordination(self) -> frozenset[str]:
        return self.lexicon.words_of("CoordinationWord")

    def coordinated(self, first: int, second: int) -> bool:
        """Only list words ("and", ",", "such as", "as well as") stand between two positions."""
        gap = [t.lower_ for t in self.doc[first:second]]
        phrases = sorted((p.split() for p in self.coordination), key=len, reverse=True)
        i = units = 0
        while i < len(gap):
            width = next((len(p) for p in phrases if gap[i : i + len(p)] == p), 0)
            if not width:
                return False
            i, units = i + width, units + 1
        return units <= 5  # ", and, to a lesser extent," is four list words

    def modality(self, start: int, end: int) -> str | None:
        for match in self.cues("ModalityCue"):
            if match.cue.position == "governor":
                continue  # read from the parse only: the verb may be the relation's own trigger
            if start <= match.start and match.end <= end:
                return _local(match.cue.modality)
        return None

    def negated(self, start: int, end: int) -> bool:
        return any(start <= m.start and m.end <= end for m in self.cues("NegationCue"))

    def attribution(self, before: int, exclude: set[str], *, since: int = 0) -> Mention | None:
        """Who the sentence says states this: "CBSA has reported", "according to experts".

        Only a cue in the same clause counts (from ``since``), unless it introduces
        reported speech ("noted that …"): ", but Ontario said …" does not report
        what came before the "but".
        """
        actor = str(RTG.Actor)
        best = None
        for match in self.cues("AttributionCue"):
            speech = match.end < len(self.doc) and self.doc[match.end].lower_ == "that"
            if match.start >= before or (match.start < since and not speech):
                continue  # "experts noted that …" reports every clause after it
            if match.cue.position == "after":
                candidates = [s for s in self.slots if s.start >= match.end]
                candidates.sort(key=lambda s: s.start)
            else:
                candidates = [s for s in self.slots if s.end <= match.start]
                candidates.sort(key=lambda s: -s.end)
            for slot in candidates[:2]:
                if self.lexicon.is_a(slot.mention.cls, actor) and slot.iri not in exclude:
                    best = slot.mention
                    break
        return best


_VIEWS: WeakKeyDictionary = WeakKeyDictionary()


def views(context: DocumentContext) -> tuple[SentenceView, ...]:
    """One view per sentence, shared by every fact extractor of the document, so slots
    and cue matches are computed once (dropped with the context: the views hold it
    weakly, or the cache would keep every document's parsed sentences alive)."""
    if context not in _VIEWS:
        weak = proxy(context)
        _VIEWS[context] = tuple(SentenceView(weak, i) for i in range(len(context.sentences)))
    return _VIEWS[context]


def _local(iri: str | None) -> str | None:
    return iri.rsplit("#", 1)[-1] if iri else None


def fits(view: SentenceView, slot: Slot, classes) -> bool:
    """The slot's entity is of one of ``classes`` (or a subclass)."""
    return any(view.lexicon.is_a(slot.mention.cls, str(c)) for c in classes)


def is_a(view: SentenceView, slot: Slot, cls) -> bool:
    return view.lexicon.is_a(slot.mention.cls, str(cls))


def run_of(view: SentenceView, ordered: list[Slot], classes, limit: int) -> list[Slot]:
    """The first compatible slot and those coordinated with it, in reading order."""
    picked: list[Slot] = []
    for slot in ordered:
        if not fits(view, slot, classes):
            if picked:
                break
            continue
        if picked:
            previous = picked[-1]
            a, b = (previous.end, slot.start) if slot.start >= previous.end else (slot.end, previous.start)
            if not view.coordinated(a, b):
                break
        picked.append(slot)
        if limit and len(picked) >= limit:
            break
    return picked


def series_organizers(context: DocumentContext, found: list[Assertion]) -> list[Assertion]:
    """Who organizes a series ("PS's Law Enforcement Roundtables on Drugs") organizes its
    numbered meetings ("the Fifth Law Enforcement Roundtable on Drugs") named in the same document."""
    lexicon = context.lexicon
    ordinals = lexicon.words_of("Ordinal")

    def key(label: str) -> str:
        words = [w.lower().rstrip("s") for w in label.split()]
        return " ".join(w for w in words if w not in ordinals)

    meetings = {m.concept: m.label for ms in context.mentions for m in ms if lexicon.is_a(m.cls, str(RTG.Meeting))}
    numbered = {iri: label for iri, label in meetings.items() if label.split()[0].lower() in ordinals}
    organized = str(RTG.organizedBy)
    inherited = []
    for a in found:
        if a.predicate != organized or a.subject in numbered or a.subject not in meetings:
            continue
        for iri, label in numbered.items():
            if key(label) == key(meetings[a.subject]):
                inherited.append(replace(a, subject=iri, confidence=round(a.confidence * 0.8, 2)))
    return inherited
