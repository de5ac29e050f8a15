"""Write outputs all-or-nothing, even when the process is killed (kill -9, power loss).

One build writes a *set* of files into an output folder that may also hold
files that are not rtgraph's (never touched). The set is replaced like this:

1. every file and the manifest (``rtgraph-manifest.json``: each file's sha256
   and size, and a generation id) are written and fsync'ed into a hidden
   staging folder inside the output folder, ``.rtgraph-stage-<pid>-<token>``;
2. the staging folder is renamed to ``.rtgraph-commit-<time>-<pid>``: one
   atomic rename, the commit point;
3. the files are moved into place by ``os.replace``, the manifest last, and
   the commit folder is removed.

Killed before 2, the previous set is intact and the staging folder is stale;
killed after 2, the commit folder holds the rest of the new set and the next
writer (or :func:`recover`) moves it in: it rolls forward. Until then readers
can tell: :func:`is_whole` checks the files against the manifest. Stale
staging folders and temporary files of a crashed process are removed by the
next writer. A POSIX advisory lock on the folder keeps two writers apart.

Nothing is written outside the output folder; the staging folder is hidden,
so no reader collects it as an input.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import secrets
import shutil
import signal
import time
from pathlib import Path

from .errors import OutputError

__all__ = ["MANIFEST", "write_files", "write_outputs", "check_output_folder", "read_manifest", "is_whole",
           "recover"]

MANIFEST = "rtgraph-manifest.json"
_STAGE = ".rtgraph-stage-"
_COMMIT = ".rtgraph-commit-"
_STALE_SECONDS = 3600  # where a writer's pid cannot be checked (Windows), an hour-old temp is stale
# Test hook: the writer SIGKILLs itself at this step ("staged", "committed", "replaced-NAME").
_KILL_AT = "RTGRAPH_TEST_KILL_AT"


def _hook(step: str) -> None:
    if os.environ.get(_KILL_AT) == step:
        os.kill(os.getpid(), signal.SIGKILL)


def _mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask  # mkstemp creates 0600 files; outputs get the mode a plain open() gives


def _fsync_dir(path: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write(path: Path, data: bytes, mode: int) -> None:
    with open(path, "xb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.chmod(path, mode)


def _pid_dead(pid: str, path: Path) -> bool:
    """True when the process that made ``path`` is gone (so its temporary is stale)."""
    if not pid.isdigit():
        return True
    if int(pid) == os.getpid():
        return False
    if os.name != "posix":  # os.kill(pid, 0) sends CTRL_C_EVENT on Windows
        return time.time() - path.lstat().st_mtime > _STALE_SECONDS
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # alive, another user's
        return False
    return False


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()


def _clean_temporaries(folder: Path, names) -> None:
    """Remove ``.NAME.PID.XXXX.tmp`` files of :func:`write_files` whose process is gone."""
    for name in names:
        for tmp in folder.glob(f".{name}.*.tmp"):
            pid = tmp.name[len(name) + 2:].split(".", 1)[0]
            if _pid_dead(pid, tmp):
                _remove(tmp)


def _oserror(path, action: str, exc: OSError) -> OutputError:
    reason = exc.strerror or str(exc) or type(exc).__name__
    return OutputError(f"{path}: cannot {action}: {reason.lower() if exc.strerror else reason}")


def write_files(files: dict[Path, bytes]) -> None:
    """Write every file to a temporary sibling, then os.replace them all.

    For single files and independent sets (exports, views); a build's set of
    outputs goes through :func:`write_outputs`. Nothing is renamed until every
    file has been written; temporaries of a killed writer are removed by the next.
    """
    staged = []
    mode = _mode()
    try:
        for path, data in files.items():
            path = Path(path)
            if path.is_dir():
                raise OutputError(f"{path}: cannot write: a folder is there, expected a file name")
            _ensure_folder(path.parent)
            _clean_temporaries(path.parent, [path.name])
            tmp = path.parent / f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp"
            try:
                _write(tmp, data, path.stat().st_mode & 0o777 if path.exists() else mode)
            except OSError as exc:
                _remove(tmp)
                raise _oserror(path, "write", exc) from exc
            staged.append((tmp, path))
        for tmp, path in staged:
            try:
                os.replace(tmp, path)
            except OSError as exc:
                raise _oserror(path, "write", exc) from exc
    finally:
        for tmp, _ in staged:
            _remove(tmp)


def _usable(folder: Path) -> None:
    """OutputError unless ``folder`` is, or can be created as, a writable folder (nothing is created)."""
    for parent in [folder, *folder.parents]:
        if parent.exists() or parent.is_symlink():
            if not parent.is_dir():
                where = "is a file" if parent == folder else f"is inside {parent}, which is a file"
                raise OutputError(f"{folder}: cannot use as output folder: {where}")
            if not os.access(parent, os.W_OK | os.X_OK):
                what = "write to output folder" if parent == folder else f"create output folder in {parent}"
                raise OutputError(f"{folder}: cannot {what}: permission denied")
            return


def _ensure_folder(folder: Path) -> Path:
    """``folder`` exists as a writable folder, or OutputError in one line."""
    _usable(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _oserror(folder, "create output folder", exc) from exc
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputError(f"{folder}: cannot write to output folder: permission denied")
    return folder


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def check_output_folder(folder, inputs=()) -> None:
    """OutputError when ``folder`` cannot be a writable folder, or is or holds one of ``inputs``.

    ``inputs`` are the paths given and the documents read. Nothing is created.

    The manifest marks the folder as rtgraph's outputs, which are never read as
    inputs: inputs inside it would silently drop out of the next build, and an
    input that is itself an output would be replaced by this one.
    """
    _usable(Path(folder))
    out = Path(os.path.realpath(folder))
    for item in inputs:
        path = Path(os.path.realpath(item))
        if path == out:
            raise OutputError(f"{folder}: the output folder is also an input; give -o a folder that is not read")
        if _inside(path, out):
            raise OutputError(f"{folder}: the output folder holds the input {item}; "
                              "give -o a folder that holds no inputs")


@contextlib.contextmanager
def _locked(folder: Path):
    """An exclusive advisory lock on the folder itself (released by the kernel if killed)."""
    try:
        import fcntl
    except ImportError:  # Windows: no lock; stale temporaries are judged by age
        yield
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
        except OSError:  # some network file systems have no locks: write unlocked, as on Windows
            pass
        yield
    finally:
        os.close(fd)


def _manifest(files: dict[str, bytes]) -> bytes:
    from . import __version__

    entries = {name: {"sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)}
               for name, data in sorted(files.items())}
    # the generation id is derived from the content: the same build gives the same bytes
    generation = hashlib.sha256(json.dumps(entries, sort_keys=True).encode()).hexdigest()[:16]
    manifest = {"generator": "rtgraph", "version": __version__, "generation": generation, "files": entries}
    return (json.dumps(manifest, indent=2, sort_keys=True) + "\n").encode("utf-8")


def read_manifest(folder) -> dict | None:
    """The manifest of an output folder, or None where there is none (or it is unreadable)."""
    try:
        return json.loads((Path(folder) / MANIFEST).read_bytes())
    except (OSError, ValueError):
        return None


def is_whole(folder) -> bool:
    """True when every file the manifest lists is there with its sha256 and no commit is pending."""
    folder = Path(folder)
    manifest = read_manifest(folder)
    if manifest is None or any(folder.glob(f"{_COMMIT}*")):
        return False
    for name, entry in manifest.get("files", {}).items():
        try:
            if hashlib.sha256((folder / name).read_bytes()).hexdigest() != entry.get("sha256"):
                return False
        except OSError:
            return False
    return True


def _roll_forward(commit: Path, folder: Path) -> None:
    manifest = read_manifest(commit)
    names = sorted(manifest.get("files", {})) if manifest else []
    for name in [*names, MANIFEST]:
        if (commit / name).exists():
            os.replace(commit / name, folder / name)
            _hook(f"replaced-{name}")
    _fsync_dir(folder)
    _remove(commit)


def recover(folder) -> None:
    """Finish a commit a killed writer left (roll forward) and remove its stale staging folders."""
    folder = Path(folder)
    for commit in sorted(folder.glob(f"{_COMMIT}*")):
        _roll_forward(commit, folder)
    for stage in folder.glob(f"{_STAGE}*"):
        if _pid_dead(stage.name[len(_STAGE):].split("-", 1)[0], stage):
            _remove(stage)


def write_outputs(folder, files: dict[str, bytes], *, inputs=()) -> Path:
    """Replace the set ``files`` (name -> bytes) in ``folder`` together or not at all.

    Writes the manifest beside them; returns the manifest's path. Raises
    OutputError (one line) when the folder is a file, inside a file, not
    writable, or is / holds one of ``inputs``.
    """
    folder = Path(folder)
    check_output_folder(folder, inputs)
    if any(Path(name).name != name or name.startswith(".") or name == MANIFEST for name in files):
        raise ValueError(f"output names must be plain file names other than {MANIFEST}: {sorted(files)}")
    _ensure_folder(folder)
    try:
        with _locked(folder):
            recover(folder)
            _clean_temporaries(folder, [*files, MANIFEST])
            stage = folder / f"{_STAGE}{os.getpid()}-{secrets.token_hex(4)}"
            stage.mkdir()
            try:
                mode = _mode()
                for name, data in sorted(files.items()):
                    target = folder / name
                    if target.is_dir():
                        raise OutputError(f"{target}: cannot write: a folder is there, expected a file name")
                    _write(stage / name, data, target.stat().st_mode & 0o777 if target.exists() else mode)
                _write(stage / MANIFEST, _manifest(files), mode)
                _fsync_dir(stage)
                _hook("staged")
                commit = folder / f"{_COMMIT}{time.time_ns():020d}-{os.getpid()}"
                os.rename(stage, commit)
            except BaseException:
                _remove(stage)
                raise
            _fsync_dir(folder)
            _hook("committed")
            _roll_forward(commit, folder)
    except OSError as exc:
        raise _oserror(folder, "write outputs", exc) from exc
    return folder / MANIFEST
