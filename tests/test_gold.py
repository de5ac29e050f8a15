"""Scores on a hand-annotated gold set of three genre documents (bench/gold/).

The gold was written independently of data/; these floors keep what was
reached when the set was made, so a change that loses precision or recall on
unseen-style text fails here. `python bench/gold.py` prints the error lists.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench" / "gold.py"


@pytest.fixture(scope="module")
def overall():
    spec = importlib.util.spec_from_file_location("rtgraph_gold", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.evaluate()[1]


@pytest.mark.parametrize(
    ("kind", "precision", "recall"),
    [("entities", 0.95, 0.95), ("relations", 0.9, 0.55), ("statistics", 0.9, 0.9)],
)
def test_gold_scores(overall, kind, precision, recall):
    score = overall[kind]
    assert score["precision"] >= precision and score["recall"] >= recall, score
