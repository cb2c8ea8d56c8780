"""The article's country for event actors that have none of their own.

The realnews annotation protocol codes an actor by the country the document makes evident
("police" in a story set in Modesto → USA; "Place names count"). The events stage does the
same as a last resort, after the event-ness model has decided (its features see only the
sentence's own countries): an argument that got no country from the actors stage or the
sentence takes :func:`document_country`, and an arrest, conviction or charge with no stated
actor is the authorities' of that country.

The two thresholds were chosen among 9 settings (1–3 mentions × 1.5–3× the runner-up) by
dyad precision on the realnews **train** documents (``eval/realnews_events_doc_eval.py``).
"""

from __future__ import annotations

from eventwire.analyze.events_filter import _NOT_ACTORS, argument_kind
from eventwire.analyze.events_graph import TokenGraph
from eventwire.analyze.events_lexicon import HOME_PRONOUNS
from eventwire.model import AnalyzedDoc

__all__ = ["AUTHORITY_TYPES", "document_country", "home_country"]

MIN_PLACES = 1  # place mentions of the leading country
MIN_RATIO = 1.5  # ... and at least this many times the runner-up's
# argument kinds that are no actor (see events_filter.argument_kind)
_NOT_ACTOR_KINDS = frozenset(_NOT_ACTORS | {"none"})
# legal actions with no stated actor are the authorities' of the place (police, courts)
AUTHORITY_TYPES = frozenset({"COERCE", "SANCTION", "ACCUSE"})


def document_country(doc: AnalyzedDoc) -> str | None:
    """The country the article is set in: the country most of its place mentions are in,
    when it leads clearly (``MIN_PLACES`` mentions, ``MIN_RATIO`` times the runner-up's),
    else None."""
    counts: dict[str, int] = {}
    for p in doc.places:
        if p.country and len(p.country) == 3:
            counts[p.country] = counts.get(p.country, 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    if not ranked or ranked[0][1] < MIN_PLACES:
        return None
    second = ranked[1][1] if len(ranked) > 1 else 0
    return ranked[0][0] if ranked[0][1] >= MIN_RATIO * second else None


def home_country(g: TokenGraph, k: int | None, home: str | None, *, source: bool = False) -> str | None:
    """An argument with no country of its own (police, a judge, a named person, he/she; as a
    target also a thing, "the proposal") belongs to the article's country; not a date or
    number, nor "it"/"which". A source that is a common noun but no role noun ("a massive
    quake", "shares") is no actor and gets none (as in ``events_filter.sanitize_arguments``)."""
    if home is None or k is None:
        return None
    kind = argument_kind(g, k)
    if kind == "pron":
        return home if g.toks[k].text.lower() in HOME_PRONOUNS else None
    if kind in _NOT_ACTOR_KINDS or (source and kind == "noun"):
        return None
    return home
