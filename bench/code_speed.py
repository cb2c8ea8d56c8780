"""`eventwire code` speed: start-up and coding phase apart, CPU seconds and wall clock.

Input: the 400 real-news dev sentences of ../shared/data/realnews, ``--copies`` times
(default 3: 1,200 sentences, the README's figures). The start-up (building the stages and
their versions, loading every model, as ``code_command`` does before it forks its workers)
is timed first; then ``code_command`` codes every sentence on ``--processes`` worker
processes (its own warm-up then finds everything loaded). CPU seconds are this process's
plus its finished children's; the 1-minute load average is printed before and after.

  python bench/code_speed.py [--copies 3] [--processes 2]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "data" / "realnews" / "events-realnews-dev.jsonl"


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--copies", type=int, default=3)
    ap.add_argument("--processes", type=int, default=2)
    a = ap.parse_args()
    if not DEV.is_file():
        raise SystemExit(f"missing {DEV}")
    lines = DEV.read_text(encoding="utf-8").splitlines()
    records = [json.loads(x) for x in lines if x.strip()] * a.copies
    load0 = os.getloadavg()[0]
    c0, w0 = _cpu(), time.perf_counter()
    from eventwire.analyze import events
    from eventwire.runners._exec import warm

    warm(events._code_pipeline())
    c1, w1 = _cpu(), time.perf_counter()
    out = list(events.code_command(records, n_process=a.processes))
    c2, w2 = _cpu(), time.perf_counter()
    n = len(out)
    print(f"load {load0:.2f} -> {os.getloadavg()[0]:.2f}; {n} sentences, {a.processes} processes")
    print(f"start-up: {c1 - c0:.1f} CPU s, {w1 - w0:.1f} s wall")
    print(f"coding:   {c2 - c1:.1f} CPU s, {w2 - w1:.1f} s wall -> {n / (w2 - w1):.0f} sentences/s wall, "
          f"{n / (c2 - c1):.0f} per CPU s")
    print(f"total:    {c2 - c0:.1f} CPU s, {w2 - w0:.1f} s wall -> {n / (w2 - w0):.0f} sentences/s wall")


if __name__ == "__main__":
    main()
