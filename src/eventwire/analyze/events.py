"""Event coding: who did what to whom, when and where, in PLOVER and CAMEO, with a status.

- :func:`code_command` is the standalone coder behind ``eventwire code``: input dicts
  ``{"id", "text", "date"?}``, output ``{"id", "events": [{"source", "target",
  "source_country", "target_country", "plover_type", "plover_mode", "cameo", "status",
  "date"}]}``, one per input, in order.
- :func:`make_stage` builds the pipeline stage ``events`` that turns parsed sentences (plus
  timexes, actor mentions and places when those stages ran) into :class:`~eventwire.model.Event`
  records.

The coder itself (:mod:`eventwire.analyze.events_core`) is a dependency-pattern coder with a
hand-written CAMEO trigger lexicon (:mod:`eventwire.analyze.events_lexicon`).
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import importlib
import itertools
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from eventwire._util import batched
from eventwire.analyze.events_anaphora import repeated_events
from eventwire.analyze.events_core import CodedEvent, TokenGraph, code_sentence
from eventwire.analyze.events_coref import AnaphorContext, antecedent_country
from eventwire.analyze.events_dates import DateInfo, refine_planned_dates
from eventwire.analyze.events_domain import article_probability, political_probability
from eventwire.analyze.events_dyad import (
    drop_non_actors,
    natural_cause,
    self_dyad,
    traffic_accident,
)
from eventwire.analyze.events_filter import (
    argument_kind,
    candidate_features,
    domain_features,
    eventness_model,
    sanitize_arguments,
)
from eventwire.analyze.events_home import (
    article_countries,
    article_evidence,
    place_countries,
    subdivision_country,
)
from eventwire.analyze.events_learned import (
    SentenceTypeModel,
    sentence_features,
    sentence_type_model,
)
from eventwire.analyze.events_lexicon import REPORTING
from eventwire.analyze.events_scope import out_of_scope
from eventwire.analyze.events_speech import own_features, reported_criticism
from eventwire.analyze.events_status import refine_status
from eventwire.errors import ModelError
from eventwire.model import AnalyzedDoc, Article, Event, Token, make_id

__all__ = ["code_command", "code_texts", "make_stage", "EventsStage", "VERSION"]

VERSION = "14"  # 14: the military sense of "strike" (a state named on it, or aimed on a place); a road accident is no assault; a bomb that "went off"; the protocol's scope (firefighting, animals, bare back-references, evaded events, questions); 13: models retrained with eval/events_ecbtrain_extra4.jsonl


def _sentence_ranges(tokens: Sequence[Token], sent_spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Token index ranges [lo, hi) for each character span."""
    out = []
    j = 0
    n = len(tokens)
    for st, en in sent_spans:
        while j < n and tokens[j].end <= st:
            j += 1
        lo = j
        while j < n and tokens[j].start < en:
            j += 1
        out.append((lo, j))
    return out


def _event_dict(ev: Event, date: str | None) -> dict[str, Any]:
    return {
        "source": ev.attrs.get("source_text"),
        "target": ev.attrs.get("target_text"),
        "source_country": ev.source_country,
        "target_country": ev.target_country,
        "plover_type": ev.plover_type,
        "plover_mode": ev.plover_mode,
        "cameo": ev.cameo,
        "status": ev.status,
        "date": ev.date_begin or date,
        "date_end": ev.date_end if ev.date_begin else None,
        "date_source": ev.date_source if ev.date_begin else ("input" if date else "none"),
        "confidence": ev.confidence,
    }


def _valid_date(value: Any) -> str | None:
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        return None
    try:
        datetime.date.fromisoformat(value.strip())
    except ValueError:
        return None
    return value.strip()


@functools.lru_cache(maxsize=1)
def _code_pipeline() -> Any:
    """The same per-article stages the store's pipeline runs, up to this one (one process:
    the standalone command parallelises over chunks itself). The stages after ``events``
    (facts) write only what the command does not output, so leaving them out changes no
    event. Nothing it writes carries a stage version, so none is computed."""
    from eventwire.analyze.pipeline import default_pipeline

    return default_pipeline(n_process=1, versioned=False).upto(["events"])


def code_texts(texts: Sequence[str], dates: Sequence[str | None] | None = None) -> list[list[Event]]:
    """Code each text with the full pipeline (nlp, timex, actors, places, events): exactly
    what ``eventwire run`` stores for an article with that text."""
    dates = list(dates) if dates is not None else [None] * len(texts)
    arts = [
        Article(id=make_id("code", i, t), text=t, source=f"input:{i}", fmt="text",
                published=_valid_date(d), date_method="metadata" if _valid_date(d) else "unknown")
        for i, (t, d) in enumerate(zip(texts, dates, strict=True))
    ]
    docs = _code_pipeline()(arts)
    return [list(d.events) for d in docs]


def _code_chunk(chunk: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Analyze and code one chunk of records in this process (module level: picklable)."""
    texts = [str(r.get("text") or "") for r in chunk]
    dates = [r.get("date") for r in chunk]
    coded = code_texts(texts, dates)
    return [
        {"id": r.get("id"), "events": [_event_dict(e, _valid_date(r.get("date"))) for e in evs]}
        for r, evs in zip(chunk, coded, strict=True)
    ]


def code_command(records: Iterable[dict[str, Any]], n_process: int | None = None,
                 chunk: int = 128) -> Iterator[dict[str, Any]]:
    """The standalone coder: one output dict per input record, in order.

    Each record's text goes through the pipeline's own stages (the same code, model and
    options as ``eventwire run``), so its figures describe what the store holds. With
    ``n_process`` > 1 (default: 2 when the input has more than ``4 * chunk`` records) worker
    processes each analyze whole chunks, so only small result dicts cross process boundaries.
    """
    it = iter(records)
    first: list[dict[str, Any]] = []
    for rec in it:
        first.append(rec)
        if len(first) > 4 * chunk:
            break
    procs = n_process if n_process is not None else (2 if len(first) > 4 * chunk else 1)
    chunks = batched(itertools.chain(first, it), chunk)
    if procs <= 1:
        for c in chunks:
            yield from _code_chunk(c)
        return
    from eventwire._pool import START_METHOD, make_pool
    from eventwire.runners._exec import ordered_imap, warm

    if START_METHOD == "fork":  # load every model here once: the forked workers share them
        warm(_code_pipeline())
    with make_pool(procs) as pool:
        # bounded: a few chunks per worker in flight, each worker takes the next chunk as
        # soon as it is free, and the output stays in input order
        done = ordered_imap(lambda c: pool.apply_async(_code_chunk, (c,)), lambda h: h.get(), chunks,
                            4 * procs)
        for rows in done:
            yield from rows


# ---------------------------------------------------------------- pipeline stage


@dataclasses.dataclass(frozen=True)
class EventsStage:
    name: str = "events"
    version: str = VERSION
    reads: tuple[str, ...] = ("article", "sentences", "tokens")
    writes: tuple[str, ...] = ("events",)

    def __call__(self, docs: Sequence[AnalyzedDoc]) -> list[AnalyzedDoc]:
        return [
            dataclasses.replace(
                d, events=tuple(analyze_events(d)), stage_versions=d.stage_versions + ((self.name, self.version),)
            )
            for d in docs
        ]


def _mention_at(doc: AnalyzedDoc, start: int, end: int) -> Any:
    best = None
    for m in doc.actor_mentions:
        if m.start < end and start < m.end and (best is None or (m.end - m.start) > (best.end - best.start)):
            best = m
    return best


_SKIP_SEGMENTS = ("title", "dateline", "byline", "fragment", "repeat", "boilerplate")
# what the article-level domain feature reads: title, body and captions
_NOT_ARTICLE = ("dateline", "byline", "fragment", "repeat", "boilerplate")


def _units(doc: AnalyzedDoc) -> list[tuple[int, int, str]]:
    """Sentence pieces split at segment boundaries: (start, end, segment kind)."""
    segs = sorted(doc.article.segments, key=lambda x: x.start)
    out: list[tuple[int, int, str]] = []
    for sent in doc.sentences:
        if not segs:
            out.append((sent.start, sent.end, sent.segment))
            continue
        for sg in segs:
            st, en = max(sent.start, sg.start), min(sent.end, sg.end)
            if en > st and doc.article.text[st:en].strip():
                out.append((st, en, sg.kind))
    return out


def _timexes(doc: AnalyzedDoc) -> list[Any]:
    """The doc's timexes; when no timex stage ran, tag the article here (same tagger)."""
    if doc.timexes:
        return list(doc.timexes)
    from eventwire.analyze.timex import tag

    return list(tag(doc.article.text, doc.article.published))


def analyze_events(doc: AnalyzedDoc) -> list[Event]:
    """All events of one analyzed document (pure function of its fields): the coder's
    candidates that the event-ness model keeps, with its probability as confidence."""
    model = eventness_model()
    out = []
    for ev, feats in candidate_events(doc):
        keep, p = model.keep(feats)
        if keep:
            out.append(dataclasses.replace(ev, confidence=round(p, 3)))
    return _stable_ids(_share_places(out))


def candidate_events(doc: AnalyzedDoc, type_model: SentenceTypeModel | None = None,
                     domain_of: Callable[[str], float] | None = None,
                     learned: bool = True,
                     embed_of: Callable[[str], Sequence[float]] | None = None) -> list[tuple[Event, dict[str, float]]]:
    """Every candidate event of the coder with its event-ness features (no filtering), among
    them the sentence type classifier's (:mod:`eventwire.analyze.events_learned`) probability
    of the candidate's type.
    ``type_model`` (default: the shipped one), ``domain_of`` (default: the shipped domain
    model), ``learned=False`` (the lexicon's candidates only, no sentence-type feature) and
    ``embed_of`` (a sentence's embedding, for a classifier of the sentence-encoder experiment,
    ``eval/sentence_encoder.py``; the shipped classifier reads none) are for training and
    cross-validation (``eval/train_events_learned.py``).
    When the event-ness model has an article-domain feature, it is the domain model over the
    article's title, body and captions (:func:`~eventwire.analyze.events_domain.article_probability`);
    ``eventwire code`` codes each input text as an article, so for a one-sentence input it
    equals the sentence's own domain feature (same code, no separate path)."""
    art = doc.article
    if not doc.tokens or not doc.sentences:
        return []
    toks = doc.tokens
    g = TokenGraph(toks)
    units = _units(doc)
    ranges = _sentence_ranges(toks, [(u[0], u[1]) for u in units])
    dct = art.published
    txs = _timexes(doc)
    seen_texts: set[str] = set()
    seen_events: dict[tuple[str, str | None], set[str | None]] = {}
    drafts: list[dict[str, Any]] = []
    prev: CodedEvent | None = None
    pcs = place_countries(doc)
    article_method, article_low = eventness_model().article_domain, eventness_model().article_low
    art_p: float | None = None
    for (ust, uen, seg), (lo, hi) in zip(units, ranges, strict=True):
        if hi <= lo or seg in _SKIP_SEGMENTS:
            continue
        norm = " ".join(art.text[ust:uen].split())
        if norm in seen_texts:  # repeated paragraph: its events are already the story's
            continue
        seen_texts.add(norm)
        sent_tx = [t for t in txs if ust <= t.start < uen]
        if not sent_tx and seg == "caption":
            sent_tx = _tag_piece(art.text, ust, uen, dct)
        # every candidate of the coder; the event-ness model decides which are events
        local = _sentence_country(pcs, ust, uen)
        coded = [_stage_countries(doc, g, refine_status(g, sanitize_arguments(g, c)), local)
                 for c in code_sentence(g, lo, hi, dct, story=True)
                 if not natural_cause(g, c) and not traffic_accident(g, c, lo, hi) and not out_of_scope(g, c)]
        coded += repeated_events(g, lo, hi, prev, dct, coded)
        coded += [_stage_countries(doc, g, c, local) for c in reported_criticism(g, lo, hi, dct, coded)]
        dom_p = (domain_of or political_probability)(art.text[ust:uen]) if coded else 0.5
        if coded and art_p is None and article_method:
            art_p = article_probability([art.text[a:b] for a, b, k in units if k not in _NOT_ARTICLE],
                                        article_method, domain_of)
        stypes: dict[str, float] = {}
        if learned and coded:
            tm = type_model or sentence_type_model()
            emb: Sequence[float] = ()
            if tm.embedding_scale > 0:  # a model of the sentence-encoder experiment (eval only)
                if embed_of is None:
                    raise ModelError("this sentence type model reads sentence embeddings; none given", "E303")
                emb = embed_of(art.text[ust:uen])
            stypes = tm.probs(sentence_features(g, lo, hi, dom_p, emb, tm.embedding_scale))
        if coded:
            prev = next((c for c in coded if "announcement" not in c.notes), prev)
        last_date: DateInfo | None = None
        dom = domain_features(dom_p, art_p, article_low) if coded else {}
        for ev in coded:
            dinfo = _date_of(ev, g, sent_tx, dct, lo, hi)
            if dinfo.source == "none" and last_date is not None and last_date.begin:
                dinfo = dataclasses.replace(last_date, source="inherited")
            if dinfo.begin:
                last_date = dinfo
            key = (ev.cameo, ev.source_country)
            if ev.nominal and key in seen_events and (dinfo.source != "own-timex" or dinfo.begin in seen_events[key]):
                continue  # "this visit", "the talks": a later mention of an event already coded
            seen_events.setdefault(key, set()).add(dinfo.begin)
            # a repeat ("did the same") is judged by the trigger of the event it repeats
            judged = ev if ev.repeats is None else dataclasses.replace(
                ev, trigger=ev.repeats.trigger, control=ev.repeats.control, nominal=ev.repeats.nominal)
            feats = candidate_features(g, judged, lo, hi, doc.actor_mentions)
            if _actor_like(g, ev.source_tok):
                feats["src_actor_like"] = 1.0
            feats.update({k: v for k, v in dom.items() if v})
            if learned:
                feats["stype"] = stypes.get(ev.plover_type, 0.0) - 0.5
            if "reported-criticism" in ev.notes:
                feats = own_features(feats)
            drafts.append({"ev": ev, "date": dinfo, "unit": (ust, uen, seg), "feats": feats})
    refine_planned_dates(drafts)
    evidence = article_evidence(doc, pcs)
    anaphors = AnaphorContext(doc, g, [r for r, u in zip(ranges, units, strict=True) if u[2] not in _SKIP_SEGMENTS],
                              pcs)
    out: list[tuple[Event, dict[str, float]]] = []
    for d in drafts:
        ev, dinfo, (ust, uen, seg) = drop_non_actors(g, d["ev"]), d["date"], d["unit"]
        trig = toks[ev.trigger]
        status = ev.status
        if dinfo.begin and dct and status in ("happened", "ongoing"):
            if dinfo.begin[:10] > dct:
                status = "planned"
        if dinfo.end and dct and status == "planned" and dinfo.end[:10] < dct:
            status = "happened"
        if seg == "caption" and status == "ongoing":
            status = "happened"
        src_ids: tuple[str, ...] = ()
        tgt_ids: tuple[str, ...] = ()
        src_c, tgt_c = ev.source_country, ev.target_country
        if ev.source_tok is not None:
            m = _mention_at(doc, toks[ev.source_tok].start, toks[ev.source_tok].end)
            if m is not None:
                src_ids = (m.actor_id,)
                src_c = m.country or src_c  # the actors stage (coreference, roles) first
        if ev.target_tok is not None:
            m = _mention_at(doc, toks[ev.target_tok].start, toks[ev.target_tok].end)
            if m is not None:
                tgt_ids = (m.actor_id,)
                tgt_c = m.country or tgt_c
        # after the event-ness features: the sentence-level coder decides what is an event
        own = (subdivision_country(src_c, pcs, ust, uen), subdivision_country(tgt_c, pcs, ust, uen))
        # a pronoun with no country takes its antecedent's ("he", "its"; events_coref)
        own = (antecedent_country(anaphors, ev.source_tok, own[0]), antecedent_country(anaphors, ev.target_tok, own[1]))
        src_c, tgt_c = article_countries(g, ev, own[0], own[1], evidence, (ust, uen))
        src_c, tgt_c = self_dyad(g, ev, src_c, tgt_c, from_article=own == (None, None))
        place_id = _place_for(doc, ev, ust, uen, toks)
        caption = seg == "caption"
        feats = d["feats"]
        if caption:
            feats = {**feats, "caption": 1.0}
        out.append((
            Event(
                # from offsets and type only, so it survives re-analysis (see _stable_ids)
                id=make_id(art.id, "event", trig.start, trig.end, ev.plover_type),
                article_id=art.id,
                start=trig.start,
                end=trig.end,
                text=art.text[trig.start : trig.end],
                sentence_start=ust,
                sentence_end=uen,
                plover_type=ev.plover_type,
                plover_mode=ev.plover_mode,
                cameo=ev.cameo,
                source_actor_ids=src_ids,
                target_actor_ids=tgt_ids,
                source_country=src_c,
                target_country=tgt_c,
                status=status,
                date_begin=dinfo.begin,
                date_end=dinfo.end,
                date_precision=dinfo.precision,
                date_source=dinfo.source,
                timex_id=dinfo.timex_id,
                place_id=place_id,
                confidence=0.5,
                segment="caption" if caption else "body",
                attrs={
                    "source_text": ev.source_text,
                    "target_text": ev.target_text,
                    "source_span": _span(toks, g, ev.source_tok),
                    "target_span": _span(toks, g, ev.target_tok),
                    "control": toks[ev.control].text if ev.control is not None else None,
                    "notes": list(ev.notes),
                },
            ),
            feats,
        ))
    return out


def _stable_ids(events: list[Event]) -> list[Event]:
    """One trigger can carry several events of one type ("did the same with A in 2012, B
    in 2016"): the first keeps the id made of article, trigger offsets and type, the
    others add their rank in the order of their argument offsets. Ids never depend on
    notes or resolved dates, so they stay the same when an unchanged text is re-analyzed."""
    groups: dict[str, list[Event]] = {}
    for e in events:
        groups.setdefault(e.id, []).append(e)
    renamed: dict[int, str] = {}
    for base, evs in groups.items():
        if len(evs) < 2:
            continue
        ranked = sorted(evs, key=lambda e: (
            str(e.attrs.get("source_span")), str(e.attrs.get("target_span")), e.timex_id or "",
            e.source_country or "", e.target_country or "", e.date_begin or "", e.cameo or ""))
        for k, e in enumerate(ranked):
            renamed[id(e)] = base if k == 0 else make_id(base, k)
    return [dataclasses.replace(e, id=renamed[id(e)]) if id(e) in renamed else e for e in events]


def _sentence_country(places: Sequence[tuple[int, str, str]], st: int, en: int) -> str | None:
    """The one country the sentence's places name ("police in Modesto"), else None."""
    found = {c for start, c, _ in places if st <= start < en}
    return found.pop() if len(found) == 1 else None


def _stage_countries(doc: AnalyzedDoc, g: TokenGraph, ev: CodedEvent, local: str | None = None) -> CodedEvent:
    """The actors stage's country (coreference, roles, jurisdictions) before the coder's
    sentence-level fallback, from the start: later steps compare events by country. A role
    noun or named person or organisation that resolves to no country takes the one country
    the sentence's places name ("police in Atlanta arrested ..." -> USA)."""
    for side in ("source", "target"):
        k = getattr(ev, f"{side}_tok")
        if k is None:
            continue
        m = _mention_at(doc, g.toks[k].start, g.toks[k].end)
        if m is not None and m.country:
            setattr(ev, f"{side}_country", m.country)
        elif local and getattr(ev, f"{side}_country") is None and argument_kind(g, k) in ("agent", "PERSON", "ORG"):
            setattr(ev, f"{side}_country", local)
    return ev


def _share_places(events: list[Event]) -> list[Event]:
    """Talks held during a planned visit happen where the visit does: a planned event with no
    place takes the place of a planned visit by the same source over the same dates."""
    planned_visits = [e for e in events if e.plover_mode == "visit" and e.status == "planned" and e.place_id]
    visits = {(e.source_country, e.date_begin): e for e in planned_visits if e.date_begin}
    in_sentence = {e.sentence_start: e for e in planned_visits}
    out = []
    for e in events:
        if e.place_id is None and e.status == "planned" and e.plover_type == "CONSULT":
            # the same dates, or the same sentence ("will discuss ... during X's visit to Hanoi")
            v = visits.get((e.source_country, e.date_begin)) if e.date_begin else in_sentence.get(e.sentence_start)
            if v is None:  # an article about one planned visit: the visitor's planned talks are there
                same = [x for x in planned_visits if x.source_country == e.source_country]
                v = same[0] if len(same) == 1 and not (e.date_begin and same[0].date_begin
                                                       and e.date_begin != same[0].date_begin) else None
            if v is not None and v is not e:
                e = dataclasses.replace(
                    e, place_id=v.place_id, date_begin=e.date_begin or v.date_begin,
                    date_end=e.date_end or v.date_end, date_precision=e.date_precision or v.date_precision,
                    date_source=e.date_source if e.date_begin else "visit",
                    attrs={**e.attrs, "place_from": "visit"},
                )
        out.append(e)
    return out


_PERSONAL = {"he", "she", "they", "we", "i", "you"}
_ABSTRACT = {"cooperation", "relation", "relationship", "tie", "effort", "this", "that", "it", "which", "move"}


def _actor_like(g: TokenGraph, k: int | None) -> bool:
    """Is the subject token a plausible actor (not "this", "cooperation", "the discussions")?"""
    if k is None:
        return False
    t = g.toks[k]
    lem = t.lemma.lower()
    if t.pos == "PRON":
        return lem in _PERSONAL or t.text.lower() in _PERSONAL
    if t.pos not in ("NOUN", "PROPN"):
        return False
    from eventwire.analyze.events_lexicon import EVENT_NOUNS, NOUNS

    return lem not in _ABSTRACT and lem not in NOUNS and lem not in EVENT_NOUNS


def _tag_piece(text: str, st: int, en: int, dct: str | None) -> list[Any]:
    from eventwire.analyze.timex import tag

    return [dataclasses.replace(t, start=t.start + st, end=t.end + st) for t in tag(text[st:en], dct)]


def _date_of(ev: CodedEvent, g: TokenGraph, sent_tx: Sequence[Any], dct: str | None, lo: int, hi: int) -> DateInfo:
    if ev.date_hint is not None:
        return ev.date_hint
    if not sent_tx:
        return DateInfo()
    toks = g.toks
    k = ev.control if ev.control is not None and "announcement" not in ev.notes else ev.trigger
    from eventwire.analyze.timex import event_date

    ed = event_date(sent_tx, toks[k].start, toks[k].end, dct, tokens=list(toks[lo:hi]))
    if ed.source == "none" or not ed.begin:
        return DateInfo()
    tid = None
    if ed.timex_index is not None and 0 <= ed.timex_index < len(sent_tx):
        tx = sent_tx[ed.timex_index]
        tid = getattr(tx, "id", None)
        if "announcement" not in ev.notes and _reporting_timex(g, tx, k, lo, hi):
            return DateInfo()  # "X said on Tuesday it would ...": the date of the saying, not of the event
    return DateInfo(ed.begin, ed.end, ed.precision, ed.source, tid)


def _reporting_timex(g: TokenGraph, tx: Any, trig: int, lo: int, hi: int) -> bool:
    """True when the timex attaches to a reporting verb other than the trigger."""
    ks = [k for k in range(lo, hi) if g.toks[k].start < tx.end and tx.start < g.toks[k].end]
    if not ks:
        return False
    cur = ks[-1]
    for _ in range(6):
        h = g.head(cur)
        if h == cur:
            return False
        cur = h
        if cur == trig:
            return False
        if g.toks[cur].pos in ("VERB", "AUX"):
            return g.lemma(cur) in REPORTING
    return False


def _span(toks: Sequence[Token], g: TokenGraph, k: int | None) -> tuple[int, int] | None:
    if k is None:
        return None
    ids = g.subtree(k)
    return toks[ids[0]].start, toks[ids[-1]].end


def _place_for(doc: AnalyzedDoc, ev: CodedEvent, st: int, en: int, toks: Sequence[Token]) -> str | None:
    if not doc.places:
        return None
    trig = toks[ev.trigger]
    from eventwire.analyze.places import event_location

    p = event_location(doc.tokens, doc.places, trig.start, trig.end, st, en)
    return p.id if p is not None else None


_OPTIONAL_INPUTS = (
    ("eventwire.analyze.timex_stage", ("timexes",)),
    ("eventwire.analyze.actors", ("actor_mentions", "actors")),
    ("eventwire.analyze.places", ("places",)),
)


def _available_reads() -> tuple[str, ...]:
    """The fields this stage reads: the optional ones only when their stage is installed
    (the registry skips a missing stage module, and a Pipeline checks that reads are written)."""
    reads = ["article", "sentences", "tokens", "entities"]
    for mod_name, fields in _OPTIONAL_INPUTS:
        try:
            mod = importlib.import_module(mod_name)
        except ModuleNotFoundError:
            continue
        if getattr(mod, "make_stage", None) is not None:
            reads.extend(fields)
    return tuple(reads)


def make_stage(**_: Any) -> EventsStage:
    """The ``events`` stage; uses timexes, actor mentions and places when those stages run
    (without a timex stage it tags the article with :func:`eventwire.analyze.timex.tag`)."""
    return EventsStage(reads=_available_reads())
