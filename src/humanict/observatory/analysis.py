"""What the CLI, the API and the pages ask of the observatory: one function per question.

Each function reads through :mod:`.service` and computes with the pure modules; results are
DataFrames or small dataclasses, the same for every interface.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from humanict.data import Warehouse
from humanict.errors import InvalidInputError, NotFoundError
from humanict.i18n import N_
from humanict.members import Economy, get_economy
from humanict.observatory import gaps as gap_math
from humanict.observatory.offline import (
    OfflineResult,
    aggregate_offline,
    offline_by_economy,
    series_by_economy,
)
from humanict.observatory.priorities import rank_priorities
from humanict.observatory.service import (
    economies_frame,
    load_area_breakdown,
    load_series,
    load_sex_breakdown,
)
from humanict.observatory.targets import (
    NOT_MEASURED,
    PARITY_PREFIX,
    Target,
    applies,
    load_targets,
    parse_share,
    share_series,
    status_of,
)
from humanict.observatory.trajectories import (
    DEFAULT_MODEL,
    MODELS,
    curve_settings,
    default_model,
    fit_best_available,
    project,
    year_reaching,
)
from humanict.output import records

INTERNET = "i99H"
POPULATION = "SP.POP.TOTL"
MOBILE_BASKET = "i271mb_2GB_GNI"
FIXED_BASKET = "i154_FBB5_GNI"
PROJECTION_END = 2030
PARITY_SERIES = {"IT_USE_ii99": "parity_internet", "IT_MOB_OWN": "parity_mobile"}
STAT_REGIONS = ("AFR", "AMS", "ARB", "ASP", "CIS", "EUR")


def _stamp(path: Path) -> float:
    return path.stat().st_mtime if path.exists() else 0.0


def find_economy(data_dir: Path, iso3: str) -> Economy:
    try:
        return get_economy(data_dir, iso3)
    except NotFoundError as err:
        raise NotFoundError(
            f"unknown economy {iso3!r}; use an ISO 3166-1 alpha-3 code such as 'KEN' "
            "(`humanict members list --all` lists them)"
        ) from err


def check_model(model: str | None, indicator: str) -> str:
    if model is None:
        return default_model(indicator)
    if model not in MODELS:
        raise InvalidInputError(f"unknown model {model!r}; choose one of {', '.join(MODELS)}")
    return model


# --- people offline ----------------------------------------------------------------------


@functools.lru_cache(maxsize=16)
def _offline_cached(
    data_dir: Path, warehouse_path: Path, stamp: float, year: int, model: str
) -> OfflineResult:
    warehouse = Warehouse(warehouse_path)
    series = load_series(warehouse, [INTERNET, POPULATION])
    internet = series[series["indicator"] == INTERNET]
    population = series[series["indicator"] == POPULATION]
    by_economy = offline_by_economy(internet, population, economies_frame(data_dir), year, model)
    return OfflineResult(year, by_economy, aggregate_offline(by_economy), model)


def offline(
    data_dir: Path, warehouse: Warehouse, year: int, model: str | None = None
) -> OfflineResult:
    """People offline in ``year`` per economy, ITU-D region and world."""
    warehouse.require()
    years = warehouse.query(
        "SELECT min(year) AS lo, max(year) AS hi FROM observations WHERE indicator = ?",
        [POPULATION],
    ).iloc[0]
    lo, hi = int(years["lo"]), int(years["hi"])
    if not 2000 <= year <= hi + 3:
        raise InvalidInputError(
            f"year {year} is outside the data: Internet use starts in 2000 and population ends "
            f"in {hi} (carried forward at most 3 years); choose a year from {max(lo, 2000)} "
            f"to {hi + 3}"
        )
    chosen = check_model(model, INTERNET)
    return _offline_cached(data_dir, warehouse.path, _stamp(warehouse.path), year, chosen)


# --- gender, urban/rural, affordability --------------------------------------------------


@functools.lru_cache(maxsize=4)
def _sex_table(warehouse_path: Path, stamp: float) -> pd.DataFrame:
    breakdown = load_sex_breakdown(Warehouse(warehouse_path))
    return gap_math.parity_table(breakdown.frame, latest=False)


def gender_gaps(data_dir: Path, warehouse: Warehouse, latest: bool = True) -> pd.DataFrame:
    """Gender parity scores (female/male) of SDG 17.8.1 and 5.b.1 per economy."""
    warehouse.require()
    table = _sex_table(warehouse.path, _stamp(warehouse.path))
    if latest:
        table = table.sort_values("year").groupby(["series", "economy"]).tail(1)
    return _named(table.sort_values(["series", "economy", "year"]), data_dir)


@functools.lru_cache(maxsize=4)
def _area_table(data_dir: Path, stamp: float) -> pd.DataFrame:
    return gap_math.area_gap_table(load_area_breakdown(data_dir).frame)


def area_gaps(data_dir: Path) -> pd.DataFrame:
    """Urban/rural gap in daily Internet use per economy (latest year with both)."""
    stamp = _stamp(data_dir / "ict" / "itu_internet_daily_use_via_data360.csv")
    return _named(_area_table(data_dir, stamp), data_dir)


def affordability(warehouse: Warehouse, data_dir: Path) -> pd.DataFrame:
    """Latest entry-level mobile-broadband and fixed-broadband prices against 2% of GNI p.c."""
    prices = load_series(warehouse, [MOBILE_BASKET, FIXED_BASKET])
    return _named(gap_math.affordability_table(prices), data_dir)


GAP_KINDS = ("gender", "urban-rural", "affordability")


def gap_table(kind: str, data_dir: Path, warehouse: Warehouse) -> pd.DataFrame:
    """One of the gap tables by name: gender, urban-rural or affordability."""
    if kind == "gender":
        return gender_gaps(data_dir, warehouse)
    if kind == "urban-rural":
        return area_gaps(data_dir)
    if kind == "affordability":
        return affordability(warehouse, data_dir)
    raise InvalidInputError(f"unknown gap {kind!r}; choose {', '.join(GAP_KINDS)}")


GAP_SECTIONS: tuple[tuple[str, str, str | None, str], ...] = (
    ("gender", "IT_USE_ii99", "parity", N_("Internet use by sex (SDG 17.8.1)")),
    ("gender", "IT_MOB_OWN", "parity", N_("Mobile phone ownership by sex (SDG 5.b.1)")),
    (
        "urban-rural",
        "ITU_DH_INT_USR_DAY",
        "rural_urban_ratio",
        N_("Daily Internet use, urban and rural"),
    ),
    (
        "affordability",
        MOBILE_BASKET,
        None,
        N_("Mobile broadband, 2 GB basket (% of monthly GNI p.c.)"),
    ),
    (
        "affordability",
        FIXED_BASKET,
        None,
        N_("Fixed broadband, 5 GB basket (% of monthly GNI p.c.)"),
    ),
)
"""The tables of the gaps page: (kind, series or indicator, parity-score column, title)."""


def check_region(region: str | None) -> str | None:
    """An ITU-D region code in upper case, or None for all regions."""
    if not region:
        return None
    region = region.upper()
    if region not in STAT_REGIONS:
        raise InvalidInputError(
            f"unknown region {region!r}; use an ITU-D region: {', '.join(STAT_REGIONS)}"
        )
    return region


def gap_sections(
    data_dir: Path, warehouse: Warehouse, region: str | None = None
) -> list[dict[str, object]]:
    """Every gap table of :data:`GAP_SECTIONS`, optionally within one ITU-D region.

    Each section: ``kind, code, score, title, rows`` (rows as records, sorted by economy).
    """
    region = check_region(region)
    tables = {kind: gap_table(kind, data_dir, warehouse) for kind in GAP_KINDS}
    out: list[dict[str, object]] = []
    for kind, code, score, title in GAP_SECTIONS:
        table = tables[kind]
        if "series" in table.columns:
            table = table[table["series"] == code]
        elif "indicator" in table.columns:
            table = table[table["indicator"] == code]
        if region is not None:
            table = table[table["stat_region"] == region]
        rows = records(table.sort_values("economy"))
        out.append({"kind": kind, "code": code, "score": score, "title": title, "rows": rows})
    return out


def _named(table: pd.DataFrame, data_dir: Path) -> pd.DataFrame:
    """Keep economies of the data model (drops regional aggregates) and add names."""
    meta = economies_frame(data_dir)[["iso3", "name", "stat_region"]]
    out = table.merge(meta, left_on="economy", right_on="iso3", how="inner")
    return out.drop(columns="iso3").rename(columns={"economy": "iso3", "name": "economy"})


# --- priorities --------------------------------------------------------------------------


def gap_summary(data_dir: Path, warehouse: Warehouse, year: int) -> pd.DataFrame:
    """One row per economy with every gap measure (NaN where unknown)."""
    base = offline(data_dir, warehouse, year).economies.copy()
    gender = gender_gaps(data_dir, warehouse)
    for series, column in PARITY_SERIES.items():
        part = gender[gender["series"] == series][["iso3", "parity"]]
        base = base.merge(part.rename(columns={"parity": column}), on="iso3", how="left")
    area = area_gaps(data_dir)[["iso3", "gap_pp"]].rename(columns={"gap_pp": "urban_rural_gap_pp"})
    base = base.merge(area, on="iso3", how="left")
    prices = affordability(warehouse, data_dir)
    mobile = prices[prices["indicator"] == MOBILE_BASKET][["iso3", "value"]]
    base = base.merge(
        mobile.rename(columns={"value": "mobile_basket_pct_gni"}), on="iso3", how="left"
    )
    return base


def priorities(
    data_dir: Path, warehouse: Warehouse, year: int, region: str | None = None
) -> pd.DataFrame:
    """Economies calling for attention, ranked, optionally within one ITU-D region."""
    region = check_region(region)
    table = gap_summary(data_dir, warehouse, year)
    if region is not None:
        table = table[table["stat_region"] == region]
    return rank_priorities(table)


# --- trajectories and targets ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Trajectory:
    iso3: str
    indicator: str
    model: str | None  # the model actually fitted (a short series falls back)
    observed: pd.DataFrame  # year, value, flag
    projection: pd.DataFrame  # year, central, lower, upper

    def as_dict(self) -> dict[str, object]:
        return {
            "iso3": self.iso3,
            "indicator": self.indicator,
            "model": self.model,
            "observed": records(self.observed),
            "projection": records(self.projection),
        }


def _series_for(warehouse: Warehouse, data_dir: Path, iso3: str, indicator: str) -> pd.DataFrame:
    if indicator.startswith(PARITY_PREFIX):
        series = indicator.removeprefix(PARITY_PREFIX)
        table = gender_gaps(data_dir, warehouse, latest=False)
        rows = table[(table["series"] == series) & (table["iso3"] == iso3)]
        return pd.DataFrame(
            {"year": rows["year"], "value": rows["parity"], "flag": "observed"}
        ).reset_index(drop=True)
    share = parse_share(indicator)
    if share is not None:
        frame = load_series(warehouse, [share.numerator, share.denominator], iso3)
        return share_series(
            frame[frame["indicator"] == share.numerator],
            frame[frame["indicator"] == share.denominator],
        )
    frame = load_series(warehouse, [indicator], iso3)
    return frame[["year", "value", "flag"]].reset_index(drop=True)


def trajectory(
    warehouse: Warehouse,
    data_dir: Path,
    iso3: str,
    indicator: str,
    model: str | None = None,
    until: int = PROJECTION_END,
) -> Trajectory:
    """Observed series and projection to ``until`` with its 90% prediction interval."""
    iso3 = find_economy(data_dir, iso3).iso3
    observed = _series_for(warehouse, data_dir, iso3, indicator)
    if indicator.startswith(PARITY_PREFIX):
        chosen, cap, fixed = "linear", 2.0, True  # parity scores: the recent linear trend
    else:
        share = parse_share(indicator)
        for code in (share.numerator, share.denominator) if share else (indicator,):
            known = warehouse.query("SELECT 1 FROM indicators WHERE code = ?", [code])
            if known.empty:
                raise NotFoundError(
                    f"unknown indicator {code!r}; `humanict data indicators` lists the codes"
                )
        chosen = check_model(model, indicator)
        cap, fixed = curve_settings(indicator)
        if chosen == "loglinear":
            cap = 1e6
    fit = fit_best_available(
        observed["year"].to_numpy(float), observed["value"].to_numpy(float), chosen, cap, fixed
    )
    if fit is None:
        return Trajectory(iso3, indicator, None, observed, pd.DataFrame())
    years = np.arange(fit.last_year, until + 1, dtype=float)
    # Backtest-calibrated intervals for percentages and per-100 series; parity scores and
    # prices keep the statistical interval.
    calibrated = not indicator.startswith(PARITY_PREFIX) and chosen != "loglinear"
    proj = project(fit, years, calibrated=calibrated)
    projection = pd.DataFrame(
        {
            "year": years.astype(int),
            "central": proj.central,
            "lower": proj.lower,
            "upper": proj.upper,
        }
    )
    return Trajectory(iso3, indicator, fit.model, observed, projection)


def _progress_row(target: Target, traj: Trajectory | None, economy: Economy) -> dict[str, object]:
    row: dict[str, object] = {
        "target": target.id,
        "framework": target.framework,
        "title": target.title,
        "indicator": target.indicator or None,
        "comparator": target.comparator,
        "target_value": target.value,
        "met_at": target.met_at,
        "unit": target.unit,
        "target_year": target.target_year,
        "latest": None,
        "latest_year": None,
        "model": None,
        "projected": None,
        "projected_lower": None,
        "projected_upper": None,
        "year_met": None,
        "status": None,
        "source": target.source,
    }
    latest = latest_year = projected = None
    if traj is not None and not traj.observed.empty:
        last = traj.observed.sort_values("year").iloc[-1]
        latest, latest_year = float(last["value"]), int(last["year"])
        row.update(latest=latest, latest_year=latest_year, model=traj.model)
        at = traj.projection[traj.projection["year"] == target.target_year]
        if not at.empty:
            projected = float(at["central"].iloc[0])
            row.update(
                projected=projected,
                projected_lower=float(at["lower"].iloc[0]),
                projected_upper=float(at["upper"].iloc[0]),
            )
    row["status"] = status_of(
        comparator=target.comparator,
        threshold=target.met_at,
        target_year=target.target_year,
        latest=latest,
        latest_year=latest_year,
        projected=projected,
    )
    return row


def _year_met(warehouse: Warehouse, data_dir: Path, target: Target, traj: Trajectory) -> int | None:
    if target.comparator not in ("ge", "le") or traj.model is None or target.met_at is None:
        return None
    observed = traj.observed
    cap, fixed = curve_settings(target.indicator)
    if traj.model == "loglinear":
        cap = 1e6
    fit = fit_best_available(
        observed["year"].to_numpy(float), observed["value"].to_numpy(float), traj.model, cap, fixed
    )
    return None if fit is None else year_reaching(fit, target.met_at, target.comparator)


def targets_progress(
    data_dir: Path, warehouse: Warehouse, iso3: str, model: str | None = None
) -> tuple[Economy, pd.DataFrame]:
    """Status of every target that applies to an economy: latest value, projection to the
    target year with its 90% interval, the projected year it is met, and the label."""
    economy = find_economy(data_dir, iso3)
    income = economy.income_group.value if economy.income_group else None
    rows = []
    cache: dict[str, Trajectory] = {}
    for target in load_targets(data_dir):
        if not applies(target, income_group=income, ldc=economy.ldc):
            continue
        traj = None
        if target.measurable:
            if target.indicator not in cache:
                end = max(PROJECTION_END, target.target_year)
                cache[target.indicator] = trajectory(
                    warehouse, data_dir, economy.iso3, target.indicator, model, end
                )
            traj = cache[target.indicator]
        row = _progress_row(target, traj, economy)
        if traj is not None and row["status"] not in ("met", "no data"):
            row["year_met"] = _year_met(warehouse, data_dir, target, traj)
        rows.append(row)
    frame = pd.DataFrame(rows)
    for column in ("latest_year", "year_met"):
        frame[column] = pd.Series(
            [None if pd.isna(v) else int(v) for v in frame[column]], dtype=object
        )
    return economy, frame


# --- group targets (world, developing economies, LDCs) -------------------------------------

GROUPS = ("world", "developing", "ldc")
GROUP_FIRST_YEAR = 2005
_GROUP_APPLIES = {"world": {"all"}, "developing": {"all", "developing"}, "ldc": {"all", "ldc"}}


def _group_members(economies: pd.DataFrame, group: str) -> set[str]:
    if group == "world":
        return set(economies["iso3"])
    if group == "ldc":
        return set(economies.loc[economies["ldc"].fillna(False).astype(bool), "iso3"])
    income = economies["income_group"]
    return set(economies.loc[income.notna() & (income != "HI"), "iso3"])


@functools.lru_cache(maxsize=8)
def _group_series_cached(
    data_dir: Path, warehouse_path: Path, stamp: float, group: str
) -> pd.DataFrame:
    warehouse = Warehouse(warehouse_path)
    series = load_series(warehouse, [INTERNET, POPULATION])
    grouped = series_by_economy(series[series["indicator"] == INTERNET])
    population = series[series["indicator"] == POPULATION]
    economies = economies_frame(data_dir)
    members = _group_members(economies, group)
    last = int(population["year"].max())
    rows = []
    for year in range(GROUP_FIRST_YEAR, last + 1):
        table = offline_by_economy(grouped, population, economies, year, DEFAULT_MODEL)
        table = table[table["iso3"].isin(members) & table["offline"].notna()]
        pop = float(table["population"].sum())
        projected = float(table.loc[table["internet_basis"] == "projected", "population"].sum())
        rows.append(
            {
                "year": year,
                "value": 100.0 * (1.0 - float(table["offline"].sum()) / pop),
                "flag": "aggregate",
                "economies": int(len(table)),
                "population": pop,
                "projected_population_pct": 100.0 * projected / pop,
            }
        )
    return pd.DataFrame(rows)


def group_internet_series(data_dir: Path, warehouse: Warehouse, group: str) -> pd.DataFrame:
    """Population-weighted % of individuals using the Internet in a group of economies, per
    year: 100 x (1 - people offline / population) over the economies with data."""
    if group not in GROUPS:
        raise InvalidInputError(f"unknown group {group!r}; choose one of {', '.join(GROUPS)}")
    warehouse.require()
    return _group_series_cached(data_dir, warehouse.path, _stamp(warehouse.path), group)


def group_progress(data_dir: Path, warehouse: Warehouse, group: str) -> pd.DataFrame:
    """Status of the Internet-use targets for a group (the level at which the Broadband
    Commission set them); other targets are not measured at group level."""
    observed = group_internet_series(data_dir, warehouse, group)
    fit = fit_best_available(
        observed["year"].to_numpy(float), observed["value"].to_numpy(float), DEFAULT_MODEL
    )
    assert fit is not None
    rows = []
    for target in load_targets(data_dir):
        if target.applies_to not in _GROUP_APPLIES[group]:
            continue
        measured = target.indicator == INTERNET
        years = np.arange(fit.last_year, max(PROJECTION_END, target.target_year) + 1, dtype=float)
        proj = project(fit, years, calibrated=True)
        traj = Trajectory(
            group,
            INTERNET,
            fit.model,
            observed[["year", "value", "flag"]],
            pd.DataFrame(
                {
                    "year": years.astype(int),
                    "central": proj.central,
                    "lower": proj.lower,
                    "upper": proj.upper,
                }
            ),
        )
        row = _progress_row(target, traj if measured else None, None)
        if not measured:
            row["status"] = NOT_MEASURED  # only Internet use is aggregated to groups
        elif row["status"] not in ("met", "no data") and target.met_at is not None:
            row["year_met"] = year_reaching(fit, target.met_at, target.comparator)
        rows.append(row)
    return pd.DataFrame(rows)
