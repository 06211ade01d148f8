from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from humanict.cli import app
from humanict.config import Settings
from humanict.data import load_catalogue

runner = CliRunner()


@pytest.fixture
def env(scratch_settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Settings:
    monkeypatch.setenv("HUMANICT_WAREHOUSE_PATH", str(scratch_settings.warehouse_path))
    monkeypatch.setenv("HUMANICT_IMPORTS_DIR", str(scratch_settings.imports_dir))
    return scratch_settings


def test_build_then_sources(env: Settings) -> None:
    result = runner.invoke(app, ["data", "build"])
    assert result.exit_code == 0, result.output
    shipped = len(load_catalogue(env.data_dir).datasets)
    assert f"observations from {shipped} datasets" in result.output
    result = runner.invoke(app, ["data", "sources", "--format", "json"])
    assert result.exit_code == 0, result.output
    sources = {d["id"]: d for d in json.loads(result.output)}
    assert sources["itu_idi2024_annex2"]["licence"] == "CC BY-NC-SA 3.0 IGO"
    assert sources["wdi_population"]["publisher"].startswith("World Bank")


def test_sources_without_a_warehouse_says_how_to_build(env: Settings) -> None:
    result = runner.invoke(app, ["data", "sources"])
    assert result.exit_code == 1
    assert "humanict data build" in result.output


def test_import_error_exits_1_with_location(env: Settings, tmp_path: Path) -> None:
    assert runner.invoke(app, ["data", "build"]).exit_code == 0
    bad = tmp_path / "synthetic_bad.csv"
    bad.write_text('"seriesCode","entityIso","dataYear"\n"i99H","KEN",2024\n')
    result = runner.invoke(app, ["data", "import", str(bad)])
    assert result.exit_code == 1
    assert f"{bad}, line 1, field 'dataValue': missing column" in result.output
