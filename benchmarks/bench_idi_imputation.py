"""Time and peak memory of the IDI 2024 edition under each imputation setting.

Usage: python benchmarks/bench_idi_imputation.py [--repeat N] [--draws D]

Runs `compute_index` on the edition (170 economies) with: the shipped default chain
(other_year, then regression, with the spec's draws), the same without draws (the baseline:
a single point fill, as before intervals existed), and multiple imputation by chained
equations (other_year, then iterative, D draws: one IterativeImputer run per draw). Prints
the best and median wall-clock seconds of N runs and the peak traced Python memory of one run
(tracemalloc: numpy and pandas buffers included, DuckDB's own memory not).
Needs a built warehouse (`humanict data build`).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import tracemalloc
from dataclasses import replace

from humanict.config import Settings
from humanict.data import Warehouse
from humanict.indices import compute_index, load_spec
from humanict.indices.spec import IndexSpec


def _measure(label: str, spec: IndexSpec, warehouse: Warehouse, repeat: int) -> float:
    compute_index(spec, warehouse)  # warm the imports and the DuckDB connection
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        compute_index(spec, warehouse)
        times.append(time.perf_counter() - start)
    tracemalloc.start()
    compute_index(spec, warehouse)
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    best = min(times)
    print(
        f"{label:<52} best {best:7.3f} s   median {statistics.median(times):7.3f} s   "
        f"peak {peak:6.1f} MiB"
    )
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--draws", type=int, default=20)
    args = parser.parse_args()
    warehouse = Warehouse(Settings().warehouse_path)
    spec = load_spec("idi2024")
    chain = " → ".join(spec.imputation)
    baseline = _measure(
        f"baseline: {chain}, no draws", replace(spec, imputation_draws=0), warehouse, args.repeat
    )
    default = _measure(
        f"default: {chain}, {spec.imputation_draws} draws", spec, warehouse, args.repeat
    )
    multiple = replace(spec, imputation=("other_year", "iterative"), imputation_draws=args.draws)
    mi = _measure(
        f"multiple imputation: other_year → iterative, {args.draws} draws",
        multiple,
        warehouse,
        args.repeat,
    )
    print(
        f"default / baseline: {default / baseline:.2f}x; "
        f"multiple / baseline: {mi / baseline:.2f}x"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
