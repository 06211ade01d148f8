"""Trajectory fitting over all economies and indicators: fits per second and peak memory.

Fits each model to every (economy, indicator) series of the warehouse with at least the
model's minimum number of observations, series by series with scipy (``fit_series``) and,
for the curves, all series of an indicator in one batch (``batch_fit.fit_curves``), and
prints fits per second, the total time and the
peak memory: Python allocations of one pass over the first ``MEMORY_SAMPLE`` series under
tracemalloc (timed separately, since tracing slows Python down), and the process's maximum
resident set.
The ``last`` value model, which needs no optimisation, is the baseline.

Usage: ``python benchmarks/bench_trajectories.py [--models logistic,gompertz,bass,linear,last]``
"""

from __future__ import annotations

import argparse
import resource
import time
import tracemalloc

from humanict.config import Settings
from humanict.data import Warehouse
from humanict.observatory.batch_fit import fit_curves
from humanict.observatory.service import load_series
from humanict.observatory.trajectories import CURVE_MODELS, MIN_POINTS, curve_settings, fit_series

MEMORY_SAMPLE = 100
INDICATORS = ["i99H", "xHH6_IDI", "xHH18_IDI", "i271G", "i271GA", "i911mw", "i992b"]


def _fit_all(series: list[tuple[str, object, object]], model: str) -> None:
    for indicator, years, values in series:
        cap, fixed = curve_settings(indicator)
        fit_series(years, values, model, cap, fixed)  # type: ignore[arg-type]


def _fit_batched(series: list[tuple[str, object, object]], model: str) -> None:
    for indicator in INDICATORS:
        chosen = [s for s in series if s[0] == indicator]
        if chosen:
            cap, fixed = curve_settings(indicator)
            fit_curves([s[1] for s in chosen], [s[2] for s in chosen], model, cap, fixed)  # type: ignore[misc]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", default="logistic,gompertz,bass,linear,last")
    parser.add_argument(
        "--skip-scipy", action="store_true", help="Time only the batch fits of the curves."
    )
    args = parser.parse_args()
    frame = load_series(Warehouse(Settings().warehouse_path), INDICATORS)
    series = [
        (str(ind), g["year"].to_numpy(float), g["value"].to_numpy(float))
        for (ind, _), g in frame.groupby(["indicator", "economy"])
    ]
    print(
        f"{len(series)} series ({frame['economy'].nunique()} economies x {len(INDICATORS)} "
        f"indicators), {len(frame)} observations"
    )
    print(f"{'model':<10}{'method':<8}{'fits':>7}{'seconds':>10}{'fits/s':>10}{'peak MiB':>10}")
    for model in args.models.split(","):
        usable = [s for s in series if s[1].size >= MIN_POINTS[model]]
        methods = [("scipy", _fit_all)]
        if model in CURVE_MODELS:
            methods = [("batch", _fit_batched)] + ([] if args.skip_scipy else methods)
        for label, run in methods:
            started = time.perf_counter()
            run(usable, model)
            seconds = time.perf_counter() - started
            tracemalloc.start()
            run(usable[:MEMORY_SAMPLE], model)
            _, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            print(
                f"{model:<10}{label:<8}{len(usable):>7}{seconds:>10.2f}"
                f"{len(usable) / seconds:>10.0f}{peak / 2**20:>10.2f}"
            )
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"process peak resident memory: {rss:.0f} MiB")


if __name__ == "__main__":
    main()
