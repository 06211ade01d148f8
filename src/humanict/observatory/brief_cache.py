"""Country briefs kept in memory per (economy, warehouse file mtime).

A brief takes a few seconds (IDI, fits, matplotlib); the page, the PDF and the JSON twin read
these bounded caches instead. A rebuilt warehouse has a new mtime, so its briefs are computed
afresh; the least recently used entries are dropped first. Charts and PDFs are kept per
language (the current language of humanict.i18n when they are asked for).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from humanict.data import Warehouse
from humanict.i18n import BY_CODE, current, using
from humanict.observatory.brief import BriefData, build_brief, chart_svg, render_pdf

MAX_BRIEFS = 32


def _stamp(warehouse: Warehouse) -> float:
    return Path(warehouse.path).stat().st_mtime


@lru_cache(maxsize=MAX_BRIEFS)
def _brief(data_dir: str, warehouse_path: str, stamp: float, iso3: str) -> BriefData:
    return build_brief(Path(data_dir), Warehouse(Path(warehouse_path)), iso3)


@lru_cache(maxsize=MAX_BRIEFS)
def _svg(data_dir: str, warehouse_path: str, stamp: float, iso3: str, lang: str) -> str:
    with using(BY_CODE[lang]):
        return chart_svg(_brief(data_dir, warehouse_path, stamp, iso3))


@lru_cache(maxsize=MAX_BRIEFS)
def _pdf(data_dir: str, warehouse_path: str, stamp: float, iso3: str, lang: str) -> bytes:
    with using(BY_CODE[lang]):
        return render_pdf(_brief(data_dir, warehouse_path, stamp, iso3))


def _key(data_dir: Path, warehouse: Warehouse, iso3: str) -> tuple[str, str, float, str]:
    return str(data_dir), str(warehouse.path), _stamp(warehouse), iso3.strip().upper()


def brief(data_dir: Path, warehouse: Warehouse, iso3: str) -> BriefData:
    """The brief of ``iso3`` (cached; treat it as read-only)."""
    return _brief(*_key(data_dir, warehouse, iso3))


def brief_svg(data_dir: Path, warehouse: Warehouse, iso3: str) -> str:
    """The brief's charts as SVG in the current language (cached)."""
    return _svg(*_key(data_dir, warehouse, iso3), current().code)


def brief_pdf(data_dir: Path, warehouse: Warehouse, iso3: str) -> bytes:
    """The brief as PDF bytes in the current language (cached)."""
    return _pdf(*_key(data_dir, warehouse, iso3), current().code)


def cache_info() -> dict[str, int]:
    """Hits and misses of the brief cache (briefs gathered, not charts)."""
    info = _brief.cache_info()
    return {"hits": info.hits, "misses": info.misses, "size": info.currsize}


def clear() -> None:
    for cached in (_brief, _svg, _pdf):
        cached.cache_clear()
