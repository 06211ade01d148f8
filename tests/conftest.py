"""Shared fixtures: settings on temporary paths and one warehouse built per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from humanict.config import PROJECT_ROOT, Settings
from humanict.data import Warehouse, build_warehouse

DATA_DIR = PROJECT_ROOT / "data"


@pytest.fixture(scope="session")
def built_warehouse_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A warehouse built once from the shipped snapshot (read-only for tests)."""
    path = tmp_path_factory.mktemp("warehouse") / "warehouse.duckdb"
    build_warehouse(DATA_DIR, path)
    return path


@pytest.fixture(scope="session")
def warehouse(built_warehouse_path: Path) -> Warehouse:
    return Warehouse(built_warehouse_path)


@pytest.fixture(scope="session")
def settings(built_warehouse_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings on the shipped data and the session warehouse."""
    return Settings(
        data_dir=DATA_DIR,
        warehouse_path=built_warehouse_path,
        imports_dir=tmp_path_factory.mktemp("imports"),
    )


@pytest.fixture
def scratch_settings(tmp_path: Path) -> Settings:
    """Settings with a private warehouse path, for tests that build or import."""
    return Settings(
        data_dir=DATA_DIR,
        warehouse_path=tmp_path / "var" / "warehouse.duckdb",
        imports_dir=tmp_path / "var" / "imports",
    )
