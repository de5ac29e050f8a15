"""Read .txt, .md and .html files into ``Document`` records.

The document text, which every offset refers to, is the file decoded as
UTF-8 after two changes: a UTF-8 byte-order mark is removed and "\\r\\n" is
normalised to "\\n" (so a file saved on Windows gives the same offsets as
the same file saved on Unix). For plain text and Markdown with "\\n" line
endings the document text is therefore exactly the file content. For HTML
it is the extracted text: one block per heading, paragraph, list item,
table row, ..., blocks joined by a blank line, whitespace collapsed and
entities decoded.

Structure (title, headings, sections, paragraphs) comes from layout only
(``rtgraph.layout``): tags in HTML, '#' lines in Markdown, short unpunctuated
lines in plain text.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Iterable

from .errors import InputError
from .ids import slugify
from .layout import Block, one_line, parse_html, parse_markdown, parse_plain
from .model import Document, InputProblem, Paragraph, Section

__all__ = ["read_document", "read_corpus", "collect_paths", "MEDIA_TYPES", "DEFAULT_MAX_BYTES"]

MEDIA_TYPES = {
    ".txt": "text/plain",
    ".md": "text/markdown",
    ".markdown": "text/markdown",
    ".html": "text/html",
    ".htm": "text/html",
}
_EXPECTED = ", ".join(MEDIA_TYPES)
_BOM = b"\xef\xbb\xbf"
DEFAULT_MAX_BYTES = 64 * 1024 * 1024  # larger files are refused (rtgraph build --max-bytes)


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


def read_corpus(
    paths: Iterable[str | os.PathLike] | str | os.PathLike,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    strict: bool = False,
) -> tuple[tuple[Document, ...], tuple[InputProblem, ...]]:
    """Every readable document under ``paths``, and every input that could not be read, with why.

    With ``strict`` the first problem raises InputError. Raises InputError when
    no document at all could be read.
    """
    documents: list[Document] = []
    problems: list[InputProblem] = []
    for path in collect_paths(paths):
        try:
            if path.stat().st_size > max_bytes:
                raise InputError(path, f"larger than --max-bytes ({path.stat().st_size} > {max_bytes} bytes)")
            documents.append(read_document(path))
        except InputError as exc:
            if strict:
                raise
            problems.append(InputProblem(exc.path, exc.problem))
    if not documents:
        first = problems[0] if problems else None
        raise InputError(first.path if first else "inputs", (first.problem if first else "no documents")
                         + (f" (and {len(problems) - 1} more input(s) failed)" if len(problems) > 1 else ""))
    return tuple(documents), tuple(problems)


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
        text, blocks, title = parse_html(raw)
    elif media_type == "text/markdown":
        text, blocks, title = raw, *parse_markdown(raw)
    else:
        text, blocks, title = raw, *parse_plain(raw)
    if not blocks:
        raise InputError(path, "empty document")
    sections, paragraphs = _structure(text, blocks, title)
    sha = hashlib.sha256(data).hexdigest()
    return Document(
        doc_id=f"{slugify(path.stem, fallback='document')}-{sha[:8]}",
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


def _structure(text: str, blocks: list[Block], title: str):
    """Sections and paragraphs from blocks: every heading opens a section."""
    opened: list[tuple[str, int]] = []  # (title, start)
    paragraphs = []
    for block in blocks:
        if block.kind == "heading":
            opened.append((one_line(text[block.start:block.end]), block.start))
        elif not opened:
            # Text (or the title) before the first heading: section 0, named after the document.
            opened.append((title, block.start))
        paragraphs.append(Paragraph(len(paragraphs), len(opened) - 1, block.start, block.end, block.kind))
    ends = [start for _, start in opened[1:]] + [len(text)]
    sections = tuple(
        Section(i, name, start, end) for i, ((name, start), end) in enumerate(zip(opened, ends))
    )
    return sections, tuple(paragraphs)
