"""Statistics: numbers stated in the text with what they count.

"21,174 apparent opioid toxicity deaths", "a 50% decline", "2.5 times higher
than the national average", "7 million posts", "four of every 10,000 posts",
"Over 200 participants". Years, dates, durations inside periods and list
numbering are not statistics. Unit words, number words, multipliers and
qualifiers are lexicon data.
"""

from __future__ import annotations

from decimal import Decimal

from ..model import Statistic
from ..namespaces import RTG
from .base import DocumentContext
from .clauses import SentenceView, views
from .periods import is_year, number_value, periods

__all__ = ["NAME", "STAGE", "extract"]

NAME = "statistics"
STAGE = "facts"

_COMPARATIVES = {"higher", "lower", "more", "greater", "less", "larger", "smaller", "above", "below"}
_COPULAS = {"is", "are", "was", "were", "be", "been", "being", "has", "have", "had"}
_MEASURE_TOKENS = 9
_ABOUT_REACH = 8


def extract(context: DocumentContext) -> tuple[Statistic, ...]:
    found: list[Statistic] = []
    for view in views(context):
        found.extend(_sentence(view))
    return tuple(found)


def _multiword(doc, index: int, words: frozenset[str], *, before: bool) -> int:
    """Length of the longest cue phrase ending just before (or starting at) ``index``."""
    best = 0
    for phrase in words:
        k = len(phrase.split())
        span = doc[index - k : index] if before else doc[index : index + k]
        if len(span) == k and span.text.lower() == phrase:
            best = max(best, k)
    return best


def _sentence(view: SentenceView) -> list[Statistic]:
    doc, lexicon = view.doc, view.lexicon
    spans = periods(doc, lexicon)
    in_period = {i for p in spans for i in range(p.start, p.end)}
    units = lexicon.words_of("UnitWord")
    multipliers = lexicon.values_of("Multiplier")
    qualifiers = lexicon.words_of("QualifierCue")
    found = []
    consumed: set[int] = set()
    for token in doc:
        i = token.i
        if i in in_period or i in consumed:
            continue
        value = number_value(token, lexicon)
        if value is None:
            continue
        if i == 0 and len(doc) > 1 and doc[1].text in {".", ")"}:
            continue  # list numbering: "1. Current and Emerging Trends"
        end = i + 1
        if end < len(doc) and doc[end].lower_ in multipliers:
            value = value * int(multipliers[doc[end].lower_])
            end += 1
        unit, measure, stat_end = _unit(view, i, end, units, consumed, in_period)
        if unit is None:
            continue
        if is_year(token) and unit not in units:
            continue
        q = _multiword(doc, i, qualifiers, before=True)
        start_tok = i - q
        qualifier = doc[start_tok:i].text.lower() if q else None
        sentence = view.sentence
        start_char = sentence.start + doc[start_tok].idx
        end_char = sentence.start + doc[stat_end - 1].idx + len(doc[stat_end - 1].text)
        about, region = _about(view, start_tok, stat_end)
        period = min(spans, key=lambda p: abs(p.start - i), default=None)
        found.append(
            Statistic(
                value=value if isinstance(value, int) or value != value.to_integral() else int(value),
                unit=unit,
                measure=measure,
                evidence=(sentence.doc_id, sentence.index),
                start=start_char,
                end=end_char,
                extractor=NAME,
                about=about,
                region=region,
                period=period.text if period else None,
                qualifier=qualifier,
                confidence=0.8 if isinstance(value, (int, Decimal)) else 0.6,
            )
        )
    return found


def _words(doc, start: int, stop_at: set[int]) -> list:
    """A noun-phrase-like run of tokens: up to punctuation or a period."""
    run = []
    for token in doc[start : start + _MEASURE_TOKENS]:
        if token.is_punct or token.i in stop_at:
            break
        run.append(token)
    return run


def _unit(view: SentenceView, i: int, end: int, units, consumed: set[int], in_period: set[int]):
    """(unit, measure, last token + 1) for the number at tokens [i, end), or (None, …)."""
    doc = view.doc
    nxt = doc[end] if end < len(doc) else None
    if nxt is None:
        return None, "", end
    if nxt.text == "%" or nxt.lower_ in {"percent"} or doc[end : end + 2].text.lower() == "per cent":
        width = 2 if nxt.lower_ == "per" else 1
        rest = _words(doc, end + width, in_period)
        return "percent", " ".join(t.text for t in rest) or "percent", end + width
    if nxt.lower_ == "times":
        k = end + 1
        while k < len(doc) and doc[k].lower_ in _COMPARATIVES:
            k += 1
        if k < len(doc) and doc[k].lower_ == "than":
            reference = _words(doc, k + 1, in_period)
            ref = " ".join(t.text for t in reference)
            ref = ref[4:] if ref.lower().startswith("the ") else ref
            left = _left_measure(view, i)
            return f"times the {ref}" if ref else "times", left, k + 1 + len(reference)
        return "times", _left_measure(view, i), end + 1
    if nxt.lower_ == "of" and end + 1 < len(doc) and doc[end + 1].lower_ == "every" and end + 2 < len(doc):
        base = number_value(doc[end + 2], view.lexicon)
        if base is not None:
            consumed.add(end + 2)
            rest = _words(doc, end + 3, in_period)
            noun = rest[0].text if rest else ""
            measure = " ".join(t.text for t in rest)
            return f"per {doc[end + 2].text} {noun}".strip(), measure, end + 3 + min(1, len(rest))
    run = _words(doc, end, in_period)
    unit_index = next((k for k, t in enumerate(run[:4]) if t.lower_ in units), None)
    if unit_index is None:
        return None, "", end
    return run[unit_index].lower_, " ".join(t.text for t in run), end + unit_index + 1


def _left_measure(view: SentenceView, i: int) -> str:
    """What a ratio measures: "an overall rate 2.5 times", "the rate of … deaths is 4.3 times"."""
    doc = view.doc
    k = i - 1
    while k >= 0 and doc[k].lower_ in _COPULAS:
        k -= 1
    words = []
    while k >= 0 and not doc[k].is_punct and len(words) < 8 and doc[k].lower_ not in {"where", "with", "which", "when"}:
        words.append(doc[k])
        k -= 1
    words.reverse()
    while words and words[0].is_stop:
        words.pop(0)
    return " ".join(t.text for t in words)


def _about(view: SentenceView, start: int, end: int) -> tuple[tuple[str, ...], str | None]:
    """Entities the number is about (nearest first) and its region."""
    region_cls = str(RTG.Region)
    slots = list(view.slots) + list(view.nested_slots)
    regions = [s for s in slots if view.lexicon.is_a(s.mention.cls, region_cls)]
    region = min(regions, key=lambda s: (abs(s.start - start), s.start)).iri if regions else None
    left, right = view.window(start, end)
    left, right = max(left, start - _ABOUT_REACH), min(right, end + _ABOUT_REACH)
    roles = (region_cls, str(RTG.Stakeholder))  # a stakeholder is who counts, not what is counted
    others = [
        s for s in view.slots
        if not any(view.lexicon.is_a(s.mention.cls, r) for r in roles) and left <= s.start < right
    ]
    others.sort(key=lambda s: (abs(s.start - start), s.start))
    about = tuple(dict.fromkeys(s.iri for s in others[:3]))
    if not about and region is None:
        about = _preceding_subject(view)
    return about, region


def _preceding_subject(view: SentenceView) -> tuple[str, ...]:
    """A figure in a sentence naming no entity is about the latest event or
    organization named earlier in its paragraph ("Over 200 participants …")."""
    wanted = (str(RTG.Event), str(RTG.Platform), str(RTG.Agency), str(RTG.Organization), str(RTG.CriminalGroup))
    context = view.context
    position = view.position
    paragraph = view.sentence.paragraph
    while position > 0 and view.position - position < 3:
        position -= 1
        sentence = context.sentences[position]
        if sentence.paragraph != paragraph:
            break
        for mention in context.mentions[position]:  # the first is most often the subject
            if any(view.lexicon.is_a(mention.cls, w) for w in wanted):
                return (mention.concept,)
    return ()
