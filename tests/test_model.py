"""The shipped English pipeline (models/en_rtgraph): it loads offline and still scores.

The sample is the first 300 sentences of the UD English EWT and GUM (CC BY)
test splits (tests/fixtures/ud-sample/, written by training/train.py); the
floors sit a little under the scores measured on the same sample when the
model was trained, so a broken or swapped model fails here. Full test-split
scores are in training/scores.json and the README.
"""

from __future__ import annotations

import gzip
import importlib.util
import tempfile
from pathlib import Path

import pytest
from spacy.training import Example

from rtgraph.resources import model_dir
from rtgraph.sentences import nlp, parse

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "tests" / "fixtures" / "ud-sample"


def _convert():
    spec = importlib.util.spec_from_file_location("rtgraph_convert", ROOT / "training" / "convert.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def scores():
    convert = _convert()
    pipeline = nlp()
    found = {}
    for name in ("en_ewt-test", "en_gum-ccby-test"):
        path = SAMPLE / f"{name}-sample.conllu"
        with tempfile.TemporaryDirectory() as tmp:
            packed = Path(tmp) / "sample.conllu.gz"
            packed.write_bytes(gzip.compress(path.read_bytes(), mtime=0))
            gold = [convert._doc(pipeline.vocab, w, s, r, with_entities="gum" in name)
                    for w, s, r in convert.read_conllu(packed)]
        predicted = parse(doc.text for doc in gold)
        examples = [Example(p, g) for p, g in zip(predicted, gold)]
        found[name] = pipeline.get_pipe("parser").scorer(examples) | pipeline.get_pipe("morphologizer").scorer(examples) \
            | pipeline.get_pipe("ner").scorer(examples) | pipeline.get_pipe("trainable_lemmatizer").scorer(examples)
    return found


def test_pipeline_is_the_packaged_trained_one():
    pipeline = nlp()
    assert pipeline.meta["lang"] == "en" and (model_dir() / "meta.json").is_file()
    for component in ("tok2vec", "tagger", "morphologizer", "trainable_lemmatizer", "parser", "ner"):
        assert component in pipeline.pipe_names
    assert (model_dir() / "LICENSE.md").read_text().count("CC BY-SA 4.0") >= 1


@pytest.mark.parametrize(
    ("split", "metric", "floor"),
    [
        ("en_ewt-test", "pos_acc", 0.94),
        ("en_ewt-test", "dep_las", 0.79),
        ("en_ewt-test", "lemma_acc", 0.94),
        ("en_gum-ccby-test", "pos_acc", 0.94),
        ("en_gum-ccby-test", "dep_las", 0.79),
        ("en_gum-ccby-test", "ents_f", 0.46),
    ],
)
def test_scores_on_committed_sample(scores, split, metric, floor):
    assert scores[split][metric] >= floor, (split, metric, scores[split][metric])


@pytest.mark.parametrize(
    ("text", "word", "dep", "head"),
    [
        ("Organized crime groups smuggle fentanyl into Canada.", "fentanyl", "obj", "smuggle"),
        ("Naloxone does not reverse benzodiazepines.", "Naloxone", "nsubj", "reverse"),
        ("Ephedrine is sourced from India.", "Ephedrine", "nsubj:pass", "sourced"),
    ],
)
def test_parses_plain_genre_sentences(text, word, dep, head):
    (doc,) = parse([text])
    token = next(t for t in doc if t.text == word)
    assert (token.dep_, token.head.text) == (dep, head)
