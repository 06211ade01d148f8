"""HTML pages of the observatory: targets, priorities, gaps, the map of people offline, briefs."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from humanict.observatory import analysis, brief_cache
from humanict.observatory.brief import CHARTS, BriefData, summary_lines
from humanict.observatory.gaps import AFFORDABILITY_TARGET_PCT_GNI, PARITY_BAND
from humanict.observatory.priorities import reasons_text
from humanict.observatory.reports import offline_report
from humanict.observatory.targets import load_sdg_indicators, load_targets
from humanict.output import records
from humanict.web import map_titles
from humanict.web.deps import SettingsDep, WarehouseDep
from humanict.web.templating import missing_assets
from humanict.web.views import iso_numeric

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
DEFAULT_YEAR = 2024


def _render(request: Request, name: str, context: dict[str, object]) -> HTMLResponse:
    response: HTMLResponse = request.app.state.templates.TemplateResponse(request, name, context)
    return response


@router.get("/targets")
def targets_page(
    request: Request,
    settings: SettingsDep,
    warehouse: WarehouseDep,
    member: Annotated[str | None, Query()] = None,
    group: Annotated[str | None, Query()] = None,
) -> HTMLResponse:
    progress = None
    economy = None
    if member:
        economy, frame = analysis.targets_progress(settings.data_dir, warehouse, member)
        progress = records(frame)
    elif group:
        progress = records(analysis.group_progress(settings.data_dir, warehouse, group))
    return _render(
        request,
        "observatory/targets.html",
        {
            "targets": load_targets(settings.data_dir),
            "sdg": load_sdg_indicators(settings.data_dir),
            "economy": economy,
            "group": group if not member else None,
            "groups": analysis.GROUPS,
            "progress": progress,
        },
    )


@router.get("/priorities")
def priorities_page(
    request: Request,
    settings: SettingsDep,
    warehouse: WarehouseDep,
    region: Annotated[str | None, Query()] = None,
) -> HTMLResponse:
    region = region or None
    table = analysis.priorities(settings.data_dir, warehouse, DEFAULT_YEAR, region)
    return _render(
        request,
        "observatory/priorities.html",
        {
            "rows": records(table),
            "region": region,
            "regions": analysis.STAT_REGIONS,
            "year": DEFAULT_YEAR,
            "reasons_text": reasons_text,
        },
    )


@router.get("/gaps")
def gaps_page(
    request: Request,
    settings: SettingsDep,
    warehouse: WarehouseDep,
    region: Annotated[str | None, Query()] = None,
) -> HTMLResponse:
    region = analysis.check_region(region)
    return _render(
        request,
        "observatory/gaps.html",
        {
            "sections": analysis.gap_sections(settings.data_dir, warehouse, region),
            "region": region,
            "regions": analysis.STAT_REGIONS,
            "parity_band": PARITY_BAND,
            "target_pct": AFFORDABILITY_TARGET_PCT_GNI,
        },
    )


@router.get("/offline")
def offline_page(
    request: Request,
    settings: SettingsDep,
    warehouse: WarehouseDep,
    year: Annotated[int, Query()] = DEFAULT_YEAR,
) -> HTMLResponse:
    report = offline_report(analysis.offline(settings.data_dir, warehouse, year), settings.data_dir)
    map_data = map_titles.offline(
        {
            "iso3": e["iso3"],
            "name": e["economy"],
            "numeric": iso_numeric(e["iso3"]),
            "offline": e["offline"],
            "offline_pct": e["offline_pct"],
        }
        for e in report["economies"]
    )
    return _render(
        request,
        "observatory/offline.html",
        {
            "report": report,
            "map_data": map_data,
            "missing_assets": missing_assets(settings.assets_dir),
        },
    )


@router.get("/members/{iso3}/brief")
def brief_page(
    iso3: str, request: Request, settings: SettingsDep, warehouse: WarehouseDep
) -> HTMLResponse:
    data = brief_cache.brief(settings.data_dir, warehouse, iso3)
    # The charts are one image named by the section heading; their data is in the table below.
    charts = brief_cache.brief_svg(settings.data_dir, warehouse, iso3).replace(
        "<svg ", '<svg role="img" aria-labelledby="charts-heading" ', 1
    )
    return _render(
        request,
        "observatory/brief.html",
        {
            "brief": data,
            "facts": summary_lines(data),
            "charts": charts,
            "chart_rows": _chart_rows(data),
        },
    )


# Chart title, year, observed value, projection, interval low and high.
ChartRow = tuple[str, int, float | None, float | None, float | None, float | None]


def _chart_rows(data: BriefData) -> list[ChartRow]:
    """The values the brief's charts draw: per chart and year, the observed value and the
    projection with its 90% interval (None where a chart has no such value)."""
    rows: list[ChartRow] = []
    for trajectory, (_, title, _) in zip(data.trajectories, CHARTS, strict=False):
        observed = {int(r["year"]): r["value"] for r in records(trajectory.observed)}
        projected = {int(r["year"]): r for r in records(trajectory.projection)}
        for year in sorted(observed.keys() | projected.keys()):
            p = projected.get(year, {})
            rows.append(
                (title, year, observed.get(year), p.get("central"), p.get("lower"), p.get("upper"))
            )
    return rows


@router.get("/members/{iso3}/brief.pdf")
def brief_pdf(iso3: str, settings: SettingsDep, warehouse: WarehouseDep) -> Response:
    data = brief_cache.brief(settings.data_dir, warehouse, iso3)
    return Response(
        brief_cache.brief_pdf(settings.data_dir, warehouse, iso3),
        media_type="application/pdf",
        headers={"Content-Disposition": f'inline; filename="{data.iso3}-brief.pdf"'},
    )
