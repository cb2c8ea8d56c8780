"""Dates, clock times and places of what happened, as fact statements.

Dates and times come from the TIMEX tagger's spans; each is keyed by the happening it is
attached to in the parse (``date:death``, ``time:explosion``) and normalized to the forms a
reader compares: an ISO date when the article's date resolves it, else the weekday the text
gives ("Friday"), "--08-02" for a month-day without a year, a bare year, "17:30" for a clock
time, "morning"/"afternoon (late)" for parts of the day. Places are GPE/LOC/FAC entities in
a locative phrase ("in Beverly Hills", "a Woodburn bank"), keyed ``place:<happening>``, with
the US state the text writes after the town ("Beverly Hills, Calif." -> "Beverly Hills,
California"); the story's other articles may qualify a bare town (``place_names``). A month
or year said to be early or late in it is "2008 (late)".
"""

from __future__ import annotations

import functools
import re

from eventwire.analyze.places_qualified import table_form_at
from eventwire.corpus.facts import rules
from eventwire.corpus.facts.context import attribution, hedge_word
from eventwire.corpus.facts.document import FactDoc, cue_kind, noun_class, word_class
from eventwire.corpus.facts.records import Statement
from eventwire.corpus.facts.resources import tsv_rows

__all__ = ["date_statements", "place_statements", "time_value", "date_value", "area_nouns", "region_forms", "is_setting"]

_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_WEEKDAY_RE = re.compile(r"\b(" + "|".join(_WEEKDAYS) + r")\b", re.I)
# what a clock time's own words must hold to state its day as well ("around 10:24 a.m.
# Friday", "at noon yesterday"); "at 06:00 BST" states the time only, its day is the article's
_DAY_STATED = re.compile(r"\b(?:" + "|".join(_WEEKDAYS) + r"|yesterday|today|tomorrow|jan(?:uary)?|feb(?:ruary)?|march|"
                         r"april|may|june|july|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b"
                         r"|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\b\d{4}-\d\d-\d\d\b", re.I)
# a month or year said to be early or late in it ("in late July": "--07 (late)")
_FUZZY = re.compile(r"\b(early|late|mid)[-\s]+(?:in\s+)?(?:\w+\s*)?$", re.I)
_PART_RE = re.compile(r"\b(?:(early|late)\s+)?(?:\w+\s+)?(morning|afternoon|evening|night|tonight)\b", re.I)
_PART_CODES = {"MO": "morning", "AF": "afternoon", "EV": "evening", "NI": "night"}
_RELATIVE_DAY = re.compile(r"\b(?:yesterday|today|tomorrow|tonight|last night|this (?:morning|afternoon|evening))\b", re.I)
_LOCATIVE = frozenset("in at near outside inside off on into".split())


def date_value(value: str, text: str) -> str | None:
    """The comparable date of a TIMEX value (see module doc), or None."""
    m = re.match(r"^(\d{4}-\d\d-\d\d)", value)
    if m:
        return m.group(1)
    w = _WEEKDAY_RE.search(text)
    if w:
        return w.group(1).capitalize()
    m = re.match(r"^XXXX-(\d\d)-(\d\d)$", value)
    if m:
        return f"--{m.group(1)}-{m.group(2)}"
    if re.fullmatch(r"\d{4}", value):
        return value
    return None


def time_value(value: str, text: str, context_before: str = "") -> str | None:
    """"17:30", "morning", "early morning", "afternoon (late)" or None."""
    m = re.search(r"T(\d\d:\d\d)", value)
    if m:
        return m.group(1)
    p = _PART_RE.search(text)
    part = None
    mod = None
    if p:
        part = p.group(2).lower()
        mod = (p.group(1) or "").lower() or None
        if part == "tonight":
            part = "night"
    else:
        m = re.search(r"T(MO|AF|EV|NI)$", value)
        if m:
            part = _PART_CODES[m.group(1)]
    if part is None:
        return None
    if mod is None and re.search(r"\b(early|late)\s+(?:on\s+)?$", context_before, re.I):
        mod = re.search(r"\b(early|late)\s+(?:on\s+)?$", context_before, re.I).group(1).lower()  # type: ignore[union-attr]
    day = _WEEKDAY_RE.search(text)
    if day is not None:  # "Tuesday evening", "late on Tuesday night": the day belongs to it
        part = f"{day.group(1).capitalize()} {part}"
    if mod == "early":
        return f"early {part}"
    if mod == "late":
        return f"{part} (late)"
    return part


def _when_clause(doc: FactDoc, k: int) -> str | None:
    """The happening a clause on the date or time itself names ("at 5:30 p.m., when the bomb
    went off"; "the day the quake struck"): its verb's class, or its subject's."""
    for c in doc.children(k):
        ct = doc.tok(c)
        if ct.dep not in ("relcl", "acl", "advcl") or ct.pos not in ("VERB", "AUX"):
            continue
        cls = word_class(ct.lemma)
        subj = doc.child(c, "nsubj", "nsubjpass")
        if cls is None and subj is not None:
            cls = word_class(doc.tok(subj).lemma)
        if cls is not None:
            return cls
    return None


def date_statements(doc: FactDoc) -> list[Statement]:
    out: list[Statement] = []
    prev_end = -10
    for tx in doc.timexes:
        seg = doc.own(tx.start, tx.end)
        if seg is None or tx.type not in ("DATE", "TIME"):
            continue
        if re.fullmatch(r"[^().;]{0,15}\(\s*", doc.text[max(0, prev_end) : tx.start]) and tx.type == "TIME":
            prev_end = tx.end
            continue  # "17:06 local time (13:36 GMT)": the same time in another zone
        prev_end = tx.end
        k = doc.span_head(tx.start, tx.end)
        clause = _when_clause(doc, k) if k is not None and rules.on("when_clause") else None
        happening = (clause or doc.event_class(k) if k is not None else None) or "?"
        said = (rules.on("said_date") and k is not None and doc.tok(doc.head(k)).pos == "VERB"
                and cue_kind(doc.tok(doc.head(k)).lemma) == "say")
        if happening == "?" and not _RELATIVE_DAY.search(tx.text) or cue_kind(happening) == "say" or said:
            # a date or time the parse ties to no happening, or to a source's saying it
            # ("police announced Friday"), is no checkable fact of the happening
            continue
        before = doc.text[max(0, tx.start - 12) : tx.start]
        if rules.on("decade") and re.fullmatch(r"\d{3}0", tx.value) and re.match(r"['’]?s\b", doc.text[tx.end : tx.end + 3]) and re.search(r"\bthe\s+$", before, re.I):
            continue  # "in the 1940's": a decade, read as its first year, dates no happening
        common = {
            "doc_id": doc.doc_id, "start": tx.start, "end": tx.end, "text": tx.text,
            "attribution": attribution(doc, tx.start), "hedge": hedge_word(doc, tx.start),
            "segment": seg, "doc_date": doc.dct,
        }
        day_after = re.match(r"\s*(\d{1,2})(?:st|nd|rd|th)?\b(?![:.]\d)", doc.text[tx.end : tx.end + 6])
        month = re.fullmatch(r"(?:\d{4}|XXXX)-(\d\d)", tx.value)
        if (month and day_after and 1 <= int(day_after.group(1)) <= 31 and not re.search(r"\d", tx.text[-3:])
                and not re.search(r"\bin\s+$", before, re.I)):
            # "Aug. 2", "August 2nd" that the tagger read as the month alone: the day follows
            # (not after "in": "in August 15 people died" is a month and a count)
            end = tx.end + day_after.end()
            md = f"{tx.value[:4]}-{month.group(1)}-{int(day_after.group(1)):02d}".replace("XXXX-", "--")
            out.append(Statement(key=f"date:{happening}", kind="date", value=md,
                                 **{**common, "end": end, "text": doc.text[tx.start : end]}))  # type: ignore[arg-type]
            continue
        has_day = bool(re.search(r"\d{4}-\d\d-\d\d|W\d\d-\d|WXX-\d|XXXX-\d\d-\d\d", tx.value)) or bool(_WEEKDAY_RE.search(tx.text))
        if tx.type == "TIME" and re.search(r"T\d\d:\d\d", tx.value) and not _DAY_STATED.search(tx.text):
            has_day = False  # a clock time alone: its day is no statement of the text
        if has_day or re.fullmatch(r"\d{4}", tx.value):
            dv = date_value(tx.value, tx.text)
            if dv is not None:
                if tx.end_value and tx.begin and tx.begin != tx.end_value and re.match(r"\d{4}-\d\d-\d\d", tx.value):
                    dv = f"{tx.begin}/{tx.end_value}"
                elif dv.startswith("--"):
                    rng = re.search(r"\b(\d{1,2})(?:st|nd|rd|th)?\s*[-–—]\s*(\d{1,2})(?:st|nd|rd|th)?\b", tx.text)
                    if rng and int(rng.group(2)) > int(dv[-2:]):
                        dv = f"{dv}/{dv[:4]}-{int(rng.group(2)):02d}"
                fuzzy = _FUZZY.search(before + tx.text[:6])
                decade = re.match(r"['’]?s\b", doc.text[tx.end : tx.end + 3])  # "the mid-1990s": a decade
                if fuzzy and not decade and re.fullmatch(r"\d{4}|\d{4}-\d\d|--\d\d", dv):
                    dv = f"{dv} ({fuzzy.group(1).lower()})"  # "in late 2008": "2008 (late)"
                out.append(Statement(key=f"date:{happening}", kind="date", value=dv, **common))  # type: ignore[arg-type]
        elif doc.dct is None and tx.value.startswith("XXXX-XX-XX") and _RELATIVE_DAY.search(tx.text):
            # "yesterday", "last night" in an article without a date: kept as written, with
            # the expression's span, for its story's date to resolve (unresolved, it is no fact)
            out.append(Statement(key=f"date:{happening}", kind="date", value=tx.text.lower(),
                                 relative=(tx.start, tx.end), **common))  # type: ignore[arg-type]
        tv = time_value(tx.value, tx.text, before) if (tx.type == "TIME" or _PART_RE.search(tx.text)) else None
        if tv is None and re.match(r"^early\s+(?:on\s+)?(?:" + "|".join(_WEEKDAYS) + r")\b", tx.text, re.I):
            tv = "early morning"  # "died early Thursday": in the first hours of the day
        if tv is not None:
            qual = "about" if tx.mod == "APPROX" else None
            out.append(Statement(key=f"time:{happening}", kind="time", value=tv, qualifier=qual, **common))  # type: ignore[arg-type]
    return out


@functools.lru_cache(maxsize=1)
def _region_forms() -> dict[str, str]:
    from eventwire.analyze.places_qualified import region_rows

    # the gazetteer's table of regions as written after a town: US states, Canadian provinces,
    # Australian states, the parts of the UK (full names, AP-style and postal abbreviations)
    return {r["form"]: r["name"] for r in region_rows()}


def region_forms() -> dict[str, str]:
    """Region names and their abbreviations as written after a town ("Calif.", "Tex.", "Ont.",
    "N.S.W.") -> the region's name."""
    return dict(_region_forms())


def _canonical_place(doc: FactDoc, name: str, end: int) -> tuple[str, int]:
    """"Beverly Hills, California" where the text names the state or province after the town
    ("Beverly Hills, Calif."; "London, Ont."), the name as written otherwise: the region is what the text states, never
    a guess (the most populous "Somerset" is in California; the story is in England). Other
    articles of the story may qualify a bare name (:mod:`place_names`). Returns (value, end
    offset used)."""
    abbr = _region_forms()
    name = re.sub(r"^the\s+", "", name.strip(), flags=re.I)
    m = re.match(r",[ \t]*", doc.text[end : end + 4])
    if m:
        # a region the table writes after a town that closes the pair ("Toronto, Quebec's
        # premier" names none: places_qualified.table_form_at)
        form = table_form_at(doc.text, end + m.end())
        if form is not None and name not in abbr.values():
            return f"{name}, {abbr[form]}", end + m.end() + len(form)
    return name, end


@functools.lru_cache(maxsize=1)
def area_nouns() -> frozenset[str]:
    return frozenset(r["noun"] for r in tsv_rows("place_nouns.tsv"))


def _named_area(doc: FactDoc, k: int, of: int) -> tuple[int, str] | None:
    """A place named by the "of" phrase of an area noun in a locative phrase ("in the
    agricultural town of X", "on the island of X", "in the Y area of X"): the token the
    locative phrase hangs on and the area's own name ("Y", or "" when it has none). (A town
    inside a building's phrase, "prison in the capital of X", is the building's:
    ``command.extract_statements`` drops it.)"""
    if doc.tok(k).dep != "pobj" or doc.tok(of).lemma.lower() != "of":
        return None
    noun = doc.head(of)
    nt = doc.tok(noun)
    if nt.pos != "NOUN" or nt.lemma.lower() not in area_nouns() or nt.dep != "pobj":
        return None
    prep = doc.head(noun)
    if doc.tok(prep).lemma.lower() not in _LOCATIVE:
        return None
    anchor = doc.head(prep)
    name = [c for c in doc.children(noun) if c < noun and doc.tok(c).dep == "compound" and doc.tok(c).pos == "PROPN"]
    area = ""
    if name:
        a = min(doc.subtree_span(c)[0] for c in name)
        area = doc.text[a : doc.tok(max(name)).end]
    return anchor, area


@functools.lru_cache(maxsize=1)
def _sites() -> frozenset[str]:
    return frozenset(r["noun"] for r in tsv_rows("facilities.tsv"))


def _is_site(word: str) -> bool:
    """Whether a noun names a building or site (``facilities.tsv``: "bank", "prison")."""
    return word.lower() in _sites()


def _describes_someone(doc: FactDoc, h: int) -> bool:
    """Whether the noun a place modifies stands for someone: a people word, a PERSON
    name's title or description, or the subject of a verb (the actor of the happening)."""
    ht = doc.tok(h)
    if noun_class(ht.lemma) == "people" or ht.dep in ("nsubj", "nsubjpass"):
        return True
    if doc.entity_at(ht.start, ht.end, ("PERSON",)) is not None:
        return True
    return any(doc.tok(c).dep in ("appos", "compound") and doc.entity_at(doc.tok(c).start, doc.tok(c).end, ("PERSON",))
               for c in doc.children(h)) or doc.tok(doc.head(h)).dep == "appos" and doc.entity_at(
                   doc.tok(doc.head(h)).start, doc.tok(doc.head(h)).end, ("PERSON",)) is not None


_BIG_CITY = 100_000


def is_setting(name: str) -> bool:
    """Whether a place name reads as a whole country, state or region: the gazetteer knows
    it as one, and as no city of ``_BIG_CITY`` people or more ("Oregon" is a state and two
    small towns; "Washington" is also a capital, a place of its own)."""
    from eventwire.analyze.places_gazetteer import gazetteer

    entries = gazetteer().lookup(name)
    if not any(e.kind in ("country", "admin1", "region") for e in entries):
        return False
    return not any(e.kind == "city" and e.population >= _BIG_CITY for e in entries)


def place_statements(doc: FactDoc) -> list[Statement]:
    out: list[Statement] = []
    from eventwire.analyze.places_gazetteer import gazetteer

    people = {e.text for e in doc.entities if e.label == "PERSON"} | {
        e.text.split()[-1] for e in doc.entities if e.label == "PERSON"}
    for ent in doc.entities:
        if ent.label not in ("GPE", "LOC", "FAC"):
            # the tagger calls some towns organisations ("Woodburn"): a one-word name that is
            # a city of the gazetteer (exactly, 20,000+ people) and no one's name counts
            if ent.label != "ORG" or " " in ent.text.strip() or ent.text in people:
                continue
            if not any(e.kind == "city" and e.name == ent.text and e.population >= 20000 for e in gazetteer().lookup(ent.text)):
                continue
        seg = doc.own(ent.start, ent.end)
        if seg is None:
            continue
        k = doc.span_head(ent.start, ent.end)
        if k is None:
            continue
        t = doc.tok(k)
        h = doc.head(k)
        ht = doc.tok(h)
        name_of = _named_area(doc, k, h)
        if name_of is not None:
            anchor, area_name = name_of
        elif t.dep == "pobj" and ht.lemma.lower() in _LOCATIVE:
            anchor = doc.head(h)
            if rules.on("person_place") and doc.tok(anchor).pos in ("NOUN", "PROPN") and _describes_someone(doc, anchor):
                continue  # "a Mafia boss in Palermo", "residents in X": where someone is from
        elif (rules.on("area") and t.dep in ("compound", "nmod", "poss") and ht.lemma.lower() in area_nouns()
              and doc.tok(doc.head(h)).lemma.lower() in _LOCATIVE):
            anchor = doc.head(doc.head(h))  # "in the Woodburn area": the town's area
        elif (rules.on("area") and t.dep in ("compound", "nmod", "poss") and ht.lemma.lower() in area_nouns()
              and doc.tok(h).dep == "compound"
              and (_is_site(doc.tok(doc.head(h)).lemma) or _is_site(doc.tok(doc.head(h)).text))):
            anchor = doc.head(h)  # "a Woodburn-area bank": a building in the town's area
        elif t.dep in ("compound", "nmod", "poss") and ht.pos == "NOUN":
            if _describes_someone(doc, h):
                continue  # "a Hollywood actress", "the Boston mayor": who, not where
            if not _is_site(ht.lemma) and not _is_site(ht.text):
                # a place name modifying a noun that is no building or site says what kind
                # of thing it is ("Hollywood musicals", "Sicily's biggest operations",
                # "the Woodburn police"), not where the happening took place
                continue
            anchor = h
        else:
            continue
        # places of the abstract ("in Vietnam's diplomatic hierarchy") are no places of a happening
        happening = doc.event_class(anchor)
        if happening is None:
            continue  # a place the parse ties to no happening ("Marion County officials")
        kinds = gazetteer().kinds(ent.text)
        if is_setting(ent.text) if rules.on("state_setting") else kinds and kinds <= {"country", "admin1", "region"}:
            continue  # a whole country or state is the setting, not a checkable place
        value, _ = _canonical_place(doc, ent.text, ent.end)
        if name_of is not None and area_name:
            value = f"{area_name}, {value}"  # "the Porta Nuova area of Palermo"
        out.append(Statement(
            doc_id=doc.doc_id, start=ent.start, end=ent.end, text=ent.text, key=f"place:{happening}",
            kind="place", value=value, attribution=attribution(doc, ent.start),
            hedge=hedge_word(doc, ent.start), segment=seg, doc_date=doc.dct,
        ))
    return out
