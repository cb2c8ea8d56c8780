"""The language of an article, detected at ingest, and which languages are analyzed.

Detection uses py3langid (BSD-3-Clause; its model ships inside the package: no download at
run time) on the article's own text (title and body; captions and repeats left
out), its first ``SAMPLE_CHARS`` characters. The label is the language the
model ranks first (an ISO 639 code: ``en``, ``de``, ...), its confidence the model's
normalized probability; a text without letters is ``und`` (undetermined). When the best
guess is below ``min_confidence`` (short texts), the choice is made among the languages with
a large news press, renormalized (``resources/language/languages.json``): a short English
sentence naming Kenyan places is not taken for Nigerian Pidgin.

Only ``SUPPORTED`` languages are analyzed (the spaCy model, lexicons and temporal tagger are
English). An article is analyzed when its language is English, even with a low probability
(very short English texts score low: "Troops left." gets en 0.38). Any other language,
however short the text, is stored with its language and a recorded problem (W111) and gets
no sentences, events or actors: it is never coded as English.
"""

from __future__ import annotations

import functools
import json
from importlib import resources
from typing import Any

from eventwire.model import Article, IngestProblem

__all__ = ["SUPPORTED", "SAMPLE_CHARS", "detect_language", "is_supported", "unsupported_language_problem"]

SAMPLE_CHARS = 1000


@functools.cache
def _config() -> dict[str, Any]:
    path = resources.files("eventwire") / "resources" / "language" / "languages.json"
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


SUPPORTED: tuple[str, ...] = tuple(_config()["supported"])


@functools.cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> tuple[str, float]:
    """(language code, or "und" for a text without letters; confidence) for ``text``."""
    sample = text[:SAMPLE_CHARS]
    if not any(ch.isalpha() for ch in sample):
        return "und", 0.0
    ranked = _identifier().rank(sample)
    lang, p = ranked[0]
    cfg = _config()
    if p < cfg["min_confidence"]:
        # too short to be sure: choose among the languages news is published in
        news = set(cfg["news_languages"])
        sub = [(lab, q) for lab, q in ranked if lab in news]
        total = sum(q for _, q in sub)
        if sub and total > 0:
            lang, p = sub[0][0], sub[0][1] / total
    return str(lang), round(float(p), 3)


def is_supported(language: str | None) -> bool:
    """Whether an article in ``language`` is analyzed. ``None`` (articles stored before
    language detection existed) counts as supported: they were analyzed before."""
    return language is None or language in SUPPORTED


def unsupported_language_problem(article: Article) -> IngestProblem:
    """The W111 record of an article stored but not analyzed because of its language."""
    conf = article.language_confidence or 0.0
    return IngestProblem(
        article.source,
        "W111",
        f"language {article.language!r} (confidence {conf:.2f}) is not analyzed "
        f"(supported: {', '.join(SUPPORTED)}); the article is stored with no events or actors",
    )
