"""People offline per economy, region and world for one year.

The share of individuals using the Internet (ITU ``i99H``) in the year is, in order: the value
for that year (``observed`` or ITU ``estimate``); a linear interpolation between the nearest
years on either side (``interpolated``); the default trajectory model fitted to the economy's
series, at most ``MAX_PROJECTION_YEARS`` past its last value (``projected``). Population is
World Bank WDI SP.POP.TOTL for the year, or the latest earlier year within
``MAX_POPULATION_CARRY`` years (``population_year`` says which). Economies with population but
no usable share are reported as not covered; their population is counted separately.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from humanict.observatory.gaps import people_offline
from humanict.observatory.trajectories import fit_best_available, project

MAX_PROJECTION_YEARS = 5
MAX_POPULATION_CARRY = 3


@dataclass(frozen=True, slots=True)
class OfflineResult:
    year: int
    economies: pd.DataFrame  # one row per economy with population
    regions: pd.DataFrame  # one row per ITU-D region, plus "World"
    model: str


def share_in_year(series: pd.DataFrame, year: int, model: str) -> tuple[float, int | None, str]:
    """The Internet share of one economy in ``year``: (value, basis year, basis).

    ``series`` has columns year, value, flag. Returns (nan, None, "none") if unknown.
    """
    series = series.sort_values("year")
    years = series["year"].to_numpy(dtype=float)
    values = series["value"].to_numpy(dtype=float)
    exact = series[series["year"] == year]
    if not exact.empty:
        flag = str(exact["flag"].iloc[0])
        return float(exact["value"].iloc[0]), year, "estimate" if flag == "estimate" else "observed"
    before, after = years < year, years > year
    if before.any() and after.any():
        value = float(np.interp(year, years, values))
        return value, int(years[before][-1]), "interpolated"
    if before.any() and year - years[before][-1] <= MAX_PROJECTION_YEARS:
        fit = fit_best_available(years, values, model)
        if fit is not None:
            value = float(project(fit, np.array([float(year)])).central[0])
            return value, int(years[-1]), "projected"
    return float("nan"), None, "none"


def _population(pop: pd.DataFrame, year: int) -> pd.DataFrame:
    usable = pop[(pop["year"] <= year) & (pop["year"] >= year - MAX_POPULATION_CARRY)]
    latest = usable.sort_values("year").groupby("economy", as_index=False).tail(1)
    return latest.rename(columns={"value": "population", "year": "population_year"})[
        ["economy", "population", "population_year"]
    ]


def offline_by_economy(
    internet: pd.DataFrame,
    population: pd.DataFrame,
    economies: pd.DataFrame,
    year: int,
    model: str,
) -> pd.DataFrame:
    """One row per economy with a population: iso3, economy, stat_region, income_group,
    population, population_year, internet_pct, internet_basis, internet_basis_year, offline,
    offline_pct. ``internet`` and ``population`` have columns economy, year, value (and flag)."""
    pop = _population(population, year)
    rows = []
    grouped = dict(tuple(internet.groupby("economy")))
    for economy in pop["economy"]:
        series = grouped.get(economy)
        if series is None:
            rows.append((economy, float("nan"), None, "none"))
        else:
            rows.append((economy, *share_in_year(series, year, model)))
    shares = pd.DataFrame(
        rows, columns=["economy", "internet_pct", "internet_basis_year", "internet_basis"]
    )
    table = pop.merge(shares, on="economy", how="left")
    table["offline"] = people_offline(
        table["population"].to_numpy(), table["internet_pct"].to_numpy()
    )
    table["offline_pct"] = 100.0 - table["internet_pct"].clip(0.0, 100.0)
    meta = economies[["iso3", "name", "stat_region", "income_group", "ldc"]].rename(
        columns={"iso3": "economy", "name": "economy_name"}
    )
    table = table.merge(meta, on="economy", how="left")
    table = table.rename(columns={"economy": "iso3", "economy_name": "economy"})
    columns = [
        "iso3",
        "economy",
        "stat_region",
        "income_group",
        "ldc",
        "population",
        "population_year",
        "internet_pct",
        "internet_basis",
        "internet_basis_year",
        "offline",
        "offline_pct",
    ]
    return table[columns].sort_values("offline", ascending=False, na_position="last")


def aggregate_offline(by_economy: pd.DataFrame) -> pd.DataFrame:
    """Totals per ITU-D region and for the world: population covered, people offline, share
    offline of the covered population, and the population of economies without a share."""
    frame = by_economy.copy()
    frame["stat_region"] = frame["stat_region"].fillna("other")
    covered = frame["offline"].notna()
    frame["covered_population"] = np.where(covered, frame["population"], 0.0)
    frame["uncovered_population"] = np.where(covered, 0.0, frame["population"])
    frame["offline0"] = frame["offline"].fillna(0.0)
    frame["economies_covered"] = covered.astype(int)

    def summarise(group: pd.DataFrame, name: str) -> dict[str, object]:
        pop = float(group["covered_population"].sum())
        off = float(group["offline0"].sum())
        return {
            "region": name,
            "economies": int(len(group)),
            "economies_covered": int(group["economies_covered"].sum()),
            "population_covered": pop,
            "population_not_covered": float(group["uncovered_population"].sum()),
            "offline": off,
            "online": pop - off,
            "offline_pct": 100.0 * off / pop if pop > 0 else float("nan"),
        }

    rows = [summarise(g, str(r)) for r, g in frame.groupby("stat_region")]
    rows.append(summarise(frame, "World"))
    return pd.DataFrame(rows)
