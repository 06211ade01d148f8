"""Rank the economies that call for attention, with the reason for each.

An economy gets one flag per gap that exceeds its threshold:

- ``offline``: more than ``OFFLINE_PCT`` % of people offline (the complement of the
  Broadband Commission's 65% target for developing countries);
- ``gender``: gender parity score of Internet use or mobile ownership below 0.98 (ITU's band);
- ``urban_rural``: rural daily Internet use more than ``AREA_GAP_PP`` points below urban;
- ``affordability``: the entry-level mobile-broadband basket above 2% of monthly GNI p.c.

The rank orders by number of flags, then by people offline (most first). Every number behind a
flag is in the row, so the ranking can be checked by hand.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from humanict.i18n import DEFAULT, gettext, using
from humanict.observatory.gaps import AFFORDABILITY_TARGET_PCT_GNI
from humanict.observatory.targets import PARITY_BAND

OFFLINE_PCT = 35.0
AREA_GAP_PP = 10.0


def _millions(people: float) -> str:
    if people >= 1e9:
        return gettext("%(n).2f billion") % {"n": people / 1e9}
    return gettext("%(n).1f million") % {"n": people / 1e6} if people >= 1e5 else f"{people:,.0f}"


def _reasons(row: Mapping[str, Any]) -> list[str]:
    out = []
    if row["flag_offline"]:
        out.append(
            gettext("%(people)s people offline (%(pct).0f%%)")
            % {"people": _millions(row["offline"]), "pct": row["offline_pct"]}
        )
    if row["flag_gender"]:
        parts = []
        if pd.notna(row["parity_internet"]) and row["parity_internet"] < PARITY_BAND[0]:
            parts.append(gettext("Internet use %(score).2f") % {"score": row["parity_internet"]})
        if pd.notna(row["parity_mobile"]) and row["parity_mobile"] < PARITY_BAND[0]:
            parts.append(gettext("mobile ownership %(score).2f") % {"score": row["parity_mobile"]})
        out.append(gettext("gender parity score %(parts)s") % {"parts": ", ".join(parts)})
    if row["flag_urban_rural"]:
        out.append(
            gettext("rural daily Internet use %(gap).0f points below urban")
            % {"gap": row["urban_rural_gap_pp"]}
        )
    if row["flag_affordability"]:
        out.append(
            gettext("mobile broadband costs %(pct).1f%% of monthly GNI p.c.")
            % {"pct": row["mobile_basket_pct_gni"]}
        )
    return out


def reasons_text(row: Mapping[str, Any]) -> str:
    """The reasons of a ranked row (its flag_* and gap columns) in the current language; the
    table's ``reasons`` column keeps them in English."""
    return "; ".join(_reasons(row))


def rank_priorities(gaps: pd.DataFrame) -> pd.DataFrame:
    """Flag and rank economies. ``gaps`` has one row per economy with columns iso3, economy,
    stat_region, income_group, offline, offline_pct, parity_internet, parity_mobile,
    urban_rural_gap_pp, mobile_basket_pct_gni (NaN where unknown). Adds flag_* columns,
    ``flags``, ``reasons`` (a '; '-joined sentence) and ``rank``; economies with no flag are
    left out."""
    table = gaps.copy()
    table["flag_offline"] = table["offline_pct"] > OFFLINE_PCT
    table["flag_gender"] = (table["parity_internet"] < PARITY_BAND[0]) | (
        table["parity_mobile"] < PARITY_BAND[0]
    )
    table["flag_urban_rural"] = table["urban_rural_gap_pp"] > AREA_GAP_PP
    table["flag_affordability"] = table["mobile_basket_pct_gni"] > AFFORDABILITY_TARGET_PCT_GNI
    flags = ["flag_offline", "flag_gender", "flag_urban_rural", "flag_affordability"]
    table["flags"] = table[flags].sum(axis=1).astype(int)
    table = table[table["flags"] > 0].copy()
    with using(DEFAULT):  # the table (API, CSV, CLI) speaks English
        table["reasons"] = [reasons_text(row) for _, row in table.iterrows()]
    table["_people"] = table["offline"].fillna(-1.0)
    table = table.sort_values(["flags", "_people"], ascending=[False, False]).drop(
        columns="_people"
    )
    table.insert(0, "rank", np.arange(1, len(table) + 1))
    return table.reset_index(drop=True)
