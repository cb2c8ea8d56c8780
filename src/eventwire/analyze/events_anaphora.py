"""Verb-phrase anaphora: "X did the same", "X did likewise", "X followed suit".

Such a clause repeats an event already coded — earlier in the same sentence, or the last
event of an earlier sentence — with a new actor: the clause's subject is the new source
(without a subject the earlier source stays). Partners named with "with" ("Y did the same
with A in 2012 and B in 2016") are the new targets, one event each, each dated by the date
written after it (a partner with none takes the next partner's: "A as well as B this
year"); without partners the earlier target stays and the clause is dated like any other
event. A repeat is judged an event by the event-ness model from its antecedent's trigger
and control verb (``repeats``): "did" says nothing about event-ness, the repeated event does. The repeating phrases are a word list (``resources/events/word_lists.tsv``,
``repeat``), read by :mod:`eventwire.analyze.events_lexicon`.
"""

from __future__ import annotations

import dataclasses

from eventwire.analyze.events_core import CodedEvent, TokenGraph, country_of_token
from eventwire.analyze.events_dates import DateInfo, partner_date
from eventwire.analyze.events_lexicon import REPEAT

__all__ = ["repeated_events"]

_PARTNER_DEPS = ("pobj", "conj", "appos", "npadvmod", "dobj")


def _repeats(g: TokenGraph, k: int) -> bool:
    verb = g.lemma(k)
    return any((verb, g.lemma(c)) in REPEAT for c in g.kids(k, "dobj", "advmod", "attr"))


def repeated_events(g: TokenGraph, lo: int, hi: int, prev: CodedEvent | None, dct: str | None,
                    coded: list[CodedEvent]) -> list[CodedEvent]:
    """The events that repeating clauses of the sentence ``lo..hi`` add (see module doc);
    ``coded`` are the sentence's own events, ``prev`` the last event before the sentence."""
    out: list[CodedEvent] = []
    for k in range(lo, hi):
        if not _repeats(g, k):
            continue
        before = [c for c in coded if c.trigger < k]
        # the clause's antecedent: its last verbal event (an event noun is usually inside it)
        model = max(before, key=lambda c: (not c.nominal, c.trigger)) if before else prev
        if model is None:
            continue
        subj = next(iter(g.kids(k, "nsubj")), None)
        src = country_of_token(g, subj, dct) if subj is not None else model.source_country
        subj_ids = set(g.subtree(subj)) if subj is not None else set()
        base = dataclasses.replace(
            model, trigger=k, control=None, source_tok=subj, source_country=src,
            source_text=g.toks[subj].text if subj is not None else model.source_text,
            status="happened", nominal=False, notes=["same-as-previous"], date_hint=None,
            repeats=model.repeats if model.repeats is not None else model,
        )
        withs = [p for p in g.kids(k, "prep") if g.toks[p].text.lower() == "with"]
        if not withs:
            if src is None or src != model.target_country:
                out.append(base)
            continue
        partners = [x for x in g.subtree(k) if x > withs[0] and x not in subj_ids
                    and g.toks[x].pos == "PROPN" and g.toks[x].dep in _PARTNER_DEPS]
        found: list[tuple[int, str, DateInfo | None]] = []
        seen: set[str] = set()
        for o in partners:
            c = country_of_token(g, o, dct)
            if not c or c in seen or c == src:
                continue
            seen.add(c)
            found.append((o, c, partner_date(g, o, lo, hi, dct)))
        nxt: DateInfo | None = None
        for idx in range(len(found) - 1, -1, -1):  # a partner with no date takes the next one's
            o, c, di = found[idx]
            if di is None:
                found[idx] = (o, c, nxt)
            else:
                nxt = di
        for o, c, di in found:
            out.append(dataclasses.replace(
                base, target_tok=o, target_country=c, target_text=g.toks[o].text,
                date_hint=di if di is not None else DateInfo(),
            ))
    return out
