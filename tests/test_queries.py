"""The 15 seed questions (../shared/design/seed-questions.md) against the built seed graph.

Each test runs the packaged query and asserts the rows the document supports.
"""

from __future__ import annotations

import pytest
from rdflib import URIRef

from rtgraph.namespaces import RTG
from rtgraph.query import list_queries, run_query


@pytest.fixture(scope="module")
def ask(seed_graph):
    def run(name):
        columns, rows = run_query(seed_graph, name)
        return [dict(zip(columns, row)) for row in rows]

    return run


def _pairs(rows, *keys):
    return {tuple(row[k] for k in keys) for row in rows}


def test_fifteen_packaged_queries():
    assert [name[:2] for name, _ in list_queries()] == [f"{i:02d}" for i in range(1, 16)]


def test_q01_substances_by_kind(ask):
    found = _pairs(ask(1), "kind", "substance")
    expected = {
        ("Opioid", "fentanyl"), ("Opioid", "carfentanil"), ("Opioid", "fentanyl analogues"),
        ("Stimulant", "methamphetamine"), ("Stimulant", "cocaine"), ("Precursor", "ephedrine"),
        ("Depressant", "benzodiazepines"), ("Depressant", "etizolam"), ("Medication", "naloxone"),
        ("Opioid", "opioids"), ("Precursor", "precursor chemicals"), ("Precursor", "pre-precursor chemicals"),
        ("Precursor", "designer precursors"),
    }
    assert expected <= found
    # precision: anything else must be a substance the document really names
    text = __import__("conftest").SEED.read_text(encoding="utf-8").lower()
    for kind, label in found - expected:
        assert label.lower().rstrip("s") in text, (kind, label)
    aliases = {row["substance"]: row["aliases"] for row in ask(1)}
    assert "designer fentanyls" in aliases["fentanyl analogues"]
    assert "meth" in aliases["methamphetamine"].split("; ")


def test_q02_actors_by_kind(ask):
    found = _pairs(ask(2), "kind", "actor")
    expected = {
        ("CriminalGroup", "organized crime groups"), ("CriminalGroup", "chemical brokers"),
        ("Agency", "Public Safety Canada"), ("Agency", "Canada Border Services Agency"),
        ("Agency", "Drug Enforcement Administration"), ("Agency", "Public Prosecution Service of Canada"),
        ("Agency", "Government of Canada"), ("Agency", "law enforcement"),
        ("Platform", "Amazon"), ("Platform", "Facebook"), ("Platform", "dark web"), ("Platform", "surface web"),
        ("Community", "Indigenous communities"), ("Community", "First Nations"),
        ("Community", "people who use drugs"),
    }
    assert expected <= found
    labels = {actor for _, actor in found}
    for not_an_entity in ("participants", "Appendix", "Key Themes", "Date modified"):
        assert not_an_entity not in labels
    aliases = {row["actor"]: row["aliases"].split("; ") for row in ask(2)}
    assert "OCGs" in aliases["organized crime groups"]
    assert "CBSA" in aliases["Canada Border Services Agency"]
    assert "PS" in aliases["Public Safety Canada"]  # defined in the text: "Public Safety Canada's (PS)"


def test_q03_regions_nest(ask):
    rows = ask(3)
    assert {("Vancouver", "British Columbia"), ("British Columbia", "Canada")} <= _pairs(rows, "region", "partOf")
    regions = {row["region"] for row in rows}
    assert {"Latin America", "India", "China", "United States", "Canada"} <= regions
    assert {row["kind"] for row in rows if row["region"] == "Vancouver"} == {"City"}


def test_q04_precursor_sources(ask):
    found = _pairs(ask(4), "substance", "relation", "source", "modality")
    assert ("ephedrine", "sourced from", "India", "Asserted") in found
    assert ("precursor chemicals", "supplied by", "China", "Asserted") in found
    assert ("pre-precursor chemicals", "supplied by", "China", "Asserted") in found
    assert ("precursor chemicals", "produced in", "Latin America", "Expected") in found


def test_q05_ephedrine_precursor_of_methamphetamine(ask):
    assert ("ephedrine", "methamphetamine") in _pairs(ask(5), "precursor", "product")


def test_q06_mixed_with_fentanyl(ask):
    rows = ask(6)
    assert "fentanyl analogues" in {row["substance"] for row in rows}
    assert all("fentanyl" in row["evidence"] for row in rows)


def test_q07_naloxone_does_not_reverse_benzodiazepines(ask, seed_graph):
    rows = ask(7)
    assert ("naloxone", "Negative", "benzodiazepines") in _pairs(rows, "substance", "polarity", "target")
    naloxone = URIRef("https://w3id.org/rtgraph/resource/substance/naloxone")
    benzos = URIRef("https://w3id.org/rtgraph/resource/substance/benzodiazepines")
    assert (naloxone, RTG.counters, benzos) not in seed_graph  # a negative assertion has no plain triple
    assert ("naloxone", "Positive", "benzodiazepines") not in _pairs(rows, "substance", "polarity", "target")


def test_q08_platform_actions(ask):
    found = _pairs(ask(8), "platform", "action", "detail")
    assert ("Amazon", "implements", "sales ban: pill presses") in found
    assert ("Amazon", "implements", "sales ban: encapsulating machines") in found
    assert ("Amazon", "works with", "Drug Enforcement Administration") in found
    assert ("Facebook", "implements", "content moderation") in found
    assert ("Facebook", "uses", "artificial intelligence") in found
    assert ("Facebook", "figure", "7 million posts") in found


def test_q09_criminal_groups_substances(ask):
    found = _pairs(ask(9), "actor", "relation", "substance")
    assert ("organized crime groups", "movesAwayFrom", "cocaine") in found
    assert ("organized crime groups", "shifts to", "methamphetamine") in found
    assert ("(domestic production)", "produced in British Columbia", "fentanyl") in found
    assert ("(domestic production)", "produced in British Columbia", "methamphetamine") in found


def test_q10_criminal_group_methods(ask):
    how = {row["how"] for row in ask(10) if row["actor"] == "organized crime groups"}
    assert {"commercial cargo", "marine shipping"} <= how
    assert "air cargo" not in how  # "by sea rather than by air"


def test_q11_policy_levers_and_advocates(ask):
    rows = ask(11)
    levers = {row["lever"] for row in rows}
    assert {
        "decriminalization", "diversion", "safer supply", "precursor chemical regulation",
        "substance-by-substance scheduling", "expedited regulatory controls", "public-private partnerships",
        "supervised consumption sites", "drug alerts", "health-based approach", "prosecution directive",
        "import controls", "BC First Nations Justice Strategy",
    } <= levers
    roles = _pairs(rows, "lever", "role", "who")
    assert ("decriminalization", "advocatedBy", "law enforcement") in roles
    assert ("decriminalization", "advocatedBy", "key stakeholders") in roles
    assert ("decriminalization", "supports", "BC First Nations Justice Strategy") in roles
    assert ("precursor chemical regulation", "advocatedBy", "presenters") in roles
    assert ("expedited regulatory controls", "advocatedBy", "panelists") in roles
    assert ("safer supply", "advocatedBy", "law enforcement") in roles
    assert ("prosecution directive", "implementedBy", "Public Prosecution Service of Canada") in roles


def test_q12_statistics(ask):
    found = _pairs(ask(12), "value", "unit")
    expected = {
        ("21174", "deaths"), ("6214", "people"), ("2.5", "times the national average"),
        ("4.3", "times the national average"), ("50", "percent"), ("7000000", "posts"),
        ("4", "per 10,000 posts"), ("200", "participants"), ("20", "presenters"),
    }
    assert expected <= found
    assert len(found) == len(expected)  # no years, dates or list numbers
    periods = {row["value"]: row["period"] for row in ask(12)}
    assert periods["21174"] == "Between January 2016 and December 2020"
    assert periods["50"] == "in April and May of 2020"


def test_q13_trends(ask):
    rows = ask(13)
    def has(direction, words, region=None):
        return any(
            row["direction"] == direction and all(w in row["trend"] for w in words)
            and (region is None or row["region"] == region)
            for row in rows
        )
    assert has("Increase", ["increase", "toxicity"], "British Columbia")
    assert has("Increase", ["adulteration", "fentanyl"], "British Columbia")
    assert has("Emergence", ["resurgence", "carfentanil"])
    assert has("Increase", ["oversupply"])
    assert has("Increase", ["rebounded"])
    assert has("Increase", ["incoming supply"])
    assert any(row["reportedBy"] == "Canada Border Services Agency" for row in rows if "incoming supply" in row["trend"])
    assert has("Decrease", ["decline", "fentanyl", "China"])
    assert has("Shift", ["rural"], "British Columbia")
    assert has("Shift", ["trafficking routes"])


def test_q14_meeting(ask):
    found = _pairs(ask(14), "meeting", "fact", "value")
    meeting = "Fourth Law Enforcement Roundtable on Drugs"
    assert (meeting, "organizedBy", "Public Safety Canada") in found
    assert (meeting, "about", "British Columbia") in found
    assert {(meeting, "date", d) for d in ("2021-03-04", "2021-03-11", "2021-03-18")} <= found
    assert (meeting, "statistic", "over 200 participants") in found
    assert (meeting, "statistic", "20 presenters") in found


def test_q15_evidence_slices_the_document(ask):
    text = (__import__("conftest").SEED).read_text(encoding="utf-8")
    rows = ask(15)
    assert len(rows) > 100
    for row in rows:
        assert text[int(row["start"]) : int(row["end"])] == row["text"]
        assert row["document"] == "roundtable-2021-03.txt"
