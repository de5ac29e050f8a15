"""Hand-built RDF graphs in the shape rtgraph writes, for the viewer tests."""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS, XSD

from rtgraph.namespaces import RTG

__all__ = ["RES", "SUPER", "XSS", "build", "ROUNDTABLE", "ROUNDTABLE_ENTITIES", "ROUNDTABLE_RELATIONS"]

RES = "https://w3id.org/rtgraph/resource/"
SUPER = {"CriminalGroup": "Actor", "Agency": "Actor", "Stimulant": "Substance", "Opioid": "Substance",
         "Depressant": "Substance", "Medication": "Substance", "Province": "Region", "Country": "Region",
         "Meeting": "Event"}
XSS = "<script>alert(1)</script><img src=x onerror=alert(1)> javascript:alert(1) href=\"x\" 'q' </script>"


def build(title, section, texts, entities, relations) -> Graph:
    """entities: (path, class, label, aliases, passage indexes);
    relations: (subject path, predicate, object path, polarity, modality, confidence, passage index)."""
    g = Graph()
    doc, sec = URIRef(RES + "document/d"), URIRef(RES + "section/d-1")
    g.add((doc, RDF.type, RTG.Document))
    g.add((doc, DCTERMS.title, Literal(title)))
    g.add((doc, DCTERMS.source, Literal("d.txt")))
    g.add((sec, RDF.type, RTG.Section))
    g.add((sec, RDFS.label, Literal(section)))
    g.add((sec, DCTERMS.isPartOf, doc))
    psg = [URIRef(f"{RES}passage/d-{i}") for i in range(len(texts))]
    offset = 0
    for p, text in zip(psg, texts):
        g.add((p, RDF.type, RTG.Passage))
        g.add((p, RTG.text, Literal(text)))
        g.add((p, RTG.start, Literal(offset)))
        g.add((p, RTG.end, Literal(offset + len(text))))
        g.add((p, DCTERMS.isPartOf, sec))
        offset += len(text) + 1
    for path, cls, label, aliases, mentions in entities:
        e = URIRef(RES + path)
        for c in (cls, SUPER.get(cls)):
            if c:
                g.add((e, RDF.type, RTG[c]))
        g.add((e, RDFS.label, Literal(label)))
        for a in aliases:
            g.add((e, SKOS.altLabel, Literal(a)))
        g.add((e, RTG.mentionCount, Literal(len(mentions))))
        for i in mentions:
            g.add((e, RTG.mentionedIn, psg[i]))
    for n, (s, pred, o, polarity, modality, conf, ev) in enumerate(relations):
        a = URIRef(f"{RES}assertion/a{n}")
        obj = Literal(o, datatype=XSD.date) if o[:1].isdigit() else URIRef(RES + o)
        if polarity == "Positive" and isinstance(obj, URIRef):
            g.add((URIRef(RES + s), RTG[pred], obj))
        for p_, o_ in ((RDF.type, RTG.Assertion), (RDF.subject, URIRef(RES + s)), (RDF.predicate, RTG[pred]),
                       (RDF.object, obj), (RTG.polarity, RTG[polarity]), (RTG.modality, RTG[modality]),
                       (RTG.confidence, Literal(str(conf), datatype=XSD.decimal)),
                       (RTG.extractor, Literal("relations")), (RTG.evidence, psg[ev])):
            g.add((a, p_, o_))
    stat = URIRef(RES + "statistic/s1")
    g.add((stat, RDF.type, RTG.Statistic))
    g.add((stat, RTG.value, Literal(21174)))
    g.add((stat, RTG.evidence, psg[0]))
    return g


# A small roundtable graph shared by the viewer tests: (title, section, sentences), entities, relations.
ROUNDTABLE = (
    "Roundtable on Illegal Drugs", "Key Themes",
    ["OCGs traffic methamphetamine in BC.", "Naloxone does not reverse benzodiazepines.",
     "CBSA reported that OCGs may traffic fentanyl."],
)
ROUNDTABLE_ENTITIES = [
    ("actor/ocgs", "CriminalGroup", "organized crime groups", ["OCGs"], [0, 2]),
    ("actor/cbsa", "Agency", "Canada Border Services Agency", ["CBSA"], [2]),
    ("substance/methamphetamine", "Stimulant", "methamphetamine", [], [0]),
    ("substance/fentanyl", "Opioid", "fentanyl", [], [2]),
    ("substance/naloxone", "Medication", "naloxone", [], [1]),
    ("substance/benzodiazepines", "Depressant", "benzodiazepines", ["benzos"], [1]),
    ("region/bc", "Province", "British Columbia", ["BC"], [0]),
    ("policy/decriminalization", "PolicyLever", "decriminalization", [], []),
    ("event/roundtable", "Meeting", "Roundtable", [], []),
]
ROUNDTABLE_RELATIONS = [
    ("actor/ocgs", "traffics", "substance/methamphetamine", "Positive", "Asserted", 0.8, 0),
    ("actor/ocgs", "traffics", "substance/fentanyl", "Positive", "Possible", 0.6, 2),
    ("actor/ocgs", "operatesIn", "region/bc", "Positive", "Asserted", 0.8, 0),
    ("substance/naloxone", "counters", "substance/benzodiazepines", "Negative", "Asserted", 0.9, 1),
]
