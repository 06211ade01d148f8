"""Time readiness and the WSIS-SDG view; compare percentile_rank with a plain numpy version.

Usage: python benchmarks/bench_security_wsis.py [--repeat N] [--size N]

Needs a built warehouse (`humanict data build`). Prints wall-clock seconds (best and median of
N runs) and the peak resident memory of the process.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
from collections.abc import Callable

import numpy as np

from humanict.config import Settings
from humanict.data import Warehouse
from humanict.indices import compute_index, load_spec
from humanict.security import load_readiness, member_states, percentile_rank, readiness_table
from humanict.wsis import line_indicators


def _time(label: str, run: Callable[[], object], repeat: int) -> object:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - start)
    print(f"{label:<52} best {min(times):8.4f} s   median {statistics.median(times):8.4f} s")
    return result


def _numpy_percentile(values: np.ndarray) -> np.ndarray:
    """The same mean percentile rank from counts: 100 (B + E/2) / N via sorting."""
    ordered = np.sort(values)
    below = np.searchsorted(ordered, values, side="left")
    equal = np.searchsorted(ordered, values, side="right") - below
    return 100.0 * (below + 0.5 * equal) / values.size


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--size", type=int, default=1_000_000)
    args = parser.parse_args()
    settings = Settings()
    warehouse = Warehouse(settings.warehouse_path)

    # Synthetic scores with many ties (rounded to one decimal), seeded.
    values = np.round(np.random.default_rng(2024).uniform(0, 100, args.size), 1)
    ours = _time(
        f"percentile_rank, {args.size:,} synthetic values",
        lambda: percentile_rank(values),
        args.repeat,
    )
    peer = _time(
        f"numpy sort + searchsorted, {args.size:,} values",
        lambda: _numpy_percentile(values),
        args.repeat,
    )
    print(f"{'largest difference between the two':<52} {np.abs(ours - peer).max():.2e}")  # type: ignore[operator]

    idi = compute_index(load_spec("idi2024"), warehouse)
    gci = compute_index(load_spec("gci2024"), warehouse)
    members = member_states(settings.data_dir)
    _time(
        "readiness_table (193 Member States, pure)",
        lambda: readiness_table(idi, gci, members),
        args.repeat,
    )
    _time(
        "load_readiness (IDI + GCI from the warehouse)",
        lambda: load_readiness(warehouse, settings.data_dir),
        args.repeat,
    )
    _time(
        "line_indicators, every WSIS line",
        lambda: line_indicators(settings.data_dir, warehouse),
        args.repeat,
    )
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"{'peak resident memory':<52} {peak_kib / 1024:8.1f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
