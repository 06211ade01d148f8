"""Staffing balance: desirable ranges by Member State and gender balance by grade.

Desirable ranges follow the UN common-system method (UN Secretariat; data/governance/RULES.md
section 7, sources R24-R27): a base figure B of posts subject to geographical distribution
is split into three factors, and each Member State's mid-point is

    mid_i = w_m * B / N  +  w_p * B * pop_i / sum(pop)  +  w_c * B * contrib_i / sum(contrib)

with the weights of recent UN practice w_m = 0.40 (membership, an equal share),
w_p = 0.05 (population) and w_c = 0.55 (assessed contribution); the range is
mid_i -/+ max(flexibility * mid_i, min_half_width), flexibility 15 %, with the upper limit at
least ``min_upper``. The UN Secretariat's minimums (4.8 posts each way, upper limit at least
14 posts; R24) suit its base of several thousand posts and are off by default. GA resolution
41/206 C (1986, R25) used a 7.2 % population factor; UNESCO's variant uses 65/30/5 (R26).
Weights and flexibility are parameters. ITU itself measures representation by the five
regions, not by country ranges (R21/R22): the ranges here are for comparison.

Staff CSV (docs/governance.md)::

    staff_id,iso3,grade,gender,geographic
    S0001,KEN,P-3,F,yes

``grade`` is free text (P-1 ... D-2, G-1 ... G-7); ``gender`` F, M or X; ``geographic`` yes/no
says whether the post is subject to geographical distribution (only those count for ranges).

Contributions CSV: ``iso3,share`` (any positive numbers; they are normalised). Population is
World Bank WDI SP.POP.TOTL (data/ict/wdi_population.csv), latest year per Member State.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from humanict.errors import DataFileError, InvalidInputError

GENDERS = ("F", "M", "X")
_YES = {"yes", "y", "true", "1"}
_NO = {"no", "n", "false", "0"}


@dataclass(frozen=True)
class RangeWeights:
    """Factor weights and flexibility of the desirable-range method (UN practice by default)."""

    membership: float = 0.40
    population: float = 0.05
    contribution: float = 0.55
    flexibility: float = 0.15
    min_half_width: float = 0.0  # UN Secretariat: 4.8 posts each way (R24)
    min_upper: float = 0.0  # UN Secretariat: upper limit at least 14 posts (R24)

    def __post_init__(self) -> None:
        weights = (self.membership, self.population, self.contribution)
        if any(w < 0 for w in weights) or abs(sum(weights) - 1.0) > 1e-9:
            raise InvalidInputError(
                "membership, population and contribution weights must be >= 0 and sum to 1 "
                f"(got {sum(weights):.4f})"
            )
        if not 0 <= self.flexibility < 1:
            raise InvalidInputError("the flexibility must be between 0 and 1 (0.15 = 15 %)")
        if self.min_half_width < 0 or self.min_upper < 0:
            raise InvalidInputError("minimum range widths cannot be negative")


@dataclass(frozen=True, slots=True)
class StaffMember:
    staff_id: str
    iso3: str
    grade: str
    gender: str
    geographic: bool


def _csv(text: str, source: str, required: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    for column in required:
        if column not in header:
            raise DataFileError(source, 1, column, f"column missing; needed: {','.join(required)}")
    rows = []
    for line, raw in enumerate(reader, start=2):
        row = {k.strip().lower(): (v or "").strip() for k, v in raw.items() if k}
        if any(row.values()):
            rows.append((line, row))
    if not rows:
        raise InvalidInputError(f"{source}: no rows")
    return rows


def read_staff(
    text: str, *, source: str = "staff", members: Iterable[str] = ()
) -> list[StaffMember]:
    """Parse a staff table (see the module docstring); errors name the line and field."""
    known = set(members)
    staff = []
    seen: set[str] = set()
    for line, row in _csv(text, source, ("staff_id", "iso3", "grade", "gender", "geographic")):
        iso3 = row["iso3"].upper()
        if known and iso3 not in known:
            raise DataFileError(source, line, "iso3", f"{iso3!r} is not an ITU Member State")
        gender = row["gender"].upper()
        if gender not in GENDERS:
            raise DataFileError(source, line, "gender", f"expected F, M or X, got {gender!r}")
        geo = row["geographic"].lower()
        if geo not in _YES | _NO:
            raise DataFileError(source, line, "geographic", "expected yes or no")
        if row["staff_id"] in seen:
            raise DataFileError(source, line, "staff_id", f"duplicate id {row['staff_id']!r}")
        seen.add(row["staff_id"])
        if not row["grade"]:
            raise DataFileError(source, line, "grade", "empty grade")
        staff.append(StaffMember(row["staff_id"], iso3, row["grade"].upper(), gender, geo in _YES))
    return staff


def read_shares(text: str, *, source: str = "contributions") -> dict[str, float]:
    """``iso3,share`` rows: non-negative numbers (normalised later)."""
    shares: dict[str, float] = {}
    for line, row in _csv(text, source, ("iso3", "share")):
        try:
            value = float(row["share"])
        except ValueError:
            raise DataFileError(
                source, line, "share", f"expected a number, got {row['share']!r}"
            ) from None
        if value < 0 or not np.isfinite(value):
            raise DataFileError(source, line, "share", "a share must be a finite number >= 0")
        shares[row["iso3"].upper()] = value
    return shares


def latest_population(path: Path, members: Iterable[str]) -> dict[str, float]:
    """Latest WDI population per Member State (absent states get no population share)."""
    frame = pd.read_csv(path, usecols=["iso3", "year", "population"])
    frame = frame.dropna().sort_values("year").groupby("iso3").tail(1)
    wanted = set(members)
    return {r.iso3: float(r.population) for r in frame.itertuples() if r.iso3 in wanted}


def desirable_ranges(
    members: list[str],
    population: Mapping[str, float],
    contributions: Mapping[str, float],
    base: float,
    weights: RangeWeights | None = None,
) -> pd.DataFrame:
    """Mid-point and range per Member State (vectorised; see the module docstring)."""
    weights = weights or RangeWeights()
    if base <= 0:
        raise InvalidInputError("the base figure (posts subject to distribution) must be > 0")
    if not members:
        raise InvalidInputError("no Member States")
    pop = np.array([population.get(m, 0.0) for m in members], dtype=float)
    con = np.array([contributions.get(m, 0.0) for m in members], dtype=float)
    if pop.sum() <= 0:
        raise InvalidInputError("no population figure for any Member State")
    if con.sum() <= 0:
        raise InvalidInputError("the contribution shares sum to zero; give iso3,share rows")
    n = len(members)
    membership = np.full(n, weights.membership * base / n)
    pop_part = weights.population * base * pop / pop.sum()
    con_part = weights.contribution * base * con / con.sum()
    mid = membership + pop_part + con_part
    half = np.maximum(mid * weights.flexibility, weights.min_half_width)
    return pd.DataFrame(
        {
            "iso3": members,
            "membership_factor": membership,
            "population_factor": pop_part,
            "contribution_factor": con_part,
            "midpoint": mid,
            "lower": np.maximum(mid - half, 0.0),
            "upper": np.maximum(mid + half, weights.min_upper),
            "population_known": pop > 0,
        }
    )


def representation_status(ranges: pd.DataFrame, staff: Iterable[StaffMember]) -> pd.DataFrame:
    """Join posts subject to distribution per Member State to its range:
    unrepresented / under-represented / within range / over-represented."""
    counts = pd.Series([s.iso3 for s in staff if s.geographic], dtype=object).value_counts()
    out = ranges.copy()
    out["staff"] = out["iso3"].map(counts).fillna(0).astype(int)
    out["status"] = np.select(
        [out["staff"] == 0, out["staff"] < out["lower"], out["staff"] > out["upper"]],
        ["unrepresented", "under-represented", "over-represented"],
        default="within range",
    )
    return out


def gender_by_grade(staff: Iterable[StaffMember]) -> pd.DataFrame:
    """Women, men and others per grade, the share of women and the gap to parity (posts)."""
    frame = pd.DataFrame([{"grade": s.grade, "gender": s.gender} for s in staff])
    if frame.empty:
        raise InvalidInputError("the staff table is empty")
    table = frame.pivot_table(index="grade", columns="gender", aggfunc="size", fill_value=0)
    for g in GENDERS:
        if g not in table.columns:
            table[g] = 0
    table = table[list(GENDERS)].reset_index()
    table.columns = ["grade", "women", "men", "other"]
    total = table[["women", "men", "other"]].sum(axis=1)
    table["total"] = total
    table["share_women"] = (table["women"] / total).round(4)
    # posts that would have to change hands for women to hold half (0 when at or above parity)
    table["gap_to_parity"] = np.maximum(np.ceil(total / 2 - table["women"]), 0).astype(int)
    return table.sort_values("grade", key=lambda s: s.map(_grade_key)).reset_index(drop=True)


def _grade_key(grade: str) -> tuple[int, int, str]:
    """Order G < P < D, then by number (G-1 ... G-7, P-1 ... P-5, D-1, D-2)."""
    family = {"G": 0, "P": 1, "D": 2}.get(grade[:1], 3)
    digits = "".join(c for c in grade if c.isdigit())
    return family, int(digits) if digits else 0, grade
