"""JSON API: frequency allocations, satellite filings, deadlines, GEO arc and coordination."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from humanict.spectrum import service
from humanict.web.deps import SettingsDep
from humanict.web.schemas import ErrorPublic

router = APIRouter(
    prefix="/api/v1/spectrum",
    tags=["spectrum"],
    responses={404: {"model": ErrorPublic}, 422: {"model": ErrorPublic}},
)


@router.get("/allocations", summary="Services and footnotes at a frequency")
def allocations(
    settings: SettingsDep,
    freq: Annotated[str, Query(description="Frequency or range with unit, e.g. 11.7GHz.")],
    region: Annotated[str | None, Query(description="ITU Region 1, 2 or 3.")] = None,
    member: Annotated[str | None, Query(description="Member State, ISO alpha-3.")] = None,
) -> dict[str, Any]:
    """The Table of Frequency Allocations (RR Article 5) at a frequency in a Region (the JSON
    twin of the page ``/spectrum/bands``)."""
    return service.allocations(settings, freq, region, member)


@router.get("/filings", summary="GSO networks by name or position")
def filings(
    settings: SettingsDep,
    name: Annotated[str | None, Query(description="Part of a network name.")] = None,
    position: Annotated[str | None, Query(description="Orbital position, e.g. 19.2E.")] = None,
) -> dict[str, Any]:
    return {"filings": service.filings(settings, name, position)}


@router.get("/filings/{name:path}/timeline", summary="Dated events and deadlines of one network")
def timeline(
    name: str,
    settings: SettingsDep,
    as_of: Annotated[str | None, Query(description="Judge deadlines on this date.")] = None,
) -> dict[str, Any]:
    """The JSON twin of the page ``/spectrum/filings/{name}``."""
    return service.filing_timeline(settings, name, as_of)


@router.get("/deadlines", summary="Filings that lapse or miss a milestone")
def deadlines(
    settings: SettingsDep,
    as_of: Annotated[str | None, Query(description="Date, YYYY-MM-DD.")] = None,
    horizon_days: Annotated[int, Query(ge=0, description="Also list dates due within.")] = 365,
    all: Annotated[  # noqa: A002 - the public query parameter is ``all``
        bool, Query(description="Every date, met and unknown ones too.")
    ] = False,
) -> dict[str, Any]:
    rows = service.deadlines(settings, as_of, horizon_days, all)
    return {"as_of": service.parse_date(as_of).isoformat(), "count": len(rows), "deadlines": rows}


@router.get("/arc", summary="GSO networks near an orbital position")
def arc(
    settings: SettingsDep,
    position: Annotated[str, Query(description="Orbital position, e.g. 19.2E.")],
    span: Annotated[float, Query(description="Half-width of the view, degrees.")] = 10.0,
) -> dict[str, Any]:
    """The JSON twin of the page ``/spectrum/arc``."""
    return service.arc_view(settings, position, span)


@router.get("/coordination", summary="Networks inside the AP5 coordination arc")
def coordination(
    settings: SettingsDep,
    position: Annotated[str, Query(description="Orbital position of the proposed network.")],
    band: Annotated[str | None, Query(description="C, Ku, Ku-13.4 or Ka.")] = None,
    freq: Annotated[str | None, Query(description="Or a frequency, e.g. 11.7GHz.")] = None,
    region: Annotated[str | None, Query(description="ITU Region 1, 2 or 3.")] = None,
    include_unverified: bool = False,
) -> dict[str, Any]:
    return service.coordination(settings, position, band, freq, region, include_unverified)


@router.get("/milestones", summary="Resolution 35 milestones of a non-GSO system")
def milestones(
    end_of_period: Annotated[str, Query(description="End of the BIU period, YYYY-MM-DD.")],
    total: Annotated[int, Query(description="Satellites in the filed system.")],
    deployed: Annotated[int, Query(description="Satellites deployed on the as-of date.")],
    as_of: Annotated[str | None, Query(description="Date, YYYY-MM-DD.")] = None,
) -> dict[str, Any]:
    return {"milestones": service.milestones(end_of_period, total, deployed, as_of)}
