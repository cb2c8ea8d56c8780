"""Two articles that word a statement the same way state one fact: a copy of a report with a
changed figure is a clash of that fact, and the same sentence parsed with two happenings is
one key (``context.wording``, ``reconcile._join_parallel``, ``reconcile._parallel_keys``)."""

from __future__ import annotations

from typing import Any

from eventwire.corpus.facts import facts_command
from eventwire.corpus.facts.context import wording
from eventwire.corpus.facts.reconcile import reconcile
from eventwire.corpus.facts.records import Statement

_BASE = ("Police said the man worked at the plant for {n} years before he was dismissed last month. "
         "Three people were wounded and taken to hospital, officials said on Monday.")
_OTHER = "A gunman opened fire at a factory on Monday. Three people were wounded, police said. The man had worked there for years."


def _st(doc: str, value: Any, kind: str, text: str, wording: str | None, key: str = "k", **kw: Any) -> Statement:
    return Statement(doc_id=doc, start=0, end=len(text), text=text, key=key, kind=kind, value=value,
                     wording=wording, **kw)


def test_context_wording_reads_the_words_around_a_span() -> None:
    text = "Officials said on Monday that 12 people were killed in the blast near the border."
    s = text.index("12")
    assert wording(text, s, s + 2) == "officials said on monday that | people were killed in the"
    # too few words around the span: no wording
    assert wording("Killed: 12.", 8, 10) is None


def test_reconcile_copy_with_a_changed_figure_is_a_conflict() -> None:
    # "worked ... for 12 years": a duration of a happening of no known kind, whose differing
    # values are two facts when articles word them differently; a copy that words it the same
    # way with another figure clashes with the article it copies
    docs = [{"doc_id": "a1", "story": "s", "text": _BASE.format(n=12)},
            {"doc_id": "a2", "story": "s", "text": _BASE.format(n=12)},
            {"doc_id": "a3", "story": "s", "text": _BASE.format(n=15)}]
    out = list(facts_command(docs))[0]
    years = [g for g in out["groups"] if any(out["statements"][m]["value"] in (12.0, 15.0) for m in g["members"])]
    assert [g["label"] for g in years] == ["conflict"]
    assert {out["statements"][m]["doc_id"] for m in years[0]["members"]} == {"a1", "a2", "a3"}
    # without the copy the two articles agree
    out = list(facts_command(docs[:2]))[0]
    assert [g["label"] for g in out["groups"] if any(out["statements"][m]["value"] == 12.0 for m in g["members"])] == ["agree"]


def test_reconcile_parallel_wording_moves_only_the_worded_statement() -> None:
    w = "the man worked there for | years before he was dismissed"
    sts = [_st("a", 12.0, "duration", "12", w, key="duration:work", unit="years"),
           _st("b", 12.0, "duration", "12", "he had been with the firm | years his brother said", key="duration:work", unit="years"),
           _st("c", 15.0, "duration", "15", w, key="duration:work", unit="years"),
           _st("d", 3.0, "duration", "3", "the plant had been closed for | years until it reopened", key="duration:work", unit="years")]
    groups = reconcile(sts)
    assert [(g.label, g.members) for g in groups] == [("conflict", (0, 1, 2)), ("single-source", (3,))]
    # the same words with two values (a relative date resolved against two publication
    # dates) are no clash between the articles
    sts = [_st("a", "2011-08-16", "date", "this morning", w, key="date:work"),
           _st("b", "2011-08-16", "date", "Tuesday", "on tuesday the plant | was closed", key="date:work"),
           _st("c", "2011-08-18", "date", "this morning", w, key="date:work")]
    assert "conflict" not in [g.label for g in reconcile(sts)]


def test_reconcile_same_sentence_parsed_with_two_happenings_is_one_key() -> None:
    w = "he was charged with | counts of murder and one"
    sts = [_st("a", 2.0, "count", "two", w, key="count:charge:count", unit="count"),
           _st("b", 2.0, "count", "two", w, key="count:arraign:count", unit="count"),
           _st("c", 2.0, "count", "two", "police said he faces | charges", key="count:charge:count", unit="count")]
    assert [(g.key, g.label, g.members) for g in reconcile(sts)] == [("count:charge:count", "agree", (0, 1, 2))]
    # without the shared wording the keys stay apart
    sts[1] = _st("b", 2.0, "count", "two", "another sentence entirely | here", key="count:arraign:count", unit="count")
    assert len(reconcile(sts)) == 2


def test_reconcile_same_words_read_two_ways_do_not_join_two_keys() -> None:
    # one relative date ("this morning") read against two copies' publication dates, parsed
    # under two happenings: two resolutions of one text, not one fact with a clash
    w = "a gunman opened fire at the | killing three people police said"
    sts = [_st("a", "2011-08-16", "date", "this morning", w, key="date:attack"),
           _st("b", "2011-08-18", "date", "this morning", w, key="date:shooting")]
    assert "conflict" not in [g.label for g in reconcile(sts)]
    # the same wording with a figure written differently still joins and clashes
    sts = [_st("a", 12.0, "count", "12", w, key="count:attack:people", unit="people"),
           _st("b", 18.0, "count", "18", w, key="count:shooting:people", unit="people")]
    assert [g.label for g in reconcile(sts)] == ["conflict"]
