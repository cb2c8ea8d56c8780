"""A stacked bar chart of event counts by type over time, as plain numbers for an SVG
template (server-rendered: no script, nothing from elsewhere)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

__all__ = ["periods_between", "stacked_bars"]

N_COLOURS = 8  # CSS classes .c0 .. .c7 (style.css)


def periods_between(first: str, last: str) -> list[str]:
    """Every period from ``first`` to ``last`` inclusive: years ("2021") or months ("2021-03")."""
    if len(first) == 4:
        return [str(y) for y in range(int(first), int(last) + 1)]
    y, m = int(first[:4]), int(first[5:7])
    ly, lm = int(last[:4]), int(last[5:7])
    out = []
    while (y, m) <= (ly, lm):
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def _nice_max(v: int) -> int:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10_000):
        if v <= step * 4:
            return step * 4
    return v


def stacked_bars(counts: Iterable[Mapping[str, Any]], width: int = 640, height: int = 220
                 ) -> dict[str, Any] | None:
    """Geometry of a stacked bar chart from rows ``{"period", "plover_type", "n"}``:
    ``{"width", "height", "bars": [{"x", "y", "w", "h", "cls", "label"}], "xlabels",
    "yticks", "legend": [{"type", "cls", "n"}]}``, or None when there is nothing to draw.
    Periods without events are drawn as gaps (the time axis is continuous)."""
    rows = [r for r in counts if r.get("period") and r.get("n")]
    if not rows:
        return None
    totals: dict[str, int] = {}
    by_period: dict[str, dict[str, int]] = {}
    for r in rows:
        t = str(r["plover_type"] or "?")
        totals[t] = totals.get(t, 0) + int(r["n"])
        by_period.setdefault(str(r["period"]), {})[t] = int(r["n"])
    types = sorted(totals, key=lambda t: (-totals[t], t))
    cls = {t: f"c{i % N_COLOURS}" for i, t in enumerate(types)}
    periods = periods_between(min(by_period), max(by_period))
    left, right, top, bottom = 34, 8, 8, 28
    plot_w, plot_h = width - left - right, height - top - bottom
    ymax = _nice_max(max(sum(v.values()) for v in by_period.values()))
    slot = plot_w / len(periods)
    bar_w = max(slot * 0.8, 1.0)
    bars = []
    for i, p in enumerate(periods):
        y = float(top + plot_h)
        for t in types:
            n = by_period.get(p, {}).get(t, 0)
            if not n:
                continue
            h = plot_h * n / ymax
            y -= h
            bars.append({"x": round(left + i * slot + (slot - bar_w) / 2, 2), "y": round(y, 2),
                         "w": round(bar_w, 2), "h": round(h, 2), "cls": cls[t],
                         "label": f"{p}: {n} {t}"})
    every = max(1, len(periods) // 6)
    xlabels = [{"x": round(left + i * slot + slot / 2, 2), "text": p}
               for i, p in enumerate(periods) if i % every == 0]
    yticks = [{"y": round(top + plot_h - plot_h * v / ymax, 2), "text": str(v)}
              for v in (0, ymax // 2, ymax)]
    return {"width": width, "height": height, "left": left, "right": width - right,
            "base": top + plot_h, "bars": bars, "xlabels": xlabels, "yticks": yticks,
            "legend": [{"type": t, "cls": cls[t], "n": totals[t]} for t in types]}
