"""rtgraph: cited knowledge graphs from drug-policy and law-enforcement documents.

>>> import rtgraph
>>> built = rtgraph.build(["data"])          # .rdf (rdflib.Graph), .nx, .write(dir)
>>> G = rtgraph.to_networkx(built.rdf)      # networkx.MultiDiGraph of asserted relations
>>> graph = rtgraph.load("outputs/rtgraph.ttl")
>>> frames = rtgraph.to_frames(graph)       # pandas DataFrames (pip install "rtgraph[frames]")
>>> columns, rows = rtgraph.query(graph, "7")  # a packaged query, a .rq file or SPARQL text
"""

from __future__ import annotations

from importlib import import_module

__all__ = ["build", "Build", "load", "query", "to_networkx", "to_frames", "neighbourhood", "RtgraphError", "__version__"]
__version__ = "0.1.0"

# Loaded on first use (PEP 562), so that importing rtgraph, as the command line does before it
# can catch Ctrl-C, does not import rdflib, networkx and spaCy
_LAZY = {"Build": ".built", "RtgraphError": ".errors", "to_frames": ".frames", "load": ".netx",
         "neighbourhood": ".netx", "to_networkx": ".netx", "query": ".query"}


def __getattr__(name: str):
    if name in _LAZY:
        value = getattr(import_module(_LAZY[name], __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'rtgraph' has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(__all__))


def build(paths, **options) -> Build:
    """Read documents (files or folders) and return the built graph.

    The result is an rdflib Graph with ``.rdf`` (itself), ``.nx`` (the NetworkX
    projection) and ``.write(dir)`` (rtgraph.ttl and rtgraph.html, as the CLI).
    """
    from .built import Build
    from .pipeline import extract
    from .rdf import to_graph

    return Build(to_graph(extract(paths, **options)))
