"""End to end: the CLI on real files, the committed outputs, determinism, bad input."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SKOS

import rtgraph
from rtgraph.cli import main
from rtgraph.errors import QueryError
from rtgraph.namespaces import RTG
from rtgraph.validate import validate

from conftest import DATA, ROOT, SEED

OUTPUTS = ROOT / "outputs"


def _run_cli(*args, cwd=None, seed="0"):
    env = {**os.environ, "PYTHONHASHSEED": seed}
    src = str(ROOT / "src")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [src, env.get("PYTHONPATH")]))
    return subprocess.run([sys.executable, "-m", "rtgraph", *args], capture_output=True, text=True, cwd=cwd, env=env)


def test_committed_outputs_are_what_build_makes(seed_turtle, seed_graph):
    from rtgraph.html import render_html

    assert (OUTPUTS / "rtgraph.ttl").read_bytes() == seed_turtle, "rebuild: rtgraph build"
    assert (OUTPUTS / "rtgraph.html").read_bytes() == render_html(seed_graph).encode("utf-8")


def test_two_builds_identical_bytes_across_hash_seeds(tmp_path):
    digests = set()
    for seed in ("1", "4242"):
        out = tmp_path / seed
        result = _run_cli("build", str(DATA), "-o", str(out), seed=seed)
        assert result.returncode == 0, result.stderr
        assert "entities:" in result.stdout and "seconds:" in result.stdout
        digests.add(tuple(hashlib.sha256((out / n).read_bytes()).hexdigest() for n in ("rtgraph.ttl", "rtgraph.html")))
    assert len(digests) == 1


def test_built_graph_conforms_to_shapes(seed_graph):
    report = validate(seed_graph)
    assert report.conforms, report.text


def test_validate_command_on_committed_output(capsys):
    assert main(["validate", str(OUTPUTS / "rtgraph.ttl")]) == 0
    assert "conforms" in capsys.readouterr().out


def test_no_blank_nodes(seed_graph):
    assert not any(isinstance(term, BNode) for triple in seed_graph for term in triple)


def test_every_fact_has_evidence_that_slices_its_sentence(seed_graph):
    text = SEED.read_text(encoding="utf-8")
    facts = set()
    for cls in (RTG.Assertion, RTG.Statistic, RTG.Trend):
        facts |= set(seed_graph.subjects(RDF.type, cls))
    facts -= set(seed_graph.subjects(RDF.type, RTG.BackgroundAssertion))  # stated by no sentence
    assert len(facts) > 100
    for fact in facts:
        passages = list(seed_graph.objects(fact, RTG.evidence))
        assert passages, fact
        for passage in passages:
            start = seed_graph.value(passage, RTG.start).toPython()
            end = seed_graph.value(passage, RTG.end).toPython()
            assert text[start:end] == str(seed_graph.value(passage, RTG.text))


def test_background_facts_cite_no_sentence(tmp_path):
    """Vancouver is in British Columbia by the lexicon, not by the text: no evidence, no confidence."""
    doc = tmp_path / "doc.txt"
    doc.write_text("Police in Vancouver seized fentanyl.\n\nBritish Columbia recorded 2,000 deaths.\n", encoding="utf-8")
    graph = rtgraph.build([doc])
    vancouver, bc = (URIRef(f"https://w3id.org/rtgraph/resource/region/{n}") for n in ("vancouver", "british-columbia"))
    (fact,) = [a for a in graph.subjects(RDF.predicate, RTG.partOf) if (a, RDF.subject, vancouver) in graph]
    assert (fact, RDF.object, bc) in graph and (vancouver, RTG.partOf, bc) in graph
    assert {RTG.Assertion, RTG.BackgroundAssertion} <= set(graph.objects(fact, RDF.type))
    assert not list(graph.objects(fact, RTG.evidence)) and not list(graph.objects(fact, RTG.confidence))
    scheme = URIRef("https://w3id.org/rtgraph/lexicon#regions")
    assert list(graph.objects(fact, PROV.wasDerivedFrom)) == [scheme]
    assert (scheme, RDF.type, SKOS.ConceptScheme) in graph
    assert list(graph.objects(fact, RTG.bothMentionedIn)) == list(graph.subjects(RDF.type, RTG.Document))
    report = validate(graph)
    assert report.conforms, report.text
    assert rtgraph.to_networkx(graph).get_edge_data(str(vancouver), str(bc)) is None  # default: the text's only
    (edge,) = rtgraph.to_networkx(graph, background=True).get_edge_data(str(vancouver), str(bc)).values()
    assert edge["background"] is True and edge["evidence"] == [] and edge["confidence"] is None
    assert edge["derived_from"] == [str(scheme)] and edge["extractors"] == ["lexicon"]
    # the text facts beside it still cite their sentence
    stated = set(graph.subjects(RDF.type, RTG.Assertion)) - set(graph.subjects(RDF.type, RTG.BackgroundAssertion))
    assert all(list(graph.objects(a, RTG.evidence)) for a in stated)


def test_entities_have_one_label_and_materialized_types(seed_graph, seed_extraction):
    tops = {RTG.Actor, RTG.Substance, RTG.Region, RTG.PolicyLever, RTG.Event, RTG.Method}
    for entity in seed_extraction.entities:
        iri = URIRef(entity.iri)
        assert len(list(seed_graph.objects(iri, RDFS.label))) == 1
        types = set(seed_graph.objects(iri, RDF.type))
        assert len(types & tops) == 1, (entity.label, types)
        count = seed_graph.value(iri, RTG.mentionCount)
        assert isinstance(count, Literal) and count.toPython() == len(entity.mentions)
    ocgs = URIRef("https://w3id.org/rtgraph/resource/actor/organized-crime-groups")
    assert {RTG.CriminalGroup, RTG.Actor} <= set(seed_graph.objects(ocgs, RDF.type))


def test_one_node_per_concept(seed_extraction):
    labels = [e.label.lower() for e in seed_extraction.entities]
    assert len(labels) == len(set(labels))
    by_label = {e.label: e for e in seed_extraction.entities}
    assert {"meth", "methamphetamine"} & {m.text for m in by_label["methamphetamine"].mentions} == {"meth", "methamphetamine"}
    assert "BC" in {m.text for m in by_label["British Columbia"].mentions}


def test_negative_assertions_have_no_plain_triple(seed_graph):
    negatives = list(seed_graph.subjects(RTG.polarity, RTG.Negative))
    assert negatives
    for assertion in negatives:
        s, p, o = (seed_graph.value(assertion, x) for x in (RDF.subject, RDF.predicate, RDF.object))
        positive_twins = [
            a for a in seed_graph.subjects(RDF.subject, s)
            if seed_graph.value(a, RDF.object) == o and seed_graph.value(a, RDF.predicate) == p
            and seed_graph.value(a, RTG.polarity) == RTG.Positive
        ]
        if not positive_twins:
            assert (s, p, o) not in seed_graph


@pytest.fixture()
def existing_outputs(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "rtgraph.ttl").write_text("previous turtle")
    (out / "rtgraph.html").write_text("previous html")
    return out


def _bad(tmp_path, kind) -> Path:
    if kind == "missing":
        return tmp_path / "nope.txt"
    if kind == "empty":
        path = tmp_path / "empty.txt"
        path.write_text("  \n")
    elif kind == "binary":
        path = tmp_path / "binary.txt"
        path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    elif kind == "no-documents":
        path = tmp_path / "folder"
        path.mkdir()
        (path / "notes.csv").write_text("a,b\n")
    return path


@pytest.mark.parametrize("kind, words", [("empty", "empty"), ("binary", "binary")])
def test_bad_file_reported_good_files_still_build(tmp_path, existing_outputs, kind, words):
    bad = _bad(tmp_path, kind)
    result = _run_cli("build", str(DATA), str(bad), "-o", str(existing_outputs))
    assert result.returncode == 3
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert bad.name in lines[0] and words in lines[0].lower()
    assert "rtg:Document" in (existing_outputs / "rtgraph.ttl").read_text()


@pytest.mark.parametrize(
    "kind, words",
    [("missing", "no such file"), ("no-documents", "no documents")],
)
def test_bad_input_one_line_nonzero_outputs_untouched(tmp_path, existing_outputs, kind, words):
    bad = _bad(tmp_path, kind)
    result = _run_cli("build", str(DATA), str(bad), "-o", str(existing_outputs))
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert bad.name in lines[0] and words in lines[0].lower()
    assert (existing_outputs / "rtgraph.ttl").read_text() == "previous turtle"
    assert (existing_outputs / "rtgraph.html").read_text() == "previous html"
    assert sorted(p.name for p in existing_outputs.iterdir()) == ["rtgraph.html", "rtgraph.ttl"]


def test_build_default_paths_from_project_folder(tmp_path):
    project = tmp_path / "project"
    (project / "data").mkdir(parents=True)
    (project / "data" / "note.md").write_text("# Note\n\nThe RCMP seized fentanyl in Ontario.\n")
    result = _run_cli("build", cwd=project)
    assert result.returncode == 0, result.stderr
    assert (project / "outputs" / "rtgraph.ttl").is_file() and (project / "outputs" / "rtgraph.html").is_file()
    assert not (project / "lib").exists()


def test_query_command_prints_a_table(capsys):
    assert main(["query", str(OUTPUTS / "rtgraph.ttl"), "7"]) == 0
    out = capsys.readouterr().out
    assert "naloxone" in out and "Negative" in out and "rows)" in out


def test_query_unknown_name_is_one_clear_error(capsys):
    assert main(["query", str(OUTPUTS / "rtgraph.ttl"), "no-such-query"]) == QueryError.exit_code
    assert "no-such-query" in capsys.readouterr().err


def test_view_focus_writes_neighbourhood(tmp_path, capsys):
    out = tmp_path / "ocg.html"
    assert main(["view", str(OUTPUTS / "rtgraph.ttl"), "--focus", "OCGs", "--hops", "1", "-o", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert "organized crime groups" in page and "https://cdn" not in page


def test_python_api_round_trip(seed_graph, tmp_path):
    import rtgraph

    path = tmp_path / "g.ttl"
    path.write_bytes(seed_graph.serialize(format="turtle", encoding="utf-8"))
    G1, G2 = rtgraph.to_networkx(seed_graph), rtgraph.to_networkx(rtgraph.load(path))
    assert dict(G1.nodes(data=True)) == dict(G2.nodes(data=True))
    assert sorted(G1.edges(keys=True, data=True), key=repr) == sorted(G2.edges(keys=True, data=True), key=repr)
    assert all(not isinstance(n, Literal) for n in G1.nodes)


def test_installed_command_works_from_any_folder(tmp_path):
    """The wheel carries the ontology: the console script runs outside the source tree."""
    import shutil

    exe = shutil.which("rtgraph")
    if exe is None:
        if os.environ.get("CI"):
            pytest.fail("the rtgraph console script is not installed")
        pytest.skip("rtgraph is not installed in this environment (pip install .)")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    result = subprocess.run([exe, "build", str(SEED), "-o", str(tmp_path / "out")], capture_output=True,
                            text=True, cwd=tmp_path, env=env)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "rtgraph.ttl").read_bytes() == (OUTPUTS / "rtgraph.ttl").read_bytes()


def test_outputs_are_readable_by_others(tmp_path):
    """Analysts share outputs: files get the usual mode (not mkstemp's 0600)."""
    from rtgraph.atomic import write_files

    old = os.umask(0o022)
    try:
        write_files({tmp_path / "a.ttl": b"x"})
    finally:
        os.umask(old)
    assert (tmp_path / "a.ttl").stat().st_mode & 0o777 == 0o644
    assert [p.name for p in tmp_path.iterdir()] == ["a.ttl"]
