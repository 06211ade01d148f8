"""Satellite orbits: TLE reading, vectorised SGP4 propagation and coordinate transforms.

Propagation uses the ``sgp4`` library (Vallado's SGP4, WGS-72 constants as for the published
element sets) through its vectorised ``SatrecArray``. Frames: TEME (the SGP4 output frame),
ECEF (rotated from TEME by the Greenwich mean sidereal time, IAU-82, polar motion neglected) and
WGS-84 geodetic coordinates for earth stations. Distances in km, angles in degrees, times as
Julian dates split into a whole and a fractional part.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
from numpy.typing import ArrayLike, NDArray
from sgp4.api import WGS72, Satrec, SatrecArray

from humanict.errors import DataFileError, InvalidInputError

FloatArray = NDArray[np.float64]

WGS84_A_KM = 6378.137
WGS84_F = 1.0 / 298.257223563
GSO_RADIUS_KM = 42164.0  # geostationary orbit radius (ITU-R S.1503 uses 42 164 km)


@dataclass(frozen=True)
class Constellation:
    """Satellites read from a TLE file: names, element lines and the SGP4 records."""

    names: tuple[str, ...]
    lines: tuple[tuple[str, str], ...]
    satrecs: SatrecArray

    def __len__(self) -> int:
        return len(self.names)

    @property
    def epoch_jd(self) -> float:
        """Latest TLE epoch of the set (Julian date, UTC)."""
        return max(
            Satrec.twoline2rv(l1, l2, WGS72).jdsatepoch
            + Satrec.twoline2rv(l1, l2, WGS72).jdsatepochF
            for l1, l2 in self.lines
        )


def _checksum_ok(line: str) -> bool:
    total = sum(int(c) if c.isdigit() else (1 if c == "-" else 0) for c in line[:68])
    return len(line) >= 69 and line[68].isdigit() and total % 10 == int(line[68])


def parse_tles(text: str, path: Path | str = "<tle>") -> Constellation:
    """Parse two- or three-line element sets; checks line numbers and checksums."""
    raw = [line.rstrip() for line in text.splitlines()]
    names: list[str] = []
    pairs: list[tuple[str, str]] = []
    i = 0
    pending_name: str | None = None
    while i < len(raw):
        line = raw[i]
        if not line.strip() or line.startswith("#"):
            i += 1
            continue
        if line.startswith("1 "):
            if i + 1 >= len(raw) or not raw[i + 1].startswith("2 "):
                raise DataFileError(
                    path, i + 2, "line 2", "a TLE line 1 must be followed by line 2"
                )
            l1, l2 = line[:69], raw[i + 1][:69]
            for offset, candidate in ((1, l1), (2, l2)):
                if not _checksum_ok(candidate):
                    raise DataFileError(path, i + offset, "checksum", "TLE checksum does not match")
            names.append(pending_name or l1[2:7].strip())
            pairs.append((l1, l2))
            pending_name = None
            i += 2
            continue
        if line.startswith("2 "):
            raise DataFileError(path, i + 1, "line 1", "TLE line 2 without a preceding line 1")
        pending_name = line.strip()
        i += 1
    if not pairs:
        raise DataFileError(path, None, None, "no two-line element sets found")
    records = [Satrec.twoline2rv(l1, l2, WGS72) for l1, l2 in pairs]
    return Constellation(tuple(names), tuple(pairs), SatrecArray(records))


def load_tles(path: Path) -> Constellation:
    """Read a TLE file (see :func:`parse_tles`)."""
    if not path.is_file():
        raise DataFileError(path, None, None, "TLE file not found")
    return parse_tles(path.read_text(encoding="utf-8"), path)


def mean_altitudes_km(constellation: Constellation) -> FloatArray:
    """Semi-major axis minus the equatorial radius (km) of each satellite, from its elements."""
    records = [Satrec.twoline2rv(l1, l2, WGS72) for l1, l2 in constellation.lines]
    return np.array([rec.a * rec.radiusearthkm - rec.radiusearthkm for rec in records])


def select_shell(constellation: Constellation, min_km: float, max_km: float) -> Constellation:
    """The satellites whose mean altitude lies within [min_km, max_km] (e.g. one orbital shell)."""
    if min_km >= max_km:
        raise InvalidInputError(f"shell bounds must increase; got {min_km}-{max_km} km")
    altitude = mean_altitudes_km(constellation)
    keep = [i for i, a in enumerate(altitude) if min_km <= a <= max_km]
    if not keep:
        raise InvalidInputError(
            f"no satellite has a mean altitude within {min_km:g}-{max_km:g} km "
            f"(the set spans {altitude.min():.0f}-{altitude.max():.0f} km)"
        )
    lines = tuple(constellation.lines[i] for i in keep)
    return Constellation(
        tuple(constellation.names[i] for i in keep),
        lines,
        SatrecArray([Satrec.twoline2rv(l1, l2, WGS72) for l1, l2 in lines]),
    )


def julian_date(moment: datetime) -> tuple[float, float]:
    """Julian date (whole, fraction) of a UTC datetime."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    moment = moment.astimezone(UTC)
    unix = moment.timestamp()
    jd = unix / 86400.0 + 2440587.5
    whole = np.floor(jd)
    return float(whole), float(jd - whole)


def time_grid(start_jd: float, duration_s: float, step_s: float) -> tuple[FloatArray, FloatArray]:
    """Julian dates (whole, fraction) from ``start_jd``, every ``step_s`` s for ``duration_s`` s."""
    if step_s <= 0 or duration_s < 0:
        raise InvalidInputError("the time step must be positive and the duration non-negative")
    seconds = np.arange(0.0, duration_s + 1e-9, step_s)
    whole = np.floor(start_jd)
    return np.full(seconds.shape, whole), (start_jd - whole) + seconds / 86400.0


def propagate(
    satrecs: SatrecArray, jd: ArrayLike, fr: ArrayLike
) -> tuple[FloatArray, FloatArray, NDArray[np.uint8]]:
    """TEME position (km) and velocity (km/s) of every satellite at every time.

    Returns arrays of shape (n_sat, n_time, 3), (n_sat, n_time, 3) and error codes
    (n_sat, n_time); a non-zero code marks an SGP4 failure (e.g. decayed orbit), whose
    positions are NaN.
    """
    jd_arr = np.atleast_1d(np.asarray(jd, dtype=float))
    fr_arr = np.atleast_1d(np.asarray(fr, dtype=float))
    err, r, v = satrecs.sgp4(jd_arr, fr_arr)
    return r, v, err


def gmst_rad(jd: ArrayLike, fr: ArrayLike) -> FloatArray:
    """Greenwich mean sidereal time (radians), IAU-82 model, with UT1 taken as UTC.

    GMST(s) = 67310.54841 + (876600 h + 8640184.812866) T + 0.093104 T² - 6.2e-6 T³,
    T in Julian centuries of UT1 from J2000 (Vallado, Fundamentals of Astrodynamics, eq. 3-47),
    the convention of the TEME frame of SGP4.
    """
    t = ((np.asarray(jd, dtype=float) - 2451545.0) + np.asarray(fr, dtype=float)) / 36525.0
    seconds = (
        67310.54841 + (876600.0 * 3600.0 + 8640184.812866) * t + 0.093104 * t**2 - 6.2e-6 * t**3
    )
    return np.asarray(np.mod(np.deg2rad(seconds / 240.0), 2.0 * np.pi), dtype=float)


def teme_to_ecef(r_teme: ArrayLike, jd: ArrayLike, fr: ArrayLike) -> FloatArray:
    """Rotate TEME vectors (..., n_time, 3) to ECEF by -GMST about z (polar motion neglected)."""
    r = np.asarray(r_teme, dtype=float)
    theta = gmst_rad(jd, fr)
    c, s = np.cos(theta), np.sin(theta)
    x, y, z = r[..., 0], r[..., 1], r[..., 2]
    return np.stack([c * x + s * y, -s * x + c * y, z], axis=-1)


def geodetic_to_ecef(lat_deg: ArrayLike, lon_deg: ArrayLike, alt_km: ArrayLike = 0.0) -> FloatArray:
    """WGS-84 geodetic latitude, longitude (deg) and height (km) to ECEF (km), shape (..., 3)."""
    lat = np.deg2rad(np.asarray(lat_deg, dtype=float))
    lon = np.deg2rad(np.asarray(lon_deg, dtype=float))
    h = np.asarray(alt_km, dtype=float)
    if np.any(np.abs(lat) > np.pi / 2):
        raise InvalidInputError("latitude must be within -90..90 degrees")
    e2 = WGS84_F * (2.0 - WGS84_F)
    n = WGS84_A_KM / np.sqrt(1.0 - e2 * np.sin(lat) ** 2)
    return np.stack(
        [
            (n + h) * np.cos(lat) * np.cos(lon),
            (n + h) * np.cos(lat) * np.sin(lon),
            (n * (1.0 - e2) + h) * np.sin(lat),
        ],
        axis=-1,
    )


def local_up(lat_deg: ArrayLike, lon_deg: ArrayLike) -> FloatArray:
    """Unit normal to the WGS-84 ellipsoid (geodetic zenith) in ECEF, shape (..., 3)."""
    lat = np.deg2rad(np.asarray(lat_deg, dtype=float))
    lon = np.deg2rad(np.asarray(lon_deg, dtype=float))
    return np.stack([np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)], axis=-1)


def elevation_deg(target_ecef: ArrayLike, station_ecef: ArrayLike, up: ArrayLike) -> FloatArray:
    """Elevation angle (deg) of targets (..., 3) seen from a station with zenith ``up``."""
    d = np.asarray(target_ecef, dtype=float) - np.asarray(station_ecef, dtype=float)
    rng = np.linalg.norm(d, axis=-1)
    sin_el = np.sum(d * np.asarray(up, dtype=float), axis=-1) / rng
    return np.asarray(np.rad2deg(np.arcsin(np.clip(sin_el, -1.0, 1.0))), dtype=float)


def angle_between_deg(a: ArrayLike, b: ArrayLike) -> FloatArray:
    """Angle (deg) between vectors a and b (..., 3), numerically safe near 0 and 180°."""
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    cross = np.linalg.norm(np.cross(a, b), axis=-1)
    dot = np.sum(a * b, axis=-1)
    return np.asarray(np.rad2deg(np.arctan2(cross, dot)), dtype=float)


def gso_ecef(lon_deg: float) -> FloatArray:
    """ECEF position (km) of a geostationary satellite at longitude ``lon_deg``."""
    lon = np.deg2rad(lon_deg)
    return np.array([GSO_RADIUS_KM * np.cos(lon), GSO_RADIUS_KM * np.sin(lon), 0.0])


def _arc_cosine(lon_rad: FloatArray, station: FloatArray, unit: FloatArray) -> FloatArray:
    """cos of the angle between ``unit`` and the direction station -> GSO point at lon_rad."""
    point = np.stack(
        [GSO_RADIUS_KM * np.cos(lon_rad), GSO_RADIUS_KM * np.sin(lon_rad), np.zeros_like(lon_rad)],
        axis=-1,
    )
    to_point = point - station
    return np.asarray(
        np.sum(to_point * unit, axis=-1) / np.linalg.norm(to_point, axis=-1), dtype=float
    )


def visible_gso_arc_deg(
    station_ecef: ArrayLike, up: ArrayLike, min_elevation_deg: float = 0.0
) -> tuple[float, float] | None:
    """Longitude interval (deg, lo <= hi, possibly beyond ±180) of the GSO arc seen from a
    station above ``min_elevation_deg``; None when no part of the arc is that high."""
    station = np.asarray(station_ecef, dtype=float)
    centre = float(np.rad2deg(np.arctan2(station[1], station[0])))
    offsets = np.arange(-90.0, 90.0001, 0.01)
    lons = centre + offsets
    points = np.stack(
        [
            GSO_RADIUS_KM * np.cos(np.deg2rad(lons)),
            GSO_RADIUS_KM * np.sin(np.deg2rad(lons)),
            np.zeros_like(lons),
        ],
        axis=-1,
    )
    seen = elevation_deg(points, station, up) >= min_elevation_deg
    if not seen.any():
        return None
    return float(lons[seen].min()), float(lons[seen].max())


def gso_arc_angle_deg(
    target_ecef: ArrayLike,
    station_ecef: ArrayLike,
    up: ArrayLike | None = None,
    coarse_step_deg: float = 1.0,
) -> tuple[FloatArray, FloatArray]:
    """Smallest angle (deg) at the station between a target and the geostationary arc.

    Returns the angle and the GSO longitude (deg) where it is reached, for targets of any shape
    (..., 3). The arc is the circle of radius 42 164 km in the equatorial plane; with ``up``
    (the station's zenith) only the part above the station's horizon counts. The search scans
    the arc every ``coarse_step_deg`` and refines by golden-section search within one step on
    either side (60 iterations).
    """
    station = np.asarray(station_ecef, dtype=float)
    d = np.asarray(target_ecef, dtype=float) - station
    unit = d / np.linalg.norm(d, axis=-1, keepdims=True)
    flat_unit = unit.reshape(-1, 3)
    if up is None:
        lo_lim, hi_lim = -180.0, 180.0
    else:
        arc = visible_gso_arc_deg(station, up)
        if arc is None:
            raise InvalidInputError("no part of the geostationary arc is above this horizon")
        lo_lim, hi_lim = arc
    grid = np.deg2rad(np.append(np.arange(lo_lim, hi_lim, coarse_step_deg), hi_lim))
    cos_grid = np.stack([_arc_cosine(g, station, flat_unit) for g in grid])
    best = grid[np.argmax(cos_grid, axis=0)]
    step = np.deg2rad(coarse_step_deg)
    lo = np.maximum(best - step, np.deg2rad(lo_lim))
    hi = np.minimum(best + step, np.deg2rad(hi_lim))
    ratio = (np.sqrt(5.0) - 1.0) / 2.0
    for _ in range(60):
        a = hi - ratio * (hi - lo)
        b = lo + ratio * (hi - lo)
        better_a = _arc_cosine(a, station, flat_unit) > _arc_cosine(b, station, flat_unit)
        hi = np.where(better_a, b, hi)
        lo = np.where(better_a, lo, a)
    lon = (lo + hi) / 2.0
    cos_best = np.clip(_arc_cosine(lon, station, flat_unit), -1.0, 1.0)
    shape = unit.shape[:-1]
    angle = np.rad2deg(np.arccos(cos_best)).reshape(shape)
    lon_deg = (np.rad2deg(lon) + 180.0) % 360.0 - 180.0
    return np.asarray(angle, dtype=float), np.asarray(lon_deg.reshape(shape), dtype=float)
