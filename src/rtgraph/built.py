"""What rtgraph.build returns: the RDF graph, its NetworkX projection, its outputs.

``Build`` is an rdflib ``Graph`` (it shares the built graph's store, so code
that treated ``rtgraph.build(...)`` as a Graph keeps working) with ``.rdf``
(itself), ``.nx`` (the default projection, computed on first use) and
``.write(dir)``, which writes ``rtgraph.ttl`` and ``rtgraph.html`` exactly as
``rtgraph build -o DIR`` does.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

import networkx as nx
from rdflib import Graph

from .atomic import write_outputs

__all__ = ["Build"]


class Build(Graph):
    """A built graph: ``.rdf`` (rdflib Graph), ``.nx`` (NetworkX projection), ``.write(dir)``."""

    def __init__(self, graph: Graph | None = None):
        if graph is None:  # rdflib makes empty graphs of type(self)() for set operations
            super().__init__(bind_namespaces="none")
        else:
            super().__init__(store=graph.store, identifier=graph.identifier,
                             namespace_manager=graph.namespace_manager)

    @property
    def rdf(self) -> Graph:
        """The RDF graph (this object): the single source of every other view."""
        return self

    @cached_property
    def nx(self) -> nx.MultiDiGraph:
        """``rtgraph.to_networkx(self.rdf)``, computed once (call it yourself after changing the graph)."""
        from .netx import to_networkx

        return to_networkx(self)

    def write(self, directory) -> tuple[Path, Path]:
        """Write DIR/rtgraph.ttl, DIR/rtgraph.html and the manifest all together; return the first two."""
        from .html import render_html
        from .rdf import serialize

        out = Path(directory)
        turtle, page = out / "rtgraph.ttl", out / "rtgraph.html"
        write_outputs(out, {turtle.name: serialize(self), page.name: render_html(self).encode("utf-8")})
        return turtle, page
