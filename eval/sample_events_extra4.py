#!/usr/bin/env python3
"""Reproduce the sentence sample of eval/events_ecbtrain_extra4.jsonl (standard library only).

    python3 eval/sample_events_extra4.py            # 400 lines: id, doc_id, topic, split, text, cue

Source: ``../shared/data/ecbplus/ecbplus-train.jsonl`` only (never the dev file, never topics
36-45). Eligibility is that of ``sample_events_extra2.py`` (the realnews rule: at least 6
whitespace words, not a stamp line, not a repeat of an earlier eligible unit of the same
topic, no URL unit). Excluded as well: every sentence already in ``events-realnews-dev.jsonl``
or in ``eval/events_ecbtrain_extra.jsonl``, ``extra2`` or ``extra3`` (doc_id + whitespace-
normalised text).

Draw: ``random.seed(2031)`` once; topics in ascending order, 16 sentences per train topic.
Ten of each topic's 16 are drawn from its eligible sentences holding an action cue word (the
fixed ``CUE`` list of ``sample_events_extra2.py``, unchanged) and six from the others; a short
part is filled from the other. More cue sentences than extra2's half, because the event-ness
model is short of positive examples (extra3, a plain random draw, has 82 sentences with an
event of 400). The output keeps the draw order (per topic: cue part, then the rest).
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import sample_events_extra2 as s2  # noqa: E402

SEED = 2031
PER_TOPIC = 16
CUE_SHARE = 10
PRIOR = [s2.REALNEWS] + [os.path.join(HERE, f"events_ecbtrain_{n}.jsonl") for n in ("extra", "extra2", "extra3")]


def sample():
    return s2.sample(SEED, PER_TOPIC, CUE_SHARE, done=s2.already_coded(PRIOR))


if __name__ == "__main__":
    for doc_id, sid, tp, t in sample():
        print(json.dumps({"id": f"ext4-{doc_id}-{sid}", "doc_id": doc_id, "topic": tp,
                          "split": "train", "text": t, "cue": bool(s2.CUE.search(t))}))
