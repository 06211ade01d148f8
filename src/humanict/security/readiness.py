"""Readiness beside connectivity: IDI 2024 level and GCI 2024 tier of each Member State.

Pure functions (frames and arrays in, frames and arrays out). The rule that says whether an
economy's connectivity runs ahead of its security commitment is documented, with the figures
it yields, in docs/methodology/readiness.md.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pandas as pd

from humanict.errors import InvalidInputError
from humanict.members import Economy

FloatArray = npt.NDArray[np.float64]

CONNECTIVITY_AHEAD = "connectivity_ahead"
SECURITY_AHEAD = "security_ahead"
IN_STEP = "in_step"
NOT_SCORED = "not_scored"
BALANCES = (CONNECTIVITY_AHEAD, IN_STEP, SECURITY_AHEAD, NOT_SCORED)

DEFAULT_GAP = 25.0


@dataclass(frozen=True)
class ReadinessRule:
    """The parameters of the rule (docs/methodology/readiness.md).

    ``gap``: percentile points by which one index's percentile rank must exceed the other's
    (25 = one quartile of the compared economies). ``gci_top_tiers``: GCI tiers (by id) whose
    commitment is never said to lag (Tier 1 Role-modelling, Tier 2 Advancing: GCI >= 85).
    ``idi_top_levels``: IDI levels whose connectivity is never said to lag (Advanced: IDI >= 75).
    """

    gap: float = DEFAULT_GAP
    gci_top_tiers: tuple[str, ...] = ("tier1", "tier2")
    idi_top_levels: tuple[str, ...] = ("advanced",)

    def __post_init__(self) -> None:
        if not 0.0 < self.gap <= 100.0:
            raise InvalidInputError(
                f"gap {self.gap!r} is out of range; give percentile points above 0 and at "
                "most 100 (the default is 25, one quartile)"
            )


DEFAULT_RULE = ReadinessRule()


def percentile_rank(values: FloatArray) -> FloatArray:
    """Percentile rank of each value among all of them, 0-100, ties sharing the mean rank.

    PR = 100 * (B + 0.5 * E) / N, with B the values below, E the values equal (itself
    included) and N the count (the "mean" percentile rank, as scipy.stats.percentileofscore
    with kind="mean"); computed as 100 * (average rank - 1/2) / N with pandas' ranking.
    NaN values get NaN and are not counted.
    """
    series = pd.Series(np.asarray(values, dtype=np.float64))
    count = series.count()
    if count == 0:
        return np.full(len(series), np.nan)
    ranks = series.rank(method="average").to_numpy()
    return np.asarray(100.0 * (ranks - 0.5) / count, dtype=np.float64)


def classify_balance(
    idi_percentile: FloatArray,
    gci_percentile: FloatArray,
    idi_level: Iterable[str | None],
    gci_tier: Iterable[str | None],
    rule: ReadinessRule = DEFAULT_RULE,
) -> list[str]:
    """The balance of each economy: connectivity_ahead, security_ahead, in_step or not_scored.

    connectivity_ahead: IDI percentile - GCI percentile >= ``rule.gap`` and a GCI tier
    outside ``rule.gci_top_tiers``; security_ahead: GCI percentile - IDI percentile >=
    ``rule.gap`` and an IDI level outside ``rule.idi_top_levels``; not_scored where either
    percentile is missing.
    """
    gap = np.asarray(idi_percentile, dtype=np.float64) - np.asarray(gci_percentile, dtype=float)
    out = []
    for g, level, tier in zip(gap, idi_level, gci_tier, strict=True):
        if np.isnan(g):
            out.append(NOT_SCORED)
        elif g >= rule.gap and tier not in rule.gci_top_tiers:
            out.append(CONNECTIVITY_AHEAD)
        elif -g >= rule.gap and level not in rule.idi_top_levels:
            out.append(SECURITY_AHEAD)
        else:
            out.append(IN_STEP)
    return out


def readiness_table(
    idi: pd.DataFrame,
    gci: pd.DataFrame,
    economies: Iterable[Economy],
    rule: ReadinessRule = DEFAULT_RULE,
    *,
    idi_column: str = "idi",
    gci_column: str = "gci",
) -> pd.DataFrame:
    """One row per economy given: IDI score and level, GCI score and tier, percentiles, balance.

    ``idi`` and ``gci`` are index results (``iso3``, the index column, ``level``) as
    ``humanict.indices.compute_index`` returns them. Percentile ranks are taken among the
    given economies that both indices score, so pass the Member States only to compare them
    among themselves. Columns: ``iso3, economy, council_region, stat_region, income_group,
    idi, idi_level, gci, gci_tier, idi_percentile, gci_percentile, gap, balance``; sorted by
    gap, largest first (economies not scored last, by name).
    """
    base = pd.DataFrame(
        [
            {
                "iso3": e.iso3,
                "economy": e.name,
                "council_region": e.council_region.value if e.council_region else None,
                "stat_region": e.stat_region.value if e.stat_region else None,
                "income_group": e.income_group.value if e.income_group else None,
            }
            for e in economies
        ],
        columns=["iso3", "economy", "council_region", "stat_region", "income_group"],
    )
    left = idi[["iso3", idi_column, "level"]].rename(
        columns={idi_column: "idi", "level": "idi_level"}
    )
    right = gci[["iso3", gci_column, "level"]].rename(
        columns={gci_column: "gci", "level": "gci_tier"}
    )
    frame = base.merge(left, on="iso3", how="left").merge(right, on="iso3", how="left")
    both = frame["idi"].notna() & frame["gci"].notna()
    frame["idi_percentile"] = np.nan
    frame["gci_percentile"] = np.nan
    frame.loc[both, "idi_percentile"] = percentile_rank(frame.loc[both, "idi"].to_numpy())
    frame.loc[both, "gci_percentile"] = percentile_rank(frame.loc[both, "gci"].to_numpy())
    frame["gap"] = frame["idi_percentile"] - frame["gci_percentile"]
    frame["balance"] = classify_balance(
        frame["idi_percentile"].to_numpy(),
        frame["gci_percentile"].to_numpy(),
        frame["idi_level"].where(frame["idi_level"].notna(), None),
        frame["gci_tier"].where(frame["gci_tier"].notna(), None),
        rule,
    )
    scored = frame[both].sort_values(["gap", "economy"], ascending=[False, True])
    unscored = frame[~both].sort_values("economy")
    return pd.concat([scored, unscored], ignore_index=True)


def balance_counts(table: pd.DataFrame) -> dict[str, int]:
    """Economies per balance, every balance listed (zero where none)."""
    counts = table["balance"].value_counts()
    return {b: int(counts.get(b, 0)) for b in BALANCES}


def level_tier_crosstab(table: pd.DataFrame, levels: list[str], tiers: list[str]) -> pd.DataFrame:
    """Economies scored by both indices per IDI level (rows) and GCI tier (columns)."""
    scored = table[table["balance"] != NOT_SCORED]
    cross = pd.crosstab(scored["idi_level"], scored["gci_tier"])
    return cross.reindex(index=levels, columns=tiers, fill_value=0)
