"""SPARQL without traps: @en text, materialized rtg:relatedTo, the README examples,
`rtgraph query` (formats, parameters, errors) and `rtgraph load` (the pyoxigraph store)."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from rdflib import RDF, RDFS, SKOS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS

from conftest import ROOT
from rtgraph.cli import main
from rtgraph.errors import GraphError, QueryError, UsageError
from rtgraph.graphs import is_store, load_store, read_graph
from rtgraph.namespaces import RTG
from rtgraph.query import display, list_queries, query, run_query
from rtgraph.rdf import serialize


@pytest.fixture(scope="module")
def seed_ttl(seed_graph, tmp_path_factory):
    path = tmp_path_factory.mktemp("seed") / "rtgraph.ttl"
    path.write_bytes(serialize(seed_graph))
    return path


@pytest.fixture(scope="module")
def store(seed_ttl, tmp_path_factory):
    folder = tmp_path_factory.mktemp("store") / "store"
    load_store([seed_ttl], folder)
    return folder


# ---------------------------------------------------------------- literals and rtg:relatedTo

@pytest.mark.parametrize("predicate", [RDFS.label, SKOS.altLabel, SKOS.hiddenLabel, DCTERMS.title, RTG.text])
def test_text_for_people_is_english(seed_graph, predicate):
    values = list(seed_graph.objects(None, predicate))
    assert values
    assert all(isinstance(v, Literal) and v.language == "en" for v in values), predicate


@pytest.mark.parametrize("predicate", [DCTERMS.source, RTG.sha256, RTG.extractor, RTG.unit, RTG.period,
                                       RTG.linkingWords])
def test_other_strings_are_plain(seed_graph, predicate):
    values = list(seed_graph.objects(None, predicate))
    assert values
    assert all(isinstance(v, Literal) and v.language is None and v.datatype is None for v in values), predicate


def _positive_pairs(graph):
    for a in graph.subjects(RTG.polarity, RTG.Positive):
        s, o = graph.value(a, RDF.subject), graph.value(a, RDF.object)
        if isinstance(o, URIRef):
            yield s, graph.value(a, RDF.predicate), o


def test_every_positive_relation_is_also_related_to(seed_graph):
    pairs = {(s, o) for s, _, o in _positive_pairs(seed_graph)}
    assert len(pairs) > 20
    related = set(seed_graph.subject_objects(RTG.relatedTo))
    assert related == pairs  # every positive relation, and nothing else
    # a negative assertion alone gives no triple: naloxone counters benzodiazepines is denied
    naloxone = URIRef("https://w3id.org/rtgraph/resource/substance/naloxone")
    benzos = URIRef("https://w3id.org/rtgraph/resource/substance/benzodiazepines")
    assert (naloxone, RTG.relatedTo, benzos) not in seed_graph


def test_every_relation_used_is_a_sub_property_of_related_to(seed_graph):
    ontology = Graph().parse(ROOT / "ontology" / "rtgraph.ttl")
    used = {p for _, p, _ in _positive_pairs(seed_graph)} - {RTG.relatedTo}
    assert used
    for p in used:
        assert (p, RDFS.subPropertyOf, RTG.relatedTo) in ontology, p


def test_related_to_needs_no_reasoner(seed_graph):
    columns, rows = run_query(seed_graph, "SELECT ?b WHERE { actor:organized-crime-groups rtg:relatedTo ?b }")
    assert {"cocaine", "latin-america"} <= {b for (b,) in rows}


# ---------------------------------------------------------------- the README's five examples

def _readme_examples() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text.split("<!-- sparql-examples -->", 1)[1].split("<!-- /sparql-examples -->", 1)[0]
    return re.findall(r"```sparql\n(.*?)```", block, flags=re.S)


def _has(*expected):
    return lambda rows: set(expected) <= set(rows)


EXAMPLES = [
    ("entity-by-alias", 0, {"name": "ocgs"},
     _has(("organized-crime-groups", "organized crime groups", "OCGs"))),
    ("entity-by-hidden-label", 0, {"name": "B.C."},
     _has(("british-columbia", "British Columbia", "B.C."))),
    ("entity-by-label", 0, {"name": "Fentanyl"}, _has(("fentanyl", "fentanyl", "fentanyl"))),
    ("relations-with-evidence", 1, {"a": "rtr:actor/organized-crime-groups", "b": "rtr:substance/cocaine"},
     lambda rows: any(r[0] == "movesAwayFrom" and "moving away from cocaine" in r[3] for r in rows)),
    ("sentence-section-document", 2, {"e": "rtr:substance/naloxone"},
     lambda rows: rows and all("naloxone" in r[0].lower() and r[3] and r[5] == "roundtable-2021-03.txt"
                               for r in rows)),
    ("statistics-period-region", 3, {},
     lambda rows: any(r[0] == "Canada" and r[1].startswith("Between January") and r[2] == "21174"
                      and r[3] == "deaths" for r in rows)),
    ("negative-and-expected", 4, {},
     lambda rows: ("naloxone", "counters", "benzodiazepines", "Negative", "Asserted") in {r[:5] for r in rows}
     and any(r[4] == "Expected" for r in rows) and all(r[3] == "Negative" or r[4] != "Asserted" for r in rows)),
]


def test_readme_has_five_examples():
    assert len(_readme_examples()) == 5


@pytest.mark.parametrize("name, index, params, check", EXAMPLES, ids=[e[0] for e in EXAMPLES])
def test_readme_example(seed_graph, store, name, index, params, check):
    text = _readme_examples()[index]
    columns, rows = run_query(seed_graph, text, params=params)
    assert check(rows), (name, rows)
    assert sorted(run_query(store, text, params=params)[1]) == sorted(rows)


# ---------------------------------------------------------------- rdflib and the store agree

def _normalized(rows):
    # GROUP_CONCAT's order is unspecified in SPARQL: compare its parts as a set
    return sorted(tuple("; ".join(sorted(c.split("; "))) for c in row) for row in rows)


@pytest.mark.parametrize("name", [n for n, _ in list_queries()])
def test_store_gives_the_same_rows(seed_graph, store, name):
    columns, rows = run_query(seed_graph, name)
    store_columns, store_rows = run_query(store, name)
    assert store_columns == columns
    assert _normalized(store_rows) == _normalized(rows)
    assert rows, name


@pytest.mark.parametrize("name", [n for n, _ in list_queries()])
def test_a_bound_column_selects_its_rows(seed_graph, store, name):
    """Binding the first column of a packaged query to a value it returns gives exactly the rows with that value,
    on rdflib and on the store (which also receives it as a trailing VALUES clause)."""
    from rtgraph.query import select

    columns, rows = select(seed_graph, name)
    value = sorted(rows, key=str)[len(rows) // 2][0]
    expected = _normalized([r for r in run_query(seed_graph, name)[1] if r[0] == display(value)])
    for graph in (seed_graph, store):
        bound = run_query(graph, name, params={columns[0]: value})[1]
        assert _normalized(bound) == expected, (graph, value)


def test_python_query_takes_any_graph(seed_graph, seed_ttl, store):
    text = "SELECT ?label WHERE { ?s rdfs:label ?label }"
    for graph in (seed_graph, seed_ttl, str(store), [seed_ttl]):
        assert query(graph, text, s="rtr:substance/naloxone") == (["label"], [("naloxone",)])


# ---------------------------------------------------------------- rtgraph query

def _run(capsys, *argv):
    code = main(["query", *map(str, argv)])
    out, err = capsys.readouterr()
    return code, out, err


def test_list_is_one_line_per_query(capsys):
    code, out, _ = _run(capsys, "--list")
    lines = out.splitlines()
    assert code == 0 and len(lines) == 15
    assert all(re.fullmatch(r"\d\d-[a-z0-9-]+  \S.*", line) for line in lines)


@pytest.mark.parametrize("where", ["ttl", "store"])
def test_w3c_json(capsys, seed_ttl, store, where):
    code, out, _ = _run(capsys, seed_ttl if where == "ttl" else store, "1", "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["head"]["vars"] == ["kind", "substance", "broader", "mentions", "aliases"]
    first = data["results"]["bindings"][0]
    assert first["substance"]["type"] == "literal" and first["substance"]["xml:lang"] == "en"
    assert first["mentions"]["datatype"] == "http://www.w3.org/2001/XMLSchema#integer"


def test_w3c_csv_and_tsv(capsys, seed_ttl):
    _, out, _ = _run(capsys, seed_ttl, "7", "--format", "csv")
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["substance", "polarity", "target", "evidence", "start", "end"]
    assert rows[1][:3] == ["naloxone", "Negative", "benzodiazepines"]
    _, out, _ = _run(capsys, seed_ttl, "7", "--format", "tsv")
    lines = out.splitlines()
    assert lines[0] == "?substance\t?polarity\t?target\t?evidence\t?start\t?end"
    assert lines[1].startswith('"naloxone"@en\t"Negative"\t"benzodiazepines"@en\t')
    assert lines[1].endswith('\t"5589"^^<http://www.w3.org/2001/XMLSchema#integer>'
                             '\t"5750"^^<http://www.w3.org/2001/XMLSchema#integer>')


def test_table_fits_the_terminal(capsys, monkeypatch, store):
    monkeypatch.setenv("COLUMNS", "80")
    _, out, _ = _run(capsys, store, "15")
    assert max(map(len, out.splitlines())) <= 80 and "…" in out
    _, wide, _ = _run(capsys, store, "15", "--wide")
    assert max(map(len, wide.splitlines())) > 120 and "…" not in wide


def test_table_shows_prefixed_names(capsys, seed_ttl):
    _, out, _ = _run(capsys, seed_ttl, "-e", "SELECT ?s ?p ?o WHERE { ?s ?p ?o ; a rtg:CriminalGroup . "
                                             "FILTER (?p = rtg:relatedTo) } ORDER BY ?o LIMIT 1")
    assert "rtr:actor/" in out and "rtg:relatedTo" in out and "https://" not in out


PARAMS = [
    ("prefixed-iri", "s=rtr:substance/naloxone", "SELECT ?label WHERE { ?s rdfs:label ?label }", ["naloxone"]),
    ("full-iri", "s=<https://w3id.org/rtgraph/resource/substance/naloxone>",
     "SELECT ?label WHERE { ?s rdfs:label ?label }", ["naloxone"]),
    ("plain-literal", "name=naloxone", "SELECT ?s WHERE { ?s rdfs:label ?l FILTER (STR(?l) = ?name) }",
     ["rtr:substance/naloxone"]),
    ("literal-is-not-an-iri", "s=naloxone", "SELECT ?label WHERE { ?s rdfs:label ?label }", []),
    ("never-pasted", 'name=x") } UNION { ?s ?p ?o FILTER ("', 
     "SELECT ?s WHERE { ?s rdfs:label ?l FILTER (STR(?l) = ?name) }", []),
    ("projected-never-pasted", 'label=naloxone" ) ( "fentanyl', "SELECT ?label WHERE { ?s rdfs:label ?label }", []),
    ("projected-bind", "kind=Stimulant",
     "SELECT DISTINCT ?kind WHERE { ?s a rtg:Substance BIND (\"Stimulant\" AS ?kind) }", ["Stimulant"]),
    ("own-trailing-values", "s=rtr:substance/naloxone",
     "SELECT ?s ?label WHERE { ?s rdfs:label ?label } VALUES ?label { \"naloxone\"@en \"fentanyl\"@en }",
     ["rtr:substance/naloxone"]),
]


@pytest.mark.parametrize("where", ["ttl", "store"])
@pytest.mark.parametrize("name, param, text, expected", PARAMS, ids=[p[0] for p in PARAMS])
def test_param_binds_an_rdf_term(capsys, seed_ttl, store, where, name, param, text, expected):
    code, out, err = _run(capsys, seed_ttl if where == "ttl" else store, "-e", text, "--param", param,
                          "--format", "csv")
    assert code == 0, err
    assert [row[0] for row in csv.reader(io.StringIO(out))][1:] == [
        e.replace("rtr:", "https://w3id.org/rtgraph/resource/") for e in expected]


ERRORS = [
    ("service", ["-e", "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"],
     QueryError.exit_code, "SERVICE is refused"),
    ("syntax", ["-e", "SELECT ?s WHERE { ?s ?p }"], QueryError.exit_code, "SPARQL syntax error at line 1, column 19"),
    ("unknown-query", ["no-such-query"], QueryError.exit_code, "no-such-query: no such query"),
    ("bad-param", ["1", "--param", "novalue"], UsageError.exit_code, "--param 'novalue': expected name=value"),
    ("graph-format", ["1", "--format", "nt"], UsageError.exit_code, "--format nt: a SELECT query gives results"),
]


@pytest.mark.parametrize("where", ["ttl", "store"])
@pytest.mark.parametrize("name, argv, status, message", ERRORS, ids=[e[0] for e in ERRORS])
def test_query_errors_are_one_line(capsys, seed_ttl, store, where, name, argv, status, message):
    code, out, err = _run(capsys, seed_ttl if where == "ttl" else store, *argv)
    assert code == status and out == ""
    assert len(err.splitlines()) == 1 and message in err, err


def test_service_is_refused_before_anything_is_fetched(seed_graph, monkeypatch):
    import urllib.request

    def no_network(*args, **kwargs):
        raise AssertionError("a request was made")

    monkeypatch.setattr(urllib.request, "urlopen", no_network)
    with pytest.raises(QueryError, match="SERVICE is refused"):
        run_query(seed_graph, "SELECT ?o WHERE { ?s ?p ?x . SERVICE SILENT <http://example.org/> { ?x ?q ?o } }")


def test_non_utf8_query_file(capsys, seed_ttl, tmp_path):
    rq = tmp_path / "latin1.rq"
    rq.write_bytes("# caf\xe9\nSELECT ?s WHERE { ?s ?p ?o }".encode("latin-1"))
    code, _, err = _run(capsys, seed_ttl, rq)
    assert code == QueryError.exit_code and "latin1.rq: not UTF-8 text (byte 5)" in err and len(err.splitlines()) == 1


def test_query_over_several_files(capsys, seed_ttl, tmp_path):
    extra = tmp_path / "extra.ttl"
    extra.write_text('<https://w3id.org/rtgraph/resource/actor/x> a <https://w3id.org/rtgraph/ontology#Agency> ;\n'
                     '  <http://www.w3.org/2000/01/rdf-schema#label> "X agency"@en .\n', encoding="utf-8")
    text = "SELECT ?l WHERE { ?a a rtg:Agency ; rdfs:label ?l }"
    _, one, _ = _run(capsys, seed_ttl, "-e", text, "--format", "csv")
    _, two, _ = _run(capsys, seed_ttl, extra, "-e", text, "--format", "csv")
    assert "X agency" not in one and len(two.splitlines()) == len(one.splitlines()) + 1


# ---------------------------------------------------------------- rtgraph load, read_graph

def test_load_then_read_back(capsys, seed_graph, seed_ttl, tmp_path):
    folder = tmp_path / "s"
    assert main(["load", str(seed_ttl), "--store", str(folder)]) == 0
    assert f"{len(seed_graph)} triples" in capsys.readouterr().out
    assert is_store(folder) and len(read_graph(folder)) == len(seed_graph)
    assert main(["load", str(seed_ttl), "--store", str(folder)]) == 0  # loading again adds nothing
    assert f"{len(seed_graph)} triples" in capsys.readouterr().out


def test_validate_and_view_accept_a_store(capsys, store, tmp_path):
    assert main(["validate", str(store)]) == 0
    assert "conforms" in capsys.readouterr().out
    page = tmp_path / "v.html"
    assert main(["view", str(store), "--focus", "naloxone", "-o", str(page)]) == 0
    assert "naloxone" in page.read_text(encoding="utf-8")


def test_load_refuses_bad_turtle_and_leaves_no_store(capsys, tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .\n", encoding="utf-8")
    assert main(["load", str(bad), "--store", str(tmp_path / "s")]) == GraphError.exit_code
    err = capsys.readouterr().err
    assert "bad.ttl: cannot read graph" in err and len(err.splitlines()) == 1
    assert not (tmp_path / "s").exists()


def test_load_refuses_a_folder_that_is_not_a_store(capsys, seed_ttl, tmp_path):
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    assert main(["load", str(seed_ttl), "--store", str(tmp_path)]) == GraphError.exit_code
    assert "exists and is not an empty folder or a store" in capsys.readouterr().err


READ_ERRORS = [
    ("missing", lambda d: d / "nowhere.ttl", "nowhere.ttl: cannot read graph: no such file"),
    ("plain-folder", lambda d: d, "cannot read graph: a folder that is not an rtgraph store"),
    ("bad-turtle", lambda d: (d / "b.ttl", (d / "b.ttl").write_text("this is not turtle <<<", encoding="utf-8"))[0],
     "b.ttl: cannot read graph: Turtle syntax error"),
    ("not-utf8", lambda d: (d / "l.ttl", (d / "l.ttl").write_bytes(b'<a:x> <a:y> "caf\xe9" .'))[0],
     "l.ttl: cannot read graph:"),
]


@pytest.mark.parametrize("name, make, message", READ_ERRORS, ids=[e[0] for e in READ_ERRORS])
def test_read_graph_errors(tmp_path, name, make, message):
    with pytest.raises(GraphError, match=re.escape(message)):
        read_graph([make(tmp_path)])
