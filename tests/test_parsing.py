"""Parsing with mentions known (parsing.py): each mention is one node, the words stay the sentence's."""

from __future__ import annotations

import pytest

from rtgraph.lexicon import load_lexicon
from rtgraph.namespaces import RTG
from rtgraph.parsing import _proxy_doc, parse_with_mentions
from rtgraph.sentences import tokenize


def _parse(text, spans):
    (doc,) = parse_with_mentions([tokenize(text)], [spans], lexicon=load_lexicon())
    return doc


def test_words_and_offsets_are_the_sentences_own():
    text = "NPP and 4-ANPP are precursors of fentanyl."
    doc = _parse(text, [(0, 1, str(RTG.Precursor)), (2, 5, str(RTG.Precursor)), (7, 8, str(RTG.Opioid))])
    assert doc.text == text
    assert [t.text for t in doc] == [t.text for t in tokenize(text)]


def test_a_mention_is_one_node_headed_by_its_last_token():
    text = "The Jalisco New Generation Cartel smuggles fentanyl."
    doc = _parse(text, [(1, 5, str(RTG.CriminalGroup)), (6, 7, str(RTG.Opioid))])
    inner = [t for t in doc[1:4]]
    assert all(t.head.i == 4 for t in inner) and all(t.dep_ == "flat" for t in inner)
    assert doc[4].head.i not in range(1, 5)  # the name attaches outside itself


@pytest.mark.parametrize(
    ("text", "spans", "word", "dep"),
    [
        ("NPP and 4-ANPP are precursors of fentanyl.", [(0, 1, str(RTG.Precursor)), (2, 5, str(RTG.Precursor))], "NPP", "nsubj"),
        ("Police seized carfentanil in Surrey.", [(2, 3, str(RTG.Opioid)), (4, 5, str(RTG.City))], "carfentanil", "obj"),
    ],
)
def test_unknown_names_no_longer_derail_the_parse(text, spans, word, dep):
    doc = _parse(text, spans)
    assert next(t for t in doc if t.text == word).dep_ == dep


def test_a_mention_inside_a_longer_name_is_not_replaced():
    text = "The Five Eyes Law Enforcement Working Group met twice."
    proxy, _ = _proxy_doc(tokenize(text), [(3, 5, str(RTG.Agency))], load_lexicon())
    assert proxy.text == text  # "Law Enforcement" stays: it is part of the group's name


def test_a_mention_on_its_own_is_replaced_by_its_class_word():
    text = "The CBSA seized carfentanil."
    proxy, ranges = _proxy_doc(tokenize(text), [(1, 2, str(RTG.Agency)), (3, 4, str(RTG.Opioid))], load_lexicon())
    assert proxy.text != text and len(proxy) == len(ranges) == 5


@pytest.mark.parametrize(
    ("text", "span", "word", "lemma"),
    [
        ("Police said vendors sold the powder.", (2, 3), "vendors", "vendor"),
        ("Police arrested the street dealers.", (3, 5), "dealers", "dealer"),
        ("Police arrested the dealer.", (3, 4), "dealer", "dealer"),
    ],
)
def test_a_common_noun_mention_keeps_its_head_word_lemma(text, span, word, lemma):
    """A mention read as its class word ("groups") takes the ending the lemmatizer removed from it."""
    doc = _parse(text, [(*span, str(RTG.CriminalGroup))])
    assert next(t for t in doc if t.text == word).lemma_ == lemma


@pytest.mark.parametrize(
    ("text", "verb", "lemma"),
    [
        ("Outlaw motorcycle gangs, notably the Hells Angels, supply cocaine to dealers.", "supply", "supply"),
        ("Large-scale manufacture of methamphetamine continues in Mexico.", "continues", "continue"),
        ("The Board notes the appearance of new precursors.", "notes", "note"),
    ],
)
def test_a_verb_read_as_a_noun_is_read_again_as_a_verb(text, verb, lemma):
    doc = _parse(text, [])
    token = next(t for t in doc if t.text == verb)
    assert (token.pos_, token.dep_, token.lemma_) == ("VERB", "ROOT", lemma)
    assert token.tag_ in ("VBZ", "VBP", "VBD")


@pytest.mark.parametrize(
    "text",
    [
        "Drug supply chains in northern Canada",  # a heading: no closing punctuation
        "The supply of fentanyl remains toxic.",  # a finite verb is there already
    ],
)
def test_sentences_with_a_verb_or_without_an_end_are_not_read_again(text):
    doc = _parse(text, [])
    supply = next(t for t in doc if t.lower_ == "supply")
    assert supply.pos_ == "NOUN"


def test_markdown_emphasis_is_punctuation_of_its_word():
    plain = _parse("Cocaine is shipped from Ecuador to Antwerp.", [])
    marked = _parse("Cocaine is shipped from **Ecuador** to *Antwerp*.", [])
    words = [t for t in marked if not set(t.text) <= {"*"}]
    assert [(t.text, t.dep_, t.head.text) for t in words] == [(t.text, t.dep_, t.head.text) for t in plain]
    assert all(t.dep_ == "punct" and t.pos_ == "PUNCT" for t in marked if set(t.text) <= {"*"})
