#!/usr/bin/env python3
"""Validate hand-coded event files in the realnews record format (standard library only).

    python3 eval/check_events_annotations.py eval/events_ecbtrain_extra2.jsonl [more.jsonl ...]
    python3 eval/check_events_annotations.py --sample eval/events_ecbtrain_extra2.jsonl
    python3 eval/check_events_annotations.py --sample eval/events_ecbtrain_extra3.jsonl

Checks per record: required fields, ``no_events`` == (events empty), ECB+ train split (ECB+
dev for the held-out ``eval/events_ecbdev_*.jsonl``, sampled by ``eval/sample_events_ecbdev_*.py``)
and no test topic (36-45); per event: a PLOVER v2.0 type (``plover_types.json``), an ``event_code``
listed in the ICEWS CAMEO codefile or null, actor ``text`` an exact substring of the sentence or
``"(implicit) ..."``, country an ISO alpha-3-shaped code / UNO / NGO / null, status and
``event_date`` formats. Across files: unique ids, no sentence (doc_id + text) already in the
realnews gold or in another extra file (``eval/events_ecbtrain_extra*.jsonl`` other than the
checked file itself). With ``--sample`` the records must be exactly the sample of the file's
sampler (``eval/sample_events_extra2.py`` for ``..._extra2.jsonl``, ``eval/sample_events_extra3.py``
for ``..._extra3.jsonl``; same ids, texts and order). A file coded in chunks may be a prefix of
its sample with ``--prefix``.
Exit status 1 and one line per problem when anything fails.
"""
import argparse
import glob
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.path.join(HERE, "..", "..", "shared", "data")
PLOVER_TYPES = os.path.join(SHARED, "events", "plover", "plover_types.json")
CODEFILE = os.path.join(SHARED, "events", "plover", "CAMEO_codefile.ICEWS-to-jsonl.txt")
REALNEWS = os.path.join(SHARED, "realnews", "events-realnews-dev.jsonl")
EXTRAS = sorted(glob.glob(os.path.join(HERE, "events_ecbtrain_extra*.jsonl")))
STATUS = {"happened", "planned", "ongoing", "negated", "hypothetical"}
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
FIELDS = ["id", "doc_id", "topic", "split", "text", "date", "no_events", "events", "source"]
EVENT_FIELDS = ["plover_type", "event_code", "source_actors", "target_actors", "status", "event_date", "note"]


def norm(t):
    return " ".join(t.split())


def cameo_codes():
    codes = set()
    with open(CODEFILE, encoding="utf-8") as f:
        for line in f:
            m = re.match(r"LABELi?:\s*(\d+)i?=", line)
            if m:
                codes.add(m.group(1))
    return codes


def check_record(r, types, codes, where, split="train"):
    errs = []
    for k in FIELDS:
        if k not in r:
            errs.append(f"{where}: missing field {k}")
    if errs:
        return errs
    if r["split"] != split:
        errs.append(f"{where}: split {r['split']!r} (only ECB+ {split} in this file)")
    if 36 <= int(r["topic"]) <= 45:
        errs.append(f"{where}: test topic {r['topic']}")
    if r["date"] is not None and not re.match(r"^\d{4}-\d{2}-\d{2}$", r["date"]):
        errs.append(f"{where}: bad date {r['date']!r}")
    if r["no_events"] != (not r["events"]):
        errs.append(f"{where}: no_events does not match events")
    for i, e in enumerate(r["events"]):
        w = f"{where} event {i}"
        missing = [k for k in EVENT_FIELDS if k not in e]
        if missing:
            errs.append(f"{w}: missing {missing}")
            continue
        if e["plover_type"] not in types:
            errs.append(f"{w}: plover_type {e['plover_type']!r}")
        if e["event_code"] is not None and e["event_code"] not in codes:
            errs.append(f"{w}: event_code {e['event_code']!r} not in the CAMEO codefile")
        if e["status"] not in STATUS:
            errs.append(f"{w}: status {e['status']!r}")
        if e["event_date"] is not None and not DATE.match(e["event_date"]):
            errs.append(f"{w}: event_date {e['event_date']!r}")
        if not isinstance(e["note"], str) or not e["note"].strip():
            errs.append(f"{w}: empty note")
        for role in ("source_actors", "target_actors"):
            for a in e[role]:
                t, c = a.get("text"), a.get("country", "missing")
                if not isinstance(t, str) or not t or (not t.startswith("(implicit) ") and t not in r["text"]):
                    errs.append(f"{w}: {role} text {t!r} is not a substring of the sentence nor '(implicit) ...'")
                if c is not None and not (c in ("UNO", "NGO") or re.match(r"^[A-Z]{3}$", str(c))):
                    errs.append(f"{w}: {role} country {c!r}")
    return errs


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("files", nargs="+")
    ap.add_argument("--sample", action="store_true", help="also compare with the file's sampler (eval/sample_events_extraN.py)")
    ap.add_argument("--prefix", action="store_true", help="with --sample: the records may be a prefix of the sample")
    a = ap.parse_args()
    with open(PLOVER_TYPES, encoding="utf-8") as f:
        types = set(json.load(f))
    codes = cameo_codes()
    def sentences(path):
        with open(path, encoding="utf-8") as f:
            return {(r["doc_id"], norm(r["text"])) for r in map(json.loads, filter(str.strip, f))}

    gold = sentences(REALNEWS)
    extras = {os.path.abspath(p): sentences(p) for p in EXTRAS}
    errs, ids, recs, samplers = [], set(), [], []
    for path in a.files:
        prior = gold.union(*(s for p, s in extras.items() if p != os.path.abspath(path)))
        m = re.search(r"events_ecb(train_extra\d*|dev_\w+)\.jsonl$", path)
        held_out = bool(m and m.group(1).startswith("dev_"))
        name = m.group(1).removeprefix("train_") if m else None
        samplers.append(os.path.join(HERE, f"sample_events_{'ecb' + name if held_out else name}.py") if m else None)
        recs.append([])
        with open(path, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                if not line.strip():
                    continue
                r = json.loads(line)
                recs[-1].append(r)
                where = f"{os.path.basename(path)}:{n} {r.get('id')}"
                errs += check_record(r, types, codes, where, "dev" if held_out else "train")
                if r.get("id") in ids:
                    errs.append(f"{where}: duplicate id")
                ids.add(r.get("id"))
                if (r.get("doc_id"), norm(r.get("text", ""))) in prior:
                    errs.append(f"{where}: sentence already in the realnews gold or another extra file")
    if a.sample:
        for path, sampler, file_recs in zip(a.files, samplers, recs, strict=True):
            if sampler is None or not os.path.exists(sampler):
                errs.append(f"{path}: no sampler for this file name")
                continue
            out = subprocess.run([sys.executable, sampler], capture_output=True, text=True, check=True).stdout
            want = [(s["id"], s["text"]) for s in map(json.loads, out.splitlines())]
            got = [(r["id"], r["text"]) for r in file_recs]
            if a.prefix:
                want = want[:len(got)]
            if want != got:
                errs.append(f"{path}: records differ from the sample ({len(got)} records, {len(want)} sampled)")
    recs = [r for file_recs in recs for r in file_recs]
    for e in errs:
        print(e)
    n_ev = sum(len(r["events"]) for r in recs)
    print(f"{len(recs)} records, {sum(1 for r in recs if r['events'])} with events, {n_ev} events, {len(errs)} problems")
    return 1 if errs else 0


if __name__ == "__main__":
    sys.exit(main())
