"""Layout-based structure of plain text, Markdown and HTML documents."""

from __future__ import annotations

import pytest

from ingest_helpers import SAMPLE, headings, paragraph_texts, write
from rtgraph.errors import InputError
from rtgraph.ingest import read_document

# ---------------------------------------------------------------- plain text layout


@pytest.mark.parametrize(
    ("body", "expected_headings"),
    [
        ("Key Themes\n\nSome text follows here.", ["Key Themes"]),
        ("1. Current and Emerging Trends in the Illicit Drug Supply Chain\n\nText.",
         ["1. Current and Emerging Trends in the Illicit Drug Supply Chain"]),
        ("Appendix A: Organizations Represented\n\nText.", ["Appendix A: Organizations Represented"]),
        ("Date modified:\n\nText.", []),
        ("The end of a paragraph.\n\nText.", []),
        ("Is this a question?\n\nText.", []),
        # long unpunctuated lines are running text that lost its full stop, not headings
        ("This line is far too long to be a heading even though it does not end with any "
         "punctuation at all here and it simply keeps going on and on with more words\n\nText.", []),
        # a theme stated as a whole sentence, alone on its line, is a heading
        ("Use of technology (artificial intelligence) and importance of collaborative partnerships "
         "between private industry and public sectors key to tackling illegal online sales\n\nText.",
         ["Use of technology (artificial intelligence) and importance of collaborative partnerships "
          "between private industry and public sectors key to tackling illegal online sales"]),
        ("Wrapped paragraph line one\ncontinues on line two.\n\nText.", []),
        ("Rural considerations\nUrban considerations\n\nText.", ["Rural considerations", "Urban considerations"]),
        # an appendix list of organizations, one per line, is not a run of headings
        ("Royal Canadian Mounted Police\nVancouver Police Department\nHealth Canada\nBC Coroners Service\n\nText.", []),
        ("- first bullet\n- second bullet\n\nText.", []),
        ("1. Seize\n2. Report\n\nText.", []),  # several numbered lines in one block are a list
        ("lowercase start line\n\nText.", []),
    ],
)
def test_plain_text_heading_detection(tmp_path, body, expected_headings):
    doc = read_document(write(tmp_path, "doc.txt", "Document Title\n\n" + body))
    assert headings(doc) == expected_headings


def test_plain_text_title_block_sections_and_paragraphs(tmp_path):
    text = (
        "Annual Drug Report\nMarch 2021 Summary\n\n"
        "Opening text before any heading.\n\n"
        "Key Themes\n\n"
        "Fentanyl is everywhere.\nIt is toxic.\n\n"
        "- bullet one\n- bullet two\n\n"
        "Gaps\n\n"
        "More text.\n"
    )
    doc = read_document(write(tmp_path, "report.txt", text))
    assert doc.title == "Annual Drug Report"
    assert [(s.index, s.title) for s in doc.sections] == [(0, "Annual Drug Report"), (1, "Key Themes"), (2, "Gaps")]
    assert [(doc.text[p.start:p.end], p.kind, p.section) for p in doc.paragraphs] == [
        ("Annual Drug Report\nMarch 2021 Summary", "title", 0),
        ("Opening text before any heading.", "text", 0),
        ("Key Themes", "heading", 1),
        ("Fentanyl is everywhere.\nIt is toxic.", "text", 1),
        ("- bullet one", "text", 1),
        ("- bullet two", "text", 1),
        ("Gaps", "heading", 2),
        ("More text.", "text", 2),
    ]
    assert doc.sections[0].start == 0
    assert doc.sections[1].start == text.index("Key Themes")
    assert doc.sections[0].end == doc.sections[1].start
    assert doc.sections[-1].end == len(text)


def test_paragraph_offsets_exclude_surrounding_whitespace(tmp_path):
    doc = read_document(write(tmp_path, "ws.txt", "Title\n\n   Indented text. \u00a0 \n\n"))
    (text_paragraph,) = [p for p in doc.paragraphs if p.kind == "text"]
    assert doc.text[text_paragraph.start:text_paragraph.end] == "Indented text."


def test_first_line_is_the_title_when_the_document_starts_with_prose(tmp_path):
    doc = read_document(write(tmp_path, "prose.txt", "Fentanyl deaths rose sharply.\nThey rose again.\n"))
    assert doc.title == "Fentanyl deaths rose sharply."
    assert [p.kind for p in doc.paragraphs] == ["text"]
    assert doc.sections[0].title == doc.title


# ---------------------------------------------------------------- Markdown


def test_markdown_headings_lists_and_code(tmp_path):
    text = (
        "# Drug Report\n\nIntro text. More.\n\n## Key Themes ##\n\n"
        "- first item\n  continued.\n* second item\n1. third item\n\n"
        "```\n# not a heading\n```\n\nSetext Heading\n--------------\n\nLast words.\n"
    )
    doc = read_document(write(tmp_path, "report.md", text))
    assert doc.text == text
    assert doc.media_type == "text/markdown"
    assert doc.title == "Drug Report"
    assert [s.title for s in doc.sections] == ["Drug Report", "Key Themes", "Setext Heading"]
    assert [(doc.text[p.start:p.end], p.kind) for p in doc.paragraphs] == [
        ("Drug Report", "title"),
        ("Intro text. More.", "text"),
        ("Key Themes", "heading"),
        ("first item\n  continued.", "text"),
        ("second item", "text"),
        ("third item", "text"),
        ("Setext Heading", "heading"),
        ("Last words.", "text"),
    ]


# ---------------------------------------------------------------- HTML

HTML = """<!DOCTYPE html>
<html><head><title>Roundtable  &amp; Report</title>
<style>p { color: red }</style><script>var secret = "SCRIPT-TEXT";</script></head>
<body><nav>Menu Home</nav>
<h1>Big   Title</h1>
<p>Fentanyl &amp; carfentanil were <b>found</b> in BC.<br>Second line.</p>
<!-- a comment -->
<h2>Key Themes</h2>
<ul><li>Item <i>A</i></li><li><p>Item B</p></li></ul>
<table><tr><th>Drug</th><th>Deaths</th></tr><tr><td>Fentanyl</td><td>21,174</td></tr></table>
<noscript>NOSCRIPT-TEXT</noscript><footer>FOOTER-TEXT</footer>
</body></html>
"""


def test_html_text_structure_and_title(tmp_path):
    doc = read_document(write(tmp_path, "page.html", HTML))
    assert doc.media_type == "text/html"
    assert doc.title == "Roundtable & Report"
    for absent in ["SCRIPT-TEXT", "color: red", "NOSCRIPT-TEXT", "FOOTER-TEXT", "Menu Home", "a comment", "<"]:
        assert absent not in doc.text
    assert doc.text == (
        "Big Title\n\nFentanyl & carfentanil were found in BC. Second line.\n\nKey Themes\n\n"
        "Item A\n\nItem B\n\nDrug | Deaths\n\nFentanyl | 21,174"
    )
    assert [(doc.text[p.start:p.end], p.kind) for p in doc.paragraphs][:3] == [
        ("Big Title", "title"),
        ("Fentanyl & carfentanil were found in BC. Second line.", "text"),
        ("Key Themes", "heading"),
    ]
    assert [s.title for s in doc.sections] == ["Roundtable & Report", "Key Themes"]


@pytest.mark.parametrize(
    ("html", "title"),
    [
        ("<html><body><h1>Heading One</h1><p>Text.</p></body></html>", "Heading One"),
        ("<p>First paragraph only.</p>", "First paragraph only."),
        ("<title> Spaced\n Title </title><h1>Other</h1>", "Spaced Title"),
    ],
)
def test_html_title_fallbacks(tmp_path, html, title):
    assert read_document(write(tmp_path, "t.htm", html)).title == title


def test_markdown_table_rows_are_blocks(tmp_path):
    text = "# Seizures\n\n| Drug | 2022 | 2023 |\n|---|---:|---:|\n| Cocaine | 2,000 | 2,757 |\n| Fentanyl | 19 | 21 |\n"
    doc = read_document(write(tmp_path, "t.md", text))
    rows = [doc.text[p.start:p.end] for p in doc.paragraphs if p.kind == "text"]
    assert rows == ["| Drug | 2022 | 2023 |", "| Cocaine | 2,000 | 2,757 |", "| Fentanyl | 19 | 21 |"]

