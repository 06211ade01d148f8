"""Satellite-time-steps per second: SGP4 propagation and the epfd↓ pipeline.

Usage: python benchmarks/bench_sgp4_epfd.py [--hours H] [--step S] [--dask]

Compares, on the shipped Globalstar TLE set (85 satellites):
1. SGP4 alone: the vectorised ``SatrecArray`` path used by humanict, a naive loop calling
   ``Satrec.sgp4`` once per satellite and time step, and skyfield (one ``EarthSatellite.at``
   call per satellite over all times, TEME to GCRS included, so it does more work);
2. the whole epfd↓ computation (propagation, TEME to ECEF, elevation, off-axis angle,
   S.1428-1 gain, pfd sum): vectorised vs a naive per-satellite, per-step Python loop;
3. with --dask, the same job on a two-worker local Dask cluster (loopback), checked equal.
"""

from __future__ import annotations

import argparse
import math
import time
from collections.abc import Callable

import numpy as np
from sgp4.api import WGS72, Satrec

from humanict.spectrum import antennas, epfd, orbits


def _best(run: Callable[[], object], repeat: int = 3) -> tuple[float, object]:
    best, result = math.inf, None
    for _ in range(repeat):
        start = time.perf_counter()
        result = run()
        best = min(best, time.perf_counter() - start)
    return best, result


def _report(label: str, seconds: float, sat_steps: int, baseline: float | None = None) -> None:
    rate = sat_steps / seconds
    speedup = f"  ({baseline / seconds:6.1f}x the naive loop)" if baseline else ""
    print(f"  {label:<44} {seconds:8.3f} s  {rate:14,.0f} sat-steps/s{speedup}")


def naive_sgp4(lines: tuple[tuple[str, str], ...], jd: np.ndarray, fr: np.ndarray) -> np.ndarray:
    out = np.empty((len(lines), jd.size, 3))
    for i, (l1, l2) in enumerate(lines):
        sat = Satrec.twoline2rv(l1, l2, WGS72)
        for k in range(jd.size):
            _, r, _ = sat.sgp4(jd[k], fr[k])
            out[i, k] = r
    return out


def naive_epfd(
    lines: tuple[tuple[str, str], ...],
    station: epfd.EarthStation,
    mask: epfd.PfdMask,
    jd: np.ndarray,
    fr: np.ndarray,
) -> np.ndarray:
    """The same sum, one satellite and one time step at a time (scalar numpy/math calls)."""
    origin = station.ecef()
    up = station.up()
    boresight = orbits.gso_ecef(station.gso_lon_deg) - origin
    peak = antennas.s1428_gain(0.0, station.diameter_m, station.freq_ghz)
    sats = [Satrec.twoline2rv(l1, l2, WGS72) for l1, l2 in lines]
    out = np.empty(jd.size)
    for k in range(jd.size):
        theta = float(orbits.gmst_rad(jd[k], fr[k]))
        c, s = math.cos(theta), math.sin(theta)
        total = 0.0
        for sat in sats:
            err, r, _ = sat.sgp4(jd[k], fr[k])
            if err:
                continue
            x = np.array([c * r[0] + s * r[1], -s * r[0] + c * r[1], r[2]]) - origin
            rng = math.sqrt(float(x @ x))
            el = math.degrees(math.asin(float(x @ up) / rng))
            if el < station.min_elevation_deg:
                continue
            cos_off = float(x @ boresight) / (rng * math.sqrt(float(boresight @ boresight)))
            off = math.degrees(math.acos(max(-1.0, min(1.0, cos_off))))
            gain = float(antennas.s1428_gain(off, station.diameter_m, station.freq_ghz))
            total += 10 ** (float(mask.pfd_at(el)) / 10) * 10 ** ((gain - peak) / 10)
        out[k] = 10 * math.log10(total) if total > 0 else -math.inf
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hours", type=float, default=6.0, help="simulated hours (default 6)")
    parser.add_argument("--step", type=float, default=10.0, help="time step in s (default 10)")
    parser.add_argument("--naive-hours", type=float, default=0.5, help="hours for naive loops")
    parser.add_argument("--dask", action="store_true", help="also run on a local Dask cluster")
    args = parser.parse_args()

    constellation = orbits.load_tles(epfd.TLE_PATH)
    n_sat = len(constellation)
    jd, fr = orbits.time_grid(constellation.epoch_jd, args.hours * 3600, args.step)
    njd, nfr = orbits.time_grid(constellation.epoch_jd, args.naive_hours * 3600, args.step)
    steps = n_sat * jd.size
    naive_steps = n_sat * njd.size
    print(f"{n_sat} satellites; {jd.size} time steps ({args.hours:g} h at {args.step:g} s)")

    print("SGP4 propagation")
    t_naive, _ = _best(lambda: naive_sgp4(constellation.lines, njd, nfr), repeat=1)
    naive_rate = t_naive / naive_steps  # seconds per sat-step
    _report(f"naive loop ({args.naive_hours:g} h)", t_naive, naive_steps)
    t_vec, _ = _best(lambda: orbits.propagate(constellation.satrecs, jd, fr))
    _report("vectorised SatrecArray", t_vec, steps, naive_rate * steps)
    try:
        from skyfield.api import EarthSatellite, load

        ts = load.timescale(builtin=True)
        times = ts.tai_jd(jd + fr + 37.0 / 86400.0)
        sats = [EarthSatellite(l1, l2, ts=ts) for l1, l2 in constellation.lines]
        t_sky, _ = _best(lambda: [s.at(times).position.km for s in sats], repeat=1)
        _report("skyfield EarthSatellite.at (to GCRS)", t_sky, steps, naive_rate * steps)
    except ImportError:
        print("  skyfield not installed: skipped")

    print("epfd↓ at one GSO earth station (S.1428-1, 0.6 m, 11.7 GHz)")
    station = epfd.EarthStation(40.4, -3.7, 0.0, -10.0, 0.6, 11.7)
    mask = epfd.parse_pfd_mask("0:-165,30:-160,90:-155")
    t_naive_epfd, naive_series = _best(
        lambda: naive_epfd(constellation.lines, station, mask, njd, nfr), repeat=1
    )
    naive_epfd_rate = t_naive_epfd / naive_steps
    _report(f"naive loop ({args.naive_hours:g} h)", t_naive_epfd, naive_steps)
    job = epfd.EpfdJob(
        constellation.lines, (station,), mask, constellation.epoch_jd, args.hours * 3600, args.step
    )
    t_job, series = _best(lambda: epfd.run_epfd_job(job))
    _report("vectorised, in process", t_job, steps, naive_epfd_rate * steps)
    short = epfd.run_epfd_job(
        epfd.EpfdJob(
            constellation.lines,
            (station,),
            mask,
            constellation.epoch_jd,
            args.naive_hours * 3600,
            args.step,
        )
    )[0]
    diff = np.max(np.abs(short - np.asarray(naive_series)))
    print(f"  naive and vectorised epfd agree to {diff:.2e} dB")

    if args.dask:
        from distributed import LocalCluster

        with LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
        ) as cluster:
            t_dask, remote = _best(
                lambda: epfd.run_epfd_job(
                    job, chunk_steps=500, scheduler=cluster.scheduler_address
                ),
                repeat=1,
            )
        _report("Dask, 2 local workers", t_dask, steps, naive_epfd_rate * steps)
        print(f"  Dask result equals local: {np.array_equal(remote, series)}")


if __name__ == "__main__":
    main()
