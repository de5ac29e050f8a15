"""Mentions from syntax: noun phrases the lexicon lacks, classed by data.

Each noun phrase of the parse (a noun with its modifiers; a proper name with
its "of" complement, "Schedule IX of the CDSA") becomes a candidate. Its head
noun decides the class (``rtl:HeadNoun`` in ontology/lexicon/heads.ttl:
"illicit drugs" is a substance, "people who use drugs" a community, "Vancouver
Coastal Health" an agency); a proper name no head noun decides takes the class
of the trained mention detector's type ("Phoenix": place, so a region). Words
that are not entities ("participants", "Appendix", "the day") have no head
entry and no detector class, so they stay out. The resolver prefers the
lexicon's and the name forms' mentions wherever they overlap these.
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Doc, Token

from ..lexicon import Lexicon
from ..model import Mention
from ..namespaces import RTG
from .base import DocumentContext, mention_from_span
from .selection import selected_class
from .syntax import case_word

__all__ = ["NAME", "STAGE", "extract", "phrase_spans", "sentence_is_title"]

NAME = "noun_phrases"
STAGE = "mentions"
NEEDS_PARSE = True  # runs after the parse; the other mention extractors run before it

_CONFIDENCE = 0.6
_LEFT_MODIFIERS = ("amod", "compound", "flat", "det", "nummod", "advmod", "obl:npmod", "nmod:npmod")
_NAME_PARTS = ("flat", "compound", "flat:name", "fixed")
_MAX_CLAUSE = 6


@cache
def _detector(lexicon: Lexicon) -> dict[str, str]:
    return {label.lower(): cue.form_class for cue in lexicon.cues_of("DetectorType") for label in cue.labels}


def _is_head(token: Token) -> bool:
    # the tagger and the morphologizer are separate models: either saying "noun" will do
    return (token.pos_ in ("NOUN", "PROPN") or token.tag_.startswith("NN")) and token.dep_ not in _NAME_PARTS


def _proper(token: Token) -> bool:
    return token.pos_ == "PROPN" or token.tag_ in ("NNP", "NNPS")


def _capitalized(token: Token) -> bool:
    return token.text[:1].isupper() or token.text[:1].isdigit()


def _left_edge(token: Token) -> int:
    """Leftmost token reached through modifiers only (not a whole clause hanging left)."""
    edge = token.i
    for child in token.lefts:
        if child.dep_ in _LEFT_MODIFIERS or child.dep_.startswith("compound"):
            if child.pos_ == "VERB" and child.tag_ not in ("VBN", "VBG"):
                continue
            edge = min(edge, _left_edge(child))
    return edge


def phrase_spans(doc: Doc, token: Token, *, clause_objects: frozenset[str] = frozenset(),
                 name_tails: frozenset[str] = frozenset(("of",))) -> tuple[int, int]:
    """Token span [start, end) of the noun phrase headed by ``token``; ``name_tails``: the
    prepositions a proper name continues with ("Ministry of Health", "Working Group on Synthetic
    Drugs")."""
    start, end = _left_edge(token), token.i + 1
    possessive = [t.i for t in doc[start:token.i] if t.dep_ == "case" and t.lower_ in ("'s", "’s", "'")]
    commas = [t.i for t in doc[start:token.i] if t.is_punct and t.text not in ("-", "/", ".")]
    if commas:
        start = commas[-1] + 1  # "international supply, unregulated chemicals": a list, not one phrase
    if possessive:
        start = max(start, possessive[-1] + 1)  # "Health Canada's Drug Analysis Service": the possessor is its own mention
    for child in token.rights:
        if child.dep_ in _NAME_PARTS and child.i == end:
            end = _name_end(child)
        elif (child.dep_.startswith("nmod") and _proper(token) and _capitalized(child) and _capitalized(token)
              and any(c.lower_ in name_tails for c in child.children if c.dep_ == "case")
              and ((_proper(child) and child.i - end <= 2) or (child.left_edge.i == end and _title_case(doc, child)))):
            end = _name_end(child)  # "Schedule IX of the CDSA", "Ministry of Health"
            for conj in child.children:  # "Committee on Public Safety and National Security"
                if conj.dep_ == "conj" and conj.left_edge.i in (end, end + 1) and doc[end].lower_ == "and" and _proper(conj) \
                        and all(_capitalized(t) for t in doc[end + 1:_name_end(conj)]):
                    end = _name_end(conj)
        elif clause_objects and child.dep_ == "acl:relcl" and _drug_use_clause(child, clause_objects):
            end = child.right_edge.i + 1  # "people who use drugs"
    return start, end


def _title_case(doc: Doc, token: Token) -> bool:
    """ "(Committee) on Legal and Constitutional Affairs": a complement whose every content word is
    capitalized continues a name even where the tagger reads common nouns and adjectives."""
    words = [t for t in doc[token.left_edge.i:_name_end(token)] if t.dep_ not in ("case", "det", "cc")]
    return len(words) > 1 and all(_capitalized(t) for t in words)


def _name_end(token: Token) -> int:
    """End of a name part: the token and its own name parts, not its conjuncts or appositions."""
    end = token.i + 1
    for child in token.rights:
        if child.dep_ in _NAME_PARTS and child.i == end:
            end = _name_end(child)
    return end


def _drug_use_clause(verb: Token, objects: frozenset[str]) -> bool:
    """ "who use drugs", "who inject opioids": a short clause whose object is a substance head noun."""
    if verb.right_edge.i + 1 - verb.left_edge.i > _MAX_CLAUSE or any(t.is_punct for t in verb.subtree):
        return False
    return any(c.dep_ == "obj" and c.lemma_.lower() in objects for c in verb.children)


_FINITE = frozenset(("VBZ", "VBP", "VBD", "VB", "MD"))

def _placed(token: Token, cases: frozenset[str]) -> bool:
    """A one-word name introduced like a place ("in Phoenix", "from Culiacán")."""
    return any(c.dep_ == "case" and c.lower_ in cases for c in token.children)


def extract(context: DocumentContext) -> tuple[Mention, ...]:
    lexicon = context.lexicon
    heads = lexicon.index_of("HeadNoun")
    substances = frozenset(k for k, cues in heads.items() if any(c.form_class == str(RTG.Substance) for c in cues))
    detector = _detector(lexicon)
    drop = lexicon.grammar("label-drop")
    criminal = lexicon.grammar("criminal-modifier")
    online = lexicon.grammar("online-modifier")
    counterfeit = lexicon.grammar("counterfeit-modifier")
    region_prefixes = lexicon.grammar("region-prefix")
    place_cases = lexicon.grammar("place-case")
    examples = lexicon.grammar("example-case")
    tails = lexicon.grammar("name-tail")
    not_entities = lexicon.words_of("NonEntity") | lexicon.words_of("MonthName")
    found: list[Mention] = []
    for index, doc in enumerate(context.docs):
        if sentence_is_title(doc):
            continue  # "Supporting the People Who Police": a title's capitals mark no names
        for token in doc:
            if not _is_head(token):
                continue
            start, end = phrase_spans(doc, token, name_tails=tails)
            # a name's head noun is its last word ("Nova Scotia Health", "Kenora District"), though UD
            # hangs a flat name on its first
            last = doc[end - 1] if _proper(token) and doc[end - 1].dep_ in _NAME_PARTS else token
            lemma = last.lemma_.lower()
            previous = doc[last.i - 1].lemma_.lower() if last.i else ""
            cues = heads.get(f"{previous} {lemma}", ()) + heads.get(lemma, ()) + heads.get(last.lower_, ())
            if any(c.position == "clause" for c in cues):
                start, end = phrase_spans(doc, token, clause_objects=substances, name_tails=tails)
            while start < token.i and (
                doc[start].lower_ in drop
                or doc[start].pos_ in ("DET", "PRON", "PUNCT", "ADP", "CCONJ", "SYM", "SCONJ", "PART")
                # "also illicit drugs", but "culturally safe care"
                or (doc[start].pos_ == "ADV" and not (start < doc[start].head.i < end and doc[start].head.pos_ == "ADJ"))
                or ((doc[start].pos_ == "NUM" or doc[start].like_num) and not doc[start].text[:1].isupper())
            ):
                start += 1
            while end - 1 > token.i and doc[end - 1].pos_ in ("PUNCT",):
                end -= 1
            if _proper(token):
                # "Police launched Project Harbour" misread as one name: the name follows the verb
                verbs = [t.i for t in doc[start:token.i] if t.pos_ == "VERB" and not _capitalized(t)]
                if verbs:
                    start = verbs[-1] + 1
            span = doc[start:end]
            if any(t.tag_ in _FINITE for t in doc[start:token.i]) or any(c.dep_ == "nummod" for c in token.children):
                continue  # a misparsed clause ("produce tablets"), or a count ("22 deaths": a statistic)
            modifiers = [t for t in span if t.i != token.i and t.pos_ in ("ADJ", "NOUN", "PROPN", "VERB")
                         and t.tag_ not in ("JJR", "JJS")]
            # "the Louisville Field Division": a capitalized head the tagger calls common, after proper words
            titled = (_proper(token) or (_capitalized(token) and token.i > 0 and not token.is_sent_start
                                         and any(_proper(t) for t in span if t.i < token.i)))
            name = titled and all(_capitalized(t) for t in span if t.pos_ in ("NOUN", "PROPN", "ADJ"))
            words = {t.lower_ for t in span if t.i != token.i}
            cls, position = None, None
            for cue in cues:
                wanted = {
                    "criminal": bool(words & criminal),
                    # "counterfeit hydromorphone tablets"; not "counterfeit oxycodone tablets" where the
                    # lexicon names "counterfeit oxycodone", nor "fake diazepam or oxycodone tablets"
                    "counterfeit": cue.position == "counterfeit" and bool(words & counterfeit) and len(span) > 2
                    and not any(t.dep_ == "cc" for t in span)
                    and lexicon.concept_by_label(doc[start:last.i].text) is None,
                    "online": bool(words & online),
                    "name": name,
                    # "the Stinson neighbourhood", "Treaty 4 territory": a common head named by proper words
                    "named": name or (bool(modifiers) and any(_proper(t) for t in modifiers)
                                      and all(_capitalized(t) for t in span if t.i != token.i and t.is_alpha)),
                    "modified": bool(modifiers),
                    "common": bool(modifiers) and not name,
                    "bare": not name,
                    "clause": end > token.i + 1 or bool(modifiers),
                }.get(cue.position or "modified", False)
                if wanted:
                    cls, position = cue.form_class, cue.position
                    break
            part_of_region = False
            if cls is None and len(span) > 1 and span[0].lower_ in region_prefixes and (name or _proper(token)):
                rest = lexicon.concept_by_label(span[1:].text)
                if rest is not None and lexicon.is_a(rest.cls, str(RTG.Region)):
                    # "Greater Victoria", "Northern Alberta", "eastern Kentucky": a part, which wins over the whole
                    cls, part_of_region = str(RTG.Region), True
                elif all(_capitalized(t) for t in span[1:] if t.pos_ in ("NOUN", "PROPN", "ADJ")) and any(
                        detector.get(e.label_) == str(RTG.Region) for e in doc.ents
                        if e.start in (start, start + 1) and e.end == end):
                    cls = str(RTG.Region)  # "northern New England": the part of a place the lexicon lacks
            if cls is None and name:
                cls = _described_class(lexicon, token, heads, examples=examples, criminal=criminal, online=online)
            if cls is None and name and (len(span) > 1 or _placed(token, place_cases)):
                # the detector's type counts when its mention is exactly this name
                labels = {e.label_ for e in doc.ents if e.start == start and e.end == end}
                cls = next((detector[label] for label in sorted(labels) if label in detector), None)
            if cls is None and name and len(token.text) > 1:
                cls = selected_class(lexicon, token, start=start, end=end)  # "offered by Cactus Montréal"
            # a name's tail after its head may hold any word: "Working Group on Synthetic Drugs"
            if cls is None or span.text in not_entities or any(
                    t.text in not_entities or t.lower_ in not_entities for t in span if t.i <= token.i):
                continue
            if len(span) == 1 and any(c.position == "name" for c in cues):
                continue  # "the Roundtable", "the Strategy": a document alias of a longer name
            if lexicon.concept_by_label(span.text) is not None:
                continue  # the lexicon's own mention of it stands
            label = _label(span, name=name)
            # "xylazine, a veterinary sedative": a description of the name before, not another entity;
            # resolution reads it as a mention of that name, so what is said of it is said of the name
            description = token.dep_ == "appos" and not name and token.head.i < token.i
            if description and not lexicon.is_a(cls, str(RTG.Actor)):
                continue  # "pseudoephedrine, a methamphetamine precursor": the class and its parts stay mentions
            # "counterfeit hydromorphone tablets" imitate hydromorphone: the product wins over the drug's name
            kind = "description" if description else "syntax-name" if name else "syntax-modified" if part_of_region or position == "counterfeit" or (
                _narrows_generic_actor(lexicon, span, token) or _wider_than_lexicon(lexicon, span, token, cls)) else "syntax"
            found.append(
                mention_from_span(
                    context, index, span, label=label, cls=cls, concept=None,
                    extractor=NAME, confidence=_CONFIDENCE, kind=kind,
                )
            )
    return tuple(found)


def _described_class(lexicon, token: Token, heads, *, examples, criminal, online) -> str | None:
    """The class of a common noun that says what a name is: its apposition ("the Clan del Golfo,
    a Colombian cartel"), the noun it is an example of ("encrypted platforms such as Threema and
    Signal"), or its copular predicate ("Threema is a messaging app"). A noun the lexicon names
    generically ("cartel") gives its concept's class; otherwise its head-noun entry, whose
    modifier condition ("criminal", "online") must hold on the noun's own modifiers."""
    if len(token.text) < 2:
        return None  # "(U)": a marking, not a name
    first = token
    while first.dep_ == "conj" and first.head.i != first.i and _proper(first.head):
        first = first.head  # "such as Threema and Signal": the first conjunct carries the case
    nouns = [c for c in token.children if c.dep_ == "appos"]
    if token.dep_ == "appos" and token.head.i != token.i:
        nouns.append(token.head)
    if case_word(first) in examples:
        # "NP such as NAME": the noun right before the marker, whatever the parser hung it on
        marker = min(c.i for c in first.children if c.dep_ in ("case", "mark"))
        if marker > 0:
            nouns.append(token.doc[marker - 1])
    if token.dep_ == "nsubj" and any(c.dep_ == "cop" for c in token.head.children):
        nouns.append(token.head)
    for noun in nouns:
        if noun.pos_ != "NOUN" or any(t.pos_ == "NUM" for t in noun.subtree if t.i < noun.i):
            continue  # another name, a misparse, or a count ("4.5 million units (TEUs)"): not a description
        concept = lexicon.concept_by_label(noun.lemma_) or lexicon.concept_by_label(noun.lower_)
        classes = [concept.cls] if concept is not None and concept.label[:1].islower() else []
        words = {t.lower_ for t in noun.lefts}
        classes += [cue.form_class for cue in heads.get(noun.lemma_.lower(), ())
                    if {"criminal": bool(words & criminal), "online": bool(words & online)}.get(cue.position, True)]
        if classes:
            # a name described as a person ("Grace Whitford, a peer worker") is no community
            return None if lexicon.is_a(classes[0], str(RTG.Community)) else classes[0]
    return None


def _wider_than_lexicon(lexicon, span, head: Token, cls: str) -> bool:
    """ "money laundering investigations": a policy lever named by its head noun, and the lexicon's
    mention before it ("money laundering", not itself a lever) only says what it is aimed at, so
    the phrase wins over it. (Not for other classes: "opioid overdoses" stays opioids.)"""
    lever = str(RTG.PolicyLever)
    if not lexicon.is_a(cls, lever):
        return False
    if lexicon.concept_by_label(head.lemma_) is not None or _lexicon_tail(lexicon, span, head) is not None:
        return False  # the head is itself a lexicon name, or part of one
    inner = [lexicon.concept_by_label(span.doc[a:b].text) for a in range(span.start, head.i) for b in range(a + 1, head.i + 1)]
    inner = [c for c in inner if c is not None]
    return bool(inner) and not any(lexicon.is_a(c.cls, lever) for c in inner)


def _narrows_generic_actor(lexicon, span, head: Token) -> bool:
    """ "Chinese vendors", "Mexican criminal networks": adjectives narrowing a generic actor of the
    lexicon ("vendors", "criminal networks") name a narrower actor, which wins over the generic one.
    Only adjectives: a place ("Lower Mainland gangs") stays a mention of its own."""
    tail = _lexicon_tail(lexicon, span, head)
    if tail is None:
        return False
    start, concept = tail
    return (lexicon.is_a(concept.cls, str(RTG.Actor)) and concept.label[:1].islower()
            and all(t.pos_ == "ADJ" or t.text == "-" for t in span.doc[span.start:start]))


def _lexicon_tail(lexicon, span, head: Token):
    """(start, concept) of the longest lexicon name ending at ``head`` inside ``span`` but shorter
    than it, or None."""
    for start in range(span.start + 1, head.i + 1):
        concept = lexicon.concept_by_label(span.doc[start:head.i + 1].text)
        if concept is not None:
            return start, concept
    return None


def sentence_is_title(doc: Doc) -> bool:
    """ "Supporting the People Who Police": every content word capitalized, as in a title."""
    words = [t for t in doc if t.is_alpha and len(t) > 3]
    return len(words) >= 3 and all(t.text[0].isupper() for t in words)


def _label(span, *, name: bool) -> str:
    """A name as written; a common phrase with its own spacing and its common words in lower case
    ("Illicit drugs" at a sentence start is "illicit drugs")."""
    if name:
        return span.text

    def word(t) -> str:
        # a capital inside a sentence marks a name or a demonym ("Colombian suppliers")
        keep = t.text.isupper() or (t.text[:1].isupper() and not t.is_sent_start) or (
            t.pos_ == "PROPN" and not (t.is_sent_start and t.text[1:].islower()))
        return t.text if keep else t.lower_

    return "".join(word(t) + t.whitespace_ for t in span).strip()