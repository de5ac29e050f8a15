"""Run the rtgraph command in a subprocess, as a user would (for kill -9, exit codes, stderr)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

__all__ = ["ROOT", "DATA", "OUTPUTS", "run_cli", "snapshot"]

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
OUTPUTS = ROOT / "outputs"


def run_cli(*args, cwd=None, seed="0", **env) -> subprocess.CompletedProcess:
    """``python -m rtgraph ARGS`` with this checkout's sources; extra keywords become environment variables."""
    environ = {**os.environ, "PYTHONHASHSEED": seed, **env}
    environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "src"), environ.get("PYTHONPATH")]))
    return subprocess.run([sys.executable, "-m", "rtgraph", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, env=environ, timeout=600)


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every entry under ``folder`` (relative path -> bytes; folders -> b"<dir>")."""
    return {str(p.relative_to(folder)): b"<dir>" if p.is_dir() else p.read_bytes()
            for p in sorted(Path(folder).rglob("*"))}
