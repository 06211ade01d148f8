"""Geometry of the server-rendered SVG charts (the templates draw them)."""

from __future__ import annotations

from dataclasses import dataclass

from humanict.indices import EDITION
from humanict.web.schemas import LevelPublic, TrendPointPublic


@dataclass(frozen=True, slots=True)
class ChartPoint:
    x: float
    y: float
    year: int
    value: float
    kind: str
    level: str | None


@dataclass(frozen=True, slots=True)
class Band:
    """A horizontal band of the chart for one level (``y`` is the top edge)."""

    y: float
    height: float
    level: str
    name: str


@dataclass(frozen=True, slots=True)
class TrendChart:
    width: int
    height: int
    left: int
    right: int
    top: int
    bottom: int
    line: str
    recomputed: list[ChartPoint]
    edition: list[ChartPoint]
    x_ticks: list[tuple[float, int]]
    y_ticks: list[tuple[float, int]]
    bands: list[Band]


def trend_chart(
    points: list[TrendPointPublic],
    levels: list[LevelPublic],
    scale_max: float = 100.0,
    width: int = 640,
    height: int = 260,
) -> TrendChart | None:
    """Place the trend points on a year x score plane; None when there is nothing to draw."""
    if not points:
        return None
    left, right, top, bottom = 44, width - 16, 16, height - 32
    years = [p.year for p in points]
    first, last = min(years) - 0.5, max(years) + 0.5

    def x_of(year: float) -> float:
        return round(left + (year - first) / (last - first) * (right - left), 1)

    def y_of(value: float) -> float:
        return round(bottom - value / scale_max * (bottom - top), 1)

    placed = [
        ChartPoint(x_of(p.year), y_of(p.value), p.year, p.value, p.kind, p.level) for p in points
    ]
    recomputed = sorted((p for p in placed if p.kind != EDITION), key=lambda p: p.year)
    edition = [p for p in placed if p.kind == EDITION]
    bands = []
    upper = scale_max
    for level in sorted(levels, key=lambda lv: -lv.min):
        bands.append(
            Band(y_of(upper), round(y_of(level.min) - y_of(upper), 1), level.id, level.name)
        )
        upper = level.min
    return TrendChart(
        width=width,
        height=height,
        left=left,
        right=right,
        top=top,
        bottom=bottom,
        line=" ".join(f"{p.x},{p.y}" for p in recomputed),
        recomputed=recomputed,
        edition=edition,
        x_ticks=[(x_of(y), y) for y in range(min(years), max(years) + 1)],
        y_ticks=[(y_of(v), v) for v in range(0, int(scale_max) + 1, 25)],
        bands=bands,
    )
