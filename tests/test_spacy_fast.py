"""eventwire's faster spaCy equivalents give exactly the stock annotations."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.analyze.nlp import NER_ONLY_DISABLE, load_model
from eventwire.analyze.spacy_fast import FastAttributes

SEEDS = Path(__file__).resolve().parents[1] / "examples" / "seeds"

# Sentences that reach the attribute ruler's word exceptions and multi-token, dependency
# and whitespace patterns, besides its tag map.
EXCEPTIONS = [
    "There is a problem, and there were two more. We're gonna win; let's go. Y'all got it.",
    "Nothin' gets done.  It gets worse and he got out.\n\nShe has had enough, did she not?",
    "Which one? That one, which all of them saw. They have to leave, as do we.",
    "The minister said on Tuesday that 3,000 troops would be deployed to the border region.",
]


def _texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))] + EXCEPTIONS


def _annotations(nlp: object, texts: list[str]) -> list[list[tuple[object, ...]]]:
    return [
        [
            (t.i, t.idx, t.text, t.lemma_, t.pos_, t.tag_, t.dep_, t.head.i, t.ent_type_,
             t.ent_iob_, str(t.morph), t.is_sent_start)
            for t in doc
        ]
        for doc in nlp.pipe(texts, batch_size=4)  # type: ignore[attr-defined]
    ]


@pytest.mark.parametrize("disable,enable", [((), ()), (NER_ONLY_DISABLE, ("senter",))])
def test_spacy_fast_same_annotations_as_stock(disable: tuple[str, ...], enable: tuple[str, ...]) -> None:
    texts = _texts()
    stock = _annotations(load_model(disable, enable, stock=True), texts)
    fast = _annotations(load_model(disable, enable), texts)
    assert sum(len(d) for d in stock) > 500
    assert fast == stock


def test_spacy_fast_drops_only_the_unread_tok2vec() -> None:
    assert "tok2vec" not in load_model(NER_ONLY_DISABLE, ("senter",)).pipe_names
    assert "tok2vec" in load_model(NER_ONLY_DISABLE, ("senter",), stock=True).pipe_names
    assert "tok2vec" in load_model().pipe_names  # the tagger and parser read it


def test_spacy_fast_attribute_ruler_installed_and_exceptions_applied() -> None:
    nlp = load_model()
    ruler = nlp.get_pipe("attribute_ruler")
    assert isinstance(ruler.match.__self__, FastAttributes)
    doc = nlp("We're gonna win. It gets worse.")
    lemmas = {t.text: t.lemma_ for t in doc}
    assert lemmas["na"] == "to" and lemmas["gets"] == "get"


def test_spacy_fast_attribute_ruler_leaves_unsupported_patterns_to_spacy() -> None:
    import spacy

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "a"}, {"LOWER": "b"}]], {"LEMMA": "ab"})
    assert FastAttributes.build(ruler) is not None
    ruler.add([[{"LOWER": "c", "OP": "+"}]], {"LEMMA": "c"})
    assert FastAttributes.build(ruler) is None


def test_spacy_fast_lemma_index_held_as_sets() -> None:
    lookups = load_model().get_pipe("lemmatizer").lookups
    index = lookups.get_table("lemma_index")
    assert len(index) > 0 and all(isinstance(words, frozenset) for words in index.values())
    stock = load_model(stock=True).get_pipe("lemmatizer").lookups.get_table("lemma_index")
    assert all(isinstance(words, list) for words in stock.values())
    assert {k: frozenset(v) for k, v in stock.items()} == dict(index.items())


def test_spacy_fast_attribute_matches_cached_per_token_kind(monkeypatch: pytest.MonkeyPatch) -> None:
    """The ruler's matches are looked up once per distinct (tag, lower, dep, space) and kept
    in a bounded cache; a cache emptied again and again gives the same matches."""
    from eventwire.analyze import spacy_fast

    nlp = load_model()
    fast = nlp.get_pipe("attribute_ruler").match.__self__
    texts = EXCEPTIONS + EXCEPTIONS
    docs = [nlp.make_doc(t) for t in texts]
    for name, proc in nlp.pipeline:
        if name == "attribute_ruler":
            break
        docs = list(proc.pipe(docs))
    fast._starts.clear()
    cached = [fast.match(d) for d in docs]
    assert len(fast._starts) > 0
    monkeypatch.setattr(spacy_fast, "_MAX_STARTS", 3)
    fast._starts.clear()
    assert [fast.match(d) for d in docs] == cached
    assert len(fast._starts) <= 3
