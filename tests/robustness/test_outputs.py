"""Outputs all-or-nothing: kill -9 at every step, stale temporaries, bad -o, foreign files kept."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

from rtgraph.cache import CACHE_DIR

from .cli_runner import run_cli, snapshot
from rtgraph.atomic import MANIFEST, is_whole, read_manifest, recover
from rtgraph.errors import OutputError

NAMES = ("rtgraph.ttl", "rtgraph.html", MANIFEST)
OLD_TEXT = "Police in Vancouver seized fentanyl.\n\nBritish Columbia recorded 2,000 deaths.\n"
NEW_TEXT = "The RCMP seized cocaine in Ontario.\n\nOrganized crime groups traffic methamphetamine.\n"


def _set(folder) -> dict[str, bytes]:
    return {name: (folder / name).read_bytes() for name in NAMES if (folder / name).exists()}


def _hidden(folder) -> list[str]:
    """Hidden entries of the writer (staging, commits, temporaries); the extraction cache is not one."""
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".") and p.name != CACHE_DIR)


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    """Two documents and the output set each builds on its own (old, new)."""
    root = tmp_path_factory.mktemp("builds")
    sets = {}
    for name, text in (("old", OLD_TEXT), ("new", NEW_TEXT)):
        doc = root / f"{name}.txt"
        doc.write_text(text, encoding="utf-8")
        result = run_cli("build", doc, "-o", root / name)
        assert result.returncode == 0, result.stderr
        sets[name] = (doc, _set(root / name))
    assert sets["old"][1]["rtgraph.ttl"] != sets["new"][1]["rtgraph.ttl"]
    return sets


@pytest.fixture()
def out(tmp_path, builds):
    """An output folder holding the old set and a file that is not rtgraph's."""
    folder = tmp_path / "out"
    folder.mkdir()
    for name, data in builds["old"][1].items():
        (folder / name).write_bytes(data)
    (folder / "notes.txt").write_text("the analyst's own notes", encoding="utf-8")
    return folder


def test_manifest_lists_each_file_with_its_sha256(builds, tmp_path):
    doc, files = builds["new"]
    manifest = json.loads(files[MANIFEST])
    assert manifest["generator"] == "rtgraph" and set(manifest["files"]) == {"rtgraph.ttl", "rtgraph.html"}
    for name, entry in manifest["files"].items():
        assert entry == {"sha256": hashlib.sha256(files[name]).hexdigest(), "bytes": len(files[name])}
    # the generation id comes from the content: a rebuild gives the same manifest bytes
    assert run_cli("build", doc, "-o", tmp_path / "again", seed="7").returncode == 0
    assert (tmp_path / "again" / MANIFEST).read_bytes() == files[MANIFEST]


# step at which the writer SIGKILLs itself -> the set right after the kill, before any recovery
KILLS = [
    ("staged", "old"),
    ("committed", "old"),
    ("replaced-rtgraph.html", "mixed"),
    ("replaced-rtgraph.ttl", "mixed"),
    ("replaced-rtgraph-manifest.json", "new"),
]


@pytest.mark.parametrize("step, visible", KILLS, ids=[k[0] for k in KILLS])
def test_kill_9_leaves_the_old_set_or_a_commit_that_rolls_forward(out, builds, step, visible):
    old, new = builds["old"][1], builds["new"][1]
    killed = run_cli("build", builds["new"][0], "-o", out, RTGRAPH_TEST_KILL_AT=step)
    assert killed.returncode == -9, killed.stderr
    assert (out / "notes.txt").read_text(encoding="utf-8") == "the analyst's own notes"
    files = _set(out)
    if visible == "old":
        assert files == old
    elif visible == "new":
        assert files == new
    else:
        assert files != old and files != new and set(files) == set(NAMES)
    # a reader can tell: the manifest matches its files only when no commit is pending
    assert is_whole(out) == (not any(n.startswith(".rtgraph-commit-") for n in _hidden(out)))
    assert is_whole(out) <= (files == old)
    recover(out)
    assert _set(out) == (old if step == "staged" else new) and is_whole(out)
    assert _hidden(out) == [] and (out / "notes.txt").exists()


def test_next_build_finishes_a_killed_commit_and_removes_stale_staging(out, builds):
    assert run_cli("build", builds["new"][0], "-o", out, RTGRAPH_TEST_KILL_AT="staged").returncode == -9
    assert [n.split("-")[1] for n in _hidden(out)] == ["stage"]
    assert run_cli("build", builds["new"][0], "-o", out, RTGRAPH_TEST_KILL_AT="replaced-rtgraph.html").returncode == -9
    assert "commit" in {n.split("-")[1] for n in _hidden(out)}
    result = run_cli("build", builds["old"][0], "-o", out)
    assert result.returncode == 0, result.stderr
    assert _set(out) == builds["old"][1] and is_whole(out)
    assert _hidden(out) == [] and (out / "notes.txt").exists()


def test_stale_temporaries_of_dead_writers_removed_live_ones_kept(out, builds):
    dead = 2 ** 31 - 1  # above any pid_max: no such process
    stale = [f".rtgraph.ttl.{dead}.0a1b.tmp", ".rtgraph.html.k2j3h4x9.tmp", f".rtgraph-stage-{dead}-0a1b"]
    live = f".rtgraph.ttl.{os.getpid()}.c0ff.tmp"  # this test process is alive: a writer at work
    for name in stale[:2] + [live]:
        (out / name).write_bytes(b"partial")
    (out / stale[2]).mkdir()
    (out / stale[2] / "rtgraph.ttl").write_bytes(b"partial")
    result = run_cli("build", builds["new"][0], "-o", out)
    assert result.returncode == 0, result.stderr
    assert _hidden(out) == [live]
    assert _set(out) == builds["new"][1] and (out / "notes.txt").exists()


def test_build_writes_nothing_outside_its_output_folder(tmp_path, builds):
    before = snapshot(tmp_path)
    result = run_cli("build", builds["new"][0], "-o", tmp_path / "deep" / "out", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    after = snapshot(tmp_path)
    added = {k for k in after if k not in before and not k.startswith(f"deep/out/{CACHE_DIR}")}
    assert added == {"deep", "deep/out", *(f"deep/out/{n}" for n in NAMES)}
    assert all(after[k] == v for k, v in before.items())


def _bad_output(tmp_path, kind, doc):
    """(-o value, inputs) for each kind of output path that must be refused."""
    (tmp_path / "file.txt").write_text("a file", encoding="utf-8")
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    (inputs / "doc.txt").write_text(NEW_TEXT, encoding="utf-8")
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    return {
        "a-file": (tmp_path / "file.txt", [doc], "cannot use as output folder: is a file"),
        "inside-a-file": (tmp_path / "file.txt" / "out", [doc], "which is a file"),
        "an-input-folder": (inputs, [inputs], "the output folder is also an input"),
        "an-input-file": (inputs / "doc.txt", [inputs / "doc.txt"], "is a file"),
        "holds-an-input": (tmp_path, [inputs], "the output folder holds the input"),
        "not-writable": (locked, [doc], "permission denied"),
        "inside-not-writable": (locked / "out", [doc], "permission denied"),
        # no one, root included, creates folders in /proc (Linux)
        "inside-proc": (Path("/proc/self/rtgraph-out"), [doc], "cannot create output folder in /proc/self"),
    }[kind]


@pytest.mark.parametrize("kind", ["a-file", "inside-a-file", "an-input-folder", "an-input-file", "holds-an-input",
                                  "not-writable", "inside-not-writable", "inside-proc"])
def test_bad_output_path_is_one_line_and_touches_nothing(tmp_path, builds, kind):
    if kind.endswith("not-writable") and os.geteuid() == 0:
        pytest.skip("root writes into read-only folders (inside-proc covers root)")
    if kind == "inside-proc" and not Path("/proc/self").is_dir():
        pytest.skip("no /proc")
    target, inputs, words = _bad_output(tmp_path, kind, builds["new"][0])
    before = snapshot(tmp_path)
    result = run_cli("build", *inputs, "-o", target)
    assert result.returncode == OutputError.exit_code, result.stderr
    assert result.stderr.splitlines() == [result.stderr.strip()] and words in result.stderr
    assert result.stderr.startswith(f"rtgraph: error: {target}: ") and "Traceback" not in result.stderr
    assert snapshot(tmp_path) == before


def test_outputs_read_back_as_inputs_are_refused(tmp_path, builds):
    """A folder of earlier outputs given as input must not be replaced by outputs built from itself."""
    out = tmp_path / "out"
    assert run_cli("build", builds["new"][0], "-o", out).returncode == 0
    before = snapshot(tmp_path)
    result = run_cli("build", out / "rtgraph.html", "-o", out)
    assert result.returncode == OutputError.exit_code and "holds the input" in result.stderr
    assert snapshot(tmp_path) == before


def test_view_into_a_folder_writes_rtgraph_view_html(tmp_path, builds):
    (tmp_path / "g.ttl").write_bytes(builds["new"][1]["rtgraph.ttl"])
    result = run_cli("view", "g.ttl", "-o", ".", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "rtgraph-view.html").read_text(encoding="utf-8")
    assert "cocaine" in page and "</html>" in page
    assert _hidden(tmp_path) == []


def test_view_inside_a_file_is_one_line(tmp_path, builds):
    (tmp_path / "g.ttl").write_bytes(builds["new"][1]["rtgraph.ttl"])
    result = run_cli("view", "g.ttl", "-o", "g.ttl/page.html", cwd=tmp_path)
    assert result.returncode == OutputError.exit_code
    assert result.stderr.strip() == "rtgraph: error: g.ttl: cannot use as output folder: is a file"


def test_manifest_of_committed_outputs_matches_them():
    from .cli_runner import OUTPUTS

    assert read_manifest(OUTPUTS) is not None, "rebuild: rtgraph build"
    assert is_whole(OUTPUTS), "rebuild: rtgraph build"
