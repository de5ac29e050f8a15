"""Write outputs all-or-nothing: temporary siblings first, then rename into place."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

__all__ = ["write_files"]


def write_files(files: dict[Path, bytes]) -> None:
    """Write every file to a temporary sibling, then os.replace them all.

    Nothing is renamed until every file has been written, so a failure leaves
    the previous outputs as they were and no temporary file behind.
    """
    staged = []
    umask = os.umask(0)
    os.umask(umask)
    try:
        for path, data in files.items():
            path = Path(path)
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            # mkstemp creates 0600 files; outputs get the mode a plain open() would give
            os.chmod(tmp, path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~umask)
            staged.append((tmp, path))
        for tmp, path in staged:
            os.replace(tmp, path)
    finally:
        for tmp, _ in staged:
            if os.path.exists(tmp):
                os.unlink(tmp)
