"""Readers that turn each source file into tidy observations, validating as they go.

Every reader yields :class:`Observation` records and raises :class:`DataFileError` naming
the file, the 1-based line and the field at fault: a missing column, a value that is not a
number, an unknown economy code, a duplicate key, an empty or truncated file.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from humanict.errors import DataFileError

FLAGS = ("observed", "estimate", "imputed")
_ESTIMATE = re.compile(r"estimat", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Observation:
    """One value of one indicator for one economy and year."""

    indicator: str
    economy: str
    year: int
    value: float
    unit: str
    flag: str  # one of FLAGS
    note: str = ""


def iter_csv_rows(path: Path, required: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield ``(line, row)`` for each data row of a CSV file, checking its shape.

    ``line`` is the 1-based physical line where the row starts. Raises DataFileError for an
    empty file, a header without a required column, a row whose field count differs from the
    header's, and a file that ends inside a quoted field (a truncated download).
    """
    if not path.exists():
        raise DataFileError(path, None, None, "file not found; give the path of a CSV file")
    with path.open(newline="", encoding="utf-8-sig") as fh:
        reader = csv.reader(fh, strict=True)
        try:
            header = next(reader, None)
            if header is None or not any(h.strip() for h in header):
                raise DataFileError(path, 1, None, "the file is empty; expected a CSV header row")
            header = [h.strip() for h in header]
            for column in required:
                if column not in header:
                    raise DataFileError(
                        path,
                        1,
                        column,
                        f"missing column {column!r}; the header has: {', '.join(header)}",
                    )
            start = reader.line_num + 1
            for fields in reader:
                line = start
                start = reader.line_num + 1
                if not fields:
                    continue
                if len(fields) != len(header):
                    raise DataFileError(
                        path,
                        line,
                        None,
                        f"row has {len(fields)} fields but the header has {len(header)}; "
                        "the file may be truncated or a delimiter is misplaced",
                    )
                yield line, dict(zip(header, fields, strict=True))
        except csv.Error as err:
            raise DataFileError(
                path,
                reader.line_num,
                None,
                f"malformed CSV ({err}); the file may be truncated: download it again",
            ) from err


def parse_number(path: Path, line: int, field: str, text: str) -> float | None:
    """A float from a CSV cell; None for an empty cell; DataFileError otherwise."""
    text = text.strip()
    if text == "":
        return None
    try:
        value = float(text)
    except ValueError:
        raise DataFileError(path, line, field, f"{text!r} is not a number") from None
    if value != value or value in (float("inf"), float("-inf")):
        raise DataFileError(path, line, field, f"{text!r} is not a finite number")
    return value


def parse_year(path: Path, line: int, field: str, text: str) -> int:
    """A four-digit calendar year from a CSV cell."""
    text = text.strip()
    if not re.fullmatch(r"\d{4}", text):
        raise DataFileError(path, line, field, f"{text!r} is not a four-digit year")
    return int(text)


class _KeyCheck:
    """Refuses unknown economy codes and duplicate (indicator, economy, year) keys."""

    def __init__(self, path: Path, economies: frozenset[str], economy_field: str) -> None:
        self.path = path
        self.economies = economies
        self.economy_field = economy_field
        self.seen: dict[tuple[str, str, int], int] = {}

    def __call__(self, line: int, obs: Observation, key_field: str) -> Observation:
        if obs.economy not in self.economies:
            raise DataFileError(
                self.path,
                line,
                self.economy_field,
                f"unknown economy code {obs.economy!r}; use ISO 3166-1 alpha-3 codes "
                "(`humanict members list --all` lists the known economies)",
            )
        key = (obs.indicator, obs.economy, obs.year)
        if key in self.seen:
            raise DataFileError(
                self.path,
                line,
                key_field,
                f"duplicate key {key!r}: already given on line {self.seen[key]}",
            )
        self.seen[key] = line
        return obs


def _read_datahub(
    path: Path,
    economies: frozenset[str],
    *,
    code: str,
    iso3: str,
    year: str,
    value: str,
    unit: str,
    source: str,
    note: str,
) -> Iterator[Observation]:
    check = _KeyCheck(path, economies, iso3)
    for line, row in iter_csv_rows(path, (code, iso3, year, value)):
        number = parse_number(path, line, value, row[value])
        if number is None:
            continue
        flag = "estimate" if _ESTIMATE.search(row.get(source, "")) else "observed"
        obs = Observation(
            indicator=row[code].strip(),
            economy=row[iso3].strip().upper(),
            year=parse_year(path, line, year, row[year]),
            value=number,
            unit=row.get(unit, "").strip(),
            flag=flag,
            note="; ".join(
                x for x in (row.get(source, "").strip(), row.get(note, "").strip()) if x
            ),
        )
        yield check(line, obs, year)


def read_itu_datahub_tidy(path: Path, economies: frozenset[str]) -> Iterator[Observation]:
    """The shipped DataHub snapshot (``ict/itu_datahub_series.csv``)."""
    return _read_datahub(
        path,
        economies,
        code="series_code",
        iso3="iso3",
        year="year",
        value="value",
        unit="units",
        source="data_source",
        note="note",
    )


def read_itu_datahub_export(path: Path, economies: frozenset[str]) -> Iterator[Observation]:
    """A CSV downloaded from ITU DataHub (columns seriesCode, entityIso, dataYear, dataValue).

    An estimate is a value whose ``dataSource`` says so ("ITU estimate."), as DataHub marks it.
    """
    return _read_datahub(
        path,
        economies,
        code="seriesCode",
        iso3="entityIso",
        year="dataYear",
        value="dataValue",
        unit="seriesUnits",
        source="dataSource",
        note="dataNote",
    )


_BASKET_UNITS = {
    "USD": "USD per month",
    "PPP": "PPP$ per month",
    "GNIpc": "% of monthly GNI per capita",
}


def read_itu_price_baskets(path: Path, economies: frozenset[str]) -> Iterator[Observation]:
    """ITU ICT Price Baskets (long format); experimental baskets keep a note saying so."""
    check = _KeyCheck(path, economies, "iso3")
    for line, row in iter_csv_rows(path, ("iso3", "code", "unit", "year", "value", "status")):
        number = parse_number(path, line, "value", row["value"])
        if number is None:
            continue
        status = row["status"].strip()
        obs = Observation(
            indicator=row["code"].strip(),
            economy=row["iso3"].strip().upper(),
            year=parse_year(path, line, "year", row["year"]),
            value=number,
            unit=_BASKET_UNITS.get(row["unit"].strip(), row["unit"].strip()),
            flag="observed",
            note="" if status == "official" else f"basket status: {status}",
        )
        yield check(line, obs, "year")


# IDI 2024 Annex 2 column -> (DataHub indicator code, unit)
IDI2024_ANNEX_COLUMNS: dict[str, tuple[str, str]] = {
    "internet_users_pct": ("i99H", "% of individuals"),
    "households_internet_pct": ("xHH6_IDI", "% of households"),
    "mobile_broadband_subs_per100": ("i911mw", "per 100 inhabitants"),
    "cov_3g_pct": ("i271G", "% of population"),
    "cov_4g_pct": ("i271GA", "% of population"),
    "mobile_bb_traffic_gb_per_sub": ("i136mwi_subs", "GB per subscription per year"),
    "fixed_bb_traffic_gb_per_sub": ("i135tfb_subs", "GB per subscription per year"),
    "mobile_data_voice_hc_basket_pct_gni": ("i271mb_high_2GB_GNI", "% of monthly GNI per capita"),
    "fixed_bb_basket_pct_gni": ("i154_FBB5_GNI", "% of monthly GNI per capita"),
    "mobile_phone_ownership_pct": ("xHH18_IDI", "% of individuals"),
}
IDI2024_REFERENCE_YEAR = 2022


def read_itu_idi2024_annex2(path: Path, economies: frozenset[str]) -> Iterator[Observation]:
    """IDI 2024 Annex 2 values, stored at the edition's reference year 2022.

    The report's dagger (ITU estimate) becomes flag ``estimate``; its double dagger
    (reference year other than 2022) is kept as a note.
    """
    check = _KeyCheck(path, economies, "iso3")
    required = ("iso3", *IDI2024_ANNEX_COLUMNS, *(f"{c}_flag" for c in IDI2024_ANNEX_COLUMNS))
    for line, row in iter_csv_rows(path, required):
        for column, (code, unit) in IDI2024_ANNEX_COLUMNS.items():
            number = parse_number(path, line, column, row[column])
            if number is None:
                continue
            marker = row[f"{column}_flag"].strip()
            obs = Observation(
                indicator=code,
                economy=row["iso3"].strip().upper(),
                year=IDI2024_REFERENCE_YEAR,
                value=number,
                unit=unit,
                flag="estimate" if marker == "estimate" else "observed",
                note="reference year other than 2022" if marker == "ref_year_not_2022" else "",
            )
            yield check(line, obs, column)


def _read_wdi(
    path: Path, economies: frozenset[str], *, column: str, code: str, unit: str
) -> Iterator[Observation]:
    check = _KeyCheck(path, economies, "iso3")
    for line, row in iter_csv_rows(path, ("iso3", "is_country", "year", column)):
        if row["is_country"].strip().lower() != "true":
            continue  # World Bank aggregates (WLD, HIC, ...) are not economies
        number = parse_number(path, line, column, row[column])
        if number is None:
            continue
        obs = Observation(
            indicator=code,
            economy=row["iso3"].strip().upper(),
            year=parse_year(path, line, "year", row["year"]),
            value=number,
            unit=unit,
            flag="observed",
        )
        yield check(line, obs, "year")


def read_wdi_population(path: Path, economies: frozenset[str]) -> Iterator[Observation]:
    """World Bank WDI population (SP.POP.TOTL), countries only."""
    return _read_wdi(path, economies, column="population", code="SP.POP.TOTL", unit="persons")


def read_wdi_gni_per_capita(path: Path, economies: frozenset[str]) -> Iterator[Observation]:
    """World Bank WDI GNI per capita, Atlas method (NY.GNP.PCAP.CD), countries only."""
    return _read_wdi(
        path,
        economies,
        column="gni_per_capita_atlas_usd",
        code="NY.GNP.PCAP.CD",
        unit="current US$",
    )


GCI_PILLARS: dict[str, str] = {
    "legal": "GCI_LEGAL",
    "technical": "GCI_TECHNICAL",
    "organizational": "GCI_ORGANIZATIONAL",
    "capacity_development": "GCI_CAPACITY_DEVELOPMENT",
    "cooperation": "GCI_COOPERATION",
    "gci_score": "GCI_SCORE",
}


def read_itu_gci(path: Path, economies: frozenset[str]) -> Iterator[Observation]:
    """ITU Global Cybersecurity Index: five pillar scores (0-20) and the overall score.

    The year is the edition's year (2020 or 2024, from the ``edition`` column). Rows the source
    marks as reconstructed or as inconsistent with ITU's ranking table keep that in ``note``.
    """
    check = _KeyCheck(path, economies, "iso3")
    for line, row in iter_csv_rows(path, ("iso3", "edition", *GCI_PILLARS)):
        match = re.search(r"GCI (\d{4})", row["edition"])
        if not match:
            raise DataFileError(path, line, "edition", f"no GCI year in {row['edition']!r}")
        notes = [row.get("pillar_source", "").strip(), row.get("note", "").strip()]
        note = "; ".join(n for n in notes if n and "country profile" not in n)
        for column, code in GCI_PILLARS.items():
            number = parse_number(path, line, column, row[column])
            if number is None:
                continue
            obs = Observation(
                indicator=code,
                economy=row["iso3"].strip().upper(),
                year=int(match.group(1)),
                value=number,
                unit="points (0-100)" if code == "GCI_SCORE" else "points (0-20)",
                flag="observed",
                note=note,
            )
            yield check(line, obs, column)


Reader = Callable[[Path, frozenset[str]], Iterator[Observation]]

READERS: dict[str, Reader] = {
    "itu_datahub_tidy": read_itu_datahub_tidy,
    "itu_datahub_export": read_itu_datahub_export,
    "itu_price_baskets": read_itu_price_baskets,
    "itu_idi2024_annex2": read_itu_idi2024_annex2,
    "wdi_population": read_wdi_population,
    "wdi_gni_per_capita": read_wdi_gni_per_capita,
    "itu_gci": read_itu_gci,
}
