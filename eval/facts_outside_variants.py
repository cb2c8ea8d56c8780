"""Conflict recall on generated conflicting variants of ECB+ stories outside the facts gold.

    .venv/bin/python eval/facts_outside_variants.py [--per-story 4] [--set NAME=VALUE ...]

The stories are those of ``eval/facts_outside.py`` (55 ECB+ train/dev subtopics: not the facts
gold's 8, no subtopic of its held-out topics 10, 20, 24). There is no gold for them, so the
variants are built from the system's own groups, the way ``eval/facts_variants.py`` builds
them from the gold's: pick a group that ``eventwire facts`` labels ``agree`` across two or more
articles whose statements state a number written in digits; copy one of those articles and
change that number in every statement of the group in the copy (91 -> 93: value + max(2,
15 %)); at most ``--per-story`` variants per story, each on another group and article, with a
fixed seed. Each copy is analyzed as ``eventwire run`` analyzes an article and reconciled with
its story (one copy at a time). An injected clash is **found** when the copy's changed
statement sits in a group labelled ``conflict`` (or ``update``) together with a statement of
the group it was copied from; **apart** when it sits in a group of its own or with the
copy's value only (the clash was taken for two facts); **lost** when no statement of the copy
states the new value at that place (the copy parsed differently). This measures recall only
(no false conflicts: see ``facts_outside.py``), and it is not a held-out figure: the groups it
starts from are the system's own.
"""

from __future__ import annotations

import argparse
import collections
import random
import re
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import facts_eval as fe  # noqa: E402
from facts_outside import prepare  # noqa: E402

from eventwire.corpus.facts.command import extract_statements, fact_docs, resolve_story, story_facts  # noqa: E402

SEED = 20261201


def _digits(text: str, v: float) -> re.Match[str] | None:
    if v != int(v):
        return None
    hits = [m for m in re.finditer(r"\d+", text) if int(m.group(0)) == int(v)]
    return hits[0] if len(hits) == 1 else None


def variants_of(line: dict[str, Any], texts: dict[str, str], per_story: int, rng: random.Random) -> list[dict[str, Any]]:
    """(base article, copy text, changed offsets in the copy, old and new value) per variant."""
    sts = line["statements"]
    cands = [g for g in line["groups"] if g["label"] == "agree"
             and all(isinstance(sts[m]["value"], int | float) for m in g["members"])]
    rng.shuffle(cands)
    out: list[dict[str, Any]] = []
    used: set[str] = set()
    for g in cands:
        if len(out) >= per_story:
            break
        docs = sorted({sts[m]["doc_id"] for m in g["members"]} - used)
        rng.shuffle(docs)
        for base in docs:
            mine = [m for m in g["members"] if sts[m]["doc_id"] == base]
            edits = []
            for m in mine:
                d = _digits(sts[m]["text"], float(sts[m]["value"]))
                if d is None:
                    break
                edits.append((sts[m]["start"] + d.start(), sts[m]["start"] + d.end()))
            if len(edits) != len(mine):
                continue
            old = float(sts[mine[0]]["value"])
            new = int(old + max(2, round(abs(old) * 0.15)))
            text = texts[base]
            for a, b in sorted(set(edits), reverse=True):
                text = text[:a] + str(new) + text[b:]
            delta = len(str(new)) - len(str(int(old)))
            starts = sorted({a for a, _ in edits})
            at = [a + delta * n for n, a in enumerate(starts)]
            out.append({"base": base, "text": text, "at": at, "old": old, "new": float(new), "key": g["key"],
                        "base_members": {(sts[m]["doc_id"], sts[m]["start"], sts[m]["end"]) for m in g["members"]}})
            used.add(base)
            break
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--per-story", type=int, default=4)
    ap.add_argument("--set", action="append", default=[], help="NAME=VALUE: a reconciliation setting")
    ap.add_argument("--list", action="store_true", help="print each variant's outcome")
    a = ap.parse_args()
    docs = prepare(a.set)
    if docs is None:
        return
    texts = {d["doc_id"]: d["text"] for d in docs}
    st, *_ = fe.extract_all(docs)
    stories: dict[str, list[str]] = collections.defaultdict(list)
    for d in docs:
        stories[d["story"]].append(d["doc_id"])
    rng = random.Random(SEED)
    outcome: collections.Counter[str] = collections.Counter()
    for sub, ids in sorted(stories.items()):
        base_sts = resolve_story([(fe.FDS[i], st[i]) for i in ids])
        for v in variants_of(story_facts(sub, base_sts), texts, a.per_story, rng):
            vid = f"{v['base']}-variant"
            fd = fact_docs([(vid, v["text"], None)])[0]
            line = story_facts(sub, resolve_story([*((fe.FDS[i], st[i]) for i in ids), (fd, extract_statements(fd))]))
            sts = line["statements"]
            changed = [n for n, s in enumerate(sts) if s["doc_id"] == vid and s["value"] == v["new"]
                       and any(s["start"] <= x < s["end"] for x in v["at"])]
            result = "lost"
            for g in line["groups"]:
                if not set(changed) & set(g["members"]):
                    continue
                with_base = any((sts[m]["doc_id"], sts[m]["start"], sts[m]["end"]) in v["base_members"] for m in g["members"])
                result = "found" if with_base and g["label"] in ("conflict", "update") else "apart"
                break
            outcome[result] += 1
            if a.list:
                print(f"{result:6} {sub:12} {v['key']:34} {v['old']:g} -> {v['new']:g} in {v['base']}")
    n = sum(outcome.values())
    print(f"{len(stories)} stories, {n} variants: found {outcome['found']} ({outcome['found'] / max(n, 1):.3f}), "
          f"apart {outcome['apart']}, lost {outcome['lost']}")


if __name__ == "__main__":
    main()
