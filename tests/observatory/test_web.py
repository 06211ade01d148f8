"""The observatory's JSON API and pages, over HTTP; the brief's PDF is a real PDF."""

from __future__ import annotations

import csv
import io

import pytest
from bs4 import BeautifulSoup
from fastapi.testclient import TestClient
from pypdf import PdfReader


def test_targets_api_lists_targets_and_sdg_indicators(client: TestClient) -> None:
    body = client.get("/api/v1/targets").json()
    assert body["count"] == len(body["targets"]) > 10
    assert {i["code"] for i in body["sdg_indicators"]} >= {"5.b.1", "17.8.1"}


def test_progress_api_and_page_agree(client: TestClient) -> None:
    api = client.get("/api/v1/targets/progress/KEN").json()
    page = BeautifulSoup(client.get("/targets?member=KEN").text, "html.parser")
    rows = page.select("#progress tbody tr")
    assert [r["data-target"] for r in rows] == [t["target"] for t in api["targets"]]
    assert [r["data-status"] for r in rows] == [t["status"] for t in api["targets"]]


def test_offline_api_gives_world_and_economies(client: TestClient) -> None:
    body = client.get("/api/v1/observatory/offline", params={"year": 2023}).json()
    assert body["year"] == 2023
    total = sum(e["offline"] or 0 for e in body["economies"])
    assert total == pytest.approx(body["world"]["offline"])


def test_offline_page_shows_the_world_total_and_regions(client: TestClient) -> None:
    page = BeautifulSoup(client.get("/offline").text, "html.parser")
    assert "billion people offline" in page.select_one("#world-total").get_text()
    regions = {r["data-region"] for r in page.select("#regions tbody tr")}
    assert {"AFR", "EUR", "World"} <= regions


def test_priorities_csv_export_filters_by_region(client: TestClient) -> None:
    response = client.get(
        "/api/v1/observatory/priorities", params={"region": "ASP", "format": "csv"}
    )
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert rows and {r["stat_region"] for r in rows} == {"ASP"}
    page = BeautifulSoup(client.get("/priorities?region=ASP").text, "html.parser")
    assert len(page.select("#priorities tbody tr")) == len(rows)
    assert "region=ASP" in page.select_one("#csv-link")["href"]


def test_bad_requests_get_the_error_shape(client: TestClient) -> None:
    response = client.get("/api/v1/observatory/priorities", params={"region": "XX"})
    assert response.status_code == 422
    assert response.json()["ok"] is False
    response = client.get("/api/v1/observatory/gaps/height")
    assert response.status_code == 422
    assert client.get("/api/v1/members/ZZZ/brief").status_code == 404


def test_brief_page_has_charts_and_a_pdf_link(client: TestClient) -> None:
    page = BeautifulSoup(client.get("/members/KEN/brief").text, "html.parser")
    assert page.select_one("#brief-title").get_text() == "Country brief: Kenya"
    assert page.select_one("#brief-charts svg") is not None
    assert page.select_one("#pdf-link")["href"] == "/members/KEN/brief.pdf"


def test_brief_pdf_is_a_valid_pdf_naming_the_country(client: TestClient) -> None:
    response = client.get("/members/KEN/brief.pdf")
    assert response.headers["content-type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 2
    text = reader.pages[0].extract_text()
    assert "Kenya" in text and "IDI 2024" in text
