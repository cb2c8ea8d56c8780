"""The per-article ``facts`` stage: fact statements (figures, dates, places, relations,
offices; see :mod:`eventwire.corpus.facts`) of an article's body and title, from the parse,
entities and timexes the earlier stages produced. Their reconciliation across the articles
of a story is the ``facts`` corpus stage (:mod:`eventwire.corpus.fact_groups`)."""

from __future__ import annotations

import dataclasses
from typing import Any

from eventwire.analyze.pipeline import MapStage
from eventwire.corpus.facts.command import extract_statements, fact_doc_of
from eventwire.corpus.facts.records import Statement
from eventwire.model import AnalyzedDoc, Fact, make_id

__all__ = ["facts_doc", "make_stage", "to_fact", "VERSION"]

VERSION = "10"  # 10: Canadian, Australian and UK region abbreviations after a town written out (the gazetteer's regions.tsv); a statement's attribution is the speaker of the verb of saying that reports its clause. 9: a place's region only where the text states it (no gazetteer guess); "X town centre" is the town; a clock time alone states no date; calibers (".45-caliber") are statements of their own, "a 911 call" no count; a speaker's title set off by a comma. 8: the killer ("X killed Y") stays a named participant, the dead are matched by full name; a street takes only its proper nouns and only under a happening or site (not "lives on"); statements always in text order. 7: a figure "and" joins to an age or duration shares its unit ("68 and 48-years-old"; rules.shared_unit); figures of one key in two units that clash are keyed per unit (rules.unit_keys); one person's ages under a family key are their own key (rules.age_people). 6: named participants at every mention (rules.named_people), street addresses with their town (rules.street_town), mixed fractions ("2 1/2 years"), "no-one". 5: the place of a person ("a Mafia boss in Palermo") is no place of the happening (rules.person_place; the other round-8 rules are switches, off). 4: place names before no building are no places; a building takes its article's one town; named areas


def to_fact(article_id: str, s: Statement) -> Fact:
    period = s.period or (None, None)
    return Fact(
        id=make_id(article_id, "fact", s.start, s.end, s.key, VERSION),
        article_id=article_id, start=s.start, end=s.end, text=s.text, key=s.key, kind=s.kind,
        value=list(s.value) if isinstance(s.value, tuple) else s.value, unit=s.unit,
        qualifier=s.qualifier, as_of=s.as_of, period_begin=period[0], period_end=period[1],
        subject=s.subject, obj=s.obj, attribution=s.attribution, hedge=s.hedge, segment=s.segment,
        relative_start=s.relative[0] if s.relative else None, relative_end=s.relative[1] if s.relative else None,
    )


def facts_doc(doc: AnalyzedDoc) -> AnalyzedDoc:
    """The fact statements of one analyzed document (a pure function)."""
    art = doc.article
    facts = tuple(to_fact(art.id, s) for s in extract_statements(fact_doc_of(doc)) if art.text[s.start : s.end] == s.text)
    return dataclasses.replace(doc, facts=facts)


def make_stage(**_: Any) -> MapStage:
    """The ``facts`` stage of the default pipeline (options are accepted and ignored)."""
    return MapStage(
        name="facts",
        version=VERSION,
        reads=("article", "sentences", "tokens", "entities", "timexes"),
        writes=("facts",),
        fn=facts_doc,
    )
