"""Counts of economies per level, overall and per group (region, income)."""

from __future__ import annotations

import pandas as pd

from humanict.data import Warehouse
from humanict.errors import InvalidInputError
from humanict.indices.spec import IndexSpec

GROUPINGS = ("stat_region", "council_region", "income_group")


def level_counts(
    spec: IndexSpec, scores: pd.DataFrame, warehouse: Warehouse, by: str = "stat_region"
) -> pd.DataFrame:
    """A table of groups x levels with counts, plus a row ``all`` with the totals."""
    if by not in GROUPINGS:
        raise InvalidInputError(f"cannot group by {by!r}; choose one of {', '.join(GROUPINGS)}")
    economies = warehouse.query(f"SELECT iso3, {by} FROM economies")  # column from GROUPINGS
    frame = scores.merge(economies, on="iso3", how="left")
    frame[by] = frame[by].fillna("none (non-member or unclassified)")
    order = [lv.id for lv in spec.levels]
    table = pd.crosstab(frame[by], frame["level"]).reindex(columns=order, fill_value=0)
    table.loc["all"] = table.sum()
    table["total"] = table.sum(axis=1)
    table.columns.name = None
    return table.reset_index().rename(columns={by: "group"})
