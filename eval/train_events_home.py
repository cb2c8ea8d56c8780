"""Train and cross-validate the learned article-country decision of the events stage (TRAIN only).

    .venv/bin/python eval/train_events_home.py [--no-write]

An event side (source or target) that got no country from the actors stage or its sentence may
take the country most of the article's place mentions are in
(:func:`eventwire.analyze.events_home.side_features` gives the candidate and the features).
The rule before this model (:func:`old_rule`, the CV baseline) gave it when the lead
was clear (1 mention, 1.5x the runner-up) and the argument was not a common-noun source.
Here a logistic regression learns the decision instead.

Examples (``--negatives kept``, the default): each side with no country of its own and a
candidate, of every candidate event of the coder
(:func:`eventwire.analyze.events.candidate_events`) whose PLOVER type is a gold type of its
sentence and whose gold side has a country (positive when the leading country is one of them),
and of every candidate the event-ness model keeps that has no gold event of its type or whose
gold side names no actor (negative: no actor is there, any country is invented);
``--negatives gold`` uses the first kind only. Training sentences, each analysed inside its
whole ECB+ document and alone (what ``eventwire code`` sees): the realnews ``"split": "train"``
sentences and every ``eval/events_ecbtrain_extra*.jsonl``; the CAMEO-style dev gold
(``../shared/data/events/gold-dev.jsonl``) alone. The realnews dev split is never read.

Cross-validation: 5 folds grouped by ECB+ topic (CAMEO sentences in 5 groups of their own); the
regularisation C is chosen by inner grouped CV (log-loss) on each outer training part; the
held-out fold's events (the ones the shipped event-ness model keeps) are then scored with the
shared scorer's dyad precision/recall, against the rule the model replaced and against
giving every side the leading country ("shipped (fitted)" is the stage's output now, with the
model that saw every fold). The decision threshold is 0.5: a
country is given when the model thinks it more likely right than wrong (dyad precision alone
would ask for a country everywhere, since the scorer counts a missing and a wrong country
alike). Writes ``src/eventwire/resources/events/home_model.json`` (weights, bias, threshold)
unless ``--no-write``, and ``eval/results/events_home_cv.json``.
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "eval"))

from events_dyad_diagnose import EXTRA as DIAGNOSED  # noqa: E402
from events_dyad_diagnose import REALNEWS, analyzed, train_gold  # noqa: E402
from events_eval import _scorer  # noqa: E402

EXTRAS = sorted((ROOT / "eval").glob("events_ecbtrain_extra*.jsonl"))
CAMEO = ROOT.parent / "shared" / "data" / "events" / "gold-dev.jsonl"
OUT = ROOT / "src" / "eventwire" / "resources" / "events" / "home_model.json"
RESULTS = ROOT / "eval" / "results" / "events_home_cv.json"
CS = (0.03, 0.1, 0.3, 1.0, 3.0)
THRESHOLD = 0.5
NEGATIVES = "kept"


def _load(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]


def _name(p: Path) -> str:
    return p.stem.replace("events_ecbtrain_", "")


def gold_sets() -> dict[str, list[dict[str, Any]]]:
    """Training sentences by file (never the realnews dev split)."""
    out = {"realnews-train": [g for g in _load(REALNEWS) if g.get("split") == "train"]}
    for p in EXTRAS:
        out[_name(p)] = [g for g in _load(p) if g.get("split") == "train"]
    out["cameo"] = [{**g, "topic": f"cameo-{i % 5}"} for i, g in enumerate(_load(CAMEO))]
    return out


def _countries(actors: list[dict[str, Any]]) -> set[str]:
    return {str(a.get("country") or "").upper()[:3] for a in actors} - {""}


# the rule the model replaced (events_home before it), reproduced as the CV baseline
_RULE_PRONOUNS = {"he", "she", "they", "we", "i", "him", "her", "them", "us", "me", "who", "whom",
                  "his", "their", "its"}
_RULE_NOT_ACTORS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY", "num", "none"}


def old_rule(g: Any, ev: Any, src_c: str | None, tgt_c: str | None, evidence: Any) -> tuple[str | None, str | None]:
    """The rule before the model: an argument with no country takes the clear leader of the
    article's places (``document_country``) unless it is "it"/"which", a date or number, or a
    common-noun source ("a massive quake"); an unnamed source takes it, an unnamed target
    only when the source has a country."""
    from eventwire.analyze.events_filter import argument_kind

    home = evidence.home

    def arg(k: int | None, source: bool) -> str | None:
        if home is None or k is None:
            return None
        kind = argument_kind(g, k)
        if kind == "pron":
            return home if g.toks[k].text.lower() in _RULE_PRONOUNS else None
        return None if kind in _RULE_NOT_ACTORS or (source and kind == "noun") else home

    src_c = src_c or arg(ev.source_tok, True)
    tgt_c = tgt_c or arg(ev.target_tok, False)
    if src_c is None and ev.source_tok is None:
        src_c = home
    if tgt_c is None and ev.target_tok is None and src_c is not None:
        tgt_c = home
    return src_c, tgt_c


def record(rows: list[tuple[dict[str, Any], Any, tuple[int, int]]]) -> list[dict[str, Any]]:
    """Per gold sentence: its events (the shipped output and, per side with no own country,
    the candidate country and features), with the gold sides of the same type."""
    from eventwire.analyze import events
    from eventwire.analyze.events_filter import eventness_model
    from eventwire.analyze.events_home import article_countries, side_features

    model = eventness_model()
    log: list[dict[str, Any]] = []

    def recorder(g: Any, ev: Any, src_c: Any, tgt_c: Any, evidence: Any, span: Any) -> tuple[Any, Any]:
        sides = {}
        for side, own, other in (("source", src_c, tgt_c), ("target", tgt_c, src_c)):
            if own is None:
                lead, feats = side_features(g, ev, side, other, evidence, span)
                if lead is not None:
                    sides[side] = (lead, feats)
        log.append({"own": (src_c, tgt_c), "sides": sides, "rule": old_rule(g, ev, src_c, tgt_c, evidence)})
        return article_countries(g, ev, src_c, tgt_c, evidence, span)

    cache: dict[int, list[tuple[Any, dict[str, Any]]]] = {}
    out = []
    saved = events.article_countries
    events.article_countries = recorder  # type: ignore[assignment]
    try:
        for gold, doc, span in rows:
            if id(doc) not in cache:
                log.clear()
                cands = events.candidate_events(doc)
                assert len(cands) == len(log)
                cache[id(doc)] = [(ev, {**rec, "keep": model.keep(feats)[0]}) for (ev, feats), rec in zip(cands, log, strict=True)]
            evs = []
            for ev, rec in cache[id(doc)]:
                if not span[0] <= ev.start < span[1]:
                    continue
                golds = [ge for ge in (gold.get("events") or []) if ge.get("plover_type") == ev.plover_type]
                evs.append({"type": ev.plover_type, "shipped": (ev.source_country, ev.target_country), "rule": rec["rule"],
                            "keep": rec["keep"], "own": rec["own"], "sides": rec["sides"],
                            "gold": [(_countries(ge.get("source_actors") or []), _countries(ge.get("target_actors") or []),
                                      bool(ge.get("source_actors")), bool(ge.get("target_actors"))) for ge in golds]})
            out.append({"id": gold["id"], "group": str(gold["topic"]), "gold": gold, "events": evs})
    finally:
        events.article_countries = saved  # type: ignore[assignment]
    return out


def examples(items: list[dict[str, Any]], scheme: str = NEGATIVES) -> list[tuple[dict[str, float], int, str]]:
    """(features, label, group) per side with no country of its own and a candidate.

    ``gold``: sides of candidates of a gold type whose gold side has a country, positive when
    the candidate is one of them (the gold event of that type that fits best).
    ``kept``: also the sides of the candidates the event-ness model keeps whose type is no gold
    type of the sentence, or whose gold side names no actor: negative (no actor is there, so
    any country is invented)."""
    out = []
    for it in items:
        for e in it["events"]:
            if not e["sides"] or not (e["gold"] or (scheme == "kept" and e["keep"])):
                continue
            for side, idx in (("source", 0), ("target", 1)):
                if side not in e["sides"]:
                    continue
                lead, feats = e["sides"][side]
                golds = [gs[idx] for gs in e["gold"] if gs[idx]]
                if golds:
                    out.append((feats, int(any(lead in gc for gc in golds)), it["group"]))
                elif scheme == "kept" and e["keep"] and not any(gs[idx] or gs[2 + idx] for gs in e["gold"]):
                    out.append((feats, 0, it["group"]))
    return out


def fit(rows: list[tuple[dict[str, float], int, str]], c: float) -> tuple[dict[str, float], float]:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    x = vec.fit_transform([r[0] for r in rows])
    y = [r[1] for r in rows]
    clf = LogisticRegression(C=c, max_iter=2000).fit(x, y)
    names = vec.get_feature_names_out()
    return {str(n): float(w) for n, w in zip(names, clf.coef_[0], strict=True) if abs(w) > 1e-6}, float(clf.intercept_[0])


def prob(model: tuple[dict[str, float], float], feats: dict[str, float]) -> float:
    import math

    w, b = model
    z = b + sum(w.get(k, 0.0) * v for k, v in feats.items())
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def choose_c(rows: list[tuple[dict[str, float], int, str]], k: int = 4) -> float:
    """C with the best grouped-CV log-loss on ``rows``."""
    import math

    from sklearn.model_selection import GroupKFold

    best = None
    for c in CS:
        loss = 0.0
        for tr, te in GroupKFold(n_splits=k).split(rows, groups=[r[2] for r in rows]):
            m = fit([rows[i] for i in tr], c)
            for i in te:
                p = min(max(prob(m, rows[i][0]), 1e-6), 1 - 1e-6)
                loss -= math.log(p if rows[i][1] else 1 - p)
        if best is None or loss < best[0]:
            best = (loss, c)
    assert best is not None
    return best[1]


def predictions(items: list[dict[str, Any]], variant: str,
                model: tuple[dict[str, float], float] | None = None) -> list[dict[str, Any]]:
    """Scorer predictions: ``shipped`` (what the events stage gives now), ``rule`` (the rule
    before the model), ``always`` (every side with a candidate takes it) or ``model`` (the side
    takes it when p >= THRESHOLD)."""
    out = []
    for it in items:
        evs = []
        for e in it["events"]:
            if not e["keep"]:
                continue
            if variant in ("shipped", "rule"):
                sc, tc = e[variant]
            else:
                got = []
                for side, own in zip(("source", "target"), e["own"], strict=True):
                    c = own
                    if c is None and side in e["sides"]:
                        lead, feats = e["sides"][side]
                        if variant == "always" or (model is not None and prob(model, feats) >= THRESHOLD):
                            c = lead
                    got.append(c)
                sc, tc = got
            evs.append({"plover_type": e["type"], "source_country": sc, "target_country": tc})
        out.append({"id": it["id"], "events": evs})
    return out


def side_stats(items: list[dict[str, Any]], preds: list[dict[str, Any]]) -> dict[str, int]:
    """Countries given by the article-country step: to sides whose gold has a country
    (``given``, of which ``right``), and to sides where no actor is (``invented``: a kept
    event of no gold type of the sentence, or a gold side with no actor)."""
    given = right = invented = 0
    for it, pr in zip(items, preds, strict=True):
        kept = [e for e in it["events"] if e["keep"]]
        for e, p in zip(kept, pr["events"], strict=True):
            for idx, key in ((0, "source_country"), (1, "target_country")):
                if e["own"][idx] is not None or p[key] is None:
                    continue
                golds = [gs[idx] for gs in e["gold"] if gs[idx]]
                if golds:
                    given += 1
                    right += any(p[key] in gc for gc in golds)
                elif not any(gs[idx] or gs[2 + idx] for gs in e["gold"]):
                    invented += 1
    return {"given": given, "right": right, "invented": invented}


def recorded(sets: dict[str, list[dict[str, Any]]]) -> dict[tuple[str, str], list[dict[str, Any]]]:
    """:func:`record` of every set, in its documents and alone (CAMEO sentences alone)."""
    name_of = {g["id"]: name for name, gold in sets.items() for g in gold}
    # the diagnosis's sentences in its order (its analysis cache), then the other extra files
    batches = [train_gold()] + [g for p in EXTRAS if p not in DIAGNOSED for g in [sets[_name(p)]]]
    items_by: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for mode in ("doc", "sentence"):
        for gold in batches:
            for it in record(analyzed(gold, mode)):
                items_by.setdefault((name_of[it["id"]], mode), []).append(it)
    items_by[("cameo", "sentence")] = record(analyzed(sets["cameo"], "sentence"))
    return items_by


def main() -> None:
    from sklearn.model_selection import GroupKFold

    ap = argparse.ArgumentParser()
    ap.add_argument("--no-write", action="store_true")
    ap.add_argument("--negatives", choices=("gold", "kept"), default=NEGATIVES,
                    help="which sides are examples (see examples())")
    ap.add_argument("--cache", help="pickle of the recorded candidates (re-used when it exists)")
    args = ap.parse_args()
    scheme = args.negatives
    sets = gold_sets()
    if args.cache and Path(args.cache).exists():
        items_by = pickle.loads(Path(args.cache).read_bytes())  # noqa: S301 - our own cache file
    else:
        items_by = recorded(sets)
        if args.cache:
            Path(args.cache).write_bytes(pickle.dumps(items_by))
    all_items = [it for its in items_by.values() for it in its]
    groups = sorted({it["group"] for it in all_items})
    fold_of: dict[str, int] = {}
    for i, (_, te) in enumerate(GroupKFold(n_splits=5).split(groups, groups=groups)):
        for j in te:
            fold_of[groups[j]] = i
    held: dict[str, list[dict[str, Any]]] = {}  # id/mode -> held-out model predictions
    chosen = []
    for f in range(5):
        train = examples([it for it in all_items if fold_of[it["group"]] != f], scheme)
        c = choose_c(train)
        chosen.append(c)
        m = fit(train, c)
        for key, its in items_by.items():
            test = [it for it in its if fold_of[it["group"]] == f]
            held.setdefault("|".join(key), []).extend(zip(test, predictions(test, "model", m), strict=True))  # type: ignore[arg-type]
    scorer = _scorer()
    report: dict[str, Any] = {"negatives": scheme, "chosen_C_per_fold": chosen, "threshold": THRESHOLD, "sets": {}}
    for mode in ("doc", "sentence"):  # every ECB+ training sentence pooled
        held[f"all ECB+|{mode}"] = [p for (n, m), _ in items_by.items() if m == mode and n != "cameo"
                                    for p in held["|".join((n, m))]]
    for name, pairs in held.items():
        cv_items = [p[0] for p in pairs]
        cv_preds = [p[1] for p in pairs]
        row = {}
        for variant, preds in (("rule (before)", predictions(cv_items, "rule")),
                               ("shipped (fitted)", predictions(cv_items, "shipped")),
                               ("always lead", predictions(cv_items, "always")),
                               ("model (CV)", cv_preds)):
            sc = scorer.score([it["gold"] for it in cv_items], preds)
            row[variant] = {"dyad": sc["dyad"], "article_countries": side_stats(cv_items, preds)}
        report["sets"][name] = row
    ex = examples(all_items, scheme)
    report["examples"] = {"n": len(ex), "positive": sum(r[1] for r in ex),
                          "by_kind": Counter(next((k for k in r[0] if "|kind=" in k), "?") for r in ex).most_common()}
    c = choose_c(ex)
    w, b = fit(ex, c)
    report["shipped_C"] = c
    RESULTS.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(report, indent=1))
    if not args.no_write:
        OUT.write_text(json.dumps({
            "meta": {"model": f"logistic regression (scikit-learn), L2, C={c}",
                     "examples": len(ex), "positive": sum(r[1] for r in ex),
                     "trained_on": {k: len(v) for k, v in sets.items()},
                     "threshold_by": "0.5: a country is given when more likely right than wrong",
                     "script": "eval/train_events_home.py",
                     "licences": "realnews + ECB+ sentences: CC BY 3.0 (Cybulska & Vossen 2014); PLOVER GSR: CC BY-SA 4.0 (Open Event Data Alliance); PETRARCH-2 GSR: MIT"},
            "bias": round(b, 4), "threshold": THRESHOLD,
            "weights": {k: round(v, 4) for k, v in sorted(w.items())},
        }, indent=0) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
