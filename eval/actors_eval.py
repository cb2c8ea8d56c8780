"""Evaluate actor resolution; one command::

    .venv/bin/python eval/actors_eval.py [--speed-docs 60] [--json out.json]

1. **Phrase coding** (``code_actor_phrase``) on the actor texts of the PLOVER GSR part of
   ``../shared/data/events/gold-dev.jsonl`` (``source_actors``/``target_actors`` with
   ``text``, ``country``, ``sector``): precision/recall of country and of role (sector),
   and accuracy of the full CAMEO-style code (country + role, a missing role must be
   missing). Beside it the naive baseline: a pycountry name/official-name look-up.
2. **Stage mentions**: the same sentences through nlp + actors stages; each gold actor is
   matched to the predicted mention overlapping its text; same figures. PETR2 records
   (codes without text) are scored per sentence: is each gold (country, role) code among
   the codes of the sentence's mentions?
3. **Canonical-id linking** on the seeds (``eval/actors_gold.jsonl``: surface forms →
   gold entity, all whole-word occurrences): pairwise precision/recall of "same actor id",
   within and across the two articles, beside a same-surface-string baseline; plus the
   seed check-list of the issue.
4. **Speed**: per-article cost of the actors stage relative to spaCy NER (the nlp stage)
   on ECB+ dev texts.

Reads ``../shared`` (evaluation only; the product never does).
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
GOLD = SHARED / "data" / "events" / "gold-dev.jsonl"
ECB = SHARED / "data" / "ecbplus" / "ecbplus-dev.jsonl"
SEEDS = ROOT / "examples" / "seeds"
LINK_GOLD = ROOT / "eval" / "actors_gold.jsonl"

sys.path.insert(0, str(ROOT / "src"))

from eventwire.analyze import actors, nlp  # noqa: E402
from eventwire.analyze.actors import code_actor_phrase  # noqa: E402
from eventwire.analyze.pipeline import Pipeline  # noqa: E402
from eventwire.model import AnalyzedDoc, Article  # noqa: E402

Pred = tuple[str | None, str | None]  # (country, role)


def _pycountry_baseline(text: str) -> Pred:
    import pycountry

    t = text.lower()
    best: tuple[int, str] | None = None
    for c in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            v = getattr(c, attr, None)
            if v and re.search(r"\b" + re.escape(v.lower()) + r"\b", t):
                if best is None or len(v) > best[0]:
                    best = (len(v), c.alpha_3)
    return (best[1] if best else None, None)


def _ours(text: str, date: str | None) -> Pred:
    c = code_actor_phrase(text, date)
    return (c.country, c.role) if c else (None, None)


class Scores:
    def __init__(self) -> None:
        self.n = 0
        self.c_pred = self.c_ok = self.c_gold = 0
        self.r_pred = self.r_ok = self.r_gold = 0
        self.code_ok = 0

    def add(self, gold: Pred, pred: Pred) -> None:
        self.n += 1
        gc, gr = gold
        pc, pr = pred
        if gc:
            self.c_gold += 1
        if pc:
            self.c_pred += 1
            if pc == gc:
                self.c_ok += 1
        if gr:
            self.r_gold += 1
        if pr:
            self.r_pred += 1
            if pr == gr:
                self.r_ok += 1
        if (gc or None, gr or None) == (pc or None, pr or None):
            self.code_ok += 1

    def report(self) -> dict[str, float]:
        def div(a: int, b: int) -> float:
            return round(a / b, 3) if b else 0.0

        cp, cr = div(self.c_ok, self.c_pred), div(self.c_ok, self.c_gold)
        rp, rr = div(self.r_ok, self.r_pred), div(self.r_ok, self.r_gold)
        return {
            "n": self.n,
            "country_P": cp, "country_R": cr, "country_F1": round(2 * cp * cr / (cp + cr), 3) if cp + cr else 0.0,
            "role_P": rp, "role_R": rr, "role_F1": round(2 * rp * rr / (rp + rr), 3) if rp + rr else 0.0,
            "code_acc": div(self.code_ok, self.n),
        }


def load_gold() -> list[dict[str, Any]]:
    return [json.loads(line) for line in GOLD.open(encoding="utf-8")]


def gold_text_actors(rec: dict[str, Any]) -> list[dict[str, Any]]:
    seen: set[tuple[str, str | None, str | None]] = set()
    out = []
    for e in rec["events"]:
        for a in (e.get("source_actors") or []) + (e.get("target_actors") or []):
            if not a.get("text") or "country" not in a:
                continue
            sector = a.get("sector")
            sector = sector[:3].upper() if sector else None
            key = (a["text"], a.get("country"), sector)
            if key in seen:
                continue
            seen.add(key)
            out.append({"text": a["text"], "country": a.get("country"), "role": sector})
    return out


def eval_phrases(gold: list[dict[str, Any]]) -> dict[str, Any]:
    ours, base = Scores(), Scores()
    errors = []
    for rec in gold:
        for a in gold_text_actors(rec):
            g = (a["country"], a["role"])
            p = _ours(a["text"], rec.get("date"))
            ours.add(g, p)
            base.add(g, _pycountry_baseline(a["text"]))
            if p != g:
                errors.append((a["text"], g, p))
    return {"ours": ours.report(), "baseline_pycountry": base.report(), "errors_sample": errors[:25]}


def _run_stage(articles: list[Article]) -> list[AnalyzedDoc]:
    return Pipeline([nlp.make_stage(), actors.make_stage()])(articles)


def eval_stage(gold: list[dict[str, Any]]) -> dict[str, Any]:
    arts = [
        Article(id=r["id"], text=r["text"], source="gold-dev", fmt="text", published=r.get("date")) for r in gold
    ]
    docs = {d.article.id: d for d in _run_stage(arts)}
    ours, base = Scores(), Scores()
    petr_found = petr_total = petr_pred = petr_pred_ok = 0
    for rec in gold:
        d = docs[rec["id"]]
        text = rec["text"]
        if rec["source"] == "PLOVER_GSR_CAMEO":
            for a in gold_text_actors(rec):
                i = text.find(a["text"])
                g = (a["country"], a["role"])
                if i < 0:
                    continue
                j = i + len(a["text"])
                best = None
                for m in d.actor_mentions:
                    ov = min(j, m.end) - max(i, m.start)
                    if ov > 0 and (best is None or ov > best[0]):
                        best = (ov, m)
                p: Pred = (best[1].country, best[1].role) if best else (None, None)
                ours.add(g, p)
                base.add(g, _pycountry_baseline(a["text"]))
        else:
            gold_codes = set()
            for e in rec["events"]:
                for a in (e.get("source_actors") or []) + (e.get("target_actors") or []):
                    c = a.get("country")
                    if c and c != "---":
                        roles = a.get("roles") or []
                        gold_codes.add((c, roles[0] if roles else None))
            pred_codes = {(m.country, m.role) for m in d.actor_mentions if m.country}
            for gc in gold_codes:
                petr_total += 1
                if gc in pred_codes or (gc[1] is None and any(pc[0] == gc[0] for pc in pred_codes)):
                    petr_found += 1
            petr_pred += len(pred_codes)
            petr_pred_ok += sum(1 for pc in pred_codes if pc in gold_codes or (pc[0], None) in gold_codes)
    return {
        "plover_mentions": {"ours": ours.report(), "baseline_pycountry": base.report()},
        "petr2_sentence_codes": {
            "gold_codes": petr_total,
            "recall": round(petr_found / petr_total, 3) if petr_total else 0.0,
            "predicted_codes": petr_pred,
            "precision": round(petr_pred_ok / petr_pred, 3) if petr_pred else 0.0,
        },
    }


def _seed_articles() -> list[Article]:
    return [
        Article(id=p.stem, text=p.read_text(encoding="utf-8"), source=str(p), fmt="text", published="2023-12-07")
        for p in sorted(SEEDS.glob("*.txt"))
    ]


def eval_linking(docs: list[AnalyzedDoc]) -> dict[str, Any]:
    by_id = {d.article.id: d for d in docs}
    occ: list[tuple[str, str, str | None, str]] = []  # (gold entity, surface, predicted id, article)
    for line in LINK_GOLD.open(encoding="utf-8"):
        g = json.loads(line)
        d = by_id[g["article"]]
        for m in re.finditer(r"(?<!\w)" + re.escape(g["text"]) + r"(?!\w)", d.article.text):
            best = None
            for am in d.actor_mentions:
                if am.start <= m.start() and m.end() <= am.end:
                    if best is None or am.end - am.start < best.end - best.start:
                        best = am
            occ.append((g["entity"], g["text"], best.actor_id if best else None, g["article"]))

    def pairwise(pred_of: Callable[[tuple[str, str, str | None, str]], str | None]) -> dict[str, float]:
        tp = fp = fn = 0
        for a, b in itertools.combinations(occ, 2):
            gsame = a[0] == b[0]
            pa, pb = pred_of(a), pred_of(b)
            psame = pa is not None and pa == pb
            tp += gsame and psame
            fp += (not gsame) and psame
            fn += gsame and not psame
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        return {"P": round(p, 3), "R": round(r, 3), "F1": round(2 * p * r / (p + r), 3) if p + r else 0.0}

    cross = [o for o in occ]
    return {
        "occurrences": len(cross),
        "ours": pairwise(lambda o: o[2]),
        "baseline_same_string": pairwise(lambda o: o[1].lower()),
        "unmatched": sorted({(o[3][:3], o[1]) for o in occ if o[2] is None}),
    }


def seed_checklist(docs: list[AnalyzedDoc]) -> dict[str, bool]:
    acts = [a for d in docs for a in d.actors]

    def has(name: str, country: str, role: str) -> bool:
        return any(a.name == name and a.country == country and a.role == role for a in acts)

    xi_ids = [{a.id for a in d.actors if a.name == "Xi Jinping"} for d in docs]
    countries = {a.country for a in acts if a.type == "country"}
    out = {
        "Xi Jinping CHN GOV President": any(a.name == "Xi Jinping" and a.office == "President" for a in acts)
        and has("Xi Jinping", "CHN", "GOV"),
        "Wang Wenbin CHN GOV spokesperson": has("Wang Wenbin", "CHN", "GOV"),
        "Nguyen Phu Trong VNM PTY general secretary": has("Nguyen Phu Trong", "VNM", "PTY"),
        "Vo Van Thuong VNM GOV state president": any(
            a.name == "Vo Van Thuong" and a.office == "State President" for a in acts
        ),
        "Pham Minh Chinh VNM GOV prime minister": has("Pham Minh Chinh", "VNM", "GOV"),
        "Vuong Dinh Hue VNM LEG NA chairman": has("Vuong Dinh Hue", "VNM", "LEG"),
        "Communist Party of Vietnam VNM PTY": has("Communist Party of Vietnam", "VNM", "PTY"),
        "Chinese foreign ministry CHN GOV": any(
            a.country == "CHN" and a.role == "GOV" and "foreign ministry" in a.name.lower() for a in acts
        ),
        "countries CHN VNM USA RUS IND KOR JPN": {"CHN", "VNM", "USA", "RUS", "IND", "KOR", "JPN"} <= countries,
        "same Xi id in both seeds": len(xi_ids) == 2 and bool(xi_ids[0]) and xi_ids[0] == xi_ids[1],
    }
    return out


def eval_speed(n_docs: int) -> dict[str, Any]:
    rows = [json.loads(line) for line in itertools.islice(ECB.open(encoding="utf-8"), n_docs)]
    arts = [AnalyzedDoc(article=Article(id=r["doc_id"], text=r["text"], source="ecb", fmt="text")) for r in rows]
    import subprocess

    from eventwire.analyze.actors_dict import load_dictionary
    from eventwire.analyze.countries import resolve_country

    # one-off cost of loading the lexicon and dictionary, in a fresh process
    load_s = float(subprocess.run(
        [sys.executable, "-c", "import time; t=time.perf_counter(); "
         "from eventwire.analyze.actors_dict import load_dictionary; "
         "from eventwire.analyze.countries import resolve_country; load_dictionary(); resolve_country('China'); "
         "print(time.perf_counter() - t)"],
        capture_output=True, text=True, check=True,
    ).stdout.strip())
    load_dictionary()
    resolve_country("China")
    nlp_stage = nlp.make_stage()
    nlp_stage(arts[:2])  # warm up the model
    t0 = time.perf_counter()
    parsed = nlp_stage(arts)
    t_nlp = time.perf_counter() - t0
    st = actors.make_stage()
    t0 = time.perf_counter()
    st(parsed)
    t_act = time.perf_counter() - t0
    return {
        "docs": len(arts),
        "chars": sum(len(a.article.text) for a in arts),
        "nlp_s_per_doc": round(t_nlp / len(arts), 4),
        "actors_s_per_doc": round(t_act / len(arts), 4),
        "ratio_actors_to_nlp": round(t_act / t_nlp, 3),
        "one_off_load_s": round(load_s, 2),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--speed-docs", type=int, default=60)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    gold = load_gold()
    res: dict[str, Any] = {}
    res["phrase_coding"] = eval_phrases([r for r in gold if r["source"] == "PLOVER_GSR_CAMEO"])
    res["stage"] = eval_stage(gold)
    seed_docs = _run_stage(_seed_articles())
    res["linking_seeds"] = eval_linking(seed_docs)
    res["seed_checklist"] = seed_checklist(seed_docs)
    if args.speed_docs:
        res["speed"] = eval_speed(args.speed_docs)
    out = json.dumps(res, indent=1, default=str)
    if args.json:
        args.json.write_text(out + "\n", encoding="utf-8")
    sys.stdout.write(out + "\n")


if __name__ == "__main__":
    main()
