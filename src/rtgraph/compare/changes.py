"""What changed from one side to the other, as one JSON-ready dict.

Matching rules (see ``compare``):

* entities by IRI (one IRI per concept, stable across builds); changed when
  the label or the most specific class differs;
* relations by (subject, predicate, object); changed when the polarities
  (now negated, now affirmed) or the modalities (expected, now asserted)
  stated on the two sides differ;
* statistics by (measure, unit, what they are about, region): each meeting
  reports its own period, so the period is compared, not matched on; a figure
  moved when no value of the old side is stated again on the new one;
* trends by (what they are about, region), or by their words when they are
  about no entity; changed (reversed) when the direction, modality or what a
  shift moves from or to differs.

Facts of one key stated the same way on both sides are unchanged; the others
are paired by the likeness of their words (period, label), and what stays
unpaired is new or gone.
"""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import asdict
from itertools import groupby

from ..netx import local_name
from .sides import EntityFact, Evidence, RelationFact, Side, StatisticFact, TrendFact

__all__ = ["KINDS", "STATUSES", "compare"]

KINDS = ("entities", "relations", "statistics", "trends")
STATUSES = ("new", "gone", "changed")


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def _evidence(items: tuple[Evidence, ...]) -> list[dict]:
    return [asdict(e) for e in items]


def _refs(refs) -> list[dict]:
    return [asdict(r) for r in refs]


def _item(key: dict, label: str, old: list[dict], new: list[dict], changes: dict | None = None) -> dict:
    return {"key": key, "label": label, "changes": changes or {}, "old": old, "new": new}


def _sorted(items: list[dict]) -> list[dict]:
    return sorted(items, key=lambda i: (i["label"].casefold(), i["label"], json.dumps(i["key"], sort_keys=True)))


def _result(new: list, gone: list, changed: list, unchanged: int) -> tuple[dict, dict]:
    lists = {"new": _sorted(new), "gone": _sorted(gone), "changed": _sorted(changed)}
    return lists, {**{k: len(v) for k, v in lists.items()}, "unchanged": unchanged}


# ------------------------------------------------------------------ entities

def _entity(e: EntityFact) -> dict:
    return {"label": e.label, "class": e.cls, "mentions": _evidence(e.mentions)}


def _entities(old: Side, new: Side):
    before, after = {e.iri: e for e in old.entities}, {e.iri: e for e in new.entities}
    added = [_item({"iri": i}, e.label, [], [_entity(e)]) for i, e in after.items() if i not in before]
    gone = [_item({"iri": i}, e.label, [_entity(e)], []) for i, e in before.items() if i not in after]
    changed, same = [], 0
    for iri in sorted(before.keys() & after.keys()):
        a, b = before[iri], after[iri]
        changes = {f: {"old": x, "new": y} for f, x, y in (("label", a.label, b.label), ("class", a.cls, b.cls)) if x != y}
        if changes:
            changed.append(_item({"iri": iri}, b.label, [_entity(a)], [_entity(b)], changes))
        else:
            same += 1
    return _result(added, gone, changed, same)


# ----------------------------------------------------------------- relations

def _relation_key(r: RelationFact) -> tuple:
    return (r.subject.iri, r.predicate, r.object.iri, "" if r.object.iri else r.object.label)


def _relation(r: RelationFact) -> dict:
    return {"polarity": r.polarity, "modality": r.modality, "attributed_to": list(r.attributed_to),
            "evidence": _evidence(r.evidence)}


def _relations(old: Side, new: Side):
    def groups(side: Side) -> dict:
        ordered = sorted(side.relations, key=lambda r: (_relation_key(r), r.evidence))
        return {k: list(g) for k, g in groupby(ordered, key=_relation_key)}

    before, after = groups(old), groups(new)
    buckets = {"new": [], "gone": [], "changed": []}
    same = 0
    for key in sorted(before.keys() | after.keys()):
        a, b = before.get(key, []), after.get(key, [])
        first = (b or a)[0]
        label = f"{first.subject.label} {local_name(first.predicate)} {first.object.label}"
        ident = {"subject": asdict(first.subject), "predicate": first.predicate, "object": asdict(first.object)}
        changes = {}
        for field in ("polarity", "modality"):
            x, y = sorted({getattr(r, field) for r in a}), sorted({getattr(r, field) for r in b})
            if a and b and x != y:
                changes[field] = {"old": x, "new": y}
        status = "gone" if not b else "new" if not a else "changed" if changes else None
        if status is None:
            same += 1
        else:
            buckets[status].append(_item(ident, label, [_relation(r) for r in a], [_relation(r) for r in b], changes))
    return _result(buckets["new"], buckets["gone"], buckets["changed"], same)


# ------------------------------------------------------ statistics and trends

def _pair(old: list, new: list, text) -> tuple[list[tuple], list, list]:
    """Pairs of (old, new) by the likeness of ``text``, best first; then the unpaired of each side."""
    scored = sorted(((-difflib.SequenceMatcher(None, text(a), text(b)).ratio(), i, j)
                     for i, a in enumerate(old) for j, b in enumerate(new)))
    used_old, used_new, pairs = set(), set(), []
    for _, i, j in scored:
        if i not in used_old and j not in used_new:
            used_old.add(i), used_new.add(j)
            pairs.append((old[i], new[j]))
    return (pairs, [a for i, a in enumerate(old) if i not in used_old],
            [b for j, b in enumerate(new) if j not in used_new])


def _facts(old: tuple, new: tuple, *, key, stance, text, describe, fields, label, ident):
    """Match facts of one key: the same stance on both sides is unchanged, the rest paired or left."""
    def groups(facts) -> dict:
        found: dict = {}
        for f in sorted(facts, key=lambda f: f.evidence):
            found.setdefault(key(f), []).append(f)
        return found

    before, after = groups(old), groups(new)
    buckets = {"new": [], "gone": [], "changed": []}
    same = 0
    for k in sorted(before.keys() | after.keys()):
        a, b = before.get(k, []), after.get(k, [])
        stated_old, stated_new = {stance(f) for f in a}, {stance(f) for f in b}
        same += sum(1 for f in a if stance(f) in stated_new)
        pairs, gone, added = _pair([f for f in a if stance(f) not in stated_new],
                                   [f for f in b if stance(f) not in stated_old], text)
        for x, y in pairs:
            dx, dy = describe(x), describe(y)
            changes = {f: {"old": dx[f], "new": dy[f]} for f in fields if dx[f] != dy[f]}
            buckets["changed"].append(_item(ident(y), label(y), [dx], [dy], changes))
        buckets["gone"] += [_item(ident(f), label(f), [describe(f)], []) for f in gone]
        buckets["new"] += [_item(ident(f), label(f), [], [describe(f)]) for f in added]
    return _result(buckets["new"], buckets["gone"], buckets["changed"], same)


def _where(about, region) -> str:
    names = [r.label for r in about] + ([f"in {region.label}"] if region else [])
    return f" ({', '.join(names)})" if names else ""


def _statistic(s: StatisticFact) -> dict:
    return {"value": str(s.value), "unit": s.unit, "qualifier": s.qualifier, "period": s.period, "label": s.label,
            "evidence": _evidence(s.evidence)}


def _statistics(old: Side, new: Side):
    return _facts(
        old.statistics, new.statistics,
        key=lambda s: (_words(s.measure), s.unit, tuple(r.iri for r in s.about), s.region.iri if s.region else ""),
        stance=lambda s: (s.value, s.qualifier), text=lambda s: f"{s.period} {s.label}", describe=_statistic,
        fields=("value", "qualifier", "period"), label=lambda s: s.measure + _where(s.about, s.region),
        ident=lambda s: {"measure": s.measure, "unit": s.unit, "about": _refs(s.about),
                         "region": asdict(s.region) if s.region else None})


def _trend(t: TrendFact) -> dict:
    return {"direction": t.direction, "modality": t.modality, "label": t.label, "period": t.period,
            "shift_from": [r.label for r in t.shift_from], "shift_to": [r.label for r in t.shift_to],
            "evidence": _evidence(t.evidence)}


def _trends(old: Side, new: Side):
    return _facts(
        old.trends, new.trends,
        key=lambda t: (tuple(r.iri for r in t.about) or ("", _words(t.label)), t.region.iri if t.region else ""),
        stance=lambda t: (t.direction, t.modality, t.shift_from, t.shift_to), text=lambda t: t.label.casefold(),
        describe=_trend, fields=("direction", "modality", "shift_from", "shift_to", "period"),
        label=lambda t: (", ".join(r.label for r in t.about) or t.label) + _where((), t.region),
        ident=lambda t: {"about": _refs(t.about), "region": asdict(t.region) if t.region else None,
                         **({} if t.about else {"words": _words(t.label)})})


def _side(side: Side) -> dict:
    return {"name": side.name, "documents": [{"iri": i, "source": s, "title": t} for i, s, t in side.documents]}


def compare(old: Side, new: Side) -> dict:
    """Everything new, gone and changed from ``old`` to ``new``, sorted; see the module doc for the rules.

    ``{"format": "rtgraph-diff", "version": 1, "old": {"name", "documents"}, "new": …,
    "summary": {kind: {"new", "gone", "changed", "unchanged"}}, kind: {"new": [item], "gone": […],
    "changed": […]}}`` for each kind of ``KINDS``; an item is ``{"key", "label", "changes":
    {field: {"old", "new"}}, "old": [fact], "new": [fact]}``.
    """
    result = {"format": "rtgraph-diff", "version": 1, "old": _side(old), "new": _side(new), "summary": {}}
    for kind, run in zip(KINDS, (_entities, _relations, _statistics, _trends)):
        result[kind], result["summary"][kind] = run(old, new)
    return result
