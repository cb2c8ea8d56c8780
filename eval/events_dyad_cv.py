"""Choose the implicit-participant settings of the events stage by grouped CV on TRAIN data.

    .venv/bin/python eval/events_dyad_cv.py [--mode doc|sentence|both]

``eventwire.analyze.events_home`` gives the article's country to a participant the sentence
does not name (``IMPLICIT_SOURCE``, ``IMPLICIT_TARGET``). For each of the four settings this
scores the training sentences (realnews ``"split": "train"`` and the extra ECB+ train
sentences; ``eval/events_dyad_diagnose.py``), then runs 5-fold cross-validation grouped by
ECB+ topic: on each fold the setting with the best dyad precision on the other four folds is
chosen and scored on the held-out one. Prints each setting's figures on all training
sentences and the cross-validated dyad P/R/F1 (pooled over the held-out folds) with the
settings chosen per fold. The dev split is never read.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "eval"))

from events_dyad_diagnose import analyzed, events_in, train_gold  # noqa: E402
from events_eval import _scorer  # noqa: E402

SETTINGS = list(itertools.product((False, True), (False, True)))


def predictions(rows: list[tuple[dict[str, Any], Any, tuple[int, int]]]) -> dict[tuple[bool, bool], list[dict[str, Any]]]:
    from eventwire.analyze import events_home

    saved = events_home.IMPLICIT_SOURCE, events_home.IMPLICIT_TARGET
    out = {}
    try:
        for s in SETTINGS:
            events_home.IMPLICIT_SOURCE, events_home.IMPLICIT_TARGET = s
            out[s] = [{"id": g["id"], "events": [
                {"plover_type": e.plover_type, "source_country": e.source_country, "target_country": e.target_country}
                for e in events_in(doc, span)]} for g, doc, span in rows]
    finally:
        events_home.IMPLICIT_SOURCE, events_home.IMPLICIT_TARGET = saved
    return out


def cross_validate(gold: list[dict[str, Any]], preds: dict[tuple[bool, bool], list[dict[str, Any]]],
                   k: int = 5) -> dict[str, Any]:
    from sklearn.model_selection import GroupKFold

    scorer = _scorer()
    groups = [g["topic"] for g in gold]
    held_gold: list[dict[str, Any]] = []
    held_pred: list[dict[str, Any]] = []
    chosen = []
    for tr, te in GroupKFold(n_splits=k).split(gold, groups=groups):
        def prec(s: tuple[bool, bool], idx: Any) -> float:
            return float(scorer.score([gold[i] for i in idx], [preds[s][i] for i in idx])["dyad"]["precision"])

        best = max(SETTINGS, key=lambda s: (prec(s, tr), s))
        chosen.append(best)
        held_gold += [gold[i] for i in te]
        held_pred += [preds[best][i] for i in te]
    sc = scorer.score(held_gold, held_pred)
    return {"dyad": sc["dyad"], "type": sc["type"], "chosen_per_fold": [list(c) for c in chosen]}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mode", choices=("doc", "sentence", "both"), default="both")
    args = ap.parse_args()
    gold = train_gold()
    report = {}
    for mode in (("doc", "sentence") if args.mode == "both" else (args.mode,)):
        preds = predictions(analyzed(gold, mode))
        scorer = _scorer()
        report[mode] = {
            "fitted": {f"source={s[0]},target={s[1]}": scorer.score(gold, preds[s])["dyad"] for s in SETTINGS},
            "cv_by_topic": cross_validate(gold, preds),
        }
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
