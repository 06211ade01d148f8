"""The page of the cost of closing the connectivity gap (docs/methodology/cost.md)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from humanict.i18n import N_, gettext
from humanict.observatory.cost import ASSUMPTIONS_FILE, SCENARIOS, load_assumptions
from humanict.web.api_cost import cached_report
from humanict.web.deps import SettingsDep, WarehouseDep

REGION_NAMES = {
    "AFR": N_("Africa"),
    "AMS": N_("Americas"),
    "ARB": N_("Arab States"),
    "ASP": N_("Asia-Pacific"),
    "CIS": N_("CIS"),
    "EUR": N_("Europe"),
    "none": N_("No ITU-D region"),
}


@dataclass(frozen=True, slots=True)
class RegionBar:
    group: str
    name: str
    y: float
    width: float
    low_x: float
    high_x: float
    central: float
    low: float
    high: float


@dataclass(frozen=True, slots=True)
class RegionChart:
    width: int
    height: int
    left: int
    right: int
    bars: list[RegionBar]
    x_ticks: list[tuple[float, int]]


def region_chart(groups: list[dict[str, Any]], width: int = 640) -> RegionChart:
    """Horizontal bars of the central total per region, whiskers from low to high (USD bn)."""
    by: dict[str, dict[str, float]] = {}
    for row in groups:
        by.setdefault(row["group"], {})[row["scenario"]] = row["total_usd"] / 1e9
    order = sorted(by, key=lambda g: -by[g].get("central", 0.0))
    left, right, row_height = 120, width - 20, 26
    top = max((v.get("high", 0.0) for v in by.values()), default=1.0) or 1.0

    def x_of(value: float) -> float:
        return round(left + value / top * (right - left), 1)

    bars = [
        RegionBar(
            group=g,
            name=gettext(REGION_NAMES.get(g, g)),
            y=8 + i * row_height,
            width=round(x_of(by[g].get("central", 0.0)) - left, 1),
            low_x=x_of(by[g].get("low", 0.0)),
            high_x=x_of(by[g].get("high", 0.0)),
            central=by[g].get("central", 0.0),
            low=by[g].get("low", 0.0),
            high=by[g].get("high", 0.0),
        )
        for i, g in enumerate(order)
    ]
    step = 50 if top > 150 else 25 if top > 60 else 10
    ticks = [(x_of(v), v) for v in range(0, int(top) + 1, step)]
    return RegionChart(width, 8 + len(bars) * row_height + 24, left, right, bars, ticks)


router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)


@router.get("/observatory/cost")
def cost_page(request: Request, settings: SettingsDep, warehouse: WarehouseDep) -> HTMLResponse:
    reports = {s: cached_report(settings, warehouse, s, None, "stat_region") for s in SCENARIOS}
    central = reports["central"]
    ranges = {s: {e["iso3"]: e["total_usd"] for e in reports[s]["economies"]} for s in SCENARIOS}
    economies = [e for e in central["economies"] if e["modelled"]]
    groups = [g for s in SCENARIOS for g in reports[s]["groups"]]
    assumptions = load_assumptions(settings.data_dir / ASSUMPTIONS_FILE)
    response: HTMLResponse = request.app.state.templates.TemplateResponse(
        request,
        "cost.html",
        {
            "report": central,
            "world": {s: reports[s]["world"][0] for s in SCENARIOS},
            "economies": economies,
            "not_modelled": [e for e in central["economies"] if not e["modelled"]],
            "ranges": ranges,
            "chart": region_chart(groups),
            "parameters": list(assumptions.parameters.values()),
            "scenarios": SCENARIOS,
        },
    )
    return response
