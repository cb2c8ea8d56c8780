"""Scale benchmark for online story clustering: per-article cost from the first to the
last thousand of N articles, and peak memory.

Corpus: real news text (the 1,028 articles of ECB+ train+dev and TempEval-3 in
../shared/data). Volume is SYNTHESIZED by resampling: synthetic story k takes a real
article group (an ECB+ subtopic, or one TempEval article), renames its people and places
consistently with pseudo-names drawn for k (so stories built on the same source stay
distinct), gets a date in 2015-2025, and each of its 2-14 synthetic articles is a random
subset of the group's sentences, shuffled, dated within a few days of the story. The
stream is in date order, like a news feed. What is measured is what the ``stories``
corpus stage does per article: features, running IDF, candidate lookup, scoring, joins,
merges and splits (no database).

    .venv/bin/python bench/stories_scale.py [--n 100000] [--out bench/results/stories_scale.json]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import resource
import sys
import time
from pathlib import Path

from eventwire.corpus.stories import StoryClusterer
from eventwire.corpus.stories.features import DocFreq, mentioned_years, terms, vectorize

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
_CAP = re.compile(r"\b[A-Z][a-z]{2,}\b")
_SYL = ("ka", "lo", "mi", "ren", "ta", "vo", "sel", "dar", "po", "ne", "quin", "bra", "zu", "fen", "hal")


def groups() -> list[list[str]]:
    """Lists of sentences of real articles about one happening."""
    by: dict[str, list[str]] = {}
    for f in ("ecbplus/ecbplus-train.jsonl", "ecbplus/ecbplus-dev.jsonl"):
        for line in (SHARED / f).open(encoding="utf-8"):
            d = json.loads(line)
            by.setdefault(d["subtopic"], []).extend(s for s in d["text"].split("\n") if len(s) > 30)
    out = list(by.values())
    for line in (SHARED / "tempeval3" / "tbaq-train.jsonl").open(encoding="utf-8"):
        d = json.loads(line)
        sents = [s for s in re.split(r"(?<=[.!?])\s+", d["text"]) if len(s) > 30]
        if len(sents) >= 6:
            out.append(sents)
    return out


def pseudo(rng: random.Random) -> str:
    return "".join(rng.choice(_SYL) for _ in range(rng.randint(2, 3))).capitalize()


def stream(n: int, seed: int = 0) -> list[tuple[str, str, str]]:
    rng = random.Random(seed)
    gs = groups()
    start = dt.date(2015, 1, 1)
    docs: list[tuple[str, str, str]] = []
    k = 0
    while len(docs) < n:
        g = rng.choice(gs)
        names: dict[str, str] = {}

        def rename(m: re.Match[str], names: dict[str, str] = names) -> str:
            w = m.group()
            if w not in names:
                names[w] = pseudo(rng) if rng.random() < 0.7 else w
            return names[w]

        day = start + dt.timedelta(days=rng.randrange(3650))
        for j in range(rng.randint(2, 14)):
            sents = rng.sample(g, min(len(g), rng.randint(4, 12)))
            text = " ".join(_CAP.sub(rename, s) for s in sents)
            when = (day + dt.timedelta(days=rng.randint(0, 4))).isoformat()
            docs.append((f"s{k}-{j}", text, when))
        k += 1
    docs = docs[:n]
    docs.sort(key=lambda d: d[2])
    return docs


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def run(n: int, window: int = 1000) -> dict[str, object]:
    t0 = time.perf_counter()
    docs = stream(n)
    gen_s = time.perf_counter() - t0
    mem0 = peak_mb()
    cl = StoryClusterer()
    df = DocFreq()
    per_window: list[float] = []
    cands: list[int] = []
    t = time.perf_counter()
    for i, (did, text, date) in enumerate(docs, 1):
        c = terms(text)
        df.observe(c)
        cl.add(did, vectorize(c, df, date=date, years=mentioned_years(text)))
        cands.append(cl.last_candidates)
        if i % window == 0:
            now = time.perf_counter()
            per_window.append((now - t) / window * 1000.0)
            t = now
    first, last = per_window[0], per_window[-1]
    gold = {d[0]: d[0].split("-")[0] for d in docs}
    from collections import Counter

    sizes = Counter(cl.story_of.values())
    return {
        "articles": n,
        "synthetic": "resampled real news (ECB+ train/dev, TempEval-3), renamed per story; see docstring",
        "stories": len(cl.stories),
        "true_stories": len(set(gold.values())),
        "ms_per_article_by_1000": [round(x, 3) for x in per_window],
        "first_1000_ms": round(first, 3),
        "last_1000_ms": round(last, 3),
        "ratio_last_first": round(last / first, 3),
        "max_candidates_per_article": max(cands),
        "mean_candidates_last_1000": round(sum(cands[-window:]) / window, 1),
        "peak_rss_mb": round(peak_mb(), 1),
        "rss_before_clustering_mb": round(mem0, 1),
        "largest_story": max(sizes.values()),
        "generate_seconds": round(gen_s, 1),
        "python": sys.version.split()[0],
    }


def svg(res: dict[str, object], path: Path) -> None:
    ys = list(res["ms_per_article_by_1000"])  # type: ignore[call-overload]
    w, h, pad = 640, 300, 45
    top = max(ys) * 1.15 or 1.0
    pts = " ".join(f"{pad + i * (w - 2 * pad) / max(1, len(ys) - 1):.1f},{h - pad - y / top * (h - 2 * pad):.1f}"
                   for i, y in enumerate(ys))
    ticks = "".join(
        f'<text x="{pad - 6}" y="{h - pad - f * (h - 2 * pad) + 4:.1f}" text-anchor="end" font-size="11">{f * top:.1f}</text>'
        for f in (0, 0.25, 0.5, 0.75, 1.0))
    n = res["articles"]
    path.write_text(
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" font-family="sans-serif">'
        f'<rect width="{w}" height="{h}" fill="white"/>'
        f'<line x1="{pad}" y1="{h - pad}" x2="{w - pad}" y2="{h - pad}" stroke="black"/>'
        f'<line x1="{pad}" y1="{pad}" x2="{pad}" y2="{h - pad}" stroke="black"/>{ticks}'
        f'<polyline fill="none" stroke="#1f77b4" stroke-width="2" points="{pts}"/>'
        f'<text x="{w / 2}" y="{h - 10}" text-anchor="middle" font-size="12">articles added (thousands, of {n:,})</text>'
        f'<text x="14" y="{h / 2}" transform="rotate(-90 14 {h / 2})" text-anchor="middle" font-size="12">ms per article</text>'
        f'<text x="{w / 2}" y="22" text-anchor="middle" font-size="13">Story clustering: cost per article, '
        f'peak RSS {res["peak_rss_mb"]} MB</text></svg>\n')


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "stories_scale.json")
    a = ap.parse_args()
    res = run(a.n)
    a.out.parent.mkdir(parents=True, exist_ok=True)
    a.out.write_text(json.dumps(res, indent=1) + "\n")
    svg(res, a.out.with_suffix(".svg"))
    print(json.dumps({k: v for k, v in res.items() if k != "ms_per_article_by_1000"}, indent=1))


if __name__ == "__main__":
    main()
