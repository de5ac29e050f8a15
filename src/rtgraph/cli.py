"""Command line: rtgraph build | validate | query | load | view.

Every error prints one line, ``rtgraph: error: ...``, naming the file and the
problem, and exits with the status of its kind (``errors.py``; the table is
in the README); ``rtgraph --debug ...`` shows the traceback instead. Outputs
are written only after everything has been built, all together (``atomic.py``).
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
import time
from collections import Counter
from importlib import import_module
from pathlib import Path

from .atomic import check_output_folder, write_files, write_outputs
from .errors import OutputError, RtgraphError, UsageError, ValidationError
from .ingest import DEFAULT_MAX_BYTES

__all__ = ["main", "EXIT_PARTIAL", "EXIT_OS", "EXIT_INTERNAL", "EXIT_INTERRUPTED"]

EXIT_PARTIAL = 3  # built, but some inputs were reported instead of built
EXIT_OS = OutputError.exit_code  # an OSError no stage turned into an RtgraphError
EXIT_INTERNAL = 70  # a bug: an exception rtgraph did not expect (BSD EX_SOFTWARE)
EXIT_INTERRUPTED = 130  # Ctrl-C
VIEW_NAME = "rtgraph-view.html"


def _build(args) -> int:
    from dataclasses import replace

    from .html import render_html
    from .ingest import read_corpus
    from .pipeline import extract_documents
    from .progress import QUIET, VERBOSE, NORMAL, Progress
    from .rdf import serialize, to_graph

    started = time.perf_counter()
    paths = args.paths or ["data"]
    out = Path(args.output)
    check_output_folder(out, paths)  # before the work, and again with the documents read
    from .cache import CACHE_DIR

    if args.workers < 1:
        raise UsageError(f"--workers {args.workers}: expected a number of processes, 1 or more")
    if args.scheduler is not None and args.workers != 1:
        raise UsageError("--scheduler and --workers: the Dask cluster's workers extract the documents; "
                         "give one or the other")
    # the cluster first: an unreachable scheduler is told before any document is read
    client = _cluster(args.scheduler) if args.scheduler is not None else None
    try:
        documents, problems = read_corpus(paths, strict=args.strict, max_bytes=args.max_bytes)
        level = QUIET if args.quiet else VERBOSE if args.verbose else NORMAL
        with Progress(len(documents), level=level) as progress:
            extraction = extract_documents(documents, workers=args.workers, scheduler=client,
                                           cache_dir=None if args.no_cache else out / CACHE_DIR,
                                           progress=progress.done)
    finally:
        if client is not None:
            client.close()
    extraction = replace(extraction, problems=problems)
    graph = to_graph(extraction)
    turtle = serialize(graph)
    page = render_html(graph).encode("utf-8")
    read = [p for d in extraction.documents for p in (d.path, *d.also_at)]
    write_outputs(out, {"rtgraph.ttl": turtle, "rtgraph.html": page}, inputs=[*paths, *read])
    seconds = time.perf_counter() - started
    classes = Counter(e.cls.rsplit("#", 1)[-1] for e in extraction.entities)
    # counted as the viewer's header and `rtgraph stats` count them: relations between
    # entities, from the text or background; dates (a literal object) apart
    links = [a for a in extraction.assertions if type(a.object) is str]  # an IRI; rdflib Literals subclass str
    background = sum(a.background for a in links)
    negative = sum(a.polarity == "Negative" for a in links)
    dates = len(extraction.assertions) - len(links)
    summary = [
        f"documents:  {len(extraction.documents)}",
        f"sentences:  {len(extraction.sentences)}",
        f"entities:   {len(extraction.entities)} ({', '.join(f'{k} {v}' for k, v in sorted(classes.items()))})",
        f"relations:  {len(links)} between entities ({len(links) - background} read from the text, "
        f"{background} background; {negative} negative){f', and {dates} dates' if dates else ''}",
        f"statistics: {len(extraction.statistics)}",
        f"trends:     {len(extraction.trends)}",
        f"wrote:      {out / 'rtgraph.ttl'}, {out / 'rtgraph.html'}",
        f"seconds:    {seconds:.1f}",
        *(f"notes:      {note}" for note in extraction.notes),
    ]
    if level != QUIET:
        print("\n".join(summary))
    for problem in extraction.problems:
        print(f"rtgraph: error: {problem.path}: {problem.problem}", file=sys.stderr)
    return EXIT_PARTIAL if extraction.problems else 0


def _cluster(address: str):
    from .cluster import connect

    return connect(address)


def _validate(args) -> int:
    from .graphs import is_store, read_graph
    from .validate import validate

    report = validate(read_graph(args.graph) if is_store(args.graph) else args.graph, label=args.graph)
    if report.conforms:
        print(f"{args.graph}: conforms to the rtgraph shapes")
        return 0
    print(f"{args.graph}: {len(report.results)} violation(s)")
    for focus, path, message in report.results:
        print(f"  {focus} {path}: {message}")
    return ValidationError.exit_code


def _query(args) -> int:
    from .query import format_graph, list_queries, sparql
    from .results import format_results

    if args.list:
        for name, title in list_queries():
            print(f"{name}  {title}")
        return 0
    graphs, text = (args.items, args.expr) if args.expr is not None else (args.items[:-1], args.items[-1:])
    if not graphs or not text:
        raise UsageError("query: expected GRAPH... (Turtle files or a store folder) and a query "
                           "(packaged name or number, a .rq file, or -e 'SELECT ...'), or --list")
    params = {}
    for item in args.param:
        name, eq, value = item.partition("=")
        if not eq or not name.isidentifier():
            raise UsageError(f"--param {item!r}: expected name=value, e.g. --param s=rtr:substance/fentanyl")
        params[name] = value
    graph = graphs[0] if len(graphs) == 1 else graphs
    answer = sparql(graph, text if isinstance(text, str) else text[0], params=params,
                    allow_network=args.allow_network)
    graph_formats = ("turtle", "nt")
    if (answer.graph is not None) != (args.format in graph_formats) and args.format != "table":
        expected = "turtle or nt" if answer.graph is not None else "table, csv, tsv or json"
        raise UsageError(f"--format {args.format}: a {answer.form} query gives "
                         f"{'a graph' if answer.graph is not None else 'results'}; expected --format {expected}")
    if answer.graph is not None:
        sys.stdout.write(format_graph(answer.graph, "nt" if args.format == "nt" else "turtle"))
    elif answer.boolean is not None:
        value = "true" if answer.boolean else "false"
        sys.stdout.write(f'{{"head": {{}}, "boolean": {value}}}\n' if args.format == "json" else f"{value}\n")
    else:
        sys.stdout.write(format_results(list(answer.columns), list(answer.rows), fmt=args.format, wide=args.wide))
    return 0


def _load(args) -> int:
    from .graphs import load_store

    started = time.perf_counter()
    count = load_store(args.graphs, args.store)
    print(f"{args.store}: {count} triples from {len(args.graphs)} file(s) in {time.perf_counter() - started:.1f} s")
    return 0


def _view(args) -> int:
    from .graphs import read_graph
    from .html import render_html

    target = Path(args.output)
    if target.is_dir() or args.output.endswith(("/", os.sep)):
        target = target / VIEW_NAME  # -o DIR writes DIR/rtgraph-view.html
    page = render_html(read_graph(args.graph), focus=args.focus, hops=args.hops)
    write_files({target: page.encode("utf-8")})
    print(f"wrote {target}")
    return 0


def _parser() -> argparse.ArgumentParser:
    from . import __version__

    parser = argparse.ArgumentParser(prog="rtgraph", description="Cited knowledge graphs from drug-policy documents.")
    parser.add_argument("--version", action="version", version=f"rtgraph {__version__}")
    parser.add_argument("--debug", action="store_true", help="show the traceback of an error (before the command)")
    commands = parser.add_subparsers(dest="command", required=True)

    build = commands.add_parser("build", help="build documents into DIR/rtgraph.ttl and DIR/rtgraph.html")
    build.add_argument("paths", nargs="*", help="files or folders (default: data/)")
    build.add_argument("-o", "--output", default="outputs", help="output folder (default: outputs/)")
    build.add_argument("--strict", action="store_true", help="stop at the first input that cannot be read")
    build.add_argument("--workers", type=int, default=1, metavar="N",
                       help="extract documents in N processes (same bytes as one; default 1)")
    build.add_argument("--scheduler", metavar="ADDRESS",
                       help="extract documents on the Dask cluster at ADDRESS (tcp://host:8786; "
                            "needs rtgraph[distributed]; same bytes as one worker)")
    talk = build.add_mutually_exclusive_group()
    talk.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")
    talk.add_argument("-v", "--verbose", action="store_true", help="print a line as each document is done")
    build.add_argument("--no-cache", action="store_true",
                       help=f"extract every document again, without reading or writing OUTPUT/{'.rtgraph-cache'}")
    build.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, metavar="N",
                       help=f"refuse input files larger than N bytes (default {DEFAULT_MAX_BYTES})")
    build.set_defaults(run=_build)

    validate = commands.add_parser("validate", help="check a built graph against ontology/shapes.ttl")
    validate.add_argument("graph", help="a Turtle file or a store folder")
    validate.set_defaults(run=_validate)

    query = commands.add_parser("query", help="run a packaged or your own SPARQL SELECT query")
    query.add_argument("items", nargs="*", metavar="GRAPH... QUERY",
                       help="Turtle files or a store folder, then a packaged query name or number (see --list) or a .rq file")
    query.add_argument("-e", "--expr", metavar="SPARQL", help="the query text itself (then every positional is a graph)")
    query.add_argument("--list", action="store_true", help="list the packaged queries")
    query.add_argument("--format", choices=("table", "csv", "tsv", "json", "turtle", "nt"), default="table",
                       help="SELECT and ASK: table (default), or the W3C SPARQL 1.1 results formats csv, tsv, json; "
                            "CONSTRUCT and DESCRIBE: turtle (default) or nt")
    query.add_argument("--allow-network", action="store_true",
                       help="let SERVICE and FROM <iri> fetch remote data (refused by default: rtgraph runs offline)")
    query.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                       help="bind ?NAME: <iri> or prefix:name is an IRI, anything else a plain literal")
    query.add_argument("--wide", action="store_true", help="do not cut table cells to fit the terminal")
    query.set_defaults(run=_query)

    load = commands.add_parser("load", help="load Turtle graphs into an on-disk store for fast queries")
    load.add_argument("graphs", nargs="+", metavar="GRAPH.ttl")
    load.add_argument("--store", required=True, metavar="DIR", help="store folder (new, empty, or an existing store)")
    load.set_defaults(run=_load)

    view = commands.add_parser("view", help="write an HTML view of a graph, or of one entity's neighbourhood")
    view.add_argument("graph", help="a Turtle file or a store folder")
    view.add_argument("--focus", help="label, alias or IRI of the entity to centre on")
    view.add_argument("--hops", type=int, default=1, help="neighbourhood radius (default 1)")
    view.add_argument("-o", "--output", default=VIEW_NAME,
                      help=f"the HTML file to write; a folder gets DIR/{VIEW_NAME} (default: ./{VIEW_NAME})")
    view.set_defaults(run=_view)
    for name in _COMMAND_MODULES:
        import_module(f".{name}", __package__).register(commands)
    return parser


# Modules that add a subcommand: each has register(subparsers), which adds its parser and
# sets ``run`` to a function of the parsed args returning the exit status.
_COMMAND_MODULES: tuple[str, ...] = ("serve", "push", "exports", "stats", "diff")


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def main(argv: list[str] | None = None) -> int:
    try:
        args = _parser().parse_args(argv)
    except KeyboardInterrupt:  # Ctrl-C while the subcommands are imported
        print("rtgraph: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    try:
        return args.run(args)
    except BaseException as exc:  # every way out becomes one line and a documented status
        if isinstance(exc, SystemExit):
            raise
        if args.debug:
            traceback.print_exc()
        if isinstance(exc, KeyboardInterrupt):
            print("rtgraph: interrupted", file=sys.stderr)
            return EXIT_INTERRUPTED
        if isinstance(exc, RtgraphError):
            message, status = str(exc), exc.exit_code
        elif isinstance(exc, OSError):
            where = f"{exc.filename}: " if exc.filename else ""
            message, status = f"{where}{exc.strerror or exc}", EXIT_OS
        else:
            message = f"internal error, please report it: {type(exc).__name__}: {exc}"
            message += "" if args.debug else " (rtgraph --debug ... shows the traceback)"
            status = EXIT_INTERNAL
        print(f"rtgraph: error: {_one_line(message)}", file=sys.stderr)
        return status


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
