"""rtgraph: cited knowledge graphs from drug-policy and law-enforcement documents.

>>> import rtgraph
>>> built = rtgraph.build(["data"])          # .rdf (rdflib.Graph), .nx, .write(dir)
>>> G = rtgraph.to_networkx(built.rdf)      # networkx.MultiDiGraph of asserted relations
>>> graph = rtgraph.load("outputs/rtgraph.ttl")
>>> frames = rtgraph.to_frames(graph)       # pandas DataFrames (pip install "rtgraph[frames]")
>>> columns, rows = rtgraph.query(graph, "7")  # a packaged query, a .rq file or SPARQL text
"""

from __future__ import annotations

from .built import Build
from .errors import RtgraphError
from .frames import to_frames
from .netx import load, neighbourhood, to_networkx
from .query import query

__all__ = ["build", "Build", "load", "query", "to_networkx", "to_frames", "neighbourhood", "RtgraphError", "__version__"]
__version__ = "0.1.0"


def build(paths, **options) -> Build:
    """Read documents (files or folders) and return the built graph.

    The result is an rdflib Graph with ``.rdf`` (itself), ``.nx`` (the NetworkX
    projection) and ``.write(dir)`` (rtgraph.ttl and rtgraph.html, as the CLI).
    """
    from .pipeline import extract
    from .rdf import to_graph

    return Build(to_graph(extract(paths, **options)))
