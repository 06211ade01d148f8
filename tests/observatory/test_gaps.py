"""Gap arithmetic and the priority ranking, on small synthetic tables."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from humanict.observatory.gaps import (
    affordability_table,
    area_gap_table,
    at_parity,
    parity_score,
    parity_table,
    people_offline,
)
from humanict.observatory.priorities import rank_priorities


def test_people_offline_is_population_times_the_share_not_online() -> None:
    out = people_offline(np.array([1e6, 2e6, 5e5]), np.array([40.0, np.nan, 120.0]))
    assert out[0] == pytest.approx(6e5)
    assert np.isnan(out[1])
    assert out[2] == 0.0  # shares above 100 are clipped


def test_parity_band_follows_itu() -> None:
    scores = parity_score(np.array([49.0, 40.0, 51.0, 5.0]), np.array([50.0, 50.0, 50.0, 0.0]))
    assert scores[:3] == pytest.approx([0.98, 0.8, 1.02])
    assert np.isnan(scores[3])
    assert at_parity(scores[:3]).tolist() == [True, False, True]


def test_parity_table_takes_the_latest_year_with_both_sexes() -> None:
    frame = pd.DataFrame(
        [
            ("IT_USE_ii99", "AAA", 2018, "female", 20.0),
            ("IT_USE_ii99", "AAA", 2018, "male", 40.0),
            ("IT_USE_ii99", "AAA", 2020, "female", 30.0),  # no male value in 2020
        ],
        columns=["series", "economy", "year", "group", "value"],
    )
    table = parity_table(frame)
    assert table["year"].tolist() == [2018]
    assert table["parity"].tolist() == [0.5]


def test_area_gap_is_urban_minus_rural() -> None:
    frame = pd.DataFrame(
        [("S", "AAA", 2021, "urban", 80.0), ("S", "AAA", 2021, "rural", 50.0)],
        columns=["series", "economy", "year", "group", "value"],
    )
    row = area_gap_table(frame).iloc[0]
    assert row["gap_pp"] == 30.0
    assert row["rural_urban_ratio"] == pytest.approx(0.625)


def test_affordability_uses_the_latest_price_against_two_percent() -> None:
    prices = pd.DataFrame(
        {
            "indicator": ["p"] * 3,
            "economy": ["AAA", "AAA", "BBB"],
            "year": [2023, 2024, 2024],
            "value": [3.0, 1.5, 2.5],
        }
    )
    table = affordability_table(prices).set_index("economy")
    assert table.loc["AAA", "value"] == 1.5 and table.loc["AAA", "affordable"]
    assert not table.loc["BBB", "affordable"]


def test_priorities_rank_by_flags_then_people_offline() -> None:
    gaps = pd.DataFrame(
        {
            "iso3": ["AAA", "BBB", "CCC", "DDD"],
            "economy": ["A", "B", "C", "D"],
            "stat_region": ["AFR"] * 4,
            "income_group": ["LI"] * 4,
            "offline": [5e6, 9e7, 2e6, 1e5],
            "offline_pct": [60.0, 50.0, 70.0, 5.0],
            "parity_internet": [0.7, 1.0, 0.9, 1.0],
            "parity_mobile": [np.nan, np.nan, np.nan, np.nan],
            "urban_rural_gap_pp": [np.nan, 5.0, 20.0, 2.0],
            "mobile_basket_pct_gni": [1.0, 4.0, 6.0, 1.0],
        }
    )
    ranked = rank_priorities(gaps)
    assert ranked["iso3"].tolist() == ["CCC", "BBB", "AAA"]  # DDD has no flag
    assert ranked["flags"].tolist() == [4, 2, 2]
    assert "gender parity score Internet use 0.90" in ranked.loc[0, "reasons"]
    assert "90.0 million people offline (50%)" in ranked.loc[1, "reasons"]
