"""Time the spectrum registry: build from the snapshot, deadlines, arc queries, band lookups.

Usage: python benchmarks/bench_spectrum_registry.py [--repeat N]

Prints wall-clock seconds (best and median of N runs) per task and the peak resident memory.
The registry is built into a temporary folder.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from humanict.config import Settings
from humanict.spectrum.allocations import bands_at, load_table
from humanict.spectrum.filings import all_deadlines
from humanict.spectrum.frequency import parse_frequency
from humanict.spectrum.registry import build_registry, connect, networks_near


def _time(label: str, run: Callable[[], object], repeat: int, per: int = 1) -> None:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    best, median = min(times), statistics.median(times)
    rate = f", {per / best:,.0f} per second" if per > 1 else ""
    print(f"{label:<42} best {best:8.4f} s  median {median:8.4f} s{rate}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    data_dir = Settings().data_dir
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "spectrum.sqlite"
        _time("registry build (3,442 networks + lists)", lambda: build_registry(data_dir, path),
              args.repeat)  # fmt: skip
        with connect(path) as conn:
            _time("all deadlines on 2026-01-01", lambda: all_deadlines(conn, date(2026, 1, 1)),
                  args.repeat)  # fmt: skip
            positions = [float(p) for p in range(-180, 180, 5)]
            _time(
                "arc queries, ±8° (72 positions)",
                lambda: [networks_near(conn, p, 8.0) for p in positions],
                args.repeat,
                per=len(positions),
            )
    table = load_table(data_dir)
    freqs = [parse_frequency(f"{f} MHz") for f in range(10, 100_000, 100)]
    _time(
        "band lookups (1,000 frequencies, Region 1)",
        lambda: [bands_at(table, f, 1) for f in freqs],
        args.repeat,
        per=len(freqs),
    )
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak resident memory {peak_mib:.0f} MiB")


if __name__ == "__main__":
    main()
