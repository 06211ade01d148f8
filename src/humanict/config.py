"""Settings, read once from ``HUMANICT_*`` environment variables (see docs/settings.md)."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parents[2]


class Settings(BaseSettings):
    """Paths and service addresses; every field has a default that works from a checkout."""

    model_config = SettingsConfigDict(env_prefix="HUMANICT_")

    data_dir: Path = Field(
        default=PROJECT_ROOT / "data",
        description="Folder of the shipped data snapshot (CSV files and their SOURCES.md).",
    )
    warehouse_path: Path = Field(
        default=PROJECT_ROOT / "var" / "warehouse.duckdb",
        description="DuckDB warehouse file built by `humanict data build`.",
    )
    imports_dir: Path = Field(
        default=PROJECT_ROOT / "var" / "imports",
        description="Where `humanict data import` keeps imported files, so rebuilds keep them.",
    )
    foresight_path: Path = Field(
        default=PROJECT_ROOT / "var" / "foresight.duckdb",
        description="Foresight database (standards catalogue and signals), built on first use.",
    )
    foresight_abstracts: Path | None = Field(
        default=None,
        description="Standards abstracts to load into the foresight database (folder or CSV).",
    )
    assets_dir: Path = Field(
        default=PROJECT_ROOT / "src" / "humanict" / "web" / "assets" / "node_modules",
        description="Front-end packages from the npm registry (d3, topojson, world-atlas).",
    )
    registry_url: str = Field(
        default=f"sqlite:///{PROJECT_ROOT / 'var' / 'registry.sqlite'}",
        description="SQLAlchemy URL of the registry database: elections and the "
        "satellite-network registry (SQLite file by default; PostgreSQL in production as "
        "postgresql+psycopg://user@host/db).",
    )
    host: str = Field(default="127.0.0.1", description="Address `humanict serve` listens on.")
    port: int = Field(default=8000, description="Port `humanict serve` listens on.")
