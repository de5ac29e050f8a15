"""rtgraph stats: counts of a built graph, as text and JSON."""

from __future__ import annotations

import json

from rdflib import Graph
from test_netx import FIXTURE

from rtgraph.cli import main
from rtgraph.errors import GraphError
from rtgraph.stats import format_text, summary


def test_summary_counts_the_fixture():
    data = summary(Graph().parse(data=FIXTURE, format="turtle"))
    assert data["documents"] == {"count": 1, "titles": ["Roundtable on Illegal Drugs"]}
    assert data["entities"]["count"] == 11
    assert data["entities"]["by_top_class"] == {"Substance": 4, "Actor": 2, "Region": 2, "Event": 1,
                                                "Method": 1, "PolicyLever": 1}
    assert data["entities"]["by_class"]["CriminalGroup"] == 1
    r = data["relations"]
    assert r["count"] == 8  # assertions between entities (the date assertion is no relation)
    assert r["by_predicate"] == {"traffics": 3, "counters": 2, "operatesIn": 1, "partOf": 1, "uses": 1}
    assert r["by_polarity"] == {"Positive": 7, "Negative": 1}
    assert r["by_modality"] == {"Asserted": 5, "Possible": 2, "Expected": 1}
    assert r["edges"] == 7
    assert data["background_facts"] == 1 and data["statistics"] == 1
    assert data["trends"] == {"count": 1, "by_direction": {"Increase": 1}}
    best = data["best_connected"]
    assert [(e["label"], e["neighbours"]) for e in best[:4]] == [
        ("organized crime groups", 4), ("British Columbia", 2), ("fentanyl", 2), ("naloxone", 2)]  # ties by label
    assert all(e["neighbours"] > 0 for e in best) and len(best) <= 10


def test_stats_command_text_and_json(seed_graph, tmp_path, capsys):
    path = tmp_path / "seed.ttl"
    path.write_bytes(seed_graph.serialize(format="turtle", encoding="utf-8"))
    assert main(["stats", str(path)]) == 0
    text = capsys.readouterr().out
    assert text == format_text(summary(seed_graph))
    lines = text.splitlines()
    assert lines[0] == "documents:        1" and lines[1] == "  Fourth Law Enforcement Roundtable on Drugs"
    assert any(line.startswith("entities:") and "Actor" in line for line in lines)
    assert any(line.startswith("  polarity:") and "Negative" in line for line in lines)
    top = lines[lines.index("best connected (distinct neighbours):") + 1:]
    assert len(top) == 10 and "British Columbia" in top[0]
    assert main(["stats", str(path), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data == summary(seed_graph)
    assert data["relations"]["count"] == sum(data["relations"]["by_predicate"].values())
    assert data["statistics"] == 9 and data["trends"]["count"] == 47


def test_stats_missing_graph(tmp_path, capsys):
    assert main(["stats", str(tmp_path / "none.ttl")]) == GraphError.exit_code
    assert "none.ttl: cannot read graph: no such file" in capsys.readouterr().err
