"""The Python API (rtgraph.build, load, to_networkx, to_frames) and the README's examples, run as written."""

from __future__ import annotations

import re
import shlex
import shutil
import sys
from pathlib import Path

import networkx as nx
import pytest
from rdflib import RDF, Graph

import rtgraph
from rtgraph.cli import main
from rtgraph.namespaces import RTG

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _section(title: str) -> str:
    start = README.index(f"\n## {title}\n")
    end = README.find("\n## ", start + 1)
    return README[start:end if end != -1 else None]


def _blocks(text: str, lang: str) -> list[str]:
    return re.findall(rf"```{lang}\n(.*?)```", text, flags=re.S)


@pytest.fixture()
def workdir(tmp_path, monkeypatch):
    """A folder with data/ and outputs/rtgraph.ttl, as in a checkout, where examples may write."""
    (tmp_path / "data").symlink_to(ROOT / "data")
    (tmp_path / "outputs").mkdir()
    shutil.copy(ROOT / "outputs" / "rtgraph.ttl", tmp_path / "outputs" / "rtgraph.ttl")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_readme_python_examples_run(workdir, capsys):
    blocks = _blocks(_section("Use the graph"), "python")
    assert blocks and any("rtgraph.to_frames" in b for b in blocks)
    for code in blocks:
        namespace: dict = {}
        exec(compile(code, "README.md", "exec"), namespace)  # noqa: S102 - the README's own example
        assert isinstance(namespace["built"], Graph) and namespace["built"].rdf is namespace["built"]
    out = capsys.readouterr().out
    assert "['Negative', 'Positive']" in out and "OCGs" in out
    assert (workdir / "my-graph" / "rtgraph.ttl").is_file() and (workdir / "my-graph" / "rtgraph.html").is_file()


def test_readme_export_and_stats_examples_run(workdir, capsys):
    lines = [line for block in _blocks(_section("Use the graph"), "sh") for line in block.splitlines()
             if line.startswith(("rtgraph export", "rtgraph stats"))]
    formats = {shlex.split(line, comments=True)[4] for line in lines if line.startswith("rtgraph export")}
    assert formats == {"jsonld", "nt", "nq", "graphml", "gexf", "csv"}
    assert sum(line.startswith("rtgraph stats") for line in lines) == 2
    for line in lines:
        assert main(shlex.split(line, comments=True)[1:]) == 0, line
    for name in ("rtgraph.jsonld", "rtgraph.nt", "rtgraph.nq", "rtgraph.graphml", "rtgraph.gexf",
                 "tables/nodes.csv", "tables/edges.csv"):
        assert (workdir / name).stat().st_size > 0, name
    assert "best connected" in capsys.readouterr().out


def test_build_writes_what_the_cli_writes(tmp_path):
    doc = tmp_path / "doc.txt"
    doc.write_text("Organized crime groups traffic fentanyl in British Columbia.\n\n"
                   "Naloxone does not reverse benzodiazepines.\n", encoding="utf-8")
    built = rtgraph.build([doc])
    assert isinstance(built, rtgraph.Build) and isinstance(built.rdf, Graph)
    assert isinstance(built.nx, nx.MultiDiGraph) and built.nx is built.nx  # computed once
    assert sorted(built.nx.edges(keys=True)) == sorted(rtgraph.to_networkx(built.rdf).edges(keys=True))
    ttl, html = built.write(tmp_path / "api")
    assert main(["build", str(doc), "-o", str(tmp_path / "cli")]) == 0
    assert ttl.read_bytes() == (tmp_path / "cli" / "rtgraph.ttl").read_bytes()
    assert html.read_bytes() == (tmp_path / "cli" / "rtgraph.html").read_bytes()
    # the negative relation is no edge by default, an edge marked Negative when asked for
    assert all(d["polarity"] == "Positive" for *_, d in built.nx.edges(data=True))
    assert {d["polarity"] for *_, d in rtgraph.to_networkx(built, negative=True).edges(data=True)} == {
        "Positive", "Negative"}
    assert len(built + Graph()) == len(built)  # rdflib set operations still work on a Build


def test_to_frames(seed_graph):
    frames = rtgraph.to_frames(seed_graph)
    nodes, edges, statistics, trends = frames
    G = rtgraph.to_networkx(seed_graph)
    assert list(nodes["id"]) == list(G.nodes) and len(edges) == G.number_of_edges()
    assert set(edges["polarity"]) == {"Positive"} and set(edges["modality"]) == {"Asserted"}
    assert not edges["background"].any()
    every = rtgraph.to_frames(seed_graph, negative=True, hypothetical=True, background=True).edges
    assert set(every["polarity"]) == {"Positive", "Negative"} and every["background"].any()
    assert len(statistics) == len(set(seed_graph.subjects(RDF.type, RTG.Statistic))) == 9
    row = statistics[statistics["label"] == "21,174 apparent opioid toxicity deaths"].iloc[0]
    assert (row["value"], row["unit"]) == (21174.0, "deaths")
    assert row["text"].startswith("Between January 2016") and row["start"] < row["end"]
    assert row["document"] == "Fourth Law Enforcement Roundtable on Drugs" and row["region"] == "Canada"
    assert len(trends) == len(set(seed_graph.subjects(RDF.type, RTG.Trend)))
    assert set(trends["direction"]) >= {"Increase", "Decrease"}


def test_to_frames_without_pandas(seed_graph, monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)  # import pandas now raises ImportError
    with pytest.raises(rtgraph.RtgraphError, match=r'needs pandas.*pip install "rtgraph\[frames\]"'):
        rtgraph.to_frames(seed_graph)


def test_importing_rtgraph_loads_no_heavy_library_until_used():
    """The command line imports the package before it can catch Ctrl-C: that import stays light."""
    import subprocess
    import sys

    code = ("import sys, rtgraph; heavy = [m for m in ('rdflib', 'networkx', 'spacy') if m in sys.modules]; "
            "print(heavy); rtgraph.to_networkx; print('networkx' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.split("\n")[:2] == ["[]", "True"]
