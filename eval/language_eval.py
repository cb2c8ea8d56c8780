"""Language detection at ingest: accuracy and speed.

    .venv/bin/python eval/language_eval.py

1. The 1,028 real English news texts of ECB+ (train + dev) and TempEval-3 in
   ``../shared/data``, through ``eventwire.ingest.clean`` as ingest does: every one should be
   English (anything else would leave an English article unanalyzed).
2. ``eval/language_samples.jsonl``: 12 short news paragraphs written for eventwire in German,
   French, Spanish, Italian, Portuguese and Dutch: none may be called English.
3. Speed of the detector alone on the English texts (first 1,000 characters, as ingest).
"""

from __future__ import annotations

import json
import time
from collections import Counter
from pathlib import Path

from eventwire.ingest.clean import clean
from eventwire.ingest.language import SAMPLE_CHARS, detect_language
from eventwire.model import RawDoc

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared"


def english_texts() -> list[tuple[str, str]]:
    out = []
    for name in ("ecbplus/ecbplus-train.jsonl", "ecbplus/ecbplus-dev.jsonl", "tempeval3/tbaq-train.jsonl"):
        p = SHARED / "data" / name
        if p.exists():
            out.extend((d["doc_id"], d["text"]) for d in map(json.loads, p.open(encoding="utf-8")))
    return out


def main() -> None:
    t0 = time.perf_counter()
    detect_language("warm-up: load the model once")
    load = time.perf_counter() - t0
    en = english_texts()
    langs = Counter()
    low = []
    for doc_id, text in en:
        a = clean(RawDoc(source=doc_id, text=text))
        langs[a.language or "-"] += 1
        if a.language != "en" or (a.language_confidence or 0) < 0.8:
            low.append((doc_id, a.language, a.language_confidence))
    print(f"English news texts: {len(en)}; detected {dict(langs)}")
    print(f"  not English or confidence < 0.8: {low}")
    samples = [json.loads(x) for x in (HERE / "language_samples.jsonl").open(encoding="utf-8")]
    right = sum(detect_language(s["text"])[0] == s["lang"] for s in samples)
    called_en = sum(detect_language(s["text"])[0] == "en" for s in samples)
    print(f"written non-English paragraphs: {right}/{len(samples)} right language, {called_en} called English")
    t1 = time.perf_counter()
    for _, text in en:
        detect_language(text[:SAMPLE_CHARS])
    dt = time.perf_counter() - t1
    print(f"speed: {len(en) / dt:.0f} texts/s on one core (first {SAMPLE_CHARS} chars); model load {load:.1f}s")


if __name__ == "__main__":
    main()
