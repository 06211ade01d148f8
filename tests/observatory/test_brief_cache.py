"""Briefs are gathered once per (economy, warehouse mtime) and served from memory after."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from humanict.config import PROJECT_ROOT
from humanict.data import Warehouse
from humanict.observatory import brief_cache

DATA_DIR = PROJECT_ROOT / "data"


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []
    real = brief_cache.build_brief

    def counting(data_dir: Path, warehouse: Warehouse, iso3: str) -> object:
        calls.append(iso3)
        return real(data_dir, warehouse, iso3)

    monkeypatch.setattr(brief_cache, "build_brief", counting)
    brief_cache.clear()
    yield calls
    brief_cache.clear()


def test_brief_is_reused_until_the_warehouse_changes(
    counted: list[str], built_warehouse_path: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "warehouse.duckdb"
    shutil.copy(built_warehouse_path, copy)
    warehouse = Warehouse(copy)
    first = brief_cache.brief(DATA_DIR, warehouse, "KEN")
    again = brief_cache.brief(DATA_DIR, warehouse, "ken")
    assert again is first and counted == ["KEN"]
    pdf = brief_cache.brief_pdf(DATA_DIR, warehouse, "KEN")
    assert pdf.startswith(b"%PDF") and brief_cache.brief_pdf(DATA_DIR, warehouse, "KEN") is pdf
    assert counted == ["KEN"]
    assert brief_cache.brief(DATA_DIR, warehouse, "UGA").iso3 == "UGA"
    assert counted == ["KEN", "UGA"]
    stat = copy.stat()
    os.utime(copy, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    rebuilt = brief_cache.brief(DATA_DIR, warehouse, "KEN")
    assert rebuilt is not first and rebuilt.iso3 == "KEN"
    assert counted == ["KEN", "UGA", "KEN"]
    assert brief_cache.cache_info()["hits"] >= 2


def test_unknown_economy_is_not_cached(counted: list[str], warehouse: Warehouse) -> None:
    from humanict.errors import NotFoundError

    for _ in range(2):
        with pytest.raises(NotFoundError, match="unknown economy"):
            brief_cache.brief(DATA_DIR, warehouse, "ZZZ")
    assert counted == ["ZZZ", "ZZZ"]
