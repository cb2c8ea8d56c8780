"""The context of a statement: whom the article cites for it ("according to Vietnamese customs
data", "Wang said"), whether it is hedged ("reportedly", "expected to"), and the period a
figure covers ("in 2022", "year to November 20", "this year")."""

from __future__ import annotations

import dataclasses
import functools
import re
from typing import Any

from eventwire.analyze.timex import value_bounds
from eventwire.corpus.facts.document import FactDoc, cue_kind
from eventwire.corpus.facts.records import Statement
from eventwire.corpus.facts.resources import tsv_rows

__all__ = ["attribution", "hedge_word", "period_of", "period_timex", "trend_cue", "with_cues", "with_trend", "wording"]

_ACCORDING = re.compile(r"\baccording to\s+([^,.;]+)", re.I)
_SHOWED = re.compile(r"\b((?:[\w-]+\s){0,3}(?:data|figures|statistics))\s+(?:showed|show|shows)\b", re.I)


def attribution(doc: FactDoc, offset: int) -> str | None:
    """The source the sentence around ``offset`` cites, as written: an "according to" phrase
    or a data source that "showed" it; else the speaker of the nearest verb of saying above the
    statement in the parse ("State TV said it measured 5.2, while the USGS said it measured 5.4":
    5.4 is the USGS's); else the speaker of the sentence's first verb of saying."""
    s, e = doc.sentence(offset)
    key = ("attribution", s)
    if key not in doc.memo:
        doc.memo[key] = _attribution(doc, s, e)
    cited = doc.memo[key]
    if cited is None or _ACCORDING.search(doc.text[s:e]) or _SHOWED.search(doc.text[s:e]):
        return cited
    k = doc.at(offset)
    if k is None:
        return cited
    prev = k
    for h in doc.ancestors(k):
        t = doc.tok(h)
        # a verb of saying reached from the clause it reports ("the Post says three people were
        # injured"; not "told the 36-year-old driver to stop", whose object is no report), whose
        # speaker is not the statement's own phrase
        if s <= t.start < e and t.pos == "VERB" and cue_kind(t.lemma) == "say" \
                and doc.tok(prev).dep in ("ccomp", "parataxis"):
            subj = doc.child(h, "nsubj")
            if subj is not None and not doc.subtree_span(subj)[0] <= offset < doc.subtree_span(subj)[1]:
                return _speaker(doc, h) or cited
            return cited
        prev = h
    return cited


def _speaker(doc: FactDoc, k: int) -> str | None:
    subj = doc.child(k, "nsubj")
    if subj is None:
        return None
    a, b = doc.subtree_span(subj)
    return doc.text[a:b] if b - a <= 80 else None


def _attribution(doc: FactDoc, s: int, e: int) -> str | None:
    sent = doc.text[s:e]
    m = _ACCORDING.search(sent) or _SHOWED.search(sent)
    if m:
        return m.group(1).strip()
    for k in doc.span_tokens(s, e):
        t = doc.tok(k)
        if t.pos == "VERB" and cue_kind(t.lemma) == "say":
            who = _speaker(doc, k)
            if who is not None:
                return who
    return None


def hedge_word(doc: FactDoc, offset: int) -> str | None:
    """A hedging word in the sentence of ``offset`` ("reportedly", "expected"), or None."""
    s, e = doc.sentence(offset)
    key = ("hedge", s)
    if key not in doc.memo:
        doc.memo[key] = _hedge(doc, s, e)
    return doc.memo[key]


def _hedge(doc: FactDoc, s: int, e: int) -> str | None:
    for k in doc.span_tokens(s, e):
        t = doc.tok(k)
        if cue_kind(t.text) == "hedge" or (t.tag in ("VBN", "MD") and cue_kind(t.lemma) == "hedge"):
            return t.text.lower()
    return None


def period_of(doc: FactDoc, start: int, end: int, head: int) -> tuple[str, str, str] | None:
    """(begin, end, value) of the date expression a figure belongs to (``period_timex``),
    when the article's date (or the expression itself) resolves it."""
    best = period_timex(doc, start, end)
    if best is None:
        return None
    b, en = best.begin, best.end_value
    if b is None or en is None:
        vb = value_bounds(best.value)
        if vb is None:
            return None
        b, en = vb[0], vb[1]
    return b, en, best.value


def period_timex(doc: FactDoc, start: int, end: int) -> Any:
    """The date expression a figure belongs to: the nearest DATE timex in the same
    sentence, after the figure first ("$48.2 billion in 2019"), that is no farther than 60
    characters and not separated by another figure's clause; None when there is none."""
    s, e = doc.sentence(start)
    best = None
    best_d = 10**9
    for tx in doc.anchored:
        if tx.type != "DATE" or not (s <= tx.start and tx.end <= e):
            continue
        if tx.start >= end:
            gap = doc.text[end : tx.start]
            d = len(gap)
        else:
            gap = doc.text[tx.end : start]
            d = len(gap) + 15
        if d > 60 or ";" in gap or re.search(r"\$|\d", gap):
            continue
        if d < best_d:
            best, best_d = tx, d
    return best


@functools.lru_cache(maxsize=1)
def _trend_cues() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(rf"\b{r['pattern']}\s+(?:(?:at least|about|more than|nearly|over|some)\s+)?$", re.I), r["trend"])
                 for r in tsv_rows("trend_cues.tsv"))


def trend_cue(text: str, start: int) -> str | None:
    """The direction a cue right before the figure at ``start`` gives it as the newest value
    of a developing figure ("the toll rose to 19" -> rise, "now 27" -> rise, "revised down
    to 5.2" -> revision), from ``trend_cues.tsv``; None without such a cue."""
    before = text[max(0, start - 40) : start]
    for pat, trend in _trend_cues():
        if pat.search(before):
            return trend
    return None


def with_trend(text: str, s: Statement) -> Statement:
    """``s`` with the trend cue before it (:func:`trend_cue`) when its value is a figure (a
    number or a range), and no trend otherwise. The one rule for both paths: extraction
    applies it (``command.extract_statements``, so the standalone command), and the stored
    pipeline, which keeps no trend column, applies it again to the stored statements with
    their article's text (``corpus.fact_groups``), so the two cannot label differently."""
    v = s.value
    figure = (isinstance(v, int | float) and not isinstance(v, bool)) or isinstance(v, tuple)
    trend = trend_cue(text, s.start) if figure else None
    return s if s.trend == trend else dataclasses.replace(s, trend=trend)


# how many words on each side of a statement make its wording (``wording``)
WORDING_WORDS = 5
_WORD = re.compile(r"[^\W_]+")


def wording(text: str, start: int, end: int) -> str | None:
    """The ``WORDING_WORDS`` words before and after the span ``text[start:end]``, lower-cased
    (fewer at the article's start or end), or None when fewer than ``WORDING_WORDS`` words
    surround it in all: too little to tell one sentence from another."""
    before = _WORD.findall(text[max(0, start - 25 * WORDING_WORDS) : start].lower())[-WORDING_WORDS:]
    after = _WORD.findall(text[end : end + 25 * WORDING_WORDS].lower())[:WORDING_WORDS]
    if len(before) + len(after) < WORDING_WORDS:
        return None
    return " ".join(before) + " | " + " ".join(after)


def with_cues(text: str, s: Statement) -> Statement:
    """``s`` with what its article's text around it says: the trend cue (:func:`with_trend`)
    and its wording (:func:`wording`). Both paths apply it, extraction
    (``command.extract_statements``) and the stored pipeline (``corpus.fact_groups``), which
    keeps neither in a column."""
    s = with_trend(text, s)
    w = wording(text, s.start, s.end)
    return s if s.wording == w else dataclasses.replace(s, wording=w)
