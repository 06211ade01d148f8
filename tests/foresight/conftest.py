"""The foresight corpus and settings on the session's slice database (tests/conftest.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from humanict.config import PROJECT_ROOT, Settings
from humanict.foresight import store

DATA_DIR = PROJECT_ROOT / "data"


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
