"""Background knowledge from the lexicon, for the entities a document names together.

A region mentioned with a containing region also in the document is
``rtg:partOf`` its nearest such ancestor (Vancouver → British Columbia →
Canada); an agency with a known jurisdiction ``rtg:operatesIn`` it when that
region is named in the document. No sentence of the document states these
facts, so they cite none: each is a background assertion derived from the
lexicon concept scheme of its subject (``rtl:regions`` for containment,
``rtl:actors`` for jurisdiction), with no confidence (nothing was read).
"""

from __future__ import annotations

from ..lexicon import Concept
from ..model import Assertion
from ..namespaces import RTG
from .base import DocumentContext

__all__ = ["NAME", "STAGE", "extract"]

NAME = "lexicon"
STAGE = "facts"


def extract(context: DocumentContext) -> tuple[Assertion, ...]:
    lexicon = context.lexicon
    named = {m.concept for mentions in (*context.mentions, *context.nested) for m in mentions}
    found: list[Assertion] = []
    for iri in sorted(i for i in named if i in lexicon.concepts):
        concept = lexicon.concepts[iri]
        # nearest mentioned ancestor along skos:broader
        frontier, seen = list(concept.broader), set()
        while frontier:
            parent = frontier.pop(0)
            if parent in seen:
                continue
            seen.add(parent)
            if parent in named and lexicon.is_a(concept.cls, str(RTG.Region)):
                found.append(_fact(concept, RTG.partOf, parent))
                break
            frontier.extend(lexicon.concepts[parent].broader)
        for region in concept.jurisdiction:
            if region in named:
                found.append(_fact(concept, RTG.operatesIn, region))
    return tuple(found)


def _fact(concept: Concept, predicate, obj: str) -> Assertion:
    """The subject's concept states the fact (skos:broader, rtl:jurisdiction): its scheme is the source."""
    return Assertion(
        subject=concept.iri, predicate=str(predicate), object=obj, evidence=None, extractor=NAME,
        confidence=None, derived_from=concept.scheme,
    )
