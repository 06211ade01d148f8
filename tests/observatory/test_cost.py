"""The cost-of-closing-the-gap model: assumptions file, formulas, CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from humanict.cli import app
from humanict.config import PROJECT_ROOT, Settings
from humanict.data import Warehouse
from humanict.errors import DataFileError, InvalidInputError, NotFoundError
from humanict.observatory.cost import (
    ASSUMPTIONS_FILE,
    COST_COLUMNS,
    PARAMETERS,
    closing_the_gap,
    cost_model,
    cost_report,
    cost_totals,
    load_assumptions,
)

runner = CliRunner()
ASSUMPTIONS = PROJECT_ROOT / "data" / ASSUMPTIONS_FILE


def synthetic_inputs(**changes: object) -> pd.DataFrame:
    """One synthetic economy: 1 million people, no growth, 40% urban, 80% 4G, 50% online,
    GNI per capita USD 1 000."""
    row = {
        "iso3": "SYN",
        "economy": "Synthetic",
        "member": False,
        "stat_region": "AFR",
        "income_group": "LI",
        "population": 1_000_000.0,
        "population_year": 2030,
        "population_before": 1_000_000.0,
        "coverage_4g_pct": 80.0,
        "coverage_4g_year": 2024,
        "internet_use_pct": 50.0,
        "internet_use_year": 2024,
        "urban_pct": 40.0,
        "gni_per_capita": 1000.0,
        "gni_per_capita_year": 2024,
    }
    row.update(changes)
    return pd.DataFrame([row])


def test_every_parameter_has_three_scenarios_and_a_source() -> None:
    assumptions = load_assumptions(ASSUMPTIONS)
    assert set(assumptions.parameters) == set(PARAMETERS)
    for parameter in assumptions.parameters.values():
        assert parameter.values["low"] >= 0 and parameter.source.strip()
    # Scenario "low" is the cheaper one for every cost parameter.
    for name in ("site_capex", "fibre_cost_per_km", "satellite_terminal", "device"):
        values = assumptions.parameters[name].values
        assert values["low"] <= values["central"] <= values["high"]


def test_hand_computed_synthetic_economy() -> None:
    assumptions = load_assumptions(ASSUMPTIONS)
    p = assumptions.scenario("central")
    row = cost_model(synthetic_inputs(), assumptions, "central").iloc[0]
    uncovered = 1_000_000 * 0.20
    satellite_people = uncovered * p["satellite_share_of_uncovered"] / 100
    sites = (uncovered - satellite_people) / p["people_per_site"]
    new_users = 1_000_000 * (p["target_internet_use"] / 100 - 0.50)
    upgrades = (new_users - uncovered) / p["people_per_site"]
    capex = (
        sites * p["site_capex"]
        + upgrades * p["upgrade_capex"]
        + sites * p["backbone_km_per_site"] * p["fibre_cost_per_km"]
    )
    years = (2030 - 2025 + 1) / 2
    opex = years * (capex * p["opex_share"] / 100 + sites * p["site_rent"])
    satellite = satellite_people / p["people_per_terminal"] * p["satellite_terminal"]
    devices = new_users * p["device"]
    assert row["uncovered"] == pytest.approx(uncovered)
    assert row["new_sites"] == pytest.approx(sites)
    assert row["upgraded_sites"] == pytest.approx(upgrades)
    assert row["opex"] == pytest.approx(opex)
    assert row["satellite"] == pytest.approx(satellite)
    assert row["total_usd"] == pytest.approx(capex + opex + satellite + devices)
    assert row["total_usd"] == pytest.approx(sum(row[c] for c in COST_COLUMNS))
    # Six years of investment against a GNI of USD 1 000 x 1 million a year.
    assert row["share_of_gni_pct"] == pytest.approx(100 * row["total_usd"] / 6 / 1e9)


def test_full_coverage_and_use_cost_nothing() -> None:
    assumptions = load_assumptions(ASSUMPTIONS)
    row = cost_model(
        synthetic_inputs(coverage_4g_pct=100.0, internet_use_pct=97.0), assumptions
    ).iloc[0]
    assert row["total_usd"] == 0 and row["new_users"] == 0 and row["new_sites"] == 0


def test_more_coverage_costs_less_and_scenarios_are_ordered() -> None:
    assumptions = load_assumptions(ASSUMPTIONS)
    low_cov = cost_model(synthetic_inputs(coverage_4g_pct=60.0), assumptions).iloc[0]
    high_cov = cost_model(synthetic_inputs(coverage_4g_pct=90.0), assumptions).iloc[0]
    assert low_cov["network_usd"] > high_cov["network_usd"]
    totals = [
        cost_model(synthetic_inputs(), assumptions, s).iloc[0]["total_usd"]
        for s in ("low", "central", "high")
    ]
    assert totals[0] < totals[1] < totals[2]


def test_growth_projects_population_to_the_target_year() -> None:
    assumptions = load_assumptions(ASSUMPTIONS)
    row = cost_model(
        synthetic_inputs(population_year=2024, population_before=1_000_000 / 1.01**10),
        assumptions,
    ).iloc[0]
    assert row["population_growth_pct"] == pytest.approx(1.0)
    assert row["population_target"] == pytest.approx(1_000_000 * 1.01**6)


def test_missing_inputs_are_reported_not_costed() -> None:
    assumptions = load_assumptions(ASSUMPTIONS)
    row = cost_model(synthetic_inputs(coverage_4g_pct=float("nan")), assumptions).iloc[0]
    assert not row["modelled"] and row["missing"] == "coverage_4g"
    assert pd.isna(row["total_usd"])


def test_world_on_the_shipped_data(warehouse: Warehouse) -> None:
    costs, _ = closing_the_gap(warehouse, PROJECT_ROOT / "data")
    world = cost_totals(costs).iloc[0]
    assert world["economies"] >= 190
    assert world["total_usd"] == pytest.approx(costs["total_usd"].sum())
    kenya = costs.set_index("iso3").loc["KEN"]
    assert kenya["modelled"] and kenya["total_usd"] > 0
    # Economies with (nearly) everyone online need no devices.
    online = costs[costs["internet_use_pct"] >= 95]
    assert (online["devices"].fillna(0) == 0).all()


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ("central = 80500.0", 'central = "a lot"', "site_capex.central"),
        ('kind = "assumption"', 'kind = "guess"', "people_per_terminal.kind"),
        ("low = 10.0\ncentral = 5.0", "low = 0.0\ncentral = 5.0", "people_per_terminal"),
    ],
)
def test_bad_assumptions_file_names_line_and_field(
    tmp_path: Path, old: str, new: str, field: str
) -> None:
    text = ASSUMPTIONS.read_text(encoding="utf-8")
    assert old in text
    bad = tmp_path / "assumptions.toml"
    bad.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        load_assumptions(bad)
    assert caught.value.field == field and caught.value.line is not None


def test_report_errors(warehouse: Warehouse) -> None:
    with pytest.raises(NotFoundError, match="alpha-3"):
        cost_report(warehouse, PROJECT_ROOT / "data", "central", "XXX")
    with pytest.raises(InvalidInputError, match="scenario"):
        cost_report(warehouse, PROJECT_ROOT / "data", "extreme")
    with pytest.raises(InvalidInputError, match="group by"):
        cost_report(warehouse, PROJECT_ROOT / "data", by="continent")


def test_cli_member_gives_the_range(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HUMANICT_WAREHOUSE_PATH", str(settings.warehouse_path))
    result = runner.invoke(app, ["observatory", "cost", "--member", "KEN", "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    rows = {r["scenario"]: r for r in report["economies"]}
    assert set(rows) == {"low", "central", "high"}
    assert rows["low"]["total_usd"] < rows["central"]["total_usd"] < rows["high"]["total_usd"]
    assert [w["scenario"] for w in report["world"]] == ["low", "central", "high"]
    bad = runner.invoke(app, ["observatory", "cost", "--member", "XXX"])
    assert bad.exit_code == 1 and "alpha-3" in bad.output
    listing = runner.invoke(app, ["observatory", "cost-assumptions", "--format", "json"])
    assert {r["parameter"] for r in json.loads(listing.output)} == set(PARAMETERS)
