"""rtgraph serve: the built graph behind a real Oxigraph server, queried over the SPARQL protocol."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from oxigraph_server import answers, free_port, oxigraph, select, stop

from rtgraph import serve as serve_module
from rtgraph.errors import GraphError, ServerError
from rtgraph.serve import find_oxigraph

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
INSERT = "INSERT DATA { <https://example.org/a> <https://example.org/b> <https://example.org/c> }"


@pytest.fixture(scope="module")
def seed_file(tmp_path_factory, seed_turtle):
    path = tmp_path_factory.mktemp("serve") / "rtgraph.ttl"
    path.write_bytes(seed_turtle)
    return path


def _start(args, tmp_path: Path) -> tuple[subprocess.Popen, str, Path]:
    port = free_port()
    scratch = tmp_path / "tmp"
    scratch.mkdir(exist_ok=True)
    env = dict(os.environ, TMPDIR=str(scratch))  # where serve puts its temporary store
    process = subprocess.Popen([sys.executable, "-m", "rtgraph", "serve", *map(str, args), "--port", str(port)],
                               stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, env=env)
    return process, f"http://127.0.0.1:{port}", scratch


def _wait_for_output(process: subprocess.Popen, last: str, seconds: float = 60.0) -> list[str]:
    """The lines serve prints, up to and including ``last`` (read in a thread, with a deadline)."""
    lines: list[str] = []

    def read():
        for line in process.stdout:
            lines.append(line.rstrip("\n"))
            if line.startswith(last):
                return

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(seconds)
    assert lines and lines[-1].startswith(last), f"serve printed {lines!r}"
    return lines


def _interrupt(process: subprocess.Popen, sig=signal.SIGINT) -> tuple[int, str, str]:
    process.send_signal(sig)
    try:
        out, err = process.communicate(timeout=30)
    finally:
        stop(process)
    return process.returncode, out, err


def _update(base: str) -> int:
    data = urllib.parse.urlencode({"update": INSERT}).encode()
    try:
        with urllib.request.urlopen(urllib.request.Request(f"{base}/update", data=data), timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


def test_serve_turtle_read_only_then_ctrl_c(seed_file, seed_graph, tmp_path):
    process, base, scratch = _start([seed_file], tmp_path)
    try:
        printed = _wait_for_output(process, "Ctrl-C to stop")
        assert f"query:  {base}/query" in printed
        assert answers(base)
        assert int(select(base, COUNT)[0]["n"]) == len(seed_graph)
        rows = select(base, """PREFIX rtg: <https://w3id.org/rtgraph/ontology#>
            PREFIX dcterms: <http://purl.org/dc/terms/>
            SELECT ?title WHERE { ?d a rtg:Document ; dcterms:title ?title }""")
        assert rows == [{"title": "Fourth Law Enforcement Roundtable on Drugs"}]
        assert _update(base) == 403  # read-only
        assert int(select(base, COUNT)[0]["n"]) == len(seed_graph)
        assert list(scratch.iterdir())  # the temporary store exists while serving
    finally:
        code, out, err = _interrupt(process)
    assert code == 0, err
    assert printed[0] == f"serving {seed_file} read-only"
    assert out.strip() == "stopped"
    assert "Traceback" not in err
    assert not answers(base)  # the Oxigraph child is gone
    assert list(scratch.iterdir()) == []  # and its temporary store removed


def test_serve_store_folder_writable_keeps_updates(seed_file, seed_graph, tmp_path):
    store = tmp_path / "store"
    done = subprocess.run([find_oxigraph(), "load", "--location", str(store), "--file", str(seed_file)],
                          check=False, capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr
    process, base, _ = _start([store, "--writable"], tmp_path)
    try:
        printed = _wait_for_output(process, "Ctrl-C to stop")
        assert _update(base) == 204
        assert int(select(base, COUNT)[0]["n"]) == len(seed_graph) + 1
    finally:
        code, _, err = _interrupt(process, signal.SIGTERM)  # stops as cleanly as Ctrl-C
    assert code == 0, err
    assert printed[0] == f"serving {store} read-write" and f"update: {base}/update" in printed
    with oxigraph(find_oxigraph(), store, read_only=True) as again:  # the store folder kept the update
        assert int(select(again, COUNT)[0]["n"]) == len(seed_graph) + 1


def _serve_fails(args, tmp_path) -> str:
    process, _, _ = _start(args, tmp_path)
    try:
        out, err = process.communicate(timeout=60)
    finally:
        stop(process)
    assert process.returncode == GraphError.exit_code, (out, err)
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    return lines[0]


def test_serve_port_in_use(seed_file, tmp_path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        process = subprocess.run(
            [sys.executable, "-m", "rtgraph", "serve", str(seed_file), "--port", str(port)],
            check=False, capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
    assert process.returncode == ServerError.exit_code
    assert process.stderr.strip() == f"rtgraph: error: port {port} on 127.0.0.1 is in use: choose another with --port"


def test_serve_bad_graphs(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix ex: <https://example.org/> .\nex:a ex:b ex:c .\nex:a ex:b\n", encoding="utf-8")
    line = _serve_fails([bad], tmp_path)
    assert "cannot load the graph" in line and "bad.ttl" in line and "line 4" in line
    assert "missing.ttl: cannot serve: no such file" in _serve_fails([tmp_path / "missing.ttl"], tmp_path)
    folder = tmp_path / "folder"
    folder.mkdir()
    assert "not an Oxigraph store" in _serve_fails([folder], tmp_path)


def test_binary_missing(monkeypatch, tmp_path):
    monkeypatch.setattr(serve_module.shutil, "which", lambda name: None)
    monkeypatch.setattr(serve_module.sys, "executable", str(tmp_path / "bin" / "python"))
    with pytest.raises(ServerError, match=r"oxigraph server binary not found.*pip install oxigraph"):
        find_oxigraph()


def test_binary_found_next_to_python(monkeypatch, tmp_path):
    binary = tmp_path / "bin" / "oxigraph"
    binary.parent.mkdir()
    binary.write_text("#!/bin/sh\n")
    binary.chmod(0o755)
    monkeypatch.setattr(serve_module.shutil, "which", lambda name: None)
    monkeypatch.setattr(serve_module.sys, "executable", str(tmp_path / "bin" / "python"))
    assert find_oxigraph() == str(binary)
