"""epfd↓: the sum of RR No. 22.5C on synthetic geometry, the Article 22 check, chunked runs."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from humanict.errors import InvalidInputError, NotFoundError
from humanict.spectrum import antennas, epfd, orbits

STATION = {
    "lat_deg": 0.0,
    "lon_deg": 10.0,
    "alt_km": 0.0,
    "gso_lon_deg": 10.0,
    "diameter_m": 1.2,
    "freq_ghz": 11.7,
}


def _station(**changes: float) -> epfd.EarthStation:
    return epfd.EarthStation(**{**STATION, **changes})  # type: ignore[arg-type]


def _on_ray(station: epfd.EarthStation, direction: np.ndarray, distance_km: float) -> np.ndarray:
    unit = direction / np.linalg.norm(direction)
    return station.ecef() + distance_km * unit


def test_one_satellite_on_boresight_gives_its_pfd() -> None:
    """Synthetic: a satellite on the line to the GSO satellite is received at full gain."""
    station = _station()
    boresight = orbits.gso_ecef(station.gso_lon_deg) - station.ecef()
    sat = _on_ray(station, boresight, 1500.0)[None, None, :]
    mask = epfd.flat_pfd_mask(-150.0)
    assert epfd.epfd_from_positions(sat, station, mask) == pytest.approx([-150.0])


def test_off_axis_satellites_are_weighted_by_the_reference_pattern() -> None:
    """Synthetic: two satellites, off-axis gain ratio applied to each and powers summed."""
    station = _station()
    up = station.up()
    east = np.array([-np.sin(np.deg2rad(10.0)), np.cos(np.deg2rad(10.0)), 0.0])
    tilted = np.cos(np.deg2rad(30.0)) * up + np.sin(np.deg2rad(30.0)) * east  # 30° off zenith
    sats = np.stack([_on_ray(station, up, 1500.0), _on_ray(station, tilted, 1800.0)])[:, None, :]
    mask = epfd.PfdMask((0.0, 90.0), (-160.0, -150.0), 40.0, "synthetic")
    gain = antennas.s1428_gain(np.array([0.0, 30.0]), 1.2, 11.7)
    pfd = np.array([-150.0, -160.0 + 10.0 * 60.0 / 90.0])  # mask at 90° and at 60° elevation
    expected = 10 * np.log10(np.sum(10 ** ((pfd + gain - gain[0]) / 10)))
    assert epfd.epfd_from_positions(sats, station, mask)[0] == pytest.approx(expected, abs=1e-6)


def test_satellites_below_the_horizon_do_not_count() -> None:
    station = _station()
    below = _on_ray(station, -station.up(), 1500.0)[None, None, :]
    series = epfd.epfd_from_positions(below, station, epfd.flat_pfd_mask(-150.0))
    assert np.isneginf(series[0])


def test_check_limits_on_a_synthetic_series() -> None:
    mask = epfd.select_mask(11.7, 0.6, 40.0)
    assert mask.table.endswith("22-1A")
    rng = np.random.default_rng(7)  # synthetic epfd series
    quiet = rng.uniform(-200.0, -180.0, size=100_000)
    ok = epfd.check_limits(quiet, mask)
    assert ok.passes and ok.worst_margin_db is not None and ok.worst_margin_db > 0
    loud = quiet.copy()
    loud[:2000] = -165.0  # 2 % of the time at -165: breaks the 1 % point at -170.8 dB
    result = epfd.check_limits(loud, mask)
    assert not result.passes
    failing = [p for p in result.points if not p["passes"]]
    assert {p["limit_db"] for p in failing} >= {-170.8}
    assert result.worst_margin_db is not None and result.worst_margin_db < 0


def test_exceedance_and_cdf_points() -> None:
    series = np.array([-np.inf, -190.0, -180.0, -170.0])
    assert epfd.exceedance_percent(series, [-185.0, -170.0]) == pytest.approx([50.0, 0.0])
    points = epfd.cdf_points(series)
    assert [p["epfd_db"] for p in points] == [-190.0, -180.0, -170.0]
    assert points[-1]["percent_not_exceeded"] == 100.0


def test_limit_file_matches_the_rr_spot_values() -> None:
    """Table 22-1A, 60 cm, 40 kHz: the values checked against the RR text (docs)."""
    curve = dict(epfd.select_mask(11.7, 0.6, 40.0).curve)
    assert curve[-175.4] == 100.0 and curve[-174.0] == 10.0 and curve[-170.8] == 1.0
    assert curve[-165.3] == 0.27 and curve[-160.4] == 0.009


def test_latitude_dependent_limit_of_22_5c4() -> None:
    assert epfd.latitude_limit_22_5c4(45.0) == -160.0
    assert epfd.latitude_limit_22_5c4(-63.75) == pytest.approx(-165.3, abs=0.02)
    assert epfd.latitude_limit_22_5c4(60.0) == pytest.approx(-160.0 - 3.4 * 2.5 / 4)
    assert epfd.latitude_limit_22_5c4(70.0) == -165.3
    north = dict(epfd.select_mask(11.7, 1.2, 40.0, lat_deg=62.0).curve)
    assert min(level for level, pct in north.items() if pct == 0.0) == pytest.approx(
        -160.0 + 3.4 * (57.5 - 62.0) / 4
    )
    # the 60 cm curve and low latitudes keep the tabulated -160
    assert (-160.0, 0.0) in epfd.select_mask(11.7, 0.6, 40.0, lat_deg=62.0).curve
    assert epfd.select_mask(11.7, 1.2, 40.0, lat_deg=40.0) == epfd.select_mask(11.7, 1.2, 40.0)


def test_bad_inputs() -> None:
    with pytest.raises(NotFoundError, match="no Article 22"):
        epfd.select_mask(2.5, 0.6, 40.0)
    with pytest.raises(NotFoundError, match="the table has"):
        epfd.select_mask(11.7, 0.9, 40.0)
    with pytest.raises(InvalidInputError, match="below the horizon"):
        _station(gso_lon_deg=150.0)
    with pytest.raises(InvalidInputError, match="elevation:pfd"):
        epfd.parse_pfd_mask("0=-150")
    with pytest.raises(InvalidInputError, match="increase"):
        epfd.parse_pfd_mask("30:-150,10:-140")


def _job(hours: float = 0.5, stations: int = 2) -> epfd.EpfdJob:
    constellation = orbits.load_tles(epfd.TLE_PATH)
    grid = tuple(
        _station(lat_deg=30.0 + 5 * i, lon_deg=0.0, gso_lon_deg=5.0) for i in range(stations)
    )
    return epfd.EpfdJob(
        constellation.lines,
        grid,
        epfd.flat_pfd_mask(-160.0),
        constellation.epoch_jd,
        hours * 3600,
        20.0,
    )


def test_chunking_does_not_change_the_result() -> None:
    job = _job()
    whole = epfd.run_epfd_job(job, chunk_steps=10_000)
    chunked = epfd.run_epfd_job(job, chunk_steps=7)
    assert whole.shape == (2, 91)
    assert np.array_equal(whole, chunked)
    assert np.all(np.isfinite(whole))  # a Globalstar satellite is always in view at 30-35° N


def test_report_is_json_ready(tmp_path: Path) -> None:
    report = epfd.epfd_report(
        lat_deg=45.0, lon_deg=7.0, gso_lon_deg=10.0, mask=epfd.flat_pfd_mask(-170.0), duration_s=600
    )
    text = json.dumps(report)
    assert report["inputs"]["pfd_mask"]["assumption"].startswith("assumed")
    assert report["summary"]["time_steps"] == 61
    assert report["check"]["table"] == report["limit"]["table"]
    assert "Infinity" not in text


@pytest.fixture(scope="module")
def dask_scheduler() -> object:
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
    ) as cluster:
        yield cluster.scheduler_address


def test_dask_cluster_gives_the_local_result(dask_scheduler: str) -> None:
    job = _job(hours=0.25, stations=3)
    local = epfd.run_epfd_job(job, chunk_steps=12)
    remote = epfd.run_epfd_job(job, chunk_steps=12, scheduler=dask_scheduler)
    assert remote.shape == local.shape == (3, 46)
    assert np.array_equal(local, remote)


def test_unreachable_scheduler_is_a_user_error() -> None:
    with pytest.raises(InvalidInputError, match="Dask scheduler"):
        epfd.run_epfd_job(
            _job(hours=0.01, stations=1), scheduler="tcp://127.0.0.1:9", connect_timeout_s=1.0
        )


def test_grid_report_matches_single_station_runs() -> None:
    mask = epfd.flat_pfd_mask(-165.0)
    rows = epfd.epfd_grid_report(
        lats_deg=[40.0, 62.0],
        lons_deg=[0.0, 170.0],
        gso_lons_deg=[5.0],
        mask=mask,
        diameter_m=1.2,
        duration_s=900.0,
        step_s=30.0,
        chunk_steps=11,
    )
    assert [(r["lat_deg"], r["lon_deg"], r["visible"]) for r in rows] == [
        (40.0, 0.0, True),
        (40.0, 170.0, False),
        (62.0, 0.0, True),
        (62.0, 170.0, False),
    ]
    for row in (rows[0], rows[2]):
        single = epfd.epfd_report(
            lat_deg=row["lat_deg"],
            lon_deg=row["lon_deg"],
            gso_lon_deg=5.0,
            mask=mask,
            diameter_m=1.2,
            duration_s=900.0,
            step_s=30.0,
        )
        assert row["worst_margin_db"] == single["check"]["worst_margin_db"]
        assert row["max_epfd_db"] == single["summary"]["max_epfd_db"]
        assert row["passes"] == single["check"]["passes"]
    # a sweep of the GSO arc from one station: each pointing is its own row
    sweep = epfd.epfd_grid_report(
        lats_deg=[40.0],
        lons_deg=[0.0],
        gso_lons_deg=[-30.0, 5.0, 40.0],
        mask=mask,
        diameter_m=1.2,
        duration_s=900.0,
        step_s=30.0,
    )
    assert [r["gso_lon_deg"] for r in sweep] == [-30.0, 5.0, 40.0]
    assert sweep[1]["worst_margin_db"] == rows[0]["worst_margin_db"]
    assert len({r["max_epfd_db"] for r in sweep}) == 3
    with pytest.raises(InvalidInputError, match="no grid point"):
        epfd.epfd_grid_report(
            lats_deg=[0.0], lons_deg=[170.0], gso_lons_deg=[5.0], mask=mask, duration_s=60.0
        )


def test_visible_satellites_geometry() -> None:
    station = _station(lat_deg=40.4, lon_deg=-3.7, gso_lon_deg=-10.0, diameter_m=0.6)
    rows = epfd.visible_satellites(station, minutes_after_epoch=30.0)
    assert rows, "a Globalstar satellite is always in view at 40° N"
    for row in rows:
        assert row["elevation_deg"] >= 0.0
        assert 1000.0 < row["range_km"] < 6000.0
        # the boresight points at one GSO position, so the arc is never farther than it
        assert row["gso_arc_angle_deg"] <= row["off_axis_deg"] + 1e-6
        assert row["relative_gain_db"] <= 0.0
    assert [r["off_axis_deg"] for r in rows] == sorted(r["off_axis_deg"] for r in rows)


def _all_masks() -> list[tuple[str, dict]]:
    data = json.loads(epfd.LIMITS_PATH.read_text(encoding="utf-8"))
    return [(table, mask) for table, body in data.items() for mask in body["masks"]]


def test_every_limit_curve_is_a_staircase_of_exceedance() -> None:
    """Each curve steps down in level as the percentage of time rises (a CCDF mask)."""
    masks = _all_masks()
    assert len(masks) == 34
    for table, mask in masks:
        levels = [level for level, _ in mask["curve"]]
        percents = [pct for _, pct in mask["curve"]]
        assert percents[0] == 0.0 and percents[-1] == 100.0, (table, mask["d_cm"])
        assert all(b >= a for a, b in zip(percents, percents[1:], strict=False)), table
        assert all(b <= a for a, b in zip(levels, levels[1:], strict=False)), (
            table,
            mask["d_cm"],
        )


def test_1_mhz_curves_are_the_40_khz_curves_plus_14_db() -> None:
    """Tables 22-1B and 22-1C give each antenna in 40 kHz and in 1 MHz: 10 log(1000/40) ≈ 14 dB."""
    by_key = {(t, m["d_cm"], m["bw_khz"]): m["curve"] for t, m in _all_masks()}
    pairs = [k for k in by_key if k[2] == 1000.0]
    assert len(pairs) == 7
    for table, d_cm, _ in pairs:
        wide, narrow = by_key[(table, d_cm, 1000.0)], by_key[(table, d_cm, 40.0)]
        assert [p for _, p in wide] == [p for _, p in narrow]
        assert [a - b for (a, _), (b, _) in zip(wide, narrow, strict=True)] == pytest.approx(
            [14.0] * len(wide)
        )


def test_limit_curves_agree_with_independent_transcriptions() -> None:
    """Curves checked against other transcriptions of the RR tables (see the docs)."""
    # Table 22-1C, 70 cm, 40 kHz, as read from the ITU BR epfd examination data
    assert dict(epfd.select_mask(19.95, 0.7, 40.0).curve) == {
        -154.0: 0.017,
        -172.0: 2.857,
        -182.0: 28.571,
        -187.4: 100.0,
    }
    # Table 22-1B, 100 cm, 1 MHz and Table 22-1C, 90 cm, 1 MHz, given as % not exceeded
    b = epfd.select_mask(17.95, 1.0, 1000.0).curve
    assert [(lvl, round(100 - p, 3)) for lvl, p in b] == [
        (-150.0, 100.0), (-150.0, 99.971), (-153.0, 99.714), (-158.5, 99.0),
        (-161.4, 90.0), (-161.4, 0.0),
    ]  # fmt: skip
    c = epfd.select_mask(19.95, 0.9, 1000.0).curve
    assert [(lvl, round(100 - p, 3)) for lvl, p in c] == [
        (-140.0, 100.0), (-140.0, 99.997), (-146.0, 99.943), (-151.0, 99.943),
        (-154.6, 99.8), (-156.4, 99.8), (-167.4, 91.0), (-176.4, 0.0),
    ]  # fmt: skip
