"""Relation recall on 90 genre sentences written for the purpose (not from data/).

Each sentence states one typed relation; the test builds one document of them
and requires that nine in ten come out. The misses are printed, so a change
that costs recall shows which sentences it lost.
"""

from __future__ import annotations

from pathlib import Path

from helpers import run

TABLE = Path(__file__).parent / "fixtures" / "relation-sentences.tsv"


def _rows():
    for line in TABLE.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            yield tuple(line.split("\t"))


def test_relation_recall_on_genre_sentences(tmp_path):
    rows = list(_rows())
    assert len(rows) == 90
    text = "Relations\n\n" + "\n\n".join(sentence for sentence, *_ in rows) + "\n"
    found = {(s, p, o, polarity) for s, p, o, polarity, _ in run(tmp_path, text).relations}
    misses = [(sentence, triple) for sentence, *triple in rows if tuple(triple) not in found]
    recall = 1 - len(misses) / len(rows)
    assert recall >= 0.9, f"recall {recall:.2f}; misses:\n" + "\n".join(f"{t} <- {s}" for s, t in misses)
