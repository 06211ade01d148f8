"""HTML pages: the observatory home (map and table), one page per economy, the sources."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from humanict.i18n import gettext
from humanict.web import map_titles, security_views, views
from humanict.web.charts import trend_chart
from humanict.web.deps import IndexCacheDep, SettingsDep, WarehouseDep
from humanict.web.templating import missing_assets

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)


def _render(request: Request, name: str, context: dict[str, object]) -> HTMLResponse:
    templates = request.app.state.templates
    response: HTMLResponse = templates.TemplateResponse(request, name, context)
    return response


@router.get("/")
def home_page(
    request: Request, settings: SettingsDep, warehouse: WarehouseDep, cache: IndexCacheDep
) -> HTMLResponse:
    page = views.home(settings, warehouse, cache)
    level_names = {lv.id: gettext(lv.name) for lv in page.levels}
    return _render(
        request,
        "home.html",
        {
            "page": page,
            "column": page.index.column,
            "level_names": level_names,
            # Sort key of the level column: the highest band sorts last in ascending order.
            "level_order": {lv.id: len(page.levels) - i for i, lv in enumerate(page.levels)},
            "missing_assets": missing_assets(settings.assets_dir),
            "map_data": map_titles.scored((m.model_dump() for m in page.map), level_names),
        },
    )


@router.get("/members/{iso3}")
def member_page(
    iso3: str,
    request: Request,
    settings: SettingsDep,
    warehouse: WarehouseDep,
    cache: IndexCacheDep,
) -> HTMLResponse:
    page = views.member_detail(settings, warehouse, cache, iso3)
    return _render(
        request,
        "member.html",
        {
            "page": page,
            "level_names": {lv.id: gettext(lv.name) for lv in page.index.levels},
            "chart": trend_chart(page.trend, page.index.levels),
            "readiness": security_views.member_readiness(cache, settings, iso3),
        },
    )


@router.get("/sources")
def sources_page(request: Request, warehouse: WarehouseDep) -> HTMLResponse:
    return _render(request, "sources.html", {"page": views.list_sources(warehouse)})
