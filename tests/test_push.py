"""rtgraph push: the built graph into a real Oxigraph server, one named graph per document."""

from __future__ import annotations

import base64
import http.server
import shutil
import threading
from pathlib import Path
from typing import ClassVar
from urllib.parse import quote

import pytest
from oxigraph_server import graph_ntriples, oxigraph, select, triples_per_graph

from rtgraph.cli import main
from rtgraph.errors import GraphError, PushError
from rtgraph.push import CORPUS_GRAPH, PUSHED_GRAPH, document_graph_iri, split_by_document
from rtgraph.serve import find_oxigraph

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "data" / "roundtable-2021-03.txt"
GENRE = ROOT / "tests" / "fixtures" / "genre" / "reuters-fentanyl-tariffs.txt"
SEED_GRAPH = document_graph_iri(SEED.name)


@pytest.fixture
def server(tmp_path):
    with oxigraph(find_oxigraph(), tmp_path / "store") as base:
        yield base


@pytest.fixture(scope="module")
def seed_file(tmp_path_factory, seed_turtle):
    path = tmp_path_factory.mktemp("push") / "rtgraph.ttl"
    path.write_bytes(seed_turtle)
    return path


def _build(paths, out: Path) -> Path:
    from rtgraph.pipeline import extract
    from rtgraph.rdf import serialize, to_graph

    out.write_bytes(serialize(to_graph(extract([str(p) for p in paths]))))
    return out


def _distinct(base: str) -> int:
    """Distinct triples over the pushed data graphs (the push record left out)."""
    rows = select(base, "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } "
                        f"FILTER (?g != <{PUSHED_GRAPH}>) }} }}")
    return int(rows[0]["n"])


def _recorded(base: str) -> set[str]:
    rows = select(base, f"SELECT ?g WHERE {{ GRAPH <{PUSHED_GRAPH}> {{ <{PUSHED_GRAPH}> "
                        "<http://purl.org/dc/terms/hasPart> ?g } }")
    return {row["g"] for row in rows}


def test_split_covers_the_graph_and_keeps_documents_apart(seed_graph):
    parts = split_by_document(seed_graph)
    assert list(parts) == [SEED_GRAPH, CORPUS_GRAPH]
    assert set().union(*map(set, parts.values())) == set(seed_graph)
    # corpus-wide counts stay out of the document's graph
    assert {str(p) for _, p, _ in parts[CORPUS_GRAPH]} == {"https://w3id.org/rtgraph/ontology#mentionCount"}
    doc = set(parts[SEED_GRAPH])
    assert not any(t in doc for t in parts[CORPUS_GRAPH])


def test_push_one_graph_per_document_and_again_replaces(server, seed_file, seed_graph, capsys):
    endpoint = f"{server}/store"
    assert main(["push", str(seed_file), "--endpoint", endpoint]) == 0
    out = capsys.readouterr().out
    expected = {iri: len(triples) for iri, triples in split_by_document(seed_graph).items()}
    assert f"pushed <{SEED_GRAPH}>  {expected[SEED_GRAPH]} triples" in out
    assert f"in 2 graph(s) to {endpoint}" in out

    counts = triples_per_graph(server)
    assert counts == {**expected, PUSHED_GRAPH: 2}  # the record lists the two graphs pushed
    assert _recorded(server) == {SEED_GRAPH, CORPUS_GRAPH}
    assert _distinct(server) == len(seed_graph)
    assert select(server, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")[0]["n"] == "0"  # default graph untouched
    # the document's own facts are in its graph
    rows = select(server, f"""PREFIX rtg: <https://w3id.org/rtgraph/ontology#>
        SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE {{ GRAPH <{SEED_GRAPH}> {{ ?a a rtg:Assertion ; rtg:evidence ?p }} }}""")
    assert int(rows[0]["n"]) > 50

    assert main(["push", str(seed_file), "--endpoint", endpoint]) == 0
    assert triples_per_graph(server) == counts  # replaced, not duplicated


def test_push_a_changed_document_replaces_only_its_graph(server, tmp_path, capsys):
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(SEED, docs / SEED.name)
    shutil.copy(GENRE, docs / GENRE.name)
    first = _build([docs], tmp_path / "first.ttl")
    endpoint = f"{server}/store"
    assert main(["push", str(first), "--endpoint", endpoint]) == 0
    genre_graph = document_graph_iri(GENRE.name)
    before = triples_per_graph(server)
    assert set(before) == {SEED_GRAPH, genre_graph, CORPUS_GRAPH, PUSHED_GRAPH}
    seed_before = graph_ntriples(server, SEED_GRAPH)
    genre_before = graph_ntriples(server, genre_graph)

    text = GENRE.read_text(encoding="utf-8")
    (docs / GENRE.name).write_text(text + "\nCustoms officers in Detroit seized 40 kilograms of carfentanil in 2024.\n",
                                   encoding="utf-8")
    second = _build([docs], tmp_path / "second.ttl")
    assert main(["push", str(second), "--endpoint", endpoint]) == 0
    after = triples_per_graph(server)
    assert set(after) == set(before)  # the edited document replaced its graph: no new graph beside it
    assert graph_ntriples(server, SEED_GRAPH) == seed_before
    genre_after = graph_ntriples(server, genre_graph)
    assert genre_after != genre_before
    marker = "Detroit seized 40 kilograms"  # the added sentence, as a passage of the edited document only
    assert any(marker in line for line in genre_after)
    assert not any(marker in line for line in seed_before)


def test_push_after_a_document_was_removed_deletes_only_its_graph(server, tmp_path, capsys):
    import urllib.request

    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(SEED, docs / SEED.name)
    shutil.copy(GENRE, docs / GENRE.name)
    endpoint = f"{server}/store"
    genre_graph = document_graph_iri(GENRE.name)
    # graphs the team keeps in the same store: one elsewhere, one in rtgraph's namespace that rtgraph never pushed
    foreign = {"https://example.org/graph/team-notes": b"<https://example.org/a> <https://example.org/b> \"c\" .\n",
               document_graph_iri("team-notes.txt"): b"<https://example.org/d> <https://example.org/e> \"f\" .\n"}
    for iri, body in foreign.items():
        request = urllib.request.Request(f"{endpoint}?graph={quote(iri, safe='')}", data=body, method="PUT",
                                         headers={"Content-Type": "application/n-triples"})
        urllib.request.urlopen(request, timeout=30).close()
    assert main(["push", str(_build([docs], tmp_path / "both.ttl")), "--endpoint", endpoint]) == 0
    assert _recorded(server) == {SEED_GRAPH, genre_graph, CORPUS_GRAPH}
    capsys.readouterr()

    (docs / GENRE.name).unlink()
    seed_only = _build([docs], tmp_path / "seed.ttl")
    assert main(["push", str(seed_only), "--endpoint", endpoint]) == 0
    assert f"deleted <{genre_graph}>: its document is no longer in the graph" in capsys.readouterr().out
    after = triples_per_graph(server)
    assert genre_graph not in after
    assert set(after) == {SEED_GRAPH, CORPUS_GRAPH, PUSHED_GRAPH, *foreign}
    assert all(after[iri] == 1 for iri in foreign)  # untouched
    from rtgraph.graphs import read_graph

    expected = split_by_document(read_graph(seed_only))
    assert {iri: after[iri] for iri in expected} == {iri: len(triples) for iri, triples in expected.items()}
    assert _recorded(server) == {SEED_GRAPH, CORPUS_GRAPH}
    assert _distinct(server) == len(read_graph(seed_only)) + len(foreign)

    assert main(["push", str(seed_only), "--endpoint", endpoint]) == 0  # nothing more to delete
    assert "deleted" not in capsys.readouterr().out
    assert triples_per_graph(server) == after


def test_push_into_one_named_graph(server, seed_file, seed_graph, capsys):
    iri = "https://example.org/graph/rtgraph"
    assert main(["push", str(seed_file), "--endpoint", f"{server}/store", "--graph", iri]) == 0
    assert triples_per_graph(server) == {iri: len(seed_graph)}
    assert f"pushed <{iri}>  {len(seed_graph)} triples" in capsys.readouterr().out


def test_push_refused_by_the_server_prints_its_message(tmp_path, seed_file, capsys):
    store = tmp_path / "store"
    with oxigraph(find_oxigraph(), store):  # creates the store folder
        pass
    with oxigraph(find_oxigraph(), store, read_only=True) as base:
        assert main(["push", str(seed_file), "--endpoint", f"{base}/store"]) == PushError.exit_code
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    # the push record is written first, before any graph it lists
    assert "HTTP 403" in err[0] and "The server is read-only" in err[0] and f"PUT of graph <{PUSHED_GRAPH}>" in err[0]


def test_push_unreachable_and_bad_arguments(tmp_path, seed_file, capsys, monkeypatch):
    from oxigraph_server import free_port

    assert main(["push", str(seed_file), "--endpoint", f"http://127.0.0.1:{free_port()}/store"]) == PushError.exit_code
    assert "cannot reach the endpoint" in capsys.readouterr().err
    assert main(["push", str(seed_file), "--endpoint", "ftp://example.org/store"]) == PushError.exit_code
    assert "expected an http:// or https:// URL" in capsys.readouterr().err
    assert main(["push", str(seed_file), "--endpoint", "http://127.0.0.1:1/store", "--graph", "not an iri"]) == PushError.exit_code
    assert "expected an absolute IRI" in capsys.readouterr().err
    monkeypatch.delenv("RTGRAPH_PASSWORD", raising=False)
    assert main(["push", str(seed_file), "--endpoint", "http://127.0.0.1:1/store", "--user", "bob"]) == PushError.exit_code
    assert "RTGRAPH_PASSWORD" in capsys.readouterr().err
    assert main(["push", str(tmp_path / "missing.ttl"), "--endpoint", "http://127.0.0.1:1/store"]) == GraphError.exit_code
    assert "missing.ttl" in capsys.readouterr().err


class _Recorder(http.server.BaseHTTPRequestHandler):
    """A Graph Store stand-in that wants HTTP Basic credentials bob:s3cret and holds no graphs."""

    seen: ClassVar[list] = []

    def _answer(self, body: bytes = b"") -> None:
        self.seen.append((self.command, self.path, self.headers.get("Authorization"),
                          self.headers.get("Content-Type"), body))
        if self.headers.get("Authorization") != "Basic " + base64.b64encode(b"bob:s3cret").decode():
            self._send(401, b"Unauthorized: bad credentials for this store")
        elif self.command == "GET":
            self._send(404, b"no such graph")
        else:
            self._send(204)

    def _send(self, status: int, message: bytes = b"") -> None:
        self.send_response(status)
        self.send_header("Content-Length", str(len(message)))
        self.end_headers()
        self.wfile.write(message)

    def do_PUT(self):
        self._answer(self.rfile.read(int(self.headers["Content-Length"])))

    def do_GET(self):
        self._answer()

    def log_message(self, *args):
        pass


@pytest.fixture
def recorder():
    _Recorder.seen = []
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/store", _Recorder.seen
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_push_password_comes_from_the_environment(recorder, seed_file, monkeypatch, capsys):
    endpoint, seen = recorder
    monkeypatch.setenv("RTGRAPH_PASSWORD", "wrong")
    assert main(["push", str(seed_file), "--endpoint", endpoint, "--user", "bob"]) == PushError.exit_code
    err = capsys.readouterr().err
    assert "HTTP 401" in err and "bad credentials for this store" in err and "wrong" not in err

    seen.clear()
    monkeypatch.setenv("RTGRAPH_PASSWORD", "s3cret")
    assert main(["push", str(seed_file), "--endpoint", endpoint, "--user", "bob"]) == 0
    # no record yet (404), so it is written first, listing the graphs that follow
    assert [(method, path) for method, path, *_ in seen] == [
        (method, "/store?graph=" + quote(iri, safe=""))
        for method, iri in (("GET", PUSHED_GRAPH), ("PUT", PUSHED_GRAPH), ("PUT", SEED_GRAPH), ("PUT", CORPUS_GRAPH))
    ]
    puts = [entry for entry in seen if entry[0] == "PUT"]
    assert all(kind == "application/n-triples" for _, _, _, kind, _ in puts)
    assert all(body.rstrip().endswith(b" .") for *_, body in puts)
    assert puts[0][-1].count(b"/terms/hasPart>") == 2
