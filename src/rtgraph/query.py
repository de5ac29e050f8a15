"""SPARQL over built graphs: the packaged seed-question queries and the user's own.

Packaged queries live in ``rtgraph/queries/NN-name.rq``; the first comment line
of each is its title. A query is named by its file, its number ("3", "03"),
its name ("regions-nesting"), a path to any .rq file, or given as text.

A graph is an rdflib Graph, a pyoxigraph Store, Turtle files or a store folder
(``rtgraph load --store``); a store is queried by pyoxigraph directly.
SELECT, ASK, CONSTRUCT and DESCRIBE run; updates never do. Queries run
offline: SERVICE and FROM (which rdflib fetches over HTTP) are refused before
anything runs, unless the caller allows the network.
The prefixes of ``rdf.PREFIXES`` (rtg:, rtr:, actor:, skos: …) need no PREFIX line.
Parameters are bound as RDF terms (rdflib initBindings, pyoxigraph
substitutions), never pasted into the query text; a bound SELECT column is
also given as a trailing ``VALUES`` of the serialized term (see _with_values).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef, Variable
from rdflib.namespace import XSD

from .errors import QueryError
from .resources import queries_dir

__all__ = ["FORMS", "Answer", "list_queries", "query_text", "sparql", "select", "format_graph", "run_query", "query",
           "display"]

FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")

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


def _is_text(name_or_text) -> bool:
    """A query given as text rather than a name: it has a brace or inner whitespace and is no .rq path."""
    if not isinstance(name_or_text, str) or name_or_text.endswith(".rq"):
        return False
    return "{" in name_or_text or any(c.isspace() for c in name_or_text.strip())


def query_text(name_or_text: str | int) -> str:
    """The text of a packaged query or .rq file; query text itself is returned as is."""
    if _is_text(name_or_text):
        return name_or_text
    path = _find(name_or_text)
    try:
        data = path.read_bytes()
        if b"\x00" in data:
            raise QueryError(f"{path}: a binary file, not a query; expected SPARQL saved as UTF-8 text")
        return data.decode("utf-8")
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


_AT = re.compile(r"\s*\(at char \d+\), \(line:\d+, col:\d+\)\s*$")


def _syntax_error(exc, label: str) -> QueryError:
    where = f" at line {exc.lineno}, column {exc.col}" if hasattr(exc, "lineno") else ""
    reason = _AT.sub("", " ".join(str(exc).split())) or type(exc).__name__
    return QueryError(f"{label}: SPARQL syntax error{where}: {reason}")


@dataclass(frozen=True)
class Checked:
    """What :func:`_check` found: the form, the projected variables (None for
    ``SELECT *`` and the other forms) and whether the query ends in a VALUES clause."""

    form: str
    projected: frozenset[str] | None = None
    trailing_values: bool = False


@lru_cache(maxsize=64)  # rdflib's parser takes 0.2 s a query; a query run again is checked once
def _check(text: str, label: str, *, allow_network: bool = False) -> Checked:
    """The form and projection of a read-only query (SELECT, ASK, CONSTRUCT, DESCRIBE).

    Parsed only: nothing runs or is fetched. Updates (LOAD, INSERT …) are
    refused; so are SERVICE and FROM / FROM NAMED (rdflib fetches those graphs
    from their IRIs) unless ``allow_network``.
    """
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    try:
        parsed = parseQuery(text)
    except Exception as exc:  # pyparsing's ParseException and others
        try:
            operations = [op.name for op in parseUpdate(text).request]
        except Exception:
            raise _syntax_error(exc, label) from exc
        found = ", ".join(sorted({re.sub(r"(?<!^)(?=[A-Z])", " ", n).upper() for n in operations})) or "nothing"
        raise QueryError(f"{label}: update operations are refused, found {found}: "
                         "rtgraph queries are read-only (SELECT, ASK, CONSTRUCT, DESCRIBE)") from exc
    form = getattr(parsed[1], "name", "").replace("Query", "").upper()
    if form not in FORMS:
        raise QueryError(f"{label}: unsupported query form {form or 'unknown'}; expected one of {', '.join(FORMS)}")
    if not allow_network:
        nodes = list(_walk(parsed[1]))
        if any(getattr(n, "name", None) == "ServiceGraphPattern" for n in nodes):
            raise QueryError(f"{label}: SERVICE is refused: it would query a remote endpoint; "
                             "rtgraph runs offline (--allow-network permits it)")
        if "datasetClause" in parsed[1]:
            clause = parsed[1]["datasetClause"][0]
            iri = clause["default"] if "default" in clause else clause["named"]
            raise QueryError(f"{label}: FROM <{iri}> is refused: rdflib would fetch that graph from its IRI; "
                             "query the graph given on the command line (--allow-network permits it)")
    trailing = dict.get(parsed[1], "valuesClause") is not None  # CompValue.get returns the key when it is absent
    if form != "SELECT" or "projection" not in parsed[1]:
        return Checked(form, None, trailing)
    projected = frozenset(str(p["evar"] if "evar" in p else p["var"]) for p in parsed[1]["projection"])
    return Checked(form, projected, trailing)


def _term(value: str):
    """``--param`` value -> RDF term: <iri> or a known prefixed name is an IRI, else a plain literal."""
    from .rdf import PREFIXES

    if value.startswith("<") and value.endswith(">"):
        return URIRef(value[1:-1])
    prefix, colon, local = value.partition(":")
    if colon and prefix in PREFIXES and " " not in value:
        return URIRef(PREFIXES[prefix] + local)
    return Literal(value)


_XSD_STRING = str(XSD.string)


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
    return Literal(term.value, datatype=None if datatype == _XSD_STRING else URIRef(datatype))


def _rows_of(solutions) -> tuple[tuple, ...]:
    """pyoxigraph solutions as tuples of rdflib terms.

    Each distinct term is converted once: rows repeat their documents,
    sections, passages and offsets, and building an rdflib Literal (which
    parses its value) costs far more than the query that found it.
    """
    converted: dict = {None: None}

    def term(value):
        found = converted.get(value, converted)
        if found is converted:
            found = converted[value] = _from_oxigraph(value)
        return found

    return tuple(tuple(map(term, solution)) for solution in solutions)


@dataclass(frozen=True)
class Answer:
    """The result of any query form.

    SELECT: ``columns`` and ``rows`` of rdflib terms (None where unbound);
    ASK: ``boolean``; CONSTRUCT and DESCRIBE: ``graph``, an rdflib Graph.
    """

    form: str
    columns: tuple[str, ...] = ()
    rows: tuple[tuple, ...] = ()
    boolean: bool | None = None
    graph: Graph | None = None


def _graph_of(triples) -> Graph:
    from .rdf import PREFIXES

    graph = Graph()
    for prefix, iri in PREFIXES.items():
        graph.bind(prefix, iri, override=True, replace=True)
    for triple in triples:
        graph.add(triple)
    return graph


def sparql(graph, name_or_text: str | int, *, params: dict | None = None, allow_network: bool = False) -> Answer:
    """Run a read-only query of any form (see :func:`_check` for what is refused)."""
    import pyoxigraph

    from .graphs import is_store, open_store, read_graph
    from .rdf import PREFIXES

    text = query_text(name_or_text)
    label = "query" if _is_text(name_or_text) else str(name_or_text)
    checked = _check(text, label, allow_network=allow_network)
    form, projected = checked.form, checked.projected
    bindings = {name: value if isinstance(value, (URIRef, Literal)) else _term(str(value))
                for name, value in (params or {}).items()}
    if isinstance(graph, (str, Path)) and is_store(graph):
        # pyoxigraph substitutes only projected variables; bind others through rdflib
        fast = not bindings or (form == "SELECT" and (projected is None or set(bindings) <= projected))
        graph = open_store(graph) if fast else read_graph(graph)
    elif not isinstance(graph, (Graph, pyoxigraph.Store)):
        graph = read_graph(graph)  # type: GraphPaths
    try:
        if isinstance(graph, pyoxigraph.Store):
            text, rest = _with_values(text, checked, bindings)
            subs = {pyoxigraph.Variable(k): _to_oxigraph(v) for k, v in rest.items()}
            result = graph.query(text, prefixes=PREFIXES, substitutions=subs)
            if form == "ASK":
                return Answer(form, boolean=bool(result))
            if form != "SELECT":
                return Answer(form, graph=_graph_of(tuple(_from_oxigraph(t) for t in (x.subject, x.predicate, x.object))
                                                    for x in result))
            columns = tuple(v.value for v in result.variables)
            return Answer(form, columns, _rows_of(result))
        text, rest = _with_values(text, checked, bindings)
        result = graph.query(text, initNs=PREFIXES, initBindings={Variable(k): v for k, v in rest.items()})
        if form == "ASK":
            return Answer(form, boolean=bool(result.askAnswer))
        if form != "SELECT":
            return Answer(form, graph=_graph_of(result.graph))
        return Answer(form, tuple(str(v) for v in result.vars), tuple(tuple(row[v] for v in result.vars) for row in result))
    except QueryError:
        raise
    except Exception as exc:  # rdflib and pyoxigraph raise many types
        raise QueryError(f"{label}: cannot run query: {' '.join(str(exc).split())}") from exc


def _with_values(text: str, checked: Checked, bindings: dict) -> tuple[str, dict]:
    """The query with a trailing VALUES row of its bound projected variables, and the bindings left to pre-bind.

    Pre-binding does not narrow a query on either engine: pyoxigraph plans
    before it substitutes (a lookup of one document in a million triples
    then takes as long as the whole query), and rdflib lets a BIND overwrite
    a pre-bound variable (and then ignores a VALUES row for it too). A
    trailing VALUES clause alone does both (SPARQL 1.1, 18.2.4.3: joined with
    the solutions before projection). Each term is written by pyoxigraph's
    serializer (escaped; an IRI is checked when it is made), so a value
    cannot change the query around it. Variables that are not projected are
    pre-bound, as before.
    """
    if checked.form != "SELECT" or checked.trailing_values:
        return text, bindings
    bound = {k: v for k, v in bindings.items() if checked.projected is None or k in checked.projected}
    if not bound:
        return text, bindings
    names = " ".join(f"?{k}" for k in bound)
    terms = " ".join(str(_to_oxigraph(v)) for v in bound.values())
    rest = {k: v for k, v in bindings.items() if k not in bound}
    return f"{text}\nVALUES ({names}) {{ ({terms}) }}\n", rest


def select(graph, name_or_text: str | int, *, params: dict | None = None,
           allow_network: bool = False) -> tuple[list[str], list[tuple]]:
    """Run a SELECT query; returns column names and rows of rdflib terms (None where unbound)."""
    answer = sparql(graph, name_or_text, params=params, allow_network=allow_network)
    if answer.form != "SELECT":
        raise QueryError(f"{name_or_text if not _is_text(name_or_text) else 'query'}: expected a SELECT query, "
                         f"found {answer.form} (rtgraph.query.sparql runs every form)")
    return list(answer.columns), list(answer.rows)


def format_graph(graph: Graph, fmt: str = "turtle") -> str:
    """A CONSTRUCT or DESCRIBE result as Turtle or N-Triples, in a stable order."""
    if fmt == "nt":
        lines = graph.serialize(format="nt", encoding="utf-8").decode("utf-8").splitlines()
        return "".join(f"{line}\n" for line in sorted(set(lines)) if line.strip())
    return graph.serialize(format="turtle", encoding="utf-8").decode("utf-8")


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
