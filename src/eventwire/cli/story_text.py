"""`eventwire show STORY_ID` as plain text that reads at any terminal width (80 columns
and up): the story, its articles, its timeline of canonical events and its facts with their
agreement labels and sources (each source: article, date, quoted span and offsets)."""

from __future__ import annotations

import textwrap
from collections import Counter
from collections.abc import Sequence
from typing import Any

from eventwire.corpus.facts.view import LABEL_ORDER, FactView

__all__ = ["story_lines"]


def _wrap(text: str, width: int, indent: int, hang: int = 4) -> list[str]:
    return textwrap.wrap(text, width=width, initial_indent=" " * indent,
                         subsequent_indent=" " * (indent + hang), break_on_hyphens=False) or [""]


def _short(s: str | None, n: int) -> str:
    s = " ".join((s or "").split())
    return s if len(s) <= n else s[: n - 1] + "…"


def story_lines(view: dict[str, Any], facts: Sequence[FactView], width: int = 80) -> list[str]:
    """The lines of a story view (``corpus.canonical.view.story_view``) and its facts
    (``corpus.facts.view.story_fact_view``), wrapped to ``width`` columns."""
    width = max(40, width)
    st = view["story"]
    out = _wrap(f"Story {st['id']}: {st['title'] or '(untitled)'}", width, 0)
    out += _wrap(f"first seen {st['first_seen'] or '?'}, last seen {st['last_seen'] or '?'}; "
                 f"{st['n_articles']} article(s); outlets: {', '.join(st['outlets'] or []) or '-'}", width, 0)
    out += _wrap(f"Key events: {view['summary'] or '-'}", width, 0)
    out += ["", "Articles"]
    for a in view["articles"]:
        out += _wrap(f"{a['id']}  {a['published'] or 'no date'}  {a['outlet'] or '-'}  {a['title'] or ''}", width, 2, 6)
    out += ["", f"Timeline ({len(view['timeline'])} canonical events)"]
    for e in view["timeline"]:
        when = e["date_begin"] or "undated"
        if e["date_end"] and e["date_end"] != e["date_begin"]:
            when += ".." + e["date_end"]
        place = f", {e['place_name']}" if e["place_name"] else ""
        out += _wrap(f"{when}  {e['label'].split(' (')[0]}  [{e['plover_type']} {e['cameo'] or ''}".rstrip()
                     + f", {e['status']}{place}]", width, 2)
        for m in e["mentions"]:
            where = "" if m.get("segment", "body") == "body" else f", in a {m['segment']}"
            out += _wrap(f"- {m['article_id'][:10]}@{m['start']} \"{_short(m['text'], 60)}\" ({m['status']}{where})",
                         width, 6)
    counts = Counter(f.label for f in facts)
    tally = ", ".join(f"{counts[label]} {label}" for label in sorted(LABEL_ORDER, key=LABEL_ORDER.__getitem__))
    out += ["", f"Facts ({len(facts)}: {tally})"]
    if not facts:
        out.append("  none stored for this story")
    for f in facts:
        out += _wrap(f"[{f.label}] {f.title}: {f.value}", width, 2)
        for s in f.sources:
            src = f"{s.article_id[:10]} ({s.published or 'no date'}"
            src += f", {s.outlet})" if s.outlet else ")"
            extra = []
            if s.attribution:
                extra.append(f"according to {_short(s.attribution, 50)}")
            if s.hedge:
                extra.append(f"hedged: {s.hedge}")
            if s.inferred:
                extra.append("date inferred from the story")
            more = f"; {'; '.join(extra)}" if extra else ""
            said = f" = {s.value}" if " | " in f.value or s.inferred else ""
            out += _wrap(f"- {src} \"{_short(s.quote, 90)}\" [{s.start}-{s.end}]{said}{more}", width, 6)
    return out
