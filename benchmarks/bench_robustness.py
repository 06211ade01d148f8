"""Speed and memory of the IDI 2024 Monte Carlo robustness analysis: local vs Dask.

Usage: python benchmarks/bench_robustness.py [--draws 10000] [--baseline-draws 200]

Prints, for ``--draws`` draws over all scored economies (with the sensitivity design, i.e.
6 evaluations per draw): wall-clock seconds, draws per second and peak memory, run
(1) in this process and (2) on a two-worker ``distributed.LocalCluster`` on loopback (one
thread per worker, processes). As a baseline it times the naive design that reruns the whole
index pipeline (normalisation, regression imputation, aggregation) once per evaluation.
Needs a built warehouse (`humanict data build`).
"""

from __future__ import annotations

import argparse
import resource
import time
import tracemalloc

import numpy as np

from humanict.config import Settings
from humanict.data import Warehouse
from humanict.indices import load_spec
from humanict.indices.engine import combine_inputs
from humanict.indices.robustness import (
    FACTORS,
    RobustnessConfig,
    build_problem,
    competition_ranks,
    impute,
    normalise,
    run_dask,
    run_local,
)
from humanict.indices.robustness_service import load_problem
from humanict.indices.service import load_inputs


def peak_rss_mb() -> float:
    """Peak resident memory of this process image (VmHWM; ru_maxrss would also count the
    parent a worker was forked from)."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def naive_draws_per_second(warehouse: Warehouse, draws: int, seed: int = 0) -> float:
    """Rerun normalisation, imputation and aggregation for each evaluation (no caching)."""
    spec = load_spec("idi2024")
    inputs = load_inputs(spec, warehouse, None)
    raw = inputs.values.to_numpy()
    problem = build_problem(spec, raw, list(inputs.values.index))
    combined = combine_inputs(spec, raw)
    rng = np.random.default_rng(seed)
    evaluations = draws * (len(FACTORS) + 2)
    start = time.perf_counter()
    for _ in range(evaluations):
        norm = problem.normalisations[rng.integers(3)]
        imp = problem.imputations[rng.integers(3)]
        scores, mask = impute(normalise(spec, combined, norm), imp)
        scores = np.where(mask, scores, 0.0)
        wc = np.empty(len(problem.components))
        total = np.zeros(len(combined))
        pw = rng.dirichlet(100 * problem.pillar_weights)
        for p in range(len(problem.pillar_weights)):
            cols = problem.pillar_of == p
            wc[cols] = rng.dirichlet(100 * problem.component_weights[cols])
            w = wc[cols] * mask[:, cols]
            total += pw[p] * (scores[:, cols] * w).sum(axis=1) / w.sum(axis=1)
        competition_ranks(total)
    return draws / (time.perf_counter() - start)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--draws", type=int, default=10_000)
    parser.add_argument("--baseline-draws", type=int, default=200)
    parser.add_argument("--chunk-size", type=int, default=1000)
    args = parser.parse_args()
    warehouse = Warehouse(Settings().warehouse_path)
    config = RobustnessConfig(draws=args.draws, chunk_size=args.chunk_size)
    problem = load_problem(load_spec("idi2024"), warehouse)
    print(
        f"IDI 2024: {problem.n} economies, {len(problem.components)} components, "
        f"{args.draws:,} draws x {len(FACTORS) + 2} evaluations (A, B, A_B^i), "
        f"chunks of {args.chunk_size}"
    )

    start = time.perf_counter()
    local = run_local(problem, config)
    seconds = time.perf_counter() - start
    tracemalloc.start()  # a second run, for the peak of Python and numpy allocations
    run_local(problem, config)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(
        f"local (numpy, 1 process)        {seconds:7.2f} s  {args.draws / seconds:9,.0f} draws/s"
        f"  peak traced {peak / 2**20:6.1f} MB  process peak RSS {peak_rss_mb():6.0f} MB"
    )

    from distributed import Client, LocalCluster

    with (
        LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
        ) as cluster,
        Client(cluster) as client,
    ):
        # Warm-up: workers import humanict and numpy before the timed run.
        run_dask(problem, RobustnessConfig(draws=4, chunk_size=2), cluster.scheduler_address)
        start = time.perf_counter()
        remote = run_dask(problem, config, cluster.scheduler_address)
        seconds = time.perf_counter() - start
        rss = client.run(peak_rss_mb)
    same = np.array_equal(local.rank_counts, remote.rank_counts) and np.array_equal(
        local.first, remote.first
    )
    print(
        f"dask (LocalCluster, 2 workers)  {seconds:7.2f} s  {args.draws / seconds:9,.0f} draws/s"
        f"  worker peak RSS {', '.join(f'{v:.0f}' for v in rss.values())} MB"
        f"  identical to local: {same}"
    )
    rate = naive_draws_per_second(warehouse, args.baseline_draws)
    print(
        f"baseline: rerun the pipeline per evaluation ({args.baseline_draws} draws) "
        f"{rate:9,.0f} draws/s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
