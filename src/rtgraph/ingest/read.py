"""Read document files into ``Document`` records: the text every offset refers to, and its structure.

The document text is what rtgraph records (passages are slices of it):

* plain text and Markdown: the file decoded (``ingest.decode``: UTF-8 with or
  without a BOM, UTF-16/32 with a BOM, or cp1252/Latin-1 when the detector is
  sure) with "\\r\\n" normalised to "\\n", so a file saved with "\\n" line
  endings in UTF-8 is exactly its own text;
* HTML: the extracted text, one block per heading, paragraph, list item,
  table row ..., blocks joined by a blank line, whitespace collapsed;
* PDF: the text layer, page by page (``Document.pages`` has each page's
  start offset); DOCX: paragraphs and table rows, one block each.

Structure (title, headings, sections, paragraphs) comes from layout only
(``ingest.layout``). Byte-identical files under several paths are one
document (``Document.also_at``).
"""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import replace
from pathlib import Path

from ..errors import InputError
from ..ids import slugify
from ..model import Document, InputProblem, Paragraph, Section
from .decode import decode_text
from .docx import read_docx
from .layout import Block, one_line, parse_html, parse_markdown, parse_plain
from .paths import Paths, declares_rtgraph_generator, media_type, scan_paths
from .pdf import read_pdf

__all__ = ["read_document", "read_corpus", "DEFAULT_MAX_BYTES"]

DEFAULT_MAX_BYTES = 64 * 1024 * 1024  # larger files are refused (rtgraph build --max-bytes)


def read_corpus(
    paths: Paths,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    strict: bool = False,
) -> tuple[tuple[Document, ...], tuple[InputProblem, ...]]:
    """Every readable document under ``paths``, and every input that could not be read, with why.

    Files with the same bytes (and type) are one document, named after the
    first of their paths in sorted order, the others in ``also_at``. With
    ``strict`` the first problem raises InputError. Raises InputError when no
    document at all could be read. rtgraph's own outputs and caches are not
    inputs and are not reported (``ingest.paths``).
    """
    files, scanned = scan_paths(paths, strict=strict)
    problems = list(scanned)
    read: dict[tuple[str, str], tuple[Document, list[Path]]] = {}
    for path in files:
        try:
            data, kind = _load(path, max_bytes)
            key = (hashlib.sha256(data).hexdigest(), kind)
            if key in read:
                read[key][1].append(path)
            else:
                read[key] = (_parse(path, data, kind, max_bytes=max_bytes), [path])
        except InputError as exc:
            if strict:
                raise
            problems.append(InputProblem(exc.path, exc.problem))
    documents = tuple(_one_document(document, paths) for document, paths in read.values())
    problems.sort(key=lambda p: Path(p.path).parts)
    if not documents:
        first = problems[0] if problems else None
        raise InputError(first.path if first else "inputs", (first.problem if first else "no documents")
                         + (f" (and {len(problems) - 1} more input(s) failed)" if len(problems) > 1 else ""))
    return documents, tuple(problems)


def _one_document(document: Document, paths: list[Path]) -> Document:
    """The document of byte-identical files: id and source from the first path in sorted order."""
    if len(paths) == 1:
        return document
    first, *others = sorted(paths, key=lambda p: (p.parts, str(p)))
    return replace(document, doc_id=_doc_id(first, document.sha256), source=first.name, path=str(first),
                   also_at=tuple(str(p) for p in others))


def read_document(path: str | os.PathLike, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read one file into a Document (raises InputError with the file and the problem)."""
    path = Path(path)
    if path.is_dir():
        raise InputError(path, "is a folder, not a document")
    data, kind = _load(path, max_bytes)
    return _parse(path, data, kind, max_bytes=max_bytes)


def _load(path: Path, max_bytes: int) -> tuple[bytes, str]:
    """The file's bytes and media type; the size is checked before anything is read."""
    if not path.exists():
        raise InputError(path, "no such file or folder" if not path.is_symlink() else "a broken link")
    kind = media_type(path)
    try:
        info = os.stat(path)  # before open(): opening a pipe would wait for a writer
        if not stat.S_ISREG(info.st_mode):
            raise InputError(path, "not a regular file (a device, pipe or socket)")
        if info.st_size > max_bytes:
            raise InputError(path, f"larger than --max-bytes ({info.st_size} > {max_bytes} bytes)")
        with open(path, "rb") as handle:
            data = handle.read(max_bytes + 1)  # the file may grow while we read it
    except OSError as exc:
        raise InputError(path, f"cannot read the file: {exc.strerror or exc}") from exc
    if len(data) > max_bytes:
        raise InputError(path, f"larger than --max-bytes (more than {max_bytes} bytes)")
    return data, kind


def _parse(path: Path, data: bytes, kind: str, *, max_bytes: int) -> Document:
    if not data.strip():
        raise InputError(path, "empty document")
    encoding, pages = "", ()  # PDF and DOCX are no character encoding of their own
    if kind == "application/pdf":
        text, blocks, title, pages = read_pdf(path, data)
    elif kind.endswith("wordprocessingml.document"):
        text, blocks, title = read_docx(path, data, max_bytes=max_bytes)
    else:
        raw, encoding = decode_text(path, data)
        if not raw.strip():
            raise InputError(path, "empty document")
        if kind == "text/html":
            if declares_rtgraph_generator(raw):
                raise InputError(path, 'a page rtgraph wrote (<meta name="generator" content="rtgraph">), '
                                       "not a document to read")
            text, blocks, title = parse_html(raw)
        elif kind == "text/markdown":
            text, blocks, title = raw, *parse_markdown(raw)
        else:
            text, blocks, title = raw, *parse_plain(raw)
    if not blocks:
        raise InputError(path, "empty document")
    sections, paragraphs = _structure(text, blocks, title)
    sha = hashlib.sha256(data).hexdigest()
    return Document(
        doc_id=_doc_id(path, sha),
        source=path.name,
        path=str(path),
        media_type=kind,
        sha256=sha,
        title=title,
        text=text,
        sections=sections,
        paragraphs=paragraphs,
        encoding=encoding,
        pages=pages,
    )


def _doc_id(path: Path, sha: str) -> str:
    return f"{slugify(path.stem, fallback='document')}-{sha[:8]}"


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
