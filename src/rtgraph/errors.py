"""One exception base for everything rtgraph reports to a user.

Messages say what went wrong, where (file, line or term), what was expected
and what was found, so the CLI can print them as one line. Each class carries
the exit status the CLI returns for it (the table is in the README); a
subclass defined elsewhere inherits its parent's.
"""

from __future__ import annotations

__all__ = [
    "RtgraphError",
    "UsageError",
    "InputError",
    "OutputError",
    "LexiconError",
    "ExtractorError",
    "GraphError",
    "QueryError",
    "ValidationError",
    "ServerError",
    "PushError",
    "ClusterError",
    "InstallError",
]


class RtgraphError(Exception):
    """Base of every error rtgraph raises on purpose."""

    exit_code = 1


class UsageError(RtgraphError):
    """The command line asks for something that cannot be done (missing argument, bad --param)."""

    exit_code = 2


class InputError(RtgraphError):
    """A document path cannot be read as a document (missing, empty, binary, no documents)."""

    exit_code = 4

    def __init__(self, path, problem: str):
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")

    def __reduce__(self):  # raised in a worker process, re-raised in the build
        return type(self), (self.path, self.problem)


class OutputError(RtgraphError):
    """Outputs cannot be written: the folder is a file, inside a file, not writable, or an input."""

    exit_code = 8


class LexiconError(RtgraphError):
    """The ontology or lexicon files are missing or inconsistent."""

    exit_code = 9


class ExtractorError(RtgraphError):
    """The extractor registry is inconsistent (unknown name, bad output type)."""

    exit_code = 9


class GraphError(RtgraphError):
    """A built graph file cannot be read or does not follow the vocabulary."""

    exit_code = 5


class QueryError(RtgraphError):
    """A SPARQL query cannot be found, parsed or run."""

    exit_code = 6


class ValidationError(RtgraphError):
    """A graph does not conform to ontology/shapes.ttl."""

    exit_code = 5


class ServerError(RtgraphError):
    """The Oxigraph server cannot be found, started or kept running (binary missing, port in use)."""

    exit_code = 7


class PushError(RtgraphError):
    """A graph cannot be uploaded to a SPARQL Graph Store endpoint (unreachable, refused, HTTP error)."""

    exit_code = 7


class ClusterError(RtgraphError):
    """The Dask scheduler given to --scheduler cannot be reached or has no workers."""

    exit_code = 7


class InstallError(RtgraphError):
    """An optional extra is not installed, or a Dask worker runs another rtgraph."""

    exit_code = 9
