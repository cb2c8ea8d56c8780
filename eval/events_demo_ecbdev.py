"""Demonstration run: the full pipeline over the ECB+ dev documents, events listed for review.

    .venv/bin/python eval/events_demo_ecbdev.py [--sample 40] [--seed 5] [--out eval/results/events_demo_ecbdev.jsonl]
        [--corpus ecbdev|tempeval]

``--corpus tempeval`` runs the 256 TempEval-3 TBAQ documents instead (TimeBank and AQUAINT
newswire of 1989-1998, ``../shared/data/tempeval3/tbaq-train.jsonl``, each with its creation
date as the metadata date): real news of another decade and other outlets, on which no event
model or rule was trained or tuned (only the timex rules were written on it).
``eval/events_demo_tempeval_judged_1.jsonl`` holds the judgements of the sample printed with
``--corpus tempeval --seed 20261206`` in session 16, printed sample in
``eval/results/events_demo_tempeval_s16.txt``; ``eval/events_demo_tempeval_judged_2.jsonl`` those
of a second sample of the final code of session 16, ``--corpus tempeval --seed 20261207
--exclude-judged eval/events_demo_tempeval_judged_1.jsonl`` (printed in
``eval/results/events_demo_tempeval_s16b.txt``).

Every ECB+ dev document (197 real news articles, topics never trained on) is analyzed as
``eventwire run`` would (plain text, cleaned, then nlp, timex, actors, places, events). The
script writes every stored event with its sentence, prints counts per topic, and prints a
random sample of events (seeded) for a human to judge: is it a political event at all, is
the type right? ``eval/events_demo_ecbdev_judged.jsonl`` holds the judgements made on the
sample this script printed with its defaults before the sentence-domain feature;
``eval/events_demo_ecbdev_judged_2.jsonl`` those on a new sample (``--seed 20261130``) with it, before the recall work (more triggers);
``eval/events_demo_ecbdev_judged_3.jsonl`` those on the sample printed with ``--seed 20261130`` after it;
``eval/events_demo_ecbdev_judged_4.jsonl`` those on the sample printed with ``--seed 20261130`` in session 6
(learned sentence types and article country, the hazard rule);
``eval/events_demo_ecbdev_judged_5.jsonl`` those on a new sample (``--seed 20261201``) in session 7
(models retrained on 393 more synthetic sentences, road and rail vehicles as hazards),
``eval/events_demo_ecbdev_judged_5_prerebase.jsonl`` those on the same seed with the models trained
before that session's rebase, and
``eval/events_demo_ecbdev_judged_6.jsonl`` those on a new sample (``--seed 20261202``) in session 8,
run on main af51579 (dismissal sense of "fire", charge names, event-ness model retrained);
``eval/events_demo_ecbdev_judged_7.jsonl`` those on a new sample (``--seed 20261203``) in session 9
(the article-level domain feature of the event-ness model), and
``eval/events_demo_ecbdev_judged_7_prerebase.jsonl`` those on the same seed with the model trained
before that branch's rebase;
``eval/events_demo_ecbdev_judged_8.jsonl`` those on a new sample (``--seed 20261204``) in session 10
(models retrained with ``eval/events_ecbtrain_extra4.jsonl``, threshold 0.5), printed sample in
``eval/results/events_demo_ecbdev_s10.txt``;
``eval/events_demo_ecbdev_judged_9.jsonl`` those on a new sample (``--seed 20261205``) in session 15
(events code as in session 14), printed sample in ``eval/results/events_demo_ecbdev_s15.txt``.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
DEV = ROOT.parent / "shared" / "data" / "ecbplus" / "ecbplus-dev.jsonl"
TEMPEVAL = ROOT.parent / "shared" / "data" / "tempeval3" / "tbaq-train.jsonl"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sample", type=int, default=40)
    ap.add_argument("--seed", type=int, default=5)
    ap.add_argument("--out", type=Path, default=ROOT / "eval" / "results" / "events_demo_ecbdev.jsonl")
    ap.add_argument("--corpus", choices=("ecbdev", "tempeval"), default="ecbdev")
    ap.add_argument("--exclude-judged", type=Path, action="append", default=[],
                    help="a judged sample (JSONL with doc_id, trigger, type): its events are not drawn again")
    args = ap.parse_args()
    path = DEV if args.corpus == "ecbdev" else TEMPEVAL
    if not path.exists():
        sys.exit(f"no {path}: the shared data is not beside this checkout")
    from eventwire.analyze.pipeline import default_pipeline
    from eventwire.ingest.clean import clean
    from eventwire.model import RawDoc

    docs = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    if args.corpus == "tempeval":
        docs = [{**d, "topic": d["corpus"]} for d in docs]
    arts = [clean(RawDoc(source=d["doc_id"], text=d["text"], published=d.get("dct"))) for d in docs]
    analyzed = default_pipeline(n_process=2)(arts)
    rows = []
    for d, a in zip(docs, analyzed, strict=True):
        for e in a.events:
            if e.segment != "body":
                continue
            rows.append({"doc_id": d["doc_id"], "topic": d["topic"], "trigger": e.text, "type": e.plover_type,
                         "cameo": e.cameo, "status": e.status, "source": e.attrs.get("source_text"),
                         "target": e.attrs.get("target_text"), "source_country": e.source_country,
                         "target_country": e.target_country, "confidence": e.confidence,
                         "sentence": a.article.text[e.sentence_start:e.sentence_end]})
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    by_topic = Counter(r["topic"] for r in rows)
    n_docs = Counter(d["topic"] for d in docs)
    print(f"{len(docs)} documents, {len(rows)} events")
    for t in sorted(n_docs):
        print(f"topic {t}: {n_docs[t]} docs, {by_topic.get(t, 0)} events")
    judged = {(j["doc_id"], j["trigger"], j["type"]) for f in args.exclude_judged
              for j in map(json.loads, filter(str.strip, f.open(encoding="utf-8")))}
    pool = [r for r in rows if (r["doc_id"], r["trigger"], r["type"]) not in judged]
    rng = random.Random(args.seed)
    sample = rng.sample(pool, min(args.sample, len(pool)))
    for i, r in enumerate(sample):
        print(f"[{i}] {r['doc_id']} {r['type']} {r['status']} {r['source_country']}->{r['target_country']} "
              f"'{r['trigger']}' src={r['source']!r} tgt={r['target']!r}\n     {r['sentence'][:220]}")


if __name__ == "__main__":
    main()
