"""JSON API of the observatory: targets, progress, people offline, gaps, priorities, briefs.

Each page of the observatory has its JSON twin here (``/targets`` - ``/api/v1/targets``,
``/priorities`` - ``/api/v1/observatory/priorities``, ``/offline`` -
``/api/v1/observatory/offline``, ``/members/{iso3}/brief`` - ``/api/v1/members/{iso3}/brief``).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import Response

from humanict.errors import InvalidInputError
from humanict.observatory import analysis, brief_cache
from humanict.observatory.reports import offline_report
from humanict.observatory.targets import load_sdg_indicators, load_targets
from humanict.output import Format, records, render
from humanict.web.deps import SettingsDep, WarehouseDep
from humanict.web.schemas import ErrorPublic

router = APIRouter(prefix="/api/v1", tags=["observatory"], responses={404: {"model": ErrorPublic}})

DEFAULT_YEAR = 2024
YearQuery = Annotated[int, Query(description="Calendar year of the estimate.")]
RegionQuery = Annotated[
    str | None, Query(description="ITU-D region: AFR, AMS, ARB, ASP, CIS or EUR.")
]


@router.get("/targets", summary="Targets and SDG indicators")
def list_targets(settings: SettingsDep) -> dict[str, Any]:
    """The Broadband Commission 2025 and UMC 2030 targets with their indicator, threshold and
    source, and the SDG indicators for which ITU is custodian."""
    targets = [t.as_dict() for t in load_targets(settings.data_dir)]
    sdg = [i.as_dict() for i in load_sdg_indicators(settings.data_dir)]
    return {"targets": targets, "sdg_indicators": sdg, "count": len(targets)}


@router.get(
    "/targets/progress/group/{group}", summary="Progress of world, developing economies or LDCs"
)
def group_target_progress(group: str, settings: SettingsDep, warehouse: WarehouseDep) -> Any:
    """Internet-use targets at the level they were set: the population-weighted share of the
    group per year, its projection and the status of each target."""
    frame = analysis.group_progress(settings.data_dir, warehouse, group)
    series = analysis.group_internet_series(settings.data_dir, warehouse, group)
    return {"group": group, "targets": records(frame), "series": records(series)}


@router.get("/targets/progress/{iso3}", summary="Progress of one economy towards the targets")
def target_progress(
    iso3: str,
    settings: SettingsDep,
    warehouse: WarehouseDep,
    model: Annotated[str | None, Query(description="Trajectory model.")] = None,
) -> dict[str, Any]:
    economy, frame = analysis.targets_progress(settings.data_dir, warehouse, iso3, model)
    return {"iso3": economy.iso3, "economy": economy.name, "targets": records(frame)}


@router.get("/observatory/offline", summary="People offline per economy, region and world")
def offline(
    settings: SettingsDep, warehouse: WarehouseDep, year: YearQuery = DEFAULT_YEAR
) -> dict[str, Any]:
    result = analysis.offline(settings.data_dir, warehouse, year)
    return offline_report(result, settings.data_dir)


@router.get("/observatory/priorities", summary="Economies calling for attention, ranked")
def priorities(
    settings: SettingsDep,
    warehouse: WarehouseDep,
    region: RegionQuery = None,
    year: YearQuery = DEFAULT_YEAR,
    format: Annotated[  # noqa: A002 - the public query parameter is ``format``
        str, Query(description="json or csv.")
    ] = "json",
) -> Any:
    table = analysis.priorities(settings.data_dir, warehouse, year, region)
    if format == "csv":
        name = f"priorities-{(region or 'world').lower()}-{year}.csv"
        return Response(
            render(table, Format.csv),
            media_type="text/csv",
            headers={"Content-Disposition": f'attachment; filename="{name}"'},
        )
    if format != "json":
        raise InvalidInputError(f"unknown format {format!r}; use json or csv")
    return {"year": year, "region": region, "data": records(table), "count": len(table)}


@router.get("/observatory/gaps/{kind}", summary="Gender, urban/rural or affordability gaps")
def gaps(kind: str, settings: SettingsDep, warehouse: WarehouseDep) -> dict[str, Any]:
    table = analysis.gap_table(kind, settings.data_dir, warehouse)
    return {"kind": kind, "data": records(table), "count": len(table)}


@router.get("/observatory/trajectory/{iso3}", summary="Series and projection to 2030")
def trajectory(
    iso3: str,
    settings: SettingsDep,
    warehouse: WarehouseDep,
    indicator: Annotated[str, Query(description="Warehouse indicator code.")] = "i99H",
    model: Annotated[str | None, Query(description="Trajectory model.")] = None,
) -> dict[str, Any]:
    return analysis.trajectory(warehouse, settings.data_dir, iso3, indicator, model).as_dict()


@router.get("/members/{iso3}/brief", summary="Country brief (JSON twin of the brief page)")
def brief(iso3: str, settings: SettingsDep, warehouse: WarehouseDep) -> dict[str, Any]:
    return brief_cache.brief(settings.data_dir, warehouse, iso3).as_dict()
