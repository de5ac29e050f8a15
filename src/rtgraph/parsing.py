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

from .lexicon import Lexicon
from .sentences import nlp, parse

__all__ = ["parse_with_mentions"]

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


def _proxy_doc(doc: Doc, spans: Sequence[MentionSpan], lexicon: Lexicon) -> tuple[Doc, list[tuple[int, int]]]:
    """The proxy sentence, and for each proxy token the original token range it stands for."""
    words, spaces, ranges = [], [], []
    starts = {start: (end, cls) for start, end, cls in spans if not _inside_name(doc, start, end)}
    i = 0
    while i < len(doc):
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


def _mapped(doc: Doc, proxy: Doc, ranges: list[tuple[int, int]]) -> Doc:
    n = len(doc)
    heads, deps = list(range(n)), [""] * n
    tags, pos, morphs, lemmas = [""] * n, [""] * n, [""] * n, [""] * n
    last = [end - 1 for _, end in ranges]  # the original token each proxy token maps to
    for p, (start, end) in enumerate(ranges):
        token = proxy[p]
        anchor = end - 1
        heads[anchor] = last[token.head.i]
        deps[anchor] = token.dep_
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


def parse_with_mentions(
    docs: Iterable[Doc], mention_spans: Iterable[Sequence[MentionSpan]], *, lexicon: Lexicon
) -> tuple[Doc, ...]:
    """Parse tokenized sentences, each known mention read as one word of its class."""
    pairs = [_proxy_doc(doc, spans, lexicon) for doc, spans in zip(docs, mention_spans)]
    parsed = parse(proxy for proxy, _ in pairs)
    return tuple(_mapped(original, proxy, ranges) for original, (proxy_doc, ranges), proxy in
                 zip(docs, pairs, parsed))
