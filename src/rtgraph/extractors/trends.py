"""Trends: observed changes with a direction, what changes, where and when.

"an increase in the toxicity of illegal drugs" (Increase), "a decline in
seizures of finished fentanyl from China since 2019" (Decrease), "the
resurgence of carfentanil" (Emergence), "moving away from cocaine to drugs like
meth" (Shift, from cocaine to methamphetamine). Direction words are lexicon data.
"""

from __future__ import annotations

from ..model import Trend
from ..namespaces import RTG
from .base import DocumentContext
from .clauses import SentenceView, views

__all__ = ["NAME", "STAGE", "extract"]

NAME = "trends"
STAGE = "facts"

_PHRASE_TOKENS = 12
_TARGET_REACH = 3  # "to drugs like meth": the target follows within a few words


def extract(context: DocumentContext) -> tuple[Trend, ...]:
    found: list[Trend] = []
    for view in views(context):
        found.extend(_sentence(view))
    return tuple(found)


_PHRASE_STOPS = {",", ".", ";", ":", "(", ")", "–", "—", "!", "?", "[", "]"}


def _phrase_end(view: SentenceView, start: int, limit: int) -> int:
    """Up to a clause punctuation mark; hyphens and quotes stay inside ("higher-value")."""
    doc = view.doc
    end = start
    while end < min(limit, start + _PHRASE_TOKENS) and doc[end].text not in _PHRASE_STOPS:
        end += 1
    return end


def _sentence(view: SentenceView) -> list[Trend]:
    doc, lexicon, sentence = view.doc, view.lexicon, view.sentence
    region_cls = str(RTG.Region)
    spans = view.periods
    found: list[Trend] = []
    covered: set[int] = set()
    for match in view.cues("TrendTrigger"):
        if match.start in covered:
            continue
        if any(sl.start <= match.start and match.end <= sl.end for sl in (*view.slots, *view.nested_slots)):
            continue  # "Harm Reduction" names a lever, "Drug Decline Unit" an agency
        before = {doc[max(0, match.start - k) : match.start].text.lower() for k in (1, 2)}
        after = doc[match.end].lower_ if match.end < len(doc) else ""
        if before & lexicon.grammar("season-marker") and after not in lexicon.grammar("change-link"):
            continue  # "last fall", "by the fall": a season, not a decline
        aim = match.start > 0 and doc[match.start - 1].lower_ in lexicon.grammar("aim-marker")
        if aim and not view.modality(match.start - 3, match.start):
            continue  # "to increase awareness": an aim; "is expected to increase" is a forecast
        left_edge, right_edge = view.window(match.start, match.end)
        stop = min([p.start for p in spans if p.start >= match.end] + [right_edge])
        end = _phrase_end(view, match.end, stop)
        start = match.start
        if end == match.end or doc[match.end].lower_ not in lexicon.grammar("change-link") and doc[match.end].is_stop:
            # a verb: what changes stands before it ("those numbers have rebounded")
            start = max(left_edge, _clause_start(view, match.start))
            # never start inside a name ("…Substances Strategy for five years and shifts…")
            start = next((sl.start for sl in view.slots if sl.start < start < sl.end), start)
        covered.update(range(start, end))
        label = doc[start:end].text
        slots = [s for s in view.slots if start <= s.start and s.end <= end]
        if not [s for s in slots if not lexicon.is_a(s.mention.cls, region_cls)]:
            slots += sorted(
                (s for s in view.slots if left_edge <= s.start < right_edge and s not in slots),
                key=lambda s: abs(s.start - match.start),
            )[:2]
        if match.start > 0 and doc[match.start - 1].lower_ in lexicon.grammar("auxiliary"):
            # "OCGs are moving away from cocaine": the grammatical subject changes
            actors = [s for s in view.slots if left_edge <= s.start and s.end <= match.start
                      and lexicon.is_a(s.mention.cls, str(RTG.Actor))]
            slots = actors[-1:] + slots
        roles = (region_cls, str(RTG.Stakeholder))  # who observed it is not what changes
        about = tuple(dict.fromkeys(
            s.iri for s in slots if not any(lexicon.is_a(s.mention.cls, r) for r in roles)
        ))
        regions = [s for s in view.slots if lexicon.is_a(s.mention.cls, region_cls)]
        region = min(regions, key=lambda s: (0 if start <= s.start < end else 1, abs(s.start - match.start))).iri if regions else None
        period = min(spans, key=lambda p: abs(p.start - match.start), default=None)
        direction = match.cue.direction.rsplit("#", 1)[-1]
        shift_from, shift_to = (), ()
        if direction == "Shift":
            opening = "from" if view.doc[match.end - 1].lower_ == "from" else None
            shift_from, shift_to = _shift_targets(view, match.end, right_edge, opening)
        source = view.attribution(match.start, set(), since=left_edge)
        if source is not None:  # "Europol reports that networks increasingly rely…": Europol does not change
            about = tuple(a for a in about if a != source.concept)
        found.append(
            Trend(
                direction=direction,
                label=label,
                evidence=(sentence.doc_id, sentence.index),
                start=sentence.start + doc[start].idx,
                end=sentence.start + doc[end - 1].idx + len(doc[end - 1].text),
                extractor=NAME,
                about=about,
                region=region,
                period=period.text if period else None,
                shift_from=shift_from,
                shift_to=shift_to,
                modality=view.modality(left_edge, match.start) or "Asserted",
                attributed_to=source.concept if source else None,
                confidence=0.7 if about else 0.5,
            )
        )
    return found


def _clause_start(view: SentenceView, index: int) -> int:
    doc = view.doc
    k = index
    while k > 0 and not doc[k - 1].is_punct and index - k < 6:
        k -= 1
    return k


def _shift_targets(view: SentenceView, start: int, end: int, mode: str | None):
    """The mention right after "from" and the one right after "to"/"into" ("to drugs like meth")."""
    doc = view.doc
    origin, target = [], []
    since = start if mode else None
    opened = {mode} if mode else set()
    origin_words, target_words = view.lexicon.grammar("shift-origin"), view.lexicon.grammar("shift-target")
    for token in doc[start:end]:
        word = "from" if token.lower_ in origin_words else "to" if token.lower_ in target_words else None
        if word and word not in opened:  # only the first "from" and the first "to" count
            mode, since = word, token.i + 1
            opened.add(word)
        slot = next((s for s in view.slots if s.start == token.i), None)
        if slot is None or mode is None or token.i - since > _TARGET_REACH:
            continue
        bucket = origin if mode == "from" else target
        if not bucket:
            bucket.append(slot.iri)
    return tuple(origin), tuple(target)
