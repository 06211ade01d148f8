"""Staffing balance: desirable ranges, gender by grade and the CP-SAT selection."""

from __future__ import annotations

import json

import numpy as np
import pytest
from typer.testing import CliRunner

from humanict.cli import app
from humanict.errors import DataFileError, InvalidInputError
from humanict.governance.selection import Applicant, Constraints, read_applicants, select
from humanict.governance.staffing import (
    RangeWeights,
    StaffMember,
    desirable_ranges,
    gender_by_grade,
    read_shares,
    read_staff,
    representation_status,
)
from humanict.members import Economy

from .conftest import GOV_DIR
from .synthetic import synthetic_applicants, synthetic_contributions, synthetic_staff

runner = CliRunner()
EXAMPLES = GOV_DIR / "examples"


def test_shipped_synthetic_examples_come_from_the_seeded_generator(
    members: list[Economy],
) -> None:
    codes = sorted(m.iso3 for m in members)
    assert (EXAMPLES / "synthetic_staff.csv").read_text() == synthetic_staff(codes)
    assert (EXAMPLES / "synthetic_contributions.csv").read_text() == synthetic_contributions(codes)
    assert (EXAMPLES / "synthetic_applicants.csv").read_text() == synthetic_applicants(codes)


def test_desirable_range_factors_add_up() -> None:
    # three states, base 100: membership 40 split equally, population 5, contribution 55
    ranges = desirable_ranges(
        ["A", "B", "C"], {"A": 1, "B": 1, "C": 2}, {"A": 0, "B": 1, "C": 1}, 100.0
    )
    assert ranges["midpoint"].sum() == pytest.approx(100.0)
    a = ranges.set_index("iso3").loc["A"]
    assert a["membership_factor"] == pytest.approx(40 / 3)
    assert a["population_factor"] == pytest.approx(5 * 1 / 4)
    assert a["contribution_factor"] == 0
    assert a["lower"] == pytest.approx(a["midpoint"] * 0.85)
    assert a["upper"] == pytest.approx(a["midpoint"] * 1.15)
    # the 1986 variant with a 7.2 % population factor (GA res. 41/206 C) is a parameter
    alt = desirable_ranges(
        ["A", "B"], {"A": 1, "B": 3}, {"A": 1, "B": 1}, 10.0, RangeWeights(0.4, 0.072, 0.528)
    )
    assert alt["population_factor"].tolist() == pytest.approx([0.18, 0.54])
    # the UN Secretariat's minimum widths: 4.8 posts each way, upper limit at least 14
    un = desirable_ranges(
        ["A", "B"],
        {"A": 1, "B": 1},
        {"A": 1, "B": 1},
        10.0,
        RangeWeights(min_half_width=4.8, min_upper=14),
    )
    assert un["lower"].tolist() == pytest.approx([0.2, 0.2])  # mid 5 - 4.8
    assert un["upper"].tolist() == pytest.approx([14, 14])  # max(5 + 4.8, 14)
    with pytest.raises(InvalidInputError, match="sum to 1"):
        RangeWeights(0.5, 0.5, 0.5)
    with pytest.raises(InvalidInputError, match="base figure"):
        desirable_ranges(["A"], {"A": 1}, {"A": 1}, 0)


def test_status_classes() -> None:
    ranges = desirable_ranges(
        ["A", "B", "C", "D"], dict.fromkeys("ABCD", 1.0), {"A": 1, "B": 1, "C": 1, "D": 1}, 8.0
    )  # mid 2, range 1.7-2.3
    staff = [StaffMember(f"s{i}", c, "P-3", "F", True) for i, c in enumerate("BBCCCCC")]
    staff.append(StaffMember("g", "A", "G-4", "F", False))  # not subject to distribution
    status = representation_status(ranges, staff).set_index("iso3")["status"].to_dict()
    assert status == {
        "A": "unrepresented",
        "B": "within range",
        "C": "over-represented",
        "D": "unrepresented",
    }
    ranges = desirable_ranges(["A", "B"], {"A": 1, "B": 1}, {"A": 1, "B": 9}, 20.0)
    staff = [StaffMember("s", "B", "P-2", "M", True)]
    assert representation_status(ranges, staff).set_index("iso3").loc["B", "status"] == (
        "under-represented"
    )


def test_gender_by_grade() -> None:
    staff = [
        StaffMember("1", "A", "P-5", "F", True),
        StaffMember("2", "A", "P-5", "M", True),
        StaffMember("3", "A", "P-5", "M", True),
        StaffMember("4", "A", "G-3", "F", False),
    ]
    table = gender_by_grade(staff).set_index("grade")
    assert table.loc["P-5", "women"] == 1 and table.loc["P-5", "gap_to_parity"] == 1
    assert table.loc["G-3", "share_women"] == 1.0
    assert list(table.index) == ["G-3", "P-5"]


def test_bad_tables_name_line_and_field() -> None:
    with pytest.raises(DataFileError) as err:
        read_staff("staff_id,iso3,grade,gender,geographic\n1,FRA,P-3,Q,yes\n")
    assert err.value.line == 2 and err.value.field == "gender"
    with pytest.raises(DataFileError) as err:
        read_shares("iso3,share\nFRA,-1\n")
    assert err.value.field == "share"
    with pytest.raises(DataFileError) as err:
        read_applicants("applicant_id,iso3,gender,merit\nA,FRA,F,120\n")
    assert err.value.field == "merit"


REGIONS = {"AAA": "A", "AAB": "A", "BBB": "B", "CCC": "C"}


def test_selection_meets_constraints_and_beats_every_feasible_alternative() -> None:
    rng = np.random.default_rng(7)  # synthetic applicants
    applicants = [
        Applicant(
            f"x{i}",
            str(rng.choice(list(REGIONS))),
            str(rng.choice(["F", "M"])),
            float(round(rng.uniform(40, 100), 1)),
        )
        for i in range(12)
    ]
    constraints = Constraints(slots=4, max_per_country=2, min_per_region=1, gender_tolerance=0)
    report = select(applicants, REGIONS, constraints)
    chosen = {r["applicant_id"] for r in report["selected"]}
    # brute force over every 4-subset: the solver's total is the best feasible one
    from itertools import combinations

    best = 0.0
    for combo in combinations(applicants, 4):
        per_country: dict[str, int] = {}
        for a in combo:
            per_country[a.iso3] = per_country.get(a.iso3, 0) + 1
        regions = {REGIONS[a.iso3] for a in combo}
        women = sum(a.gender == "F" for a in combo)
        if max(per_country.values()) <= 2 and len(regions) == 3 and women == 2:
            best = max(best, sum(a.merit for a in combo))
    assert report["merit_total"] == pytest.approx(best)
    assert report["women"] == report["men"] == 2 and len(chosen) == 4
    assert report["merit_given_up"] >= 0
    assert "merit" in str(report["explanation"])


def test_infeasible_selection_says_why() -> None:
    applicants = [Applicant(f"m{i}", "AAA", "M", 50.0) for i in range(5)]
    with pytest.raises(InvalidInputError, match="scarcer gender"):
        select(applicants, REGIONS, Constraints(slots=2, max_per_country=2, gender_tolerance=0))


def test_cli_staffing_commands() -> None:
    staff, contrib = (
        str(EXAMPLES / "synthetic_staff.csv"),
        str(EXAMPLES / "synthetic_contributions.csv"),
    )
    result = runner.invoke(
        app,
        ["governance", "staffing", "ranges", staff, "--contributions", contrib, "--format", "json"],
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert len(rows) == 193
    geographic = sum(1 for line in open(staff) if line.rstrip().endswith(",yes"))
    assert sum(r["midpoint"] for r in rows) == pytest.approx(geographic)
    result = runner.invoke(app, ["governance", "staffing", "gender", staff, "--format", "json"])
    assert result.exit_code == 0
    result = runner.invoke(
        app,
        [
            "governance",
            "staffing",
            "select",
            str(EXAMPLES / "synthetic_applicants.csv"),
            "--slots",
            "10",
            "--staff",
            staff,
            "--contributions",
            contrib,
            "--min-priority",
            "5",
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert sum(r["priority_country"] for r in report["selected"]) >= 5
    assert abs(report["women"] - report["men"]) <= 1
    result = runner.invoke(
        app,
        [
            "governance",
            "staffing",
            "select",
            str(EXAMPLES / "synthetic_applicants.csv"),
            "--slots",
            "10",
            "--min-priority",
            "3",
        ],
    )
    assert result.exit_code == 1 and "needs --staff" in result.output
