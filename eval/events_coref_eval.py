"""Antecedent accuracy of the events stage's pronoun resolver on ECB+ entity coreference (TRAIN only).

    .venv/bin/python eval/events_coref_eval.py [--window N ...] [--json OUT]

:mod:`eventwire.analyze.events_coref` gives a pronoun argument ("he", "its", "their") the
country of its antecedent. This scores the antecedent itself against the ECB+ annotation of
human and non-human participants and their coreference (``../shared/data/ecbplus/
ecbplus-train.jsonl``; the train topics only, and no document that holds a sentence of the
realnews dev split): for every pronoun of the resolver's word list that is an annotated
participant mention of a validated sentence, in a chain with an earlier mention in its document,
the resolver's antecedent token is

- ``right``: inside an annotated mention of the same chain (a pronoun of the chain counts);
- ``wrong``: inside an annotated mention of another chain, or an unannotated phrase of a
  validated sentence (the annotation of those is exhaustive);
- ``unknown``: an unannotated phrase of a sentence whose annotation is not exhaustive;
- ``none``: no antecedent agreed.

Precision = right / (right + wrong); recall = right / all. Baselines, same pronouns: the
nearest preceding noun phrase of any kind (``recency``), and the nearest preceding one that
agrees (``nearest agreeing``). The analysis before the events stage is cached like
``events_dyad_diagnose.py``'s.
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "eval"))

from events_dyad_diagnose import REALNEWS, _pre_events  # noqa: E402

ECB_TRAIN = ROOT.parent / "shared" / "data" / "ecbplus" / "ecbplus-train.jsonl"


def train_documents() -> list[dict[str, Any]]:
    """ECB+ train documents, without those that hold a realnews dev-split sentence."""
    dev_docs = {g["doc_id"] for line in REALNEWS.open(encoding="utf-8") if line.strip()
                for g in [json.loads(line)] if g.get("split") != "train"}
    out = []
    for line in ECB_TRAIN.open(encoding="utf-8"):
        d = json.loads(line)
        if d.get("split", "train") == "train" and d["doc_id"] not in dev_docs:
            out.append(d)
    return out


def _chain_of(mentions: list[dict[str, Any]], start: int, end: int) -> dict[str, Any] | None:
    """The annotated mention over the token [start, end) (overlap: "Jr." against "Jr")."""
    for m in mentions:
        if m["start"] < end and start < m["end"]:
            return m
    return None


def _choose(ctx: Any, p: int, variant: str) -> int | None:
    """The antecedent of the pronoun at ``p`` by the resolver or a baseline."""
    from eventwire.analyze.events_coref import _agrees, _candidates, _kind, antecedent
    from eventwire.analyze.events_lexicon import ANAPHORS

    if variant == "resolver":
        return antecedent(ctx, p)
    cls = ANAPHORS[ctx.g.toks[p].text.lower()]
    return next((c for c in sorted(_candidates(ctx, p), reverse=True)
                 if (kind := _kind(ctx, c)) is not None and (variant == "recency" or _agrees(cls, kind))), None)


def score(docs: list[dict[str, Any]], analysed: list[Any], variant: str, verbose: bool = False) -> dict[str, Any]:
    from eventwire.analyze.events import _SKIP_SEGMENTS, _sentence_ranges, _units
    from eventwire.analyze.events_coref import (
        AnaphorContext,
        _kind,
        is_anaphor,
    )
    from eventwire.analyze.events_graph import TokenGraph
    from eventwire.analyze.events_lexicon import ANAPHORS

    cats: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    for d, ad in zip(docs, analysed, strict=True):
        if not ad.tokens:
            continue
        validated = {s["sent_id"] for s in d["sentences"] if s.get("validated")}
        sent_of = {s["sent_id"]: (s["start"], s["end"]) for s in d["sentences"]}
        ents = [m for m in d["entity_mentions"] if m.get("cluster")]
        g = TokenGraph(ad.tokens)
        # the sentences the events stage searches (no title, dateline or byline)
        spans = _units(ad)
        units = [r for r, u in zip(_sentence_ranges(ad.tokens, [(a, b) for a, b, _ in spans]), spans, strict=True)
                 if u[2] not in _SKIP_SEGMENTS]
        ctx = AnaphorContext(ad, g, units)
        for k, t in enumerate(g.toks):
            if not is_anaphor(g, k):
                continue
            m = _chain_of(ents, t.start, t.end)
            if m is None or m["sent_id"] not in validated or m["cluster"].startswith("SINGLETON"):
                continue
            if not any(e["cluster"] == m["cluster"] and e["end"] <= t.start for e in ents):
                continue  # no earlier mention of its chain: nothing to find
            j, hops = _choose(ctx, k, variant), 0
            while j is not None and hops < 4 and g.toks[j].text.lower() in ANAPHORS \
                    and _chain_of(ents, g.toks[j].start, g.toks[j].end) is None:
                j, hops = _choose(ctx, j, variant), hops + 1  # an unannotated pronoun: its own antecedent
            cls = ANAPHORS[t.text.lower()]
            if j is None:
                cat = "none"
            else:
                a = _chain_of(ents, g.toks[j].start, g.toks[j].end)
                sid = next((i for i, (st, en) in sent_of.items() if st <= g.toks[j].start < en), None)
                if a is not None:
                    cat = "right" if a["cluster"] == m["cluster"] else "wrong"
                else:
                    cat = "wrong" if sid in validated else "unknown"
            cats[cls][cat] += 1
            if verbose and cat in ("wrong", "none") and variant == "resolver":
                prev = [e["text"] for e in ents if e["cluster"] == m["cluster"] and e["end"] <= t.start][-2:]
                u = next((i for i, (lo, hi) in enumerate(units) if lo <= k < hi), None)
                if u is None:
                    continue
                print(json.dumps({"doc": d["doc_id"], "pron": t.text, "cat": cat, "chose": g.toks[j].text if j is not None else None,
                                  "chose_kind": _kind(ctx, j) if j is not None else None, "gold": prev,
                                  "sent": " ".join(x.text for x in g.toks[units[u][0]:units[u][1]])[:200]}), file=sys.stderr)
            cats["all"][cat] += 1
    out = {}
    for cls, c in sorted(cats.items()):
        n = sum(c.values())
        p = c["right"] / (c["right"] + c["wrong"]) if c["right"] + c["wrong"] else 0.0
        out[cls] = {"n": n, **dict(c), "precision": round(p, 3), "recall": round(c["right"] / n, 3) if n else 0.0}
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--window", type=int, nargs="*", default=None, help="previous sentences searched (default: shipped)")
    ap.add_argument("--json", help="write the figures here")
    ap.add_argument("-v", "--verbose", action="store_true", help="the resolver's wrong and missing antecedents (stderr)")
    args = ap.parse_args()
    from eventwire.analyze import events_coref

    docs = train_documents()
    analysed = _pre_events([d["text"] for d in docs], [None] * len(docs))
    report: dict[str, Any] = {"documents": len(docs)}
    for w in args.window or [events_coref.WINDOW]:
        events_coref.WINDOW = w
        for variant in ("resolver", "nearest agreeing", "recency"):
            report[f"{variant} (window {w})"] = score(docs, analysed, variant, args.verbose)
    text = json.dumps(report, indent=1)
    print(text)
    if args.json:
        Path(args.json).write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
