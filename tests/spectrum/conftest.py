"""Settings with a private satellite-network registry (no warehouse needed)."""

from __future__ import annotations

from pathlib import Path

import pytest

from humanict.config import PROJECT_ROOT, Settings
from humanict.spectrum.service import registry_path

DATA_DIR = PROJECT_ROOT / "data"


@pytest.fixture(scope="session")
def spectrum_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    var = tmp_path_factory.mktemp("spectrum")
    return Settings(
        data_dir=DATA_DIR,
        warehouse_path=var / "warehouse.duckdb",
        imports_dir=var / "imports",
        spectrum_registry_path=var / "spectrum.sqlite",
    )


@pytest.fixture(scope="session")
def registry_file(spectrum_settings: Settings) -> Path:
    """The registry built once from the shipped snapshot."""
    return registry_path(spectrum_settings)
