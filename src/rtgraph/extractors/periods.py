"""Time expressions: periods ("between January 2016 and December 2020", "since July
2020", "in April and May of 2020", "within the first 6 months") and dates
("March 4, 11 and 18, 2021"). Month names, period cue words and time units are
lexicon data.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc

from ..lexicon import Lexicon

__all__ = ["Period", "periods", "is_year", "number_value", "dates_in", "document_year"]


@dataclass(frozen=True)
class Period:
    start: int  # token offsets
    end: int
    text: str


def is_year(token) -> bool:
    return token.text.isdigit() and len(token.text) == 4 and 1900 <= int(token.text) <= 2100


def number_value(token, lexicon: Lexicon):
    """The numeric value of a token ("21,174", "2.5", "four"), or None."""
    from decimal import Decimal, InvalidOperation

    words = lexicon.values_of("NumberWord")
    if token.lower_ in words:
        return int(words[token.lower_])
    text = token.text.replace(",", "")
    if not token.like_num or not text.replace(".", "", 1).isdigit():
        return None
    try:
        return int(text) if "." not in text else Decimal(text)
    except (ValueError, InvalidOperation):
        return None


def _is_month(token, months) -> bool:
    """Month names are capitalized: "May 2020" is a month, "may increase" is not."""
    return token.lower_ in months and token.text[:1].isupper()


def _is_day(token) -> bool:
    return token.text.isdigit() and 1 <= int(token.text) <= 31 and len(token.text) <= 2


def periods(doc: Doc, lexicon: Lexicon, *, year: Callable[[], int | None] | None = None) -> tuple[Period, ...]:
    """Time expressions of one sentence; ``year()`` gives the document's year, which a
    document-local phrase ("this year", ontology/lexicon/local.ttl) stands for."""
    months = lexicon.words_of("MonthName")
    units = lexicon.words_of("TimeUnit")
    cues = sorted((label.split() for label in lexicon.words_of("PeriodCue")), key=len, reverse=True)
    joiners = lexicon.grammar("date-joiner")
    spans: list[tuple[int, int]] = []
    n = len(doc)
    i = 0
    while i < n:
        token = doc[i]
        duration = (number_value(token, lexicon) is not None and i + 1 < n and doc[i + 1].lower_ in units)
        if not (_is_month(token, months) or is_year(token) or duration):
            i += 1
            continue
        start, end = i, i + (2 if duration else 1)
        # extend right over further months, days, years and joiners
        while end < n:
            t = doc[end]
            # a day joins only a period that names a month ("March 4, 11 and 18"), not a year: in
            # "27 in 2025 and 25 in 2024" the 25 is a count
            dated = any(_is_month(x, months) for x in doc[start:end])
            if _is_month(t, months) or is_year(t) or (_is_day(t) and (_is_month(doc[end - 1], months) or (
                    doc[end - 1].text in {",", "and"} and dated))):
                end += 1
            elif t.lower_ in joiners and end + 1 < n and (_is_month(doc[end + 1], months) or is_year(doc[end + 1])
                                                         or (_is_day(doc[end + 1]) and dated)):
                end += 1
            else:
                break
        while end > start and doc[end - 1].lower_ in joiners:
            end -= 1
        # extend left over a period cue ("between", "since", "at the start of", "the first")
        for words in cues:
            k = len(words)
            if start - k >= 0 and [t.lower_ for t in doc[start - k : start]] == words:
                start -= k
                break
        if duration and start == i:
            i = end
            continue  # a bare "6 months" is a quantity, not a period
        spans.append((start, end))
        i = end
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1] + 1 and doc[merged[-1][1] : start].text in {"", "of", "and"}:
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    found = [Period(s, e, doc[s:e].text) for s, e in merged]
    for s, e in _year_phrases(doc, lexicon, merged):
        known = year() if year is not None else None
        found.append(Period(s, e, f"{doc[s:e].text} ({known})" if known else doc[s:e].text))
    return tuple(sorted(found, key=lambda p: p.start))


def _year_phrases(doc: Doc, lexicon: Lexicon, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    phrases = [label.lower().split() for cue in lexicon.cues_of("DocumentLocal") if cue.position == "year"
               for label in cue.labels]
    words = [t.lower_ for t in doc]
    found = []
    for i in range(len(words)):
        for phrase in phrases:
            e = i + len(phrase)
            if words[i:e] == phrase and all(e <= s or end <= i for s, end in [*taken, *found]):
                found.append((i, e))
    return found


def document_year(document) -> int | None:
    """The year a document is of: the first year in its title, else the first in its text."""
    for text in (document.title, document.text):
        match = _YEAR.search(text or "")
        if match:
            return int(match.group())
    return None


_YEAR = re.compile(r"(?<![\d,.])(?:19|20)\d\d(?![\d,])")


def dates_in(doc: Doc, period: Period, lexicon: Lexicon) -> tuple[dt.date, ...]:
    """Full calendar dates in a period: "March 4, 11 and 18, 2021" gives three."""
    months = lexicon.values_of("MonthName")
    month, days, found = None, [], []
    for token in doc[period.start : period.end]:
        if _is_month(token, months):
            month, days = int(months[token.lower_]), []
        elif is_year(token) and month and days:
            for day in days:
                try:
                    found.append(dt.date(int(token.text), month, day))
                except ValueError:
                    pass
            month, days = None, []
        elif _is_day(token) and month:
            days.append(int(token.text))
    return tuple(sorted(set(found)))
