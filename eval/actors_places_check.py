"""Precision check of actors and places on real news (ECB+), one command::

    .venv/bin/python eval/actors_places_check.py [--src DIR] [--out FILE] [--sample-out FILE]

1. Runs the nlp, actors and places stages over the ECB+ **train** documents
   (``../shared/data/ecbplus/ecbplus-train.jsonl``, 575 real news texts) and counts
   suspicious resolutions that need no gold to spot:

   * ``place_from_org_person``: a Place whose span is (inside) an ORG or PERSON entity
     ("Hamas" resolved to Hamm);
   * ``place_alternate_name_no_evidence``: a Place found only through a GeoNames alternate
     name (not the entry's own name) whose country the article does not name ("Yida" →
     Jeddah);
   * ``person_short_link_no_antecedent``: a mention linked to a dictionary person before
     any mention of that person gave two name words ending in the person's surname, and
     before the full name appears in the article ("Blackmore" → a Dominican politician);
   * ``bad_country_code``: actor or place country codes that are neither ISO 3166-1
     alpha-3 (plus XKX, Kosovo) nor a CAMEO/PLOVER non-state code (IGO, NGO, MNC, IMG);
   * ``subnational_wrong_country``: a person mention whose phrase names a first-level
     subdivision (ISO 3166-2, two words or more, e.g. "British Columbia") but is coded with
     another country.

2. Draws a seeded random sample of 40 actor resolutions and 40 place resolutions (those
   with a country) from the ECB+ **dev** documents (random by a hash of the span, so that
   two versions share the spans both resolve) and scores them with the hand labels in
   ``eval/actors_places_judged.jsonl`` (one line per judged resolution, keyed by document,
   span and the resolution given; a resolution judged once keeps its label). ``correct``:
   the span is an actor (a place) and nothing the resolution states is wrong (identity,
   country, role; for places the gazetteer entry); ``country``: right / wrong / none (no
   code given). Unjudged sample items are listed so that a coder can add them; they do not
   count.

``--src DIR`` runs another source tree (e.g. an older checkout's ``src``) for a
before/after comparison. Parsed documents are cached in ``eval/.cache/`` (the nlp stage
dominates the run time). Reads ``../shared`` (evaluation only).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import pickle
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
ECB = SHARED / "data" / "ecbplus"
JUDGED = ROOT / "eval" / "actors_places_judged.jsonl"
CACHE = ROOT / "eval" / ".cache"
SAMPLE_N = 40
SEED = 10


def _load_docs(split: str) -> list[Any]:
    from eventwire.analyze import nlp
    from eventwire.model import AnalyzedDoc, Article

    path = ECB / f"ecbplus-{split}.jsonl"
    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    key = hashlib.sha1(path.read_bytes() + str(getattr(nlp, "VERSION", "")).encode()).hexdigest()[:12]
    cache = CACHE / f"ecb-{split}-{key}.pkl"
    if cache.exists():
        with cache.open("rb") as f:
            return list(pickle.load(f))
    arts = [AnalyzedDoc(article=Article(id=r["doc_id"], text=r["text"], source="ecbplus", fmt="text"))
            for r in rows]
    docs = nlp.make_stage()(arts)
    CACHE.mkdir(parents=True, exist_ok=True)
    with cache.open("wb") as f:
        pickle.dump(docs, f)
    return docs


def _run(docs: list[Any]) -> list[Any]:
    from eventwire.analyze import actors, places

    return places.make_stage()(actors.make_stage()(docs))


def _valid_codes() -> frozenset[str]:
    import pycountry

    return frozenset({c.alpha_3 for c in pycountry.countries} | {"XKX", "IGO", "NGO", "MNC", "IMG"})


def _subdivisions() -> dict[str, str]:
    """First-level ISO 3166-2 subdivision names (unambiguous, two words or more) → ISO3."""
    import pycountry

    names: dict[str, set[str]] = {}
    for s in pycountry.subdivisions:
        if s.parent_code is None and " " in s.name:
            names.setdefault(s.name, set()).add(pycountry.countries.get(alpha_2=s.country_code).alpha_3)
    return {n: next(iter(c)) for n, c in names.items() if len(c) == 1}


def _norm(s: str) -> str:
    return re.sub(r"[^a-z0-9 ]", "", re.sub(r"[-\s]+", " ", s.lower())).strip()


def _suspicious(docs: list[Any]) -> dict[str, Any]:
    from eventwire.analyze.actors_dict import load_dictionary
    from eventwire.analyze.countries import normalize
    from eventwire.analyze.places_gazetteer import gazetteer, normalize_name

    gaz = gazetteer()
    title_words = load_dictionary().agent_words | {"MR", "MRS", "MS", "DR", "THE", "FORMER"}
    valid = _valid_codes()
    subdiv = _subdivisions()
    sub_re = re.compile(r"\b(" + "|".join(re.escape(n) for n in sorted(subdiv, key=len, reverse=True)) + r")\b")
    counts: Counter[str] = Counter()
    examples: dict[str, list[str]] = {}

    def flag(kind: str, ex: str) -> None:
        counts[kind] += 1
        lst = examples.setdefault(kind, [])
        if len(lst) < 12:
            lst.append(ex)

    for d in docs:
        text = d.article.text
        counts["docs"] += 1
        ents = [(e.start, e.end, e.label) for e in d.entities]
        ctx = {e.country for e in d.places if e.country and gaz.country(e.country) is not None
               and normalize_name(e.text) in {normalize_name(x.name) for x in gaz.lookup(e.text) if x.kind == "country"}}
        for p in d.places:
            counts["places"] += 1
            if any(s <= p.start and p.end <= e and lab in ("ORG", "PERSON") for s, e, lab in ents):
                flag("place_from_org_person", f"{d.article.id}: {p.text!r} -> {p.name} ({p.country})")
            if p.geonameid is not None and normalize_name(p.text) != normalize_name(p.name) \
                    and p.country not in ctx and normalize_name(p.text) not in {normalize_name(p.name)}:
                entries = [e for e in gaz.lookup(p.text) if e.geonameid == p.geonameid]
                if entries and all(normalize_name(e.name) != normalize_name(p.text) for e in entries) \
                        and entries[0].kind == "city":
                    flag("place_alternate_name_no_evidence", f"{d.article.id}: {p.text!r} -> {p.name} ({p.country})")
            if p.country and p.country not in valid:
                flag("bad_country_code", f"{d.article.id}: place {p.text!r} -> {p.country}")
        names = {a.id: a for a in d.actors}
        named_fully: set[str] = set()  # actors already named with two or more name words
        for m in d.actor_mentions:
            a0 = names.get(m.actor_id)
            if a0 is not None and a0.type == "person":
                words = [w for w in re.findall(r"[A-Z][\w'.-]*", m.text) if normalize(w) not in title_words]
                last = _norm(a0.name).split()[-1:] if a0.name else []
                if len(words) >= 2 and last and _norm(words[-1]) == last[0]:
                    named_fully.add(m.actor_id)
            counts["actor_mentions"] += 1
            if m.country and m.country not in valid:
                flag("bad_country_code", f"{d.article.id}: actor {m.text!r} -> {m.country}")
            a = names.get(m.actor_id)
            if a is not None and a.type == "person" and "dictionary" in (a.attrs.get("method") or "") or (
                    a is not None and a.type == "person" and m.method.startswith(("dictionary", "text+dictionary"))):
                full = _norm(a.name)
                if len(full.split()) >= 2 and m.actor_id not in named_fully and full not in _norm(text[: m.start]):
                    flag("person_short_link_no_antecedent", f"{d.article.id}: {m.text!r} -> {a.name} ({m.country})")
            for sm in sub_re.finditer(m.text if a is not None and a.type == "person" else ""):
                want = subdiv[sm.group(1)]
                if m.country and m.country != want and m.country != "IGO":
                    flag("subnational_wrong_country", f"{d.article.id}: {m.text!r} -> {m.country} (want {want})")
    return {"counts": dict(counts), "examples": examples}


def _context(text: str, start: int, end: int, width: int = 90) -> str:
    a = max(0, start - width)
    b = min(len(text), end + width)
    return (text[a:start] + "[[" + text[start:end] + "]]" + text[end:b]).replace("\n", " ")


def _items(docs: list[Any]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    acts: list[dict[str, Any]] = []
    plcs: list[dict[str, Any]] = []
    for d in docs:
        text = d.article.text
        by_id = {a.id: a for a in d.actors}
        for m in d.actor_mentions:
            a = by_id.get(m.actor_id)
            acts.append({
                "kind": "actor", "doc": d.article.id, "start": m.start, "end": m.end, "text": m.text,
                "resolved": {"name": a.name if a else None, "type": a.type if a else None,
                             "country": m.country, "role": m.role},
                "method": m.method, "context": _context(text, m.start, m.end),
            })
        for p in d.places:
            if p.country is None:
                continue  # a place name left unresolved is not a resolution
            plcs.append({
                "kind": "place", "doc": d.article.id, "start": p.start, "end": p.end, "text": p.text,
                "resolved": {"name": p.name, "country": p.country, "geonameid": p.geonameid},
                "context": _context(text, p.start, p.end),
            })
    return _hash_sample(acts), _hash_sample(plcs)


def _hash_sample(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A seeded random sample keyed on the span (document, offsets), not on the resolution:
    two versions of the system that both resolve a span put it in their samples alike, so
    before/after differences come from the resolutions, not from drawing other spans."""
    def rank(it: dict[str, Any]) -> str:
        return hashlib.sha1(f"{SEED}|{it['doc']}|{it['start']}|{it['end']}".encode()).hexdigest()

    return sorted(items, key=rank)[:SAMPLE_N]


def item_key(it: dict[str, Any]) -> str:
    r = it["resolved"]
    if it["kind"] == "actor":
        sig = f"{r['name']}|{r['country']}|{r['role']}"
    else:
        sig = f"{r['name']}|{r['country']}|{r['geonameid']}"
    return f"{it['kind']}|{it['doc']}|{it['start']}|{it['end']}|{sig}"


def _load_judged() -> dict[str, dict[str, Any]]:
    if not JUDGED.exists():
        return {}
    out = {}
    for line in JUDGED.open(encoding="utf-8"):
        if line.strip():
            j = json.loads(line)
            out[j["key"]] = j
    return out


def _precision(sample: list[dict[str, Any]],
               judged: dict[str, dict[str, Any]]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Share of judged resolutions that are right (``correct``: an actor/a place, and nothing
    it states is wrong), and precision of the country codes given (``country``: right,
    wrong, or none when no code is given)."""
    ok = n = c_right = c_wrong = 0
    missing = []
    for it in sample:
        j = judged.get(item_key(it))
        if j is None:
            missing.append(it)
            continue
        n += 1
        ok += bool(j["correct"])
        c_right += j["country"] == "right"
        c_wrong += j["country"] == "wrong"
    return {
        "judged": n,
        "precision": round(ok / n, 3) if n else None,
        "country_codes_given": c_right + c_wrong,
        "country_precision": round(c_right / (c_right + c_wrong), 3) if c_right + c_wrong else None,
        "unjudged": len(missing),
    }, missing


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--src", type=Path, default=ROOT / "src", help="source tree to run (default: this one)")
    ap.add_argument("--out", type=Path, help="write the JSON report here too")
    ap.add_argument("--sample-out", type=Path, help="write the unjudged sample items here (JSONL)")
    ap.add_argument("--skip-train", action="store_true", help="only the dev sample")
    args = ap.parse_args()
    sys.path.insert(0, str(args.src.resolve()))
    if not ECB.exists():
        sys.stderr.write(f"no ECB+ data at {ECB}\n")
        raise SystemExit(2)
    import eventwire

    res: dict[str, Any] = {"src": str(Path(eventwire.__file__).parent)}
    if not args.skip_train:
        res["train_suspicious"] = _suspicious(_run(_load_docs("train")))
    dev = _run(_load_docs("dev"))
    res["dev_suspicious"] = _suspicious(dev)["counts"]
    acts, plcs = _items(dev)
    judged = _load_judged()
    pa, ma = _precision(acts, judged)
    pp, mp = _precision(plcs, judged)
    res["dev_sample_actors"] = pa
    res["dev_sample_places"] = pp
    if args.sample_out:
        with args.sample_out.open("w", encoding="utf-8") as f:
            for it in ma + mp:
                f.write(json.dumps({"key": item_key(it), **it}, ensure_ascii=False) + "\n")
    out = json.dumps(res, indent=1, ensure_ascii=False)
    if args.out:
        args.out.write_text(out + "\n", encoding="utf-8")
    sys.stdout.write(out + "\n")


if __name__ == "__main__":
    main()
