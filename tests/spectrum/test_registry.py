"""The satellite-network registry (SQLite and PostgreSQL): built from the snapshot, atomic, and
queried by name and position."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from humanict.errors import DataFileError, InvalidInputError, NotFoundError
from humanict.registry_db import shared_engine
from humanict.spectrum.registry import (
    COUNTED,
    build_registry,
    connect,
    ensure_registry,
    find_networks,
    get_network,
    is_stale,
    networks,
    networks_near,
    parse_longitude,
    separation,
    snl_dir,
)

from .conftest import DATA_DIR


def _count(name: str) -> int:
    with (snl_dir(DATA_DIR) / name).open(encoding="utf-8-sig", newline="") as handle:
        return sum(1 for _ in csv.DictReader(handle))


def test_every_row_of_the_snapshot_is_imported(registry: str) -> None:
    with connect(registry) as conn:
        count = {
            name: conn.execute(select(func.count()).select_from(table)).scalar_one()
            for name, table in COUNTED.items()
        }
    assert count == {
        "networks": _count("networks_20230907.csv"),
        "biu_records": _count("snl_broughtintouse_20230907.csv"),
        "suspensions": _count("snl_suspended_20230907.csv"),
        "geo_objects": _count("geo_satellitecatalog.csv"),
    }
    assert not is_stale(DATA_DIR, registry)


def test_lifecycle_stage_follows_maturity_and_bringing_into_use(registry: str) -> None:
    with connect(registry) as conn:
        query = select(networks.c.maturity, networks.c.stage, networks.c.biu_date)
        rows = conn.execute(query).all()
    for maturity, stage, biu in rows:
        if maturity == "A":
            assert stage == "advance publication"
        elif maturity == "C":
            assert stage == "coordination request"
        elif maturity == "N":
            assert stage == ("recorded in the Master Register" if biu else "notification")


def _all_rows(url: str) -> dict[str, list[tuple[object, ...]]]:
    with connect(url) as conn:
        return {
            name: sorted(conn.execute(select(table)).all(), key=repr)
            for name, table in COUNTED.items()
        }


def test_a_failed_build_leaves_the_previous_registry(tmp_path: Path, registry: str) -> None:
    before = _all_rows(registry)
    broken = tmp_path / "data"
    shutil.copytree(snl_dir(DATA_DIR), broken / "spectrum" / "itu_snl")
    path = broken / "spectrum" / "itu_snl" / "networks_20230907.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3].replace(",-177.0,", ",far west,", 1)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        build_registry(broken, registry)
    assert caught.value.line == 4 and caught.value.field == "Longitude"
    assert _all_rows(registry) == before
    assert not is_stale(DATA_DIR, registry)


def test_a_failure_while_writing_rolls_the_transaction_back(
    tmp_path: Path, registry: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A database error after the old rows are deleted (here: a duplicate key in spectrum_meta)
    leaves every table as it was."""
    from humanict.spectrum import registry as module

    before = _all_rows(registry)
    real_read = module._read

    def duplicated(folder: Path) -> dict[object, list[dict[str, object]]]:
        rows = real_read(folder)
        rows[module.spectrum_meta].append(dict(rows[module.spectrum_meta][0]))
        return rows

    monkeypatch.setattr(module, "_read", duplicated)
    with pytest.raises(Exception, match="(?i)unique|duplicate"):
        build_registry(DATA_DIR, registry)
    assert _all_rows(registry) == before


def test_a_registry_of_another_folder_or_an_older_snapshot_is_rebuilt(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'r.sqlite'}"
    assert is_stale(DATA_DIR, url)  # no tables yet
    assert ensure_registry(DATA_DIR, url) == url
    assert not is_stale(DATA_DIR, url)
    copy = tmp_path / "data"
    shutil.copytree(snl_dir(DATA_DIR), copy / "spectrum" / "itu_snl")
    assert is_stale(copy, url)  # built from another folder
    build_registry(copy, url)
    assert not is_stale(copy, url)
    newer = snl_dir(copy) / "geo_satellitecatalog.csv"
    newer.touch()
    assert is_stale(copy, url)
    shared_engine(url).dispose()


def test_the_arc_query_can_use_the_longitude_index(registry: str) -> None:
    with connect(registry) as conn:
        if conn.dialect.name == "postgresql":
            conn.exec_driver_sql("SET LOCAL enable_seqscan = off")
            plan = conn.exec_driver_sql(
                "EXPLAIN SELECT name FROM spectrum_networks WHERE longitude BETWEEN 1 AND 9 "
                "OR longitude BETWEEN 361 AND 369 OR longitude BETWEEN -359 AND -351"
            ).all()
        else:
            plan = conn.execute(
                text(
                    "EXPLAIN QUERY PLAN SELECT name FROM spectrum_networks WHERE longitude "
                    "BETWEEN 1 AND 9 OR longitude BETWEEN 361 AND 369 OR longitude BETWEEN "
                    "-359 AND -351"
                )
            ).all()
    assert "spectrum_networks_longitude" in " ".join(str(row) for row in plan)


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


def test_networks_near_a_position_lie_inside_the_arc_nearest_first(registry: str) -> None:
    with connect(registry) as conn:
        found = networks_near(conn, 178.0, 4.0)
        everything = conn.execute(select(networks.c.longitude)).all()
    gaps = [r["separation_deg"] for r in found]
    assert gaps == sorted(gaps) and max(gaps) <= 4.0
    assert any(r["longitude"] < 0 for r in found)  # across 180°
    expected = sum(1 for (lon,) in everything if separation(178.0, lon) <= 4.0)
    assert len(found) == expected


def test_filings_by_name_and_position(registry: str) -> None:
    with connect(registry) as conn:
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
