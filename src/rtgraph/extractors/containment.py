"""Background knowledge from the lexicon, tied to the sentences that need it.

A region mentioned with a containing region also in the document is
``rtg:partOf`` its nearest such ancestor (Vancouver → British Columbia →
Canada); an agency with a known jurisdiction ``rtg:operatesIn`` it when that
region is named in the document. Evidence is the first sentence naming the
contained region or the agency.
"""

from __future__ import annotations

from ..model import Assertion
from ..namespaces import RTG
from .base import DocumentContext

__all__ = ["NAME", "STAGE", "extract"]

NAME = "lexicon"
STAGE = "facts"


def extract(context: DocumentContext) -> tuple[Assertion, ...]:
    lexicon = context.lexicon
    first_mention: dict[str, tuple[str, int]] = {}
    for mentions in (*context.mentions, *context.nested):
        for mention in mentions:
            evidence = (mention.doc_id, mention.sentence)
            if mention.concept not in first_mention or evidence[1] < first_mention[mention.concept][1]:
                first_mention[mention.concept] = evidence
    found: list[Assertion] = []
    for iri in sorted(first_mention):
        concept = lexicon.concepts.get(iri)
        if concept is None:
            continue
        # nearest mentioned ancestor along skos:broader
        frontier, seen = list(concept.broader), set()
        while frontier:
            parent = frontier.pop(0)
            if parent in seen:
                continue
            seen.add(parent)
            if parent in first_mention and lexicon.is_a(concept.cls, str(RTG.Region)):
                found.append(_fact(iri, RTG.partOf, parent, first_mention[iri]))
                break
            frontier.extend(lexicon.concepts[parent].broader)
        for region in concept.jurisdiction:
            if region in first_mention:
                found.append(_fact(iri, RTG.operatesIn, region, first_mention[iri]))
    return tuple(found)


def _fact(subject, predicate, obj, evidence) -> Assertion:
    return Assertion(
        subject=subject, predicate=str(predicate), object=obj, evidence=evidence, extractor=NAME, confidence=0.9
    )
