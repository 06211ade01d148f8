"""The satellite-network registry: an SQLite file built from the Space Network List snapshot.

Inputs (data/spectrum/itu_snl, ITU BR Space Network List as listed on 2023-09-07):
``networks_*.csv`` (GSO networks with their highest maturity and dates),
``snl_broughtintouse_*.csv`` (bringing-into-use records, GSO and non-GSO),
``snl_suspended_*.csv`` (suspensions under RR No. 11.49) and ``geo_satellitecatalog.csv``
(geostationary objects from the SATCAT). The build writes a new file next to the old one and
renames it into place, so a failed build leaves the previous registry untouched.
"""

from __future__ import annotations

import ast
import csv
import os
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from humanict.errors import DataFileError, InvalidInputError, NotFoundError

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

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE administrations (symbol TEXT PRIMARY KEY, country TEXT NOT NULL);
CREATE TABLE networks (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    longitude REAL NOT NULL,
    administration TEXT NOT NULL,
    previous_name TEXT,
    planned INTEGER NOT NULL,
    maturity TEXT NOT NULL,
    stage TEXT NOT NULL,
    early_filing_date TEXT,
    late_filing_date TEXT,
    biu_date TEXT,
    link TEXT
);
CREATE INDEX networks_name ON networks (name COLLATE NOCASE);
CREATE INDEX networks_longitude ON networks (longitude);
CREATE TABLE network_suspensions (
    network_id INTEGER NOT NULL REFERENCES networks (id),
    kind TEXT NOT NULL,
    suspended_on TEXT NOT NULL,
    resumed_on TEXT
);
CREATE TABLE biu_records (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    administration TEXT NOT NULL,
    organisation TEXT,
    orbit TEXT NOT NULL,
    longitude REAL,
    biu_date TEXT NOT NULL,
    status TEXT NOT NULL,
    biu_expiry TEXT,
    provision TEXT NOT NULL
);
CREATE INDEX biu_name ON biu_records (name COLLATE NOCASE);
CREATE TABLE suspensions (
    notice_id TEXT NOT NULL,
    name TEXT NOT NULL,
    administration TEXT NOT NULL,
    orbit TEXT NOT NULL,
    longitude REAL,
    status TEXT NOT NULL,
    kind TEXT NOT NULL,
    received_on TEXT,
    suspended_on TEXT NOT NULL,
    resume_limit TEXT,
    resumed_on TEXT,
    provision TEXT NOT NULL
);
CREATE INDEX suspensions_name ON suspensions (name COLLATE NOCASE);
CREATE TABLE geo_objects (
    cospar TEXT NOT NULL, norad INTEGER NOT NULL, name TEXT NOT NULL,
    country TEXT, launch_date TEXT
);
"""


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


def _load(conn: sqlite3.Connection, folder: Path) -> None:
    conn.executescript(SCHEMA)
    path = folder / ADMINISTRATIONS_FILE
    conn.executemany(
        "INSERT OR REPLACE INTO administrations VALUES (?, ?)",
        [
            (row["ITU Symbol"], row["ITU Country"].encode("ascii", "ignore").decode().strip())
            for _, row in _rows(path)
        ],
    )
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
        cursor = conn.execute(
            "INSERT INTO networks (name, longitude, administration, previous_name, planned, "
            "maturity, stage, early_filing_date, late_filing_date, biu_date, link) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                row["Network Name"],
                _float(row["Longitude"], path, line, "Longitude"),
                row["ITU Administration"],
                None if previous in ("", "n/a") else previous,
                int(planned == "Planned"),
                maturity,
                stage,
                _iso(row["Early-Stage Filing Date"], path, line, "Early-Stage Filing Date", ymd),
                _iso(row["Late-Stage Filing Date"], path, line, "Late-Stage Filing Date", ymd),
                biu,
                row["Link"],
            ),
        )
        conn.executemany(
            "INSERT INTO network_suspensions VALUES (?, ?, ?, ?)",
            [(cursor.lastrowid, *s) for s in _suspension_list(row["Suspensions"], path, line)],
        )
    dmy = ("%d.%m.%Y",)
    path = folder / BIU_FILE
    for line, row in _rows(path):
        position = row["Long_nom"]
        ngso = position == "N-GSO"
        conn.execute(
            "INSERT INTO biu_records (name, administration, organisation, orbit, longitude, "
            "biu_date, status, biu_expiry, provision) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                row["Satellite Name"],
                row["ADM"],
                row["ORG"] or None,
                "NGSO" if ngso else "GSO",
                None if ngso else _float(position, path, line, "Long_nom"),
                _iso(
                    row["Date of bringing into use"], path, line, "Date of bringing into use", dmy
                ),
                row["Status"],
                _iso(
                    row["Expiry Date for Bringing Into Use"],
                    path,
                    line,
                    "Expiry Date for Bringing Into Use",
                    dmy,
                ),
                row["Provision"],
            ),
        )
    path = folder / SUSPENDED_FILE
    for line, row in _rows(path):
        position = row["Long_nom"]
        ngso = position == "N-GSO"
        suspended = _iso(row["Date of suspension"], path, line, "Date of suspension", dmy)
        if suspended is None:
            raise DataFileError(path, line, "Date of suspension", "missing")
        conn.execute(
            "INSERT INTO suspensions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                row["Notice ID"],
                row["Satellite&nbsp;Name"],
                row["ADM"],
                "NGSO" if ngso else "GSO",
                None if ngso else _float(position, path, line, "Long_nom"),
                row["Status"],
                row["Type"],
                _iso(row["Date of receipt of the suspension"], path, line, "receipt", dmy),
                suspended,
                _iso(row["Date limit for the resumption"], path, line, "limit", dmy),
                _iso(row["Date of resumption of operation"], path, line, "resumption", dmy),
                row["Provision"],
            ),
        )
    path = folder / GEO_FILE
    for line, row in _rows(path):
        try:
            norad = int(row["NORAD"])
        except ValueError as err:
            raise DataFileError(path, line, "NORAD", "not an integer") from err
        conn.execute(
            "INSERT INTO geo_objects VALUES (?, ?, ?, ?, ?)",
            (
                row["COSPAR"],
                norad,
                row["SATNAME"],
                row["COUNTRY"] or None,
                _iso(row["LAUNCH"], path, line, "LAUNCH", ("%m/%d/%y", "%m/%d/%Y")),
            ),
        )
    conn.executemany(
        "INSERT INTO meta VALUES (?, ?)",
        [("snapshot_date", SNAPSHOT_DATE.isoformat()), ("source", str(folder))],
    )


@dataclass(frozen=True, slots=True)
class BuildReport:
    path: Path
    networks: int
    biu_records: int
    suspensions: int
    geo_objects: int


def build_registry(data_dir: Path, path: Path) -> BuildReport:
    """Build the registry file from the snapshot; atomic (a failed build changes nothing)."""
    folder = snl_dir(data_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp_name = tempfile.mkstemp(prefix=".spectrum-", suffix=".sqlite", dir=path.parent)
    os.close(handle)
    tmp = Path(tmp_name)
    try:
        conn = sqlite3.connect(tmp)
        try:
            with conn:
                _load(conn, folder)
            counts = [
                conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608
                for table in ("networks", "biu_records", "suspensions", "geo_objects")
            ]
        finally:
            conn.close()
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return BuildReport(path, *counts)


def is_stale(data_dir: Path, path: Path) -> bool:
    """True when the registry is missing or older than one of its source files."""
    if not path.is_file():
        return True
    built = path.stat().st_mtime
    folder = snl_dir(data_dir)
    return any((folder / name).stat().st_mtime > built for name in SOURCE_FILES)


def ensure_registry(data_dir: Path, path: Path) -> Path:
    """Build the registry at first use (or when the snapshot is newer) and return its path."""
    if is_stale(data_dir, path):
        build_registry(data_dir, path)
    return path


@contextmanager
def connect(path: Path) -> Iterator[sqlite3.Connection]:
    """A read-only connection with rows as mappings."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    try:
        yield conn
    finally:
        conn.close()


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
    "name, longitude, administration, previous_name, planned, maturity, stage, "
    "early_filing_date, late_filing_date, biu_date, link, id"
)


def networks_near(
    conn: sqlite3.Connection, position: float, arc_deg: float
) -> list[dict[str, object]]:
    """GSO networks within ±``arc_deg`` of ``position`` (inclusive), nearest first."""
    # Candidates from the longitude index (the window and its copies shifted by ±360°),
    # then the exact angular distance.
    low, high = position - arc_deg - 1e-6, position + arc_deg + 1e-6
    windows = " OR ".join(["longitude BETWEEN ? AND ?"] * 3)
    params = [low, high, low + 360.0, high + 360.0, low - 360.0, high - 360.0]
    rows = conn.execute(
        f"SELECT {NETWORK_COLUMNS} FROM networks WHERE {windows}",  # noqa: S608
        params,
    ).fetchall()
    found = []
    for row in rows:
        gap = separation(position, row["longitude"])
        if gap <= arc_deg + 1e-9:
            record = dict(row)
            record["separation_deg"] = round(gap, 3)
            found.append(record)
    found.sort(key=lambda r: (r["separation_deg"], r["name"]))
    return found


def find_networks(
    conn: sqlite3.Connection, name: str | None = None, position: float | None = None
) -> list[dict[str, object]]:
    """Networks whose name (or previous name) contains ``name``, and/or at ``position``."""
    if name is None and position is None:
        raise InvalidInputError("give a network name (--name) or an orbital position (--position)")
    clauses, params = [], []
    if name is not None:
        clauses.append("(name LIKE ? ESCAPE '\\' OR previous_name LIKE ? ESCAPE '\\')")
        literal = name.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        params += [f"%{literal}%"] * 2
    if position is not None:
        clauses.append("abs(longitude - ?) < 0.0005")
        params.append(position)
    sql = f"SELECT {NETWORK_COLUMNS} FROM networks WHERE {' AND '.join(clauses)} ORDER BY name"
    return [dict(row) for row in conn.execute(sql, params)]  # noqa: S608


def network_suspensions(conn: sqlite3.Connection, network_id: int) -> list[dict[str, object]]:
    rows = conn.execute(
        "SELECT kind, suspended_on, resumed_on FROM network_suspensions WHERE network_id = ? "
        "ORDER BY suspended_on",
        (network_id,),
    )
    return [dict(row) for row in rows]


def get_network(conn: sqlite3.Connection, name: str) -> dict[str, object]:
    """One network by exact name (case-insensitive); the non-planned entry when both exist."""
    rows = conn.execute(
        f"SELECT {NETWORK_COLUMNS} FROM networks WHERE name = ? COLLATE NOCASE "  # noqa: S608
        "ORDER BY planned",
        (name.strip(),),
    ).fetchall()
    if not rows:
        raise NotFoundError(
            f"no network named {name!r} in the registry; search with `humanict spectrum "
            "filings --name PART`"
        )
    return dict(rows[0])


def meta(conn: sqlite3.Connection) -> dict[str, str]:
    return {row["key"]: row["value"] for row in conn.execute("SELECT key, value FROM meta")}
