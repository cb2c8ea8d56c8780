"""Triggers of the event coder: lexicon lookup with keyword-refined CAMEO codes, phrasal and
light verbs, event nouns; how deep a trigger sits in the clause; attributions; control verbs,
modals and the composition of a controlled event's code (part of
:mod:`eventwire.analyze.events_core`)."""

from __future__ import annotations

from eventwire.analyze import events_lexicon as lex
from eventwire.analyze.actors_dict import load_dictionary
from eventwire.analyze.events_args import resolve_relative
from eventwire.analyze.events_graph import COOP, MATERIAL_CONFLICT, TokenGraph

__all__: list[str] = []


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


_AIMED = frozenset({"at", "on", "upon", "into", "toward", "towards", "across", "over"})
_PERSON_PRONOUNS = frozenset({"he", "she", "they", "him", "her", "them", "i", "me", "we", "us", "you"})


def _person_like(g: TokenGraph, o: int) -> bool:
    t = g.toks[o]
    if t.ent_type == "PERSON" or (t.pos == "PRON" and t.text.lower() in _PERSON_PRONOUNS):
        return True
    return t.pos == "NOUN" and g.lemma(o).upper() in load_dictionary().agents


def _dismissal_sense(g: TokenGraph, k: int) -> bool:
    """A dismissal verb used in its job-dismissal sense: "the club fired its coach", "he was
    fired as manager", "the umpire dismissed Smith" (selectional restriction: the shooting
    sense of "fire" fires a weapon or projectile, or fires at/on someone; the rejecting sense of
    "dismiss" dismisses a claim, charge or proposal, not a person)."""
    lem = g.lemma(k)
    if lem not in lex.DISMISSAL_VERBS:
        return False
    preps = {g.toks[c].text.lower() for c in g.kids(k, "prep", "prt")  # "fired on by two boats"
             if not any(g.toks[o].ent_type in ("DATE", "TIME") for o in g.kids(c, "pobj"))}
    if preps & _AIMED:
        return False  # "fired at the crowd", "fired on protesters"
    # a relative pronoun is the noun its clause modifies: "an employee *who* was fired"
    objs = [r for r in (resolve_relative(g, o) for o in g.kids(k, "dobj", "nsubjpass")) if r is not None]
    if lem == "fire" and any({g.toks[o].lemma.lower(), g.toks[o].text.lower(), g.lemma(o)} & lex.PROJECTILES
                             for o in objs):
        return False  # "fired two rockets", "shots were fired"
    if any(_person_like(g, o) for o in objs) or (objs and "as" in preps):
        return True
    # "fired the coach", "fired its manager": a common noun that is no weapon or projectile
    return lem == "fire" and any(g.toks[o].pos == "NOUN" for o in objs)


def _charge_name(g: TokenGraph, k: int) -> bool:
    """Event noun k only names an offence under a charge word: "charged with first-degree
    murder", "two counts of attempted murder", "held on suspicion of murder", "convicted of
    arson and kidnapping" (coordinated offences too). Not when the noun has its own victim or
    doer: "charged with the murder of his mother", "accused of the journalist's killing"."""
    if any(g.toks[c].dep == "poss" or (g.toks[c].dep == "prep" and g.toks[c].text.lower() in ("of", "by"))
           for c in g.children[k]):
        return False
    cur = k
    for _ in range(3):  # through a coordination: "murder and kidnapping"
        if g.toks[cur].dep != "conj" or g.head(cur) == cur:
            break
        cur = g.head(cur)
    if g.toks[cur].dep != "pobj":
        return False
    prep = g.head(cur)
    if g.toks[prep].text.lower() not in ("with", "of", "for") or g.head(prep) == prep:
        return False
    h = g.head(prep)
    return g.lemma(h) in lex.CHARGE_HEADS or g.toks[h].lemma.lower() in lex.CHARGE_HEADS


def _trigger_code(g: TokenGraph, k: int) -> tuple[str | None, bool]:
    """(CAMEO code, is_nominal) for token k as a trigger, or (None, False)."""
    t = g.toks[k]
    lem = g.lemma(k)
    if t.pos in ("VERB",) or (t.pos == "AUX" and lem in ("have",)):
        if _dismissal_sense(g, k):
            return None, False
        words = _arg_words(g, k)
        for c in g.children[k]:
            ct = g.toks[c]
            if ct.dep in ("prt", "prep", "dobj", "acomp", "advmod"):
                key = (lem, ct.text.lower())
                if key in lex.PHRASAL:
                    if key in lex.SUBJECT_PHRASAL:  # "a bomb went off": what goes off decides
                        words = {w for s in g.kids(k, "nsubj") for t in g.subtree(s)
                                 for w in (g.toks[t].lemma.lower(), g.toks[t].text.lower())}
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
            if lem == "ask" and _asks_a_question(g, k):
                return None, False
            return _match(rules, words), False
        return None, False
    if t.pos in ("NOUN", "PROPN") and t.dep not in ("compound",) and not _charge_name(g, k):
        code = _noun_code(g, k)
        if code:
            return code, True
    return None, False


def _asks_a_question(g: TokenGraph, k: int) -> bool:
    """"ask" asking a question rather than for something: its clause is a question ('"So which
    is it?" Lynch asked', "asked whether she shielded her son", "asked what happened")."""
    if g.kids(k, "xcomp") or any(g.toks[p].text.lower() == "for" for p in g.kids(k, "prep")):
        return False  # "asked Kenya to extradite him", "asked the UN for help (when ...)"
    clauses = g.kids(k, "ccomp", "parataxis")
    for c in clauses:
        sub = g.subtree(c)
        if any(g.toks[t].text == "?" for t in sub):
            return True
        first = g.toks[sub[0]].text.lower() if sub else ""
        if first in lex.QUESTION_WORDS or any(g.toks[m].text.lower() in lex.QUESTION_WORDS for m in g.kids(c, "mark")):
            return True
    if clauses:
        return False
    # the question quoted just before, split off as a sentence of its own: '"Why?" she asked.'
    first_tok = min(g.subtree(g.root(k)))
    before = [g.toks[i].text for i in range(max(0, first_tok - 3), first_tok)]
    return "?" in before and all(t in ('"', "”", "'", "’", "?") for t in before[before.index("?"):])


def _noun_code(g: TokenGraph, k: int) -> str | None:
    lem = g.lemma(k)
    rules = lex.NOUNS.get(lem)
    if not rules:
        return None
    words = {g.toks[c].lemma.lower() for c in g.subtree(k)} | {g.toks[c].text.lower() for c in g.subtree(k)}
    code = _match(rules, words)
    if code is not None and code == next((c for c, kws in rules if not kws), None) and lem in lex.MILITARY_SENSE \
            and not words & lex.LABOUR_SENSE and _military_sense(g, k):
        return lex.MILITARY_SENSE[lem]
    return code


_STATE_LABELS = frozenset({"NORP", "GPE"})
_AIMED_PLACE = frozenset({"GPE", "LOC"})


def _military_sense(g: TokenGraph, k: int) -> bool:
    """A noun of the labour sense by default ("strike") used in its military sense: aimed on or
    against a place ("strikes on Gaza"; workers strike against employers or policies, not on
    places; a building is no such place: "a strike on Broadway"), or with a state named on it
    ("Israeli strikes", "Russia's strikes") in a sentence about armed conflict (a word of
    ``military_context``: killing, wounding, troops, militants, missiles ...; "the Greek strike
    paralysed ferries" is a labour strike)."""
    state = False
    for c in g.children[k]:
        ct = g.toks[c]
        if ct.dep in ("amod", "compound", "poss", "nmod") and ct.ent_type in _STATE_LABELS:
            state = True
        if ct.dep == "prep" and ct.text.lower() in ("on", "against") \
                and any(g.toks[o].ent_type in _AIMED_PLACE for o in g.kids(c, "pobj")):
            return True
    if not state:
        return False
    return any(g.lemma(i) in lex.MILITARY_CONTEXT or g.toks[i].text.lower() in lex.MILITARY_CONTEXT
               for i in g.subtree(g.root(k)))


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
