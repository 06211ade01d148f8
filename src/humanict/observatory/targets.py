"""Targets and SDG indicators as data (``data/targets/*.csv``), and their status.

A target names the warehouse indicator that measures it (empty when none does; ``parity:CODE``
for a gender parity score computed from an SDG series by sex; ``share:NUMERATOR/DENOMINATOR``
for one warehouse indicator as a percentage of another, e.g. the fixed-broadband subscriptions at
10 Mbit/s or more as a share of all of them), a comparator (``ge`` at least,
``le`` at most, ``parity`` within the parity band, ``none`` not measurable), the published value,
the threshold at which it counts as met (``met_at``), the target year and the group of economies
it applies to (``all``, ``developing`` = not high-income, ``ldc``).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path

import pandas as pd

from humanict.data.readers import iter_csv_rows
from humanict.errors import DataFileError, InvalidInputError, NotFoundError
from humanict.i18n import N_

TARGETS_FILE = Path("targets") / "targets.csv"
SDG_FILE = Path("targets") / "sdg_indicators.csv"
PARITY_PREFIX = "parity:"
SHARE_PREFIX = "share:"
PARITY_BAND = (0.98, 1.02)  # ITU Facts and Figures 2022-2024: parity within 0.98-1.02
COMPARATORS = ("ge", "le", "parity", "none")
APPLIES_TO = ("all", "developing", "ldc")

# Status labels, in the order a table sorts them.
MET, ON_TRACK, OFF_TRACK, NO_DATA, NOT_MEASURED = (
    N_("met"),
    N_("on track"),
    N_("off track"),
    N_("no data"),
    N_("not measured"),
)


@dataclass(frozen=True, slots=True)
class Target:
    id: str
    framework: str
    number: str
    title: str
    indicator: str
    comparator: str
    value: float | None
    met_at: float | None
    unit: str
    target_year: int
    applies_to: str
    source: str
    url: str
    note: str

    @property
    def measurable(self) -> bool:
        return bool(self.indicator) and self.comparator != "none"

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class SdgIndicator:
    code: str
    name: str
    definition: str
    un_series: str
    indicators: tuple[str, ...]
    custodian: str
    url: str

    def as_dict(self) -> dict[str, object]:
        out = asdict(self)
        out["indicators"] = ";".join(self.indicators)
        return out


@dataclass(frozen=True, slots=True)
class Share:
    """A measure derived from two warehouse indicators: 100 * numerator / denominator (%)."""

    numerator: str
    denominator: str


def parse_share(indicator: str) -> Share | None:
    """The share named by ``share:NUMERATOR/DENOMINATOR``; None for any other indicator.
    Raises InvalidInputError when the text after the prefix is not two codes."""
    if not indicator.startswith(SHARE_PREFIX):
        return None
    parts = indicator.removeprefix(SHARE_PREFIX).split("/")
    if len(parts) != 2 or not all(p.strip() for p in parts):
        raise InvalidInputError(
            f"{indicator!r}: write a share as share:NUMERATOR/DENOMINATOR (two warehouse codes)"
        )
    return Share(parts[0].strip(), parts[1].strip())


def share_series(numerator: pd.DataFrame, denominator: pd.DataFrame) -> pd.DataFrame:
    """Yearly share 100 * numerator / denominator (%) over the years both series hold, with a
    positive denominator. Inputs and output have columns year, value, flag; the flag is
    ``estimate`` when either value is an estimate, else the numerator's flag."""
    both = numerator[["year", "value", "flag"]].merge(
        denominator[["year", "value", "flag"]], on="year", suffixes=("_num", "_den")
    )
    both = both[both["value_den"] > 0].sort_values("year")
    estimate = (both["flag_num"] == "estimate") | (both["flag_den"] == "estimate")
    return pd.DataFrame(
        {
            "year": both["year"].astype(int),
            "value": 100.0 * both["value_num"] / both["value_den"],
            "flag": both["flag_num"].where(~estimate, "estimate"),
        }
    ).reset_index(drop=True)


def _float(path: Path, line: int, field: str, text: str) -> float | None:
    text = text.strip()
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        raise DataFileError(path, line, field, f"{text!r} is not a number") from None


_TARGET_COLUMNS = (
    "id",
    "framework",
    "number",
    "title",
    "indicator",
    "comparator",
    "value",
    "met_at",
    "unit",
    "target_year",
    "applies_to",
    "source",
    "url",
    "note",
)
_SDG_COLUMNS = ("code", "name", "definition", "un_series", "indicators", "custodian", "url")


def _rows(path: Path, required: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """Rows of a CSV with their line numbers; the shape is checked by the data readers."""
    return list(iter_csv_rows(path, required))


def load_targets(data_dir: Path) -> list[Target]:
    """Every target of ``data/targets/targets.csv``, validated."""
    path = data_dir / TARGETS_FILE
    out = []
    seen: set[str] = set()
    for line, row in _rows(path, _TARGET_COLUMNS):
        if row["comparator"] not in COMPARATORS:
            raise DataFileError(
                path, line, "comparator", f"{row['comparator']!r} is not one of {COMPARATORS}"
            )
        if row["applies_to"] not in APPLIES_TO:
            raise DataFileError(
                path, line, "applies_to", f"{row['applies_to']!r} is not one of {APPLIES_TO}"
            )
        if row["id"] in seen:
            raise DataFileError(path, line, "id", f"duplicate target id {row['id']!r}")
        seen.add(row["id"])
        try:
            year = int(row["target_year"])
        except ValueError:
            raise DataFileError(path, line, "target_year", "not a year") from None
        met_at = _float(path, line, "met_at", row["met_at"])
        try:
            share = parse_share(row["indicator"].strip())
        except InvalidInputError as exc:
            raise DataFileError(path, line, "indicator", str(exc)) from None
        if share is not None and row["comparator"] not in ("ge", "le"):
            raise DataFileError(path, line, "comparator", "a share target needs ge or le")
        if row["comparator"] in ("ge", "le", "parity") and met_at is None:
            raise DataFileError(path, line, "met_at", "a measurable target needs a threshold")
        out.append(
            Target(
                id=row["id"],
                framework=row["framework"],
                number=row["number"],
                title=row["title"],
                indicator=row["indicator"].strip(),
                comparator=row["comparator"],
                value=_float(path, line, "value", row["value"]),
                met_at=met_at,
                unit=row["unit"],
                target_year=year,
                applies_to=row["applies_to"],
                source=row["source"],
                url=row["url"],
                note=row["note"],
            )
        )
    return out


def load_sdg_indicators(data_dir: Path) -> list[SdgIndicator]:
    path = data_dir / SDG_FILE
    return [
        SdgIndicator(
            code=row["code"],
            name=row["name"],
            definition=row["definition"],
            un_series=row["un_series"],
            indicators=tuple(x for x in row["indicators"].split(";") if x),
            custodian=row["custodian"],
            url=row["url"],
        )
        for _, row in _rows(path, _SDG_COLUMNS)
    ]


def get_target(targets: list[Target], target_id: str) -> Target:
    for target in targets:
        if target.id == target_id:
            return target
    known = ", ".join(t.id for t in targets)
    raise NotFoundError(f"unknown target {target_id!r}; known targets: {known}")


def applies(target: Target, *, income_group: str | None, ldc: bool | None) -> bool:
    """Whether a target's group covers an economy (developing = not high-income)."""
    if target.applies_to == "all":
        return True
    if target.applies_to == "ldc":
        return bool(ldc)
    return income_group is not None and income_group != "HI"


def meets(value: float, comparator: str, threshold: float) -> bool:
    """Whether ``value`` meets a threshold under ``comparator`` (parity: within the band)."""
    if comparator == "ge":
        return value >= threshold
    if comparator == "le":
        return value <= threshold
    if comparator == "parity":
        return PARITY_BAND[0] <= value <= PARITY_BAND[1]
    return False


def status_of(
    *,
    comparator: str,
    threshold: float | None,
    target_year: int,
    latest: float | None,
    latest_year: int | None,
    projected: float | None,
) -> str:
    """The status label: met now, on track (the central projection meets it by the target
    year), off track, or no data."""
    if comparator == "none" or threshold is None:
        return NOT_MEASURED
    if latest is None or latest_year is None:
        return NO_DATA
    if meets(latest, comparator, threshold):
        return MET
    if latest_year >= target_year or projected is None:
        return OFF_TRACK
    return ON_TRACK if meets(projected, comparator, threshold) else OFF_TRACK
