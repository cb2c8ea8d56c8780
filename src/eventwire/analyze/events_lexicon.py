"""Trigger lexicon of the event coder: lemmas -> CAMEO codes (PLOVER type via the CAMEO map).

The tables are data files, read once per process:

- ``resources/events/triggers.tsv``: verbs, phrasal verbs and nouns, each mapped to an ordered
  list of ``(code, keywords)`` rules: the first rule whose keywords (lemmas or lower-cased
  words) occur among the trigger's arguments wins; a rule with no keywords is the default.
  ``None`` as a code ("-" in the file) means "not an event by itself".
- ``resources/events/word_lists.tsv``: event nouns, light verbs, reporting verbs, control verbs
  (with the CAMEO code of the family they select), modals and the verb classes the coder's
  syntax rules ask about.

Written for eventwire from the CAMEO codebook's category definitions (code labels from the
MIT-licensed CAMEO codefile) and the PLOVER v2.0 manual (CC BY-SA 4.0, Open Event Data
Alliance).
"""

from __future__ import annotations

import functools
from importlib import resources

from eventwire.errors import ModelError

__all__ = [
    "Rule", "VERBS", "PHRASAL", "NOUNS", "EVENT_NOUNS", "LIGHT_VERBS", "REPORTING", "CHARACTERIZE", "STATE_SECTORS", "INTENT", "REFUSE",
    "THREAT", "DEMAND", "ACCUSE_CTRL", "MODALS", "SCHEDULING", "SUBJECT_KEYWORD_VERBS", "SUBJECT_PHRASAL", "ACTIVE_PASSIVES",
    "TRIGGERS_FILE", "WORD_LISTS_FILE", "NOUN_ROLES", "POSSESSOR_AGENT_NOUNS", "SYMMETRIC_NOUNS", "INSTRUMENTS", "ANAPHORS",
]

Rule = tuple[str | None, tuple[str, ...]]

TRIGGERS_FILE = "triggers.tsv"
WORD_LISTS_FILE = "word_lists.tsv"
_CODED_LISTS = ("intent", "refuse", "threat", "demand", "accuse_ctrl")


def _rows(name: str) -> list[list[str]]:
    p = resources.files("eventwire.resources") / "events" / name
    try:
        text = p.read_text("utf-8")
    except OSError as e:
        raise ModelError(f"event lexicon {name} is missing or unreadable: {e}", "E303") from e
    out = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) < 3:
            raise ModelError(f"event lexicon {name} line {n}: expected tab-separated columns", "E303")
        out.append(cols + [""] * (4 - len(cols)))
    return out


@functools.lru_cache(maxsize=1)
def _triggers() -> tuple[dict[str, list[Rule]], dict[tuple[str, str], list[Rule]], dict[str, list[Rule]]]:
    keyword_sets: dict[str, tuple[str, ...]] = {}
    tables: dict[str, dict[str, list[Rule]]] = {"verb": {}, "phrasal": {}, "noun": {}}
    for table, lemma, code, keywords in (r[:4] for r in _rows(TRIGGERS_FILE)):
        if table == "keywords":
            keyword_sets[lemma] = tuple(w for w in keywords.split(",") if w)
            continue
        if keywords.startswith("@"):
            words = keyword_sets[keywords[1:]]
        else:
            words = tuple(w for w in keywords.split(",") if w)
        tables[table].setdefault(lemma, []).append((None if code == "-" else code, words))
    phrasal: dict[tuple[str, str], list[Rule]] = {}
    for key, rules in tables["phrasal"].items():
        verb, particle = key.split(" ", 1)
        phrasal[(verb, particle)] = rules
    return tables["verb"], phrasal, tables["noun"]


@functools.lru_cache(maxsize=1)
def _word_lists() -> dict[str, dict[str, str]]:
    lists: dict[str, dict[str, str]] = {}
    for name, word, code, _ in _rows(WORD_LISTS_FILE):
        lists.setdefault(name, {})[word] = code
    return lists


VERBS, PHRASAL, NOUNS = _triggers()

_L = _word_lists()
# Event nouns that are events on their own (without a light verb): "a visit to Hanoi".
EVENT_NOUNS: frozenset[str] = frozenset(_L["event_nouns"])
# Verbs that take their event from their object noun ("hold talks", "stage a protest").
LIGHT_VERBS: frozenset[str] = frozenset(_L["light_verbs"])
# Verbs that report speech: never events of their own; their clausal complement is.
REPORTING: frozenset[str] = frozenset(_L["reporting"])
# Verbs that characterise something in someone's words ("called the cuts attacks"; VerbNet 29.2/29.3).
CHARACTERIZE: frozenset[str] = frozenset(_L["characterize"])
# CAMEO actor sectors a reported criticism's target can belong to (government, political).
STATE_SECTORS: frozenset[str] = frozenset(_L["state_sectors"])
# Control verbs: their complement carries the content, they decide the type family.
INTENT: dict[str, str] = dict(_L["intent"])
REFUSE: dict[str, str] = dict(_L["refuse"])
THREAT: dict[str, str] = dict(_L["threat"])
DEMAND: dict[str, str] = dict(_L["demand"])
ACCUSE_CTRL: dict[str, str] = dict(_L["accuse_ctrl"])
MODALS: frozenset[str] = frozenset(_L["modals"])
# Controls that only schedule an event (the pipeline keeps the event's type, status planned).
SCHEDULING: frozenset[str] = frozenset(_L["scheduling"])
# Natural hazards and accidents: never the doer of a PLOVER event ("the storm killed 12").
HAZARDS: frozenset[str] = frozenset(_L["hazards"])
# Verb phrases that repeat an earlier event with a new actor ("did the same", "followed suit").
REPEAT: frozenset[tuple[str, str]] = frozenset((v, w) for v, w in (p.split(" ", 1) for p in _L["repeat"]))
# Verbs whose subject words also select the code ("troops arrived").
SUBJECT_KEYWORD_VERBS: frozenset[str] = frozenset(_L["subject_keyword_verbs"])
# Phrasal triggers whose keywords come from their subject alone ("a bomb went off").
SUBJECT_PHRASAL: frozenset[tuple[str, str]] = frozenset((v, w) for v, w in (p.split(" ", 1) for p in _L["subject_phrasal"]))
# Adjectival passives that keep their subject as the actor ("X is opposed to Y").
ACTIVE_PASSIVES: frozenset[str] = frozenset(_L["active_passives"])
# Country and IGO aliases the coder's fallback country matcher adds ("Kremlin" -> RUS).
COUNTRY_ALIASES: dict[str, str] = dict(_L["country_aliases"])
# What the shooting sense of "fire" fires; verbs whose person object means a job dismissal.
PROJECTILES: frozenset[str] = frozenset(_L["projectiles"])
DISMISSAL_VERBS: frozenset[str] = frozenset(_L["dismissal_verbs"])
# Nouns with a labour default and a military sense ("Israeli strikes"), and the labour words.
MILITARY_SENSE: dict[str, str] = dict(_L["military_sense"])
LABOUR_SENSE: frozenset[str] = frozenset(_L["labour_sense"])
MILITARY_CONTEXT: frozenset[str] = frozenset(_L["military_context"])
# Road accidents, no assaults (realnews protocol, call 9): the verbs, who drives, the cue
# words of a traffic sentence and the words of intent that keep it an attack.
ACCIDENT_VERBS: frozenset[str] = frozenset(_L["accident_verbs"])
TRAFFIC_DOERS: frozenset[str] = frozenset(_L["traffic_doers"])
TRAFFIC_CUES: frozenset[str] = frozenset(_L["traffic_cues"])
VEHICLES: frozenset[str] = frozenset(_L["vehicles"])
INTENT_CUES: frozenset[str] = frozenset(_L["intent_cues"])
RAMMING_TARGETS: frozenset[str] = frozenset(_L["ramming_targets"])
RAMMING_SECURITY: frozenset[str] = frozenset(_L["ramming_security"])
# Protocol scope: animals are no targets; time prepositions of bare back-references; the
# words that make "ask" a question.
ANIMALS: frozenset[str] = frozenset(_L["animals"])
FIREFIGHTING: frozenset[str] = frozenset(_L["firefighting"])
FIRE_TARGETS: frozenset[str] = frozenset(_L["fire_targets"])
TIME_PREPS: frozenset[str] = frozenset(_L["time_preps"])
HABITUAL: frozenset[str] = frozenset(_L["habitual"])
QUESTION_WORDS: frozenset[str] = frozenset(_L["question_words"])
# Words under which an offence noun only names a charge ("charged with murder").
CHARGE_HEADS: frozenset[str] = frozenset(_L["charge_heads"])
# Event nouns -> the role their "of" phrase fills: "agent", "patient" or "theme" (NomBank-style).
NOUN_ROLES: dict[str, str] = dict(_L["noun_roles"])
# Patient nouns whose possessor acts ("the FBI's investigation"; "his arrest": he is arrested).
POSSESSOR_AGENT_NOUNS: frozenset[str] = frozenset(_L["possessor_agent_nouns"])
# Event nouns of joint action: "talks between X and Y" names both sides.
SYMMETRIC_NOUNS: frozenset[str] = frozenset(_L["symmetric_nouns"])
# Weapons, munitions, vehicles: instruments, not actors ("a stray bullet killed him").
INSTRUMENTS: frozenset[str] = frozenset(_L["instruments"])
# Pronouns that take their antecedent's actor -> the antecedent class they agree with
# ("person", "thing", "plural", "speaker"; :mod:`eventwire.analyze.events_coref`).
ANAPHORS: dict[str, str] = dict(_L["anaphors"])
# Prepositions: of a verb's / an event noun's target, of a support verb before an event noun,
# of a gathering that frames a clause.
VERB_TARGET_PREPS: frozenset[str] = frozenset(_L["verb_target_preps"])
NOUN_TARGET_PREPS: frozenset[str] = frozenset(_L["noun_target_preps"])
SUPPORT_PREPS: frozenset[str] = frozenset(_L["support_preps"])
FRAME_PREPS: frozenset[str] = frozenset(_L["frame_preps"])
LOCATIVE_PREPS: frozenset[str] = frozenset(_L["locative_preps"])
del _L
