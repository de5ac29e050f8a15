"""Which files under the inputs are documents, which are reported, which are rtgraph's own.

Every file under an input folder is either returned to be read or reported
as an ``InputProblem`` (unsupported type, unreadable folder, link to a
folder, not a regular file). Three kinds of things are silently not inputs,
because they are rtgraph's own outputs or caches, or nobody's documents:

* hidden files and folders (a name starting with "."), so ``.rtgraph-cache/``
  and ``.git/``, and Office lock files ("~$report.docx");
* any folder holding ``rtgraph-manifest.json`` (an output folder of
  ``rtgraph build``) and everything below it;
* any HTML page carrying ``<meta name="generator" content="rtgraph">``
  (a page rtgraph wrote, copied elsewhere).

A folder or page of rtgraph's named explicitly is refused with one line.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path
from typing import Callable, Iterable

from ..errors import InputError
from ..model import InputProblem

__all__ = [
    "MEDIA_TYPES", "MANIFEST", "collect_paths", "scan_paths", "media_type",
    "is_output_folder", "is_rtgraph_page", "declares_rtgraph_generator",
]

MEDIA_TYPES = {
    ".txt": "text/plain",
    ".md": "text/markdown",
    ".markdown": "text/markdown",
    ".html": "text/html",
    ".htm": "text/html",
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
EXPECTED = ", ".join(MEDIA_TYPES)
MANIFEST = "rtgraph-manifest.json"  # written into every output folder of rtgraph build
_HEAD_BYTES = 16 * 1024 * 1024  # the generator <meta> is in the page head, read at most this far
_META = re.compile(r"<meta\b[^>]*>", re.I)
_ATTR = re.compile(r"""([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")

Paths = Iterable[str | os.PathLike] | str | os.PathLike


def media_type(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in MEDIA_TYPES:
        raise InputError(path, _unsupported(path))
    return MEDIA_TYPES[suffix]


def _unsupported(path: Path) -> str:
    shown = f"'{path.suffix}'" if path.suffix else "(no extension)"
    return f"unsupported file type {shown} (expected {EXPECTED})"


def is_output_folder(folder: Path) -> bool:
    return (folder / MANIFEST).is_file()


def declares_rtgraph_generator(html: str) -> bool:
    """True when the head of ``html`` has <meta name="generator" content="rtgraph…">."""
    end = html.lower().find("</head>")
    for tag in _META.findall(html if end < 0 else html[:end]):
        attrs = {m.group(1).lower(): next(g for g in m.groups()[1:] if g is not None) for m in _ATTR.finditer(tag)}
        content = attrs.get("content", "").split()
        if attrs.get("name", "").lower() == "generator" and content and content[0].lower() == "rtgraph":
            return True
    return False


def is_rtgraph_page(path: Path) -> bool:
    """An HTML file rtgraph wrote (an unreadable file is not: reading it reports the error)."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return False  # opening a pipe would wait for a writer; reading it reports it
        head = b""
        with open(path, "rb") as handle:
            # rtgraph's viewer inlines its scripts in the head: read on to its end
            while (chunk := handle.read(64 * 1024)) and b"</head>" not in head[-70 * 1024:].lower():
                head += chunk
                if len(head) >= _HEAD_BYTES:
                    break
    except OSError:
        return False
    # latin-1 maps every byte, and the tag itself is ASCII in any encoding that matters here
    return declares_rtgraph_generator(head.decode("latin-1"))


def scan_paths(paths: Paths, *, strict: bool = False) -> tuple[tuple[Path, ...], tuple[InputProblem, ...]]:
    """The document files under ``paths`` in a stable order, and what was reported instead of read.

    Files are kept in the order given; a folder contributes its files
    recursively, sorted by path relative to the folder. A file reached twice
    is returned once. A missing path, an explicitly named file of an
    unsupported type, an rtgraph output folder and a folder with no documents
    raise InputError; with ``strict`` so does the first problem.
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    found: list[Path] = []
    problems: list[InputProblem] = []

    def report(path: Path, problem: str) -> None:
        if strict:
            raise InputError(path, problem)
        problems.append(InputProblem(str(path), problem))

    for given in paths:
        path = Path(given)
        if path.is_dir():
            if is_output_folder(path):
                raise InputError(path, f"an rtgraph output folder (it holds {MANIFEST}), not documents to read")
            docs = _documents_in(path, report)
            if not docs:
                raise InputError(path, f"no documents found (expected {EXPECTED} files)")
            found.extend(docs)
        elif path.exists() or path.is_symlink():
            media_type(path)  # raises on an unsupported extension
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
    return tuple(unique), tuple(problems)


def collect_paths(paths: Paths) -> tuple[Path, ...]:
    """The document files under ``paths`` (see ``scan_paths``; reported files are left out)."""
    return scan_paths(paths)[0]


def _documents_in(folder: Path, report: Callable[[Path, str], None]) -> list[Path]:
    rels: list[Path] = []
    reported: list[tuple[Path, str]] = []

    def unreadable(exc: OSError) -> None:
        where = Path(exc.filename) if exc.filename else folder
        if where == folder:
            raise InputError(folder, f"cannot read the folder: {exc.strerror or exc}")
        reported.append((where.relative_to(folder), f"cannot read the folder: {exc.strerror or exc}"))

    # os.walk does not follow symlinked folders, so a link loop cannot hang us; such links are reported.
    for root, dirs, files in os.walk(folder, onerror=unreadable):
        here = Path(root)
        kept = []
        for name in dirs:
            if name.startswith("."):
                continue  # hidden: .git, .rtgraph-cache
            sub = here / name
            if sub.is_symlink():
                reported.append((sub.relative_to(folder), "skipped: a link to a folder (links to folders are not followed)"))
            elif not is_output_folder(sub):  # an output folder and everything below it is rtgraph's own
                kept.append(name)
        dirs[:] = kept
        for name in files:
            if name.startswith((".", "~$")):
                continue  # hidden files and Office lock files
            path = here / name
            rel = path.relative_to(folder)
            suffix = path.suffix.lower()
            if suffix not in MEDIA_TYPES:
                reported.append((rel, f"skipped: {_unsupported(path)}"))
            elif not (MEDIA_TYPES[suffix] == "text/html" and is_rtgraph_page(path)):
                rels.append(rel)
    for rel, problem in sorted(reported, key=lambda item: item[0].parts):
        report(folder / rel, problem)
    # Sorting by path components (not the joined string) keeps a folder's
    # files together and makes the order independent of the file system.
    return [folder / rel for rel in sorted(rels, key=lambda p: p.parts)]
