"""Where a graph is read from: Turtle files, or an on-disk pyoxigraph store.

``rtgraph load GRAPH.ttl... --store DIR`` writes a store folder; every command
that reads a graph accepts one or more Turtle files or one such folder.

>>> graph = read_graph(["outputs/rtgraph.ttl"])     # doctest: +SKIP
>>> graph = read_graph("outputs/store")             # doctest: +SKIP
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable, Union

from rdflib import Graph

from .errors import GraphError

__all__ = ["GraphPaths", "is_store", "open_store", "load_store", "read_graph", "turtle_error"]

GraphPaths = Union[str, Path, Iterable[Union[str, Path]]]


def _paths(paths: GraphPaths) -> list[Path]:
    if isinstance(paths, (str, Path)):
        paths = [paths]
    found = [Path(p) for p in paths]
    if not found:
        raise GraphError("no graph given: expected Turtle files or a store folder")
    return found


def is_store(path) -> bool:
    """True for a folder written by ``rtgraph load --store`` (a RocksDB store)."""
    p = Path(path)
    return p.is_dir() and (p / "CURRENT").is_file() and any(p.glob("OPTIONS-*"))


def _not_a_graph(path: Path) -> str:
    if path.is_dir():
        return (f"{path}: cannot read graph: a folder that is not an rtgraph store "
                "(expected a Turtle file or a folder written by `rtgraph load --store`)")
    return f"{path}: cannot read graph: no such file"


def open_store(path, *, read_only: bool = True):
    """The pyoxigraph Store in a store folder; GraphError if it is not one."""
    import pyoxigraph

    p = Path(path)
    if not is_store(p):
        raise GraphError(_not_a_graph(p))
    try:
        return pyoxigraph.Store.read_only(str(p)) if read_only else pyoxigraph.Store(str(p))
    except OSError as exc:
        raise GraphError(f"{p}: cannot open store: {' '.join(str(exc).split())}") from exc


def turtle_error(exc: Exception, path: Path | None = None) -> str:
    """rdflib's error on parsing a Turtle file as one line, with the line and column of a syntax error.

    rdflib's own positions are unreliable (past the end of a truncated file,
    or missing), so the file is parsed again by pyoxigraph, which reports them.
    """
    import pyoxigraph

    if isinstance(exc, UnicodeDecodeError):
        return f"not UTF-8 text (byte {exc.start})"
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    if path is not None:
        try:
            for _ in pyoxigraph.parse(path=str(path), format=pyoxigraph.RdfFormat.TURTLE, base_iri=path.resolve().as_uri()):
                pass
        except SyntaxError as syntax:
            reason = str(syntax.msg).split(": ", 1)[-1]
            return f"Turtle syntax error at line {syntax.lineno}, column {syntax.offset}: {' '.join(reason.split())}"
        except (OSError, ValueError):
            pass
    reason = f"Turtle syntax error: {exc._why}" if hasattr(exc, "_why") else str(exc)  # rdflib's BadSyntax
    return " ".join(reason.split()) or type(exc).__name__


def _parse_turtle(graph: Graph, path: Path) -> None:
    if not path.is_file():
        raise GraphError(_not_a_graph(path))
    try:
        graph.parse(source=str(path), format="turtle")
    except Exception as exc:  # rdflib raises many unrelated types for bad syntax
        raise GraphError(f"{path}: cannot read graph: {turtle_error(exc, path)}") from exc


def load_store(paths: GraphPaths, store_dir) -> int:
    """Load Turtle files into a (new or existing) store folder; returns its triple count.

    Every file is checked with pyoxigraph's parser before anything is written.
    """
    import pyoxigraph

    files = _paths(paths)
    for path in files:
        if not path.is_file():
            raise GraphError(_not_a_graph(path))
    target = Path(store_dir)
    if target.exists() and not (target.is_dir() and (is_store(target) or not any(target.iterdir()))):
        raise GraphError(f"{target}: cannot write store: exists and is not an empty folder or a store")
    data = []
    for path in files:
        try:
            content = path.read_bytes()
            # parse once in memory first, so a broken file leaves the store untouched
            sum(1 for _ in pyoxigraph.parse(content, format=pyoxigraph.RdfFormat.TURTLE))
        except (SyntaxError, ValueError, OSError) as exc:
            raise GraphError(f"{path}: cannot read graph: {' '.join(str(exc).split())}") from exc
        data.append(content)
    try:
        store = pyoxigraph.Store(str(target))
        for content in data:
            store.bulk_load(content, pyoxigraph.RdfFormat.TURTLE)
        store.flush()
        store.optimize()  # compact the bulk-loaded files: a lookup then reads fewer of them
        count = len(store)
    except OSError as exc:
        raise GraphError(f"{target}: cannot write store: {' '.join(str(exc).split())}") from exc
    del store
    return count


def read_graph(paths: GraphPaths) -> Graph:
    """One rdflib Graph from Turtle files or a store folder (its default graph).

    Anything else (a missing file, a folder that is not a store, bad Turtle)
    raises GraphError naming the path.
    """
    import pyoxigraph

    from .rdf import PREFIXES

    graph = Graph()
    for path in _paths(paths):
        if path.is_dir():
            store = open_store(path)
            dump = store.dump(format=pyoxigraph.RdfFormat.N_TRIPLES, from_graph=pyoxigraph.DefaultGraph())
            graph.parse(data=dump.decode("utf-8"), format="nt")
        else:
            _parse_turtle(graph, path)
    for prefix, iri in PREFIXES.items():
        graph.bind(prefix, iri, override=True, replace=True)
    return graph
