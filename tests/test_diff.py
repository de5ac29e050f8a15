"""rtgraph diff: matching rules on inline Turtle, the two roundtable summaries end to end, the command."""

from __future__ import annotations

import json
import re

import pytest
from conftest import DATA, ROOT, SEED
from rdflib import Graph

from rtgraph.cli import main
from rtgraph.compare import compare, read_side, select_documents
from rtgraph.compare.render import format_text, render_html
from rtgraph.diff import diff
from rtgraph.errors import GraphError, UsageError

LATER = ROOT / "tests" / "fixtures" / "corpus" / "roundtable-2022-03.txt"

# ------------------------------------------------------------------ inline graphs

PREFIXES = """@prefix rtg: <https://w3id.org/rtgraph/ontology#> .
@prefix rtr: <https://w3id.org/rtgraph/resource/> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
""" + "".join(f"@prefix {name}: <https://w3id.org/rtgraph/resource/{name}/> .\n" for name in (
    "substance", "region", "actor", "document", "section", "passage", "statistic", "trend", "assertion", "event"))

ENTITIES = """
substance:fentanyl a rtg:Substance, rtg:Opioid ; rdfs:label "fentanyl"@en .
region:bc a rtg:Region, rtg:Province ; rdfs:label "British Columbia"@en .
region:on a rtg:Region, rtg:Province ; rdfs:label "Ontario"@en .
actor:ocgs a rtg:Actor, rtg:CriminalGroup ; rdfs:label "organized crime groups"@en .
substance:cocaine a rtg:Substance, rtg:Stimulant ; rdfs:label "cocaine"@en .
"""


def document(doc: str, sentences: list[str], title: str = "") -> str:
    """A document with one passage per sentence (passage ``passage:DOC-N``) that mentions every entity."""
    out = [f'document:{doc} a rtg:Document ; dcterms:source "{doc}.txt" ; dcterms:title "{title or doc}"@en .',
           f'section:{doc}-0 a rtg:Section ; rdfs:label "Body"@en ; dcterms:isPartOf document:{doc} .']
    start = 0
    for n, text in enumerate(sentences):
        out.append(f'passage:{doc}-{n} a rtg:Passage ; rtg:text {json.dumps(text)}@en ; rtg:start {start} ; '
                   f'rtg:end {start + len(text)} ; dcterms:isPartOf section:{doc}-0 .')
        start += len(text) + 1
    return "\n".join(out) + "\n"


def statistic(name: str, passage: str, value, *, measure="overdose deaths", region="bc", period="2020",
              unit="deaths") -> str:
    where = f"rtg:region region:{region} ; " if region else ""
    return (f'statistic:{name} a rtg:Statistic ; rtg:value {value} ; rtg:unit "{unit}" ; rtg:measure "{measure}" ; '
            f'rtg:period "{period}" ; rtg:about substance:fentanyl ; {where}rtg:evidence passage:{passage} .\n')


def trend(name: str, passage: str, direction: str, *, label="toxicity of the supply", region="bc") -> str:
    return (f'trend:{name} a rtg:Trend ; rtg:direction rtg:{direction} ; rtg:modality rtg:Asserted ; '
            f'rdfs:label "{label}"@en ; rtg:about substance:fentanyl ; rtg:region region:{region} ; '
            f'rtg:evidence passage:{passage} .\n')


def relation(name: str, passage: str, *, polarity="Positive", modality="Asserted", predicate="traffics",
             obj="substance:cocaine", background=False) -> str:
    cited = ("a rtg:BackgroundAssertion ; prov:wasDerivedFrom <https://w3id.org/rtgraph/lexicon#actors> ; "
             if background else f"rtg:evidence passage:{passage} ; ")
    return (f"assertion:{name} a rtg:Assertion, rdf:Statement ; {cited}rdf:subject actor:ocgs ; "
            f"rdf:predicate rtg:{predicate} ; rdf:object {obj} ; rtg:polarity rtg:{polarity} ; "
            f"rtg:modality rtg:{modality} .\n")


def mentions(doc: str, n: int, *iris: str) -> str:
    return "".join(f"{iri} rtg:mentionedIn passage:{doc}-{n} .\n" for iri in iris)


def graph_of(*parts: str) -> Graph:
    return Graph().parse(data=PREFIXES + ENTITIES + "".join(parts), format="turtle")


def changes(old_facts: str, new_facts: str, kind: str) -> dict:
    """Compare document ``a`` (old) with document ``b`` (new), every fact cited to their passage 0."""
    sentences = ["The first sentence.", "The second sentence."]
    g = graph_of(document("a", sentences), document("b", sentences), old_facts, new_facts,
                 mentions("a", 0, "substance:fentanyl"), mentions("b", 0, "substance:fentanyl"))
    return compare(read_side(g, name="a", documents=["https://w3id.org/rtgraph/resource/document/a"]),
                   read_side(g, name="b", documents=["https://w3id.org/rtgraph/resource/document/b"]))[kind]


def statuses(result: dict) -> dict:
    return {status: len(result[status]) for status in ("new", "gone", "changed") if result[status]}


@pytest.mark.parametrize("old, new, expected, changed_fields", [
    # a figure that moved: same measure, subject, region and unit, another value (and period)
    (statistic("s1", "a-0", 10), statistic("s2", "b-0", 12, period="2021"), {"changed": 1}, {"value", "period"}),
    # the same value is the same figure, whatever its period
    (statistic("s1", "a-0", 10), statistic("s2", "b-0", 10, period="2021"), {}, set()),
    # measures match whatever their case and punctuation
    (statistic("s1", "a-0", 10), statistic("s2", "b-0", 12, measure="Overdose-deaths"), {"changed": 1}, {"value"}),
    # another region, measure or unit is another figure: one new, one gone
    (statistic("s1", "a-0", 10), statistic("s2", "b-0", 12, region="on"), {"new": 1, "gone": 1}, set()),
    (statistic("s1", "a-0", 10), statistic("s2", "b-0", 12, measure="seizures"), {"new": 1, "gone": 1}, set()),
    (statistic("s1", "a-0", 10), statistic("s2", "b-0", 12, unit="percent"), {"new": 1, "gone": 1}, set()),
    # an unchanged figure beside a new one of the same key: only the new one is listed
    (statistic("s1", "a-0", 10), statistic("s2", "b-0", 10) + statistic("s3", "b-0", 14, period="2021"),
     {"new": 1}, set()),
])
def test_statistics_match_by_measure_subject_region_unit(old, new, expected, changed_fields):
    result = changes(old, new, "statistics")
    assert statuses(result) == expected
    assert {f for item in result["changed"] for f in item["changes"]} == changed_fields


@pytest.mark.parametrize("old, new, expected, change", [
    (trend("t1", "a-0", "Increase"), trend("t2", "b-0", "Decrease"), {"changed": 1},
     {"direction": {"old": "Increase", "new": "Decrease"}}),
    # the same direction about the same thing, in other words: unchanged
    (trend("t1", "a-0", "Increase"), trend("t2", "b-0", "Increase", label="more toxic supply"), {}, None),
    (trend("t1", "a-0", "Increase"), trend("t2", "b-0", "Decrease", region="on"), {"new": 1, "gone": 1}, None),
    # two old trends of one key, one stated again: the other is gone, not paired with it
    (trend("t1", "a-0", "Increase") + trend("t3", "a-0", "Decrease", label="price of fentanyl"),
     trend("t2", "b-0", "Increase"), {"gone": 1}, None),
    # reversed trends pair by their words: the price one with the price one
    (trend("t1", "a-0", "Increase", label="toxicity") + trend("t3", "a-0", "Decrease", label="street price"),
     trend("t2", "b-0", "Stable", label="street prices") + trend("t4", "b-0", "Increase", label="toxicity"),
     {"changed": 1}, {"direction": {"old": "Decrease", "new": "Stable"}}),
])
def test_trends_match_by_subject_and_region(old, new, expected, change):
    result = changes(old, new, "trends")
    assert statuses(result) == expected
    if change:
        assert result["changed"][0]["changes"] == change


@pytest.mark.parametrize("old, new, expected, change", [
    (relation("r1", "a-0"), relation("r2", "b-0", polarity="Negative"), {"changed": 1},
     {"polarity": {"old": ["Positive"], "new": ["Negative"]}}),
    (relation("r1", "a-0", modality="Expected"), relation("r2", "b-0"), {"changed": 1},
     {"modality": {"old": ["Expected"], "new": ["Asserted"]}}),
    (relation("r1", "a-0"), relation("r2", "b-0"), {}, None),
    (relation("r1", "a-0"), relation("r2", "b-0", predicate="supplies"), {"new": 1, "gone": 1}, None),
    # background knowledge is stated by no sentence: never part of a diff
    (relation("r1", "a-0"), relation("r2", "b-0") + relation("r3", "", predicate="operatesIn", obj="region:bc",
                                                              background=True), {}, None),
])
def test_relations_match_by_subject_predicate_object(old, new, expected, change):
    result = changes(old, new, "relations")
    assert statuses(result) == expected
    if change:
        assert result["changed"][0]["changes"] == change


def test_entities_match_by_iri_within_each_side():
    result = changes("", mentions("b", 1, "region:on"), "entities")
    assert [(i["label"], i["new"][0]["class"]) for i in result["new"]] == [("Ontario", "Province")]
    assert result["new"][0]["new"][0]["mentions"][0]["text"] == "The second sentence."
    assert not result["gone"] and not result["changed"]


def test_an_entity_whose_label_changed_between_graphs():
    text = PREFIXES + ENTITIES + document("a", ["Fentanyl."]) + mentions("a", 0, "substance:fentanyl")
    old = Graph().parse(data=text, format="turtle")
    new = Graph().parse(data=text.replace('"fentanyl"@en', '"illicit fentanyl"@en'), format="turtle")
    result = compare(read_side(old, name="old"), read_side(new, name="new"))["entities"]
    assert [item["changes"] for item in result["changed"]] == [{"label": {"old": "fentanyl", "new": "illicit fentanyl"}}]
    assert not result["new"] and not result["gone"]


# ------------------------------------------------------------------ selectors

def two_documents() -> Graph:
    return graph_of(
        document("rt-2021", ["Fourth Roundtable on Drugs", "It met on March 4, 2021."], title="Fourth Roundtable"),
        document("rt-2022", ["Fifth Roundtable on Drugs", "It met on March 3, 2022."], title="Fifth Roundtable"),
        'event:fourth a rtg:Event, rtg:Meeting ; rdfs:label "Fourth Roundtable on Drugs"@en ; '
        'rtg:mentionedIn passage:rt-2021-0, passage:rt-2022-0 .\n'
        'event:series a rtg:Event, rtg:Meeting ; rdfs:label "Roundtables on Drugs"@en ; '
        'rtg:mentionedIn passage:rt-2021-0, passage:rt-2022-0 .\n'
        'assertion:d1 a rtg:Assertion ; rdf:subject event:fourth ; rdf:predicate rtg:date ; '
        'rdf:object "2021-03-04"^^xsd:date ; rtg:polarity rtg:Positive ; rtg:modality rtg:Asserted ; '
        'rtg:evidence passage:rt-2021-1 .\n'
        'event:fourth rtg:date "2021-03-04"^^xsd:date .\n')


@pytest.mark.parametrize("selector, expected", [
    ("rt-2021.txt", "rt-2021"),                      # file name
    ("data/rt-2021.txt", "rt-2021"),                 # the path it was built from
    ("rt-2022", "rt-2022"),                          # file name without its suffix
    ("https://w3id.org/rtgraph/resource/document/rt-2022", "rt-2022"),
    ("document:rt-2021", "rt-2021"),                 # prefixed IRI
    ("fifth roundtable", "rt-2022"),                 # title, any case
    ("Fourth Roundtable on Drugs", "rt-2021"),       # meeting: the document that dates it, not every mention
    ("2021-03", "rt-2021"),                          # a meeting's date, or its month or year
    ("2021", "rt-2021"),
])
def test_select_documents(selector, expected):
    found = select_documents(two_documents(), selector, where="g.ttl", option="--old")
    assert found == (f"https://w3id.org/rtgraph/resource/document/{expected}",)


@pytest.mark.parametrize("selector, message", [
    ("Roundtables on Drugs", "g.ttl: --old 'Roundtables on Drugs' is ambiguous: the meeting matches 2 documents: "
                             "rt-2021.txt (Fourth Roundtable), rt-2022.txt (Fifth Roundtable)"),
    ("Sixth Roundtable", "g.ttl: --old 'Sixth Roundtable' matches no document or meeting"),
    ("2023-03", "g.ttl: --old '2023-03' matches no document or meeting"),
])
def test_select_documents_errors(selector, message):
    with pytest.raises(GraphError) as error:
        select_documents(two_documents(), selector, where="g.ttl", option="--old")
    assert str(error.value).startswith(message)
    assert "rt-2021.txt" in str(error.value) and "\n" not in str(error.value)


# ------------------------------------------------------------------ the two roundtables, end to end

@pytest.fixture(scope="session")
def meetings(seed_turtle, tmp_path_factory):
    """The 2021 summary, the 2022 one written for these tests, and both in one graph (Turtle files)."""
    from rtgraph.pipeline import extract
    from rtgraph.rdf import serialize, to_graph

    folder = tmp_path_factory.mktemp("diff")
    paths = {"old": folder / "old.ttl", "new": folder / "new.ttl", "both": folder / "both.ttl"}
    paths["old"].write_bytes(seed_turtle)
    paths["new"].write_bytes(serialize(to_graph(extract([LATER]))))
    paths["both"].write_bytes(serialize(to_graph(extract([DATA, LATER]))))
    return paths


@pytest.fixture(scope="session")
def changed(meetings):
    return diff(meetings["old"], meetings["new"])


def sentences(path, phrase: str) -> list[str]:
    """The sentences (and headings) of a document that contain ``phrase``."""
    found = re.split(r"(?<=[.!?])\s+|\n+", path.read_text(encoding="utf-8"))
    return sorted(s.strip() for s in found if phrase in s)


def sentence(path, phrase: str) -> str:
    """The one sentence of a document that contains ``phrase``."""
    found = sentences(path, phrase)
    assert len(found) == 1, (phrase, found)
    return found[0]


def only(items: list[dict], **where) -> dict:
    found = [i for i in items if all(i[k] == v for k, v in where.items())]
    assert len(found) == 1, (where, [i["label"] for i in items])
    return found[0]


def cited(fact: dict, path) -> list[str]:
    """The sentences a fact cites, each checked against its document's text at its offsets."""
    text = path.read_text(encoding="utf-8")
    evidence = fact.get("evidence", fact.get("mentions"))
    assert all(text[e["start"]:e["end"]] == e["text"] and e["document"] == path.name for e in evidence)
    return [e["text"] for e in evidence]


@pytest.mark.parametrize("old_phrase, new_phrase, old_value, new_value", [
    ("21,174 apparent opioid toxicity deaths", "29,052 apparent opioid toxicity deaths", "21174", "29052"),
    ("6,214 people lost their lives", "7,560 people lost their lives", "6214", "7560"),
    ("rate 2.5 times higher", "rate 2.7 times higher", "2.5", "2.7"),
])
def test_figures_that_moved(changed, old_phrase, new_phrase, old_value, new_value):
    moved = [i for i in changed["statistics"]["changed"]
             if i["changes"].get("value") == {"old": old_value, "new": new_value}]
    assert len(moved) == 1
    assert cited(moved[0]["old"][0], SEED) == [sentence(SEED, old_phrase)]
    assert cited(moved[0]["new"][0], LATER) == [sentence(LATER, new_phrase)]


@pytest.mark.parametrize("old_phrase, new_phrase, old_direction, new_direction", [
    ("decline in seizures of finished fentanyl from China", "increase in seizures of finished fentanyl from China",
     "Decrease", "Increase"),
    ("increasing amounts of methamphetamine", "decreasing amounts of methamphetamine", "Increase", "Decrease"),
])
def test_trends_that_reversed(changed, old_phrase, new_phrase, old_direction, new_direction):
    reversed_ = [i for i in changed["trends"]["changed"]
                 if i["changes"].get("direction") == {"old": old_direction, "new": new_direction}
                 and sentence(SEED, old_phrase) in cited(i["old"][0], SEED)]
    assert len(reversed_) == 1
    assert cited(reversed_[0]["new"][0], LATER) == [sentence(LATER, new_phrase)]


@pytest.mark.parametrize("label, field, old, new, old_phrase, new_phrase", [
    ("organized crime groups movesAwayFrom cocaine", "polarity", ["Positive"], ["Negative"],
     "OCGs are moving away from cocaine", "OCGs are not moving away from cocaine"),
    ("organized crime groups operatesIn Latin America", "modality", ["Expected"], ["Asserted"],
     "expected to absorb smaller groups", "have expanded control of territory in Latin America"),
    ("Latin America produces precursor chemicals", "modality", ["Expected"], ["Asserted"],
     "expected to start, or expand, manufacturing", "now manufacture chemical precursors"),
])
def test_relations_now_denied_or_now_asserted(changed, label, field, old, new, old_phrase, new_phrase):
    item = only(changed["relations"]["changed"], label=label)
    assert item["changes"] == {field: {"old": old, "new": new}}
    assert [t for f in item["old"] for t in cited(f, SEED)] == [sentence(SEED, old_phrase)]
    assert [t for f in item["new"] for t in cited(f, LATER)] == [sentence(LATER, new_phrase)]


@pytest.mark.parametrize("name, cls", [
    ("Sinaloa Cartel", "CriminalGroup"), ("Jalisco New Generation Cartel", "CriminalGroup"),
    ("Hells Angels", "CriminalGroup"), ("Telegram", "Platform"), ("nitazenes", "Opioid"), ("Ontario", "Province"),
])
def test_new_actors_and_substances(changed, name, cls):
    item = only(changed["entities"]["new"], label=name)
    assert item["old"] == [] and item["new"][0]["class"] == cls
    assert sorted(cited(item["new"][0], LATER)) == sentences(LATER, name)
    assert name not in SEED.read_text(encoding="utf-8")


@pytest.mark.parametrize("kind, field, said", [
    ("statistics", "label", "4.3 times higher than the national average"),   # Vancouver's rate, stated again
    ("trends", "label", "increased adulteration with fentanyl"),
    ("relations", None, "naloxone counters benzodiazepines"),                 # still denied
    ("relations", None, "China supplies precursor chemicals"),
])
def test_unchanged_facts_are_not_listed(meetings, changed, kind, field, said):
    from rtgraph.graphs import read_graph

    for side in ("old", "new"):  # stated on both sides ...
        facts = getattr(read_side(read_graph(meetings[side]), name=side), kind)
        assert said in {f.label if field else f"{f.subject.label} {f.predicate.rsplit('#', 1)[-1]} {f.object.label}"
                        for f in facts}
    stated = {item["label"] if field is None else fact[field] for status in ("new", "gone", "changed")
              for item in changed[kind][status] for side in ("old", "new") for fact in item[side]}
    assert said not in stated  # ... and listed nowhere
    assert changed["summary"][kind]["unchanged"] > 0


def test_unchanged_entities_are_not_listed(changed):
    listed = {i["label"] for status in ("new", "gone", "changed") for i in changed["entities"][status]}
    assert not listed & {"fentanyl", "organized crime groups", "British Columbia", "naloxone", "China"}


def test_two_documents_of_one_graph_give_the_same_changes(meetings, changed):
    inside = diff(meetings["both"], None, old_selector="Fourth Law Enforcement Roundtable on Drugs",
                  new_selector="roundtable-2022-03.txt")
    assert [d["source"] for d in inside["new"]["documents"]] == ["roundtable-2022-03.txt"]
    selected = diff(meetings["old"], meetings["new"], old_selector="2021-03", new_selector="Fifth Law Enforcement "
                    "Roundtable on Drugs")  # a selector on each of two graphs
    for kind in ("statistics", "trends", "relations", "entities"):
        assert inside[kind] == changed[kind] == selected[kind]
        assert inside["summary"][kind] == changed["summary"][kind]


# ------------------------------------------------------------------ the command

def test_diff_command_text(meetings, changed, capsys):
    assert main(["diff", str(meetings["old"]), str(meetings["new"])]) == 0
    text = capsys.readouterr().out
    assert text == format_text(changed)
    lines = text.splitlines()
    for heading in ("Statistics", "Trends", "Relations", "Entities"):
        assert heading in lines
    assert "  Changed (3)" in lines and "        value: 21,174 \u2192 29,052" in lines
    assert "        polarity: Positive \u2192 Negative" in lines
    assert "\u201cContrary to earlier reports, OCGs are not moving away" in text
    assert "(roundtable-2022-03.txt " in text and "(roundtable-2021-03.txt " in text


def test_diff_command_json_is_stable(meetings, changed, capsys):
    assert main(["diff", str(meetings["old"]), str(meetings["new"]), "--format", "json"]) == 0
    out = capsys.readouterr().out
    data = json.loads(out)
    assert data["format"] == "rtgraph-diff" and data["version"] == 1
    assert {k: data[k] for k in ("summary", "statistics", "trends", "relations", "entities")} == \
           {k: changed[k] for k in ("summary", "statistics", "trends", "relations", "entities")}
    assert out == json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    assert data["summary"]["statistics"]["changed"] == len(data["statistics"]["changed"])


def test_diff_command_html_is_offline_escaped_and_deterministic(meetings, tmp_path, capsys):
    pages = []
    for name in ("a.html", "b.html"):
        assert main(["diff", str(meetings["old"]), str(meetings["new"]), "--format", "html",
                     "-o", str(tmp_path / name)]) == 0
        pages.append((tmp_path / name).read_bytes())
    assert pages[0] == pages[1]
    page = pages[0].decode("utf-8")
    assert '<meta name="generator" content="rtgraph">' in page.split("</head>")[0]
    assert not re.search(r"(src|href)\s*=", page) and "<script" not in page
    assert "Contrary to earlier reports, OCGs are not moving away from cocaine" in page
    assert "Canada\u2019s (PS)" in page  # text kept as written, in UTF-8


def test_html_escapes_the_text_it_quotes():
    g = graph_of(document("a", ['Sellers wrote "<script>alert(1)</script>" & more.']), statistic("s1", "a-0", 10))
    page = render_html(compare(read_side(graph_of(), name="<empty>"), read_side(g, name="a")))
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "&amp; more" in page
    assert "&lt;empty&gt;" in page


def test_same_graph_on_both_sides_has_no_changes(meetings, capsys):
    assert main(["diff", str(meetings["old"]), str(meetings["old"])]) == 0
    out = capsys.readouterr().out
    assert out.rstrip().endswith("\nno changes")
    assert "unchanged" in out.splitlines()[3]


@pytest.mark.parametrize("args, message, error", [
    (["{missing}", "{old}"], "none.ttl: cannot read graph: no such file", GraphError),
    (["{both}"], "diff: with one GRAPH, give both --old and --new", UsageError),
    (["{both}", "--old", "roundtable-2021-03.txt", "--new", "Sixth"], "--new 'Sixth' matches no document or meeting",
     GraphError),
    (["{both}", "--old", "Law Enforcement Roundtables on Drugs", "--new", "2022"], "is ambiguous", GraphError),
    (["{old}", "{old}", "--format", "html"], "diff: --format html needs -o FILE", UsageError),
    (["{old}", "{new}", "-o", "{new}"], "diff: -o would overwrite a graph being compared", UsageError),
])
def test_diff_command_errors(meetings, tmp_path, capsys, args, message, error):
    paths = {**{k: str(v) for k, v in meetings.items()}, "missing": str(tmp_path / "none.ttl")}
    assert main(["diff", *(a.format(**paths) for a in args)]) == error.exit_code
    captured = capsys.readouterr()
    assert message in captured.err and captured.err.count("\n") == 1 and captured.out == ""
    assert meetings["new"].read_bytes().startswith(b"@prefix")  # nothing built is lost


def test_diff_reads_a_store_folder(meetings, changed, tmp_path):
    from rtgraph.graphs import load_store

    load_store([meetings["new"]], tmp_path / "store")
    assert diff(meetings["old"], tmp_path / "store")["statistics"] == changed["statistics"]


def test_diff_is_the_same_under_any_hash_seed(meetings):
    import os
    import subprocess
    import sys

    def run(seed: str, fmt: str) -> bytes:
        return subprocess.run([sys.executable, "-m", "rtgraph", "diff", str(meetings["old"]), str(meetings["new"]),
                               "--format", fmt], capture_output=True, check=True,
                              env={**os.environ, "PYTHONHASHSEED": seed}).stdout

    for fmt in ("json", "text"):
        assert run("1", fmt) == run("2", fmt)
