#!/usr/bin/env python3
"""Reproduce the sentence sample of eval/events_ecbtrain_extra3.jsonl (standard library only).

    python3 eval/sample_events_extra3.py            # 400 lines: id, doc_id, topic, split, text

Source: ``../shared/data/ecbplus/ecbplus-train.jsonl`` only (never the dev file, never topics
36-45). Eligibility follows ``../shared/data/realnews/README.md``: at least 6 whitespace words,
not a stamp line (``is_stamp`` imported from ``sample_realnews.py``), not a whitespace-normalised
repeat of an earlier eligible unit of the same topic (file order), no URL unit. Excluded as well:
every sentence already in ``events-realnews-dev.jsonl``, ``eval/events_ecbtrain_extra.jsonl`` or
``eval/events_ecbtrain_extra2.jsonl`` (matched by doc_id + whitespace-normalised text).

Draw: **plain random, not cue-sampled and not stratified by topic**: ``random.seed(2029)`` once,
then ``random.sample(pool, 400)`` on all eligible train units pooled in file order (documents and
sentences in file order). Each eligible unit has the same chance, so the share of sentences with
a political event, and the mix of topics, follow the ECB+ train documents themselves (unlike
``sample_events_extra2.py``, which drew half of each topic's quota from sentences with an action
cue word). The output keeps the draw order.
"""
import importlib.util
import json
import os
import random
import re

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.path.join(HERE, "..", "..", "shared")
ECB_TRAIN = os.path.join(SHARED, "data", "ecbplus", "ecbplus-train.jsonl")
REALNEWS = os.path.join(SHARED, "data", "realnews", "events-realnews-dev.jsonl")
PRIOR = [REALNEWS, os.path.join(HERE, "events_ecbtrain_extra.jsonl"),
         os.path.join(HERE, "events_ecbtrain_extra2.jsonl")]
SAMPLE_REALNEWS = os.path.join(SHARED, "data", "realnews", "sample_realnews.py")
SEED = 2029
N = 400


def _load_is_stamp():
    """``is_stamp`` of ../shared/data/realnews/sample_realnews.py (the realnews stamp-line rule)."""
    spec = importlib.util.spec_from_file_location("sample_realnews", SAMPLE_REALNEWS)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.is_stamp


is_stamp = _load_is_stamp()


def norm(t):
    return " ".join(t.split())


def already_coded():
    out = set()
    for path in PRIOR:
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    r = json.loads(line)
                    out.add((r["doc_id"], norm(r["text"])))
    return out


def pool():
    done = already_coded()
    units = []
    seen = {}
    with open(ECB_TRAIN, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            tp = d["topic"]
            if 36 <= tp <= 45:
                continue
            seen.setdefault(tp, set())
            for s in d["sentences"]:
                t = d["text"][s["start"]:s["end"]]
                if re.match(r"\s*(https?://|www\.)", t):
                    continue
                if len(t.split()) < 6 or is_stamp(t):
                    continue
                key = norm(t)
                if key in seen[tp]:
                    continue
                seen[tp].add(key)
                if (d["doc_id"], key) in done:
                    continue
                units.append((d["doc_id"], s["sent_id"], tp, t))
    return units


def sample():
    random.seed(SEED)
    return random.sample(pool(), N)


if __name__ == "__main__":
    for doc_id, sid, tp, t in sample():
        print(json.dumps({"id": f"ext3-{doc_id}-{sid}", "doc_id": doc_id, "topic": tp,
                          "split": "train", "text": t}))
