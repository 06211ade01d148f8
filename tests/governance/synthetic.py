"""Seeded generator of the SYNTHETIC staffing examples (made-up people and figures).

The files under data/governance/examples/synthetic_*.csv are this module's output with
SEED; tests/governance/test_staffing.py checks that they still are.
"""

from __future__ import annotations

import csv
import io

import numpy as np

SEED = 2026
GRADES_P = ["P-1", "P-2", "P-3", "P-4", "P-5", "D-1", "D-2"]
GRADES_G = ["G-3", "G-4", "G-5", "G-6"]


def _write(header: list[str], rows: list[list[object]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def synthetic_contributions(members: list[str], seed: int = SEED) -> str:
    rng = np.random.default_rng(seed)
    shares = rng.lognormal(mean=0.0, sigma=1.5, size=len(members))
    shares = shares / shares.sum() * 100
    return _write(
        ["iso3", "share"], [[m, f"{s:.4f}"] for m, s in zip(members, shares, strict=True)]
    )


def synthetic_staff(members: list[str], n: int = 400, seed: int = SEED) -> str:
    rng = np.random.default_rng(seed + 1)
    weights = rng.lognormal(0.0, 1.2, size=len(members))
    weights /= weights.sum()
    rows = []
    for i in range(n):
        professional = rng.random() < 0.6
        grade = rng.choice(GRADES_P if professional else GRADES_G)
        senior = grade in ("P-5", "D-1", "D-2")
        gender = "F" if rng.random() < (0.3 if senior else 0.5) else "M"
        rows.append(
            [
                f"S{i + 1:04d}",
                rng.choice(members, p=weights),
                grade,
                gender,
                "yes" if professional else "no",
            ]
        )
    return _write(["staff_id", "iso3", "grade", "gender", "geographic"], rows)


def synthetic_applicants(members: list[str], n: int = 60, seed: int = SEED) -> str:
    rng = np.random.default_rng(seed + 2)
    pool = rng.choice(members, size=25, replace=False)
    rows = []
    for i in range(n):
        gender = "F" if rng.random() < 0.4 else "M"
        merit = float(np.clip(rng.normal(70, 10), 0, 100))
        rows.append([f"A{i + 1:03d}", rng.choice(pool), gender, f"{merit:.1f}"])
    return _write(["applicant_id", "iso3", "gender", "merit"], rows)
