"""The comparison page: two to five economies side by side on one indicator over time."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from humanict.errors import InvalidInputError
from humanict.observatory import comparison
from humanict.web import views
from humanict.web.charts import line_chart
from humanict.web.deps import SettingsDep, WarehouseDep

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)


@router.get("/compare")
def compare_page(
    request: Request,
    settings: SettingsDep,
    warehouse: WarehouseDep,
    economies: Annotated[str | None, Query()] = None,
    indicator: Annotated[str, Query()] = comparison.DEFAULT_INDICATOR,
) -> HTMLResponse:
    """The form, and for a valid request the chart and the table; a bad request keeps the form
    and says what is wrong (status 422)."""
    result, error = None, None
    if economies:
        try:
            result = views.compare(settings, warehouse, economies, indicator)
        except InvalidInputError as err:
            error = str(err)
    chart, rows = None, []
    if result is not None:
        by_economy = {
            e.iso3: [(p.year, p.value) for p in result.data if p.economy == e.iso3]
            for e in result.economies
        }
        chart = line_chart([(e.iso3, e.name, by_economy[e.iso3]) for e in result.economies])
        values = {(p.economy, p.year): p.value for p in result.data}
        rows = [
            (year, [values.get((e.iso3, year)) for e in result.economies]) for year in result.years
        ]
    response: HTMLResponse = request.app.state.templates.TemplateResponse(
        request,
        "compare.html",
        {
            "result": result,
            "error": error,
            "chart": chart,
            "rows": rows,
            "economies": economies or "",
            "indicator": indicator,
            "indicators": views.list_indicators(warehouse).data,
            "limits": (comparison.MIN_ECONOMIES, comparison.MAX_ECONOMIES),
        },
        status_code=422 if error else 200,
    )
    return response
