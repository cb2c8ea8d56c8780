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
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from eventwire.analyze.events_core import CodedEvent, TokenGraph, code_sentence
from eventwire.analyze.events_dates import event_dates
from eventwire.model import AnalyzedDoc, Event, Token, make_id

__all__ = ["code_command", "code_texts", "make_stage", "EventsStage", "VERSION"]

VERSION = "1"


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


def _tokens_of(sdoc: Any) -> list[Token]:
    return [
        Token(i=t.i, start=t.idx, end=t.idx + len(t.text), text=t.text, lemma=t.lemma_, pos=t.pos_,
              tag=t.tag_, dep=t.dep_, head=t.head.i, ent_type=t.ent_type_, ent_iob=t.ent_iob_)
        for t in sdoc
    ]


def _event_dict(ev: CodedEvent, date: str | None) -> dict[str, Any]:
    return {
        "source": ev.source_text,
        "target": ev.target_text,
        "source_country": ev.source_country,
        "target_country": ev.target_country,
        "plover_type": ev.plover_type,
        "plover_mode": ev.plover_mode,
        "cameo": ev.cameo,
        "status": ev.status,
        "date": date,
    }


def code_texts(texts: Sequence[str], dates: Sequence[str | None] | None = None, n_process: int = 1,
               batch_size: int = 64, include_negated: bool = False) -> list[list[CodedEvent]]:
    """Code each text (all its sentences); returns the coded events per text."""
    from eventwire.analyze.nlp import load_model

    nlp = load_model(("ner",))
    dates = list(dates) if dates is not None else [None] * len(texts)
    out: list[list[CodedEvent]] = []
    for sdoc, date in zip(nlp.pipe(texts, n_process=n_process, batch_size=batch_size), dates, strict=True):
        toks = _tokens_of(sdoc)
        g = TokenGraph(toks)
        evs: list[CodedEvent] = []
        for s in sdoc.sents:
            for ev in code_sentence(g, s.start, s.end, date):
                if ev.negated and not include_negated:
                    continue
                evs.append(ev)
        out.append(evs)
    return out


def code_command(records: Iterable[dict[str, Any]], n_process: int | None = None, batch_size: int = 64,
                 chunk: int = 2000) -> Iterator[dict[str, Any]]:
    """The standalone coder: one output dict per input record, in order."""
    buf: list[dict[str, Any]] = []

    def flush() -> Iterator[dict[str, Any]]:
        texts = [str(r.get("text") or "") for r in buf]
        dates = [r.get("date") for r in buf]
        np_ = n_process if n_process is not None else (2 if len(buf) >= 400 else 1)
        coded = code_texts(texts, dates, n_process=np_, batch_size=batch_size)
        for r, evs in zip(buf, coded, strict=True):
            yield {"id": r.get("id"), "events": [_event_dict(e, r.get("date")) for e in evs]}

    for rec in records:
        buf.append(rec)
        if len(buf) >= chunk:
            yield from flush()
            buf = []
    if buf:
        yield from flush()


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


def analyze_events(doc: AnalyzedDoc) -> list[Event]:
    """All events of one analyzed document (pure function of its fields)."""
    art = doc.article
    if not doc.tokens or not doc.sentences:
        return []
    toks = doc.tokens
    g = TokenGraph(toks)
    ranges = _sentence_ranges(toks, [(s.start, s.end) for s in doc.sentences])
    dct = art.published
    seen_texts: set[str] = set()
    out: list[Event] = []
    for sent, (lo, hi) in zip(doc.sentences, ranges, strict=True):
        if hi <= lo:
            continue
        seg = sent.segment
        if seg not in ("body", "title", "caption"):
            continue
        norm = " ".join(sent.text.split())
        if norm in seen_texts:  # repeated paragraph: its events are already the story's
            continue
        seen_texts.add(norm)
        for ev in code_sentence(g, lo, hi, dct, plover_future=False):
            trig = toks[ev.trigger]
            dinfo = event_dates(doc, g, ev, sent, dct)
            status = ev.status
            if status == "happened" and dinfo.begin and dct and dinfo.begin[:10] > dct and dinfo.precision == "day":
                status = "planned"
            src_ids: tuple[str, ...] = ()
            tgt_ids: tuple[str, ...] = ()
            src_c, tgt_c = ev.source_country, ev.target_country
            if ev.source_tok is not None:
                m = _mention_at(doc, toks[ev.source_tok].start, toks[ev.source_tok].end)
                if m is not None:
                    src_ids = (m.actor_id,)
                    src_c = m.country or src_c
            if ev.target_tok is not None:
                m = _mention_at(doc, toks[ev.target_tok].start, toks[ev.target_tok].end)
                if m is not None:
                    tgt_ids = (m.actor_id,)
                    tgt_c = m.country or tgt_c
            place_id = _place_for(doc, ev, sent, toks)
            caption = seg == "caption"
            conf = 0.75 - min(ev.score, 5.0) * 0.05 - (0.1 if ev.nominal else 0.0) - (0.2 if caption else 0.0)
            out.append(
                Event(
                    id=make_id(art.id, "event", trig.start, trig.end, ev.cameo, VERSION),
                    article_id=art.id,
                    start=trig.start,
                    end=trig.end,
                    text=art.text[trig.start : trig.end],
                    sentence_start=sent.start,
                    sentence_end=sent.end,
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
                    confidence=round(max(0.05, conf), 3),
                    segment="caption" if caption else "body",
                    attrs={
                        "source_text": ev.source_text,
                        "target_text": ev.target_text,
                        "source_span": _span(toks, g, ev.source_tok),
                        "target_span": _span(toks, g, ev.target_tok),
                        "control": toks[ev.control].text if ev.control is not None else None,
                    },
                )
            )
    return out


def _span(toks: Sequence[Token], g: TokenGraph, k: int | None) -> tuple[int, int] | None:
    if k is None:
        return None
    ids = g.subtree(k)
    return toks[ids[0]].start, toks[ids[-1]].end


def _place_for(doc: AnalyzedDoc, ev: CodedEvent, sent: Any, toks: Sequence[Token]) -> str | None:
    if not doc.places:
        return None
    trig = toks[ev.trigger]
    try:
        from eventwire.analyze.places import event_location

        p = event_location(doc.tokens, doc.places, trig.start, trig.end, sent.start, sent.end)
        return p.id if p is not None else None
    except Exception:  # noqa: BLE001 - the places helper may be absent or mid-development
        in_sent = [p for p in doc.places if sent.start <= p.start < sent.end]
        return in_sent[0].id if in_sent else None


def make_stage(**_: Any) -> EventsStage:
    return EventsStage()
