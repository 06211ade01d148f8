"""GET /api/v1/observatory/cost."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from humanict.config import Settings
from humanict.web import create_app


@pytest.fixture(scope="module")
def client(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def test_world_range_and_economies(client: TestClient) -> None:
    body = client.get("/api/v1/observatory/cost").json()
    world = {w["scenario"]: w["total_usd"] for w in body["world"]}
    assert world["low"] < world["central"] < world["high"]
    assert body["target_year"] == 2030
    central = [e for e in body["economies"] if e["modelled"]]
    assert {e["scenario"] for e in body["economies"]} == {"central"}
    assert sum(e["total_usd"] for e in central) == pytest.approx(world["central"])


def test_member_and_groups(client: TestClient) -> None:
    body = client.get("/api/v1/observatory/cost", params={"member": "ken"}).json()
    assert [e["iso3"] for e in body["economies"]] == ["KEN"] * 3
    body = client.get(
        "/api/v1/observatory/cost", params={"by": "stat_region", "scenario": "low"}
    ).json()
    assert {g["group"] for g in body["groups"]} >= {"AFR", "ASP", "EUR"}
    assert sum(g["total_usd"] for g in body["groups"]) == pytest.approx(
        body["world"][0]["total_usd"]
    )


@pytest.mark.parametrize(
    ("params", "status"),
    [({"member": "XXX"}, 404), ({"scenario": "extreme"}, 422), ({"by": "continent"}, 422)],
)
def test_errors(client: TestClient, params: dict[str, str], status: int) -> None:
    response = client.get("/api/v1/observatory/cost", params=params)
    assert response.status_code == status and response.json()["ok"] is False


def test_page_lists_world_regions_economies_and_assumptions(client: TestClient) -> None:
    from bs4 import BeautifulSoup

    response = client.get("/observatory/cost")
    assert response.status_code == 200
    soup = BeautifulSoup(response.text, "html.parser")
    assert len(soup.select("#world tbody tr")) == 3
    assert len(soup.select("table#costs tbody tr")) >= 190
    assert len(soup.select("table#assumptions tbody tr")) == 12
    assert soup.select_one("#region-chart g[data-group='AFR'] title").text.startswith("Africa")
