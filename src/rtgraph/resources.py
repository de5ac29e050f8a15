"""Where the packaged data lives: ontology/ (shipped inside the wheel) and queries/."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from .errors import LexiconError

__all__ = ["ontology_dir", "queries_dir", "model_dir"]

_PACKAGE = Path(__file__).resolve().parent


@cache
def ontology_dir() -> Path:
    """The ontology folder: inside the installed package, or the source checkout's."""
    for candidate in (_PACKAGE / "ontology", _PACKAGE.parent.parent / "ontology"):
        if (candidate / "rtgraph.ttl").is_file():
            return candidate
    raise LexiconError(
        f"ontology files not found: expected rtgraph.ttl in {_PACKAGE / 'ontology'} "
        "(installed) or in the source checkout's ontology/; reinstall rtgraph"
    )


def queries_dir() -> Path:
    return _PACKAGE / "queries"


@cache
def model_dir() -> Path:
    """rtgraph's trained English pipeline (training/train.py), shipped inside the package."""
    path = _PACKAGE / "models" / "en_rtgraph"
    if not (path / "config.cfg").is_file():
        raise LexiconError(
            f"trained pipeline not found: expected {path}/config.cfg; reinstall rtgraph "
            "or rebuild it with python training/train.py"
        )
    return path
