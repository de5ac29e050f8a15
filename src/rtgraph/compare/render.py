"""The result of ``compare`` for people: plain text for a terminal, or one offline HTML page.

Both lay out the same lines (``_entries``): per kind, sections New, Gone and
Changed, each item with what changed and, on each side, what was stated and
the sentences stating it (document file, character offsets, text). The page
has no script and fetches nothing; the same result gives the same bytes.
"""

from __future__ import annotations

import html
import textwrap
from decimal import Decimal

from .changes import KINDS, STATUSES

__all__ = ["ORDER", "format_text", "render_html", "has_changes"]

# sentences quoted per fact in the text report (an entity's first mention); JSON and HTML keep them all
MAX_QUOTES = {"entities": 1, "relations": 3, "statistics": 3, "trends": 3}
# figures and trends first: what an analyst reads a diff for
ORDER = ("statistics", "trends", "relations", "entities")
_MARK = {"new": "+", "gone": "-", "changed": "~"}
_TITLE = {"new": "New", "gone": "Gone", "changed": "Changed"}


def has_changes(result: dict) -> bool:
    return any(result[kind][status] for kind in KINDS for status in STATUSES)


def _number(value: str) -> str:
    return f"{Decimal(value):,}"


def _fact(kind: str, fact: dict) -> tuple[str, list[dict]]:
    """One line saying what a side states, and its sentences."""
    if kind == "entities":
        return fact["class"], fact["mentions"]
    if kind == "relations":
        said = f"{fact['polarity']}, {fact['modality']}"
        if fact["attributed_to"]:
            said += f", according to {', '.join(fact['attributed_to'])}"
        return said, fact["evidence"]
    if kind == "statistics":
        said = " ".join(x for x in (fact["qualifier"], _number(fact["value"]), fact["unit"]) if x)
    else:
        said = f"{fact['direction']}: {fact['label']}"
        if fact["modality"] != "Asserted":
            said += f" ({fact['modality']})"
        if fact["shift_from"] or fact["shift_to"]:
            said += f" [from {', '.join(fact['shift_from']) or '?'} to {', '.join(fact['shift_to']) or '?'}]"
    return said + (f", {fact['period']}" if fact["period"] else ""), fact["evidence"]


def _value(field: str, value) -> str:
    if isinstance(value, list):
        return ", ".join(value) or "none"
    if field == "value":
        return _number(value)
    return value or "none"


def _entries(result: dict):
    """(kind, status, [(mark, label, change lines, [(side, said, evidence)])]) in report order."""
    for kind in ORDER:
        for status in STATUSES:
            items = []
            for item in result[kind][status]:
                changes = [f"{field}: {_value(field, c['old'])} \u2192 {_value(field, c['new'])}"
                           for field, c in item["changes"].items()]
                facts: dict = {}  # one line per distinct statement on a side, with all its sentences
                for side in ("old", "new"):
                    for f in item[side]:
                        said, evidence = _fact(kind, f)
                        facts.setdefault((side, said), []).extend(evidence)
                facts = [(side, said, sorted(ev, key=lambda e: (e["document"], e["start"])))
                         for (side, said), ev in facts.items()]
                items.append((_MARK[status], item["label"], changes, facts))
            yield kind, status, items


def _where(ev: dict) -> str:
    return f"{ev['document']} {ev['start']}\u2013{ev['end']}"


def _header(result: dict) -> list[str]:
    lines = []
    for side in ("old", "new"):
        docs = "; ".join(f"{d['source']} ({d['title']})" for d in result[side]["documents"]) or "no documents"
        lines.append(f"{side}: {result[side]['name']}: {docs}")
    return lines


def _summary_rows(result: dict) -> list[list[str]]:
    columns = (*STATUSES, "unchanged")
    return [["", *columns]] + [[kind, *(str(result["summary"][kind][c]) for c in columns)] for kind in ORDER]


def format_text(result: dict, *, width: int = 100) -> str:
    out = _header(result) + [""]
    out += [f"{row[0]:<12}" + "".join(f"{c:>11}" for c in row[1:]) for row in _summary_rows(result)]
    if not has_changes(result):
        return "\n".join(out + ["", "no changes"]) + "\n"

    def wrap(text: str, indent: str) -> list[str]:
        return textwrap.wrap(text, width=width, initial_indent=indent, subsequent_indent=indent + "  ",
                             break_on_hyphens=False) or [indent]

    kind_seen = None
    for kind, status, items in _entries(result):
        if not items:
            continue
        if kind != kind_seen:
            out += ["", kind.capitalize()]
            kind_seen = kind
        out.append(f"  {_TITLE[status]} ({len(items)})")
        for mark, label, changes, facts in items:
            out += wrap(f"{mark} {label}", "    ")
            out += [line for change in changes for line in wrap(change, "        ")]
            for side, said, evidence in facts:
                out += wrap(f"{side}: {said}", "        ")
                for ev in evidence[:MAX_QUOTES[kind]]:
                    out += wrap(f"\u201c{ev['text']}\u201d ({_where(ev)})", "          ")
                if len(evidence) > MAX_QUOTES[kind]:
                    more = len(evidence) - MAX_QUOTES[kind]
                    out.append(f"          \u2026 and {more} more sentence{'s' * (more != 1)}")
    return "\n".join(out) + "\n"


_CSS = """body{font:15px/1.45 system-ui,sans-serif;margin:2em auto;max-width:60em;padding:0 1em;color:#222}
h1{font-size:1.4em}h2{margin-top:1.6em;border-bottom:1px solid #ccc}h3{font-size:1.05em}
table{border-collapse:collapse}td,th{padding:.2em .8em;text-align:right;border-bottom:1px solid #eee}
td:first-child,th:first-child{text-align:left}ul{list-style:none;padding-left:0}
li.item{margin:.8em 0;padding:.4em .8em;border-left:4px solid #999}
li.new{border-color:#2a7}li.gone{border-color:#c44}li.changed{border-color:#d90}
.label{font-weight:600}.change{color:#a50}.side{margin:.3em 0 0 .5em}
blockquote{margin:.2em 0 .2em 1em;color:#444}cite{color:#777;font-style:normal;font-size:.9em}"""


def render_html(result: dict) -> str:
    esc = html.escape
    title = f"rtgraph diff: {result['old']['name']} \u2192 {result['new']['name']}"
    out = ['<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">',
           '<meta name="generator" content="rtgraph">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           f"<title>{esc(title)}</title>\n<style>\n{_CSS}\n</style>\n</head>\n<body>",
           f"<h1>{esc(title)}</h1>"]
    out += [f"<p>{esc(line)}</p>" for line in _header(result)]
    rows = _summary_rows(result)
    out.append("<table>\n<tr>" + "".join(f"<th>{esc(c)}</th>" for c in rows[0]) + "</tr>")
    out += ["<tr>" + "".join(f"<td>{esc(c)}</td>" for c in row) + "</tr>" for row in rows[1:]]
    out.append("</table>")
    if not has_changes(result):
        out.append("<p>no changes</p>")
    kind_seen = None
    for kind, status, items in _entries(result):
        if not items:
            continue
        if kind != kind_seen:
            out.append(f"<h2>{esc(kind.capitalize())}</h2>")
            kind_seen = kind
        out.append(f"<h3>{_TITLE[status]} ({len(items)})</h3>\n<ul>")
        for mark, label, changes, facts in items:
            out.append(f'<li class="item {status}"><span class="label">{esc(mark)} {esc(label)}</span>')
            out += [f'<div class="change">{esc(change)}</div>' for change in changes]
            for side, said, evidence in facts:
                out.append(f'<div class="side"><b>{side}:</b> {esc(said)}')
                out += [f"<blockquote>\u201c{esc(ev['text'])}\u201d <cite>{esc(_where(ev))}</cite></blockquote>"
                        for ev in evidence]
                out.append("</div>")
            out.append("</li>")
        out.append("</ul>")
    out.append("</body>\n</html>")
    return "\n".join(out) + "\n"
