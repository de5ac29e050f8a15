"""Names the lexicon lacks, recognised by their form.

"… Agency", "Ministry of …", "Fourth … Roundtable on Drugs", "R. v. Jordan",
"<agency> directive", drug names ending in "-fentanyl" or "-azolam". The head
words and suffixes are cue data in ontology/lexicon/cues.ttl. Discoveries carry
a lower confidence than lexicon matches.
"""

from __future__ import annotations

from spacy.tokens import Doc

from ..model import Mention
from ..namespaces import RTG
from .base import DocumentContext, mention_from_span

__all__ = ["name_form_mentions", "drug_form_mentions", "after_actor_mentions", "FORM_CONFIDENCE"]

FORM_CONFIDENCE = 0.6


def _is_name_token(token) -> bool:
    text = token.text
    return bool(text) and (text[0].isupper() or (text[0].isdigit() and "-" in text)) and not token.is_punct


def _runs(doc: Doc, infixes: set[str], connectors: frozenset[str], months: frozenset[str] = frozenset(),
          articles: frozenset[str] = frozenset()) -> list[tuple[int, int]]:
    """Maximal sequences of capitalized tokens, with lowercase connectors (and the ``articles`` after
    them) inside.

    A connector before a month name ends the run: "… Roundtable on Drugs on October 17"
    names the meeting, then its date.
    """
    runs, i, n = [], 0, len(doc)
    while i < n:
        if not _is_name_token(doc[i]):
            i += 1
            continue
        j = i + 1
        while j < n:
            if _is_name_token(doc[j]):
                j += 1
            elif (doc[j].lower_ in connectors or doc[j].text in infixes) and (k := _after_connector(doc, j, articles)) < n \
                    and _is_name_token(doc[k]) and doc[k].lower_ not in months:
                j = k + 1
            else:
                break
        runs.append((i, j))
        i = j
    return runs


def _after_connector(doc: Doc, j: int, articles: frozenset[str]) -> int:
    """The token after the connector at ``j`` ("of") and the article that may follow it inside a
    name ("Ministère de la Justice"; English "of the" more often joins two names: "Schedule VI of
    the CDSA", so "the" is no such article)."""
    k = j + 1
    return k + 1 if k < len(doc) and doc[k].lower_ in articles else k


def _label(doc: Doc, start: int, end: int) -> str:
    words = doc[start:end].text
    return words[0].upper() + words[1:]


def name_form_mentions(context: DocumentContext, classes: set[str], *, extractor: str) -> tuple[Mention, ...]:
    """Capitalized names whose head word marks one of ``classes``."""
    lexicon = context.lexicon
    # every head word decides, so each extractor keeps only the names of its own classes:
    # "Roundtable on Drug Policy" is a meeting for all of them, not a lever for one
    forms = [c for c in lexicon.cues_of("NameForm") if c.position != "afterActor"]
    heads = {}
    for form in forms:
        for label in form.labels:
            heads.setdefault((form.position, label), form.form_class)
    infixes = {label for (position, label) in heads if position == "infix"}
    ordinals = lexicon.words_of("Ordinal")
    non_entities = lexicon.words_of("NonEntity")
    determiners = lexicon.grammar("determiner")
    found: list[Mention] = []
    tails = lexicon.grammar("name-tail")
    for index, doc in enumerate(context.docs):
        runs = _runs(doc, infixes, lexicon.grammar("name-connector"), lexicon.words_of("MonthName"),
                     lexicon.grammar("name-article"))
        for start, end in (part for run in runs for part in _conjoined(doc, *run, heads, tails, lexicon, determiners)):
            while start < end and (doc[start].lower_ in determiners or doc[start].is_stop):
                start += 1  # sentence-initial "During the Roundtable", "The Agency"
            while start < end and doc[start].lower_ in non_entities:
                start += 1
            if end - start < 2:
                continue
            hit = _head(doc, start, end, heads, tails) or _unit(doc, start, end, lexicon)
            if hit is None:
                continue
            cls, start, end = hit
            if cls not in classes:
                continue
            if lexicon.is_a(cls, str(RTG.Meeting)) and start > 0 and doc[start - 1].lower_ in ordinals:
                start -= 1
            text = _label(doc, start, end)
            if text.lower() in non_entities or lexicon.concept_by_label(text):
                continue  # the lexicon extractor names it already
            found.append(
                mention_from_span(
                    context, index, doc[start:end], label=text, cls=cls, concept=None,
                    extractor=extractor, confidence=FORM_CONFIDENCE, kind="form",
                )
            )
    return tuple(found)


_HEAD_FIRST_OK = {str(RTG.Organization), str(RTG.Agency)}


def _conjoined(doc: Doc, start: int, end: int, heads: dict, tails, lexicon, determiners) -> list[tuple[int, int]]:
    """A run of capitalized words joined by "and", split where every part is a name of its own (an
    actor of the lexicon, an acronym, or a name whose form word covers it: "Meta and Snap Inc.",
    "Peel Regional Police and Halton Regional Police"); kept whole otherwise ("Department of
    Health and Aged Care", "Alcohol and Drug Foundation")."""
    joiners = lexicon.grammar("name-connector") & lexicon.grammar("list-joiner")  # "and"
    cuts = [i for i in range(start + 1, end - 1) if doc[i].lower_ in joiners]
    if not cuts:
        return [(start, end)]
    parts = list(zip([start] + [c + 1 for c in cuts], cuts + [end]))

    def whole(a: int, b: int, *, after_tail: bool) -> bool:
        while a < b and doc[a].lower_ in determiners:
            a += 1
        if a >= b:
            return False
        concept = lexicon.concept_by_label(doc[a:b].text)
        if (concept is not None and lexicon.is_a(concept.cls, str(RTG.Actor))) or (
                b - a == 1 and doc[a].is_upper and len(doc[a]) > 1):
            return True  # an actor the lexicon knows, or an acronym ("AFP")
        hit = _head(doc, a, b, heads, tails) or _unit(doc, a, b, lexicon)
        if hit is None or b - a < 2 or (hit[1], hit[2]) != (a, b):
            return False
        # after "Department of Health", "and Social Services" more likely goes on the tail than
        # names another body: only a name of three words or more, or one read head first, does
        return not after_tail or b - a >= 3 or ("first", doc[a].text) in heads

    def has_tail(a: int, b: int) -> bool:
        return any(t.lower_ in tails for t in doc[a + 1:b])

    return parts if all(whole(a, b, after_tail=k > 0 and has_tail(*parts[k - 1]))
                        for k, (a, b) in enumerate(parts)) else [(start, end)]


def _head(doc: Doc, start: int, end: int, heads: dict, tails: frozenset[str]) -> tuple[str, int, int] | None:
    words = [t.text for t in doc[start:end]]
    # head first: "Ministry of Health", "Bill C-5"
    for width in (2, 1):
        key = ("first", " ".join(words[:width]))
        if key in heads and end - start > width:
            return heads[key], start, end
    # infix: "R. v. Jordan"
    for k, word in enumerate(words[1:-1], start=1):
        if ("infix", word) in heads:
            return heads[("infix", word)], start + k - 1, start + k + 2
    # head last, optionally followed by "of/on/for <Name>": "Public Prosecution Service of Canada".
    # The first head with such a tail decides: "Roundtable on Drug Policy" is a meeting.
    for k in range(len(words)):
        for width in (2, 1):
            first = k - width + 1
            if first < 0:
                continue
            if first == 0 and not (k + 1 < len(words) and words[k + 1].lower() in tails
                                   and heads.get(("last", " ".join(words[: k + 1]))) in _HEAD_FIRST_OK):
                continue  # "Federation of Sovereign Indigenous Nations", not "Roundtable on BC"
            key = ("last", " ".join(words[k - width + 1 : k + 1]))
            if key in heads:
                tail = words[k + 1 :]
                if not tail or tail[0].lower() in tails:
                    return heads[key], start, end
    return None


def _unit(doc: Doc, start: int, end: int, lexicon) -> tuple[str, int, int] | None:
    """"the Manitoba RCMP", "the Nova Scotia RCMP": a national agency's unit in a place inside its
    jurisdiction is an agency of its own ("the U.S. DEA" is the DEA itself)."""
    for cut in range(start + 1, end):
        place = lexicon.concept_by_label(doc[start:cut].text)
        agency = lexicon.concept_by_label(doc[cut:end].text)
        if place is None or agency is None or not agency.jurisdiction:
            continue
        if lexicon.is_a(place.cls, str(RTG.Region)) and lexicon.is_a(agency.cls, str(RTG.Agency)) \
                and place.iri not in agency.jurisdiction and _within(lexicon, place.iri, agency.jurisdiction):
            return agency.cls, start, end
    return None


def _within(lexicon, place: str, regions: tuple[str, ...]) -> bool:
    seen, todo = set(), [place]
    while todo:
        iri = todo.pop()
        if iri in regions:
            return True
        if iri not in seen and iri in lexicon.concepts:
            seen.add(iri)
            todo.extend(lexicon.concepts[iri].broader)
    return False


def after_actor_mentions(
    context: DocumentContext, actor_mentions: tuple[Mention, ...], *, extractor: str
) -> tuple[Mention, ...]:
    """"<agency> directive", "<agency>'s strategy": an instrument named after its author."""
    forms = [c for c in context.lexicon.cues_of("NameForm") if c.position == "afterActor"]
    heads = {label.lower(): form.form_class for form in forms for label in form.labels}
    found: list[Mention] = []
    by_sentence: dict[int, list[Mention]] = {}
    for mention in actor_mentions:
        by_sentence.setdefault(mention.sentence, []).append(mention)
    first = context.sentences[0].index if context.sentences else 0
    for sentence_index, mentions in sorted(by_sentence.items()):
        index = sentence_index - first
        doc, sentence = context.docs[index], context.sentences[index]
        for mention in mentions:
            if not mention.text[:1].isupper():
                continue  # "law enforcement policy" is not a named instrument
            after = [t for t in doc if t.idx >= mention.end - sentence.start]
            if after and after[0].text in {"’s", "'s"}:
                after = after[1:]
            for width in (2, 1):
                words = " ".join(t.lower_ for t in after[:width])
                if len(after) >= width and words in heads:
                    # the span is the instrument word only, so its author stays a mention of its own
                    span = doc.char_span(after[0].idx, after[width - 1].idx + len(after[width - 1]))
                    if span is None:
                        break
                    label = f"{mention.label} {words}"
                    found.append(
                        mention_from_span(
                            context, index, span, label=label, cls=heads[words], concept=None,
                            extractor=extractor, confidence=FORM_CONFIDENCE, kind="form",
                        )
                    )
                    break
    return tuple(found)


def drug_form_mentions(context: DocumentContext, *, extractor: str) -> tuple[Mention, ...]:
    """Single words ending in a drug-name suffix ("acrylfentanyl", "bromazolam")."""
    forms = context.lexicon.cues_of("DrugNameForm")
    found: list[Mention] = []
    for index, doc in enumerate(context.docs):
        for token in doc:
            word = token.lower_
            for form in forms:
                suffix = (form.suffix or "").lower()
                if suffix and word.endswith(suffix) and len(word) > len(suffix) + 2 and token.is_alpha:
                    if context.lexicon.concept_by_label(word):
                        break
                    found.append(
                        mention_from_span(
                            context, index, doc[token.i : token.i + 1], label=word, cls=form.form_class,
                            concept=None, extractor=extractor, confidence=FORM_CONFIDENCE, kind="form",
                        )
                    )
                    break
    return tuple(found)
