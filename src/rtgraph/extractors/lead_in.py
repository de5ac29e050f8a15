"""Recommendation lists: what an item of a list introduced by "X recommends that:" says is
what X proposes, not what is so.

The lead-in and its items are one sentence that the layout splits ("The EUDA recommends
that: 1. Member States expand drug checking services; 2. ..."), so the items take the
lead-in's modality (a `governor` ModalityCue such as "recommend", read by lemma on the
lead-in's main verb) and its speaker (that verb's subject, when it is an actor).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from weakref import WeakKeyDictionary

from ..namespaces import RTG
from .clauses import SentenceView
from .syntax import has_subject, modal_words

__all__ = ["LeadIn", "lead_in"]

# a line that opens with a list marker: "-", "•", "1.", "a)", "(b)", "iv."
_MARK = r"(?:[-–—•*▪◦]|\(?(?:\d{1,2}|[a-zA-Z]|[ivxIVX]{1,4})[.)])"
_MARKER = re.compile(r"(?:^|\n)[ \t]*" + _MARK + r"[ \t]*$")  # before the sentence, on its line
_OPENING = re.compile(r"[ \t]*" + _MARK + r"[ \t]+")  # or opening it, where the marker is kept
_LOOKBACK = 12  # items a lead-in may stand before
_FOUND: WeakKeyDictionary = WeakKeyDictionary()  # view -> LeadIn | None, read once per sentence


@dataclass(frozen=True)
class LeadIn:
    modality: str  # local name: "Possible"
    speaker: str | None  # entity IRI of who recommends, when the lead-in names an actor
    sentence: int  # index of the lead-in sentence


def _is_item(view: SentenceView, position: int) -> bool:
    sentence = view.context.sentences[position]
    text = view.context.document.text
    line_start = text.rfind("\n", 0, sentence.start) + 1
    return bool(_MARKER.search(text[max(0, line_start - 1):sentence.start]) or (
        line_start == sentence.start and _OPENING.match(sentence.text)))


def lead_in(view: SentenceView) -> LeadIn | None:
    """The lead-in this sentence is an item of, if it is one; or the sentence's own form when it
    proposes on its own: "That the CBSA extend Project X." (a mandative subjunctive standing as
    a recommendation), or an item that is an imperative ("2. Add eutylone to the Act.")."""
    if view not in _FOUND:
        _FOUND[view] = _find(view) or _proposal(view)
    return _FOUND[view]


def _proposal(view: SentenceView) -> LeadIn | None:
    doc = view.doc
    words = [t for t in doc if not (t.is_punct or t.is_space)]
    roots = [t for t in doc if t.dep_ == "ROOT"]
    if not words or len(roots) != 1:
        return None
    root = roots[0]
    if root.tag_ not in ("VB", "VBP") or any(c.dep_ in ("aux", "aux:pass") for c in root.children):
        return None  # "will extend", "should extend": the verb's own modality is read already
    subject = has_subject(root)
    marker = _is_item(view, view.position)
    first = next((t for t in words if not (marker and t.i < root.i and t.i <= 2 and (t.like_num or len(t) == 1))), None)
    if first is None:
        return None
    if first.lower_ == "that" and first.dep_ == "mark" and first.head.i == root.i and subject:
        return LeadIn("Possible", None, view.position)  # "That the Government fund ..."
    if marker and first.i == root.i and not subject:
        return LeadIn("Possible", None, view.position)  # "2. Add eutylone ..."
    return None


def _find(view: SentenceView) -> LeadIn | None:
    context, position = view.context, view.position
    if not _is_item(view, position):
        return None
    section = view.sentence.section
    for earlier in range(position - 1, max(-1, position - 1 - _LOOKBACK), -1):
        sentence = context.sentences[earlier]
        if sentence.section != section:
            return None
        if _is_item(view, earlier):
            continue
        if not sentence.text.rstrip().endswith(":"):
            return None
        lead = SentenceView(context, earlier)  # its context is already the views' weak proxy
        _, proposing = modal_words(view.lexicon)  # "recommends that:", "calls on X to:"
        for root in (t for t in lead.doc if t.dep_ == "ROOT"):
            modality = proposing.get(root.lemma_.lower()) or proposing.get(root.lower_)
            if modality is not None:
                return LeadIn(modality, _subject(lead, root), earlier)
        return None
    return None


def _subject(lead: SentenceView, verb) -> str | None:
    """The actor mention heading the verb's subject in the lead-in sentence."""
    actor = str(RTG.Actor)
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubj:pass"):
            for slot in lead.slots:
                if slot.start <= child.i < slot.end and lead.lexicon.is_a(slot.mention.cls, actor):
                    return slot.iri
    return None
