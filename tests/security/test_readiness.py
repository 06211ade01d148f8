"""Readiness beside connectivity (humanict.security): the rule, on synthetic and real data."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from humanict.cli import app
from humanict.config import PROJECT_ROOT, Settings
from humanict.data import Warehouse
from humanict.errors import InvalidInputError, NotFoundError
from humanict.indices import compute_index, load_spec
from humanict.security import (
    CONNECTIVITY_AHEAD,
    IN_STEP,
    NOT_SCORED,
    SECURITY_AHEAD,
    ReadinessRule,
    balance_counts,
    classify_balance,
    level_tier_crosstab,
    load_readiness,
    percentile_rank,
    select_readiness,
)

ICT = PROJECT_ROOT / "data" / "ict"
MEMBER_STATES = 193
# Published IDI 2024 values are rounded to one decimal.
IDI_TOL = 0.1

runner = CliRunner()


def test_percentile_rank_shares_ties_and_skips_missing() -> None:
    ranks = percentile_rank(np.array([3.0, 1.0, 2.0, np.nan, 2.0]))
    # PR = 100 (B + E/2) / N over the four values present.
    np.testing.assert_allclose(ranks[[1, 2, 4, 0]], [12.5, 50.0, 50.0, 87.5])
    assert np.isnan(ranks[3])


def test_percentile_rank_equals_the_counting_definition() -> None:
    values = np.random.default_rng(11).integers(0, 12, size=60).astype(float)  # synthetic, ties
    expected = [
        100 * ((values < v).sum() + 0.5 * (values == v).sum()) / values.size for v in values
    ]
    np.testing.assert_allclose(percentile_rank(values), expected)
    assert np.isnan(percentile_rank(np.array([np.nan, np.nan]))).all()


def test_percentile_rank_mean_is_fifty() -> None:
    values = np.random.default_rng(7).integers(0, 20, size=301).astype(float)  # synthetic, ties
    assert percentile_rank(values).mean() == pytest.approx(50.0)


def test_classify_balance_applies_gap_and_guards() -> None:
    idi = np.array([90.0, 90.0, 10.0, 10.0, 60.0, np.nan])
    gci = np.array([40.0, 40.0, 80.0, 80.0, 50.0, 50.0])
    levels = ["advanced", "advanced", "attention", "advanced", "adequate", None]
    tiers = ["tier3", "tier2", "tier1", "tier1", "tier3", "tier3"]
    assert classify_balance(idi, gci, levels, tiers) == [
        CONNECTIVITY_AHEAD,  # gap 50, tier 3
        IN_STEP,  # gap 50 but Tier 2 commitment never lags
        SECURITY_AHEAD,  # gap -70, IDI below Advanced
        IN_STEP,  # gap -70 but Advanced connectivity never lags
        IN_STEP,  # gap 10 < 25
        NOT_SCORED,
    ]
    assert classify_balance(idi[4:5], gci[4:5], ["adequate"], ["tier3"], ReadinessRule(gap=10)) == [
        CONNECTIVITY_AHEAD
    ]


@pytest.mark.parametrize("gap", [0.0, -5.0, 101.0])
def test_rule_rejects_a_gap_out_of_range(gap: float) -> None:
    with pytest.raises(InvalidInputError, match="out of range"):
        ReadinessRule(gap=gap)


@pytest.fixture(scope="module")
def table(warehouse: Warehouse) -> pd.DataFrame:
    return load_readiness(warehouse, PROJECT_ROOT / "data")


def test_every_member_state_has_a_row(table: pd.DataFrame) -> None:
    assert len(table) == MEMBER_STATES
    assert table["iso3"].is_unique
    scored = table[table["balance"] != NOT_SCORED]
    assert scored["idi"].notna().all() and scored["gci"].notna().all()
    # Every Member State has a GCI 2024 score; those not scored lack an IDI 2024 score.
    assert table["gci"].notna().all()
    assert table.loc[table["balance"] == NOT_SCORED, "idi"].isna().all()
    assert scored["idi_percentile"].mean() == pytest.approx(50.0)
    assert scored["gci_percentile"].mean() == pytest.approx(50.0)


def test_tiers_are_the_published_ones(table: pd.DataFrame) -> None:
    published = pd.read_csv(ICT / "gci_2024_scores.csv")[["iso3", "tier", "gci_score"]]
    merged = table.merge(published, on="iso3", validate="one_to_one")
    assert len(merged) == MEMBER_STATES
    assert (merged["gci_tier"] == "tier" + merged["tier"].astype(str)).all()
    assert (merged["gci"] - merged["gci_score"]).abs().max() < 1e-9


def test_idi_values_match_the_published_sample(table: pd.DataFrame, warehouse: Warehouse) -> None:
    # Economies whose IDI inputs are complete (none imputed) reproduce the published value.
    complete = compute_index(load_spec("idi2024"), warehouse).query("n_imputed == 0")["iso3"]
    sample = pd.read_csv(ICT / "itu_idi2024_scores_sample.csv")[["iso3", "idi_2024"]]
    merged = table[table["iso3"].isin(complete)].merge(sample, on="iso3")
    assert len(merged) >= 15
    assert (merged["idi"] - merged["idi_2024"]).abs().max() <= IDI_TOL


def test_balances_follow_the_rule(table: pd.DataFrame) -> None:
    ahead = table[table["balance"] == CONNECTIVITY_AHEAD]
    assert (ahead["gap"] >= 25).all()
    assert not ahead["gci_tier"].isin(["tier1", "tier2"]).any()
    behind = table[table["balance"] == SECURITY_AHEAD]
    assert (behind["gap"] <= -25).all()
    assert (behind["idi_level"] != "advanced").all()
    in_step = table[table["balance"] == IN_STEP]
    loose = in_step["gap"].abs() >= 25
    # An in-step row with a large gap is held back by a guard.
    assert in_step.loc[loose & (in_step["gap"] > 0), "gci_tier"].isin(["tier1", "tier2"]).all()
    assert (in_step.loc[loose & (in_step["gap"] < 0), "idi_level"] == "advanced").all()
    counts = balance_counts(table)
    assert sum(counts.values()) == MEMBER_STATES
    assert counts[CONNECTIVITY_AHEAD] == len(ahead) > 0
    # Sorted by gap, largest first.
    gaps = table.loc[table["balance"] != NOT_SCORED, "gap"].to_numpy()
    assert (np.diff(gaps) <= 0).all()


def test_crosstab_counts_the_compared(table: pd.DataFrame) -> None:
    cross = level_tier_crosstab(
        table, ["advanced", "adequate", "attention"], [f"tier{i}" for i in range(1, 6)]
    )
    assert int(cross.to_numpy().sum()) == (table["balance"] != NOT_SCORED).sum()


def test_filters_keep_percentiles(table: pd.DataFrame) -> None:
    region_a = select_readiness(table, region="a")
    assert set(region_a["council_region"]) == {"A"}
    whole = table.set_index("iso3").loc[region_a["iso3"], "idi_percentile"].to_numpy()
    np.testing.assert_array_equal(region_a["idi_percentile"].to_numpy(), whole)
    ahead = select_readiness(table, stat_region="AMS", ahead_only=True)
    assert set(ahead["balance"]) == {CONNECTIVITY_AHEAD}
    assert set(ahead["stat_region"]) == {"AMS"}
    with pytest.raises(NotFoundError, match="Council region"):
        select_readiness(table, region="Q")
    with pytest.raises(NotFoundError, match="ITU-D region"):
        select_readiness(table, stat_region="XYZ")


@pytest.fixture
def env(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Settings:
    monkeypatch.setenv("HUMANICT_WAREHOUSE_PATH", str(settings.warehouse_path))
    return settings


def test_cli_readiness_ahead_only_json(env: Settings, table: pd.DataFrame) -> None:
    result = runner.invoke(
        app, ["security", "readiness", "--ahead-only", "--region", "B", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    expected = table[(table["balance"] == CONNECTIVITY_AHEAD) & (table["council_region"] == "B")]
    assert [r["iso3"] for r in rows] == expected["iso3"].tolist()


def test_cli_readiness_bad_input(env: Settings) -> None:
    result = runner.invoke(app, ["security", "readiness", "--gap", "0"])
    assert result.exit_code == 1
    assert "error: gap 0.0 is out of range" in result.output
    result = runner.invoke(app, ["security", "readiness", "--stat-region", "XYZ"])
    assert result.exit_code == 1
    assert "unknown ITU-D region" in result.output
