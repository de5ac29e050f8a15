"""Shared fixtures: one build of the shipped data/ per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SEED = DATA / "roundtable-2021-03.txt"


@pytest.fixture(scope="session")
def seed_extraction():
    from rtgraph.pipeline import extract

    return extract([DATA])


@pytest.fixture(scope="session")
def seed_graph(seed_extraction):
    from rtgraph.rdf import to_graph

    return to_graph(seed_extraction)


@pytest.fixture(scope="session")
def seed_turtle(seed_graph) -> bytes:
    from rtgraph.rdf import serialize

    return serialize(seed_graph)
