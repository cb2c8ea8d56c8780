"""Country/actor lookup for the event coder.

Prefers the actors helper's resolvers (``eventwire.analyze.actors.code_actor_phrase`` and
``eventwire.analyze.countries.resolve_country``) when they are installed; otherwise falls
back to a small n-gram matcher over the shipped Phoenix resources
(``resources/actors``: country aliases, IGOs, named actors; MIT, see that README).
"""

from __future__ import annotations

import functools
import gzip
import json
import re
from collections.abc import Sequence
from importlib import resources

from eventwire._resources import resource_json
from eventwire.analyze.events_lexicon import COUNTRY_ALIASES
from eventwire.errors import ModelError

__all__ = ["phrase_country", "country_in_words", "scan_countries", "is_country_alias"]

_STOP = {"THE", "A", "AN", "OF", "AND", "'S", "’S", "'", "’"}
_MAXN = 6


@functools.lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, str], dict[str, str]]:
    """(alias -> country code, alias -> country of a named actor). A missing or unreadable
    shipped file is a coded :class:`ModelError` (an install problem), never an empty table."""
    countries: dict[str, str] = dict(
        resource_json("actors", "phoenix_country_aliases.json", what="country aliases")
    )
    for alias in resource_json("actors", "phoenix_igos.json", what="IGO aliases"):
        if len(alias) > 3 or alias.isalpha():
            countries[alias.upper()] = "IGO"
    countries.update(COUNTRY_ALIASES)
    people: dict[str, str] = {}
    path = resources.files("eventwire.resources") / "actors" / "phoenix_actors.jsonl.gz"
    try:
        with gzip.open(str(path), "rt", encoding="utf-8") as fh:
            for line in fh:
                rec = json.loads(line)
                codes = rec.get("c") or []
                if not codes:
                    continue
                c = codes[-1][0]
                if not c or len(c) < 3:
                    continue
                c = c[:3]
                for name in [rec["n"], *rec.get("a", [])]:
                    if len(name) >= 4 and name not in countries:
                        people.setdefault(name, c)
    except (OSError, ValueError) as e:
        raise ModelError(f"named actors actors/phoenix_actors.jsonl.gz is missing or unreadable: {e}", "E303") from e
    return countries, people


_WORD = re.compile(r"[^\W\d_][\w.\-']*|\d+", re.UNICODE)


def _norm_words(words: Sequence[str]) -> list[str]:
    out = []
    for w in words:
        w = w.upper().replace("’", "'")
        if w.endswith("'S"):
            w = w[:-2]
        out.append(w)
    return out


def country_in_words(words: Sequence[str]) -> str | None:
    """The first country (ISO3 / IGO) named by an n-gram of ``words`` (longest match first),
    written as a name: capitalised, and in capitals when it is an abbreviation ("US", "WHO")."""
    countries, people = _tables()
    ws = _norm_words(words)
    n = len(ws)
    for i in range(n):
        # a name starts with a capital ("male" is no Malé); an abbreviation is all capitals
        if ws[i] in _STOP or not ws[i] or not words[i][:1].isupper():
            continue
        for k in range(min(_MAXN, n - i), 0, -1):
            gram = " ".join(ws[i : i + k])
            if len(gram.replace(".", "")) <= 3 and not "".join(words[i : i + k]).isupper():
                continue
            c = countries.get(gram)
            if c is None and k > 1:
                c = people.get(gram)
            elif c is None and k == 1 and len(gram) > 4 and words[i][:1].isupper():
                c = people.get(gram)
            if c:
                return c
    return None


@functools.lru_cache(maxsize=65536)
def phrase_country(text: str, date: str | None = None) -> tuple[str | None, str | None, str | None]:
    """(country, role, actor_id) for an actor phrase, or Nones: the actors stage's phrase
    coder, then the country resolver, then the shipped alias table."""
    from eventwire.analyze.actors import code_actor_phrase
    from eventwire.analyze.countries import resolve_country

    text = text.strip()
    if not text:
        return None, None, None
    ac = code_actor_phrase(text, date=date)
    if ac is not None and getattr(ac, "country", None):
        return ac.country, getattr(ac, "role", None), getattr(ac, "actor_id", None)
    c = resolve_country(text)
    if c:
        return c, None, None
    c = country_in_words(_WORD.findall(text))
    return c, None, None


def is_country_alias(text: str) -> bool:
    """True when the whole phrase is a country/IGO name or alias (not a person)."""
    from eventwire.analyze.countries import resolve_country

    countries, _ = _tables()
    key = " ".join(_norm_words(_WORD.findall(text)))
    return key in countries or resolve_country(text) is not None


@functools.lru_cache(maxsize=65536)
def scan_countries(text: str) -> str | None:
    """The leftmost country/IGO named in ``text`` (names, demonyms, capitals; not people)."""
    from eventwire.analyze.countries import find_countries

    hits = find_countries(text)
    return hits[0][2] if hits else None
