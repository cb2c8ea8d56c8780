"""Which sentences would a "parse only what is needed" pipeline have to parse?

For the first N real articles of the throughput corpus (ECB+ and TempEval-3 news in
../shared/data), runs the nlp and timex stages and counts the sentences (and their tokens)
holding something a later stage reads the tagger or parser output for:

  ent      a named entity (actors, places and facts read POS/dep around every entity)
  trigger  a lemma of the event coder's trigger lexicon (verbs, nouns, phrasal and light verbs)
  agent    a word of the actor dictionary's agent list (the actors stage's nominal mentions)
  pron     a personal pronoun (the actors stage's pronoun subjects read dep)
  timex    a time expression (the timex stage reads heads to anchor it)
  digit    a figure (facts read the parse around numbers)

Besides these, the actors stage reads the POS of every token of the article (its nominal
role phrases), so the tagger (and the tok2vec it listens to) is read everywhere.

    .venv/bin/python bench/parse_need.py --n 120
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

PRONOUNS = {"he", "she", "they", "it", "we", "i", "you"}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=120)
    ap.add_argument("--out", default=str(ROOT / "bench" / "results" / "parse_need.json"))
    a = ap.parse_args()

    import throughput

    from eventwire.analyze import events_lexicon as lex
    from eventwire.analyze import registry
    from eventwire.analyze.actors_dict import load_dictionary
    from eventwire.analyze.countries import normalize
    from eventwire.analyze.pipeline import Pipeline
    from eventwire.ingest import clean
    from eventwire.model import RawDoc

    texts = throughput.load_texts()[: a.n]
    arts = [clean(RawDoc(source=f"parse-need-{i}", text=t, fmt="text")) for i, (_, t) in enumerate(texts)]
    pipe = Pipeline(registry.build_stages(["eventwire.analyze.nlp", "eventwire.analyze.timex_stage"]))
    docs = pipe(arts)
    agents = load_dictionary().agents
    triggers = set(lex.VERBS) | set(lex.NOUNS) | {k[0] for k in lex.PHRASAL} | set(lex.LIGHT_VERBS)
    kinds = ("ent", "trigger", "agent", "pron", "timex", "digit", "any")
    counts = {k: [0, 0] for k in kinds}
    n_sent = n_tok = 0
    for doc in docs:
        for s in doc.sentences:
            toks = [t for t in doc.tokens if s.start <= t.start < s.end]
            n_sent += 1
            n_tok += len(toks)
            f = {
                "ent": any(t.ent_type for t in toks),
                "trigger": any(t.lemma.lower() in triggers for t in toks),
                "agent": any(normalize(t.text) in agents or normalize(t.text)[:-1] in agents for t in toks),
                "pron": any(t.text.lower() in PRONOUNS for t in toks),
                "timex": any(s.start <= x.start < s.end for x in doc.timexes),
                "digit": any(ch.isdigit() for t in toks for ch in t.text),
            }
            f["any"] = any(f.values())
            for k, v in f.items():
                if v:
                    counts[k][0] += 1
                    counts[k][1] += len(toks)
    out = {"articles": len(docs), "sentences": n_sent, "tokens": n_tok,
           "share": {k: {"sentences": round(s / max(1, n_sent), 3), "tokens": round(t / max(1, n_tok), 3)}
                     for k, (s, t) in counts.items()}}
    Path(a.out).write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
