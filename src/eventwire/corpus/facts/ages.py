"""Ages of several people under one key: which of them belong to one person.

Ages are keyed by the surname of the person they belong to (``age:gomes``), so a family's ages,
and an age the parse gave the story's main person, share one key. Reconciliation then takes
ages that several articles state together as different people's (``reconcile.AGE_APART``) and
keeps every value of the key as its own fact, so a real clash over one person's age is lost:
the suspect's 35, his mother's 61 and his ex-girlfriend's 48 in every report, and one report
with 35, 48 and 68 for the mother.

This rule (``age_people`` in ``rules``) reads the people from the articles: two ages that no
article states together, while each is stated together with the same other ages of the key,
are one person's (the reports name the same people, one of them with another age); they get a
key of their own, so they are compared with each other only (and clash). Every other age of
such a key keeps a key of its own too, as before. A key whose ages are never stated together
in ``apart`` articles is one person's and is left as it is.
"""

from __future__ import annotations

from collections.abc import Sequence

from eventwire.corpus.facts import rules
from eventwire.corpus.facts.records import Statement, indexes_by_key

__all__ = ["person_keys"]


def _people(docs: list[set[str]], apart: float) -> list[list[int]] | None:
    """The value clusters (their articles, ``docs``) grouped by person, or None when nothing
    shows several people or no two clusters are one person's."""
    n = len(docs)
    together = [[len(docs[a] & docs[b]) for b in range(n)] for a in range(n)]
    if not any(together[a][b] >= apart for a in range(n) for b in range(a + 1, n)):
        return None
    people: list[list[int]] = []
    for c in range(n):
        for p in people:
            members = set(p) | {c}
            others = [{o for o in range(n) if o not in members and together[m][o]} for m in members]
            if all(together[c][m] == 0 for m in p) and others[0] and all(o == others[0] for o in others):
                p.append(c)
                break
        else:
            people.append([c])
    return people if len(people) < n else None


def person_keys(statements: Sequence[Statement], keys: list[str], apart: float) -> list[str]:
    """``keys`` with the ages of one person, under a key that holds several people's, given a
    key of their own (``<key>``, ``<key>:2``, ... in order of first statement)."""
    if not rules.on("age_people"):
        return keys
    out = list(keys)
    for key, idx in indexes_by_key(keys).items():
        if any(statements[i].kind != "age" or not isinstance(statements[i].value, float | int) for i in idx):
            continue
        values = list(dict.fromkeys(float(statements[i].value) for i in idx))  # type: ignore[arg-type]
        if len(values) < 3:
            continue
        docs = [{statements[i].doc_id for i in idx if statements[i].value == v} for v in values]
        people = _people(docs, apart)
        if people is None:
            continue
        person = {values[c]: n for n, p in enumerate(people) for c in p}
        for i in idx:
            n = person[float(statements[i].value)]  # type: ignore[arg-type]
            out[i] = key if n == 0 else f"{key}:{n + 1}"
    return out
