"""Command line: rtgraph build | validate | query | load | view.

Errors rtgraph anticipates (bad input, unreadable graphs, unknown queries)
print one line naming the file and the problem and exit with status 1;
outputs are written only after everything has been built, by atomic rename.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from importlib import import_module
from pathlib import Path

from .atomic import write_files
from .errors import RtgraphError
from .ingest import DEFAULT_MAX_BYTES

__all__ = ["main", "EXIT_PARTIAL"]

EXIT_PARTIAL = 3  # built, but some inputs were reported instead of built


def _build(args) -> int:
    from .html import render_html
    from .pipeline import extract
    from .rdf import serialize, to_graph

    started = time.perf_counter()
    extraction = extract(args.paths or ["data"], strict=args.strict, max_bytes=args.max_bytes)
    graph = to_graph(extraction)
    turtle = serialize(graph)
    page = render_html(graph).encode("utf-8")
    out = Path(args.output)
    write_files({out / "rtgraph.ttl": turtle, out / "rtgraph.html": page})
    seconds = time.perf_counter() - started
    classes = Counter(e.cls.rsplit("#", 1)[-1] for e in extraction.entities)
    polarity = Counter(a.polarity for a in extraction.assertions)
    print(f"documents:  {len(extraction.documents)}")
    print(f"sentences:  {len(extraction.sentences)}")
    print(f"entities:   {len(extraction.entities)} ({', '.join(f'{k} {v}' for k, v in sorted(classes.items()))})")
    print(f"relations:  {len(extraction.assertions)} ({polarity['Positive']} positive, {polarity['Negative']} negative)")
    print(f"statistics: {len(extraction.statistics)}")
    print(f"trends:     {len(extraction.trends)}")
    print(f"wrote:      {out / 'rtgraph.ttl'}, {out / 'rtgraph.html'}")
    print(f"seconds:    {seconds:.1f}")
    for problem in extraction.problems:
        print(f"rtgraph: error: {problem.path}: {problem.problem}", file=sys.stderr)
    return EXIT_PARTIAL if extraction.problems else 0


def _validate(args) -> int:
    from .graphs import is_store, read_graph
    from .validate import validate

    report = validate(read_graph(args.graph) if is_store(args.graph) else args.graph)
    if report.conforms:
        print(f"{args.graph}: conforms to the rtgraph shapes")
        return 0
    print(f"{args.graph}: {len(report.results)} violation(s)")
    for focus, path, message in report.results:
        print(f"  {focus} {path}: {message}")
    return 1


def _query(args) -> int:
    from .query import list_queries, select
    from .results import format_results

    if args.list:
        for name, title in list_queries():
            print(f"{name}  {title}")
        return 0
    graphs, text = (args.items, args.expr) if args.expr is not None else (args.items[:-1], args.items[-1:])
    if not graphs or not text:
        raise RtgraphError("query: expected GRAPH... (Turtle files or a store folder) and a query "
                           "(packaged name or number, a .rq file, or -e 'SELECT ...'), or --list")
    params = {}
    for item in args.param:
        name, eq, value = item.partition("=")
        if not eq or not name.isidentifier():
            raise RtgraphError(f"--param {item!r}: expected name=value, e.g. --param s=rtr:substance/fentanyl")
        params[name] = value
    graph = graphs[0] if len(graphs) == 1 else graphs
    columns, rows = select(graph, text if isinstance(text, str) else text[0], params=params)
    sys.stdout.write(format_results(columns, rows, fmt=args.format, wide=args.wide))
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

    page = render_html(read_graph(args.graph), focus=args.focus, hops=args.hops)
    write_files({Path(args.output): page.encode("utf-8")})
    print(f"wrote {args.output}")
    return 0


def _parser() -> argparse.ArgumentParser:
    from . import __version__

    parser = argparse.ArgumentParser(prog="rtgraph", description="Cited knowledge graphs from drug-policy documents.")
    parser.add_argument("--version", action="version", version=f"rtgraph {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)

    build = commands.add_parser("build", help="build documents into DIR/rtgraph.ttl and DIR/rtgraph.html")
    build.add_argument("paths", nargs="*", help="files or folders (default: data/)")
    build.add_argument("-o", "--output", default="outputs", help="output folder (default: outputs/)")
    build.add_argument("--strict", action="store_true", help="stop at the first input that cannot be read")
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
    query.add_argument("--format", choices=("table", "csv", "tsv", "json"), default="table",
                       help="table (default), or the W3C SPARQL 1.1 results formats csv, tsv, json")
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
    view.add_argument("-o", "--output", default="rtgraph-view.html")
    view.set_defaults(run=_view)
    for name in _COMMAND_MODULES:
        import_module(f".{name}", __package__).register(commands)
    return parser


# Modules that add a subcommand: each has register(subparsers), which adds its parser and
# sets ``run`` to a function of the parsed args returning the exit status.
_COMMAND_MODULES: tuple[str, ...] = ("serve", "push", "exports", "stats", "diff")


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return args.run(args)
    except RtgraphError as exc:
        print(f"rtgraph: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
