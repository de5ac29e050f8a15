"""Events: meetings (by their names), crises, court decisions."""

from __future__ import annotations

from ..namespaces import RTG
from .base import DocumentContext, lexicon_mentions
from .forms import name_form_mentions

__all__ = ["NAME", "STAGE", "extract"]

NAME = "events"
STAGE = "mentions"


def extract(context: DocumentContext):
    return lexicon_mentions(context, str(RTG.Event), extractor=NAME) + name_form_mentions(
        context, {str(RTG.Meeting), str(RTG.CourtDecision)}, extractor=NAME
    )
