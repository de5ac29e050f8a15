"""Reading the dependency parse: argument roles of a trigger word, and what governs it.

The trained pipeline gives Universal Dependencies relations. A trigger word's
arguments are named by role (see ontology/lexicon/frames.ttl): ``agent``,
``patient``, ``prep:X``, ``poss``, ``compound``, ``host``, ``content`` (the objects of a verb's
content clause: "recommends that Governments adopt *measures*"). Passive voice,
relative clauses, participles, apposition, control ("used to make") and
coordinated verbs ("produce and sell") are normalised here so a frame needs
one entry per meaning, not one per construction.
"""

from __future__ import annotations

from collections import defaultdict
from functools import cache

from spacy.tokens import Token

__all__ = ["roles", "trigger_keys", "case_word", "is_passive", "governors", "expand", "head_of", "coordinator",
           "scope", "has_subject", "modal_words", "modality_of"]

_SKIPPED_OBLIQUES = ("obl:tmod", "obl:npmod", "nmod:tmod", "nmod:npmod", "nmod:unmarked", "obl:unmarked")


def head_of(doc, start: int, end: int) -> Token:
    """The syntactic head of tokens [start, end): the rightmost whose head lies outside."""
    heads = [t for t in doc[start:end] if not (start <= t.head.i < end) or t.head.i == t.i]
    return heads[-1] if heads else doc[end - 1]


def case_word(token: Token) -> str | None:
    """ "from" in "from China", "out of" in "out of Mexico", "according to" ..."""
    for child in token.children:
        if child.dep_ in ("case", "mark") and child.i < token.i:
            words = [child.lower_] + [f.lower_ for f in child.children if f.dep_ == "fixed"]
            return " ".join(words)
    return None


def is_passive(token: Token) -> bool:
    if any(c.dep_ in ("aux:pass", "nsubj:pass", "csubj:pass", "obl:agent") for c in token.children):
        return True
    return token.tag_ == "VBN" and token.dep_ in ("acl", "amod") or (
        token.tag_ == "VBN" and token.dep_ == "conj" and is_passive(token.head)
    )


def _own_roles(token: Token) -> dict[str, list[Token]]:
    found: dict[str, list[Token]] = defaultdict(list)
    passive = is_passive(token)
    for child in token.children:
        dep = child.dep_
        if dep == "nsubj":
            found["agent"].append(child)
        elif dep in ("nsubj:pass", "obj", "iobj"):
            found["patient"].append(child)
        elif dep == "obl:agent":
            found["agent"].append(child)
        elif dep == "nmod:poss":
            found["poss"].append(child)
        elif dep in ("compound", "amod") and child.pos_ in ("NOUN", "PROPN"):
            found["compound"].append(child)  # a noun "amod" is a compound the parser mislabelled
        elif (dep.startswith("obl") or dep.startswith("nmod")) and dep not in _SKIPPED_OBLIQUES:
            case = case_word(child)
            if case == "by" and passive:
                found["agent"].append(child)
            elif case:
                found[f"prep:{case}"].append(child)
    return found


def roles(token: Token, *, relativizers: frozenset[str], light_verbs: frozenset[str] = frozenset(),
          verb_cases: frozenset[str] = frozenset(), changing_verbs: frozenset[str] = frozenset()) -> dict[str, list[Token]]:
    """Argument tokens of ``token`` by role, including those the construction implies.

    ``relativizers``: the relative pronouns ("that", "which", "who": rtl:GrammarWord "relativizer");
    ``light_verbs``: verbs whose obliques belong to their noun subject ("light-verb": "production
    continues in Mexico", "manufacture takes place in Europe"); ``verb_cases``: prepositions whose
    phrase belongs to the verb even where the parser hangs it on the verb's object or oblique
    ("verb-case": "works with the OPP *through* the Joint Northern Drug Strategy");
    ``changing_verbs``: content-clause verbs whose object is what is to change, not what is
    proposed ("changing-word": "recommends that the Home Office *amend* the Act").
    """
    found = _own_roles(token)
    if token.pos_ == "VERB" and verb_cases:
        for argument in token.children:
            if argument.dep_ in ("obj", "nsubj:pass") or argument.dep_.startswith("obl"):
                for phrase in argument.children:
                    case = case_word(phrase) if phrase.dep_.startswith("nmod") else None
                    if case in verb_cases:
                        found[f"prep:{case}"].append(phrase)
    head = token.head
    dep = token.dep_
    if token.pos_ == "VERB":
        # "The Board recommends that Governments adopt measures": what the content clause's verb acts on
        content = [t for clause in token.children if clause.dep_ in ("ccomp", "xcomp") and clause.pos_ == "VERB"
                   and clause.lemma_.lower() not in changing_verbs
                   for role, tokens in _own_roles(clause).items() if role in ("patient", "prep:for") for t in tokens]
        if content:
            found["content"] = content
    if token.pos_ in ("NOUN", "PROPN") and dep in ("nsubj", "nsubj:pass") and head.lemma_.lower() in light_verbs:
        for role, tokens in _own_roles(head).items():
            if role.startswith("prep:") and role not in found:
                found[role].extend(tokens)
    if dep == "acl:relcl" and head.i != token.i:
        # "groups that traffic fentanyl": the relative pronoun's role goes to the noun
        replaced = False
        for role, tokens in found.items():
            for i, t in enumerate(tokens):
                if t.lower_ in relativizers:
                    tokens[i] = head
                    replaced = True
                elif any(c.lower_ == "whose" for c in t.children):
                    # "xylazine, whose effects naloxone does not reverse": the effects of xylazine
                    tokens[i] = head
                    replaced = True
        if not replaced:
            found["patient" if found.get("agent") else "agent"].append(head)
        if head.dep_ == "appos":
            # "xylazine, a sedative whose effects naloxone does not reverse": what the clause says
            # of the description it says of xylazine, the name described
            for tokens in found.values():
                for i, t in enumerate(tokens):
                    if t.i == head.i:
                        tokens[i] = head.head
    elif dep in ("acl", "amod") and token.pos_ == "VERB" and head.i != token.i:
        # "presses imported from China" / "groups trafficking fentanyl"
        found["patient" if token.tag_ == "VBN" else "agent"].append(head)
    elif dep == "appos" and token.pos_ in ("NOUN", "PROPN"):
        found["host"].append(head)
    elif (token.pos_ == "NOUN" and head.i != token.i and (dep.startswith("nmod") or dep.startswith("obl"))
          and case_word(token) == "in" and not found.get("poss")):
        # "The OPP, in consultation with the NHU, ...": whose consultation it is
        if head.pos_ in ("NOUN", "PROPN"):
            found["host"].append(head)
        elif head.pos_ == "VERB":
            # "the investigation was carried out in partnership with …": the passive subject too
            found["host"].extend(c for c in head.children if c.dep_ in ("nsubj", "nsubj:pass"))
    if token.pos_ in ("NOUN", "PROPN"):
        # "ephedrine is a precursor of ..." (copular predicate nominal)
        found["host"].extend(found.pop("agent", []))
        if case_word(token) == "as" and head.i != token.i:
            # "BMK is used as a precursor for ...", "serves as a source of ..."
            host = _own_roles(head)
            found["host"].extend(host.get("patient", []) if is_passive(head) else host.get("agent", []))
    # control: "BMK is used to make amphetamine", "groups continue to traffic fentanyl"; a passive
    # complement's controller is its patient ("tablets are believed to be pressed in the US")
    controlled = "patient" if is_passive(token) else "agent"
    if dep in ("xcomp", "advcl") and head.i != token.i and not found.get(controlled):
        upper = _own_roles(head)
        controller = upper.get("patient") if is_passive(head) else (upper.get("patient") or upper.get("agent"))
        if dep == "xcomp" or is_passive(head):
            found[controlled].extend(controller or [])
    if dep == "conj" and token.pos_ == "VERB" and head.pos_ in ("NOUN", "PROPN", "ADJ") and head.i != token.i \
            and any(c.dep_ == "cop" for c in head.children) and not found.get("patient" if is_passive(token) else "agent"):
        # "Medetomidine is not an opioid and is not reversed by naloxone": the predicate's subject
        subject = [c for c in head.children if c.dep_ in ("nsubj", "nsubj:pass")]
        found["patient" if is_passive(token) else "agent"].extend(subject)
    if dep == "conj" and head.pos_ in ("VERB", "AUX") and head.i != token.i:
        # "produce and sell fentanyl": shared subject (and object, when it follows both)
        upper = roles(head, relativizers=relativizers) if head.dep_ != "conj" else _own_roles(head)
        # the shared subject is the patient of a passive conjunct and the agent of an active one
        # ("chemicals used in labs are imported from China"; "drugs were seized and contained fentanyl")
        subject = upper.get("patient" if is_passive(head) else "agent", [])
        subject = [t for t in subject if t.i < head.i]
        own = "patient" if is_passive(token) else "agent"
        if not found.get(own) and subject:
            found[own].extend(subject)
        if not found.get("patient") and upper.get("patient") and not is_passive(head) and all(
                t.i > token.i for t in upper["patient"]):
            found["patient"].extend(upper["patient"])
    if not found.get("patient"):
        # right-node raising: "produce and sell fentanyl" may hang the object on the last verb
        for conj in token.children:
            if conj.dep_ == "conj" and conj.pos_ == "VERB":
                shared = [t for t in _own_roles(conj).get("patient", []) if t.i > conj.i]
                if shared:
                    found["patient"].extend(shared)
                    break
    return found


def trigger_keys(token: Token) -> tuple[str, ...]:
    """Frame labels this token may trigger, most specific first: "use to make", "crack down", "make"."""
    lemma = token.lemma_.lower()
    keys = []
    particles = [c.lower_ for c in token.children if c.dep_ == "compound:prt" or (c.dep_ == "advmod" and c.lower_ == "away")]
    for particle in particles:
        keys.append(f"{lemma} {particle}")
    if token.dep_ in ("xcomp", "advcl") and token.head.i != token.i:
        keys.append(f"{token.head.lemma_.lower()} to {lemma}")
    keys.append(lemma)
    if token.lower_ != lemma:
        keys.append(token.lower_)
    return tuple(keys)


def governors(token: Token):
    """The words governing ``token`` through control, complement and coordination, nearest first.

    A content clause of a noun continues to the verb of that noun: in "do not
    support the claim that Canada is a source", "support" governs "source".
    """
    current = token
    seen = {token.i}
    while current.dep_ in ("xcomp", "ccomp", "conj", "advcl", "parataxis", "acl", "csubj") and current.head.i not in seen:
        clause = current.dep_
        current = current.head
        seen.add(current.i)
        yield current
        if clause == "acl" and current.pos_ in ("NOUN", "PROPN") and current.dep_ in ("obj", "nsubj", "nsubj:pass"):
            if current.head.i not in seen:
                current = current.head
                seen.add(current.i)
                yield current


def coordinator(conj: Token) -> str:
    """The coordinating words of a conjunct ("and", "rather than"), or the empty string."""
    for child in conj.children:
        if child.dep_ == "cc":
            return " ".join([child.lower_] + [f.lower_ for f in child.children if f.dep_ == "fixed"])
    return ""


def expand(token: Token, *, contrasts: frozenset[str] = frozenset(), examples: frozenset[str] = frozenset()) -> list[Token]:
    """The token and those coordinated or in apposition with it ("fentanyl, meth and cocaine"), and
    the examples it introduces (``examples``: "such as", "including": "countries, including Ireland
    and Belgium"; "devices such as pill presses"), which share what is said of it.

    A conjunct joined by a contrast ("rather than", "but") is not included.
    """
    found = [token]
    frontier = [token]
    seen = {token.i}
    while frontier:
        current = frontier.pop()
        for child in current.children:
            if child.dep_ == "conj" and coordinator(child) in contrasts:
                continue
            if child.dep_ in ("flat", "flat:name") and child.i not in seen:
                seen.add(child.i)
                frontier.append(child)  # "Cactus Montréal and Dopamine": the parser hangs a conjunct on a name's last word
                continue
            example = examples and child.dep_.startswith("nmod") and case_word(child) in examples
            if (child.dep_ in ("conj", "appos") or example) and child not in found:
                found.append(child)
                seen.add(child.i)
                frontier.append(child)
    return sorted(found, key=lambda t: t.i)


@cache
def modal_words(lexicon) -> tuple[dict[str, str], dict[str, str]]:
    """(auxiliary or adverb -> modality, governing word of "X to" or governing verb's lemma ->
    modality), from the lexicon's ModalityCues."""
    single, governing = {}, {}
    for cue in lexicon.cues_of("ModalityCue"):
        modality = cue.modality.rsplit("#", 1)[-1]
        for label in cue.labels:
            words = label.lower().split()
            if cue.position == "governor":
                governing[words[0]] = modality  # "recommends that governments expand ..."
            elif len(words) == 1:
                single[words[0]] = modality
            elif words[-1] == "to":
                governing[words[-2]] = modality
    return single, governing


def has_subject(token: Token) -> bool:
    """The word has a subject of its own (a clause, not a bare conjunct sharing one)."""
    return any(c.dep_ in ("nsubj", "nsubj:pass", "expl") for c in token.children)


def scope(token: Token) -> tuple[Token, ...]:
    """The token and the words governing it, up to a conjunct with a subject of its own: in "… do
    not come from here, and we will keep working with the CBSA" no "not" reaches "working"."""
    chain, current = [token], token
    for word in governors(token):
        if current.dep_ == "conj" and has_subject(current):
            break
        chain.append(word)
        current = word
    return tuple(chain)


def modality_of(token: Token, lexicon) -> str | None:
    """The modality the parse gives a trigger: its own or a governing word's auxiliary or adverb
    ("may", "will"), or a governing verb that proposes or hedges ("recommends that", "suggests
    that"); None when nothing does."""
    single, governing = modal_words(lexicon)
    for word in scope(token):
        for child in word.children:
            if child.dep_ in ("aux", "advmod") and child.lower_ in single:
                return single[child.lower_]
        if word.i != token.i and (word.lower_ in governing or word.lemma_.lower() in governing):
            return governing.get(word.lower_) or governing[word.lemma_.lower()]
    return None
