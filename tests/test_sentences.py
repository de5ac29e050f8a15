"""Sentence splitting: abbreviations, numbers, offsets into the document text."""

from __future__ import annotations

from pathlib import Path

import pytest

from rtgraph.model import Document, Paragraph, Section
from rtgraph.ingest import read_document
from rtgraph.sentences import nlp, split_sentences, tokenize

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "roundtable-2021-03.txt"


def one_paragraph(text: str) -> Document:
    """A hand-built document whose whole text is one prose paragraph."""
    return Document(
        doc_id="t", source="t.txt", path="t.txt", media_type="text/plain", sha256="0" * 64,
        title="t", text=text, sections=(Section(0, "t", 0, len(text)),),
        paragraphs=(Paragraph(0, 0, 0, len(text), "text"),),
    )


def sentences_of(text: str) -> list[str]:
    return [s.text for s in split_sentences(one_paragraph(text))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It complies with R. v. Jordan, and more. Next.",
         ["It complies with R. v. Jordan, and more.", "Next."]),
        ("The U.S. DEA et al. found No. 5 was bad. Then",
         ["The U.S. DEA et al. found No. 5 was bad.", "Then"]),
        ("Deaths rose to 21,174 in 2020. Rates were 2.5 times higher.",
         ["Deaths rose to 21,174 in 2020.", "Rates were 2.5 times higher."]),
        ("Use benzodiazepines (e.g. etizolam) and others, i.e. many. End.",
         ["Use benzodiazepines (e.g. etizolam) and others, i.e. many.", "End."]),
        ("Fig. 3 shows approx. 5 items. Next one.", ["Fig. 3 shows approx. 5 items.", "Next one."]),
        ("Amazon, Inc. agreed. Facebook did too.", ["Amazon, Inc. agreed.", "Facebook did too."]),
        ("Dr. Smith met Mr. Jones on Jan. 5 at St. Paul's. They talked.",
         ["Dr. Smith met Mr. Jones on Jan. 5 at St. Paul's.", "They talked."]),
        ("See s. 4 of the Act, cf. para. 12 and Ltd. firms. Done.",
         ["See s. 4 of the Act, cf. para. 12 and Ltd. firms.", "Done."]),
        ("Cocaine, heroin, etc. were seized. Later more.", ["Cocaine, heroin, etc. were seized.", "Later more."]),
        ("They seized cocaine, heroin, etc. The next day more.",
         ["They seized cocaine, heroin, etc.", "The next day more."]),
        ("Is it rising? Yes! It is.", ["Is it rising?", "Yes!", "It is."]),
        ("Line one continues\non line two. Next.", ["Line one continues\non line two.", "Next."]),
        # a list item keeps its marker and starts a sentence of its own
        ("1. the CBSA expand drug checking; and", ["1. the CBSA expand drug checking; and"]),
        ("priorities:\na) better sharing;\nb) more beds;\n(iv) fewer deaths.",
         ["priorities:", "a) better sharing;", "b) more beds;", "(iv) fewer deaths."]),
        # a number inside a line is no marker
        ("It rose by 2. Then it fell.", ["It rose by 2.", "Then it fell."]),
    ],
)
def test_sentence_boundaries(text, expected):
    assert sentences_of(text) == expected


@pytest.mark.parametrize("token", ["21,174", "2.5", "COVID-19", "e.g.", "i.e.", "U.S.", "al.", "No.", "v."])
def test_tokens_stay_whole(token):
    assert token in [t.text for t in tokenize(f"We saw {token} here")]


def test_nlp_is_cached_and_splits_with_rules():
    assert nlp() is nlp()
    # the rule components split sentences; the trained ones parse each sentence after
    assert nlp().pipe_names[:3] == ["rtgraph_abbreviation_boundaries", "rtgraph_list_items", "sentencizer"]


def test_offsets_are_document_offsets_and_whitespace_is_trimmed():
    text = "  First one.   Second one. \n"
    doc = one_paragraph(text)
    found = split_sentences(doc)
    assert [(s.start, s.end, s.text) for s in found] == [(2, 12, "First one."), (15, 26, "Second one.")]
    assert [s.index for s in found] == [0, 1]


def test_titles_and_headings_are_single_sentences(tmp_path):
    path = tmp_path / "doc.txt"
    path.write_text("Big Title\nSubtitle Line\n\nKey Themes\n\nOne. Two.\n", encoding="utf-8")
    found = split_sentences(read_document(path))
    assert [(s.text, s.kind, s.section, s.paragraph) for s in found] == [
        ("Big Title", "title", 0, 0),
        ("Subtitle Line", "title", 0, 0),
        ("Key Themes", "heading", 1, 1),
        ("One.", "text", 1, 2),
        ("Two.", "text", 1, 2),
    ]


def test_sample_document_sentences_slice_exactly_and_keep_abbreviations():
    doc = read_document(SAMPLE)
    found = split_sentences(doc)
    assert [s.index for s in found] == list(range(len(found)))
    assert found[0].text == "Fourth Law Enforcement Roundtable on Drugs"
    assert found[1].text == "March 2021 Meeting Summary"
    for s in found:
        assert doc.text[s.start:s.end] == s.text
        assert s.text == s.text.strip() and s.text
        assert s.doc_id == doc.doc_id
        assert s.kind == doc.paragraphs[s.paragraph].kind
        assert s.section == doc.paragraphs[s.paragraph].section
    for phrase in ["(e.g. etizolam)", "(i.e. ephedrine)", "R. v. Jordan", "Amazon, Inc., who agreed"]:
        assert any(phrase in s.text for s in found), phrase
    assert "Key Themes" in [s.text for s in found if s.kind == "heading"]
