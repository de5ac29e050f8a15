"""Regions: countries, provinces and states, cities, world regions."""

from __future__ import annotations

from ..namespaces import RTG
from .base import DocumentContext, lexicon_mentions

__all__ = ["NAME", "STAGE", "extract"]

NAME = "regions"
STAGE = "mentions"


def extract(context: DocumentContext):
    return lexicon_mentions(context, str(RTG.Region), extractor=NAME)
