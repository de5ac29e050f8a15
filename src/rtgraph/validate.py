"""Check a built graph against ontology/shapes.ttl with pySHACL.

The ontology (ontology/rtgraph.ttl) is mixed into the data graph, so an
instance of a subclass (``rtg:City``) is checked by the shapes of its top
class (``rtg:Region``) even where the graph does not materialize it. No other
inference is run: the shapes check the graph as analysts will query it.

>>> report = validate("outputs/graph.ttl")       # doctest: +SKIP
>>> report.conforms, report.results[:1]          # doctest: +SKIP
(False, (('https://w3id.org/rtgraph/resource/assertion/…',
          'https://w3id.org/rtgraph/ontology#evidence',
          'Assertion: needs at least one rtg:evidence, an rtg:Passage of the graph.'),))
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Union

import pyshacl
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, SH

from .errors import GraphError, LexiconError
from .graphs import turtle_error
from .namespaces import RTG
from .resources import ontology_dir

__all__ = ["ValidationReport", "validate"]

GraphSource = Union[Graph, str, Path]


@dataclass(frozen=True)
class ValidationReport:
    """The outcome of :func:`validate`.

    ``results`` holds one ``(focus node, path, message)`` triple of strings per
    violation, sorted; IRIs are written in full, blank nodes as ``_:id``, and
    the path is ``""`` for constraints on the node itself. ``text`` is
    pySHACL's human-readable report.
    """

    conforms: bool
    results: tuple[tuple[str, str, str], ...]
    text: str


def validate(graph: GraphSource, *, shapes: GraphSource | None = None, label: str | None = None) -> ValidationReport:
    """Validate ``graph`` (an rdflib Graph or a Turtle file) against the shapes.

    ``shapes`` defaults to the packaged ontology/shapes.ttl. Raises GraphError
    when a file cannot be read as Turtle (naming the line of a syntax error),
    or the graph is empty or has no rtg:Document, LexiconError when the packaged
    ontology files are missing or broken. ``label`` names the graph in errors.
    """
    data = _load(graph, GraphError)
    _require_rtgraph(data, label or ("graph" if isinstance(graph, Graph) else str(graph)))
    shapes_graph = _load(ontology_dir() / "shapes.ttl" if shapes is None else shapes,
                         LexiconError if shapes is None else GraphError)
    ontology = _load(ontology_dir() / "rtgraph.ttl", LexiconError)
    conforms, report, text = pyshacl.validate(
        data,
        shacl_graph=shapes_graph,
        ont_graph=ontology,
        inference="none",
        allow_warnings=False,
        abort_on_first=False,
    )
    return ValidationReport(bool(conforms), _results(report), str(text))


def _load(source: GraphSource, error: type[Exception]) -> Graph:
    """``source`` as a Graph: returned as is, or parsed from a Turtle file."""
    if isinstance(source, Graph):
        return source
    path = Path(source)
    if not path.is_file():
        reason = "not a file" if path.exists() else "no such file"
        raise error(f"{path}: cannot read Turtle: {reason}")
    try:
        return Graph().parse(path, format="turtle")
    except Exception as exc:  # rdflib raises many kinds: BadSyntax, UnicodeDecodeError, OSError, …
        raise error(f"{path}: cannot read Turtle: {turtle_error(exc, path)}") from exc


def _require_rtgraph(graph: Graph, label: str) -> None:
    """GraphError unless ``graph`` is an rtgraph graph: the shapes would pass an empty or foreign one."""
    expected = "expected the Turtle written by `rtgraph build`"
    if len(graph) == 0:
        raise GraphError(f"{label}: empty graph: no triples; {expected}")
    if next(iter(graph.subjects(RDF.type, RTG.Document)), None) is None:
        raise GraphError(f"{label}: not an rtgraph graph: no rtg:Document among {len(graph)} triples; {expected}")


def _results(report: Graph) -> tuple[tuple[str, str, str], ...]:
    """The (focus node, path, message) of every sh:ValidationResult, sorted."""
    rows = set()
    for result in report.subjects(RDF.type, SH.ValidationResult):
        focus = report.value(result, SH.focusNode)
        path = report.value(result, SH.resultPath)
        messages = sorted(str(m) for m in report.objects(result, SH.resultMessage))
        rows.add((_term(focus), _term(path), "; ".join(messages)))
    return tuple(sorted(rows))


def _term(node) -> str:
    if node is None:
        return ""
    if isinstance(node, URIRef):
        return str(node)
    if isinstance(node, (BNode, Literal)):
        return node.n3()
    return str(node)
