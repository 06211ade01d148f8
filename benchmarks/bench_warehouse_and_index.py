"""Time `data build` and index computation over all economies and years; print peak memory.

Usage: python benchmarks/bench_warehouse_and_index.py [--repeat N]

Prints wall-clock seconds (best and median of N runs) and the peak resident memory of the
process. Each build writes a fresh warehouse into a temporary folder.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from humanict.config import Settings
from humanict.data import Warehouse, build_warehouse
from humanict.indices import compute_index, compute_trend, load_spec


def _time(label: str, run: Callable[[], object], repeat: int) -> object:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - start)
    print(f"{label:<48} best {min(times):7.3f} s   median {statistics.median(times):7.3f} s")
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    data_dir = Settings().data_dir
    spec = load_spec("idi2024")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "warehouse.duckdb"
        report = _time(
            "data build (snapshot -> DuckDB)", lambda: build_warehouse(data_dir, path), args.repeat
        )
        warehouse = Warehouse(path)
        edition = _time(
            "index compute idi2024 (edition)", lambda: compute_index(spec, warehouse), args.repeat
        )
        trend = _time(
            "index compute idi2024 (edition + every year)",
            lambda: compute_trend(spec, warehouse),
            args.repeat,
        )
    print(f"observations loaded: {report.observations:,}")  # type: ignore[union-attr]
    print(f"economies scored, edition: {len(edition)}")  # type: ignore[arg-type]
    print(f"economy-years scored, all years: {len(trend)}")  # type: ignore[arg-type]
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak resident memory: {peak_mib:.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
