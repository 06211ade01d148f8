"""Time the spectrum registry: build from the snapshot, deadlines, arc queries, band lookups.

Usage: python benchmarks/bench_spectrum_registry.py [--repeat N] [--backend sqlite|postgresql]

Prints wall-clock seconds (best and median of N runs) per task and backend, and the peak
resident memory. On SQLite the registry is built in a temporary folder; on PostgreSQL in a
fresh database on 127.0.0.1:5432 (user postgres, trust auth; `make postgres`), dropped after.
"""

from __future__ import annotations

import argparse
import resource
import secrets
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from humanict.config import Settings
from humanict.registry_db import dispose_shared
from humanict.spectrum.allocations import bands_at, load_table
from humanict.spectrum.filings import all_deadlines
from humanict.spectrum.frequency import parse_frequency
from humanict.spectrum.registry import build_registry, connect, networks_near

PG_ADMIN = "host=127.0.0.1 port=5432 user=postgres dbname=postgres"


def _time(label: str, run: Callable[[], object], repeat: int, per: int = 1) -> None:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    best, median = min(times), statistics.median(times)
    rate = f", {per / best:,.0f} per second" if per > 1 else ""
    print(f"{label:<55} best {best:8.4f} s  median {median:8.4f} s{rate}")


@contextmanager
def _database(backend: str) -> Iterator[str]:
    """The SQLAlchemy URL of an empty registry database on ``backend``, removed afterwards."""
    if backend == "sqlite":
        with tempfile.TemporaryDirectory() as tmp:
            url = f"sqlite:///{Path(tmp) / 'registry.sqlite'}"
            yield url
            dispose_shared(url)
        return
    import psycopg

    name = f"humanict_bench_{secrets.token_hex(6)}"
    with psycopg.connect(PG_ADMIN, autocommit=True, connect_timeout=5) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
        try:
            url = f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
            yield url
            dispose_shared(url)
        finally:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _registry(backend: str, data_dir: Path, repeat: int) -> None:
    with _database(backend) as url:
        _time(f"[{backend}] registry build (3,442 networks + lists)",
              lambda: build_registry(data_dir, url), repeat)  # fmt: skip
        with connect(url) as conn:
            _time(f"[{backend}] all deadlines on 2026-01-01",
                  lambda: all_deadlines(conn, date(2026, 1, 1)), repeat)  # fmt: skip
            positions = [float(p) for p in range(-180, 180, 5)]
            _time(
                f"[{backend}] arc queries, ±8° (72 positions)",
                lambda: [networks_near(conn, p, 8.0) for p in positions],
                repeat,
                per=len(positions),
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--backend", choices=["sqlite", "postgresql"], action="append", dest="backends"
    )
    args = parser.parse_args()
    data_dir = Settings().data_dir
    for backend in args.backends or ["sqlite", "postgresql"]:
        _registry(backend, data_dir, args.repeat)
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
