"""The WSIS-SDG matrix (humanict.wsis.matrix) against the goal lists of data/ict/SOURCES.md."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from humanict.cli import app
from humanict.config import PROJECT_ROOT, Settings
from humanict.errors import DataFileError, InvalidInputError, NotFoundError
from humanict.wsis import (
    action_lines,
    links_of,
    links_to_sdg,
    load_goals,
    load_matrix,
    parse_sdg,
    resolve_line,
)

DATA = PROJECT_ROOT / "data"

# Goal-level links per line as data/ict/SOURCES.md section 15 lists them (reverse-index-only
# links included, the e-environment -> 16 transcription error excluded).
SOURCES_GOALS = {
    "C1": {1, 3, 5, 10, 16, 17},
    "C2": {1, 8, 9, 11},
    "C3": set(range(1, 18)),
    "C4": {1, 2, 3, 4, 5, 6, 8, 12, 13, 14, 16, 17},
    "C5": {1, 4, 5, 7, 8, 9, 11, 16, 17},
    "C6": {2, 4, 5, 8, 9, 10, 11, 16, 17},
    "C7.e-government": {9, 16, 17},
    "C7.e-business": {1, 2, 5, 8, 9, 17},
    "C7.e-learning": {4},
    "C7.e-health": {1, 2, 3, 5, 17},
    "C7.e-employment": {4, 8, 10, 12, 17},
    "C7.e-environment": {9, 11, 13, 14, 15},
    "C7.e-agriculture": {1, 2, 3, 4, 5, 8, 9, 12, 13, 17},
    "C7.e-science": {1, 4, 6, 7, 13, 14, 15, 17},
    "C8": {2, 4, 5, 6, 8, 9, 11, 12},
    "C9": {5, 9, 12, 16},
    "C10": {1, 2, 3, 4, 5, 8, 9, 10, 11, 12, 13, 16, 17},
    "C11": {17},
}


@pytest.fixture(scope="module")
def links() -> pd.DataFrame:
    return load_matrix(DATA)


def test_goals_per_line_match_the_sources(links: pd.DataFrame) -> None:
    kept = links[links["status"] != "probable_error"]
    goals = {line: set(g["goal"]) for line, g in kept.groupby("line")}
    assert goals == SOURCES_GOALS
    lines = action_lines(links)
    assert lines["line"].tolist()[:7] == ["C1", "C2", "C3", "C4", "C5", "C6", "C7.e-government"]
    assert lines["line"].tolist()[-4:] == ["C8", "C9", "C10", "C11"]
    assert lines["links"].sum() == len(links) == 203


def test_flags_are_kept_and_classified(links: pd.DataFrame) -> None:
    counts = links["status"].value_counts().to_dict()
    assert counts == {
        "confirmed": 175,
        "goal_from_target": 21,
        "not_in_reverse_index": 3,
        "reverse_index_only": 3,
        "probable_error": 1,
    }
    disputed = links[links["disputed"]]
    assert len(disputed) == 7
    assert (disputed["flag"] != "").all()
    error = links[links["status"] == "probable_error"].iloc[0]
    assert (error["line"], error["goal"]) == ("C7.e-environment", 16)
    # Reverse-index-only links carry neither target nor rationale.
    reverse_only = links[links["status"] == "reverse_index_only"]
    assert set(zip(reverse_only["line"], reverse_only["goal"], strict=True)) == {
        ("C3", 4),
        ("C4", 8),
        ("C8", 5),
    }
    assert (reverse_only["link_level"] == "goal").all()


def test_resolve_line(links: pd.DataFrame) -> None:
    assert len(resolve_line(links, "C7")) == 8
    assert resolve_line(links, "e-health") == ["C7.e-health"]
    assert resolve_line(links, " c5 ") == ["C5"]
    assert resolve_line(links, "c7.E-Science") == ["C7.e-science"]
    with pytest.raises(NotFoundError, match="unknown action line 'C12'"):
        resolve_line(links, "C12")
    confirmed = links_of(links, "C8", confirmed_only=True)
    assert len(confirmed) == len(links_of(links, "C8")) - 2
    assert not confirmed["disputed"].any()


def test_links_to_an_sdg_target_include_whole_goal_links(links: pd.DataFrame) -> None:
    lines = set(links_to_sdg(links, "9.c")["line"])
    named = set(links.loc[links["target"] == "9.c", "line"])
    whole_goal = set(links.loc[(links["goal"] == 9) & (links["link_level"] == "goal"), "line"])
    assert lines == named | whole_goal
    assert {"C2", "C5", "C9", "C3", "C8"} <= lines
    assert set(links_to_sdg(links, "17")["goal"]) == {17}


@pytest.mark.parametrize("bad", ["18", "0", "9.", "9.cc", "x", "4.4.1"])
def test_parse_sdg_rejects(bad: str) -> None:
    with pytest.raises(InvalidInputError):
        parse_sdg(bad)


def test_goal_names() -> None:
    goals = load_goals(DATA)
    assert len(goals) == 17
    assert goals[9] == "Industry, innovation and infrastructure"


def _broken_copy(tmp_path: Path, line: int, field: str, value: str) -> Path:
    """A synthetic copy of the data folder's matrix with one field changed."""
    (tmp_path / "ict").mkdir()
    shutil.copytree(DATA / "wsis", tmp_path / "wsis")
    with (DATA / "ict" / "wsis_sdg_matrix.csv").open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    rows[line - 2][field] = value
    with (tmp_path / "ict" / "wsis_sdg_matrix.csv").open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return tmp_path


@pytest.mark.parametrize(
    ("line", "field", "value", "problem"),
    [
        (2, "sdg_goal", "18", "not a goal number 1-17"),
        (3, "sdg_target", "4.8", "is not a target of SDG 3"),
        (4, "action_line", "C12", "not an action line"),
        (5, "flag", "something new", "unknown flag"),
        (6, "link_level", "goal", "does not fit target"),
    ],
)
def test_bad_matrix_names_line_and_field(
    tmp_path: Path, line: int, field: str, value: str, problem: str
) -> None:
    data_dir = _broken_copy(tmp_path, line, field, value)
    with pytest.raises(DataFileError, match=problem) as caught:
        load_matrix(data_dir)
    assert (caught.value.line, caught.value.field) == (line, field)


runner = CliRunner()


def test_cli_lines_and_show(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HUMANICT_WAREHOUSE_PATH", str(settings.warehouse_path))
    result = runner.invoke(app, ["wsis", "lines", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.output)) == 18
    result = runner.invoke(app, ["wsis", "show", "C7.e-environment", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert {r["status"] for r in rows if r["goal"] == 16} == {"probable_error"}
    result = runner.invoke(app, ["wsis", "show", "C99"])
    assert result.exit_code == 1
    assert "error: unknown action line 'C99'" in result.output
    result = runner.invoke(app, ["wsis", "lines", "--sdg", "18"])
    assert result.exit_code == 1
    assert "neither an SDG goal" in result.output
