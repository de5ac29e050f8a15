"""Text layout of each format: blocks (title, headings, text) with their offsets.

Plain text: short unpunctuated lines are headings, blank lines separate
blocks. Markdown: '#' and underlined headings, list items, fences skipped.
HTML: block elements through BeautifulSoup, page chrome dropped, the text
of <main>/<article> when the page has one. PDF and DOCX (``ingest.pdf``,
``ingest.docx``) give their text as plain-text paragraphs or one-line blocks. No heading string is listed
anywhere: structure comes from layout only.
"""

from __future__ import annotations

import re
from typing import NamedTuple

__all__ = ["Block", "parse_plain", "parse_markdown", "parse_html", "join_blocks", "one_line", "short_title"]


class Block(NamedTuple):
    start: int  # offsets into the document text, whitespace already trimmed
    end: int
    kind: str  # "title" | "heading" | "text"


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink [start, end) so it neither starts nor ends with whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def one_line(text: str) -> str:
    return " ".join(text.split())


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line, end excluding the newline."""
    spans, start = [], 0
    for line in text.split("\n"):
        spans.append((start, start + len(line)))
        start += len(line) + 1
    return spans


def _paragraph_groups(text: str) -> list[list[tuple[int, int]]]:
    """Runs of non-blank lines (blocks separated by blank lines)."""
    groups: list[list[tuple[int, int]]] = [[]]
    for start, end in _lines(text):
        if text[start:end].strip():
            groups[-1].append((start, end))
        elif groups[-1]:
            groups.append([])
    return [g for g in groups if g]


# --------------------------------------------------------------------------
# plain text

_SENTENCE_END = ".!?;,:…"
_CLOSERS = "\"'”’)]»"
_BULLET = re.compile(r"\s*[-*•‣◦▪]\s+\S")
_MAX_HEADING_LINES = 2  # a heading and a sub-heading; more short lines together form a list
_BYLINE = re.compile(r"(By|Written by|Reporting by)\s+[A-Z]")
_NUMBERED = re.compile(r"\s*\(?\d{1,3}[.)]\s+\S")


def _looks_like_heading(line: str, *, alone: bool = False) -> bool:
    """Short, not ending like a sentence, not a bullet, not starting lower-case.

    A line standing alone between blank lines may be longer: meeting summaries
    title their themes with whole statements ("Use of technology … key to
    tackling illegal online sales", 22 words), which no paragraph resembles
    once it also lacks a full stop and any sentence break inside.
    """
    line = line.strip()
    words, chars = (25, 200) if alone else (15, 120)
    if not line or len(line) > chars or len(line.split()) > words:
        return False
    if alone and len(line.split()) > 15 and re.search(r"[.!?]\s", line):
        return False
    if _BULLET.match(line) or line[0].islower() or not any(c.isalpha() for c in line):
        return False
    if _BYLINE.match(line) or line.startswith("(") or ";" in line:
        return False  # "By Jane Doe and …", "(Reporting by …; Editing by …)"
    core = line.rstrip(_CLOSERS)  # 'He said "stop."' ends a sentence too
    return bool(core) and core[-1] not in _SENTENCE_END


def parse_plain(text: str) -> tuple[list[Block], str]:
    blocks: list[Block] = []
    for group in _paragraph_groups(text):
        lines = [text[s:e] for s, e in group]
        if not any(c.isalnum() for line in lines for c in line):
            continue  # separators such as "* * *" carry no text
        all_short = all(_looks_like_heading(line, alone=len(lines) == 1) for line in lines)
        is_list = len(lines) > 1 and all(_NUMBERED.match(line) for line in lines)
        if not blocks and all_short:
            # The opening block of short lines is the title block (title + subtitle...).
            blocks.append(Block(*_trim(text, group[0][0], group[-1][1]), "title"))
        elif all_short and len(lines) > _MAX_HEADING_LINES:
            # Many short lines in a row are a list (an appendix of organizations), one item per line.
            blocks.extend(Block(*_trim(text, s, e), "text") for s, e in group)
        elif all_short and not is_list:
            blocks.extend(Block(*_trim(text, s, e), "heading") for s, e in group)
        else:
            # Running text: a single line break continues the paragraph, but a
            # bullet or numbered line starts a new one (one paragraph per item).
            starts = [i for i, line in enumerate(lines)
                      if i == 0 or _BULLET.match(line) or _NUMBERED.match(line)]
            for a, b in zip(starts, starts[1:] + [len(lines)]):
                blocks.append(Block(*_trim(text, group[a][0], group[b - 1][1]), "text"))
    title = short_title(text[blocks[0].start:blocks[0].end].split("\n", 1)[0]) if blocks else ""
    return blocks, title


def short_title(line: str) -> str:
    """A first line used as title: whole when short, else cut at a word boundary."""
    line = one_line(line)
    if len(line) <= 120:
        return line
    return line[:120].rsplit(" ", 1)[0] + "…"


# --------------------------------------------------------------------------
# Markdown

_ATX = re.compile(r" {0,3}(#{1,6})(?:[ \t]+|$)")
_SETEXT = re.compile(r" {0,3}(=+|-+)[ \t]*$")
_RULE = re.compile(r" {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_ITEM = re.compile(r"\s*(?:[-*+]|\d{1,9}[.)])[ \t]+(?=\S)")
_FENCE = re.compile(r" {0,3}(```|~~~)")
_TABLE_ROW = re.compile(r" {0,3}\|")
_TABLE_RULE = re.compile(r" {0,3}\|?[ \t]*:?-{3,}:?[ \t]*(\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*$")
_QUOTE = re.compile(r" {0,3}>[ \t]?")


def parse_markdown(text: str) -> tuple[list[Block], str]:
    blocks: list[Block] = []
    levels: list[int] = []  # heading level per block, 0 for text
    current: list[int] = []  # [start, end] of the paragraph being built

    def flush():
        if current:
            blocks.append(Block(*_trim(text, *current), "text"))
            levels.append(0)
            current.clear()

    def heading(start, end, level):
        start, end = _trim(text, start, end)
        if start < end:
            blocks.append(Block(start, end, "heading"))
            levels.append(level)

    lines = _lines(text)
    fence = None
    # YAML front matter ("---" ... "---" at the very top) is metadata, not prose.
    front_matter = 0
    if text.startswith("---\n"):
        ends = (i for i, (s, e) in enumerate(lines[1:], 1) if text[s:e].rstrip() in ("---", "..."))
        closing = next(ends, None)
        front_matter = closing + 1 if closing else 0
    for i, (s, e) in enumerate(lines):
        line = text[s:e]
        if fence:  # code is not prose: skip it, and never read '#' comments as headings
            fence = None if line.strip().startswith(fence) else fence
            continue
        if i < front_matter:
            continue
        if m := _FENCE.match(line):
            flush()
            fence = m.group(1)
        elif not line.strip():
            flush()
        elif current and _SETEXT.match(line):  # "Title\n=====" (before rules: "---" is both)
            start, end = current
            current.clear()
            heading(start, end, 1 if "=" in line else 2)
        elif _RULE.match(line):
            flush()
        elif m := _ATX.match(line):
            flush()
            rest = line[m.end():]
            closing = re.search(r"(?:^|[ \t]+)#+[ \t]*$", rest)  # optional "## Title ##"
            heading(s + m.end(), s + m.end() + (closing.start() if closing else len(rest)), len(m.group(1)))
        elif m := _ITEM.match(line):
            flush()
            current[:] = [s + m.end(), e]
        elif _TABLE_ROW.match(line):
            # a table row is a block of its own; the |---| rule under the header is not text
            flush()
            if not _TABLE_RULE.match(line):
                current[:] = [s, e]
                flush()
        elif current:
            current[1] = e
        else:
            m = _QUOTE.match(line)
            current[:] = [s + (m.end() if m else 0), e]
    flush()
    title = next((one_line(text[b.start:b.end]) for b, lv in zip(blocks, levels) if lv == 1), None)
    if blocks and levels[0] == 1:
        blocks[0] = blocks[0]._replace(kind="title")
    if title is None and blocks:
        title = short_title(text[blocks[0].start:blocks[0].end].split("\n", 1)[0])
    return blocks, title or ""


# --------------------------------------------------------------------------
# HTML

# Never prose: code, styling, page chrome. <title> is read separately (it may stray into <body>).
_DROP = {"script", "style", "noscript", "template", "svg", "head", "title", "nav", "footer",
         "iframe", "object", "canvas", "aside", "form", "button"}
# Class or role words of page chrome around an article: banners, cookie notices, share bars.
_CHROME = re.compile(r"\b(cookie|banner|related|share|social|promo|advert|breadcrumb|byline|newsletter-signup|pagedetails|dtmd)\b", re.I)
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
# Elements that start and end a block; text of any other element is inline.
_BLOCKS = _HEADINGS | {
    "html", "body", "main", "article", "section", "aside", "header", "div", "p", "address",
    "ul", "ol", "li", "dl", "dt", "dd", "blockquote", "pre", "figure", "figcaption",
    "table", "caption", "thead", "tbody", "tfoot", "tr", "form", "fieldset", "legend",
    "details", "summary", "hr",
}


def _html_blocks(soup) -> list[tuple[str, str]]:
    """(text, tag) for every non-empty block, in document order, whitespace collapsed."""
    from bs4.element import NavigableString, PreformattedString, Tag

    blocks: list[tuple[str, str]] = []
    buffer: list[str] = []
    row_depth = 0  # inside a table row every cell goes into one block

    def flush(tag):
        line = one_line("".join(buffer))
        buffer.clear()
        if line:
            blocks.append((line, tag))

    # Iterative walk: deeply nested pages must not hit the recursion limit.
    stack: list = [("enter", child) for child in reversed(list(soup.children))]
    while stack:
        event, node = stack.pop()
        if event == "exit":
            if node.name == "tr":
                row_depth -= 1
            if not row_depth:
                flush(node.name)
            continue
        if isinstance(node, NavigableString):
            if not isinstance(node, PreformattedString):  # comments, doctype, CDATA
                buffer.append(str(node))
            continue
        if not isinstance(node, Tag) or node.name in _DROP or node.has_attr("hidden"):
            continue
        if node.name == "br":
            buffer.append(" ")
            continue
        if node.name in ("td", "th") and row_depth and "".join(buffer).strip():
            buffer.append(" | ")
        elif node.name in _BLOCKS and not row_depth:
            flush("div")  # text before this block is a block of its own
            stack.append(("exit", node))
        if node.name == "tr":
            if row_depth:  # nested table: its rows stay in the outer row
                stack.append(("exit", node))
            row_depth += 1
        elif node.name in ("td", "th") or node.name in _BLOCKS:
            buffer.append(" ")  # block boundaries inside a row are word boundaries
        stack.extend(("enter", child) for child in reversed(list(node.children)))
    flush("div")
    return blocks


def parse_html(raw: str) -> tuple[str, list[Block], str]:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(raw, "html.parser")
    for node in soup.find_all(True):
        if node.attrs is not None and _CHROME.search(" ".join([*node.get("class", []), node.get("role", ""), node.get("id", "")])):
            node.decompose()
    # News and agency pages wrap the text in <main> or <article>: the rest is chrome.
    main = soup.find("main") or soup.find("article")
    found = _html_blocks(main if main is not None and main.get_text(strip=True) else soup)
    # An inline <svg> can carry its own <title> (an icon's tooltip): not the page title.
    title_tag = next((t for t in soup.find_all("title") if not t.find_parent("svg")), None)
    title = one_line(title_tag.get_text()) if title_tag else ""
    title = re.split(r"\s+[|\u2013\u2014-]\s+", title)[0] if title else ""  # "Headline | CBC News"
    title = title or next((line for line, tag in found if tag == "h1"), "")
    title = title or (short_title(found[0][0]) if found else "")
    # A leading h1 is the page's own title, not the start of a section.
    kinds = ["title" if i == 0 and tag == "h1" else "heading" if tag in _HEADINGS else "text"
             for i, (_, tag) in enumerate(found)]
    text, blocks = join_blocks([(line, kind) for (line, _), kind in zip(found, kinds)])
    return text, blocks, title


def join_blocks(found: list[tuple[str, str]]) -> tuple[str, list[Block]]:
    """The document text of one-line blocks ``(text, kind)``: joined by a blank line, with their offsets."""
    blocks, parts, offset = [], [], 0
    for line, kind in found:
        blocks.append(Block(offset, offset + len(line), kind))
        parts.append(line)
        offset += len(line) + 2
    return "\n\n".join(parts), blocks
