"""GCI 2024 and 2020 against the published scores and tiers (data/ict/gci_*_scores.csv)."""

from __future__ import annotations

import pandas as pd
import pytest

from humanict.config import PROJECT_ROOT
from humanict.data import Warehouse
from humanict.indices import compute_index, load_spec

ICT = PROJECT_ROOT / "data" / "ict"


@pytest.fixture(scope="module")
def gci2024(warehouse: Warehouse) -> pd.DataFrame:
    published = pd.read_csv(ICT / "gci_2024_scores.csv")
    ours = compute_index(load_spec("gci2024"), warehouse)
    return published.merge(ours, on="iso3", how="outer", indicator=True, validate="one_to_one")


def test_gci2024_reproduces_every_overall_score(gci2024: pd.DataFrame) -> None:
    assert (gci2024["_merge"] == "both").all()
    assert len(gci2024) == 194
    # The published overall score is the sum of the pillar points (full Data360 precision).
    assert (gci2024["gci"] - gci2024["gci_score"]).abs().max() < 1e-9


def test_gci2024_reproduces_every_tier(gci2024: pd.DataFrame) -> None:
    tiers = gci2024["level"].str.removeprefix("tier").astype(int)
    assert (tiers == gci2024["tier"]).all()
    # ITU's counts (data/ict/gci_methodology.csv): 46 economies in Tier 1.
    assert (tiers == 1).sum() == 46


def test_gci2020_matches_profiles_and_keeps_reconstruction_notes(warehouse: Warehouse) -> None:
    published = pd.read_csv(ICT / "gci_2020_scores.csv")
    ours = compute_index(load_spec("gci2020"), warehouse)
    merged = published.merge(ours, on="iso3", validate="one_to_one")
    assert len(merged) == 194
    # Pillars are printed to 2 decimals and sum to the overall within 0.03 (SOURCES.md).
    assert (merged["gci"] - merged["gci_score"]).abs().max() <= 0.03
    notes = warehouse.query(
        "SELECT DISTINCT economy FROM observations WHERE dataset = 'itu_gci2020' "
        "AND note LIKE 'reconstructed%'"
    )
    assert set(notes["economy"]) == set(
        published.loc[published["pillar_source"].str.startswith("reconstructed"), "iso3"]
    )
