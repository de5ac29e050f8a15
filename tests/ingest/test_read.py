"""Reading files into Documents: bytes to text, identity, errors, structure."""

from __future__ import annotations

import pytest

from ingest_helpers import SAMPLE, headings, paragraph_texts, write
from rtgraph.errors import InputError
from rtgraph.ingest import read_document

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


