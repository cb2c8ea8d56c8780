"""The article's country for event actors that have none of their own.

The realnews annotation protocol codes an actor by the country the document makes evident
("police" in a story set in Modesto → USA; "Place names count"; implicit actors too: "was
arrested" → the police of the place). The events stage does the same as a last step, after the
event-ness model has decided (its features see only the sentence's own countries): a side of
an event — an argument or a participant the sentence leaves unnamed — that got no country from
the actors stage or the sentence may take the country most of the article's place mentions are
in. Whether it does is a learned decision (:func:`article_countries`): a logistic regression
over :func:`side_features` (what kind of argument the side is, the event type, the other side,
how clearly the article's places lead), trained by ``eval/train_events_home.py`` on the
training sentences in their ECB+ documents and alone, weights in
``resources/events/home_model.json`` (no scikit-learn at run time).

Which places count (:func:`place_countries`): only mentions the NER calls a place, and a
name that is also a subdivision of the country the article's other places are in ("Georgia"
beside "Atlanta") is that subdivision. :func:`document_country` (a lead of 1 mention and 1.5×
the runner-up, chosen among 9 settings on the realnews **train** documents) is one feature.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass

from eventwire._resources import resource_json
from eventwire.analyze.countries import resolve_country
from eventwire.analyze.events_filter import EventnessModel, argument_kind
from eventwire.analyze.events_graph import CodedEvent, TokenGraph
from eventwire.model import AnalyzedDoc

__all__ = ["AUTHORITY_TYPES", "ArticleEvidence", "HOME_MODEL_FILE", "article_countries", "article_evidence",
           "document_country", "home_model", "place_countries", "side_features", "subdivision_country"]

HOME_MODEL_FILE = "home_model.json"

MIN_PLACES = 1  # place mentions of the leading country
MIN_RATIO = 1.5  # ... and at least this many times the runner-up's
# legal actions (a feature of an unnamed side: "was arrested" is the authorities' of the place)
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


def _ranked(places: Sequence[tuple[int, str, str]]) -> tuple[tuple[str, int], ...]:
    counts: dict[str, int] = {}
    for _, c, _ in places:
        counts[c] = counts.get(c, 0) + 1
    return tuple(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def _clear_lead(ranked: Sequence[tuple[str, int]]) -> str | None:
    if not ranked or ranked[0][1] < MIN_PLACES:
        return None
    second = ranked[1][1] if len(ranked) > 1 else 0
    return ranked[0][0] if ranked[0][1] >= MIN_RATIO * second else None


def document_country(doc: AnalyzedDoc) -> str | None:
    """The country the article is set in: the country most of its place mentions are in
    (:func:`place_countries`), when it leads clearly (``MIN_PLACES`` mentions, ``MIN_RATIO``
    times the runner-up's), else None."""
    return _clear_lead(_ranked(place_countries(doc)))


@dataclass(frozen=True)
class ArticleEvidence:
    """Where the article is set: its place mentions (:func:`place_countries`), the countries
    ranked by mentions, and :func:`document_country`'s choice."""

    places: tuple[tuple[int, str, str], ...]
    ranked: tuple[tuple[str, int], ...]
    home: str | None


def article_evidence(doc: AnalyzedDoc, places: Sequence[tuple[int, str, str]] | None = None) -> ArticleEvidence:
    pcs = tuple(place_countries(doc) if places is None else places)
    ranked = _ranked(pcs)
    return ArticleEvidence(pcs, ranked, _clear_lead(ranked))


@functools.lru_cache(maxsize=1)
def home_model() -> EventnessModel:
    """The shipped article-country decision (weights, bias, threshold; loaded once)."""
    data = resource_json("events", HOME_MODEL_FILE, what="article-country model")
    return EventnessModel(weights={str(k): float(v) for k, v in data["weights"].items()},
                          bias=float(data["bias"]), threshold=float(data["threshold"]), meta=data.get("meta", {}))


def article_countries(g: TokenGraph, ev: CodedEvent, src_c: str | None, tgt_c: str | None,
                      evidence: ArticleEvidence, span: tuple[int, int]) -> tuple[str | None, str | None]:
    """(source, target) countries of an event whose sides got theirs from the actors stage and
    the sentence (``src_c``, ``tgt_c``): a side with none takes the article's leading country
    when the model (:func:`home_model` over :func:`side_features`) says it is more likely right
    than not. ``span``: the sentence's character offsets."""
    model = home_model()
    out: list[str | None] = []
    for side, own, other in (("source", src_c, tgt_c), ("target", tgt_c, src_c)):
        if own is None:
            lead, feats = side_features(g, ev, side, other, evidence, span)
            if lead is not None and model.keep(feats)[0]:
                own = lead
        out.append(own)
    return out[0], out[1]


def _bucket(n: int, edges: Sequence[int]) -> str:
    for e in edges:
        if n <= e:
            return str(e)
    return f">{edges[-1]}"


def side_features(g: TokenGraph, ev: CodedEvent, side: str, other_c: str | None,
                  evidence: ArticleEvidence, span: tuple[int, int]) -> tuple[str | None, dict[str, float]]:
    """(the article's leading country, features) for one side of ``ev`` that has no country
    of its own: what kind of argument it is (none, pronoun, entity label, role noun, other
    noun; its part of speech, dependency, determiner, number), the event's type, the other
    side, and how clearly the article's places lead to that country. (None, {}) when the
    article names no place of a known country."""
    if not evidence.ranked:
        return None, {}
    lead, n_lead = evidence.ranked[0]
    n_second = evidence.ranked[1][1] if len(evidence.ranked) > 1 else 0
    s = "src" if side == "source" else "tgt"
    k = ev.source_tok if side == "source" else ev.target_tok
    other = ev.target_tok if side == "source" else ev.source_tok
    kind = argument_kind(g, k)
    f: dict[str, float] = {
        f"{s}": 1.0,
        f"{s}|kind={kind}": 1.0,
        f"{s}|type={ev.plover_type}": 1.0,
        f"{s}|other_kind={argument_kind(g, other)}": 1.0,
        f"other_country={'lead' if other_c == lead else ('other' if other_c else 'none')}": 1.0,
        f"lead_n={_bucket(n_lead, (1, 2, 4))}": 1.0,
        f"lead_ratio={'alone' if not n_second else _bucket(int(2 * n_lead / n_second), (2, 3, 5))}": 1.0,
        f"countries={_bucket(len(evidence.ranked), (1, 2, 3))}": 1.0,
        "clear_lead": 1.0 if evidence.home == lead else 0.0,
        "nominal": 1.0 if ev.nominal else 0.0,
    }
    here = {c for st, c, _ in evidence.places if span[0] <= st < span[1]}
    f[f"sentence_places={'none' if not here else ('lead' if here == {lead} else ('mixed' if lead in here else 'other'))}"] = 1.0
    if k is None:
        f[f"{s}|implicit|authority={ev.plover_type in AUTHORITY_TYPES}"] = 1.0
    else:
        t = g.toks[k]
        f[f"{s}|pos={t.pos}"] = 1.0
        f[f"{s}|dep={t.dep}"] = 1.0
        f[f"{s}|plural={t.tag in ('NNS', 'NNPS')}"] = 1.0
        f[f"{s}|capital={t.text[:1].isupper()}"] = 1.0
        if kind == "pron":
            f[f"{s}|pron={t.text.lower()}"] = 1.0
        dets = [g.toks[c].text.lower() for c in g.children[k] if g.toks[c].dep in ("det", "poss")]
        f[f"{s}|det={dets[0] if dets and dets[0] in ('a', 'an', 'the') else ('poss' if dets else 'none')}"] = 1.0
    return lead, {key: v for key, v in f.items() if v}
