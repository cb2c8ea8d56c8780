"""Street addresses as places of a happening, written with their town.

Reports place a happening at a street ("found on Independent Street", "at 24 Independent
Street", "the Philip Street apartment", "outside her First Street home"); a reader compares
the address, and the gold writes it with the house number the text gives and the town
("24 Independent Street, New Bedford"), as it writes a building with its town ("Pagliarelli
prison, Palermo"). This rule (``street_town`` in ``rules``):

* reads a street mention (capitalised words ending in a street noun of
  ``resources/facts/street_nouns.tsv``) in a locative phrase ("on", "at", "in", ... ) or
  before a noun of a building or home ("apartment", "home"), with its house number;
* writes its value as "[number] Street, Town" with the article's one town
  (``attributes.article_town``; "Albany's First Street" is "First Street, Albany"); an article
  that names no town or several states no address this way;
* replaces the place statement extraction read over the same words without the town, and
  drops the house number read as a count ("24" as ``count:discover:street``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from eventwire.corpus.facts.attributes import article_town
from eventwire.corpus.facts.context import attribution, hedge_word
from eventwire.corpus.facts.document import FactDoc
from eventwire.corpus.facts.records import Statement
from eventwire.corpus.facts.resources import tsv_rows

__all__ = ["street_statements"]

_BEFORE = re.compile(r"\b(?:on|at|in|along|near|off|outside|of)\s+(?:(?:the|a|an|her|his|their|its)\s+)?$", re.I)
_AFTER = re.compile(r"^\s+(?:apartment|home|house|residence|building|flat|address)s?\b", re.I)
_NUMBER = re.compile(r"(?<![\d,.])(\d{1,5})\s+$")


@functools.lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    nouns = sorted((r["noun"] for r in tsv_rows("street_nouns.tsv")), key=len, reverse=True)
    alts = "|".join(re.escape(n.capitalize()) for n in nouns)
    return re.compile(rf"\b(?:[A-Z][A-Za-z'’.-]+\s+){{1,3}}(?:{alts})(?![A-Za-z])")


def street_statements(doc: FactDoc, found: Sequence[Statement]) -> list[Statement]:
    """``found`` with each street mention of a happening as an address with its town: the
    place statements over the street's words and the counts of its house number dropped."""
    town = article_town(doc)
    if town is None:
        return list(found)  # no town to write the address with, or several
    adds: list[Statement] = []
    covered: list[tuple[int, int]] = []
    for m in _pattern().finditer(doc.text):
        a, b = m.start(), m.end()
        words = m.group(0).split()
        if words[0].lower() in ("the", "a", "an", "on", "at", "in", "and", "of"):
            a += len(words[0]) + 1
            if len(words) < 3:
                continue
        seg = doc.own(a, b)
        if seg is None:
            continue
        num = _NUMBER.search(doc.text[max(0, a - 8) : a])
        start = a - (len(doc.text[max(0, a - 8) : a]) - num.start()) if num else a
        before = doc.text[max(0, start - 30) : start]
        if not _BEFORE.search(before) and not _AFTER.match(doc.text[b : b + 15]):
            continue
        street = doc.text[start:b]
        lead = re.match(rf"{re.escape(town)}(?:['’]s)?\s+", street)
        if lead:  # "Albany's First Street", "on Wellington High Street": the town's street
            street = street[lead.end() :]
        value = f"{street}, {town}"
        over = [s for s in found if s.kind == "place" and s.start < b and a < s.end]
        key = over[0].key if over else "place:?"
        adds.append(Statement(
            doc_id=doc.doc_id, start=start, end=b, text=street, key=key, kind="place", value=value,
            attribution=attribution(doc, start), hedge=hedge_word(doc, start), segment=seg, doc_date=doc.dct,
        ))
        covered.append((start, b))
    if not adds:
        return list(found)
    keep = [s for s in found if not (
        (s.kind == "place" and any(x < s.end and s.start < y and "," not in str(s.value) for x, y in covered))
        or (s.kind == "count" and any(x <= s.start and s.end <= y for x, y in covered)))]
    return sorted(keep + adds, key=lambda s: (s.start, s.end))
