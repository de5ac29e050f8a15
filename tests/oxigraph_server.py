"""Helpers for the tests that talk to a real Oxigraph server over HTTP (test_serve, test_push)."""

from __future__ import annotations

import json
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager

from rtgraph.serve import stop_process

HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def answers(base: str) -> bool:
    try:
        with urllib.request.urlopen(f"{base}/query?query=ASK%7B%7D", timeout=2):
            return True
    except urllib.error.HTTPError:
        return True
    except OSError:
        return False


def wait_until_answers(base: str, process: subprocess.Popen, seconds: float = 60.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            out, err = process.communicate(timeout=10)
            raise AssertionError(f"server exited with {process.returncode}: {out!r} {err!r}")
        if answers(base):
            return
        time.sleep(0.1)
    raise AssertionError(f"{base} did not answer within {seconds} s")


stop = stop_process  # the same shutdown rtgraph serve uses


@contextmanager
def oxigraph(binary: str, location, *, read_only: bool = False):
    """A real Oxigraph server on a free localhost port; yields its base URL."""
    port = free_port()
    base = f"http://{HOST}:{port}"
    mode = "serve-read-only" if read_only else "serve"
    process = subprocess.Popen([binary, mode, "--location", str(location), "--bind", f"{HOST}:{port}"],
                               stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        wait_until_answers(base, process)
        yield base
    finally:
        stop(process)
        process.communicate(timeout=10)


def select(base: str, query: str) -> list[dict[str, str]]:
    """SPARQL 1.1 Protocol query by GET; the bindings as {variable: value}."""
    url = f"{base}/query?{urllib.parse.urlencode({'query': query})}"
    request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        data = json.load(response)
    return [{k: v["value"] for k, v in row.items()} for row in data["results"]["bindings"]]


def triples_per_graph(base: str) -> dict[str, int]:
    rows = select(base, "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    return {row["g"]: int(row["n"]) for row in rows}


def graph_ntriples(base: str, iri: str) -> set[str]:
    """One named graph read back with the Graph Store Protocol (GET), as a set of N-Triples lines."""
    url = f"{base}/store?{urllib.parse.urlencode({'graph': iri})}"
    request = urllib.request.Request(url, headers={"Accept": "application/n-triples"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return {line for line in response.read().decode("utf-8").splitlines() if line.strip()}
