"""The SQLite registry: built from the snapshot, atomic, and queried by name and position."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from humanict.errors import DataFileError, InvalidInputError, NotFoundError
from humanict.spectrum.registry import (
    build_registry,
    connect,
    find_networks,
    get_network,
    is_stale,
    networks_near,
    parse_longitude,
    separation,
    snl_dir,
)

from .conftest import DATA_DIR


def _count(name: str) -> int:
    with (snl_dir(DATA_DIR) / name).open(encoding="utf-8-sig", newline="") as handle:
        return sum(1 for _ in csv.DictReader(handle))


def test_every_row_of_the_snapshot_is_imported(registry_file: Path) -> None:
    with connect(registry_file) as conn:
        count = {
            t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("networks", "biu_records", "suspensions", "geo_objects")
        }
    assert count == {
        "networks": _count("networks_20230907.csv"),
        "biu_records": _count("snl_broughtintouse_20230907.csv"),
        "suspensions": _count("snl_suspended_20230907.csv"),
        "geo_objects": _count("geo_satellitecatalog.csv"),
    }
    assert not is_stale(DATA_DIR, registry_file)


def test_lifecycle_stage_follows_maturity_and_bringing_into_use(registry_file: Path) -> None:
    with connect(registry_file) as conn:
        rows = conn.execute("SELECT maturity, stage, biu_date FROM networks").fetchall()
    for maturity, stage, biu in rows:
        if maturity == "A":
            assert stage == "advance publication"
        elif maturity == "C":
            assert stage == "coordination request"
        elif maturity == "N":
            assert stage == ("recorded in the Master Register" if biu else "notification")


def test_a_failed_build_leaves_the_previous_registry(tmp_path: Path, registry_file: Path) -> None:
    target = tmp_path / "spectrum.sqlite"
    shutil.copy(registry_file, target)
    before = target.read_bytes()
    broken = tmp_path / "data"
    shutil.copytree(snl_dir(DATA_DIR), broken / "spectrum" / "itu_snl")
    path = broken / "spectrum" / "itu_snl" / "networks_20230907.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3].replace(",-177.0,", ",far west,", 1)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        build_registry(broken, target)
    assert caught.value.line == 4 and caught.value.field == "Longitude"
    assert target.read_bytes() == before
    assert list(tmp_path.glob(".spectrum-*")) == []


@pytest.mark.parametrize(
    ("text", "value"),
    [("19.2E", 19.2), ("97W", -97.0), ("-97", -97.0), ("0", 0.0), ("180E", 180.0)],
)
def test_positions_parse_east_positive(text: str, value: float) -> None:
    assert parse_longitude(text) == value


@pytest.mark.parametrize("text", ["200E", "abc", "-10W", ""])
def test_bad_positions_are_refused(text: str) -> None:
    with pytest.raises(InvalidInputError):
        parse_longitude(text)


def test_separation_wraps_around_the_antimeridian() -> None:
    assert separation(179.0, -179.0) == pytest.approx(2.0)
    assert separation(10.0, 3.0) == pytest.approx(7.0)
    assert separation(-170.0, 10.0) == pytest.approx(180.0)


def test_networks_near_a_position_lie_inside_the_arc_nearest_first(registry_file: Path) -> None:
    with connect(registry_file) as conn:
        found = networks_near(conn, 178.0, 4.0)
        everything = conn.execute("SELECT longitude FROM networks").fetchall()
    gaps = [r["separation_deg"] for r in found]
    assert gaps == sorted(gaps) and max(gaps) <= 4.0
    assert any(r["longitude"] < 0 for r in found)  # across 180°
    expected = sum(1 for (lon,) in everything if separation(178.0, lon) <= 4.0)
    assert len(found) == expected


def test_filings_by_name_and_position(registry_file: Path) -> None:
    with connect(registry_file) as conn:
        astra = find_networks(conn, name="eutelsat")
        at_19_2 = find_networks(conn, position=19.2)
        assert astra and all(
            "EUTELSAT" in (r["name"] + (r["previous_name"] or "")).upper() for r in astra
        )
        assert at_19_2 and {r["longitude"] for r in at_19_2} == {19.2}
        assert get_network(conn, "gdl-6")["name"] == "GDL-6"
        with pytest.raises(NotFoundError, match="--name"):
            get_network(conn, "NO SUCH NETWORK")
        with pytest.raises(InvalidInputError):
            find_networks(conn)
        # LIKE wildcards in the user's text are literal characters
        assert find_networks(conn, name="%") == []
        underscored = find_networks(conn, name="_")
        assert underscored and all(
            "_" in r["name"] + (r["previous_name"] or "") for r in underscored
        )
