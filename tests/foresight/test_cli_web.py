"""The `humanict foresight` commands and the foresight API and pages on the slice database."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from humanict.cli import app
from humanict.config import Settings
from humanict.foresight import service
from humanict.web import create_app

runner = CliRunner()


@pytest.fixture
def env(foresight_db: Path, tmp_path: Path) -> dict[str, str]:
    return {"HUMANICT_FORESIGHT_PATH": str(foresight_db), "HUMANICT_IMPORTS_DIR": str(tmp_path)}


def test_search_finds_standards_best_first(env: dict[str, str]) -> None:
    result = runner.invoke(
        app, ["foresight", "search", "mobile radio network", "--format", "json"], env=env
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    scores = [r["score"] for r in rows]
    assert rows and scores == sorted(scores, reverse=True)
    assert len({r["body"] for r in rows}) > 1
    assert all(r["score"] > 0 for r in rows)


def test_search_refuses_an_unknown_body(env: dict[str, str]) -> None:
    result = runner.invoke(app, ["foresight", "search", "radio", "--body", "ISO"], env=env)
    assert result.exit_code == 1
    assert "unknown body ISO" in result.output


def test_gaps_json(env: dict[str, str]) -> None:
    result = runner.invoke(
        app, ["foresight", "gaps", "--as-of", "2018", "--topics", "8", "--format", "json"], env=env
    )
    assert result.exit_code == 0, result.output
    gaps = json.loads(result.output[result.output.index("[") :])
    assert [g["rank"] for g in gaps] == list(range(1, 9))
    assert {"signals", "standards", "study_group", "burst_years", "criteria"} <= set(gaps[0])


def test_build_shows_progress_and_import_papers_reports_bad_lines(
    slice_dir: Path, tmp_path: Path
) -> None:
    env = {
        "HUMANICT_DATA_DIR": str(slice_dir),
        "HUMANICT_FORESIGHT_PATH": str(tmp_path / "f.duckdb"),
        "HUMANICT_IMPORTS_DIR": str(tmp_path / "imports"),
    }
    result = runner.invoke(app, ["foresight", "build"], env=env)
    assert result.exit_code == 0, result.output
    assert "patents:" in result.output and "built" in result.output
    bad = tmp_path / "papers.csv"
    bad.write_text("id,date,title,abstract,source\np1,20x7,T,A,arXiv\n")
    result = runner.invoke(app, ["foresight", "import-papers", str(bad)], env=env)
    assert result.exit_code == 1
    assert f"{bad}, line 2, field 'date'" in result.output
    good = tmp_path / "good.csv"
    good.write_text("id,date,title,abstract,source\np1,2017,Quantum key distribution,QKD,arXiv\n")
    result = runner.invoke(app, ["foresight", "import-papers", str(good)], env=env)
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["foresight", "signals", "--format", "json"], env=env)
    rows = json.loads(result.output[result.output.index("[") :])
    assert {"source": "arXiv", "kind": "paper", "signals": 1, "first": 2017, "last": 2017} in rows


@pytest.fixture(scope="module")
def client(foresight_settings: Settings) -> Iterator[TestClient]:
    # pages answer "being prepared" until a report is cached, so compute it first
    service.report(foresight_settings, 2018, n_topics=8)
    with TestClient(create_app(foresight_settings)) as test_client:
        yield test_client


def test_api_gaps_and_topic_twins(client: TestClient) -> None:
    gaps = client.get("/api/v1/foresight/gaps", params={"as_of": 2018, "topics": 8}).json()
    assert gaps["as_of"] == 2018 and len(gaps["gaps"]) == 8
    first = gaps["gaps"][0]
    topic = client.get(
        f"/api/v1/foresight/topics/{first['topic']}", params={"as_of": 2018, "topics": 8}
    ).json()["topic"]
    assert topic["label"] == first["label"] and topic["rank"] == 1
    missing = client.get("/api/v1/foresight/topics/99", params={"topics": 8})
    assert missing.status_code == 404 and missing.json()["ok"] is False
    bad = client.get("/api/v1/foresight/gaps", params={"coverage": "iso"})
    assert bad.status_code == 422


def test_pages_show_the_radar_table_and_topic_evidence(client: TestClient) -> None:
    page = client.get("/foresight", params={"topics": 8})
    assert page.status_code == 200
    assert 'id="radar"' in page.text and page.text.count('<tr data-topic="') == 8
    topic = client.get("/foresight/topics/0", params={"topics": 8})
    assert topic.status_code == 200
    assert 'id="signals"' in topic.text and 'id="standards"' in topic.text
    search = client.get("/api/v1/foresight/search", params={"q": "radio"}).json()
    assert search["results"]
