"""The parse spool gives back, chunk by chunk, exactly the parsed sentences put in."""

from __future__ import annotations

import pytest

from rtgraph.sentences import nlp, parse
from rtgraph.spool import ParseSpool

SENTENCES = [
    "The RCMP seized 12 kg of fentanyl in Vancouver.",
    "Organized crime groups (OCGs) import precursors from China.",
    "Naloxone does not reverse xylazine.",
    "Participants noted that the CBSA expects an increase in 2022.",
    "Health Canada's strategy targets illicit drugs.",
]


def _fingerprint(doc):
    """Everything the extractors read of a parsed sentence."""
    return (
        [(t.text, t.whitespace_, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.is_sent_start,
          t.ent_iob_, t.ent_type_) for t in doc],
        [(e.start, e.end, e.label_) for e in doc.ents],
    )


@pytest.fixture(scope="module")
def parsed():
    return parse(SENTENCES)


@pytest.mark.parametrize("sizes,keep", [((5,), 2), ((2, 2, 1), 1), ((1, 1, 1, 1, 1), 2), ((3, 2), 3)])
def test_chunks_read_back_as_they_were_put_in(parsed, sizes, keep):
    with ParseSpool(nlp().vocab, keep=keep) as spool:
        at = 0
        for size in sizes:
            spool.append(parsed[at:at + size])
            at += size
        assert len(spool) == len(parsed)
        for _ in range(2):  # two passes: the second reads every chunk back again
            assert [_fingerprint(d) for d in spool] == [_fingerprint(d) for d in parsed]
        assert [_fingerprint(spool[i]) for i in range(-1, -len(parsed) - 1, -1)] == \
            [_fingerprint(d) for d in reversed(parsed)]
        assert [_fingerprint(d) for d in spool[1:4]] == [_fingerprint(d) for d in parsed[1:4]]
        assert len(spool.held) <= keep
        if len(sizes) <= keep:
            assert spool.reads == 0 and spool.file is None  # what fits in memory is never written


def test_reading_in_order_reads_each_chunk_once_per_pass(parsed):
    with ParseSpool(nlp().vocab, keep=2) as spool:
        for doc in parsed:
            spool.append([doc])
        for i in range(len(spool)):  # in order, looking back one sentence, as the readers do
            spool[i]
            spool[max(0, i - 1)]
        assert spool.reads == len(parsed)  # each chunk once (the lookback finds the one before held)


def test_out_of_range_and_empty_chunks(parsed):
    with ParseSpool(nlp().vocab) as spool:
        spool.append([])
        assert len(spool) == 0 and list(spool) == []
        spool.append(parsed[:2])
        with pytest.raises(IndexError):
            spool[2]
        with pytest.raises(IndexError):
            spool[-3]


def test_closing_drops_the_file_and_the_held_chunks(parsed):
    spool = ParseSpool(nlp().vocab, keep=1)
    spool.append(parsed[:2])
    spool.append(parsed[2:])
    handle = spool.file
    assert handle is not None and not handle.closed
    spool.close()
    assert handle.closed and not spool.held
