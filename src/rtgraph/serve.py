"""``rtgraph serve``: a local SPARQL endpoint over a built graph, with the Oxigraph server.

rtgraph has no server of its own: it runs the ``oxigraph`` binary that the
``oxigraph`` package on PyPI installs (on PATH, or next to the Python that runs
rtgraph). GRAPH is either one or more Turtle files, loaded with ``oxigraph
load`` into a temporary store folder that is removed when the server stops, or
one existing store folder (written by ``rtgraph load --store``, pyoxigraph or
``oxigraph load``), served in place.

The server listens on 127.0.0.1 only and is read-only (``oxigraph
serve-read-only``) unless ``--writable``; it speaks the W3C protocols: SPARQL
1.1 Protocol at ``/query`` (and ``/update`` when writable) and the Graph Store
HTTP Protocol at ``/store``. Ctrl-C (SIGINT) or SIGTERM stops it and exits 0.
"""

from __future__ import annotations

import errno
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

from .errors import GraphError, ServerError

__all__ = ["DEFAULT_PORT", "HOST", "check_port", "find_oxigraph", "register", "serve", "stop_process"]

DEFAULT_PORT = 7878
HOST = "127.0.0.1"
READY_SECONDS = 60.0


def find_oxigraph() -> str:
    """Path of the ``oxigraph`` server binary: on PATH, else next to sys.executable."""
    found = shutil.which("oxigraph")
    if found:
        return found
    name = "oxigraph.exe" if os.name == "nt" else "oxigraph"
    beside = Path(sys.executable).parent / name
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    raise ServerError(
        f"oxigraph server binary not found: looked on PATH and in {beside.parent}; "
        "expected the `oxigraph` command that `pip install oxigraph` installs"
    )


def _child_env() -> dict[str, str]:
    # no Rust stack backtraces in the messages rtgraph reads back
    return dict(os.environ, RUST_BACKTRACE="0", RUST_LIB_BACKTRACE="0")


def _error_line(output: str) -> str:
    """The one line of an oxigraph error message that says what went wrong."""
    lines = []
    for line in output.splitlines():
        if line.strip().startswith("Stack backtrace"):
            break
        if line.strip():
            lines.append(line.strip())
    for prefix in ("Error while", "Error:", "error:"):
        for line in lines:
            if line.startswith(prefix):
                return line.removeprefix("Error:").removeprefix("error:").strip()
    return lines[-1] if lines else "no message"


def check_port(port: int) -> None:
    """ServerError unless ``port`` is a valid TCP port that is free on 127.0.0.1."""
    if not 1 <= port <= 65535:
        raise ServerError(f"--port {port}: expected a TCP port from 1 to 65535")
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        if os.name != "nt":  # as the server's own listener does
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((HOST, port))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise ServerError(f"port {port} on {HOST} is in use: choose another with --port") from exc
            raise ServerError(f"cannot listen on {HOST}:{port}: {exc.strerror or exc}") from exc


def _store_or_files(paths: list[Path]) -> tuple[Path | None, list[Path]]:
    from .graphs import is_store

    if not paths:
        raise GraphError("serve: no graph given: expected Turtle files or one store folder")
    folders = [p for p in paths if p.is_dir()]
    if folders:
        if len(paths) > 1:
            raise GraphError(f"{folders[0]}: a store folder is served alone, not with other graphs")
        if not is_store(folders[0]):
            raise GraphError(f"{folders[0]}: cannot serve: a folder that is not an Oxigraph store "
                             "(expected Turtle files or a store folder with CURRENT and OPTIONS-* files)")
        return folders[0], []
    for path in paths:
        if not path.is_file():
            raise GraphError(f"{path}: cannot serve: no such file")
    return None, paths


def _load(binary: str, files: list[Path], store: Path) -> None:
    command = [binary, "load", "--location", str(store), "--format", "text/turtle",
               "--file", *map(str, files)]
    done = subprocess.run(command, check=False, capture_output=True, text=True, env=_child_env())
    if done.returncode != 0:
        raise GraphError(f"cannot load the graph into Oxigraph: {_error_line(done.stderr + done.stdout)}")


def _wait_ready(process: subprocess.Popen, port: int, seconds: float) -> bool:
    """True once the server answers a query over HTTP; False if it exits first."""
    url = f"http://{HOST}:{port}/query?query=ASK%7B%7D"
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        try:
            with urllib.request.urlopen(url, timeout=2):
                return True
        except urllib.error.HTTPError:
            return True  # it answers, even if it dislikes the request
        except OSError:
            time.sleep(0.1)
    return False


def stop_process(process: subprocess.Popen) -> None:
    """Terminate a server process, killing it if it does not exit within 10 s."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


class _Terminated(Exception):
    """SIGTERM arrived: stop as on Ctrl-C."""


def _on_sigterm(signum, frame):
    raise _Terminated()


def serve(graph, port: int = DEFAULT_PORT, writable: bool = False, *, ready_seconds: float = READY_SECONDS) -> int:
    """Serve ``graph`` (Turtle files or a store folder) until Ctrl-C or SIGTERM; returns 0."""
    paths = [Path(graph)] if isinstance(graph, (str, Path)) else [Path(p) for p in graph]
    store, files = _store_or_files(paths)
    binary = find_oxigraph()
    check_port(port)
    workdir = Path(tempfile.mkdtemp(prefix="rtgraph-serve-"))
    previous = None
    if hasattr(signal, "SIGTERM") and threading.current_thread() is threading.main_thread():
        previous = signal.signal(signal.SIGTERM, _on_sigterm)  # only the main thread may set handlers
    process = log = None
    try:
        if store is None:
            store = workdir / "store"
            _load(binary, files, store)
        mode = "serve" if writable else "serve-read-only"
        log = open(workdir / "server.log", "w+b")  # noqa: SIM115 (closed in finally, after the child)
        process = subprocess.Popen(
            [binary, mode, "--location", str(store), "--bind", f"{HOST}:{port}"],
            stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, env=_child_env(),
            start_new_session=os.name != "nt",  # Ctrl-C reaches rtgraph, which stops the server
        )
        if not _wait_ready(process, port, ready_seconds):
            stop_process(process)
            log.seek(0)
            reason = _error_line(log.read().decode("utf-8", "replace"))
            if "in use" in reason.lower():
                raise ServerError(f"port {port} on {HOST} is in use: choose another with --port")
            raise ServerError(f"the Oxigraph server did not start on {HOST}:{port} for {store}: {reason}")
        base = f"http://{HOST}:{port}"
        what = ", ".join(map(str, paths))
        print(f"serving {what} {'read-write' if writable else 'read-only'}", flush=True)
        print(f"query:  {base}/query", flush=True)
        if writable:
            print(f"update: {base}/update", flush=True)
            print(f"store:  {base}/store", flush=True)
            if files:
                print("note:   changes go to a temporary store and are lost when the server stops", flush=True)
        print("Ctrl-C to stop", flush=True)
        process.wait()
        log.seek(0)
        reason = _error_line(log.read().decode("utf-8", "replace"))
        raise ServerError(f"the Oxigraph server stopped on its own (status {process.returncode}): {reason}")
    except (KeyboardInterrupt, _Terminated):
        if process is not None:
            stop_process(process)
        print("stopped", flush=True)
        return 0
    finally:
        if process is not None:
            stop_process(process)
        if log is not None:
            log.close()
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
        shutil.rmtree(workdir, ignore_errors=True)


def _run(args) -> int:
    return serve(args.graph, port=args.port, writable=args.writable)


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "serve", help="serve a graph as a local SPARQL endpoint (Oxigraph server)",
        description="Serve Turtle files or a store folder with the Oxigraph server on 127.0.0.1.",
    )
    parser.add_argument("graph", nargs="+", metavar="GRAPH", help="Turtle files, or one store folder")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"TCP port (default {DEFAULT_PORT})")
    parser.add_argument("--writable", action="store_true",
                        help="accept SPARQL updates and Graph Store writes (default: read-only)")
    parser.set_defaults(run=_run)
