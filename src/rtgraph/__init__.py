"""rtgraph: cited knowledge graphs from drug-policy and law-enforcement documents.

>>> import rtgraph
>>> graph = rtgraph.build(["data"])          # rdflib.Graph
>>> G = rtgraph.to_networkx(graph)          # networkx.MultiDiGraph
>>> graph = rtgraph.load("outputs/rtgraph.ttl")
"""

from __future__ import annotations

from .errors import RtgraphError
from .netx import load, neighbourhood, to_networkx

__all__ = ["build", "load", "to_networkx", "neighbourhood", "RtgraphError", "__version__"]
__version__ = "0.1.0"


def build(paths, **options):
    """Read documents (files or folders) and return the built rdflib.Graph."""
    from .pipeline import extract
    from .rdf import to_graph

    return to_graph(extract(paths, **options))
