"""Run every quality evaluation and the official dev scoring; save the outputs.

    .venv/bin/python eval/run_all.py [--quick]

1. ``../shared/eval/dev_scores.sh``: the standalone commands (timex, code, locate, facts) on the
   shared dev data, scored by the shared scorers exactly as held-out scoring does;
2. each evaluation in this folder (timex peers and speed, events, places, actors, dedup,
   publication dates, facts).

Outputs go to eval/results/<name>.txt; the README's figures come from these files.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PY = sys.executable

JOBS = {
    "dev_scores": ["bash", str(ROOT.parent / "shared" / "eval" / "dev_scores.sh"), "timex", "code", "locate", "cluster", "realnews", "pubdates", "facts"],
    "timex": [PY, str(HERE / "timex_eval.py")],
    "events": [PY, str(HERE / "events_eval.py")],
    "realnews_events": [PY, str(HERE / "realnews_events_eval.py")],
    "realnews_events_docs": [PY, str(HERE / "realnews_events_doc_eval.py"), "--split", "dev"],
    "ecbdev_heldout_events": [PY, str(HERE / "realnews_events_eval.py"), "--gold", str(HERE / "events_ecbdev_heldout.jsonl")],
    "ecbdev_heldout_events_docs": [PY, str(HERE / "realnews_events_doc_eval.py"), "--split", "dev",
                                   "--gold", str(HERE / "events_ecbdev_heldout.jsonl")],
    "events_status": [PY, str(HERE / "events_status_eval.py")],
    "places": [PY, str(HERE / "geo_eval.py")],
    "actors": [PY, str(HERE / "actors_eval.py")],
    "actors_places": [PY, str(HERE / "actors_places_check.py")],
    "dedup": [PY, str(HERE / "dedup_eval.py")],
    "pubdate": [PY, str(HERE / "pubdate_eval.py")],
    "language": [PY, str(HERE / "language_eval.py")],
    "facts": [PY, str(HERE / "facts_eval.py")],
}
QUICK = {"timex": ["--systems", "eventwire", "--speed"], "facts": ["--no-parsers"]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="skip the slow peers (HeidelTime, dateparser)")
    ap.add_argument("jobs", nargs="*", default=list(JOBS), help=f"subset of: {', '.join(JOBS)}")
    a = ap.parse_args()
    out_dir = HERE / "results"
    out_dir.mkdir(exist_ok=True)
    for name in a.jobs:
        cmd = JOBS[name] + (QUICK.get(name, []) if a.quick else [])
        if not Path(cmd[1]).exists():
            print(f"== {name}: {cmd[1]} not found, skipped")
            continue
        t0 = time.perf_counter()
        res = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True,
                             env={**os.environ, "EW": str(ROOT / ".venv" / "bin" / "eventwire")})
        text = res.stdout + (f"\n[stderr]\n{res.stderr[-3000:]}" if res.returncode else "")
        (out_dir / f"{name}.txt").write_text(text)
        print(f"== {name} ({time.perf_counter() - t0:.0f}s, exit {res.returncode})\n{res.stdout}")


if __name__ == "__main__":
    main()
