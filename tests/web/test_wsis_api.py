"""The WSIS API (/api/v1/wsis) and pages (/wsis)."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from fastapi.testclient import TestClient


def _soup(client: TestClient, url: str, status: int = 200) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == status, response.text[:300]
    return BeautifulSoup(response.text, "html.parser")


def test_lines_api(client: TestClient) -> None:
    body = client.get("/api/v1/wsis/lines").json()
    assert body["count"] == 18
    c11 = body["data"][-1]
    assert (c11["line"], c11["goals"]) == ("C11", [17])
    assert sum(line["disputed"] for line in body["data"]) == 7
    subset = client.get("/api/v1/wsis/lines", params={"sdg": "17.8"}).json()
    assert {"C1", "C10", "C5", "C7.e-government", "C7.e-health", "C3"} <= {
        line["line"] for line in subset["data"]
    }


def test_line_api_reaches_indicators_and_warehouse(client: TestClient) -> None:
    body = client.get("/api/v1/wsis/lines/C2").json()
    assert body["count"] == 7
    link = next(x for x in body["data"] if x["target"] == "9.c")
    assert [i["sdg_indicator"] for i in link["indicators"]] == ["9.c.1"]
    series = {s["code"]: s for s in link["indicators"][0]["series"]}
    assert series["i271GA"]["in_warehouse"] and series["i271GA"]["economies"] >= 200
    assert set(body["in_warehouse"]) == {
        *("i271G", "i271G5_pop", "i271GA", "i271pop"),
        *("IT_MOB_2GNTWK", "IT_MOB_3GNTWK", "IT_MOB_4GNTWK"),
    }
    disputed = next(x for x in body["data"] if x["target"] == "8.2")
    assert disputed["disputed"] and disputed["status"] == "not_in_reverse_index"
    assert disputed["flag"].startswith("not confirmed")


def test_c7_gives_its_sub_lines(client: TestClient) -> None:
    body = client.get("/api/v1/wsis/lines/C7").json()
    assert len(body["lines"]) == 8
    confirmed = client.get("/api/v1/wsis/lines/C7", params={"confirmed_only": "true"}).json()
    assert confirmed["count"] == body["count"] - 1
    assert not any(x["disputed"] for x in confirmed["data"])


@pytest.mark.parametrize(
    ("url", "status"), [("/api/v1/wsis/lines/C12", 404), ("/api/v1/wsis/lines?sdg=99", 422)]
)
def test_bad_requests(client: TestClient, url: str, status: int) -> None:
    response = client.get(url)
    assert response.status_code == status
    assert response.json()["ok"] is False


def test_wsis_pages(client: TestClient) -> None:
    soup = _soup(client, "/wsis")
    assert len(soup.select("table#wsis-lines tbody tr")) == 18
    filtered = _soup(client, "/wsis?sdg=9.c")
    lines = {r["data-line"] for r in filtered.select("table#wsis-lines tbody tr")}
    assert "C2" in lines and "C1" not in lines
    page = _soup(client, "/wsis/lines/C7.e-environment")
    error = page.select_one("li[data-goal='16']")
    assert error["data-status"] == "probable_error"
    assert error.select_one(".status.disputed") is not None
    c10 = _soup(client, "/wsis/lines/C10")
    held = {r["data-code"] for r in c10.select("tr[data-in-warehouse='yes']")}
    assert held == {"i992b", "i99H", "IT_NET_BBND", "IT_USE_ii99"}
    _soup(client, "/wsis/lines/C12", status=404)
