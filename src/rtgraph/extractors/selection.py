"""The class a frame selects for a proper name nothing else classes.

"Prairie Harm Reduction runs the supervised consumption site", "services are
offered by Cactus Montréal and Dopamine", "Los Chapitos traffic fentanyl":
no head noun, lexicon entry or detector type says what these names are, but
the frame they fill does, when its other argument is a known entity of the
class the frame wants. A frame opts in with ``rtl:formClass`` (frames.ttl):
the class a name in its actor role gets (``rtg:Organization`` for "run",
``rtg:CriminalGroup`` for "traffic"). Only actor classes are selected this
way; a name after a title ("Dr.", "Mayor": a person) or that the detector
reads as a place is left alone.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..lexicon import Lexicon
from ..namespaces import RTG
from .syntax import roles, trigger_keys

__all__ = ["selected_class"]


def selected_class(lexicon: Lexicon, name: Token, *, start: int, end: int) -> str | None:
    """The ``rtl:formClass`` of a frame whose actor role the name headed by ``name`` (tokens
    [start, end)) fills while a known entity fills its other role; None if no frame says."""
    doc = name.doc
    actor = str(RTG.Actor)
    # the trained detector reads nearly every unknown name as a person, so its "person" counts only
    # after a title ("Dr. Shannon Hill runs the clinic"); a place stays a place
    if name.text.endswith("s") and name.text[:-1].isupper():
        return None  # "Canadian OCGs": a plural acronym abbreviates a common noun, not a name
    titles = lexicon.grammar("person-title")
    if any(t.lower_ in titles for t in doc[max(0, start - 2):end]):
        return None
    if any(ent.start < end and start < ent.end and ent.label_ == "place" for ent in doc.ents):
        return None
    first = name
    while first.dep_ in ("conj", "flat", "flat:name") and first.head.i != first.i:
        first = first.head  # "by Cactus Montréal and Dopamine": the first conjunct holds the role
    frames = lexicon.index_of("Frame")
    relativizers, light = lexicon.grammar("relativizer"), lexicon.grammar("light-verb")
    triggers = [first.head] if first.head.i != first.i else []
    # "the Drug Checking Lab, which runs the Substance service": the relative clause's verb
    triggers += [c for c in first.children if c.dep_ in ("acl:relcl", "acl") and c.pos_ == "VERB"]
    for trigger in triggers:
        if trigger.pos_ not in ("VERB", "NOUN"):
            continue  # "a joint initiative with the MFNPS" is a noun's frame
        args = roles(trigger, relativizers=relativizers, light_verbs=light, verb_cases=lexicon.grammar("verb-case"))
        held = [role for role, tokens in args.items() if first in tokens]
        for frame in (f for key in trigger_keys(trigger) for f in frames.get(key, ())):
            cls = frame.form_class
            if not cls or not lexicon.is_a(cls, actor):
                continue
            for role in held:
                if role in frame.subject_roles and _fits(lexicon, cls, frame.subject_classes):
                    others, wanted = frame.object_roles, frame.object_classes
                elif role in frame.object_roles and _fits(lexicon, cls, frame.object_classes):
                    others, wanted = frame.subject_roles, frame.subject_classes
                else:
                    continue
                if any(_fits(lexicon, known, wanted) for other in others for t in args.get(other, ())
                       if t is not first and (known := _known_class(lexicon, t)) is not None):
                    return cls
    return None


def _fits(lexicon: Lexicon, cls: str, classes) -> bool:
    return any(lexicon.is_a(cls, str(c)) for c in classes)


def _known_class(lexicon: Lexicon, token: Token) -> str | None:
    """The lexicon class of the phrase ``token`` heads: the longest lexicon name ending at it
    ("the province's only supervised consumption site"), or its lemma's."""
    doc = token.doc
    for start in range(token.left_edge.i, token.i + 1):
        concept = lexicon.concept_by_label(doc[start:token.i + 1].text)
        if concept is not None:
            return concept.cls
    concept = lexicon.concept_by_label(token.lemma_)
    return concept.cls if concept is not None else None
