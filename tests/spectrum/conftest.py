"""Settings with a private satellite-network registry (no warehouse needed), once on SQLite and
once on a fresh PostgreSQL database: every test using it runs on both backends."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager

import pytest

from humanict.config import PROJECT_ROOT, Settings
from humanict.registry_db import dispose_shared
from humanict.spectrum.service import registry_url

DATA_DIR = PROJECT_ROOT / "data"


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def spectrum_settings(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    postgres_database: Callable[[str], AbstractContextManager[str]],
) -> Iterator[Settings]:
    var = tmp_path_factory.mktemp("spectrum")

    def made(url: str) -> Settings:
        return Settings(
            data_dir=DATA_DIR,
            warehouse_path=var / "warehouse.duckdb",
            imports_dir=var / "imports",
            registry_url=url,
        )

    if request.param == "sqlite":
        yield made(f"sqlite:///{var / 'registry.sqlite'}")
    else:
        with postgres_database("humanict_spectrum") as url:
            yield made(url)
            dispose_shared(url)


@pytest.fixture(scope="session")
def registry(spectrum_settings: Settings) -> str:
    """The registry's URL, built once from the shipped snapshot."""
    return registry_url(spectrum_settings)
