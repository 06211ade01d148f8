"""JSON API: the cost of closing the connectivity gap by 2030 (docs/methodology/cost.md)."""

from __future__ import annotations

import threading
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from humanict.config import Settings
from humanict.data import Warehouse
from humanict.observatory.cost import cost_report
from humanict.web.deps import SettingsDep, WarehouseDep
from humanict.web.schemas import ErrorPublic

_lock = threading.Lock()
_reports: dict[tuple[object, ...], dict[str, Any]] = {}


class CostPublic(BaseModel):
    target_year: int
    investment_window: list[int]
    currency: str
    world: list[dict[str, Any]] = Field(
        description="World totals (modelled economies) per scenario: the sensitivity range."
    )
    groups: list[dict[str, Any]] = Field(description="Totals per group when `by` is given.")
    economies: list[dict[str, Any]] = Field(
        description="Per economy: inputs with their data years, people to cover and to connect, "
        "sites, and the investment by item (USD)."
    )


def cached_report(
    settings: Settings,
    warehouse: Warehouse,
    scenario: str | None,
    member: str | None,
    by: str | None,
) -> dict[str, Any]:
    """The report, kept until the warehouse or the assumptions file changes."""
    stamps = []
    for path in (warehouse.path, settings.data_dir / "cost" / "assumptions.toml"):
        try:
            stamps.append(path.stat().st_mtime)
        except FileNotFoundError:
            stamps.append(None)
    key = (str(warehouse.path), *stamps, scenario, (member or "").upper(), by)
    with _lock:
        if key not in _reports:
            _reports[key] = cost_report(warehouse, settings.data_dir, scenario, member, by)
        return _reports[key]


router = APIRouter(
    prefix="/api/v1/observatory",
    tags=["observatory"],
    responses={404: {"model": ErrorPublic}, 422: {"model": ErrorPublic}},
)


@router.get("/cost", response_model=CostPublic, summary="Cost of universal broadband by 2030")
def get_cost(
    settings: SettingsDep,
    warehouse: WarehouseDep,
    scenario: Annotated[
        Literal["low", "central", "high"] | None,
        Query(description="One scenario; default: central rows and the world range."),
    ] = None,
    member: Annotated[
        str | None, Query(description="ISO3 code, e.g. KEN (rows for every scenario).")
    ] = None,
    by: Annotated[
        Literal["stat_region", "income_group"] | None, Query(description="Also total per group.")
    ] = None,
) -> CostPublic:
    """Investment to reach 4G-or-satellite coverage of everyone and 95% Internet use."""
    return CostPublic(**cached_report(settings, warehouse, scenario, member, by))
