"""Charts carry a text alternative that states what they show, from the same numbers."""

from __future__ import annotations

from bs4 import BeautifulSoup
from fastapi.testclient import TestClient


def _desc(client: TestClient, path: str, chart: str) -> str:
    soup = BeautifulSoup(client.get(path).text, "html.parser")
    svg = soup.select_one(f"{chart} svg")
    assert svg is not None
    ids = svg["aria-labelledby"].split()
    desc = soup.find(id=ids[1])
    assert desc is not None and desc.name == "desc" and ids[0] == svg.find("title")["id"]
    return " ".join(desc.get_text().split())


def test_trend_chart_states_its_first_last_and_published_values(client: TestClient) -> None:
    points = client.get("/api/v1/indices/idi2024/trend", params={"member": "KEN"}).json()["data"]
    recomputed = sorted((p for p in points if p["kind"] == "recomputed"), key=lambda p: p["year"])
    edition = [p for p in points if p["kind"] == "edition"]
    assert recomputed and edition
    text = _desc(client, "/members/KEN", "#trend-chart")
    first, last = recomputed[0], recomputed[-1]
    assert f"{first['idi']:.1f} in {first['year']}, {last['idi']:.1f} in {last['year']}" in text
    assert f"Published edition: {edition[0]['idi']:.1f} in {edition[0]['year']}." in text


def test_comparison_chart_states_each_economy_first_and_last_value(client: TestClient) -> None:
    params = {"economies": "KEN,NGA", "indicator": "IT_USE_ii99"}
    body = client.get("/api/v1/compare", params=params).json()
    text = _desc(client, "/compare?economies=KEN,NGA&indicator=IT_USE_ii99", "#compare-chart")
    for economy in body["economies"]:
        values = sorted(
            (p["year"], p["value"]) for p in body["data"] if p["economy"] == economy["iso3"]
        )
        (y0, v0), (y1, v1) = values[0], values[-1]
        assert f"{economy['name']}: {v0:,.1f} in {y0}, {v1:,.1f} in {y1}." in text
