"""Relations read from structure alone, without a trigger word.

"BC officials", "Montréal-based Italian organized crime" (operatesIn);
"Public Safety Canada's Roundtables" (organizedBy); "the PPSC directive",
"Health Canada's strategy" (implementedBy); "regulation of precursor
chemicals" (targets); "a section 56 exemption for British Columbia"
(appliesIn); "law enforcement in Atlantic Canada" (operatesIn); and names
nested in names ("Public Prosecution Service of Canada"; "northern Manitoba"
is partOf Manitoba).
"""

from __future__ import annotations

from ..model import Assertion
from ..namespaces import RTG
from .base import DocumentContext
from .clauses import SentenceView, Slot, is_a, run_of, series_organizers, views

__all__ = ["NAME", "STAGE", "extract"]

NAME = "structure"
STAGE = "facts"

_CONFIDENCE = 0.7


def extract(context: DocumentContext) -> tuple[Assertion, ...]:
    found = [a for view in views(context) for a in _sentence(view)]
    return tuple(found + series_organizers(context, found))


def _sentence(view: SentenceView) -> list[Assertion]:
    found = []

    def add(subject: Slot, predicate, obj: Slot, confidence=_CONFIDENCE):
        if subject.iri != obj.iri:
            found.append(
                Assertion(
                    subject=subject.iri, predicate=str(predicate), object=obj.iri,
                    evidence=(view.sentence.doc_id, view.sentence.index), extractor=NAME,
                    confidence=round(confidence * min(subject.mention.confidence, obj.mention.confidence), 2),
                )
            )

    doc = view.doc
    # names inside names: "Public Prosecution Service of Canada", "BC First Nations Justice Strategy"
    for inner in view.nested_slots:
        outer = next((s for s in view.slots if s.start <= inner.start and inner.end <= s.end), None)
        if outer is None:
            continue
        if is_a(view, inner, RTG.Region) and is_a(view, outer, RTG.Region):
            add(outer, RTG.partOf, inner)  # "northern Manitoba" (only parts of regions nest regions)
        elif is_a(view, inner, RTG.Region) and is_a(view, outer, RTG.Actor):
            add(outer, RTG.operatesIn, inner)
        elif is_a(view, inner, RTG.Region) and is_a(view, outer, RTG.PolicyLever):
            add(outer, RTG.appliesIn, inner)
        elif (is_a(view, inner, RTG.Agency) or is_a(view, inner, RTG.Organization)) and is_a(view, outer, RTG.PolicyLever):
            add(outer, RTG.implementedBy, inner)

    slots = sorted(view.slots, key=lambda s: s.start)
    # "Public Safety Canada's (PS) Roundtables": the defined acronym is not a neighbour
    adjacent = [
        s for s in slots
        if not (s.mention.kind == "acronym" and 0 < s.start and s.end < len(doc)
                and doc[s.start - 1].text == "(" and doc[s.end].text == ")")
    ]
    for left, right in zip(adjacent, adjacent[1:]):
        gap = [t.text for t in doc[left.end : right.start]]
        possessive = gap[:1] in (["’s"], ["'s"])
        if possessive and len(gap) == 4 and gap[1] == "(" and gap[3] == ")":
            gap = gap[:1]  # "Public Safety Canada's (PS) Law Enforcement Roundtables"
        if possessive and len(gap) <= 3 and all(w[:1].isalnum() for w in gap[1:]):
            gap = gap[:1]  # "British Columbia's three-year decriminalization pilot"
        if gap and not (possessive and len(gap) == 1) and gap not in (["-", "based"], ["based"]):
            continue
        # "BC officials", "BC's law enforcement", "Montréal-based Italian organized crime"
        if gap in (["-", "based"], ["based"]) and is_a(view, left, RTG.Region) and is_a(view, right, RTG.Actor):
            add(right, RTG.operatesIn, left)
            continue
        if is_a(view, left, RTG.Region) and is_a(view, right, RTG.Actor):
            add(right, RTG.operatesIn, left)
        elif possessive and is_a(view, left, RTG.Actor) and is_a(view, right, RTG.Event):
            add(right, RTG.organizedBy, left)
        elif is_a(view, left, RTG.Agency) and is_a(view, right, RTG.PolicyLever):
            add(right, RTG.implementedBy, left)  # "the PPSC directive", "Health Canada's strategy"
        elif possessive and is_a(view, left, RTG.Actor) and is_a(view, right, RTG.PolicyLever):
            add(right, RTG.implementedBy, left)
        elif possessive and is_a(view, left, RTG.Region) and is_a(view, right, RTG.PolicyLever):
            add(right, RTG.appliesIn, left)

    # "law enforcement in Atlantic Canada", "street gangs in the GTA and the Lower Mainland"
    regions_only = (str(RTG.Region),)
    for actor in (s for s in slots if is_a(view, s, RTG.Actor)):
        if actor.end < len(doc) and doc[actor.end].lower_ in view.lexicon.grammar("location"):
            after = [s for s in slots if s.start > actor.end]
            if after and after[0].start - actor.end <= 2 and is_a(view, after[0], RTG.Region):
                for region in run_of(view, after, regions_only, 0):
                    add(actor, RTG.operatesIn, region)

    # "a section 56 exemption for British Columbia", "safer supply in Ontario"
    for lever in (s for s in slots if is_a(view, s, RTG.PolicyLever)):
        after = [s for s in slots if s.start > lever.end]
        if (after and after[0].start == lever.end + 1 and doc[lever.end].lower_ in view.lexicon.grammar("scope")
                and is_a(view, after[0], RTG.Region)):
            for region in run_of(view, after, regions_only, 0):  # "a drug alert for Surrey, Langley and Abbotsford"
                add(lever, RTG.appliesIn, region)

    # "regulation of precursor chemicals, and ephedrine in particular"
    targets = (RTG.Substance, RTG.Method, RTG.CriminalGroup, RTG.Platform)
    for lever in (s for s in slots if is_a(view, s, RTG.PolicyLever)):
        if lever.end < len(doc) and doc[lever.end].lower_ in view.lexicon.grammar("target"):
            after = [s for s in slots if s.start > lever.end]
            if after and not any(view.lexicon.is_a(after[0].mention.cls, str(c)) for c in targets):
                continue  # "the impact of Bill C-5 on police workload, …": not what the lever targets
            if after and after[0].start - lever.end <= 3:
                allowed = tuple(str(c) for c in targets)
                _, right_edge = view.window(lever.start, lever.end)
                for obj in run_of(view, [s for s in after if s.end <= right_edge], allowed, 0):
                    add(lever, RTG.targets, obj)
    return found
