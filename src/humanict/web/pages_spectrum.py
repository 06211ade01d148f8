"""HTML pages of the spectrum registry: band lookup, GEO arc view, filing search and timeline."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from humanict.errors import HumanictError
from humanict.spectrum import service
from humanict.spectrum.coordination import load_arcs
from humanict.web.deps import SettingsDep
from humanict.web.templating import missing_assets

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)


def _render(
    request: Request, name: str, context: dict[str, Any], status_code: int = 200
) -> HTMLResponse:
    templates = request.app.state.templates
    response: HTMLResponse = templates.TemplateResponse(
        request, name, context, status_code=status_code
    )
    return response


@router.get("/spectrum/bands")
def bands_page(
    request: Request,
    settings: SettingsDep,
    freq: str | None = None,
    region: str | None = None,
    member: str | None = None,
) -> HTMLResponse:
    region = region or None
    member = member or None
    result, error, status = None, None, 200
    if freq:
        try:
            result = service.allocations(settings, freq, region, member)
        except HumanictError as err:
            error, status = str(err), err.status
    form = {"freq": freq or "", "region": region or "", "member": member or ""}
    return _render(
        request,
        "spectrum/bands.html",
        {"form": form, "result": result, "error": error},
        status_code=status,
    )


def _band_names(settings: Any) -> list[str]:
    return sorted({arc.band for arc in load_arcs(settings.data_dir) if arc.is_verified})


@router.get("/spectrum/arc")
def arc_page(
    request: Request,
    settings: SettingsDep,
    position: str = "19.2E",
    span: float = 10.0,
    band: str | None = None,
    region: str | None = None,
) -> HTMLResponse:
    band = band or None
    region = region or None
    view, coordination, error, status = None, None, None, 200
    try:
        view = service.arc_view(settings, position, span)
        if band:
            coordination = service.coordination(settings, position, band, region=region)
    except HumanictError as err:
        error, status = str(err), err.status
    chart = None
    if view is not None:
        chart = {
            "position": view["position"],
            "span": view["span_deg"],
            "arc": max((a["arc_deg"] for a in coordination["arcs"]), default=None)
            if coordination
            else None,
            "networks": [
                {k: n[k] for k in ("name", "longitude", "administration", "stage", "planned")}
                for n in view["networks"]
            ],
        }
    return _render(
        request,
        "spectrum/arc.html",
        {
            "form": {
                "position": position,
                "span": span,
                "band": band or "",
                "region": region or "",
            },
            "bands": _band_names(settings),
            "view": view,
            "coordination": coordination,
            "chart": chart,
            "error": error,
            "missing_assets": missing_assets(settings.assets_dir),
        },
        status_code=status,
    )


@router.get("/spectrum/filings")
def filings_page(
    request: Request, settings: SettingsDep, name: str | None = None, position: str | None = None
) -> HTMLResponse:
    name, position = name or None, position or None
    found, error, status = None, None, 200
    if name or position:
        try:
            found = service.filings(settings, name=name, position=position)
        except HumanictError as err:
            error, status = str(err), err.status
    return _render(
        request,
        "spectrum/filings.html",
        {"name": name or "", "position": position or "", "found": found, "error": error},
        status_code=status,
    )


@router.get("/spectrum/filings/{name:path}")
def timeline_page(
    name: str, request: Request, settings: SettingsDep, as_of: str | None = None
) -> HTMLResponse:
    result = service.filing_timeline(settings, name, as_of)
    return _render(
        request,
        "spectrum/timeline.html",
        {"result": result, "missing_assets": missing_assets(settings.assets_dir)},
    )
