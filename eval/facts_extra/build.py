#!/usr/bin/env python3
"""Build eval/facts_extra.jsonl (five more annotated ECB+ stories for the facts evaluation)
from the annotation modules in this folder (a<subtopic>.py).

    python3 eval/facts_extra/build.py [--shared ../shared] [--out eval/facts_extra.jsonl] [--check]

The record format, conventions and offset checks are those of the shared dev gold
(../shared/data/facts, its README and build/): the quote-to-offset helper (``common.py``) and
the gold's ``clean`` and ``verify`` functions are imported from ``<shared>/data/facts/build``
at build time, so the offsets are found and re-checked exactly as the gold's are. There are
no synthetic variants (``eval/facts_variants.py`` generates conflicting variants from any
gold line). ``--check`` rebuilds in memory and fails unless the result equals the file.
"""
from __future__ import annotations

import argparse
import collections
import importlib
import importlib.util
import json
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
MODULES = ["a11_ecbplus", "a14_ecbplus", "a23_ecb", "a32_ecb", "a33_ecb"]


def build(shared: Path) -> list[dict[str, Any]]:
    sys.path.insert(0, str(shared / "data" / "facts" / "build"))
    sys.path.insert(0, str(HERE))
    common = importlib.import_module("common")
    gold_build = _gold_build(shared)
    docs = common.DOCS
    lines = []
    for mn in MODULES:
        m = importlib.import_module(mn)
        sub = m.SUBTOPIC
        doc_ids = sorted((d for d in docs if docs[d]["subtopic"] == sub),
                         key=lambda d: int(d.split("_")[1].rstrip("ecbplus")))
        statements = []
        for st in m.ST:
            if docs[st["doc_id"]]["subtopic"] != sub:
                raise SystemExit(f"{mn}: {st['doc_id']} is not in {sub}")
            s, e = common.resolve(st)
            statements.append(gold_build.clean(st, s, e, docs[st["doc_id"]]["text"]))
        order: list[str] = []
        members: dict[str, list[int]] = collections.defaultdict(list)
        for i, st in enumerate(statements):
            if st["key"] not in members:
                order.append(st["key"])
            members[st["key"]].append(i)
        if set(order) != set(m.LABELS):
            raise SystemExit(f"{mn}: keys without a label or labels without a key: {set(order) ^ set(m.LABELS)}")
        groups = []
        for k in order:
            label, reason = m.LABELS[k]
            n_docs = len({statements[i]["doc_id"] for i in members[k]})
            if (label == "single-source") != (n_docs == 1) and label != "conflict":
                raise SystemExit(f"{mn}: {k} is {label} with {n_docs} documents")
            groups.append(collections.OrderedDict([("key", k), ("label", label), ("members", members[k]),
                                                   ("reason", reason), ("synthetic", False)]))
        lines.append(collections.OrderedDict([
            ("subtopic", sub), ("main_happening", m.MAIN), ("doc_ids", doc_ids),
            ("variants", []), ("statements", statements), ("groups", groups)]))
    n, errs = gold_build.verify(lines)
    if errs:
        raise SystemExit("\n".join(errs))
    return lines


def _gold_build(shared: Path) -> Any:
    """The shared gold's build.py as a module (for ``clean`` and ``verify``)."""
    spec = importlib.util.spec_from_file_location("facts_gold_build", shared / "data" / "facts" / "build" / "build.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def dumps(lines: list[dict[str, Any]]) -> str:
    return "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=HERE.parent.parent.parent / "shared")
    ap.add_argument("--out", type=Path, default=HERE.parent / "facts_extra.jsonl")
    ap.add_argument("--check", action="store_true", help="fail unless --out equals a fresh build")
    a = ap.parse_args()
    lines = build(a.shared)
    text = dumps(lines)
    n = sum(len(x["statements"]) for x in lines)
    if a.check:
        if a.out.read_text(encoding="utf-8") != text:
            raise SystemExit(f"{a.out} differs from a fresh build")
        print(f"{a.out}: up to date ({len(lines)} stories, {n} statements verified)")
        return
    a.out.write_text(text, encoding="utf-8")
    print(f"wrote {a.out}: {len(lines)} stories, {n} statements verified")


if __name__ == "__main__":
    main()
