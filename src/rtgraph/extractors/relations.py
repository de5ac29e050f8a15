"""Typed relations between entities, with polarity, modality and attribution.

Trigger cues (ontology/lexicon/cues.ttl) name a predicate, the classes of its
subject and object, and the surface order in which they appear:

- STO "OCGs traffic methamphetamine", OTS "stakeholders call for decriminalization"
  (the grammatical subject is the relation's object), SOT "ephedrine, a key
  methamphetamine precursor", TSO "focused the Roundtable on BC".

A side with no compatible mention may be filled through an anaphor cue
("they", "this initiative", "it") by the latest compatible mention before it,
in this sentence or the two before it in the same section. A negated relation
("naloxone does not reverse benzodiazepines") is kept as a Negative assertion.

Relations that need no trigger word are read by ``structure.py``.
"""

from __future__ import annotations

from functools import cache

from ..lexicon import Cue
from ..model import Assertion
from ..namespaces import RTG
from .base import DocumentContext
from .clauses import SentenceView, Slot, fits, is_a, run_of, series_organizers, views
from .lead_in import lead_in
from .syntax import expand, has_subject, head_of, scope

__all__ = ["NAME", "STAGE", "extract"]

NAME = "relations"
STAGE = "facts"

_ANAPHOR_FACTOR = 0.75

_LOOKBACK = 2


def extract(context: DocumentContext) -> tuple[Assertion, ...]:
    found: list[Assertion] = []
    all_views = views(context)
    for view in all_views:
        taken: set[int] = set()  # token starts of earlier triggers' objects in this sentence
        for trigger_group in _triggers(view):
            found.extend(_from_trigger(view, all_views, trigger_group, taken))
    found.extend(series_organizers(context, found))
    return tuple(found)


def _triggers(view: SentenceView):
    """Trigger matches grouped by span. A trigger wholly inside a mention is part of
    a name ("safe supply"), except SOT nouns ("precursor"), whose span may itself name
    an entity; a trigger reaching past a mention ("traffickers of") stays a trigger."""
    groups: dict[tuple[int, int], list[Cue]] = {}
    for match in view.cues("RelationTrigger"):
        inside = any(s.start <= match.start and match.end <= s.end for s in view.slots)
        if inside and match.cue.order != "SOT":
            continue
        groups.setdefault((match.start, match.end), []).append(match.cue)
    return sorted(groups.items())



def _resolve_anaphor(view, all_views, start, end, classes) -> list[Slot]:
    """An anaphor cue between tokens start..end stands for the latest compatible mention."""
    anaphors = [m for m in view.cues("Anaphor") if start <= m.start and m.end <= end and view.free(m.start, m.end)]
    for match in anaphors:
        wanted = [c for c in match.cue.object_classes if any(view.lexicon.is_a(c, k) or view.lexicon.is_a(k, c) for k in classes)]
        if not wanted:
            continue
        # in its own sentence "it" is the nearest thing it can be: if that does not fit
        # the relation, there is no relation ("the government said it will not support X")
        for slot in sorted((s for s in view.slots if s.end <= match.start), key=lambda s: -s.start):
            if fits(view, slot, tuple(match.cue.object_classes)):
                if fits(view, slot, tuple(classes)) and fits(view, slot, tuple(wanted)):
                    return [Slot(match.start, match.end, slot.mention, via_anaphor=True)]
                return []
        # across sentences it continues the topic: the first fitting mention, usually the subject
        position = view.position
        section = view.sentence.section
        while True:
            position -= 1
            if position < 0 or view.position - position > _LOOKBACK:
                break
            previous = all_views[position]
            if previous.sentence.section != section:
                break
            for slot in sorted(previous.slots, key=lambda s: s.start):
                if fits(view, slot, tuple(classes)) and fits(view, slot, tuple(wanted)):
                    return [Slot(match.start, match.end, slot.mention, via_anaphor=True)]
    return []


def _reports_clause(view: SentenceView, match) -> bool:
    """ "experts noted that …", "…, a professor at X, said …": what follows is reported speech."""
    doc = view.doc
    after = doc[match.end].lower_ if match.end < len(doc) else ""
    before = doc[match.start - 1].text if match.start else ""
    return after == "that" or before == ","


@cache
def _actor_heads(lexicon) -> frozenset[str]:
    """Head nouns that name actors (heads.ttl): "group", "network", "organization", ..."""
    actor = str(RTG.Actor)
    return frozenset(label.lower() for cue in lexicon.cues_of("HeadNoun")
                     if cue.form_class and lexicon.is_a(cue.form_class, actor)
                     for label in cue.labels if " " not in label)


def _unnamed_subject(view: SentenceView, trigger) -> bool:
    """The parse gives the trigger a subject that is a noun no mention covers: the noun a
    participle or relative clause modifies ("groups based in Alberta", "a group … that has been
    expanding into …"), or its own noun subject."""
    covered = {i for s in view.slots for i in range(s.start, s.end)}
    actors = _actor_heads(view.lexicon)
    if trigger.dep_ in ("acl", "acl:relcl") and trigger.head.i != trigger.i:
        head = trigger.head
        if head.lemma_.lower() not in actors:
            return False  # "found success working with Amazon": no actor left unnamed
        quantity = any(c.dep_.startswith("nmod") and c.i in covered and any(k.lower_ == "of" for k in c.children)
                       for c in head.children)  # "large quantities of BMK, used to make …"
        described = head.dep_ == "appos" or any(c.dep_ == "cop" for c in head.children)  # "X, a network based in"
        described = described or any(c.i in covered for c in head.lefts)  # "oxycodone tablets containing …"
        return head.pos_ == "NOUN" and head.i not in covered and not quantity and not described and not any(
            c.dep_ in ("nsubj", "nsubj:pass") and c.i in covered for c in trigger.children)
    subjects = [c for c in trigger.children if c.dep_ in ("nsubj", "nsubj:pass")]
    return bool(subjects) and all(c.pos_ == "NOUN" and c.i not in covered and c.lemma_.lower() in actors
                                  and not any(d.i in covered for d in c.subtree) for c in subjects)


def _left_candidates(view: SentenceView, start: int, end: int, cue: Cue):
    """Mentions that may fill the slot before the trigger, nearest first, and the clause edge.

    Returns None when the trigger is the head of a noun compound
    ("methamphetamine manufacture"), which the SOT reading of the same word handles.
    """
    left_edge, _ = view.window(start, end)
    # "X said that Y produces Z": the reporter is not the producer
    for match in view.cues("AttributionCue"):
        if (match.cue.position == "before" and left_edge <= match.start and match.end <= start
                and _reports_clause(view, match)):
            left_edge = max(left_edge, match.end)
    # "According to the AFP, labs remain a source of meth": the one it is according to is no argument
    speakers = {s.start for match in view.cues("AttributionCue") if match.cue.position == "after"
                for s in view.slots if match.end <= s.start <= match.end + 1 and s.end <= start}
    left = [s for s in view.slots if left_edge <= s.start and s.end <= start and s.start not in speakers]
    if cue.order in ("STO", "OTS") and _nominal(view, start, end):
        left = []
    if cue.order == "STO" and _unnamed_subject(view, view.doc[start]):
        left = []  # "controlled by groups based in Alberta": the groups, which name no entity
    if cue.order == "STO" and left:
        nearest = max(left, key=lambda s: s.end)
        noun_reading = any(m.cue.order == "SOT" and (m.start, m.end) == (start, end)
                           for m in view.cues("RelationTrigger"))
        if noun_reading and nearest.end == start and fits(view, nearest, cue.object_classes):
            return None
        if nearest.end == start and not is_a(view, nearest, RTG.Region) and not fits(view, nearest, cue.subject_classes):
            left = []  # "using pill presses imported from China": the neighbour is the subject
        # "adapt to law enforcement pressure by using …": after "to"/"by", not an agent
        not_agent = view.lexicon.grammar("not-agent")
        left = [s for s in left if s.start == 0 or view.doc[s.start - 1].lower_ not in not_agent
                or not is_a(view, s, RTG.Actor)]
        # "organized crime groups in Canada are producing fentanyl": the groups produce, not Canada
        located = [s for s in left if is_a(view, s, RTG.Region) and s.start and view.doc[s.start - 1].lower_ == "in"]
        if located and any(s.end <= located[0].start and fits(view, s, cue.subject_classes)
                           and not is_a(view, s, RTG.Region) for s in left):
            left = [s for s in left if s not in located]
    return sorted(left, key=lambda s: -s.start), left_edge


def _sides(view, all_views, start, end, cue: Cue, taken: frozenset | set = frozenset()):
    """(subjects, objects, clause left edge) for one reading of a trigger.

    ``taken``: objects of earlier triggers in the sentence; "BMK and APAA, used to make
    amphetamine, seized in shipments from China": amphetamine is not what was shipped.
    """
    found = _left_candidates(view, start, end, cue)
    if found is None:
        return [], [], 0
    left, left_edge = found
    if cue.order == "STO":
        # an earlier object closed off by a comma ("…, both used to make amphetamine, have been
        # seized") is not the next subject; "views X as facilitating Y" keeps X
        left = [s for s in left if s.start not in taken or not any(t.text == "," for t in view.doc[s.end : start])]
    _, right_edge = view.window(start, end)
    right = sorted((s for s in view.slots if s.start >= end and s.end <= right_edge), key=lambda s: s.start)
    if cue.prefer_class and any(is_a(view, s, cue.prefer_class) for s in right):
        # "focused on the challenges facing law enforcement in Quebec": a meeting is about the place
        right = [s for s in right if is_a(view, s, cue.prefer_class)]
    if cue.max_gap and (not right or right[0].start - end > cue.max_gap):
        right = []  # common verbs ("make", "found in") count only with their object close by
    limit = cue.max_objects
    nominal = _nominal(view, start, end)

    def before(classes):  # the slot left of the trigger, else an anaphor standing there
        return run_of(view, left, classes, 0) or (
            [] if nominal else _resolve_anaphor(view, all_views, left_edge, start, classes)
        )

    def after(classes, candidates=right, cap=limit):
        found = run_of(view, candidates, classes, cap)
        if found or cue.max_gap:  # "making it cheaper": a close-object verb takes no pronoun object
            return found
        return _resolve_anaphor(view, all_views, end, right_edge, classes)

    if cue.order == "STO":
        return before(cue.subject_classes), after(cue.object_classes), left_edge
    if cue.order == "OTS":
        return after(cue.subject_classes), before(cue.object_classes), left_edge
    if cue.order == "SOT":
        adjacent = [s for s in left if s.end == start or (s.end == start - 1 and view.doc[s.end].text == "-")]
        if not adjacent:
            return [], [], left_edge
        objects = run_of(view, adjacent + [s for s in left if s not in adjacent], cue.object_classes, limit)
        first = min((o.start for o in objects), default=start)
        # "cocaine production in Colombia, Peru and Bolivia": where it happens follows the noun
        if end < len(view.doc) and view.doc[end].lower_ == "in":
            places = run_of(view, [s for s in right if s.start == end + 1] + right[1:], (str(RTG.Region),), 0)
            if places and places[0].start == end + 1 and fits(view, places[0], cue.subject_classes):
                return places, objects, left_edge
        return run_of(view, [s for s in left if s.end <= first], cue.subject_classes, 0), objects, left_edge
    # TSO: "focused the Roundtable on BC"
    subjects = after(cue.subject_classes, cap=1)
    later = [s for s in right if subjects and s.start >= subjects[0].end]
    return subjects, run_of(view, later, cue.object_classes, limit), left_edge


def _one_list(view: SentenceView, first: Slot, second: Slot) -> bool:
    """The parse puts both in one coordination or apposition: items of a list are not related."""
    if first.via_anaphor or second.via_anaphor:
        return False
    doc = view.doc
    a, b = head_of(doc, first.start, first.end), head_of(doc, second.start, second.end)
    return b in expand(a) or a in expand(b)


def _denied_report(view: SentenceView, start: int) -> bool:
    """ "CISC does not assess that Canada is a source of fentanyl": the report is denied."""
    doc = view.doc
    for match in view.cues("AttributionCue"):
        if match.end <= start and match.end < len(doc) and doc[match.end].lower_ == "that":
            if view.negated(max(0, match.start - 3), match.start):
                return True
    return False


_ASIDES = ("acl:relcl", "acl", "appos", "parataxis")


def _negated_here(view: SentenceView, start: int, end: int, trigger: int) -> bool:
    """A negation cue in [start, end) that is not inside an aside the trigger is outside of: in
    "bromazolam, a benzodiazepine that is not approved in Canada, was mixed with fentanyl" the
    "not" is the relative clause's."""
    doc = view.doc
    for match in view.cues("NegationCue"):
        if not (start <= match.start and match.end <= end):
            continue
        word, inside = doc[match.start], False
        for _ in range(12):
            if word.dep_ in _ASIDES and not (word.left_edge.i <= trigger <= word.right_edge.i):
                inside = True
                break
            if word.head.i == word.i:
                break
            word = word.head
        if not inside:
            return True
    return False


def _own_clause(trigger) -> int:
    """Left edge of the conjunct with a subject of its own that holds the trigger ("… do not come
    from here, and we will keep working with the CBSA": the "not" is the first conjunct's), else 0:
    where the trigger's scope (syntax.scope) stops."""
    last = scope(trigger)[-1]
    return last.left_edge.i if last.dep_ == "conj" and has_subject(last) else 0


def _nominal(view: SentenceView, start: int, end: int | None = None) -> bool:
    if end is not None and end - start > 1:
        return False  # "a presence in", "control of territory": noun cues made to follow their agent
    before = view.doc[max(0, start - 2) : start]
    # a trigger word right after a determiner or "in"/"of" is a noun ("the illegal
    # supply", "an increase in support"): its left neighbour is not its agent
    markers = view.lexicon.grammar("determiner") | view.lexicon.grammar("nominal-marker")
    return any(t.lower_ in markers for t in before) and view.free(before.start, start)


def _from_trigger(view: SentenceView, all_views, group, taken: set[int]):
    (start, end), cues = group
    found = []
    for cue in cues:
        subjects, objects, left_edge = _sides(view, all_views, start, end, cue, taken)
        if not subjects or not objects:
            continue
        taken.update(o.start for o in objects if o.start >= end)
        nearest_left = max((s.end for s in (*subjects, *objects) if s.end <= start), default=left_edge)
        negative = (_negated_here(view, max(nearest_left, _own_clause(view.doc[start])), start, start)
                    or _negated_here(view, end, min(o.start for o in objects), start) or _denied_report(view, start))
        # "recommends that the Home Office amend the Act", "calls for a review of the Act": what is to
        # change is no argument of the cue
        changing = view.lexicon.grammar("changing-word")
        def unchanged(slot: Slot) -> bool:
            return slot.start < end or not any(t.lemma_.lower() in changing
                                               for t in view.doc[end:slot.start])
        subjects, objects = [x for x in subjects if unchanged(x)], [o for o in objects if unchanged(o)]
        if not subjects or not objects:
            continue
        listed = lead_in(view)  # an item of a recommendation list, or a recommendation of its own
        modality = view.modality(left_edge, start) or (listed.modality if listed else "Asserted")
        iris = {s.iri for s in (*subjects, *objects)}
        source = view.attribution(start, iris, since=left_edge)
        if source is None and listed is not None and listed.speaker not in iris and listed.speaker:
            speaker = listed.speaker
        else:
            speaker = source.concept if source else None
        for rank_s, subject in enumerate(subjects):
            for rank_o, obj in enumerate(objects):
                if subject.iri == obj.iri or _one_list(view, subject, obj):
                    continue
                confidence = cue.confidence * min(subject.mention.confidence, obj.mention.confidence)
                if subject.via_anaphor or obj.via_anaphor:
                    confidence *= _ANAPHOR_FACTOR
                if rank_s or rank_o:
                    confidence *= 0.95
                found.append(
                    Assertion(
                        subject=subject.iri,
                        predicate=cue.predicate,
                        object=obj.iri,
                        evidence=(view.sentence.doc_id, view.sentence.index),
                        extractor=NAME,
                        polarity="Negative" if negative else "Positive",
                        modality=modality,
                        confidence=round(confidence, 2),
                        attributed_to=speaker,
                    )
                )
    return found
