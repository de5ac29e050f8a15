"""``rtgraph push``: upload a graph to a triple store with the SPARQL 1.1 Graph Store HTTP Protocol.

Each source document goes into a named graph of its own, written with one
HTTP PUT to ``ENDPOINT?graph=IRI`` (N-Triples), so pushing again replaces that
graph instead of adding duplicates. ``--graph IRI`` puts the whole graph into
that one named graph instead.

How the triples are split (``split_by_document``):

* the graph of a document is named after its file name (``dcterms:source``),
  ``https://w3id.org/rtgraph/graph/document/{file name}``, not after the
  document IRI, which carries a hash of the content: pushing an edited
  ``report.md`` replaces the graph of ``report.md``. Documents with the same
  file name (from different folders) share one graph.
* it holds the document, its sections and passages; every assertion,
  statistic and trend whose ``rtg:evidence`` is one of its passages, with the
  plain relation triple of a positive assertion; every background assertion
  ``rtg:bothMentionedIn`` it (with that link to this document only, and the
  lexicon scheme it is derived from); and
  the entities that those passages mention or those facts name: their types,
  labels, aliases, ``skos:broader``/``skos:exactMatch`` and their
  ``rtg:mentionedIn`` links to this document's passages only. An entity's
  description therefore appears in the graph of every document that names it.
* what belongs to no single document, ``rtg:mentionCount`` (a count over the
  whole corpus) and anything the rules above leave out, goes into
  ``https://w3id.org/rtgraph/graph/corpus``. The union of all the pushed graphs
  is the whole graph.

Which graphs are rtgraph's: the named graph ``https://w3id.org/rtgraph/graph/pushed``
records every graph a per-document push wrote, one triple each,
``<…/graph/pushed> dcterms:hasPart <graph>``. When a document is no longer in
the graph being pushed, its graph is deleted (HTTP DELETE) — only if the
record lists it and its IRI is under ``https://w3id.org/rtgraph/graph/``, so a
graph the team keeps in the same store is never touched, whatever its name.
The record is written before the graphs it adds (a push cut short leaves no
graph unrecorded) and shrunk after the deletions. ``--graph IRI`` pushes
neither read nor write it.

The password for ``--user`` comes from the environment variable
RTGRAPH_PASSWORD (HTTP Basic authentication), never from the command line.
Only the standard library speaks HTTP (urllib.request).
"""

from __future__ import annotations

import base64
import os
import urllib.error
import urllib.request
from collections import defaultdict
from urllib.parse import quote, urlencode, urlsplit

from rdflib import RDF, Graph, URIRef
from rdflib.namespace import DCTERMS, PROV

from .errors import PushError
from .namespaces import RTG

__all__ = [
    "CORPUS_GRAPH",
    "GRAPH_BASE",
    "PASSWORD_VARIABLE",
    "PUSHED_GRAPH",
    "delete_graph",
    "document_graph_iri",
    "get_graph",
    "push",
    "pushed_graphs",
    "put_graph",
    "record",
    "register",
    "split_by_document",
    "to_ntriples",
]

GRAPH_BASE = "https://w3id.org/rtgraph/graph/"
CORPUS_GRAPH = GRAPH_BASE + "corpus"
PUSHED_GRAPH = GRAPH_BASE + "pushed"
PASSWORD_VARIABLE = "RTGRAPH_PASSWORD"
CONTENT_TYPE = "application/n-triples"

_STRUCTURE = {RTG.Document, RTG.Section, RTG.Passage}


def document_graph_iri(source: str) -> str:
    """The named graph of the document(s) read from the file called ``source``."""
    return f"{GRAPH_BASE}document/{quote(source, safe='')}"


def split_by_document(graph: Graph) -> dict[str, list[tuple]]:
    """Named graph IRI -> its triples (see the module docstring); the corpus graph last, if not empty."""
    triples = graph.triples
    typed = lambda cls: set(graph.subjects(RDF.type, cls))
    documents = sorted(typed(RTG.Document))
    structure = set().union(*(typed(cls) for cls in _STRUCTURE))
    # the plain triples that a positive assertion states, and the assertions that state each
    stating: dict[tuple, set] = defaultdict(set)
    for assertion in typed(RTG.Assertion):
        if graph.value(assertion, RTG.polarity) == RTG.Positive:
            plain = (graph.value(assertion, RDF.subject), graph.value(assertion, RDF.predicate),
                     graph.value(assertion, RDF.object))
            if None not in plain and plain in graph:
                stating[plain].add(assertion)
    relation_of = defaultdict(set)
    for plain, assertions in stating.items():
        for assertion in assertions:
            relation_of[assertion].add(plain)

    result: dict[str, list[tuple]] = {}
    placed: set[tuple] = set()
    by_source: dict[str, list] = defaultdict(list)
    for document in documents:
        source = graph.value(document, DCTERMS.source)
        by_source[str(source) if source is not None else str(document).rsplit("/", 1)[-1]].append(document)

    for source, docs in sorted(by_source.items()):
        sections = {s for d in docs for s in graph.subjects(DCTERMS.isPartOf, d)}
        passages = {p for s in sections for p in graph.subjects(DCTERMS.isPartOf, s)}
        facts = {f for p in passages for f in graph.subjects(RTG.evidence, p)}
        facts |= {f for d in docs for f in graph.subjects(RTG.bothMentionedIn, d)}
        entities = {e for p in passages for e in graph.subjects(RTG.mentionedIn, p)}
        schemes = set()
        for fact in facts:
            for predicate, value in graph.predicate_objects(fact):
                if not isinstance(value, URIRef) or value in structure or predicate == RDF.type:
                    continue
                if predicate == PROV.wasDerivedFrom:
                    schemes.add(value)
                elif (value, None, None) in graph:
                    entities.add(value)
        chosen: list[tuple] = []
        for node in sorted(set(docs) | sections | passages | facts | schemes):
            for triple in triples((node, None, None)):
                if triple[1] == RTG.bothMentionedIn and triple[2] not in docs:
                    continue  # that link belongs to the other document's graph
                chosen.append(triple)
        for entity in sorted(entities - structure - facts):
            for triple in triples((entity, None, None)):
                _, predicate, value = triple
                if triple in stating or predicate == RTG.mentionCount:
                    continue
                if predicate == RTG.mentionedIn and value not in passages:
                    continue
                chosen.append(triple)
        for fact in sorted(facts):
            chosen.extend(sorted(relation_of.get(fact, ())))
        unique = list(dict.fromkeys(chosen))
        result[document_graph_iri(source)] = unique
        placed.update(unique)

    rest = sorted(t for t in graph if t not in placed)
    if rest:
        result[CORPUS_GRAPH] = rest
    return result


def to_ntriples(triples) -> bytes:
    body = Graph(bind_namespaces="none")
    for triple in triples:
        body.add(triple)
    return body.serialize(format="nt", encoding="utf-8")


def _check_endpoint(endpoint: str) -> None:
    parts = urlsplit(endpoint)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise PushError(f"--endpoint {endpoint}: expected an http:// or https:// URL of a Graph Store "
                        "endpoint (Oxigraph: http://HOST:PORT/store)")


def _check_iri(iri: str) -> None:
    if not urlsplit(iri).scheme or any(c in iri for c in ' <>"{}|\\^`'):
        raise PushError(f"--graph {iri}: expected an absolute IRI such as https://example.org/graph/rtgraph")


def _server_message(exc: urllib.error.HTTPError) -> str:
    try:
        body = exc.read().decode("utf-8", "replace")
    except OSError:
        body = ""
    message = " ".join(body.split())
    if len(message) > 300:
        message = message[:297] + "..."
    return message or "(no message)"


def _request(method: str, endpoint: str, iri: str, body: bytes | None = None, *, user: str | None = None,
             password: str | None = None, timeout: float = 60.0, missing_ok: bool = False) -> bytes | None:
    """One Graph Store request on ``ENDPOINT?graph=IRI``; its body, or None for a 404 when ``missing_ok``."""
    url = f"{endpoint}{'&' if '?' in endpoint else '?'}{urlencode({'graph': iri})}"
    headers = {"Content-Type": CONTENT_TYPE} if body is not None else {"Accept": CONTENT_TYPE}
    request = urllib.request.Request(url, data=body, method=method, headers=headers)
    if user is not None:
        token = base64.b64encode(f"{user}:{password or ''}".encode()).decode("ascii")
        request.add_header("Authorization", f"Basic {token}")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.read()
    except urllib.error.HTTPError as exc:
        if missing_ok and exc.code == 404:
            return None
        raise PushError(f"{endpoint}: {method} of graph <{iri}> refused: HTTP {exc.code} {exc.reason}: "
                        f"{_server_message(exc)}") from exc
    except urllib.error.URLError as exc:
        reason = getattr(exc.reason, "strerror", None) or exc.reason
        raise PushError(f"{endpoint}: cannot reach the endpoint: {reason}") from exc
    except (TimeoutError, OSError) as exc:
        raise PushError(f"{endpoint}: no answer within {timeout:g} s: {exc}") from exc


def put_graph(endpoint: str, iri: str, body: bytes, **auth) -> None:
    """PUT ``body`` (N-Triples) as the named graph ``iri``, replacing what it held."""
    _request("PUT", endpoint, iri, body, **auth)


def get_graph(endpoint: str, iri: str, **auth) -> bytes | None:
    """The named graph ``iri`` as N-Triples, or None when the store has no such graph."""
    return _request("GET", endpoint, iri, missing_ok=True, **auth)


def delete_graph(endpoint: str, iri: str, **auth) -> None:
    """Delete the named graph ``iri`` (one already gone is no error)."""
    _request("DELETE", endpoint, iri, missing_ok=True, **auth)


def record(graphs) -> list[tuple]:
    """The triples of the push record: ``<PUSHED_GRAPH> dcterms:hasPart <graph>`` for each graph."""
    return [(URIRef(PUSHED_GRAPH), DCTERMS.hasPart, URIRef(iri)) for iri in sorted(graphs)]


def pushed_graphs(endpoint: str, **auth) -> set[str]:
    """The graphs the store's push record lists (empty before the first push); only rtgraph's namespace counts."""
    body = get_graph(endpoint, PUSHED_GRAPH, **auth)
    if not body:
        return set()
    listed = Graph()
    try:
        listed.parse(data=body.decode("utf-8"), format="nt")
    except Exception as exc:  # rdflib raises many types for bad syntax
        raise PushError(f"{endpoint}: the push record <{PUSHED_GRAPH}> is not N-Triples: "
                        f"{' '.join(str(exc).split())}") from exc
    return {str(g) for g in listed.objects(URIRef(PUSHED_GRAPH), DCTERMS.hasPart)
            if isinstance(g, URIRef) and str(g).startswith(GRAPH_BASE) and str(g) != PUSHED_GRAPH}


def push(graph: Graph, endpoint: str, *, graph_iri: str | None = None, user: str | None = None,
         password: str | None = None, timeout: float = 60.0, report=print) -> list[tuple[str, int]]:
    """Upload ``graph``; returns (named graph IRI, triples) for every graph written.

    Per document (no ``graph_iri``), the graphs of documents pushed before and
    gone from ``graph`` are deleted, as the push record lists them.
    """
    _check_endpoint(endpoint)
    auth = {"user": user, "password": password, "timeout": timeout}
    if graph_iri is not None:
        _check_iri(graph_iri)
        parts, before = {graph_iri: list(graph)}, None
    else:
        parts = split_by_document(graph)
        before = pushed_graphs(endpoint, **auth)
        if set(parts) - before:  # record the new graphs before writing them
            put_graph(endpoint, PUSHED_GRAPH, to_ntriples(record(before | set(parts))), **auth)
    pushed: list[tuple[str, int]] = []
    for iri, triples in parts.items():
        try:
            put_graph(endpoint, iri, to_ntriples(triples), **auth)
        except PushError as exc:
            if pushed:
                raise PushError(f"{exc} ({len(pushed)} of {len(parts)} graphs pushed before)") from exc
            raise
        pushed.append((iri, len(triples)))
        report(f"pushed <{iri}>  {len(triples)} triples")
    total = sum(n for _, n in pushed)
    report(f"pushed {total} triples ({len(graph)} distinct) in {len(pushed)} graph(s) to {endpoint}")
    gone = sorted(before - set(parts)) if before is not None else []
    for iri in gone:
        delete_graph(endpoint, iri, **auth)
        report(f"deleted <{iri}>: its document is no longer in the graph")
    if gone:
        put_graph(endpoint, PUSHED_GRAPH, to_ntriples(record(parts)), **auth)
    return pushed


def _run(args) -> int:
    from .graphs import read_graph

    password = None
    if args.user is not None:
        password = os.environ.get(PASSWORD_VARIABLE)
        if password is None:
            raise PushError(f"--user {args.user}: no password: expected it in the environment "
                            f"variable {PASSWORD_VARIABLE} (never on the command line)")
    _check_endpoint(args.endpoint)
    if args.graph_iri is not None:
        _check_iri(args.graph_iri)
    push(read_graph(args.graph), args.endpoint, graph_iri=args.graph_iri, user=args.user,
         password=password, timeout=args.timeout)
    return 0


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "push", help="upload a graph to a SPARQL Graph Store endpoint, one named graph per document",
        description="Upload with the SPARQL 1.1 Graph Store HTTP Protocol (HTTP PUT ENDPOINT?graph=IRI). "
                    f"The password for --user is read from ${PASSWORD_VARIABLE}.",
    )
    parser.add_argument("graph", nargs="+", metavar="GRAPH", help="Turtle files, or one store folder")
    parser.add_argument("--endpoint", required=True,
                        help="Graph Store endpoint URL (Oxigraph: http://HOST:PORT/store)")
    parser.add_argument("--graph", dest="graph_iri", metavar="IRI",
                        help="put everything into this one named graph instead of one per document")
    parser.add_argument("--user", help=f"HTTP Basic user name; the password comes from ${PASSWORD_VARIABLE}")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds to wait for each request (default 60)")
    parser.set_defaults(run=_run)
