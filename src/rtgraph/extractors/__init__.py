"""The extractor registry: every extractor, in the order the pipeline runs them.

Adding an extractor is a new module with ``NAME``, ``STAGE`` ("mentions" or
"facts") and ``extract(context)``, plus one line below.
"""

from __future__ import annotations

from types import ModuleType

from ..errors import ExtractorError
from . import (
    actors,
    containment,
    dates,
    dependencies,
    events,
    methods,
    noun_phrases,
    policy_levers,
    regions,
    relations,
    statistics,
    structure,
    substances,
    trends,
)

__all__ = ["REGISTRY", "STAGES", "check_registry", "by_stage"]

STAGES = ("mentions", "facts")

REGISTRY: tuple[ModuleType, ...] = (
    actors,
    substances,
    regions,
    policy_levers,
    events,
    methods,
    noun_phrases,
    statistics,
    trends,
    dependencies,
    relations,
    structure,
    dates,
    containment,
)


def check_registry(registry: tuple[ModuleType, ...] = REGISTRY) -> None:
    """Fail early, naming the module, when an extractor is malformed."""
    names = set()
    for module in registry:
        name = getattr(module, "NAME", None)
        stage = getattr(module, "STAGE", None)
        if not isinstance(name, str) or not name:
            raise ExtractorError(f"extractor {module.__name__}: NAME must be a non-empty string, found {name!r}")
        if name in names:
            raise ExtractorError(f"extractor {module.__name__}: NAME {name!r} is used by another extractor")
        if stage not in STAGES:
            raise ExtractorError(f"extractor {module.__name__}: STAGE must be one of {STAGES}, found {stage!r}")
        if not callable(getattr(module, "extract", None)):
            raise ExtractorError(f"extractor {module.__name__}: has no extract(context) function")
        names.add(name)


def by_stage(stage: str, registry: tuple[ModuleType, ...] = REGISTRY) -> tuple[ModuleType, ...]:
    return tuple(m for m in registry if m.STAGE == stage)
