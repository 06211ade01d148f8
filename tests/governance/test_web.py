"""The governance JSON API and pages through the ASGI app (no browser)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from bs4 import BeautifulSoup
from fastapi.testclient import TestClient

from humanict.config import Settings
from humanict.web import create_app

from .conftest import GOV_DIR


@pytest.fixture(scope="module")
def client(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def test_api_representation_and_map(client: TestClient) -> None:
    data = client.get("/api/v1/governance/representation", params={"since": 1950}).json()
    assert data["represented_count"] == 24 and data["never_represented_count"] == 169
    rows = client.get("/api/v1/governance/map").json()
    assert len(rows) == 193
    assert sum(r["category"] == "official" for r in rows) == 24
    assert next(r for r in rows if r["iso3"] == "ZWE")["official_posts"] == ["BDT"]


def test_api_officials_counterfactual_and_errors(client: TestClient) -> None:
    rows = client.get("/api/v1/governance/officials", params={"verification": "UNVERIFIED"})
    assert rows.status_code == 200 and all(r["verification"] == "UNVERIFIED" for r in rows.json())
    data = client.get("/api/v1/governance/counterfactual", params={"rules": "reform"}).json()
    assert data["terms_not_allowed"] == 8
    bad = client.get("/api/v1/governance/counterfactual", params={"rules": "bogus"})
    assert bad.status_code == 422 and bad.json()["ok"] is False
    assert "unknown rule set" in bad.json()["error"]


def test_api_eligibility_and_replay(client: TestClient) -> None:
    slate = (GOV_DIR / "examples" / "illustrative_slate.csv").read_text()
    response = client.post(
        "/api/v1/governance/eligibility", json={"slate": slate, "rules": "current"}
    )
    assert response.status_code == 200
    verdicts = {v["name"]: v["verdict"] for v in response.json()["verdicts"]}
    assert verdicts["Mario Maniewicz"] == "ineligible"
    bad = client.post(
        "/api/v1/governance/eligibility", json={"slate": "name,iso3,post\nA,ZZZ,SG\n"}
    )
    assert bad.status_code == 422 and "line 2" in bad.json()["error"]
    replayed = client.get("/api/v1/governance/replay").json()
    assert replayed["agreeing"] == replayed["rounds_replayed"] == 10
    posted = client.post(
        "/api/v1/governance/replay",
        content=(GOV_DIR / "elections_results_other.csv").read_text(),
        headers={"content-type": "text/csv"},
    )
    assert posted.status_code == 200 and posted.json()["rounds"][0]["required_majority"] == 78


def test_governance_page_lists_the_24(client: TestClient) -> None:
    response = client.get("/governance")
    assert response.status_code == 200
    soup = BeautifulSoup(response.text, "html.parser")
    assert soup.select_one("#represented-count").get_text() == "24"
    assert soup.select_one("#never-count").get_text() == "169"
    assert len(soup.select("table#represented tbody tr")) == 24
    assert len(soup.select("#timeline .timeline-row")) == 7
    assert soup.select("#timeline rect.tenure.unverified")  # flagged rows stay visible
    assert soup.select_one('header nav a[href="/governance"]')


def test_eligibility_page_renders_verdicts_and_errors(client: TestClient) -> None:
    page = client.get(
        "/governance/eligibility",
        params={
            "rules": ["reform", "nationality"],
            "slate": "name,iso3,post\nChaesub Lee,KOR,BR\n",
        },
    )
    soup = BeautifulSoup(page.text, "html.parser")
    rows = soup.select("table#verdicts tbody tr")
    assert len(rows) == 1 and rows[0]["data-verdict"] == "ineligible"
    assert "TSB 2015-2022" in rows[0].get_text()
    bad = client.get("/governance/eligibility", params={"slate": "name,iso3,post\nX,FRA,MAYOR\n"})
    assert bad.status_code == 422
    assert (
        "unknown post"
        in BeautifulSoup(bad.text, "html.parser").select_one("#slate-error").get_text()
    )


def test_eligibility_page_reform_year(client: TestClient) -> None:
    slate = "name,iso3,post\nDoreen Bogdan-Martin,USA,SG\n"
    exempt = client.get("/governance/eligibility", params={"rules": "reform", "slate": slate})
    assert 'data-verdict="eligible"' in exempt.text
    early = client.get(
        "/governance/eligibility",
        params={"rules": "reform", "slate": slate, "adopted_year": "2018"},
    )
    assert 'data-verdict="ineligible"' in early.text
    bad = client.get("/governance/eligibility", params={"slate": slate, "adopted_year": "soon"})
    assert bad.status_code == 422


def test_api_scenarios_is_seeded_and_bounded(client: TestClient) -> None:
    params = {"rules": "reform+rotation", "cycles": 3, "runs": 10, "seed": 5}
    first = client.get("/api/v1/governance/scenarios", params=params).json()
    again = client.get("/api/v1/governance/scenarios", params=params).json()
    assert first == again and first["scenarios"][0]["scenario"] == "reform+rotation"
    too_many = client.get("/api/v1/governance/scenarios", params={"runs": 100000})
    assert too_many.status_code == 422 and too_many.json()["ok"] is False
