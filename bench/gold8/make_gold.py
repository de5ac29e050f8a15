#!/usr/bin/env python
"""Build bench/gold8/gold.json from the annotation files in ann/, and validate it (bench/make_gold.py).

    python bench/gold8/make_gold.py [--check] [--readme]
"""

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from make_gold import main  # noqa: E402

ABOUT = (
    "Held-out gold (set 8) for bench/gold8/docs, written and annotated blind (without reading rtgraph's "
    "lexicon, ontology files, source, tests, training data or earlier gold documents, and without running "
    "rtgraph), following bench/gold/README.md and the format of bench/gold7/gold.json. Entities: canonical "
    "label, class local name from the public vocabulary, surface aliases found in the text. Relations: "
    "subject/object are entity labels of the same doc; p may be a list where two predicates are equally "
    "right (sell/ship/import/supply: traffics or supplies; a few others noted in README). optional=true items "
    "are acceptable but not required; rtg:relatedTo links are always optional. Named individuals (all "
    "fictional) and generic roles are optional Actors. Numbers written as words, ages, durations and "
    "headline repeats are optional_statistics. modality/attributedTo are informational."
)

if __name__ == "__main__":
    main(HERE, about=ABOUT)
