"""SPARQL over built graphs: the packaged seed-question queries and the user's own.

Packaged queries live in ``rtgraph/queries/NN-name.rq``; the first comment line
of each is its title. A query is named by its file, its number ("3", "03"),
its name ("regions-nesting"), a path to any .rq file, or given as text.

A graph is an rdflib Graph, a pyoxigraph Store, Turtle files or a store folder
(``rtgraph load --store``); a store is queried by pyoxigraph directly. Only
SELECT queries run, offline: SERVICE clauses are refused before anything runs.
The prefixes of ``rdf.PREFIXES`` (rtg:, rtr:, actor:, skos: …) need no PREFIX line.
Parameters are bound as RDF terms (rdflib initBindings, pyoxigraph
substitutions), never pasted into the query text.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef, Variable
from rdflib.namespace import XSD

from .errors import QueryError
from .resources import queries_dir

__all__ = ["list_queries", "query_text", "select", "run_query", "query", "display"]

_RESOURCE = "https://w3id.org/rtgraph/resource/"


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


def query_text(name_or_text: str | int) -> str:
    """The text of a packaged query or .rq file; text containing '{' is returned as is."""
    if isinstance(name_or_text, str) and "{" in name_or_text:
        return name_or_text
    path = _find(name_or_text)
    try:
        return path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise QueryError(f"{path}: not UTF-8 text (byte {exc.start}); expected a SPARQL query saved as UTF-8") from exc
    except OSError as exc:
        raise QueryError(f"{path}: cannot read query: {exc.strerror or exc}") from exc


def _walk(node):
    yield node
    children = node.values() if isinstance(node, dict) else node if isinstance(node, (list, tuple)) else ()
    if not isinstance(node, dict) and hasattr(node, "asList"):
        children = list(node)
    for child in children:
        if isinstance(child, (dict, list, tuple)) or hasattr(child, "asList"):
            yield from _walk(child)


def _check(text: str, label: str) -> set[str] | None:
    """A SELECT query without SERVICE, or QueryError (parsed only: nothing runs or is fetched).

    Returns the projected variable names, None for ``SELECT *``.
    """
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        parsed = parseQuery(text)
    except Exception as exc:  # pyparsing's ParseException and others
        raise QueryError(f"{label}: SPARQL syntax error: {' '.join(str(exc).split())}") from exc
    kind = getattr(parsed[1], "name", "")
    if kind != "SelectQuery":
        found = kind.replace("Query", "").upper() or "an unknown form"
        raise QueryError(f"{label}: only SELECT queries are supported, found {found}")
    if any(getattr(n, "name", None) == "ServiceGraphPattern" for n in _walk(parsed[1])):
        raise QueryError(f"{label}: SERVICE clauses are refused: rtgraph runs offline and never fetches remote data")
    if "projection" not in parsed[1]:
        return None
    return {str(p["evar"] if "evar" in p else p["var"]) for p in parsed[1]["projection"]}


def _term(value: str):
    """``--param`` value -> RDF term: <iri> or a known prefixed name is an IRI, else a plain literal."""
    from .rdf import PREFIXES

    if value.startswith("<") and value.endswith(">"):
        return URIRef(value[1:-1])
    prefix, colon, local = value.partition(":")
    if colon and prefix in PREFIXES and " " not in value:
        return URIRef(PREFIXES[prefix] + local)
    return Literal(value)


def _from_oxigraph(term):
    import pyoxigraph

    if term is None:
        return None
    if isinstance(term, pyoxigraph.NamedNode):
        return URIRef(term.value)
    if isinstance(term, pyoxigraph.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    datatype = term.datatype.value
    return Literal(term.value, datatype=None if datatype == str(XSD.string) else URIRef(datatype))


def select(graph, name_or_text: str | int, *, params: dict | None = None) -> tuple[list[str], list[tuple]]:
    """Run a SELECT query; returns column names and rows of rdflib terms (None where unbound)."""
    import pyoxigraph

    from .graphs import is_store, open_store, read_graph
    from .rdf import PREFIXES

    text = query_text(name_or_text)
    label = "query" if isinstance(name_or_text, str) and "{" in name_or_text else str(name_or_text)
    projected = _check(text, label)
    bindings = {name: value if isinstance(value, (URIRef, Literal)) else _term(str(value))
                for name, value in (params or {}).items()}
    if isinstance(graph, (str, Path)) and is_store(graph):
        # pyoxigraph substitutes only projected variables; bind others through rdflib
        fast = projected is None or set(bindings) <= projected
        graph = open_store(graph) if fast else read_graph(graph)
    elif not isinstance(graph, (Graph, pyoxigraph.Store)):
        graph = read_graph(graph)  # type: GraphPaths
    try:
        if isinstance(graph, pyoxigraph.Store):
            subs = {pyoxigraph.Variable(k): _to_oxigraph(v) for k, v in bindings.items()}
            solutions = graph.query(text, prefixes=PREFIXES, substitutions=subs)
            columns = [v.value for v in solutions.variables]
            rows = [tuple(_from_oxigraph(s[c]) for c in columns) for s in solutions]
        else:
            result = graph.query(text, initNs=PREFIXES, initBindings={Variable(k): v for k, v in bindings.items()})
            columns = [str(v) for v in result.vars]
            rows = [tuple(row[v] for v in result.vars) for row in result]
    except QueryError:
        raise
    except Exception as exc:  # rdflib and pyoxigraph raise many types
        raise QueryError(f"{label}: cannot run query: {' '.join(str(exc).split())}") from exc
    return columns, rows


def _to_oxigraph(term):
    import pyoxigraph

    if isinstance(term, URIRef):
        return pyoxigraph.NamedNode(str(term))
    if term.language:
        return pyoxigraph.Literal(str(term), language=term.language)
    if term.datatype:
        return pyoxigraph.Literal(str(term), datatype=pyoxigraph.NamedNode(str(term.datatype)))
    return pyoxigraph.Literal(str(term))


def display(value) -> str:
    """A cell as text: literals by their lexical form, resources by their last segment."""
    if value is None:
        return ""
    if isinstance(value, Literal):
        return str(value)
    text = str(value)
    return text.rsplit("/", 1)[-1] if text.startswith(_RESOURCE) else text


def run_query(graph, name: str | int, *, params: dict | None = None) -> tuple[list[str], list[tuple[str, ...]]]:
    """Run a query; returns column names and rows of display strings."""
    columns, rows = select(graph, name, params=params)
    return columns, [tuple(display(v) for v in row) for row in rows]


def query(graph, name_or_text: str | int, **params) -> tuple[list[str], list[tuple[str, ...]]]:
    """``rtgraph.query(graph, "7")`` or ``rtgraph.query("outputs/store", text, label="fentanyl")``.

    ``graph``: an rdflib Graph, Turtle file(s) or a store folder; keyword
    arguments bind query variables. Returns column names and display-string rows.
    """
    return run_query(graph, name_or_text, params=params)
