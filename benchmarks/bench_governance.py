"""Speed of the governance computations: scenario runs, CP-SAT selection, replay.

Prints figures; no assertion. Run: .venv/bin/python benchmarks/bench_governance.py
"""

from __future__ import annotations

import time

import numpy as np

from humanict.config import PROJECT_ROOT
from humanict.governance.records import load_record
from humanict.governance.replay import read_rounds, replay
from humanict.governance.representation import POST_GROUPS, Scope, representation
from humanict.governance.scenarios import Assumptions, Scenario, simulate, start_from_record
from humanict.governance.selection import Applicant, Constraints, select
from humanict.members import member_states

DATA = PROJECT_ROOT / "data"


def main() -> None:
    record = load_record(DATA)
    members = member_states(DATA)
    region = {m.iso3: m.council_region.value for m in members if m.council_region}
    ever = representation(record, members, Scope(POST_GROUPS["elected-officials"])).represented
    start = start_from_record(record, {str(r["iso3"]) for r in ever})

    runs, cycles = 1000, 25
    t0 = time.perf_counter()
    simulate(start, region, Scenario("reform", True), Assumptions(), cycles=cycles, runs=runs)
    dt = time.perf_counter() - t0
    print(f"scenarios: {runs} runs x {cycles} cycles in {dt:.2f} s ({runs / dt:,.0f} runs/s)")

    rng = np.random.default_rng(0)  # synthetic applicants
    codes = sorted(region)
    for n in (100, 1000, 5000):
        applicants = [
            Applicant(
                f"a{i}",
                str(rng.choice(codes)),
                str(rng.choice(["F", "M"])),
                float(round(rng.uniform(40, 100), 1)),
            )
            for i in range(n)
        ]
        t0 = time.perf_counter()
        report = select(applicants, region, Constraints(slots=50, max_per_country=1))
        dt = time.perf_counter() - t0
        t1 = time.perf_counter()
        sorted(applicants, key=lambda a: -a.merit)[:50]  # merit-only baseline
        base = time.perf_counter() - t1
        print(
            f"selection: {n:>5} applicants, 50 slots: CP-SAT {dt * 1000:,.0f} ms "
            f"({report['solver_status']}, merit given up {report['merit_given_up']}); "
            f"merit-only sort {base * 1000:.2f} ms"
        )

    text = (DATA / "governance" / "elections_results.csv").read_text()
    t0 = time.perf_counter()
    for _ in range(200):
        replay(read_rounds(text))
    dt = (time.perf_counter() - t0) / 200
    print(f"replay: 10 recorded rounds in {dt * 1000:.2f} ms")


if __name__ == "__main__":
    main()
