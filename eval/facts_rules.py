"""The statement-selection rules of facts round 8 (``eventwire.corpus.facts.rules``), measured
one by one on the tune stories of the shared gold and on the five extra stories
(eval/facts_extra.jsonl). In session 9's first round no rule had been read from the extra
stories; from its second round on they are tune data (``named_people`` and ``street_town`` were
written from the errors of all ten stories), so the "kept" test below is no longer a test on
unread stories, and the leave-one-story-out rule choice is the figure to quote.

    .venv/bin/python eval/facts_rules.py [--json OUT]

Each document is parsed once; for each rule set (``rules.using``) the statements are extracted
again, reconciled per story and scored by the shared ``facts_score.py`` (real documents):

1. ``none`` (main before round 8), ``all`` (the round-8 branch) and, for each rule, ``all``
   without it and ``none`` with it only, on the 5 tune stories and on the 5 extra stories,
   with the objective of ``facts_eval.cv_objective`` (statement F1 + share of all gold groups
   labelled right + conflict F1) and its three parts;
2. the decision, fixed before the run: a rule is kept when leaving it out of ``all`` lowers
   the objective on the extra stories (it helps where it was not read from); the kept set is
   then scored on both parts;
3. leave-one-story-out over the 10 stories: each story is scored with the rules whose removal
   from ``all`` lowers the objective on the other nine.

The held-out stories (10, 20, 24) are not read here.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import facts_eval as fe  # noqa: E402

from eventwire.corpus.facts import rules  # noqa: E402
from eventwire.corpus.facts.command import extract_statements  # noqa: E402


def lines_with(rule_set: frozenset[str], gold: list[dict[str, Any]], docs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every story's system line with ``rule_set`` in force."""
    with rules.using(rule_set):
        st = {d["doc_id"]: extract_statements(fe.FDS[d["doc_id"]]) for d in docs}
        return fe.system_lines(gold, docs, st, False)


def figures(fs: Any, gold: list[dict[str, Any]], lines: list[dict[str, Any]], subs: set[str]) -> tuple[float, float, float, float]:
    g = [x for x in gold if x["subtopic"] in subs]
    ln = [x for x in lines if x["story"] in subs]
    r = fe.score(fs, g, ln, False)
    f1, acc, cf1 = fe.summary(r)
    return fe.cv_objective(r), f1, acc, cf1


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--json", type=Path)
    a = ap.parse_args()
    if not (fe.FACTS / "facts-dev.jsonl").exists():
        print(f"no {fe.FACTS}/facts-dev.jsonl: skipped")
        return
    fs = fe.scorer()
    gold, docs, _ = fe.select("tune", True)
    parts = fe.split()
    tune, extra = set(parts["tune"]), set(parts["extra"])
    fe.extract_all(docs)  # parses every document once (fe.FDS)
    names = sorted(rules.ALL)
    configs: dict[str, frozenset[str]] = {"none": frozenset(), "all": rules.ALL}
    for r in names:
        configs[f"all-{r}"] = rules.ALL - {r}
        configs[f"none+{r}"] = frozenset({r})
    lines = {c: lines_with(s, gold, docs) for c, s in configs.items()}
    out: dict[str, Any] = {}
    print(f"{'setting':28} {'tune: obj   F1    acc   confl':34} {'extra: obj   F1    acc   confl':34}")
    for c in configs:
        t = figures(fs, gold, lines[c], tune)
        e = figures(fs, gold, lines[c], extra)
        out[c] = {"tune": t, "extra": e}
        print(f"{c:28} " + "  ".join(f"{x:.3f}" for x in t) + "    " + "  ".join(f"{x:.3f}" for x in e))
    kept = frozenset(r for r in names if out["all"]["extra"][0] > out[f"all-{r}"]["extra"][0] + 1e-9)
    print(f"\nkept (leaving it out of all lowers the extra stories' objective): {sorted(kept)}")
    ln = lines_with(kept, gold, docs)
    for name, subs in (("tune", tune), ("extra", extra), ("tune+extra", tune | extra)):
        k, n = figures(fs, gold, ln, subs), figures(fs, gold, lines["none"], subs)
        print(f"   {name:10} kept: obj {k[0]:.3f} F1 {k[1]:.3f} acc {k[2]:.3f} confl {k[3]:.3f}"
              f"   none: obj {n[0]:.3f} F1 {n[1]:.3f} acc {n[2]:.3f} confl {n[3]:.3f}")
    out["kept"] = sorted(kept)
    # leave one story out: the rules chosen on the other nine
    stories = sorted(tune | extra)
    held: list[dict[str, Any]] = []
    chosen = {}
    for s in stories:
        train = set(stories) - {s}
        base = figures(fs, gold, lines["all"], train)[0]
        ks = frozenset(r for r in names if base > figures(fs, gold, lines[f"all-{r}"], train)[0] + 1e-9)
        chosen[s] = sorted(ks)
        held.extend(x for x in lines_with(ks, gold, docs) if x["story"] == s)
    for name, subs in (("tune", tune), ("extra", extra), ("all 10", tune | extra)):
        r = figures(fs, gold, held, subs)
        n = figures(fs, gold, lines["none"], subs)
        print(f"LOSO rule choice, {name:7}: obj {r[0]:.3f} F1 {r[1]:.3f} acc {r[2]:.3f} confl {r[3]:.3f}"
              f"   (none: obj {n[0]:.3f} F1 {n[1]:.3f} acc {n[2]:.3f} confl {n[3]:.3f})")
    print(f"   rules chosen per held-out story: {chosen}")
    out["loso_chosen"] = chosen
    if a.json:
        a.json.write_text(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
