"""The offline HTML viewer (rtgraph.html), checked without a browser."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from rdflib import Graph

from rtgraph.errors import GraphError, LexiconError
from rtgraph.html import relation_phrase, render_html, write_html

from viewer_fixtures import ROUNDTABLE, ROUNDTABLE_ENTITIES, ROUNDTABLE_RELATIONS, XSS, build  # noqa: E402


def fixture_graph() -> Graph:
    return build(
        *ROUNDTABLE,
        ROUNDTABLE_ENTITIES,
        ROUNDTABLE_RELATIONS + [("event/roundtable", "date", "2021-03-04", "Positive", "Asserted", 0.9, 0)],
    )


def xss_graph() -> Graph:
    return build(
        XSS, "Section " + XSS,
        ["Evidence " + XSS, "Other " + XSS],
        [("actor/evil", "CriminalGroup", XSS, [XSS, "javascript:alert(1)"], [0]),
         ("substance/evil", "Opioid", "drug " + XSS, ['href="x"'], [1])],
        [("actor/evil", "traffics", "substance/evil", "Positive", "Asserted", 0.8, 0)],
    )


class Tags(HTMLParser):
    """Collects start tags with their attributes (script/style bodies are raw text, not tags)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def tags(page: str) -> list[tuple[str, dict]]:
    parser = Tags()
    parser.feed(page)
    parser.close()
    return parser.tags


BLOB = re.compile(r'<script type="application/json" id="rtgraph-data">(.*?)</script>', re.S)


@pytest.fixture(scope="module")
def page() -> str:
    return render_html(fixture_graph())


def test_no_external_resources(page):
    found = tags(page)
    assert [t for t, _ in found].count("html") == 1
    for tag, attrs in found:
        for name in ("src", "href"):
            value = (attrs.get(name) or "").strip().lower()
            assert not value.startswith(("http:", "https:", "//", "javascript:")), (tag, attrs)
        assert tag != "link", attrs
        if tag == "script":
            assert "src" not in attrs, attrs
    assert not re.search(r"""\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", page, re.I)
    assert "bootstrap" not in page.lower() and "cdn.jsdelivr" not in page and "cdnjs" not in page
    assert page.startswith("<!DOCTYPE html>")


def test_page_content(page):
    blobs = BLOB.findall(page)
    assert len(blobs) == 1
    data = json.loads(blobs[0])
    assert data["summary"] == {"documents": 1, "entities": 9, "related": 6, "relations": 4, "from_text": 4,
                               "background": 0, "edges": 4}
    assert [n["label"] for n in data["nodes"]][:2] == ["Canada Border Services Agency", "organized crime groups"]
    placed = [n for n in data["nodes"] if n["degree"]]
    assert all(isinstance(n["x"], int) and isinstance(n["y"], int) for n in placed) and len(placed) == 6
    assert all(n["x"] is None for n in data["nodes"] if not n["degree"])  # listed apart, not laid out
    neg = [e for e in data["edges"] if e["polarity"] == "Negative"]
    assert len(neg) == 1 and neg[0]["predicate"] == "counters"
    assert {c["name"]: c["shape"] for c in data["classes"]} == {
        "Actor": "dot", "Substance": "diamond", "Region": "square", "PolicyLever": "triangle",
        "Event": "star", "Method": "triangleDown"}
    assert "<title>Roundtable on Illegal Drugs</title>" in page
    assert ("1 document \u00b7 9 entities (6 with relations) \u00b7 4 relations: 4 read from the text, "
            "0 background \u00b7 drawn as 4 edges") in page
    assert page.count('<meta name="generator" content="rtgraph">') == 1
    assert page.index('<meta name="generator"') < page.index("</head>")
    assert 'id="rtg-search"' in page and 'id="rtg-physics"' in page
    assert '"physics": {"enabled": false' in page


def test_focus_neighbourhood():
    data = json.loads(BLOB.findall(render_html(fixture_graph(), focus="bc", hops=1))[0])
    assert sorted(n["label"] for n in data["nodes"]) == ["British Columbia", "organized crime groups"]
    assert [data["nodes"][i]["label"] for i in data["focus"]] == ["British Columbia"]
    assert data["summary"]["relations"] == 1 and data["summary"]["edges"] == 1
    with pytest.raises(GraphError, match="did you mean"):
        render_html(fixture_graph(), focus="organised crime group")


def test_deterministic_bytes(tmp_path):
    graph = fixture_graph()
    assert render_html(graph) == render_html(graph)
    ttl = tmp_path / "g.ttl"
    graph.serialize(ttl, format="turtle")
    code = ("import sys, hashlib; from rtgraph.netx import load; from rtgraph.html import render_html; "
            "print(hashlib.sha256(render_html(load(sys.argv[1])).encode()).hexdigest())")
    digests = set()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed,
               "PYTHONPATH": os.pathsep.join([str(Path(__file__).parents[1] / "src"), os.environ.get("PYTHONPATH", "")])}
        out = subprocess.run([sys.executable, "-c", code, str(ttl)], env=env, capture_output=True, text=True, check=True)
        digests.add(out.stdout.strip())
    assert digests == {hashlib.sha256(render_html(graph).encode()).hexdigest()}


def test_write_html_is_atomic_and_leaves_no_lib(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    out = write_html(fixture_graph(), "graph.html", title="My graph")
    assert out == Path("graph.html")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.html"]
    assert not (tmp_path / "lib").exists()
    text = (tmp_path / "graph.html").read_text(encoding="utf-8")
    assert "<title>My graph</title>" in text
    (tmp_path / "sub").mkdir()
    write_html(fixture_graph(), tmp_path / "sub" / "g.html")
    assert sorted(p.name for p in (tmp_path / "sub").iterdir()) == ["g.html"]


def test_xss_strings_only_inside_escaped_json():
    page = render_html(xss_graph())
    blobs = BLOB.findall(page)
    assert len(blobs) == 1
    blob = blobs[0]
    assert "<" not in blob and ">" not in blob and "&" not in blob
    assert "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e" in blob
    data = json.loads(blob)
    assert data["nodes"][0]["label"] == XSS and data["nodes"][0]["aliases"] == [XSS, "javascript:alert(1)"]
    assert data["passages"][0]["text"] == "Evidence " + XSS
    assert data["passages"][0]["section"] == "Section " + XSS
    assert data["documents"][0]["title"] == XSS
    rest = BLOB.sub("", page)
    assert "<script>alert(1)" not in rest
    assert "alert(1)</script>" not in rest
    assert "<img" not in rest
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in rest  # the escaped title in <title> and the header
    for tag, attrs in tags(page):
        assert tag != "img"
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        assert not any("alert" in (value or "") for value in attrs.values()), (tag, attrs)


def test_background_edges_and_hidden_labels_in_the_payload(tmp_path):
    """A lexicon fact reaches the viewer flagged as background, with its source and no evidence;
    spelling variants travel as hidden labels for search, not as aliases."""
    import rtgraph

    doc = tmp_path / "doc.txt"
    doc.write_text("Police in Vancouver seized fentanyl.\n\nB.C. recorded 2,000 deaths.\n", encoding="utf-8")
    page = render_html(rtgraph.build([doc]))
    blob = json.loads(re.search(r'id="rtgraph-data">(.*?)</script>', page, re.S).group(1))
    names = {n["id"]: n for n in blob["nodes"]}
    (edge,) = [e for e in blob["edges"] if e["predicate"] == "partOf"]
    assert (names[edge["from"]]["label"], names[edge["to"]]["label"]) == ("Vancouver", "British Columbia")
    assert edge["background"] is True and edge["evidence"] == [] and edge["confidence"] is None
    assert edge["derived"] == ["https://w3id.org/rtgraph/lexicon#regions"] and len(edge["named_in"]) == 1
    assert all(e["background"] is False for e in blob["edges"] if e is not edge)
    bc = next(n for n in blob["nodes"] if n["label"] == "British Columbia")
    assert "B.C." in bc["variants"] and "B.C." not in bc["aliases"] and "BC" in bc["aliases"]


@pytest.mark.parametrize("predicate, polarity, modality, expected", [
    ("counters", "Negative", "Asserted", "does not counter"),
    ("counters", "Positive", "Asserted", "counters"),
    ("traffics", "Positive", "Possible", "may traffic"),
    ("supplies", "Positive", "Expected", "expected to supply"),
    ("operatesIn", "Negative", "Asserted", "does not operate in"),
    ("partOf", "Negative", "Asserted", "is not part of"),
    ("partOf", "Positive", "Possible", "may be part of"),
    ("mixedWith", "Positive", "Asserted", "mixed with"),
    ("targets", "Negative", "Possible", "may not target"),
    ("hasPart", "Negative", "Asserted", "does not have part"),
    ("organizes", "Positive", "Expected", "expected to organize"),
])
def test_relation_phrases(predicate, polarity, modality, expected):
    assert relation_phrase(predicate, polarity, modality) == expected


def test_every_relation_of_the_ontology_has_its_six_phrases():
    from rdflib import RDFS

    from rtgraph.namespaces import RTG
    from rtgraph.resources import ontology_dir

    ontology = Graph().parse(ontology_dir() / "rtgraph.ttl")
    relations = {str(p) for p in ontology.transitive_subjects(RDFS.subPropertyOf, RTG.relatedTo)}
    assert len(relations) > 20
    for iri in sorted(relations):
        name = iri.rsplit("#", 1)[-1]
        phrases = {relation_phrase(name, pol, mod) for pol in ("Positive", "Negative")
                   for mod in ("Asserted", "Possible", "Expected")}
        assert len(phrases) == 6, (name, phrases)


def test_a_relation_without_phrases_is_refused():
    with pytest.raises(LexiconError, match="rtg:smuggledBy"):
        relation_phrase("smuggledBy")


def test_html_bytes_ignore_hash_seed_with_shared_facts(tmp_path):
    """Two documents stating one fact at one offset: the same page under every PYTHONHASHSEED."""
    text = ("The Fourth Roundtable was held on March 4, 2021. Over 200 participants attended.\n\n"
            "OCGs traffic fentanyl in British Columbia. Naloxone does not reverse benzodiazepines.\n")
    for name in ("a", "b", "c"):  # distinct documents (the last line differs) sharing the facts above
        (tmp_path / f"{name}.txt").write_text(text + f"\nThe notes of meeting {name} end here.\n", encoding="utf-8")
    code = ("import sys, hashlib, rtgraph; from rtgraph.html import render_html; "
            "print(hashlib.sha256(render_html(rtgraph.build(sys.argv[1:])).encode()).hexdigest())")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(Path(__file__).parents[1] / "src"),
                                                        os.environ.get("PYTHONPATH", "")])}
    digests = set()
    for seed, order in (("0", "abc"), ("1", "cba"), ("2", "bac"), ("3", "abc")):
        out = subprocess.run([sys.executable, "-c", code, *(str(tmp_path / f"{c}.txt") for c in order)],
                             env={**env, "PYTHONHASHSEED": seed}, capture_output=True, text=True, check=True)
        digests.add(out.stdout.strip())
    assert len(digests) == 1


def test_evidence_capped_per_edge_and_passages_shared():
    """Page size grows with the graph: 300 sentences of one relation cost no more than 30."""
    def graph(k):
        texts = [f"OCGs traffic fentanyl, report {i}." for i in range(k)]
        ents = [("actor/ocgs", "CriminalGroup", "OCGs", [], list(range(k))),
                ("substance/fentanyl", "Opioid", "fentanyl", [], list(range(k)))]
        rels = [("actor/ocgs", "traffics", "substance/fentanyl", "Positive", "Asserted", 0.8, i) for i in range(k)]
        return build("Doc", "Body", texts, ents, rels)

    small, large = render_html(graph(30)), render_html(graph(300))
    data = json.loads(BLOB.findall(large)[0])
    (edge,) = data["edges"]
    assert len(edge["evidence"]) == data["evidence_cap"] and edge["evidence_total"] == 300
    assert data["nodes"][0]["evidence_total"] == 300
    assert len(data["passages"]) == data["evidence_cap"]  # node and edge cite the same passages once
    assert abs(len(large) - len(small)) < 200


def test_counts_agree_with_stats_and_query(tmp_path):
    """The header, `rtgraph stats` and query 15 count the same things on the committed graph."""
    from rtgraph.netx import load
    from rtgraph.query import select
    from rtgraph.stats import format_text, summary

    graph = load(Path(__file__).parents[1] / "outputs" / "rtgraph.ttl")
    data = json.loads(BLOB.findall(render_html(graph))[0])["summary"]
    stats = summary(graph)
    r = stats["relations"]
    assert (data["relations"], data["from_text"], data["background"], data["edges"]) == (
        r["count"], r["from_text"], r["background"], r["edges"])
    assert data["entities"] == stats["entities"]["count"] and data["documents"] == stats["documents"]["count"]
    assert r["background"] == stats["background_facts"]
    _, rows = select(graph, 15)
    assert stats["evidence_rows"] == len(rows)
    text = format_text(stats)
    assert f"{r['from_text']} read from the text, {r['background']} background; drawn as {r['edges']} edges" in text
    assert f"evidence rows:    {len(rows)}" in text
