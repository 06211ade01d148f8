"""SGP4 propagation against the verification vectors; frames against skyfield."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from humanict.errors import DataFileError, InvalidInputError
from humanict.spectrum import epfd, orbits
from humanict.spectrum.engineering_validation import sgp4_errors

TAI_MINUS_UTC_2025_S = 37.0  # leap seconds in force since 2017


def test_sgp4_matches_the_verification_vectors() -> None:
    result = sgp4_errors()
    assert result["satellites"] >= 30
    assert result["states_compared"] >= 600
    assert result["max_position_error_km"] < 1e-5  # 1 cm
    assert result["max_velocity_error_km_s"] < 1e-8


def test_shipped_constellation_reads_and_propagates() -> None:
    constellation = orbits.load_tles(epfd.TLE_PATH)
    assert len(constellation) == 85
    assert constellation.names[0] == "GLOBALSTAR M001"
    jd, fr = orbits.time_grid(constellation.epoch_jd, 600.0, 60.0)
    r, v, err = orbits.propagate(constellation.satrecs, jd, fr)
    assert r.shape == (85, 11, 3) and v.shape == (85, 11, 3)
    assert np.all(err == 0)
    altitude = np.linalg.norm(r, axis=-1) - orbits.WGS84_A_KM
    assert 1380 < altitude.min() and altitude.max() < 2200
    # the operational shell is at ~1 414 km; retired satellites were raised above it
    shell = orbits.select_shell(constellation, 1380.0, 1450.0)
    assert 20 < len(shell) < len(constellation)
    assert np.all(np.abs(orbits.mean_altitudes_km(shell) - 1414) < 30)
    with pytest.raises(InvalidInputError, match="no satellite"):
        orbits.select_shell(constellation, 500.0, 600.0)


def _tle_text() -> list[str]:
    return epfd.TLE_PATH.read_text(encoding="utf-8").splitlines()[:3]


def test_tle_errors_name_the_line(tmp_path: Path) -> None:
    name, l1, l2 = _tle_text()
    broken = l1[:68] + str((int(l1[68]) + 1) % 10)
    path = tmp_path / "bad.tle"
    path.write_text("\n".join([name, broken, l2]) + "\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="line 2.*checksum"):
        orbits.load_tles(path)
    path.write_text("\n".join([name, l2]) + "\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="line 2 without"):
        orbits.load_tles(path)
    path.write_text("nothing here\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="no two-line element sets"):
        orbits.load_tles(path)
    with pytest.raises(DataFileError, match="not found"):
        orbits.load_tles(tmp_path / "missing.tle")


def test_geodetic_and_look_angles() -> None:
    assert orbits.geodetic_to_ecef(0.0, 0.0) == pytest.approx([orbits.WGS84_A_KM, 0.0, 0.0])
    polar = orbits.geodetic_to_ecef(90.0, 0.0)
    assert polar[2] == pytest.approx(orbits.WGS84_A_KM * (1 - orbits.WGS84_F))
    station = orbits.geodetic_to_ecef(0.0, 20.0)
    up = orbits.local_up(0.0, 20.0)
    assert orbits.elevation_deg(orbits.gso_ecef(20.0), station, up) == pytest.approx(90.0)
    # a GSO satellite 81° of longitude away from an equatorial station is near its horizon
    low = orbits.elevation_deg(orbits.gso_ecef(20.0 + 81.0), station, up)
    assert -1.0 < low < 1.0
    assert orbits.angle_between_deg([1, 0, 0], [0, 1, 0]) == pytest.approx(90.0)
    with pytest.raises(InvalidInputError, match="latitude"):
        orbits.geodetic_to_ecef(95.0, 0.0)


def test_teme_to_ecef_and_geodetic_agree_with_skyfield() -> None:
    skyfield = pytest.importorskip("skyfield.api")
    from skyfield.framelib import itrs

    constellation = orbits.load_tles(epfd.TLE_PATH)
    ts = skyfield.load.timescale(builtin=True)
    jd, fr = orbits.time_grid(constellation.epoch_jd, 3600.0, 300.0)
    times = ts.tai_jd(jd + fr + TAI_MINUS_UTC_2025_S / 86400.0)
    r, _, _ = orbits.propagate(constellation.satrecs, jd, fr)
    ours = orbits.teme_to_ecef(r, jd, fr)
    theirs = np.stack(
        [
            skyfield.EarthSatellite(l1, l2, ts=ts).at(times).frame_xyz(itrs).km.T
            for l1, l2 in constellation.lines[:10]
        ]
    )
    # polar motion and UT1 - UTC are neglected here: agreement to well under 100 m
    assert np.linalg.norm(ours[:10] - theirs, axis=-1).max() < 0.1
    station = skyfield.wgs84.latlon(40.0, -3.7, elevation_m=650.0).itrs_xyz.km
    assert orbits.geodetic_to_ecef(40.0, -3.7, 0.65) == pytest.approx(station, abs=1e-6)


def test_gso_arc_angle_against_a_fine_scan() -> None:
    rng = np.random.default_rng(3)  # synthetic directions
    station = orbits.geodetic_to_ecef(40.0, -3.7, 0.0)
    up = orbits.local_up(40.0, -3.7)
    directions = rng.normal(size=(50, 3)) + 2 * up
    targets = station + 1500.0 * directions / np.linalg.norm(directions, axis=1, keepdims=True)
    angle, lon = orbits.gso_arc_angle_deg(targets, station)
    assert angle.shape == lon.shape == (50,)
    scan = np.arange(-180.0, 180.0, 0.01)
    arc = np.stack([orbits.gso_ecef(x) for x in scan])
    for k in range(0, 50, 7):
        brute = orbits.angle_between_deg(targets[k] - station, arc - station)
        assert angle[k] == pytest.approx(brute.min(), abs=1e-4)
        assert orbits.angle_between_deg(
            targets[k] - station, orbits.gso_ecef(float(lon[k])) - station
        ) == pytest.approx(angle[k], abs=1e-6)
    # a target on the line to a GSO satellite is on the arc
    on_arc = station + 0.1 * (orbits.gso_ecef(-10.0) - station)
    zero, where = orbits.gso_arc_angle_deg(on_arc, station, up)
    assert float(zero) == pytest.approx(0.0, abs=1e-4)
    assert float(where) == pytest.approx(-10.0, abs=1e-3)
    # only the arc above the horizon counts: from 40° N, 3.7° W about -85° to +77°
    lo, hi = orbits.visible_gso_arc_deg(station, up)
    assert -86.0 < lo < -80.0 and 73.0 < hi < 79.0
    low_west = station + 1000.0 * (orbits.gso_ecef(-120.0) - station) / 42000.0
    _, nearest = orbits.gso_arc_angle_deg(low_west, station, up)
    assert float(nearest) == pytest.approx(lo, abs=0.02)
    with pytest.raises(InvalidInputError, match="no part"):
        pole = orbits.geodetic_to_ecef(89.0, 0.0)
        orbits.gso_arc_angle_deg(low_west, pole, orbits.local_up(89.0, 0.0))
