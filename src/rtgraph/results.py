"""SELECT results as text: an aligned table, or the W3C SPARQL 1.1 results formats.

``json`` (application/sparql-results+json) and ``csv`` are rdflib's serializers;
``tsv`` writes terms in Turtle syntax as the SPARQL 1.1 TSV format says. The
table shows IRIs as prefixed names (``rtr:actor/…``, ``rtg:traffics``) and
fits the terminal (80 to 120 columns), cutting long cells with an ellipsis.
"""

from __future__ import annotations

import io
import shutil

from rdflib import URIRef, Variable
from rdflib.query import Result

__all__ = ["FORMATS", "format_results", "short"]

FORMATS = ("table", "csv", "tsv", "json")
_MIN_CELL = 8


def short(term) -> str:
    """A term for the table: prefixed IRI, lexical form of a literal, '' when unbound."""
    from .rdf import PREFIXES

    if term is None:
        return ""
    if isinstance(term, URIRef):
        iri = str(term)
        best = ""
        for prefix, ns in PREFIXES.items():
            # resources are shown under rtr: (rtr:actor/…), not the per-kind prefixes
            if iri.startswith(ns) and len(ns) > len(PREFIXES.get(best, "")) and (prefix == "rtr" or "/resource/" not in ns):
                best = prefix
        return f"{best}:{iri[len(PREFIXES[best]):]}" if best else f"<{iri}>"
    return " ".join(str(term).split())


def _rdflib_result(columns, rows) -> Result:
    result = Result("SELECT")
    result.vars = [Variable(c) for c in columns]
    result.bindings = [{Variable(c): v for c, v in zip(columns, row) if v is not None} for row in rows]
    return result


def _tsv_term(term) -> str:
    if term is None:
        return ""
    text = term.n3()
    return text.replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def _fit(widths: list[int], limit: int) -> list[int]:
    widths = list(widths)
    while sum(widths) + 2 * (len(widths) - 1) > limit:
        i = max(range(len(widths)), key=lambda j: (widths[j], -j))
        if widths[i] <= _MIN_CELL:
            break
        widths[i] -= 1
    return widths


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


def _table(columns, rows, *, wide: bool, width: int | None) -> str:
    cells = [[short(v) for v in row] for row in rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    if not wide:
        limit = width or min(max(shutil.get_terminal_size((100, 24)).columns, 80), 120)
        widths = _fit(widths, limit)
    lines = ["  ".join(_cut(c, w).ljust(w) for c, w in zip(columns, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(_cut(v, w).ljust(w) for v, w in zip(row, widths)).rstrip() for row in cells]
    lines.append(f"({len(rows)} rows)")
    return "\n".join(lines) + "\n"


def format_results(columns: list[str], rows: list[tuple], *, fmt: str = "table", wide: bool = False,
                   width: int | None = None) -> str:
    """Rows of rdflib terms (None where unbound) as text in one of FORMATS."""
    if fmt == "table":
        return _table(columns, rows, wide=wide, width=width)
    if fmt == "tsv":
        lines = ["\t".join(f"?{c}" for c in columns)]
        lines += ["\t".join(_tsv_term(v) for v in row) for row in rows]
        return "\n".join(lines) + "\n"
    if fmt in ("csv", "json"):
        out = io.BytesIO()
        _rdflib_result(columns, rows).serialize(out, encoding="utf-8", format=fmt)
        text = out.getvalue().decode("utf-8")
        return text if text.endswith("\n") else text + "\n"
    raise ValueError(f"unknown results format {fmt!r}; expected one of {', '.join(FORMATS)}")

