"""The GCI and readiness API (/api/v1/security) and pages (/security/...)."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from bs4 import BeautifulSoup
from fastapi.testclient import TestClient

from humanict.config import PROJECT_ROOT

GCI_2024 = PROJECT_ROOT / "data" / "ict" / "gci_2024_scores.csv"
MEMBER_STATES = 193


def _soup(client: TestClient, url: str, status: int = 200) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == status, response.text[:300]
    return BeautifulSoup(response.text, "html.parser")


def test_gci_api_reproduces_published_scores_and_tiers(client: TestClient) -> None:
    body = client.get("/api/v1/security/gci").json()
    published = pd.read_csv(GCI_2024).set_index("iso3")
    assert body["count"] == len(published) == 194
    for row in body["data"]:
        assert row["gci"] == pytest.approx(published.at[row["iso3"], "gci_score"], abs=1e-9)
        assert row["tier"] == published.at[row["iso3"], "tier"]
    counts = {t["id"]: t["count"] for t in body["tiers"]}
    assert counts == {"tier1": 46, "tier2": 29, "tier3": 49, "tier4": 56, "tier5": 14}
    on_map = [m for m in body["map"] if m["value"] is not None]
    assert len(on_map) == 194
    assert {m["iso3"]: m["numeric"] for m in body["map"]}["KEN"] == "404"


def test_gci_api_filters_a_tier_and_rejects_a_bad_one(client: TestClient) -> None:
    body = client.get("/api/v1/security/gci", params={"tier": 1}).json()
    assert body["count"] == 46 and {r["tier"] for r in body["data"]} == {1}
    bad = client.get("/api/v1/security/gci", params={"tier": 9})
    assert bad.status_code == 422
    assert bad.json()["ok"] is False


def test_readiness_api_lists_every_member_state(client: TestClient) -> None:
    body = client.get("/api/v1/security/readiness").json()
    assert body["count"] == MEMBER_STATES
    assert sum(body["counts"].values()) == MEMBER_STATES
    assert body["rule"]["gap"] == 25
    compared = body["rule"]["compared"]
    assert compared == MEMBER_STATES - body["counts"]["not_scored"]
    assert sum(sum(v for k, v in row.items() if k != "idi_level") for row in body["crosstab"]) == (
        compared
    )
    ahead = [r for r in body["data"] if r["balance"] == "connectivity_ahead"]
    assert len(ahead) == body["counts"]["connectivity_ahead"]
    assert all(r["gap"] >= 25 and r["gci_tier"] not in ("tier1", "tier2") for r in ahead)


def test_readiness_api_filters(client: TestClient) -> None:
    whole = client.get("/api/v1/security/readiness").json()
    body = client.get(
        "/api/v1/security/readiness", params={"region": "A", "ahead_only": "true"}
    ).json()
    expected = [
        r["iso3"]
        for r in whole["data"]
        if r["council_region"] == "A" and r["balance"] == "connectivity_ahead"
    ]
    assert [r["iso3"] for r in body["data"]] == expected and expected
    wider = client.get("/api/v1/security/readiness", params={"gap": 10}).json()
    assert wider["counts"]["connectivity_ahead"] > whole["counts"]["connectivity_ahead"]


@pytest.mark.parametrize(
    ("params", "status"), [({"gap": 0}, 422), ({"gap": 200}, 422), ({"region": "Q"}, 404)]
)
def test_readiness_api_bad_input(
    client: TestClient, params: dict[str, object], status: int
) -> None:
    response = client.get("/api/v1/security/readiness", params=params)
    assert response.status_code == status
    assert response.json()["ok"] is False and response.json()["error"]


def test_member_readiness(client: TestClient) -> None:
    kenya = client.get("/api/v1/security/readiness/ken").json()
    assert kenya["iso3"] == "KEN"
    assert kenya["gci_tier"] == "tier1" and kenya["idi_level"] == "adequate"
    assert kenya["balance"] == "security_ahead"
    india = client.get("/api/v1/security/readiness/IND").json()
    assert india["balance"] == "not_scored" and india["idi"] is None
    aruba = client.get("/api/v1/security/readiness/ABW")
    assert aruba.status_code == 404 and "not an ITU Member State" in aruba.json()["error"]
    assert client.get("/api/v1/security/readiness/ZZZ").status_code == 404


def test_gci_page_has_map_data_and_table(client: TestClient) -> None:
    soup = _soup(client, "/security/gci")
    data = json.loads(soup.select_one("script#map-data").get_text())
    assert set(data["levels"]) == {f"tier{i}" for i in range(1, 6)}
    rows = soup.select("table#gci-table tbody tr")
    assert len(rows) == 194
    flagged = {r["data-iso3"] for r in rows if r.select_one(".tag.warn")}
    assert {"FIN", "SWE", "VNM"} <= flagged
    legend = {li["data-level"] for li in soup.select("ul.legend li")}
    assert legend == {f"tier{i}" for i in range(1, 6)} | {"none"}


def test_readiness_page_and_member_section(client: TestClient) -> None:
    soup = _soup(client, "/security/readiness?region=&ahead_only=true")
    rows = soup.select("table#readiness tbody tr")
    assert rows and {r["data-balance"] for r in rows} == {"connectivity_ahead"}
    assert "25 points" in soup.select_one("#rule").get_text()
    member = _soup(client, "/members/KEN")
    section = member.select_one("#readiness-section")
    assert section is not None
    assert section.select_one("#readiness-balance")["data-balance"] == "security_ahead"
    assert "Tier 1" in section.select_one("#readiness-gci").get_text()
    # A territory that is not a Member State has no readiness section.
    assert _soup(client, "/members/ABW").select_one("#readiness-section") is None


def test_security_pages_bad_filter_is_a_404_page(client: TestClient) -> None:
    soup = _soup(client, "/security/readiness?stat_region=XYZ", status=404)
    assert "unknown ITU-D region" in soup.select_one("#error-message").get_text()


def test_readiness_scatter_places_every_compared_member(client: TestClient) -> None:
    soup = _soup(client, "/security/readiness")
    dots = soup.select("#readiness-chart circle.dot")
    compared = client.get("/api/v1/security/readiness").json()["rule"]["compared"]
    assert len(dots) == compared
    ahead = {d["data-iso3"] for d in dots if "balance-connectivity_ahead" in d["class"]}
    body = client.get("/api/v1/security/readiness", params={"ahead_only": "true"}).json()
    assert ahead == {r["iso3"] for r in body["data"]}


def test_scatter_geometry() -> None:
    from humanict.web.security_charts import MARGIN, SIZE, readiness_scatter
    from humanict.web.security_schemas import ReadinessRowPublic

    row = ReadinessRowPublic(
        iso3="SYN",
        economy="Synthetic",
        council_region=None,
        stat_region=None,
        income_group=None,
        idi=50.0,
        idi_level="adequate",
        idi_level_name="Adequate",
        gci=50.0,
        gci_tier="tier4",
        gci_tier_name="Tier 4",
        idi_percentile=100.0,
        gci_percentile=0.0,
        gap=100.0,
        balance="connectivity_ahead",
    )
    chart = readiness_scatter([row], gap=25)
    (point,) = chart.points
    # Percentile 100 across is the right edge, percentile 0 up is the bottom edge.
    assert (point.x, point.y) == (SIZE - MARGIN, SIZE - MARGIN)
    # The lower threshold runs from (25, 0) to (100, 75) in percentile coordinates.
    start, end = chart.ahead_line.split()
    scale = (SIZE - 2 * MARGIN) / 100
    assert float(start.split(",")[0]) == pytest.approx(MARGIN + 25 * scale, abs=0.05)
    assert float(end.split(",")[1]) == pytest.approx(SIZE - MARGIN - 75 * scale, abs=0.05)
    unscored = row.model_copy(update={"idi_percentile": None, "idi": None})
    assert readiness_scatter([unscored], gap=25).points == []
