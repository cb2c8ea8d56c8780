"""Reconciliation on ECB+ stories outside the facts gold: the groups ``eventwire facts`` labels
``conflict`` or ``update``, for reading (there is no gold for these stories).

    .venv/bin/python eval/facts_outside.py [--labels conflict,update] [--set NAME=VALUE ...]

Every ECB+ train/dev subtopic that is not one of the facts gold's 8 subtopics, and no subtopic
of the gold's held-out topics (10, 20, 24: eval/facts_split.json), is one story (66 - 8 - 3 =
55 subtopics, 666 articles). Each document is analyzed as ``eventwire run`` analyzes an
article (``facts_eval.extract_all``); prints the count of each label and every group with one
of ``--labels``, member by member (article, value, qualifier, span). ``--set`` overrides a
reconciliation setting (``UNCLASSED_APART=()``) to read what it changes. Used in round 6 to
read which conflicts are false (background statistics, two people's ages under one key,
partial dates): see README, Facts.
"""

from __future__ import annotations

import argparse
import ast
import collections
import json
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import facts_eval as fe  # noqa: E402

from eventwire.corpus.facts.command import resolve_story, story_facts  # noqa: E402


def outside_docs() -> list[dict[str, Any]]:
    """The ECB+ train and dev documents of stories outside the facts gold and its held-out topics."""
    gold_subs = {json.loads(line)["subtopic"] for line in (fe.FACTS / "facts-dev.jsonl").open(encoding="utf-8")}
    held_topics = {int(s.split("_")[0]) for s in json.loads((HERE / "facts_split.json").read_text(encoding="utf-8"))["heldout"]}
    docs = []
    for f in ("ecbplus-train.jsonl", "ecbplus-dev.jsonl"):
        for line in (fe.ECB / f).open(encoding="utf-8"):
            d = json.loads(line)
            if d["subtopic"] in gold_subs or d["topic"] in held_topics:
                continue
            docs.append({"doc_id": d["doc_id"], "text": d["text"], "story": d["subtopic"], "variant": False})
    return docs


def prepare(settings: list[str]) -> list[dict[str, Any]] | None:
    """Apply ``NAME=VALUE`` reconciliation settings and return the outside stories' documents;
    None (after saying so) when the shared data are absent."""
    if not (fe.FACTS / "facts-dev.jsonl").exists() or not (fe.ECB / "ecbplus-train.jsonl").exists():
        print(f"no {fe.FACTS}/facts-dev.jsonl or ECB+ files: skipped")
        return None
    for x in settings:
        name, value = x.split("=", 1)
        setattr(fe.rec_mod, name, ast.literal_eval(value))
    return outside_docs()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--labels", default="conflict,update")
    ap.add_argument("--set", action="append", default=[], help="NAME=VALUE: a reconciliation setting")
    a = ap.parse_args()
    docs = prepare(a.set)
    if docs is None:
        return
    st, *_ = fe.extract_all(docs)
    stories: dict[str, list[str]] = collections.defaultdict(list)
    for d in docs:
        stories[d["story"]].append(d["doc_id"])
    want = set(a.labels.split(","))
    labels: collections.Counter[str] = collections.Counter()
    for sub, ids in stories.items():
        line = story_facts(sub, resolve_story([(fe.FDS[i], st[i]) for i in ids]))
        for g in line["groups"]:
            labels[g["label"]] += 1
            if g["label"] in want:
                print(f"== {sub} {g['key']} {g['label']}")
                for m in g["members"]:
                    s = line["statements"][m]
                    print(f"     {s['doc_id']:14} {s['value']!r:30} {s.get('qualifier') or ''} {s['text'][:80]!r}")
    print(f"{len(stories)} stories, {len(docs)} articles: {dict(sorted(labels.items()))}")


if __name__ == "__main__":
    main()
