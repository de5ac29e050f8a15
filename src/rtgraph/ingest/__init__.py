"""Inputs: which files are documents (``paths``), bytes to text (``decode``, ``pdf``, ``docx``),
layout (``layout``) and ``Document`` records (``read``)."""

from .paths import MEDIA_TYPES, collect_paths, scan_paths
from .read import DEFAULT_MAX_BYTES, read_corpus, read_document

__all__ = ["read_corpus", "read_document", "collect_paths", "scan_paths", "MEDIA_TYPES", "DEFAULT_MAX_BYTES"]
