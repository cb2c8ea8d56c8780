"""Places: place mentions resolved to a gazetteer, and where an event happened.

* :func:`make_stage` builds the pipeline stage ``places``: every place mention in the body
  sentences as a :class:`~eventwire.model.Place` (article offsets, deterministic ids).
* :func:`event_location` is the pure function the events stage calls: the place of one
  event trigger (or ``None``).
* :func:`locate_command` is ``eventwire locate``: for ``{"id", "text", "verb"}`` records, the
  spans where each verb's event happened.

Which candidate is the event's place is decided by a logistic-regression model over
syntactic features (dependency path from trigger to candidate, governing preposition,
distance, NER label, gazetteer kind, container relations such as "X in central Y").
The model is shipped as JSON in ``resources/places/`` and reproduced by
``eval/train_places.py`` from the MIT-licensed ahalterman/event_location annotations.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import math
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from eventwire.analyze.countries import resolve_country
from eventwire.analyze.pipeline import MapStage
from eventwire.analyze.places_features import (
    Candidate,
    SentenceParse,
    candidate_features,
    containment,
    find_candidates,
)
from eventwire.analyze.places_gazetteer import GazEntry, Gazetteer, gazetteer
from eventwire.analyze.places_qualified import qualified
from eventwire.model import AnalyzedDoc, Place, Token, make_id

__all__ = [
    "VERSION",
    "PlaceModel",
    "load_place_model",
    "scored_candidates",
    "Scored",
    "choose",
    "same_clause",
    "resolve_mention",
    "event_location",
    "locate_command",
    "make_stage",
    "places_for_doc",
    "entities_from_tokens",
]

VERSION = "2"  # 2: towns qualified by their region ("Athens, Ga."; places_qualified); "Kansas City" keeps "City"
MODEL_PATH = Path(__file__).resolve().parents[1] / "resources" / "places" / "event_location_model.json"


@dataclasses.dataclass(frozen=True)
class PlaceModel:
    """A logistic-regression scorer: ``p = sigmoid(sum(weights[f] * v))`` over features."""

    weights: dict[str, float]
    threshold: float = 0.5  # the best candidate must reach this
    threshold_more: float = 0.6  # further candidates must reach this
    threshold_sub: float = 0.1  # a contained candidate replaces its container from this
    meta: dict[str, Any] = dataclasses.field(default_factory=dict, hash=False, compare=False)

    def prob(self, feats: dict[str, float]) -> float:
        z = sum(self.weights.get(k, 0.0) * v for k, v in feats.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@functools.lru_cache(maxsize=2)
def load_place_model(path: str | None = None) -> PlaceModel:
    """Load the shipped event-location model (cached)."""
    p = Path(path) if path else MODEL_PATH
    d = json.loads(p.read_text(encoding="utf-8"))
    return PlaceModel(
        weights=d["weights"],
        threshold=float(d["threshold"]),
        threshold_more=float(d.get("threshold_more", d["threshold"])),
        threshold_sub=float(d.get("threshold_sub", 1.1)),
        meta=d.get("meta", {}),
    )


@dataclasses.dataclass(frozen=True)
class Scored:
    """A candidate, its probability of being the event's place, and the positions (in the
    same list) of the candidates it contains ("Damascus" contains "al-Tijara")."""

    cand: Candidate
    prob: float
    contains: tuple[int, ...] = ()
    same_clause: bool = True  # no clause boundary on the dependency path from the trigger


def same_clause(feats: dict[str, float]) -> bool:
    """Whether the features say the candidate is in the trigger's own clause."""
    return "clauses_up=0" in feats and "clauses_down=0" in feats


def scored_candidates(
    tokens: Sequence[Token],
    entities: Sequence[tuple[int, int, str]],
    trigger_start: int,
    trigger_end: int,
    gaz: Gazetteer | None = None,
    model: PlaceModel | None = None,
) -> list[Scored]:
    """Every place candidate in ``tokens`` (one sentence) with P(it is the trigger's place).

    ``entities`` are (start, end, label) character spans in the tokens' coordinates; the
    trigger is given by character offsets.
    """
    gaz = gaz or gazetteer()
    model = model or load_place_model()
    sp = SentenceParse.build(tokens)
    cands = find_candidates(sp, entities, gaz)
    if not cands:
        return []
    tks = [k for k, t in enumerate(sp.tokens) if t.start < trigger_end and trigger_start < t.end]
    if not tks:  # trigger between tokens: take the nearest token
        tks = [min(range(len(sp.tokens)), key=lambda k: abs(sp.tokens[k].start - trigger_start))]
    ts, te = tks[0], tks[-1] + 1
    keep = [ci for ci, c in enumerate(cands) if not (c.ts < te and ts < c.te)]  # not the trigger
    pos = {ci: k for k, ci in enumerate(keep)}
    rel = containment(sp, cands, gaz)
    out = []
    for ci in keep:
        f = candidate_features(sp, cands, ci, ts, te, gaz)
        contains = tuple(sorted(pos[j] for i, j in rel if i == ci and j in pos))
        out.append(Scored(cands[ci], model.prob(f), contains, same_clause(f)))
    return out


def choose(scored: Sequence[Scored], model: PlaceModel) -> list[Candidate]:
    """The event's places, in text order: the most probable candidate if it reaches
    ``model.threshold``, plus any other in the trigger's own clause reaching
    ``model.threshold_more``. A chosen area
    that contains another candidate with some support (``model.threshold_sub``) gives way
    to it: the most specific place is the event's place ("in al-Tijara neighbourhood in
    central Damascus" -> al-Tijara)."""
    order = sorted(range(len(scored)), key=lambda k: -scored[k].prob)
    if not order or scored[order[0]].prob < model.threshold:
        return []
    picked = [order[0]] + [
        k for k in order[1:] if scored[k].prob >= model.threshold_more and scored[k].same_clause
    ]
    final: list[int] = []
    for k in picked:
        for _ in range(3):  # follow a chain: country > city > district
            inner = [j for j in scored[k].contains if scored[j].prob >= model.threshold_sub]
            if not inner:
                break
            k = max(inner, key=lambda j: scored[j].prob)
        if k not in final:
            final.append(k)
    return sorted((scored[k].cand for k in final), key=lambda c: c.start)


def _context_countries(gaz: Gazetteer, names: Iterable[str], demonyms: Iterable[str] = ()) -> frozenset[str]:
    """Countries the text names: country/region/state names, and demonyms ("Saudi")."""
    out = set()
    for n in names:
        for e in gaz.lookup(n):
            if e.kind in ("country", "region", "admin1") and e.country:
                out.add(e.country)
    for n in demonyms:
        code = resolve_country(n)
        if code and code != "IGO":
            out.add(code)
    return frozenset(out)


def resolve_mention(text: str, context: frozenset[str] = frozenset(), gaz: Gazetteer | None = None) -> GazEntry | None:
    """Resolve a place name to a gazetteer entry, preferring countries named in ``context``."""
    gaz = gaz or gazetteer()
    e = gaz.resolve(text, context)
    words = text.split()
    if e is None and len(words) > 1 and words[-1] == "City":
        # "Gaza City", an alternate name that needs evidence, is the city "Gaza"
        e = gaz.resolve(" ".join(words[:-1]), context)
    if e is None and " " in text:
        # "Kurdish-majority Aziziyah" / "southern Idlib": try the last words, dropping only
        # modifiers (lower-case or hyphenated words), never part of a name ("British Columbia"
        # is not Columbia)
        words = text.split()
        for k in range(1, len(words)):
            if not _modifier(words[k - 1]):
                break
            e = gaz.resolve(" ".join(words[k:]), context)
            if e is not None:
                break
    return e


def _modifier(word: str) -> bool:
    return not word[:1].isupper() or ("-" in word and not word.split("-")[-1][:1].isupper())


def _loc_dict(text: str, c: Candidate, offset: int, entry: GazEntry | None) -> dict[str, Any]:
    return {
        "start": c.start - offset,
        "end": c.end - offset,
        "text": text[c.start - offset:c.end - offset],
        "name": entry.name if entry else text[c.start - offset:c.end - offset],
        "country": entry.country if entry else None,
        "lat": entry.lat if entry else None,
        "lon": entry.lon if entry else None,
    }


def locate_command(records: Iterable[dict[str, Any]], batch_size: int = 256) -> Iterator[dict[str, Any]]:
    """``eventwire locate``: one ``{"id", "locations": [...]}`` per input record, in order.

    Input records are ``{"id", "text", "verb": [{"start", "end"}]}`` (the event trigger,
    character offsets into ``text``). Each location is ``{"start", "end", "text", "name",
    "country", "lat", "lon"}``; the list is empty when the sentence names no place of that
    event. Sentences repeated across records are parsed once per batch.
    """
    from eventwire.analyze.nlp import load_model

    nlp = load_model()
    gaz = gazetteer()
    model = load_place_model()
    it = iter(records)
    while True:
        batch = []
        for r in it:
            batch.append(r)
            if len(batch) >= batch_size:
                break
        if not batch:
            return
        texts = sorted({str(r.get("text") or "") for r in batch})
        parsed: dict[str, tuple[list[Token], list[tuple[int, int, str]]]] = {}
        for t, doc in zip(texts, nlp.pipe(texts, batch_size=64), strict=True):
            toks = [
                Token(x.i, x.idx, x.idx + len(x.text), x.text, x.lemma_, x.pos_, x.tag_, x.dep_, x.head.i,
                      x.ent_type_, x.ent_iob_)
                for x in doc
            ]
            parsed[t] = (toks, [(e.start_char, e.end_char, e.label_) for e in doc.ents])
        for r in batch:
            text = str(r.get("text") or "")
            toks, ents = parsed[text]
            locs: list[dict[str, Any]] = []
            verbs = r.get("verb") or []
            if verbs and toks:
                v = verbs[0]
                scored = scored_candidates(toks, ents, int(v["start"]), int(v["end"]), gaz, model)
                chosen = choose(scored, model)
                ctx = _context_countries(gaz, [text[s:e] for s, e, lab in ents if lab in ("GPE", "LOC")],
                                         [text[s:e] for s, e, lab in ents if lab == "NORP"])
                for c in chosen:
                    entry = qualified(text, c.start, c.end, resolve_mention(text[c.start:c.end], ctx, gaz), gaz)
                    locs.append(_loc_dict(text, c, 0, entry))
            yield {"id": r.get("id"), "locations": locs}


def entities_from_tokens(tokens: Sequence[Token]) -> list[tuple[int, int, str]]:
    """(start, end, label) entity spans rebuilt from the tokens' IOB tags."""
    out: list[tuple[int, int, str]] = []
    cur: list[Any] | None = None
    for t in tokens:
        if t.ent_iob == "B" or (t.ent_iob == "I" and (cur is None or cur[2] != t.ent_type)):
            if cur is not None:
                out.append((cur[0], cur[1], cur[2]))
            cur = [t.start, t.end, t.ent_type]
        elif t.ent_iob == "I" and cur is not None:
            cur[1] = t.end
        else:
            if cur is not None:
                out.append((cur[0], cur[1], cur[2]))
            cur = None
    if cur is not None:
        out.append((cur[0], cur[1], cur[2]))
    return out


# --- the pipeline stage -------------------------------------------------------------------


def _make_place(article_id: str, text: str, start: int, end: int, entry: GazEntry | None) -> Place:
    return Place(
        id=make_id(article_id, "place", start, end),
        article_id=article_id,
        start=start,
        end=end,
        text=text[start:end],
        name=entry.name if entry else text[start:end],
        country=entry.country if entry else None,
        admin1=entry.admin1 if entry else None,
        lat=entry.lat if entry else None,
        lon=entry.lon if entry else None,
        geonameid=entry.geonameid if entry else None,
    )


_PLACE_LABELS = {"GPE", "LOC", "FAC"}
# Named-entity labels whose spans are never places; a candidate without a label (a proper
# noun run the NER did not tag) must be a full, well-known gazetteer name.
_NOT_PLACES = {"ORG", "PERSON", "NORP", "PRODUCT", "EVENT", "WORK_OF_ART"}


def places_for_doc(doc: AnalyzedDoc) -> AnalyzedDoc:
    """Every resolved place mention in the body sentences of ``doc``."""
    art = doc.article
    gaz = gazetteer()
    body = [s for s in doc.sentences if s.segment == "body"]
    ents = [e for e in doc.entities]
    ctx = _context_countries(gaz, [e.text for e in ents if e.label in ("GPE", "LOC")],
                             [e.text for e in ents if e.label == "NORP"])
    # words of people's names in this article: "Jackson" after "Vincent Jackson" is him, not
    # Jackson, Mississippi (a country or a state keeps its name: "Georgia", "Washington")
    person_words = {w for e in ents if e.label == "PERSON" and " " in e.text.strip()
                    for w in e.text.split() if w[:1].isupper()}
    places: list[Place] = []
    seen: set[tuple[int, int]] = set()
    for s in body:
        toks = [t for t in doc.tokens if s.start <= t.start and t.end <= s.end]
        if not toks:
            continue
        sents_ents = [(e.start, e.end, e.label) for e in ents if s.start <= e.start and e.end <= s.end]
        sp = SentenceParse.build(toks)
        for c in find_candidates(sp, sents_ents, gaz):
            if (c.start, c.end) in seen or c.label == "NORP":
                continue
            name = art.text[c.start:c.end]
            if c.label in _NOT_PLACES:
                continue  # an organisation or a person is not a place ("Hamas" is not Hamm)
            if c.label == "FAC":
                entry = None  # a building, road or airport: not the town of the same name
            elif c.label in _PLACE_LABELS:
                entry = resolve_mention(name, ctx, gaz)
            else:
                # a name NER did not call a place: only a full, well-known gazetteer name
                entry = gaz.resolve(name, ctx)
                if entry is None or (entry.kind == "city" and entry.population < 100_000):
                    continue
            if entry is not None and entry.kind == "city" and name in person_words:
                continue
            seen.add((c.start, c.end))
            entry = qualified(art.text, c.start, c.end, entry, gaz)
            places.append(_make_place(art.id, art.text, c.start, c.end, entry))
    return dataclasses.replace(doc, places=tuple(places))


def event_location(
    tokens: Sequence[Token],
    places: Sequence[Place],
    trigger_start: int,
    trigger_end: int,
    sentence_start: int,
    sentence_end: int,
    dateline_place: Place | None = None,
) -> Place | None:
    """Where the event whose trigger is ``[trigger_start, trigger_end)`` happened, or ``None``.

    Arguments (all offsets are article character offsets):

    * ``tokens``: the article's tokens (at least those of the sentence); only tokens inside
      ``[sentence_start, sentence_end)`` are used.
    * ``places``: the article's Place records from the places stage; a place is eligible
      only if it lies inside the sentence.
    * ``dateline_place``: the place of the article's dateline ("BEIJING, Dec 12 (Reuters) -"),
      if the caller knows it.

    The shipped model scores every place in the sentence for this trigger and the most
    probable one above its threshold is returned (a Place from ``places``, so its id links
    to the stored mention). When the sentence names no place of this event, the dateline
    place is returned only if the sentence names no place at all (reporting from the dateline
    city); a dateline never overrides a place that the sentence gives for the event, so a
    Beijing-datelined report of a visit to Hanoi gives Hanoi.
    """
    toks = [t for t in tokens if sentence_start <= t.start and t.end <= sentence_end]
    in_sent = [p for p in places if sentence_start <= p.start and p.end <= sentence_end]
    if toks and in_sent:
        ents = entities_from_tokens(toks)
        model = load_place_model()
        scored = scored_candidates(toks, ents, trigger_start, trigger_end, gazetteer(), model)
        best: tuple[float, Place] | None = None
        by_cand = {(x.cand.start, x.cand.end): x.prob for x in scored}
        for c in choose(scored, model):
            prob = by_cand[(c.start, c.end)]
            for p in in_sent:
                if p.start < c.end and c.start < p.end and (best is None or prob > best[0]):
                    best = (prob, p)
        if best is not None:
            return best[1]
        return None
    if not in_sent and dateline_place is not None:
        return dateline_place
    return None


def make_stage(**_: Any) -> MapStage:
    """The ``places`` stage: reads article, sentences, tokens, entities; writes places."""
    return MapStage(
        name="places",
        version=VERSION,
        reads=("article", "sentences", "tokens", "entities"),
        writes=("places",),
        fn=places_for_doc,
    )
