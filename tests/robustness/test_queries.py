"""Every SPARQL form works or is refused in one line; nothing reaches the network; parameters are bound."""

from __future__ import annotations

import json
import socket
import threading

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS

from .cli_runner import run_cli
from rtgraph.cli import main
from rtgraph.errors import QueryError
from rtgraph.namespaces import RTG

NALOXONE = "https://w3id.org/rtgraph/resource/substance/naloxone"


@pytest.fixture(scope="module")
def built(tmp_path_factory, seed_turtle):
    """The seed graph as written by rtgraph build, and a store loaded from it."""
    folder = tmp_path_factory.mktemp("graph")
    ttl = folder / "rtgraph.ttl"
    ttl.write_bytes(seed_turtle)
    assert main(["load", str(ttl), "--store", str(folder / "store")]) == 0
    return ttl, folder / "store"


def _query(capsys, graph, *argv):
    code = main(["query", str(graph), *map(str, argv)])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("where", ["ttl", "store"])
@pytest.mark.parametrize("text, fmt, expected", [
    ("ASK { ?d a rtg:Document }", "table", "true\n"),
    ("ASK { ?d a rtg:NoSuchClass }", "table", "false\n"),
    ("ASK { ?d a rtg:Document }", "json", {"head": {}, "boolean": True}),
    ("ASK { ?d a rtg:NoSuchClass }", "json", {"head": {}, "boolean": False}),
])
def test_ask_prints_true_or_false(capsys, built, where, text, fmt, expected):
    code, out, err = _query(capsys, built[0] if where == "ttl" else built[1], "-e", text, "--format", fmt)
    assert code == 0, err
    assert (json.loads(out) if fmt == "json" else out) == expected


CONSTRUCT = "CONSTRUCT { ?s rdfs:label ?l } WHERE { ?s a rtg:Substance ; rdfs:label ?l }"
DESCRIBE = f"DESCRIBE <{NALOXONE}>"


@pytest.mark.parametrize("where", ["ttl", "store"])
@pytest.mark.parametrize("fmt", ["table", "turtle", "nt"])
def test_construct_prints_the_graph(capsys, built, seed_graph, where, fmt):
    code, out, err = _query(capsys, built[0] if where == "ttl" else built[1], "-e", CONSTRUCT, "--format", fmt)
    assert code == 0, err
    got = Graph().parse(data=out, format="nt" if fmt == "nt" else "turtle")
    expected = {(s, RDFS.label, seed_graph.value(s, RDFS.label)) for s in seed_graph.subjects(RDF.type, RTG.Substance)}
    assert set(got) == expected and len(expected) > 5
    if fmt == "nt":
        assert out.splitlines() == sorted(out.splitlines())


@pytest.mark.parametrize("where", ["ttl", "store"])
def test_describe_prints_the_resource(capsys, built, seed_graph, where):
    code, out, err = _query(capsys, built[0] if where == "ttl" else built[1], "-e", DESCRIBE, "--format", "nt")
    assert code == 0, err
    got = Graph().parse(data=out, format="nt")
    assert set(seed_graph.triples((URIRef(NALOXONE), None, None))) <= set(got)


@pytest.mark.parametrize("text", [CONSTRUCT, DESCRIBE])
def test_graph_results_are_byte_identical_across_hash_seeds(built, text):
    outputs = {run_cli("query", built[0], "-e", text, seed=seed).stdout for seed in ("1", "977")}
    assert len(outputs) == 1 and next(iter(outputs))


@pytest.mark.parametrize("form, fmt", [("ASK { ?s ?p ?o }", "nt"), (CONSTRUCT, "csv"), (CONSTRUCT, "json")])
def test_format_that_does_not_fit_the_form_is_one_line(capsys, built, form, fmt):
    code, out, err = _query(capsys, built[0], "-e", form, "--format", fmt)
    assert code == 2 and out == "" and len(err.splitlines()) == 1 and f"--format {fmt}" in err


@pytest.mark.parametrize("name, data, words", [
    ("binary", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00", "a binary file, not a query"),
    ("latin1", "# caf\xe9\nASK { ?s ?p ?o }".encode("latin-1"), "not UTF-8 text (byte 5)"),
    ("utf16", "ASK { ?s ?p ?o }".encode("utf-16"), "saved as UTF-8"),
])
def test_unreadable_query_file_is_one_line(capsys, built, tmp_path, name, data, words):
    rq = tmp_path / f"{name}.rq"
    rq.write_bytes(data)
    code, out, err = _query(capsys, built[0], rq)
    assert code == QueryError.exit_code and out == ""
    assert err.splitlines() == [f"rtgraph: error: {rq}: " + err.split(f"{rq}: ", 1)[1].strip()] and words in err


@pytest.mark.parametrize("text, line, column", [
    ("SELECT ?s WHERE { ?s ?p }", 1, 19),
    ("SELECT ?s\nWHERE {\n  ?s ?p ?o . FILTER( }", 3, 14),
    ("ASK {", 1, 1),
    ("PREFIX x: <http://x/>\nCONSTRUCT { ?s ?p } WHERE { ?s ?p ?o }", 2, 11),
])
def test_syntax_error_names_line_and_column(capsys, built, tmp_path, text, line, column):
    rq = tmp_path / "bad.rq"
    rq.write_text(text, encoding="utf-8")
    code, _, err = _query(capsys, built[0], rq)
    assert code == QueryError.exit_code and len(err.splitlines()) == 1
    assert f"{rq}: SPARQL syntax error at line {line}, column " in err
    assert int(err.split(", column ")[1].split(":")[0]) >= column


@pytest.mark.parametrize("text, found", [
    ("LOAD <http://127.0.0.1:1/g.ttl>", "LOAD"),
    ("INSERT DATA { <http://x/a> <http://x/b> <http://x/c> }", "INSERT DATA"),
    ("DELETE WHERE { ?s ?p ?o }", "DELETE WHERE"),
    ("CLEAR ALL", "CLEAR"),
    ("DROP DEFAULT", "DROP"),
])
@pytest.mark.parametrize("network", [False, True])
def test_updates_are_refused_even_with_network(capsys, built, text, found, network):
    argv = ["-e", text, *(["--allow-network"] if network else [])]
    code, out, err = _query(capsys, built[1], *argv)
    assert code == QueryError.exit_code and out == "" and len(err.splitlines()) == 1
    assert f"update operations are refused, found {found}" in err


class Listener:
    """A local TCP socket that records every connection attempt and closes it at once."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self.running = True
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self):
        while self.running:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            conn.close()

    def close(self):
        self.running = False
        self.thread.join()
        self.sock.close()


@pytest.fixture()
def listener():
    server = Listener()
    yield server
    server.close()


NETWORK = [
    ("service", "SELECT * WHERE { SERVICE <http://127.0.0.1:{port}/sparql> { ?s ?p ?o } }", "SERVICE is refused"),
    ("service-silent", "SELECT * WHERE { ?a ?b ?c . SERVICE SILENT <http://127.0.0.1:{port}/> { ?s ?p ?o } }",
     "SERVICE is refused"),
    ("nested-service", "SELECT * WHERE { { SELECT ?s WHERE { SERVICE <http://127.0.0.1:{port}/> { ?s ?p ?o } } } }",
     "SERVICE is refused"),
    ("from", "SELECT * FROM <http://127.0.0.1:{port}/g.ttl> WHERE { ?s ?p ?o }", "FROM <http://127.0.0.1"),
    ("from-named", "ASK FROM NAMED <http://127.0.0.1:{port}/g.ttl> { GRAPH ?g { ?s ?p ?o } }", "FROM <http://127.0.0.1"),
]


@pytest.mark.parametrize("where", ["ttl", "store"])
@pytest.mark.parametrize("name, text, words", NETWORK, ids=[n[0] for n in NETWORK])
def test_network_access_is_refused_before_any_connection(capsys, built, listener, where, name, text, words):
    code, out, err = _query(capsys, built[0] if where == "ttl" else built[1], "-e",
                            text.replace("{port}", str(listener.port)))
    assert code == QueryError.exit_code and out == "" and len(err.splitlines()) == 1 and words in err
    assert "--allow-network" in err
    assert listener.connections == 0


def test_allow_network_lets_service_connect(capsys, built, listener):
    """The listener does see a connection when the network is allowed: the refusal above is real."""
    text = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{listener.port}/sparql> {{ ?s ?p ?o }} }}"
    code, _, err = _query(capsys, built[0], "-e", text, "--allow-network")
    assert listener.connections >= 1
    assert code == QueryError.exit_code and len(err.splitlines()) == 1  # the listener answers nothing


INJECTIONS = [
    'naloxone" ) } UNION { ?s ?p ?o } #',
    "naloxone' } ; DROP ALL ; SELECT * { ?s ?p ?o",
    '"}\nSELECT * WHERE { ?s ?p ?o } #',
    "<http://x/> } UNION { ?s ?p ?o",
]


@pytest.mark.parametrize("where", ["ttl", "store"])
@pytest.mark.parametrize("value", INJECTIONS)
def test_param_value_is_a_term_not_query_text(capsys, built, where, value):
    text = "SELECT ?s WHERE { ?s rdfs:label ?l FILTER (STR(?l) = ?name) }"
    graph = built[0] if where == "ttl" else built[1]
    code, out, err = _query(capsys, graph, "-e", text, "--param", "name=naloxone", "--format", "csv")
    assert code == 0, err
    assert out.splitlines()[1:] == [NALOXONE]
    code, out, err = _query(capsys, graph, "-e", text, "--param", f"name={value}", "--format", "csv")
    assert code == 0, err
    assert out.splitlines() == ["s"]  # bound as one literal that is no label: no row, nothing dropped
    assert _query(capsys, graph, "-e", "ASK { ?s ?p ?o }")[1] == "true\n"
