"""Event trigger lexicon: data files under resources/events/, loaded once."""

from __future__ import annotations

from importlib import resources

from eventwire.analyze import events_lexicon as lex


def test_events_lexicon_rules_keep_file_order_and_keyword_sets() -> None:
    # a keyword-set reference (@mil) expands to its words; the default rule comes last
    arrive = lex.VERBS["arrive"]
    assert arrive[0][0] == "074" and "troop" in arrive[0][1]
    assert arrive[-1] == ("042", ())
    # "-" in the file is "not an event by itself"
    assert (None, ()) in lex.VERBS["call"]
    assert all(isinstance(k, tuple) and len(k) == 2 for k in lex.PHRASAL)


def test_events_lexicon_every_trigger_code_is_in_the_cameo_table() -> None:
    from eventwire.analyze.events_graph import plover_of

    for table in (lex.VERBS, lex.PHRASAL, lex.NOUNS):
        for rules in table.values():
            for code, _kws in rules:
                assert code is None or plover_of(code) != (None, None) or code[:2] in ("01", "02"), code


def test_events_lexicon_is_read_from_data_files() -> None:
    base = resources.files("eventwire.resources") / "events"
    rows = [line.split("\t") for line in (base / lex.TRIGGERS_FILE).read_text("utf-8").splitlines()
            if line and not line.startswith("#")]
    verbs = {r[1] for r in rows if r[0] == "verb"}
    assert verbs == set(lex.VERBS)
    lists = [line.split("\t") for line in (base / lex.WORD_LISTS_FILE).read_text("utf-8").splitlines()
             if line and not line.startswith("#")]
    assert {r[1] for r in lists if r[0] == "reporting"} == set(lex.REPORTING)
    assert {r[1]: r[2] for r in lists if r[0] == "intent"} == lex.INTENT
