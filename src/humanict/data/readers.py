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


# UN SDG Global Database: the breakdown columns of the shipped file, in the order they appear in
# an indicator code, with the short dimension name used there; the values that mean "all" are
# left out of the code (see docs/data.md, "Breakdowns in indicator codes").
SDG_DIMENSIONS: dict[str, str] = {
    "sex": "sex",
    "age": "age",
    "location": "location",
    "type_of_skill": "skill",
    "type_of_speed": "speed",
}
SDG_TOTALS = frozenset({"", "bothsex", "notspec", "allage", "allarea", "anys"})
_SDG_UNITS = {"percent": "%", "per_100_pop": "per 100 inhabitants", "ratio": "ratio (female/male)"}
# SDG observation nature codes (UN SDG data model): E estimated, M modelled; the rest observed.
_SDG_NATURES = {
    "c": "country data",
    "ca": "country-adjusted",
    "e": "estimated",
    "m": "modelled",
    "g": "global monitoring",
    "n": "non-relevant",
}
_SDG_VALUE = re.compile(r"^[A-Za-z0-9_]+$")
_SDG_CODE = re.compile(
    r"^(?P<series>[A-Za-z0-9_]+)(?:\[(?P<dims>[a-z]+=[A-Za-z0-9_]+"
    r"(?:,[a-z]+=[A-Za-z0-9_]+)*)\])?$"
)


def sdg_indicator_code(series: str, breakdown: dict[str, str]) -> str:
    """The warehouse code of an SDG series with a breakdown, e.g. ``IT_USE_ii99[sex=female]``.

    ``breakdown`` maps the file's column names (``sex``, ``type_of_speed``, ...) to values;
    values meaning "all" (``bothsex``, ``notspec``, ``allage``, ``allarea``, ``anys``, empty)
    are left out, so the total of a series keeps the bare UN series code.
    """
    parts = [
        f"{short}={breakdown[column]}"
        for column, short in SDG_DIMENSIONS.items()
        if breakdown.get(column, "") not in SDG_TOTALS
    ]
    return f"{series}[{','.join(parts)}]" if parts else series


def parse_sdg_indicator_code(code: str) -> tuple[str, dict[str, str]]:
    """``(series, {dimension: value})`` from a code made by :func:`sdg_indicator_code`."""
    match = _SDG_CODE.match(code)
    if match is None:
        raise ValueError(f"{code!r} is not an SDG series code such as IT_USE_ii99[sex=female]")
    dims = match.group("dims")
    pairs = dict(p.split("=", 1) for p in dims.split(",")) if dims else {}
    return match.group("series"), pairs


def sdg_breakdown_name(code: str, series_name: str) -> str:
    """The name of a breakdown code: the series' name followed by its breakdown."""
    _, breakdown = parse_sdg_indicator_code(code)
    if not breakdown:
        return series_name
    return f"{series_name}; {', '.join(f'{k} {v}' for k, v in breakdown.items())}"


def read_unsd_sdg(path: Path, economies: frozenset[str]) -> Iterator[Observation]:
    """UN SDG Global Database series (ITU custodian), one indicator code per breakdown.

    Rows without an ISO3 code are regional aggregates (World, SDG regions) and are skipped, as
    the World Bank's aggregates are. The breakdown (sex, age, location, type of skill, type of
    speed) becomes part of the code (:func:`sdg_indicator_code`); nature E (estimated) and M
    (modelled) become flag ``estimate``, any nature other than C is kept in ``note``.
    """
    check = _KeyCheck(path, economies, "iso3")
    required = ("series_code", "iso3", "year", *SDG_DIMENSIONS, "units", "nature", "value")
    for line, row in iter_csv_rows(path, required):
        if not row["iso3"].strip():
            continue
        series = row["series_code"].strip()
        if not _SDG_VALUE.match(series):
            raise DataFileError(path, line, "series_code", f"{series!r} is not a UN series code")
        breakdown = {}
        for column in SDG_DIMENSIONS:
            value = row[column].strip()
            if value and not _SDG_VALUE.match(value):
                raise DataFileError(
                    path, line, column, f"{value!r} is not a code (letters, digits, '_')"
                )
            breakdown[column] = value
        nature = row["nature"].strip().lower()
        if nature not in _SDG_NATURES:
            raise DataFileError(
                path,
                line,
                "nature",
                f"unknown nature {row['nature']!r}; expected one of "
                f"{', '.join(n.upper() for n in _SDG_NATURES)}",
            )
        number = parse_number(path, line, "value", row["value"])
        if number is None:
            continue
        units = row["units"].strip()
        obs = Observation(
            indicator=sdg_indicator_code(series, breakdown),
            economy=row["iso3"].strip().upper(),
            year=parse_year(path, line, "year", row["year"]),
            value=number,
            unit=_SDG_UNITS.get(units, units),
            flag="estimate" if nature in ("e", "m") else "observed",
            note="" if nature == "c" else f"SDG nature {nature.upper()}: {_SDG_NATURES[nature]}",
        )
        yield check(line, obs, "year")


Reader = Callable[[Path, frozenset[str]], Iterator[Observation]]

READERS: dict[str, Reader] = {
    "itu_datahub_tidy": read_itu_datahub_tidy,
    "itu_datahub_export": read_itu_datahub_export,
    "itu_price_baskets": read_itu_price_baskets,
    "itu_idi2024_annex2": read_itu_idi2024_annex2,
    "wdi_population": read_wdi_population,
    "wdi_gni_per_capita": read_wdi_gni_per_capita,
    "itu_gci": read_itu_gci,
    "unsd_sdg": read_unsd_sdg,
}
