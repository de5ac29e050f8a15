"""Train rtgraph's English pipeline from the UD treebanks and ship it in the package.

    python training/train.py                # convert, train, evaluate, install
    python training/train.py --evaluate-only

Steps: ``convert.py`` writes DocBins under ``training/corpus/``; ``spacy
train`` with ``training/config.cfg`` (seed 0) writes ``training/output/``; the
best model is scored on the EWT and GUM test splits (``training/scores.json``)
and copied to ``src/rtgraph/models/en_rtgraph/`` with its licence; the README
score tables are rewritten from the scores (``fill_readme.py``).
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
TARGET = ROOT / "src" / "rtgraph" / "models" / "en_rtgraph"
sys.path.insert(0, str(HERE))

from convert import convert, write_sample  # noqa: E402


def evaluate(model: Path) -> dict:
    import spacy
    from spacy.training import Corpus

    nlp = spacy.load(model)
    scores = {}
    for split in ("test-ewt", "test-gum"):
        examples = list(Corpus(HERE / "corpus" / f"{split}.spacy")(nlp))
        result = nlp.evaluate(examples)
        keep = ("pos_acc", "tag_acc", "morph_acc", "lemma_acc", "dep_uas", "dep_las", "ents_p", "ents_r", "ents_f")
        scores[split] = {k: round(float(result[k]), 4) for k in keep if result.get(k) is not None}
        if split == "test-gum":
            scores[split]["ents_per_type"] = {
                label: {k: round(float(v), 4) for k, v in values.items()}
                for label, values in sorted(result["ents_per_type"].items())
            }
    return scores


def install(model: Path) -> None:
    if TARGET.exists():
        shutil.rmtree(TARGET)
    shutil.copytree(model, TARGET)
    shutil.copy(HERE / "LICENSE-MODEL.md", TARGET / "LICENSE.md")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--treebanks", type=Path, default=ROOT.parent / "shared" / "treebanks")
    parser.add_argument("--evaluate-only", action="store_true")
    parser.add_argument("--max-steps", type=int, help="override training.max_steps (quick checks)")
    args = parser.parse_args()
    output = HERE / "output"
    if not args.evaluate_only:
        provenance = convert(args.treebanks, HERE / "corpus")
        write_sample(args.treebanks, ROOT / "tests" / "fixtures" / "ud-sample")
        (HERE / "provenance.json").write_text(json.dumps(provenance, indent=2, sort_keys=True) + "\n")
        from spacy.cli.train import train

        overrides = {"paths.train": str(HERE / "corpus" / "train.spacy"), "paths.dev": str(HERE / "corpus" / "dev.spacy")}
        if args.max_steps:
            overrides["training.max_steps"] = args.max_steps
        train(HERE / "config.cfg", output, overrides=overrides)
    best = output / "model-best"
    scores = evaluate(best)
    (HERE / "scores.json").write_text(json.dumps(scores, indent=2, sort_keys=True) + "\n")
    print(json.dumps(scores, indent=2, sort_keys=True))
    install(best)
    from fill_readme import main as fill_readme

    fill_readme()


if __name__ == "__main__":
    main()
