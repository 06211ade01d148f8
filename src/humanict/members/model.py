"""The economies of the data model: ITU Member States and the territories in ICT data."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class CouncilRegion(StrEnum):
    """ITU administrative regions used for Council elections (Constitution No. 50, Res. 119)."""

    A = "A"  # Americas
    B = "B"  # Western Europe
    C = "C"  # Eastern Europe and Northern Asia
    D = "D"  # Africa
    E = "E"  # Asia and Australasia


class StatRegion(StrEnum):
    """ITU-D statistical regions used in ITU's ICT statistics."""

    AFR = "AFR"
    AMS = "AMS"
    ARB = "ARB"
    ASP = "ASP"
    CIS = "CIS"
    EUR = "EUR"


class IncomeGroup(StrEnum):
    """World Bank income groups (as carried by ITU's price-basket release)."""

    HI = "HI"
    UMI = "UMI"
    LMI = "LMI"
    LI = "LI"


@dataclass(frozen=True, slots=True)
class Economy:
    """One economy. ``member`` is False for territories that appear only in ICT data.

    ``region_confidence`` is the confidence the source gives for the Council region
    (high / medium / low); ``notes`` carries any curation applied to this record.
    """

    iso3: str
    name: str
    member: bool
    council_region: CouncilRegion | None
    region_confidence: str | None
    stat_region: StatRegion | None
    income_group: IncomeGroup | None
    ldc: bool | None
    lldc: bool | None
    sids: bool | None
    notes: str = ""

    def as_dict(self) -> dict[str, object]:
        return {
            "iso3": self.iso3,
            "name": self.name,
            "member": self.member,
            "council_region": self.council_region.value if self.council_region else None,
            "region_confidence": self.region_confidence,
            "stat_region": self.stat_region.value if self.stat_region else None,
            "income_group": self.income_group.value if self.income_group else None,
            "ldc": self.ldc,
            "lldc": self.lldc,
            "sids": self.sids,
            "notes": self.notes,
        }
