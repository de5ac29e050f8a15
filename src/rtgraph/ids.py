"""Stable identifiers: the ASCII slugs that document ids and minted entity IRIs use."""

from __future__ import annotations

import re
import unicodedata

__all__ = ["slugify"]


def slugify(text: str, *, fallback: str = "unnamed") -> str:
    """Lower-case ASCII words joined by '-' ("Montréal Police" -> "montreal-police")."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or fallback
