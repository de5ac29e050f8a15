"""SPARQL over built graphs: the packaged seed-question queries and the user's own.

Packaged queries live in ``rtgraph/queries/NN-name.rq``; the first comment line
of each is its title. A query is named by its file, its number ("3", "03"),
its name ("regions-nesting") or a path to any .rq file.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph, Literal

from .errors import QueryError
from .resources import queries_dir

__all__ = ["list_queries", "query_text", "run_query"]


def list_queries() -> list[tuple[str, str]]:
    """(name, title) of every packaged query, in order."""
    found = []
    for path in sorted(queries_dir().glob("*.rq")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        found.append((path.stem, first.lstrip("# ").strip()))
    return found


def _find(name: str | int) -> Path:
    name = str(name)
    candidate = Path(name)
    if candidate.suffix == ".rq" and candidate.is_file():
        return candidate
    for path in sorted(queries_dir().glob("*.rq")):
        number, _, rest = path.stem.partition("-")
        if name in (path.stem, rest, path.name) or (name.isdigit() and int(name) == int(number)):
            return path
    known = ", ".join(n for n, _ in list_queries())
    raise QueryError(f"{name}: no such query file or packaged query (packaged: {known})")


def query_text(name: str | int) -> str:
    return _find(name).read_text(encoding="utf-8")


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, Literal):
        return str(value)
    text = str(value)
    return text.rsplit("/", 1)[-1] if text.startswith("https://w3id.org/rtgraph/resource/") else text


def run_query(graph: Graph, name: str | int) -> tuple[list[str], list[tuple[str, ...]]]:
    """Run a query; returns column names and rows of display strings."""
    text = query_text(name)
    try:
        result = graph.query(text)
    except Exception as exc:  # rdflib raises pyparsing and many other types
        raise QueryError(f"{name}: cannot run query: {exc}") from exc
    columns = [str(v) for v in result.vars]
    rows = [tuple(_cell(row[v]) for v in result.vars) for row in result]
    return columns, rows
