"""Do eventwire's spaCy equivalents (``eventwire.analyze.spacy_fast``) give the stock
annotations on real news? Runs stock spaCy and eventwire's loading of the same model over
the first N real articles of ECB+ (train, dev) and TempEval-3 and compares every token
(text, offsets, lemma, POS, tag, dependency, head, entity, morphology, sentence start),
for the full pipeline and the NER-only one; prints the CPU seconds of each.

    .venv/bin/python bench/spacy_fast_check.py [--n 1028]
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Any

from eventwire.analyze.nlp import NER_ONLY_DISABLE, load_model

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"
FILES = ("ecbplus/ecbplus-train.jsonl", "ecbplus/ecbplus-dev.jsonl", "tempeval3/tbaq-train.jsonl")


def token_annotations(doc: Any) -> list[tuple[Any, ...]]:
    return [(t.i, t.idx, t.text, t.lemma_, t.pos_, t.tag_, t.dep_, t.head.i, t.ent_type_, t.ent_iob_,
             str(t.morph), t.is_sent_start) for t in doc]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=1028)
    a = ap.parse_args()
    texts = [json.loads(line)["text"] for f in FILES for line in (SHARED / f).open(encoding="utf-8")][: a.n]
    for label, disable, enable in (("full", (), ()), ("ner-only", NER_ONLY_DISABLE, ("senter",))):
        runs = []
        for stock in (True, False):
            nlp = load_model(disable, enable, stock=stock)
            c0 = time.process_time()
            runs.append([token_annotations(d) for d in nlp.pipe(texts, batch_size=64)])
            print(f"{label:8s} {'stock' if stock else 'eventwire':9s} {nlp.pipe_names} "
                  f"CPU {time.process_time() - c0:.1f}s", flush=True)
        differ = sum(1 for x, y in zip(*runs, strict=True) if x != y)
        print(f"{label:8s} articles differing: {differ} of {len(texts)} "
              f"({sum(len(d) for d in runs[0]):,} tokens)", flush=True)


if __name__ == "__main__":
    main()
