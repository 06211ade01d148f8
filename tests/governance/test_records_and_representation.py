"""The officials registry and the representation analytics on the shipped record."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from humanict.cli import app
from humanict.errors import DataFileError, InvalidInputError
from humanict.governance.records import ELECTED_OFFICIAL_POSTS, Record, read_officials
from humanict.governance.representation import (
    Scope,
    by_period,
    parse_posts,
    programme_check,
    representation,
)
from humanict.members import Economy

runner = CliRunner()


def test_registry_keeps_every_row_and_its_flag(record: Record) -> None:
    assert len(record.officials) == 59
    assert {t.verification for t in record.officials} == {"verified", "partial", "UNVERIFIED"}
    assert len(record.board) == 48
    assert sum(1 for s in record.council if s.elected) == 96  # 48 seats at PP-18 and PP-22
    sg = [t for t in record.officials if t.post == "SG"]
    assert sg[-1].name == "Doreen Bogdan-Martin" and sg[-1].end is None


def test_elected_officials_since_1950_reproduce_24_and_169(
    record: Record, members: list[Economy]
) -> None:
    report = representation(record, members, Scope(ELECTED_OFFICIAL_POSTS, since=1950))
    assert len(members) == 193
    assert len(report.represented) == 24
    assert len(report.never_represented) == 169
    assert report.reproduces_programme
    # nationals of each region's states: the sum over regions equals the total
    assert sum(r["represented"] for r in report.by_region) == 24
    assert sum(r["member_states"] for r in report.by_region) == 193
    bdt = next(p for p in report.by_post if p["post"] == "BDT")
    assert bdt["region_D"] == "BFA,MLI,TUN,ZWE" and bdt["countries"] == 7
    region_c = next(r for r in report.by_region if r["region"] == "C")
    assert region_c["represented"] == 1  # Russian Federation (Director BR 2003-2010)


def test_stricter_or_wider_scopes_do_not_give_24(record: Record, members: list[Economy]) -> None:
    rows = {r["scope"]: r for r in programme_check(record, members)}
    verified = next(r for s, r in rows.items() if "verified rows only" in s)
    # Kenya, Indonesia and Saudi Arabia rest on rows flagged partial
    assert verified["represented"] == 21
    pp_only = next(r for s, r in rows.items() if "Plenipotentiary" in s)
    assert pp_only["represented"] == 23  # Argentina's SG was appointed by the Council
    wider = next(r for s, r in rows.items() if "CCIR" in s)
    assert wider["represented"] == 26  # CCI directors add the Netherlands and Switzerland
    assert sum(r["reproduces_24_and_169"] for r in rows.values()) == 2


def test_by_period_counts_countries_per_region(record: Record, members: list[Economy]) -> None:
    rows = by_period(record, members, ELECTED_OFFICIAL_POSTS, step=10, since=2020)
    d = next(r for r in rows if r["region"] == "D" and r["period"] == "2020-2026")
    assert set(str(d["iso3"]).split(",")) == {"ZWE"}
    a = next(r for r in rows if r["region"] == "A" and r["period"] == "2020-2026")
    assert set(str(a["iso3"]).split(",")) == {"USA", "URY"}


def test_parse_posts_rejects_unknown_names() -> None:
    assert parse_posts("SG,dsg") == ("SG", "DSG")
    with pytest.raises(InvalidInputError, match="unknown post 'MAYOR'"):
        parse_posts("MAYOR")


def test_bad_officials_file_names_line_and_field(tmp_path: Path) -> None:
    path = tmp_path / "officials.csv"
    path.write_text(
        "position,name,country,iso3,start_year,end_year,elected_by,verification,source,notes\n"
        "Secretary-General,A B,France,FRA,19x0,,PP,verified,,\n"
    )
    with pytest.raises(DataFileError) as err:
        read_officials(path)
    assert err.value.line == 2 and err.value.field == "start_year"


def test_cli_representation_json() -> None:
    result = runner.invoke(
        app,
        [
            "governance",
            "representation",
            "--posts",
            "elected-officials",
            "--since",
            "1950",
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["represented_count"] == 24 and data["never_represented_count"] == 169
    assert {r["iso3"] for r in data["represented"]} >= {"USA", "CHN", "ZWE", "LTU"}
    assert len(data["never_represented"]) == 169


def test_cli_officials_and_bad_option() -> None:
    result = runner.invoke(app, ["governance", "officials", "--post", "BDT", "--format", "json"])
    assert result.exit_code == 0
    names = [r["name"] for r in json.loads(result.output)]
    assert names[0] == "Arnold Ph. Djiwatampu" and names[-1] == "Cosmas Zavazava"
    bad = runner.invoke(app, ["governance", "representation", "--posts", "nobody"])
    assert bad.exit_code == 1 and "unknown post" in bad.output
