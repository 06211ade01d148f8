"""JSON API: composite indices (IDI 2024), their results, levels and trends."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from humanict.web import views
from humanict.web.deps import IndexCacheDep, SettingsDep, WarehouseDep
from humanict.web.schemas import (
    ErrorPublic,
    IndexRowsPublic,
    IndicesPublic,
    LevelCountsPublic,
    TrendPublic,
)

router = APIRouter(
    prefix="/api/v1/indices",
    tags=["indices"],
    responses={404: {"model": ErrorPublic}, 422: {"model": ErrorPublic}},
)

YearQuery = Annotated[
    int | None, Query(description="A recomputed year; omit for the published edition.")
]


@router.get("", response_model=IndicesPublic, summary="List indices")
def list_indices(cache: IndexCacheDep) -> IndicesPublic:
    """The shipped index specs: pillars, components with goalposts, level bands."""
    return views.list_indices(cache)


@router.get("/{index_id}", response_model=IndexRowsPublic, summary="Results of an index")
def get_index(index_id: str, cache: IndexCacheDep, year: YearQuery = None) -> IndexRowsPublic:
    """One row per scored economy, best first."""
    return views.index_rows(cache, index_id, year)


@router.get(
    "/{index_id}/levels", response_model=LevelCountsPublic, summary="Economies per level and group"
)
def get_levels(
    index_id: str,
    cache: IndexCacheDep,
    warehouse: WarehouseDep,
    by: Annotated[str, Query(description="stat_region, council_region or income_group.")] = (
        "stat_region"
    ),
    year: YearQuery = None,
) -> LevelCountsPublic:
    """Counts of economies per level, per group, with a row ``all`` of totals."""
    return views.index_levels(cache, warehouse, index_id, by, year)


@router.get("/{index_id}/trend", response_model=TrendPublic, summary="Index over the years")
def get_trend(
    index_id: str,
    cache: IndexCacheDep,
    settings: SettingsDep,
    member: Annotated[str | None, Query(description="ISO3 code, e.g. KEN.")] = None,
) -> TrendPublic:
    """The published edition (kind ``edition``) and every recomputed year (``recomputed``)."""
    return views.index_trend(cache, settings, index_id, member)
