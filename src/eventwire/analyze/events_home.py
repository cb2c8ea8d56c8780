"""The article's country for event actors that have none of their own.

The realnews annotation protocol codes an actor by the country the document makes evident
("police" in a story set in Modesto → USA; "Place names count"). The events stage does the
same as a last resort, after the event-ness model has decided (its features see only the
sentence's own countries): an argument that got no country from the actors stage or the
sentence takes :func:`document_country`, and an arrest, conviction or charge with no stated
actor is the authorities' of that country.

Which places count (:func:`place_countries`): only mentions the NER calls a place, and a
name that is also a subdivision of the country the article's other places are in ("Georgia"
beside "Atlanta") is that subdivision. A participant the sentence leaves unnamed ("was shot",
"was arrested") takes the article's country too (:func:`implicit_countries`), as the
protocol codes implicit actors, unless the event has no actor at all ("a quake struck").

The two thresholds were chosen among 9 settings (1–3 mentions × 1.5–3× the runner-up) by
dyad precision on the realnews **train** documents (``eval/realnews_events_doc_eval.py``).
"""

from __future__ import annotations

import functools

from eventwire.analyze.countries import resolve_country
from eventwire.analyze.events_dyad import POSSESSIVE_PRONOUNS
from eventwire.analyze.events_filter import _NOT_ACTORS, argument_kind
from eventwire.analyze.events_graph import CodedEvent, TokenGraph
from eventwire.analyze.events_lexicon import HOME_PRONOUNS
from eventwire.model import AnalyzedDoc

__all__ = ["AUTHORITY_TYPES", "document_country", "home_country", "implicit_countries", "place_countries",
           "subdivision_country"]

MIN_PLACES = 1  # place mentions of the leading country
MIN_RATIO = 1.5  # ... and at least this many times the runner-up's
# argument kinds that are no actor (see events_filter.argument_kind)
_NOT_ACTOR_KINDS = frozenset(_NOT_ACTORS | {"none"})
# participants the sentence does not name take the article's country: the source of a legal
# action always ("was arrested": the authorities'), any other unnamed source and target per
# these settings (chosen by 5-fold CV grouped by topic on the train sentences:
# eval/events_dyad_cv.py; every fold chose both)
IMPLICIT_SOURCE = True
IMPLICIT_TARGET = True
# legal actions with no stated actor are the authorities' of the place (police, courts)
AUTHORITY_TYPES = frozenset({"COERCE", "SANCTION", "ACCUSE"})


# entity labels that can name a place (a place match outside them is a common word: "Man")
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


def place_countries(doc: AnalyzedDoc) -> list[tuple[int, str, str]]:
    """(start, country, the country its name would name on its own) of the article's place
    mentions that count as evidence of where it is set: only mentions inside a place entity (GPE, LOC, FAC) of the NER — a capitalised common
    word the gazetteer knows ("Man" in a headline, a town in Côte d'Ivoire) is none —, and a
    name that is both a country and a first-level subdivision of another country ("Georgia")
    takes the subdivision's country when the article's other places are there."""
    spans = [(e.start, e.end) for e in doc.entities if e.label in _PLACE_LABELS]
    kept = [p for p in doc.places
            if p.country and len(p.country) == 3 and any(st <= p.start and p.end <= en for st, en in spans)]
    out: list[tuple[int, str, str]] = []
    for p in kept:
        country = p.country
        assert country is not None
        others = {q.country for q in kept if q.name != p.name}
        if country not in others:
            alt = _admin1_countries(p.name) & others
            if len(alt) == 1:
                country = next(iter(alt))
        out.append((p.start, country, resolve_country(p.text) or country))
    return out


def subdivision_country(country: str | None, places: list[tuple[int, str, str]], st: int, en: int) -> str | None:
    """``country`` as the coder or the actors stage gave it, unless it is the country a place
    name of the sentence [st, en) names while the place is in another country ("police in
    Atlanta, Georgia": the US state, USA, not GEO)."""
    renamed = {raw: c for start, c, raw in places if st <= start < en and c != raw}
    kept = {c for start, c, raw in places if st <= start < en and c == raw}
    return renamed[country] if country in renamed and country not in kept else country


@functools.lru_cache(maxsize=4096)
def _admin1_countries(name: str) -> frozenset[str]:
    """Countries that have a first-level subdivision of this name (gazetteer)."""
    from eventwire.analyze.places_gazetteer import gazetteer

    return frozenset(e.country for e in gazetteer().lookup(name) if e.kind == "admin1" and e.country)


def document_country(doc: AnalyzedDoc) -> str | None:
    """The country the article is set in: the country most of its place mentions are in
    (:func:`place_countries`), when it leads clearly (``MIN_PLACES`` mentions, ``MIN_RATIO``
    times the runner-up's), else None."""
    counts: dict[str, int] = {}
    for _, c, _ in place_countries(doc):
        counts[c] = counts.get(c, 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    if not ranked or ranked[0][1] < MIN_PLACES:
        return None
    second = ranked[1][1] if len(ranked) > 1 else 0
    return ranked[0][0] if ranked[0][1] >= MIN_RATIO * second else None


def home_country(g: TokenGraph, k: int | None, home: str | None, *, source: bool = False) -> str | None:
    """An argument with no country of its own (police, a judge, a named person, he/she; as a
    target also a thing, "the proposal") belongs to the article's country; not a date or
    number, nor "it"/"which". A source that is a common noun but no role noun ("a massive
    quake", "shares") is no actor and gets none (as in ``events_filter.sanitize_arguments``)."""
    if home is None or k is None:
        return None
    kind = argument_kind(g, k)
    if kind == "pron":
        low = g.toks[k].text.lower()
        return home if low in HOME_PRONOUNS or low in POSSESSIVE_PRONOUNS else None
    if kind in _NOT_ACTOR_KINDS or (source and kind == "noun"):
        return None
    return home


def implicit_countries(ev: CodedEvent, src_c: str | None, tgt_c: str | None,
                       home: str | None) -> tuple[str | None, str | None]:
    """(source, target) countries with the article's country for a participant the sentence
    leaves unnamed: the realnews protocol codes an implicit actor ("was arrested" → the police
    of the place) by the country the document makes evident. A side with an argument keeps
    what it has."""
    if src_c is None and ev.source_tok is None and (IMPLICIT_SOURCE or ev.plover_type in AUTHORITY_TYPES):
        src_c = home
    if tgt_c is None and ev.target_tok is None and IMPLICIT_TARGET and src_c is not None:
        tgt_c = home  # only when someone acts: "a massive quake struck" has no victim country
    return src_c, tgt_c
