"""JSON API: the Global Cybersecurity Index table and readiness beside connectivity."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from humanict.web import security_views
from humanict.web.deps import IndexCacheDep, SettingsDep, WarehouseDep
from humanict.web.schemas import ErrorPublic
from humanict.web.security_schemas import GciPublic, ReadinessPublic, ReadinessRowPublic

router = APIRouter(
    prefix="/api/v1/security",
    tags=["security"],
    responses={404: {"model": ErrorPublic}, 422: {"model": ErrorPublic}},
)


@router.get("/gci", response_model=GciPublic, summary="GCI 2024 table and map data")
def get_gci(
    cache: IndexCacheDep,
    settings: SettingsDep,
    warehouse: WarehouseDep,
    tier: Annotated[int | None, Query(ge=1, le=5, description="Only this tier (1-5).")] = None,
) -> GciPublic:
    """GCI 2024 score, tier and pillars of every economy, with GCI 2020 and the change
    (the JSON twin of the page /security/gci)."""
    return security_views.gci(cache, settings, warehouse, tier)


@router.get("/readiness", response_model=ReadinessPublic, summary="Readiness of Member States")
def get_readiness(
    cache: IndexCacheDep,
    settings: SettingsDep,
    region: Annotated[str | None, Query(description="ITU Council region A-E.")] = None,
    stat_region: Annotated[
        str | None, Query(description="ITU-D region: AFR, AMS, ARB, ASP, CIS or EUR.")
    ] = None,
    ahead_only: Annotated[
        bool, Query(description="Only Member States whose connectivity runs ahead.")
    ] = False,
    gap: Annotated[
        float | None, Query(gt=0, le=100, description="Percentile-point gap of the rule (25).")
    ] = None,
) -> ReadinessPublic:
    """IDI 2024 level beside GCI 2024 tier of each Member State, with the rule and counts
    (the JSON twin of the page /security/readiness)."""
    return security_views.readiness(
        cache, settings, region=region, stat_region=stat_region, ahead_only=ahead_only, gap=gap
    )


@router.get(
    "/readiness/{iso3}", response_model=ReadinessRowPublic, summary="Readiness of one Member State"
)
def get_member_readiness(
    iso3: str, cache: IndexCacheDep, settings: SettingsDep
) -> ReadinessRowPublic:
    """One Member State's IDI 2024 level, GCI 2024 tier, percentile ranks and balance."""
    return security_views.member_readiness_or_404(cache, settings, iso3)
