"""Regions: countries, provinces and states, cities, world regions."""

from __future__ import annotations

from ..namespaces import RTG
from .base import DocumentContext, lexicon_mentions

__all__ = ["NAME", "STAGE", "extract"]

NAME = "regions"
STAGE = "mentions"


def extract(context: DocumentContext):
    # "New England", "New South Wales": a place named after another is not that place
    return lexicon_mentions(context, str(RTG.Region), extractor=NAME,
                            not_after=context.lexicon.grammar("place-renamer"))
