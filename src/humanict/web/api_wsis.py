"""JSON API: WSIS action lines, their SDG links and the ICT indicators measuring them."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from humanict.web import security_views
from humanict.web.deps import SettingsDep, WarehouseDep
from humanict.web.schemas import ErrorPublic
from humanict.web.security_schemas import WsisLinePublic, WsisLinesPublic

router = APIRouter(
    prefix="/api/v1/wsis",
    tags=["wsis"],
    responses={404: {"model": ErrorPublic}, 422: {"model": ErrorPublic}},
)


@router.get("/lines", response_model=WsisLinesPublic, summary="List WSIS action lines")
def get_lines(
    settings: SettingsDep,
    sdg: Annotated[
        str | None, Query(description="Only lines linked to this SDG goal (9) or target (9.c).")
    ] = None,
) -> WsisLinesPublic:
    """C1-C11 (C7 by sub-line) with their SDG goals, targets and disputed-link counts."""
    return security_views.wsis_lines(settings, sdg)


@router.get("/lines/{line}", response_model=WsisLinePublic, summary="One WSIS action line")
def get_line(
    line: str,
    settings: SettingsDep,
    warehouse: WarehouseDep,
    confirmed_only: Annotated[
        bool, Query(description="Leave out the links the source disputes.")
    ] = False,
) -> WsisLinePublic:
    """The SDG links of a line ('C7' gives all eight sub-lines), each with the source's flag,
    the SDG ICT indicators of the linked targets and the series measuring them."""
    return security_views.wsis_line(settings, warehouse, line, confirmed_only=confirmed_only)
