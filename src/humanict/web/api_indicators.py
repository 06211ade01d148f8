"""JSON API: indicators of the warehouse and their observations."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from humanict.web import views
from humanict.web.deps import SettingsDep, WarehouseDep
from humanict.web.schemas import ErrorPublic, IndicatorDetailPublic, IndicatorsPublic

router = APIRouter(
    prefix="/api/v1/indicators", tags=["indicators"], responses={404: {"model": ErrorPublic}}
)


@router.get("", response_model=IndicatorsPublic, summary="List indicators with coverage")
def list_indicators(warehouse: WarehouseDep) -> IndicatorsPublic:
    """Every indicator code with its name, unit and coverage (economies, years)."""
    return views.list_indicators(warehouse)


@router.get(
    "/{code}", response_model=IndicatorDetailPublic, summary="Observations of one indicator"
)
def get_indicator(
    code: str,
    warehouse: WarehouseDep,
    settings: SettingsDep,
    economy: Annotated[str | None, Query(description="ISO3 code, e.g. KEN.")] = None,
) -> IndicatorDetailPublic:
    """The observations of one indicator (all economies, or one), each with its dataset,
    source, vintage and flag."""
    return views.indicator_detail(warehouse, settings, code, economy)
