"""PDF → document text from the text layer (pypdf), with the offset where each page starts.

Each page's text is read in content order (pypdf's plain extraction, which
keeps columns apart); a line starts a new paragraph when it lies more than
``PARAGRAPH_GAP`` × its font size below the previous line, or above it (a
new column). Lines are whitespace-collapsed; a paragraph's lines are joined
by "\\n", paragraphs and pages by a blank line (running headers,
footers and page numbers left out), except that a page whose
last line does not end a sentence continues into a next page starting in
lower case (one paragraph across the page turn). The result is laid out as
plain text (``layout.parse_plain``), so offsets are exact against it.
"""

from __future__ import annotations

import io
import logging
import re
from collections import Counter
from pathlib import Path

from ..errors import InputError
from .layout import Block, one_line, parse_plain

__all__ = ["read_pdf", "PARAGRAPH_GAP"]

PARAGRAPH_GAP = 1.6  # line spacing is about 1.2× the font size; a paragraph gap adds more
_ENDS_SENTENCE = ".!?:;\"”’)"
# pypdf logs warnings on damaged files; rtgraph reports one line itself, so they go nowhere.
logging.getLogger("pypdf").addHandler(logging.NullHandler())
logging.getLogger("pypdf").propagate = False


def read_pdf(path: Path, data: bytes) -> tuple[str, list[Block], str, tuple[int, ...]]:
    """(text, blocks, title, page start offsets) of a PDF's text layer; one InputError line otherwise."""
    from pypdf import PdfReader
    from pypdf.errors import DependencyError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")  # many PDFs only restrict printing, with an empty password
            except (DependencyError, NotImplementedError) as exc:
                raise InputError(path, f"encrypted PDF that cannot be decrypted here ({exc})") from exc
            if not opened:
                raise InputError(path, "encrypted PDF: it needs a password (save a copy without one)")
        pages = [_paragraphs(page) for page in reader.pages]
        meta_title = one_line(str(reader.metadata.title or "")) if reader.metadata else ""
    except InputError:
        raise
    except Exception as exc:  # pypdf raises many kinds of errors on damaged files
        raise InputError(path, f"corrupt or unreadable PDF ({type(exc).__name__}: {exc})") from exc
    pages = _without_furniture(pages)
    if not any(pages):
        raise InputError(path, f"no text layer: {len(pages)} page(s) and no extractable text "
                               "(a scanned PDF? run OCR on it first)")
    text, starts = "", []
    for paragraphs in pages:
        if paragraphs and text:
            continues = text[-1] not in _ENDS_SENTENCE and paragraphs[0][:1].islower()
            text += "\n" if continues else "\n\n"
        starts.append(len(text))
        text += "\n\n".join(paragraphs)
    text += "\n"
    blocks, title = parse_plain(text)
    return text, blocks, meta_title or title, tuple(starts)


def _without_furniture(pages: list[list[str]]) -> list[list[str]]:
    """Pages less their running headers and footers and bare page numbers.

    A page's first or last line is furniture when it has no letters (a page
    number: "3", "- 3 -", "3/12") or when, digits aside, it is the first (or
    last) line of at least half the pages of a document of three or more.
    """
    def shape(line: str) -> str:
        return re.sub(r"\d+", "#", line)

    edges = Counter()
    for paragraphs in pages:
        if paragraphs:
            first, last = paragraphs[0].split("\n")[0], paragraphs[-1].split("\n")[-1]
            edges.update({("first", shape(first)), ("last", shape(last))})
    repeated = {key for key, n in edges.items() if len(pages) >= 3 and n * 2 >= len(pages)}

    def furniture(line: str, end: str) -> bool:
        return not any(c.isalpha() for c in line) or (end, shape(line)) in repeated

    cleaned = []
    for paragraphs in pages:
        lines = [p.split("\n") for p in paragraphs]
        if lines and furniture(lines[0][0], "first"):
            lines[0] = lines[0][1:]
        if lines and lines[-1] and furniture(lines[-1][-1], "last"):
            lines[-1] = lines[-1][:-1]
        cleaned.append(["\n".join(p) for p in lines if p])
    return cleaned


def _paragraphs(page) -> list[str]:
    """The page's paragraphs, each its lines joined by "\\n"."""
    lines: list[list] = []  # [text, y, size]
    current = ["", None, 0.0]

    def visit(text, cm, tm, font, size):
        # y of the baseline and the rendered font size, from the text and current matrices
        scale = abs(tm[3] * (cm[3] or 1.0)) or 1.0
        y = tm[5] * (cm[3] or 1.0) + cm[5]
        for i, piece in enumerate(text.split("\n")):
            if i:
                lines.append(current[:])
                current[:] = ["", None, 0.0]
            if piece.strip():
                if current[1] is None:
                    current[1] = y
                current[2] = max(current[2], abs(size) * scale)
                current[0] += piece

    page.extract_text(visitor_text=visit)
    lines.append(current)
    paragraphs: list[list[str]] = []
    previous = None
    for text, y, size in lines:
        line = one_line(text)
        if not line:
            previous = None  # an empty line ends the paragraph
            continue
        gap = None if previous is None or y is None or previous[0] is None else previous[0] - y
        if gap is None or gap < 0 or gap > PARAGRAPH_GAP * max(size, previous[1], 1.0):
            paragraphs.append([])
        paragraphs[-1].append(line)
        previous = (y, size)
    return ["\n".join(p) for p in paragraphs]
