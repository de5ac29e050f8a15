"""DOCX → document text (python-docx): one block per body paragraph and table row, in order.

Kinds come from paragraph styles (and the styles they are based on): "Title"
and "Subtitle" are the title, "Heading N" a heading, anything else text.
A table row is one block, its cells joined by " | " as in HTML. Headers,
footers and comments are page furniture and are left out. Whitespace is
collapsed in each block and blocks are joined by a blank line
(``layout.join_blocks``), so offsets are exact against that text.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from ..errors import InputError
from .layout import Block, join_blocks, one_line, short_title

__all__ = ["read_docx"]

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # a compound file: legacy .doc, or a password-protected DOCX


def read_docx(path: Path, data: bytes, *, max_bytes: int) -> tuple[str, list[Block], str]:
    """(text, blocks, title) of a Word document; one InputError line when it cannot be read."""
    if data.startswith(_OLE):
        raise InputError(path, "a password-protected or legacy Word file, not a DOCX package "
                               "(save it as .docx without a password)")
    try:
        unpacked = sum(info.file_size for info in zipfile.ZipFile(io.BytesIO(data)).infolist())
    except (zipfile.BadZipFile, ValueError) as exc:
        raise InputError(path, f"corrupt DOCX: not a ZIP package ({exc})") from exc
    if unpacked > max_bytes:  # a small file can unpack to gigabytes
        raise InputError(path, f"DOCX unpacks to more than --max-bytes ({unpacked} > {max_bytes} bytes)")
    import docx
    from docx.table import Table

    try:
        document = docx.Document(io.BytesIO(data))
        found = []
        for item in document.iter_inner_content():
            if isinstance(item, Table):
                found.extend((row, "text") for row in _rows(item))
            elif line := one_line(item.text):
                found.append((line, _kind(item.style)))
        core_title = one_line(document.core_properties.title or "")
    except Exception as exc:  # python-docx and lxml raise many kinds of errors on damaged packages
        raise InputError(path, f"corrupt or unreadable DOCX ({type(exc).__name__}: {exc})") from exc
    text, blocks = join_blocks(found)
    title = next((line for line, kind in found if kind == "title"), "") or core_title
    title = title or next((line for line, kind in found if kind == "heading"), "")
    return text, blocks, title or (short_title(found[0][0]) if found else "")


def _kind(style) -> str:
    for _ in range(8):  # a custom style based on a heading style is a heading
        if style is None:
            break
        name = (style.name or "").lower()
        if name in ("title", "subtitle"):
            return "title"
        if name.startswith("heading"):
            return "heading"
        style = style.base_style
    return "text"


def _rows(table) -> list[str]:
    rows = []
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:
            if id(cell._tc) in seen:  # a merged cell is listed once per grid column it spans
                continue
            seen.add(id(cell._tc))
            if line := one_line(cell.text):
                cells.append(line)
        if cells:
            rows.append(" | ".join(cells))
    return rows
