"""HTML pages of governance: representation map and officials timeline, eligibility checker."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from humanict.errors import HumanictError
from humanict.governance import service
from humanict.governance.records import ELECTED_OFFICIAL_POSTS, POST_NAMES, load_record
from humanict.governance.term_limits import RULES
from humanict.web import map_titles
from humanict.web.deps import SettingsDep
from humanict.web.templating import missing_assets
from humanict.web.views import iso_numeric

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

TIMELINE_FROM = 1950
TIMELINE_TO = 2027
TIMELINE_WIDTH = 960
ROW_HEIGHT = 28
LABEL_WIDTH = 150
REGION_CLASS = {"A": "region-a", "B": "region-b", "C": "region-c", "D": "region-d", "E": "region-e"}


def _render(
    request: Request, name: str, context: dict[str, object], status: int = 200
) -> HTMLResponse:
    templates = request.app.state.templates
    response: HTMLResponse = templates.TemplateResponse(request, name, context, status_code=status)
    return response


def timeline(data_dir: Path, current_year: int = 2026) -> dict[str, object]:
    """Bars of the five elected-official posts (with CCIR/CCITT as BR/TSB predecessors) as SVG
    geometry: one row per post, x in years from 1950 to 2027."""
    record = load_record(data_dir)
    region = {m["iso3"]: m["region"] for m in service.representation_map(data_dir)}
    rows = []
    posts = [*ELECTED_OFFICIAL_POSTS[:2], "CCIR", "BR", "CCITT", "TSB", "BDT"]
    span = TIMELINE_TO - TIMELINE_FROM
    scale = (TIMELINE_WIDTH - LABEL_WIDTH - 10) / span
    for i, post in enumerate(posts):
        bars = []
        for t in record.officials:
            end = t.last_year(current_year) + 1
            if t.post != post or end <= TIMELINE_FROM:
                continue
            start = max(t.start, TIMELINE_FROM)
            bars.append(
                {
                    "x": round(LABEL_WIDTH + (start - TIMELINE_FROM) * scale, 1),
                    "width": round(max((end - start) * scale - 1, 2), 1),
                    "name": t.name,
                    "iso3": t.iso3,
                    "years": f"{t.start}-{t.end if t.end is not None else 'now'}",
                    "verification": t.verification,
                    "region_class": REGION_CLASS.get(region.get(t.iso3, ""), "region-none"),
                }
            )
        rows.append({"post": post, "label": POST_NAMES[post], "y": i * ROW_HEIGHT, "bars": bars})
    ticks = [
        {"year": y, "x": round(LABEL_WIDTH + (y - TIMELINE_FROM) * scale, 1)}
        for y in range(TIMELINE_FROM, TIMELINE_TO, 10)
    ]
    return {
        "rows": rows,
        "ticks": ticks,
        "width": TIMELINE_WIDTH,
        "height": len(rows) * ROW_HEIGHT + 24,
        "row_height": ROW_HEIGHT,
    }


@router.get("/governance")
def governance_page(request: Request, settings: SettingsDep) -> HTMLResponse:
    report = service.representation_report(settings.data_dir, since=1950)
    economies = service.representation_map(settings.data_dir)
    for e in economies:
        e["numeric"] = iso_numeric(str(e["iso3"]))
    counts = {
        c: sum(1 for e in economies if e["category"] == c)
        for c in ("official", "rrb-or-council", "none")
    }
    return _render(
        request,
        "governance.html",
        {
            "report": report,
            "economies": map_titles.representation(economies),
            "counts": counts,
            "timeline": timeline(settings.data_dir),
            "missing_assets": missing_assets(settings.assets_dir),
        },
    )


@router.get("/governance/eligibility")
def eligibility_page(
    request: Request,
    settings: SettingsDep,
    slate: Annotated[str | None, Query()] = None,
    rules: Annotated[list[str] | None, Query()] = None,
    election_year: Annotated[int, Query()] = 2026,
    adopted_year: Annotated[str | None, Query()] = None,
) -> HTMLResponse:
    chosen = rules or ["current"]
    example = (settings.data_dir / "governance" / "examples" / "illustrative_slate.csv").read_text(
        encoding="utf-8"
    )
    result = None
    error = None
    adopted = None
    if adopted_year and adopted_year.strip():
        if not adopted_year.strip().isdigit():
            error = f"the reform's year must be a year such as 2026, not {adopted_year!r}"
        else:
            adopted = int(adopted_year)
    if slate is not None and error is None:
        try:
            result = service.eligibility_report(
                settings.data_dir,
                slate,
                rules=",".join(chosen),
                election_year=election_year,
                adopted_year=adopted,
                source="slate",
            )
        except HumanictError as err:
            error = str(err)
    return _render(
        request,
        "governance_eligibility.html",
        {
            "rule_names": {name: cls().summary for name, cls in RULES.items()},
            "chosen": chosen,
            "slate": slate if slate is not None else example,
            "election_year": election_year,
            "adopted_year": adopted_year or "",
            "result": result,
            "error": error,
        },
        status=422 if error else 200,
    )
