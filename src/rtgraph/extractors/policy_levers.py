"""Policy levers: decriminalization, diversion, regulation, partnerships, strategies, directives."""

from __future__ import annotations

from ..namespaces import RTG
from .base import DocumentContext, lexicon_mentions
from .forms import after_actor_mentions, name_form_mentions

__all__ = ["NAME", "STAGE", "extract"]

NAME = "policy_levers"
STAGE = "mentions"


def extract(context: DocumentContext):
    # "the new Public Prosecution Service of Canada directive": the author's name
    # followed by the kind of instrument.
    authors = lexicon_mentions(context, str(RTG.Actor), extractor=NAME) + name_form_mentions(
        context, {str(RTG.Agency), str(RTG.Organization)}, extractor=NAME
    )
    return (
        lexicon_mentions(context, str(RTG.PolicyLever), extractor=NAME)
        + name_form_mentions(context, {str(RTG.PolicyLever)}, extractor=NAME)
        + after_actor_mentions(context, authors, extractor=NAME)
    )
