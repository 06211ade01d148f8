"""WSIS views that read the warehouse: which mapped series it holds, and their coverage."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from urllib.parse import quote

import pandas as pd

from humanict.data import Warehouse
from humanict.wsis.indicators import (
    codes_of_indicators,
    indicators_of_links,
    load_indicator_codes,
    load_sdg_indicators,
)
from humanict.wsis.matrix import links_of, load_matrix

COVERAGE = ["indicator_name", "unit", "economies", "first_year", "last_year"]


def code_coverage(warehouse: Warehouse, codes: Iterable[str]) -> pd.DataFrame:
    """Coverage of each code in the warehouse: ``code, in_warehouse, indicator_name, unit,
    economies, first_year, last_year`` (economies with any value; null where absent)."""
    wanted = sorted(set(codes))
    if not wanted:
        return pd.DataFrame(columns=["code", "in_warehouse", *COVERAGE])
    marks = ", ".join("?" for _ in wanted)
    # A UN SDG series code also covers its breakdowns, stored as CODE[dimension=value,...].
    found = warehouse.query(
        f"WITH o AS (SELECT split_part(indicator, '[', 1) AS code, indicator, economy, year "
        f"FROM observations WHERE split_part(indicator, '[', 1) IN ({marks})) "
        f"SELECT o.code, coalesce(any_value(e.name), split_part(min(i.name), ';', 1)) "
        f"AS indicator_name, coalesce(any_value(e.unit), min(i.unit)) AS unit, "
        f"count(DISTINCT o.economy) AS economies, min(o.year) AS first_year, "
        f"max(o.year) AS last_year FROM o JOIN indicators i ON i.code = o.indicator "
        f"LEFT JOIN indicators e ON e.code = o.code GROUP BY o.code",
        wanted,
    )
    frame = pd.DataFrame({"code": wanted}).merge(found, on="code", how="left")
    frame["in_warehouse"] = frame["code"].isin(found["code"])
    return frame[
        ["code", "in_warehouse", "indicator_name", "unit", "economies", "first_year", "last_year"]
    ]


INDICATOR_API = "/api/v1/indicators/"


def indicator_path(code: str) -> str:
    """The API path of one warehouse indicator, the code percent-encoded as one path segment
    (RFC 3986: ``[``, ``]``, ``=`` and ``,`` of breakdown codes are escaped)."""
    return INDICATOR_API + quote(code, safe="")


def breakdown_coverage(warehouse: Warehouse, series: Iterable[str]) -> pd.DataFrame:
    """The breakdown codes ``SERIES[dimension=value,...]`` the warehouse holds under each
    series, with their coverage: ``series, code, indicator_name, unit, economies, first_year,
    last_year``, sorted by series and code."""
    wanted = sorted(set(series))
    columns = ["series", "code", *COVERAGE]
    if not wanted:
        return pd.DataFrame(columns=columns)
    marks = ", ".join("?" for _ in wanted)
    found = warehouse.query(
        f"SELECT split_part(o.indicator, '[', 1) AS series, o.indicator AS code, "
        f"min(i.name) AS indicator_name, min(i.unit) AS unit, "
        f"count(DISTINCT o.economy) AS economies, min(o.year) AS first_year, "
        f"max(o.year) AS last_year FROM observations o JOIN indicators i ON i.code = o.indicator "
        f"WHERE split_part(o.indicator, '[', 1) IN ({marks}) AND o.indicator LIKE '%[%' "
        f"GROUP BY o.indicator ORDER BY series, code",
        wanted,
    )
    return found[columns].reset_index(drop=True)


def line_indicators(
    data_dir: Path, warehouse: Warehouse, query: str | None = None, *, confirmed_only: bool = False
) -> pd.DataFrame:
    """The SDG ICT indicators an action line (or every line) reaches, each with the series
    that measure it and their coverage in the warehouse. One row per (link, indicator, code).
    """
    links = load_matrix(data_dir)
    if query is not None:
        links = links_of(links, query, confirmed_only=confirmed_only)
    elif confirmed_only:
        links = links[~links["disputed"]]
    indicators = load_sdg_indicators(data_dir)
    reached = codes_of_indicators(
        indicators_of_links(links, indicators), load_indicator_codes(data_dir, indicators)
    )
    coverage = code_coverage(warehouse, reached["code"].dropna())
    return reached.merge(coverage, on="code", how="left")
