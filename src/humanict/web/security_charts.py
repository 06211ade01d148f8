"""Geometry of the readiness scatter: IDI percentile (x) against GCI percentile (y)."""

from __future__ import annotations

from dataclasses import dataclass

from humanict.web.security_schemas import ReadinessRowPublic

SIZE = 420
MARGIN = 44


@dataclass(frozen=True, slots=True)
class ScatterPoint:
    x: float
    y: float
    iso3: str
    economy: str
    balance: str
    label: str


@dataclass(frozen=True, slots=True)
class Scatter:
    """Square plot of 0-100 percentiles; ``ahead_line`` and ``behind_line`` are the gap
    thresholds (y = x - gap and y = x + gap) clipped to the plot, as SVG polyline points."""

    size: int
    left: int
    right: int
    top: int
    bottom: int
    ticks: list[tuple[float, float, int]]
    ahead_line: str
    behind_line: str
    points: list[ScatterPoint]


def _x(pct: float) -> float:
    return MARGIN + pct / 100.0 * (SIZE - 2 * MARGIN)


def _y(pct: float) -> float:
    return SIZE - MARGIN - pct / 100.0 * (SIZE - 2 * MARGIN)


def _line(offset: float) -> str:
    """Points of y = x + offset for x, y in [0, 100]."""
    start = max(0.0, -offset)
    end = min(100.0, 100.0 - offset)
    return f"{_x(start):.1f},{_y(start + offset):.1f} {_x(end):.1f},{_y(end + offset):.1f}"


def readiness_scatter(rows: list[ReadinessRowPublic], gap: float) -> Scatter:
    """One point per Member State scored by both indices (rows without percentiles skipped)."""
    points = [
        ScatterPoint(
            x=round(_x(r.idi_percentile), 1),
            y=round(_y(r.gci_percentile), 1),
            iso3=r.iso3,
            economy=r.economy,
            balance=r.balance,
            label=(
                f"{r.economy}: IDI {r.idi:.1f} (percentile {r.idi_percentile:.0f}), "
                f"GCI {r.gci:.2f} (percentile {r.gci_percentile:.0f})"
            ),
        )
        for r in rows
        if r.idi_percentile is not None
        and r.gci_percentile is not None
        and r.idi is not None
        and r.gci is not None
    ]
    return Scatter(
        size=SIZE,
        left=MARGIN,
        right=SIZE - MARGIN,
        top=MARGIN,
        bottom=SIZE - MARGIN,
        ticks=[(_x(v), _y(v), v) for v in (0, 25, 50, 75, 100)],
        ahead_line=_line(-gap),
        behind_line=_line(gap),
        points=points,
    )
