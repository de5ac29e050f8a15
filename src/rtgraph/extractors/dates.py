"""When meetings and decisions took place: "hosted it virtually on March 4, 11 and 18, 2021".

A sentence that names one meeting or court decision (directly or as "the
Roundtable") and states full calendar dates gives an ``rtg:date`` assertion
per date, with the sentence as evidence.
"""

from __future__ import annotations

from rdflib import Literal
from rdflib.namespace import XSD

from ..model import Assertion
from ..namespaces import RTG
from .base import DocumentContext
from .clauses import views
from .periods import dates_in

__all__ = ["NAME", "STAGE", "extract"]

NAME = "dates"
STAGE = "facts"


def extract(context: DocumentContext) -> tuple[Assertion, ...]:
    found: list[Assertion] = []
    dated = (str(RTG.Meeting), str(RTG.CourtDecision))
    for view in views(context):
        events = {s.iri for s in view.slots if any(view.lexicon.is_a(s.mention.cls, c) for c in dated)}
        if len(events) != 1:
            continue
        (event,) = events
        for period in view.periods:
            for day in dates_in(view.doc, period, view.lexicon):
                found.append(
                    Assertion(
                        subject=event,
                        predicate=str(RTG.date),
                        object=Literal(day.isoformat(), datatype=XSD.date),
                        evidence=(view.sentence.doc_id, view.sentence.index),
                        extractor=NAME,
                        confidence=0.8,
                    )
                )
    return tuple(found)
