"""Inputs of any size and shape build, with exact offsets: long sentences are read in
windows, a megabyte line without punctuation builds, and the linear-time resolution
keeps exactly the mentions the greedy longest-first rule keeps.

Timing claims live in bench/scale.py; these tests assert behaviour only.
"""

from __future__ import annotations

import random
import re
from dataclasses import replace
from pathlib import Path

import pytest

from rtgraph import parsing
from rtgraph.lexicon import load_lexicon
from rtgraph.pipeline import extract
from rtgraph.resolve import _Spans, select_mentions
from rtgraph.sentences import MAX_SENTENCE_WORDS, tokenize

SEED = Path(__file__).resolve().parents[2] / "data" / "roundtable-2021-03.txt"


def _vocabulary() -> list[str]:
    return re.findall(r"[A-Za-z][A-Za-z'-]*", SEED.read_text(encoding="utf-8"))


def _words(count: int, seed: int) -> str:
    rng = random.Random(seed)
    vocabulary = _vocabulary()
    return " ".join(rng.choice(vocabulary) for _ in range(count))


def _assert_offsets_exact(extraction) -> None:
    text = {d.doc_id: d.text for d in extraction.documents}
    sentences = {(s.doc_id, s.index): s for s in extraction.sentences}
    for s in extraction.sentences:
        assert text[s.doc_id][s.start:s.end] == s.text
    for entity in extraction.entities:
        for m in entity.mentions:
            assert text[m.doc_id][m.start:m.end] == m.text
            sentence = sentences[(m.doc_id, m.sentence)]
            assert sentence.start <= m.start < m.end <= sentence.end
    for a in extraction.assertions:
        if a.evidence:
            assert a.evidence in sentences
    for stat in extraction.statistics:
        sentence = sentences[stat.evidence]
        assert sentence.start <= stat.start < stat.end <= sentence.end


@pytest.fixture(scope="module")
def long_sentence(tmp_path_factory):
    """One 5,000-word sentence (words of the seed document, names included), then a short one."""
    path = tmp_path_factory.mktemp("long") / "long.txt"
    path.write_text("Long sentence\n\n" + _words(5000, seed=5) + ". Naloxone does not reverse xylazine.\n",
                    encoding="utf-8")
    seen: list[int] = []
    original = parsing.parse

    def recording(docs):  # what the parser is given, in tokens per sentence
        docs = list(docs)
        seen.extend(len(d) for d in docs)
        return original(docs)

    parsing.parse = recording
    try:
        extraction = extract([path])
    finally:
        parsing.parse = original
    return path, extraction, seen


def test_a_5000_word_sentence_builds_with_exact_offsets(long_sentence):
    path, extraction, _ = long_sentence
    text = path.read_text(encoding="utf-8")
    assert extraction.documents[0].text == text
    assert len(extraction.sentences) > 5000 // MAX_SENTENCE_WORDS
    assert extraction.entities and extraction.assertions
    _assert_offsets_exact(extraction)
    # the windows cover every word of the long sentence, in order, none twice
    covered = " ".join(s.text for s in extraction.sentences[1:-1])
    assert covered.split() == (_words(5000, seed=5) + ".").split()


def test_long_sentences_are_read_in_windows_with_a_note(long_sentence):
    _, extraction, seen = long_sentence
    assert all(len(tokenize(s.text)) <= MAX_SENTENCE_WORDS for s in extraction.sentences)
    assert seen and max(seen) <= MAX_SENTENCE_WORDS  # the parser never sees more
    assert extraction.notes == (
        f"1 sentence over {MAX_SENTENCE_WORDS} words read in windows of up to {MAX_SENTENCE_WORDS} words",)
    # the short sentence after it is read whole, its negation intact
    assert extraction.sentences[-1].text == "Naloxone does not reverse xylazine."


def test_short_sentences_get_no_note(seed_extraction):
    assert seed_extraction.notes == ()


@pytest.mark.slow
def test_a_megabyte_line_without_punctuation_builds(tmp_path):
    line = _words(200_000, seed=1)[:1_000_000]
    path = tmp_path / "line.txt"
    path.write_text("One line\n\n" + line + "\n", encoding="utf-8")
    extraction = extract([path])
    assert len(extraction.documents[0].text) > 1_000_000
    assert extraction.notes and extraction.notes[0].startswith("1 sentence over")
    _assert_offsets_exact(extraction)


def _greedy_by_scan(lexicon, mentions):
    """The selection rule written plainly: longest first, each kept unless it overlaps a kept one."""
    from rtgraph.resolve import _KIND_RANK

    order = sorted(mentions, key=lambda m: (m.kind == "syntax", -(m.end - m.start), _KIND_RANK.get(m.kind, 9),
                                            -m.confidence, m.start, m.label))
    kept = []
    for m in order:
        if not any(m.start < k.end and k.start < m.end for k in kept):
            kept.append(m)
    return sorted(kept, key=lambda m: (m.sentence, m.start, m.end, m.label))


def test_selection_keeps_what_the_plain_scan_keeps_on_the_seed(seed_extraction):
    lexicon = load_lexicon()
    # every mention the build kept or nested, plus each one shifted to clash with its neighbours
    mentions = [m for e in seed_extraction.entities for m in e.mentions]
    shifted = [replace(m, start=m.start + 2, end=m.end + 3, label=m.label + " x") for m in mentions[::3]]
    candidates = mentions + shifted
    assert select_mentions(lexicon, candidates) == _greedy_by_scan(lexicon, candidates)


@pytest.mark.parametrize("seed", range(5))
def test_span_index_finds_every_overlap_a_scan_finds(seed):
    rng = random.Random(seed)
    spans, index = [], _Spans()
    for _ in range(300):
        start = rng.randrange(0, 2000)
        end = start + rng.randrange(1, 30)
        found = index.clash(start, end)
        scan = [k for k in spans if start < k[1] and k[0] < end]
        assert (found is None) == (not scan)
        if found is not None:
            assert found in scan
        else:
            spans.append((start, end))
            index.add(start, end, (start, end))


def test_a_folder_of_documents_keeps_no_parsed_sentence(tmp_path):
    """Memory grows with the records, not the text: no spaCy Doc outlives the build."""
    import gc

    from spacy.tokens import Doc

    text = SEED.read_text(encoding="utf-8")
    for k in range(3):
        (tmp_path / f"copy-{k}.txt").write_text(f"{text}\n\nCopy number {k}.\n", encoding="utf-8")
    extraction = extract([tmp_path])
    gc.collect()
    assert len(extraction.documents) == 3 and extraction.assertions
    assert not [o for o in gc.get_objects() if isinstance(o, Doc)]


_DOCUMENTS = [SEED, *sorted((SEED.parents[1] / "tests" / "fixtures" / "genre").iterdir()), "windows"]


@pytest.mark.parametrize("path", _DOCUMENTS, ids=lambda p: getattr(p, "name", p))
def test_reading_in_chunks_changes_nothing_but_memory(path, tmp_path):
    """A document read a few sentences at a time (its parse spooled out and read back by
    resolution and the fact readers) gives exactly the records of one read whole; "windows":
    sentences read in windows in later chunks are numbered on from the chunks before."""
    from rtgraph.ingest import read_corpus
    from rtgraph.pipeline import extract_one

    if path == "windows":
        seed = SEED.read_text(encoding="utf-8")
        path = tmp_path / "windows.txt"
        path.write_text(f"{seed}\n\n{_words(400, seed=3)}.\n\n{seed}\n\n{_words(300, seed=4)}\n", encoding="utf-8")
    (document,), _ = read_corpus([path])
    whole, chunked = {}, {}
    assert extract_one(document, chunk_chars=len(document.text) + 1, work=whole) == \
        extract_one(document, chunk_chars=1_500, work=chunked)
    assert whole["chunks"] == 1 and whole["chunks read back"] == 0
    assert chunked["chunks"] > 2 and chunked["chunks read back"] >= chunked["chunks"]
    assert (whole["sentences"], whole["tokens"], whole["mentions"]) == \
        (chunked["sentences"], chunked["tokens"], chunked["mentions"])
