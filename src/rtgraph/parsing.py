"""Parsing with the mentions already known: each mention is read as one word.

A small parser trained on web text has never seen "4-ANPP", "carfentanil" or
"Jalisco New Generation Cartel", and a name it cannot read drags the verbs
around it with it ("NPP and 4-ANPP are precursors", "which supply cocaine" read
as nouns). So each sentence is parsed with every lexicon or name-form mention
replaced by one ordinary word of its class (``rtl:ParseProxy`` in
ontology/lexicon/heads.ttl: a substance reads as "heroin", a criminal group as
"gangs"), and the parse is mapped back onto the sentence's own tokens: the
mention's last token takes the proxy's head, relation and tag, its other tokens
attach to it as ``compound`` (``flat`` in a proper name). The Doc that results
has the sentence's own words and offsets.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cache

from spacy.tokens import Doc, Span

from .errors import LexiconError
from .lexicon import Lexicon
from .resources import model_dir
from .sentences import nlp, parse

__all__ = ["parse_with_mentions", "finite_verb_forms"]

MentionSpan = tuple[int, int, str]  # token start, token end, entity class IRI


@cache
def _proxies(lexicon: Lexicon) -> dict[str, tuple[str, str]]:
    """Entity class IRI -> (singular proxy, plural proxy)."""
    found = {}
    for cue in lexicon.cues_of("ParseProxy"):
        singular = cue.labels[0]
        plural = next((label for label in cue.labels[1:]), singular)
        found[cue.form_class] = (singular, plural)
    return found


def _proxy_for(lexicon: Lexicon, cls: str, words: Sequence[str]) -> str:
    proxies = _proxies(lexicon)
    for ancestor in lexicon.types_of(cls):
        if ancestor in proxies:
            singular, plural = proxies[ancestor]
            last = words[-1]
            return plural if (last.endswith("s") and not last.endswith("ss") and len(last) > 3) else singular
    return words[-1]


def _inside_name(doc: Doc, start: int, end: int) -> bool:
    """ "Law Enforcement" in "Five Eyes Law Enforcement Working Group": part of a longer name."""
    def capital(i):
        return 0 <= i < len(doc) and doc[i].is_alpha and doc[i].text[:1].isupper()
    return capital(start) and ((capital(start - 1) and start - 1 > 0) or capital(end))


def _is_markup(token) -> bool:
    """Markdown emphasis ("**", "*", "__"), which the parser, trained on plain text, misreads."""
    return bool(token.text) and set(token.text) <= {"*", "_"}


def _proxy_doc(doc: Doc, spans: Sequence[MentionSpan], lexicon: Lexicon) -> tuple[Doc, list[tuple[int, int]]]:
    """The proxy sentence, and for each proxy token the original token range it stands for."""
    words, spaces, ranges = [], [], []
    starts = {start: (end, cls) for start, end, cls in spans if not _inside_name(doc, start, end)}
    i = 0
    while i < len(doc):
        if _is_markup(doc[i]) and i not in starts:
            i += 1  # "**Mexico**": Markdown emphasis is not read (it attaches to its word afterwards)
            continue
        if i in starts:
            end, cls = starts[i]
            words.append(_proxy_for(lexicon, cls, [t.text for t in doc[i:end]]))
            spaces.append(bool(doc[end - 1].whitespace_))
            ranges.append((i, end))
            i = end
        else:
            words.append(doc[i].text)
            spaces.append(bool(doc[i].whitespace_))
            ranges.append((i, i + 1))
            i += 1
    return Doc(nlp().vocab, words=words, spaces=spaces), ranges


def _mapped(doc: Doc, proxy: Doc, ranges: list[tuple[int, int]], verbs: dict[int, tuple[str, str]] | None = None) -> Doc:
    """The proxy's parse on the sentence's own tokens; ``verbs``: proxy positions read again as a
    verb (see _verbs_read_as_nouns), with the original word's tag and lemma."""
    verbs = verbs or {}
    n = len(doc)
    heads, deps = list(range(n)), [""] * n
    tags, pos, morphs, lemmas = [""] * n, [""] * n, [""] * n, [""] * n
    last = [end - 1 for _, end in ranges]  # the original token each proxy token maps to
    for p, (start, end) in enumerate(ranges):
        token = proxy[p]
        anchor = end - 1
        heads[anchor] = last[token.head.i]
        deps[anchor] = token.dep_
        if p in verbs:
            tags[anchor], lemmas[anchor] = verbs[p]
            pos[anchor], morphs[anchor] = "VERB", str(token.morph)
            continue
        if end - start == 1 and doc[start].text == token.text:
            tags[anchor], pos[anchor], morphs[anchor] = token.tag_, token.pos_, str(token.morph)
            lemmas[anchor] = token.lemma_
            continue
        name = any(t.text[:1].isupper() for t in doc[start:end]) or proxy[p].pos_ == "PROPN"
        for i in range(start, end):
            original = doc[i]
            proper = original.text[:1].isupper() or not original.text.isalpha()
            tags[i] = "NNP" if proper and name else ("NNS" if token.tag_ == "NNS" and i == anchor else "NN")
            pos[i] = "PROPN" if proper and name else "NOUN"
            lemmas[i] = original.lower_ if not (proper and name) else original.text
            if i == anchor and not name:
                lemmas[i] = _inflected_like(original.lower_, token)
            if i != anchor:
                heads[i] = anchor
                deps[i] = "flat" if name else "compound"
    covered = {i for start, end in ranges for i in range(start, end)}
    for i in range(n):
        if i not in covered:  # markup left out of the proxy: punctuation of the nearest word
            following = [j for j in range(i + 1, n) if j in covered]
            preceding = [j for j in range(i) if j in covered]
            near = following[0] if following else preceding[-1] if preceding else i
            heads[i], deps[i] = near, ("punct" if near != i else "ROOT")
            tags[i], pos[i], lemmas[i] = "NFP", "PUNCT", doc[i].text
    mapped = Doc(
        doc.vocab, words=[t.text for t in doc], spaces=[bool(t.whitespace_) for t in doc],
        tags=tags, pos=pos, morphs=morphs, lemmas=lemmas, heads=heads, deps=deps,
    )
    ents = []
    for ent in proxy.ents:
        start, end = ranges[ent.start][0], ranges[ent.end - 1][1]
        if all(ranges[p][1] - ranges[p][0] == 1 for p in range(ent.start, ent.end)):
            ents.append(Span(mapped, start, end, label=ent.label_))
    mapped.set_ents(ents, default="unmodified")
    return mapped


def _inflected_like(word: str, proxy: Token) -> str:
    """The lemma of a mention's head word, by the ending the lemmatizer took off its proxy:
    "vendors" read as "groups" (lemma "group") is "vendor"."""
    text, lemma = proxy.lower_, proxy.lemma_.lower()
    suffix = text[len(lemma):] if text.startswith(lemma) else ""
    return word[: -len(suffix)] if suffix and word.endswith(suffix) and len(word) > len(suffix) + 2 else word


@cache
def finite_verb_forms() -> dict[str, tuple[str, str]]:
    """Finite verb forms of the treebanks: form -> (tag, lemma) (training/verb_forms.py)."""
    path = model_dir().parent / "verb-forms.tsv"
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise LexiconError(f"{path}: cannot read the verb forms ({exc.strerror or exc}); "
                           "reinstall rtgraph or run python training/verb_forms.py") from exc
    rows = (line.split("\t") for line in lines if line and not line.startswith("#"))
    return {form: (tag, lemma) for form, tag, lemma in rows}


_FINITE = ("VBZ", "VBP", "VBD", "MD")
_SENTENCE_END = (".", ";", "!", "?")
_BEFORE_A_VERB = ("NOUN", "PROPN", "PRON", "PUNCT")  # the subject's last word, or the comma closing an apposition
_MAX_TRIES = 3  # candidate verbs tried per sentence, one parse each


def _verbs_read_as_nouns(proxy: Doc, ranges: list[tuple[int, int]], original: Doc) -> list[int]:
    """In a sentence parsed with no finite verb, the words read as nouns (or adjectives) that the
    treebanks write as finite verbs and that follow a would-be subject ("The manufacture of heroin
    *continues* in Mexico", "Gangs, notably the Hells Angels, *supply* cocaine"), leftmost first.

    Headings (no closing punctuation) and sentences whose root is already a verb have none.
    """
    words = [t for t in proxy if not t.is_space]
    if not words or words[-1].text not in _SENTENCE_END or any(t.tag_ in _FINITE for t in proxy):
        return []
    if not any(t.dep_ == "ROOT" and t.pos_ in ("NOUN", "PROPN", "ADJ") for t in proxy):
        return []
    forms = finite_verb_forms()
    found = []
    for token in proxy[1:]:
        start, end = ranges[token.i]
        previous = proxy[token.i - 1]
        if (token.pos_ in ("NOUN", "ADJ") and end - start == 1 and original[start].text == token.text
                and token.lower_ in forms and previous.pos_ in _BEFORE_A_VERB
                and previous.text not in ("-", "/", "(", "'s", "’s")
                and any(t.pos_ in ("NOUN", "PROPN", "PRON") for t in proxy[: token.i])):
            found.append(token.i)
    return found[:_MAX_TRIES]


def _verb_proxy(lexicon: Lexicon, tag: str) -> str:
    """The stand-in verb for a finite tag (heads.ttl, rtl:GrammarWord "verb-proxy-vbz" ...)."""
    (word,) = lexicon.grammar(f"verb-proxy-{tag.lower()}")
    return word


def _with_word(doc: Doc, i: int, word: str) -> Doc:
    words = [t.text for t in doc]
    words[i] = word
    return Doc(doc.vocab, words=words, spaces=[bool(t.whitespace_) for t in doc])


def parse_with_mentions(
    docs: Iterable[Doc], mention_spans: Iterable[Sequence[MentionSpan]], *, lexicon: Lexicon
) -> tuple[Doc, ...]:
    """Parse tokenized sentences, each known mention read as one word of its class.

    A sentence the parser read with no finite verb, where a word the treebanks
    know as a verb was read as a noun, is parsed once more with that word
    replaced by an unambiguous verb of its tense; the second reading is kept
    when it makes that word a verb.
    """
    docs = list(docs)
    pairs = [_proxy_doc(doc, spans, lexicon) for doc, spans in zip(docs, mention_spans)]
    parsed = list(parse(proxy for proxy, _ in pairs))
    candidates = {k: found for k, ((_, ranges), proxy) in enumerate(zip(pairs, parsed))
                  if (found := _verbs_read_as_nouns(proxy, ranges, docs[k]))}
    verbs: dict[int, dict[int, tuple[str, str]]] = {}
    forms = finite_verb_forms()
    for attempt in range(_MAX_TRIES):
        tries = {k: found[attempt] for k, found in candidates.items() if k not in verbs and attempt < len(found)}
        if not tries:
            break
        again = parse(_with_word(pairs[k][0], i, _verb_proxy(lexicon, forms[parsed[k][i].lower_][0]))
                      for k, i in tries.items())
        for (k, i), reread in zip(tries.items(), again):
            if reread[i].pos_ in ("VERB", "AUX") and reread[i].dep_ == "ROOT":
                verbs[k] = {i: forms[parsed[k][i].lower_]}
                parsed[k] = reread
    return tuple(_mapped(original, proxy, ranges, verbs.get(k)) for k, (original, (_, ranges), proxy) in
                 enumerate(zip(docs, pairs, parsed)))
