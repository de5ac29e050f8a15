"""DOCX input: paragraphs, headings from styles, tables; unreadable packages are one line (files made by python-docx)."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest

from made_files import make_docx
from ingest_helpers import paragraph_texts, write
from rtgraph.errors import InputError
from rtgraph.ingest import read_document


def roundtable(d):
    d.add_paragraph("Sixth Roundtable on Drugs", style="Title")
    d.add_paragraph("Opening   remarks.\nOn two lines.")
    d.add_heading("Key Themes", level=1)
    d.add_paragraph("Organized crime groups traffic cocaine.", style="List Bullet")
    table = d.add_table(rows=2, cols=3)
    for i, cells in enumerate([("Drug", "2022", "2023"), ("Fentanyl", "19", "21")]):
        for j, value in enumerate(cells):
            table.cell(i, j).text = value
    d.add_heading("Gaps", level=2)
    d.add_paragraph("")  # empty paragraphs are no block
    d.add_paragraph("Naloxone does not reverse benzodiazepines.")


def test_docx_blocks_kinds_tables_and_offsets(tmp_path):
    doc = read_document(write(tmp_path, "minutes.docx", make_docx(roundtable)))
    assert doc.media_type == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert doc.encoding == "" and doc.pages == ()
    assert doc.title == "Sixth Roundtable on Drugs"
    assert doc.text == ("Sixth Roundtable on Drugs\n\nOpening remarks. On two lines.\n\nKey Themes\n\n"
                        "Organized crime groups traffic cocaine.\n\nDrug | 2022 | 2023\n\nFentanyl | 19 | 21\n\n"
                        "Gaps\n\nNaloxone does not reverse benzodiazepines.")
    assert [(doc.text[p.start:p.end], p.kind, p.section) for p in doc.paragraphs] == [
        ("Sixth Roundtable on Drugs", "title", 0), ("Opening remarks. On two lines.", "text", 0),
        ("Key Themes", "heading", 1), ("Organized crime groups traffic cocaine.", "text", 1),
        ("Drug | 2022 | 2023", "text", 1), ("Fentanyl | 19 | 21", "text", 1),
        ("Gaps", "heading", 2), ("Naloxone does not reverse benzodiazepines.", "text", 2),
    ]


def test_a_style_based_on_a_heading_is_a_heading_and_core_title_is_the_fallback(tmp_path):
    def build(d):
        d.core_properties.title = "Agency Report 2024"
        style = d.styles.add_style("Agency Heading", docx.enum.style.WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = d.styles["Heading 2"]
        d.add_paragraph("Seizures", style="Agency Heading")
        d.add_paragraph("Police seized pill presses.")
    doc = read_document(write(tmp_path, "r.docx", make_docx(build)))
    assert doc.title == "Agency Report 2024"
    assert paragraph_texts(doc, "heading") == ["Seizures"]


def _zip(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries.items():
            z.writestr(name, data)
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500,
         "a password-protected or legacy Word file, not a DOCX package (save it as .docx without a password)"),
        (b"PK\x03\x04 not really a zip", "corrupt DOCX: not a ZIP package"),
        (_zip({"hello.txt": b"a zip, but no Word document"}), "corrupt or unreadable DOCX"),
        (_zip({"word/document.xml": b" " * 2_000_000}), "DOCX unpacks to more than --max-bytes (2000000 > 1000000 bytes)"),
    ],
)
def test_unreadable_docx_is_one_line(tmp_path, data, problem):
    path = write(tmp_path, "bad.docx", data)
    with pytest.raises(InputError) as caught:
        read_document(path, max_bytes=1_000_000)
    assert caught.value.path == str(path)
    assert caught.value.problem.startswith(problem)
    assert "\n" not in str(caught.value)
