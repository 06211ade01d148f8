"""The observatory reads SDG breakdowns from the warehouse, with the same figures as the file."""

from __future__ import annotations

import csv

import pandas as pd
import pytest

from humanict.config import PROJECT_ROOT
from humanict.data import Warehouse
from humanict.observatory import gender_gaps
from humanict.observatory.service import load_sex_breakdown

DATA = PROJECT_ROOT / "data"


def _file_by_sex() -> pd.DataFrame:
    """Women's and men's values of 17.8.1 and 5.b.1 straight from the shipped CSV."""
    rows = []
    with (DATA / "ict" / "unsd_sdg_ict_series.csv").open(newline="", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            if r["series_code"] in ("IT_USE_ii99", "IT_MOB_OWN") and r["iso3"]:
                if r["sex"] in ("female", "male") and r["age"] in ("", "notspec"):
                    rows.append(
                        (r["series_code"], r["iso3"], int(r["year"]), r["sex"], float(r["value"]))
                    )
    frame = pd.DataFrame(rows, columns=["series", "economy", "year", "group", "value"])
    return frame.sort_values(["series", "economy", "year", "group"]).reset_index(drop=True)


def test_sex_breakdown_from_the_warehouse_equals_the_file(warehouse: Warehouse) -> None:
    held = load_sex_breakdown(warehouse).frame
    held = held.sort_values(["series", "economy", "year", "group"]).reset_index(drop=True)
    expected = _file_by_sex()
    assert len(held) == len(expected) > 2000
    pd.testing.assert_frame_equal(held, expected, check_dtype=False)


def test_parity_scores_are_the_file_ratios(warehouse: Warehouse) -> None:
    table = gender_gaps(DATA, warehouse, latest=False)
    wide = _file_by_sex().pivot_table(
        index=["series", "economy", "year"], columns="group", values="value"
    )
    wide = wide.dropna().reset_index()
    wide["parity"] = wide["female"] / wide["male"]
    merged = table.merge(
        wide, left_on=["series", "iso3", "year"], right_on=["series", "economy", "year"]
    )
    # Every economy of the data model with both sexes in a year has its ratio; 1472 is the row
    # count the observatory gave when it still read the file itself.
    assert len(merged) == len(table) == 1472
    assert merged["parity_x"].to_numpy() == pytest.approx(merged["parity_y"].to_numpy())
