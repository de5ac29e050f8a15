"""Hostile and mixed inputs, end to end through `rtgraph build`, on real files generated in tmp_path."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF

from made_files import make_docx, make_pdf, scanned_pdf
from rtgraph.cli import EXIT_PARTIAL, main
from rtgraph.errors import InputError
from rtgraph.ingest import read_document
from rtgraph.ingest.paths import MANIFEST
from rtgraph.namespaces import RTG
from rtgraph.validate import validate


SUMMARY = ("Sixth Law Enforcement Roundtable on Drugs\n\nKey Themes\n\n"
           "Organized crime groups traffic fentanyl and methamphetamine in British Columbia.\n")


def build(capsys, *args) -> tuple[int, str, str]:
    code = main(["build", *map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


def documents(turtle: Path) -> dict[str, URIRef]:
    graph = Graph().parse(turtle)
    return {str(graph.value(d, DCTERMS.source)): d for d in graph.subjects(RDF.type, RTG.Document)}


def test_good_files_build_and_every_bad_one_is_one_line(tmp_path, capsys):
    inputs = tmp_path / "in"
    for i in range(3):
        (inputs / f"sub{i}").mkdir(parents=True)
        (inputs / f"sub{i}" / f"summary-{i}.txt").write_text(SUMMARY.replace("Sixth", f"Meeting {i}"))
    (inputs / "empty.txt").write_text("\n\n")
    (inputs / "corrupt.pdf").write_bytes(b"%PDF-1.7\n" + b"garbage " * 40)
    (inputs / "chart.png").write_bytes(b"\x89PNG")
    code, out, err = build(capsys, inputs, "-o", tmp_path / "out")
    assert code == EXIT_PARTIAL
    assert "documents:  3" in out
    lines = err.strip().splitlines()
    assert len(lines) == 3 and all(line.startswith("rtgraph: error: ") for line in lines), err
    assert [line.split(": ")[2].rsplit("/", 1)[-1] for line in lines] == ["chart.png", "corrupt.pdf", "empty.txt"]
    assert len(documents(tmp_path / "out" / "rtgraph.ttl")) == 3

    (tmp_path / "out" / "rtgraph.ttl").write_text("previous")
    code, _, err = build(capsys, inputs, "-o", tmp_path / "out", "--strict")
    assert code == InputError.exit_code and len(err.strip().splitlines()) == 1 and "chart.png" in err
    assert (tmp_path / "out" / "rtgraph.ttl").read_text() == "previous"


def one_summary(tmp_path: Path) -> Path:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "summary.txt").write_text(SUMMARY)
    return inputs


def test_outputs_and_copies_of_rtgraph_pages_are_never_read_back(tmp_path, capsys):
    inputs = one_summary(tmp_path)
    assert build(capsys, inputs, "-o", tmp_path / "clean")[0] == 0
    clean = (tmp_path / "clean" / "rtgraph.ttl").read_bytes()
    # an output folder (marked by its manifest) and a viewer page copied elsewhere inside the inputs
    marked = inputs / "old-outputs"
    marked.mkdir()
    (marked / MANIFEST).write_text("{}")
    (marked / "rtgraph.ttl").write_bytes(clean)
    page = (tmp_path / "clean" / "rtgraph.html").read_text()
    if 'name="generator"' not in page:  # the page of this build; mark it as rtgraph's pages are marked
        page = page.replace("<head>", '<head><meta name="generator" content="rtgraph">', 1)
    (inputs / "shared").mkdir()
    (inputs / "shared" / "graph.html").write_text(page)
    (inputs / ".rtgraph-cache").mkdir()
    (inputs / ".rtgraph-cache" / "cached.txt").write_text("Cached text about cocaine.\n")
    code, out, err = build(capsys, inputs, "-o", tmp_path / "again")
    assert (code, err) == (0, "")
    assert (tmp_path / "again" / "rtgraph.ttl").read_bytes() == clean


def test_building_into_a_folder_inside_the_inputs_twice_gives_the_same_graph(tmp_path, capsys):
    inputs = one_summary(tmp_path)
    assert build(capsys, inputs, "-o", inputs / "outputs")[0] == 0
    first = (inputs / "outputs" / "rtgraph.ttl").read_bytes()
    if not (inputs / "outputs" / MANIFEST).exists():
        pytest.skip(f"the outputs code does not write {MANIFEST} yet")
    code, out, err = build(capsys, inputs, "-o", inputs / "outputs")
    assert (code, err) == (0, "")
    assert "documents:  1" in out
    assert (inputs / "outputs" / "rtgraph.ttl").read_bytes() == first


def _memo(document) -> None:
    document.add_paragraph("Ontario Drug Report", style="Title")
    document.add_heading("Trends", level=1)
    document.add_paragraph("Cocaine seizures increased in Ontario in 2023.")


def test_pdf_docx_html_and_cp1252_build_into_one_cited_graph(tmp_path, capsys):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "report.pdf").write_bytes(make_pdf([
        [("title", "Prairie Roundtable"), ("text", "The RCMP seized fentanyl in Saskatchewan.")],
        [("heading", "Methods"), ("text", "Criminal groups use pill presses to make counterfeit tablets.")],
    ]))
    (inputs / "memo.docx").write_bytes(make_docx(_memo))
    (inputs / "news.html").write_text("<html><head><title>News</title></head><body><h1>Border</h1>"
                                      "<p>CBSA intercepted carfentanil at the Port of Vancouver.</p></body></html>")
    (inputs / "quebec.txt").write_bytes("Rapport du Québec\n\nThe Sûreté du Québec seized cocaïne in Montréal.\n"
                                        .encode("cp1252"))
    code, out, err = build(capsys, inputs, "-o", tmp_path / "out")
    assert (code, err) == (0, ""), err
    assert "documents:  4" in out
    turtle = tmp_path / "out" / "rtgraph.ttl"
    graph = Graph().parse(turtle)
    docs = documents(turtle)
    assert set(docs) == {"report.pdf", "memo.docx", "news.html", "quebec.txt"}
    assert graph.value(docs["quebec.txt"], RTG.encoding) == Literal("cp1252")
    assert graph.value(docs["news.html"], RTG.encoding) == Literal("utf-8")
    assert graph.value(docs["report.pdf"], RTG.encoding) is None
    assert str(graph.value(docs["report.pdf"], DCTERMS["format"])) == "application/pdf"
    # every passage slices its document's recorded text exactly; PDF passages cite their page
    texts = {docs[p.name]: read_document(p).text for p in inputs.iterdir()}
    pages = {}
    for passage in graph.subjects(RDF.type, RTG.Passage):
        document = graph.value(graph.value(passage, DCTERMS.isPartOf), DCTERMS.isPartOf)
        start, end = int(graph.value(passage, RTG.start)), int(graph.value(passage, RTG.end))
        assert texts[document][start:end] == str(graph.value(passage, RTG.text))
        page = graph.value(passage, RTG.page)
        assert (page is not None) == (document == docs["report.pdf"])
        if page is not None:
            pages[str(graph.value(passage, RTG.text))] = int(page)
    assert pages["The RCMP seized fentanyl in Saskatchewan."] == 1
    assert pages["Criminal groups use pill presses to make counterfeit tablets."] == 2
    assert validate(turtle).conforms


def test_a_scanned_pdf_is_one_line_not_an_empty_graph(tmp_path, capsys):
    (tmp_path / "scan.pdf").write_bytes(scanned_pdf())
    code, out, err = build(capsys, tmp_path / "scan.pdf", "-o", tmp_path / "out")
    assert code == InputError.exit_code and out == ""
    assert err.strip().splitlines() == [f"rtgraph: error: {tmp_path / 'scan.pdf'}: no text layer: 2 page(s) and no "
                                        "extractable text (a scanned PDF? run OCR on it first)"]
    assert not (tmp_path / "out").exists()


def test_identical_copies_count_once_with_every_path_recorded(tmp_path, capsys):
    for folder in ("2021", "archive", "inbox"):
        (tmp_path / "in" / folder).mkdir(parents=True)
        (tmp_path / "in" / folder / "summary.txt").write_text(SUMMARY)
    code, out, err = build(capsys, tmp_path / "in", "-o", tmp_path / "out")
    assert (code, err) == (0, "")
    assert "documents:  1" in out
    graph = Graph().parse(tmp_path / "out" / "rtgraph.ttl")
    (document,) = graph.subjects(RDF.type, RTG.Document)
    assert sorted(map(str, graph.objects(document, RTG.alsoAt))) == [
        str(tmp_path / "in" / "archive" / "summary.txt"), str(tmp_path / "in" / "inbox" / "summary.txt")]
    assert str(graph.value(document, DCTERMS.source)) == "summary.txt"
