from __future__ import annotations

import csv
import io

from typer.testing import CliRunner

from humanict.cli import app

runner = CliRunner()


def test_members_list_region_d_as_csv() -> None:
    result = runner.invoke(app, ["members", "list", "--region", "D", "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert len(rows) == 54
    assert {r["council_region"] for r in rows} == {"D"}
    assert "KEN" in {r["iso3"] for r in rows}


def test_unknown_region_is_a_user_error() -> None:
    result = runner.invoke(app, ["members", "list", "--region", "Z"])
    assert result.exit_code == 1
    assert "choose one of A, B, C, D, E" in result.output
