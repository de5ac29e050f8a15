"""Entity mentions -> entities: lexicon matches, acronyms, names found by form,
one node per concept, elliptical coordination, non-entities and stable IRIs.

Every document is written by hand here (helpers.run); sentences are in the
genre of the corpus (Canadian / US / European drug-policy and
law-enforcement reports) but none is taken from it.
"""

from __future__ import annotations

import pytest

from helpers import run, run_many

RESOURCE = "https://w3id.org/rtgraph/resource/"


# ---------------------------------------------------------------------------
# lexicon matches: (text, {class local name: labels that must be entities of it})

LEXICON_MATCHES = [
    (
        "The RCMP and the CBSA seized fentanyl in Ontario.",
        {
            "Agency": {"Royal Canadian Mounted Police", "Canada Border Services Agency"},
            "Opioid": {"fentanyl"},
            "Province": {"Ontario"},
        },
    ),
    (
        "The DEA and Europol warned that nitazenes are spreading in Europe.",
        {
            "Agency": {"Drug Enforcement Administration", "Europol"},
            "Opioid": {"nitazenes"},
            "WorldRegion": {"Europe"},
        },
    ),
    (
        "Hells Angels distribute cocaine and methamphetamine in Quebec.",
        {"CriminalGroup": {"Hells Angels"}, "Stimulant": {"cocaine", "methamphetamine"}, "Province": {"Quebec"}},
    ),
    (
        "Coroners found xylazine in many deaths where naloxone was administered.",
        {"Depressant": {"xylazine"}, "Medication": {"naloxone"}},
    ),
    (
        "Public health officials called for safer supply and drug checking.",
        {"Stakeholder": {"officials"}, "PolicyLever": {"safer supply", "drug checking"}},
    ),
    (
        "Organized crime groups import precursor chemicals from China.",
        {"CriminalGroup": {"organized crime groups"}, "Precursor": {"precursor chemicals"}, "Country": {"China"}},
    ),
    (
        "Police seized cocaine at the Port of Vancouver in Surrey, British Columbia.",
        {
            "Agency": {"law enforcement"}, "Region": {"Port of Vancouver"}, "City": {"Surrey"},
            "Province": {"British Columbia"},
        },
    ),
    (
        "The opioid crisis has strained emergency departments across Canada.",
        {"Crisis": {"opioid crisis"}, "Country": {"Canada"}},
    ),
]


@pytest.mark.parametrize(("text", "expected"), LEXICON_MATCHES, ids=[t[:40] for t, _ in LEXICON_MATCHES])
def test_lexicon_matches(tmp_path, text, expected):
    view = run(tmp_path, text)
    for cls, labels in expected.items():
        assert labels <= view.entities.get(cls, set()), (cls, view.entities)


@pytest.mark.parametrize(
    ("text", "label", "surface"),
    [
        ("The RCMP seized fentanyl.", "Royal Canadian Mounted Police", "RCMP"),
        ("Shipments were flagged by the CBSA.", "Canada Border Services Agency", "CBSA"),
        ("OCGs control the local market.", "organized crime groups", "OCGs"),
        ("Carfentanyl was found in the sample.", "carfentanil", "Carfentanyl"),
    ],
)
def test_surface_form_is_kept_as_mention_text(tmp_path, text, label, surface):
    entity = run(tmp_path, text).entity(label)
    assert surface in {m.text for m in entity.mentions}


def test_acronym_matches_are_case_sensitive(tmp_path):
    # the pronoun "us" is not the United States; "US" is
    view = run(tmp_path, "Officials told us that the US has seen record seizures.")
    country = view.entity("United States")
    assert [m.text for m in country.mentions] == ["US"]


# ---------------------------------------------------------------------------
# acronym definitions: "<name> (ACR)" makes ACR an alias for the document


@pytest.mark.parametrize(
    ("text", "label", "acronym", "cls"),
    [
        (
            "The Canadian Centre on Substance Use and Addiction (CCSA) published new guidance. "
            "CCSA said the toxicity of the supply keeps rising.",
            "Canadian Centre on Substance Use and Addiction", "CCSA", "Organization",
        ),
        (
            "The Northern Drug Task Force (NDTF) was created in 2021. "
            "NDTF officers seized carfentanil in Prince George.",
            "Northern Drug Task Force", "NDTF", "Agency",
        ),
        (
            "The British Columbia Coroners Service (BCCS) confirmed the deaths. "
            "The BCCS also called for safer supply.",
            "BC Coroners Service", "BCCS", "Agency",
        ),
    ],
    ids=["lexicon-name", "discovered-name", "lexicon-name-variant"],
)
def test_acronym_definition_creates_alias(tmp_path, text, label, acronym, cls):
    view = run(tmp_path, text)
    entity = view.entity(label)
    assert view.class_of(label) == cls
    assert acronym in entity.aliases
    # the later use of the acronym resolves to the same node
    assert {m.sentence for m in entity.mentions if m.text == acronym} >= {1}
    assert acronym not in view.labels


# ---------------------------------------------------------------------------
# names the lexicon lacks, recognised by their form

FORM_NAMES = [
    ("The Alberta Ministry of Mental Health and Addiction announced new funding for treatment beds.",
     "Alberta Ministry of Mental Health and Addiction", "Agency"),
    ("Officers from the Northern Drug Task Force arrested two suspects in Prince George.",
     "Northern Drug Task Force", "Agency"),
    ("Delegates gathered for the Second National Summit on Opioids.",
     "Second National Summit on Opioids", "Meeting"),
    ("Delegates met at the Second National Summit on Opioids in Ottawa.",  # the venue is not part of the name
     "Second National Summit on Opioids", "Meeting"),
    ("The Manitoba Harm Reduction Network distributed naloxone kits.",
     "Manitoba Harm Reduction Network", "Organization"),
    ("The Kinahan Cartel smuggles cocaine into Ireland.", "Kinahan Cartel", "CriminalGroup"),
    ("The Supreme Court ruling in R. v. Smith struck down the mandatory minimum.", "R. v. Smith", "CourtDecision"),
    ("Bill S-232 would decriminalize simple possession.", "Bill S-232", "PolicyLever"),
    # drug names by suffix (names the lexicon does not list)
    ("Toxicology reports detected valerylfentanyl in several samples.", "valerylfentanyl", "Opioid"),
    ("Isotodesnitazene was detected in two deaths in Toronto.", "isotodesnitazene", "Opioid"),
    ("Drug checking services in Vancouver found flubromazepam in street benzos.", "flubromazepam", "Depressant"),
    ("Pyrazolam is sold online as a research chemical.", "pyrazolam", "Depressant"),
    ("Police seized dimethylcathinone marketed as bath salts.", "dimethylcathinone", "Stimulant"),
]


@pytest.mark.parametrize(("text", "label", "cls"), FORM_NAMES, ids=[row[0][:30] for row in FORM_NAMES])
def test_names_discovered_by_form(tmp_path, text, label, cls):
    view = run(tmp_path, text)
    assert label in view.entities.get(cls, set()), view.entities
    entity = view.entity(label)
    assert all(m.kind == "form" for m in entity.mentions)
    assert entity.confidence < 1.0  # discoveries are less certain than lexicon names


@pytest.mark.parametrize(
    ("text", "label", "cls"),
    [
        ("Toxicology reports detected bromazolam and acrylfentanyl in several samples.", "bromazolam", "Depressant"),
        ("Toxicology reports detected bromazolam and acrylfentanyl in several samples.", "acrylfentanyl", "Opioid"),
        ("Flualprazolam is sold as counterfeit Xanax.", "flualprazolam", "Depressant"),
    ],
)
def test_novel_substances_are_typed(tmp_path, text, label, cls):
    """Novel drugs are substances of the right class, whether the lexicon lists them or their form gives them away."""
    view = run(tmp_path, text)
    assert view.class_of(label) == cls
    assert view.is_a(label, "Substance")


def test_discovered_meeting_is_aliased_by_its_head_word(tmp_path):
    view = run(
        tmp_path,
        "Delegates gathered for the Second National Summit on Opioids. "
        "The Summit closed with a call for safer supply.",
    )
    summit = view.entity("Second National Summit on Opioids")
    assert {m.sentence for m in summit.mentions} == {0, 1}
    assert "Summit" not in view.labels
    assert "Summit" not in summit.aliases  # a bare head word is not a name


def test_venue_after_a_meeting_name_is_a_region(tmp_path):
    view = run(tmp_path, "Delegates met at the Second National Summit on Opioids in Ottawa.")
    assert view.entities["Meeting"] == {"Second National Summit on Opioids"}
    assert view.class_of("Ottawa") == "City"


def test_region_inside_a_discovered_name_stays_an_entity(tmp_path):
    view = run(tmp_path, "The Alberta Ministry of Mental Health and Addiction announced new funding.")
    assert view.class_of("Alberta") == "Province"


# ---------------------------------------------------------------------------
# one node per concept


@pytest.mark.parametrize(
    ("text", "label", "cls", "surfaces"),
    [
        ("Police seized meth in Winnipeg. The methamphetamine was hidden in a truck.",
         "methamphetamine", "Stimulant", {"meth", "methamphetamine"}),
        ("OCGs control much of the trade. Organized crime groups also launder money through casinos.",
         "organized crime groups", "CriminalGroup", {"OCGs", "Organized crime groups"}),
        ("Officials in BC said British Columbia remains the epicentre of the crisis.",
         "British Columbia", "Province", {"BC", "British Columbia"}),
        ("Fentanyl seizures in the U.S. have risen. The United States declared a public health emergency.",
         "United States", "Country", {"U.S.", "United States"}),
        ("Fentanyl is cheap. Many users now smoke fentanyl.", "fentanyl", "Opioid", {"Fentanyl", "fentanyl"}),
    ],
    ids=["meth", "OCGs", "BC", "U.S.", "case"],
)
def test_one_node_per_concept(tmp_path, text, label, cls, surfaces):
    view = run(tmp_path, text)
    assert view.entities[cls] >= {label}
    entity = view.entity(label)
    assert {m.text for m in entity.mentions} == surfaces
    same_class = [e for e in view.extraction.entities if e.cls == entity.cls and e.label != label]
    assert not [e for e in same_class if {m.text for m in e.mentions} & surfaces]


def test_same_concept_in_two_documents_is_one_node(tmp_path):
    view = run_many(
        tmp_path,
        {
            "a.txt": "The CBSA seized carfentanil at Pearson Airport.",
            "b.txt": "Canada Border Services Agency officers found carfentanyl in a parcel.",
        },
    )
    cbsa = view.entity("Canada Border Services Agency")
    carfentanil = view.entity("carfentanil")
    assert {m.doc_id for m in cbsa.mentions} == {d.doc_id for d in view.extraction.documents}
    assert {m.doc_id for m in carfentanil.mentions} == {d.doc_id for d in view.extraction.documents}


# ---------------------------------------------------------------------------
# elliptical coordination: "surface and dark web" names both platforms

ELLIPSIS = [
    ("Vendors advertise fentanyl on the surface and dark web.", "Platform", {"surface web", "dark web"}),
    ("Dealers now sell crack and powder cocaine in the same neighbourhoods.", "Stimulant", {"crack cocaine", "cocaine"}),
    ("Acetic and propionic anhydride are diverted to clandestine labs.",
     "Precursor", {"acetic anhydride", "propionic anhydride"}),
    ("The chemical and pharmaceutical industry must report suspicious orders.",
     "Organization", {"chemical industry", "pharmaceutical industry"}),
]


@pytest.mark.parametrize(("text", "cls", "labels"), ELLIPSIS, ids=[t[:30] for t, _, _ in ELLIPSIS])
def test_elliptical_coordination(tmp_path, text, cls, labels):
    assert labels <= run(tmp_path, text).entities.get(cls, set())


def test_ellipsis_fragment_is_not_an_alias(tmp_path):
    view = run(tmp_path, "Vendors advertise fentanyl on the surface and dark web.")
    surface = view.entity("surface web")
    assert [m.text for m in surface.mentions] == ["surface"]
    assert "surface" not in surface.aliases


# ---------------------------------------------------------------------------
# non-entities never become nodes

REPORT = (
    "National Drug Threat Assessment 2024\n\n"
    "Executive Summary\n\n"
    "The RCMP and the CBSA reported that fentanyl remains the main driver of overdose deaths.\n\n"
    "Key Findings\n\n"
    "Organized crime groups in Ontario import precursor chemicals from China.\n\n"
    "Appendix A\n\n"
    "Methodology and Data Sources\n\n"
    "Table of Contents\n\n"
    "Date modified: 2024-03-15\n"
)


def test_report_headings_are_not_entities(tmp_path):
    view = run(tmp_path, REPORT)
    prose = {s.index for s in view.extraction.sentences if s.kind == "text"}
    assert len(prose) == 2
    mentioned = {m.sentence for e in view.extraction.entities for m in e.mentions}
    assert mentioned <= prose  # no heading or title line names an entity
    assert {
        "Royal Canadian Mounted Police", "Canada Border Services Agency", "fentanyl",
        "organized crime groups", "Ontario", "precursor chemicals", "China",
    } <= view.labels


NON_ENTITY_SENTENCES = [
    "Full results are provided in Appendix A and Appendix B.",
    "Key Findings from the consultation are summarized below.",
    "Date modified: 2023-11-02",
    "Further detail is given in the Executive Summary and in Annex C.",
    "See Chapter 4 and Figure 2.1 for the Methodology.",
]


@pytest.mark.parametrize("text", NON_ENTITY_SENTENCES)
def test_non_entities_never_become_nodes(tmp_path, text):
    assert run(tmp_path, text).labels == set()


# ---------------------------------------------------------------------------
# stable IRIs

STABLE_TEXT = (
    "The Northern Drug Task Force seized fentanyl and valerylfentanyl in Prince George. "
    "The RCMP said the Alberta Ministry of Mental Health and Addiction funds treatment."
)


def test_same_text_twice_gives_same_iris(tmp_path):
    first = run(tmp_path / "one", STABLE_TEXT)
    second = run(tmp_path / "two", STABLE_TEXT)
    assert [(e.iri, e.label, e.cls) for e in first.extraction.entities] == [
        (e.iri, e.label, e.cls) for e in second.extraction.entities
    ]
    assert first.extraction.assertions == second.extraction.assertions


def test_entity_iri_does_not_depend_on_document_order(tmp_path):
    a = "The Northern Drug Task Force seized valerylfentanyl in Prince George."
    b = "The Alberta Ministry of Mental Health and Addiction funds the Northern Drug Task Force."
    forward = run_many(tmp_path / "ab", {"a.txt": a, "b.txt": b})
    backward = run_many(tmp_path / "ba", {"b.txt": b, "a.txt": a})
    assert {e.label: e.iri for e in forward.extraction.entities} == {
        e.label: e.iri for e in backward.extraction.entities
    }


@pytest.mark.parametrize(
    ("label", "iri"),
    [
        ("fentanyl", RESOURCE + "substance/fentanyl"),
        ("Royal Canadian Mounted Police", RESOURCE + "actor/royal-canadian-mounted-police"),
        ("Prince George", RESOURCE + "region/prince-george"),
        # discovered names get an IRI minted from their label
        ("Northern Drug Task Force", RESOURCE + "actor/northern-drug-task-force"),
        ("Alberta Ministry of Mental Health and Addiction", RESOURCE + "actor/alberta-ministry-of-mental-health-and-addiction"),
        ("valerylfentanyl", RESOURCE + "substance/valerylfentanyl"),
    ],
)
def test_entity_iris(tmp_path, label, iri):
    assert run(tmp_path, STABLE_TEXT).entity(label).iri == iri


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Meta and Snap Inc. removed the accounts.", {"Meta", "Snap Inc."}),
        ("Peel Regional Police and Halton Regional Police joined the unit.",
         {"Peel Regional Police", "Halton Regional Police"}),
        ("The Alcohol and Drug Foundation and the Department of Health and Aged Care met.",
         {"Alcohol and Drug Foundation", "Department of Health and Aged Care"}),
        # after a name's "of" tail, a short name-like part goes on the tail
        ("The clinic is run by the Department of Health and Social Services.",
         {"Department of Health and Social Services"}),
        # a part read head first, or of three words, is a name of its own
        ("The Ministry of Justice and Ministry of Health met.", {"Ministry of Justice", "Ministry of Health"}),
        ("The Department of Justice and Peel Regional Police met.", {"Department of Justice", "Peel Regional Police"}),
    ],
)
def test_names_joined_by_and_are_split_only_into_names(tmp_path, text, names):
    view = run(tmp_path, text)
    assert names <= view.labels, view.entities
    assert not any(" and " in label and label not in names for label in view.labels), view.entities


@pytest.mark.parametrize(
    ("text", "unit", "place"),
    [
        ("The Manitoba RCMP seized fentanyl in Thompson.", "Manitoba RCMP", "Manitoba"),
        ("The Nova Scotia RCMP and Halifax Regional Police share container data.", "Nova Scotia RCMP", "Nova Scotia"),
    ],
)
def test_a_national_agencys_unit_in_a_place_is_an_agency_there(tmp_path, text, unit, place):
    view = run(tmp_path, text)
    assert view.is_a(unit, "Agency"), view.entities
    assert (unit, "operatesIn", place) in view.triples, view.triples


def test_the_words_of_a_code_name_are_no_place(tmp_path):
    view = run(tmp_path, "Project Ironwood and Operation Mekong Dawn disrupted two networks.")
    assert view.is_a("Project Ironwood", "PolicyLever") and view.is_a("Operation Mekong Dawn", "PolicyLever")
    assert not {"Ironwood", "Mekong"} & set(view.labels), view.entities


def test_a_national_agency_named_with_its_own_country_is_itself(tmp_path):
    view = run(tmp_path, "The U.S. DEA seized fentanyl in Detroit.")
    assert "U.S. DEA" not in view.labels
    assert view.is_a("Drug Enforcement Administration", "Agency"), view.entities


def test_a_schedule_named_by_its_number_is_a_lever(tmp_path):
    view = run(tmp_path, "Participants recommended that Canada add more precursors to Schedule VI.")
    assert view.is_a("Schedule VI", "PolicyLever"), view.entities


@pytest.mark.parametrize(
    ("text", "label", "cls"),
    [
        # names read head first: projects, operations, French agency names
        ("The investigation, called Project Harbour Light, ended in May.", "Project Harbour Light", "PolicyLever"),
        ("Operation Northern Shield disrupted a supply route.", "Operation Northern Shield", "PolicyLever"),
        ("Police launched Project Harbour in May.", "Project Harbour", "PolicyLever"),
        ("The Ministère de la Justice funded the program.", "Ministère de la Justice", "Agency"),
    ],
)
def test_names_read_head_first(tmp_path, text, label, cls):
    view = run(tmp_path, text)
    assert view.is_a(label, cls), view.entities


@pytest.mark.parametrize(
    ("text", "name", "description"),
    [
        ("The Clan del Golfo, a Colombian cartel, ships cocaine to Spain.", "Clan del Golfo", "cartel"),
        ("Officers met the Hells Angels, a motorcycle gang, in Montréal.", "Hells Angels", "motorcycle gang"),
    ],
)
def test_an_actor_described_in_apposition_is_that_actor(tmp_path, text, name, description):
    view = run(tmp_path, text)
    entity = view.entity(name)
    assert description not in {a.lower() for a in entity.aliases}, entity.aliases  # a description, not a name
    assert any(m.kind == "description" for m in entity.mentions), entity.mentions
    assert not any(e.label.lower().endswith(description.split()[-1] + "s") for e in view.extraction.entities
                   if e.label != name), view.labels


def test_a_substance_described_by_its_class_keeps_the_class(tmp_path):
    view = run(tmp_path, "Police found bromazolam, a benzodiazepine, in the samples.")
    assert view.is_a("benzodiazepines", "Depressant"), view.labels
