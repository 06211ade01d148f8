"""JSON API: the datasets of the warehouse and their provenance."""

from __future__ import annotations

from fastapi import APIRouter

from humanict.web import views
from humanict.web.deps import WarehouseDep
from humanict.web.schemas import SourcesPublic

router = APIRouter(prefix="/api/v1/sources", tags=["sources"])


@router.get("", response_model=SourcesPublic, summary="List datasets")
def list_sources(warehouse: WarehouseDep) -> SourcesPublic:
    """Every dataset with its publisher, licence, vintage, URL and row count."""
    return views.list_sources(warehouse)
