"""Gaps as pure table arithmetic: people offline, gender parity, urban/rural, affordability.

- people offline = population x (100 - % of individuals using the Internet) / 100;
- gender parity score = female % / male % (ITU Facts and Figures: parity within 0.98-1.02);
- urban/rural gap = urban % - rural % (percentage points), and the rural/urban ratio;
- affordability: a basket price in % of monthly GNI per capita against the 2% target of the
  Broadband Commission (2025 Advocacy Target 2).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pandas as pd

from humanict.observatory.targets import PARITY_BAND

AFFORDABILITY_TARGET_PCT_GNI = 2.0  # Broadband Commission 2025 Advocacy Target 2

Array = npt.NDArray[np.float64]


def people_offline(population: Array, internet_pct: Array) -> Array:
    """People not using the Internet; NaN where either input is missing.

    >>> people_offline(np.array([1000.0]), np.array([25.0])).tolist()
    [750.0]
    """
    share = np.clip(np.asarray(internet_pct, dtype=float), 0.0, 100.0)
    return np.asarray(population, dtype=float) * (100.0 - share) / 100.0


def parity_score(female_pct: Array, male_pct: Array) -> Array:
    """Gender parity score female/male; NaN where the male share is zero or missing.

    >>> parity_score(np.array([49.0]), np.array([50.0])).round(2).tolist()
    [0.98]
    """
    male = np.asarray(male_pct, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(male > 0, np.asarray(female_pct, dtype=float) / male, np.nan)


def at_parity(score: Array) -> npt.NDArray[np.bool_]:
    score = np.asarray(score, dtype=float)
    return (score >= PARITY_BAND[0]) & (score <= PARITY_BAND[1])


def _pivot_latest(frame: pd.DataFrame, groups: tuple[str, str]) -> pd.DataFrame:
    """Latest year per (series, economy) where both groups have a value."""
    wide = frame.pivot_table(
        index=["series", "economy", "year"], columns="group", values="value", aggfunc="first"
    )
    for group in groups:
        if group not in wide.columns:
            wide[group] = np.nan
    wide = wide.dropna(subset=list(groups)).reset_index()
    return wide.sort_values("year").groupby(["series", "economy"], as_index=False).tail(1)


def parity_table(by_sex: pd.DataFrame, latest: bool = True) -> pd.DataFrame:
    """Columns series, economy, year, female, male, parity, at_parity (latest year per series
    and economy, or every year with ``latest=False``)."""
    if latest:
        wide = _pivot_latest(by_sex, ("female", "male"))
    else:
        wide = by_sex.pivot_table(
            index=["series", "economy", "year"], columns="group", values="value", aggfunc="first"
        )
        wide = wide.dropna(subset=["female", "male"]).reset_index()
    wide = wide[["series", "economy", "year", "female", "male"]].copy()
    wide["parity"] = parity_score(wide["female"].to_numpy(), wide["male"].to_numpy())
    wide["at_parity"] = at_parity(wide["parity"].to_numpy())
    return wide.sort_values(["series", "economy", "year"]).reset_index(drop=True)


def area_gap_table(by_area: pd.DataFrame) -> pd.DataFrame:
    """Columns economy, year, urban, rural, gap_pp (urban - rural), rural_urban_ratio;
    latest year with both values per economy."""
    wide = _pivot_latest(by_area, ("urban", "rural"))
    wide = wide[["economy", "year", "urban", "rural"]].copy()
    wide["gap_pp"] = wide["urban"] - wide["rural"]
    with np.errstate(divide="ignore", invalid="ignore"):
        wide["rural_urban_ratio"] = np.where(
            wide["urban"] > 0, wide["rural"] / wide["urban"], np.nan
        )
    return wide.sort_values("economy").reset_index(drop=True)


def affordability_table(prices: pd.DataFrame) -> pd.DataFrame:
    """Latest price per (indicator, economy) in % of monthly GNI p.c., with ``affordable``
    (at most the 2% target). ``prices`` has columns indicator, economy, year, value."""
    latest = prices.sort_values("year").groupby(["indicator", "economy"], as_index=False).tail(1)
    latest = latest[["indicator", "economy", "year", "value"]].copy()
    latest["affordable"] = latest["value"] <= AFFORDABILITY_TARGET_PCT_GNI
    return latest.sort_values(["indicator", "economy"]).reset_index(drop=True)
