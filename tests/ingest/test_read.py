"""Reading files into Documents: bytes to text, identity, errors, structure."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ingest_helpers import SAMPLE, headings, paragraph_texts, write
from rtgraph.errors import InputError
from rtgraph.ingest import read_corpus, read_document

# ---------------------------------------------------------------- bytes -> text


def test_bom_is_stripped_and_hash_is_of_the_file_bytes(tmp_path):
    import hashlib

    data = b"\xef\xbb\xbfTitle line\n\nBody text here.\n"
    doc = read_document(write(tmp_path, "bom.txt", data))
    assert doc.text == "Title line\n\nBody text here.\n"
    assert doc.title == "Title line"
    assert doc.sha256 == hashlib.sha256(data).hexdigest()


def test_crlf_is_normalised_and_offsets_refer_to_the_normalised_text(tmp_path):
    doc = read_document(write(tmp_path, "crlf.txt", b"Report\r\n\r\nFirst line\r\nsecond line.\r\n"))
    assert "\r" not in doc.text
    assert doc.text == "Report\n\nFirst line\nsecond line.\n"
    assert paragraph_texts(doc, "text") == ["First line\nsecond line."]


def test_plain_text_with_lf_is_exactly_the_file_content():
    doc = read_document(SAMPLE)
    assert doc.text == SAMPLE.read_bytes().decode("utf-8")


@pytest.mark.parametrize("content", [b"", b"   \n\n\t  \r\n", b"\xef\xbb\xbf", b"<html><body> </body></html>"])
def test_empty_or_whitespace_only_documents_are_refused(tmp_path, content):
    name = "empty.html" if content.startswith(b"<") else "empty.txt"
    path = write(tmp_path, name, content)
    with pytest.raises(InputError, match="empty document") as caught:
        read_document(path)
    assert caught.value.path == str(path)


def test_missing_file_is_refused(tmp_path):
    with pytest.raises(InputError) as caught:
        read_document(tmp_path / "nope.txt")
    assert caught.value.problem == "no such file or folder"


# ---------------------------------------------------------------- identity


def test_doc_id_is_a_slug_of_the_stem_plus_hash_prefix(tmp_path):
    a = read_document(write(tmp_path, "one/Meeting Notes (Final).txt", "Same text."))
    b = read_document(write(tmp_path, "two/Meeting Notes (Final).txt", "Other text."))
    c = read_document(write(tmp_path, "three/Meeting Notes (Final).txt", "Same text."))
    assert a.doc_id == f"meeting-notes-final-{a.sha256[:8]}"
    assert a.doc_id != b.doc_id
    assert a.doc_id == c.doc_id  # identical files are the same document
    assert a.source == "Meeting Notes (Final).txt"
    assert a.path == str(tmp_path / "one/Meeting Notes (Final).txt")
    assert a.media_type == "text/plain"


# ---------------------------------------------------------------- the sample document


def test_sample_document_structure_is_found_from_layout():
    doc = read_document(SAMPLE)
    assert doc.title == "Fourth Law Enforcement Roundtable on Drugs"
    assert doc.paragraphs[0].kind == "title"
    assert doc.text[doc.paragraphs[0].start:doc.paragraphs[0].end] == (
        "Fourth Law Enforcement Roundtable on Drugs\nMarch 2021 Meeting Summary"
    )
    titles = [s.title for s in doc.sections]
    for expected in ["Key Themes", "Gaps and Opportunities", "Topics for Future Discussion",
                     "Rural considerations", "1. Current and Emerging Trends in the Illicit Drug Supply Chain"]:
        assert expected in titles
    assert "Date modified:" in paragraph_texts(doc, "text")
    assert doc.doc_id.startswith("roundtable-2021-03-")
    for p in doc.paragraphs:
        assert doc.text[p.start:p.end] == doc.text[p.start:p.end].strip()
        assert doc.sections[p.section].start <= p.start < p.end <= doc.sections[p.section].end




# ---------------------------------------------------------------- the corpus


def test_same_bytes_under_several_paths_are_one_document_with_every_path(tmp_path):
    text = "Roundtable\n\nThe RCMP seized fentanyl.\n"
    for name in ["b/summary.txt", "a/copy of summary.txt", "c/summary.txt"]:
        write(tmp_path, name, text)
    write(tmp_path, "other.txt", "Other\n\nNaloxone reverses opioids.\n")
    documents, problems = read_corpus([tmp_path / "c", tmp_path])  # any order of arguments
    assert problems == ()
    assert len(documents) == 2
    (copy,) = [d for d in documents if d.also_at]
    assert copy.path == str(tmp_path / "a/copy of summary.txt")  # the first path in sorted order names it
    assert copy.source == "copy of summary.txt"
    assert copy.doc_id == f"copy-of-summary-{copy.sha256[:8]}"
    assert copy.also_at == (str(tmp_path / "b/summary.txt"), str(tmp_path / "c/summary.txt"))
    again, _ = read_corpus([tmp_path, tmp_path / "c"])
    assert sorted(d.doc_id for d in again) == sorted(d.doc_id for d in documents)


def test_bad_files_are_listed_and_good_ones_still_read(tmp_path):
    good = [write(tmp_path, f"good-{i}.txt", f"Report {i}\n\nThe RCMP seized fentanyl.\n") for i in range(3)]
    write(tmp_path, "empty.md", "  \n")
    write(tmp_path, "binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00")
    write(tmp_path, "scan.png", b"\x89PNG")
    documents, problems = read_corpus([tmp_path])
    assert [d.path for d in documents] == [str(p) for p in good]
    assert [(Path(p.path).name, p.problem.split(" (")[0]) for p in problems] == [
        ("binary.txt", "not a text document: binary content"),
        ("empty.md", "empty document"),
        ("scan.png", "skipped: unsupported file type '.png'"),
    ]
    with pytest.raises(InputError) as caught:
        read_corpus([tmp_path], strict=True)
    assert Path(caught.value.path).name == "scan.png"  # the folder scan comes first


def test_max_bytes_is_checked_before_reading(tmp_path):
    huge = tmp_path / "huge.txt"
    with open(huge, "wb") as handle:
        handle.truncate(50 * 1024**3)  # a sparse 50 GB file: reading it would take minutes and memory
    write(tmp_path, "small.txt", "Small\n\nThe RCMP seized fentanyl.\n")
    documents, problems = read_corpus([tmp_path], max_bytes=1000)
    assert [d.source for d in documents] == ["small.txt"]
    assert [(p.path, p.problem) for p in problems] == [(str(huge), f"larger than --max-bytes ({50 * 1024**3} > 1000 bytes)")]


def test_a_named_rtgraph_page_is_refused_not_read(tmp_path):
    page = write(tmp_path, "rtgraph.html", '<html><head><meta name="generator" content="rtgraph"></head>'
                                           "<body><p>The RCMP seized fentanyl.</p></body></html>")
    with pytest.raises(InputError) as caught:
        read_document(page)
    assert caught.value.problem == 'a page rtgraph wrote (<meta name="generator" content="rtgraph">), not a document to read'


def test_a_pipe_is_not_read(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(InputError) as caught:
        read_document(fifo)
    assert caught.value.problem == "not a regular file (a device, pipe or socket)"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [(b"Title\n\nText.\n", "utf-8"), ("Québec\n\nCocaïne saisie.\n".encode("cp1252"), "cp1252"),
     ("Report\n\nFentanyl.\n".encode("utf-16"), "utf-16-le")],
)
def test_the_encoding_is_recorded_on_the_document(tmp_path, data, encoding):
    assert read_document(write(tmp_path, "doc.txt", data)).encoding == encoding
