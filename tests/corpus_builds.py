"""Shared by the cache and cluster tests: a small corpus and builds of it in subprocesses."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SUMMARIES = [ROOT / "data" / "roundtable-2021-03.txt", ROOT / "tests" / "fixtures" / "corpus" / "roundtable-2022-03.txt"]
NOTE = "# Note\n\nThe RCMP seized fentanyl in Ontario. Naloxone does not counter benzodiazepines.\n"

__all__ = ["ROOT", "SUMMARIES", "NOTE", "make_corpus", "output_bytes", "run_build"]


def make_corpus(folder: Path) -> Path:
    """Two roundtable summaries and a short note in ``folder`` (created)."""
    folder.mkdir()
    for path in SUMMARIES:
        shutil.copy(path, folder / path.name)
    (folder / "note.md").write_text(NOTE, encoding="utf-8")
    return folder


def run_build(inputs: Path, out: Path, *flags: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "rtgraph", "build", str(inputs), "-o", str(out), *flags],
                          capture_output=True, text=True, timeout=900, env=env)


def output_bytes(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in ("rtgraph.ttl", "rtgraph.html")}
