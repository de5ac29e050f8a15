"""Trends: observed changes with a direction, what changes (about), where
(region), when (period), shift origin and target, modality and attribution.
"""

from __future__ import annotations

import pytest

from helpers import run

# (text, direction, labels that must be in about, region label, period text)

TRENDS = [
    ("Seizures of methamphetamine increased in Manitoba in 2022.",
     "Increase", {"methamphetamine"}, "Manitoba", "in 2022"),
    ("Overdose deaths involving fentanyl rose sharply between January and June 2022.",
     "Increase", {"fentanyl"}, None, "between January and June 2022"),
    ("The opioid crisis in Canada is worsening.", "Increase", {"opioid crisis"}, "Canada", None),
    ("The RCMP reported a growing presence of Mexican cartels in British Columbia.",
     "Increase", {"drug cartels"}, "British Columbia", None),
    ("There was a sharp decline in heroin availability in Ontario since 2019.",
     "Decrease", {"heroin"}, "Ontario", "since 2019"),
    ("Heroin seizures in the Netherlands have declined since 2018.",
     "Decrease", {"heroin"}, "Netherlands", "since 2018"),
    ("The market is shifting from heroin to fentanyl.", "Shift", {"heroin", "fentanyl"}, None, None),
    ("Nitazenes emerged in the Toronto drug supply in 2021.", "Emergence", {"nitazenes"}, "Toronto", "in 2021"),
    ("The resurgence of carfentanil in Alberta alarmed emergency physicians.",
     "Emergence", {"carfentanil"}, "Alberta", None),
    ("Xylazine was first detected in Philadelphia in 2006.", "Emergence", {"xylazine"}, "Philadelphia", "in 2006"),
    ("Cocaine prices remained stable in Montreal throughout 2022.",
     "Stable", {"cocaine"}, "Montreal", "throughout 2022"),
    ("Fentanyl deaths in Alberta levelled off in the second half of 2023.",
     "Stable", {"fentanyl"}, "Alberta", "the second half of 2023"),
]


@pytest.mark.parametrize(
    ("text", "direction", "about", "region", "period"), TRENDS, ids=[f"{row[1]}-{row[0][:25]}" for row in TRENDS]
)
def test_trends(tmp_path, text, direction, about, region, period):
    view = run(tmp_path, text)
    assert [d for d, _ in view.trends] == [direction], view.trends
    trend = view.trend(direction)
    assert about <= {view.label(i) for i in trend.about}
    assert (view.label(trend.region) if trend.region else None) == region
    assert trend.period == period
    # the region is where the change happens, not what changes
    assert trend.region not in trend.about


def test_trend_label_is_the_stated_phrase(tmp_path):
    view = run(tmp_path, "There was a sharp decline in heroin availability in Ontario since 2019.")
    trend = view.trend("Decrease")
    assert trend.label == "decline in heroin availability in Ontario"
    assert view.extraction.documents[0].text[trend.start:trend.end] == trend.label


def test_stakeholder_who_notices_is_not_what_changes(tmp_path):
    view = run(tmp_path, "The resurgence of carfentanil in Alberta alarmed health officials.")
    assert [view.label(i) for i in view.trend("Emergence").about] == ["carfentanil"]


# shifts: from what, to what

SHIFTS = [
    ("The market is shifting from heroin to fentanyl.", ("heroin",), ("fentanyl",), None),
    ("Traffickers in Quebec have switched from cocaine to methamphetamine.", ("cocaine",), ("methamphetamine",), "Quebec"),
    ("Users are moving away from heroin to fentanyl in Vancouver.", ("heroin",), ("fentanyl",), "Vancouver"),
    ("Europol noted a shift from heroin towards synthetic opioids.", ("heroin",), ("synthetic opioids",), None),
    ("Hells Angels are moving away from cocaine.", ("cocaine",), (), None),
]


@pytest.mark.parametrize(("text", "origin", "target", "region"), SHIFTS, ids=[t[:30] for t, *_ in SHIFTS])
def test_shift_from_to(tmp_path, text, origin, target, region):
    view = run(tmp_path, text)
    trend = view.trend("Shift")
    assert tuple(view.label(i) for i in trend.shift_from) == origin
    assert tuple(view.label(i) for i in trend.shift_to) == target
    assert (view.label(trend.region) if trend.region else None) == region


def test_shifting_actor_is_about(tmp_path):
    view = run(tmp_path, "Traffickers in Quebec have switched from cocaine to methamphetamine.")
    assert "drug traffickers" in {view.label(i) for i in view.trend("Shift").about}


def test_contrasting_clauses_give_two_trends(tmp_path):
    view = run(tmp_path, "Seizures of cocaine decreased in Europe while seizures of methamphetamine increased.")
    assert sorted(view.trends) == [("Decrease", ("cocaine",)), ("Increase", ("methamphetamine",))]


def test_two_regions_in_contrasting_clauses(tmp_path):
    view = run(tmp_path, "Cocaine purity rose in Belgium, while prices fell in France.")
    assert view.label(view.trend("Increase").region) == "Belgium"
    assert view.label(view.trend("Decrease").region) == "France"


# modality and attribution

def test_anticipated_trend_is_expected(tmp_path):
    view = run(tmp_path, "Analysts anticipate a further increase in nitazene seizures across Europe.")
    trend = view.trend("Increase")
    assert trend.modality == "Expected"
    assert [view.label(i) for i in trend.about] == ["nitazenes"]
    assert view.label(trend.region) == "Europe"


def test_observed_trend_is_asserted(tmp_path):
    assert run(tmp_path, "Seizures of methamphetamine increased in Manitoba in 2022.").trend("Increase").modality == "Asserted"


@pytest.mark.parametrize(
    ("text", "direction", "source"),
    [
        ("The RCMP reported an increase in methamphetamine trafficking in Saskatchewan.",
         "Increase", "Royal Canadian Mounted Police"),
        ("According to the CBSA, cocaine seizures declined in 2022.", "Decrease", "Canada Border Services Agency"),
        ("Heroin seizures in the Netherlands have declined since 2018.", "Decrease", None),
    ],
)
def test_trend_attribution(tmp_path, text, direction, source):
    view = run(tmp_path, text)
    trend = view.trend(direction)
    assert (view.label(trend.attributed_to) if trend.attributed_to else None) == source


def test_trend_word_inside_a_name_is_not_a_trend(tmp_path):
    # "reduction" in "harm reduction workers" is no decrease; "rise" is the trend
    view = run(tmp_path, "Harm reduction workers reported a rise in benzodiazepine-related overdoses in Toronto.")
    assert view.trends == [("Increase", ("benzodiazepines",))]
    trend = view.trend("Increase")
    assert view.label(trend.region) == "Toronto"
    assert view.label(trend.attributed_to) == "frontline workers"


@pytest.mark.parametrize(
    "text",
    [
        "The Manitoba Harm Reduction Network distributed naloxone kits.",
        "Harm reduction workers distributed naloxone kits in Regina.",
    ],
)
def test_no_decrease_from_harm_reduction(tmp_path, text):
    assert "Decrease" not in [d for d, _ in run(tmp_path, text).trends]


# an aim is not an observed change; no cue, no trend

@pytest.mark.parametrize(
    "text",
    [
        "The campaign aims to increase awareness of naloxone in Ontario.",
        "Fentanyl remains the main driver of overdose deaths in Canada.",
        "The RCMP seized carfentanil in Calgary.",
    ],
)
def test_no_trend(tmp_path, text):
    assert run(tmp_path, text).trends == []
