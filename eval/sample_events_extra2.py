#!/usr/bin/env python3
"""Reproduce the sentence sample of eval/events_ecbtrain_extra2.jsonl (standard library only).

    python3 eval/sample_events_extra2.py            # 400 lines: id, doc_id, topic, split, text

Source: ``../shared/data/ecbplus/ecbplus-train.jsonl`` only (never the dev file, never topics
36-45). Eligibility follows ``../shared/data/realnews/README.md``: at least 6 whitespace words,
not a stamp line (``is_stamp`` imported from ``sample_realnews.py``), not a whitespace-normalised
repeat of an earlier eligible unit of the same topic (file order). Excluded as well: every
sentence already in ``events-realnews-dev.jsonl`` or ``eval/events_ecbtrain_extra.jsonl``
(matched by doc_id + whitespace-normalised sentence text).

Draw: ``random.seed(777)`` once; topics in ascending order, 16 sentences per train topic
(25 topics -> 400). To get more positive examples, half of each topic's quota (8) is drawn
from the topic's eligible sentences that contain an action cue word (``CUE`` below, a fixed
list written before the sample was drawn or looked at) and the other half from the remaining
eligible sentences of the topic (those without a cue). If a part is short, the other part
fills the gap (topic 11 has only 5 cue sentences, so it gets 5 + 11; the sample holds 197 cue
and 203 other sentences). The stems match at a word start, so "sent" also matches "sentence"
and "met" "metal"; that is how the list was fixed. The output keeps the draw order (per topic:
cue part, then the rest).
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
EXTRA = os.path.join(HERE, "events_ecbtrain_extra.jsonl")
SAMPLE_REALNEWS = os.path.join(SHARED, "data", "realnews", "sample_realnews.py")
SEED = 777
PER_TOPIC = 16
CUE_SHARE = 8

# Action cue words (fixed before drawing; word-initial stems, case-insensitive).
CUE_WORDS = """arrest charg accus kill shot shoot attack protest riot clash sentenc convict
detain jail stab murder hijack seiz deploy demand urg condemn critici kidnap raid bomb threat
apolog agree sign sent fired invad fight fought rescu evacuat investigat sued sue suing
resign ban banned sanction negotiat talks met meet""".split()
CUE = re.compile(r"\b(?:" + "|".join(CUE_WORDS) + ")", re.I)


def _load_is_stamp():
    """``is_stamp`` of ../shared/data/realnews/sample_realnews.py (the realnews stamp-line rule)."""
    spec = importlib.util.spec_from_file_location("sample_realnews", SAMPLE_REALNEWS)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.is_stamp


is_stamp = _load_is_stamp()


def norm(t):
    return " ".join(t.split())


def already_coded(paths=(REALNEWS, EXTRA)):
    """(doc_id, normalised text) of every sentence coded in ``paths``."""
    out = set()
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    r = json.loads(line)
                    out.add((r["doc_id"], norm(r["text"])))
    return out


def pools(source=ECB_TRAIN, done=None):
    """Per topic (in file order), the eligible units of ``source`` not in ``done`` (default:
    :func:`already_coded`)."""
    done = already_coded() if done is None else done
    by_topic = {}
    seen = {}
    with open(source, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            tp = d["topic"]
            if 36 <= tp <= 45:
                continue
            by_topic.setdefault(tp, [])
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
                by_topic[tp].append((d["doc_id"], s["sent_id"], tp, t))
    return by_topic


def sample(seed=SEED, per_topic=PER_TOPIC, cue_share=CUE_SHARE, done=None):
    """The draw: per topic ``cue_share`` cue sentences and the rest of ``per_topic`` without."""
    random.seed(seed)
    picked = []
    by_topic = pools(done=done)
    for tp in sorted(by_topic):
        pool = by_topic[tp]
        cue = [u for u in pool if CUE.search(u[3])]
        rest = [u for u in pool if not CUE.search(u[3])]
        k_cue = min(cue_share, len(cue))
        k_rest = min(per_topic - k_cue, len(rest))
        k_cue = min(per_topic - k_rest, len(cue))
        picked.extend(random.sample(cue, k_cue))
        picked.extend(random.sample(rest, k_rest))
    return picked


if __name__ == "__main__":
    for doc_id, sid, tp, t in sample():
        print(json.dumps({"id": f"ext2-{doc_id}-{sid}", "doc_id": doc_id, "topic": tp,
                          "split": "train", "text": t, "cue": bool(CUE.search(t))}))
