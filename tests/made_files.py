"""Real PDF and DOCX files for the tests, written by fpdf2 and python-docx."""

from __future__ import annotations

import io

__all__ = ["make_pdf", "scanned_pdf", "make_docx"]


def make_pdf(pages: list[list[tuple[str, str]]], *, title: str | None = None, user_password: str | None = None,
             furniture: bool = False) -> bytes:
    """A PDF with a text layer: each page a list of (style, text); style "title", "heading" or "text".

    ``furniture`` adds a running header and a "Page N" footer to every page."""
    import fpdf  # test-only dependency (the test extra)

    class Report(fpdf.FPDF):
        def header(self):
            if furniture:
                self.set_font("Helvetica", "", 8)
                self.cell(0, 5, "Public Safety Canada - Roundtable Summary")
                self.ln(10)

        def footer(self):
            if furniture:
                self.set_y(-15)
                self.set_font("Helvetica", "", 8)
                self.cell(0, 5, f"Page {self.page_no()}")

    pdf = Report()
    if title:
        pdf.set_title(title)
    if user_password is not None:
        pdf.set_encryption(owner_password="owner", user_password=user_password)
    for blocks in pages:
        pdf.add_page()
        for style, text in blocks:
            size = {"title": 18, "heading": 14}.get(style, 11)
            pdf.set_font("Helvetica", "B" if style != "text" else "", size)
            pdf.multi_cell(0, size * 0.5, text)  # line height ≈ 1.4× the font size, in mm
            pdf.ln(size * 0.6)  # a paragraph gap
    return bytes(pdf.output())


def scanned_pdf() -> bytes:
    """Two pages with drawings and no text: what a scanner without OCR gives."""
    import fpdf

    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.set_fill_color(40, 40, 40)
    pdf.rect(20, 20, 100, 60, style="F")  # a picture of a page: drawing, no text
    pdf.add_page()
    return bytes(pdf.output())


def make_docx(build) -> bytes:
    """The bytes of a DOCX that ``build(document)`` fills."""
    import docx

    document = docx.Document()
    build(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
