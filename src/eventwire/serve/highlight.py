"""Article text cut into pieces for highlighting, with no HTML in it.

The text is untrusted: this module never builds markup. It cuts the text at every
annotation boundary into :class:`Piece` s (plain text + the annotation layers covering
it); the template escapes each piece. Anchors ``span-START-END`` are placed before the
piece where a span starts, so any record can link to its evidence in the text.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

__all__ = ["Piece", "pieces", "span_anchor"]


@dataclasses.dataclass(frozen=True)
class Piece:
    start: int
    end: int
    text: str
    layers: tuple[str, ...]  # annotation layers covering the whole piece, sorted
    anchors: tuple[str, ...]  # span anchors starting here (before the piece)


def span_anchor(start: int, end: int) -> str:
    """The id of the anchor before a span in the article text."""
    return f"span-{int(start)}-{int(end)}"


def pieces(text: str, layers: Mapping[str, Iterable[Mapping[str, Any]]],
           extra_anchors: Sequence[tuple[int, int]] = ()) -> list[Piece]:
    """``text`` cut at every start/end of the records in ``layers`` (layer name -> records
    with integer ``start``/``end`` offsets into ``text``). Records outside the text or
    empty are ignored. Each piece lists the layers covering it; each distinct span gets
    one anchor, also each span in ``extra_anchors`` (e.g. event sentences)."""
    n = len(text)
    spans: list[tuple[int, int, str]] = []
    for name, recs in layers.items():
        for r in recs:
            s, e = r.get("start"), r.get("end")
            if isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= n:
                spans.append((s, e, name))
    anchor_spans = {(s, e) for s, e, _ in spans}
    anchor_spans |= {(s, e) for s, e in extra_anchors if 0 <= s < e <= n}
    cuts = {0, n} | {s for s, _, _ in spans} | {e for _, e, _ in spans}
    cuts |= {s for s, _ in anchor_spans} | {e for _, e in anchor_spans}
    bounds = sorted(cuts)
    starts: dict[int, list[str]] = {}
    for s, e in sorted(anchor_spans):
        starts.setdefault(s, []).append(span_anchor(s, e))
    # sweep: add layers at their start, drop them at their end
    opening: dict[int, list[str]] = {}
    closing: dict[int, list[str]] = {}
    for s, e, name in spans:
        opening.setdefault(s, []).append(name)
        closing.setdefault(e, []).append(name)
    active: dict[str, int] = {}
    out: list[Piece] = []
    for a, b in zip(bounds, bounds[1:], strict=False):
        for name in closing.get(a, []):
            active[name] -= 1
            if not active[name]:
                del active[name]
        for name in opening.get(a, []):
            active[name] = active.get(name, 0) + 1
        out.append(Piece(a, b, text[a:b], tuple(sorted(active)), tuple(starts.get(a, []))))
    return out
