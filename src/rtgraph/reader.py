"""Compatibility name of ``rtgraph.ingest`` (the input package), for code written before it."""

from .ingest import DEFAULT_MAX_BYTES, MEDIA_TYPES, collect_paths, read_corpus, read_document, scan_paths

__all__ = ["read_corpus", "read_document", "collect_paths", "scan_paths", "MEDIA_TYPES", "DEFAULT_MAX_BYTES"]
