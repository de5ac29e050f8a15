"""Statistics: numbers stated in the text with their unit, qualifier, period,
what they are about and where. Years, dates, durations inside periods and
list numbering are not statistics.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from helpers import run

# (text, (value, unit)) — the statistic must be extracted

STATISTICS = [
    ("In 2022, there were 7,328 apparent opioid toxicity deaths in Canada.", (7328, "deaths")),
    ("Fentanyl was detected in 82% of samples tested in Alberta.", (82, "percent")),
    ("Cocaine use rose by 15 per cent among young adults.", (15, "percent")),
    ("Nearly 40 percent of seizures involved methamphetamine.", (40, "percent")),
    ("Police seized 1.2 million counterfeit pills across the province.", (1200000, "pills")),
    ("Police seized 4 million dollars in cash during the raids.", (4000000, "dollars")),
    ("Drug checking services found xylazine in three of every 100 samples.", (3, "per 100 samples")),
    ("The overdose death rate in Vancouver was 2.5 times higher than the provincial average.",
     (Decimal("2.5"), "times the provincial average")),
    ("Toxic drug deaths were 4.3 times higher among First Nations people.", (Decimal("4.3"), "times")),
    ("More than 500 deaths were linked to carfentanil in Ontario.", (500, "deaths")),
    ("Police made approximately 250 arrests during the operation.", (250, "arrests")),
    ("Officers seized 45 kilograms of cocaine at the Port of Montreal.", (45, "kilograms")),
    ("The CBSA seized 2 tonnes of cocaine at the Port of Vancouver in 2023.", (2, "tonnes")),
    ("The survey reached 1,200 people who use drugs in Ontario.", (1200, "people")),
    ("Paramedics in Winnipeg responded to 3,500 overdose calls last year.", (3500, "calls")),
    ("Europol supported twelve investigations into nitazene trafficking.", (12, "investigations")),
    ("Investigators seized nearly 2,500 kg of cocaine in Antwerp.", (2500, "kg")),
    ("The RCMP froze $3.2 million in assets.", (3200000, "dollars")),
    ("The Roundtable was held over four sessions.", (4, "sessions")),
    ("Twenty-four deaths occurred in Whitehorse.", (24, "deaths")),
    ("The UK illicit drug market is worth at least £9.4 billion a year.", (9400000000, "pounds")),
    ("Europol seized €2 million in cash.", (2000000, "euros")),
]


@pytest.mark.parametrize(("text", "expected"), STATISTICS, ids=[t[:40] for t, _ in STATISTICS])
def test_statistics(tmp_path, text, expected):
    assert run(tmp_path, text).statistics == [expected]


# qualifiers: "more than", "nearly", "approximately", "over", "about"

QUALIFIERS = [
    ("More than 500 deaths were linked to carfentanil in Ontario.", 500, "more than"),
    ("Nearly 40 percent of seizures involved methamphetamine.", 40, "nearly"),
    ("Police made approximately 250 arrests during the operation.", 250, "approximately"),
    ("Over 200 participants attended the forum in Ottawa.", 200, "over"),
    ("About 20 people attended the meeting.", 20, "about"),
    ("Officers seized 45 kilograms of cocaine at the Port of Montreal.", 45, None),
]


@pytest.mark.parametrize(("text", "value", "qualifier"), QUALIFIERS, ids=[t[:30] for t, _, _ in QUALIFIERS])
def test_qualifier(tmp_path, text, value, qualifier):
    view = run(tmp_path, text)
    statistic = view.statistic(value)
    assert statistic.qualifier == qualifier
    # the stated phrase includes the qualifier
    assert view.extraction.documents[0].text[statistic.start:statistic.end].lower().startswith(qualifier or str(value))


# years, dates, durations and list numbering are not statistics

NOT_STATISTICS = [
    "In 2019, the RCMP opened a new office in Halifax.",
    "The CBSA intercepted the shipment on March 3, 2022.",
    "Bill C-5 received royal assent in November 2022.",
    "The report was released on September 14, 2023, by the Public Health Agency of Canada.",
    "Section 56 of the CDSA allows exemptions for supervised consumption sites.",
    "Between 2016 and 2023, the crisis spread to every province.",
    "The pilot will run for 3 years in British Columbia.",
]


@pytest.mark.parametrize("text", NOT_STATISTICS, ids=[t[:30] for t in NOT_STATISTICS])
def test_not_statistics(tmp_path, text):
    assert run(tmp_path, text).statistics == []


def test_list_numbering_is_not_a_statistic(tmp_path):
    view = run(
        tmp_path,
        "Priorities for 2024:\n\n"
        "1. Expand drug checking in 12 communities.\n"
        "2. Train 300 officers in naloxone administration.\n"
        "3. Disrupt organized crime groups.\n",
    )
    assert sorted(view.statistics) == [(12, "communities"), (300, "officers")]


def test_year_in_sentence_with_a_statistic_is_its_period(tmp_path):
    view = run(tmp_path, "In 2022, there were 7,328 apparent opioid toxicity deaths in Canada.")
    assert [s.value for s in view.extraction.statistics] == [7328]
    assert view.statistic(7328).period == "In 2022"


def test_rate_base_is_not_a_second_statistic(tmp_path):
    view = run(tmp_path, "Drug checking services found xylazine in three of every 100 samples.")
    assert [s.value for s in view.extraction.statistics] == [3]


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("Officials estimated that two in five samples contained xylazine.", 2, "per five samples"),
        ("One in five deaths involved xylazine.", 1, "per five deaths"),
        ("Drug checking services found xylazine in three of every 100 samples.", 3, "per 100 samples"),
    ],
)
def test_proportions_are_one_statistic(tmp_path, text, value, unit):
    assert run(tmp_path, text).statistics == [(value, unit)]


def test_two_statistics_in_one_sentence(tmp_path):
    view = run(tmp_path, "Canada recorded 8,049 deaths in 2023, up 5% from 2022.")
    assert view.statistics == [(8049, "deaths"), (5, "percent")]
    assert view.statistic(8049).period == "in 2023"
    assert view.label(view.statistic(8049).region) == "Canada"


def test_duration_in_a_period_is_not_a_statistic(tmp_path):
    view = run(tmp_path, "The Ministry reported 12 overdoses in the first 6 months of 2023.")
    assert view.statistics == [(12, "overdoses")]
    assert "6 months of 2023" in view.statistic(12).period


# periods attached to statistics

PERIODS = [
    ("Between January and June 2022, 1,095 people died of toxic drug poisoning in British Columbia.",
     1095, "Between January and June 2022"),
    ("Since 2016, more than 40,000 people have died from opioid overdoses in Canada.", 40000, "Since 2016"),
    ("Seizures rose by 30% between 2019 and 2021.", 30, "between 2019 and 2021"),
    ("The CBSA seized 2 tonnes of cocaine at the Port of Vancouver in 2023.", 2, "in 2023"),
    ("Europol supported 28 investigations during 2021.", 28, "during 2021"),
    ("Officers seized 45 kilograms of cocaine at the Port of Montreal.", 45, None),
]


@pytest.mark.parametrize(("text", "value", "period"), PERIODS, ids=[t[:30] for t, _, _ in PERIODS])
def test_period(tmp_path, text, value, period):
    assert run(tmp_path, text).statistic(value).period == period


# what a number is about, and where

ABOUT = [
    ("Fentanyl was detected in 82% of samples tested in Alberta.", 82, "fentanyl", "Alberta"),
    ("More than 500 deaths were linked to carfentanil in Ontario.", 500, "carfentanil", "Ontario"),
    ("Since 2016, more than 40,000 people have died from opioid overdoses in Canada.", 40000, "opioids", "Canada"),
    ("Officers seized 45 kilograms of cocaine at the Port of Montreal.", 45, "cocaine", "Port of Montreal"),
    ("Police seized 1.2 million counterfeit pills across the province.", 1200000, "counterfeit pills", None),
    ("The overdose death rate in Vancouver was 2.5 times higher than the provincial average.",
     Decimal("2.5"), None, "Vancouver"),
]


@pytest.mark.parametrize(("text", "value", "about", "region"), ABOUT, ids=[t[:30] for t, *_ in ABOUT])
def test_about_and_region(tmp_path, text, value, about, region):
    view = run(tmp_path, text)
    statistic = view.statistic(value)
    about_labels = [view.label(i) for i in statistic.about]
    if about is None:
        assert about_labels == []
    else:
        assert about in about_labels
    assert (view.label(statistic.region) if statistic.region else None) == region
    # a region is where, not what
    assert not [label for label in about_labels if label == region]


def test_stakeholder_is_not_what_is_counted(tmp_path):
    view = run(tmp_path, "Public health officials recorded 1,200 overdoses involving xylazine.")
    statistic = view.statistic(1200)
    assert [view.label(i) for i in statistic.about] == ["xylazine"]


def test_figure_without_entities_is_about_the_preceding_meeting(tmp_path):
    view = run(
        tmp_path,
        "The Second National Summit on Opioids took place in Ottawa. Over 200 participants attended.",
    )
    statistic = view.statistic(200)
    assert statistic.unit == "participants"
    assert [view.label(i) for i in statistic.about] == ["Second National Summit on Opioids"]


def test_measure_describes_the_count(tmp_path):
    view = run(tmp_path, "In 2022, there were 7,328 apparent opioid toxicity deaths in Canada.")
    assert view.statistic(7328).measure.startswith("apparent opioid toxicity deaths")


def test_ratio_measure_and_reference(tmp_path):
    view = run(tmp_path, "The overdose death rate in Vancouver was 2.5 times higher than the provincial average.")
    statistic = view.statistic(Decimal("2.5"))
    assert statistic.measure == "overdose death rate in Vancouver"
    assert statistic.unit == "times the provincial average"


def test_counts_left_out_after_a_first_take_its_unit_and_their_own_year(tmp_path):
    view = run(tmp_path, "The service investigated 31 deaths in 2026, compared with 27 in 2025 and 25 in 2024.")
    assert [(s.value, s.unit, s.period) for s in view.extraction.statistics] == [
        (31, "deaths", "in 2026"), (27, "deaths", "in 2025"), (25, "deaths", "in 2024")]

