"""Shared fixtures: settings on temporary paths, one warehouse built per test session, and
fresh PostgreSQL databases for the registry tests."""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

import pytest

from humanict.config import PROJECT_ROOT, Settings
from humanict.data import Warehouse, build_warehouse
from humanict.foresight import store

DATA_DIR = PROJECT_ROOT / "data"
SLICE_STEP = 6
PG_ADMIN = "host=127.0.0.1 port=5432 user=postgres dbname=test"


@contextmanager
def _postgres_database(prefix: str) -> Iterator[str]:
    """A new database on the local PostgreSQL, dropped afterwards; fails if unreachable."""
    import psycopg

    name = f"{prefix}_{secrets.token_hex(6)}"
    try:
        admin = psycopg.connect(PG_ADMIN, autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as err:
        pytest.fail(f"PostgreSQL is not reachable at 127.0.0.1:5432 ({err}); run `make postgres`")
    with admin:
        admin.execute(f'CREATE DATABASE "{name}"')
        try:
            yield f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
        finally:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def postgres_database() -> Callable[[str], AbstractContextManager[str]]:
    """``with postgres_database("humanict_x") as url:`` gives a fresh database's SQLAlchemy URL."""
    return _postgres_database


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
def slice_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return store.write_slice(DATA_DIR, tmp_path_factory.mktemp("foresight_slice"), SLICE_STEP)


@pytest.fixture(scope="session")
def foresight_db(slice_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("foresight_db") / "foresight.duckdb"
    store.build(slice_dir, path)
    return path


@pytest.fixture(scope="session")
def settings(
    built_warehouse_path: Path, foresight_db: Path, tmp_path_factory: pytest.TempPathFactory
) -> Settings:
    """Settings on the shipped data, the session warehouse and the foresight slice."""
    return Settings(
        data_dir=DATA_DIR,
        warehouse_path=built_warehouse_path,
        imports_dir=tmp_path_factory.mktemp("imports"),
        registry_url=f"sqlite:///{tmp_path_factory.mktemp('registry') / 'registry.sqlite'}",
        foresight_path=foresight_db,
    )


@pytest.fixture
def scratch_settings(tmp_path: Path) -> Settings:
    """Settings with a private warehouse path, for tests that build or import."""
    return Settings(
        data_dir=DATA_DIR,
        warehouse_path=tmp_path / "var" / "warehouse.duckdb",
        imports_dir=tmp_path / "var" / "imports",
        registry_url=f"sqlite:///{tmp_path / 'var' / 'registry.sqlite'}",
        foresight_path=tmp_path / "var" / "foresight.duckdb",
    )
