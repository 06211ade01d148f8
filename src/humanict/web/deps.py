"""Request dependencies as ``Annotated`` aliases (the app keeps its state on ``app.state``)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Query, Request

from humanict.config import Settings
from humanict.data import Warehouse
from humanict.web.cache import IndexCache


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_warehouse(request: Request) -> Warehouse:
    warehouse: Warehouse = request.app.state.warehouse
    return warehouse


def get_index_cache(request: Request) -> IndexCache:
    cache: IndexCache = request.app.state.index_cache
    return cache


SettingsDep = Annotated[Settings, Depends(get_settings)]
WarehouseDep = Annotated[Warehouse, Depends(get_warehouse)]
IndexCacheDep = Annotated[IndexCache, Depends(get_index_cache)]
# Documents `?lang=` on the endpoints with localized labels; the language middleware reads it.
LanguageQuery = Annotated[
    str | None,
    Query(
        description="Language of the localized labels (name_local): ar, zh, en, fr, ru or es. "
        "Without it: the language cookie, then Accept-Language, then English."
    ),
]
