"""The warehouse: a tidy table with provenance, built and imported atomically."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from humanict.config import Settings
from humanict.data import FLAGS, Warehouse, import_datahub_export, load_catalogue
from humanict.errors import DataFileError

HEADER = (
    '"seriesID","seriesCode","seriesName","seriesParent","seriesUnits","entityID","entityIso",'
    '"entityName","dataValue","dataYear","dataNote","dataSource","seriesDescription"'
)


def _row(iso3: str = "KEN", value: str = "41.5", year: str = "2026", code: str = "i99H") -> str:
    return (
        f'11624,"{code}","Individuals using the Internet",,"%",1,"{iso3}","Synthetic",'
        f'"{value}",{year},"","ITU estimate.","synthetic test row"'
    )


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def own_warehouse(settings: Settings, scratch_settings: Settings) -> Settings:
    """A private copy of the session warehouse, so imports cannot disturb other tests."""
    scratch_settings.warehouse_path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(settings.warehouse_path, scratch_settings.warehouse_path)
    return scratch_settings


def test_tidy_table_has_provenance_and_flags(warehouse: Warehouse) -> None:
    frame = warehouse.query(
        "SELECT dataset, source, vintage, flag, count(*) AS n FROM observations GROUP BY ALL"
    )
    assert set(frame["flag"]) <= set(FLAGS)
    assert frame["source"].notna().all() and frame["vintage"].notna().all()
    datasets = warehouse.query("SELECT id, publisher, licence, vintage, rows FROM datasets")
    assert {"itu_datahub", "itu_price_baskets", "itu_idi2024_annex2", "wdi_population"} <= set(
        datasets["id"]
    )
    assert (datasets["rows"] > 0).all()
    assert datasets["licence"].str.len().gt(0).all()


def test_values_match_the_source_files(warehouse: Warehouse) -> None:
    # Spot values as printed in the shipped files (ITU DataHub; IDI 2024 Annex 2).
    kenya = warehouse.query(
        "SELECT value FROM observations WHERE dataset = 'itu_idi2024_annex2' "
        "AND indicator = 'i911mw' AND economy = 'ALB' AND year = 2022"
    )
    assert kenya["value"].tolist() == [75.3]
    estimates = warehouse.query(
        "SELECT count(*) AS n FROM observations WHERE dataset = 'itu_datahub' AND flag = 'estimate'"
    )
    assert estimates["n"][0] > 1000


def test_dashed_annex_markers_become_flags_and_notes(warehouse: Warehouse) -> None:
    # Annex 2 marks Albania's ownership as an ITU estimate and Afghanistan's coverage as of
    # another reference year (data/ict/itu_idi2024_indicators.csv).
    rows = warehouse.query(
        "SELECT economy, indicator, flag, note FROM observations WHERE dataset = "
        "'itu_idi2024_annex2' AND ((economy = 'ALB' AND indicator = 'xHH18_IDI') OR "
        "(economy = 'AFG' AND indicator = 'i271G'))"
    ).set_index("economy")
    assert rows.loc["ALB", "flag"] == "estimate"
    assert rows.loc["AFG", "note"] == "reference year other than 2022"


def test_import_adds_a_dataset(own_warehouse: Settings, tmp_path: Path) -> None:
    export = tmp_path / "synthetic_datahub_export.csv"
    export.write_text(
        "\n".join([HEADER, _row("KEN", "41.5"), _row("NGA", "39.0"), _row("FRA", "")]) + "\n"
    )
    report = import_datahub_export(
        own_warehouse.data_dir, export, own_warehouse.warehouse_path, own_warehouse.imports_dir
    )
    assert report.datasets == len(load_catalogue(own_warehouse.data_dir).datasets) + 1
    rows = Warehouse(own_warehouse.warehouse_path).query(
        "SELECT economy, value, flag FROM observations WHERE dataset LIKE 'import:%' "
        "ORDER BY economy"
    )
    assert rows.to_dict("list") == {
        "economy": ["KEN", "NGA"],
        "value": [41.5, 39.0],
        "flag": ["estimate", "estimate"],
    }
    assert len(list(own_warehouse.imports_dir.glob("*.csv"))) == 1


BAD_FILES = {
    "missing_column": (
        HEADER.replace('"dataValue",', "") + "\n" + _row(),
        1,
        "dataValue",
        "missing column",
    ),
    "non_numeric": (
        HEADER + "\n" + _row() + "\n" + _row("NGA", "n/a"),
        3,
        "dataValue",
        "not a number",
    ),
    "unknown_economy": (HEADER + "\n" + _row("QQQ"), 2, "entityIso", "unknown economy code"),
    "duplicate_key": (
        HEADER + "\n" + _row() + "\n" + _row("KEN", "42"),
        3,
        "dataYear",
        "duplicate key",
    ),
    "bad_year": (HEADER + "\n" + _row(year="20x6"), 2, "dataYear", "four-digit year"),
    "empty": ("", 1, None, "empty"),
    "truncated_row": (HEADER + "\n" + _row() + "\n" + _row("NGA")[:40], 3, None, "truncated"),
    "truncated_in_quotes": (
        HEADER + "\n" + _row() + "\n" + _row("NGA")[:100],
        3,
        None,
        "truncated",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_bad_input_names_file_line_field_and_leaves_warehouse_untouched(
    case: str, own_warehouse: Settings, tmp_path: Path
) -> None:
    text, line, field, problem = BAD_FILES[case]
    export = tmp_path / f"synthetic_{case}.csv"
    export.write_text(text)
    before = _digest(own_warehouse.warehouse_path)
    with pytest.raises(DataFileError) as caught:
        import_datahub_export(
            own_warehouse.data_dir,
            export,
            own_warehouse.warehouse_path,
            own_warehouse.imports_dir,
        )
    err = caught.value
    assert err.path == export
    assert err.line == line
    assert err.field == field
    assert problem in str(err)
    assert str(export) in str(err)
    assert _digest(own_warehouse.warehouse_path) == before
    assert not list(own_warehouse.imports_dir.glob("*.csv"))


def test_failed_build_keeps_previous_warehouse(own_warehouse: Settings, tmp_path: Path) -> None:
    from humanict.data import build_warehouse

    broken = tmp_path / "data"
    shutil.copytree(own_warehouse.data_dir, broken)
    path = broken / "ict" / "wdi_population.csv"
    text = path.read_text()
    path.write_text(text.replace("\nABW,Aruba,True,1961,55578", "\nABW,Aruba,True,1961,lots"))
    before = _digest(own_warehouse.warehouse_path)
    with pytest.raises(DataFileError, match="line 3.*'population'.*not a number"):
        build_warehouse(broken, own_warehouse.warehouse_path)
    assert _digest(own_warehouse.warehouse_path) == before
    assert [p.name for p in own_warehouse.warehouse_path.parent.iterdir()] == ["warehouse.duckdb"]


def test_a_warehouse_older_than_its_data_is_stale(tmp_path: Path) -> None:
    import os

    from humanict.data import is_stale

    data = tmp_path / "data"
    data.mkdir()
    source = data / "datasets.toml"
    source.write_text("")
    target = tmp_path / "warehouse.duckdb"
    assert is_stale(data, target)
    target.write_bytes(b"")
    os.utime(source, (1_000_000, 1_000_000))
    assert not is_stale(data, target)
    os.utime(source, None)
    os.utime(target, (1_000_000, 1_000_000))
    assert is_stale(data, target)
