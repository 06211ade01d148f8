"""A foresight database built once from a small real slice of the shipped snapshot."""

from __future__ import annotations

from pathlib import Path

import pytest

from humanict.config import PROJECT_ROOT, Settings
from humanict.foresight import store

DATA_DIR = PROJECT_ROOT / "data"
SLICE_STEP = 6


@pytest.fixture(scope="session")
def slice_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return store.write_slice(DATA_DIR, tmp_path_factory.mktemp("foresight_slice"), SLICE_STEP)


@pytest.fixture(scope="session")
def foresight_db(slice_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("foresight_db") / "foresight.duckdb"
    store.build(slice_dir, path)
    return path


@pytest.fixture(scope="session")
def corpus(foresight_db: Path) -> tuple[object, object]:
    return store.load(foresight_db)


@pytest.fixture(scope="session")
def foresight_settings(
    foresight_db: Path, built_warehouse_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> Settings:
    return Settings(
        data_dir=DATA_DIR,
        warehouse_path=built_warehouse_path,
        imports_dir=tmp_path_factory.mktemp("foresight_imports"),
        foresight_path=foresight_db,
    )
