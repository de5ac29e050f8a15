#!/usr/bin/env python
"""Score rtgraph against hand-annotated gold (bench/gold/gold.json).

    python bench/gold.py            # per-doc + overall scores, FP/FN lists
    python bench/gold.py --quiet    # scores only
    python bench/gold.py --json out.json

Three documents of the genre (bench/gold/docs: a roundtable summary, an
intelligence summary, a news article) were written and annotated by hand
for this evaluation, not from data/. Each is extracted separately and scored:

* entities: a gold entity matches an extracted one when any name of one (label
  or alias, case/whitespace/quote-normalised, leading "the" dropped) equals
  any name of the other (the extracted entity's aliases and hidden labels
  include the lexicon's known aliases and spelling variants), and both have the same top-level class (Actor, Substance,
  Region, PolicyLever, Event, Method). One-to-one, best name match first
  (label=label before label=alias before alias=alias). A second extracted node
  for the same gold concept is a false positive (a duplicate node).
* relations: each extracted entity is mapped to a gold entity by name (class
  ignored, many-to-one allowed, so duplicate nodes still count for relations);
  an assertion matches a gold relation when mapped subject, predicate, mapped
  object and polarity are equal (mixedWith/partnersWith symmetric; a gold
  predicate may list equally-correct alternatives). rtg:date assertions are
  attributes, not relations, and are not scored. Assertions of the "lexicon"
  extractor (background geography/jurisdiction, not read from the text) count
  as TPs when they match gold but are NOT counted as FPs in the main score,
  nor is a text assertion of the same fact (another extractor stating what the
  lexicon already knows); the strict score counts them too. Untyped links (rtg:relatedTo) that the
  gold does not list are not counted as FPs by the list either (the gold lists
  typed relations); the strict score counts them, and ``--judge-out`` /
  ``--judged`` measure every relation's precision against its own sentence.
* statistics: numeric value equal and unit compatible (after normalising
  %/per cent/percent, $/dollars, plurals: equal, word-prefix of each other,
  or same head noun). One-to-one.

Gold items marked optional are neither rewarded nor penalised.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from decimal import Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent / "gold"

from rtgraph.pipeline import extract  # noqa: E402
from rtgraph.resources import ontology_dir  # noqa: E402

RTG = "https://w3id.org/rtgraph/ontology#"
TOP = ("Actor", "Substance", "Region", "PolicyLever", "Event", "Method")
SYMMETRIC = {"mixedWith", "partnersWith"}
ONTOLOGY = ontology_dir() / "rtgraph.ttl"


# ---------------------------------------------------------------- normalising

def norm(text: str) -> str:
    t = unicodedata.normalize("NFKC", text)
    t = t.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    t = re.sub(r"[\u2010-\u2015]", "-", t)
    t = re.sub(r"\s+", " ", t).strip().casefold()
    t = re.sub(r"^(the|a|an) ", "", t)
    return t.strip(" .,;:\"'")


def local(iri: str) -> str:
    return re.split(r"[#/]", str(iri))[-1]


def load_top_classes() -> dict[str, str]:
    """class local name -> top-level class local name, from the ontology's subClassOf."""
    parent: dict[str, str] = {}
    try:
        import rdflib
        from rdflib.namespace import RDFS

        g = rdflib.Graph().parse(ONTOLOGY)
        for s, o in g.subject_objects(RDFS.subClassOf):
            if str(s).startswith(RTG) and str(o).startswith(RTG):
                parent[local(s)] = local(o)
    except Exception as exc:  # fall back to the documented hierarchy
        print(f"warning: could not read {ONTOLOGY} ({exc}); using built-in hierarchy", file=sys.stderr)
        for sub, top in {
            "CriminalGroup": "Actor", "Agency": "Actor", "Platform": "Actor", "Organization": "Actor",
            "Community": "Actor", "Stakeholder": "Actor", "Opioid": "Substance", "Stimulant": "Substance",
            "Depressant": "Substance", "Hallucinogen": "Substance", "Cannabinoid": "Substance",
            "Precursor": "Substance", "Medication": "Substance", "Country": "Region", "Province": "Region",
            "City": "Region", "WorldRegion": "Region", "Meeting": "Event", "CourtDecision": "Event",
            "Crisis": "Event", "Equipment": "Method",
        }.items():
            parent[sub] = top

    def top(cls: str) -> str:
        seen = set()
        while cls in parent and cls not in TOP and cls not in seen:
            seen.add(cls)
            cls = parent[cls]
        return cls

    return defaultdict(lambda: "?", {c: top(c) for c in set(parent) | set(parent.values()) | set(TOP)})


TOPS = load_top_classes()


def singular(word: str) -> str:
    if len(word) > 3 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def norm_unit(unit: str) -> str:
    u = norm(unit).replace("per cent", "percent").replace("%", "percent").replace("$", "dollars ")
    words = [singular(w) for w in re.findall(r"[a-z0-9.\-]+", u)]
    return " ".join(words)


def units_compatible(gold_units: list[str], unit: str) -> bool:
    e = norm_unit(unit)
    if not e:
        return False
    for g in map(norm_unit, gold_units):
        if g == e or e.startswith(g + " ") or g.startswith(e + " ") or g.split()[-1] == e.split()[-1]:
            return True
    return False


def same_value(a, b) -> bool:
    try:
        return Decimal(str(a)) == Decimal(str(b))
    except Exception:
        return False


# ---------------------------------------------------------------- entities

class GoldEntity:
    def __init__(self, d: dict):
        self.label = d["label"]
        self.cls = d["class"]
        self.top = TOPS[self.cls]
        self.optional = bool(d.get("optional"))
        self.names = {norm(self.label)} | {norm(a) for a in d.get("aliases", [])}

    def __repr__(self):
        return f"{self.label} [{self.cls}]"


def ext_names(entity) -> set[str]:
    # hidden labels (spelling/inflection variants) are names for matching, as in the lexicon
    return {norm(entity.label)} | {norm(a) for a in (*entity.aliases, *entity.hidden)}


def name_score(gold: GoldEntity, entity) -> int:
    names = ext_names(entity)
    if norm(gold.label) == norm(entity.label):
        return 3
    if norm(gold.label) in names or norm(entity.label) in gold.names:
        return 2
    if gold.names & names:
        return 1
    return 0


def match_entities(gold: list[GoldEntity], extracted) -> tuple[dict, dict, list]:
    """One-to-one, class-checked. Returns (gold index -> entity, iri -> gold index, class clashes)."""
    pairs, clashes = [], []
    for gi, g in enumerate(gold):
        for e in extracted:
            s = name_score(g, e)
            if not s:
                continue
            if TOPS[local(e.cls)] != g.top:
                clashes.append((g, e))
                continue
            pairs.append((-s, g.optional, gi, e.iri, e))
    pairs.sort(key=lambda p: p[:4])
    by_gold, by_iri = {}, {}
    for _, _, gi, iri, e in pairs:
        if gi in by_gold or iri in by_iri:
            continue
        by_gold[gi], by_iri[iri] = e, gi
    return by_gold, by_iri, clashes


def relation_map(gold: list[GoldEntity], extracted, by_iri: dict) -> dict[str, str]:
    """iri -> gold label, for relation scoring: the one-to-one match, else the best name match."""
    mapping = {}
    for e in extracted:
        if e.iri in by_iri:
            mapping[e.iri] = gold[by_iri[e.iri]].label
            continue
        scored = [(name_score(g, e), TOPS[local(e.cls)] == g.top, not g.optional, g.label) for g in gold]
        scored = [s for s in scored if s[0]]
        if scored:
            mapping[e.iri] = max(scored)[3]
    return mapping


# ---------------------------------------------------------------- relations

def rel_key(s: str, p: str, o: str, polarity: str):
    if p in SYMMETRIC and o < s:
        s, o = o, s
    return (s, p, o, polarity)


def gold_relation_keys(r: dict) -> set:
    preds = r["p"] if isinstance(r["p"], list) else [r["p"]]
    return {rel_key(r["s"], p, r["o"], r.get("polarity", "Positive")) for p in preds}


# ---------------------------------------------------------------- scoring

def prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3)}


def evaluate_doc(path: Path, gold_doc: dict) -> dict:
    x = extract(path)
    sentences = {(s.doc_id, s.index): s.text for s in x.sentences}
    gold = [GoldEntity(d) for d in gold_doc["entities"]]
    labels = {g.label for g in gold}
    for r in gold_doc["relations"]:
        for side in ("s", "o"):
            if r[side] not in labels:
                raise SystemExit(f"gold error in {path.name}: relation endpoint {r[side]!r} is not a gold entity")
    entities = list(x.entities)

    # entities
    by_gold, by_iri, clashes = match_entities(gold, entities)
    ent_tp = [g for gi, g in enumerate(gold) if not g.optional and gi in by_gold]
    ent_fn = [g for gi, g in enumerate(gold) if not g.optional and gi not in by_gold]
    ent_fp = [e for e in entities if e.iri not in by_iri]
    clash_of = defaultdict(list)
    for g, e in clashes:
        clash_of[e.iri].append(g)
    ent_ignored = [e for e in entities if e.iri in by_iri and gold[by_iri[e.iri]].optional]

    # relations
    iri_gold = relation_map(gold, entities, by_iri)
    label_of = {e.iri: e.label for e in entities}
    gold_req = [r for r in gold_doc["relations"] if not r.get("optional")]
    gold_opt = [r for r in gold_doc["relations"] if r.get("optional")]
    opt_keys = set().union(*(gold_relation_keys(r) for r in gold_opt)) if gold_opt else set()
    extracted_rel: dict[tuple, list] = defaultdict(list)
    for a in x.assertions:
        p = local(a.predicate)
        if p == "date" or not isinstance(a.object, str):
            continue
        s = iri_gold.get(a.subject, "?" + label_of.get(a.subject, local(a.subject)))
        o = iri_gold.get(a.object, "?" + label_of.get(a.object, local(a.object)))
        extracted_rel[rel_key(s, p, o, a.polarity)].append(a)
    matched_ext, rel_tp, rel_fn, rel_details = set(), [], [], []
    for r in gold_req:
        keys = gold_relation_keys(r) & set(extracted_rel)
        if keys:
            rel_tp.append(r)
            matched_ext |= keys
            a = extracted_rel[sorted(keys)[0]][0]
            rel_details.append({
                "gold": r, "modality": a.modality, "attributed": iri_gold.get(a.attributed_to, label_of.get(a.attributed_to, a.attributed_to)) if a.attributed_to else None,
                "modality_ok": a.modality == r.get("modality", "Asserted"),
                "attribution_ok": (label_of.get(a.attributed_to) if a.attributed_to else None) == r.get("attributedTo")
                or (a.attributed_to and iri_gold.get(a.attributed_to) == r.get("attributedTo")),
            })
        else:
            rel_fn.append(r)
    rel_fp, rel_background, rel_ignored, rel_links = [], [], [], []
    for key, assertions in sorted(extracted_rel.items()):
        if key in matched_ext:
            continue
        if key in opt_keys:
            rel_ignored.append((key, assertions))
        elif any(a.extractor == "lexicon" for a in assertions):  # a fact the lexicon knows: background
            rel_background.append((key, assertions))
        elif key[1] == "relatedTo":
            rel_links.append((key, assertions))  # untyped links: judged per sentence (--judged), not by the list
        else:
            rel_fp.append((key, assertions))
    # near misses: right pair, wrong predicate or polarity
    def near(r):
        pairs = {(r["s"], r["o"]), (r["o"], r["s"])}
        return [k for k in extracted_rel if (k[0], k[2]) in pairs]

    # statistics
    gold_stats = [s for s in gold_doc["statistics"]]
    opt_stats = gold_doc.get("optional_statistics", [])
    used, stat_tp, stat_fp, stat_ignored = set(), [], [], []
    ext_stats = sorted(x.statistics, key=lambda s: s.start)
    for st in ext_stats:
        hit = next((i for i, g in enumerate(gold_stats)
                    if i not in used and same_value(g["value"], st.value) and units_compatible(g["unit"], st.unit)), None)
        if hit is not None:
            used.add(hit)
            stat_tp.append((gold_stats[hit], st))
        elif any(same_value(g["value"], st.value) and units_compatible(g["unit"], st.unit) for g in opt_stats):
            stat_ignored.append(st)
        else:
            stat_fp.append(st)
    stat_fn = [g for i, g in enumerate(gold_stats) if i not in used]

    def ev(a):
        return sentences.get(a.evidence, "")[:160]

    return {
        "doc": path.name,
        "entities": prf(len(ent_tp), len(ent_fp), len(ent_fn)),
        "relations": prf(len(rel_tp), len(rel_fp), len(rel_fn)),
        "relations_strict": prf(len(rel_tp), len(rel_fp) + len(rel_background) + len(rel_links), len(rel_fn)),
        "links": len(rel_links),
        "judging": [
            {"doc": path.name, "s": k[0], "p": k[1], "o": k[2], "polarity": k[3],
             "words": a.linking_words, "extractor": a.extractor,
             # how the graph states it: "Possible" for a recommendation, and who it is attributed to
             "modality": a.modality,
             "attributed_to": label_of.get(a.attributed_to, local(a.attributed_to)) if a.attributed_to else None,
             # the graph's own names of the ends: s and o are the gold names they matched
             "s_extracted": label_of.get(a.subject, local(a.subject)),
             "o_extracted": label_of.get(a.object, local(a.object)) if isinstance(a.object, str) else str(a.object),
             "sentence": sentences.get(a.evidence, ""),
             "in_gold": k in matched_ext}
            for k, group in sorted(extracted_rel.items()) if k not in {b[0] for b in rel_background}
            for a in [next((a for a in group if a.evidence is not None), None)] if a is not None
        ],
        "statistics": prf(len(stat_tp), len(stat_fp), len(stat_fn)),
        "modality_agreement": f"{sum(d['modality_ok'] for d in rel_details)}/{len(rel_details)}",
        "attribution_agreement": f"{sum(bool(d['attribution_ok']) for d in rel_details)}/{len(rel_details)}",
        "lists": {
            "entity_fn": [f"{g.label} [{g.cls}]" for g in ent_fn],
            "entity_fp": [
                f"{e.label} [{local(e.cls)}]" + (f"  <- class clash with gold {clash_of[e.iri]}" if e.iri in clash_of else "")
                + ("  (duplicate node of " + iri_gold[e.iri] + ")" if e.iri in iri_gold else "")
                for e in ent_fp
            ],
            "entity_ignored_optional": [f"{e.label} [{local(e.cls)}]" for e in ent_ignored],
            "relation_tp": [f"{d['gold']['s']} --{d['gold']['p']}--> {d['gold']['o']} ({d['gold'].get('polarity', 'Positive')})" for d in rel_details],
            "relation_fn": [
                f"{r['s']} --{r['p']}--> {r['o']} ({r.get('polarity', 'Positive')})   «{r.get('evidence', '')}»"
                + (f"   near: {[(k[0], k[1], k[2], k[3]) for k in near(r)]}" if near(r) else "")
                for r in rel_fn
            ],
            "relation_fp": [f"{k[0]} --{k[1]}--> {k[2]} ({k[3]}) [{a[0].extractor}]   «{ev(a[0])}»" for k, a in rel_fp],
            "relation_links_unscored": [f"{k[0]} --relatedTo ({a[0].linking_words})--> {k[2]} ({k[3]})   «{ev(a[0])}»" for k, a in rel_links],
            "relation_background_unscored": [f"{k[0]} --{k[1]}--> {k[2]} ({k[3]})" for k, a in rel_background],
            "relation_ignored_optional": [f"{k[0]} --{k[1]}--> {k[2]} ({k[3]})" for k, a in rel_ignored],
            "relation_modality_or_attribution_mismatch": [
                f"{d['gold']['s']} --{d['gold']['p']}--> {d['gold']['o']}: "
                + ("" if d["modality_ok"] else f"modality gold={d['gold'].get('modality', 'Asserted')} tool={d['modality']}  ")
                + ("" if d["attribution_ok"] else f"attribution gold={d['gold'].get('attributedTo')} tool={d['attributed']}")
                for d in rel_details if not (d["modality_ok"] and d["attribution_ok"])
            ],
            "statistic_fn": [f"{g['value']} {g['unit'][0]}   «{g.get('evidence', '')}»" for g in stat_fn],
            "statistic_fp": [f"{s.value} {s.unit!r} (measure: {s.measure!r})   «{ev(s)}»" for s in stat_fp],
        },
    }


def evaluate(gold_path: Path = HERE / "gold.json", docs: Path = HERE / "docs"):
    """(per-document results, overall micro scores) for the gold set."""
    gold = json.loads(gold_path.read_text(encoding="utf-8"))["docs"]
    results = [evaluate_doc(docs / name, doc) for name, doc in gold.items()]
    overall = {}
    for kind in ("entities", "relations", "relations_strict", "statistics"):
        c = Counter()
        for r in results:
            c.update({k: r[kind][k] for k in ("tp", "fp", "fn")})
        overall[kind] = prf(c["tp"], c["fp"], c["fn"])
    return results, overall


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gold", default=str(HERE / "gold.json"))
    ap.add_argument("--docs", default=str(HERE / "docs"))
    ap.add_argument("--quiet", action="store_true", help="scores only")
    ap.add_argument("--json", help="also write the full results here")
    ap.add_argument("--judge-out", help="write every extracted relation with its sentence (JSON lines) for judging")
    ap.add_argument("--judged", help="a judged --judge-out file (each line with \"verdict\": correct|partly|wrong): report judged precision")
    args = ap.parse_args()

    results, overall = evaluate(Path(args.gold), Path(args.docs))

    def line(name, s):
        return f"  {name:<17} P={s['precision']:.3f} R={s['recall']:.3f} F1={s['f1']:.3f}  (tp={s['tp']} fp={s['fp']} fn={s['fn']})"

    for r in results:
        print(f"\n=== {r['doc']}")
        for kind in ("entities", "relations", "relations_strict", "statistics"):
            print(line(kind, r[kind]))
        print(f"  matched relations: modality agrees {r['modality_agreement']}, attribution agrees {r['attribution_agreement']}")
        if not args.quiet:
            for name, items in r["lists"].items():
                if items:
                    print(f"  -- {name} ({len(items)})")
                    for item in items:
                        print(f"     {item}")
    print("\n=== OVERALL (micro)")
    for kind in ("entities", "relations", "relations_strict", "statistics"):
        print(line(kind, overall[kind]))
    print(f"  untyped links (rtg:relatedTo, not scored against the list): {sum(r['links'] for r in results)}")
    if args.judge_out:
        with open(args.judge_out, "w", encoding="utf-8") as out:
            for r in results:
                for item in r["judging"]:
                    out.write(json.dumps(item, ensure_ascii=False, sort_keys=True) + "\n")
    if args.judged:
        verdicts = [json.loads(line) for line in Path(args.judged).read_text(encoding="utf-8").splitlines() if line.strip()]
        # background facts from the lexicon cite no sentence: they are not claims read from the text
        background = [v for v in verdicts if not v["sentence"]]
        verdicts = [v for v in verdicts if v["sentence"]]
        if background:
            print(f"  background facts (no sentence, not judged as text claims): {len(background)}")
        for name, subset in (("all", verdicts), ("typed", [v for v in verdicts if v["p"] != "relatedTo"]),
                             ("relatedTo", [v for v in verdicts if v["p"] == "relatedTo"])):
            if subset:
                correct = sum(v["verdict"] == "correct" for v in subset)
                partly = sum(v["verdict"] == "partly" for v in subset)
                print(f"  judged precision ({name}): {correct / len(subset):.3f} correct, "
                      f"{(correct + partly) / len(subset):.3f} with partly right  (n={len(subset)})")
    if args.json:
        Path(args.json).write_text(json.dumps({"overall": overall, "docs": results}, indent=2, default=str))


if __name__ == "__main__":
    main()
