"""Robustness of an index: the JSON API and the page with the rank-interval chart."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, Field

from humanict.data import Warehouse
from humanict.indices.robustness import RobustnessConfig
from humanict.indices.robustness_service import RobustnessResult, analyse_robustness
from humanict.web.cache import IndexCache
from humanict.web.charts import PlotArea
from humanict.web.deps import IndexCacheDep
from humanict.web.schemas import ErrorPublic

API_DRAWS = 2000
MAX_API_DRAWS = 20_000


class RobustnessCache:
    """Results per (index, draws, seed), dropped when the warehouse file changes."""

    def __init__(self, warehouse: Warehouse) -> None:
        self.warehouse = warehouse
        self._lock = threading.Lock()
        self._stamp: float | None = None
        self._results: dict[tuple[str, int, int], RobustnessResult] = {}

    def get(self, cache: IndexCache, index_id: str, draws: int, seed: int) -> RobustnessResult:
        spec = cache.spec(index_id)  # NotFoundError for an unknown index
        with self._lock:
            try:
                stamp: float | None = self.warehouse.path.stat().st_mtime
            except FileNotFoundError:
                stamp = None
            if stamp != self._stamp:
                self._results.clear()
                self._stamp = stamp
            key = (index_id, draws, seed)
            if key not in self._results:
                config = RobustnessConfig(draws=draws, seed=seed)
                self._results[key] = analyse_robustness(spec, self.warehouse, config)
            return self._results[key]


def get_robustness_cache(request: Request) -> RobustnessCache:
    state = request.app.state
    if getattr(state, "robustness_cache", None) is None:
        state.robustness_cache = RobustnessCache(state.warehouse)
    cache: RobustnessCache = state.robustness_cache
    return cache


RobustnessCacheDep = Annotated[RobustnessCache, Depends(get_robustness_cache)]
DrawsQuery = Annotated[
    int, Query(ge=1, le=MAX_API_DRAWS, description="Monte Carlo draws (cached per value).")
]
SeedQuery = Annotated[int, Query(ge=0, description="Seed of the draws.")]


class RobustnessPublic(BaseModel):
    index: str
    meta: dict[str, Any] = Field(description="Draws, seed, options drawn, timings.")
    economies: list[dict[str, Any]] = Field(
        description="Per economy: nominal, median, 5th and 95th percentile ranks, mean absolute "
        "rank shift and first-order sensitivity index of each factor on its rank."
    )
    sensitivity: list[dict[str, Any]] = Field(
        description="Per factor: first-order (s1) and total (st) effects on the mean absolute "
        "rank shift and, variance-weighted, on the ranks."
    )
    options: list[dict[str, Any]] = Field(
        description="Per option: mean absolute rank shift when drawn and when alone."
    )


router = APIRouter(tags=["indices"])


@router.get(
    "/api/v1/indices/{index_id}/robustness",
    response_model=RobustnessPublic,
    summary="Rank intervals and sensitivity of an index",
    responses={404: {"model": ErrorPublic}, 422: {"model": ErrorPublic}},
)
def get_robustness(
    index_id: str,
    cache: IndexCacheDep,
    results: RobustnessCacheDep,
    draws: DrawsQuery = API_DRAWS,
    seed: SeedQuery = 0,
) -> RobustnessPublic:
    """Monte Carlo uncertainty and sensitivity analysis over weights, normalisations,
    aggregations and imputations (docs/methodology/robustness.md)."""
    return RobustnessPublic(**results.get(cache, index_id, draws, seed).as_dict())


@dataclass(frozen=True, slots=True)
class Interval:
    iso3: str
    name: str
    x: float
    y05: float
    y95: float
    median: float
    nominal: float
    ranks: tuple[int, int, int, int]


@dataclass(frozen=True, slots=True)
class IntervalChart(PlotArea):
    intervals: list[Interval]
    y_ticks: list[tuple[float, int]]


def interval_chart(result: RobustnessResult, height: int = 420) -> IntervalChart:
    """Economies along x in nominal-rank order; rank (1 at the top) along y."""
    table = result.economies
    n = len(table)
    left, top, bottom = 44, 12, height - 28
    step = 5.0
    width = int(left + step * n + 16)

    def y_of(rank: float) -> float:
        return round(top + (rank - 1) / max(n - 1, 1) * (bottom - top), 1)

    intervals = [
        Interval(
            iso3=row.iso3,
            name=row.economy,
            x=round(left + step * (i + 0.5), 1),
            y05=y_of(row.rank_p05),
            y95=y_of(row.rank_p95),
            median=y_of(row.median_rank),
            nominal=y_of(row.nominal_rank),
            ranks=(
                int(row.nominal_rank),
                int(row.median_rank),
                int(row.rank_p05),
                int(row.rank_p95),
            ),
        )
        for i, row in enumerate(table.itertuples())
    ]
    ticks = [1, *range(25, n + 1, 25)]
    return IntervalChart(
        width, height, left, width - 16, top, bottom, intervals, [(y_of(t), t) for t in ticks]
    )


pages = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)


@pages.get("/indices/{index_id}/robustness")
def robustness_page(
    index_id: str,
    request: Request,
    cache: IndexCacheDep,
    results: RobustnessCacheDep,
    draws: DrawsQuery = API_DRAWS,
    seed: SeedQuery = 0,
) -> HTMLResponse:
    result = results.get(cache, index_id, draws, seed)
    spec = cache.spec(index_id)
    ordered = result.sensitivity.sort_values("st_shift", ascending=False)
    response: HTMLResponse = request.app.state.templates.TemplateResponse(
        request,
        "robustness.html",
        {
            "result": result,
            "spec": spec,
            "chart": interval_chart(result),
            "economies": result.economies.to_dict(orient="records"),
            "sensitivity": ordered.to_dict(orient="records"),
            "options": result.options.to_dict(orient="records"),
            "top_factor": None if ordered.empty else ordered.iloc[0]["factor"],
            "wide": result.economies.sort_values("interval_width", ascending=False)
            .head(5)
            .to_dict(orient="records"),
        },
    )
    return response
