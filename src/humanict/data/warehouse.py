"""The DuckDB warehouse: one tidy table of observations with provenance.

Tables:

- ``observations(dataset, indicator, economy, year, value, unit, source, vintage, flag, note)``,
  one row per value; key (dataset, indicator, economy, year); ``flag`` is observed / estimate /
  imputed;
- ``datasets(id, title, publisher, licence, vintage, url, file, rows)``;
- ``indicators(code, name, unit, description)``;
- ``economies(iso3, name, member, council_region, region_confidence, stat_region,
  income_group, ldc, lldc, sids, notes)``.

A build writes a new file beside the warehouse and swaps it in with ``os.replace``, so a failed
build or import leaves the previous warehouse untouched.
"""

from __future__ import annotations

import csv
import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pandas as pd

from humanict.data.catalogue import DatasetInfo, load_catalogue
from humanict.data.readers import (
    READERS,
    Observation,
    read_itu_datahub_export,
    sdg_breakdown_name,
)
from humanict.errors import DataFileError, NotFoundError
from humanict.members import load_economies

Progress = Callable[[str, int, int], None]

_SCHEMA = """
CREATE TABLE observations (
    dataset VARCHAR NOT NULL, indicator VARCHAR NOT NULL, economy VARCHAR NOT NULL,
    year INTEGER NOT NULL, value DOUBLE NOT NULL, unit VARCHAR, source VARCHAR NOT NULL,
    vintage VARCHAR NOT NULL,
    flag VARCHAR NOT NULL CHECK (flag IN ('observed', 'estimate', 'imputed')),
    note VARCHAR,
    PRIMARY KEY (dataset, indicator, economy, year)
);
CREATE TABLE datasets (
    id VARCHAR PRIMARY KEY, title VARCHAR, publisher VARCHAR, licence VARCHAR,
    vintage VARCHAR, url VARCHAR, file VARCHAR, rows INTEGER
);
CREATE TABLE indicators (code VARCHAR PRIMARY KEY, name VARCHAR, unit VARCHAR, description VARCHAR);
CREATE TABLE economies (
    iso3 VARCHAR PRIMARY KEY, name VARCHAR, member BOOLEAN, council_region VARCHAR,
    region_confidence VARCHAR, stat_region VARCHAR, income_group VARCHAR,
    ldc BOOLEAN, lldc BOOLEAN, sids BOOLEAN, notes VARCHAR
);
"""

IMPORT_PREFIX = "import:"


@dataclass(frozen=True, slots=True)
class BuildReport:
    path: Path
    datasets: int
    observations: int
    economies: int
    seconds: float


def _frame(observations: Iterator[Observation], info: DatasetInfo) -> pd.DataFrame:
    rows = [(o.indicator, o.economy, o.year, o.value, o.unit, o.flag, o.note) for o in observations]
    frame = pd.DataFrame(
        rows, columns=["indicator", "economy", "year", "value", "unit", "flag", "note"]
    )
    frame.insert(0, "dataset", info.id)
    frame["source"] = info.publisher
    frame["vintage"] = info.vintage
    return frame[
        [
            "dataset",
            "indicator",
            "economy",
            "year",
            "value",
            "unit",
            "source",
            "vintage",
            "flag",
            "note",
        ]
    ]


def _import_infos(imports_dir: Path) -> list[DatasetInfo]:
    if not imports_dir.exists():
        return []
    infos = []
    for file in sorted(imports_dir.glob("*.csv")):
        stamp = file.name.split("-", 1)[0]
        vintage = f"{stamp[:4]}-{stamp[4:6]}-{stamp[6:8]}" if stamp.isdigit() else "unknown"
        infos.append(
            DatasetInfo(
                id=f"{IMPORT_PREFIX}{file.stem}",
                title=f"ITU DataHub export imported by a user ({file.name.split('-', 1)[-1]})",
                file=file,
                reader="itu_datahub_export",
                publisher="ITU DataHub (imported export)",
                licence="ITU terms of use (free of charge, attribution 'Source: ITU')",
                vintage=vintage,
                url="https://datahub.itu.int/",
            )
        )
    return infos


def _indicator_table(
    data_dir: Path, obs: pd.DataFrame, overrides: dict[str, dict[str, str]]
) -> pd.DataFrame:
    names: dict[str, tuple[str, str, str]] = {}
    definitions = data_dir / "ict" / "itu_datahub_series_definitions.csv"
    if definitions.exists():
        with definitions.open(newline="", encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                names[row["series_code"]] = (
                    row["series_name"],
                    row["units"],
                    row["series_description"],
                )
    baskets = data_dir / "ict" / "itu_ict_price_baskets_2008_2025.csv"
    if baskets.exists():
        frame = pd.read_csv(baskets, usecols=["code", "basket_name"], dtype=str).drop_duplicates(
            "code"
        )
        for code, name in frame.itertuples(index=False):
            names.setdefault(code, (name, "", ""))
    for code, meta in overrides.items():
        names[code] = (meta.get("name", code), meta.get("unit", ""), meta.get("description", ""))
    units = obs.groupby("indicator")["unit"].first().to_dict()
    rows = []
    for code in sorted(obs["indicator"].unique()):
        name, unit, description = names.get(code, (code, "", ""))
        base = code.split("[", 1)[0]
        if code not in names and base != code and base in names:  # an SDG series breakdown
            name, description = sdg_breakdown_name(code, names[base][0]), names[base][2]
        rows.append((code, name, unit or units.get(code, ""), description))
    return pd.DataFrame(rows, columns=["code", "name", "unit", "description"])


def build_warehouse(
    data_dir: Path,
    target: Path,
    imports_dir: Path | None = None,
    progress: Progress | None = None,
) -> BuildReport:
    """Build the warehouse from the shipped snapshot and any imported files, atomically."""
    started = datetime.now(UTC)
    catalogue = load_catalogue(data_dir)
    infos = list(catalogue.datasets) + _import_infos(imports_dir or Path("/nonexistent"))
    economies = load_economies(data_dir)
    codes = frozenset(e.iso3 for e in economies)

    frames = []
    for number, info in enumerate(infos, start=1):
        if progress:
            progress(info.id, number, len(infos))
        frames.append(_frame(READERS[info.reader](info.file, codes), info))
    obs = pd.concat(frames, ignore_index=True)
    counts = obs.groupby("dataset").size().to_dict()
    dataset_rows = pd.DataFrame(
        [
            (
                i.id,
                i.title,
                i.publisher,
                i.licence,
                i.vintage,
                i.url,
                str(
                    i.file.relative_to(data_dir) if i.file.is_relative_to(data_dir) else i.file.name
                ),
                int(counts.get(i.id, 0)),
            )
            for i in infos
        ],
        columns=["id", "title", "publisher", "licence", "vintage", "url", "file", "rows"],
    )
    economy_rows = pd.DataFrame([e.as_dict() for e in economies])
    indicator_rows = _indicator_table(data_dir, obs, catalogue.indicator_overrides)

    target.parent.mkdir(parents=True, exist_ok=True)
    staging = target.with_name(f".{target.name}.{os.getpid()}.building")
    staging.unlink(missing_ok=True)
    try:
        con = duckdb.connect(str(staging))
        try:
            con.execute(_SCHEMA)
            for table, frame in (
                ("observations", obs),
                ("datasets", dataset_rows),
                ("indicators", indicator_rows),
                ("economies", economy_rows),
            ):
                con.register("frame", frame)
                con.execute(f"INSERT INTO {table} SELECT * FROM frame")  # table names are ours
                con.unregister("frame")
            con.execute("CHECKPOINT")
        finally:
            con.close()
        os.replace(staging, target)
    finally:
        staging.unlink(missing_ok=True)
        staging.with_name(staging.name + ".wal").unlink(missing_ok=True)
    seconds = (datetime.now(UTC) - started).total_seconds()
    return BuildReport(target, len(infos), len(obs), len(economies), seconds)


def import_datahub_export(
    data_dir: Path,
    file: Path,
    target: Path,
    imports_dir: Path,
    progress: Progress | None = None,
) -> BuildReport:
    """Validate a DataHub CSV export, keep a copy, and rebuild the warehouse with it.

    The file is checked completely before anything changes; if the rebuild fails, the copy is
    removed and the previous warehouse stays as it was.
    """
    codes = frozenset(e.iso3 for e in load_economies(data_dir))
    count = sum(1 for _ in read_itu_datahub_export(file, codes))
    if count == 0:
        raise DataFileError(file, None, "dataValue", "the file has no values to import")
    imports_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%d%H%M%S")
    kept = imports_dir / f"{stamp}-{file.stem}.csv"
    shutil.copyfile(file, kept)
    try:
        return build_warehouse(data_dir, target, imports_dir, progress)
    except Exception:
        kept.unlink(missing_ok=True)
        raise


def is_stale(data_dir: Path, target: Path, imports_dir: Path | None = None) -> bool:
    """True if the warehouse is missing or older than any file it is built from."""
    if not target.exists():
        return True
    built = target.stat().st_mtime
    sources = [p for p in data_dir.rglob("*") if p.is_file()]
    if imports_dir is not None and imports_dir.exists():
        sources.extend(imports_dir.glob("*.csv"))
    return any(p.stat().st_mtime > built for p in sources)


class Warehouse:
    """Read access to a built warehouse file."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def require(self) -> None:
        if not self.path.exists():
            raise NotFoundError(
                f"no warehouse at {str(self.path)!r}; build it with `humanict data build`"
            )

    @contextmanager
    def connect(self) -> Iterator[duckdb.DuckDBPyConnection]:
        self.require()
        con = duckdb.connect(str(self.path), read_only=True)
        try:
            yield con
        finally:
            con.close()

    def query(self, sql: str, params: list[object] | None = None) -> pd.DataFrame:
        """Run one read-only query with bound parameters and return a DataFrame."""
        with self.connect() as con:
            return con.execute(sql, params or []).df()
