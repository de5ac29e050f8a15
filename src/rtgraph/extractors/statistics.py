"""Statistics: numbers stated in the text with what they count.

"21,174 apparent opioid toxicity deaths", "a 50% decline", "2.5 times higher
than the national average", "7 million posts", "four of every 10,000 posts",
"Over 200 participants". Years, dates, durations inside periods and list
numbering are not statistics. Unit words, number words, multipliers and
qualifiers are lexicon data.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache

from ..model import Statistic
from ..namespaces import RTG
from .base import DocumentContext
from .clauses import SentenceView, views
from .periods import is_year, number_value

__all__ = ["NAME", "STAGE", "extract"]

NAME = "statistics"
STAGE = "facts"

_MEASURE_TOKENS = 9
_MARKUP = {"*", "**", "_", "__"}
_JOINERS = {"-", "/", "’", "'"}
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
    spans = view.periods
    in_period = {i for p in spans for i in range(p.start, p.end)}
    units = lexicon.words_of("UnitWord")
    multipliers = lexicon.values_of("Multiplier")
    qualifiers = lexicon.words_of("QualifierCue")
    non_entities = lexicon.words_of("NonEntity")
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
        if i > 0 and doc[i - 1].lower_ in non_entities:
            continue  # "Figure 2", "Table 3", "Appendix 1"
        end = i + 1
        if (isinstance(value, int) and 20 <= value < 100 and value % 10 == 0 and not token.text[:1].isdigit()
                and end + 1 < len(doc) and doc[end].text == "-"):
            ones = number_value(doc[end + 1], lexicon)
            if isinstance(ones, int) and 0 < ones < 10 and not doc[end + 1].text[:1].isdigit():
                value, end = value + ones, end + 2  # "Twenty-four deaths"
                consumed.add(end - 1)
        if end + 1 < len(doc) and doc[end].text == "-" and doc[end + 1].lower_ in multipliers:
            end += 1  # "$1.3-billion"
        if end < len(doc) and doc[end].lower_ in multipliers:
            value = value * int(multipliers[doc[end].lower_])
            end += 1
        if i > 0 and doc[i - 1].lower_ in lexicon.grammar("currency"):
            unit, measure, stat_end = _money(view, end, in_period, currency=_currency(lexicon, doc[i - 1].lower_))
            i_first = i - 1
        else:
            unit, measure, stat_end = _unit(view, i, end, units, consumed, in_period)
            i_first = i
        if unit is None and found and not is_year(token) and end + 1 < len(doc) \
                and doc[end].lower_ in ("in", "during") and is_year(doc[end + 1]):
            # "31 deaths in 2026, compared with 27 in 2025 and 25 in 2024": the count left out is
            # the sentence's earlier one's
            unit, measure, stat_end = found[-1].unit, found[-1].measure, end
        if unit is None:
            continue
        if is_year(token) and unit not in units:
            continue
        q = _multiword(doc, i_first, qualifiers, before=True)
        start_tok = i_first - q
        qualifier = doc[start_tok:i_first].text.lower() if q else None
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
    """A noun-phrase-like run of tokens: up to punctuation, a period or "and <number>".

    Hyphens stay inside ("opioid-related"); Markdown emphasis marks are skipped.
    """
    run = []
    for token in doc[start : start + _MEASURE_TOKENS]:
        if token.text in _MARKUP:
            continue
        if (token.is_punct and token.text not in _JOINERS) or token.i in stop_at:
            break
        if token.lower_ in {"and", "or"} and token.i + 1 < len(doc) and doc[token.i + 1].like_num:  # "15 and 20"
            break
        run.append(token)
    return run


def _head_unit(run, units, prepositions) -> int | None:
    """Position of the unit word, looked for before the first preposition ("deaths in Canada")."""
    for k, token in enumerate(run[:5]):
        if token.lower_ in units:
            return k
        if token.lower_ in prepositions:
            return None
    return None


def _currency(lexicon, sign: str) -> str:
    """The unit of an amount after a currency sign ("£" -> "pounds"; cues.ttl, role "currency")."""
    return _currency_units(lexicon).get(sign, "dollars")


@cache
def _currency_units(lexicon) -> dict[str, str]:
    return {label.lower(): cue.position for cue in lexicon.cues_of("GrammarWord")
            if cue.role == "currency" and cue.position for label in cue.labels}


def _money(view: SentenceView, end: int, in_period: set[int], *, currency: str = "dollars"):
    """"$1.3 billion", "$2,500 per pound", "£9.4 billion": the currency's unit (per …)."""
    doc = view.doc
    if end < len(doc) and doc[end].lower_ == "per" and end + 1 < len(doc):
        return f"{currency} per {doc[end + 1].lower_}", "", end + 2
    rest = _words(doc, end, in_period)
    return currency, " ".join(t.text for t in rest), end


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
        while k < len(doc) and k - end <= 3 and doc[k].lower_ != "than" and not doc[k].is_punct:
            k += 1
        if k < len(doc) and doc[k].lower_ == "than":
            reference = _words(doc, k + 1, in_period)
            ref = " ".join(t.text for t in reference)
            ref = ref[4:] if ref.lower().startswith("the ") else ref
            if all(t.lower_ in view.lexicon.grammar("comparative") for t in doc[end + 1 : k]):
                if reference and reference[0].lower_ in view.lexicon.grammar("preposition"):
                    # "ten times higher than in Canada"
                    return f"times {doc[end + 1 : k + 1].text} {ref}", _left_measure(view, i), k + 1 + len(reference)
                return (f"times the {ref}" if ref else "times"), _left_measure(view, i), k + 1 + len(reference)
            # "100 times more potent than fentanyl"
            return "times", doc[end + 1 : k + 1 + len(reference)].text, k + 1 + len(reference)
        return "times", _left_measure(view, i), end + 1
    # rates: "four of every 10,000 posts", "one in 11 people", "seven out of ten pills", "45.1 per 100,000"
    prepositions = view.lexicon.grammar("preposition")
    rates = sorted((w.split() for w in view.lexicon.grammar("rate")), key=len, reverse=True)
    width = next((len(w) for w in rates if [t.lower_ for t in doc[end : end + len(w)]] == w), 0)
    if width and end + width < len(doc) and end + width not in in_period:
        base_at = end + width
        base = number_value(doc[base_at], view.lexicon)
        if base is not None and not is_year(doc[base_at]):
            consumed.add(base_at)
            rest = _words(doc, base_at + 1, in_period)
            head = _head_unit(rest, units, prepositions)
            noun = rest[head].text if head is not None else (
                rest[0].text if rest and rest[0].lower_ not in prepositions else "")
            if not noun and doc[end].lower_ != "per":
                return None, "", end
            noun = noun or "population"
            measure = " ".join(t.text for t in rest)
            return f"per {doc[base_at].text} {noun}", measure, base_at + 1 + (head + 1 if head is not None else 0)
    run = _words(doc, end, in_period)
    if run and run[0].lower_ in {"and", "or"}:
        return None, "", end  # "people under 18 or members of …": 18 counts nothing here
    unit_index = _head_unit(run, units, prepositions)
    if unit_index is None:
        # "38 pill presses", "12 clandestine labs": a count of the entity that follows
        counted = next((sl for sl in view.slots if sl.start == end), None)
        if counted is None or not doc[i].is_digit or view.lexicon.is_a(counted.mention.cls, str(RTG.Region)):
            return None, "", end
        return counted.mention.text.lower(), " ".join(t.text for t in run), counted.end
    unit, last = run[unit_index].lower_, end + unit_index + 1
    # "22 deaths per 100,000 population": a rate, not a count
    if last + 1 < len(doc) and doc[last].lower_ == "per" and number_value(doc[last + 1], view.lexicon) is not None:
        consumed.add(last + 1)
        base = doc[last + 1].text
        noun = doc[last + 2].text if last + 2 < len(doc) and doc[last + 2].is_alpha else "population"
        return f"{unit} per {base} {noun}", " ".join(t.text for t in run), last + (3 if noun != "population" or doc[last + 2 : last + 3].text == "population" else 2)
    return unit, " ".join(t.text for t in run), last


def _left_measure(view: SentenceView, i: int) -> str:
    """What a ratio measures: "an overall rate 2.5 times", "the rate of … deaths is 4.3 times"."""
    doc = view.doc
    k = i - 1
    while k >= 0 and doc[k].lower_ in view.lexicon.grammar("auxiliary"):
        k -= 1
    words = []
    relative = view.lexicon.grammar("relative")
    while k >= 0 and not doc[k].is_punct and len(words) < 8 and doc[k].lower_ not in relative:
        words.append(doc[k])
        k -= 1
    words.reverse()
    while words and words[0].is_stop:
        words.pop(0)
    return " ".join(t.text for t in words)


def _about(view: SentenceView, start: int, end: int) -> tuple[tuple[str, ...], str | None]:
    """Entities the number is about (nearest first) and its region."""
    region_cls = str(RTG.Region)
    clause_left, clause_right = view.window(start, end)
    # a region inside a name ("Canada" in "Canada Border Services Agency") is not where a figure applies
    slots = [s for s in view.slots if clause_left <= s.start < clause_right]
    regions = [s for s in slots if view.lexicon.is_a(s.mention.cls, region_cls)]
    region = min(regions, key=lambda s: (abs(s.start - start), s.start)).iri if regions else None
    left, right = max(clause_left, start - _ABOUT_REACH), min(clause_right, end + _ABOUT_REACH)
    # who counts or reports (an agency, a stakeholder) is not what is counted
    roles = (region_cls, str(RTG.Stakeholder), str(RTG.Agency))
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
