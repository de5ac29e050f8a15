#!/usr/bin/env python
"""Build a gold set's gold.json from its per-document annotation files in ann/, and validate it.

Shared by bench/gold4/ and bench/gold5/; each set's make_gold.py gives its folder and _about text:

    python bench/gold5/make_gold.py          # write gold.json, print per-doc counts
    python bench/gold5/make_gold.py --check  # validate the existing gold.json only
    python bench/gold5/make_gold.py --readme # also rewrite the count columns of README.md

Each ann/*.py file defines DOC (the file name under docs/) and ENTITIES, RELATIONS, STATS built with
E(), R(), S() below. The checks: every class and predicate is from shared/design/vocabulary.md; every
alias occurs in the document text (case-insensitive; for Markdown, also with * emphasis and # markers removed); every entity label or alias occurs; no surface
form belongs to two entities of a doc; relation ends and attributedTo are entity labels of the doc;
no triple is both positive and negative; no duplicate triples; every required relation fits its
predicate's domain and range in the vocabulary.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

BENCH = Path(__file__).resolve().parent
CLASSES = {
    "Actor", "CriminalGroup", "Agency", "Platform", "Organization", "Community",
    "Substance", "Opioid", "Stimulant", "Depressant", "Precursor", "Medication",
    "Region", "Country", "Province", "City", "WorldRegion",
    "PolicyLever", "Event", "Method",
}
PREDICATES = {
    "traffics", "produces", "supplies", "sourcedFrom", "precursorOf", "mixedWith", "counters", "operatesIn",
    "uses", "partnersWith", "targets", "advocatedBy", "implementedBy", "appliesIn", "supports", "partOf",
    "organizedBy", "about", "affects", "relatedTo",
}
TOP = {
    "Actor": "Actor", "CriminalGroup": "Actor", "Agency": "Actor", "Platform": "Actor", "Organization": "Actor",
    "Community": "Actor", "Substance": "Substance", "Opioid": "Substance", "Stimulant": "Substance",
    "Depressant": "Substance", "Precursor": "Substance", "Medication": "Substance", "Region": "Region",
    "Country": "Region", "Province": "Region", "City": "Region", "WorldRegion": "Region",
    "PolicyLever": "PolicyLever", "Event": "Event", "Method": "Method",
}
# domain and range (top-level classes; "Platform" is the one subclass named) from the vocabulary's relation table
DOMAINS = {
    "traffics": ({"Actor"}, {"Substance"}), "produces": ({"Actor", "Region"}, {"Substance"}),
    "supplies": ({"Actor", "Region"}, {"Substance"}), "sourcedFrom": ({"Substance"}, {"Region"}),
    "precursorOf": ({"Substance"}, {"Substance"}), "mixedWith": ({"Substance"}, {"Substance"}),
    "counters": ({"Substance"}, {"Substance"}), "operatesIn": ({"Actor"}, {"Region"}),
    "uses": ({"Actor"}, {"Method", "Platform"}), "partnersWith": ({"Actor"}, {"Actor"}),
    "targets": ({"PolicyLever"}, None), "advocatedBy": ({"PolicyLever"}, {"Actor"}),
    "implementedBy": ({"PolicyLever"}, {"Actor"}), "appliesIn": ({"PolicyLever"}, {"Region"}),
    "supports": ({"PolicyLever"}, {"PolicyLever"}), "partOf": ({"Region"}, {"Region"}),
    "organizedBy": ({"Event"}, {"Actor"}), "about": ({"Event"}, None), "affects": ({"Event"}, None),
    "relatedTo": (None, None),
}


def E(label, cls, *aliases, opt=False):
    d = {"label": label, "class": cls, "aliases": list(aliases)}
    if opt:
        d["optional"] = True
    return d


def R(s, p, o, ev, opt=False, neg=False, mod=None, att=None):
    d = {"s": s, "p": p, "o": o, "polarity": "Negative" if neg else "Positive"}
    if opt or p == "relatedTo":
        d["optional"] = True
    if mod:
        d["modality"] = mod
    if att:
        d["attributedTo"] = att
    d["evidence"] = ev
    return d


def S(value, units, ev, opt=False):
    return {"value": value, "unit": [units] if isinstance(units, str) else list(units), "evidence": ev, "_opt": opt}


def norm(text: str) -> str:
    t = unicodedata.normalize("NFKC", text)
    t = t.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    t = re.sub(r"[\u2010-\u2015]", "-", t)
    t = re.sub(r"\s+", " ", t).strip().casefold()
    t = re.sub(r"^(the|a|an) ", "", t)
    return t.strip(" .,;:\"'")


def load_ann(path: Path) -> dict:
    ns = {"E": E, "R": R, "S": S}
    exec(compile(path.read_text(encoding="utf-8"), str(path), "exec"), ns)
    return ns


def validate(name: str, doc: dict, text: str) -> list[str]:
    errs = []
    if name.endswith(".md"):  # names may span emphasis markup: check against the text without it too
        text = text + "\n" + re.sub(r"\*+|^#+ ", "", text, flags=re.M)
    low = norm(text)
    raw_low = text.casefold()
    seen: dict[str, str] = {}
    labels = set()
    for e in doc["entities"]:
        if e["label"] in labels:
            errs.append(f"{name}: duplicate entity label {e['label']!r}")
        labels.add(e["label"])
        if e["class"] not in CLASSES:
            errs.append(f"{name}: {e['label']!r} has class {e['class']!r} not in the vocabulary")
        names = [e["label"], *e["aliases"]]
        for a in e["aliases"]:
            if a.casefold() not in raw_low and norm(a) not in low:
                errs.append(f"{name}: alias {a!r} of {e['label']!r} is not in the text")
        if not any(n.casefold() in raw_low for n in names):
            errs.append(f"{name}: no name of {e['label']!r} is in the text")
        for n in {norm(x) for x in names}:
            if n in seen and seen[n] != e["label"]:
                errs.append(f"{name}: surface form {n!r} belongs to {seen[n]!r} and {e['label']!r}")
            seen[n] = e["label"]
    keys = {}
    cls_of = {e["label"]: e["class"] for e in doc["entities"]}
    for r in doc["relations"]:
        for side in ("s", "o", "attributedTo"):
            if side in r and r[side] not in labels:
                errs.append(f"{name}: relation {side} {r[side]!r} is not an entity label")
        preds = r["p"] if isinstance(r["p"], list) else [r["p"]]
        for p in preds:
            if p not in PREDICATES:
                errs.append(f"{name}: predicate {p!r} not in the vocabulary")
            k = (r["s"], p, r["o"])
            if k in keys:
                errs.append(f"{name}: triple {k} listed twice ({keys[k]} and {r['polarity']})")
            keys[k] = r["polarity"]
        if not r.get("optional") and all(c in CLASSES for c in (cls_of.get(r["s"]), cls_of.get(r["o"]))):
            def fits(p: str) -> bool:
                dom, rng = DOMAINS.get(p, (None, None))
                s_cls, o_cls = cls_of[r["s"]], cls_of[r["o"]]
                return (dom is None or TOP[s_cls] in dom) and (
                    rng is None or TOP[o_cls] in rng or (o_cls == "Platform" and "Platform" in rng))
            if not any(fits(p) for p in preds):
                errs.append(f"{name}: required {r['s']!r} {r['p']} {r['o']!r} is outside the predicate's domain/range")
        if r.get("modality") not in (None, "Expected", "Possible"):
            errs.append(f"{name}: bad modality {r['modality']!r}")
    for s in doc["statistics"] + doc["optional_statistics"]:
        if not isinstance(s["value"], (int, float)) or not s["unit"]:
            errs.append(f"{name}: bad statistic {s}")
    return errs


def scorer_load_check(gold: dict) -> list[str]:
    """Load every gold item through bench/gold.py's own classes, without running rtgraph: the rtgraph
    imports are stubbed and the class hierarchy is gold.py's built-in fallback."""
    import types

    src = (BENCH / "gold.py").read_text(encoding="utf-8")
    stub_pipeline = types.ModuleType("rtgraph.pipeline")
    stub_pipeline.extract = None
    stub_resources = types.ModuleType("rtgraph.resources")
    stub_resources.ontology_dir = lambda: Path("/nonexistent")
    saved = {k: sys.modules.get(k) for k in ("rtgraph", "rtgraph.pipeline", "rtgraph.resources")}
    sys.modules.update({"rtgraph": types.ModuleType("rtgraph"), "rtgraph.pipeline": stub_pipeline,
                        "rtgraph.resources": stub_resources})
    ns: dict = {"__name__": "gold_scorer", "__file__": str(BENCH / "gold.py")}
    try:
        import contextlib
        import io

        with contextlib.redirect_stderr(io.StringIO()):
            exec(compile(src, "bench/gold.py", "exec"), ns)
    finally:
        for k, v in saved.items():
            if v is None:
                sys.modules.pop(k, None)
            else:
                sys.modules[k] = v
    errs = []
    for name, doc in gold["docs"].items():
        try:
            gold_entities = [ns["GoldEntity"](d) for d in doc["entities"]]
            for r in doc["relations"]:
                ns["gold_relation_keys"](r)
            for st in doc["statistics"] + doc["optional_statistics"]:
                if any(not ns["norm_unit"](u) for u in st["unit"]):
                    errs.append(f"{name}: a unit of {st} normalises to nothing in the scorer")
                elif not ns["units_compatible"](st["unit"], st["unit"][0]) or not ns["same_value"](st["value"], st["value"]):
                    errs.append(f"{name}: statistic {st} does not match itself in the scorer")
        except Exception as exc:  # noqa: BLE001 - report any way the scorer fails on the file
            errs.append(f"{name}: the scorer cannot load the gold: {exc!r}")
            continue
        names = [n for g in gold_entities for n in g.names]
        if len(names) != len(set(names)):
            dup = sorted({n for n in names if names.count(n) > 1})
            errs.append(f"{name}: normalised names shared by two entities: {dup}")
    return errs


def counts(doc: dict) -> dict:
    ents, rels = doc["entities"], doc["relations"]
    return {
        "ent": sum(not e.get("optional") for e in ents), "ent_opt": sum(bool(e.get("optional")) for e in ents),
        "rel": sum(not r.get("optional") for r in rels), "rel_opt": sum(bool(r.get("optional")) for r in rels),
        "neg": sum(not r.get("optional") and r["polarity"] == "Negative" for r in rels),
        "stat": len(doc["statistics"]), "stat_opt": len(doc["optional_statistics"]),
    }


def build(folder: Path, about: str) -> dict:
    docs = {}
    for path in sorted((folder / "ann").glob("d*.py")):
        ns = load_ann(path)
        stats = ns["STATS"]
        docs[ns["DOC"]] = {
            "entities": ns["ENTITIES"],
            "relations": ns["RELATIONS"],
            "statistics": [{k: v for k, v in s.items() if k != "_opt"} for s in stats if not s["_opt"]],
            "optional_statistics": [{k: v for k, v in s.items() if k != "_opt"} for s in stats if s["_opt"]],
        }
    return {"_about": about, "docs": docs}


def sync_readme(gold: dict, folder: Path) -> None:
    """Rewrite the count columns of README.md's document table and the predicate summary from gold.json."""
    import textwrap
    from collections import Counter

    path = folder / "README.md"
    text = path.read_text(encoding="utf-8")
    total: Counter = Counter()
    for name, doc in gold["docs"].items():
        c = counts(doc)
        c["words"] = int(subprocess.run(["wc", "-w", str(folder / "docs" / name)], capture_output=True, text=True).stdout.split()[0])
        total.update(c)
        row = re.compile(r"^(\| `" + re.escape(name) + r"` \| [^|]+\| )\d+ \| [^|]+\| [^|]+\| \d+ \| [^|]+\|$", re.M)
        text, n = row.subn(lambda m: m.group(1) + f"{c['words']} | {c['ent']} ({c['ent_opt']}) | {c['rel']} ({c['rel_opt']}) | "
                           f"{c['neg']} | {c['stat']} ({c['stat_opt']}) |", text)
        if n != 1:
            raise SystemExit(f"README.md: no table row for {name}")
    c = total
    text = re.sub(r"^\| \*\*total\*\* .*$", f"| **total** | {len(gold['docs'])} documents | {c['words']} | {c['ent']} ({c['ent_opt']}) | "
                  f"{c['rel']} ({c['rel_opt']}) | {c['neg']} | {c['stat']} ({c['stat_opt']}) |", text, flags=re.M)
    preds: Counter = Counter()
    modal = attributed = 0
    for doc in gold["docs"].values():
        for r in doc["relations"]:
            if not r.get("optional"):
                preds[r["p"] if isinstance(r["p"], str) else "/".join(r["p"])] += 1
                modal += "modality" in r
                attributed += "attributedTo" in r
    summary = ("The required relations by predicate: " + ", ".join(f"{p} {n}" for p, n in preds.most_common())
               + f". {modal} required relations carry a modality and {attributed} an attribution.")
    text = re.sub(r"The required relations by predicate:.*?attribution\.", lambda m: textwrap.fill(summary, 79), text, flags=re.S)
    path.write_text(text, encoding="utf-8")


def main(folder: Path, *, about: str) -> None:
    """Build (or with --check only validate) ``folder``/gold.json; see the module docstring."""
    if "--check" in sys.argv:
        gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    else:
        gold = build(folder, about)
        (folder / "gold.json").write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    errs, total = [], {}
    print(f"{'file':<52} words  ent(opt)  rel(opt)  neg  stat(opt)")
    for name, doc in gold["docs"].items():
        path = folder / "docs" / name
        text = path.read_text(encoding="utf-8")
        errs += validate(name, doc, text)
        c = counts(doc)
        words = int(subprocess.run(["wc", "-w", str(path)], capture_output=True, text=True).stdout.split()[0])
        c["words"] = words
        for k, v in c.items():
            total[k] = total.get(k, 0) + v
        print(f"{name:<52} {words:5}  {c['ent']:3} ({c['ent_opt']:2})  {c['rel']:3} ({c['rel_opt']:3})  {c['neg']:3}  {c['stat']:3} ({c['stat_opt']})")
    if total:
        c = total
        print(f"{'total':<52} {c['words']:5}  {c['ent']:3} ({c['ent_opt']:2})  {c['rel']:3} ({c['rel_opt']:3})  {c['neg']:3}  {c['stat']:3} ({c['stat_opt']})")
    errs += scorer_load_check(gold)
    if "--readme" in sys.argv and not errs:
        sync_readme(gold, folder)
    for e in errs:
        print("ERROR", e)
    sys.exit(1 if errs else 0)


if __name__ == "__main__":
    raise SystemExit("run a gold set's own script: python bench/gold4/make_gold.py [--check] [--readme]")
