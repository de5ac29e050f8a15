"""One exception base for everything rtgraph reports to a user.

Messages say what went wrong, where (file, line or term), what was expected
and what was found, so the CLI can print them as one line.
"""

from __future__ import annotations

__all__ = [
    "RtgraphError",
    "InputError",
    "LexiconError",
    "ExtractorError",
    "GraphError",
    "QueryError",
    "ValidationError",
    "ServerError",
    "PushError",
]


class RtgraphError(Exception):
    """Base of every error rtgraph raises on purpose."""


class InputError(RtgraphError):
    """A document path cannot be read as a document (missing, empty, binary, no documents)."""

    def __init__(self, path, problem: str):
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


class LexiconError(RtgraphError):
    """The ontology or lexicon files are missing or inconsistent."""


class ExtractorError(RtgraphError):
    """The extractor registry is inconsistent (unknown name, bad output type)."""


class GraphError(RtgraphError):
    """A built graph file cannot be read or does not follow the vocabulary."""


class QueryError(RtgraphError):
    """A SPARQL query cannot be found, parsed or run."""


class ValidationError(RtgraphError):
    """A graph does not conform to ontology/shapes.ttl."""


class ServerError(RtgraphError):
    """The Oxigraph server cannot be found, started or kept running (binary missing, port in use)."""


class PushError(RtgraphError):
    """A graph cannot be uploaded to a SPARQL Graph Store endpoint (unreachable, refused, HTTP error)."""
