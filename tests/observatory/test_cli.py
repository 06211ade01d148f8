"""`humanict targets ...` and `humanict observatory ...` from the command line."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from humanict.cli import app
from humanict.config import Settings

runner = CliRunner()


@pytest.fixture(autouse=True)
def env(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HUMANICT_WAREHOUSE_PATH", str(settings.warehouse_path))


def test_targets_list_as_json() -> None:
    result = runner.invoke(app, ["targets", "list", "--format", "json"])
    assert result.exit_code == 0, result.output
    ids = {t["id"] for t in json.loads(result.output)}
    assert {"bbc2025-2", "umc2030-1", "umc2030-13"} <= ids


def test_targets_progress_for_kenya_as_json() -> None:
    result = runner.invoke(app, ["targets", "progress", "--member", "KEN", "--format", "json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert payload["economy"] == "Kenya"
    statuses = {t["status"] for t in payload["targets"]}
    assert statuses <= {"met", "on track", "off track", "no data", "not measured"}


def test_offline_2024_as_json_has_world_total_and_economies() -> None:
    result = runner.invoke(app, ["observatory", "offline", "--year", "2024", "--format", "json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert payload["year"] == 2024
    assert payload["world"]["offline"] > 1e9
    iso3 = {e["iso3"] for e in payload["economies"]}
    assert {"IND", "KEN", "NGA"} <= iso3


def test_priorities_as_csv_for_one_region() -> None:
    result = runner.invoke(app, ["observatory", "priorities", "--region", "AMS", "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert rows and {r["stat_region"] for r in rows} == {"AMS"}
    assert {"rank", "iso3", "reasons", "offline"} <= set(rows[0])


def test_bad_member_is_a_one_line_error() -> None:
    result = runner.invoke(app, ["targets", "progress", "--member", "ZZZ"])
    assert result.exit_code == 1
    assert "unknown economy 'ZZZ'" in result.output


def test_unknown_gap_kind_is_refused() -> None:
    result = runner.invoke(app, ["observatory", "gaps", "speed"])
    assert result.exit_code == 1
    assert "choose gender, urban-rural, affordability" in result.output


def test_group_progress_and_the_choice_between_member_and_group() -> None:
    result = runner.invoke(app, ["targets", "progress", "--group", "world", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["group"] == "world"
    result = runner.invoke(app, ["targets", "progress"])
    assert result.exit_code == 1
    assert "either --member" in result.output


def test_brief_writes_a_pdf_and_an_html_file(tmp_path) -> None:  # type: ignore[no-untyped-def]
    pdf, html = tmp_path / "ken.pdf", tmp_path / "ken.html"
    result = runner.invoke(
        app, ["observatory", "brief", "KEN", "--pdf", str(pdf), "--html", str(html)]
    )
    assert result.exit_code == 0, result.output
    assert pdf.read_bytes().startswith(b"%PDF")
    assert "Country brief: Kenya" in html.read_text()
    assert "<svg" in html.read_text()


def test_trajectory_as_json_projects_to_2030() -> None:
    result = runner.invoke(
        app, ["observatory", "trajectory", "KEN", "--indicator", "xHH6_IDI", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert payload["model"] == "anchored"
    assert payload["projection"][-1]["year"] == 2030
