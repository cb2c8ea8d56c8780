"""Reconciliation within a story: statements of one fact (one key) across its articles form a
group, labelled by comparing every pair of values from different articles:

* ``agree``: every value is the same (numbers within 0.5 %, strings after case folding);
* ``complement``: the values are compatible and some are more specific (a weekday against a
  full date on that weekday, a part of the day against a clock time in it, a bound or
  range against a point it allows, one name or place against a fuller one, two different
  lists of items);
* ``conflict``: two values are incompatible and nothing places them at different times;
* ``update``: the differing values line up in time as a developing figure (a count, money,
  a magnitude, a percentage): they are ordered by the times they are reported for (a
  figure's ``as_of``, its article's date; a cue such as "rose to" or "now" marks the newest
  value and, between undated articles, orders them), a count does not fall unless a word
  of revision says so ("revised to"), and a "rose to" figure is the larger one; two
  differing values reported for the same time stay a ``conflict``;
* ``single-source``: every statement comes from one article.

A group that mixes cases takes the strongest: conflict > update > complement > agree.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from eventwire.corpus.facts import ages, units
from eventwire.corpus.facts.document import word_class
from eventwire.corpus.facts.records import Group, Statement, Value, indexes_by_key
from eventwire.corpus.facts.values import (
    compare_dates,
    compare_times,
    fold,
    rounding_overlap,
    spelling_variant,
)

__all__ = ["compare", "reconcile", "group_label", "story_fact"]

# how far an approximate figure may be from the exact one and still be the same figure
APPROX_TOLERANCE = 0.02
# counts and durations from this value up are specific enough to join statements across keys
DISTINCTIVE_MIN = 5.0
# whether keys that share a distinctive value across articles are merged as one fact's keys
# (chosen by cross-validation over the tune subtopics: eval/facts_eval.py)
KEY_UNION = True
# whether a place named in several articles under different happenings' keys is one fact
PLACE_UNION = True
# the same for one person's name ("names:arrest" and "name:smith" for one suspect)
NAME_UNION = True
# kinds of statement that are facts of the story only when their key names a known kind of
# happening (``resources/facts/classes.tsv``): the clock time of a happening the parse names
# by another verb ("time:describe" for "this morning") is background; a key naming no
# happening ("time:?") stays. Chosen by cross-validation over the tune subtopics
# (eval/facts_eval.py; "date" and "count" were candidates too)
UNCLASSED_KINDS: tuple[str, ...] = ("time",)
# in how many articles two different ages under one named person's key must both be stated
# before they are taken as two people's ages (the parse gave one key to both) rather than a
# clash (chosen by cross-validation over the tune subtopics: eval/facts_eval.py)
AGE_APART = 2.0
# kinds whose differing values are different facts, not a clash, when their key names a
# happening of no known kind ("count:score:touchdown", "date:post"): background figures of
# the articles (statistics, other events' dates) rather than the story's happening. The
# tune subtopics' CV ties over its candidates (eval/facts_eval.py); this value was chosen by
# reading the conflicts it removes on ECB+ stories outside the facts gold (README, Facts)
UNCLASSED_APART: tuple[str, ...] = ("count", "date", "duration")
# whether statements two articles word the same way are one fact (``_parallel``): one key,
# and a changed figure or date between them a clash (eval/facts_outside_variants.py)
WORDING_UNION = True


def _num(v: Value) -> tuple[float, float] | None:
    if isinstance(v, tuple):
        return float(v[0]), float(v[1])
    if isinstance(v, float | int):
        return float(v), float(v)
    return None


def _close(a: float, b: float, rel: float = 0.005) -> bool:
    return abs(a - b) <= rel * max(abs(a), abs(b), 1e-9)


def _bounds(s: Statement) -> tuple[float, float] | None:
    """The values a statement allows, from its qualifier."""
    n = _num(s.value)
    if n is None:
        return None
    lo, hi = n
    q = s.qualifier
    if q in ("at least",):
        return lo, float("inf")
    if q == "more than":
        return lo * (1 + 1e-9), float("inf")
    if q in ("at most",):
        return float("-inf"), hi
    if q == "less than":
        return float("-inf"), hi * (1 - 1e-9)
    if q in ("about", "nearly"):
        return lo * (1 - APPROX_TOLERANCE), hi * (1 + APPROX_TOLERANCE if q == "about" else 1.0)
    return lo, hi


_fold = fold
# kinds whose values are names, where two spellings of one name are the same value
_NAMED_KINDS = ("place", "names", "spokesperson", "affiliation", "office")


def _words(v: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", v.lower()) if w not in ("the", "of", "a", "in")}


def _town(v: str) -> set[str]:
    """The words of the last part of a place ("ice cream shop, Dayton" -> {"dayton"}),
    or of the whole when it has one part."""
    return _words(v.rsplit(",", 1)[-1]) if "," in v else _words(v)


def compare(a: Statement, b: Statement) -> str:
    """same | compatible | conflict | unrelated (different currencies or units)."""
    if a.kind == "date" and isinstance(a.value, str) and isinstance(b.value, str):
        return compare_dates(a.value, b.value)
    if a.kind == "time" and isinstance(a.value, str) and isinstance(b.value, str):
        return compare_times(a, b)
    na, nb = _num(a.value), _num(b.value)
    if (a.kind == "list") != (b.kind == "list") and (na is not None or nb is not None):
        # a list of items against a count of them: compatible when the list is not longer
        items = a.value if isinstance(a.value, str) else b.value
        n = na or nb
        if isinstance(items, str) and n is not None:
            return "compatible" if len(items.split(";")) <= n[1] else "conflict"
    if na is not None and nb is not None:
        if (a.unit or "") != (b.unit or "") and a.kind == "money":
            alts = [x for x in (*a.alt_values, *b.alt_values) if _num(x) is not None]
            if not alts:
                return "unrelated"
        exact_a = na[0] == na[1] and not a.qualifier
        exact_b = nb[0] == nb[1] and not b.qualifier
        if _close(na[0], nb[0]) and _close(na[1], nb[1]):
            if (a.qualifier or "") == (b.qualifier or "") or a.kind in ("time", "age"):
                return "same"
            return "compatible"
        if any(_close(x, y) for x in (na[0], *[_num(v)[0] for v in a.alt_values if _num(v)]) for y in (nb[0], *[_num(v)[0] for v in b.alt_values if _num(v)])):  # type: ignore[index]
            return "same" if exact_a and exact_b else "compatible"
        ba, bb = _bounds(a), _bounds(b)
        if ba is None or bb is None:
            return "conflict"
        if na[0] == na[1] and nb[0] == nb[1] and rounding_overlap(a, b, na[0], nb[0]):
            return "compatible"  # "30-foot" and "10-metre": one figure, rounded in two units
        if exact_a and exact_b:
            return "conflict"
        # compatible when the sets of allowed values overlap
        if ba[0] <= bb[1] and bb[0] <= ba[1]:
            return "compatible"
        return "conflict"
    if isinstance(a.value, str) and isinstance(b.value, str):
        fa, fb = _fold(a.value), _fold(b.value)
        if a.kind == "circumstance":  # "in his sleep" / "in her sleep": one circumstance
            fa, fb = (re.sub(r"\b(?:his|her|their)\b", "one's", x) for x in (fa, fb))
        if fa == fb or a.kind in _NAMED_KINDS and spelling_variant(fa, fb):
            return "same"
        if ";" in fa or ";" in fb:
            return "compatible"
        wa, wb = _words(fa), _words(fb)
        if wa and wb and (wa <= wb or wb <= wa):
            return "compatible"
        if a.kind == "relation":
            return "compatible" if wa & wb else "conflict"
        if a.kind == "place":  # "Rome jail" / "Rebibbia prison, Rome": one town, two levels
            return "compatible" if _town(fa) & _town(fb) and (_town(fa) == wa or _town(fb) == wb or wa & wb - _town(fa)) else "conflict"
        if a.kind == "manner":  # "suicide" and "hanging" describe one death at two levels
            return "compatible"
        return "conflict"
    return "unrelated"


def _day(s: Statement, attr: str) -> str | None:
    v = getattr(s, attr)
    return v[:10] if isinstance(v, str) and re.match(r"\d{4}-\d\d-\d\d", v) else None


def _time(s: Statement) -> str | None:
    """The day a figure is reported for: its article's date when a trend cue presents it as
    the newest value ("has climbed to 27" is the figure at the time of writing), else the
    time it refers to (``as_of``), else its article's date."""
    if s.trend and _day(s, "doc_date"):
        return _day(s, "doc_date")
    return _day(s, "as_of") or _day(s, "doc_date")


def _later(a: Statement, b: Statement) -> int:
    """+1 when a's figure is reported for a later time than b's, -1 earlier, 0 unknown: by
    ``_time``, then by the articles' dates, then by a trend cue ("rose to", "now") that
    marks one of them as the newer value."""
    for ta, tb in ((_time(a), _time(b)), (_day(a, "doc_date"), _day(b, "doc_date"))):
        if ta and tb and ta != tb:
            return 1 if ta > tb else -1
    if a.trend and not b.trend:
        return 1
    if b.trend and not a.trend:
        return -1
    return 0


# figures that may develop over time (a toll, a price, a magnitude), and those among them
# that only grow as a happening is reported (counts: a toll does not fall without a revision)
_DEVELOPING = ("count", "money", "magnitude", "percent")
_MONOTONE = ("count",)


def _update_order(a: Statement, b: Statement) -> int:
    """For two incompatible values of one figure: +1/-1 when they line up in time as a
    developing figure (a later, b later), 0 when they are a conflict."""
    if a.kind not in _DEVELOPING or _num(a.value) is None or _num(b.value) is None:
        return 0
    order = _later(a, b)
    if order == 0:
        return 0
    new, old = (a, b) if order > 0 else (b, a)
    grew = _num(new.value)[0] > _num(old.value)[0]  # type: ignore[index]
    if new.trend == "rise" and not grew or new.trend == "fall" and grew:
        return 0  # "rose to" a smaller figure: the reports clash
    if a.kind in _MONOTONE and not grew and new.trend not in ("fall", "revision"):
        return 0  # a later, smaller toll without a word of revision: a clash, not a development
    return order


def _sequence(members: Sequence[Statement]) -> str:
    """"'12' (a1, 2024-03-01) then '19' (a2, 2024-03-02) then ...": a developing figure's
    values in the order they were reported."""
    ordered = sorted(members, key=functools.cmp_to_key(_later))
    steps: list[str] = []
    for s in ordered:
        when = _time(s) or ("newest" if s.trend else "no date")
        step = f"{s.text!r} ({s.doc_id}, {when})"
        if not steps or steps[-1] != step:
            steps.append(step)
    return " then ".join(steps)


def group_label(members: Sequence[Statement]) -> tuple[str, str]:
    """(label, reason) for the statements of one fact."""
    docs = {s.doc_id for s in members}
    worst = "same"
    reason = "all state the same value"
    for i, a in enumerate(members):
        for b in members[i + 1 :]:
            if a.doc_id == b.doc_id:
                continue
            c = compare(a, b)
            if c == "conflict":
                order = _update_order(a, b)
                if order:
                    if worst != "conflict":
                        old, new = (b, a) if order > 0 else (a, b)
                        worst, reason = "update", f"{old.text!r} ({old.doc_id}) then {new.text!r} ({new.doc_id})"
                    continue
                worst, reason = "conflict", f"{a.text!r} ({a.doc_id}) against {b.text!r} ({b.doc_id})"
            elif c == "compatible" and worst == "same":
                worst, reason = "complement", f"{a.text!r} ({a.doc_id}) and {b.text!r} ({b.doc_id}) are compatible, one more specific"
    if worst == "conflict":
        return "conflict", reason
    if len(docs) == 1:
        return "single-source", f"only {next(iter(docs))}"
    if worst == "update":
        return "update", _sequence(members)
    if worst == "complement":
        return "complement", reason
    return "agree", reason


def _parallel(a: Statement, b: Statement) -> bool:
    """Two articles word the statements the same way (``Statement.wording``: the same words
    around the span; a copy of a wire report, a corrected or edited copy): one fact, whatever
    its key and kind of value say."""
    return WORDING_UNION and a.doc_id != b.doc_id and a.kind == b.kind and a.wording is not None and a.wording == b.wording


# kinds of value a parallel wording ties across articles (``_join_parallel``): figures, dates and
# clock times; a name or place worded differently in one sentence is a paraphrase, not a clash
_PARALLEL_KINDS = ("count", "money", "magnitude", "percent", "age", "duration", "distance", "date", "time")


def _join_parallel(statements: Sequence[Statement], buckets: list[list[int]]) -> list[list[int]]:
    """A statement that ``_distinct_facts`` set apart from one that another article words the
    same way, with a clashing value written differently, joins that statement's bucket (the
    smaller bucket's statement moves to the larger): the same sentence with two figures or
    dates is a clash of one fact (or its development), not two facts. The same words with two
    values ("this morning" in a copy published two days later) are two resolutions of one
    text, not a clash between the articles."""
    out = [list(b) for b in buckets]
    for n, b in enumerate(buckets):
        for i in b:
            s = statements[i]
            if s.kind not in _PARALLEL_KINDS:
                continue
            for m, o in enumerate(buckets):
                if m == n or (len(o), -m) < (len(b), -n):
                    continue
                if any(_parallel(s, statements[j]) and s.text != statements[j].text
                       and compare(s, statements[j]) == "conflict" for j in o):
                    out[n].remove(i)
                    out[m].append(i)
                    break
    return [sorted(b) for b in out if b]


def _is_point(s: Statement) -> bool:
    """An exact value: a number without qualifier or range, or any string."""
    return isinstance(s.value, str) or (isinstance(s.value, float | int) and not s.qualifier)


def _clusters(statements: Sequence[Statement], idx: list[int]) -> list[list[int]]:
    """Statements of equal exact values form a cluster; a bounded, approximate or ranged
    figure joins the first cluster it is compatible with (it never bridges two values)."""
    clusters: list[list[int]] = []
    loose: list[int] = []
    for i in idx:
        if not _is_point(statements[i]):
            loose.append(i)
            continue
        for c in clusters:
            if compare(statements[c[0]], statements[i]) == "same":
                c.append(i)
                break
        else:
            clusters.append([i])
    for i in loose:
        for c in clusters:
            if compare(statements[c[0]], statements[i]) in ("same", "compatible"):
                c.append(i)
                break
        else:
            clusters.append([i])
    return clusters


def _buckets(statements: Sequence[Statement], clusters: list[list[int]]) -> list[list[int]]:
    """Clusters that do not clash, brought together when compatible (a weekday and the full
    date it falls on): each bucket is one fact."""
    buckets: list[list[list[int]]] = []
    for c in sorted(clusters, key=len, reverse=True):
        rep = statements[c[0]]
        for b in buckets:
            rels = [compare(statements[o[0]], rep) for o in b]
            if "conflict" not in rels and any(r in ("same", "compatible") for r in rels):
                b.append(c)
                break
        else:
            buckets.append([c])
    return [sorted(i for c in b for i in c) for b in buckets]


def _clash(statements: Sequence[Statement], clusters: list[list[int]]) -> bool:
    return any(compare(statements[a[0]], statements[b[0]]) == "conflict"
               for n, a in enumerate(clusters) for b in clusters[n + 1 :])


def _apart_articles(statements: Sequence[Statement], a: list[int], b: list[int]) -> int:
    """How many articles state a value of each cluster (each such article would otherwise
    contradict itself)."""
    return len({statements[i].doc_id for i in a} & {statements[i].doc_id for i in b})


def _distinct_facts(statements: Sequence[Statement], clusters: list[list[int]], key: str) -> bool:
    """Whether clashing values under one key are different facts rather than a clash: an
    article states two of them (it would not contradict itself), they are places, offices, relations or lists (a story has many), the
    key does not say what is measured or (``UNCLASSED_APART``) names a happening of no known
    kind, or they are in different units. A named person has
    one age, so two of their ages in one article are a clash; in ``AGE_APART`` articles or
    more they are two people's ages that the key joined."""
    first = statements[clusters[0][0]]
    if first.kind in ("place", "office", "relation", "list", "names", "spokesperson", "charge", "circumstance", "affiliation", "bail") or _unspecific(key):
        return True
    # a count that does not say what it counts joined its happening's count (``_shared_keys``)
    parts = key.split(":")
    if first.kind in UNCLASSED_APART and len(parts) > 1 and word_class(parts[1]) is None:
        return True  # background figures of a happening of no known kind
    units = {statements[i].unit or "" for c in clusters for i in c if statements[i].unit or first.kind != "count"}
    if len(units) > 1:
        return True
    one_value = first.kind == "age" and not _unspecific(key)  # a named person has one age
    for n, a in enumerate(clusters):
        for b in clusters[n + 1 :]:
            sa, sb = statements[a[0]], statements[b[0]]
            if compare(sa, sb) != "conflict":
                continue
            if _apart_articles(statements, a, b) >= (AGE_APART if one_value else 1):
                return True
            # a bare year against a day ("in 1940" / "Thursday"): background, not the same date
            if sa.kind == "date" and (_precision(str(sa.value)) != _precision(str(sb.value))):
                return True
    return False


def _precision(v: str) -> str:
    if re.fullmatch(r"\d{4}(?: \((?:early|mid|late)\))?", v):  # "2008 (late)" is a year too
        return "year"
    return "day"


def _distinctive(s: Statement) -> tuple[str, str, str] | None:
    """A value specific enough that two statements of it in one story are one fact: money,
    magnitudes, dates and clock times, fractional figures, and counts and ages from
    ``DISTINCTIVE_MIN`` up."""
    v = s.value
    if s.kind in ("money", "magnitude", "date") or (s.kind == "time" and isinstance(v, str) and ":" in v):
        return s.kind, s.unit or "", repr(v)
    if s.kind in ("count", "duration", "distance", "percent", "age") and isinstance(v, float) and (v != int(v) or v >= DISTINCTIVE_MIN):
        return s.kind, s.unit or "", repr(v)
    if PLACE_UNION and s.kind == "place" and isinstance(v, str):
        return s.kind, "", _fold(v)  # one place named by several articles is one fact
    if NAME_UNION and s.kind == "names" and isinstance(v, str) and ";" not in v:
        return s.kind, "", _fold(v)  # one person named under several happenings' keys is one fact
    return None


def _unspecific(key: str) -> bool:
    """A key that does not say whose or what the figure is ("age:?", "count:?:people")."""
    return "?" in key.split(":")


def _same_span_keys(statements: Sequence[Statement]) -> set[frozenset[str]]:
    """Pairs of keys that one span carries at once ("X and Y, both 51"): different facts."""
    by_span: dict[tuple[str, int, int], set[str]] = {}
    for s in statements:
        by_span.setdefault((s.doc_id, s.start, s.end), set()).add(s.key)
    return {frozenset((a, b)) for ks in by_span.values() for a in ks for b in ks if a != b}


def _same_measure(s: Statement, t: Statement) -> bool:
    """Whether ``t`` may say what ``s`` measures: the same unit, or, for a count that does not
    say what it counts ("quake kills five": ``count:death:?``), a count of the same happening."""
    if (t.unit or "") == (s.unit or ""):
        return True
    ps, pt = s.key.split(":"), t.key.split(":")
    return s.kind == "count" and not s.unit and len(ps) > 2 and len(pt) > 2 and ps[1] == pt[1] != "?"


def _same_figure(s: Statement, t: Statement) -> bool:
    """The same value, or an approximate figure ("about $108 million") around an exact one."""
    c = compare(s, t)
    return c == "same" or c == "compatible" and s.qualifier in ("about", "nearly") and _num(s.value) is not None


def _shared_keys(statements: Sequence[Statement]) -> list[str]:
    """Each statement's key, after two merges of keys the parse split:

    * a statement whose key does not say whose or what it is ("age:?" for "a 60-year-old
      woman", "count:?:people", "count:death:?") takes the one specific key of the same kind
      and unit (for a count of no unit, of the same happening) that
      states the same value in the story (or, for an approximate figure, a value it
      allows), when there is exactly one;
    * statements of one distinctive value under different keys ("5.6" under ``magnitude``
      and ``count:quake:?``) take the value's most frequent key (ties: the key stated most
      in the story).

    Keys that one span carries together ("X and Y, both 51") are never merged."""
    keys = [s.key for s in statements]
    apart = _same_span_keys(statements)
    for i, s in enumerate(statements):
        if not _unspecific(s.key) or s.unresolved:
            continue
        found = {t.key for t in statements if t.kind == s.kind and _same_measure(s, t)
                 and not _unspecific(t.key) and not t.unresolved and _same_figure(s, t)}
        if len(found) == 1 and frozenset((s.key, next(iter(found)))) not in apart:
            keys[i] = next(iter(found))
    keys = _parallel_keys(statements, keys, apart)
    total: dict[str, int] = {}
    for k in keys:
        total[k] = total.get(k, 0) + 1
    if KEY_UNION:
        return _union_keys(statements, keys, total, apart)
    votes: dict[tuple[str, str, str], dict[str, int]] = {}
    for s, k in zip(statements, keys, strict=True):
        d = _distinctive(s)
        if d is not None:
            c = votes.setdefault(d, {})
            c[k] = c.get(k, 0) + 1
    out = []
    for s, k in zip(statements, keys, strict=True):
        d = _distinctive(s)
        if d is None or len(votes[d]) == 1:
            out.append(k)
            continue
        c = votes[d]
        best = max(c, key=lambda x: (c[x], not _unspecific(x), total[x], x))
        out.append(k if frozenset((k, best)) in apart else best)
    return out


def _parallel_keys(statements: Sequence[Statement], keys: list[str], apart: set[frozenset[str]]) -> list[str]:
    """Keys of statements that two articles word the same way (``_parallel``) are one fact's
    keys: the parse gave the same sentence two happenings ("two counts" under ``sentence``
    in one copy, ``serve`` in another). Each statement of a joined key takes the key stated
    most often (ties: the first in the story); keys one span carries together stay apart, and
    so do the keys of the same words with two values (a relative date read against two
    articles' dates is two resolutions of one text, as in ``_join_parallel``)."""
    total: dict[str, int] = {}
    for k in keys:
        total[k] = total.get(k, 0) + 1
    first = {k: n for n, k in reversed(list(enumerate(keys)))}
    to: dict[str, str] = {}
    by_wording: dict[tuple[str, str], list[int]] = {}
    for i, s in enumerate(statements):
        if WORDING_UNION and s.wording is not None and not s.unresolved:
            by_wording.setdefault((s.kind, s.wording), []).append(i)
    for idx in by_wording.values():
        ks = {to.get(keys[i], keys[i]) for i in idx}
        docs = {statements[i].doc_id for i in idx}
        if len(ks) < 2 or len(docs) < 2 or any(frozenset((a, b)) in apart for a in ks for b in ks):
            continue
        if any(statements[i].text == statements[j].text and statements[i].value != statements[j].value
               for i in idx for j in idx if i < j):
            continue  # the same words read two ways ("this morning" in a later copy): no clash
        best = max(ks, key=lambda k: (total[k], -first[k]))
        for k in ks:
            to[k] = best
        for k, v in list(to.items()):
            if v in ks:
                to[k] = best
    return [to.get(k, k) for k in keys]


def _union_keys(statements: Sequence[Statement], keys: list[str], total: dict[str, int],
                apart: set[frozenset[str]]) -> list[str]:
    """Keys that state one distinctive value in two different articles are one fact's keys
    (transitively, never joining keys that one span carries together); each statement
    takes its component's most frequent key. Then a figure that one article words
    differently ("41 years later" under ``duration:arrest``, "41 years ago" under
    ``duration:death``) stays with the fact when another article changes it."""
    parent = {k: k for k in keys}

    def find(k: str) -> str:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    holders: dict[tuple[str, str, str], list[tuple[str, str]]] = {}
    for s, k in zip(statements, keys, strict=True):
        d = _distinctive(s)
        if d is not None:
            holders.setdefault(d, []).append((k, s.doc_id))
    members: dict[str, set[str]] = {k: {k} for k in keys}
    for hs in holders.values():
        for k1, d1 in hs:
            for k2, d2 in hs:
                if d1 == d2 or k1 == k2:
                    continue
                r1, r2 = find(k1), find(k2)
                if r1 == r2 or any(frozenset((a, b)) in apart for a in members[r1] for b in members[r2]):
                    continue
                parent[r2] = r1
                members[r1] |= members.pop(r2)
    best = {r: max(ms, key=lambda x: (not _unspecific(x), total[x], x)) for r, ms in members.items()}
    return [best[find(k)] for k in keys]


def story_fact(s: Statement) -> bool:
    """Whether a statement takes part in its story's reconciliation: not a relative date
    that nothing resolved, and, for the ``UNCLASSED_KINDS``, tied to a known kind of
    happening. The standalone command and the stored ``facts`` corpus stage both filter
    with it (the per-article ``facts`` rows keep every statement the text makes)."""
    if s.unresolved:
        return False
    if s.kind in UNCLASSED_KINDS:
        parts = s.key.split(":")
        # "date:?" says no happening: the story may still give it one (``_shared_keys``)
        return len(parts) < 2 or parts[1] == "?" or word_class(parts[1]) is not None
    return True


def reconcile(statements: Sequence[Statement]) -> list[Group]:
    """Group a story's statements by key (``units``, ``ages``: a key's units, one person's ages),
    label each group, in order of first statement. Within a key, same or compatible values form
    one group; values that differ are one ``conflict``/``update`` group unless ``_distinct_facts``
    says they are different facts (then each value cluster is a group: keys ``key#2``, ...)."""
    keys = ages.person_keys(statements, units.unit_keys(statements, _shared_keys(statements), compare), AGE_APART)
    # "yesterday" in an undated article: no value to compare
    unresolved = frozenset(i for i, st in enumerate(statements) if st.unresolved)
    parts: list[tuple[str, list[int]]] = []
    for key, idx in indexes_by_key(keys, unresolved).items():
        clusters = _clusters(statements, idx)
        if len(clusters) > 1 and _clash(statements, clusters) and _distinct_facts(statements, clusters, key):
            buckets = sorted(_join_parallel(statements, _buckets(statements, clusters)), key=lambda c: c[0])
            for n, c in enumerate(buckets):
                parts.append((key if n == 0 else f"{key}#{n + 1}", c))
        else:
            parts.append((key, idx))
    parts.sort(key=lambda p: p[1][0])
    groups = []
    for key, idx in parts:
        label, reason = group_label([statements[i] for i in idx])
        docs = tuple(dict.fromkeys(statements[i].doc_id for i in idx))
        groups.append(Group(key, label, tuple(idx), reason, docs))
    return groups
