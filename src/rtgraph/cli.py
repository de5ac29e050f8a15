"""Command line: rtgraph build | validate | query | view.

Errors rtgraph anticipates (bad input, unreadable graphs, unknown queries)
print one line naming the file and the problem and exit with status 1;
outputs are written only after everything has been built, by atomic rename.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from collections import Counter
from importlib import import_module
from pathlib import Path

from .atomic import write_files
from .errors import RtgraphError

__all__ = ["main"]


def _build(args) -> int:
    from .html import render_html
    from .pipeline import extract
    from .rdf import serialize, to_graph

    started = time.perf_counter()
    extraction = extract(args.paths or ["data"])
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
    return 0


def _validate(args) -> int:
    from .validate import validate

    report = validate(args.graph)
    if report.conforms:
        print(f"{args.graph}: conforms to the rtgraph shapes")
        return 0
    print(f"{args.graph}: {len(report.results)} violation(s)")
    for focus, path, message in report.results:
        print(f"  {focus} {path}: {message}")
    return 1


def _query(args) -> int:
    from .netx import load
    from .query import list_queries, run_query

    if args.list:
        for name, title in list_queries():
            print(f"{name}  {title}")
        return 0
    if not args.graph or not args.query:
        raise RtgraphError("query: expected GRAPH.ttl and NAME_OR_FILE.rq (or --list)")
    columns, rows = run_query(load(args.graph), args.query)
    if args.format == "table":
        widths = [max([len(c)] + [len(r[i]) for r in rows]) for i, c in enumerate(columns)]
        print("  ".join(c.ljust(w) for c, w in zip(columns, widths)).rstrip())
        print("  ".join("-" * w for w in widths))
        for row in rows:
            print("  ".join(v.ljust(w) for v, w in zip(row, widths)).rstrip())
        print(f"({len(rows)} rows)")
    else:
        writer = csv.writer(sys.stdout, delimiter="," if args.format == "csv" else "\t", lineterminator="\n")
        writer.writerow(columns)
        writer.writerows(rows)
    return 0


def _view(args) -> int:
    from .html import render_html
    from .netx import load

    page = render_html(load(args.graph), focus=args.focus, hops=args.hops)
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
    build.set_defaults(run=_build)

    validate = commands.add_parser("validate", help="check a built graph against ontology/shapes.ttl")
    validate.add_argument("graph")
    validate.set_defaults(run=_validate)

    query = commands.add_parser("query", help="run a packaged or your own SPARQL query")
    query.add_argument("graph", nargs="?")
    query.add_argument("query", nargs="?", help="a packaged query name or number (see --list), or a .rq file")
    query.add_argument("--list", action="store_true", help="list the packaged queries")
    query.add_argument("--format", choices=("table", "csv", "tsv"), default="table")
    query.set_defaults(run=_query)

    view = commands.add_parser("view", help="write an HTML view of a graph, or of one entity's neighbourhood")
    view.add_argument("graph")
    view.add_argument("--focus", help="label, alias or IRI of the entity to centre on")
    view.add_argument("--hops", type=int, default=1, help="neighbourhood radius (default 1)")
    view.add_argument("-o", "--output", default="rtgraph-view.html")
    view.set_defaults(run=_view)
    for name in _COMMAND_MODULES:
        import_module(f".{name}", __package__).register(commands)
    return parser


# Modules that add a subcommand: each has register(subparsers), which adds its parser and
# sets ``run`` to a function of the parsed args returning the exit status.
_COMMAND_MODULES: tuple[str, ...] = ()


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
