"""Place-mention candidates in a sentence and the features that say whether a candidate is
where a given event (its trigger) happened.

Works on :class:`~eventwire.model.Token` records (the parse the nlp stage keeps) plus the
sentence's named entities, so the pipeline stage and the standalone ``locate`` command share
one code path. Everything here is pure and deterministic.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from eventwire.analyze.places_gazetteer import Gazetteer
from eventwire.model import Token

__all__ = [
    "Candidate",
    "SentenceParse",
    "find_candidates",
    "candidate_features",
    "containment",
    "ADMIN_SUFFIXES",
]

# Entity labels that can be (or hide, with the small model's NER errors) a place name.
CAND_LABELS = {"GPE", "LOC", "FAC", "ORG", "PERSON", "NORP", "PRODUCT", "EVENT", "WORK_OF_ART"}
# Generic words after a name that the gold spans leave out ("Hama province" -> "Hama").
ADMIN_SUFFIXES = {
    "province", "provinces", "district", "districts", "governorate", "municipality", "neighbourhood",
    "neighborhood", "city", "town", "village", "area", "region", "county", "countryside",
    "subdistrict", "sub-district", "state", "prefecture", "township", "commune", "suburb",
    "quarter", "outskirts", "locality", "department", "oblast",
}
PLACE_NOUNS = ADMIN_SUFFIXES | {
    "camp", "base", "border", "airport", "capital", "port", "island", "islands", "valley", "river",
    "mountain", "mountains", "road", "highway", "square", "street", "hospital", "school", "market",
    "mosque", "church", "embassy", "checkpoint", "stadium", "bridge", "crossing", "coast", "strait",
}
_PREP_LIKE = {"ADP", "SCONJ"}
_CLAUSE_DEPS = {"ccomp", "advcl", "relcl", "xcomp", "conj", "parataxis", "acl", "pcomp", "csubj"}
_DASHES = {"-", "\u2013", "\u2014", "(", ")", ",", ";", ":", "/", '"', "[", "]"}
_NUM_RE = re.compile(r"^[\d.,]+$")


@dataclass(frozen=True)
class Candidate:
    """A place-name candidate: token range [ts, te) within the sentence's token list."""

    ts: int
    te: int
    start: int  # character offsets (same coordinates as the tokens)
    end: int
    label: str  # NER label, or PROPN / GAZ for candidates found without NER
    suffix: str = ""  # admin noun trimmed off the end ("province"), if any


@dataclass(frozen=True)
class SentenceParse:
    """The tokens of one sentence with their heads as positions in ``tokens`` (-1: outside)."""

    tokens: tuple[Token, ...]
    heads: tuple[int, ...]

    @classmethod
    def build(cls, tokens: Sequence[Token]) -> SentenceParse:
        pos = {t.i: k for k, t in enumerate(tokens)}
        heads = tuple(pos.get(t.head, -1) if t.head != t.i else -1 for t in tokens)
        return cls(tuple(tokens), heads)

    def ancestors(self, k: int) -> list[int]:
        out = []
        seen = {k}
        h = self.heads[k]
        while h >= 0 and h not in seen:
            out.append(h)
            seen.add(h)
            h = self.heads[h]
        return out

    def span_head(self, ts: int, te: int) -> int:
        for k in range(ts, te):
            h = self.heads[k]
            if h < ts or h >= te:
                return k
        return te - 1


def _trim(sp: SentenceParse, ts: int, te: int, gaz: Gazetteer | None = None) -> tuple[int, int, str]:
    toks = sp.tokens
    # cut at a detached dash, bracket or comma ("Latakia - 2", "Palmyra (Tadmur")
    for k in range(ts + 1, te):
        t = toks[k]
        if t.text in _DASHES and (t.text != "-" or t.start > toks[k - 1].end):
            te = k
            break
    while ts < te and toks[ts].text.lower() in ("the", "a", "an"):
        ts += 1
    while te > ts and (toks[te - 1].text in ("'s", "\u2019s", "'", "\u2019", ".", ",") or toks[te - 1].tag == "POS"):
        te -= 1
    suffix = ""
    # "Idlib province", "Hue city": the name and its kind; but "Kansas City", "Mexico City",
    # "Gaza City" are names of their own (the gazetteer knows the whole as a city's name;
    # places.resolve_mention falls back to the name without "City" when the whole alone does
    # not resolve)
    if te - ts >= 2 and toks[te - 1].text.lower() in ADMIN_SUFFIXES \
            and not (gaz is not None and toks[te - 1].text[:1].isupper()
                     and any(e.kind == "city" for e in gaz.lookup(" ".join(t.text for t in toks[ts:te])))):
        suffix = toks[te - 1].text.lower()
        te -= 1
    while te > ts and (_NUM_RE.match(toks[te - 1].text) and te - ts > 1):
        te -= 1
    return ts, te, suffix


def find_candidates(
    sp: SentenceParse, entities: Sequence[tuple[int, int, str]], gaz: Gazetteer
) -> list[Candidate]:
    """Candidates from NER entities (char spans with labels), proper-noun runs and gazetteer hits."""
    toks = sp.tokens
    n = len(toks)
    used = [False] * n
    raw: list[tuple[int, int, str]] = []
    for s, e, label in sorted(entities):
        if label not in CAND_LABELS:
            continue
        ks = [k for k in range(n) if toks[k].start < e and s < toks[k].end]
        if not ks:
            continue
        raw.append((ks[0], ks[-1] + 1, label))
        for k in ks:
            used[k] = True
    k = 0
    while k < n:
        if not used[k] and toks[k].pos == "PROPN" and toks[k].text[:1].isupper():
            j = k
            while j + 1 < n and not used[j + 1] and (
                toks[j + 1].pos == "PROPN" or (toks[j + 1].text == "-" and j + 2 < n and toks[j + 2].pos == "PROPN")
            ):
                j += 1
            raw.append((k, j + 1, "PROPN"))
            for m in range(k, j + 1):
                used[m] = True
            k = j + 1
            continue
        if not used[k] and toks[k].text[:1].isupper() and len(toks[k].text) > 2 and gaz.has(toks[k].text):
            raw.append((k, k + 1, "GAZ"))
            used[k] = True
        k += 1
    out = []
    for ts, te, label in raw:
        ts2, te2, suffix = _trim(sp, ts, te, gaz)
        if te2 <= ts2:
            continue
        if not any(ch.isalpha() for ch in toks[ts2].text):
            continue
        out.append(Candidate(ts2, te2, toks[ts2].start, toks[te2 - 1].end, label, suffix))
    return out


_CONTAINER_PREPS = {"in", "of", "near", "outside", "inside", "at"}
_FILLERS = {
    "the", "central", "eastern", "western", "northern", "southern", "northeastern", "northwestern",
    "southeastern", "southwestern", "north", "south", "east", "west", "nearby", "downtown", "rural",
    "greater", "old", "capital", "city", "town", "province", "district", "area", "region", "village",
    "county", "state", "governorate", "countryside", "outskirts", "suburbs", "neighbouring",
}
_PLACE_LABELS = {"GPE", "LOC", "FAC", "GAZ"}


def _place_like(c: Candidate, gaz: Gazetteer, sp: SentenceParse) -> bool:
    if c.label in _PLACE_LABELS or c.suffix:
        return True
    return gaz.has(" ".join(t.text for t in sp.tokens[c.ts:c.te]))


def containment(sp: SentenceParse, cands: Sequence[Candidate], gaz: Gazetteer) -> set[tuple[int, int]]:
    """Pairs (i, j): place candidate i names an area that contains place candidate j, from
    the surface pattern "<j> [place noun] in|of|near [the] [central|eastern|...] <i>" ("al-Tijara
    neighbourhood in central Damascus", "the Thantho district of Yala province") or
    "<j>, <i>" where i is a country or region ("Mauthausen, Austria"), or "<i>'s ... <j>"."""
    toks = sp.tokens
    place = [_place_like(c, gaz, sp) for c in cands]
    out: set[tuple[int, int]] = set()
    order = sorted(range(len(cands)), key=lambda k: cands[k].ts)
    for a_pos in range(len(order) - 1):
        j, i = order[a_pos], order[a_pos + 1]
        if not place[i] or cands[j].label == "NORP":
            continue
        between = [t.text.lower() for t in toks[cands[j].te:cands[i].ts] if t.text.strip()]
        if cands[j].suffix and between and between[0] == cands[j].suffix:
            between = between[1:]
        words = [w for w in between if w not in _FILLERS]
        if words and words[0] in PLACE_NOUNS:
            words = words[1:]
        if len(words) == 1 and words[0] in _CONTAINER_PREPS:
            out.add((i, j))
        elif place[j] and words == [","] and gaz.kinds(" ".join(t.text for t in toks[cands[i].ts:cands[i].te])) & {
            "country", "admin1", "region"}:
            out.add((i, j))
        elif place[j] and cands[j].label in ("GPE", "LOC") and (
            between[:1] in (["'s"], ["\u2019s"]) and len(between) <= 4
        ):
            out.add((j, i))
    return out


def _bucket(x: int, edges: Sequence[int]) -> str:
    for e in edges:
        if x <= e:
            return f"<={e}"
    return f">{edges[-1]}"


def _gaz_kind(gaz: Gazetteer, text: str) -> tuple[str, str]:
    entries = gaz.lookup(text)
    if not entries:
        return "none", "none"
    kinds = {e.kind for e in entries}
    best = "country" if "country" in kinds else "admin1" if "admin1" in kinds else (
        "region" if "region" in kinds else "city")
    pop = max((e.population for e in entries if e.kind == "city"), default=0)
    return best, ("big" if pop >= 1_000_000 else "mid" if pop >= 100_000 else "small" if pop else "none")


def candidate_features(
    sp: SentenceParse,
    cands: Sequence[Candidate],
    ci: int,
    trig_ts: int,
    trig_te: int,
    gaz: Gazetteer,
) -> dict[str, float]:
    """Binary/real features of candidate ``cands[ci]`` for the trigger tokens [trig_ts, trig_te)."""
    toks = sp.tokens
    c = cands[ci]
    text = " ".join(t.text for t in toks[c.ts:c.te]).replace(" - ", "-")
    f: dict[str, float] = {"bias": 1.0}
    f[f"lab={c.label}"] = 1.0
    gk, gp = _gaz_kind(gaz, toks[c.ts].text if c.te - c.ts == 1 else text)
    if gk == "none":
        gk2, gp2 = _gaz_kind(gaz, " ".join(t.text for t in toks[c.ts:c.te]))
        gk, gp = gk2, gp2
    f[f"gaz={gk}"] = 1.0
    f[f"gazpop={gp}"] = 1.0
    f[f"lab={c.label}|gaz={gk}"] = 1.0
    if c.suffix:
        f["suffix"] = 1.0
    ch = sp.span_head(c.ts, c.te)
    tr = sp.span_head(trig_ts, trig_te) if trig_te > trig_ts else trig_ts
    htok = toks[ch]
    f[f"dep={htok.dep}"] = 1.0
    nxt = toks[c.te] if c.te < len(toks) else None
    prv = toks[c.ts - 1] if c.ts > 0 else None
    if nxt is not None:
        nl = nxt.text.lower()
        if nl in PLACE_NOUNS:
            f["next_placenoun"] = 1.0
        if nxt.tag == "POS":
            f["possessive"] = 1.0
        if nl in (",", "(") and c.ts == 0:
            f["dateline_like"] = 1.0
    if c.ts == 0:
        f["sent_initial"] = 1.0
    if text.isupper() and len(text) > 3:
        f["allcaps"] = 1.0
    if prv is not None and prv.text.lower() == "of" and c.ts >= 2 and toks[c.ts - 2].text.lower() in PLACE_NOUNS:
        f["x_of_cand"] = 1.0
    # governing preposition: cand head -> pobj of ADP, or compound/amod chain up to a pobj
    k = ch
    for _ in range(3):
        if toks[k].dep in ("compound", "amod", "nmod", "poss", "appos") and sp.heads[k] >= 0:
            k = sp.heads[k]
        else:
            break
    gov = k
    prep = ""
    prep_head = -1
    h = sp.heads[gov]
    if toks[gov].dep == "pobj" and h >= 0 and toks[h].pos in _PREP_LIKE:
        prep = toks[h].text.lower()
        prep_head = sp.heads[h]
    f[f"prep={prep or 'none'}"] = 1.0
    f[f"prep={prep or 'none'}|lab={c.label}"] = 1.0
    f[f"prep={prep or 'none'}|gaz={gk}"] = 1.0
    if gov != ch:
        f[f"modifies={toks[ch].dep}"] = 1.0
        f[f"modifies_noun={toks[gov].text.lower() in PLACE_NOUNS}"] = 1.0
    # containers: the preposition attaches to another candidate (or its head noun)
    other_tokens: dict[int, int] = {}
    for j, o in enumerate(cands):
        if j != ci:
            for m in range(o.ts, o.te):
                other_tokens[m] = j
            oh = sp.span_head(o.ts, o.te)
            hh = sp.heads[oh]
            if hh >= 0 and toks[oh].dep in ("compound", "amod", "nmod") and hh not in other_tokens:
                other_tokens.setdefault(hh, j)
    if prep_head >= 0 and prep_head in other_tokens:
        f["container_of_other"] = 1.0
        f[f"container_of_other|prep={prep}"] = 1.0
    # is some other candidate governed by a preposition attached to this one?
    for j, o in enumerate(cands):
        if j == ci:
            continue
        oh = sp.span_head(o.ts, o.te)
        hh = sp.heads[oh]
        if toks[oh].dep == "pobj" and hh >= 0:
            ph = sp.heads[hh]
            if ph >= 0 and (c.ts <= ph < c.te or ph == gov):
                f["has_contained"] = 1.0
                f[f"has_contained|prep={toks[hh].text.lower()}"] = 1.0
    # dependency path from trigger to candidate
    anc_t = [tr] + sp.ancestors(tr)
    anc_c = [ch] + sp.ancestors(ch)
    set_t = {a: i for i, a in enumerate(anc_t)}
    lca = next((a for a in anc_c if a in set_t), None)
    if lca is None:
        f["path=none"] = 1.0
        up = down = 9
        up_deps: list[str] = []
        down_deps: list[str] = []
    else:
        up = set_t[lca]
        down = anc_c.index(lca)
        up_deps = [toks[a].dep for a in anc_t[:up]]
        down_deps = [toks[a].dep for a in reversed(anc_c[:down])]
        path = "^" + "^".join(up_deps) + "|v" + "v".join(down_deps)
        if up + down <= 4:
            f[f"path={path}"] = 1.0
        f[f"up={min(up, 4)}"] = 1.0
        f[f"down={min(down, 5)}"] = 1.0
        f[f"updown={min(up, 3)},{min(down, 4)}"] = 1.0
        if up == 0:
            f["trigger_dominates"] = 1.0
            f[f"trigger_dominates|prep={prep or 'none'}"] = 1.0
            if down_deps:
                f[f"first_down={down_deps[0]}"] = 1.0
                f[f"first_down={down_deps[0]}|prep={prep or 'none'}"] = 1.0
        if down == 0:
            f["cand_dominates"] = 1.0
        clause_up = sum(1 for d in up_deps if d in _CLAUSE_DEPS)
        clause_down = sum(1 for d in down_deps if d in _CLAUSE_DEPS)
        f[f"clauses_up={min(clause_up, 2)}"] = 1.0
        f[f"clauses_down={min(clause_down, 2)}"] = 1.0
        f[f"clauses={min(clause_up + clause_down, 3)}|prep={prep or 'none'}"] = 1.0
        verbs_between = sum(1 for a in anc_c[1:down] if toks[a].pos in ("VERB", "AUX"))
        f[f"verbs_down={min(verbs_between, 2)}"] = 1.0
    dist = c.ts - trig_te if c.ts >= trig_te else trig_ts - c.te
    after = c.ts >= trig_te
    f[f"side={'after' if after else 'before'}"] = 1.0
    f[f"dist={_bucket(dist, (0, 1, 2, 3, 5, 8, 12, 20))}"] = 1.0
    f[f"side={'after' if after else 'before'}|prep={prep or 'none'}"] = 1.0
    f[f"dep={htok.dep}|side={'after' if after else 'before'}|gaz={gk}"] = 1.0
    f[f"ncands={min(len(cands), 5)}"] = 1.0
    # rank by distance among candidates, and candidates in between
    dists = []
    between = 0
    for j, o in enumerate(cands):
        d = o.ts - trig_te if o.ts >= trig_te else trig_ts - o.te
        dists.append(abs(d))
        if j != ci and ((after and trig_te <= o.ts < c.ts) or (not after and c.te <= o.ts < trig_ts)):
            between += 1
    rank = sorted(dists).index(abs(dist))
    f[f"rank={min(rank, 3)}"] = 1.0
    f[f"between={min(between, 3)}"] = 1.0
    # nearest candidate with the same preposition? first place candidate after trigger?
    same_side_place = [
        j for j, o in enumerate(cands)
        if j != ci and ((o.ts >= trig_te) == after) and abs(dists[j]) < abs(dist)
    ]
    if not same_side_place:
        f["closest_on_side"] = 1.0
        f[f"closest_on_side|prep={prep or 'none'}"] = 1.0
    return f
