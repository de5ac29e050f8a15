"""Consistency checks for the entity lexicons (actors, substances, regions).

Each file is a SKOS concept scheme whose concept IRIs are the entity IRIs of
built graphs (ontology/README.md, "Lexicon conventions"). Labels across all
entity lexicons must be unique: a label found in text has to denote exactly
one concept.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS

from rtgraph.namespaces import RTG, RTL

LEXICON_DIR = Path(__file__).resolve().parent.parent / "ontology" / "lexicon"

RESOURCE = "https://w3id.org/rtgraph/resource/"

README_PREFIXES = {
    "rtg": "https://w3id.org/rtgraph/ontology#",
    "rtl": "https://w3id.org/rtgraph/lexicon#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "actor": RESOURCE + "actor/",
    "substance": RESOURCE + "substance/",
    "region": RESOURCE + "region/",
    "policy": RESOURCE + "policy/",
    "event": RESOURCE + "event/",
    "method": RESOURCE + "method/",
    "cue": "https://w3id.org/rtgraph/lexicon/cue/",
}

# file -> (scheme, IRI namespace of its concepts, entity classes allowed there)
ENTITY_FILES = {
    "actors.ttl": (
        RTL._NS["actors"],
        RESOURCE + "actor/",
        {RTG.CriminalGroup, RTG.Agency, RTG.Platform, RTG.Organization, RTG.Community, RTG.Stakeholder},
    ),
    "substances.ttl": (
        RTL._NS["substances"],
        RESOURCE + "substance/",
        {
            RTG.Substance, RTG.Opioid, RTG.Stimulant, RTG.Depressant, RTG.Hallucinogen,
            RTG.Cannabinoid, RTG.Precursor, RTG.Medication,
        },
    ),
    "regions.ttl": (
        RTL._NS["regions"],
        RESOURCE + "region/",
        {RTG.Region, RTG.Country, RTG.Province, RTG.City, RTG.WorldRegion},
    ),
}

LOCAL_NAME = re.compile(r"^[a-z]+(?:-[a-z]+)*$")
WIKIDATA = re.compile(r"^http://www\.wikidata\.org/entity/Q[1-9][0-9]*$")

# Labels deliberately shared by two concepts (normalized label -> concept IRIs).
# Keep empty unless a collision is intended and documented here.
ALLOWED_SHARED_LABELS: dict[str, set[str]] = {}


def _parse(path: Path) -> Graph:
    g = Graph()
    g.parse(path, format="turtle")
    return g


@pytest.fixture(scope="module")
def graphs() -> dict[str, Graph]:
    return {name: _parse(LEXICON_DIR / name) for name in ENTITY_FILES}


@pytest.fixture(scope="module")
def regions(graphs) -> set[URIRef]:
    return set(graphs["regions.ttl"].subjects(RDF.type, SKOS.Concept))


def _concepts(g: Graph) -> list[URIRef]:
    return sorted(set(g.subjects(RDF.type, SKOS.Concept)))


def _norm(label: str) -> str:
    return unicodedata.normalize("NFC", label).casefold().strip()


def _labels(g: Graph, concept) -> list[Literal]:
    """Every surface form matched: prefLabel, real aliases and hidden spelling variants."""
    return [label for p in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel) for label in g.objects(concept, p)]


@pytest.mark.parametrize("name", sorted(ENTITY_FILES))
def test_file_declares_readme_prefixes(name):
    text = (LEXICON_DIR / name).read_text(encoding="utf-8")
    for prefix, iri in README_PREFIXES.items():
        assert re.search(rf"^@prefix\s+{prefix}:\s+<{re.escape(iri)}>\s*\.", text, re.M), (
            f"{name}: missing @prefix {prefix}: <{iri}>"
        )


@pytest.mark.parametrize("name", sorted(ENTITY_FILES))
def test_scheme_declared(name, graphs):
    g = graphs[name]
    scheme = ENTITY_FILES[name][0]
    assert (scheme, RDF.type, SKOS.ConceptScheme) in g, f"{name}: {scheme} is not a skos:ConceptScheme"
    labels = list(g.objects(scheme, SKOS.prefLabel))
    assert len(labels) == 1 and labels[0].language == "en", f"{name}: scheme needs one @en prefLabel"
    assert set(g.subjects(RDF.type, SKOS.ConceptScheme)) == {scheme}


@pytest.mark.parametrize("name", sorted(ENTITY_FILES))
def test_no_blank_nodes(name, graphs):
    for triple in graphs[name]:
        assert not any(isinstance(term, BNode) for term in triple), f"{name}: blank node in {triple}"


@pytest.mark.parametrize("name", sorted(ENTITY_FILES))
def test_concept_iris_and_scheme(name, graphs):
    g = graphs[name]
    scheme, namespace, _ = ENTITY_FILES[name]
    concepts = _concepts(g)
    assert concepts, f"{name}: no concepts"
    for c in concepts:
        assert str(c).startswith(namespace), f"{name}: {c} is not in {namespace}"
        local = str(c)[len(namespace):]
        assert LOCAL_NAME.match(local), f"{name}: local name {local!r} is not lowercase ascii words joined by '-'"
        assert list(g.objects(c, SKOS.inScheme)) == [scheme], f"{name}: {c} must be skos:inScheme {scheme} once"
    # every subject of the file is either the scheme or one of its concepts
    assert set(g.subjects()) == set(concepts) | {scheme}


@pytest.mark.parametrize("name", sorted(ENTITY_FILES))
def test_labels(name, graphs):
    g = graphs[name]
    for c in _concepts(g):
        prefs = list(g.objects(c, SKOS.prefLabel))
        assert len(prefs) == 1, f"{name}: {c} has {len(prefs)} prefLabels"
        seen: set[str] = set()
        for label in _labels(g, c):
            assert isinstance(label, Literal) and label.language == "en", f"{name}: {c} label {label!r} is not @en"
            text = str(label)
            assert text == text.strip() and "  " not in text and text, f"{name}: {c} label {text!r} has stray spaces"
            key = _norm(text)
            assert key not in seen, f"{name}: {c} repeats label {text!r}"
            seen.add(key)


@pytest.mark.parametrize("name", sorted(ENTITY_FILES))
def test_entity_class_direct_or_inherited(name, graphs):
    g = graphs[name]
    _, _, allowed = ENTITY_FILES[name]
    concepts = set(_concepts(g))
    for c in concepts:
        for cls in g.objects(c, RTL.entityClass):
            assert cls in allowed, f"{name}: {c} has entityClass {cls} (allowed: {sorted(allowed)})"
        assert len(list(g.objects(c, RTL.entityClass))) <= 1, f"{name}: {c} has several entityClass values"
        # walk up skos:broader (breadth first) until a class is found; detect cycles
        frontier, visited, found = [c], set(), None
        while frontier and found is None:
            nxt = []
            for node in frontier:
                assert node not in visited, f"{name}: skos:broader cycle through {node}"
                visited.add(node)
                classes = list(g.objects(node, RTL.entityClass))
                if classes:
                    found = classes[0]
                    break
                nxt.extend(g.objects(node, SKOS.broader))
            frontier = nxt
        assert found is not None, f"{name}: {c} has no rtl:entityClass on itself or an ancestor"


@pytest.mark.parametrize("name", sorted(ENTITY_FILES))
def test_broader_targets_defined(name, graphs):
    g = graphs[name]
    concepts = set(_concepts(g))
    for c, target in g.subject_objects(SKOS.broader):
        assert target in concepts, f"{name}: {c} skos:broader {target}, which this file does not define"
        assert target != c, f"{name}: {c} is broader than itself"


@pytest.mark.parametrize("name", sorted(ENTITY_FILES))
def test_jurisdiction_targets_are_regions(name, graphs, regions):
    g = graphs[name]
    for c, target in g.subject_objects(RTL.jurisdiction):
        assert target in regions, f"{name}: {c} rtl:jurisdiction {target} is not defined in regions.ttl"


@pytest.mark.parametrize("name", sorted(ENTITY_FILES))
def test_exact_matches_are_wikidata_entities(name, graphs):
    g = graphs[name]
    for c, target in g.subject_objects(SKOS.exactMatch):
        assert isinstance(target, URIRef) and WIKIDATA.match(str(target)), f"{name}: {c} exactMatch {target}"
    # one concept per Wikidata item
    owners = defaultdict(set)
    for c, target in g.subject_objects(SKOS.exactMatch):
        owners[target].add(c)
    shared = {t: cs for t, cs in owners.items() if len(cs) > 1}
    assert not shared, f"{name}: Wikidata items matched by several concepts: {shared}"


CANADIAN_PROVINCES_AND_TERRITORIES = [
    "british-columbia", "alberta", "saskatchewan", "manitoba", "ontario", "quebec", "new-brunswick",
    "nova-scotia", "prince-edward-island", "newfoundland-and-labrador", "yukon", "northwest-territories",
    "nunavut",
]


def test_regions_containment(graphs):
    """skos:broader is geographic containment that stops at the country."""
    g = graphs["regions.ttl"]
    region = RESOURCE + "region/"
    cls = {c: next(g.objects(c, RTL.entityClass), None) for c in _concepts(g)}
    for c, klass in cls.items():
        parents = list(g.objects(c, SKOS.broader))
        assert klass is not None, f"{c}: every region concept states its own class"
        if klass in (RTG.Country, RTG.WorldRegion):
            assert not parents, f"{c}: countries and world regions have no skos:broader"
            continue
        assert len(parents) == 1, f"{c}: a province, city or area lies in exactly one region"
        parent_cls = cls[parents[0]]
        if klass == RTG.Province:
            assert parent_cls == RTG.Country, f"{c}: a province/state lies in a country"
        else:
            assert parent_cls in (RTG.Country, RTG.Province, RTG.City, RTG.Region), (
                f"{c}: a city or area lies in a country, province, city or area, not in {parent_cls}"
            )
    canada = URIRef(region + "canada")
    for local in CANADIAN_PROVINCES_AND_TERRITORIES:
        p = URIRef(region + local)
        assert cls.get(p) == RTG.Province and (p, SKOS.broader, canada) in g, f"{p}: a province under Canada"
    assert (URIRef(region + "vancouver"), SKOS.broader, URIRef(region + "british-columbia")) in g


def test_labels_unique_across_entity_lexicons():
    """No label (case-insensitively) names two concepts across the entity lexicons (cue, frame and head-noun files are word lists)."""
    owners: dict[str, set[str]] = defaultdict(set)
    files = sorted(p for p in LEXICON_DIR.glob("*.ttl") if p.name in ENTITY_FILES)
    assert {p.name for p in files} >= set(ENTITY_FILES)
    for path in files:
        g = _parse(path)
        for c in set(g.subjects(RDF.type, SKOS.Concept)):
            for label in _labels(g, c):
                owners[_norm(str(label))].add(f"{path.name}:{c}")
    collisions = {
        label: sorted(cs)
        for label, cs in owners.items()
        if len(cs) > 1 and {x.split(":", 1)[1] for x in cs} != ALLOWED_SHARED_LABELS.get(label)
    }
    assert not collisions, "labels shared by several concepts:\n" + "\n".join(
        f"  {label!r}: {cs}" for label, cs in sorted(collisions.items())
    )


def _variant_key(label: str) -> str:
    """A label reduced past case, accents, punctuation, hyphens/spaces, plural -s and -ise/-ize."""
    text = "".join(c for c in unicodedata.normalize("NFKD", label) if not unicodedata.combining(c)).casefold()
    words = re.sub(r"[-\u2013\u2011/]", " ", re.sub(r"[.'\u2019]", "", text)).split()
    words = [re.sub(r"is(e|ed|es|ing|ation|ations)$", r"iz\1", w) for w in words]
    return "".join(w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w for w in words)


@pytest.mark.parametrize("name", sorted(ENTITY_FILES))
def test_spelling_variants_are_hidden_labels(name, graphs):
    """skos:altLabel lists names a concept is really called by; mere spelling, case, accent,
    hyphenation and plural variants of its label or of another alias are skos:hiddenLabel."""
    g = graphs[name]
    for c in _concepts(g):
        taken = {_variant_key(str(next(g.objects(c, SKOS.prefLabel))))}
        for alias in sorted(str(a) for a in g.objects(c, SKOS.altLabel)):
            key = _variant_key(alias)
            assert key not in taken, f"{name}: {c} altLabel {alias!r} is a spelling variant: make it a skos:hiddenLabel"
            taken.add(key)


def test_hidden_labels_are_matched_but_are_not_aliases(tmp_path):
    from helpers import run

    from rtgraph.lexicon import load_lexicon

    sq = load_lexicon().concepts[RESOURCE + "actor/surete-du-quebec"]
    assert "Surete du Quebec" in sq.hidden and "Surete du Quebec" not in sq.aliases
    assert "Surete du Quebec" in sq.labels and "SQ" in sq.aliases
    view = run(tmp_path, "The Surete du Quebec seized fentanyl in B.C. and organised crime groups sold it.")
    sq_entity, bc, ocgs = (view.entity(n) for n in ("Sûreté du Québec", "British Columbia", "organized crime groups"))
    assert "Surete du Quebec" in sq_entity.hidden and "Surete du Quebec" not in sq_entity.aliases
    assert "B.C." in bc.hidden and "B.C." not in bc.aliases and "BC" in bc.aliases
    assert "organised crime groups" in ocgs.hidden and "OCGs" in ocgs.aliases
    assert not set(ocgs.aliases) & set(ocgs.hidden)


def test_each_concept_is_described_once():
    # RDF merges two descriptions of one IRI silently: a second block would widen the first
    seen: dict[str, str] = {}
    twice = []
    for path in sorted(LEXICON_DIR.glob("*.ttl")):
        for match in re.finditer(r"^(\S+:\S+) a ", path.read_text(encoding="utf-8"), re.M):
            if match.group(1) in seen:
                twice.append(f"{match.group(1)} in {seen[match.group(1)]} and {path.name}")
            seen[match.group(1)] = path.name
    assert not twice, twice
