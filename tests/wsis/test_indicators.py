"""From WSIS links to the SDG ICT indicators and the warehouse series (humanict.wsis)."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from humanict.cli import app
from humanict.config import PROJECT_ROOT, Settings
from humanict.data import Warehouse
from humanict.errors import DataFileError
from humanict.wsis import (
    code_coverage,
    indicators_of_links,
    line_indicators,
    links_of,
    load_indicator_codes,
    load_matrix,
    load_sdg_indicators,
)

DATA = PROJECT_ROOT / "data"
ITU_CUSTODIAN = {"4.4.1", "5.b.1", "9.c.1", "17.6.1", "17.8.1"}


def test_every_indicator_has_a_series_and_datahub_codes_are_in_the_warehouse(
    warehouse: Warehouse,
) -> None:
    indicators = load_sdg_indicators(DATA)
    codes = load_indicator_codes(DATA, indicators)
    assert set(codes["sdg_indicator"]) == set(indicators["sdg_indicator"])
    custodians = dict(zip(indicators["sdg_indicator"], indicators["custodian"], strict=True))
    assert {k for k, v in custodians.items() if v == "ITU"} == ITU_CUSTODIAN
    datahub = codes.loc[codes["database"] == "ITU DataHub", "code"]
    coverage = code_coverage(warehouse, datahub)
    assert coverage["in_warehouse"].all()
    assert (coverage["economies"] >= 150).all()
    # Every UN SDG series code is one of the snapshot's series (data/ict/unsd_sdg_ict_series.csv).
    with (DATA / "ict" / "unsd_sdg_ict_series.csv").open(encoding="utf-8") as fh:
        header = fh.readline().strip().split(",")
        column = header.index("series_code")
        unsd = {line.split(",")[column] for line in fh}
    assert set(codes.loc[codes["database"] == "UN SDG Global Database", "code"]) <= unsd


def test_target_and_goal_links_reach_indicators() -> None:
    matrix = load_matrix(DATA)
    indicators = load_sdg_indicators(DATA)
    c2 = indicators_of_links(links_of(matrix, "C2"), indicators)
    assert c2[["target", "sdg_indicator", "via"]].values.tolist() == [["9.c", "9.c.1", "target"]]
    # C3 links every goal as a whole: it reaches every indicator, through the goal.
    c3 = indicators_of_links(links_of(matrix, "C3"), indicators)
    assert set(c3["sdg_indicator"]) == set(indicators["sdg_indicator"])
    assert set(c3["via"]) == {"goal"}


def test_line_indicators_reports_coverage(settings: Settings, warehouse: Warehouse) -> None:
    table = line_indicators(settings.data_dir, warehouse, "C10")
    assert set(table["sdg_indicator"]) == {"17.6.1", "17.8.1"}
    held = table[table["in_warehouse"]]
    assert set(held["code"]) == {"i992b", "i99H", "IT_NET_BBND", "IT_USE_ii99"}
    assert held.loc[held["database"] == "ITU DataHub", "last_year"].min() >= 2024


def test_every_un_sdg_series_is_held_with_the_file_coverage(warehouse: Warehouse) -> None:
    # The unsd_sdg dataset holds each mapped UN series (its breakdowns included) for exactly the
    # economies and years of the file's country rows.
    codes = load_indicator_codes(DATA, load_sdg_indicators(DATA))
    unsd = codes.loc[codes["database"] == "UN SDG Global Database", "code"]
    coverage = code_coverage(warehouse, unsd).set_index("code")
    assert coverage["in_warehouse"].all()
    with (DATA / "ict" / "unsd_sdg_ict_series.csv").open(newline="", encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r["iso3"]]
    for code in unsd:
        mine = [r for r in rows if r["series_code"] == code]
        assert coverage.at[code, "economies"] == len({r["iso3"] for r in mine})
        assert coverage.at[code, "first_year"] == min(int(r["year"]) for r in mine)
        assert coverage.at[code, "last_year"] == max(int(r["year"]) for r in mine)
    assert coverage.at["SE_ADT_ACTS", "indicator_name"].endswith("(SDG 4.4.1)")


def test_mapping_with_unknown_indicator_is_rejected(tmp_path: Path) -> None:
    shutil.copytree(DATA / "wsis", tmp_path / "wsis")
    codes = tmp_path / "wsis" / "sdg_indicator_codes.csv"
    codes.write_text(codes.read_text() + "9.c.9,i271G,ITU DataHub,same,synthetic bad row\n")
    with pytest.raises(DataFileError, match="not listed") as caught:
        load_indicator_codes(tmp_path, load_sdg_indicators(tmp_path))
    assert caught.value.field == "sdg_indicator"
    assert caught.value.line == len(codes.read_text().splitlines())


def test_cli_indicators(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HUMANICT_WAREHOUSE_PATH", str(settings.warehouse_path))
    result = CliRunner().invoke(app, ["wsis", "indicators", "C9", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert {r["sdg_indicator"] for r in rows} == {"5.b.1", "9.c.1"}
    assert any(r["code"] == "xHH18_IDI" and r["in_warehouse"] for r in rows)
