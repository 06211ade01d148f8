"""The UN SDG ICT series in the warehouse: one indicator code per breakdown, checked on read."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest

from humanict.config import PROJECT_ROOT
from humanict.data import Warehouse
from humanict.data.readers import (
    SDG_DIMENSIONS,
    parse_sdg_indicator_code,
    read_unsd_sdg,
    sdg_indicator_code,
)
from humanict.errors import DataFileError

SDG_FILE = PROJECT_ROOT / "data" / "ict" / "unsd_sdg_ict_series.csv"
HEADER = (
    "series_code,sdg_indicator,iso3,m49,geo_name,year,sex,age,location,type_of_skill,"
    "type_of_speed,units,nature,value"
)
ECONOMIES = frozenset({"KEN", "NER"})


def _write(tmp_path: Path, *rows: str) -> Path:
    path = tmp_path / "synthetic_sdg.csv"
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def _good(value: str = "20.5", year: str = "2019", sex: str = "female") -> str:
    return f"IT_USE_ii99,17.8.1,KEN,404,Kenya,{year},{sex},notspec,,,,percent,c,{value}"


def _csv_rows() -> list[dict[str, str]]:
    with SDG_FILE.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_codes_keep_the_breakdown_and_drop_totals() -> None:
    assert sdg_indicator_code("IT_USE_ii99", {"sex": "bothsex", "age": "notspec"}) == "IT_USE_ii99"
    assert sdg_indicator_code("IT_NET_BBND", {"type_of_speed": "10mbps", "sex": "notspec"}) == (
        "IT_NET_BBND[speed=10mbps]"
    )
    code = sdg_indicator_code(
        "SE_ADT_ACTS",
        {"sex": "female", "age": "15_24", "location": "allarea", "type_of_skill": "arsp"},
    )
    assert code == "SE_ADT_ACTS[sex=female,age=15_24,skill=arsp]"
    assert parse_sdg_indicator_code(code) == (
        "SE_ADT_ACTS",
        {"sex": "female", "age": "15_24", "skill": "arsp"},
    )
    assert parse_sdg_indicator_code("IT_MOB_OWN") == ("IT_MOB_OWN", {})
    with pytest.raises(ValueError, match="not an SDG series code"):
        parse_sdg_indicator_code("IT_MOB_OWN[sex]")


def test_reader_flags_estimates_and_skips_aggregates(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        _good(),
        "IT_USE_ii99,17.8.1,,1,World,2019,female,notspec,,,,percent,n,48.0",
        "IT_NET_BBND,17.6.1,NER,562,Niger,2019,notspec,notspec,notspec,,anys,per_100_pop,e,0.05",
    )
    obs = list(read_unsd_sdg(path, ECONOMIES))
    assert [(o.indicator, o.economy, o.flag, o.unit) for o in obs] == [
        ("IT_USE_ii99[sex=female]", "KEN", "observed", "%"),
        ("IT_NET_BBND", "NER", "estimate", "per 100 inhabitants"),
    ]
    assert obs[1].note == "SDG nature E: estimated"


@pytest.mark.parametrize(
    ("row", "line", "field", "problem"),
    [
        (_good(value="n/a"), 3, "value", "not a number"),
        (_good(year="19"), 3, "year", "four-digit year"),
        (_good().replace(",KEN,", ",XXX,"), 3, "iso3", "unknown economy code"),
        (_good().replace(",c,", ",z,"), 3, "nature", "unknown nature"),
        (_good(sex="fe male"), 3, "sex", "is not a code"),
        (_good(value="21.0"), 3, "year", "duplicate key"),
        ("IT_USE_ii99,17.8.1,KEN,404,Kenya,2020", 3, None, "fields but the header has"),
    ],
)
def test_bad_rows_name_file_line_and_field(
    tmp_path: Path, row: str, line: int, field: str | None, problem: str
) -> None:
    path = _write(tmp_path, _good(), row)
    with pytest.raises(DataFileError, match=problem) as caught:
        list(read_unsd_sdg(path, ECONOMIES))
    assert caught.value.path == path
    assert caught.value.line == line
    assert caught.value.field == field


def test_missing_column_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "no_nature.csv"
    path.write_text(HEADER.replace(",nature", "") + "\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="missing column 'nature'") as caught:
        list(read_unsd_sdg(path, ECONOMIES))
    assert (caught.value.line, caught.value.field) == (1, "nature")


def test_warehouse_holds_every_country_row_of_the_file(warehouse: Warehouse) -> None:
    rows = _csv_rows()
    countries = [r for r in rows if r["iso3"]]
    expected = Counter(
        sdg_indicator_code(r["series_code"], {c: r[c] for c in SDG_DIMENSIONS}) for r in countries
    )
    held = warehouse.query(
        "SELECT indicator, count(*) AS n FROM observations WHERE dataset = 'unsd_sdg' "
        "GROUP BY indicator"
    )
    assert dict(zip(held["indicator"], held["n"], strict=True)) == dict(expected)
    assert sum(expected.values()) == len(rows) - sum(1 for r in rows if not r["iso3"])
    datasets = warehouse.query("SELECT rows FROM datasets WHERE id = 'unsd_sdg'")
    assert datasets["rows"].tolist() == [len(countries)]
    # Estimates are exactly the rows of nature E.
    estimates = warehouse.query(
        "SELECT count(*) AS n FROM observations WHERE dataset = 'unsd_sdg' AND flag = 'estimate'"
    )
    assert estimates["n"].iloc[0] == sum(1 for r in countries if r["nature"] == "e")


def test_warehouse_values_and_names_match_the_file(warehouse: Warehouse) -> None:
    sample = [r for r in _csv_rows() if r["iso3"] == "KEN" and r["series_code"] == "IT_USE_ii99"]
    assert sample
    frame = warehouse.query(
        "SELECT indicator, year, value FROM observations WHERE dataset = 'unsd_sdg' "
        "AND economy = 'KEN' AND indicator LIKE 'IT_USE_ii99%'"
    )
    held = {(i, int(y)): v for i, y, v in frame.itertuples(index=False)}
    for r in sample:
        code = sdg_indicator_code("IT_USE_ii99", {"sex": r["sex"], "age": r["age"]})
        assert held[(code, int(r["year"]))] == float(r["value"])
    names = warehouse.query(
        "SELECT code, name, unit FROM indicators WHERE code IN "
        "('IT_USE_ii99', 'IT_USE_ii99[sex=female]', 'IT_NET_BBND[speed=10mbps]')"
    ).set_index("code")
    assert names.at["IT_USE_ii99", "name"].endswith("(SDG 17.8.1)")
    assert names.at["IT_USE_ii99[sex=female]", "name"].endswith("(SDG 17.8.1); sex female")
    assert names.at["IT_NET_BBND[speed=10mbps]", "unit"] == "per 100 inhabitants"
