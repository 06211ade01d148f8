"""Geometry of the server-rendered SVG charts (the templates draw them)."""

from __future__ import annotations

import math
from dataclasses import dataclass, fields

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
class PlotArea:
    """A chart's size and the edges of its plotting area (SVG user units, y down)."""

    width: int
    height: int
    left: int
    right: int
    top: int
    bottom: int

    @classmethod
    def margined(cls, width: int, height: int, left: int) -> PlotArea:
        """The area of a ``width`` x ``height`` chart with ``left`` units for the value axis's
        labels, 32 below for the years and 16 on the other sides."""
        return PlotArea(width, height, left, width - 16, 16, height - 32)

    def edges(self) -> dict[str, int]:
        """The fields, to build a chart of this area."""
        return {f.name: getattr(self, f.name) for f in fields(PlotArea)}


@dataclass(frozen=True, slots=True)
class TrendChart(PlotArea):
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
    area = PlotArea.margined(width, height, left=44)
    left, right, top, bottom = area.left, area.right, area.top, area.bottom
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
        **area.edges(),
        line=" ".join(f"{p.x},{p.y}" for p in recomputed),
        recomputed=recomputed,
        edition=edition,
        x_ticks=[(x_of(y), y) for y in range(min(years), max(years) + 1)],
        y_ticks=[(y_of(v), v) for v in range(0, int(scale_max) + 1, 25)],
        bands=bands,
    )


@dataclass(frozen=True, slots=True)
class Line:
    """One economy's line: its points (x, y, year, value) and its series number (0-4)."""

    iso3: str
    name: str
    series: int
    points: list[tuple[float, float, int, float]]

    @property
    def path(self) -> str:
        return " ".join(f"{x},{y}" for x, y, _, _ in self.points)


@dataclass(frozen=True, slots=True)
class LineChart(PlotArea):
    lines: list[Line]
    x_ticks: list[tuple[float, int]]
    y_ticks: list[tuple[float, float]]


def _nice_step(span: float, ticks: int = 5) -> float:
    """A step of 1, 2 or 5 times a power of ten giving about ``ticks`` intervals over ``span``."""
    raw = span / ticks if span > 0 else 1.0
    power = 10 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 5, 10) if m * power >= raw)


def line_chart(
    series: list[tuple[str, str, list[tuple[int, float]]]], width: int = 720, height: int = 320
) -> LineChart | None:
    """Place (iso3, name, [(year, value)]) series on a year x value plane; the value axis starts
    at zero unless a value is negative. None when no series has a value."""
    values = [v for _, _, points in series for _, v in points]
    if not values:
        return None
    years = [y for _, _, points in series for y, _ in points]
    area = PlotArea.margined(width, height, left=56)
    left, right, top, bottom = area.left, area.right, area.top, area.bottom
    first, last = min(years) - 0.5, max(years) + 0.5
    step = _nice_step(max(values) - min(0.0, min(values)))
    low = min(0.0, math.floor(min(values) / step) * step)
    high = max(math.ceil(max(values) / step) * step, low + step)

    def x_of(year: float) -> float:
        return round(left + (year - first) / (last - first) * (right - left), 1)

    def y_of(value: float) -> float:
        return round(bottom - (value - low) / (high - low) * (bottom - top), 1)

    lines = [
        Line(iso3, name, i, [(x_of(y), y_of(v), y, v) for y, v in sorted(points)])
        for i, (iso3, name, points) in enumerate(series)
    ]
    year_step = max(1, math.ceil((max(years) - min(years) + 1) / 12))
    n_ticks = round((high - low) / step)
    return LineChart(
        **area.edges(),
        lines=lines,
        x_ticks=[(x_of(y), y) for y in range(min(years), max(years) + 1, year_step)],
        y_ticks=[(y_of(low + i * step), round(low + i * step, 10)) for i in range(n_ticks + 1)],
    )
