#!/usr/bin/env python3
"""Reproduce the sentence sample of eval/events_ecbdev_heldout.jsonl (standard library only).

    python3 eval/sample_events_ecbdev_heldout.py      # 300 lines: id, doc_id, topic, split, text

A **held-out** set: more sentences of the ECB+ *dev* documents (the topics of the realnews
"dev" split), hand-coded by the realnews protocol without looking at any system output, to be
scored, never trained or tuned on (nothing under ``eval/train_*.py`` reads it: they read
``events_ecbtrain_extra*.jsonl``). It makes the held-out realnews figures less noisy (that
split has 97 sentences and 25 events).

Source: ``../shared/data/ecbplus/ecbplus-dev.jsonl`` only. Eligibility is the realnews rule
(``sample_events_extra2.pools``: at least 6 whitespace words, not a stamp line, not a repeat of
an earlier eligible unit of the same topic, no URL unit); every sentence of
``events-realnews-dev.jsonl`` is excluded. Draw: **plain random**, like the realnews sample's
share of sentences with and without events: ``random.seed(2033)`` once, then
``random.sample(pool, 300)`` on all eligible dev units pooled in file order.
"""
import json
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import sample_events_extra2 as s2  # noqa: E402

ECB_DEV = os.path.join(s2.SHARED, "data", "ecbplus", "ecbplus-dev.jsonl")
SEED = 2033
N = 300


def sample():
    units = s2.pools(source=ECB_DEV, done=s2.already_coded([s2.REALNEWS]))  # the same eligibility rule
    pool = [u for topic_units in units.values() for u in topic_units]  # topics in file order
    random.seed(SEED)
    return random.sample(pool, N)


if __name__ == "__main__":
    for doc_id, sid, tp, t in sample():
        print(json.dumps({"id": f"dev2-{doc_id}-{sid}", "doc_id": doc_id, "topic": tp, "split": "dev", "text": t}))
