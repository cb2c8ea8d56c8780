"""Generated conflicting variants of real ECB+ articles, for measuring conflict detection
with more cases than the 7 hand-made variants of the shared gold.

    .venv/bin/python eval/facts_variants.py [--part all|tune|heldout|extra] [--with-extra] [--per-story 3] [--cv]

Built from the shared dev gold the same way its hand-made variants are (its README): pick a
gold group labelled ``agree`` whose members span two or more articles and state a number
written in digits; copy one of those articles and change that number in every
statement of the group in the copy (91 -> 93: value + max(2, 15 %)); the copy's other
statements are copied unchanged. The group with the copy's statements is then a
``conflict``; a ``single-source`` group of a copied article (now stated twice) is left out
of the label scoring. At most ``--per-story`` variants per story, each on another group and another
article, chosen with a fixed seed. Scored by the shared ``facts_score.py --with-variants``
rules (statement P/R/F1, label accuracy, conflict P/R/F1). Nothing here is written by hand
for a story: the generator reads only the gold's labels, offsets and values.
"""

from __future__ import annotations

import argparse
import copy
import json
import random
import re
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import facts_eval as fe  # noqa: E402

SEED = 20261130


def _new_value(v: float) -> int:
    return int(v + max(2, round(abs(v) * 0.15)))


def _digits(text: str, v: float) -> re.Match[str] | None:
    """The one run of digits in ``text`` that writes ``v``."""
    if v != int(v):
        return None
    hits = [m for m in re.finditer(r"\d+", text) if int(m.group(0)) == int(v)]
    return hits[0] if len(hits) == 1 else None


def generate(line: dict[str, Any], texts: dict[str, str], per_story: int, rng: random.Random) -> dict[str, Any]:
    """A gold line with generated variants instead of the hand-made ones."""
    sts = [s for s in line["statements"] if not s.get("synthetic")]
    groups = [g for g in line["groups"] if not g.get("synthetic")]
    out = {**{k: v for k, v in line.items() if k not in ("statements", "groups", "variants")},
           "statements": copy.deepcopy(sts), "groups": copy.deepcopy(groups), "variants": []}
    cands = []
    for gi, g in enumerate(groups):
        members = [sts[m] for m in g["members"]]
        if g["label"] != "agree" or len({s["doc_id"] for s in members}) < 2:
            continue
        if not all(isinstance(s["value"], int | float) and not isinstance(s["value"], bool) for s in members):
            continue
        cands.append(gi)
    rng.shuffle(cands)
    used_docs: set[str] = set()
    for gi in cands:
        if len(out["variants"]) >= per_story:
            break
        g = groups[gi]
        docs = sorted({sts[m]["doc_id"] for m in g["members"]} - used_docs)
        rng.shuffle(docs)
        for base in docs:
            mine = [m for m in g["members"] if sts[m]["doc_id"] == base]
            edits = []
            for m in mine:
                s = sts[m]
                d = _digits(s["text"], float(s["value"]))
                if d is None:
                    break
                edits.append((s["start"] + d.start(), s["start"] + d.end(), m))
            if len(edits) != len(mine):
                continue
            # no other statement of the article may overlap a changed number
            spans = {(a, b) for a, b, _ in edits}
            others = [i for i, s in enumerate(sts) if s["doc_id"] == base and i not in mine]
            if any(sts[i]["start"] < b and a < sts[i]["end"] for i in others for a, b in spans):
                continue
            old = float(sts[mine[0]]["value"])
            new = _new_value(old)
            text = texts[base]
            new_text, shift = text, []
            for a, b, _ in sorted(set(edits), reverse=True):
                new_text = new_text[:a] + str(new) + new_text[b:]
            delta = len(str(new)) - len(str(int(old)))
            for a, _, _ in sorted(set(edits)):
                shift.append(a)

            def moved(x: int, shift: list[int] = shift, delta: int = delta) -> int:
                return x + delta * sum(1 for a in shift if a < x)

            vid = f"{base}-g{len(out['variants']) + 1}-variant"
            first_copy = len(out["statements"])
            copies = []
            for i, s in enumerate(sts):
                if s["doc_id"] != base:
                    continue
                c = {**copy.deepcopy(s), "doc_id": vid, "synthetic": True, "base_statement": i,
                     "start": moved(s["start"]), "end": moved(s["end"])}
                if i in mine:
                    c["value"] = new
                    c.pop("alt_values", None)
                c["text"] = new_text[c["start"] : c["end"]]
                copies.append((i, c))
            out["statements"].extend(c for _, c in copies)
            members = list(g["members"]) + [first_copy + n for n, (i, _) in enumerate(copies) if i in mine]
            out["groups"].append({"key": g["key"], "label": "conflict", "members": members, "synthetic": True,
                                  "replaces_group": gi, "reason": f"generated: {int(old)} -> {new} in {vid}"})
            out["variants"].append({"doc_id": vid, "base_doc_id": base, "text": new_text, "synthetic": True,
                                    "change": {"key": g["key"], "old_value": old, "new_value": new}})
            used_docs.add(base)
            break
    # a single-source group of a copied article has two articles now: its label is no
    # longer known, so it is not scored
    out["groups"] = [g for g in out["groups"] if g.get("synthetic") or g["label"] != "single-source"
                     or not {sts[m]["doc_id"] for m in g["members"]} & used_docs]
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--part", choices=fe.PARTS, default="all")
    ap.add_argument("--with-extra", action="store_true",
                    help="add the 5 extra stories (eval/facts_extra.jsonl) to --part tune or all")
    ap.add_argument("--per-story", type=int, default=4)
    ap.add_argument("--json", type=Path, help="write the figures as JSON")
    ap.add_argument("--cv", action="store_true",
                    help="also the leave-one-story-out CV of the reconciliation settings (facts_eval.GRID) on these variants")
    ap.add_argument("--errors", action="store_true", help="list the wrong labels (--part tune only)")
    ap.add_argument("--rules", help="statement-selection rules in force: 'none', 'all' or a comma-separated list")
    a = ap.parse_args()
    with fe.rules.using(fe.rules.parse(a.rules) if a.rules is not None else fe.rules.ON):
        _run(a, ap)


def _run(a: argparse.Namespace, ap: argparse.ArgumentParser) -> None:
    if a.errors and a.part != "tune":
        ap.error("--errors lists the errors of the tune part only (--part tune): the held-out part stays unread")
    if not (fe.FACTS / "facts-dev.jsonl").exists():
        print(f"no {fe.FACTS}/facts-dev.jsonl: skipped")
        return
    if a.with_extra and a.part in ("heldout", "extra"):
        ap.error("--with-extra adds the extra stories to --part tune or all; the held-out part stays 10/20/24")
    fs = fe.scorer()
    gold, docs, _ = fe.select(a.part, a.with_extra)
    texts = {d["doc_id"]: d["text"] for d in docs}
    rng = random.Random(SEED)
    gen = [generate(g, texts, a.per_story, rng) for g in gold]
    vdocs = [d for d in docs if not d["variant"] and d["story"] in {g["subtopic"] for g in gen}]
    vdocs += [{"doc_id": v["doc_id"], "text": v["text"], "story": g["subtopic"], "variant": True}
              for g in gen for v in g["variants"]]
    st, *_ = fe.extract_all(vdocs)
    lines = fe.system_lines(gen, vdocs, st, True)
    res = fe.score(fs, gen, lines, True)
    n = sum(len(g["variants"]) for g in gen)
    print(f"== generated conflicting variants, part {a.part}: {n} variants in {len(gen)} stories "
          f"(seed {SEED}, at most {a.per_story} per story)")
    print(fs.format_report(res))
    if a.errors:
        print("\n".join(x for x in fe.error_listing(fs, gen, lines, True) if x.lstrip().startswith(("LABEL", "--"))))
    if a.cv:
        print("\n== leave-one-story-out cross-validation of the reconciliation settings on the generated variants")
        for line in fe.loso(fs, gen, vdocs, st):
            print(line)
    if a.json:
        a.json.write_text(json.dumps({"n_variants": n, "conflict_f1": res["conflict_detection"]["f1"],
                                      "conflict_p": res["conflict_detection"]["precision"],
                                      "conflict_r": res["conflict_detection"]["recall"],
                                      "label_accuracy": res["group_label"]["accuracy"]}, indent=1))


if __name__ == "__main__":
    main()
