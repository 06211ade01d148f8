"""WSIS views that read the warehouse: which mapped series it holds, and their coverage."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from humanict.data import Warehouse
from humanict.wsis.indicators import (
    codes_of_indicators,
    indicators_of_links,
    load_indicator_codes,
    load_sdg_indicators,
)
from humanict.wsis.matrix import links_of, load_matrix


def code_coverage(warehouse: Warehouse, codes: Iterable[str]) -> pd.DataFrame:
    """Coverage of each code in the warehouse: ``code, in_warehouse, indicator_name, unit,
    economies, first_year, last_year`` (economies with any value; null where absent)."""
    wanted = sorted(set(codes))
    if not wanted:
        return pd.DataFrame(
            columns=[
                "code",
                "in_warehouse",
                "indicator_name",
                "unit",
                "economies",
                "first_year",
                "last_year",
            ]
        )
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
