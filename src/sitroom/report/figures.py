"""Report figures drawn offline with matplotlib (Agg): a map of events over the
shipped Natural Earth boundaries, and a weekly chart by event type.

Only the object-oriented API (Figure + FigureCanvasAgg) is used, never pyplot,
so figures can be drawn from the API server's worker threads; one lock still
serialises drawing, as matplotlib's font cache is shared between figures.
"""
from __future__ import annotations

import functools
import io
import math
import threading
from datetime import date, timedelta

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import PolyCollection
from matplotlib.figure import Figure

from sitroom.data import load_json

# One colour per ACLED event type, shared with the dashboard (static/app.js).
TYPE_COLOURS = {
    "Battles": "#d62728",
    "Explosions/Remote violence": "#ff7f0e",
    "Violence against civilians": "#9467bd",
    "Protests": "#2ca02c",
    "Riots": "#8c564b",
    "Strategic developments": "#1f77b4",
}
OTHER_COLOUR = "#7f7f7f"
_DRAWING = threading.Lock()


def type_colour(event_type: str) -> str:
    return TYPE_COLOURS.get(event_type, OTHER_COLOUR)


@functools.lru_cache(maxsize=1)
def boundary_polygons() -> tuple[tuple[tuple[float, float], ...], ...]:
    """Every outer ring of every country (1:50m Natural Earth via world-atlas)."""
    rings = []
    for feature in load_json("world_50m.geojson.gz")["features"]:
        geom = feature["geometry"]
        polys = geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]
        for poly in polys:
            if poly and len(poly[0]) >= 3:
                rings.append(tuple((float(x), float(y)) for x, y in poly[0]))
    return tuple(rings)


def _extent(points: list[tuple[float, float]]) -> tuple[float, float, float, float]:
    """Map window around the events: padded, at least 4 degrees wide."""
    if not points:
        return -180.0, 180.0, -60.0, 85.0
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    half = max(2.0, (x1 - x0) * 0.6, (y1 - y0) * 0.6)
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    return cx - half * 1.4, cx + half * 1.4, max(-90.0, cy - half), min(90.0, cy + half)


def _png(fig: Figure) -> bytes:
    buf = io.BytesIO()
    FigureCanvasAgg(fig).print_png(buf)
    return buf.getvalue()


def _serialised(draw):
    def locked(*args, **kwargs):
        with _DRAWING:
            return draw(*args, **kwargs)

    locked.__doc__, locked.__name__ = draw.__doc__, draw.__name__
    return locked


def marker_size(fatalities: int) -> float:
    """Area in points^2, growing with the square root of fatalities."""
    return 18 + 14 * math.sqrt(max(0, fatalities))


@_serialised
def draw_map(events: list[dict], title: str = "") -> bytes:
    """PNG of the events (dicts with latitude, longitude, event_type, fatalities)."""
    located = [e for e in events if e.get("latitude") is not None and e.get("longitude") is not None]
    x0, x1, y0, y1 = _extent([(e["longitude"], e["latitude"]) for e in located])
    fig = Figure(figsize=(7.5, 5.2), dpi=110)
    ax = fig.add_subplot(1, 1, 1)
    ax.set_facecolor("#dbe9f4")
    visible = [
        ring for ring in boundary_polygons()
        if not (max(p[0] for p in ring) < x0 or min(p[0] for p in ring) > x1
                or max(p[1] for p in ring) < y0 or min(p[1] for p in ring) > y1)
    ]
    ax.add_collection(PolyCollection(visible, facecolors="#f4f1ea", edgecolors="#8a8a8a", linewidths=0.6))
    by_type: dict[str, list[dict]] = {}
    for e in sorted(located, key=lambda e: -int(e.get("fatalities") or 0)):
        by_type.setdefault(e.get("event_type") or "Unknown", []).append(e)
    for etype, group in sorted(by_type.items()):
        ax.scatter(
            [e["longitude"] for e in group], [e["latitude"] for e in group],
            s=[marker_size(int(e.get("fatalities") or 0)) for e in group],
            c=type_colour(etype), alpha=0.75, edgecolors="white", linewidths=0.6,
            label=f"{etype} ({len(group)})", zorder=3,
        )
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    # Equirectangular with the parallels' shrink at this latitude, so shapes look right.
    ax.set_aspect(1 / max(0.2, math.cos(math.radians((y0 + y1) / 2))))
    ax.tick_params(labelsize=7)
    if by_type:
        ax.legend(loc="best", fontsize=7, framealpha=0.85, title="marker area ~ fatalities", title_fontsize=7)
    ax.set_title(title or f"{len(located)} located events", fontsize=10)
    fig.text(0.99, 0.01, "Boundaries: Natural Earth (public domain)", fontsize=6, ha="right", color="#666666")
    fig.tight_layout()
    return _png(fig)


def weeks_between(start: date, end: date) -> list[date]:
    first = start - timedelta(days=start.weekday())
    weeks = []
    while first <= end:
        weeks.append(first)
        try:
            first += timedelta(days=7)
        except OverflowError:  # the last week of year 9999
            break
    return weeks


@_serialised
def draw_weekly_chart(
    weekly: list[dict], start: date, end: date, title: str = "", highlight_from: date | None = None,
) -> bytes:
    """PNG of stacked weekly event counts by type ([{week, event_type, events}]);
    weeks from `highlight_from` on (the report period) are shaded."""
    weeks = weeks_between(start, end)
    index = {w.isoformat(): i for i, w in enumerate(weeks)}
    types = sorted({r["event_type"] for r in weekly})
    fig = Figure(figsize=(8.5, 3.2), dpi=110)
    ax = fig.add_subplot(1, 1, 1)
    if highlight_from is not None:
        first = next((i for i, w in enumerate(weeks) if w + timedelta(days=6) >= highlight_from), len(weeks))
        ax.axvspan(first - 0.5, len(weeks) - 0.5, color="#eeeeee", zorder=0, label="report period")
    bottoms = [0] * len(weeks)
    for etype in types:
        heights = [0] * len(weeks)
        for r in weekly:
            if r["event_type"] == etype and r["week"] in index:
                heights[index[r["week"]]] += int(r["events"])
        ax.bar(range(len(weeks)), heights, bottom=bottoms, color=type_colour(etype), label=etype, width=0.8, zorder=2)
        bottoms = [b + h for b, h in zip(bottoms, heights)]
    step = max(1, len(weeks) // 10)
    ax.set_xticks(range(0, len(weeks), step))
    ax.set_xticklabels([weeks[i].strftime("%d %b %y") for i in range(0, len(weeks), step)], fontsize=7, rotation=30)
    ax.set_ylabel("events per week", fontsize=8)
    ax.tick_params(axis="y", labelsize=7)
    ax.spines[["top", "right"]].set_visible(False)
    if types:
        ax.legend(fontsize=7, frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    ax.set_title(title or "Weekly events by type (weeks start on Monday)", fontsize=10)
    fig.tight_layout()
    return _png(fig)
