"""Items of a list introduced by "X recommends that:" take its modality and speaker
(extractors/lead_in.py)."""

from __future__ import annotations

import pytest

from helpers import local, run

_ITEMS = {
    "numbered": "The RCMP recommends that:\n\n1. the CBSA expand drug checking;\n2. Health Canada fund naloxone.\n",
    "bulleted": "The RCMP recommends that:\n- the CBSA expand drug checking;\n- Health Canada fund naloxone.\n",
    "lettered": "The RCMP recommends that:\n\na) the CBSA expand drug checking;\nb) Health Canada fund naloxone.\n",
}


def _facts(view, predicate):
    return {(view.label(a.subject), view.label(a.object)): a for a in view.extraction.assertions
            if a.extractor == "dependencies" and local(a.predicate) == predicate}


@pytest.mark.parametrize("style", sorted(_ITEMS))
def test_list_items_are_what_the_lead_in_proposes(tmp_path, style):
    view = run(tmp_path, _ITEMS[style])
    facts = _facts(view, "implementedBy")
    fact = facts[("drug checking", "Canada Border Services Agency")]
    assert fact.modality == "Possible"
    assert view.label(fact.attributed_to) == "Royal Canadian Mounted Police"
    # the evidence is the item, which states the lever and who is to implement it
    sentence = view.extraction.sentences[fact.evidence[1]]
    assert sentence.text.rstrip(";").endswith("the CBSA expand drug checking")


@pytest.mark.parametrize(
    "text",
    [
        # a lead-in that proposes nothing: the items are facts
        "The RCMP found that:\n\n1. the CBSA expanded drug checking;\n2. Health Canada funded naloxone.\n",
        # a paragraph after a recommendation, not an item of it
        "The RCMP recommends that:\n\n1. Health Canada fund naloxone.\n\nThe CBSA expanded drug checking.\n",
    ],
)
def test_only_items_of_a_proposing_lead_in_are_proposed(tmp_path, text):
    view = run(tmp_path, text)
    fact = _facts(view, "implementedBy")[("drug checking", "Canada Border Services Agency")]
    assert fact.modality == "Asserted"
    assert fact.attributed_to is None


@pytest.mark.parametrize(
    "text",
    [
        # a mandative subjunctive standing as a recommendation
        "Recommendations\n\n3. That the CBSA expand drug checking in Quebec.\n",
        "That the CBSA expand drug checking in Quebec.\n",
        # an imperative list item
        "What we ask\n\n2. Have the CBSA expand drug checking in Quebec.\n",
    ],
)
def test_a_recommendation_of_its_own_is_proposed(tmp_path, text):
    view = run(tmp_path, text)
    facts = _facts(view, "implementedBy") | _facts(view, "appliesIn")
    assert facts and all(a.modality == "Possible" for a in facts.values()), facts


def test_a_finite_item_is_a_fact(tmp_path):
    view = run(tmp_path, "Findings\n\n3. The CBSA expanded drug checking in Quebec.\n")
    facts = _facts(view, "implementedBy") | _facts(view, "appliesIn")
    assert facts and all(a.modality == "Asserted" for a in facts.values()), facts
