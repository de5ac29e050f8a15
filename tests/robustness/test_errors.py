"""Every error is one line ``rtgraph: error: ...`` and the documented exit status; --debug shows the traceback."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time

import pytest

from rtgraph.cache import CACHE_DIR

from .cli_runner import DATA, ROOT, run_cli, snapshot
from rtgraph.cli import EXIT_INTERRUPTED, EXIT_PARTIAL
from rtgraph.errors import GraphError, InputError, OutputError, QueryError, UsageError, ValidationError

GOOD = "Police in Vancouver seized fentanyl.\n\nBritish Columbia recorded 2,000 deaths.\n"


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    """Real files: a document, its build, and the broken files each case needs."""
    root = tmp_path_factory.mktemp("files")
    (root / "doc.txt").write_text(GOOD, encoding="utf-8")
    assert run_cli("build", root / "doc.txt", "-o", root / "out").returncode == 0
    ttl = (root / "out" / "rtgraph.ttl").read_bytes()
    (root / "cut.ttl").write_bytes(ttl[: len(ttl) // 2])
    (root / "empty.ttl").write_bytes(b"")
    (root / "foaf.ttl").write_text('<http://x/a> <http://xmlns.com/foaf/0.1/name> "A" .\n', encoding="utf-8")
    # a graph that parses but breaks the shapes: an assertion without evidence
    (root / "bad-shapes.ttl").write_bytes(ttl + b'\n<https://w3id.org/rtgraph/resource/assertion/x> a '
                                          b'<https://w3id.org/rtgraph/ontology#Assertion> .\n')
    (root / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (root / "a-file").write_text("x", encoding="utf-8")
    return root


# (argv with {root}, expected status, words in the one line)
CASES = [
    ("usage-query-without-query", ["query", "{root}/out/rtgraph.ttl"], UsageError.exit_code, "query: expected GRAPH"),
    ("usage-bad-param", ["query", "{root}/out/rtgraph.ttl", "1", "--param", "x"], UsageError.exit_code, "--param 'x'"),
    ("partial-build", ["build", "{root}/doc.txt", "{root}/binary.txt", "-o", "{root}/partial"], EXIT_PARTIAL, "binary"),
    ("input-missing-strict", ["build", "{root}/nope.txt", "--strict", "-o", "{root}/o1"], InputError.exit_code, "nope.txt"),
    ("graph-missing", ["validate", "{root}/nope.ttl"], GraphError.exit_code, "nope.ttl: cannot read Turtle: no such file"),
    ("graph-empty", ["validate", "{root}/empty.ttl"], GraphError.exit_code, "empty.ttl: empty graph"),
    ("graph-foreign", ["validate", "{root}/foaf.ttl"], GraphError.exit_code, "foaf.ttl: not an rtgraph graph"),
    ("graph-truncated", ["validate", "{root}/cut.ttl"], GraphError.exit_code, "cut.ttl: cannot read Turtle: Turtle syntax error at line"),
    ("graph-truncated-query", ["query", "{root}/cut.ttl", "1"], GraphError.exit_code, "cut.ttl: cannot read graph: Turtle syntax error at line"),
    ("query-syntax", ["query", "{root}/out/rtgraph.ttl", "-e", "SELECT ?s {"], QueryError.exit_code, "at line 1, column"),
    ("query-service", ["query", "{root}/out/rtgraph.ttl", "-e", "ASK { SERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }"],
     QueryError.exit_code, "SERVICE is refused"),
    ("output-a-file", ["build", "{root}/doc.txt", "-o", "{root}/a-file"], OutputError.exit_code, "is a file"),
    ("output-inside-a-file", ["view", "{root}/out/rtgraph.ttl", "-o", "{root}/a-file/v.html"], OutputError.exit_code,
     "is a file"),
]


@pytest.mark.parametrize("name, argv, status, words", CASES, ids=[c[0] for c in CASES])
def test_error_is_one_line_with_its_status(files, name, argv, status, words):
    result = run_cli(*[a.replace("{root}", str(files)) for a in argv])
    assert result.returncode == status, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("rtgraph: error: ") and words in lines[0], result.stderr
    assert "Traceback" not in result.stderr


def test_validation_failure_lists_violations_with_its_status(files):
    result = run_cli("validate", files / "bad-shapes.ttl")
    assert result.returncode == ValidationError.exit_code
    assert re.search(r"bad-shapes.ttl: \d+ violation\(s\)", result.stdout) and "assertion/x" in result.stdout and result.stderr == ""


@pytest.mark.parametrize("argv", [["validate", "{root}/cut.ttl"], ["build", "{root}/doc.txt", "-o", "{root}/a-file"]])
def test_debug_shows_the_traceback(files, argv):
    result = run_cli("--debug", *[a.replace("{root}", str(files)) for a in argv])
    assert result.returncode in (GraphError.exit_code, OutputError.exit_code)
    assert result.stderr.startswith("Traceback (most recent call last):")
    assert result.stderr.strip().splitlines()[-1].startswith("rtgraph: error: ")


def test_interrupt_exits_130_and_keeps_the_outputs(tmp_path, files):
    out = tmp_path / "out"
    out.mkdir()
    (out / "rtgraph.ttl").write_text("previous", encoding="utf-8")

    def outputs():  # the extraction cache may already hold finished documents: it is no output
        return {k: v for k, v in snapshot(out).items() if not k.startswith(CACHE_DIR)}

    before = outputs()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    process = subprocess.Popen([sys.executable, "-m", "rtgraph", "build", str(DATA), "-o", str(out)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    time.sleep(1.5)  # inside the build (about 3 s cold): past the imports, before the outputs
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=120)
    if process.returncode == 0:
        pytest.skip("the build finished before the interrupt arrived")
    assert process.returncode == EXIT_INTERRUPTED and err.strip() == "rtgraph: interrupted"
    assert outputs() == before


def test_exit_codes_are_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = {int(code) for code in re.findall(r"^\| `(\d+)` \|", readme, flags=re.M)}
    codes = {0, UsageError.exit_code, EXIT_PARTIAL, InputError.exit_code, GraphError.exit_code, QueryError.exit_code,
             OutputError.exit_code, EXIT_INTERRUPTED, 1, 7, 9, 70}
    assert codes <= table, sorted(codes - table)
