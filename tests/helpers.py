"""Shared fixtures for the extractor tests: tiny hand-written documents.

``run(tmp_path, text)`` writes ``text`` to ``tmp_path / "doc.txt"``, runs
``rtgraph.pipeline.extract`` on it and returns a ``View``: the extraction
reduced to labels and local names, so a test reads like a table row.

- ``view.entities``: class local name -> set of entity labels ("Agency" -> {"RCMP"})
- ``view.relations``: set of (subject label, predicate local name, object label,
  polarity, modality)
- ``view.statistics``: list of (value, unit)
- ``view.trends``: list of (direction, about labels as a tuple)
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from rtgraph.lexicon import load_lexicon
from rtgraph.model import Entity, Extraction, Statistic, Trend
from rtgraph.pipeline import extract

__all__ = ["View", "run", "write", "local"]


def local(iri: str | None) -> str | None:
    """Local name of an ontology IRI ("…#Agency" -> "Agency")."""
    if iri is None:
        return None
    return str(iri).rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def write(tmp_path: Path, text: str, name: str = "doc.txt") -> Path:
    path = Path(tmp_path) / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@dataclass(frozen=True)
class View:
    extraction: Extraction

    # -- entities -----------------------------------------------------------

    @property
    def by_iri(self) -> dict[str, Entity]:
        return {e.iri: e for e in self.extraction.entities}

    def label(self, iri) -> str:
        entity = self.by_iri.get(str(iri))
        return entity.label if entity else str(iri)

    @property
    def entities(self) -> dict[str, set[str]]:
        """Class local name -> labels of the entities whose most specific class it is."""
        found: dict[str, set[str]] = {}
        for entity in self.extraction.entities:
            found.setdefault(local(entity.cls), set()).add(entity.label)
        return found

    @property
    def labels(self) -> set[str]:
        return {e.label for e in self.extraction.entities}

    def entity(self, label: str) -> Entity:
        matches = [e for e in self.extraction.entities if e.label.lower() == label.lower()]
        assert len(matches) == 1, f"expected one entity labelled {label!r}, found {[e.label for e in self.extraction.entities]}"
        return matches[0]

    def is_a(self, label: str, cls: str) -> bool:
        """The entity's class is ``cls`` or a subclass of it (class local names)."""
        return cls in {local(t) for t in self.entity(label).types}

    def class_of(self, label: str) -> str:
        return local(self.entity(label).cls)

    # -- facts --------------------------------------------------------------

    @property
    def relations(self) -> set[tuple[str, str, str, str, str]]:
        found = set()
        for a in self.extraction.assertions:
            obj = self.label(a.object) if isinstance(a.object, str) else str(a.object)
            found.add((self.label(a.subject), local(a.predicate), obj, a.polarity, a.modality))
        return found

    @property
    def triples(self) -> set[tuple[str, str, str]]:
        """(subject, predicate, object) whatever the polarity and modality."""
        return {r[:3] for r in self.relations}

    def assertions(self, subject: str, predicate: str, obj: str | None = None):
        """The Assertion records behind one row (to look at attribution, evidence…)."""
        return [
            a for a in self.extraction.assertions
            if self.label(a.subject) == subject and local(a.predicate) == predicate
            and (obj is None or (self.label(a.object) if isinstance(a.object, str) else str(a.object)) == obj)
        ]

    @property
    def statistics(self) -> list[tuple[int | Decimal, str]]:
        return [(s.value, s.unit) for s in self.extraction.statistics]

    def statistic(self, value) -> Statistic:
        matches = [s for s in self.extraction.statistics if s.value == value]
        assert len(matches) == 1, f"expected one statistic {value!r}, found {self.statistics}"
        return matches[0]

    @property
    def trends(self) -> list[tuple[str, tuple[str, ...]]]:
        return [(t.direction, tuple(self.label(i) for i in t.about)) for t in self.extraction.trends]

    def trend(self, direction: str) -> Trend:
        matches = [t for t in self.extraction.trends if t.direction == direction]
        assert len(matches) == 1, f"expected one {direction} trend, found {self.trends}"
        return matches[0]


def run(tmp_path: Path, text: str, name: str = "doc.txt") -> View:
    """Extract one hand-written document."""
    return View(extract([write(tmp_path, text, name)], lexicon=load_lexicon()))


def run_many(tmp_path: Path, texts: dict[str, str]) -> View:
    """Extract several documents (file name -> text) in the given order."""
    paths = [write(tmp_path, text, name) for name, text in texts.items()]
    return View(extract(paths, lexicon=load_lexicon()))
