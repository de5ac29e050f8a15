"""Which files under the inputs are documents, which are reported, which are rtgraph's own."""

from __future__ import annotations

import os

import pytest

from ingest_helpers import write
from rtgraph.errors import InputError
from rtgraph.ingest import collect_paths, scan_paths
from rtgraph.ingest.paths import EXPECTED, MANIFEST, declares_rtgraph_generator

RTGRAPH_PAGE = '<!DOCTYPE html><html><head><meta charset="utf-8"><meta name="generator" content="rtgraph">' \
               "<title>rtgraph</title></head><body><p>Fentanyl traffics.</p></body></html>"


def relative(tmp_path, paths):
    return [p.relative_to(tmp_path).as_posix() for p in paths]


def test_collect_paths_orders_by_relative_path_and_skips_hidden_files(tmp_path):
    for name in ["b.txt", "a/z.md", "a/b.html", "a-b/c.htm", "notes.markdown", ".hidden.txt",
                 ".git/x.txt", ".rtgraph-cache/x.txt", "report.pdf", "memo.docx", "~$memo.docx"]:
        write(tmp_path, name, "Text.")
    found = collect_paths([tmp_path])
    assert relative(tmp_path, found) == [
        "a/b.html", "a/z.md", "a-b/c.htm", "b.txt", "memo.docx", "notes.markdown", "report.pdf",
    ]
    assert collect_paths([tmp_path]) == found  # deterministic


def test_collect_paths_keeps_given_files_in_order_and_once(tmp_path):
    first = write(tmp_path, "z.txt", "Text.")
    second = write(tmp_path, "a.md", "Text.")
    assert collect_paths([first, str(second), first]) == (first, second)
    assert collect_paths(first) == (first,)


def test_unsupported_files_in_a_folder_are_reported_once_each_not_dropped(tmp_path):
    for name in ["a.txt", "image.png", "sub/data.csv", "sub/README", "old.doc"]:
        write(tmp_path, name, "Text.")
    files, problems = scan_paths([tmp_path])
    assert relative(tmp_path, files) == ["a.txt"]
    assert [(os.path.relpath(p.path, tmp_path), p.problem) for p in problems] == [
        ("image.png", f"skipped: unsupported file type '.png' (expected {EXPECTED})"),
        ("old.doc", f"skipped: unsupported file type '.doc' (expected {EXPECTED})"),
        ("sub/README", f"skipped: unsupported file type (no extension) (expected {EXPECTED})"),
        ("sub/data.csv", f"skipped: unsupported file type '.csv' (expected {EXPECTED})"),
    ]
    with pytest.raises(InputError) as caught:
        scan_paths([tmp_path], strict=True)
    assert caught.value.path == str(tmp_path / "image.png")


def test_output_folders_and_rtgraph_pages_are_silently_not_inputs(tmp_path):
    write(tmp_path, "report.txt", "Text.")
    write(tmp_path, "outputs/" + MANIFEST, "{}")
    write(tmp_path, "outputs/rtgraph.ttl", "@prefix rtg: <x#> .")
    write(tmp_path, "outputs/rtgraph.html", RTGRAPH_PAGE)
    write(tmp_path, "outputs/deeper/notes.txt", "Below an output folder.")
    write(tmp_path, "shared/copied-view.html", RTGRAPH_PAGE)
    write(tmp_path, "shared/news.html", "<html><head><meta name='generator' content='WordPress 6'></head>"
                                        "<body><p>Real news.</p></body></html>")
    files, problems = scan_paths([tmp_path])
    assert relative(tmp_path, files) == ["report.txt", "shared/news.html"]
    assert problems == ()


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        (RTGRAPH_PAGE, True),
        ('<head><META content="rtgraph 0.2.0" NAME="Generator"></head>', True),  # any attribute order and case
        ("<head><meta name=generator content=rtgraph></head>", True),
        ('<head><meta name="generator" content="Hugo"></head>', False),
        ('<head><meta name="description" content="rtgraph"></head>', False),
        ('<head></head><body><p>&lt;meta name="generator" content="rtgraph"&gt;</p>'
         '<meta name="generator" content="rtgraph"></body>', False),  # only the head counts
    ],
)
def test_generator_meta_detection(html, expected):
    assert declares_rtgraph_generator(html) is expected


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads folders whatever their mode")
def test_unreadable_subfolder_is_reported(tmp_path):
    write(tmp_path, "a.txt", "Text.")
    locked = tmp_path / "locked"
    write(tmp_path, "locked/b.txt", "Text.")
    locked.chmod(0)
    try:
        files, problems = scan_paths([tmp_path])
    finally:
        locked.chmod(0o755)
    assert relative(tmp_path, files) == ["a.txt"]
    assert [(p.path, p.problem.split(":")[0]) for p in problems] == [(str(locked), "cannot read the folder")]


def test_unreadable_subfolder_is_reported_through_the_walk_error(tmp_path, monkeypatch):
    # as root chmod cannot make a folder unreadable: make the walk fail where the OS would
    write(tmp_path, "a.txt", "Text.")
    write(tmp_path, "locked/b.txt", "Text.")
    real_scandir = os.scandir

    def scandir(path="."):
        if os.fspath(path) == str(tmp_path / "locked"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    files, problems = scan_paths([tmp_path])
    assert relative(tmp_path, files) == ["a.txt"]
    assert [(p.path, p.problem) for p in problems] == [(str(tmp_path / "locked"), "cannot read the folder: Permission denied")]


def test_links_to_folders_are_reported_not_followed(tmp_path):
    write(tmp_path, "docs/a.txt", "Text.")
    (tmp_path / "docs" / "loop").symlink_to(tmp_path / "docs", target_is_directory=True)
    files, problems = scan_paths([tmp_path / "docs"])
    assert relative(tmp_path, files) == ["docs/a.txt"]
    assert [(p.path, p.problem) for p in problems] == [
        (str(tmp_path / "docs/loop"), "skipped: a link to a folder (links to folders are not followed)")]


@pytest.mark.parametrize(
    ("setup", "problem"),
    [
        (lambda t: t / "missing", "no such file or folder"),
        (lambda t: (t / "empty").mkdir() or t / "empty", f"no documents found (expected {EXPECTED} files)"),
        (lambda t: write(t, "only/image.png", b"\x89PNG").parent, f"no documents found (expected {EXPECTED} files)"),
        (lambda t: write(t, "scan.tiff", b"II*\x00"), f"unsupported file type '.tiff' (expected {EXPECTED})"),
        (lambda t: write(t, "out/" + MANIFEST, "{}").parent,
         f"an rtgraph output folder (it holds {MANIFEST}), not documents to read"),
    ],
)
def test_collect_paths_errors_name_the_path(tmp_path, setup, problem):
    path = setup(tmp_path)
    with pytest.raises(InputError) as caught:
        collect_paths([path])
    assert caught.value.path == str(path)
    assert caught.value.problem == problem


def test_a_pipe_in_a_folder_is_listed_to_be_reported_not_opened(tmp_path):
    write(tmp_path, "a.txt", "Text.")
    os.mkfifo(tmp_path / "pipe.html")  # opening it for the generator check would hang
    assert relative(tmp_path, collect_paths([tmp_path])) == ["a.txt", "pipe.html"]


def test_the_generator_meta_is_found_after_a_long_inline_script_in_the_head(tmp_path):
    # rtgraph's viewer inlines vis-network in its head: the meta may come after 700 KB
    page = ("<html><head><meta charset='utf-8'><script>" + "var x = 1;\n" * 80_000 + "</script>"
            '<meta name="generator" content="rtgraph"></head><body><p>Fentanyl.</p></body></html>')
    write(tmp_path, "view.html", page)
    write(tmp_path, "a.txt", "Text.")
    assert relative(tmp_path, collect_paths([tmp_path])) == ["a.txt"]
