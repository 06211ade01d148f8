"""IDI 2024 against ITU's published scores (data/ict/itu_idi2024_scores_sample.csv)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from humanict.config import PROJECT_ROOT
from humanict.data import Warehouse
from humanict.indices import compute_index, compute_trend, load_spec

# Published scores are rounded to 0.1, so a faithful recomputation is within 0.05 plus the
# rounding of the published inputs; the issue asks for 0.1.
IDI_SCORE_TOL = 0.1
SAMPLE = PROJECT_ROOT / "data" / "ict" / "itu_idi2024_scores_sample.csv"
ANNEX = PROJECT_ROOT / "data" / "ict" / "itu_idi2024_indicators.csv"


@pytest.fixture(scope="module")
def idi(warehouse: Warehouse) -> pd.DataFrame:
    return compute_index(load_spec("idi2024"), warehouse)


@pytest.fixture(scope="module")
def compared(idi: pd.DataFrame) -> pd.DataFrame:
    sample = pd.read_csv(SAMPLE)
    return sample.merge(idi, on="iso3", how="left", validate="one_to_one")


def test_edition_covers_the_170_economies_of_the_report(idi: pd.DataFrame) -> None:
    assert len(idi) == 170
    assert set(idi["kind"]) == {"edition"}
    assert set(idi["year"]) == {2022}


def test_complete_economies_reproduce_published_scores(compared: pd.DataFrame) -> None:
    complete = compared[compared["n_imputed"] == 0]
    assert len(complete) == 20
    for published, ours in [
        ("idi_2024", "idi"),
        ("universal_connectivity_2024", "universal"),
        ("meaningful_connectivity_2024", "meaningful"),
    ]:
        error = (complete[published] - complete[ours]).abs()
        assert error.max() <= IDI_SCORE_TOL, complete.loc[error.idxmax(), "iso3"]


@pytest.mark.parametrize(
    ("component", "tolerance"),
    [
        ("internet_users", 0.1),
        ("households_internet", 0.1),
        ("mobile_broadband_subs", 0.1),
        ("coverage_3g4g", 0.1),
        ("mobile_phone_ownership", 0.1),
        # The price thresholds are implied from published scores (docs/methodology/idi2024.md).
        ("mobile_data_voice_affordability", 0.3),
        ("fixed_bb_affordability", 0.3),
        # ln(1 + x) magnifies the rounding of traffic values below 1 GB.
        ("mobile_bb_traffic", 0.7),
        ("fixed_bb_traffic", 0.7),
    ],
)
def test_component_scores_reproduce_published_normalised_scores(
    idi: pd.DataFrame, component: str, tolerance: float
) -> None:
    annex = pd.read_csv(ANNEX).dropna(subset=["score_internet_users"])
    merged = annex.merge(idi, on="iso3", suffixes=("_published", ""))
    observed = merged[~merged["imputed"].str.contains(component)]
    both = observed[[f"score_{component}_published", f"score_{component}"]].dropna()
    assert len(both) >= 15
    error = (both.iloc[:, 0] - both.iloc[:, 1]).abs()
    assert error.max() <= tolerance


def test_imputed_economies_stay_close_to_published(compared: pd.DataFrame) -> None:
    # Measured by validation/idi2024_imputation.py and recorded in docs/methodology/idi2024.md
    # for the default chain (other_year, then regression): 14 sample economies with missing
    # inputs, mean absolute IDI error 1.43, max 5.38 (Equatorial Guinea), 8 within 1 point.
    imputed = compared[compared["n_imputed"] > 0]
    assert len(imputed) == 14
    error = (imputed["idi_2024"] - imputed["idi"]).abs()
    assert error.mean() <= 1.45
    assert error.max() <= 5.4
    assert (error <= 1.0).sum() >= 8
    assert (imputed["imputed"].str.len() > 0).all()
    assert (imputed["imputation"].str.len() > 0).all()


def test_levels_follow_the_bands(idi: pd.DataFrame) -> None:
    rounded = idi["idi"].round(1)
    assert (idi.loc[rounded >= 75, "level"] == "advanced").all()
    assert (idi.loc[(rounded >= 50) & (rounded < 75), "level"] == "adequate").all()
    assert (idi.loc[rounded < 50, "level"] == "attention").all()


def test_recomputed_years_are_labelled_and_consistent(warehouse: Warehouse) -> None:
    trend = compute_trend(load_spec("idi2024"), warehouse)
    recomputed = trend[trend["kind"] == "recomputed"]
    assert recomputed["year"].nunique() >= 4
    kenya = trend[trend["iso3"] == "KEN"].set_index(["year", "kind"])["idi"]
    # The 2022 recomputation from DataHub's later vintage stays near the edition.
    assert abs(kenya[(2022, "recomputed")] - kenya[(2022, "edition")]) < 2.0
    assert kenya[(2019, "recomputed")] < kenya[(2023, "recomputed")]
    assert np.isfinite(recomputed["idi"]).all()


def test_index_csv_from_the_cli(settings, monkeypatch: pytest.MonkeyPatch) -> None:
    import csv
    import io

    from typer.testing import CliRunner

    from humanict.cli import app

    monkeypatch.setenv("HUMANICT_WAREHOUSE_PATH", str(settings.warehouse_path))
    result = CliRunner().invoke(app, ["index", "compute", "idi2024", "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert len(rows) == 170
    assert {"iso3", "idi", "universal", "meaningful", "imputed", "score_fixed_bb_traffic"} <= set(
        rows[0]
    )
    assert {"imputation", "idi_low", "idi_high", "rank", "rank_low", "rank_high"} <= set(rows[0])
    by_iso3 = {row["iso3"]: row for row in rows}
    # Guatemala lacks both traffic series in Annex 2: each flagged with its method and inputs.
    assert by_iso3["GTM"]["imputed"] == "mobile_bb_traffic;fixed_bb_traffic"
    assert by_iso3["GTM"]["imputation"].count("=regression[internet_users") == 2
    assert by_iso3["KEN"]["imputation"] == ""
