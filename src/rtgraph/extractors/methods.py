"""Methods and equipment: transport routes, marketing channels, labs, pill presses."""

from __future__ import annotations

from ..namespaces import RTG
from .base import DocumentContext, lexicon_mentions

__all__ = ["NAME", "STAGE", "extract"]

NAME = "methods"
STAGE = "mentions"


def extract(context: DocumentContext):
    return lexicon_mentions(context, str(RTG.Method), extractor=NAME)
