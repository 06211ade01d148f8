"""The satellite-network registry: ``spectrum_*`` tables of the registry database (SQLite by
default, PostgreSQL in production; see humanict.registry_db), built from the Space Network List
snapshot.

Inputs (data/spectrum/itu_snl, ITU BR Space Network List as listed on 2023-09-07):
``networks_*.csv`` (GSO networks with their highest maturity and dates),
``snl_broughtintouse_*.csv`` (bringing-into-use records, GSO and non-GSO),
``snl_suspended_*.csv`` (suspensions under RR No. 11.49) and ``geo_satellitecatalog.csv``
(geostationary objects from the SATCAT). The build checks every file before writing and replaces
the old rows in one transaction, so a failed build leaves the previous registry untouched.
"""

from __future__ import annotations

import ast
import csv
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, cast

from sqlalchemy import (
    Column,
    Connection,
    Double,
    Engine,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Select,
    Table,
    Text,
    func,
    inspect,
    or_,
    select,
)

from humanict.errors import DataFileError, InvalidInputError, NotFoundError
from humanict.registry_db import is_postgresql, shared_engine

SNAPSHOT_DATE = date(2023, 9, 7)
NETWORKS_FILE = "networks_20230907.csv"
BIU_FILE = "snl_broughtintouse_20230907.csv"
SUSPENDED_FILE = "snl_suspended_20230907.csv"
GEO_FILE = "geo_satellitecatalog.csv"
ADMINISTRATIONS_FILE = "ITUcountries.csv"
SOURCE_FILES = (NETWORKS_FILE, BIU_FILE, SUSPENDED_FILE, GEO_FILE, ADMINISTRATIONS_FILE)

# Highest maturity in the Space Network List → stage of the filing lifecycle.
STAGES = {
    "A": "advance publication",  # API, RR No. 9.1
    "C": "coordination request",  # CR/C, RR No. 9.30
    "N": "notification",  # RR No. 11.2
    "P": "plan (Appendix 30/30A/30B)",
    "P/Plan/List": "plan (Appendix 30/30A/30B)",
    "U": "not stated (U)",
}
RECORDED = "recorded in the Master Register"

metadata = MetaData()

spectrum_meta = Table(
    "spectrum_meta",
    metadata,
    Column("key", Text, primary_key=True),
    Column("value", Text, nullable=False),
)
administrations = Table(
    "spectrum_administrations",
    metadata,
    Column("symbol", Text, primary_key=True),
    Column("country", Text, nullable=False),
)
networks = Table(
    "spectrum_networks",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("name", Text, nullable=False),
    Column("longitude", Double, nullable=False),
    Column("administration", Text, nullable=False),
    Column("previous_name", Text),
    Column("planned", Integer, nullable=False),
    Column("maturity", Text, nullable=False),
    Column("stage", Text, nullable=False),
    Column("early_filing_date", Text),
    Column("late_filing_date", Text),
    Column("biu_date", Text),
    Column("link", Text),
)
Index("spectrum_networks_name", func.lower(networks.c.name))
Index("spectrum_networks_longitude", networks.c.longitude)
network_suspensions_table = Table(
    "spectrum_network_suspensions",
    metadata,
    Column("network_id", Integer, ForeignKey("spectrum_networks.id"), nullable=False, index=True),
    Column("kind", Text, nullable=False),
    Column("suspended_on", Text, nullable=False),
    Column("resumed_on", Text),
)
biu_records = Table(
    "spectrum_biu_records",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("name", Text, nullable=False),
    Column("administration", Text, nullable=False),
    Column("organisation", Text),
    Column("orbit", Text, nullable=False),
    Column("longitude", Double),
    Column("biu_date", Text, nullable=False),
    Column("status", Text, nullable=False),
    Column("biu_expiry", Text),
    Column("provision", Text, nullable=False),
)
Index("spectrum_biu_name", func.lower(biu_records.c.name))
suspensions = Table(
    "spectrum_suspensions",
    metadata,
    Column("notice_id", Text, nullable=False),
    Column("name", Text, nullable=False),
    Column("administration", Text, nullable=False),
    Column("orbit", Text, nullable=False),
    Column("longitude", Double),
    Column("status", Text, nullable=False),
    Column("kind", Text, nullable=False),
    Column("received_on", Text),
    Column("suspended_on", Text, nullable=False),
    Column("resume_limit", Text),
    Column("resumed_on", Text),
    Column("provision", Text, nullable=False),
)
Index("spectrum_suspensions_name", func.lower(suspensions.c.name))
geo_objects = Table(
    "spectrum_geo_objects",
    metadata,
    Column("cospar", Text, nullable=False),
    Column("norad", Integer, nullable=False),
    Column("name", Text, nullable=False),
    Column("country", Text),
    Column("launch_date", Text),
)
# Children before parents: the order in which a rebuild empties the tables.
DATA_TABLES = (
    network_suspensions_table,
    networks,
    biu_records,
    suspensions,
    geo_objects,
    administrations,
    spectrum_meta,
)
COUNTED = {
    "networks": networks,
    "biu_records": biu_records,
    "suspensions": suspensions,
    "geo_objects": geo_objects,
}


def snl_dir(data_dir: Path) -> Path:
    return data_dir / "spectrum" / "itu_snl"


def _iso(text: str, path: Path, line: int, field: str, formats: tuple[str, ...]) -> str | None:
    text = text.strip()
    if not text or text.lower() == "n/a":
        return None
    for fmt in formats:
        try:
            return datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    raise DataFileError(path, line, field, f"not a date: {text!r}")


def _rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    if not path.is_file():
        raise DataFileError(path, None, None, "file missing; restore data/spectrum/itu_snl")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            yield line, {(k or "").strip(): (v or "").strip() for k, v in row.items()}


def _float(text: str, path: Path, line: int, field: str) -> float:
    try:
        value = float(text)
    except ValueError as err:
        raise DataFileError(path, line, field, f"not a number: {text!r}") from err
    if not -180.0 <= value <= 180.0:
        raise DataFileError(path, line, field, f"longitude {value} outside -180..180")
    return value


def _suspension_list(text: str, path: Path, line: int) -> list[tuple[str, str, str | None]]:
    if text in ("", "n/a"):
        return []
    try:
        items = ast.literal_eval(text)
    except (ValueError, SyntaxError) as err:
        raise DataFileError(path, line, "Suspensions", "not a list of suspensions") from err
    found = []
    for item in items:
        kind, start, end = (str(part) for part in item)
        start_iso = _iso(start, path, line, "Suspensions", ("%Y-%m-%d",))
        if start_iso is None:
            raise DataFileError(path, line, "Suspensions", "suspension without a start date")
        found.append((kind, start_iso, _iso(end, path, line, "Suspensions", ("%Y-%m-%d",))))
    return found


def _read(folder: Path) -> dict[Table, list[dict[str, object]]]:
    """Every row of the snapshot, checked, as table rows (nothing is written here)."""
    rows: dict[Table, list[dict[str, object]]] = {table: [] for table in DATA_TABLES}
    path = folder / ADMINISTRATIONS_FILE
    countries = {
        row["ITU Symbol"]: row["ITU Country"].encode("ascii", "ignore").decode().strip()
        for _, row in _rows(path)
    }  # a repeated symbol keeps its last country
    rows[administrations] = [{"symbol": k, "country": v} for k, v in countries.items()]
    path = folder / NETWORKS_FILE
    ymd = ("%Y-%m-%d",)
    for line, row in _rows(path):
        maturity = row["Highest Maturity"]
        if maturity not in STAGES:
            raise DataFileError(path, line, "Highest Maturity", f"unknown code {maturity!r}")
        biu = _iso(row["Brought-into-Use Date"], path, line, "Brought-into-Use Date", ymd)
        stage = RECORDED if maturity == "N" and biu else STAGES[maturity]
        planned = row["Planned or Non-Planned"]
        if planned not in ("Planned", "Non-Planned"):
            raise DataFileError(path, line, "Planned or Non-Planned", f"unknown {planned!r}")
        previous = row["Previous Name"]
        network_id = len(rows[networks]) + 1
        rows[networks].append(
            {
                "id": network_id,
                "name": row["Network Name"],
                "longitude": _float(row["Longitude"], path, line, "Longitude"),
                "administration": row["ITU Administration"],
                "previous_name": None if previous in ("", "n/a") else previous,
                "planned": int(planned == "Planned"),
                "maturity": maturity,
                "stage": stage,
                "early_filing_date": _iso(
                    row["Early-Stage Filing Date"], path, line, "Early-Stage Filing Date", ymd
                ),
                "late_filing_date": _iso(
                    row["Late-Stage Filing Date"], path, line, "Late-Stage Filing Date", ymd
                ),
                "biu_date": biu,
                "link": row["Link"],
            }
        )
        rows[network_suspensions_table] += [
            {"network_id": network_id, "kind": kind, "suspended_on": start, "resumed_on": end}
            for kind, start, end in _suspension_list(row["Suspensions"], path, line)
        ]
    dmy = ("%d.%m.%Y",)
    path = folder / BIU_FILE
    for line, row in _rows(path):
        position = row["Long_nom"]
        ngso = position == "N-GSO"
        biu = _iso(row["Date of bringing into use"], path, line, "Date of bringing into use", dmy)
        if biu is None:
            raise DataFileError(path, line, "Date of bringing into use", "missing")
        expiry_field = "Expiry Date for Bringing Into Use"
        rows[biu_records].append(
            {
                "id": len(rows[biu_records]) + 1,
                "name": row["Satellite Name"],
                "administration": row["ADM"],
                "organisation": row["ORG"] or None,
                "orbit": "NGSO" if ngso else "GSO",
                "longitude": None if ngso else _float(position, path, line, "Long_nom"),
                "biu_date": biu,
                "status": row["Status"],
                "biu_expiry": _iso(row[expiry_field], path, line, expiry_field, dmy),
                "provision": row["Provision"],
            }
        )
    path = folder / SUSPENDED_FILE
    for line, row in _rows(path):
        position = row["Long_nom"]
        ngso = position == "N-GSO"
        suspended = _iso(row["Date of suspension"], path, line, "Date of suspension", dmy)
        if suspended is None:
            raise DataFileError(path, line, "Date of suspension", "missing")
        rows[suspensions].append(
            {
                "notice_id": row["Notice ID"],
                "name": row["Satellite&nbsp;Name"],
                "administration": row["ADM"],
                "orbit": "NGSO" if ngso else "GSO",
                "longitude": None if ngso else _float(position, path, line, "Long_nom"),
                "status": row["Status"],
                "kind": row["Type"],
                "received_on": _iso(
                    row["Date of receipt of the suspension"], path, line, "receipt", dmy
                ),
                "suspended_on": suspended,
                "resume_limit": _iso(
                    row["Date limit for the resumption"], path, line, "limit", dmy
                ),
                "resumed_on": _iso(
                    row["Date of resumption of operation"], path, line, "resumption", dmy
                ),
                "provision": row["Provision"],
            }
        )
    path = folder / GEO_FILE
    for line, row in _rows(path):
        try:
            norad = int(row["NORAD"])
        except ValueError as err:
            raise DataFileError(path, line, "NORAD", "not an integer") from err
        rows[geo_objects].append(
            {
                "cospar": row["COSPAR"],
                "norad": norad,
                "name": row["SATNAME"],
                "country": row["COUNTRY"] or None,
                "launch_date": _iso(row["LAUNCH"], path, line, "LAUNCH", ("%m/%d/%y", "%m/%d/%Y")),
            }
        )
    rows[spectrum_meta] = [
        {"key": "snapshot_date", "value": SNAPSHOT_DATE.isoformat()},
        {"key": "source", "value": str(folder)},
        {"key": "source_mtime", "value": repr(_source_mtime(folder))},
    ]
    return rows


def _source_mtime(folder: Path) -> float:
    """The newest modification time of the snapshot files (seconds since the epoch)."""
    return max((folder / name).stat().st_mtime for name in SOURCE_FILES)


@dataclass(frozen=True, slots=True)
class BuildReport:
    url: str
    networks: int
    biu_records: int
    suspensions: int
    geo_objects: int


def _display(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=True)


def build_registry(data_dir: Path, url: str) -> BuildReport:
    """(Re)build the satellite-network tables of the registry at ``url`` from the snapshot.

    Atomic: the files are read and checked first, then the old rows are replaced in one
    transaction (on PostgreSQL under an exclusive table lock, so concurrent builds queue and
    readers keep seeing the previous rows until the commit); a failure changes nothing.
    """
    rows = _read(snl_dir(data_dir))
    engine = shared_engine(url)
    metadata.create_all(engine)
    with engine.begin() as conn:
        if is_postgresql(engine):
            conn.exec_driver_sql(f"LOCK TABLE {spectrum_meta.name} IN EXCLUSIVE MODE")
        for table in DATA_TABLES:
            conn.execute(table.delete())
        for table in reversed(DATA_TABLES):
            if rows[table]:
                conn.execute(table.insert(), rows[table])
        counts = [
            conn.execute(select(func.count()).select_from(table)).scalar_one()
            for table in COUNTED.values()
        ]
    return BuildReport(_display(engine), *counts)


def is_stale(data_dir: Path, url: str) -> bool:
    """True when the registry has no satellite-network tables, was built from another folder,
    or is older than one of the snapshot files."""
    engine = shared_engine(url)
    if not inspect(engine).has_table(spectrum_meta.name):
        return True
    with engine.connect() as conn:
        found = meta(conn)
    folder = snl_dir(data_dir)
    if found.get("source") != str(folder) or "source_mtime" not in found:
        return True
    return _source_mtime(folder) > float(found["source_mtime"])


# (registry URL, snapshot folder) -> snapshot mtime the registry was last found fresh for, so a
# request costs a few file stats rather than a round trip to the database.
_fresh: dict[tuple[str, str], float] = {}


def ensure_registry(data_dir: Path, url: str) -> str:
    """Build the registry at first use (or when the snapshot is newer) and return its URL."""
    folder = snl_dir(data_dir)
    key = (url, str(folder))
    mtime = _source_mtime(folder)
    if _fresh.get(key) == mtime:
        return url
    if is_stale(data_dir, url):
        build_registry(data_dir, url)
    _fresh[key] = mtime
    return url


@contextmanager
def connect(url: str) -> Iterator[Connection]:
    """A connection to the registry for queries (rolled back when done)."""
    with shared_engine(url).connect() as conn:
        yield conn


# ---------------------------------------------------------------- queries


def parse_longitude(text: str | float) -> float:
    """``19.2E`` → 19.2, ``97W`` → -97.0, ``-97`` → -97.0 (degrees east, -180..180)."""
    if isinstance(text, int | float):
        value = float(text)
    else:
        raw = text.strip().upper().replace("°", "").replace(" ", "")
        sign = 1.0
        if raw.endswith(("E", "W")):
            sign = -1.0 if raw.endswith("W") else 1.0
            raw = raw[:-1]
            if raw.startswith("-"):
                raise InvalidInputError(
                    f"position {text!r} mixes a sign with E/W; write 97W or -97"
                )
        try:
            value = sign * float(raw)
        except ValueError as err:
            raise InvalidInputError(
                f"cannot read the orbital position {text!r}; write e.g. 19.2E, 97W or -97"
            ) from err
    if not -180.0 <= value <= 180.0:
        raise InvalidInputError(f"orbital position {text!r} is outside 180W..180E")
    return value


def format_longitude(value: float) -> str:
    return f"{abs(value):g}°{'W' if value < 0 else 'E'}"


def separation(a: float, b: float) -> float:
    """Angular distance in degrees between two GSO positions along the arc (0..180)."""
    diff = abs(a - b) % 360.0
    return min(diff, 360.0 - diff)


NETWORK_COLUMNS = (
    networks.c.name,
    networks.c.longitude,
    networks.c.administration,
    networks.c.previous_name,
    networks.c.planned,
    networks.c.maturity,
    networks.c.stage,
    networks.c.early_filing_date,
    networks.c.late_filing_date,
    networks.c.biu_date,
    networks.c.link,
    networks.c.id,
)


def _records(conn: Connection, query: Select[Any]) -> list[dict[str, object]]:
    result = conn.execute(query)
    keys = list(result.keys())
    return [dict(zip(keys, row, strict=True)) for row in result.all()]


def networks_near(conn: Connection, position: float, arc_deg: float) -> list[dict[str, object]]:
    """GSO networks within ±``arc_deg`` of ``position`` (inclusive), nearest first."""
    # Candidates from the longitude index (the window and its copies shifted by ±360°),
    # then the exact angular distance.
    low, high = position - arc_deg - 1e-6, position + arc_deg + 1e-6
    windows = [networks.c.longitude.between(low + k, high + k) for k in (0.0, 360.0, -360.0)]
    found = []
    for record in _records(conn, select(*NETWORK_COLUMNS).where(or_(*windows))):
        gap = separation(position, cast(float, record["longitude"]))
        if gap <= arc_deg + 1e-9:
            record["separation_deg"] = round(gap, 3)
            found.append(record)
    found.sort(key=lambda r: (r["separation_deg"], r["name"]))
    return found


def find_networks(
    conn: Connection, name: str | None = None, position: float | None = None
) -> list[dict[str, object]]:
    """Networks whose name (or previous name) contains ``name`` (any case; ``%`` and ``_`` are
    literal), and/or at ``position``; by name."""
    if name is None and position is None:
        raise InvalidInputError("give a network name (--name) or an orbital position (--position)")
    clauses = []
    if name is not None:
        part = name.strip().lower()
        clauses.append(
            or_(
                func.lower(networks.c.name).contains(part, autoescape=True),
                func.lower(networks.c.previous_name).contains(part, autoescape=True),
            )
        )
    if position is not None:
        clauses.append(func.abs(networks.c.longitude - position) < 0.0005)
    query = select(*NETWORK_COLUMNS).where(*clauses).order_by(networks.c.id)
    return sorted(_records(conn, query), key=lambda r: str(r["name"]))


def network_suspensions(conn: Connection, network_id: int) -> list[dict[str, object]]:
    table = network_suspensions_table
    query = select(table.c.kind, table.c.suspended_on, table.c.resumed_on).where(
        table.c.network_id == network_id
    )
    return sorted(_records(conn, query), key=lambda r: str(r["suspended_on"]))


def get_network(conn: Connection, name: str) -> dict[str, object]:
    """One network by exact name (any case); the non-planned entry when both exist."""
    query = (
        select(*NETWORK_COLUMNS)
        .where(func.lower(networks.c.name) == name.strip().lower())
        .order_by(networks.c.planned, networks.c.id)
    )
    rows = _records(conn, query)
    if not rows:
        raise NotFoundError(
            f"no network named {name!r} in the registry; search with `humanict spectrum "
            "filings --name PART`"
        )
    return rows[0]


def meta(conn: Connection) -> dict[str, str]:
    query = select(spectrum_meta.c.key, spectrum_meta.c.value)
    return {row.key: row.value for row in conn.execute(query)}
