"""Mentions -> entities: overlaps, acronyms, document aliases, one node per concept.

Within a document, overlapping candidate mentions keep the longest; shorter
regions and actors inside a kept mention stay as *nested* mentions (they are
mentioned, but they are not the phrase's head). Acronym definitions ("organized
crime groups (OCGs)", "Public Safety Canada's (PS)") and head words of names
discovered by form ("the Roundtable", "the Strategy") become document-scoped
aliases. Across documents, mentions group by concept IRI: lexicon concepts keep
their IRI, discovered names get one minted from their normalized label.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from dataclasses import replace

from .extractors.base import DocumentContext, is_acronym
from .ids import slugify
from .lexicon import Lexicon
from .model import Entity, Mention
from .namespaces import RTG, RTR

__all__ = ["resolve_document", "build_entities", "entity_iri", "select_mentions", "RESOURCE"]

RESOURCE = str(RTR)
# IRI path segment of each top class (the prefixes bound in the Turtle output)
_PATHS = {
    str(RTG.Actor): "actor",
    str(RTG.Substance): "substance",
    str(RTG.Region): "region",
    str(RTG.PolicyLever): "policy",
    str(RTG.Event): "event",
    str(RTG.Method): "method",
}
_KIND_RANK = {"lexicon": 0, "form": 1, "ellipsis": 2, "acronym": 3, "document-alias": 4, "document-local": 4,
              "syntax-name": 5, "syntax-modified": 5, "description": 5, "syntax": 6}
# mentions that stand for another mention's entity: never names of it (skos:altLabel)
_NOT_NAMES = ("ellipsis", "document-alias", "description")


def entity_iri(lexicon: Lexicon, mention: Mention) -> str:
    if mention.concept and mention.concept in lexicon.concepts:
        return mention.concept
    if mention.kind == "document-local":  # "the Task Force" of a document that names no task force: its own
        return f"{RESOURCE}{_PATHS[lexicon.top_class(mention.cls)]}/{slugify(mention.label)}--{mention.doc_id}"
    concept = lexicon.concept_by_label(mention.label)
    if concept is not None and lexicon.top_class(concept.cls) == lexicon.top_class(mention.cls):
        return concept.iri
    return f"{RESOURCE}{_PATHS[lexicon.top_class(mention.cls)]}/{slugify(mention.label)}"


def _select(lexicon: Lexicon, mentions: list[Mention]) -> tuple[list[Mention], list[Mention]]:
    """Greedy longest-first selection; returns (kept, nested inside kept).

    Only a region inside the name of an agency, organization or policy lever, or
    inside a part of a region ("northern Manitoba"), is kept as nested ("Public
    Prosecution Service of Canada", "BC First Nations Justice Strategy"); "Sinaloa" in "Sinaloa Cartel" or "Prevention" in
    "Centers for Disease Control and Prevention" are parts of a name, not mentions, and so are the
    words of a code name ("Ironwood" in "Project Ironwood").
    """
    hosts = (str(RTG.Agency), str(RTG.Organization), str(RTG.PolicyLever))
    code_names = lexicon.grammar("code-name")  # "Project Ironwood" is no place
    order = sorted(
        mentions,
        # common noun phrases found from syntax only fill gaps: any other mention wins an overlap
        key=lambda m: (m.kind == "syntax", -(m.end - m.start), _KIND_RANK.get(m.kind, 9), -m.confidence, m.start, m.label),
    )
    kept: list[Mention] = []
    nested: list[Mention] = []
    inside: dict[int, list[Mention]] = defaultdict(list)  # nested mentions by the kept mention holding them
    taken = _Spans()
    for mention in order:
        clash = taken.clash(mention.start, mention.end)
        if clash is None:
            kept.append(mention)
            taken.add(mention.start, mention.end, mention)
        elif (
            clash.start <= mention.start and mention.end <= clash.end
            and lexicon.is_a(mention.cls, str(RTG.Region))
            and not (clash.kind == "form" and clash.text.split(" ", 1)[0].lower() in code_names)
            and (any(lexicon.is_a(clash.cls, h) for h in hosts)
                 # "northern Manitoba": a part of a region, found from syntax, names the region too
                 or (clash.kind == "syntax-modified" and lexicon.is_a(clash.cls, str(RTG.Region))))
            # the longest only: "Vancouver Island" in "central Vancouver Island", not "Vancouver" in it
            and not any(n.start <= mention.start and mention.end <= n.end for n in inside[clash.start])
        ):
            nested.append(mention)
            inside[clash.start].append(mention)
    key = lambda m: (m.sentence, m.start, m.end, m.label)  # noqa: E731
    return sorted(kept, key=key), sorted(set(nested), key=key)


class _Spans:
    """Disjoint character spans kept sorted, so an overlap is found by bisection, not a scan.

    Kept spans never overlap, so a span lying inside one overlaps no other: the first
    overlapping span is the one that matters for nesting.
    """

    def __init__(self):
        self.starts: list[int] = []
        self.items: list[tuple[int, int, object]] = []

    def add(self, start: int, end: int, item=None) -> None:
        at = bisect_right(self.starts, start)
        self.starts.insert(at, start)
        self.items.insert(at, (start, end, item))

    def clash(self, start: int, end: int):
        """The item of a kept span overlapping [start, end), or None."""
        at = bisect_left(self.starts, end)  # spans starting before ``end``
        for k in range(at - 1, -1, -1):
            s, e, item = self.items[k]
            if e > start:
                return item
            if s < start:  # disjoint and sorted: earlier spans end before this one starts
                break
        return None


def select_mentions(lexicon: Lexicon, mentions: list[Mention]) -> list[Mention]:
    """The mentions longest-first selection keeps (the parser reads each as one word)."""
    return _select(lexicon, mentions)[0]


def _token_spans(context: DocumentContext, index: int):
    sentence = context.sentences[index]
    return [(sentence.start + t.idx, sentence.start + t.idx + len(t.text), t) for t in context.docs[index]]


def _words_after(context: DocumentContext, index: int, offset: int, count: int) -> list[str]:
    """The texts of the first ``count`` tokens of a sentence starting at or after document ``offset``."""
    doc, sentence = context.docs[index], context.sentences[index]
    # token starts ascend: bisect on them instead of listing every token
    lo, hi = 0, len(doc)
    while lo < hi:
        mid = (lo + hi) // 2
        if sentence.start + doc[mid].idx < offset:
            lo = mid + 1
        else:
            hi = mid
    return [t.text for t in doc[lo:lo + count]]


def _acronym_aliases(context: DocumentContext, kept: list[Mention]) -> dict[str, Mention]:
    """"<name> (ACR)" and "<name>'s (ACR)" define ACR for the rest of the document."""
    aliases: dict[str, Mention] = {}
    first = context.sentences[0].index
    for mention in kept:
        words = _words_after(context, mention.sentence - first, mention.end, 4)
        if words[:1] in (["’s"], ["'s"]):
            words = words[1:]
        if len(words) >= 3 and words[0] == "(" and words[2] == ")" and is_acronym(words[1]):
            if _initials_fit(words[1], mention.text):
                aliases.setdefault(words[1], mention)
    return aliases


def _initials_fit(acronym: str, name: str) -> bool:
    letters = acronym.replace(".", "").rstrip("s").lower()
    initials = "".join(w[0] for w in re.split(r"[\s\-]+", name) if w).lower()
    it = iter(initials)
    return bool(letters) and letters[0] == initials[:1] and all(ch in it for ch in letters)


def _head_words(lexicon: Lexicon) -> set[str]:
    return {label for cue in lexicon.cues_of("NameForm") if cue.position == "last" for label in cue.labels}


def resolve_document(context: DocumentContext, mentions: tuple[Mention, ...]) -> DocumentContext:
    """Select, alias and attach entity IRIs; returns the context for the facts stage."""
    lexicon = context.lexicon
    kept, nested = _select(lexicon, list(mentions))
    kept_by_sentence: dict[int, list[Mention]] = defaultdict(list)
    taken: dict[int, _Spans] = defaultdict(_Spans)
    for mention in kept:
        kept_by_sentence[mention.sentence].append(mention)
        taken[mention.sentence].add(mention.start, mention.end, mention)

    acronyms = _acronym_aliases(context, kept)
    heads = _head_words(lexicon)
    # names with a head word, found by form or in the lexicon, lend it as a document alias
    # ("the Roundtable", "the Strategy", "the Act" for the Good Samaritan Drug Overdose Act)
    discovered = _by_head([m for m in kept if m.kind == "form" or (m.kind == "lexicon" and m.label.split()[-1] in heads)])
    local = _DocumentLocal(lexicon, kept)
    for index, sentence in enumerate(context.sentences):
        doc = context.docs[index]
        # descriptions and document-local phrases first, in the same pass over the (spooled) parse
        mentions_here = kept_by_sentence[sentence.index]
        described = _described(lexicon, sentence, doc, mentions_here)
        if described != mentions_here:
            kept_by_sentence[sentence.index] = described
            taken[sentence.index] = _Spans()  # a description that describes no name is dropped
            for mention in described:
                taken[sentence.index].add(mention.start, mention.end, mention)
        for alias, replaced in local.in_sentence(sentence, doc, kept_by_sentence[sentence.index]):
            for mention in replaced:
                kept_by_sentence[mention.sentence].remove(mention)
            kept_by_sentence[alias.sentence].append(alias)
            if not replaced:  # else the replaced spans already keep head-word aliases off these tokens
                taken[alias.sentence].add(alias.start, alias.end, alias)
        spans = taken[sentence.index]
        for start, end, token in _token_spans(context, index):
            # an alias covers only its own token, so the kept mentions alone decide what is free
            if spans.clash(start, end) is not None:
                continue
            source = None
            if token.text in acronyms:
                source, kind = acronyms[token.text], "acronym"
            elif (token.text in heads and token.text[0].isupper()
                  and _standalone(context.docs[index], token, lexicon.grammar("other-instance"),
                              lexicon.grammar("determiner"))):
                source, kind = _nearest_with_head(discovered, token.text, start), "document-alias"
            if source is None or (source.sentence == sentence.index and source.start <= start < source.end):
                continue
            alias = replace(
                source, sentence=sentence.index, start=start, end=end, text=token.text, kind=kind,
                confidence=round(source.confidence * 0.9, 3),
            )
            kept_by_sentence[sentence.index].append(alias)

    bare = {label for cue in lexicon.cues_of("DocumentLocal") if cue.form_class for label in cue.labels}

    def with_iri(m: Mention) -> Mention:
        if m.kind in ("syntax", "syntax-name") and m.label in bare:  # a bare "Working Group" is this document's
            m = replace(m, kind="document-local")
        return replace(m, concept=entity_iri(lexicon, m))

    per_sentence = tuple(
        tuple(sorted((with_iri(m) for m in kept_by_sentence.get(s.index, [])), key=lambda m: (m.start, m.end)))
        for s in context.sentences
    )
    nested_by_sentence: dict[int, list[Mention]] = defaultdict(list)
    for mention in nested:
        nested_by_sentence[mention.sentence].append(with_iri(mention))
    nested_per_sentence = tuple(tuple(nested_by_sentence.get(s.index, ())) for s in context.sentences)
    return replace(context, mentions=per_sentence, nested=nested_per_sentence)


def _described(lexicon: Lexicon, sentence, doc, mentions: list[Mention]) -> list[Mention]:
    """An actor's description in apposition ("the Clan del Golfo, a Colombian cartel") is a mention
    of the name it follows, when a comma, an article and words left out of labels lie between them:
    what is said of it is said of the name. A generic concept of the lexicon ("cartel") counts when
    the parse makes its phrase the apposition. Only actors: "bromazolam, a benzodiazepine" names the
    substance's class, which stays a node (noun_phrases.py finds no such description). A
    description that follows no name is no mention at all."""
    actor = str(RTG.Actor)
    candidates = [m for m in mentions if ((m.kind == "description" or _generic(m)) and lexicon.is_a(m.cls, actor))
                  or _lever_role(lexicon, m)]
    if not candidates and not any(m.kind == "description" for m in mentions):
        return mentions
    hosts = [m for m in mentions if m.kind not in ("description", "syntax")]
    found = []
    for mention in mentions:
        host = _host(lexicon, sentence, doc, mention, hosts) if mention in candidates else None
        if host is not None:
            found.append(replace(mention, label=host.label, cls=host.cls, concept=host.concept, kind="description",
                                 confidence=round(host.confidence * 0.9, 3)))
        elif mention.kind != "description":
            found.append(mention)
    return found


def _generic(mention: Mention) -> bool:
    return mention.kind == "lexicon" and mention.label[:1].islower()


def _lever_role(lexicon: Lexicon, mention: Mention) -> bool:
    """A lever phrase read from syntax ("a joint investigation"): after a named lever and a comma
    and an article ("Project Estuaire, a joint investigation by …") it describes that lever."""
    return mention.kind == "syntax" and lexicon.is_a(mention.cls, str(RTG.PolicyLever))


def _host(lexicon: Lexicon, sentence, doc, mention: Mention, hosts: list[Mention]) -> Mention | None:
    """The name right before ``mention``'s phrase, with a comma, an article and dropped words between."""
    before = [h for h in hosts if h.end <= mention.start]
    if not before:
        return None
    host = max(before, key=lambda h: h.end)
    if _lever_role(lexicon, mention) and not (lexicon.is_a(host.cls, str(RTG.PolicyLever)) and host.label[:1].isupper()):
        return None  # a lever phrase describes only a named lever
    lead = sentence.text[host.end - sentence.start : mention.start - sentence.start].lower().split()
    # an article marks a description; without one, a comma more often separates items of a list
    if lead[:1] != [","] or not set(lead) & lexicon.grammar("description-article"):
        return None
    start = mention.start
    if mention.kind not in ("description", "syntax"):
        # a lexicon word ("cartel") inside its phrase ("a Colombian cartel"): the parse says where
        # the phrase starts, and whether it is an apposition at all
        start = _apposition_edge(sentence, doc, mention)
        if start is None:
            return None
    gap = sentence.text[host.end - sentence.start : start - sentence.start].split()
    drop = lexicon.grammar("label-drop")
    return host if gap[:1] == [","] and all(w.lower() in drop for w in gap[1:]) else None


def _apposition_edge(sentence, doc, mention: Mention) -> int | None:
    """Where the phrase of a mention the parse reads as an apposition starts, else None."""
    span = doc.char_span(mention.start - sentence.start, mention.end - sentence.start, alignment_mode="expand")
    if span is None or span.root.dep_ != "appos":
        return None
    words = [c.left_edge.idx for c in span.root.lefts if c.dep_ != "punct"]
    return sentence.start + min([span.start_char, *words])


class _DocumentLocal:
    """Standalone document-local phrases ("the Task Force", ontology/lexicon/local.ttl), each
    read as a mention of the name it stands for in this document, with the kept mentions it
    replaces (the bare phrase read from syntax). A phrase whose document names no such
    entity becomes an entity of that document alone (kind "document-local")."""

    def __init__(self, lexicon: Lexicon, kept: list[Mention]):
        self.lexicon, self.kept = lexicon, kept
        self.phrases = [(tuple(label.split()), cue) for cue in lexicon.cues_of("DocumentLocal") if cue.form_class
                        for label in cue.labels]
        self.determiners = lexicon.grammar("local-determiner") if self.phrases else frozenset()
        self.connectors = lexicon.grammar("name-connector")
        self.names: dict[tuple[str, ...], tuple[list[int], list[Mention]]] = {}

    def in_sentence(self, sentence, doc, kept: list[Mention]) -> list[tuple[Mention, list[Mention]]]:
        found = []
        if not self.phrases:
            return found
        words = [t.text for t in doc]
        lowered = [t.lower_ for t in doc]
        for i in range(1, len(doc)):
            if doc[i - 1].lower_ not in self.determiners:
                continue
            for phrase, cue in self.phrases:
                end = i + len(phrase)
                exact = tuple(words[i:end]) == phrase
                if not exact and tuple(lowered[i:end]) != tuple(w.lower() for w in phrase):
                    continue
                after = words[end:end + 2]
                if after[:1] and (after[0][:1].isupper() or (
                        after[0].lower() in self.connectors and after[1:] and after[1][:1].isupper())):
                    break  # a longer name: "the Task Force Report", "the Working Group on Opioids"
                det = sentence.start + doc[i - 1].idx
                start, stop = sentence.start + doc[i].idx, sentence.start + doc[end - 1].idx + len(words[end - 1])
                near = [m for m in kept if m.start < stop and start < m.end]
                covered = [m for m in near if det <= m.start and m.end <= stop]
                if len(covered) < len(near) or any(m.kind in ("lexicon", "form", "acronym") for m in covered):
                    break  # part of a longer mention, or a name of its own
                if phrase not in self.names:
                    self.names[phrase] = _names_with(self.lexicon, self.kept, phrase, cue.form_class, self.connectors)
                source = _nearest(self.names[phrase], start)
                if not exact and (source is None or source.start > start):
                    break  # "the committee" refers back to a named Committee, or to none in particular
                text = " ".join(words[i:end])
                if source is not None:
                    alias = replace(source, sentence=sentence.index, start=start, end=stop, text=text,
                                    kind="document-alias", confidence=round(source.confidence * 0.9, 3))
                else:
                    alias = Mention(doc_id=sentence.doc_id, sentence=sentence.index, start=start, end=stop,
                                    text=text, label=text, cls=cue.form_class, extractor="document-local",
                                    confidence=0.6, kind="document-local")
                found.append((alias, covered))
                break
        return found


def _names_with(lexicon: Lexicon, kept: list[Mention], phrase: tuple[str, ...], cls: str,
                connectors: frozenset[str]) -> tuple[list[int], list[Mention]]:
    """Longer names of the document, of the phrase's class, with the phrase as their head:
    last, or before a name connector ("Task Force of British Columbia"); (starts, mentions)."""
    top = lexicon.top_class(cls)
    width = len(phrase)

    def headed(label: str) -> bool:
        words = label.split()
        return any(tuple(words[k:k + width]) == phrase
                   and (k + width == len(words) or words[k + width].lower() in connectors)
                   for k in range(1, len(words) - width + 1)) or (
            len(words) > width and tuple(words[:width]) == phrase and words[width].lower() in connectors)

    names = sorted((m for m in kept if m.kind in ("lexicon", "form", "syntax-name") and headed(m.label)
                    and lexicon.top_class(m.cls) == top), key=lambda m: m.start)
    return [m.start for m in names], names


def _nearest(names: tuple[list[int], list[Mention]], offset: int) -> Mention | None:
    """The latest name before ``offset``, else the first after it."""
    starts, mentions = names
    if not mentions:
        return None
    at = bisect_left(starts, offset)
    return mentions[at - 1] if at else mentions[0]


def _standalone(doc, token, other: frozenset[str], determiners: frozenset[str]) -> bool:
    """A head word used alone ("the Roundtable"), not inside another name or a different one."""
    before = doc[token.i - 1] if token.i > 0 else None
    after = doc[token.i + 1] if token.i + 1 < len(doc) else None
    # "the next Roundtable" is another meeting than the one named before
    if before is not None and (before.lower_ in other or (before.text[:1].isupper() and not before.is_sent_start
                                                          and before.lower_ not in determiners)):
        return False
    return after is None or not after.text[:1].isupper() or after.is_punct


def _by_head(discovered: list[Mention]) -> dict[str, tuple[list[int], list[Mention]]]:
    """Discovered names by each word of their label: (starts, mentions), in document order."""
    index: dict[str, list[Mention]] = defaultdict(list)
    for mention in discovered:
        for word in set(mention.label.split()):
            index[word].append(mention)
    ordered = {}
    for word, mentions in index.items():
        # stable sort: of equal starts the first listed wins, as max()/min() over the list did
        mentions.sort(key=lambda m: m.start)
        ordered[word] = ([m.start for m in mentions], mentions)
    return ordered


def _nearest_with_head(discovered, head: str, offset: int) -> Mention | None:
    """The latest discovered name with this head word before ``offset`` (else the first after)."""
    if head not in discovered:
        return None
    starts, mentions = discovered[head]
    at = bisect_left(starts, offset)
    if at:
        latest = starts[at - 1]
        return mentions[bisect_left(starts, latest)]  # max() keeps the first of equal starts
    return mentions[0]


def build_entities(lexicon: Lexicon, contexts: list[DocumentContext]) -> tuple[Entity, ...]:
    """One entity per IRI over the whole build, with every mention (nested ones too)."""
    groups: dict[str, list[Mention]] = defaultdict(list)
    for context in contexts:
        for mentions in (*context.mentions, *context.nested):
            for mention in mentions:
                groups[mention.concept].append(mention)
    entities = []
    for iri in sorted(groups):
        mentions = sorted(set(groups[iri]), key=lambda m: (m.doc_id, m.start, m.end))
        concept = lexicon.concepts.get(iri)
        if concept is not None:
            label, cls, known = concept.label, concept.cls, set(concept.aliases)
        else:
            labels = Counter(m.label for m in mentions if m.kind == "form") or Counter(m.label for m in mentions)
            label = min(labels, key=lambda text: (-labels[text], text))
            classes = Counter(m.cls for m in mentions)
            cls = min(classes, key=lambda c: (-classes[c], c))
            known = set()
        # fragments ("surface" of "surface and dark web", a bare head word) are not names
        seen = {m.text for m in mentions if m.kind not in _NOT_NAMES}
        # spelling and inflection variants (skos:hiddenLabel) are matched, never names
        variants = {h.lower(): h for h in concept.hidden} if concept is not None else {}
        unique = _distinct({a for a in known | seen if a.lower() not in variants}, label)
        hidden = _distinct(set(variants.values()), label, unique)
        entities.append(
            Entity(
                iri=iri,
                label=label,
                cls=cls,
                types=lexicon.types_of(cls),
                aliases=unique,
                hidden=hidden,
                mentions=tuple(mentions),
                confidence=max(m.confidence for m in mentions),
                exact_match=concept.exact_match if concept else (),
            )
        )
    present = {e.iri for e in entities}
    return tuple(replace(e, broader=_nearest_ancestors(lexicon, e.iri, present)) for e in entities)


def _distinct(names: set[str], label: str, taken: tuple[str, ...] = ()) -> tuple[str, ...]:
    """Names other than the label (and ``taken``), one per spelling that differs only in case, sorted."""
    skip = {label.lower(), *(t.lower() for t in taken)}
    unique: dict[str, str] = {}
    for name in sorted((n for n in names if n.strip() and n.lower() not in skip), key=lambda a: (a.lower(), a)):
        unique.setdefault(name.lower() if not is_acronym(name) else name, name)
    return tuple(sorted(unique.values(), key=lambda a: (a.lower(), a)))


def _nearest_ancestors(lexicon: Lexicon, iri: str, present: set[str]) -> tuple[str, ...]:
    """The closest skos:broader ancestors that are themselves entities of the build."""
    concept = lexicon.concepts.get(iri)
    found, frontier, seen = [], list(concept.broader) if concept else [], set()
    while frontier:
        parent = frontier.pop(0)
        if parent in seen:
            continue
        seen.add(parent)
        if parent in present:
            found.append(parent)
        else:
            frontier.extend(lexicon.concepts[parent].broader)
    return tuple(sorted(found))
