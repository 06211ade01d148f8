"""JSON API: economies (ITU Member States and territories)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from humanict.web import views
from humanict.web.deps import IndexCacheDep, LanguageQuery, SettingsDep, WarehouseDep
from humanict.web.schemas import EconomiesPublic, ErrorPublic, MemberPublic

router = APIRouter(
    prefix="/api/v1/members", tags=["members"], responses={404: {"model": ErrorPublic}}
)


@router.get("", response_model=EconomiesPublic, summary="List Member States")
def list_members(
    settings: SettingsDep,
    region: Annotated[str | None, Query(description="ITU Council region A-E.")] = None,
    stat_region: Annotated[
        str | None, Query(description="ITU-D region: AFR, AMS, ARB, ASP, CIS or EUR.")
    ] = None,
    all: Annotated[  # noqa: A002 - the public query parameter is ``all``
        bool, Query(description="Include territories that are not Member States.")
    ] = False,
    lang: LanguageQuery = None,
) -> EconomiesPublic:
    """The 193 ITU Member States, or every economy of the data model with ``all=true``."""
    return views.list_economies(settings, region, stat_region, all)


@router.get("/{iso3}", response_model=MemberPublic, summary="One economy with its IDI result")
def get_member(
    iso3: str,
    settings: SettingsDep,
    warehouse: WarehouseDep,
    cache: IndexCacheDep,
    lang: LanguageQuery = None,
) -> MemberPublic:
    """An economy, its IDI 2024 result and level, its inputs, trend and sources
    (the JSON twin of the page ``/members/{iso3}``)."""
    return views.member_detail(settings, warehouse, cache, iso3)
