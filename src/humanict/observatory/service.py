"""The observatory's only access to stored data: warehouse series and one breakdown file.

Where several datasets give the same indicator, economy and year, the value comes from a
user's import first, then ITU DataHub, then the price baskets, then the IDI 2024 annex, then
World Bank WDI (the newest ITU vintage wins).

SDG 17.8.1 and 5.b.1 by sex (UN Statistics Division, custodian ITU) come from the warehouse's
``unsd_sdg`` dataset, where each breakdown is an indicator code such as
``IT_USE_ii99[sex=female]`` (docs/data.md). Daily Internet use by urban/rural
(``ict/itu_internet_daily_use_via_data360.csv``, ITU via World Bank Data360) is not in the
warehouse and is read here from the file, validated, and cited in every result.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from humanict.data import Warehouse
from humanict.data.readers import (
    iter_csv_rows,
    parse_number,
    parse_sdg_indicator_code,
    parse_year,
    sdg_indicator_code,
)
from humanict.members import Economy, load_economies

SDG_FILE = Path("ict") / "unsd_sdg_ict_series.csv"
DAILY_USE_FILE = Path("ict") / "itu_internet_daily_use_via_data360.csv"
SDG_SOURCE = "UN Statistics Division, Global SDG Indicators Database (custodian ITU), Dec 2023"
DAILY_USE_SOURCE = "ITU DataHub via World Bank Data360 (ITU_DH_INT_USR_DAY)"

_PRIORITY_SQL = """
SELECT indicator, economy, year, value, flag, dataset FROM (
  SELECT *, row_number() OVER (
    PARTITION BY indicator, economy, year
    ORDER BY CASE
      WHEN dataset LIKE 'import:%' THEN 0
      WHEN dataset = 'itu_datahub' THEN 1
      WHEN dataset = 'itu_price_baskets' THEN 2
      WHEN dataset = 'itu_idi2024_annex2' THEN 3
      ELSE 4 END, vintage DESC) AS pick
  FROM observations WHERE indicator IN ({marks}) {extra}
) WHERE pick = 1 ORDER BY indicator, economy, year
"""


def load_series(
    warehouse: Warehouse, indicators: list[str], economy: str | None = None
) -> pd.DataFrame:
    """One value per (indicator, economy, year): columns indicator, economy, year, value, flag,
    dataset."""
    if not indicators:
        return pd.DataFrame(columns=["indicator", "economy", "year", "value", "flag", "dataset"])
    params: list[object] = list(indicators)
    extra = ""
    if economy is not None:
        extra = "AND economy = ?"
        params.append(economy)
    sql = _PRIORITY_SQL.format(marks=", ".join("?" for _ in indicators), extra=extra)
    return warehouse.query(sql, params)


def economies_frame(data_dir: Path) -> pd.DataFrame:
    """Every economy of the data model with its region, income group and LDC flag."""
    rows = [e.as_dict() for e in load_economies(data_dir)]
    return pd.DataFrame(rows)


def economy_by_code(data_dir: Path) -> dict[str, Economy]:
    return {e.iso3: e for e in load_economies(data_dir)}


@dataclass(frozen=True, slots=True)
class Breakdown:
    """Values by sex or by urban/rural: columns series, economy, year, group, value."""

    frame: pd.DataFrame
    source: str


SDG_DATASET = "unsd_sdg"
SEX_SERIES = ("IT_USE_ii99", "IT_MOB_OWN")


def load_sex_breakdown(warehouse: Warehouse) -> Breakdown:
    """SDG 17.8.1 (IT_USE_ii99) and 5.b.1 (IT_MOB_OWN) for women and men, from the warehouse.

    The warehouse holds them as breakdown codes ``IT_USE_ii99[sex=female]`` etc. (dataset
    ``unsd_sdg``, read by humanict.data.readers.read_unsd_sdg; aggregates are not loaded).
    """
    codes = [sdg_indicator_code(s, {"sex": sex}) for s in SEX_SERIES for sex in ("female", "male")]
    marks = ", ".join("?" for _ in codes)
    frame = warehouse.query(
        f"SELECT indicator, economy, year, value FROM observations "
        f"WHERE dataset = ? AND indicator IN ({marks}) ORDER BY indicator, economy, year",
        [SDG_DATASET, *codes],
    )
    parsed = [parse_sdg_indicator_code(code) for code in frame["indicator"]]
    out = pd.DataFrame(
        {
            "series": [series for series, _ in parsed],
            "economy": frame["economy"],
            "year": frame["year"].astype(int),
            "group": [dims["sex"] for _, dims in parsed],
            "value": frame["value"].astype(float),
        }
    )
    return Breakdown(out, SDG_SOURCE)


_AREA = {"URB": "urban", "RUR": "rural"}


def load_area_breakdown(data_dir: Path) -> Breakdown:
    """Daily Internet use (% of individuals) in urban and rural areas, all ages and sexes."""
    path = data_dir / DAILY_USE_FILE
    rows = []
    required = ("iso3", "year", "sex", "age", "urbanisation", "value")
    for line, row in iter_csv_rows(path, required):
        area = _AREA.get(row["urbanisation"].strip())
        if area is None or row["sex"].strip() != "_T" or row["age"].strip() != "_T":
            continue
        value = parse_number(path, line, "value", row["value"])
        if value is None:
            continue
        year = parse_year(path, line, "year", row["year"])
        rows.append(("ITU_DH_INT_USR_DAY", row["iso3"].strip().upper(), year, area, value))
    frame = pd.DataFrame(rows, columns=["series", "economy", "year", "group", "value"])
    return Breakdown(
        frame.drop_duplicates(["series", "economy", "year", "group"]), DAILY_USE_SOURCE
    )
