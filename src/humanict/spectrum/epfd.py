"""Downlink epfd from a non-GSO constellation at a GSO earth station (RR Article 22).

RR No. 22.5C defines epfd↓ as the sum over the visible space stations i of a non-GSO system of
the power-flux density they produce at the earth station, weighted by the receive-gain ratio of
the GSO earth station's reference antenna towards each of them::

    epfd = 10 log10( sum_i 10^(pfd_i/10) * G_r(phi_i)/G_r,max )      dB(W/m²) in the ref. BW

with phi_i the angle between the antenna boresight (pointed at the GSO satellite) and satellite i
(ITU-R S.1503 describes the same sum). The per-satellite pfd is an *input*: a mask of pfd
against the elevation angle at the earth station, which the caller states; nothing here knows a
real operator's pfd. The limits are RR Article 22 Tables 22-1A to 22-1C as curves of
(epfd level, % of time it may be exceeded), shipped in data/spectrum/epfd_limits.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from humanict.config import PROJECT_ROOT
from humanict.errors import DataFileError, InvalidInputError, NotFoundError
from humanict.spectrum import antennas, orbits

FloatArray = NDArray[np.float64]

LIMITS_PATH = PROJECT_ROOT / "data" / "spectrum" / "epfd_limits" / "article22_limits.json"
TLE_PATH = PROJECT_ROOT / "data" / "spectrum" / "tle" / "globalstar_2025-200.tle"


@dataclass(frozen=True)
class PfdMask:
    """Assumed pfd of one non-GSO satellite at the Earth's surface against elevation.

    ``pfd_db`` in dB(W/m²) in ``reference_bandwidth_khz``, linearly interpolated in elevation
    (degrees) and held constant beyond the end points. ``note`` says where the figures come from.
    """

    elevation_deg: tuple[float, ...]
    pfd_db: tuple[float, ...]
    reference_bandwidth_khz: float
    note: str

    def __post_init__(self) -> None:
        el = np.asarray(self.elevation_deg, dtype=float)
        if len(el) == 0 or len(el) != len(self.pfd_db):
            raise InvalidInputError("a pfd mask needs as many pfd values as elevation angles")
        if np.any(np.diff(el) <= 0) or el[0] < 0 or el[-1] > 90:
            raise InvalidInputError("pfd-mask elevations must increase within 0-90 degrees")
        if self.reference_bandwidth_khz <= 0:
            raise InvalidInputError("the reference bandwidth must be positive")

    def pfd_at(self, elevation_deg: FloatArray) -> FloatArray:
        return np.interp(elevation_deg, self.elevation_deg, self.pfd_db)


def flat_pfd_mask(pfd_db: float, reference_bandwidth_khz: float = 40.0) -> PfdMask:
    """A pfd mask with the same (assumed) value at every elevation."""
    return PfdMask(
        (0.0, 90.0),
        (pfd_db, pfd_db),
        reference_bandwidth_khz,
        f"assumed flat pfd of {pfd_db} dB(W/m²) in {reference_bandwidth_khz:g} kHz",
    )


def parse_pfd_mask(text: str, reference_bandwidth_khz: float = 40.0) -> PfdMask:
    """Parse ``"el:pfd,el:pfd,..."`` (degrees : dB(W/m²) in the reference bandwidth)."""
    try:
        pairs = [tuple(float(v) for v in item.split(":")) for item in text.split(",") if item]
    except ValueError as err:
        raise InvalidInputError(
            f"pfd mask {text!r} must look like '0:-160,30:-150,90:-145' (elevation:pfd)"
        ) from err
    if not pairs or any(len(p) != 2 for p in pairs):
        raise InvalidInputError(
            f"pfd mask {text!r} must look like '0:-160,30:-150,90:-145' (elevation:pfd)"
        )
    return PfdMask(
        tuple(p[0] for p in pairs),
        tuple(p[1] for p in pairs),
        reference_bandwidth_khz,
        f"assumed pfd mask {text} dB(W/m²) in {reference_bandwidth_khz:g} kHz",
    )


def parse_shell(text: str | None) -> tuple[float, float] | None:
    """Parse an orbital shell ``"min:max"`` (km of mean altitude); None or '' means all."""
    if not text:
        return None
    try:
        low, high = (float(v) for v in text.split(":"))
    except ValueError as err:
        raise InvalidInputError(f"shell {text!r} must be 'min:max' in km, e.g. 1380:1450") from err
    return low, high


@dataclass(frozen=True)
class EarthStation:
    """A GSO earth station: WGS-84 position, the GSO satellite it points at, its antenna."""

    lat_deg: float
    lon_deg: float
    alt_km: float
    gso_lon_deg: float
    diameter_m: float
    freq_ghz: float
    pattern: str = "s1428"
    min_elevation_deg: float = 0.0

    def __post_init__(self) -> None:
        if not -90 <= self.lat_deg <= 90 or not -180 <= self.lon_deg <= 360:
            raise InvalidInputError(
                "earth-station latitude must be -90..90 and longitude -180..360"
            )
        if self.pattern not in antennas.PATTERNS:
            raise InvalidInputError(
                f"unknown pattern {self.pattern!r}; use one of {', '.join(antennas.PATTERNS)}"
            )
        # Fails early on an impossible antenna (D/lambda out of the pattern's range).
        antennas.earth_station_gain(self.pattern, 0.0, self.diameter_m, self.freq_ghz)
        if self.gso_elevation_deg() < 0.0:
            raise InvalidInputError(
                f"the GSO position {self.gso_lon_deg}° is below the horizon of the earth station "
                f"at {self.lat_deg}°, {self.lon_deg}°: choose a GSO longitude nearer the station"
            )

    def ecef(self) -> FloatArray:
        return orbits.geodetic_to_ecef(self.lat_deg, self.lon_deg, self.alt_km)

    def up(self) -> FloatArray:
        return orbits.local_up(self.lat_deg, self.lon_deg)

    def gso_elevation_deg(self) -> float:
        gso = orbits.gso_ecef(self.gso_lon_deg)
        return float(orbits.elevation_deg(gso, self.ecef(), self.up()))

    def gain_ratio(self, off_axis_deg: FloatArray) -> FloatArray:
        """G_r(phi)/G_r,max as a linear ratio."""
        gain = antennas.earth_station_gain(
            self.pattern, off_axis_deg, self.diameter_m, self.freq_ghz
        )
        peak = antennas.earth_station_gain(self.pattern, 0.0, self.diameter_m, self.freq_ghz)
        return np.asarray(10.0 ** ((gain - peak) / 10.0), dtype=float)


def epfd_from_positions(sat_ecef: FloatArray, station: EarthStation, mask: PfdMask) -> FloatArray:
    """epfd↓ (dB(W/m²) in the mask's reference bandwidth) at each time step.

    ``sat_ecef`` has shape (n_sat, n_time, 3) in km (NaN for failed propagations). Satellites
    below ``station.min_elevation_deg`` contribute nothing; a step with none visible is -inf.
    """
    origin = station.ecef()
    up = station.up()
    boresight = orbits.gso_ecef(station.gso_lon_deg) - origin
    elevation = orbits.elevation_deg(sat_ecef, origin, up)
    visible = np.isfinite(elevation) & (elevation >= station.min_elevation_deg)
    off_axis = orbits.angle_between_deg(sat_ecef - origin, boresight)
    off_axis = np.where(np.isfinite(off_axis), off_axis, 180.0)
    weight = station.gain_ratio(off_axis)
    pfd_lin = 10.0 ** (mask.pfd_at(np.where(visible, elevation, 0.0)) / 10.0)
    total = np.sum(np.where(visible, pfd_lin * weight, 0.0), axis=0)
    with np.errstate(divide="ignore"):
        return np.asarray(10.0 * np.log10(total), dtype=float)


def epfd_time_series(
    constellation: orbits.Constellation,
    station: EarthStation,
    mask: PfdMask,
    jd: FloatArray,
    fr: FloatArray,
) -> FloatArray:
    """Propagate the constellation (SGP4) and compute epfd↓ at every time (jd, fr)."""
    r_teme, _, err = orbits.propagate(constellation.satrecs, jd, fr)
    r_teme = np.where(err[..., None] == 0, r_teme, np.nan)
    return epfd_from_positions(orbits.teme_to_ecef(r_teme, jd, fr), station, mask)


# --- statistics and the Article 22 check --------------------------------------------------


def exceedance_percent(epfd_db: FloatArray, levels_db: Sequence[float] | FloatArray) -> FloatArray:
    """Percentage of time steps whose epfd exceeds each level (the complementary CDF)."""
    values = np.sort(np.asarray(epfd_db, dtype=float))
    levels = np.asarray(levels_db, dtype=float)
    above = values.size - np.searchsorted(values, levels, side="right")
    return np.asarray(100.0 * above / max(values.size, 1), dtype=float)


def cdf_points(epfd_db: FloatArray, max_points: int = 400) -> list[dict[str, float]]:
    """The empirical CDF as points {epfd_db, percent_not_exceeded, percent_exceeded}.

    Steps with no visible satellite (-inf) count as time below every level; thinned to at most
    ``max_points`` distinct levels for plotting.
    """
    finite = np.sort(epfd_db[np.isfinite(epfd_db)])
    if finite.size == 0:
        return []
    levels = np.unique(finite)
    if levels.size > max_points:
        levels = np.unique(np.quantile(finite, np.linspace(0.0, 1.0, max_points), method="nearest"))
    exceeded = exceedance_percent(epfd_db, levels)
    return [
        {"epfd_db": float(v), "percent_exceeded": float(e), "percent_not_exceeded": float(100 - e)}
        for v, e in zip(levels, exceeded, strict=True)
    ]


@dataclass(frozen=True)
class LimitMask:
    """One Article 22 epfd↓ limit curve for a reference antenna and bandwidth."""

    table: str
    diameter_cm: float
    bandwidth_khz: float
    pattern: str
    curve: tuple[tuple[float, float], ...]  # (epfd dB(W/m²/BW), % of time it may be exceeded)
    bands_ghz: tuple[tuple[float, float], ...] = field(default=())


@lru_cache(maxsize=2)
def _limits(path: Path = LIMITS_PATH) -> dict[str, Any]:
    if not path.is_file():
        raise DataFileError(path, None, None, "the Article 22 limits file is missing")
    try:
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as err:
        raise DataFileError(path, err.lineno, None, f"not valid JSON: {err.msg}") from err
    return data


def article22_masks(freq_ghz: float, path: Path = LIMITS_PATH) -> list[LimitMask]:
    """The Table 22-1A/B/C limit masks (S.1428-1 antennas) for bands containing ``freq_ghz``."""
    masks: list[LimitMask] = []
    for table, spec in _limits(path).items():
        bands = tuple((float(b["range"][0]), float(b["range"][1])) for b in spec["bands"])
        if not any(lo <= freq_ghz <= hi for lo, hi in bands):
            continue
        for m in spec["masks"]:
            masks.append(
                LimitMask(
                    table=table,
                    diameter_cm=float(m["d_cm"]),
                    bandwidth_khz=float(m["bw_khz"]),
                    pattern=str(m["pattern"]),
                    curve=tuple((float(a), float(b)) for a, b in m["curve"]),
                    bands_ghz=bands,
                )
            )
    return masks


def latitude_limit_22_5c4(lat_deg: float) -> float:
    """The 100 %-of-time limit of Table 22-1A for antennas above 60 cm (RR No. 22.5C.4).

    -160 dB(W/m²/40 kHz) for |lat| <= 57.5°, -160 + 3.4 (57.5 - |lat|)/4 up to 63.75°,
    -165.3 beyond (as transcribed in the limits file's source; see docs/spectrum_engineering.md).
    """
    lat = abs(lat_deg)
    if lat <= 57.5:
        return -160.0
    if lat <= 63.75:
        return -160.0 + 3.4 * (57.5 - lat) / 4.0
    return -165.3


def select_mask(
    freq_ghz: float,
    diameter_m: float,
    bandwidth_khz: float,
    path: Path = LIMITS_PATH,
    lat_deg: float | None = None,
) -> LimitMask:
    """The limit mask for a frequency, reference antenna diameter and bandwidth.

    With ``lat_deg``, the Table 22-1A curves of antennas above 60 cm get the latitude-dependent
    level at 0 % of time of No. 22.5C.4.
    """
    candidates = [m for m in article22_masks(freq_ghz, path) if "S.1428" in m.pattern]
    if not candidates:
        raise NotFoundError(
            f"no Article 22 FSS epfd↓ limit (S.1428 antenna) covers {freq_ghz} GHz; "
            "Tables 22-1A/B/C cover 10.7-12.75, 17.3-18.6 and 19.7-20.2 GHz"
        )
    for m in candidates:
        if math.isclose(m.diameter_cm, diameter_m * 100.0) and math.isclose(
            m.bandwidth_khz, bandwidth_khz
        ):
            if lat_deg is not None and m.table.endswith("22-1A") and m.diameter_cm > 60.0:
                level = latitude_limit_22_5c4(lat_deg)
                curve = tuple((level if pct == 0.0 else lvl, pct) for lvl, pct in m.curve)
                return replace(m, curve=curve)
            return m
    offered = ", ".join(f"{m.diameter_cm / 100:g} m/{m.bandwidth_khz:g} kHz" for m in candidates)
    raise NotFoundError(
        f"no limit for a {diameter_m:g} m antenna in {bandwidth_khz:g} kHz at {freq_ghz} GHz; "
        f"the table has: {offered}"
    )


@dataclass(frozen=True)
class LimitCheck:
    """Result of comparing an epfd time series with one limit mask, point by point."""

    table: str
    diameter_m: float
    bandwidth_khz: float
    passes: bool
    worst_margin_db: float | None
    resolution_percent: float
    points: list[dict[str, float | bool | None]]

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def check_limits(epfd_db: FloatArray, mask: LimitMask) -> LimitCheck:
    """Compare the simulated epfd with an Article 22 curve at each tabulated point.

    At a point (L, p) the simulated exceedance of L must not be above p %. The margin is
    L minus the simulated level exceeded for p % of the time (positive = under the limit);
    points with p = 100 % constrain nothing. With N time steps percentages are resolved to
    100/N %, so points below that resolution are judged on the maximum of the series.
    """
    values = np.sort(np.asarray(epfd_db, dtype=float))[::-1]  # descending
    n = values.size
    if n == 0:
        raise InvalidInputError("the epfd series is empty")
    points: list[dict[str, float | bool | None]] = []
    margins = []
    for level, pct in mask.curve:
        if pct >= 100.0:
            continue
        allowed = int(math.floor(n * pct / 100.0 + 1e-9))
        simulated_level = values[min(allowed, n - 1)]
        exceeded = float(exceedance_percent(values, [level])[0])
        ok = exceeded <= pct + 1e-12
        margin = None if not np.isfinite(simulated_level) else float(level - simulated_level)
        if margin is not None:
            margins.append(margin)
        points.append(
            {
                "limit_db": level,
                "percent_time": pct,
                "simulated_exceeded_percent": exceeded,
                "simulated_level_db": float(simulated_level)
                if np.isfinite(simulated_level)
                else None,
                "margin_db": margin,
                "passes": ok,
            }
        )
    return LimitCheck(
        table=mask.table,
        diameter_m=mask.diameter_cm / 100.0,
        bandwidth_khz=mask.bandwidth_khz,
        passes=all(bool(p["passes"]) for p in points),
        worst_margin_db=min(margins) if margins else None,
        resolution_percent=100.0 / n,
        points=points,
    )


# --- chunked jobs, in process or on a Dask cluster -----------------------------------------


@dataclass(frozen=True)
class EpfdJob:
    """An epfd run: TLE lines, one or more earth stations, a pfd mask and a time grid.

    Everything in it pickles, so chunks travel to Dask workers; each chunk rebuilds its SGP4
    records from the element lines.
    """

    tle_lines: tuple[tuple[str, str], ...]
    stations: tuple[EarthStation, ...]
    mask: PfdMask
    start_jd: float
    duration_s: float
    step_s: float

    def __post_init__(self) -> None:
        if not self.stations:
            raise InvalidInputError("an epfd job needs at least one earth station")
        if self.step_s <= 0 or self.duration_s < 0:
            raise InvalidInputError("the time step must be positive and the duration non-negative")

    def times(self) -> tuple[FloatArray, FloatArray]:
        return orbits.time_grid(self.start_jd, self.duration_s, self.step_s)


def _satrecs(lines: tuple[tuple[str, str], ...]) -> Any:
    from sgp4.api import WGS72, Satrec, SatrecArray

    return SatrecArray([Satrec.twoline2rv(l1, l2, WGS72) for l1, l2 in lines])


def epfd_chunk(job: EpfdJob, start: int, stop: int) -> FloatArray:
    """epfd↓ (n_station, stop - start) for the time steps start..stop of the job."""
    jd, fr = job.times()
    jd, fr = jd[start:stop], fr[start:stop]
    r_teme, _, err = orbits.propagate(_satrecs(job.tle_lines), jd, fr)
    r_teme = np.where(err[..., None] == 0, r_teme, np.nan)
    sat_ecef = orbits.teme_to_ecef(r_teme, jd, fr)
    return np.stack([epfd_from_positions(sat_ecef, st, job.mask) for st in job.stations])


def chunk_bounds(n_steps: int, chunk_steps: int) -> list[tuple[int, int]]:
    if chunk_steps <= 0:
        raise InvalidInputError("chunk size must be a positive number of time steps")
    return [(i, min(i + chunk_steps, n_steps)) for i in range(0, n_steps, chunk_steps)]


def run_epfd_job(
    job: EpfdJob,
    chunk_steps: int = 2000,
    scheduler: str | None = None,
    connect_timeout_s: float = 10.0,
) -> FloatArray:
    """Run a job chunk by chunk over time; on the Dask scheduler at ``scheduler`` if given.

    Returns epfd↓ of shape (n_station, n_time). The chunks are independent, so the result does
    not depend on where they run.
    """
    n_steps = job.times()[0].size
    bounds = chunk_bounds(n_steps, chunk_steps)
    if scheduler is None:
        parts = [epfd_chunk(job, a, b) for a, b in bounds]
    else:
        from distributed import Client

        try:
            client = Client(scheduler, timeout=f"{connect_timeout_s}s", set_as_default=False)
        except OSError as err:
            raise InvalidInputError(
                f"cannot reach the Dask scheduler at {scheduler}: {err}; start one with "
                "`dask scheduler` or leave the address out to run in process"
            ) from err
        with client:
            futures = client.map(
                epfd_chunk, [job] * len(bounds), [a for a, _ in bounds], [b for _, b in bounds]
            )
            parts = client.gather(futures)
    return np.concatenate(parts, axis=1)


def load_constellation(
    tle_path: Path = TLE_PATH, shell_km: tuple[float, float] | None = None
) -> orbits.Constellation:
    """The TLE set, restricted to one orbital shell (mean altitude in km) when given."""
    constellation = orbits.load_tles(tle_path)
    if shell_km is not None:
        constellation = orbits.select_shell(constellation, *shell_km)
    return constellation


def epfd_report(
    *,
    lat_deg: float,
    lon_deg: float,
    gso_lon_deg: float,
    mask: PfdMask,
    diameter_m: float = 0.6,
    freq_ghz: float = 11.7,
    alt_km: float = 0.0,
    duration_s: float = 86400.0,
    step_s: float = 10.0,
    tle_path: Path = TLE_PATH,
    min_elevation_deg: float = 0.0,
    limits_path: Path = LIMITS_PATH,
    chunk_steps: int = 2000,
    scheduler: str | None = None,
    max_cdf_points: int = 400,
    shell_km: tuple[float, float] | None = None,
) -> dict[str, Any]:
    """Run the epfd↓ of a TLE constellation at one GSO earth station and check Article 22.

    The limit mask is the Table 22-1A/B/C curve for ``freq_ghz``, ``diameter_m`` and the pfd
    mask's reference bandwidth; the reference antenna is the S.1428-1 pattern. Time starts at
    the latest TLE epoch of the file. ``shell_km`` keeps only satellites whose mean altitude lies
    in that range (e.g. the operational shell, leaving out retired satellites).
    """
    constellation = load_constellation(tle_path, shell_km)
    limit = select_mask(
        freq_ghz, diameter_m, mask.reference_bandwidth_khz, limits_path, lat_deg=lat_deg
    )
    station = EarthStation(
        lat_deg, lon_deg, alt_km, gso_lon_deg, diameter_m, freq_ghz, "s1428", min_elevation_deg
    )
    job = EpfdJob(constellation.lines, (station,), mask, constellation.epoch_jd, duration_s, step_s)
    series = run_epfd_job(job, chunk_steps=chunk_steps, scheduler=scheduler)[0]
    check = check_limits(series, limit)
    finite = series[np.isfinite(series)]
    return {
        "inputs": {
            "lat_deg": lat_deg,
            "lon_deg": lon_deg,
            "alt_km": alt_km,
            "gso_lon_deg": gso_lon_deg,
            "gso_elevation_deg": station.gso_elevation_deg(),
            "diameter_m": diameter_m,
            "freq_ghz": freq_ghz,
            "reference_bandwidth_khz": mask.reference_bandwidth_khz,
            "antenna_pattern": "ITU-R S.1428-1",
            "min_elevation_deg": min_elevation_deg,
            "duration_s": duration_s,
            "step_s": step_s,
            "start_jd": constellation.epoch_jd,
            "tle_file": tle_path.name,
            "satellites": len(constellation),
            "shell_km": list(shell_km) if shell_km else None,
            "pfd_mask": {
                "elevation_deg": list(mask.elevation_deg),
                "pfd_db": list(mask.pfd_db),
                "assumption": mask.note,
            },
        },
        "summary": {
            "time_steps": int(series.size),
            "max_epfd_db": float(finite.max()) if finite.size else None,
            "median_epfd_db": float(np.median(finite)) if finite.size else None,
            "percent_time_no_satellite_visible": float(100.0 * np.mean(~np.isfinite(series))),
        },
        "limit": {
            "table": limit.table,
            "diameter_m": limit.diameter_cm / 100.0,
            "bandwidth_khz": limit.bandwidth_khz,
            "curve": [{"epfd_db": a, "percent_exceeded": b} for a, b in limit.curve],
        },
        "check": check.as_dict(),
        "cdf": cdf_points(series, max_cdf_points),
    }


def epfd_grid_report(
    *,
    lats_deg: Sequence[float],
    lons_deg: Sequence[float],
    gso_lons_deg: Sequence[float],
    mask: PfdMask,
    diameter_m: float = 0.6,
    freq_ghz: float = 11.7,
    duration_s: float = 86400.0,
    step_s: float = 10.0,
    tle_path: Path = TLE_PATH,
    limits_path: Path = LIMITS_PATH,
    chunk_steps: int = 2000,
    scheduler: str | None = None,
    shell_km: tuple[float, float] | None = None,
) -> list[dict[str, Any]]:
    """epfd↓ and the Article 22 check for every earth station of a latitude × longitude grid
    pointed at every GSO longitude given (a sweep of the visible GSO arc).

    Station/GSO pairs where the GSO position is below the horizon are reported with
    ``visible: false`` and not computed. One job covers the whole grid, so on a Dask cluster
    the time chunks are spread over the workers.
    """
    constellation = load_constellation(tle_path, shell_km)
    rows: list[dict[str, Any]] = []
    stations: list[EarthStation] = []
    for lat in lats_deg:
        for lon in lons_deg:
            for gso_lon in gso_lons_deg:
                row: dict[str, Any] = {
                    "lat_deg": float(lat),
                    "lon_deg": float(lon),
                    "gso_lon_deg": float(gso_lon),
                }
                try:
                    station = EarthStation(lat, lon, 0.0, gso_lon, diameter_m, freq_ghz)
                except InvalidInputError:
                    row["visible"] = False
                    rows.append(row)
                    continue
                row["visible"] = True
                row["gso_elevation_deg"] = station.gso_elevation_deg()
                stations.append(station)
                rows.append(row)
    if not stations:
        raise InvalidInputError(
            "no grid point sees any of the GSO positions: move the grid or the GSO longitudes"
        )
    job = EpfdJob(
        constellation.lines, tuple(stations), mask, constellation.epoch_jd, duration_s, step_s
    )
    series = run_epfd_job(job, chunk_steps=chunk_steps, scheduler=scheduler)
    visible_rows = iter(r for r in rows if r["visible"])
    for station, epfd_db in zip(stations, series, strict=True):
        row = next(visible_rows)
        limit = select_mask(
            freq_ghz, diameter_m, mask.reference_bandwidth_khz, limits_path, station.lat_deg
        )
        check = check_limits(epfd_db, limit)
        finite = epfd_db[np.isfinite(epfd_db)]
        row.update(
            {
                "max_epfd_db": float(finite.max()) if finite.size else None,
                "table": limit.table,
                "passes": check.passes,
                "worst_margin_db": check.worst_margin_db,
                "time_steps": int(epfd_db.size),
                "satellites": len(constellation),
            }
        )
    return rows


def visible_satellites(
    station: EarthStation,
    minutes_after_epoch: float = 0.0,
    tle_path: Path = TLE_PATH,
    shell_km: tuple[float, float] | None = None,
) -> list[dict[str, Any]]:
    """The satellites above the station's minimum elevation at one time, with their geometry.

    For each: elevation (deg), range (km), off-axis angle from the earth-station boresight to
    the GSO satellite (deg), S.1428 gain relative to the peak (dB), and the smallest angle to
    the part of the geostationary arc above the horizon, with the GSO longitude where it occurs.
    """
    constellation = load_constellation(tle_path, shell_km)
    jd, fr = orbits.time_grid(constellation.epoch_jd + minutes_after_epoch / 1440.0, 0.0, 1.0)
    r_teme, _, err = orbits.propagate(constellation.satrecs, jd, fr)
    sat = orbits.teme_to_ecef(np.where(err[..., None] == 0, r_teme, np.nan), jd, fr)[:, 0, :]
    origin, up = station.ecef(), station.up()
    elevation = orbits.elevation_deg(sat, origin, up)
    visible = np.isfinite(elevation) & (elevation >= station.min_elevation_deg)
    if not visible.any():
        return []
    sat_v = sat[visible]
    off_axis = orbits.angle_between_deg(
        sat_v - origin, orbits.gso_ecef(station.gso_lon_deg) - origin
    )
    arc_angle, arc_lon = orbits.gso_arc_angle_deg(sat_v, origin, up)
    relative_gain = 10.0 * np.log10(station.gain_ratio(off_axis))
    names = [n for n, v in zip(constellation.names, visible, strict=True) if v]
    rows = [
        {
            "satellite": name,
            "elevation_deg": float(el),
            "range_km": float(np.linalg.norm(s - origin)),
            "off_axis_deg": float(off),
            "relative_gain_db": float(g),
            "gso_arc_angle_deg": float(a),
            "nearest_gso_lon_deg": float(lon),
        }
        for name, el, s, off, g, a, lon in zip(
            names,
            elevation[visible],
            sat_v,
            off_axis,
            relative_gain,
            arc_angle,
            arc_lon,
            strict=True,
        )
    ]
    return sorted(rows, key=lambda r: r["off_axis_deg"])
