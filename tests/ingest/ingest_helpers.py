"""Shared by the ingest tests: write a file, read its paragraphs."""

from __future__ import annotations

from pathlib import Path

__all__ = ["write", "paragraph_texts", "headings", "SAMPLE"]

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "roundtable-2021-03.txt"


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


def paragraph_texts(doc, kind=None):
    return [doc.text[p.start:p.end] for p in doc.paragraphs if kind is None or p.kind == kind]


def headings(doc):
    return paragraph_texts(doc, "heading")
