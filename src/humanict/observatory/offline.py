"""People offline per economy, region and world for one year.

The share of individuals using the Internet (ITU ``i99H``) in the year is, in order: the value
for that year (``observed`` or ITU ``estimate``); a linear interpolation between the nearest
years on either side (``interpolated``); the default trajectory model fitted to the economy's
series (all economies in one batch, :mod:`.batch_fit`), at most ``MAX_PROJECTION_YEARS`` past
its last value (``projected``). Population is World Bank WDI SP.POP.TOTL for the year, or the
latest earlier year within ``MAX_POPULATION_CARRY`` years (``population_year`` says which).
Economies with population but no usable share are reported as not covered; their population
is counted separately.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pandas as pd

from humanict.observatory.batch_fit import fit_many
from humanict.observatory.gaps import people_offline
from humanict.observatory.trajectories import project

MAX_PROJECTION_YEARS = 5
MAX_POPULATION_CARRY = 3


@dataclass(frozen=True, slots=True)
class OfflineResult:
    year: int
    economies: pd.DataFrame  # one row per economy with population
    regions: pd.DataFrame  # one row per ITU-D region, plus "World"
    model: str


Series = tuple[npt.NDArray[np.float64], npt.NDArray[np.float64], npt.NDArray[np.str_]]


def series_by_economy(internet: pd.DataFrame) -> dict[str, Series]:
    """Each economy's (years, values, flags), sorted by year."""
    frame = internet.sort_values(["economy", "year"])
    out = {}
    for economy, group in frame.groupby("economy", sort=False):
        out[str(economy)] = (
            group["year"].to_numpy(dtype=float),
            group["value"].to_numpy(dtype=float),
            group["flag"].to_numpy(dtype=str),
        )
    return out


def _basis(series: Series, year: int) -> tuple[float, int | None, str]:
    """Value, basis year and basis from the series alone; basis ``project`` asks for a fit."""
    years, values, flags = series
    exact = np.flatnonzero(years == year)
    if exact.size:
        flag = str(flags[exact[0]])
        return float(values[exact[0]]), year, "estimate" if flag == "estimate" else "observed"
    before, after = years < year, years > year
    if before.any() and after.any():
        value = float(np.interp(year, years, values))
        return value, int(years[before][-1]), "interpolated"
    if before.any() and year - years[before][-1] <= MAX_PROJECTION_YEARS:
        return float("nan"), int(years[before][-1]), "project"
    return float("nan"), None, "none"


def shares_in_year(
    grouped: dict[str, Series], economies: list[str], year: int, model: str
) -> pd.DataFrame:
    """The Internet share of each economy in ``year``: columns economy, internet_pct,
    internet_basis_year, internet_basis. The series to project are fitted in one batch.
    ``grouped`` comes from :func:`series_by_economy`."""
    rows: list[list[object]] = []
    pending = []
    for economy in economies:
        series = grouped.get(economy)
        if series is None:
            rows.append([economy, float("nan"), None, "none"])
            continue
        value, basis_year, basis = _basis(series, year)
        rows.append([economy, value, basis_year, basis])
        if basis == "project":
            pending.append(len(rows) - 1)
    fits = fit_many(
        [grouped[str(rows[i][0])][0] for i in pending],
        [grouped[str(rows[i][0])][1] for i in pending],
        model,
    )
    for i, fit in zip(pending, fits, strict=True):
        if fit is None:
            rows[i][1:] = [float("nan"), None, "none"]
        else:
            rows[i][1] = float(project(fit, np.array([float(year)])).central[0])
            rows[i][3] = "projected"
    return pd.DataFrame(
        rows, columns=["economy", "internet_pct", "internet_basis_year", "internet_basis"]
    )


def _population(pop: pd.DataFrame, year: int) -> pd.DataFrame:
    usable = pop[(pop["year"] <= year) & (pop["year"] >= year - MAX_POPULATION_CARRY)]
    latest = usable.sort_values("year").groupby("economy", as_index=False).tail(1)
    return latest.rename(columns={"value": "population", "year": "population_year"})[
        ["economy", "population", "population_year"]
    ]


def offline_by_economy(
    internet: pd.DataFrame | dict[str, Series],
    population: pd.DataFrame,
    economies: pd.DataFrame,
    year: int,
    model: str,
) -> pd.DataFrame:
    """One row per economy with a population: iso3, economy, stat_region, income_group,
    population, population_year, internet_pct, internet_basis, internet_basis_year, offline,
    offline_pct. ``internet`` and ``population`` have columns economy, year, value (and flag);
    ``internet`` may also be the output of :func:`series_by_economy`, to reuse it across years."""
    pop = _population(population, year)
    grouped = series_by_economy(internet) if isinstance(internet, pd.DataFrame) else internet
    shares = shares_in_year(grouped, list(pop["economy"]), year, model)
    table = pop.merge(shares, on="economy", how="left")
    table["internet_basis_year"] = pd.Series(
        [None if pd.isna(v) else int(v) for v in table["internet_basis_year"]],
        index=table.index,
        dtype=object,
    )
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
