"""Per-document extraction results cached by content and pipeline version.

A document's records depend on its text and structure and on the pipeline:
rtgraph's code, its ontology and lexicon files, and the trained model. The
key hashes all of them, so a changed document, or any change to rtgraph,
misses the cache and is extracted again; nothing is ever invalidated by hand.
Entries are written to a temporary file and renamed, so a killed build leaves
no half entry. A cache entry that cannot be read is ignored and rewritten.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from functools import cache
from pathlib import Path

from .model import Document
from .resources import model_dir, ontology_dir

__all__ = ["CACHE_DIR", "pipeline_version", "document_key", "load", "store"]

CACHE_DIR = ".rtgraph-cache"  # inside the output folder; hidden, so never read as an input
_PACKAGE = Path(__file__).resolve().parent


@cache
def pipeline_version() -> str:
    """Hash of everything that decides what a document yields: code, ontology, model."""
    model = model_dir()
    code = [p for pattern in ("*.py", "*.rq") for p in _PACKAGE.rglob(pattern) if model not in p.parents]
    files = [*code, *ontology_dir().rglob("*.ttl"), *(p for p in model.rglob("*") if p.is_file())]
    digest = hashlib.sha256()
    for path in sorted(p for p in files if "__pycache__" not in p.parts):
        digest.update(path.name.encode("utf-8") + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def document_key(document: Document) -> str:
    """The cache key of one document: its recorded content and the pipeline version."""
    digest = hashlib.sha256(pipeline_version().encode("ascii"))
    digest.update(pickle.dumps(document, protocol=4))
    return digest.hexdigest()


def load(folder: Path, key: str):
    """The cached records for ``key``, or None."""
    path = Path(folder) / f"{key}.pickle"
    try:
        with open(path, "rb") as handle:
            return pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        return None


def store(folder: Path, key: str, records) -> None:
    """Write one entry atomically; a cache that cannot be written is skipped, never fatal."""
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{key}.", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(records, handle, protocol=4)
        os.replace(tmp, folder / f"{key}.pickle")
    except OSError:
        pass
