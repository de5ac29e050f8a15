"""Cases found wrong by probing the extractors with other documents of the genre,
kept as a table so they stay fixed (sentence -> what must and must not come out)."""

from __future__ import annotations

import pytest

from helpers import run

P, A, E, POSS = "Positive", "Asserted", "Expected", "Possible"


@pytest.mark.parametrize(
    ("text", "row"),
    [
        ("Health Canada's strategy targets fentanyl.", ("Health Canada strategy", "implementedBy", "Health Canada", P, A)),
        ("The RCMP warned that Mexican cartels are establishing a presence in Canada.",
         ("drug cartels", "operatesIn", "Canada", P, A)),
        ("The cartels press fentanyl into pills, using pill presses imported from China.",
         ("drug cartels", "uses", "pill presses", P, A)),
        ("Volumes entering Europe are linked to record cocaine production in Colombia and Peru.",
         ("Colombia", "produces", "cocaine", P, A)),
        ("Organized crime groups in Canada are producing fentanyl for export.",
         ("organized crime groups", "produces", "fentanyl", P, A)),
        ("Most synthetic cathinones found in Europe are manufactured in India.",
         ("synthetic cathinones", "sourcedFrom", "India", P, A)),
        ("Naloxone does not reverse the effects of stimulants such as cocaine.",
         ("naloxone", "counters", "cocaine", "Negative", A)),
    ],
)
def test_relation_found(tmp_path, text, row):
    assert row in run(tmp_path, text).relations


@pytest.mark.parametrize(
    ("text", "subject", "predicate"),
    [
        # the neighbour of the trigger is its subject, not a substance further left
        ("Cartels copy medications such as oxycodone, using pill presses imported from China.", "oxycodone", "sourcedFrom"),
        # who reports a production problem does not produce
        ("Neil Boyd, a professor at Simon Fraser University, said that synthetic drug production in Canada grew.",
         "Simon Fraser University", "produces"),
        # "adapt to law enforcement pressure by using…": the police are not the user
        ("The cartels will adapt to law enforcement pressure by using encrypted communications.", "law enforcement", "uses"),
        ("Volumes entering the European Union are linked to cocaine production in Colombia.", "European Union", "produces"),
        ("Organized crime groups in Canada are producing fentanyl.", "Canada", "produces"),
        ("Gangs are recruiting youth in First Nations communities to sell methamphetamine.", "First Nations", "traffics"),
        ("The RCMP dismantled four labs producing synthetic drugs.", "Royal Canadian Mounted Police", "produces"),
        ("Counterfeit pills are sold as oxycodone.", "counterfeit pills", "mixedWith"),
    ],
)
def test_relation_not_misattached(tmp_path, text, subject, predicate):
    assert not any(s == subject and p == predicate for s, p, *_ in run(tmp_path, text).relations)


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("There were 22 deaths per 100,000 population in Alberta.", 22, "deaths per 100,000 population"),
        ("Carfentanil is 100 times more potent than fentanyl.", 100, "times"),
        ("Police seized $1.3 billion in assets.", 1300000000, "dollars"),
        ("Only one in 11 people received treatment.", 1, "per 11 people"),
        ("There were 5,600 opioid-related poisoning hospitalizations in 2023.", 5600, "hospitalizations"),
    ],
)
def test_statistic_found(tmp_path, text, value, unit):
    assert (value, unit) in run(tmp_path, text).statistics


@pytest.mark.parametrize(
    "text",
    ["Figure 2 Overdose Deaths by Health Authority", "Calls to 911 for overdoses rose sharply."],
)
def test_not_a_statistic(tmp_path, text):
    assert run(tmp_path, "Title\n\n" + text + "\n").statistics == []


@pytest.mark.parametrize(
    ("text", "direction", "modality"),
    [
        ("Xylazine use is expected to increase in Canada.", "Increase", E),
        ("Methamphetamine use could rise in rural Manitoba.", "Increase", POSS),
        ("Fentanyl seizures in the United States have grown since 2020.", "Increase", A),
        ("Carfentanil has reappeared in Edmonton.", "Emergence", A),
    ],
)
def test_trend_found_with_modality(tmp_path, text, direction, modality):
    trends = run(tmp_path, text).extraction.trends
    assert any(t.direction == direction and t.modality == modality for t in trends)


def test_aim_is_not_a_trend(tmp_path):
    assert run(tmp_path, "The program aims to increase awareness of drug checking.").trends == []


def test_next_meeting_is_not_this_meeting(tmp_path):
    text = (
        "Sixth Law Enforcement Roundtable on Drugs\n\n"
        "Public Safety Canada hosted the Roundtable in Regina. The next Roundtable is expected to focus on cannabis.\n"
    )
    view = run(tmp_path, text)
    about = {(s, o) for s, p, o, *_ in view.relations if p == "about"}
    assert ("Sixth Law Enforcement Roundtable on Drugs", "cannabis") not in about


def test_names_inside_names_are_not_entities(tmp_path):
    view = run(tmp_path, "The Sinaloa Cartel works with the Centers for Disease Control and Prevention.")
    assert "Sinaloa" not in view.labels and "prevention" not in {l.lower() for l in view.labels}


def test_unicode_lookalikes_still_match(tmp_path):
    view = run(tmp_path, "Fentanyl\u2011related deaths worried Health\u00a0Canada.")
    assert {"fentanyl", "Health Canada"} <= view.labels


def test_modal_may_is_not_the_month(tmp_path):
    view = run(tmp_path, "Heroin supply may increase in Myanmar.")
    assert all(t.period is None for t in view.extraction.trends)
    assert run(tmp_path, "Deaths fell by 17 per cent in May 2023.").extraction.trends[0].period == "in May 2023"


@pytest.mark.parametrize("text", ["A report released last fall found that cartels produce fentanyl.",
                                  "The regulations are to be in force by the fall."])
def test_the_season_is_not_a_decline(tmp_path, text):
    assert all(t.direction != "Decrease" for t in run(tmp_path, text).extraction.trends)


def test_series_organizer_passes_to_the_numbered_meeting(tmp_path):
    text = ("Fifth Law Enforcement Roundtable on Drugs\n\n"
            "Public Safety Canada's Law Enforcement Roundtables on Drugs bring police and experts together. "
            "The Fifth Law Enforcement Roundtable on Drugs met in Toronto.\n")
    rows = run(tmp_path, text).relations
    assert ("Fifth Law Enforcement Roundtable on Drugs", "organizedBy", "Public Safety Canada", P, A) in rows


def test_a_meeting_is_about_the_place_it_focuses_on(tmp_path):
    text = ("Fifth Law Enforcement Roundtable on Drugs\n\nThe Roundtable was held in Montreal in 2022 and focused "
            "on the challenges facing law enforcement in Quebec and Atlantic Canada.\n")
    about = {(s, o) for s, p, o, *_ in run(tmp_path, text).relations if p == "about"}
    assert about == {("Fifth Law Enforcement Roundtable on Drugs", "Quebec"),
                     ("Fifth Law Enforcement Roundtable on Drugs", "Atlantic Canada")}


def test_a_meeting_name_ends_before_its_date(tmp_path):
    view = run(tmp_path, "Title\n\nPublic Safety Canada hosted the sixth Law Enforcement Roundtable on Drugs on October 17, 2023.\n")
    assert "Sixth Law Enforcement Roundtable on Drugs" in view.labels
    assert not any("October" in label for label in view.labels)
