"""Near-duplicate detection on planted syndicated copies.

    .venv/bin/python eval/dedup_eval.py [--limit N] [--seed S]

Originals: the ECB+ (train+dev) and TempEval-3 (TimeBank+AQUAINT) texts in ../shared/data.
Each original gets one planted copy made like a syndicated rewrite: a changed headline,
an added byline, then one or two of: last paragraph trimmed, a paragraph added (from an
unrelated article), a quote changed, a sentence reworded. Everything goes through
``clean`` and the Deduper exactly as the runner does. Recall counts the copies whose
word-shingle Jaccard with their original (body text) is >= 0.8; false merges are originals
matched to a different original (ECB+ topics hold several articles on the same event) or
copies matched to the wrong original.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from pathlib import Path

from eventwire.ingest import clean
from eventwire.ingest.clean import dedup_text
from eventwire.ingest.dedup import Deduper, jaccard, shingle_hashes, signature
from eventwire.model import Article, RawDoc

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def load_originals(limit: int | None = None) -> list[tuple[str, str, str]]:
    """(doc_id, group, text): group is the ECB+ topic or the TempEval corpus."""
    out = []
    for name in ("ecbplus/ecbplus-train.jsonl", "ecbplus/ecbplus-dev.jsonl", "tempeval3/tbaq-train.jsonl"):
        p = SHARED / "data" / name
        if not p.exists():
            continue
        for line in p.open(encoding="utf-8"):
            d = json.loads(line)
            group = f"ecb-{d['topic']}" if "topic" in d else f"te3-{d.get('corpus', '')}"
            out.append((d["doc_id"], group, d["text"]))
    if limit is not None:
        rng = random.Random(7)
        rng.shuffle(out)
        out = out[:limit]
    return out


def body(a: Article) -> str:
    """What the product's duplicate detection compares (title + body)."""
    return dedup_text(a)


def _paras(text: str) -> list[str]:
    sep = "\n\n" if "\n\n" in text.strip() else "\n"
    return [p for p in text.strip().split(sep) if p.strip()], sep  # type: ignore[return-value]


_SYN = {"said": "stated", "told": "informed", "on": "on", "people": "persons", "police": "officers",
        "killed": "left dead", "after": "following", "before": "prior to", "also": "additionally"}


def make_copy(text: str, other: str, rng: random.Random) -> tuple[str, list[str]]:
    paras, sep = _paras(text)
    ops: list[str] = []
    headline = "EXCLUSIVE: " + " ".join(re.findall(r"\w+", paras[0])[:8]).title() if paras else "Copy"
    byline = rng.choice(["By Staff Reporter", "By Maria Lopez, Correspondent", "From wire reports"])
    kinds = rng.sample(["trim", "add", "quote", "reword"], k=rng.choice([1, 2]))
    for k in kinds:
        if k == "trim" and len(paras) > 3:
            paras = paras[:-1]
            ops.append("trim")
        elif k == "add":
            # one sentence (at most 40 words) of an unrelated article, like an editor's
            # added background paragraph
            sents = [x for x in re.split(r"(?<=[.!?])\s+", other.strip()) if 5 <= len(x.split()) <= 40]
            if sents:
                paras.insert(rng.randrange(1, len(paras) + 1), rng.choice(sents))
                ops.append("add")
        elif k == "quote":
            for i, p in enumerate(paras):
                m = re.search(r"[\"“]([^\"”]{10,})[\"”]", p)
                if m:
                    w = m.group(1).split()
                    j = rng.randrange(len(w))
                    w[j] = rng.choice(["indeed", "really", "certainly"])
                    paras[i] = p[: m.start(1)] + " ".join(w) + p[m.end(1) :]
                    ops.append("quote")
                    break
        elif k == "reword":
            i = rng.randrange(len(paras))
            paras[i] = " ".join(_SYN.get(w, w) for w in paras[i].split(" "))
            ops.append("reword")
    return headline + "\n\n" + byline + "\n\n" + sep.join(paras), ops


def run(limit: int | None = None, seed: int = 13) -> dict[str, float]:
    rng = random.Random(seed)
    originals = load_originals(limit)
    t0 = time.perf_counter()
    arts = [clean(RawDoc(source=i, text=t)) for i, _, t in originals]
    t_clean = time.perf_counter() - t0
    dd = Deduper()
    orig_of: dict[str, str] = {}
    false_merge_orig = 0
    true_dups_in_corpus = 0
    t0 = time.perf_counter()
    for (doc_id, _group, _), a in zip(originals, arts, strict=True):
        b = body(a)
        sig = signature(b)
        hit = dd.check(a.content_hash, b, sig)
        if hit is not None:
            # a hit among originals: verify independently it really is >= 0.8 similar
            other = next(x for x in arts if x.id == hit[0])
            real = jaccard(shingle_hashes(b), shingle_hashes(body(other)))
            if real >= 0.8:
                true_dups_in_corpus += 1
            else:
                false_merge_orig += 1
            continue
        dd.add(a.id, a.content_hash, sig, text=b)
        orig_of[doc_id] = a.id
    copies_total = copies_eligible = found = wrong = found_inelig = 0
    op_counts: dict[str, int] = {}
    for k, ((doc_id, _g, text), a) in enumerate(zip(originals, arts, strict=True)):
        if doc_id not in orig_of:
            continue
        other = originals[(k + 97) % len(originals)][2]
        ctext, ops = make_copy(text, other, rng)
        c = clean(RawDoc(source=doc_id + "-copy", text=ctext))
        cb = body(c)
        j = jaccard(shingle_hashes(body(a)), shingle_hashes(cb))
        copies_total += 1
        hit = dd.check(c.content_hash, cb, signature(cb))
        if j >= 0.8:
            copies_eligible += 1
            for o in ops:
                op_counts[o] = op_counts.get(o, 0) + 1
            if hit is not None and hit[0] == orig_of[doc_id]:
                found += 1
        elif hit is not None and hit[0] == orig_of[doc_id]:
            found_inelig += 1
        if hit is not None and hit[0] != orig_of[doc_id]:
            wrong += 1
    t_dedup = time.perf_counter() - t0
    return {
        "originals": len(originals),
        "planted_copies": copies_total,
        "copies_jaccard_ge_0.8": copies_eligible,
        "found": found,
        "recall": found / copies_eligible if copies_eligible else 0.0,
        "copies_below_0.8_matched_anyway": found_inelig,
        "false_merges_originals": false_merge_orig,
        "copies_matched_to_wrong_original": wrong,
        "true_near_duplicates_in_corpus": true_dups_in_corpus,
        "clean_ms_per_doc": 1000 * t_clean / max(1, len(originals)),
        "dedup_ms_per_doc": 1000 * t_dedup / max(1, len(originals) + copies_total),
        **{f"ops_{k}": v for k, v in sorted(op_counts.items())},
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--seed", type=int, default=13)
    args = ap.parse_args(argv)
    res = run(args.limit, args.seed)
    for k, v in res.items():
        print(f"{k:36s} {v:.4f}" if isinstance(v, float) else f"{k:36s} {v}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
