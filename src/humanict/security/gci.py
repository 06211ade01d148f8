"""The Global Cybersecurity Index table: GCI 2024 beside GCI 2020, with the source's notes.

Pure: index results in, a frame out. Scores come from the index engine (specs gci2024 and
gci2020, docs/methodology/gci.md); the notes on GCI 2020 rows (reconstructed rows, ranking
table inconsistent with the profile) come from data/ict/SOURCES.md section 13 via the warehouse.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

PILLARS = ("legal", "technical", "organizational", "capacity_development", "cooperation")


def tier_number(level: str | None) -> int | None:
    """The tier number of a GCI level id ('tier3' -> 3), None for no tier."""
    if not isinstance(level, str) or not level.startswith("tier"):
        return None
    return int(level.removeprefix("tier"))


def flag_of_note(note: str) -> str:
    """A short flag for a GCI 2020 note: 'reconstructed', 'ranking_table_differs' or ''.

    The notes are those of data/ict/gci_2020_scores.csv (SOURCES.md section 13): rows the
    source rebuilt from the PDF profile and Data360, and the three adjacent-rank pairs whose
    ranking-table score differs from the profile.
    """
    if note.startswith("reconstructed"):
        return "reconstructed"
    if note.startswith("ranking-table"):
        return "ranking_table_differs"
    return ""


def gci_table(
    gci2024: pd.DataFrame, gci2020: pd.DataFrame, notes2020: Mapping[str, str]
) -> pd.DataFrame:
    """One row per economy GCI 2024 scores: score, tier, pillars, GCI 2020 and the change.

    Columns: ``iso3, economy, member, gci, tier, level, <pillars>, gci2020, change, flag2020,
    note2020`` (GCI 2020 published ranks, not tiers). ``change`` = GCI 2024 - GCI 2020 in
    points (0-100 scale); ``note2020`` is the source's note on the 2020 row (empty where there
    is none). Sorted by GCI 2024, best first, then by name.
    """
    frame = gci2024[["iso3", "economy", "member", "gci", "level", *PILLARS]].copy()
    frame["tier"] = [tier_number(v) for v in frame["level"]]
    old = gci2020[["iso3", "gci"]].rename(columns={"gci": "gci2020"})
    frame = frame.merge(old, on="iso3", how="left")
    frame["change"] = frame["gci"] - frame["gci2020"]
    frame["note2020"] = [notes2020.get(code, "") for code in frame["iso3"]]
    frame["flag2020"] = [flag_of_note(note) for note in frame["note2020"]]
    order = ["iso3", "economy", "member", "gci", "tier", "level", *PILLARS]
    frame = frame[[*order, "gci2020", "change", "flag2020", "note2020"]]
    return frame.sort_values(["gci", "economy"], ascending=[False, True], ignore_index=True)
