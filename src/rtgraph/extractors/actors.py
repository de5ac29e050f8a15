"""Actors: criminal groups, agencies, platforms, organizations, communities, stakeholders."""

from __future__ import annotations

from ..namespaces import RTG
from .base import DocumentContext, lexicon_mentions
from .forms import name_form_mentions

__all__ = ["NAME", "STAGE", "extract"]

NAME = "actors"
STAGE = "mentions"


def extract(context: DocumentContext):
    return lexicon_mentions(context, str(RTG.Actor), extractor=NAME) + name_form_mentions(
        context, {str(RTG.Agency), str(RTG.Organization), str(RTG.CriminalGroup)}, extractor=NAME
    )
