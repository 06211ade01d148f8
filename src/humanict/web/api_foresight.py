"""JSON API and pages of foresight: the gap radar, one page per topic, catalogue search."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from humanict.errors import NotFoundError
from humanict.foresight import service
from humanict.foresight.gaps import GapReport
from humanict.foresight.report_cache import ReportParams
from humanict.foresight.search import search as search_catalogue
from humanict.output import records
from humanict.web.deps import SettingsDep
from humanict.web.schemas import ErrorPublic
from humanict.web.templating import missing_assets

router = APIRouter(
    prefix="/api/v1/foresight",
    tags=["foresight"],
    responses={
        404: {"model": ErrorPublic},
        422: {"model": ErrorPublic},
        503: {"model": ErrorPublic, "description": "The report is being prepared: retry later."},
    },
)
pages = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

AsOf = Annotated[int, Query(ge=1990, le=2100, description="Last year of signals and standards.")]
Topics = Annotated[int, Query(ge=2, le=200, description="Number of topics.")]
Window = Annotated[int, Query(ge=4, le=30, description="Years of signals up to as_of.")]
Coverage = Annotated[
    str, Query(pattern="^(all|itu)$", description="Standards counted: all or itu.")
]


RETRY_AFTER_SECONDS = 10


def _params(as_of: int, topics: int, window: int, coverage: str) -> ReportParams:
    return ReportParams(as_of=as_of, window=window, n_topics=topics, scope=coverage)


def _preparing(response: Response, params: ReportParams) -> dict[str, Any]:
    """The API's error shape with 503 and Retry-After while the report is computed."""
    response.status_code = 503
    response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    message = (
        f"the gap report as of {params.as_of} ({params.n_topics} topics) is being prepared; "
        f"retry in {RETRY_AFTER_SECONDS} s"
    )
    return ErrorPublic(error=message, status=503).model_dump()


def _preparing_page(request: Request, params: ReportParams) -> HTMLResponse:
    response = _render(
        request,
        "foresight_preparing.html",
        {"params": params, "retry_after": RETRY_AFTER_SECONDS},
    )
    response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def _meta(report: GapReport) -> dict[str, Any]:
    return {
        "as_of": report.as_of,
        "window": report.window,
        "backend": report.backend,
        "coverage_scope": report.coverage_scope,
        "signals": report.n_signals,
        "standards": report.n_standards,
    }


@router.get("/gaps", summary="Ranked standardization gaps")
def gaps(
    settings: SettingsDep,
    response: Response,
    as_of: AsOf = 2018,
    topics: Topics = 40,
    window: Window = 10,
    coverage: Coverage = "all",
) -> dict[str, Any]:
    """Topics ranked by gap = emergence x (1 - coverage), with their study group
    (the JSON twin of the page ``/foresight``). Answers 503 with Retry-After while the
    report is being computed."""
    params = _params(as_of, topics, window, coverage)
    report = service.report_if_ready(settings, params)
    if report is None:
        return _preparing(response, params)
    return {**_meta(report), "gaps": records(report.frame())}


@router.get("/topics/{number}", summary="One topic with its evidence")
def topic(
    number: int,
    settings: SettingsDep,
    response: Response,
    as_of: AsOf = 2018,
    topics: Topics = 40,
    window: Window = 10,
    coverage: Coverage = "all",
) -> dict[str, Any]:
    """Yearly counts, bursts, emergence criteria, the signals driving the topic and the nearest
    standards (the JSON twin of ``/foresight/topics/{number}``)."""
    params = _params(as_of, topics, window, coverage)
    report = service.report_if_ready(settings, params)
    if report is None:
        return _preparing(response, params)
    try:
        found = report.topic(number)
    except KeyError as err:
        raise NotFoundError(f"no topic {number}: topics are 0-{topics - 1}") from err
    return {**_meta(report), "topic": found.as_dict()}


@router.get("/search", summary="Search the standards catalogue")
def search(
    settings: SettingsDep,
    q: Annotated[str, Query(min_length=1, description="Words to search for.")],
    limit: Annotated[int, Query(ge=1, le=200)] = 20,
    body: Annotated[list[str] | None, Query(description="Only these bodies.")] = None,
) -> dict[str, Any]:
    """Standards of every body ranked by TF-IDF cosine similarity to ``q``."""
    result = search_catalogue(service.search_index(settings), q, limit=limit, bodies=body)
    return {"query": q, "results": records(result)}


def _render(request: Request, name: str, context: dict[str, object]) -> HTMLResponse:
    response: HTMLResponse = request.app.state.templates.TemplateResponse(request, name, context)
    return response


@pages.get("/foresight")
def radar_page(
    request: Request,
    settings: SettingsDep,
    as_of: AsOf = 2018,
    topics: Topics = 40,
    window: Window = 10,
    coverage: Coverage = "all",
) -> HTMLResponse:
    params = _params(as_of, topics, window, coverage)
    report = service.report_if_ready(settings, params)
    if report is None:
        return _preparing_page(request, params)
    query = f"as_of={as_of}&topics={topics}&window={window}&coverage={coverage}"
    points = [
        {
            "topic": t.topic,
            "label": t.label,
            "rank": t.rank,
            "gap": round(t.gap, 4),
            "emergence": round(t.emergence, 4),
            "coverage": round(t.coverage, 4),
            "records": t.records,
            "href": f"/foresight/topics/{t.topic}?{query}",
        }
        for t in report.topics
    ]
    return _render(
        request,
        "foresight.html",
        {
            "report": report,
            "meta": _meta(report),
            "query": query,
            "points": points,
            "missing_assets": missing_assets(settings.assets_dir),
        },
    )


@pages.get("/foresight/topics/{number}")
def topic_page(
    number: int,
    request: Request,
    settings: SettingsDep,
    as_of: AsOf = 2018,
    topics: Topics = 40,
    window: Window = 10,
    coverage: Coverage = "all",
) -> HTMLResponse:
    params = _params(as_of, topics, window, coverage)
    report = service.report_if_ready(settings, params)
    if report is None:
        return _preparing_page(request, params)
    try:
        found = report.topic(number)
    except KeyError as err:
        raise NotFoundError(f"no topic {number}: topics are 0-{topics - 1}") from err
    query = f"as_of={as_of}&topics={topics}&window={window}&coverage={coverage}"
    peak = max(found.counts) if found.counts else 0
    return _render(
        request,
        "foresight_topic.html",
        {"topic": found, "meta": _meta(report), "query": query, "peak": max(peak, 1)},
    )
