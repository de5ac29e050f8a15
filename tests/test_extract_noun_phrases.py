"""Mentions from syntax (extractors/noun_phrases.py, heads.ttl): phrases the lexicon lacks."""

from __future__ import annotations

import pytest

from helpers import run


@pytest.mark.parametrize(
    ("text", "label", "cls"),
    [
        ("Illicit drugs remain widely available in the region.", "illicit drugs", "Substance"),
        ("Toxic drug deaths continued in 2023.", "toxic drug deaths", "Crisis"),
        ("Outreach workers met people who use drugs every week.", "people who use drugs", "Community"),
        ("Officers seized shipments that arrived from Ucluelet.", "Ucluelet", "Region"),
        ("Police said Colombian suppliers shipped the cocaine.", "Colombian suppliers", "CriminalGroup"),
        ("Local sellers advertised the tablets.", "local sellers", "CriminalGroup"),
        # adjectives narrowing a generic actor of the lexicon name a narrower actor
        ("Police said Chinese vendors sold the powder.", "Chinese vendors", "CriminalGroup"),
        ("Police said Mexican criminal networks moved the powder.", "Mexican criminal networks", "CriminalGroup"),
        # a lever named by its head noun wins over the lexicon mention saying what it is aimed at
        ("Police expanded money laundering investigations.", "money laundering investigations", "PolicyLever"),
        ("Officers searched stash houses in the city.", "stash houses", "Method"),
        ("Police in Greater Victoria issued a warning.", "Greater Victoria", "Region"),
        ("The Five Eyes Law Enforcement Working Group met twice.", "Five Eyes Law Enforcement Working Group", "Agency"),
        # a name continues with "on", "of", "for" and a conjoined name
        ("Officials said the Five Eyes Law Enforcement Working Group on Synthetic Drugs will meet again.",
         "Five Eyes Law Enforcement Working Group on Synthetic Drugs", "Agency"),
        ("The report was tabled by the Standing Committee on Public Safety and National Security in June.",
         "Standing Committee on Public Safety and National Security", "Agency"),
        ("A report was tabled by the Standing Senate Committee on Legal and Constitutional Affairs in June.",
         "Standing Senate Committee on Legal and Constitutional Affairs", "Agency"),
        # a common head named by proper words
        ("Fentanyl was found in Bell County last year.", "Bell County", "Region"),
        ("Officers patrol the Stinson neighbourhood nightly.", "Stinson neighbourhood", "Region"),
        ("The Lenowisco Health District issued a warning.", "Lenowisco Health District", "Agency"),
        # agencies named by a common phrase
        ("Officers from municipal police forces and health departments met.", "health departments", "Agency"),
        # a part of a known region wins over the region
        ("Counterfeit pills are common in eastern Kentucky.", "eastern Kentucky", "Region"),
        # heads of the genre's methods and levers, some of them alone
        ("Traffickers moved cocaine on fishing vessels.", "fishing vessels", "Method"),
        ("Sellers advertised the tablets with emojis.", "emojis", "Method"),
        ("Investigators served production orders on two banks.", "production orders", "PolicyLever"),
        ("Band councils have used banishment against dealers.", "banishment", "PolicyLever"),
        ("Dealers moved the drugs by bus.", "dealers", "CriminalGroup"),
        ("Officials said European law enforcement shared intelligence.", "European law enforcement", "Agency"),
        # a capitalized head the tagger calls common, after proper words
        ("The Louisville Field Division reported a rise.", "Louisville Field Division", "Agency"),
        # a part of a place the lexicon lacks, which the detector calls a place
        ("Methamphetamine availability is increasing in northern New England.", "northern New England", "Region"),
    ],
)
def test_phrases_get_a_class_from_data(tmp_path, text, label, cls):
    view = run(tmp_path, text)
    assert label in view.entities.get(cls, set()), view.entities


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Participants discussed the day's agenda.", "participants"),
        ("Appendix A lists the participants.", "Appendix"),
        ("Drugs were discussed at length.", "drugs"),
        ("Police reported 22 deaths in March.", "22 deaths"),
        ("Suppliers were discussed at length.", "suppliers"),
    ],
)
def test_words_that_are_not_entities_stay_out(tmp_path, text, word):
    view = run(tmp_path, text)
    assert not any(label.lower() == word.lower() or label.lower().startswith(word.lower() + " ") for label in view.labels)


@pytest.mark.parametrize(
    ("text", "label", "cls"),
    [
        # apposition
        ("Police said the Clan del Golfo, a Colombian cartel, sells cocaine.", "Clan del Golfo", "CriminalGroup"),
        # an example of a common noun, with its conjuncts
        ("Cocaine is sold through intermediaries such as Los Choneros.", "Los Choneros", "CriminalGroup"),
        ("Sellers advertise on online platforms such as Zorbex and Quillo.", "Quillo", "Platform"),
        # a copular predicate
        ("Zorbex is an encrypted messaging app.", "Zorbex", "Platform"),
    ],
)
def test_a_name_takes_the_class_of_the_noun_describing_it(tmp_path, text, label, cls):
    view = run(tmp_path, text)
    assert label in view.entities.get(cls, set()), view.entities


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("\"The supply is poisoned,\" said Grace Whitford, a peer worker.", "Grace Whitford"),  # a person
        ("The port handled 4.5 million twenty-foot equivalent units (TEUs) in 2024.", "TEUs"),  # a count
    ],
)
def test_a_description_that_is_no_class_gives_none(tmp_path, text, word):
    view = run(tmp_path, text)
    assert word not in view.labels, view.entities


def test_a_crisis_phrase_does_not_swallow_its_substance(tmp_path):
    view = run(tmp_path, "Officials counted more opioid overdoses in March.")
    assert any(label.startswith("opioid") for label in view.entities.get("Opioid", set())), view.entities


def test_a_common_head_in_a_proper_name_does_not_class_it(tmp_path):
    # "house" names a method in "stash houses", not in the name of a shelter
    view = run(tmp_path, "Outreach workers from Alpha House met police in Calgary.")
    assert "Alpha House" not in view.entities.get("Method", set()), view.entities
    assert "stash houses" in run(tmp_path, "Police found stash houses in Calgary.").entities.get("Method", set())


def test_a_part_of_a_region_names_the_region_too(tmp_path):
    view = run(tmp_path, "Gangs recruit young people in northern Manitoba.")
    assert view.is_a("Manitoba", "Region") and view.is_a("northern Manitoba", "Region"), view.entities
    assert ("northern Manitoba", "partOf", "Manitoba") in view.triples, view.relations


def test_only_the_longest_region_inside_a_part_is_named(tmp_path):
    view = run(tmp_path, "Overdoses rose in central Vancouver Island last year.")
    assert ("central Vancouver Island", "partOf", "Vancouver Island") in view.triples, view.relations
    assert "Vancouver" not in view.labels, view.entities


@pytest.mark.parametrize(("text", "place"), [
    ("Methamphetamine availability is increasing in northern New England.", "England"),
])
def test_a_place_named_after_another_is_not_that_place(tmp_path, text, place):
    assert place not in run(tmp_path, text).labels


def test_the_place_itself_is_still_named(tmp_path):
    assert {"England", "New Mexico", "Mexico"} <= run(tmp_path, "Fentanyl came to England from New Mexico and Mexico.").labels


def test_a_counterfeit_product_is_not_the_drug_it_imitates(tmp_path):
    view = run(tmp_path, "Officers seized fake Xanax pills that contained bromazolam.")
    assert "fake Xanax pills" in view.entities.get("Substance", set()), view.entities
    assert "alprazolam" not in view.labels

