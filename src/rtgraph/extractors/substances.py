"""Substances: drugs, analogues, precursors, adulterants, medications."""

from __future__ import annotations

from ..namespaces import RTG
from .base import DocumentContext, lexicon_mentions
from .forms import drug_form_mentions

__all__ = ["NAME", "STAGE", "extract"]

NAME = "substances"
STAGE = "mentions"


def extract(context: DocumentContext):
    return lexicon_mentions(context, str(RTG.Substance), extractor=NAME) + drug_form_mentions(
        context, extractor=NAME
    )
