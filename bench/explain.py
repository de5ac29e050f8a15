"""Show how rtgraph reads sentences: the parse, the mentions and the facts (a development aid).

    python bench/explain.py FILE [PHRASE ...]    sentences of FILE containing any PHRASE
    python bench/explain.py -e "Some sentence."  one sentence typed in
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from rtgraph.ingest import read_document
from rtgraph.lexicon import load_lexicon
from rtgraph.pipeline import _Clock, _read_chunk, _tokens, extract
from rtgraph.sentences import split_sentences


def _local(iri) -> str:
    return str(iri).rsplit("#", 1)[-1].rsplit("/", 1)[-1] if iri else "-"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("file", nargs="?")
    ap.add_argument("phrases", nargs="*")
    ap.add_argument("-e", "--text")
    args = ap.parse_args(argv)
    if args.text:
        tmp = Path(tempfile.mkdtemp()) / "sentence.txt"
        tmp.write_text(args.text, encoding="utf-8")
        path = tmp
    elif args.file:
        path = Path(args.file)
    else:
        ap.error("a FILE or -e TEXT")
    lexicon = load_lexicon()
    document = read_document(path)
    sentences = split_sentences(document)
    docs, _ = _read_chunk(document, sentences, _tokens(sentences), lexicon, _Clock({}))
    extraction = extract([path])
    labels = {e.iri: e.label for e in extraction.entities}
    wanted = [p.lower() for p in args.phrases]
    for sentence, doc in zip(sentences, docs):
        if wanted and not any(p in sentence.text.lower() for p in wanted):
            continue
        print(f"\n[{sentence.index}] {sentence.text}")
        for t in doc:
            print(f"   {t.i:>3} {t.text:<18} {t.lemma_:<14} {t.pos_:<6} {t.dep_:<12} <- {t.head.i:>3} {t.head.text}")
        mentions = [(m, e) for e in extraction.entities for m in e.mentions if m.sentence == sentence.index]
        for m, e in sorted(mentions, key=lambda pair: pair[0].start):
            print(f"   mention {sentence.text[m.start - sentence.start:m.end - sentence.start]!r} -> {e.label!r} "
                  f"{_local(e.cls)} ({m.kind}, {m.extractor})")
        for a in extraction.assertions:
            if a.evidence and a.evidence[1] == sentence.index:
                print(f"   FACT {labels.get(a.subject, a.subject)} --{_local(a.predicate)}--> "
                      f"{labels.get(a.object, a.object)} [{a.extractor} {a.polarity} {a.modality} {a.confidence}]"
                      + (f" «{a.linking_words}»" if a.linking_words else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
