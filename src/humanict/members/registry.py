"""Load the economies of the data model from the shipped snapshot.

Sources, joined on ISO3:

- ``governance/member_states.csv``: the 193 ITU Member States, Council region A-E and the
  source's ``region_confidence`` (kept visible: low-confidence placements are not hidden);
- ``ict/itu_ict_price_baskets_2008_2025.csv``: ITU-D statistical region, income group,
  LDC / LLDC / SIDS (ITU ICT Price Baskets, Dec 2025 release);
- ``ict/itu_datahub_series.csv`` and ``ict/wdi_population.csv``: names of the territories
  that appear in ICT data but are not Member States;
- ``members/curation.csv``: documented fills for Member States that the sources omit.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

import pandas as pd

from humanict.errors import DataFileError, NotFoundError
from humanict.members.model import CouncilRegion, Economy, IncomeGroup, StatRegion

_STAT_REGION_BY_ITU_LABEL = {
    "Africa": StatRegion.AFR,
    "The Americas": StatRegion.AMS,
    "Arab States": StatRegion.ARB,
    "Asia & Pacific": StatRegion.ASP,
    "CIS countries": StatRegion.CIS,
    "Europe countries": StatRegion.EUR,
}
_INCOME_BY_WB_LABEL = {
    "High income": IncomeGroup.HI,
    "Upper middle income": IncomeGroup.UMI,
    "Lower middle income": IncomeGroup.LMI,
    "Low income": IncomeGroup.LI,
}


def _flag(value: str) -> bool | None:
    return {"1": True, "0": False, "true": True, "false": False}.get(value.strip().lower())


def _read_member_states(path: Path) -> dict[str, dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    members: dict[str, dict[str, str]] = {}
    for line, row in enumerate(rows, start=2):
        iso3 = row["iso3"].strip()
        if iso3 in members:
            raise DataFileError(path, line, "iso3", f"duplicate Member State {iso3!r}")
        if row["itu_region"] not in CouncilRegion.__members__:
            raise DataFileError(path, line, "itu_region", f"unknown region {row['itu_region']!r}")
        members[iso3] = row
    return members


def _read_classifications(path: Path) -> dict[str, dict[str, str]]:
    cols = ["iso3", "name", "itu_region", "LDC", "LLDC", "SIDS", "income_2025"]
    frame = pd.read_csv(path, usecols=cols, dtype=str, keep_default_na=False)
    frame = frame.drop_duplicates("iso3").set_index("iso3")
    return frame.to_dict(orient="index")  # type: ignore[return-value]


def _read_names(paths: list[Path]) -> dict[str, str]:
    names: dict[str, str] = {}
    for path in paths:
        frame = pd.read_csv(
            path,
            usecols=lambda c: c in ("iso3", "name", "is_country"),
            dtype=str,
            keep_default_na=False,
        )
        if "is_country" in frame.columns:  # World Bank files also list aggregates
            frame = frame[frame["is_country"].str.lower() == "true"]
        frame = frame[["iso3", "name"]].drop_duplicates("iso3")
        for iso3, name in frame.itertuples(index=False):
            if iso3:
                names.setdefault(iso3, name)
    return names


def _read_curation(path: Path) -> dict[str, dict[str, str]]:
    curation: dict[str, dict[str, str]] = {}
    if not path.exists():
        return curation
    with path.open(newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            curation.setdefault(row["iso3"], {})[row["field"]] = row["value"]
            curation[row["iso3"]].setdefault("_reasons", "")
            curation[row["iso3"]]["_reasons"] += f"{row['field']}: {row['reason']}; "
    return curation


@lru_cache(maxsize=4)
def load_economies(data_dir: Path) -> tuple[Economy, ...]:
    """Return every economy (Member States first, then territories), sorted by ISO3."""
    members = _read_member_states(data_dir / "governance" / "member_states.csv")
    classes = _read_classifications(data_dir / "ict" / "itu_ict_price_baskets_2008_2025.csv")
    names = _read_names(
        [data_dir / "ict" / "itu_datahub_series.csv", data_dir / "ict" / "wdi_population.csv"]
    )
    curation = _read_curation(data_dir / "members" / "curation.csv")

    codes = sorted(set(members) | set(classes) | set(names))
    economies = []
    for iso3 in codes:
        cls = dict(classes.get(iso3, {}))
        fix = curation.get(iso3, {})
        member = members.get(iso3)
        stat = fix.get("stat_region") or _STAT_REGION_BY_ITU_LABEL.get(cls.get("itu_region", ""))
        income = fix.get("income_group") or _INCOME_BY_WB_LABEL.get(cls.get("income_2025", ""))
        name = member["name"] if member else cls.get("name") or names.get(iso3, iso3)
        economies.append(
            Economy(
                iso3=iso3,
                name=name,
                member=member is not None,
                council_region=CouncilRegion(member["itu_region"]) if member else None,
                region_confidence=member["region_confidence"] if member else None,
                stat_region=StatRegion(stat) if stat else None,
                income_group=IncomeGroup(income) if income else None,
                ldc=_flag(fix.get("ldc", cls.get("LDC", ""))),
                lldc=_flag(fix.get("lldc", cls.get("LLDC", ""))),
                sids=_flag(fix.get("sids", cls.get("SIDS", ""))),
                notes=fix.get("_reasons", "").strip().rstrip(";"),
            )
        )
    return tuple(economies)


def member_states(data_dir: Path) -> list[Economy]:
    """The 193 ITU Member States."""
    return [e for e in load_economies(data_dir) if e.member]


def get_economy(data_dir: Path, iso3: str) -> Economy:
    """One economy by ISO3 code (case-insensitive)."""
    code = iso3.strip().upper()
    for economy in load_economies(data_dir):
        if economy.iso3 == code:
            return economy
    raise NotFoundError(
        f"unknown economy {iso3!r}; use an ISO 3166-1 alpha-3 code such as 'KEN' "
        "(`humanict members list` shows them all)"
    )


def filter_economies(
    economies: tuple[Economy, ...] | list[Economy],
    *,
    council_region: str | None = None,
    stat_region: str | None = None,
    members_only: bool = True,
) -> list[Economy]:
    """Select economies by Council region (A-E) and/or ITU-D region (AFR, ...)."""
    selected = [e for e in economies if e.member or not members_only]
    if council_region is not None:
        region = council_region.strip().upper()
        if region not in CouncilRegion.__members__:
            raise NotFoundError(
                f"unknown Council region {council_region!r}; choose one of A, B, C, D, E"
            )
        selected = [e for e in selected if e.council_region == region]
    if stat_region is not None:
        region = stat_region.strip().upper()
        if region not in StatRegion.__members__:
            choices = ", ".join(StatRegion.__members__)
            raise NotFoundError(f"unknown ITU-D region {stat_region!r}; choose one of {choices}")
        selected = [e for e in selected if e.stat_region == region]
    return selected
