"""Web routes of the EPFD tool: the JSON API /api/v1/spectrum/epfd and the page /spectrum/epfd."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from humanict.errors import InvalidInputError
from humanict.spectrum import epfd as ep

MAX_STEPS = 60_480  # one week at 10 s
EXAMPLE_PFD_MASK = "0:-165,30:-160,90:-155"  # an assumed example, not a filed value

api_router = APIRouter(prefix="/api/v1/spectrum", tags=["spectrum"])
page_router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)


@api_router.get(
    "/epfd", summary="Downlink epfd of the shipped constellation at a GSO earth station"
)
def epfd_api(
    lat: Annotated[float, Query(ge=-90, le=90, description="Earth-station latitude, degrees.")],
    lon: Annotated[float, Query(ge=-180, le=360, description="Earth-station longitude, degrees.")],
    gso_lon: Annotated[float, Query(description="Longitude of the GSO satellite it points at.")],
    pfd_mask: Annotated[
        str,
        Query(
            description="ASSUMED pfd of each non-GSO satellite at the surface against elevation, "
            "'el:pfd,...' in dB(W/m²) per reference bandwidth. An input, not a filed value.",
            examples=[EXAMPLE_PFD_MASK],
        ),
    ],
    diameter_m: Annotated[float, Query(gt=0, description="Reference antenna diameter, m.")] = 0.6,
    freq_ghz: Annotated[float, Query(gt=0, description="Frequency, GHz.")] = 11.7,
    bandwidth_khz: Annotated[float, Query(gt=0, description="Reference bandwidth, kHz.")] = 40.0,
    hours: Annotated[float, Query(gt=0, le=168, description="Duration, hours.")] = 24.0,
    step_s: Annotated[float, Query(ge=1, le=3600, description="Time step, seconds.")] = 10.0,
    shell_km: Annotated[
        str | None, Query(description="Keep satellites with mean altitude 'min:max' km.")
    ] = None,
) -> dict[str, Any]:
    """epfd↓ over time from the shipped Globalstar TLE set (RR No. 22.5C, S.1428-1 antenna),
    its CDF and the check against the RR Article 22 limit for the band and antenna size."""
    if hours * 3600.0 / step_s > MAX_STEPS:
        raise InvalidInputError(
            f"{hours:g} h at {step_s:g} s is more than {MAX_STEPS} time steps: "
            "use a longer step, a shorter duration, or the CLI with a Dask scheduler"
        )
    return ep.epfd_report(
        lat_deg=lat,
        lon_deg=lon,
        gso_lon_deg=gso_lon,
        mask=ep.parse_pfd_mask(pfd_mask, bandwidth_khz),
        diameter_m=diameter_m,
        freq_ghz=freq_ghz,
        duration_s=hours * 3600.0,
        step_s=step_s,
        shell_km=ep.parse_shell(shell_km),
    )


@page_router.get("/spectrum/epfd")
def epfd_page(
    request: Request,
    lat: float = 40.4,
    lon: float = -3.7,
    gso_lon: float = -10.0,
    pfd_mask: str = EXAMPLE_PFD_MASK,
    diameter_m: float = 0.6,
    freq_ghz: float = 11.7,
    hours: float = 24.0,
    step_s: float = 10.0,
    shell_km: str = "1380:1450",
) -> HTMLResponse:
    """The form, and a chart the page script fills from the JSON twin."""
    form = {
        "lat": lat,
        "lon": lon,
        "gso_lon": gso_lon,
        "pfd_mask": pfd_mask,
        "diameter_m": diameter_m,
        "freq_ghz": freq_ghz,
        "hours": hours,
        "step_s": step_s,
        "shell_km": shell_km,
    }
    masks = [
        {"diameter_m": m.diameter_cm / 100.0, "bandwidth_khz": m.bandwidth_khz}
        for m in ep.article22_masks(freq_ghz)
        if "S.1428" in m.pattern
    ]
    templates = request.app.state.templates
    response: HTMLResponse = templates.TemplateResponse(
        request,
        "spectrum_epfd.html",
        {"form": form, "masks": masks, "tle_file": ep.TLE_PATH.name},
    )
    return response
