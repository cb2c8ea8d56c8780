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

from eventwire.analyze import events_lexicon as lex
from eventwire.analyze.events_args import (
    _actors,
    _core_text,
    _country_of,
    country_of_token,
)
from eventwire.analyze.events_graph import (
    COOP,
    MATERIAL_CONFLICT,
    CodedEvent,
    TokenGraph,
    cameo_table,
    plover_of,
)
from eventwire.analyze.events_triggers import (
    _attribution_tokens,
    _aux_info,
    _compose,
    _control_kind,
    _depth_score,
    _trigger_code,
)

__all__ = ["CodedEvent", "TokenGraph", "code_sentence", "plover_of", "cameo_table", "country_of_token", "clause_status"]


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
        if k in excluded or g.toks[k].ent_type in ("DATE", "TIME"):
            continue  # attribution, or a word of a date ("in March 2022" is no march)
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


def clause_status(g: TokenGraph, ev: CodedEvent, prog: bool, lo: int, hi: int) -> None:
    """Set ``ev.status`` from its trigger's clause (modal, negation, conditionals, embedded
    questions, future, reported claims, progressive) for a candidate made outside the coder
    with no control verb (:mod:`eventwire.analyze.events_speech`)."""
    _status(g, ev, None, prog, lo, hi)


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
    elif _in_embedded_question(g, top):
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


def _in_embedded_question(g: TokenGraph, k: int) -> bool:
    """The event is asked about, not asserted: it heads (or sits under) a complement clause
    introduced by "whether" or "if" ("considering whether to file charges", "it is unclear
    whether police arrested them", "asked if the army had attacked"). A relative, participial or
    adverbial clause on the way up is presupposed, not asked about ("whether to charge the man
    *who shot* two officers"): the search stops there."""
    cur = k
    for _ in range(8):
        dep = g.toks[cur].dep
        if dep in ("ccomp", "xcomp", "csubj") and any(
            g.toks[c].text.lower() in ("whether", "if") for c in g.kids(cur, "mark")
        ):
            return True
        if dep in ("relcl", "acl", "advcl", "appos"):
            return False
        h = g.head(cur)
        if h == cur:
            return False
        cur = h
    return False


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
