"""``rtgraph diff``: what is new, gone and changed between two meetings, with evidence on both sides.

    rtgraph diff OLD NEW                                  # two built graphs (Turtle files or store folders)
    rtgraph diff GRAPH --old DOC_OR_MEETING --new DOC_OR_MEETING   # two documents of one graph
    rtgraph diff OLD NEW --format json                    # the result of rtgraph.compare.compare
    rtgraph diff OLD NEW --format html -o changes.html    # one self-contained offline page

Both sides are read from the RDF only (``rtgraph.graphs.read_graph``); the
matching rules are those of ``rtgraph.compare.changes``. A selector names a
document by file name, IRI or title, or a meeting by label or date
(``2021-03``, ``2021-03-04``); one that matches none or several documents is
an error. Text and JSON go to standard output unless ``-o FILE`` is given;
files are written atomically. The exit status is 0 whether or not anything changed.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from .atomic import write_files
from .errors import UsageError

__all__ = ["diff", "register"]

FORMATS = ("text", "json", "html")


def diff(old, new=None, *, old_selector: str | None = None, new_selector: str | None = None) -> dict:
    """Compare graph ``old`` (a path, paths, or an rdflib Graph) with graph ``new``.

    With a selector, that side is only the document or meeting it names in its
    graph. ``new`` may be ``None`` when both selectors name documents of ``old``.
    """
    from .compare import compare, read_side, select_documents
    from .exports import read_graph_arg

    def load(source):
        return source if hasattr(source, "triples") else read_graph_arg(source)

    def name(source) -> str:
        if hasattr(source, "triples"):
            return "graph"
        return ", ".join(str(p) for p in ([source] if isinstance(source, (str, Path)) else source))

    def side(source, graph, selector, option):
        where = name(source)
        if selector is None:
            return read_side(graph, name=where)
        docs = select_documents(graph, selector, where=where, option=option)
        return read_side(graph, name=f"{where} {option} {selector}", documents=docs)

    old_graph = load(old)
    new_source = old if new is None else new
    new_graph = old_graph if new is None else load(new)
    return compare(side(old, old_graph, old_selector, "--old"), side(new_source, new_graph, new_selector, "--new"))


def _run(args) -> int:
    from .compare.render import format_text, render_html

    if len(args.graphs) == 1 and (args.old is None or args.new is None):
        raise UsageError("diff: with one GRAPH, give both --old and --new (a document file name, IRI or title, "
                           "a meeting label or a date); or give two graphs OLD NEW")
    if len(args.graphs) > 2:
        raise UsageError(f"diff: expected OLD NEW (two graphs) or GRAPH --old X --new Y, got {len(args.graphs)} graphs")
    if args.format == "html" and not args.output:
        raise UsageError("diff: --format html needs -o FILE")
    if args.output and any(Path(args.output).resolve() == Path(g).resolve() for g in args.graphs):
        raise UsageError(f"{args.output}: diff: -o would overwrite a graph being compared; choose another file")
    old, new = args.graphs if len(args.graphs) == 2 else (args.graphs[0], None)
    result = diff(old, new, old_selector=args.old, new_selector=args.new)
    if args.format == "json":
        text = json.dumps(result, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    elif args.format == "html":
        text = render_html(result)
    else:
        text = format_text(result)
    if args.output:
        write_files({Path(args.output): text.encode("utf-8")})
        print(f"wrote {args.output}")
    else:
        sys.stdout.write(text)
    return 0


def register(subparsers) -> None:
    p = subparsers.add_parser("diff", help="what is new, gone and changed between two graphs, documents or meetings")
    p.add_argument("graphs", nargs="+", metavar="GRAPH",
                   help="OLD NEW: two built graphs (Turtle files or store folders); or one GRAPH with --old and --new")
    p.add_argument("--old", metavar="DOC_OR_MEETING", help="the old side: a document (file name, IRI, title) "
                   "or a meeting (label, or date YYYY[-MM[-DD]]) of the (first) graph")
    p.add_argument("--new", metavar="DOC_OR_MEETING", help="the new side, likewise, in the (second) graph")
    p.add_argument("--format", choices=FORMATS, default="text", help="text (default), json, or html (needs -o)")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    p.set_defaults(run=_run)
