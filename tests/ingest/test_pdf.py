"""PDF input: the text layer, page by page, with paragraphs, headings and page offsets (files made by fpdf2)."""

from __future__ import annotations

from bisect import bisect_right

import pytest

from made_files import make_pdf, scanned_pdf
from ingest_helpers import headings, paragraph_texts, write
from rtgraph.errors import InputError
from rtgraph.ingest import read_document

pytest.importorskip("fpdf")

BODY = "The RCMP seized fentanyl and carfentanil in Vancouver during a long investigation. " * 3


def test_pdf_text_pages_paragraphs_and_headings(tmp_path):
    data = make_pdf([
        [("title", "Fifth Roundtable on Drugs"), ("text", BODY), ("heading", "Key Themes"),
         ("text", "Organized crime groups traffic cocaine.")],
        [("heading", "Gaps"), ("text", "Naloxone does not reverse benzodiazepines.")],
    ])
    doc = read_document(write(tmp_path, "summary.pdf", data))
    assert doc.media_type == "application/pdf"
    assert doc.encoding == ""  # a PDF has no character encoding of its own
    assert doc.title == "Fifth Roundtable on Drugs"
    assert headings(doc) == ["Key Themes", "Gaps"]
    texts = paragraph_texts(doc, "text")
    assert [" ".join(t.split()) for t in texts] == [BODY.strip(), "Organized crime groups traffic cocaine.",
                                                    "Naloxone does not reverse benzodiazepines."]
    assert len(doc.pages) == 2 and doc.pages[0] == 0
    assert doc.text[doc.pages[1]:].startswith("Gaps\n\nNaloxone")
    # every block lies on one page, and the page of an offset is bisect_right(pages, offset)
    second = doc.text.index("Naloxone")
    assert bisect_right(doc.pages, second) == 2 and bisect_right(doc.pages, doc.text.index("Organized")) == 1
    assert [s.title for s in doc.sections] == ["Fifth Roundtable on Drugs", "Key Themes", "Gaps"]


def test_a_sentence_across_a_page_turn_stays_one_paragraph(tmp_path):
    data = make_pdf([[("title", "Report"), ("text", "Border agencies seized large amounts of")],
                     [("text", "methamphetamine at the ports of entry.")]])
    doc = read_document(write(tmp_path, "turn.pdf", data))
    assert paragraph_texts(doc, "text") == ["Border agencies seized large amounts of\nmethamphetamine at the ports of entry."]
    assert doc.text[doc.pages[1]:].startswith("methamphetamine")


def test_metadata_title_wins(tmp_path):
    doc = read_document(write(tmp_path, "t.pdf", make_pdf([[("text", BODY)]], title="Meeting Summary 2024")))
    assert doc.title == "Meeting Summary 2024"


def test_an_empty_user_password_is_opened(tmp_path):
    doc = read_document(write(tmp_path, "open.pdf", make_pdf([[("text", BODY)]], user_password="")))
    assert "carfentanil" in doc.text


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (scanned_pdf(), "no text layer: 2 page(s) and no extractable text (a scanned PDF? run OCR on it first)"),
        (make_pdf([[("text", BODY)]], user_password="secret"), "encrypted PDF: it needs a password (save a copy without one)"),
        (b"%PDF-1.7\n" + b"garbage " * 50, "corrupt or unreadable PDF"),
        (make_pdf([[("text", BODY)]])[:300], "corrupt or unreadable PDF"),  # truncated
    ],
)
def test_unreadable_pdfs_are_one_line(tmp_path, data, problem):
    path = write(tmp_path, "bad.pdf", data)
    with pytest.raises(InputError) as caught:
        read_document(path)
    assert caught.value.path == str(path)
    assert caught.value.problem.startswith(problem)
    assert "\n" not in str(caught.value)


def test_running_headers_footers_and_page_numbers_are_left_out(tmp_path):
    pages = [[("title", "Roundtable")] * (i == 0) + [("text", f"Sentence number {i} about cocaine seizures.")]
             for i in range(3)]
    doc = read_document(write(tmp_path, "furniture.pdf", make_pdf(pages, furniture=True)))
    assert "Public Safety Canada" not in doc.text and "Page" not in doc.text
    assert paragraph_texts(doc, "text") == [f"Sentence number {i} about cocaine seizures." for i in range(3)]
    assert [doc.text[start:].split("\n")[0] for start in doc.pages] == [
        "Roundtable", "Sentence number 1 about cocaine seizures.", "Sentence number 2 about cocaine seizures."]


def test_a_two_page_document_keeps_its_first_lines(tmp_path):
    # furniture needs three pages to be told from text; a bare number is furniture anywhere
    pages = [[("text", "Same opening line."), ("text", "12")], [("text", "Same opening line.")]]
    doc = read_document(write(tmp_path, "two.pdf", make_pdf(pages)))
    assert paragraph_texts(doc) == ["Same opening line.", "Same opening line."]
