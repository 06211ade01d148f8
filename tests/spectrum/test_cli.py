"""`humanict spectrum ...` end to end: output formats and the errors a user sees."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from humanict.cli import app
from humanict.config import Settings

runner = CliRunner()


@pytest.fixture
def env(spectrum_settings: Settings, registry: str) -> dict[str, str]:
    return {
        "HUMANICT_DATA_DIR": str(spectrum_settings.data_dir),
        "HUMANICT_WAREHOUSE_PATH": str(spectrum_settings.warehouse_path),
        "HUMANICT_REGISTRY_URL": spectrum_settings.registry_url,
    }


def _run(env: dict[str, str], *args: str) -> object:
    return runner.invoke(app, ["spectrum", *args], env=env)


def test_allocations_json_lists_services_and_footnote_texts(env: dict[str, str]) -> None:
    result = _run(env, "allocations", "--freq", "11.7GHz", "--region", "1", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["region"] == 1 and [b["band"] for b in data["bands"]] == [
        "10.7-11.7 GHz",
        "11.7-12.5 GHz",
    ]
    notes = {n["ref"]: n["text"] for b in data["bands"] for n in b["footnotes"]}
    assert "Appendix 30B" in notes["5.441"]
    categories = {s["category"] for b in data["bands"] for s in b["services"]}
    assert categories == {"primary"}


def test_member_state_selects_its_region(env: dict[str, str]) -> None:
    result = _run(env, "allocations", "--freq", "11.9GHz", "--member", "USA", "--format", "csv")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("region,band,on_edge,service,category")
    assert all(line.startswith("2,11.7-12.1 GHz") for line in lines[1:])


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["allocations", "--freq", "11.7", "--region", "1"], "no unit"),
        (["allocations", "--freq", "11.7GHz"], "--region"),
        (["allocations", "--freq", "11.7GHz", "--region", "5"], "1, 2 or 3"),
        (["allocations", "--freq", "11.7GHz", "--member", "FRA", "--region", "2"], "Region 1"),
        (["filings", "--position", "400E"], "outside"),
        (["deadlines", "--as-of", "2026-13-01"], "YYYY-MM-DD"),
        (["coordination", "--position", "10E", "--band", "X"], "bands with an arc"),
        (["timeline", "NO SUCH NETWORK"], "no network named"),
    ],
)
def test_bad_input_gets_one_clear_error_line(
    env: dict[str, str], args: list[str], message: str
) -> None:
    result = _run(env, *args)
    assert result.exit_code == 1
    assert result.output.startswith("error: ") and message in result.output


def test_deadlines_json_are_lapsed_missed_or_due(env: dict[str, str]) -> None:
    result = _run(
        env, "deadlines", "--as-of", "2026-01-01", "--horizon-days", "0", "--format", "json"
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert rows and {r["status"] for r in rows} <= {"lapsed", "missed", "due"}
    assert {r["rule"] for r in rows} >= {"RR No. 11.44", "RR No. 11.49"}


def test_filings_by_position_and_timeline(env: dict[str, str]) -> None:
    result = _run(env, "filings", "--position", "19.2E", "--format", "json")
    rows = json.loads(result.output)
    assert rows and {r["longitude"] for r in rows} == {19.2}
    result = _run(env, "timeline", "GDL-6", "--as-of", "2026-01-01", "--format", "json")
    assert json.loads(result.output)["network"]["name"] == "GDL-6"


def test_coordination_lists_networks_within_seven_degrees(env: dict[str, str]) -> None:
    result = _run(env, "coordination", "--position", "10E", "--band", "Ku", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["networks"] and all(n["separation_deg"] <= 7 for n in data["networks"])
    assert all(a["rr_reference"].startswith("RR Appendix 5") for a in data["arcs"])


def test_dtt_reports_the_ratio_and_the_threshold(env: dict[str, str]) -> None:
    result = _run(
        env, "dtt", "--pe", "-60", "--g3", "10", "--g4", "30", "--lu", "207", "--ps", "-70",
        "--g1", "30", "--g2", "20", "--ld", "205", "--ts", "500", "--te", "150", "--gamma", "0",
        "--format", "json",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    (row,) = json.loads(result.output)
    assert row["threshold_percent"] == 6.0
    assert row["dt_over_t_percent"] == pytest.approx(
        100 * (row["delta_ts_k"] + row["delta_te_k"]) / 650.0
    )
    assert row["coordination_required"] is False


def test_import_builds_the_registry(env: dict[str, str], tmp_path: object) -> None:
    fresh = f"sqlite:///{tmp_path}/r.sqlite"
    result = runner.invoke(app, ["spectrum", "import"], env=env | {"HUMANICT_REGISTRY_URL": fresh})
    assert result.exit_code == 0, result.output
    assert f"registry {fresh}: 3,442 GSO networks, 3,179 bringing-into-use records" in (
        result.output
    )


def test_milestones_with_counts_are_met_missed_or_due(env: dict[str, str]) -> None:
    result = _run(
        env, "milestones", "--end-of-period", "2022-06-30", "--total", "300", "--deployed",
        "100", "--as-of", "2028-01-01", "--format", "json",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert [(r["due_on"], r["required"], r["status"]) for r in rows] == [
        ("2024-06-30", 30, "met"),
        ("2027-06-30", 150, "missed"),
        ("2029-06-30", 299, "due"),
    ]
    bad = _run(env, "milestones", "--end-of-period", "2022-06-30", "--total", "3",
               "--deployed", "4")  # fmt: skip
    assert bad.exit_code == 1 and "more than the 3 filed" in bad.output
