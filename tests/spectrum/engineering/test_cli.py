"""The engineering commands of `humanict spectrum`, end to end."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from humanict.cli import app

runner = CliRunner()


def _invoke(*args: str) -> str:
    result = runner.invoke(app, ["spectrum", *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_fsl_as_csv() -> None:
    rows = list(
        csv.DictReader(
            io.StringIO(
                _invoke("fsl", "--distance-km", "1000", "--freq-ghz", "12", "--format", "csv")
            )
        )
    )
    assert len(rows) == 1
    assert float(rows[0]["free_space_loss_db"]) == pytest.approx(174.03, abs=0.01)


def test_gas_pattern_and_link_budget_as_json() -> None:
    gas = json.loads(_invoke("gas", "--freq-ghz", "12,22.235", "--format", "json"))
    assert gas[1]["gamma_w_db_km"] > 10 * gas[0]["gamma_w_db_km"]  # the 22 GHz water line
    pattern = json.loads(
        _invoke("pattern", "--pattern", "s465", "--angles", "10,60", "--format", "json")
    )
    assert [p["gain_dbi"] for p in pattern] == pytest.approx([7.0, -10.0])
    budget = json.loads(
        _invoke(
            "link-budget",
            "--freq-ghz",
            "12",
            "--eirp",
            "50",
            "--distance-km",
            "38000",
            "--rx-gain",
            "40",
            "--interferer-eirp",
            "40",
            "--interferer-distance-km",
            "1500",
            "--interferer-rx-gain",
            "0",
            "--noise-temperature",
            "150",
            "--bandwidth-mhz",
            "36",
            "--format",
            "json",
        )
    )[0]
    assert budget["c_n_db"] - budget["c_i_db"] == pytest.approx(budget["i_n_db"])


def test_epfd_check_and_cdf() -> None:
    args = [
        "epfd",
        "--lat",
        "40.4",
        "--lon",
        "-3.7",
        "--gso-lon",
        "-10",
        "--pfd-mask",
        "0:-165,90:-155",
        "--hours",
        "0.5",
        "--step-s",
        "30",
    ]
    text = _invoke(*args)
    assert "TABLE 22-1A" in text and "assumed pfd mask" in text
    report = json.loads(_invoke(*args, "--format", "json"))
    assert report["summary"]["time_steps"] == 61
    cdf = list(csv.DictReader(io.StringIO(_invoke(*args, "--cdf", "--format", "csv"))))
    assert float(cdf[-1]["percent_not_exceeded"]) == 100.0


def test_validate_models_prints_every_table() -> None:
    text = _invoke("validate-models")
    assert "ITURP676-12_gamma.csv" in text and "tcppver.out" in text


def test_gas_edition_13_and_taylor_pattern() -> None:
    rows = json.loads(
        _invoke(
            "gas",
            "--freq-ghz",
            "38.5",
            "--elevation",
            "45",
            "--pressure",
            "988.3342860812425",
            "--temperature",
            "295.15",
            "--rho",
            "13.998103358274586",
            "--edition",
            "13",
            "--format",
            "json",
        )
    )
    # the first P.676-13 validation example (ITURP676-13_A_gas.csv): 0.6724061393 dB
    assert rows[0]["slant_path_db"] == pytest.approx(0.6724061393, abs=1e-4)
    taylor = json.loads(
        _invoke(
            "pattern",
            "--pattern",
            "s1528-taylor",
            "--diameter",
            "0.5",
            "--freq-ghz",
            "20",
            "--peak-gain",
            "40",
            "--angles",
            "0,1",
            "--format",
            "json",
        )
    )
    assert taylor[0]["gain_dbi"] == 40.0 and taylor[1]["gain_dbi"] < 40.0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["pattern", "--pattern", "s999"], "unknown antenna pattern"),
        (["gas", "--freq-ghz", "400", "--edition", "13"], "1-350 GHz"),
        (["fsl", "--distance-km", "x", "--freq-ghz", "12"], "must be numbers"),
        (
            [
                "epfd",
                "--lat",
                "0",
                "--lon",
                "0",
                "--gso-lon",
                "0",
                "--pfd-mask",
                "0:-150",
                "--freq-ghz",
                "2.5",
            ],
            "no Article 22",
        ),
        (
            [
                "epfd",
                "--lat",
                "0",
                "--lon",
                "0",
                "--gso-lon",
                "0",
                "--pfd-mask",
                "0:-150",
                "--shell-km",
                "1",
            ],
            "min:max",
        ),
    ],
)
def test_user_errors_exit_1(args: list[str], message: str) -> None:
    result = runner.invoke(app, ["spectrum", *args])
    assert result.exit_code == 1
    assert message in result.output
