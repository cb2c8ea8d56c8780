"""Facts evaluation on the shared dev gold (../shared/data/facts, 8 ECB+ subtopics) and on our
own five annotated ECB+ stories (eval/facts_extra.jsonl, eval/facts_extra/README.md).

    .venv/bin/python eval/facts_eval.py [--part all|tune|heldout|extra] [--with-extra] [--no-cv] [--no-parsers] [--json OUT]

``--part`` picks the stories of eval/facts_split.json (``all``: the shared gold's 8; ``extra``:
the 5 extra stories alone); ``--with-extra`` adds the extra stories to ``--part tune`` or
``all`` (the held-out part 10/20/24 never changes).

1. ``eventwire facts`` as a library call on the real documents, and again with the synthetic
   conflicting variants, scored by the shared ``facts_score.py`` unchanged (statement P/R/F1,
   group-label accuracy, conflict P/R/F1). The extraction rules and lexicons were written
   while reading these stories' errors, so these are dev figures, not held-out ones.
2. Leave-one-subtopic-out cross-validation of the reconciliation's settings
   (``APPROX_TOLERANCE``, ``DISTINCTIVE_MIN``, ``KEY_UNION``, ``PLACE_UNION``, ``NAME_UNION``, ``UNCLASSED_KINDS``,
   ``AGE_APART``, ``UNCLASSED_APART``): each held-out subtopic is
   labelled with the values that score best on the other subtopics of the part
   (``--part tune``: the other four tune subtopics); the held-out outputs are scored together.
3. Number/unit parsing: our parser (``numbers.find_quantities``) against quantulum3 on the
   gold's numeric statements (recall: a parsed figure overlapping the statement with the
   gold value, after unit conversion), and their speed.
4. Speed: fact extraction + reconciliation per article against the spaCy parse of the same
   article (a lower bound of the end-to-end per-article cost).
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import io
import itertools
import json
import re
import sys
import time
from contextlib import redirect_stdout
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SHARED = ROOT.parent / "shared"
FACTS = SHARED / "data" / "facts"
ECB = SHARED / "data" / "ecbplus"

sys.path.insert(0, str(ROOT / "src"))

from eventwire.corpus.facts import rules  # noqa: E402
from eventwire.corpus.facts.command import extract_statements, fact_docs, resolve_story, story_facts  # noqa: E402
from eventwire.corpus.facts.document import FactDoc  # noqa: E402
from eventwire.corpus.facts.numbers import find_quantities  # noqa: E402
from eventwire.corpus.facts.records import Statement  # noqa: E402

rec_mod = importlib.import_module("eventwire.corpus.facts.reconcile")
FDS: dict[str, FactDoc] = {}  # the parsed documents, for the story-date resolution step
GRID: dict[str, list[Any]] = {"APPROX_TOLERANCE": [0.02, 0.05, 0.1], "DISTINCTIVE_MIN": [5.0, 10.0, 13.0, 20.0, 1e12],
                              "KEY_UNION": [True, False], "PLACE_UNION": [True, False], "NAME_UNION": [True, False],
                              "UNCLASSED_KINDS": [(), ("time",), ("time", "date"), ("time", "date", "count")],
                              "AGE_APART": [2.0, 1e12],
                              "UNCLASSED_APART": [("count", "date", "duration"), ()]}
# ties keep the first listed value


def scorer() -> Any:
    spec = importlib.util.spec_from_file_location("facts_score", FACTS / "facts_score.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


EXTRA = HERE / "facts_extra.jsonl"  # our five annotated stories (eval/facts_extra/README.md)
PARTS = ("all", "tune", "heldout", "extra")


def load(extra: bool = False) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The shared gold's stories (with ``extra``, also eval/facts_extra.jsonl's) and their documents."""
    gold = [json.loads(x) for x in (FACTS / "facts-dev.jsonl").open(encoding="utf-8")]
    if extra:
        gold += [json.loads(x) for x in EXTRA.open(encoding="utf-8")]
    texts: dict[str, str] = {}
    for f in ("ecbplus-train.jsonl", "ecbplus-dev.jsonl"):
        for line in (ECB / f).open(encoding="utf-8"):
            d = json.loads(line)
            texts[d["doc_id"]] = d["text"]
    docs = []
    for g in gold:
        for did in g["doc_ids"]:
            docs.append({"doc_id": did, "text": texts[did], "story": g["subtopic"], "variant": False})
        for v in g["variants"]:
            docs.append({"doc_id": v["doc_id"], "text": v["text"], "story": g["subtopic"], "variant": True})
    return gold, docs


def split() -> dict[str, list[str]]:
    """eval/facts_split.json's parts: tune, heldout (the shared gold) and extra (ours)."""
    parts: dict[str, list[str]] = json.loads((HERE / "facts_split.json").read_text(encoding="utf-8"))
    return parts


def select(part: str, with_extra: bool = False) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[str]]:
    """The gold lines and documents of one part (``with_extra``: and the extra stories), and
    the story ids chosen. The held-out part never takes the extra stories."""
    if part == "heldout" and with_extra:
        raise ValueError("the held-out part is the shared gold's 10/20/24 only")
    parts = split()
    extra = with_extra or part == "extra"
    gold, docs = load(extra)
    keep = {g["subtopic"] for g in gold if g["subtopic"] not in parts["extra"]} if part == "all" else set(parts[part])
    if with_extra:
        keep |= set(parts["extra"])
    gold = [g for g in gold if g["subtopic"] in keep]
    docs = [d for d in docs if d["story"] in keep]
    return gold, docs, sorted(keep)


def extract_all(docs: list[dict[str, Any]]) -> tuple[dict[str, list[Statement]], float, float, float]:
    """Statements per document, each document analyzed as the ``eventwire facts`` command and
    ``eventwire run`` analyze it (``fact_docs``: the cleaner's blocks and date, the pipeline's
    nlp and timex stages); seconds spent parsing (the nlp stage), preparing (the timex stage:
    what the pipeline has already done) and extracting."""
    extract_statements(fact_docs([("warm-up", docs[0]["text"], None)])[0])  # loads the model, lexicons, gazetteer
    timings: dict[str, float] = {}
    fds = fact_docs([(d["doc_id"], d["text"], None) for d in docs], timings)
    for fd in fds:  # a first pass loads what extraction loads lazily (lexicons, gazetteer); not timed
        extract_statements(fd)
    out = {}
    t_extract = 0.0
    for d, fd in zip(docs, fds, strict=True):
        t0 = time.perf_counter()
        out[d["doc_id"]] = extract_statements(fd)
        t_extract += time.perf_counter() - t0
        FDS[d["doc_id"]] = fd
    return out, timings.get("nlp", 0.0), timings.get("timex", 0.0), t_extract


def system_lines(gold: list[dict[str, Any]], docs: list[dict[str, Any]], st: dict[str, list[Statement]],
                 variants: bool, only: set[str] | None = None) -> list[dict[str, Any]]:
    lines = []
    for g in gold:
        if only is not None and g["subtopic"] not in only:
            continue
        ids = [d["doc_id"] for d in docs if d["story"] == g["subtopic"] and (variants or not d["variant"])]
        lines.append(story_facts(g["subtopic"], resolve_story([(FDS[i], st[i]) for i in ids])))
    return lines


def score(fs: Any, gold: list[dict[str, Any]], lines: list[dict[str, Any]], variants: bool) -> dict[str, Any]:
    with redirect_stdout(io.StringIO()):
        res: dict[str, Any] = fs.score(gold, lines, with_variants=variants)
    return res


def summary(res: dict[str, Any]) -> tuple[float, float, float]:
    return res["statements"]["f1"], res["group_label"]["accuracy"], res["conflict_detection"]["f1"]


def cv_objective(res: dict[str, Any]) -> float:
    """What the CV maximises: statement F1 + the share of all gold groups labelled right +
    conflict F1. (Label accuracy alone is over the gold groups whose statements were all
    found, so leaving statements out can raise it while fewer groups are labelled right.)"""
    gl = res["group_label"]
    return float(res["statements"]["f1"] + gl["accuracy"] * gl["coverage"] + res["conflict_detection"]["f1"])


def error_listing(fs: Any, gold: list[dict[str, Any]], lines: list[dict[str, Any]], variants: bool) -> list[str]:
    """Missed gold statements, spurious system statements and wrongly labelled groups."""
    out = []
    by_story = {ln["story"]: ln for ln in lines}
    for g in gold:
        sysl = by_story[g["subtopic"]]
        gs = [x for x in g["statements"] if variants or not x.get("synthetic")]
        ss = [x for x in sysl["statements"] if variants or not x["doc_id"].endswith("-variant")]
        match_s, match_g = fs.match_statements(ss, gs)
        pairs = [(i, j) for i, j in enumerate(match_s) if j != -1]
        ms = {i for i, _ in pairs}
        mg = {j for j, i in enumerate(match_g) if i != -1}
        out.append(f"-- {g['subtopic']}")
        for j, x in enumerate(gs):
            if j not in mg:
                out.append(f"   MISSED {x['doc_id']} {x['key']} {x['value']!r} {x['text'][:70]!r}")
        for i, x in enumerate(ss):
            if i not in ms:
                out.append(f"   SPURIOUS {x['doc_id']} {x['key']} {x['value']!r} {x['text'][:70]!r}")
        sys_label = {}
        for grp in sysl["groups"]:
            for m in grp["members"]:
                sys_label.setdefault(m, grp["label"])
        idx = {id(x): n for n, x in enumerate(gs)}
        g2s = {j: i for i, j in pairs}
        for grp in g["groups"]:
            if grp.get("synthetic") and not variants:
                continue
            members = [g["statements"][m] for m in grp["members"]]
            found = [g2s.get(idx.get(id(m), -1)) for m in members]
            labels = {sys_label.get(i) for i in found if i is not None}
            if grp["label"] not in labels or len(labels) > 1:
                out.append(f"   LABEL {grp['key']}: gold {grp['label']}, system {sorted(str(x) for x in labels)}"
                           f" ({sum(f is not None for f in found)}/{len(found)} found)")
    return out


def set_params(p: dict[str, float]) -> None:
    for k, v in p.items():
        setattr(rec_mod, k, v)


def local_grid() -> list[dict[str, Any]]:
    """The settings in force and every setting of ``GRID`` changed alone (1 + 15 combinations
    instead of the full grid's 1,920, whose CV over ten stories takes hours on the shared cores)."""
    defaults = {k: getattr(rec_mod, k) for k in GRID}
    combos = [dict(defaults)]
    for k, values in GRID.items():
        combos.extend({**defaults, k: v} for v in values if v != defaults[k])
    return combos


def loso(fs: Any, gold: list[dict[str, Any]], docs: list[dict[str, Any]], st: dict[str, list[Statement]],
         local: bool = False) -> list[str]:
    report = []
    subs = [g["subtopic"] for g in gold]
    combos = local_grid() if local else [dict(zip(GRID, vals, strict=True)) for vals in itertools.product(*GRID.values())]
    defaults = {k: getattr(rec_mod, k) for k in GRID}
    for variants in (False, True):
        held: list[dict[str, Any]] = []
        chosen = []
        tied: list[dict[str, list[Any]]] = []
        margins: list[dict[str, float]] = []
        for sub in subs:
            train = set(subs) - {sub}
            train_gold = [g for g in gold if g["subtopic"] in train]
            best, best_v = None, -1.0
            per_value: dict[tuple[str, Any], float] = {}  # the best score with each value of each setting
            for p in combos:
                set_params(p)
                r = score(fs, train_gold, system_lines(gold, docs, st, variants, train), variants)
                v = cv_objective(r)
                for k, x in p.items():
                    per_value[(k, x)] = max(per_value.get((k, x), -1.0), v)
                if v > best_v:
                    best, best_v = p, v
            assert best is not None
            set_params(best)
            chosen.append(best)
            ties = {k: [x for x in GRID[k] if abs(per_value[(k, x)] - best_v) < 1e-9] for k in GRID}
            tied.append({k: v for k, v in ties.items() if len(v) > 1})
            margins.append({k: round(per_value[(k, True)] - per_value[(k, False)], 4) for k in GRID if k.endswith("_UNION")})
            held.extend(system_lines(gold, docs, st, variants, {sub}))
        set_params(defaults)
        r = score(fs, gold, held, variants)
        f1, acc, cf1 = summary(r)
        mode = "with variants" if variants else "real documents"
        report.append(f"LOSO held-out ({mode}): statement F1 {f1:.3f}  label accuracy {acc:.3f}  conflict F1 {cf1:.3f}")
        report.append(f"   thresholds chosen per fold: {[tuple(c.values()) for c in chosen]}")
        report.append(f"   settings tied at each fold's best (ties keep the first listed value): {tied}")
        report.append(f"   per fold, best train score with True minus best with False: {margins}")
    return report


# --- number parsers ---------------------------------------------------------------------

_Q3_FACTORS = {"mile": ("km", 1.609344), "kilometre": ("km", 1.0), "foot": ("m", 0.3048), "metre": ("m", 1.0),
               "yard": ("m", 0.9144)}


def _values_equal(a: float, g: Any) -> bool:
    cands = g if isinstance(g, list) else [g]
    return any(isinstance(c, int | float) and abs(a - c) <= 0.005 * max(abs(c), 1e-9) + 0.011 for c in cands)


def parser_comparison(gold: list[dict[str, Any]], docs: list[dict[str, Any]]) -> list[str]:
    texts = {d["doc_id"]: d["text"] for d in docs}
    numeric = [s for g in gold for s in g["statements"] if not s.get("synthetic")
               and (isinstance(s["value"], int | float) or isinstance(s["value"], list))]
    by_doc: dict[str, list[dict[str, Any]]] = {}
    for s in numeric:
        by_doc.setdefault(s["doc_id"], []).append(s)
    ours: dict[str, list[tuple[int, int, list[float]]]] = {}
    t0 = time.perf_counter()
    for did in by_doc:
        qs = find_quantities(texts[did])
        ours[did] = [(q.start, q.end, list(q.value) if isinstance(q.value, tuple) else [q.value]) for q in qs]
    t_ours = time.perf_counter() - t0
    out = [f"numeric gold statements: {len(numeric)} in {len(by_doc)} documents"]
    try:
        from quantulum3 import parser as q3
    except ImportError:
        q3 = None
    theirs: dict[str, list[tuple[int, int, list[float]]]] = {}
    t_q3 = 0.0
    if q3 is not None:
        q3.parse("warm up 5 km")  # its first call loads its models; not counted
        t0 = time.perf_counter()
        failed = 0
        for did in by_doc:
            found = []
            text = texts[did]
            # sentence by sentence: its unit classifier fails on some inputs with the
            # scikit-learn we pin (a pickle from an older version); those count as misses
            for m in re.finditer(r"[^.!?\n]+[.!?]?", text):
                try:
                    qs = q3.parse(m.group(0))
                except Exception:
                    failed += 1
                    continue
                for q in qs:
                    unit, f = _Q3_FACTORS.get(q.unit.name, ("", 1.0))
                    found.append((m.start() + q.span[0], m.start() + q.span[1], [abs(q.value) * f]))
            theirs[did] = found
        t_q3 = time.perf_counter() - t0

    def recall(found: dict[str, list[tuple[int, int, list[float]]]]) -> tuple[int, int]:
        hit = 0
        for did, sts in by_doc.items():
            for s in sts:
                vals = s["value"] if isinstance(s["value"], list) else [s["value"]]
                alts = [a for a in s.get("alt_values", []) if isinstance(a, int | float)]
                ok = any(a < s["end"] and s["start"] < b and any(_values_equal(v, [*vals, *alts]) for v in vs)
                         for a, b, vs in found.get(did, []))
                hit += ok
        return hit, len(numeric)

    h, n = recall(ours)
    out.append(f"  eventwire numbers.find_quantities: value recall {h}/{n} = {h / n:.3f}   {t_ours:.2f}s")
    if q3 is not None:
        h, n = recall(theirs)
        out.append(f"  quantulum3 0.10.0:                 value recall {h}/{n} = {h / n:.3f}   {t_q3:.2f}s"
                   f"   ({failed} sentences where it raised)")
    else:
        out.append("  quantulum3 not installed (pip install quantulum3==0.10.0): skipped")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--no-cv", action="store_true")
    ap.add_argument("--no-parsers", action="store_true")
    ap.add_argument("--json", type=Path, help="write the figures as JSON")
    ap.add_argument("--part", choices=PARTS, default="all",
                    help="score only one part of eval/facts_split.json (default: all 8 subtopics of the shared gold; "
                         "extra: our 5 stories)")
    ap.add_argument("--with-extra", action="store_true",
                    help="add the 5 extra stories (eval/facts_extra.jsonl) to --part tune or all, as tune stories")
    ap.add_argument("--errors", action="store_true",
                    help="list missed and spurious statements and wrong labels (refused for --part heldout/all)")
    ap.add_argument("--grid", choices=("full", "local"), default="full",
                    help="CV over the full grid of reconciliation settings, or (local) the settings in force and each "
                         "setting changed alone")
    ap.add_argument("--rules", help="statement-selection rules in force (eventwire.corpus.facts.rules): "
                                    "'none', 'all' or a comma-separated list (default: the product's)")
    a = ap.parse_args()
    if not (FACTS / "facts-dev.jsonl").exists():
        print(f"no {FACTS}/facts-dev.jsonl: skipped")
        return
    with rules.using(rules.parse(a.rules) if a.rules is not None else rules.ON):
        _run(a, ap)


def _run(a: argparse.Namespace, ap: argparse.ArgumentParser) -> None:
    if a.errors and a.part != "tune":
        ap.error("--errors lists the errors of the tune part only (--part tune): the held-out part stays unread")
    if a.with_extra and a.part in ("heldout", "extra"):
        ap.error("--with-extra adds the extra stories to --part tune or all; the held-out part stays 10/20/24")
    fs = scorer()
    gold, docs, keep = select(a.part, a.with_extra)
    if a.part != "all" or a.with_extra:
        print(f"== part {a.part}{' + extra' if a.with_extra else ''}: {', '.join(keep)}")
    st, t_parse, t_prep, t_extract = extract_all(docs)
    figures: dict[str, Any] = {}
    for variants in (False, True):
        lines = system_lines(gold, docs, st, variants)
        t0 = time.perf_counter()
        for _ in range(3):
            system_lines(gold, docs, st, variants)
        t_rec = (time.perf_counter() - t0) / 3
        res = score(fs, gold, lines, variants)
        name = "variants" if variants else "real"
        figures[name] = {"statement_f1": res["statements"]["f1"], "statement_p": res["statements"]["precision"],
                         "statement_r": res["statements"]["recall"], "label_accuracy": res["group_label"]["accuracy"],
                         "label_coverage": res["group_label"]["coverage"], "conflict_f1": res["conflict_detection"]["f1"],
                         "conflict_p": res["conflict_detection"]["precision"], "conflict_r": res["conflict_detection"]["recall"]}
        print(f"== facts_score.py, {'real + conflicting variants (--with-variants)' if variants else 'real documents'}")
        print(fs.format_report(res))
        if a.errors:
            print("\n".join(error_listing(fs, gold, lines, variants)))
    n = len(docs)
    ratio = (t_extract + t_rec) / t_parse
    ratio_sa = (t_prep + t_extract + t_rec) / t_parse
    print(f"\n== speed ({n} articles, one process): spaCy parse {1000 * t_parse / n:.1f} ms/article; "
          f"preparation (the timex stage: done by the pipeline already) {1000 * t_prep / n:.1f} ms; "
          f"fact extraction {1000 * t_extract / n:.1f} ms; reconciliation {1000 * t_rec / n:.2f} ms")
    print(f"   in the pipeline (extraction + reconciliation): {100 * ratio:.0f}% of the parse alone; "
          f"standalone (with preparation): {100 * ratio_sa:.0f}%")
    figures["speed"] = {"parse_ms": 1000 * t_parse / n, "prep_ms": 1000 * t_prep / n, "extract_ms": 1000 * t_extract / n,
                        "reconcile_ms": 1000 * t_rec / n, "ratio_to_parse": ratio, "ratio_standalone": ratio_sa}
    if not a.no_cv:
        print("\n== leave-one-subtopic-out cross-validation of the reconciliation thresholds")
        for line in loso(fs, gold, docs, st, a.grid == "local"):
            print(line)
            m = re.match(r"LOSO held-out \((.*)\): statement F1 ([\d.]+)  label accuracy ([\d.]+)  conflict F1 ([\d.]+)", line)
            if m:
                figures["loso_" + m.group(1).replace(" ", "_")] = [float(m.group(i)) for i in (2, 3, 4)]
    if not a.no_parsers:
        print("\n== number/unit parsing on the gold's numeric statements")
        for line in parser_comparison(gold, docs):
            print(line)
    if a.json:
        a.json.write_text(json.dumps(figures, indent=1))


if __name__ == "__main__":
    main()
