"""Reading files into Documents: decoding, errors, paths and layout-based structure."""

from __future__ import annotations

from pathlib import Path

import pytest

from rtgraph.errors import InputError
from rtgraph.reader import collect_paths, read_document

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "roundtable-2021-03.txt"


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


def paragraph_texts(doc, kind=None):
    return [doc.text[p.start:p.end] for p in doc.paragraphs if kind is None or p.kind == kind]


def headings(doc):
    return paragraph_texts(doc, "heading")


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


@pytest.mark.parametrize(
    ("content", "offset"),
    [
        (b"Some text\x00\x01\x02 binary", 9),
        (b"caf\xe9 latin-1 text", 3),
        (b"\xef\xbb\xbfok \xff", 6),  # offsets count the BOM: they are file byte offsets
        ("Report".encode("utf-16"), 3),
    ],
)
def test_binary_or_non_utf8_content_is_refused_with_the_byte_offset(tmp_path, content, offset):
    path = write(tmp_path, "bad.txt", content)
    with pytest.raises(InputError) as caught:
        read_document(path)
    assert caught.value.path == str(path)
    assert caught.value.problem == f"not a text document: binary content or not UTF-8 (byte offset {offset})"
    assert "bad.txt" in str(caught.value)


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


# ---------------------------------------------------------------- paths


def test_collect_paths_orders_by_relative_path_and_skips_hidden_and_other_files(tmp_path):
    for name in ["b.txt", "a/z.md", "a/b.html", "a-b/c.htm", "notes.markdown", ".hidden.txt",
                 ".git/x.txt", "image.png", "report.pdf"]:
        write(tmp_path, name, "Text.")
    found = collect_paths([tmp_path])
    assert [p.relative_to(tmp_path).as_posix() for p in found] == [
        "a/b.html", "a/z.md", "a-b/c.htm", "b.txt", "notes.markdown",
    ]
    assert collect_paths([tmp_path]) == found  # deterministic


def test_collect_paths_keeps_given_files_in_order_and_once(tmp_path):
    first = write(tmp_path, "z.txt", "Text.")
    second = write(tmp_path, "a.md", "Text.")
    assert collect_paths([first, str(second), first]) == (first, second)
    assert collect_paths(first) == (first,)


@pytest.mark.parametrize(
    ("setup", "problem"),
    [
        (lambda t: t / "missing", "no such file or folder"),
        (lambda t: (t / "empty").mkdir() or t / "empty",
         "no documents found (expected .txt, .md, .markdown, .html, .htm files)"),
        (lambda t: write(t, "only/image.png", b"\x89PNG").parent,
         "no documents found (expected .txt, .md, .markdown, .html, .htm files)"),
        (lambda t: write(t, "report.pdf", b"%PDF"),
         "unsupported file type '.pdf' (expected .txt, .md, .markdown, .html, .htm)"),
    ],
)
def test_collect_paths_errors_name_the_path(tmp_path, setup, problem):
    path = setup(tmp_path)
    with pytest.raises(InputError) as caught:
        collect_paths([path])
    assert caught.value.path == str(path)
    assert caught.value.problem == problem


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
