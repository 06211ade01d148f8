"""The robustness API and page (TestClient on the session warehouse)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from bs4 import BeautifulSoup
from fastapi.testclient import TestClient

from humanict.config import Settings
from humanict.web import create_app


@pytest.fixture(scope="module")
def client(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def test_api_gives_intervals_and_sensitivity(client: TestClient) -> None:
    response = client.get("/api/v1/indices/idi2024/robustness", params={"draws": 300})
    assert response.status_code == 200
    body = response.json()
    assert body["meta"]["draws"] == 300 and body["meta"]["economies"] == 170
    assert {r["factor"] for r in body["sensitivity"]} == {
        "weights",
        "normalisation",
        "aggregation",
        "imputation",
    }
    for row in body["economies"]:
        assert row["rank_p05"] <= row["median_rank"] <= row["rank_p95"]
    # Cached: the same request returns the same object quickly and identically.
    again = client.get("/api/v1/indices/idi2024/robustness", params={"draws": 300})
    assert again.json() == body


@pytest.mark.parametrize(
    ("path", "status", "message"),
    [
        ("/api/v1/indices/nope/robustness", 404, "unknown index"),
        ("/api/v1/indices/gci2024/robustness?draws=10", 422, "aggregates by sum"),
        ("/api/v1/indices/idi2024/robustness?draws=0", 422, ""),
        ("/api/v1/indices/idi2024/robustness?draws=999999", 422, ""),
    ],
)
def test_api_errors(client: TestClient, path: str, status: int, message: str) -> None:
    response = client.get(path)
    assert response.status_code == status
    assert response.json()["ok"] is False and message in response.json()["error"]


def test_page_has_chart_and_tables(client: TestClient) -> None:
    response = client.get("/indices/idi2024/robustness", params={"draws": 300})
    assert response.status_code == 200
    soup = BeautifulSoup(response.text, "html.parser")
    assert len(soup.select("#interval-chart svg g[data-iso3]")) == 170
    assert len(soup.select("table#ranks tbody tr")) == 170
    assert len(soup.select("table#sensitivity tbody tr")) == 4
    assert soup.select_one("#top-factor").text in {
        "weights",
        "normalisation",
        "aggregation",
        "imputation",
    }
