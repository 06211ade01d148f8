"""The spectrum JSON API and its pages through the ASGI app (no browser)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from humanict.config import Settings
from humanict.web import create_app


@pytest.fixture(scope="module")
def client(spectrum_settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(spectrum_settings)) as test_client:
        yield test_client


def test_allocations_endpoint_matches_the_member_region(client: TestClient) -> None:
    body = client.get("/api/v1/spectrum/allocations", params={"freq": "11.7GHz", "member": "FRA"})
    assert body.status_code == 200
    data = body.json()
    assert data["region"] == 1 and data["member"] == "FRA"
    assert all(b["on_edge"] for b in data["bands"])


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/api/v1/spectrum/allocations", {"freq": "lots", "region": "1"}),
        ("/api/v1/spectrum/arc", {"position": "200E"}),
        ("/api/v1/spectrum/coordination", {"position": "10E", "band": "Q"}),
        ("/api/v1/spectrum/deadlines", {"horizon_days": "-1"}),
    ],
)
def test_bad_input_gets_the_error_shape(client: TestClient, path: str, params: dict) -> None:
    response = client.get(path, params=params)
    assert response.status_code == 422
    body = response.json()
    assert body["ok"] is False and body["error"]


def test_timeline_and_missing_network(client: TestClient) -> None:
    assert client.get("/api/v1/spectrum/filings/GDL-6/timeline").json()["events"]
    missing = client.get("/api/v1/spectrum/filings/NOPE-1/timeline")
    assert missing.status_code == 404 and "no network named" in missing.json()["error"]


def test_arc_and_coordination_agree(client: TestClient) -> None:
    arc = client.get("/api/v1/spectrum/arc", params={"position": "10E", "span": 7}).json()
    coord = client.get(
        "/api/v1/spectrum/coordination", params={"position": "10E", "band": "Ku", "region": "1"}
    ).json()
    assert {n["name"] for n in arc["networks"]} == {n["network"] for n in coord["networks"]}


def test_deadlines_endpoint_counts_its_rows(client: TestClient) -> None:
    data = client.get("/api/v1/spectrum/deadlines", params={"as_of": "2026-01-01"}).json()
    assert data["count"] == len(data["deadlines"]) > 0


def test_pages_render_results_and_errors_in_place(client: TestClient) -> None:
    page = client.get("/spectrum/bands", params={"freq": "11.7GHz", "region": "1"})
    assert page.status_code == 200 and "10.7-11.7 GHz" in page.text and "5.441" in page.text
    bad = client.get("/spectrum/bands", params={"freq": "11.7", "region": "1"})
    assert bad.status_code == 422 and "no unit" in bad.text and 'id="band-form"' in bad.text
    assert (
        client.get("/spectrum/arc", params={"position": "19.2E", "band": "Ku"}).status_code == 200
    )
    assert "GDL-6" in client.get("/spectrum/filings", params={"name": "GDL"}).text
    assert "GDL-6" in client.get("/spectrum/filings", params={"position": "19.2E"}).text
    bad = client.get("/spectrum/filings", params={"position": "west"})
    assert bad.status_code == 422 and "cannot read" in bad.text
    assert client.get("/spectrum/filings/GDL-6").status_code == 200


def test_milestones_endpoint(client: TestClient) -> None:
    params = {"end_of_period": "2019-01-01", "total": 10, "deployed": 0, "as_of": "2024-01-01"}
    rows = client.get("/api/v1/spectrum/milestones", params=params).json()["milestones"]
    assert [r["due_on"] for r in rows] == ["2023-01-01", "2026-01-01", "2028-01-01"]
    assert rows[0]["status"] == "missed" and rows[0]["required"] == 1
