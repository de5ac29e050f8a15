"""Relations read from structure alone, without a trigger word.

"BC officials", "Montréal-based Italian organized crime" (operatesIn);
"Public Safety Canada's Roundtables" (organizedBy); "the PPSC directive",
"Health Canada's strategy" (implementedBy); "regulation of precursor
chemicals" (targets); "a section 56 exemption for British Columbia"
(appliesIn); "law enforcement in Atlantic Canada" (operatesIn); "Project
Estuaire, a joint investigation by the SQ, the SPVM and the CBSA" (implementedBy,
and partnersWith between the parties of a joint one); and names nested in names ("Public Prosecution Service of Canada"; "northern Manitoba"
is partOf Manitoba).
"""

from __future__ import annotations

from functools import cache

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

    def add(subject: Slot, predicate, obj: Slot):
        if subject.iri != obj.iri:
            found.append(_fact(view, subject, predicate, obj))

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

    found.extend(_described_parties(view, slots))

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


def _described_parties(view: SentenceView, slots: list[Slot]) -> list[Assertion]:
    """A named lever, a comma, an article and its description ("a joint investigation",
    frames.ttl frame:lever-description) with the parties it is by, with or between: each party
    implements the lever, and the parties of a joint one ("joint", "combined": grammar role
    "joint-marker") work together. Read from the words, since the parser seldom makes such a
    long apposition one."""
    lexicon, doc = view.lexicon, view.doc
    heads, cases = _description_words(lexicon)
    articles, joint = lexicon.grammar("description-article"), lexicon.grammar("joint-marker")
    parties = (str(RTG.Agency), str(RTG.Organization))
    found = []
    for lever in slots:
        if not (is_a(view, lever, RTG.PolicyLever) and lever.mention.label[:1].isupper()):
            continue
        i = lever.end
        if not (i + 1 < len(doc) and doc[i].text == "," and doc[i + 1].lower_ in articles):
            continue
        words = doc[i + 2:i + 7]
        head = next((t for t in words if t.lemma_.lower() in heads or t.lower_ in heads), None)
        if head is None or head.i + 1 >= len(doc) or doc[head.i + 1].lower_ not in cases:
            continue
        if any(t.is_punct for t in doc[i + 2:head.i]):
            continue
        after = [s for s in slots if s.start > head.i + 1]
        if not after or after[0].start - (head.i + 2) > 1:
            continue  # "by the SQ": at most an article between
        members = [m for m in run_of(view, after, parties, 0) if m.iri != lever.iri]
        for member in members:
            found.append(_fact(view, lever, RTG.implementedBy, member))
        if any(t.lower_ in joint for t in doc[i + 2:head.i]):
            for k, a in enumerate(members):
                for b in members[k + 1:]:
                    if a.iri != b.iri:
                        found.append(_fact(view, a, RTG.partnersWith, b))
    return found


@cache
def _description_words(lexicon) -> tuple[frozenset[str], frozenset[str]]:
    """(head nouns, prepositions) of the frames that describe a lever by who implements it."""
    frames = [f for f in lexicon.cues_of("Frame") if f.predicate == str(RTG.implementedBy) and "host" in f.subject_roles]
    return (frozenset(label.lower() for f in frames for label in f.labels),
            frozenset(role.split(":", 1)[1] for f in frames for role in f.object_roles if role.startswith("prep:")))


def _fact(view: SentenceView, subject: Slot, predicate, obj: Slot) -> Assertion:
    return Assertion(
        subject=subject.iri, predicate=str(predicate), object=obj.iri,
        evidence=(view.sentence.doc_id, view.sentence.index), extractor=NAME,
        confidence=round(_CONFIDENCE * min(subject.mention.confidence, obj.mention.confidence), 2),
    )

