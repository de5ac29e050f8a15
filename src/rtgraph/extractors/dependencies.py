"""Relations read from dependency paths between two mentions of one sentence.

For every word that can link two mentions (a verb, or a noun listed in a frame
of ontology/lexicon/frames.ttl) the parse gives its arguments by role
(``syntax.roles``). A frame whose subject and object roles are filled by
mentions of the right classes gives a typed relation; a verb that links two
mentions through no frame gives ``rtg:relatedTo`` with its linking words
("imports … from"), unless the lexicon lists it as stating no relation ("be",
"say", "include"). Coordinated arguments each get the relation; the items of
one list are never related to each other by this reading, since no verb links
them. Negation, modality and attribution come from the parse too: a negated
verb or governor, a modal or future auxiliary or a governing "expected to",
and a reporting verb's subject or an "according to" phrase.
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Token

from ..lexicon import Lexicon
from ..model import Assertion
from ..namespaces import RTG
from ..parsing import finite_verb_forms
from .base import DocumentContext
from .clauses import SentenceView, Slot, fits, is_a, views
from .lead_in import lead_in
from .syntax import coordinator, expand, governors, is_passive, modality_of, roles, scope, trigger_keys

__all__ = ["NAME", "STAGE", "extract"]

NAME = "dependencies"
STAGE = "facts"

_FRAME_CONFIDENCE = 0.85
_LINK_CONFIDENCE = 0.5


@cache
def _surface_lemmas(lexicon: Lexicon) -> dict[str, tuple[str, ...]]:
    """Inflected forms the relation-trigger cues spell out ("trafficked") -> the one-word prefLabels
    of those cues ("traffic"): a second opinion where the trained lemmatizer errs on a rare word."""
    found: dict[str, set[str]] = {}
    for cue in lexicon.cues_of("RelationTrigger"):
        lemma = cue.labels[0] if cue.labels else ""
        if " " in lemma:
            continue
        for label in cue.labels[1:]:
            if " " not in label:
                found.setdefault(label.lower(), set()).add(lemma.lower())
    return {form: tuple(sorted(lemmas)) for form, lemmas in found.items()}


@cache
def _pronouns(lexicon: Lexicon) -> frozenset[str]:
    """One-word anaphors that may stand for an actor ("it", "they": rtl:Anaphor cues of class Actor),
    and the possessive pronouns ("its", "their")."""
    actor = str(RTG.Actor)
    return frozenset(label.lower() for cue in lexicon.cues_of("Anaphor") if actor in cue.object_classes
                     for label in cue.labels if " " not in label) | lexicon.grammar("possessive-pronoun")


@cache
def _reporting(lexicon: Lexicon) -> tuple[frozenset[str], frozenset[str]]:
    """(reporting verbs, first words of "according to"-style phrases)."""
    verbs, phrases = set(), set()
    for cue in lexicon.cues_of("AttributionCue"):
        for label in cue.labels:
            words = label.lower().split()
            if cue.position == "after":
                phrases.add(" ".join(w for w in words if w not in ("as", "by")))
            elif len(words) == 1:
                verbs.add(words[0])
    return frozenset(verbs), frozenset(phrases)


def extract(context: DocumentContext) -> tuple[Assertion, ...]:
    found: list[Assertion] = []
    lexicon = context.lexicon
    frames = lexicon.index_of("Frame")
    silent = lexicon.words_of("NonLinkingVerb")
    surface = _surface_lemmas(lexicon)
    verb_forms = finite_verb_forms()
    for view in views(context):
        by_token = _slots_by_token(view)
        if len(set(by_token.values())) < 2:
            continue
        for token in view.doc:
            keys = trigger_keys(token)
            keys = (*keys, *(k for k in surface.get(token.lower_, ()) if k not in keys))
            if token.pos_ == "VERB" and token.lower_ in verb_forms and verb_forms[token.lower_][1] not in keys:
                keys = (*keys, verb_forms[token.lower_][1])  # the treebanks' lemma where the lemmatizer errs ("presse")
            matched = [f for key in keys for f in frames.get(key, ())]
            if token.pos_ == "VERB":
                matched += [f for f in frames.get("*", ()) if "self" not in f.subject_roles]
            elif _heads_slot(token, by_token):
                # "suppliers in China", "a ban on pill presses": the mention's own modifiers
                matched += [f for f in frames.get("*", ()) if "self" in f.subject_roles]
            if not matched and not (token.pos_ == "VERB" and not set(keys) & silent):
                continue
            found.extend(_read(view, token, matched, by_token, linking=not set(keys) & silent))
    return tuple(found)


def _slots_by_token(view: SentenceView) -> dict[int, Slot]:
    found = {}
    for slot in view.slots:
        for i in range(slot.start, slot.end):
            found[i] = slot
    # "found in 31 percent of fentanyl samples": a sample of a substance stands for the substance
    samples = view.lexicon.grammar("sample-noun")
    for token in view.doc:
        if token.i not in found and token.lemma_.lower() in samples:
            named = [found[c.i] for c in token.children if c.dep_ in ("compound", "amod") and c.i in found]
            if len(named) == 1 and is_a(view, named[0], RTG.Substance):
                found[token.i] = named[0]
    return found


def _heads_slot(token: Token, by_token: dict[int, Slot]) -> bool:
    """Whether ``token`` is the syntactic head of the mention it lies in."""
    slot = by_token.get(token.i)
    if slot is None or token.pos_ not in ("NOUN", "PROPN"):
        return False
    return token.head.i == token.i or by_token.get(token.head.i) is not slot


def _slot_of(token: Token, by_token: dict[int, Slot], cases: tuple[str, ...] = ("of",)) -> Slot | None:
    found = _slots_of(token, by_token, cases)
    return found[0] if found else None


def _slots_of(token: Token, by_token: dict[int, Slot], cases: tuple[str, ...] = ("of",),
              contrasts: frozenset[str] = frozenset()) -> list[Slot]:
    slot = by_token.get(token.i)
    if slot is not None:
        return [slot]
    # "large quantities of fentanyl": the noun of the "of" phrase, with its conjuncts ("with the
    # assistance of the OPP and the TPS"); for a place role, "from suppliers in China", "in labs
    # in Mexico": the place of a noun that names no entity
    for case in cases:
        for child in token.children:
            if child.dep_.startswith("nmod") and any(c.lower_ == case for c in child.children if c.dep_ == "case"):
                if child.i in by_token:
                    return [by_token[m.i] for m in expand(child, contrasts=contrasts) if m.i in by_token]
    return []


def _subjects(verb: Token, contrasts: frozenset[str]) -> list[Token]:
    """The verb's subjects that are not pronouns, with their conjuncts."""
    return [m for c in verb.children if c.dep_ in ("nsubj", "nsubj:pass") and c.pos_ != "PRON"
            for m in expand(c, contrasts=contrasts)]


def _antecedent(pronoun: Token, contrasts: frozenset[str]) -> list[Token]:
    """The subject a pronoun subject or possessor takes up in its own sentence: that of the verb
    governing its clause ("Meta said that *it* works with police", "Europol and the EUDA meet
    ..., and *they* cooperate with ...", "The SHA presented *its* naloxone program"), nearest
    first; none if no governing verb has one."""
    verb = pronoun.head
    if pronoun.dep_ == "nmod:poss":
        # "The Calgary Police Service described *its* partnership with ...": the clause's subject
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        if verb.pos_ not in ("VERB", "AUX"):
            return []
        candidates = (verb, *governors(verb))
    elif pronoun.dep_ in ("nsubj", "nsubj:pass"):
        candidates = governors(verb)
    else:
        return []
    return next((found for v in candidates if (found := _subjects(v, contrasts))), [])


def _fillers(tokens: list[Token], by_token: dict[int, Slot], contrasts: frozenset[str], role: str,
             examples: frozenset[str] = frozenset(), pronouns: frozenset[str] = frozenset(),
             *, places: bool = True) -> list[Slot]:
    slots: list[Slot] = []
    cases = ("of", "in") if places and role in ("prep:from", "prep:in") else ("of",)
    tokens = [*tokens, *(a for t in tokens if t.i not in by_token and t.pos_ == "PRON" and t.lower_ in pronouns
                         for a in _antecedent(t, contrasts))]
    for token in tokens:
        if coordinator(token) in contrasts:
            continue  # "pressed in the United States rather than in Mexico": not where it was pressed
        for member in expand(token, contrasts=contrasts, examples=examples):
            for slot in _slots_of(member, by_token, cases, contrasts):
                if slot not in slots:
                    slots.append(slot)
    return slots


def _read(view: SentenceView, token: Token, frames, by_token, *, linking: bool) -> list[Assertion]:
    grammar = view.lexicon.grammar
    args = roles(token, relativizers=grammar("relativizer"), light_verbs=grammar("light-verb"), verb_cases=grammar("verb-case"),
                 changing_verbs=grammar("changing-word"))
    if not args:
        return []
    own = by_token.get(token.i)
    contrasts, examples = view.lexicon.words_of("ClauseBoundary"), view.lexicon.grammar("example-case")
    pronouns = _pronouns(view.lexicon)
    filled = {role: [s for s in _fillers(tokens, by_token, contrasts, role, examples, pronouns) if s is not own]
              for role, tokens in args.items()}
    _, phrases = _reporting(view.lexicon)
    # "according to the RCMP" says who states it, not what is linked
    filled = {role: slots for role, slots in filled.items()
              if slots and not any(role.startswith(f"prep:{p.split()[0]}") for p in phrases)}
    if len(filled) < 1:
        return []
    if own is not None:
        filled["self"] = [own]  # the role of modifier frames: the mention the trigger heads
    found: list[Assertion] = []
    for frame in frames:
        subjects = [s for r in frame.subject_roles for s in filled.get(r, ()) if fits(view, s, frame.subject_classes)]
        objects = [s for r in frame.object_roles for s in filled.get(r, ()) if fits(view, s, frame.object_classes)]
        pairs = [(s, o) for s in subjects for o in objects if s.iri != o.iri]
        if frame.subject_roles == frame.object_roles:
            # a joint action ("ALERT and the RCMP created a joint team"): each pair once, in text order
            pairs = [(s, o) for s, o in pairs if s.start < o.start]
        if own is not None and frame.subject_roles and not pairs:
            continue
        for subject, obj in pairs:
            found.append(_assertion(view, token, by_token, frame.predicate, subject, obj, _FRAME_CONFIDENCE * frame.confidence / 0.8))
    if not linking or token.pos_ != "VERB" or own is not None:
        return _dedupe(found)
    typed_pairs = {(a.subject, a.object) for a in found} | {(a.object, a.subject) for a in found}
    # an untyped link names what the verb's own arguments are: "buy cocaine from suppliers in
    # Colombia" links no buyer to Colombia (a typed frame may read the place: sourcedFrom)
    direct = dict(filled)
    for role in ("prep:from", "prep:in"):  # the only roles whose fillers may be a place inside a noun
        if role in direct:
            direct[role] = [s for s in _fillers(args[role], by_token, contrasts, role, examples, pronouns, places=False)
                            if s is not own]
    direct = {role: slots for role, slots in direct.items() if slots}
    return _dedupe(found + [a for a in _linked(view, token, direct, by_token) if (a.subject, a.object) not in typed_pairs])




def _linked(view: SentenceView, token: Token, filled: dict[str, list[Slot]], by_token) -> list[Assertion]:
    """A verb linking its subject to an object or oblique that no frame covers: rtg:relatedTo.

    The subject is the active subject (or a passive subject with no agent); the
    items of one argument's list are not linked to each other, and speakers
    (stakeholders) are not linked to what they speak about.
    """
    if "agent" in filled:
        subject_role = "agent"
    elif "patient" in filled and is_passive(token):
        subject_role = "patient"
    else:
        return []
    stakeholder = str(RTG.Stakeholder)
    found = []
    subjects = [s for s in filled[subject_role] if not view.lexicon.is_a(s.mention.cls, stakeholder)]
    for role, objects in sorted(filled.items()):
        if role == subject_role or role == "agent":
            continue
        if role != "patient" and not (role.startswith("prep:") and role.split(":", 1)[1] in view.lexicon.grammar("linking-case")):
            continue
        words = token.text if role == "patient" else f"{token.text} … {role.split(':', 1)[1]}"
        for subject in subjects:
            for obj in objects:
                if subject.iri != obj.iri and not view.lexicon.is_a(obj.mention.cls, stakeholder):
                    found.append(_assertion(view, token, by_token, str(RTG.relatedTo), subject, obj, _LINK_CONFIDENCE, words=words))
    return found


def _dedupe(found: list[Assertion]) -> list[Assertion]:
    seen, kept = set(), []
    for a in found:
        key = (a.subject, a.predicate, a.object)
        if key not in seen:
            seen.add(key)
            kept.append(a)
    return kept


@cache
def _negators(lexicon: Lexicon) -> frozenset[str]:
    """The one-word negation cues: "not", "n't", "never", "no"."""
    return frozenset(w for w in lexicon.words_of("NegationCue") if " " not in w)


def _negated(token: Token, view: SentenceView) -> bool:
    negators = _negators(view.lexicon)
    denials = view.lexicon.grammar("denial")
    chain = scope(token)
    if token.pos_ == "NOUN" and token.dep_ in ("obj", "nsubj:pass") and token.head.i != token.i:
        # "The NCA has not identified nitazene production in the UK": the verb whose object it is
        chain = (*chain, *scope(token.head))
    for word in chain:
        for child in word.children:
            if child.lower_ not in negators:
                continue
            if child.dep_ in ("advmod", "neg", "cc:preconj"):
                return True
            if child.dep_ == "det" and word.pos_ == "NOUN":
                return True  # "no evidence of ..." on a noun trigger, "no evidence that ..." above it
        if word is not token and (word.lemma_.lower() in denials or word.lower_ in denials):
            return True  # "failed to", "unable to", "rejected claims that ..."
    return False


def _modality(token: Token, view: SentenceView) -> str:
    stated = modality_of(token, view.lexicon)
    if stated:
        return stated
    listed = lead_in(view)  # an item of "X recommends that: 1. ...; 2. ...", or "That X do Y."
    return listed.modality if listed else "Asserted"


def _attribution(token: Token, view: SentenceView, by_token, exclude: set[str]) -> str | None:
    verbs, phrases = _reporting(view.lexicon)
    actor = str(RTG.Actor)
    chain = (token, *governors(token))
    for word in chain:
        for child in word.children:
            if child.dep_.startswith("obl") or child.dep_.startswith("nmod"):
                case = " ".join(c.lower_ for c in child.children if c.dep_ in ("case", "fixed") or c.head.dep_ == "case")
                if any(p in case for p in phrases) or any(c.lower_ == "according" for c in child.subtree):
                    slot = _slot_of(child, by_token)
                    if slot and view.lexicon.is_a(slot.mention.cls, actor) and slot.iri not in exclude:
                        return slot.iri
        if word is not token and (word.lower_ in verbs or word.lemma_.lower() in verbs):
            for child in word.children:
                if child.dep_ == "nsubj":
                    slot = _slot_of(child, by_token)
                    if slot and view.lexicon.is_a(slot.mention.cls, actor) and slot.iri not in exclude:
                        return slot.iri
    listed = lead_in(view)
    return listed.speaker if listed and listed.speaker not in exclude else None


def _assertion(view, token, by_token, predicate, subject: Slot, obj: Slot, confidence: float,
               words: str | None = None) -> Assertion:
    return Assertion(
        subject=subject.iri,
        predicate=str(predicate),
        object=obj.iri,
        evidence=(view.sentence.doc_id, view.sentence.index),
        extractor=NAME,
        polarity="Negative" if _negated(token, view) else "Positive",
        modality=_modality(token, view),
        confidence=round(min(0.95, confidence * min(subject.mention.confidence, obj.mention.confidence)), 2),
        attributed_to=_attribution(token, view, by_token, {subject.iri, obj.iri}),
        linking_words=words,
    )
