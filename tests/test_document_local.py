"""Document-local phrases ("the Task Force", "the Act", "this year") resolve inside their own document only."""

from __future__ import annotations

from pathlib import Path

import pytest

from rtgraph.pipeline import extract

MANITOBA = """Manitoba Task Force Notes

Manitoba's Illicit Drug Task Force met in Winnipeg in March 2019. The Task Force recommended rapid access to addictions medicine clinics. The Working Group reported to the Roundtable. This year, methamphetamine seizures increased by 40%.
"""
BRITISH_COLUMBIA = """British Columbia Notes

The Joint Illicit Drug Task Force of British Columbia met in Vancouver in May 2021. The Task Force warned that fentanyl is mixed with benzodiazepines. The Good Samaritan Drug Overdose Act was discussed. The Act protects people who call 911. The Working Group met twice. This year, overdose deaths increased by 20%.
"""
UNNAMED = """Ontario Notes

The Task Force said that cocaine prices fell in Ontario in 2022. The Task Force met again in Toronto.
"""


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> dict[str, object]:
    folder = tmp_path_factory.mktemp("local")
    for name, text in (("manitoba.txt", MANITOBA), ("bc.txt", BRITISH_COLUMBIA), ("ontario.txt", UNNAMED)):
        (folder / name).write_text(text, encoding="utf-8")
    extraction = extract([folder])
    docs = {Path(d.path).stem: d.doc_id for d in extraction.documents}
    return {"extraction": extraction, "docs": docs}


def _resolved(corpus, document: str, text: str) -> set[str]:
    """Labels of the entities the phrase ``text`` stands for in ``document``."""
    doc_id = corpus["docs"][document]
    return {e.label for e in corpus["extraction"].entities
            for m in e.mentions if m.doc_id == doc_id and m.text == text}


@pytest.mark.parametrize(("document", "phrase", "expected"), [
    ("manitoba", "Task Force", {"Illicit Drug Task Force"}),
    ("bc", "Task Force", {"Joint Illicit Drug Task Force of British Columbia"}),
    ("bc", "Act", {"Good Samaritan Drug Overdose Act"}),
])
def test_a_phrase_names_the_entity_its_own_document_names(corpus, document, phrase, expected):
    assert _resolved(corpus, document, phrase) == expected


def test_no_entity_is_merged_across_documents_by_a_local_phrase(corpus):
    extraction = corpus["extraction"]
    for entity in extraction.entities:
        local = {m.doc_id for m in entity.mentions if m.kind in ("document-alias", "document-local")}
        if local:
            assert len({m.doc_id for m in entity.mentions}) == 1, entity


@pytest.mark.parametrize("phrase", ["Working Group", "Task Force"])
def test_an_unnamed_phrase_is_an_entity_of_its_document_alone(corpus, phrase):
    extraction = corpus["extraction"]
    bare = [e for e in extraction.entities if e.label == phrase]
    owners = [{m.doc_id for m in e.mentions} for e in bare]
    assert all(len(o) == 1 for o in owners)
    assert len(bare) == len({d for o in owners for d in o})  # one entity per document that says it bare
    assert all(e.iri.endswith(f"--{next(iter(o))}") for e, o in zip(bare, owners))
    if phrase == "Task Force":  # Ontario names no task force: both its sentences are one entity of its own
        ontario = [e for e, o in zip(bare, owners) if o == {corpus["docs"]["ontario"]}]
        assert len(ontario) == 1 and len(ontario[0].mentions) == 2


def test_the_roundtable_of_a_document_that_names_none_stays_in_it(corpus):
    roundtables = [e for e in corpus["extraction"].entities if e.label == "Roundtable"]
    assert [{m.doc_id for m in e.mentions} for e in roundtables] == [{corpus["docs"]["manitoba"]}]


@pytest.mark.parametrize(("document", "expected"), [
    ("manitoba", "This year (2019)"),
    ("bc", "This year (2021)"),
])
def test_this_year_is_the_documents_year(corpus, document, expected):
    doc_id = corpus["docs"][document]
    periods = {s.period for s in corpus["extraction"].statistics if s.evidence[0] == doc_id}
    assert periods == {expected}


@pytest.mark.parametrize(("text", "expected"), [
    ("The Task Force on Opioids met. The Task Force said prices fell.", "Task Force on Opioids"),
    ("A Task Force met in Regina.", None),  # indefinite: no reference to a known one
])
def test_longer_names_and_indefinites_are_not_the_phrase(tmp_path, text, expected):
    (tmp_path / "doc.txt").write_text(f"Notes\n\n{text}\n", encoding="utf-8")
    extraction = extract([tmp_path])
    local = [m for e in extraction.entities for m in e.mentions if m.kind in ("document-alias", "document-local")
             and m.text == "Task Force"]
    if expected is None:
        assert local == []
    else:
        assert all(m.label == expected for m in local) and local
