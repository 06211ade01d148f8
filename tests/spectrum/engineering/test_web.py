"""The EPFD JSON API and page, through the application."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from bs4 import BeautifulSoup
from fastapi.testclient import TestClient

from humanict.config import Settings
from humanict.web import create_app

QUERY = {
    "lat": 40.4,
    "lon": -3.7,
    "gso_lon": -10.0,
    "pfd_mask": "0:-165,90:-155",
    "hours": 1,
    "step_s": 30,
}


@pytest.fixture(scope="module")
def client(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def test_epfd_api_returns_series_statistics_and_check(client: TestClient) -> None:
    response = client.get("/api/v1/spectrum/epfd", params=QUERY)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["inputs"]["satellites"] == 85
    assert body["inputs"]["pfd_mask"]["assumption"].startswith("assumed")
    assert body["summary"]["time_steps"] == 121
    assert body["limit"]["table"].endswith("22-1A") and body["limit"]["diameter_m"] == 0.6
    assert body["check"]["passes"] in (True, False)
    cdf = body["cdf"]
    assert cdf and all(a["epfd_db"] < b["epfd_db"] for a, b in zip(cdf, cdf[1:], strict=False))
    # with a pfd no higher than -155 dB the epfd cannot exceed -155 + 10 log10(85)
    assert body["summary"]["max_epfd_db"] < -155 + 10 * 1.93
    shell = client.get("/api/v1/spectrum/epfd", params={**QUERY, "shell_km": "1380:1450"})
    assert shell.json()["inputs"]["satellites"] == 33


@pytest.mark.parametrize(
    ("changes", "status", "message"),
    [
        ({"pfd_mask": "bad"}, 422, "elevation:pfd"),
        ({"freq_ghz": 2.5}, 404, "no Article 22"),
        ({"gso_lon": 150.0}, 422, "below the horizon"),
        ({"hours": 168, "step_s": 1}, 422, "time steps"),
    ],
)
def test_epfd_api_errors(client: TestClient, changes: dict, status: int, message: str) -> None:
    response = client.get("/api/v1/spectrum/epfd", params={**QUERY, **changes})
    assert response.status_code == status
    body = response.json()
    assert body["ok"] is False and message in body["error"]


def test_epfd_page_has_the_form_and_the_assumption_notice(client: TestClient) -> None:
    response = client.get("/spectrum/epfd", params={"lat": 10.0})
    assert response.status_code == 200
    soup = BeautifulSoup(response.text, "html.parser")
    assert soup.select_one("input[name=lat]")["value"] == "10.0"
    assert soup.select_one("input[name=pfd_mask]")["value"]
    assert "assumption you enter" in soup.select_one(".notice").get_text()
    assert soup.select_one("#epfd-chart") is not None
    assert soup.find("a", href="/spectrum/epfd") is not None  # navigation link
