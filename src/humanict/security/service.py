"""Read what the security views need from the warehouse and the member registry (I/O edge)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from humanict.data import Warehouse
from humanict.errors import NotFoundError
from humanict.indices import compute_index, load_spec
from humanict.members import CouncilRegion, Economy, StatRegion, filter_economies, load_economies
from humanict.security.gci import gci_table
from humanict.security.readiness import (
    CONNECTIVITY_AHEAD,
    DEFAULT_RULE,
    ReadinessRule,
    readiness_table,
)

IDI_INDEX = "idi2024"
GCI_INDEX = "gci2024"
GCI_PREVIOUS = "gci2020"


def gci2020_notes(warehouse: Warehouse) -> dict[str, str]:
    """The source's note on each GCI 2020 row that has one (data/ict/SOURCES.md section 13)."""
    frame = warehouse.query(
        "SELECT economy, min(note) AS note FROM observations WHERE dataset = 'itu_gci2020' "
        "AND note IS NOT NULL AND note <> '' GROUP BY economy"
    )
    return dict(zip(frame["economy"], frame["note"], strict=True))


def load_gci_table(warehouse: Warehouse) -> pd.DataFrame:
    """GCI 2024 (engine) beside GCI 2020, with the 2020 notes."""
    return gci_table(
        compute_index(load_spec(GCI_INDEX), warehouse),
        compute_index(load_spec(GCI_PREVIOUS), warehouse),
        gci2020_notes(warehouse),
    )


def member_states(data_dir: Path) -> list[Economy]:
    """The ITU Member States, the economies readiness compares."""
    return filter_economies(load_economies(data_dir), members_only=True)


def select_readiness(
    table: pd.DataFrame,
    *,
    region: str | None = None,
    stat_region: str | None = None,
    ahead_only: bool = False,
) -> pd.DataFrame:
    """Filter a readiness table by Council region, ITU-D region and/or the ahead flag.

    Filtering never changes percentiles: they are taken among all Member States first.
    """
    out = table
    if region is not None:
        code = region.strip().upper()
        if code not in CouncilRegion.__members__:
            raise NotFoundError(f"unknown Council region {region!r}; choose one of A, B, C, D, E")
        out = out[out["council_region"] == code]
    if stat_region is not None:
        code = stat_region.strip().upper()
        if code not in StatRegion.__members__:
            choices = ", ".join(StatRegion.__members__)
            raise NotFoundError(f"unknown ITU-D region {stat_region!r}; choose one of {choices}")
        out = out[out["stat_region"] == code]
    if ahead_only:
        out = out[out["balance"] == CONNECTIVITY_AHEAD]
    return out.reset_index(drop=True)


def load_readiness(
    warehouse: Warehouse, data_dir: Path, rule: ReadinessRule = DEFAULT_RULE
) -> pd.DataFrame:
    """The readiness table of every Member State, from IDI 2024 and GCI 2024 (engine)."""
    return readiness_table(
        compute_index(load_spec(IDI_INDEX), warehouse),
        compute_index(load_spec(GCI_INDEX), warehouse),
        member_states(data_dir),
        rule,
    )
