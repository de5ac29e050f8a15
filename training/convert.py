"""Convert the UD treebanks in ``shared/treebanks`` to spaCy DocBin files.

One Doc per sentence, because rtgraph parses sentence by sentence (its own
sentence splitter runs first). Tokens are UD syntactic words: a multiword
token ("don't" = "do" + "n't") becomes its words, with no space between.

GUM's entity layer (``Entity=`` in MISC) becomes ``doc.ents``: mentions nest
and spaCy's NER does not, so each mention is cut at the end of its minimal
span (GUM's ``minspan``: "the preacher at the mosque" -> "the preacher"),
mentions are taken outermost first, and a nested mention that starts after the
cut is kept too ("the mosque"). Pronoun-only mentions are left out: the
detector finds nominal mentions. EWT has no entity layer, so its tokens are
left *missing* for the NER (not "outside"), and it trains the rest only.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import re
from pathlib import Path

import spacy
from spacy.tokens import Doc, DocBin, Span

__all__ = ["read_conllu", "convert"]

_OPEN = re.compile(r"\((\d+)-([a-z]+)-[^-]*-[^-]*-[^-]*-([0-9,]*)")
_CLOSE = re.compile(r"(\d+)\)")


def _entity_events(value: str):
    """Yield ('open', id, type, minspan) / ('close', id) in MISC order."""
    position = 0
    while position < len(value):
        if value[position] == "(":
            match = _OPEN.match(value, position)
            if match is None:
                raise ValueError(f"unreadable Entity value {value!r}")
            minspan = tuple(int(i) for i in match.group(3).split(",") if i)
            yield ("open", match.group(1), match.group(2), minspan)
            # an opening may be followed by the rest of its fields up to the next '(' or a close
            position = match.end()
            while position < len(value) and value[position] not in "()" and not value[position].isdigit():
                position += 1
            while position < len(value) and value[position] not in "(":
                close = _CLOSE.match(value, position)
                if close and (close.start() == position):
                    break
                position += 1
            # a single-token mention "(ID-...-x)" closes right after its fields
            if position > 0 and value[position - 1] == ")":
                yield ("close", match.group(1))
        else:
            close = _CLOSE.match(value, position)
            if close is None:
                position += 1
                continue
            yield ("close", close.group(1))
            position = close.end()


def _mentions(rows: list[list[str]]) -> list[tuple[int, int, str, tuple[int, ...]]]:
    """(start, end, type, minspan) for every mention of one sentence, word indices."""
    open_mentions: dict[str, list] = {}
    found = []
    for index, row in enumerate(rows):
        misc = dict(item.split("=", 1) for item in row[9].split("|") if "=" in item)
        value = misc.get("Entity")
        if not value:
            continue
        for event in _entity_events(value):
            if event[0] == "open":
                open_mentions.setdefault(event[1], []).append([index, event[2], event[3]])
            else:
                stack = open_mentions.get(event[1])
                if stack:
                    start, kind, minspan = stack.pop()
                    found.append((start, index + 1, kind, minspan))
    return found


def _cut(mentions, pos: list[str]) -> list[tuple[int, int, str]]:
    """Non-overlapping typed spans: outermost first, each cut after its minimal span."""
    kept: list[tuple[int, int, str]] = []
    for start, end, kind, minspan in sorted(mentions, key=lambda m: (m[0], -(m[1] - m[0]))):
        if minspan:
            end = min(end, start + max(minspan))
        if all(p == "PRON" for p in pos[start:end]) or start >= end:
            continue
        if any(start < k_end and k_start < end for k_start, k_end, _ in kept):
            continue
        kept.append((start, end, kind))
    return kept


def read_conllu(path: Path):
    """Yield (words, spaces, rows) per sentence; rows are the word lines' 10 columns."""
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        rows, words, spaces, mwt_end, mwt_space = [], [], [], -1, True
        for line in handle:
            line = line.rstrip("\n")
            if not line:
                if rows:
                    yield words, spaces, rows
                rows, words, spaces, mwt_end = [], [], [], -1
                continue
            if line.startswith("#"):
                continue
            cols = line.split("\t")
            if "." in cols[0]:
                continue
            if "-" in cols[0]:
                first, last = (int(i) for i in cols[0].split("-"))
                mwt_end, mwt_space = last, "SpaceAfter=No" not in cols[9]
                continue
            index = int(cols[0])
            rows.append(cols)
            words.append(cols[1])
            if index < mwt_end:
                spaces.append(False)
            elif index == mwt_end:
                spaces.append(mwt_space)
            else:
                spaces.append("SpaceAfter=No" not in cols[9])
        if rows:
            yield words, spaces, rows


def _document_ids(path: Path) -> list[str]:
    """The treebank's document ids in file order (the split's file list)."""
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return [line.split("=", 1)[1].strip() for line in handle if line.startswith("# newdoc id")]


def _doc(vocab, words, spaces, rows, *, with_entities: bool) -> Doc:
    heads = [int(r[6]) - 1 if r[6] != "0" else i for i, r in enumerate(rows)]
    doc = Doc(
        vocab,
        words=words,
        spaces=spaces,
        pos=[r[3] for r in rows],
        tags=[r[4] for r in rows],
        morphs=[r[5] if r[5] != "_" else "" for r in rows],
        lemmas=[r[2] for r in rows],
        heads=heads,
        deps=[r[7] for r in rows],
        sent_starts=[True] + [False] * (len(words) - 1),
    )
    if with_entities:
        spans = [Span(doc, s, e, label=k) for s, e, k in _cut(_mentions(rows), [r[3] for r in rows])]
        doc.set_ents(spans, default="outside")
    return doc


def convert(treebanks: Path, out: Path) -> dict:
    """Write train/dev DocBins (EWT + GUM) and one test DocBin per treebank; return provenance."""
    nlp = spacy.blank("en")
    out.mkdir(parents=True, exist_ok=True)
    plan = {
        "train": ["en_ewt-train", "en_gum-ccby-train"],
        "dev": ["en_ewt-dev", "en_gum-ccby-dev"],
        "test-ewt": ["en_ewt-test"],
        "test-gum": ["en_gum-ccby-test"],
    }
    provenance = {}
    for split, names in plan.items():
        bin_ = DocBin(store_user_data=False)
        for name in names:
            path = treebanks / f"{name}.conllu.gz"
            count = 0
            for words, spaces, rows in read_conllu(path):
                bin_.add(_doc(nlp.vocab, words, spaces, rows, with_entities="gum" in name))
                count += 1
            provenance[name] = {
                "sentences": count,
                "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
                "documents": _document_ids(path),
            }
        bin_.to_disk(out / f"{split}.spacy")
    return provenance


def write_sample(treebanks: Path, out: Path, *, sentences: int = 300) -> None:
    """The first sentences of each test split, as CoNLL-U, for the shipped model's test."""
    out.mkdir(parents=True, exist_ok=True)
    for name in ("en_ewt-test", "en_gum-ccby-test"):
        kept, block = [], []
        with gzip.open(treebanks / f"{name}.conllu.gz", "rt", encoding="utf-8") as handle:
            for line in handle:
                block.append(line)
                if not line.strip():
                    if any(not l.startswith("#") and l.strip() for l in block):
                        kept.append("".join(l for l in block if not l.startswith("#") or l.startswith("# text")))
                    block = []
                    if len(kept) >= sentences:
                        break
        (out / f"{name}-sample.conllu").write_text("".join(kept), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--treebanks", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "treebanks")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "corpus")
    args = parser.parse_args()
    print(json.dumps(convert(args.treebanks, args.out), indent=2))


if __name__ == "__main__":
    main()
