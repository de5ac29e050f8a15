"""The build's progress: a bar on a terminal only, per-document lines with -v, nothing but errors with -q."""

from __future__ import annotations

import fcntl
import io
import os
import pty
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest

from rtgraph.progress import NORMAL, QUIET, VERBOSE, Progress, shows_bar

DOCS = {
    "a.md": "# Seizures\n\nThe RCMP seized fentanyl in Ontario. Naloxone does not counter benzodiazepines.\n",
    "b.txt": "Cocaine prices fell in Quebec.\n\nThe Sûreté du Québec dismantled two pill presses in Montreal.\n",
}


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(("tty", "environ", "expected"), [
    (True, {}, True),
    (True, {"CI": "true"}, False),
    (True, {"CI": "1"}, False),
    (True, {"CI": "false"}, True),
    (True, {"CI": ""}, True),
    (False, {}, False),
    (False, {"CI": "true"}, False),
])
def test_bar_only_on_a_terminal_outside_ci(tty, environ, expected):
    stream = _Tty() if tty else io.StringIO()
    assert shows_bar(stream, environ=environ) is expected


@pytest.mark.parametrize(("level", "bar", "expected"), [
    (VERBOSE, False, "rtgraph: a.md: 2 sentences\nrtgraph: b.txt: 1 sentence (from the cache)\n"),
    (NORMAL, False, ""),
    (QUIET, False, ""),
])
def test_lines_per_level(level, bar, expected):
    stream = io.StringIO()
    with Progress(2, level=level, stream=stream, bar=bar) as progress:
        progress.done("a.md", 2)
        progress.done("b.txt", 1, cached=True)
    assert stream.getvalue() == expected
    assert progress.sentences == 3


def test_bar_counts_documents_and_sentences():
    stream = _Tty()
    with Progress(2, stream=stream, bar=True) as progress:
        progress.done("a.md", 1200)
        progress._bar.refresh()
        drawn = stream.getvalue()
    assert "1/2 documents, 1,200 sentences" in drawn and "doc/s" in drawn


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("progress")
    for name, text in DOCS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k != "CI"}


def _build(corpus: Path, out: Path, *flags: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "rtgraph", "build", str(corpus), "-o", str(out), *flags],
                          capture_output=True, text=True, timeout=600, env=_env())


def _on_terminal(corpus: Path, out: Path, *flags: str) -> tuple[int, str]:
    """Run a build with stdout and stderr on a pseudo-terminal; (status, everything it drew)."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: its stdio is the terminal, 30 lines of 120 columns
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 120, 0, 0))
        os.execve(sys.executable, [sys.executable, "-m", "rtgraph", "build", str(corpus), "-o", str(out), *flags],
                  _env())
    chunks = []
    while True:
        try:
            chunk = os.read(fd, 4096)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    return os.waitstatus_to_exitcode(status), b"".join(chunks).decode("utf-8", "replace")


def test_a_terminal_shows_the_bar(corpus, tmp_path):
    status, drawn = _on_terminal(corpus, tmp_path / "out", "--no-cache")
    assert status == 0, drawn
    assert "\r" in drawn and " documents, " in drawn and " sentences |" in drawn and "doc/s" in drawn
    assert "documents:  2" in drawn  # the summary after it


def test_a_pipe_gets_no_bar(corpus, tmp_path):
    result = _build(corpus, tmp_path / "out", "--no-cache")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout.startswith("documents:  2\n") and "\r" not in result.stdout


def test_quiet_prints_nothing_but_builds(corpus, tmp_path):
    status, drawn = _on_terminal(corpus, tmp_path / "out", "--no-cache", "--quiet")
    assert status == 0 and drawn == ""
    assert (tmp_path / "out" / "rtgraph.ttl").stat().st_size > 0


def test_quiet_still_reports_errors(corpus, tmp_path):
    (corpus / "empty.txt").write_bytes(b"")
    try:
        result = _build(corpus, tmp_path / "out", "--no-cache", "-q")
    finally:
        (corpus / "empty.txt").unlink()
    assert result.returncode == 3 and result.stdout == ""
    assert result.stderr == f"rtgraph: error: {corpus / 'empty.txt'}: empty document\n"


def test_verbose_says_each_document_and_the_cache(corpus, tmp_path):
    out = tmp_path / "out"
    first = _build(corpus, out, "--verbose")
    assert first.returncode == 0, first.stderr
    assert sorted(first.stderr.splitlines()) == [f"rtgraph: {corpus / 'a.md'}: 3 sentences",  # the heading too
                                                 f"rtgraph: {corpus / 'b.txt'}: 2 sentences"]
    again = _build(corpus, out, "-v")
    assert sorted(again.stderr.splitlines()) == [f"rtgraph: {corpus / 'a.md'}: 3 sentences (from the cache)",
                                                 f"rtgraph: {corpus / 'b.txt'}: 2 sentences (from the cache)"]


def test_quiet_and_verbose_together_are_a_usage_error(corpus, tmp_path):
    result = _build(corpus, tmp_path / "out", "-q", "-v")
    assert result.returncode == 2 and "not allowed with argument" in result.stderr
