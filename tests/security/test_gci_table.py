"""The GCI table: GCI 2024 beside GCI 2020 with the source's notes (humanict.security.gci)."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from typer.testing import CliRunner

from humanict.cli import app
from humanict.config import PROJECT_ROOT, Settings
from humanict.data import Warehouse
from humanict.security import flag_of_note, load_gci_table, tier_number

ICT = PROJECT_ROOT / "data" / "ict"
# data/ict/SOURCES.md section 13: adjacent-rank pairs whose ranking-table score differs.
RANKING_PAIRS = {"SWE", "VNM", "KWT", "DOM", "NER", "GAB"}


@pytest.fixture(scope="module")
def table(warehouse: Warehouse) -> pd.DataFrame:
    return load_gci_table(warehouse)


def test_change_is_2024_minus_2020_profile(table: pd.DataFrame) -> None:
    old = pd.read_csv(ICT / "gci_2020_scores.csv")[["iso3", "gci_score"]]
    merged = table.merge(old, on="iso3", validate="one_to_one")
    assert len(merged) == len(table) == 194
    # GCI 2020 from its pillars (printed to 2 decimals) is within 0.03 of the profile value.
    assert (merged["gci2020"] - merged["gci_score"]).abs().max() <= 0.03
    assert ((merged["gci"] - merged["gci2020"]) == merged["change"]).all()
    assert (table["gci"].diff().dropna() <= 0).all()


def test_flags_match_the_sources(table: pd.DataFrame) -> None:
    old = pd.read_csv(ICT / "gci_2020_scores.csv")
    rebuilt = set(old.loc[old["pillar_source"].str.startswith("reconstructed"), "iso3"])
    flags = table.set_index("iso3")["flag2020"]
    assert set(flags[flags == "reconstructed"].index) == rebuilt
    assert set(flags[flags == "ranking_table_differs"].index) == RANKING_PAIRS
    assert (flags == "").sum() == 194 - len(rebuilt) - len(RANKING_PAIRS)


def test_tier_numbers() -> None:
    assert tier_number("tier3") == 3
    assert tier_number(None) is None
    assert tier_number("advanced") is None
    assert flag_of_note("") == ""


def test_cli_gci_one_tier(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HUMANICT_WAREHOUSE_PATH", str(settings.warehouse_path))
    result = CliRunner().invoke(app, ["security", "gci", "--tier", "5", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    published = pd.read_csv(ICT / "gci_2024_scores.csv")
    assert sorted(r["iso3"] for r in rows) == sorted(published.loc[published["tier"] == 5, "iso3"])
    result = CliRunner().invoke(app, ["security", "gci", "--tier", "6"])
    assert result.exit_code != 0
