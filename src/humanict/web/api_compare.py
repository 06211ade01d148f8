"""JSON API: economies side by side on one indicator over time (the twin of /compare)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from humanict.observatory.comparison import DEFAULT_INDICATOR
from humanict.web import views
from humanict.web.deps import SettingsDep, WarehouseDep
from humanict.web.schemas import ComparisonPublic, ErrorPublic

router = APIRouter(prefix="/api/v1", tags=["compare"], responses={422: {"model": ErrorPublic}})

EconomiesQuery = Annotated[
    str, Query(description="Two to five ISO3 codes separated by commas, e.g. KEN,NGA,GHA.")
]
IndicatorQuery = Annotated[
    str, Query(description="An indicator code of the warehouse (GET /api/v1/indicators).")
]


@router.get("/compare", response_model=ComparisonPublic, summary="Compare economies over time")
def compare(
    settings: SettingsDep,
    warehouse: WarehouseDep,
    economies: EconomiesQuery,
    indicator: IndicatorQuery = DEFAULT_INDICATOR,
) -> ComparisonPublic:
    """The values of one indicator for two to five economies, one per economy and year (the
    latest vintage where datasets overlap), each with its dataset, vintage, source and flag.
    Fewer than two or more than five economies, an unknown ISO3 code or an unknown indicator
    are answered with 422."""
    return views.compare(settings, warehouse, economies, indicator)
