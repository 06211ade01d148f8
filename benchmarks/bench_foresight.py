"""Foresight speed and memory: catalogue unification, build, search, gap report, Dask.

Usage: python benchmarks/bench_foresight.py [--source ../shared/data/standards] [--topics 40]

Each stage runs in its own process so that its peak resident memory (ru_maxrss) is its own.
Prints records per second and peak memory per stage. The gap report is timed in-process and on
a local two-worker Dask cluster (loopback, one thread per worker), which must agree.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from humanict.config import PROJECT_ROOT

DATA = PROJECT_ROOT / "data"
DEFAULT_SOURCE = PROJECT_ROOT.parent.parent / "shared" / "data" / "standards"


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def stage(name: str, source: Path, db: Path, topics: int) -> dict[str, object]:
    from humanict.foresight import store

    started = time.perf_counter()
    if name == "unify":
        from humanict.foresight.sources import read_raw_catalogues

        catalogue, raw = read_raw_catalogues(source)
        records, note = raw, f"{raw:,} raw records -> {len(catalogue):,} documents"
    elif name == "build":
        report = store.build(DATA, db, abstracts=source if source.is_dir() else None)
        records = report.standards + report.signals
        note = f"{report.standards:,} standards ({report.abstracts:,} abstracts), "
        note += f"{report.signals:,} signals"
    elif name == "search":
        from humanict.foresight.search import index_catalogue, search

        standards, _ = store.load(db)
        index = index_catalogue(standards)
        hits = search(index, "quantum key distribution", limit=10)
        records, note = len(standards), f"index + 1 query; top hit {hits['identifier'].iloc[0]}"
    else:
        from humanict.foresight.gaps import gap_report

        standards, signals = store.load(db)
        scheduler = None
        cluster = None
        if name == "gaps-dask":
            from distributed import LocalCluster

            cluster = LocalCluster(
                n_workers=2,
                threads_per_worker=1,
                processes=True,
                host="127.0.0.1",
                dashboard_address=None,
            )
            scheduler = cluster.scheduler_address
        started = time.perf_counter()
        report = gap_report(standards, signals, 2018, n_topics=topics, scheduler=scheduler)
        if cluster is not None:
            cluster.close()
        records = report.n_signals + report.n_standards
        top = [t.label for t in report.topics[:3]]
        note = f"{report.n_signals:,} signals + {report.n_standards:,} standards; top {top}"
    seconds = time.perf_counter() - started
    return {
        "stage": name,
        "records": records,
        "seconds": seconds,
        "per_second": records / seconds,
        "peak_mb": _peak_mb(),
        "note": note,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--topics", type=int, default=40)
    parser.add_argument("--stage", help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.stage:
        print(json.dumps(stage(args.stage, args.source, args.db, args.topics)))
        return
    stages = ["build", "search", "gaps", "gaps-dask"]
    if args.source.is_dir():
        stages.insert(0, "unify")
    else:
        print(f"no raw catalogues at {args.source}: skipping unification and abstracts")
    print(f"{'stage':10} {'records':>9} {'seconds':>8} {'records/s':>10} {'peak MB':>8}  note")
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "foresight.duckdb"
        for name in stages:
            command = [sys.executable, __file__, "--stage", name, "--db", str(db)]
            command += ["--source", str(args.source), "--topics", str(args.topics)]
            out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
            row = json.loads(out.strip().splitlines()[-1])
            print(
                f"{row['stage']:10} {row['records']:9,} {row['seconds']:8.1f} "
                f"{row['per_second']:10,.0f} {row['peak_mb']:8.0f}  {row['note']}"
            )


if __name__ == "__main__":
    main()
