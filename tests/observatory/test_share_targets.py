"""Share targets (share:NUMERATOR/DENOMINATOR): parsing, validation and progress, checked
against shares computed directly from the warehouse observations."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from humanict.config import PROJECT_ROOT
from humanict.data import Warehouse
from humanict.errors import DataFileError, InvalidInputError, NotFoundError
from humanict.observatory.analysis import targets_progress, trajectory
from humanict.observatory.targets import (
    NOT_MEASURED,
    Share,
    get_target,
    load_targets,
    parse_share,
    share_series,
)

DATA = PROJECT_ROOT / "data"
FAST = "IT_NET_BBND[speed=10mbps]"
ALL = "IT_NET_BBND"


def _by_hand(warehouse: Warehouse, iso3: str) -> pd.DataFrame:
    """100 * subscriptions at 10 Mbit/s or more / all subscriptions, per year, straight from
    the observations table."""
    raw = warehouse.query(
        "SELECT indicator, year, value FROM observations WHERE economy = ? AND indicator IN (?, ?)",
        [iso3, FAST, ALL],
    )
    wide = raw.pivot(index="year", columns="indicator", values="value").dropna()
    wide = wide[wide[ALL] > 0]
    return pd.DataFrame({"year": wide.index.astype(int), "share": 100 * wide[FAST] / wide[ALL]})


def test_parse_share() -> None:
    assert parse_share(f"share:{FAST}/{ALL}") == Share(FAST, ALL)
    assert parse_share("i99H") is None
    assert parse_share("parity:IT_USE_ii99") is None
    for bad in ("share:IT_NET_BBND", "share:/IT_NET_BBND", "share:a/b/c"):
        with pytest.raises(InvalidInputError, match="share:NUMERATOR/DENOMINATOR"):
            parse_share(bad)


def test_share_series_on_synthetic_frames() -> None:
    num = pd.DataFrame(
        {
            "year": [2019, 2020, 2021],
            "value": [1.0, 3.0, 2.0],
            "flag": ["observed", "estimate", "observed"],
        }
    )
    den = pd.DataFrame(
        {
            "year": [2020, 2021, 2022],
            "value": [4.0, 0.0, 5.0],
            "flag": ["observed", "observed", "observed"],
        }
    )
    out = share_series(num, den)
    # Only 2020 has both values and a positive denominator.
    assert out["year"].tolist() == [2020]
    assert out["value"].tolist() == [75.0]
    assert out["flag"].tolist() == ["estimate"]


def test_malformed_share_targets_name_line_and_field(tmp_path: Path) -> None:
    (tmp_path / "targets").mkdir()
    lines = (DATA / "targets" / "targets.csv").read_text().splitlines()
    row = next(i for i, line in enumerate(lines) if line.startswith("umc2030-9,"))
    for old, new, field in (
        (f"share:{FAST}/{ALL}", f"share:{FAST}", "indicator"),
        (f"/{ALL},ge,", f"/{ALL},parity,", "comparator"),
    ):
        text = list(lines)
        text[row] = text[row].replace(old, new)
        (tmp_path / "targets" / "targets.csv").write_text("\n".join(text) + "\n")
        with pytest.raises(DataFileError, match=rf"line {row + 1}, field '{field}'"):
            load_targets(tmp_path)


@pytest.mark.parametrize("iso3", ["KEN", "DEU", "FRA"])
def test_broadband_speed_target_equals_shares_computed_by_hand(
    warehouse: Warehouse, iso3: str
) -> None:
    target = get_target(load_targets(DATA), "umc2030-9")
    assert parse_share(target.indicator) == Share(FAST, ALL)
    expected = _by_hand(warehouse, iso3)
    assert len(expected) >= 3
    traj = trajectory(warehouse, DATA, iso3, target.indicator)
    assert traj.observed["year"].tolist() == expected["year"].tolist()
    assert traj.observed["value"].to_numpy() == pytest.approx(expected["share"].to_numpy())
    assert ((traj.observed["value"] >= 0) & (traj.observed["value"] <= 100)).all()
    _, progress = targets_progress(DATA, warehouse, iso3)
    row = progress.set_index("target").loc["umc2030-9"]
    last = expected.iloc[-1]
    assert row["latest_year"] == last["year"]
    assert row["latest"] == pytest.approx(last["share"])
    assert row["status"] != NOT_MEASURED
    met = last["share"] >= 95
    assert (row["status"] == "met") == met


def test_unknown_share_code_is_reported(warehouse: Warehouse) -> None:
    with pytest.raises(NotFoundError, match="IT_NET_BBND\\[speed=1gbps\\]"):
        trajectory(warehouse, DATA, "KEN", "share:IT_NET_BBND[speed=1gbps]/IT_NET_BBND")
