"""Read .txt, .md and .html files into ``Document`` records.

The document text, which every offset refers to, is the file decoded as
UTF-8 after two changes: a UTF-8 byte-order mark is removed and "\\r\\n" is
normalised to "\\n" (so a file saved on Windows gives the same offsets as
the same file saved on Unix). For plain text and Markdown with "\\n" line
endings the document text is therefore exactly the file content. For HTML
it is the extracted text: one block per heading, paragraph, list item,
table row, ..., blocks joined by a blank line, whitespace collapsed and
entities decoded.

Structure (title, headings, sections, paragraphs) comes from layout only:
tags in HTML, '#' lines in Markdown, short unpunctuated lines in plain text.
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from pathlib import Path
from typing import Iterable, NamedTuple

from .errors import InputError
from .model import Document, Paragraph, Section

__all__ = ["read_document", "collect_paths", "MEDIA_TYPES"]

MEDIA_TYPES = {
    ".txt": "text/plain",
    ".md": "text/markdown",
    ".markdown": "text/markdown",
    ".html": "text/html",
    ".htm": "text/html",
}
_EXPECTED = ", ".join(MEDIA_TYPES)
_BOM = b"\xef\xbb\xbf"


class _Block(NamedTuple):
    start: int  # offsets into the document text, whitespace already trimmed
    end: int
    kind: str  # "title" | "heading" | "text"


# --------------------------------------------------------------------------
# paths


def collect_paths(paths: Iterable[str | os.PathLike] | str | os.PathLike) -> tuple[Path, ...]:
    """Expand files and folders into the document files to read, in a stable order.

    Files are kept in the order given; a folder contributes its supported
    files recursively, sorted by path relative to the folder, skipping hidden
    files and folders. A file reached twice is returned once.
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    found: list[Path] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            docs = _documents_in(path)
            if not docs:
                raise InputError(path, f"no documents found (expected {_EXPECTED} files)")
            found.extend(docs)
        elif path.exists():
            _media_type(path)  # raises on an unsupported extension
            found.append(path)
        else:
            raise InputError(path, "no such file or folder")
    seen: set[Path] = set()
    unique = []
    for path in found:
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(path)
    return tuple(unique)


def _documents_in(folder: Path) -> list[Path]:
    # os.walk does not follow symlinked folders, so a link loop cannot hang us.
    rels = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if not name.startswith(".") and Path(name).suffix.lower() in MEDIA_TYPES:
                rels.append(Path(root, name).relative_to(folder))
    # Sorting by path components (not the joined string) keeps a folder's
    # files together and makes the order independent of the file system.
    return [folder / rel for rel in sorted(rels, key=lambda p: p.parts)]


def _media_type(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in MEDIA_TYPES:
        shown = f"'{path.suffix}'" if path.suffix else "(no extension)"
        raise InputError(path, f"unsupported file type {shown} (expected {_EXPECTED})")
    return MEDIA_TYPES[suffix]


# --------------------------------------------------------------------------
# documents


def read_document(path: str | os.PathLike) -> Document:
    """Read one file into a Document (raises InputError with the file and the problem)."""
    path = Path(path)
    if path.is_dir():
        raise InputError(path, "is a folder, not a document")
    if not path.exists():
        raise InputError(path, "no such file or folder")
    media_type = _media_type(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot read the file: {exc.strerror or exc}") from exc
    raw = _decode(path, data)
    if not raw.strip():
        raise InputError(path, "empty document")
    if media_type == "text/html":
        text, blocks, title = _parse_html(raw)
    elif media_type == "text/markdown":
        text, blocks, title = raw, *_parse_markdown(raw)
    else:
        text, blocks, title = raw, *_parse_plain(raw)
    if not blocks:
        raise InputError(path, "empty document")
    sections, paragraphs = _structure(text, blocks, title)
    sha = hashlib.sha256(data).hexdigest()
    return Document(
        doc_id=f"{_slug(path.stem)}-{sha[:8]}",
        source=path.name,
        path=str(path),
        media_type=media_type,
        sha256=sha,
        title=title,
        text=text,
        sections=sections,
        paragraphs=paragraphs,
    )


def _decode(path: Path, data: bytes) -> str:
    body = data[len(_BOM):] if data.startswith(_BOM) else data
    skipped = len(data) - len(body)
    # UTF-8 text never contains NUL; UTF-16 files and binaries almost always do.
    bad = body.find(b"\x00")
    if bad < 0:
        try:
            return body.decode("utf-8").replace("\r\n", "\n")
        except UnicodeDecodeError as exc:
            bad = exc.start
    raise InputError(
        path, f"not a text document: binary content or not UTF-8 (byte offset {bad + skipped})"
    )


def _slug(stem: str) -> str:
    ascii_stem = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_stem.lower()).strip("-") or "document"


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink [start, end) so it neither starts nor ends with whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _structure(text: str, blocks: list[_Block], title: str):
    """Sections and paragraphs from blocks: every heading opens a section."""
    opened: list[tuple[str, int]] = []  # (title, start)
    paragraphs = []
    for block in blocks:
        if block.kind == "heading":
            opened.append((_one_line(text[block.start:block.end]), block.start))
        elif not opened:
            # Text (or the title) before the first heading: section 0, named after the document.
            opened.append((title, block.start))
        paragraphs.append(Paragraph(len(paragraphs), len(opened) - 1, block.start, block.end, block.kind))
    ends = [start for _, start in opened[1:]] + [len(text)]
    sections = tuple(
        Section(i, name, start, end) for i, ((name, start), end) in enumerate(zip(opened, ends))
    )
    return sections, tuple(paragraphs)


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


def _parse_plain(text: str) -> tuple[list[_Block], str]:
    blocks: list[_Block] = []
    for group in _paragraph_groups(text):
        lines = [text[s:e] for s, e in group]
        if not any(c.isalnum() for line in lines for c in line):
            continue  # separators such as "* * *" carry no text
        all_short = all(_looks_like_heading(line, alone=len(lines) == 1) for line in lines)
        is_list = len(lines) > 1 and all(_NUMBERED.match(line) for line in lines)
        if not blocks and all_short:
            # The opening block of short lines is the title block (title + subtitle...).
            blocks.append(_Block(*_trim(text, group[0][0], group[-1][1]), "title"))
        elif all_short and len(lines) > _MAX_HEADING_LINES:
            # Many short lines in a row are a list (an appendix of organizations), one item per line.
            blocks.extend(_Block(*_trim(text, s, e), "text") for s, e in group)
        elif all_short and not is_list:
            blocks.extend(_Block(*_trim(text, s, e), "heading") for s, e in group)
        else:
            # Running text: a single line break continues the paragraph, but a
            # bullet or numbered line starts a new one (one paragraph per item).
            starts = [i for i, line in enumerate(lines)
                      if i == 0 or _BULLET.match(line) or _NUMBERED.match(line)]
            for a, b in zip(starts, starts[1:] + [len(lines)]):
                blocks.append(_Block(*_trim(text, group[a][0], group[b - 1][1]), "text"))
    title = _short_title(text[blocks[0].start:blocks[0].end].split("\n", 1)[0]) if blocks else ""
    return blocks, title


def _short_title(line: str) -> str:
    """A first line used as title: whole when short, else cut at a word boundary."""
    line = _one_line(line)
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
_QUOTE = re.compile(r" {0,3}>[ \t]?")


def _parse_markdown(text: str) -> tuple[list[_Block], str]:
    blocks: list[_Block] = []
    levels: list[int] = []  # heading level per block, 0 for text
    current: list[int] = []  # [start, end] of the paragraph being built

    def flush():
        if current:
            blocks.append(_Block(*_trim(text, *current), "text"))
            levels.append(0)
            current.clear()

    def heading(start, end, level):
        start, end = _trim(text, start, end)
        if start < end:
            blocks.append(_Block(start, end, "heading"))
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
        elif current:
            current[1] = e
        else:
            m = _QUOTE.match(line)
            current[:] = [s + (m.end() if m else 0), e]
    flush()
    title = next((_one_line(text[b.start:b.end]) for b, lv in zip(blocks, levels) if lv == 1), None)
    if blocks and levels[0] == 1:
        blocks[0] = blocks[0]._replace(kind="title")
    if title is None and blocks:
        title = _short_title(text[blocks[0].start:blocks[0].end].split("\n", 1)[0])
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
        line = _one_line("".join(buffer))
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


def _parse_html(raw: str) -> tuple[str, list[_Block], str]:
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
    title = _one_line(title_tag.get_text()) if title_tag else ""
    title = re.split(r"\s+[|\u2013\u2014-]\s+", title)[0] if title else ""  # "Headline | CBC News"
    title = title or next((line for line, tag in found if tag == "h1"), "")
    title = title or (_short_title(found[0][0]) if found else "")
    blocks, parts, offset = [], [], 0
    for i, (line, tag) in enumerate(found):
        kind = "text"
        if tag in _HEADINGS:
            # A leading h1 is the page's own title, not the start of a section.
            kind = "title" if i == 0 and tag == "h1" else "heading"
        blocks.append(_Block(offset, offset + len(line), kind))
        parts.append(line)
        offset += len(line) + 2
    return "\n\n".join(parts), blocks, title
