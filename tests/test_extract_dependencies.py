"""Relations read from the dependency parse (extractors/dependencies.py, frames.ttl).

Rows are (subject label, predicate local name, object label, polarity, modality)
produced by the "dependencies" extractor itself, so each construction the
parse reads is tested on its own: voice, relative clauses, participles,
apposition, control, coordination, negation, modality, attribution, and the
rtg:relatedTo fallback with its linking words.
"""

from __future__ import annotations

import pytest

from helpers import local, run

P, N = "Positive", "Negative"
A, E, POSS = "Asserted", "Expected", "Possible"


def _rows(view):
    return {
        (view.label(a.subject), local(a.predicate), view.label(a.object), a.polarity, a.modality)
        for a in view.extraction.assertions if a.extractor == "dependencies"
    }


CASES = [
    pytest.param("Mexican cartels smuggle fentanyl.", {("drug cartels", "traffics", "fentanyl", P, A)}, id="active"),
    pytest.param("Fentanyl is trafficked by Mexican cartels.", {("drug cartels", "traffics", "fentanyl", P, A)}, id="passive-agent"),
    pytest.param("Ephedrine is sourced from India.", {("ephedrine", "sourcedFrom", "India", P, A)}, id="passive-prep"),
    pytest.param(
        "Mexican cartels smuggle fentanyl, methamphetamine and cocaine.",
        {("drug cartels", "traffics", "fentanyl", P, A), ("drug cartels", "traffics", "methamphetamine", P, A),
         ("drug cartels", "traffics", "cocaine", P, A)},
        id="coordinated-objects",
    ),
    pytest.param("Naloxone does not reverse benzodiazepines.", {("naloxone", "counters", "benzodiazepines", N, A)}, id="negated"),
    pytest.param(
        "Xylazine is not an opioid and is not reversed by naloxone.",
        {("naloxone", "counters", "xylazine", N, A)}, id="passive-conjunct-of-copula",
    ),
    pytest.param(
        "Precursor chemicals used in these labs, including 4-piperidone, are imported from China and India.",
        {("precursor chemicals", "sourcedFrom", "China", P, A), ("precursor chemicals", "sourcedFrom", "India", P, A)},
        id="shared-subject-of-passive-conjunct",
    ),
    pytest.param(
        "Mexican cartels use professional money launderers.",
        {("drug cartels", "partnersWith", "money launderers", P, A)}, id="group-uses-group",
    ),
    pytest.param(
        "The Sinaloa Cartel, operating from Culiacán, supplies fentanyl.",
        {("Sinaloa Cartel", "operatesIn", "Culiacán", P, A)}, id="operating-from",
    ),
    pytest.param(
        "Band council resolutions allow banishment.",
        {("band council resolutions", "supports", "banishment", P, A)}, id="lever-allows-lever",
    ),
    pytest.param(
        "The investigation, called Project Tidal, was carried out in partnership with the Ontario Provincial Police.",
        {("Project Tidal", "implementedBy", "Ontario Provincial Police", P, A)}, id="lever-in-partnership-with",
    ),
    pytest.param(
        "In 2024 Canada placed nitazenes and xylazine under national control.",
        {("national control", "targets", "nitazenes", P, A), ("national control", "targets", "xylazine", P, A)},
        id="placed-under-a-lever",
    ),
    pytest.param(
        "The European Commission placed nitazenes under EU-wide control.",
        {("EU-wide control", "implementedBy", "European Commission", P, A)}, id="who-places-under-a-lever",
    ),
    pytest.param(
        "The RCMP and the CBSA created a joint team to target precursors.",
        {("Royal Canadian Mounted Police", "partnersWith", "Canada Border Services Agency", P, A)}, id="joint-action",
    ),
    pytest.param("Xylazine does not respond to naloxone.", {("naloxone", "counters", "xylazine", N, A)}, id="respond-to"),
    pytest.param("Mexican cartels may smuggle carfentanil.", {("drug cartels", "traffics", "carfentanil", P, POSS)}, id="modal"),
    pytest.param("Mexican cartels will smuggle carfentanil.", {("drug cartels", "traffics", "carfentanil", P, E)}, id="future"),
    pytest.param(
        "Ephedrine is a precursor of methamphetamine.",
        {("ephedrine", "precursorOf", "methamphetamine", P, A)}, id="copular-noun",
    ),
    pytest.param(
        "The numbers do not support the claim that Canada is a major source of fentanyl.",
        {("Canada", "supplies", "fentanyl", N, A)}, id="denied-content-clause",
    ),
    pytest.param(
        "Officials rejected the claim that Canada is a major source of fentanyl.",
        {("Canada", "supplies", "fentanyl", N, A)}, id="denial-verb",
    ),
    pytest.param(
        "Counterfeit pills are often mixed with fentanyl.",
        {("counterfeit pills", "mixedWith", "fentanyl", P, A)}, id="mixed-with",
    ),
    # modifier frames: the mention a noun heads, and a phrase modifying it
    pytest.param("Mexican cartels in Sinaloa were named.", {("drug cartels", "operatesIn", "Sinaloa", P, A)}, id="actor-in-place"),
    pytest.param(
        "Police said Colombian suppliers from Cali shipped cocaine.",
        {("Colombian suppliers", "operatesIn", "Cali", P, A)}, id="actor-from-place",
    ),
    pytest.param(
        "Precursor chemicals from China were seized.",
        {("precursor chemicals", "sourcedFrom", "China", P, A)}, id="substance-origin",
    ),
    pytest.param(
        "Decriminalization in British Columbia began in 2023.",
        {("decriminalization", "appliesIn", "British Columbia", P, A)}, id="lever-in-place",
    ),
    # the conjuncts of an "of" complement: "with the assistance of A and B"
    pytest.param(
        "Project Ironwood was conducted with the assistance of the Thunder Bay Police Service and the Toronto Police Service.",
        {("Project Ironwood", "implementedBy", "Thunder Bay Police Service", P, A),
         ("Project Ironwood", "implementedBy", "Toronto Police Service", P, A)}, id="assistance-of-conjuncts",
    ),
    pytest.param(
        "The Roundtable was hosted by Public Safety Canada in partnership with Halifax Regional Police.",
        {("Roundtable", "organizedBy", "Halifax Regional Police", P, A)}, id="meeting-in-partnership",
    ),
    # what a recommendation or "should" proposes is possible, the recommending itself asserted
    pytest.param(
        "UNODC recommends that governments expand treatment in Laos.",
        {("treatment", "advocatedBy", "United Nations Office on Drugs and Crime", P, A),
         ("treatment", "appliesIn", "Laos", P, POSS)}, id="recommended-content",
    ),
    pytest.param(
        "The CBSA works with the Australian Border Force through the Border Five partnership.",
        {("Border Five partnership", "implementedBy", "Canada Border Services Agency", P, A),
         ("Border Five partnership", "implementedBy", "Australian Border Force", P, A)}, id="lever-through",
    ),
    pytest.param(
        "Health Canada should schedule xylazine under the Controlled Drugs and Substances Act.",
        {("Controlled Drugs and Substances Act", "targets", "xylazine", P, POSS)}, id="should",
    ),
    pytest.param(
        "Medetomidine was detected in 31 percent of fentanyl samples checked in Montréal.",
        {("medetomidine", "mixedWith", "fentanyl", P, A)}, id="sample-of-substance",
    ),
    pytest.param(
        "Intelligence suggests that the Hells Angels smuggle cocaine into Canada.",
        {("Hells Angels", "traffics", "cocaine", P, POSS)}, id="hedged",
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_dependency_relations(tmp_path, text, expected):
    rows = _rows(run(tmp_path, text))
    assert expected <= rows, rows


def test_list_items_are_not_related_to_each_other(tmp_path):
    view = run(tmp_path, "Police seized fentanyl, methamphetamine and cocaine.")
    substances = {"fentanyl", "methamphetamine", "cocaine"}
    assert not {r for r in _rows(view) if r[0] in substances and r[2] in substances}


def test_unframed_link_is_related_to_with_linking_words(tmp_path):
    view = run(tmp_path, "The RCMP dismantled a clandestine laboratory in Ontario.")
    linked = [a for a in view.extraction.assertions if a.extractor == "dependencies" and local(a.predicate) == "relatedTo"]
    assert linked and all(a.linking_words for a in linked)
    assert any(view.label(a.subject) == "Royal Canadian Mounted Police" and "dismantled" in a.linking_words for a in linked)


def test_reporting_verb_subject_is_the_attribution(tmp_path):
    view = run(tmp_path, "The RCMP reported that Mexican cartels smuggle fentanyl.")
    (assertion,) = [a for a in view.extraction.assertions
                    if a.extractor == "dependencies" and local(a.predicate) == "traffics"]
    assert view.label(assertion.attributed_to) == "Royal Canadian Mounted Police"


def test_non_linking_verbs_state_no_relation(tmp_path):
    view = run(tmp_path, "The RCMP said fentanyl deaths rose in Ontario.")
    assert not any(local(a.predicate) == "relatedTo" and view.label(a.subject) == "Royal Canadian Mounted Police"
                   for a in view.extraction.assertions if a.extractor == "dependencies")


@pytest.mark.parametrize("verb", ["amend", "repeal", "review"])
def test_what_a_recommendation_would_change_is_not_advocated(tmp_path, verb):
    view = run(tmp_path, f"The Committee recommends that Health Canada {verb} the Controlled Drugs and Substances Act.")
    assert not any(local(a.predicate) == "advocatedBy" for a in view.extraction.assertions)


def test_what_a_recommendation_would_adopt_is_advocated(tmp_path):
    view = run(tmp_path, "The RCMP recommends that Health Canada adopt the Controlled Drugs and Substances Act.")
    assert any(local(a.predicate) == "advocatedBy" and view.label(a.object) == "Royal Canadian Mounted Police"
               for a in view.extraction.assertions)


def test_a_conjunct_with_its_own_subject_keeps_its_own_polarity(tmp_path):
    view = run(tmp_path, "The chemicals do not come from here, and the RCMP will keep working with the CBSA.")
    (fact,) = [a for a in view.extraction.assertions if local(a.predicate) == "partnersWith"]
    assert (fact.polarity, fact.modality) == ("Positive", "Expected")


def test_a_relative_clause_on_a_description_speaks_of_the_name(tmp_path):
    view = run(tmp_path, "Xylazine, a sedative whose effects naloxone does not reverse, was found in Halifax.")
    countered = {view.label(a.object) for a in view.extraction.assertions if local(a.predicate) == "counters"}
    assert countered == {"xylazine"}


def test_an_untyped_link_names_the_verbs_own_argument(tmp_path):
    view = run(tmp_path, "The Hells Angels buy cocaine from suppliers in Colombia.")
    linked = {view.label(a.object) for a in view.extraction.assertions if local(a.predicate) == "relatedTo"}
    assert "Colombia" not in linked
    assert ("cocaine", "sourcedFrom", "Colombia") in {(view.label(a.subject), local(a.predicate), view.label(a.object))
                                                       for a in view.extraction.assertions}
