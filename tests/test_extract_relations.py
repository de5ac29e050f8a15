"""Typed relations: one table row per behaviour of the relation extractors
(trigger orders, negation, modality, attribution, anaphora, coordination,
clause boundaries, structural rules, lexicon background facts, dates).

Rows are (subject label, predicate local name, object label, polarity, modality).
"""

from __future__ import annotations

import pytest

from helpers import run, write

from rtgraph.model import Assertion
from rtgraph.pipeline import extract

P, N = "Positive", "Negative"
A, E, POSS = "Asserted", "Expected", "Possible"


# ---------------------------------------------------------------------------
# (text, rows that must be extracted, triples that must NOT be, in any polarity/modality)

RELATIONS = [
    # -- STO: subject before the trigger, object after
    pytest.param(
        "Mexican cartels traffic fentanyl into the United States.",
        {("drug cartels", "traffics", "fentanyl", P, A)}, set(), id="STO-traffics",
    ),
    pytest.param(
        "Mexican cartels produce fentanyl in clandestine labs.",
        {("drug cartels", "produces", "fentanyl", P, A)}, set(), id="STO-produces",
    ),
    pytest.param(
        "Hells Angels distribute cocaine and methamphetamine in Quebec.",
        {("Hells Angels", "traffics", "cocaine", P, A), ("Hells Angels", "traffics", "methamphetamine", P, A)},
        set(), id="STO-coordinated-objects",
    ),
    pytest.param(
        "Organized crime groups import fentanyl precursors from China.",
        {("organized crime groups", "traffics", "fentanyl precursors", P, A)},
        {("organized crime groups", "traffics", "fentanyl")}, id="STO-compound-object",
    ),
    pytest.param(
        "Ephedrine is used to produce methamphetamine.",
        {("ephedrine", "precursorOf", "methamphetamine", P, A)}, set(), id="STO-precursorOf",
    ),
    pytest.param(
        "Counterfeit oxycodone pills laced with fentanyl were seized in Calgary.",
        {("counterfeit pills", "mixedWith", "fentanyl", P, A)}, set(), id="STO-mixedWith",
    ),
    pytest.param(
        "The CBSA worked with the RCMP and the OPP to dismantle the network.",
        {
            ("Canada Border Services Agency", "partnersWith", "Royal Canadian Mounted Police", P, A),
            ("Canada Border Services Agency", "partnersWith", "Ontario Provincial Police", P, A),
        },
        set(), id="STO-partnersWith",
    ),
    pytest.param(
        "Drug traffickers increasingly use encrypted messaging apps to arrange sales.",
        {("drug traffickers", "uses", "encrypted communications", P, A)}, set(), id="STO-uses",
    ),
    pytest.param(
        "Hells Angels are moving away from cocaine.",
        {("Hells Angels", "movesAwayFrom", "cocaine", P, A)}, set(), id="STO-movesAwayFrom",
    ),
    pytest.param(
        "The Second National Summit on Opioids was hosted by Health Canada.",
        {("Second National Summit on Opioids", "organizedBy", "Health Canada", P, A)}, set(), id="STO-passive-organizedBy",
    ),
    pytest.param(
        "The Second National Summit on Opioids focused on safer supply.",
        {("Second National Summit on Opioids", "about", "safer supply", P, A)}, set(), id="STO-about",
    ),
    # -- OTS: the grammatical subject is the relation's object
    pytest.param(
        "Public health officials called for safer supply.",
        {("safer supply", "advocatedBy", "officials", P, A)}, set(), id="OTS-advocatedBy-stakeholder",
    ),
    pytest.param(
        "The Canadian Association of Chiefs of Police called for the decriminalization of simple possession.",
        {("decriminalization", "advocatedBy", "Canadian Association of Chiefs of Police", P, A)}, set(),
        id="OTS-advocatedBy-agency",
    ),
    pytest.param(
        "Health Canada funds drug checking in Ottawa.",
        {("drug checking", "implementedBy", "Health Canada", P, A)}, set(), id="OTS-implementedBy",
    ),
    pytest.param(
        "Health Canada hosted the Second National Summit on Opioids.",
        {("Second National Summit on Opioids", "organizedBy", "Health Canada", P, A)}, set(), id="OTS-organizedBy",
    ),
    # -- SOT: both before the trigger, the object adjacent to it
    pytest.param(
        "Pseudoephedrine, a methamphetamine precursor, is diverted from legitimate pharmacies.",
        {("pseudoephedrine", "precursorOf", "methamphetamine", P, A)}, set(), id="SOT-precursorOf",
    ),
    # -- negation
    pytest.param(
        "Naloxone does not reverse xylazine.",
        {("naloxone", "counters", "xylazine", N, A)}, set(), id="negation-not",
    ),
    pytest.param(
        "The RCMP never partnered with the Hells Angels.",
        {("Royal Canadian Mounted Police", "partnersWith", "Hells Angels", N, A)}, set(), id="negation-never",
    ),
    pytest.param(
        "Ephedrine is not used to produce fentanyl.",
        {("ephedrine", "precursorOf", "fentanyl", N, A)}, set(), id="negation-passive",
    ),
    pytest.param(
        "The Vancouver Police Department does not support safer supply.",
        {("safer supply", "advocatedBy", "Vancouver Police Department", N, A)}, set(), id="negation-OTS",
    ),
    pytest.param(
        "Police chiefs have not called for decriminalization.",
        {("decriminalization", "advocatedBy", "law enforcement", N, A)}, set(), id="negation-have-not",
    ),
    # -- modality
    pytest.param(
        "Cartels are expected to expand into Europe.",
        {("drug cartels", "operatesIn", "Europe", P, E)}, set(), id="modality-expected",
    ),
    pytest.param(
        "Mexican cartels will likely traffic nitazenes into Canada.",
        {("drug cartels", "traffics", "nitazenes", P, E)}, set(), id="modality-will",
    ),
    pytest.param(
        "Criminal networks may expand into Atlantic Canada.",
        {("organized crime groups", "operatesIn", "Atlantic Canada", P, POSS)}, set(), id="modality-may",
    ),
    pytest.param(
        "Mexican cartels are reportedly smuggling methamphetamine into Australia.",
        {("drug cartels", "traffics", "methamphetamine", P, POSS)}, set(), id="modality-reportedly",
    ),
    # -- coordination on the subject side
    pytest.param(
        "Fentanyl and carfentanil sourced from China reach Canadian ports.",
        {("fentanyl", "sourcedFrom", "China", P, A), ("carfentanil", "sourcedFrom", "China", P, A)},
        set(), id="coordinated-subjects",
    ),
    pytest.param(
        "The Ontario Provincial Police, working with the CBSA, dismantled a fentanyl lab in Hamilton.",
        {("Ontario Provincial Police", "partnersWith", "Canada Border Services Agency", P, A)}, set(),
        id="apposition-partnersWith",
    ),
    # -- clause boundaries
    pytest.param(
        "Public health officials called for decriminalization rather than involuntary care.",
        {("decriminalization", "advocatedBy", "officials", P, A)},
        {("involuntary care", "advocatedBy", "officials")}, id="rather-than",
    ),
    pytest.param(
        "Fentanyl is smuggled from China rather than produced in Canada.",
        {("fentanyl", "sourcedFrom", "China", P, A)},
        {("fentanyl", "sourcedFrom", "Canada")}, id="rather-than-passive",
    ),
    pytest.param(
        "Public health officials called for decriminalization and involuntary care.",
        {("decriminalization", "advocatedBy", "officials", P, A), ("involuntary care", "advocatedBy", "officials", P, A)},
        set(), id="and-is-not-a-boundary",
    ),
    # -- structural rules: possessives, region modifiers, names in names, lever targets
    pytest.param(
        "The RCMP's National Drug Strategy targets organized crime groups.",
        {
            ("National Drug Strategy", "implementedBy", "Royal Canadian Mounted Police", P, A),
            ("National Drug Strategy", "targets", "organized crime groups", P, A),
        },
        set(), id="possessive-named-lever",
    ),
    pytest.param(
        "British Columbia's decriminalization pilot began in January 2023.",
        {("decriminalization", "appliesIn", "British Columbia", P, A)}, set(), id="possessive-region",
    ),
    pytest.param(
        "Ontario police seized cocaine.",
        {("law enforcement", "operatesIn", "Ontario", P, A)}, set(), id="region-modifier",
    ),
    pytest.param(
        "BC officials called for safer supply.",
        {("officials", "operatesIn", "British Columbia", P, A), ("safer supply", "advocatedBy", "officials", P, A)},
        set(), id="region-modifier-stakeholder",
    ),
    pytest.param(
        "The Alberta Ministry of Mental Health and Addiction announced new funding.",
        {("Alberta Ministry of Mental Health and Addiction", "operatesIn", "Alberta", P, A)}, set(),
        id="region-in-name",
    ),
    pytest.param(
        "Health Canada announced class-wide scheduling of nitazenes.",
        {("class-wide scheduling", "targets", "nitazenes", P, A)}, set(), id="lever-targets",
    ),
    pytest.param(
        "The government expanded border interdiction of fentanyl and methamphetamine.",
        {("border interdiction", "targets", "fentanyl", P, A), ("border interdiction", "targets", "methamphetamine", P, A)},
        set(), id="lever-targets-coordinated",
    ),
]


@pytest.mark.parametrize(("text", "expected", "absent"), RELATIONS)
def test_relations(tmp_path, text, expected, absent):
    view = run(tmp_path, text)
    assert expected <= view.relations, sorted(view.relations)
    assert not (absent & view.triples), sorted(view.relations)
    # one polarity per fact and sentence: a negated fact has no positive twin
    for s, p, o, polarity, _ in expected:
        assert {r[3] for r in view.relations if r[:3] == (s, p, o)} == {polarity}


def test_negated_relation_has_no_positive_twin(tmp_path):
    view = run(tmp_path, "Naloxone does not reverse xylazine.")
    rows = [r for r in view.relations if r[:3] == ("naloxone", "counters", "xylazine")]
    assert rows == [("naloxone", "counters", "xylazine", N, A)]


@pytest.mark.parametrize(
    "text",
    [
        "Fentanyl remains the most common drug in the supply.",  # no trigger
        "The illegal supply of fentanyl in Ontario is highly toxic.",  # nominal "supply" has no agent
        "Naloxone kits were handed out at the event.",
    ],
)
def test_no_trigger_no_relation(tmp_path, text):
    view = run(tmp_path, text)
    assert {r for r in view.relations if r[1] not in {"partOf", "operatesIn"}} == set()


# ---------------------------------------------------------------------------
# attribution: who the sentence says states the fact

ATTRIBUTION = [
    ("The RCMP reported that organized crime groups traffic carfentanil.",
     ("organized crime groups", "traffics", "carfentanil"), "Royal Canadian Mounted Police"),
    ("According to the CBSA, cocaine is smuggled from Colombia through Montreal.",
     ("cocaine", "sourcedFrom", "Colombia"), "Canada Border Services Agency"),
    ("Toronto Police Service said that fentanyl is often mixed with benzodiazepines.",
     ("fentanyl", "mixedWith", "benzodiazepines"), "Toronto Police Service"),
    ("Europol said that Albanian gangs are expanding into Ireland.", ("gangs", "operatesIn", "Ireland"), "Europol"),
    ("Europol warned that nitazenes may be mixed with heroin.", ("nitazenes", "mixedWith", "heroin"), "Europol"),
    ("According to Europol, criminal networks could expand into Ireland.",
     ("organized crime groups", "operatesIn", "Ireland"), "Europol"),
    ("Mexican cartels traffic fentanyl into the United States.", ("drug cartels", "traffics", "fentanyl"), None),
]


@pytest.mark.parametrize(("text", "triple", "source"), ATTRIBUTION, ids=[t[:35] for t, _, _ in ATTRIBUTION])
def test_attribution(tmp_path, text, triple, source):
    view = run(tmp_path, text)
    found = view.assertions(*triple)
    assert found, sorted(view.relations)
    assert {view.label(a.attributed_to) if a.attributed_to else None for a in found} == {source}


def test_source_of_a_statement_is_not_its_subject(tmp_path):
    view = run(tmp_path, "According to Europol, criminal networks could expand into Ireland.")
    assert ("organized crime groups", "operatesIn", "Ireland", P, POSS) in view.relations
    assert ("Europol", "operatesIn", "Ireland") not in view.triples


# ---------------------------------------------------------------------------
# anaphora: "it", "they", "the group" stand for the latest compatible mention

ANAPHORA = [
    ("Health Canada launched a pilot. It funds safer supply in three provinces.",
     "Health Canada funds safer supply in three provinces.",
     ("safer supply", "implementedBy", "Health Canada")),
    ("Health Canada endorsed drug checking. They also called for safer supply.",
     "Health Canada also called for safer supply.",
     ("safer supply", "advocatedBy", "Health Canada")),
    ("The Vancouver Police Department supported decriminalization. It also endorsed drug checking.",
     "The Vancouver Police Department also endorsed drug checking.",
     ("drug checking", "advocatedBy", "Vancouver Police Department")),
    ("The Sinaloa Cartel traffics cocaine. The group also smuggles fentanyl through Arizona.",
     "The Sinaloa Cartel also smuggles fentanyl through Arizona.",
     ("Sinaloa Cartel", "traffics", "fentanyl")),
]


@pytest.mark.parametrize(("text", "direct", "triple"), ANAPHORA, ids=[t[:30] for t, _, _ in ANAPHORA])
def test_anaphora_resolves_to_previous_actor(tmp_path, text, direct, triple):
    view = run(tmp_path / "anaphor", text)
    found = view.assertions(*triple)
    assert found, sorted(view.relations)
    (assertion,) = found
    assert assertion.evidence[1] == 1  # stated in the second sentence
    (named,) = run(tmp_path / "direct", direct).assertions(*triple)
    assert assertion.confidence < named.confidence  # a resolved anaphor is less certain than a name


def test_anaphora_does_not_cross_a_section_heading(tmp_path):
    view = run(
        tmp_path,
        "Health Canada endorsed drug checking.\n\nNext Steps\n\nThey also called for safer supply.\n",
    )
    assert ("drug checking", "advocatedBy", "Health Canada") in view.triples
    assert not [t for t in view.triples if t[0] == "safer supply"]


# ---------------------------------------------------------------------------
# background knowledge from the lexicon: containment and jurisdiction


def test_part_of_nearest_mentioned_ancestor(tmp_path):
    view = run(
        tmp_path,
        "Police in Toronto seized heroin. Ontario has the highest number of deaths. "
        "Canada recorded its deadliest year.",
    )
    assert {("Toronto", "partOf", "Ontario"), ("Ontario", "partOf", "Canada")} <= view.triples
    assert ("Toronto", "partOf", "Canada") not in view.triples  # Ontario is nearer
    (toronto,) = view.assertions("Toronto", "partOf", "Ontario")
    # no sentence says Toronto is in Ontario: background knowledge, citing none
    assert toronto.background and toronto.evidence is None
    assert toronto.derived_from == "https://w3id.org/rtgraph/lexicon#regions"
    assert toronto.confidence is None and toronto.extractor == "lexicon"


def test_part_of_skips_unmentioned_levels(tmp_path):
    view = run(tmp_path, "Police in Toronto seized heroin. Canada recorded its deadliest year.")
    assert ("Toronto", "partOf", "Canada") in view.triples


def test_no_part_of_without_the_container(tmp_path):
    view = run(tmp_path, "Police in Toronto seized heroin.")
    assert not [t for t in view.triples if t[1] == "partOf"]


def test_agency_operates_in_its_jurisdiction_when_named(tmp_path):
    view = run(tmp_path, "The RCMP seized fentanyl. Canada recorded its deadliest year.")
    (fact,) = view.assertions("Royal Canadian Mounted Police", "operatesIn", "Canada")
    assert fact.background and fact.evidence is None
    assert fact.derived_from == "https://w3id.org/rtgraph/lexicon#actors"  # rtl:jurisdiction on the agency
    alone = run(tmp_path / "alone", "The RCMP seized fentanyl.")
    assert not alone.assertions("Royal Canadian Mounted Police", "operatesIn")


def test_background_fact_is_one_assertion_for_several_documents(tmp_path):
    write(tmp_path, "Police in Vancouver seized fentanyl in British Columbia.", "a.txt")
    write(tmp_path, "British Columbia and Vancouver reported deaths.", "b.txt")
    extraction = extract([tmp_path])
    facts = [a for a in extraction.assertions if a.predicate.endswith("#partOf")]
    assert len(facts) == 1 and facts[0].background


def test_no_related_to_beside_a_typed_relation_of_the_same_sentence(tmp_path):
    write(tmp_path, "Public Safety Canada hosted the Fourth Law Enforcement Roundtable on Drugs. "
                    "The BC First Nations Justice Strategy views decriminalization as a step to diversion.")
    extraction = extract([tmp_path])
    typed = {(frozenset((a.subject, a.object)), a.evidence) for a in extraction.assertions
             if not a.predicate.endswith("#relatedTo") and a.evidence}
    related = [a for a in extraction.assertions if a.predicate.endswith("#relatedTo")]
    assert typed and not [a for a in related if (frozenset((a.subject, a.object)), a.evidence) in typed]


def test_text_and_background_assertions_need_the_right_provenance():
    with pytest.raises(ValueError, match="either sentence evidence or derived_from"):
        Assertion("s", "p", "o", evidence=None, extractor="lexicon", confidence=None)
    with pytest.raises(ValueError, match="either sentence evidence or derived_from"):
        Assertion("s", "p", "o", evidence=("doc", 0), extractor="lexicon", derived_from="x")
    with pytest.raises(ValueError, match="no confidence"):
        Assertion("s", "p", "o", evidence=None, extractor="lexicon", derived_from="x", confidence=0.9)
    assert not Assertion("s", "p", "o", evidence=("doc", 0), extractor="relations").background


# ---------------------------------------------------------------------------
# dates of meetings and decisions

DATES = [
    ("The Second National Summit on Opioids was held on June 3 and 4, 2023.",
     {"2023-06-03", "2023-06-04"}),
    ("Delegates gathered for the Second National Summit on Opioids. The Summit was held on June 3 and 4, 2023.",
     {"2023-06-03", "2023-06-04"}),
    ("The Second National Summit on Opioids took place on November 27, 2023.", {"2023-11-27"}),
]


@pytest.mark.parametrize(("text", "dates"), DATES, ids=["direct", "head-word-alias", "single"])
def test_meeting_dates(tmp_path, text, dates):
    view = run(tmp_path, text)
    rows = {r for r in view.relations if r[1] == "date"}
    assert rows == {("Second National Summit on Opioids", "date", d, P, A) for d in dates}
    assert all(str(a.object.datatype).endswith("#date") for a in view.assertions("Second National Summit on Opioids", "date"))


@pytest.mark.parametrize(
    "text",
    [
        "The CBSA intercepted the shipment on March 3, 2022.",  # no meeting
        "The Ontario Summit and the Alberta Forum were held on May 2, 2023.",  # which one?
        "The Second National Summit on Opioids was held in June 2023.",  # no full date
    ],
)
def test_no_date_without_one_meeting_and_a_full_date(tmp_path, text):
    assert not [r for r in run(tmp_path, text).relations if r[1] == "date"]


def test_the_source_named_by_according_to_is_no_argument(tmp_path):
    view = run(tmp_path, "According to the AFP, domestic laboratories remain a source of methamphetamine.")
    assert not any(r[0] == "Australian Federal Police" for r in view.relations), view.relations


@pytest.mark.parametrize(
    ("text", "triple"),
    [
        # the examples a noun introduces share what is said of it
        ("Amazon banned devices such as pill presses and encapsulators.", ("Amazon", "relatedTo", "pill presses")),
        ("Naloxone distribution expanded in countries such as Ireland and Belgium.",
         ("naloxone distribution", "appliesIn", "Belgium")),
        # a scope phrase spans its list
        ("Fraser Health issued a drug alert for Surrey, Langley and Abbotsford.", ("drug alerts", "appliesIn", "Abbotsford")),
        # a lever with its possessor, a pronoun taking up the clause's subject
        ("The Saskatchewan Health Authority presented its rural naloxone program.",
         ("rural naloxone program", "implementedBy", "Saskatchewan Health Authority")),
        # whose consultation: the noun a phrase "in consultation with" hangs on
        ("The OPP, in consultation with the Northwestern Health Unit, issued an alert.",
         ("Ontario Provincial Police", "partnersWith", "Northwestern Health Unit")),
        # what a recommended clause acts on is advocated
        ("The International Narcotics Control Board recommends that Governments adopt rapid national controls.",
         ("rapid national controls", "advocatedBy", "International Narcotics Control Board")),
        # a passive complement's controller is its patient
        ("Counterfeit Adderall tablets are believed to be pressed in the United States rather than in Mexico.",
         ("United States", "produces", "Adderall tablets")),
        # joining a lever with others: each implements it
        ("Fraser Health joined the Overdose Prevention Strategy with the Surrey Police Service.",
         ("Overdose Prevention Strategy", "implementedBy", "Surrey Police Service")),
    ],
)
def test_relations_read_through_the_parse(tmp_path, text, triple):
    view = run(tmp_path, text)
    assert triple in view.triples, view.relations


def test_a_contrasted_oblique_is_not_an_argument(tmp_path):
    view = run(tmp_path, "Counterfeit Adderall tablets are believed to be pressed in the United States rather than in Mexico.")
    assert not any(r[0] == "Mexico" and r[3] == "Positive" for r in view.relations), view.relations


@pytest.mark.parametrize(
    ("text", "triple"),
    [
        ("The PFD has found no evidence that Mexican cartels are producing nitazenes.",
         ("drug cartels", "produces", "nitazenes")),
        ("The NCA has not identified large-scale nitazene production in the United Kingdom.",
         ("United Kingdom", "produces", "nitazenes")),
    ],
)
def test_negation_above_a_clause_or_a_noun_trigger(tmp_path, text, triple):
    view = run(tmp_path, text)
    polarities = {r[3] for r in view.relations if r[:3] == triple}
    assert polarities == {"Negative"}, view.relations


@pytest.mark.parametrize("text", [
    "Bromazolam, a benzodiazepine that is not approved in Canada, is often mixed with fentanyl.",
    "Carfentanil, which is not approved for human use, was found mixed with heroin.",
])
def test_a_negation_inside_an_aside_is_the_asides(tmp_path, text):
    view = run(tmp_path, text)
    mixed = [a for a in view.extraction.assertions if a.predicate.endswith("mixedWith")]
    assert mixed and all(a.polarity == "Positive" for a in mixed)


@pytest.mark.parametrize("text", [
    "The Saskatoon Police Service informed the coroner that the supply is largely controlled by groups based in Alberta.",
    "Police said the drugs were supplied by a group that has been expanding into Duncan.",
])
def test_a_subject_naming_no_entity_lends_the_relation_to_no_one_else(tmp_path, text):
    view = run(tmp_path, text)
    assert not any(a.predicate.endswith("operatesIn") and a.extractor == "relations" for a in view.extraction.assertions)


def test_a_described_name_keeps_its_relation(tmp_path):
    view = run(tmp_path, "The Kinahan Organised Crime Group, an Irish network based in Dubai, supplies cocaine.")
    assert any(a.predicate.endswith("operatesIn") and view.label(a.object) == "Dubai" for a in view.extraction.assertions)
