"""The scenario simulator: calibration from the record and properties of seeded runs."""

from __future__ import annotations

import json

import numpy as np
import pytest
from typer.testing import CliRunner

from humanict.cli import app
from humanict.errors import InvalidInputError
from humanict.governance.records import Record
from humanict.governance.representation import POST_GROUPS, Scope, representation
from humanict.governance.scenarios import (
    Assumptions,
    Scenario,
    calibrate,
    parse_scenarios,
    simulate,
    start_from_record,
)
from humanict.members import Economy

runner = CliRunner()


@pytest.fixture(scope="module")
def setup(record: Record, members: list[Economy]):
    ever = representation(record, members, Scope(POST_GROUPS["elected-officials"])).represented
    start = start_from_record(record, {str(r["iso3"]) for r in ever})
    region = {m.iso3: m.council_region.value for m in members if m.council_region}
    return start, region


def test_calibration_counts_the_record(record: Record) -> None:
    c = calibrate(record)
    # 19 first terms completed 1995-2022, 15 followed by a second in the same post
    assert (c["first_terms"], c["second_terms"]) == (19, 15)
    # Toure SG 2007, Zhao DSG 2007 and SG 2015, Johnson DSG 2015, Bogdan-Martin SG 2023
    assert c["moves"] == 5
    assert c["prior_weight"] > 1  # newcomers come more often from represented states


def test_start_state_from_the_record(setup) -> None:
    start, _ = setup
    assert {p: h.iso3 for p, h in start.holders.items()} == {
        "SG": "USA",
        "DSG": "LTU",
        "BR": "URY",
        "TSB": "JPN",
        "BDT": "ZWE",
    }
    assert start.holders["BR"].terms == {"BR": 2}
    assert start.holders["SG"].terms == {"BDT": 1, "SG": 1}
    assert len(start.represented) == 24


def test_runs_are_seeded_and_consistent(setup) -> None:
    start, region = setup
    a = Assumptions(0.8, 0.2, 3.0)
    one = simulate(start, region, Scenario("reform"), a, cycles=6, runs=40, seed=3)
    two = simulate(start, region, Scenario("reform"), a, cycles=6, runs=40, seed=3)
    assert one == two
    curve = one["represented_by_cycle_mean"]
    assert all(b >= x for x, b in zip(curve, curve[1:], strict=False))  # coverage never shrinks
    for holders in one["first_run_holders"]:
        assert len(set(holders.values())) == 5  # Constitution No. 62: five nationalities


def test_term_limits_force_turnover(setup) -> None:
    start, region = setup
    # incumbents always win when allowed, nobody moves: only term limits open posts
    a = Assumptions(1.0, 0.0, 1.0)
    current = simulate(start, region, Scenario("current"), a, cycles=1, runs=5, seed=0)
    first = current["first_run_holders"][0]
    assert first["BR"] != "URY"  # Maniewicz has served two BR terms
    assert first["SG"] == "USA" and first["TSB"] == "JPN"
    # with incumbents exempt, the reform changes nothing in the first cycle
    reform = simulate(start, region, Scenario("reform"), a, cycles=1, runs=5, seed=0)
    assert {k: v for k, v in reform["first_run_holders"][0].items() if k != "BR"} == {
        k: v for k, v in first.items() if k != "BR"
    }


def test_rotation_reaches_every_region_quickly(setup) -> None:
    start, region = setup
    a = Assumptions(0.0, 0.0, 1.0)  # every post open every cycle
    result = simulate(start, region, Scenario("current", True), a, cycles=3, runs=20, seed=1)
    assert result["share_runs_every_region_within_horizon"] == 1.0
    assert result["cycles_until_every_region_holds_a_post_median"] <= 2


def test_bad_scenario_and_assumptions() -> None:
    assert [s.name for s in parse_scenarios("current, reform+rotation")] == [
        "current",
        "reform+rotation",
    ]
    with pytest.raises(InvalidInputError, match="unknown scenario"):
        parse_scenarios("lottery")
    with pytest.raises(InvalidInputError):
        Assumptions(p_incumbent=1.5)


def test_cli_scenarios_json() -> None:
    result = runner.invoke(
        app,
        [
            "governance",
            "scenarios",
            "--rules",
            "current,reform",
            "--cycles",
            "5",
            "--runs",
            "30",
            "--seed",
            "1",
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert [s["scenario"] for s in data["scenarios"]] == ["current", "reform"]
    assert np.isclose(data["assumptions"]["p_incumbent"], 15 / 19, atol=1e-3)
