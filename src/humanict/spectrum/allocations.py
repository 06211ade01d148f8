"""The Table of Frequency Allocations (Radio Regulations Article 5) for Regions 1-3, with footnotes.

Source: data/spectrum/allocations (transcription of the RR 2012 edition, CC BY-SA 4.0, see
data/spectrum/SOURCES.md). One row per (band, service); a row whose service is ``-`` carries the
footnotes of the whole band.

Band edges: the Table gives closed bands that meet at their edges (10.7-11.7 GHz and
11.7-12.5 GHz share 11.7 GHz). A single frequency that falls exactly on an edge is listed in
both bands, each flagged ``on_edge``; a range lists every band that overlaps it by more than a
single point.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from humanict.errors import DataFileError, InvalidInputError, NotFoundError
from humanict.spectrum.frequency import FrequencyRange, format_band, format_hz

REGIONS = (1, 2, 3)
ALLOCATION_FILES = {1: "itu1_allocations.tsv", 2: "itu2_allocations.tsv", 3: "itu3_allocations.tsv"}
FOOTNOTES_FILE = "itu_footnotes.tsv"
REGIONS_FILE = "itu_regions_by_country.tsv"
REGIONS_SUPPLEMENT_FILE = "itu_regions_supplement.csv"
PRIMARY = "primary"
SECONDARY = "secondary"


@dataclass(frozen=True, slots=True)
class ServiceAllocation:
    """One service allocated in a band: primary or secondary, with its own footnotes."""

    service: str
    category: str
    footnotes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Band:
    """One band of one Region's Table: its services and the footnotes of the whole band."""

    region: int
    lower_hz: float
    upper_hz: float
    services: tuple[ServiceAllocation, ...]
    footnotes: tuple[str, ...]
    on_edge: bool = False

    @property
    def label(self) -> str:
        return format_band(self.lower_hz, self.upper_hz)

    def all_footnotes(self) -> tuple[str, ...]:
        seen: dict[str, None] = dict.fromkeys(self.footnotes)
        for service in self.services:
            seen.update(dict.fromkeys(service.footnotes))
        return tuple(seen)


@dataclass(frozen=True, slots=True)
class AllocationTable:
    """The three Regions' bands in frequency order and the footnote texts."""

    bands: dict[int, tuple[Band, ...]]
    footnotes: dict[str, str] = field(default_factory=dict)


def allocations_dir(data_dir: Path) -> Path:
    return data_dir / "spectrum" / "allocations"


def category_of(code: str, service: str) -> str:
    """``p``/``s`` from the category column; when it is blank, the RR print convention:
    primary services are written in capitals, secondary ones in normal type."""
    code = code.strip().lower()
    if code == "p":
        return PRIMARY
    if code == "s":
        return SECONDARY
    letters = [c for c in service if c.isalpha()]
    return PRIMARY if letters and all(c.isupper() for c in letters) else SECONDARY


def printed_name(service: str, category: str) -> str:
    """The service as the Table prints it: a primary service's name in capitals, its
    qualifiers ("(space-to-Earth)", "except aeronautical mobile") in normal type."""
    if category != PRIMARY:
        return service.strip()
    text = service.strip()
    cut = min((i for i in (text.find(" ("), text.find(" except")) if i >= 0), default=len(text))
    return text[:cut].upper() + text[cut:].lower().replace("earth", "Earth")


def _refs(text: str) -> tuple[str, ...]:
    return tuple(ref.strip() for ref in text.split(",") if ref.strip())


def _read_region(path: Path, region: int) -> tuple[Band, ...]:
    if not path.is_file():
        raise DataFileError(path, None, None, "allocation table missing; restore data/spectrum")
    grouped: dict[tuple[float, float], tuple[list[ServiceAllocation], list[str]]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t")
        header = [h.strip().lower() for h in next(reader)]
        expected = ["lower_frequency", "upper_frequency", "category", "service", "footnotes"]
        missing = [name for name in expected if name not in header]
        if missing:
            raise DataFileError(path, 1, missing[0], "column missing from the header")
        col = {name: header.index(name) for name in expected}
        for line, row in enumerate(reader, start=2):
            if not any(cell.strip() for cell in row):
                continue
            row = row + [""] * (len(header) - len(row))
            try:
                lower = float(row[col["lower_frequency"]])
                upper = float(row[col["upper_frequency"]])
            except ValueError as err:
                raise DataFileError(path, line, "lower_frequency", f"not a number: {err}") from err
            if not 0 <= lower < upper:
                raise DataFileError(path, line, "upper_frequency", "band edges out of order")
            services, band_notes = grouped.setdefault((lower, upper), ([], []))
            service = row[col["service"]].strip()
            notes = _refs(row[col["footnotes"]])
            if service == "-":
                band_notes.extend(notes)
            elif service:
                category = category_of(row[col["category"]], service)
                services.append(ServiceAllocation(service, category, notes))
            else:
                raise DataFileError(path, line, "service", "empty service name")
    return tuple(
        Band(region, lower, upper, tuple(services), tuple(dict.fromkeys(notes)))
        for (lower, upper), (services, notes) in sorted(grouped.items())
    )


def _read_footnotes(path: Path) -> dict[str, str]:
    if not path.is_file():
        raise DataFileError(path, None, None, "footnote file missing; restore data/spectrum")
    texts: dict[str, str] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t")
        next(reader)
        previous: str | None = None
        for line, row in enumerate(reader, start=2):
            if len(row) == 1 and previous is not None:
                # A footnote text broken over two lines in the transcription: join it.
                texts[previous] = f"{texts[previous]} {row[0].strip()}"
                continue
            if len(row) < 2 or not row[0].strip():
                raise DataFileError(path, line, "ref", "expected a footnote number and its text")
            previous = row[0].strip()
            texts[previous] = row[1].strip()
    return texts


@lru_cache(maxsize=4)
def load_table(data_dir: Path) -> AllocationTable:
    """Read the three Regions' tables and the footnote texts (cached per data folder)."""
    folder = allocations_dir(data_dir)
    bands = {r: _read_region(folder / ALLOCATION_FILES[r], r) for r in REGIONS}
    return AllocationTable(bands, _read_footnotes(folder / FOOTNOTES_FILE))


def parse_region(value: str | int) -> int:
    """1, 2 or 3 (also accepts ``R1``, ``Region 2``, ``itu3``)."""
    text = str(value).strip().lower()
    for prefix in ("region", "itu", "r"):
        if text.startswith(prefix):
            text = text[len(prefix) :].strip()
            break
    if text in {"1", "2", "3"}:
        return int(text)
    raise InvalidInputError(f"unknown ITU Region {value!r}; use 1, 2 or 3 (RR Nos. 5.2-5.9)")


def bands_at(table: AllocationTable, frequency: FrequencyRange, region: int) -> list[Band]:
    """The bands of ``region`` at a frequency or overlapping a range (edge rule in module doc)."""
    region = parse_region(region)
    lo, hi = frequency.lower_hz, frequency.upper_hz
    found: list[Band] = []
    for band in table.bands[region]:
        if frequency.is_single:
            if band.lower_hz <= lo <= band.upper_hz:
                edge = lo in (band.lower_hz, band.upper_hz)
                found.append(
                    Band(
                        band.region,
                        band.lower_hz,
                        band.upper_hz,
                        band.services,
                        band.footnotes,
                        on_edge=edge,
                    )
                )
        elif band.lower_hz < hi and band.upper_hz > lo:
            found.append(band)
    if not found:
        top = table.bands[region][-1].upper_hz
        raise NotFoundError(
            f"no band of the Region {region} Table covers {frequency.label()}; the shipped "
            f"Table runs from 0 Hz to {format_hz(top)}"
        )
    return found


@lru_cache(maxsize=4)
def _region_codes(data_dir: Path) -> dict[str, tuple[int, str]]:
    """ISO 3166 alpha-2 (lower case) → (Region, basis) from the table and its supplement."""
    folder = allocations_dir(data_dir)
    codes: dict[str, tuple[int, str]] = {}
    path = folder / REGIONS_FILE
    with path.open(encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle, delimiter="\t"), start=2):
            region = row["itu_region"].strip()
            if not region.startswith("itu") or region[3:] not in {"1", "2", "3"}:
                raise DataFileError(path, line, "itu_region", f"unknown region {region!r}")
            codes[row["region_code"].strip().lower()] = (int(region[3:]), "earth-frequencies")
    path = folder.parent / REGIONS_SUPPLEMENT_FILE
    with path.open(encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            code = row["iso2"].strip().lower()
            if code in codes:
                raise DataFileError(path, line, "iso2", "already in the source table")
            codes[code] = (parse_region(row["itu_region"]), row["basis"].strip())
    return codes


def region_of_member(data_dir: Path, iso3: str) -> tuple[int, str]:
    """The ITU Region (RR Nos. 5.2-5.9) of a Member State, and where that placement comes from."""
    import pycountry

    from humanict.members import get_economy

    economy = get_economy(data_dir, iso3)
    if not economy.member:
        raise InvalidInputError(
            f"{economy.name} ({economy.iso3}) is not an ITU Member State; give a Member State "
            "or the Region itself with --region"
        )
    country = pycountry.countries.get(alpha_3=economy.iso3)
    placed = _region_codes(data_dir).get(country.alpha_2.lower()) if country else None
    if placed is None:
        raise NotFoundError(f"no ITU Region recorded for {economy.name}; give --region 1, 2 or 3")
    return placed


def footnote_text(table: AllocationTable, ref: str) -> str | None:
    return table.footnotes.get(ref)
