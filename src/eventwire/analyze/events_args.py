"""Arguments of a coded event: source (subject or passive agent), target (object,
prepositional object, subject of a demanded clause) and their countries, with the
sentence-level country fallbacks (part of the dependency-pattern coder,
:mod:`eventwire.analyze.events_core`)."""

from __future__ import annotations

from collections.abc import Sequence

from eventwire.analyze import events_lexicon as lex
from eventwire.analyze.events_actors import phrase_country, scan_countries
from eventwire.analyze.events_graph import RECIPROCAL, CodedEvent, TokenGraph
from eventwire.analyze.events_nominal import NominalArguments, is_gentilic, nominal_arguments

__all__ = ["country_of_token", "is_figure", "FIGURE_LABELS"]


_SUBJ = ("nsubj", "nsubjpass", "csubj")


_TARGET_PREPS = lex.VERB_TARGET_PREPS  # a verb's prepositional target (data: word_lists.tsv)


_LOCATIVE = lex.LOCATIVE_PREPS  # a place or time phrase (data: word_lists.tsv)


_DEEP_PREPS = {"against", "on", "at", "to", "into", "toward", "towards", "upon", "with"}


_PRON = {"it", "they", "he", "she", "we", "its", "their", "his", "her", "who", "which", "that", "i", "you"}


def _np_text(g: TokenGraph, k: int, cap: int = 14) -> str:
    toks = [t for t in g.subtree(k) if t >= k - 8]
    # cut relative clauses / participial modifiers off the phrase
    cut: set[int] = set()
    for c in g.children[k]:
        if g.toks[c].dep in ("relcl", "acl", "advcl", "appos"):
            cut.update(g.subtree(c))
    toks = [t for t in toks if t not in cut][:cap]
    return _join(g, toks)


def _core_text(g: TokenGraph, k: int) -> str:
    """The noun phrase up to its head (modifiers left of it, plus flat names), without PPs."""
    ids = [k]
    for c in g.children[k]:
        d = g.toks[c].dep
        if d in ("compound", "amod", "poss", "nmod", "det", "flat", "nummod") or (c < k and d != "punct"):
            ids.extend(g.subtree(c))
        if d == "cc" and any(g.toks[x].dep == "conj" for x in g.children[k]):
            ids.append(c)
        if d == "conj":
            ids.extend(x for x in g.subtree(c) if g.toks[x].dep in ("conj", "compound", "amod", "poss", "cc") or x == c)
        if d == "prep" and g.toks[c].text.lower() == "of" and g.toks[k].pos == "PROPN":
            objs = g.kids(c, "pobj")
            if objs and g.toks[objs[0]].pos == "PROPN":
                ids.extend(g.subtree(c))
    ids = sorted(set(ids))
    return _join(g, ids)


def _name_text(g: TokenGraph, k: int) -> str:
    ids = [k] + [c for c in g.children[k] if g.toks[c].dep in ("compound", "flat") and g.toks[c].pos == "PROPN"]
    return _join(g, sorted(ids))


def _join(g: TokenGraph, ids: Sequence[int]) -> str:
    """The tokens' text with the original spacing ("People's", "U.S.-led")."""
    parts: list[str] = []
    prev = None
    for t in ids:
        tok = g.toks[t]
        if prev is not None and (tok.start > prev.end or t != prev.i - g.base + 1):
            parts.append(" ")
        parts.append(tok.text)
        prev = tok
    return "".join(parts)


def _country_of(g: TokenGraph, k: int, date: str | None) -> str | None:
    """Country of the phrase headed by k: a country-named head first ("NATO-member Norway"),
    then the leftmost country named by its modifiers ("U.N. mediator ...", "Chinese President"),
    then the actor dictionary, then the whole phrase with its attachments."""
    t = g.toks[k]
    if t.pos == "PROPN":
        nm = _name_text(g, k)
        if _is_country_name(nm):
            c, _, _ = phrase_country(nm, date)
            if c:
                return c
    core = _core_text(g, k)
    c = scan_countries(core)
    if c:
        return c
    c, _, _ = phrase_country(core, date)
    if c:
        return c
    if g.lemma(k) in lex.NOUNS or g.lemma(k) in lex.EVENT_NOUNS:
        # "negotiations in Algiers": the place of an event is not its target ("meeting of X" is)
        cut: set[int] = set()
        for ch in g.children[k]:
            dep = g.toks[ch].dep
            if dep in ("relcl", "acl", "appos") or (dep == "prep" and g.toks[ch].text.lower() in _LOCATIVE):
                cut.update(g.subtree(ch))
        np_ = _join(g, [t for t in g.subtree(k) if t not in cut][:14])
        return scan_countries(np_)
    np_ = _np_text(g, k)
    c = scan_countries(np_)
    if c:
        return c
    c, _, _ = phrase_country(np_, date)
    return c


def country_of_token(g: TokenGraph, k: int, date: str | None) -> str | None:
    return _country_of(g, k, date)


#: entity labels of a figure, a date or a time: never an actor
FIGURE_LABELS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"})


def is_figure(g: TokenGraph, k: int) -> bool:
    """Is the argument headed by ``k`` a number, amount, date or time (no actor)?"""
    t = g.toks[k]
    return t.ent_type in FIGURE_LABELS or (not t.ent_type and t.pos == "NUM")


def _is_country_name(text: str) -> bool:
    from eventwire.analyze.events_actors import is_country_alias

    return is_country_alias(text)


_RELATIVE_TAGS = ("WP", "WDT", "WP$")


def resolve_relative(g: TokenGraph, k: int) -> int | None:
    """A relative pronoun ("who", "that", "which") stands for the noun its clause modifies
    ("the man *who* attacked ..." -> "man"; spaCy's ``relcl`` head); a wh-word with no such noun
    ("*what* happened") is no actor (None). Any other token is itself."""
    if g.toks[k].tag not in _RELATIVE_TAGS:
        return k
    cur = k
    for _ in range(4):
        h = g.head(cur)
        if h == cur:
            return None
        if g.toks[cur].dep == "relcl":
            return h if g.toks[h].pos in ("NOUN", "PROPN", "PRON") and g.toks[h].tag not in _RELATIVE_TAGS else None
        cur = h
    return None


def _subject(g: TokenGraph, k: int, lo: int, hi: int) -> tuple[int | None, bool]:
    """(subject token, passive) for the clause of k, climbing xcomp/conj heads."""
    cur = k
    for _ in range(8):
        subs = g.kids(cur, "nsubj", "csubj")
        if subs:
            return resolve_relative(g, subs[0]), False
        if cur == k and g.toks[cur].dep == "acl" and g.toks[cur].tag == "VBN":
            # "the man arrested by police": the noun is acted on; the agent, if any, acts
            for a in g.kids(cur, "agent"):
                objs = g.kids(a, "pobj")
                if objs:
                    return objs[0], False
            return None, True
        pas = g.kids(cur, "nsubjpass")
        if pas and g.lemma(cur) in lex.ACTIVE_PASSIVES:
            return pas[0], False
        if pas:
            agents = g.kids(cur, "agent")
            for a in agents:
                objs = g.kids(a, "pobj")
                if objs:
                    return objs[0], False
            return None, True
        dep = g.toks[cur].dep
        h = g.head(cur)
        if h == cur or not (lo <= h < hi):
            break
        if dep in ("relcl", "acl") and g.toks[h].pos in ("NOUN", "PROPN", "PRON"):
            return h, False
        if g.toks[cur].pos in ("NOUN", "PROPN"):
            poss = g.kids(cur, "poss")
            if poss:
                return poss[0], False
            # "Xi's visit to Vietnam": nominal trigger without possessor; a nationality word or a
            # name compound ("the Japanese visit"), never an adjective such as "planned"
            for c in g.kids(cur, "compound", "amod"):
                if is_gentilic(g, c) or g.toks[c].pos == "PROPN":
                    return c, False
        cur = h
    return None, False


def _antecedent(g: TokenGraph, k: int, lo: int, hi: int, date: str | None) -> str | None:
    """Country of a pronoun subject: the reporting clause's subject, else an earlier actor."""
    cur = k
    for _ in range(10):
        h = g.head(cur)
        if h == cur:
            break
        if g.lemma(h) in lex.REPORTING or g.lemma(h) in lex.INTENT:
            for s in g.kids(h, "nsubj"):
                if s != k and g.lemma(s) not in _PRON:
                    c = _country_of(g, s, date)
                    if c:
                        return c
        cur = h
    for j in range(k - 1, lo - 1, -1):
        t = g.toks[j]
        if t.pos in ("PROPN", "NOUN", "ADJ") and t.dep in ("nsubj", "nsubjpass", "poss", "compound", "amod", "pobj"):
            c, _, _ = phrase_country(t.text, date)
            if c:
                return c
    return None


def _targets(g: TokenGraph, ks: Sequence[int], src_ids: set[int], excluded: set[int]) -> list[int]:
    """Candidate target tokens in order of preference."""
    out: list[int] = []

    def add(c: int) -> None:
        r = resolve_relative(g, c)
        if r is not None and r not in excluded and r not in src_ids and r not in out:
            out.append(r)

    for k in ks:
        if g.toks[k].dep == "acl" and g.toks[k].tag == "VBN" and g.toks[g.head(k)].pos in ("NOUN", "PROPN"):
            add(g.head(k))  # "the man arrested by police": the man
        for c in g.kids(k, "dobj", "dative", "iobj"):
            if g.toks[c].pos == "ADP":  # a dative "to" ("provide aid to X"): its object
                for o in g.kids(c, "pobj"):
                    add(o)
            else:
                add(c)
        if g.lemma(k) not in lex.ACTIVE_PASSIVES:
            for c in g.kids(k, "nsubjpass"):
                add(c)
        for p in g.kids(k, "prep", "agent"):
            if g.toks[p].text.lower() in _TARGET_PREPS:
                for o in g.kids(p, "pobj"):
                    add(o)
        for c in g.kids(k, "ccomp"):
            for s in g.kids(c, "nsubj", "nsubjpass"):
                add(s)
        for d in g.kids(k, "dobj", "pobj", "prep"):
            for p in g.subtree(d):
                if g.toks[p].dep == "prep" and g.toks[p].text.lower() in _DEEP_PREPS:
                    for o in g.kids(p, "pobj"):
                        add(o)
    return out


def _light_object(g: TokenGraph, k: int) -> int | None:
    """The event noun a light-verb trigger takes its event from ("held *talks*", "went on *strike*")."""
    if g.lemma(k) not in lex.LIGHT_VERBS:
        return None
    for c in g.kids(k, "dobj", "nsubjpass", "attr"):
        if g.lemma(c) in lex.NOUNS:
            return c
    for p in g.kids(k, "prep"):
        for o in g.kids(p, "pobj"):
            if g.lemma(o) in lex.NOUNS:
                return o
    return None


def _has_coactor(g: TokenGraph, subj: int | None) -> bool:
    return subj is not None and any(g.toks[c].dep == "conj" for c in g.subtree(subj) if c != subj)


def _actors(g: TokenGraph, ev: CodedEvent, chain: list[int], lo: int, hi: int, excluded: set[int],
            date: str | None, domestic: bool = True) -> None:
    top = chain[-1] if ev.control is None else max(chain, key=lambda x: x == ev.control)
    subj, passive = None, False
    noun_trigger = g.toks[ev.trigger].pos in ("NOUN", "PROPN") and ev.control is None
    light = None if noun_trigger else _light_object(g, ev.trigger)
    na: NominalArguments | None = None
    if noun_trigger:
        # an event noun: its own phrase, or the subject of its support verb ("held talks")
        na = nominal_arguments(g, ev.trigger)
        subj = na.source
        if subj is None and na.support is not None:
            subj, passive = _subject(g, na.support, lo, hi)
    else:
        for k in ([ev.control] if ev.control is not None else []) + chain:
            subj, passive = _subject(g, k, lo, hi)
            if subj is not None or passive:
                break
        if light is not None:  # "Talks were held between X and Y": the noun's own arguments
            na = nominal_arguments(g, light)
            if subj is None and na.source is not None:
                subj, passive = na.source, False
    src_c = None
    if subj is not None:
        if g.lemma(subj) in _PRON or g.toks[subj].pos == "PRON":
            src_c = _antecedent(g, subj, lo, hi, date)
        else:
            src_c = _country_of(g, subj, date)
        ev.source_tok = subj
        ev.source_text = _core_text(g, subj)
    src_ids = set(g.subtree(subj)) if subj is not None else set()
    if subj is not None and ev.trigger in src_ids:
        # "the man who attacked the embassy": the relative clause is the event, not the source
        for c in g.children[subj]:
            if g.toks[c].dep in ("relcl", "acl") and ev.trigger in g.subtree(c):
                src_ids -= set(g.subtree(c))
    order = [ev.trigger] + ([ev.control] if ev.control is not None else []) + [c for c in chain if c != ev.trigger]
    tgt = None
    if "subject-target" in ev.notes:
        for k in chain:
            if k == ev.control:
                break
            st, _ = _subject(g, k, lo, hi)
            if st is not None:
                tgt = st
                break
    tgt_c = None
    if tgt is not None:
        tgt_c = _country_of(g, tgt, date)
    else:
        cands = [na.target] if na is not None and na.target is not None and na.target != subj else []
        if not noun_trigger:
            cands += _targets(g, order, src_ids, excluded | ({light} if light is not None else set()))
        elif na is not None and na.support is not None:
            cands += _targets(g, [na.support], src_ids, excluded | set(g.subtree(ev.trigger)))
        cands = list(dict.fromkeys(cands))
        # the first candidate naming a country, else the first candidate; a figure names the
        # country its phrase holds ("$500 million in loans to the Philippines") but is no actor:
        # the phrase's own candidate (the Philippines) comes first
        for c in sorted(cands, key=lambda c: is_figure(g, c)):
            tgt_c = _country_of(g, c, date)
            if tgt_c is not None:
                tgt = c
                break
        if tgt is None and cands:
            tgt = cands[0]
    if tgt is not None:
        ev.target_tok = tgt
        ev.target_text = _core_text(g, tgt)
    if passive and src_c is None:
        # "X was arrested in Lebanon": the place's country acts
        for p in g.kids(ev.trigger, "prep"):
            if g.toks[p].text.lower() in ("in", "at"):
                for o in g.kids(p, "pobj"):
                    src_c = _country_of(g, o, date)
    # sentence-level fallbacks (outside attributions)
    mentions: list[tuple[int, str]] = []
    k = lo
    while k < hi:
        if k in excluded or k in src_ids:
            k += 1
            continue
        t = g.toks[k]
        if t.pos in ("PROPN", "ADJ", "NOUN") and t.text[:1].isupper():
            j = k
            while j + 1 < hi and g.toks[j + 1].text[:1].isupper() and g.toks[j + 1].pos in ("PROPN", "ADJ", "NOUN") and j - k < 4:
                j += 1
            mc, _, _ = phrase_country(" ".join(g.toks[x].text for x in range(k, j + 1)), date)
            if mc:
                mentions.append((k, mc))
            k = j + 1
            continue
        k += 1
    # an event noun whose phrase names no side and has no support verb says nothing of who did
    # it to whom: no country from elsewhere in the sentence ("Norway condemned the attack")
    bare = noun_trigger and na is not None and na.support is None
    no_src, no_tgt = bare and subj is None, bare and tgt is None
    if src_c is None and not no_src:
        before = [c for i, c in mentions if i < ev.trigger and c != tgt_c]
        anyc = [c for _, c in mentions if c != tgt_c]
        src_c = before[0] if before else (anyc[0] if anyc else None)
    after = [] if no_tgt else [c for i, c in mentions if c != src_c and i > ev.trigger]
    if tgt_c is None or tgt_c == src_c:
        if tgt_c is None and after and not (ev.plover_type in RECIPROCAL and _has_coactor(g, subj)):
            tgt_c = after[0]
    if tgt_c is None and subj is not None and not no_tgt:  # "The US, Russia and Switzerland met": the co-actors
        members = [c for c in g.subtree(subj) if g.toks[c].dep in ("conj", "appos") and c != subj]
        for c in members:
            cc = _country_of(g, c, date)
            if cc and cc != src_c:
                tgt_c = cc
                ev.target_tok = c
                ev.target_text = _core_text(g, c)
                break
    if tgt_c is None and after:
        tgt_c = after[0]
    if tgt_c is None and src_c is not None and not no_tgt:
        others = [c for _, c in mentions if c != src_c]
        tgt_c = others[0] if others else None
    if domestic and tgt_c is None and src_c is not None:
        tgt_c = src_c  # domestic default: no other actor named
    if domestic and src_c is None and tgt_c is not None:
        src_c = tgt_c  # domestic default: an unnamed actor acting on its own country
    ev.source_country = src_c
    ev.target_country = tgt_c
    del top
