"""Incremental and parallel builds give the bytes of a clean, one-process build."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from rtgraph import cache
from rtgraph.ingest import read_document
from rtgraph.pipeline import DocumentRecords, extract_documents, extract_one

from corpus_builds import NOTE, SUMMARIES, make_corpus, output_bytes, run_build


def _build(inputs: Path, out: Path, *flags: str) -> subprocess.CompletedProcess:
    result = run_build(inputs, out, *flags)
    assert result.returncode == 0, result.stderr
    return result


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return make_corpus(tmp_path_factory.mktemp("corpus") / "in")


@pytest.fixture(scope="module")
def clean(corpus, tmp_path_factory) -> dict[str, bytes]:
    out = tmp_path_factory.mktemp("clean")
    _build(corpus, out, "--no-cache")
    assert not (out / cache.CACHE_DIR).exists()
    return output_bytes(out)


def test_warm_and_touched_builds_equal_a_clean_build(corpus, clean, tmp_path):
    out = tmp_path / "out"
    first = _build(corpus, out)
    assert "from the cache" not in first.stdout and output_bytes(out) == clean
    entries = sorted((out / cache.CACHE_DIR).glob("*.pickle"))
    assert len(entries) == 3
    again = _build(corpus, out)
    assert "3 of 3 documents unchanged" in again.stdout and output_bytes(out) == clean
    # change one document: only it is extracted again, and the result is what a clean build makes
    note = corpus / "note.md"
    note.write_text(NOTE.replace("Ontario", "Quebec"), encoding="utf-8")
    try:
        touched = _build(corpus, out)
        assert "2 of 3 documents unchanged" in touched.stdout
        fresh = tmp_path / "fresh"
        _build(corpus, fresh, "--no-cache")
        assert output_bytes(out) == output_bytes(fresh) != clean
    finally:
        note.write_text(NOTE, encoding="utf-8")


def test_two_workers_give_the_bytes_of_one(corpus, clean, tmp_path):
    _build(corpus, tmp_path / "out", "--workers", "2", "--no-cache")
    assert output_bytes(tmp_path / "out") == clean


def test_records_round_trip_through_the_cache(tmp_path):
    document = read_document(SUMMARIES[0])
    records = extract_one(document)
    key = cache.document_key(document)
    cache.store(tmp_path, key, records)
    assert cache.load(tmp_path, key) == records
    assert isinstance(records, DocumentRecords) and records.assertions and records.sentences


def test_a_broken_entry_is_ignored_and_rewritten(tmp_path):
    document = read_document(SUMMARIES[0])
    key = cache.document_key(document)
    (tmp_path / f"{key}.pickle").write_bytes(b"not a pickle")
    assert cache.load(tmp_path, key) is None
    with_cache = extract_documents((document,), cache_dir=tmp_path)
    assert isinstance(cache.load(tmp_path, key), DocumentRecords)
    assert with_cache == extract_documents((document,))


@pytest.mark.parametrize("change", ["text", "title"])
def test_the_key_follows_the_content(tmp_path, change):
    document = read_document(SUMMARIES[0])
    from dataclasses import replace

    other = replace(document, text=document.text + " ") if change == "text" else replace(document, title="Other")
    assert cache.document_key(document) == cache.document_key(read_document(SUMMARIES[0]))
    assert cache.document_key(document) != cache.document_key(other)
