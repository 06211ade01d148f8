"""The cost of closing the connectivity gap by 2030: a transparent techno-economic model.

Per economy (docs/methodology/cost.md; every parameter in data/cost/assumptions.toml):

1. Population in the target year: the latest WDI population grown at its compound rate of the
   last ``population_growth_years`` years.
2. People outside 4G coverage, ``U = P (1 - c4G)``, c4G the latest ITU coverage share, held at
   that level. As ITU does when splitting coverage (Facts and Figures methodology: urban areas
   taken as covered), they are placed in rural areas; the urban share (WDI) caps that rural
   population. A share of the uncovered (remote) is served by satellite, the rest by new 4G
   sites; each new site needs backbone fibre.
3. New users to reach the target share of Internet use ``T``: ``N = P max(0, T - u)``, u the
   latest ITU Internet-use share. The new users who live under existing coverage need capacity
   (site upgrades); every new user needs an entry-level device.
4. Investment 2025-2030 = capex of new sites, upgrades, backbone and terminals, plus the
   operating cost of the new network until the target year (sites built evenly over the
   window, so half the window on average) and the devices.

No land area or population density is in the shipped data, so the technology mix rests on the
4G coverage gap and the urban share rather than on density classes.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from humanict.data import Warehouse
from humanict.errors import DataFileError, InvalidInputError, NotFoundError
from humanict.output import records

SCENARIOS = ("low", "central", "high")
KINDS = ("source", "derived", "assumption")
PARAMETERS = (
    "target_internet_use",
    "satellite_share_of_uncovered",
    "people_per_site",
    "site_capex",
    "upgrade_capex",
    "backbone_km_per_site",
    "fibre_cost_per_km",
    "opex_share",
    "site_rent",
    "satellite_terminal",
    "people_per_terminal",
    "device",
)
ECONOMY_COLUMNS = [
    "iso3",
    "economy",
    "stat_region",
    "income_group",
    "scenario",
    "modelled",
    "missing",
    "population",
    "population_year",
    "population_target",
    "urban_pct",
    "coverage_4g_pct",
    "coverage_4g_year",
    "internet_use_pct",
    "internet_use_year",
    "uncovered",
    "people_satellite",
    "people_new_sites",
    "new_users",
    "new_users_covered",
    "new_sites",
    "upgraded_sites",
    "backbone_km",
    "capex_sites",
    "capex_upgrades",
    "capex_backbone",
    "opex",
    "satellite",
    "devices",
    "network_usd",
    "total_usd",
    "usd_per_new_user",
    "gni_per_capita",
    "gni_per_capita_year",
    "share_of_gni_pct",
]
ASSUMPTIONS_FILE = Path("cost") / "assumptions.toml"
URBAN_FILE = Path("ict") / "wdi_ict_panel_via_gapminder.csv"
POPULATION = "SP.POP.TOTL"
COVERAGE_4G = "i271GA"
INTERNET_USE = "i99H"
GNI_PER_CAPITA = "NY.GNP.PCAP.CD"
GROUPS = ("stat_region", "income_group")
COST_COLUMNS = ("capex_sites", "capex_upgrades", "capex_backbone", "opex", "satellite", "devices")


@dataclass(frozen=True)
class Parameter:
    name: str
    values: dict[str, float]
    unit: str
    kind: str
    source: str


@dataclass(frozen=True)
class CostAssumptions:
    target_year: int
    start_year: int
    population_growth_years: int
    parameters: dict[str, Parameter]
    path: Path

    def scenario(self, name: str) -> dict[str, float]:
        """The parameter values of one scenario (low, central or high)."""
        if name not in SCENARIOS:
            raise InvalidInputError(
                f"unknown scenario {name!r}; choose one of {', '.join(SCENARIOS)}"
            )
        return {k: p.values[name] for k, p in self.parameters.items()}


def _line_of(text: str, key: str) -> int | None:
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip() == f"[parameters.{key}]":
            return number
    return None


def load_assumptions(path: Path) -> CostAssumptions:
    """Read and check the assumptions file (each parameter: low/central/high, unit, source)."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as err:
        raise DataFileError(path, None, None, "missing; it ships in data/cost/") from err
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise DataFileError(path, None, None, f"invalid TOML: {err}") from err
    model = raw.get("model", {})
    table = raw.get("parameters", {})
    missing = [p for p in PARAMETERS if p not in table]
    if missing:
        raise DataFileError(path, None, "parameters", f"lacks {', '.join(missing)}")
    parameters = {}
    for name in PARAMETERS:
        entry = table[name]
        line = _line_of(text, name)
        values = {}
        for scenario in SCENARIOS:
            value = entry.get(scenario)
            if not isinstance(value, int | float) or isinstance(value, bool) or value < 0:
                raise DataFileError(
                    path,
                    line,
                    f"{name}.{scenario}",
                    "give a non-negative number for every scenario",
                )
            values[scenario] = float(value)
        kind = entry.get("kind")
        if kind not in KINDS:
            raise DataFileError(path, line, f"{name}.kind", f"is {kind!r}; use one of {KINDS}")
        if not str(entry.get("source", "")).strip():
            raise DataFileError(path, line, f"{name}.source", "say where the value comes from")
        parameters[name] = Parameter(
            name, values, str(entry.get("unit", "")), kind, entry["source"]
        )
    for name in ("people_per_site", "people_per_terminal"):
        if min(parameters[name].values.values()) <= 0:
            raise DataFileError(path, _line_of(text, name), name, "must be positive")
    start, target = int(model.get("start_year", 2025)), int(model.get("target_year", 2030))
    if target <= start:
        raise DataFileError(path, None, "model.target_year", "must be after start_year")
    return CostAssumptions(
        target_year=target,
        start_year=start,
        population_growth_years=int(model.get("population_growth_years", 10)),
        parameters=parameters,
        path=path,
    )


def _latest(frame: pd.DataFrame, until: int) -> pd.DataFrame:
    """The latest value up to ``until`` per economy: columns economy, value, year."""
    frame = frame[frame["year"] <= until].sort_values(["economy", "year"])
    return frame.groupby("economy").tail(1).set_index("economy")[["value", "year"]]


def load_cost_inputs(warehouse: Warehouse, data_dir: Path, until: int = 2024) -> pd.DataFrame:
    """One row per economy: population (and its growth), urban share, 4G coverage, Internet use.

    Population, coverage and use come from the warehouse (WDI, ITU DataHub, IDI annex);
    the urban share from the WDI panel shipped in ``data/ict`` (SP.URB.TOTL.IN.ZS).
    """
    observations = warehouse.query(
        "SELECT economy, indicator, dataset, year, value FROM observations "
        "WHERE indicator IN (?, ?, ?, ?)",
        [POPULATION, COVERAGE_4G, INTERNET_USE, GNI_PER_CAPITA],
    )
    # DataHub is ITU's current series; the IDI annex fills economies it lacks.
    observations["rank"] = (observations["dataset"] != "itu_datahub").astype(int)
    observations = observations.sort_values("rank")
    economies = warehouse.query(
        "SELECT iso3, name, member, stat_region, income_group FROM economies"
    ).set_index("iso3")
    frame = pd.DataFrame(index=economies.index)
    frame["economy"] = economies["name"]
    frame["member"] = economies["member"]
    frame["stat_region"] = economies["stat_region"]
    frame["income_group"] = economies["income_group"]
    population = observations[observations["indicator"] == POPULATION]
    latest = _latest(population, until)
    frame["population"] = latest["value"]
    frame["population_year"] = latest["year"]
    wide = population.pivot_table(index="economy", columns="year", values="value")
    frame["population_before"] = [
        wide.at[code, int(year) - 10]
        if code in wide.index and pd.notna(year) and int(year) - 10 in wide.columns
        else np.nan
        for code, year in zip(frame.index, frame["population_year"], strict=True)
    ]
    for column, code in (
        ("coverage_4g", COVERAGE_4G),
        ("internet_use", INTERNET_USE),
        ("gni_per_capita", GNI_PER_CAPITA),
    ):
        part = observations[observations["indicator"] == code].drop_duplicates(["economy", "year"])
        latest = _latest(part, until)
        frame[column if column == "gni_per_capita" else f"{column}_pct"] = latest["value"]
        frame[f"{column}_year"] = latest["year"]
    path = data_dir / URBAN_FILE
    try:
        urban = pd.read_csv(path, usecols=["iso3", "year", "urban_population_pct"])
    except (FileNotFoundError, ValueError) as err:
        raise DataFileError(path, None, "urban_population_pct", f"cannot be read: {err}") from err
    urban = urban.dropna().rename(columns={"iso3": "economy", "urban_population_pct": "value"})
    latest = _latest(urban, until)
    frame["urban_pct"] = latest["value"]
    frame.index.name = "iso3"
    return frame.reset_index()


def cost_model(
    inputs: pd.DataFrame, assumptions: CostAssumptions, scenario: str = "central"
) -> pd.DataFrame:
    """Investment (USD) per economy to reach the targets by ``assumptions.target_year``.

    Pure: ``inputs`` as from ``load_cost_inputs``. Economies lacking population, 4G coverage
    or Internet use get ``modelled = False`` and a ``missing`` note, and no cost.
    """
    p = assumptions.scenario(scenario)
    out = inputs.copy()
    needed = {
        "population": out["population"],
        "coverage_4g": out["coverage_4g_pct"],
        "internet_use": out["internet_use_pct"],
    }
    out["missing"] = [
        ";".join(k for k, v in needed.items() if pd.isna(v.iloc[i])) for i in range(len(out))
    ]
    out["modelled"] = out["missing"] == ""
    years_to_target = assumptions.target_year - out["population_year"]
    span = assumptions.population_growth_years
    growth = (out["population"] / out["population_before"]) ** (1.0 / span) - 1.0
    out["population_growth_pct"] = 100.0 * growth
    out["population_target"] = out["population"] * (1.0 + growth.fillna(0.0)) ** years_to_target
    population = out["population_target"]
    coverage = out["coverage_4g_pct"].clip(0, 100) / 100.0
    use = out["internet_use_pct"].clip(0, 100) / 100.0
    rural = (1.0 - out["urban_pct"].fillna(0.0).clip(0, 100) / 100.0) * population
    uncovered = population * (1.0 - coverage)
    out["uncovered"] = uncovered
    out["uncovered_rural"] = np.minimum(uncovered, rural)
    satellite_people = out["uncovered_rural"] * p["satellite_share_of_uncovered"] / 100.0
    out["people_satellite"] = satellite_people
    out["people_new_sites"] = uncovered - satellite_people
    new_users = population * np.maximum(0.0, p["target_internet_use"] / 100.0 - use)
    out["new_users"] = new_users
    out["new_users_covered"] = np.maximum(0.0, new_users - uncovered)
    out["new_sites"] = out["people_new_sites"] / p["people_per_site"]
    out["upgraded_sites"] = out["new_users_covered"] / p["people_per_site"]
    out["backbone_km"] = out["new_sites"] * p["backbone_km_per_site"]
    out["capex_sites"] = out["new_sites"] * p["site_capex"]
    out["capex_upgrades"] = out["upgraded_sites"] * p["upgrade_capex"]
    out["capex_backbone"] = out["backbone_km"] * p["fibre_cost_per_km"]
    operating_years = (assumptions.target_year - assumptions.start_year + 1) / 2.0
    network = out["capex_sites"] + out["capex_upgrades"] + out["capex_backbone"]
    out["opex"] = operating_years * (
        network * p["opex_share"] / 100.0 + out["new_sites"] * p["site_rent"]
    )
    out["satellite"] = satellite_people / p["people_per_terminal"] * p["satellite_terminal"]
    out["devices"] = new_users * p["device"]
    out["network_usd"] = network + out["opex"] + out["satellite"]
    out["total_usd"] = out["network_usd"] + out["devices"]
    out["scenario"] = scenario
    money = [
        *COST_COLUMNS,
        "network_usd",
        "total_usd",
        "uncovered",
        "uncovered_rural",
        "people_satellite",
        "people_new_sites",
        "new_users",
        "new_users_covered",
        "new_sites",
        "upgraded_sites",
        "backbone_km",
    ]
    out.loc[~out["modelled"], money] = np.nan
    with np.errstate(invalid="ignore", divide="ignore"):
        out["usd_per_new_user"] = out["total_usd"] / out["new_users"].where(out["new_users"] > 0)
        # Yearly investment over the window as a share of the latest GNI (GNI per capita, Atlas
        # method, times population; WDI NY.GNP.PCAP.CD).
        window = assumptions.target_year - assumptions.start_year + 1
        gni = out["gni_per_capita"] * out["population"]
        out["share_of_gni_pct"] = 100.0 * out["total_usd"] / window / gni.where(gni > 0)
    return (
        out.drop(columns=["population_before"])
        .sort_values("total_usd", ascending=False, na_position="last")
        .reset_index(drop=True)
    )


def cost_totals(costs: pd.DataFrame, by: str | None = None) -> pd.DataFrame:
    """Sums over the modelled economies: the world (``by=None``) or per group column."""
    modelled = costs[costs["modelled"]]
    columns = [
        *COST_COLUMNS,
        "network_usd",
        "total_usd",
        "population_target",
        "uncovered",
        "new_users",
        "new_sites",
        "people_satellite",
    ]
    if by is None:
        row = modelled[columns].sum().to_frame().T
        row.insert(0, "group", "world")
        row["economies"] = len(modelled)
        row["not_modelled"] = int((~costs["modelled"]).sum())
        return row
    grouped = modelled.groupby(modelled[by].fillna("none"))[columns].sum().reset_index()
    grouped = grouped.rename(columns={by: "group"})
    grouped["economies"] = modelled.groupby(modelled[by].fillna("none")).size().to_numpy()
    return grouped.sort_values("total_usd", ascending=False).reset_index(drop=True)


def closing_the_gap(
    warehouse: Warehouse, data_dir: Path, scenario: str = "central"
) -> tuple[pd.DataFrame, CostAssumptions]:
    """The model on the shipped data and assumptions (all economies)."""
    assumptions = load_assumptions(data_dir / ASSUMPTIONS_FILE)
    return cost_model(load_cost_inputs(warehouse, data_dir), assumptions, scenario), assumptions


def member_cost(costs: pd.DataFrame, iso3: str) -> pd.DataFrame:
    """The row of one economy (NotFoundError naming how to list the codes)."""
    code = iso3.strip().upper()
    row = costs[costs["iso3"] == code]
    if row.empty:
        raise NotFoundError(
            f"unknown economy {iso3!r}; use an ISO 3166-1 alpha-3 code such as 'KEN' "
            "(`humanict members list` lists them)"
        )
    return row


def cost_report(
    warehouse: Warehouse,
    data_dir: Path,
    scenario: str | None = None,
    member: str | None = None,
    by: str | None = None,
) -> dict[str, Any]:
    """What the command and the API return: world totals for each scenario (the range),
    optional group totals, and the rows of the economies (central or the chosen scenario;
    all scenarios for one ``member``)."""
    if by is not None and by not in GROUPS:
        raise InvalidInputError(f"cannot group by {by!r}; choose one of {', '.join(GROUPS)}")
    scenarios = [scenario] if scenario else list(SCENARIOS)
    world = []
    groups = []
    rows = []
    assumptions = None
    for name in scenarios:
        costs, assumptions = closing_the_gap(warehouse, data_dir, name)
        world.append({"scenario": name, **records(cost_totals(costs))[0]})
        if by:
            table = cost_totals(costs, by)
            table.insert(0, "scenario", name)
            groups.extend(records(table))
        selected = member_cost(costs, member) if member else costs
        if member or name == (scenario or "central"):
            rows.append(selected[ECONOMY_COLUMNS])
    assert assumptions is not None
    return {
        "target_year": assumptions.target_year,
        "investment_window": [assumptions.start_year, assumptions.target_year],
        "currency": "USD (nominal, undiscounted)",
        "world": world,
        "groups": groups,
        "economies": records(pd.concat(rows, ignore_index=True)),
    }
