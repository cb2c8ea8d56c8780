"""Dependency-pattern event coding over parsed tokens (PETRARCH-style, own lexicon).

Works on :class:`eventwire.model.Token` sequences (a whole spaCy doc: ``head`` indexes the
same sequence), one sentence at a time:

1. candidate triggers: lexicon verbs (with keyword-refined CAMEO codes), phrasal verbs,
   light verbs with an event noun object ("hold talks"), and event nouns;
2. the main event is the candidate closest to the clause root (reporting verbs such as
   "said" do not count, attributions and subordinate clauses are penalised);
3. control verbs and modals compose the type: intent/future + cooperation -> AGREE,
   intent/future + material conflict -> THREATEN, refusal -> REJECT, demand -> REQUEST;
4. source = the subject (passive: the agent), target = object / prepositional object /
   subject of a demanded clause, with country fallbacks over the rest of the sentence.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from eventwire.analyze import events_lexicon as lex
from eventwire.analyze.events_actors import phrase_country, scan_countries
from eventwire.analyze.events_morph import lemma as morph_lemma
from eventwire.analyze.events_morph import lexicon_vocab
from eventwire.model import Token

__all__ = ["CodedEvent", "TokenGraph", "code_sentence", "plover_of", "cameo_table", "country_of_token"]

COOP = {"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT"}
RECIPROCAL = {"CONSULT", "AGREE", "SUPPORT", "COOPERATE"}
MATERIAL_CONFLICT = {"SANCTION", "COERCE", "ASSAULT", "MOBILIZE", "PROTEST"}


@functools.lru_cache(maxsize=1)
def cameo_table() -> dict[str, tuple[str | None, str | None]]:
    """CAMEO code -> (PLOVER type, PLOVER mode), from the shipped CAMEO->PLOVER table."""
    p = resources.files("eventwire.resources") / "events" / "cameo_to_plover.json"
    data = json.loads(p.read_text("utf-8"))
    return {k: (v[0], v[1]) for k, v in data.items()}


def plover_of(code: str | None) -> tuple[str | None, str | None]:
    if not code:
        return None, None
    t = cameo_table()
    c = code
    while c:
        if c in t:
            return t[c]
        c = c[:-1]
    return None, None


@dataclass
class CodedEvent:
    trigger: int  # token index of the trigger (content verb / event noun)
    cameo: str
    plover_type: str
    plover_mode: str | None
    control: int | None = None  # token index of a governing control verb
    source_tok: int | None = None
    target_tok: int | None = None
    source_country: str | None = None
    target_country: str | None = None
    source_text: str | None = None
    target_text: str | None = None
    status: str = "happened"
    negated: bool = False
    modal: str | None = None
    nominal: bool = False
    score: float = 0.0
    notes: list[str] = field(default_factory=list)
    date_hint: Any = None  # a DateInfo fixed by a special rule ("did the same ... in 2012")


class TokenGraph:
    """Children lists and helpers over a token sequence (indices are positions)."""

    def __init__(self, tokens: Sequence[Token]) -> None:
        self.toks = tokens
        self.base = tokens[0].i if tokens else 0
        self.children: list[list[int]] = [[] for _ in tokens]
        # spaCy's lemma, or the lexicon-aware lemmatizer's where spaCy's is not a lexicon
        # word and that one's is ("raped" -> spaCy "rap", lexicon "rape")
        vocab = lexicon_vocab()
        self.lemmas: list[str] = []
        for t in tokens:
            lem = t.lemma.lower()
            if lem not in vocab and t.pos in ("VERB", "NOUN", "ADJ"):
                alt = morph_lemma(t.text, t.tag)
                if alt in vocab:
                    lem = alt
            self.lemmas.append(lem)
        for k, t in enumerate(tokens):
            h = t.head - self.base
            if h != k and 0 <= h < len(tokens):
                self.children[h].append(k)

    def head(self, k: int) -> int:
        h = self.toks[k].head - self.base
        return h if 0 <= h < len(self.toks) else k

    def subtree(self, k: int) -> list[int]:
        out = [k]
        stack = list(self.children[k])
        while stack:
            c = stack.pop()
            out.append(c)
            stack.extend(self.children[c])
        out.sort()
        return out

    def kids(self, k: int, *deps: str) -> list[int]:
        return [c for c in self.children[k] if self.toks[c].dep in deps]

    def lemma(self, k: int) -> str:
        return self.lemmas[k]


_SUBJ = ("nsubj", "nsubjpass", "csubj")
_TARGET_PREPS = {"to", "with", "against", "on", "at", "into", "from", "toward", "towards", "upon", "for", "over", "of"}
_LOCATIVE = {"in", "at", "near", "outside", "inside", "across", "along", "around", "within", "during"}
_DEEP_PREPS = {"against", "on", "at", "to", "into", "toward", "towards", "upon", "with"}
_PRON = {"it", "they", "he", "she", "we", "its", "their", "his", "her", "who", "which", "that", "i", "you"}


def _arg_words(g: TokenGraph, k: int, cap: int = 40) -> set[str]:
    words: set[str] = set()
    n = 0
    with_subj = g.lemma(k) in lex.SUBJECT_KEYWORD_VERBS
    for c in g.children[k]:
        if (g.toks[c].dep in ("nsubj", "csubj") and not with_subj) or g.toks[c].dep in ("aux", "auxpass", "punct", "mark", "cc"):
            continue
        for t in g.subtree(c):
            words.add(g.toks[t].lemma.lower())
            words.add(g.toks[t].text.lower())
            n += 1
            if n > cap:
                return words
    return words


def _match(rules: list[lex.Rule], words: set[str]) -> str | None:
    for code, kws in rules:
        if not kws or any(w in words for w in kws):
            return code
    return None


def _trigger_code(g: TokenGraph, k: int) -> tuple[str | None, bool]:
    """(CAMEO code, is_nominal) for token k as a trigger, or (None, False)."""
    t = g.toks[k]
    lem = g.lemma(k)
    if t.pos in ("VERB",) or (t.pos == "AUX" and lem in ("have",)):
        words = _arg_words(g, k)
        for c in g.children[k]:
            ct = g.toks[c]
            if ct.dep in ("prt", "prep", "dobj", "acomp", "advmod"):
                key = (lem, ct.text.lower())
                if key in lex.PHRASAL:
                    return _match(lex.PHRASAL[key], words), False
        if lem in lex.LIGHT_VERBS:
            for c in g.kids(k, "dobj", "nsubjpass", "attr"):
                code = _noun_code(g, c)
                if code:
                    return code, False
            for p in g.kids(k, "prep"):  # "went on strike", "are on a hunger strike"
                if g.toks[p].text.lower() == "on":
                    for o in g.kids(p, "pobj"):
                        if g.lemma(o) in ("strike", "alert", "rampage", "trip", "visit", "tour"):
                            code = _noun_code(g, o)
                            if code:
                                return code, False
        rules = lex.VERBS.get(lem)
        if rules:
            return _match(rules, words), False
        return None, False
    if t.pos in ("NOUN", "PROPN") and t.dep not in ("compound",):
        code = _noun_code(g, k)
        if code:
            return code, True
    return None, False


def _noun_code(g: TokenGraph, k: int) -> str | None:
    lem = g.lemma(k)
    rules = lex.NOUNS.get(lem)
    if not rules:
        return None
    words = {g.toks[c].lemma.lower() for c in g.subtree(k)} | {g.toks[c].text.lower() for c in g.subtree(k)}
    return _match(rules, words)


_SUBORD = {"relcl": 2.5, "acl": 2.0, "advcl": 1.5, "pcomp": 1.5, "pobj": 1.0, "csubj": 1.0,
           "conj": 0.6, "xcomp": 0.5, "ccomp": 0.8, "dobj": 0.8, "nsubj": 1.5, "nsubjpass": 1.5,
           "appos": 2.0, "npadvmod": 2.0, "parataxis": 0.8, "attr": 1.0, "prep": 0.5}


def _depth_score(g: TokenGraph, k: int) -> float:
    score = 0.0
    cur = k
    seen = 0
    while True:
        h = g.head(cur)
        if h == cur or seen > 30:
            break
        dep = g.toks[cur].dep
        hl = g.lemma(h)
        if hl in lex.REPORTING and dep in ("ccomp", "parataxis", "conj", "xcomp", "advcl"):
            score += 0.1
        elif g.lemma(h) == "accord" or (g.toks[h].text.lower() == "to" and g.lemma(g.head(h)) == "accord"):
            score += 6.0
        else:
            score += _SUBORD.get(dep, 0.7)
        cur = h
        seen += 1
    return score


def _attribution_tokens(g: TokenGraph, lo: int, hi: int) -> set[int]:
    """Tokens naming who reports (subjects of reporting verbs, 'according to X')."""
    out: set[int] = set()
    for k in range(lo, hi):
        t = g.toks[k]
        if t.lemma.lower() in lex.REPORTING and t.pos in ("VERB", "AUX"):
            has_comp = any(g.toks[c].dep in ("ccomp", "parataxis") for c in g.children[k])
            is_parenthetical = t.dep in ("parataxis", "advcl", "conj") or g.head(k) == k
            if (has_comp or is_parenthetical) and not _embedded(g, k):
                for s in g.kids(k, "nsubj"):
                    out.update(g.subtree(s))
        if t.lemma.lower() == "accord" and t.text.lower() == "according":
            out.update(g.subtree(k))
        if t.text.lower() in ("citing",):
            out.update(g.subtree(k))
    return out


def _embedded(g: TokenGraph, k: int) -> bool:
    """True when k sits inside a relative/participial clause or a noun phrase."""
    cur = k
    for _ in range(12):
        if g.toks[cur].dep in ("relcl", "acl", "pcomp", "pobj", "dobj", "nsubj"):
            return True
        h = g.head(cur)
        if h == cur:
            return False
        cur = h
    return False


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


def _is_country_name(text: str) -> bool:
    from eventwire.analyze.events_actors import is_country_alias

    return is_country_alias(text)


def _subject(g: TokenGraph, k: int, lo: int, hi: int) -> tuple[int | None, bool]:
    """(subject token, passive) for the clause of k, climbing xcomp/conj heads."""
    cur = k
    for _ in range(8):
        subs = g.kids(cur, "nsubj", "csubj")
        if subs:
            return subs[0], False
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
            # "Xi's visit to Vietnam": nominal trigger without possessor; look at compounds
            for c in g.kids(cur, "compound", "amod"):
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
        if c not in excluded and c not in src_ids and c not in out:
            out.append(c)

    for k in ks:
        for c in g.kids(k, "dobj", "dative", "iobj"):
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


def _compose(kind: str, code: str, ptype: str | None) -> str:
    root = code[:2]
    if kind == "intent":
        if ptype in COOP and ptype != "AGREE":
            m = {"04": "036", "05": "032", "06": "031", "07": "033", "08": "035"}
            sub = {"061": "0311", "062": "0312", "063": "0313", "064": "0314", "071": "0331", "072": "0332",
                   "073": "0333", "074": "0334", "081": "0351", "0813": "0351", "0814": "0351", "082": "0352",
                   "083": "034", "0831": "0341", "0832": "0342", "0833": "0343", "0834": "0344", "084": "0353",
                   "0841": "0353", "0842": "0353", "085": "0354", "086": "0355", "0861": "0355", "0862": "0355",
                   "0863": "0355", "087": "0356", "0871": "0356", "0872": "0356", "0873": "0356", "0874": "0356",
                   "045": "039", "046": "036", "057": "030"}
            return sub.get(code, sub.get(code[:3], m.get(root, "030")))
        if ptype in MATERIAL_CONFLICT:
            sub = {"161": "1313", "162": "1311", "163": "1312", "164": "134", "165": "135", "166": "136",
                   "1661": "136", "1662": "136", "172": "132", "1722": "1322", "1723": "1323", "1724": "1324",
                   "173": "137", "174": "137", "191": "1381", "192": "1382", "175": "137"}
            m = {"14": "133", "15": "138", "16": "131", "17": "132", "18": "1383", "19": "1384", "20": "1385"}
            return sub.get(code, sub.get(code[:3], m.get(root, "130")))
        return code
    if kind == "refuse":
        sub = {"045": "126", "046": "125", "072": "1222", "073": "1223", "074": "1224", "081": "1241",
               "082": "1242", "083": "123", "0831": "1231", "0832": "1232", "0833": "1233", "084": "1243",
               "0841": "1243", "0842": "1243", "085": "1244", "086": "1245", "087": "1246", "0874": "1246",
               "0873": "1246"}
        m = {"04": "125", "05": "120", "06": "121", "07": "122", "08": "124", "03": "120"}
        return sub.get(code, sub.get(code[:3], m.get(root, "120")))
    if kind == "threat":
        sub = {"161": "1313", "162": "1311", "163": "1312", "164": "134", "165": "135", "166": "136",
               "172": "132", "1723": "1323", "1724": "1324", "173": "137", "192": "1382", "143": "133"}
        m = {"14": "133", "15": "138", "16": "131", "17": "132", "18": "1383", "19": "1384", "20": "1385",
             "08": "131", "06": "131", "07": "1311", "04": "134"}
        return sub.get(code, sub.get(code[:3], m.get(root, "130")))
    if kind == "demand":
        sub = {"045": "108", "061": "1011", "062": "1012", "063": "1013", "064": "1014", "071": "1031",
               "072": "1032", "073": "1033", "074": "1034", "081": "1051", "082": "1052", "083": "104",
               "0831": "1041", "0832": "1042", "0833": "1043", "0834": "1044", "084": "1053", "0841": "1053",
               "0842": "1053", "085": "1054", "086": "1055", "087": "1056", "0874": "1056", "0871": "1056"}
        m = {"04": "106", "05": "102", "06": "101", "07": "103", "08": "105", "09": "1014", "03": "100"}
        return sub.get(code, sub.get(code[:3], m.get(root, "100")))
    return code


def _control_kind(g: TokenGraph, k: int) -> str | None:
    lem = g.lemma(k)
    t = g.toks[k]
    if lem in lex.REFUSE:
        return "refuse"
    if lem in lex.THREAT:
        return "threat"
    if lem == "call":
        preps = {g.toks[c].text.lower() for c in g.children[k]}
        return "demand" if preps & {"on", "upon", "for"} else None
    if lem in lex.DEMAND and lem != "want":
        return "demand"
    if lem in lex.INTENT:
        return "intent"
    if t.pos == "ADJ" and lem in ("willing", "ready", "prepared", "determined", "eager", "set", "due"):
        return "intent"
    return None


def _aux_info(g: TokenGraph, k: int) -> tuple[str | None, bool, bool]:
    """(modal, negated, progressive) from k's auxiliaries."""
    modal = None
    neg = False
    prog = False
    for c in g.children[k]:
        t = g.toks[c]
        lw = t.text.lower()
        if t.dep == "neg" or lw in ("not", "n't", "never"):
            if t.dep in ("neg", "advmod"):
                neg = True
        if t.dep in ("aux", "auxpass") and (t.tag == "MD" or lw in lex.MODALS):
            modal = lw
        if t.dep == "aux" and t.lemma.lower() == "be" and g.toks[k].tag == "VBG":
            prog = True
    return modal, neg, prog


_SKIP_CONTENT_DEPS = ("relcl", "acl", "advcl", "csubj", "nsubj", "nsubjpass", "appos")


def code_sentence(g: TokenGraph, lo: int, hi: int, date: str | None = None, max_events: int = 3,
                  plover_future: bool = True, story: bool = False) -> list[CodedEvent]:
    """Code the events of tokens [lo, hi) of ``g``; the main event first.

    Default (``story=False``) is the PLOVER gold-standard convention used by ``eventwire
    code``: one main event per sentence (plus coordinated events of another type), future
    cooperation coded as AGREE, future material conflict as THREATEN, and a domestic default
    when only one country is named. ``story=True`` is the pipeline's convention: every event
    mention of the sentence, future events keep their type with status ``planned``, no
    domestic default, and announcements of planned meetings become AGREE events of the
    announcer.
    """
    if story:
        plover_future = False
        max_events = 8
    excluded = _attribution_tokens(g, lo, hi)
    cands: list[tuple[float, int, str, bool]] = []
    for k in range(lo, hi):
        if k in excluded:
            continue
        code, nominal = _trigger_code(g, k)
        if not code or (nominal and g.lemma(k) not in lex.EVENT_NOUNS):
            continue
        if story and _infinitival_modifier(g, k):
            continue  # "efforts to strengthen ties", "opportunities to enhance relations": not events
        s = _depth_score(g, k) + (1.2 if nominal else 0.0)
        cands.append((s, k, code, nominal))
    if not cands:
        return []
    cands.sort(key=lambda x: (x[0], x[1]))
    events: list[CodedEvent] = []
    used: set[int] = set()
    for score, k, code, nominal in cands:
        if k in used or len(events) >= max_events:
            continue
        if not story and events and score > events[0].score + 1.0:
            break
        if not events and plover_of(code)[0] is None and _control_kind(g, k) is None:
            if not story:
                return []  # the main event is a statement or appeal (CAMEO 01/02): not a PLOVER event
            continue
        ev = _build(g, k, code, nominal, score, lo, hi, excluded, date, plover_future, used, story)
        if ev is None:
            continue
        if events and not story:
            # secondary events only from coordinated clauses with a different type
            main = events[0]
            if ev.plover_type == main.plover_type or not _coordinated(g, main.trigger, ev.trigger):
                continue
        events.append(ev)
    if story:
        events.extend(_announcements(g, events, lo, hi, date))
    return events


def _announcements(g: TokenGraph, events: list[CodedEvent], lo: int, hi: int, date: str | None) -> list[CodedEvent]:
    """"X said/announced that Y will visit Z" -> X AGREE (intent to meet) Z, happened now."""
    out: list[CodedEvent] = []
    done: set[int] = set()
    for ev in events:
        if ev.status != "planned" or ev.plover_type not in COOP:
            continue
        top = ev.control if ev.control is not None else ev.trigger
        rep = None
        cur = top
        for _ in range(8):  # "X said (that) ... will visit": the reporting verb governs
            h = g.head(cur)
            if h == cur or not (lo <= h < hi):
                break
            if g.lemma(h) in lex.REPORTING and g.toks[h].pos in ("VERB", "AUX"):
                rep = h
                break
            cur = h
        if rep is None:  # "... is scheduled to visit Y, as stated by X on Thursday"
            cur = top
            for _ in range(4):
                for c in g.children[cur]:
                    if g.lemma(c) in lex.REPORTING and g.toks[c].dep in ("advcl", "parataxis", "conj"):
                        rep = c
                        break
                h = g.head(cur)
                if rep is not None or h == cur:
                    break
                cur = h
        if rep is None or rep in done:
            continue
        done.add(rep)
        subj = None
        for c in g.children[rep]:
            if g.toks[c].dep in ("nsubj",):
                subj = c
            if g.toks[c].dep == "agent":
                objs = g.kids(c, "pobj")
                subj = objs[0] if objs else subj
        if subj is None or ev.target_country is None:
            continue
        src = _country_of(g, subj, date)
        code = _compose("intent", ev.cameo, ev.plover_type) if ev.plover_type != "AGREE" else ev.cameo
        ptype, mode = plover_of(code)
        if ptype is None:
            continue
        out.append(CodedEvent(trigger=rep, cameo=code, plover_type=ptype, plover_mode=mode,
                              source_tok=subj, target_tok=ev.target_tok, source_country=src or ev.source_country,
                              target_country=(ev.source_country if ev.target_country == (src or ev.source_country)
                                              else ev.target_country), source_text=_core_text(g, subj),
                              target_text=ev.target_text, status="happened", score=ev.score + 0.5,
                              notes=["announcement"]))
    return out


def _infinitival_modifier(g: TokenGraph, k: int) -> bool:
    """k heads (or sits in) a to-infinitive modifying a noun ("efforts to strengthen ...")."""
    cur = k
    for _ in range(6):
        t = g.toks[cur]
        h = g.head(cur)
        if h == cur:
            return False
        if t.dep == "acl" and g.toks[h].pos in ("NOUN", "PROPN") and any(
                g.toks[c].text.lower() == "to" for c in g.kids(cur, "aux")):
            return True
        if t.dep not in ("xcomp", "conj", "dobj", "advcl"):
            return False
        cur = h
    return False


def _coordinated(g: TokenGraph, a: int, b: int) -> bool:
    return (g.head(b) == a and g.toks[b].dep == "conj") or (g.head(a) == b and g.toks[a].dep == "conj")


def _build(g: TokenGraph, k: int, code: str, nominal: bool, score: float, lo: int, hi: int,
           excluded: set[int], date: str | None, plover_future: bool, used: set[int],
           story: bool = False) -> CodedEvent | None:
    content = k
    control: int | None = None
    kind = _control_kind(g, k) if not nominal else None
    if kind is not None:
        # a control verb that is also a trigger ("demand", "refuse", "threaten")
        inner = None
        for c in g.kids(k, "xcomp", "ccomp"):
            for t in g.subtree(c):
                if t == k or t in excluded:
                    continue
                ic, inom = _trigger_code(g, t)
                if ic and not inom:
                    inner = (t, ic)
                    break
            if inner:
                break
        if inner:
            control = k
            content, code = inner
            used.add(content)
    used.add(k)
    ptype, _ = plover_of(code)
    modal, neg, prog = _aux_info(g, content)
    if nominal:  # "the discussions during the visit would revolve around ...": the governing verb's tense
        gv = content
        for _ in range(6):
            h = g.head(gv)
            if h == gv:
                break
            gv = h
            if g.toks[gv].pos in ("VERB", "AUX"):
                gm, gn, _ = _aux_info(g, gv)
                modal = modal or (gm if gm in ("will", "would", "shall", "'ll") else None)
                break
    # climb from the content verb through xcomp / ccomp heads to find control verbs and modals
    cur = content
    chain = [content]
    for _ in range(6):
        if g.toks[cur].dep not in ("xcomp", "ccomp", "conj") or g.head(cur) == cur:
            break
        h = g.head(cur)
        if not (lo <= h < hi):
            break
        hk = _control_kind(g, h)
        if g.lemma(h) in lex.REPORTING and hk is None:
            break
        if g.toks[cur].dep == "conj" and hk is None:
            cur = h
            chain.append(h)
            continue
        if hk is None:
            break
        if control is None:
            control = h
            kind = hk
        m2, n2, _ = _aux_info(g, h)
        modal = modal or m2
        neg = neg or n2
        chain.append(h)
        cur = h
    if control is not None:
        cm, cn, _ = _aux_info(g, control)
        modal = modal or cm
        neg = neg or cn
        if g.toks[control].pos == "ADJ":
            cop = g.head(control)
            m3, n3, _ = _aux_info(g, cop)
            modal = modal or m3
            neg = neg or n3
    if kind is None and control is None and modal in ("will", "would", "shall", "'ll", "may", "might", "could", "wo"):
        kind = "intent" if plover_future else None
    subject_target = False
    if kind is None and control is None:
        # "X said Y must do Z" -> X REQUEST Y; "X claimed that Y attacked Z" -> X ACCUSE Y
        rep = cur
        while g.toks[rep].dep in ("ccomp", "conj") and g.head(rep) != rep and g.lemma(g.head(rep)) not in lex.REPORTING:
            rep = g.head(rep)
        h = g.head(rep)
        if g.toks[rep].dep == "ccomp" and h != rep and lo <= h < hi:
            hl = g.lemma(h)
            if modal in ("must", "should") and hl in lex.REPORTING | {"insist", "demand"}:
                kind, control, subject_target = "demand", h, True
            elif not story and hl in ("claim", "allege", "accuse") and ptype in MATERIAL_CONFLICT:
                code, control, subject_target = "112", h, True
                ptype = "ACCUSE"
    base_type = ptype
    if story and kind == "intent" and control is not None and g.lemma(control) in lex.SCHEDULING:
        kind = "scheduled"
    if kind == "intent" and neg and base_type in COOP:
        code = _compose("refuse", code, base_type)
        neg = False
    elif kind is not None and kind != "scheduled":
        code = _compose(kind, code, base_type)
    final_type, mode = plover_of(code)
    if final_type is None:
        return None
    ev = CodedEvent(trigger=content, cameo=code, plover_type=final_type, plover_mode=mode, control=control,
                    negated=neg, modal=modal, nominal=nominal, score=score)
    if nominal and g.toks[content].dep in ("dobj",) and g.lemma(g.head(content)) in lex.LIGHT_VERBS:
        ev.nominal = False
    # an intent verb coded as the event itself ("offered concessions") happened; only a
    # governing intent makes its complement planned
    _status(g, ev, ("intent" if kind == "scheduled" else kind) if control is not None or modal else None,
            prog, lo, hi)
    if subject_target and control is not None:
        ev.notes.append("subject-target")
        chain = chain + [control]
    _actors(g, ev, chain, lo, hi, excluded, date, domestic=not story)
    if g.lemma(k) in lex.LIGHT_VERBS:
        used.update(g.kids(k, "dobj"))
    return ev


def _status(g: TokenGraph, ev: CodedEvent, kind: str | None, prog: bool, lo: int, hi: int) -> None:
    k = ev.trigger
    top = ev.control if ev.control is not None else k
    words = {g.toks[i].text.lower() for i in range(lo, hi)}
    marks = set()
    cur = top
    for _ in range(8):
        for c in g.kids(cur, "mark", "advmod"):
            marks.add(g.toks[c].text.lower())
        if g.toks[cur].dep in ("advcl",):
            for c in g.kids(cur, "mark"):
                marks.add(g.toks[c].text.lower())
        h = g.head(cur)
        if h == cur:
            break
        cur = h
    reporting_claim = False
    cur = top
    for _ in range(8):
        h = g.head(cur)
        if h == cur:
            break
        if g.lemma(h) in ("claim", "allege", "accuse", "charge") and g.toks[cur].dep in ("ccomp", "xcomp"):
            reporting_claim = True
        cur = h
    if ev.negated:
        ev.status = "negated"
    elif marks & {"if", "unless", "whether"} and g.toks[top].dep == "advcl":
        ev.status = "hypothetical"
    elif ev.modal in ("would", "could", "might", "may") and marks & {"if", "unless"}:
        ev.status = "hypothetical"
    elif ev.modal == "would" and _under_reporting(g, top):
        ev.status = "planned"  # future in the past of reported speech: "said X would visit"
    elif ev.modal in ("will", "shall", "'ll", "wo") or kind == "intent" or (
        ev.nominal and words & {"upcoming", "impending", "forthcoming", "planned", "will", "next"}
    ) or _has_going_to(g, top) or _scheduled(g, top):
        ev.status = "planned"
    elif reporting_claim:
        ev.status = "reported-claim"
    elif ev.modal in ("would", "could", "might", "may"):
        ev.status = "hypothetical"
    elif prog and g.toks[k].tag == "VBG" and not any(
        g.toks[c].tag == "VBD" or g.toks[c].text.lower() in ("was", "were") for c in g.kids(k, "aux")
    ):
        ev.status = "ongoing"
    else:
        ev.status = "happened"


def _under_reporting(g: TokenGraph, k: int) -> bool:
    cur = k
    for _ in range(8):
        h = g.head(cur)
        if h == cur:
            return False
        if g.lemma(h) in lex.REPORTING:
            return True
        cur = h
    return False


def _scheduled(g: TokenGraph, k: int) -> bool:
    h = g.head(k)
    if g.toks[k].dep == "xcomp" and g.lemma(h) in ("schedule", "set", "due", "expect", "plan", "poise"):
        return True
    return False


def _has_going_to(g: TokenGraph, k: int) -> bool:
    h = g.head(k)
    return g.toks[k].dep == "xcomp" and g.lemma(h) == "go" and g.toks[h].tag == "VBG"


def _has_coactor(g: TokenGraph, subj: int | None) -> bool:
    return subj is not None and any(g.toks[c].dep == "conj" for c in g.subtree(subj) if c != subj)


def _actors(g: TokenGraph, ev: CodedEvent, chain: list[int], lo: int, hi: int, excluded: set[int],
            date: str | None, domestic: bool = True) -> None:
    top = chain[-1] if ev.control is None else max(chain, key=lambda x: x == ev.control)
    subj, passive = None, False
    for k in ([ev.control] if ev.control is not None else []) + chain:
        subj, passive = _subject(g, k, lo, hi)
        if subj is not None or passive:
            break
    src_c = None
    if subj is not None:
        if g.lemma(subj) in _PRON or g.toks[subj].pos == "PRON":
            src_c = _antecedent(g, subj, lo, hi, date)
        else:
            src_c = _country_of(g, subj, date)
        ev.source_tok = subj
        ev.source_text = _core_text(g, subj)
    src_ids = set(g.subtree(subj)) if subj is not None else set()
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
        cands = _targets(g, order, src_ids, excluded)
        for c in cands:  # the first candidate naming a country, else the first candidate
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
    if src_c is None:
        before = [c for i, c in mentions if i < ev.trigger and c != tgt_c]
        anyc = [c for _, c in mentions if c != tgt_c]
        src_c = before[0] if before else (anyc[0] if anyc else None)
    after = [c for i, c in mentions if c != src_c and i > ev.trigger]
    if tgt_c is None or tgt_c == src_c:
        if tgt_c is None and after and not (ev.plover_type in RECIPROCAL and _has_coactor(g, subj)):
            tgt_c = after[0]
    if tgt_c is None and subj is not None:  # "The US, Russia and Switzerland met": the co-actors
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
    if tgt_c is None and src_c is not None:
        others = [c for _, c in mentions if c != src_c]
        tgt_c = others[0] if others else None
    if domestic and tgt_c is None and src_c is not None:
        tgt_c = src_c  # domestic default: no other actor named
    if domestic and src_c is None and tgt_c is not None:
        src_c = tgt_c  # domestic default: an unnamed actor acting on its own country
    ev.source_country = src_c
    ev.target_country = tgt_c
    del top
