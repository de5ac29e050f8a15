"""``rtgraph diff``: what changed between two graphs, or two documents or meetings of one graph.

``sides`` reads what each side states from the RDF, ``changes`` matches the
two sides and lists what is new, gone and changed, ``render`` writes the
result as text or a self-contained HTML page (JSON is the result itself).
"""

from __future__ import annotations

from .changes import KINDS, STATUSES, compare
from .sides import Side, read_side, select_documents

__all__ = ["KINDS", "STATUSES", "Side", "compare", "read_side", "select_documents"]
