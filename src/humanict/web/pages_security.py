"""HTML pages: the GCI map and table, readiness beside connectivity, the WSIS-SDG view."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from humanict.i18n import gettext
from humanict.members import CouncilRegion, StatRegion
from humanict.web import map_titles, security_views
from humanict.web.deps import IndexCacheDep, SettingsDep, WarehouseDep
from humanict.web.pages import _render
from humanict.web.security_charts import readiness_scatter
from humanict.web.templating import missing_assets

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)


def _blank(value: str | None) -> str | None:
    """Empty form fields mean no filter."""
    return value if value else None


@router.get("/security/gci")
def gci_page(
    request: Request, cache: IndexCacheDep, settings: SettingsDep, warehouse: WarehouseDep
) -> HTMLResponse:
    page = security_views.gci(cache, settings, warehouse)
    tier_names = {t.id: gettext(t.name) for t in page.tiers}
    return _render(
        request,
        "security/gci.html",
        {
            "page": page,
            "tier_names": tier_names,
            "missing_assets": missing_assets(settings.assets_dir),
            "map_data": map_titles.scored((m.model_dump() for m in page.map), tier_names),
        },
    )


@router.get("/security/readiness")
def readiness_page(
    request: Request,
    cache: IndexCacheDep,
    settings: SettingsDep,
    region: Annotated[str | None, Query()] = None,
    stat_region: Annotated[str | None, Query()] = None,
    ahead_only: Annotated[bool, Query()] = False,
) -> HTMLResponse:
    page = security_views.readiness(
        cache,
        settings,
        region=_blank(region),
        stat_region=_blank(stat_region),
        ahead_only=ahead_only,
    )
    return _render(
        request,
        "security/readiness.html",
        {
            "page": page,
            "scatter": readiness_scatter(page.data, page.rule.gap),
            "regions": [r.value for r in CouncilRegion],
            "stat_regions": [r.value for r in StatRegion],
        },
    )


@router.get("/wsis")
def wsis_page(
    request: Request, settings: SettingsDep, sdg: Annotated[str | None, Query()] = None
) -> HTMLResponse:
    page = security_views.wsis_lines(settings, _blank(sdg))
    return _render(request, "wsis/lines.html", {"page": page, "sdg": _blank(sdg)})


@router.get("/wsis/lines/{line}")
def wsis_line_page(
    line: str,
    request: Request,
    settings: SettingsDep,
    warehouse: WarehouseDep,
    confirmed_only: Annotated[bool, Query()] = False,
) -> HTMLResponse:
    page = security_views.wsis_line(settings, warehouse, line, confirmed_only=confirmed_only)
    return _render(request, "wsis/line.html", {"page": page, "confirmed_only": confirmed_only})
