"""Train the sentence type classifier (``resources/events/sentence_types.json``) and the
event-ness model that reads its probabilities (``resources/events/eventness_model.json``).

    nice .venv/bin/python eval/train_events_learned.py [--no-write] [--docs /tmp/evlearn_docs.pkl]
        [--domain-cache /tmp/evl_dom.pkl] [--synthetic OLD_VERSION.jsonl]

Training data: the same sentences as ``eval/train_events.py`` (realnews **train** split, every
``eval/events_ecbtrain_extra*.jsonl``, ``eval/events_synthetic.jsonl``, the CAMEO-style dev
gold): labels are the PLOVER types of each sentence's gold events (multi-label, one logistic
regression per type; no trigger alignment is needed at sentence level). The realnews dev split
is never read.

**Cross-validation** (the folds of ``eval/train_events.py``, 5 folds by topic / synthetic group
/ CAMEO fold, the same folds before and after): the classifier's C is chosen by out-of-fold log
loss (mean over types); then each fold's candidates get the ``stype`` feature from a
classifier trained without that fold (domain probabilities out-of-group too, and the features
kept — words seen in at least 3 groups — counted without it), and the event-ness model's C and
threshold are chosen on them exactly as in ``eval/train_events.py`` (best F0.5 on realnews-train
and extra sentences with false events <= 5 %), and compared with the lexicon-only baseline
(no ``stype``) on the same folds; figures go to ``eval/results/events_learned_cv.json``.
The **article-level domain** feature (``--article-domain``: none, text, mean, median, each also
capped, "-low") is chosen among those settings by the same objective on the same candidates: each
realnews / extra sentence takes it from its ECB+ *train* document scored by the domain model that
never saw its topic (``train_events_domain.out_of_group_articles``); synthetic and CAMEO-style
sentences take their own sentence's value, as ``eventwire code`` does. The baseline run uses the
chosen setting. The
shipped event-ness model is fitted on the out-of-fold features (what unseen text gives). The
event-ness model is a logistic regression; ``--gbm RATE,ITERATIONS,LEAVES`` makes it a blend
(``train_events.Blend``: the regression averaged with a boosted tree ensemble), measured by the same
CV and, without ``--no-write``, written with its trees as JSON node arrays, checked against
scikit-learn's probabilities first (session 11: not shipped, README, Events).
``--embed-scales 0,1,3,10 --embed-cache FILE`` adds the sentence's all-MiniLM-L6-v2 embedding
(``eval/sentence_encoder.py``, its packages in ``eval/requirements-eval.txt``) to the sentence
type classifier's features, each value times the scale, the scale chosen with C by the same
out-of-fold log loss (session 12: not shipped, README, Events; figures in
``eval/results/events_learned_cv_embed.json``); ``--embed-kind static`` uses only the model's
word-piece embedding table (the mean over the sentence's pieces, no transformer layer;
``eval/results/events_learned_cv_embed_static.json``).
Not kept (README, Events): letting a likely type the lexicon lacks become a candidate at the
main verb (``eval/results/events_learned_cv_adding.json``: by the same objective no better than
the feature alone), and a verb-level proposer (a multinomial classifier over each verb's lemma,
relations and arguments, trained on verbs aligned to gold events by the lexicon's trigger or
by actor overlap): out of fold it proposed 44 new candidates at probability >= 0.2, 4 of them
of a right type.
"""

from __future__ import annotations

import argparse
import json
import math
import pickle
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "eval"))

import train_events as te  # noqa: E402

OUT = ROOT / "src" / "eventwire" / "resources" / "events" / "sentence_types.json"
RESULTS = ROOT / "eval" / "results" / "events_learned_cv.json"


def parsed_docs(items: list[dict[str, Any]], cache: Path) -> dict[str, Any]:
    """Per item id: the AnalyzedDoc of the pipeline's stages before ``events``."""
    done: dict[str, Any] = pickle.loads(cache.read_bytes()) if cache.exists() else {}
    todo = [it for it in items if it["id"] not in done]
    if todo:
        for it, doc in te.upstream_docs(todo):
            done[it["id"]] = doc
        cache.write_bytes(pickle.dumps(done))
    return done


def item_embeddings(items: list[dict[str, Any]], docs: dict[str, Any], cache: Path | None) -> dict[str, Any]:
    """Per item id: the sentence encoder's embedding of the item's text (what
    ``candidate_events`` embeds for a one-sentence input), cached in ``cache``."""
    from sentence_encoder import self_check

    print(self_check())

    done: dict[str, Any] = pickle.loads(cache.read_bytes()) if cache and cache.exists() else {}
    todo = [it for it in items if it["id"] not in done and docs[it["id"]].tokens]
    if todo:
        embed = embed_function()
        for it in todo:
            done[it["id"]] = embed(docs[it["id"]].article.text.strip())
        if cache:
            cache.write_bytes(pickle.dumps(done))
    return done


EMBED_KIND = "full"  # --embed-kind: "full" (the transformer) or "static" (its embedding table only)


def embed_function() -> Any:
    """The sentence encoder's function of ``EMBED_KIND`` (text -> unit vector)."""
    from sentence_encoder import sentence_encoder

    enc = sentence_encoder()
    return enc.encode if EMBED_KIND == "full" else enc.encode_static


def item_features(items: list[dict[str, Any]], docs: dict[str, Any], domain: dict[str, float],
                  emb: dict[str, Any] | None = None, scale: float = 0.0) -> list[dict[str, float]]:
    from eventwire.analyze.events_graph import TokenGraph
    from eventwire.analyze.events_learned import sentence_features

    out = []
    for it in items:
        doc = docs[it["id"]]
        e = emb.get(it["id"], ()) if emb is not None and scale > 0 else ()
        out.append(sentence_features(TokenGraph(doc.tokens), 0, len(doc.tokens), domain[it["id"]], e, scale)
                   if doc.tokens else {})
    return out


def fit_types(items: list[dict[str, Any]], feats: list[dict[str, float]], idx: list[int], c: float,
              scale: float = 0.0) -> Any:
    """One logistic regression per PLOVER type over the items ``idx`` (features seen in at
    least 3 of their groups), as a run-time :class:`SentenceTypeModel`."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    from eventwire.analyze.events_learned import SentenceTypeModel

    groups: dict[str, set[str]] = defaultdict(set)
    for i in idx:
        for k in feats[i]:
            groups[k].add(items[i]["group"])
    keep = {k for k, g in groups.items() if len(g) >= 3}
    vec = DictVectorizer()
    x = vec.fit_transform([{k: v for k, v in feats[i].items() if k in keep} for i in idx])
    names = vec.get_feature_names_out()
    weights: dict[str, dict[str, float]] = {}
    bias: dict[str, float] = {}
    for t in TYPES:
        y = [int(t in items[i]["types"]) for i in idx]
        if sum(y) < MIN_POSITIVES:
            continue
        clf = LogisticRegression(C=c, max_iter=3000, class_weight="balanced").fit(x, y)
        weights[t] = {str(n): round(float(w), 5) for n, w in zip(names, clf.coef_[0], strict=True) if abs(w) >= 1e-3}
        bias[t] = round(float(clf.intercept_[0]), 5)
    meta = {"model": f"one logistic regression per PLOVER type (scikit-learn), L2, C={c}, balanced classes"
                     + (f"; sparse word features and the all-MiniLM-L6-v2 sentence embedding times {scale}"
                        if scale else ""), "n_sentences": len(idx)}
    return SentenceTypeModel(weights=weights, bias=bias, meta=meta, embedding_scale=scale)


TYPES = ("ACCUSE", "AGREE", "AID", "ASSAULT", "COERCE", "CONCEDE", "CONSULT", "COOPERATE", "MOBILIZE", "PROTEST",
         "REJECT", "REQUEST", "RETREAT", "SANCTION", "SUPPORT", "THREATEN")
MIN_POSITIVES = 5
TYPE_CS = (0.3, 1.0, 3.0)
EMBED_SCALES = (0.0,)  # as shipped: no sentence embedding; session 12's experiment: 0,1,3,10


def fold_models(items: list[dict[str, Any]], feats: list[dict[str, float]], fold_of: dict[str, int],
                c: float, scale: float = 0.0) -> dict[int, Any]:
    return {f: fit_types(items, feats, [i for i, it in enumerate(items) if fold_of[it["group"]] != f], c, scale)
            for f in range(5)}


def choose_c(items: list[dict[str, Any]], feats_of: dict[float, list[dict[str, float]]],
             fold_of: dict[str, int]) -> tuple[float, float, list[str]]:
    """The classifier's embedding scale and C by out-of-fold log loss, mean over types."""
    report = []
    best = (math.inf, 0.0, 1.0)
    for scale, feats in feats_of.items():
        for c in TYPE_CS:
            models = fold_models(items, feats, fold_of, c, scale)
            ll = 0.0
            n = 0
            for i, it in enumerate(items):
                probs = models[fold_of[it["group"]]].probs(feats[i])
                for t, p in probs.items():
                    y = t in it["types"]
                    ll -= math.log(max(1e-9, p if y else 1.0 - p))
                    n += 1
            report.append(f"sentence types embedding scale {scale} C={c}: out-of-fold log loss {ll / n:.4f}")
            if ll / n < best[0]:
                best = (ll / n, scale, c)
    return best[1], best[2], report


def fold_candidates(items: list[dict[str, Any]], docs: dict[str, Any], domain: dict[str, float],
                    models: dict[int, Any] | None, fold_of: dict[str, int]) -> dict[str, list[dict[str, Any]]]:
    """Per item id: candidates ({"feats", "event"}); scored and added by the classifier of the
    item's fold (trained without it), or lexicon-only when ``models`` is None."""
    from eventwire.analyze.events import _event_dict, candidate_events

    out: dict[str, list[dict[str, Any]]] = {}
    for it in items:
        dom = domain[it["id"]]
        if models is None:
            cands = candidate_events(docs[it["id"]], domain_of=lambda _t, d=dom: d, learned=False)
        else:
            model = models[fold_of[it["group"]]]
            embed_of = None
            if model.embedding_scale > 0:
                embed_of = embed_function()
            cands = candidate_events(docs[it["id"]], type_model=model, domain_of=lambda _t, d=dom: d,
                                     embed_of=embed_of)
        out[it["id"]] = [{"feats": f, "event": _event_dict(e, it["date"])} for e, f in cands]
    return out


def end_to_end(items: list[dict[str, Any]], cands: dict[str, list[dict[str, Any]]],
               fold_of: dict[str, int], article: str | None = None) -> dict[str, Any]:
    """The event-ness model's setting chosen by CV on these candidates, and its CV figures;
    ``article``: the article-domain method (None: no article-level feature)."""
    te.with_domain(items, cands, article=article)
    rows = te.rows_of(items, cands)
    c, th, report = te.choose(items, cands, rows, fold_of=fold_of)
    line = next(x for x in report if x.startswith(f"C={c} th={th}:"))
    print("  chosen event-ness", line)
    figs = te.cv_report(items, cands, rows, c, th, fold_of=fold_of)
    figs["false_events_by_topic_kind"] = false_events_by_kind(items, cands, te.cv_probs(rows, c, fold_of=fold_of), th)
    print("  false events on ECB+ train sentences with no event, by the topic's kind:",
          figs["false_events_by_topic_kind"])
    m = re.search(r"realnews-train P ([\d.]+) R ([\d.]+) F1 ([\d.]+) false-event rate ([\d.]+)", line)
    assert m
    p, r, f1, fe = (float(x) for x in m.groups())
    fb = 1.25 * p * r / (0.25 * p + r) if p + r else 0.0
    return {"eventness_C": c, "eventness_threshold": th, "realnews_train_and_extra": {
        "P": p, "R": r, "F1": f1, "false_event_rate": fe, "F0.5": round(fb, 4)}, "by_source": figs,
        "n_candidates": len(rows), "rows": rows}


def false_events_by_kind(items: list[dict[str, Any]], cands: dict[str, list[dict[str, Any]]], probs: list[float],
                         th: float) -> dict[str, dict[str, float]]:
    """Out-of-fold false-event rate on the ECB+ train sentences with no gold event, by the
    kind of their topic in ``eval/events_domain_labels.json`` ("other": sports, entertainment,
    business, technology, disasters, accidents; "political"; "mixed") — what issue 10's
    demonstration asks, measured by CV on real news rather than on a judged sample."""
    from train_events_domain import _labels

    kind = {f"rn-{t}": v[0] for t, v in _labels()["ecbplus_train_topics"].items()}
    n: Counter[str] = Counter()
    hit: Counter[str] = Counter()
    idx = 0
    for it in items:
        kept = False
        for _cd in cands.get(it["id"], []):
            kept = kept or probs[idx] >= th
            idx += 1
        if it["source"] in ("realnews", "realnews-extra") and not it["types"] and it["group"] in kind:
            n[kind[it["group"]]] += 1
            hit[kind[it["group"]]] += int(kept)
    return {k: {"sentences": n[k], "with_false_event": hit[k], "rate": round(hit[k] / n[k], 4)} for k in sorted(n)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=Path, default=Path("/tmp/evlearn_docs.pkl"))
    ap.add_argument("--no-write", action="store_true")
    ap.add_argument("--synthetic", type=Path, default=None,
                    help="read the synthetic sentences from this file (e.g. an earlier version, for a before/after CV)")
    ap.add_argument("--domain-cache", type=Path, default=None,
                    help="pickle of the out-of-group domain probabilities (computed once when absent)")
    ap.add_argument("--article-domain", default="none,text,mean,median,text-low,mean-low,median-low",
                    help="article-domain settings to compare by CV (comma-separated; 'none': no article feature; "
                         "'-low': the feature capped at 0)")
    ap.add_argument("--gbm", default=None, metavar="RATE,ITERATIONS,LEAVES",
                    help="average the logistic regression with boosted trees of these settings (default: "
                         "train_events.GBM, None: the regression alone, as shipped; 'none' forces it)")
    ap.add_argument("--embed-cache", type=Path, default=None,
                    help="pickle of the training items' sentence embeddings (computed once when absent)")
    ap.add_argument("--embed-scales", default=",".join(str(x) for x in EMBED_SCALES),
                    help="sentence-embedding scales the classifier's CV compares (0: no embedding, as shipped; "
                         "others need eval/sentence_encoder.py's packages)")
    ap.add_argument("--results", type=Path, default=RESULTS, help="where the CV figures go")
    ap.add_argument("--embed-kind", choices=("full", "static"), default="full",
                    help="full: the all-MiniLM-L6-v2 transformer; static: the mean of its word pieces' "
                         "input embeddings (no transformer layer)")
    ap.add_argument("--min-count", type=int, default=te.LR_MIN_COUNT,
                    help="the event-ness regression reads only features seen on at least this many training "
                         "candidates (train_events.LR_MIN_COUNT)")
    ap.add_argument("--political", type=float, default=te.POLITICAL_WEIGHT, metavar="WEIGHT",
                    help="also train on eval/events_synthetic_political.jsonl, with this sample weight in the "
                         "event-ness regression (the sentence type classifier and the domain model read them at "
                         "full weight; 0: not read, as shipped)")
    args = ap.parse_args()
    te.LR_MIN_COUNT = args.min_count
    te.POLITICAL_WEIGHT = args.political
    if not args.no_write and (args.min_count != 1 or args.political != 0):
        sys.exit("--min-count and --political are CV experiments: run them with --no-write")
    if args.political > 0 and not te.POLITICAL.exists():
        sys.exit(f"--political: no {te.POLITICAL}")
    global EMBED_KIND
    EMBED_KIND = args.embed_kind
    from train_events_domain import out_of_group

    if args.gbm == "none":
        te.GBM = None
    elif args.gbm:
        rate, iters, leaves = args.gbm.split(",")
        te.GBM = {"learning_rate": float(rate), "max_iter": int(iters), "max_leaf_nodes": int(leaves)}
    if te.GBM is not None:
        print("event-ness: logistic regression averaged with boosted trees", te.GBM)

    if args.synthetic:
        te.SYNTH = args.synthetic
    items = te.training_items()
    docs = parsed_docs(items, args.docs)
    if args.domain_cache and args.domain_cache.exists():
        domain = pickle.loads(args.domain_cache.read_bytes())
    else:
        domain = out_of_group(items)
        if args.domain_cache:
            args.domain_cache.write_bytes(pickle.dumps(domain))
    fold_of = te.folds_of({it["group"] for it in items})
    scales = [float(x) for x in args.embed_scales.split(",")]
    emb = item_embeddings(items, docs, args.embed_cache) if any(sc > 0 for sc in scales) else {}
    feats_of = {sc: item_features(items, docs, domain, emb, sc) for sc in scales}
    scale, c, rep = choose_c(items, feats_of, fold_of)
    feats = feats_of[scale]
    print("\n".join(rep))
    print(f"sentence types: embedding scale {scale}, C={c}")
    results: dict[str, Any] = {"sentence_types_C": c, "sentence_types_embedding_scale": scale,
                               "sentence_types_log_loss": rep, "eventness_gbm": te.GBM, "runs": {}}
    typed = fold_candidates(items, docs, domain, fold_models(items, feats, fold_of, c, scale), fold_of)
    runs: dict[str, dict[str, Any]] = {}
    methods = [m.strip() for m in args.article_domain.split(",") if m.strip()]
    for m in methods:
        print(f"with the sentence-type feature, article domain: {m}")
        runs[m] = end_to_end(items, typed, fold_of, article=m)
        results["runs"][f"sentence types, article domain {m}"] = {k: v for k, v in runs[m].items() if k != "rows"}
    # the article-domain method by the same objective (ties: the earlier, simpler one)
    best = max(methods, key=lambda m: (runs[m]["realnews_train_and_extra"]["F0.5"], -methods.index(m)))
    article = None if best == "none" else best
    results["article_domain"] = article
    art_method, art_low = te.article_setting(article)
    scores = ", ".join(f"{m} {runs[m]['realnews_train_and_extra']['F0.5']}" for m in methods)
    print(f"article domain chosen by CV F0.5: {best} ({scores})")
    run = runs[best]
    print("baseline (lexicon candidates only, no sentence-type feature; the same article domain):")
    base = end_to_end(items, fold_candidates(items, docs, domain, None, fold_of), fold_of, article=article)
    results["runs"]["baseline"] = {k: v for k, v in base.items() if k != "rows"}
    results["runs"]["sentence types"] = {k: v for k, v in run.items() if k != "rows"}
    print(f"F0.5 (realnews-train and extra): baseline {base['realnews_train_and_extra']['F0.5']} "
          f"-> {run['realnews_train_and_extra']['F0.5']}")
    args.results.write_text(json.dumps(results, indent=1, default=str) + "\n", encoding="utf-8")
    if args.no_write:
        return
    model = fit_types(items, feats, list(range(len(items))), c, scale)
    by_src = Counter(it["source"] for it in items)
    meta = {**dict(model.meta), "trained_on": dict(by_src), "script": "eval/train_events_learned.py",
            "C_by": "grouped 5-fold CV by topic: out-of-fold log loss, mean over types"
                    + (" (C and the embedding scale)" if scale else ""),
            "licences": LICENCES}
    scale_key = {"embedding_scale": model.embedding_scale} if model.embedding_scale else {}
    OUT.write_text(json.dumps({"meta": meta, **scale_key, "bias": dict(model.bias),
                               "weights": {k: dict(sorted(v.items())) for k, v in model.weights.items()}},
                              indent=0) + "\n", encoding="utf-8")
    print("wrote", OUT)
    ev_rows = run["rows"]
    _, blend = te.fit(ev_rows, run["eventness_C"])
    weights = {n: round(float(w), 5) for n, w in zip(blend.lr_vec.get_feature_names_out(), blend.lr.coef_[0],
                                                    strict=True) if abs(w) >= 1e-4}
    trees: dict[str, Any] = {}
    if blend.gbm is not None:
        base, exported = te.export_trees(blend)
        check_trees(blend, base, exported, [r[0] for r in ev_rows])
        trees = {"tree_base": base, "trees": exported}
    te.OUT.write_text(json.dumps({
        "meta": {"model": f"logistic regression (scikit-learn), L2, C={run['eventness_C']}, classes balanced "
                          "within each candidate family (lexicon coder / reported criticism)"
                          + (f"; averaged with a HistGradientBoostingClassifier {te.GBM}, min_samples_leaf 20, "
                             f"l2 1.0, features seen on >= {te.GBM_MIN_COUNT} candidates, same sample weights"
                             if trees else ""),
                 "trained_on": dict(by_src), "n_candidates": len(ev_rows),
                 "threshold_by": "grouped 5-fold CV by topic: best F0.5 on realnews-train with false-event rate <= 5%",
                 "candidates": "lexicon coder + sentence type classifier (out-of-fold classifier on the training "
                               "sentences)",
                 "article_domain_by": "grouped 5-fold CV by topic, same objective, among "
                                      f"{', '.join(methods)}; training sentences scored with their ECB+ train "
                                      "document by a domain model that never saw the topic",
                 "script": "eval/train_events_learned.py", "licences": LICENCES},
        "bias": round(float(blend.lr.intercept_[0]), 5), "threshold": run["eventness_threshold"],
        "article_domain": art_method, "article_domain_low": art_low,
        "weights": dict(sorted(weights.items())), **trees}, indent=0) + "\n", encoding="utf-8")
    print("wrote", te.OUT)


def check_trees(blend: Any, base: float, exported: list[dict[str, Any]], feats: list[dict[str, float]]) -> None:
    """The shipped trees, evaluated as the pipeline does, give scikit-learn's probabilities."""
    import numpy as np

    from eventwire.analyze.events_filter import Tree, _sigmoid

    trees = [Tree.from_json(t) for t in exported]
    ours = np.array([_sigmoid(base + sum(t.score(f) for t in trees)) for f in feats])
    theirs = blend.gbm.predict_proba(blend.gbm_vec.transform(feats))[:, 1]
    worst = float(np.max(np.abs(ours - theirs)))
    if worst > 1e-9:
        raise SystemExit(f"exported trees differ from scikit-learn's by {worst}")
    print(f"trees checked on {len(feats)} candidates: largest difference {worst:.1e}")


LICENCES = ("realnews + ECB+ sentences: CC BY 3.0 (Cybulska & Vossen 2014); PLOVER GSR: CC BY-SA 4.0 (Open Event "
            "Data Alliance); synthetic: written for eventwire")


if __name__ == "__main__":
    main()
