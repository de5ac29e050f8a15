"""The per-document extraction on an existing Dask cluster (``rtgraph build --scheduler ADDRESS``).

rtgraph runs no scheduler of its own: it connects a ``dask.distributed`` client
to the one at ADDRESS, checks that every worker runs the same pipeline (the
``cache.pipeline_version`` hash of code, ontology and model), and submits one
task per document. Documents travel to the workers; only their records come
back. The default lexicon is loaded on each worker (once per process), a custom
one is sent with the tasks. The cache is read and written by the build process,
never by the workers. Dask distributed is an optional extra:
``pip install 'rtgraph[distributed]'``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from .errors import ClusterError, InstallError, UsageError
from .lexicon import Lexicon
from .model import Document

__all__ = ["connect", "extract_on_cluster", "worker_version", "CONNECT_SECONDS"]

CONNECT_SECONDS = 10  # how long to try to reach the scheduler, and to wait for a first worker


def worker_version() -> str:
    """The pipeline version of the rtgraph a worker imports (run on each worker)."""
    from .cache import pipeline_version

    return pipeline_version()


def _extract_remote(document: Document, lexicon: Lexicon | None, expected: str):
    """One document's records, on a worker; refuses to run another rtgraph's pipeline
    (a worker that joined after the check)."""
    from .cache import pipeline_version
    from .pipeline import extract_one

    found = pipeline_version()
    if found != expected:
        raise InstallError(f"a Dask worker runs another rtgraph (pipeline {found[:12]}, this build "
                           f"{expected[:12]}): install the same rtgraph on every worker")
    return extract_one(document, lexicon=lexicon)


def _client(address: str):
    try:
        from distributed import Client
    except ImportError as exc:
        raise InstallError(f"--scheduler needs Dask distributed, which is not installed ({exc.name or exc}): "
                           f"pip install 'rtgraph[distributed]'") from None
    from distributed.comm import resolve_address

    try:
        resolved = resolve_address(address)  # before a Client, which would retry a bad address until it times out
    except ValueError as exc:
        raise UsageError(f"--scheduler {address}: not a Dask scheduler address ({exc}); "
                         f"expected tcp://HOST:PORT") from None
    except OSError as exc:  # the host name does not resolve
        raise ClusterError(f"--scheduler {address}: cannot reach the Dask scheduler ({exc.strerror or exc})") from None
    try:
        return Client(resolved, timeout=CONNECT_SECONDS, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:  # refused, unresolvable, no answer, a bad address
        reason = " ".join(str(exc).split()) or type(exc).__name__
        raise ClusterError(f"--scheduler {address}: cannot reach the Dask scheduler ({reason})") from None


def _check_workers(client, address: str, expected: str) -> None:
    try:
        client.wait_for_workers(1, timeout=CONNECT_SECONDS)
    except TimeoutError:
        raise ClusterError(f"--scheduler {address}: the Dask scheduler has no workers "
                           f"(none joined within {CONNECT_SECONDS} s)") from None
    versions = client.run(worker_version)
    other = sorted(worker for worker, version in versions.items() if version != expected)
    if other:
        raise InstallError(f"--scheduler {address}: Dask worker {other[0]} runs another rtgraph "
                           f"(pipeline {versions[other[0]][:12]}, this build {expected[:12]})"
                           f"{f' and {len(other) - 1} more' if len(other) > 1 else ''}: "
                           f"install the same rtgraph on every worker")


def connect(address: str):
    """A client of the scheduler at ``address`` whose workers run this rtgraph's pipeline
    (close it when done); raises a one-line error otherwise."""
    from .cache import pipeline_version

    client = _client(address)
    try:
        _check_workers(client, address, pipeline_version())
    except BaseException:
        client.close()
        raise
    return client


def extract_on_cluster(scheduler, documents: Sequence[Document], *,
                       lexicon: Lexicon | None = None) -> Iterator[tuple[int, object]]:
    """(position, DocumentRecords) of each document as its task finishes on the cluster.

    ``scheduler`` is an address (connected and closed here) or a client from ``connect``.
    """
    from .cache import pipeline_version

    own = isinstance(scheduler, str)
    client = connect(scheduler) if own else scheduler
    try:
        if not documents:
            return
        from distributed import as_completed

        futures = client.map(_extract_remote, list(documents), lexicon=lexicon, expected=pipeline_version(),
                             pure=False)
        positions = {future.key: k for k, future in enumerate(futures)}
        try:
            for future, records in as_completed(futures, with_results=True, loop=client.loop):
                yield positions[future.key], records
        finally:
            client.cancel(futures)
    finally:
        if own:
            client.close()
