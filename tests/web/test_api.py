"""The JSON API under /api/v1 (src/humanict/web/api_*.py)."""

from __future__ import annotations

import csv

import pandas as pd
import pytest
from bs4 import BeautifulSoup
from fastapi.testclient import TestClient

from humanict.config import PROJECT_ROOT

# Published IDI 2024 scores (ITU, Measuring digital development: The ICT Development Index
# 2024), a sample kept verbatim in data/ict/itu_idi2024_scores_sample.csv.
IDI_SAMPLE = PROJECT_ROOT / "data" / "ict" / "itu_idi2024_scores_sample.csv"
# The ten indicator values ITU published (Annex 2); an empty cell is a value ITU imputed.
ANNEX = PROJECT_ROOT / "data" / "ict" / "itu_idi2024_indicators.csv"
ANNEX_VALUES = [
    "internet_users_pct",
    "households_internet_pct",
    "mobile_broadband_subs_per100",
    "cov_3g_pct",
    "cov_4g_pct",
    "mobile_bb_traffic_gb_per_sub",
    "fixed_bb_traffic_gb_per_sub",
    "mobile_data_voice_hc_basket_pct_gni",
    "fixed_bb_basket_pct_gni",
    "mobile_phone_ownership_pct",
]
# Published scores are rounded to one decimal.
IDI_SCORE_TOL = 0.1
IDI_2024_SCORED = 170
MEMBER_STATES = 193
REGION_D_MEMBERS = 54


def published_idi(iso3: str) -> float:
    with IDI_SAMPLE.open(newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if row["iso3"] == iso3:
                return float(row["idi_2024"])
    raise AssertionError(f"{iso3} is not in {IDI_SAMPLE}")


def assert_error_shape(body: dict[str, object], status: int) -> None:
    assert body["ok"] is False
    assert body["status"] == status
    assert isinstance(body["error"], str) and body["error"]
    assert isinstance(body["errors"], list)


def test_members_lists_the_member_states(client: TestClient) -> None:
    body = client.get("/api/v1/members").json()
    assert body["count"] == MEMBER_STATES == len(body["data"])
    assert all(e["member"] for e in body["data"])


def test_members_all_adds_territories(client: TestClient) -> None:
    body = client.get("/api/v1/members", params={"all": "true"}).json()
    assert body["count"] > MEMBER_STATES
    assert any(not e["member"] for e in body["data"])


def test_members_filter_by_council_region(client: TestClient) -> None:
    body = client.get("/api/v1/members", params={"region": "D"}).json()
    assert body["count"] == REGION_D_MEMBERS
    assert {e["council_region"] for e in body["data"]} == {"D"}


def test_members_filter_by_stat_region(client: TestClient) -> None:
    body = client.get("/api/v1/members", params={"stat_region": "CIS"}).json()
    assert body["count"] > 0
    assert {e["stat_region"] for e in body["data"]} == {"CIS"}


def test_member_detail_for_kenya(client: TestClient) -> None:
    response = client.get("/api/v1/members/KEN")
    assert response.status_code == 200
    body = response.json()
    assert body["economy"]["name"] == "Kenya"
    assert body["economy"]["numeric"] == "404"
    assert body["economy"]["council_region"] == "D"
    assert body["result"]["iso3"] == "KEN"
    assert body["result"]["level"] in {lv["id"] for lv in body["index"]["levels"]}
    assert body["level_name"]
    assert len(body["inputs"]) == 10
    assert {p["kind"] for p in body["trend"]} == {"edition", "recomputed"}
    assert "itu_idi2024_annex2" in {s["id"] for s in body["sources"]}


def test_member_detail_without_a_score(client: TestClient) -> None:
    body = client.get("/api/v1/members/IND").json()
    assert body["economy"]["member"] is True
    assert body["result"] is None
    assert body["level_name"] is None


def test_indices_list(client: TestClient) -> None:
    body = client.get("/api/v1/indices").json()
    idi = {i["id"]: i for i in body["data"]}["idi2024"]
    assert [lv["id"] for lv in idi["levels"]] == ["advanced", "adequate", "attention"]
    assert len(idi["components"]) == 9


def test_idi2024_has_one_row_per_scored_economy(client: TestClient) -> None:
    body = client.get("/api/v1/indices/idi2024").json()
    assert body["count"] == IDI_2024_SCORED == len(body["data"])
    assert len({r["iso3"] for r in body["data"]}) == IDI_2024_SCORED


@pytest.mark.parametrize("iso3", ["NGA", "COL"])
def test_idi2024_matches_published_scores(client: TestClient, iso3: str) -> None:
    rows = {r["iso3"]: r for r in client.get("/api/v1/indices/idi2024").json()["data"]}
    assert rows[iso3]["idi"] == pytest.approx(published_idi(iso3), abs=IDI_SCORE_TOL)


def test_idi2024_rows_flag_each_imputed_value_with_method_and_inputs(
    client: TestClient,
) -> None:
    rows = {r["iso3"]: r for r in client.get("/api/v1/indices/idi2024").json()["data"]}
    annex = pd.read_csv(ANNEX).set_index("iso3")
    # Comoros lacks Internet use, households and ownership in Annex 2 (DataHub has 2022
    # values); Guatemala lacks both traffic series (no other year anywhere).
    comoros = dict(part.split("=", 1) for part in rows["COM"]["imputation"].split(" | "))
    assert set(comoros) == {"internet_users", "households_internet", "mobile_phone_ownership"}
    assert all(v.startswith("other_year[") and "itu_datahub" in v for v in comoros.values())
    guatemala = dict(part.split("=", 1) for part in rows["GTM"]["imputation"].split(" | "))
    assert set(guatemala) == {"mobile_bb_traffic", "fixed_bb_traffic"}
    assert all(v.startswith("regression[internet_users") for v in guatemala.values())
    for iso3, row in rows.items():
        flagged = set(filter(None, row["imputed"].split(";")))
        assert row["n_imputed"] == len(flagged)
        assert row["idi_low"] <= row["idi"] <= row["idi_high"]
        assert row["rank_low"] <= row["rank"] <= row["rank_high"]
        if not flagged:
            assert row["idi_low"] == row["idi"] == row["idi_high"]
        # Only economies with a gap in Annex 2 are flagged.
        assert bool(flagged) == bool(annex.loc[iso3, ANNEX_VALUES].isna().any())


def test_idi2024_recomputed_year(client: TestClient) -> None:
    body = client.get("/api/v1/indices/idi2024", params={"year": 2023}).json()
    assert body["year"] == 2023
    assert body["count"] > 0
    assert {r["kind"] for r in body["data"]} == {"recomputed"}


@pytest.mark.parametrize("by", ["stat_region", "council_region", "income_group"])
def test_level_counts_sum_to_the_scored_economies(client: TestClient, by: str) -> None:
    body = client.get("/api/v1/indices/idi2024/levels", params={"by": by}).json()
    assert sum(lv["count"] for lv in body["levels"]) == IDI_2024_SCORED
    groups = [row for row in body["data"] if row["group"] != "all"]
    assert sum(row["total"] for row in groups) == IDI_2024_SCORED


def test_trend_of_one_member(client: TestClient) -> None:
    body = client.get("/api/v1/indices/idi2024/trend", params={"member": "ken"}).json()
    assert body["member"] == "KEN"
    assert {r["iso3"] for r in body["data"]} == {"KEN"}
    kinds = [r["kind"] for r in body["data"]]
    assert kinds.count("edition") == 1 and "recomputed" in kinds


def test_indicators_with_coverage(client: TestClient) -> None:
    body = client.get("/api/v1/indicators").json()
    codes = {i["code"]: i for i in body["data"]}
    assert codes["i99H"]["economies"] > 150
    assert codes["i99H"]["first_year"] <= codes["i99H"]["last_year"]


def test_indicator_observations_of_one_economy(client: TestClient) -> None:
    body = client.get("/api/v1/indicators/i99H", params={"economy": "KEN"}).json()
    assert body["economy"] == "KEN"
    assert body["count"] > 0
    row = body["data"][0]
    assert row["economy"] == "KEN"
    assert {"flag", "source", "vintage", "dataset"} <= row.keys()


def test_sources_carry_provenance(client: TestClient) -> None:
    body = client.get("/api/v1/sources").json()
    assert body["count"] >= 3
    for source in body["data"]:
        assert source["publisher"] and source["licence"] and source["vintage"]


@pytest.mark.parametrize(
    ("url", "status", "says"),
    [
        ("/api/v1/members/ZZZ", 404, "'ZZZ'"),
        ("/api/v1/indices/nope", 404, "idi2024"),
        ("/api/v1/indices/nope/levels", 404, "idi2024"),
        ("/api/v1/indices/idi2024/trend?member=ZZZ", 404, "'ZZZ'"),
        ("/api/v1/indicators/i99x", 404, "/api/v1/indicators"),
        ("/api/v1/indicators/i99H?economy=ZZZ", 404, "'ZZZ'"),
        ("/api/v1/members?region=Z", 404, "A, B, C, D, E"),
        ("/api/v1/indices/idi2024/levels?by=planet", 422, "stat_region"),
        ("/api/v1/indices/idi2024?year=soon", 422, "year"),
        ("/api/v1/nowhere", 404, "/docs"),
    ],
)
def test_errors_have_one_shape(client: TestClient, url: str, status: int, says: str) -> None:
    response = client.get(url)
    assert response.status_code == status
    body = response.json()
    assert_error_shape(body, status)
    assert says in body["error"]


def test_openapi_lists_the_api_paths(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path in [
        "/api/v1/members",
        "/api/v1/members/{iso3}",
        "/api/v1/indicators",
        "/api/v1/indicators/{code}",
        "/api/v1/indices",
        "/api/v1/indices/{index_id}",
        "/api/v1/indices/{index_id}/levels",
        "/api/v1/indices/{index_id}/trend",
        "/api/v1/sources",
    ]:
        assert path in paths, path
    assert all(p.startswith("/api/v1/") for p in paths)


def test_docs_page_uses_only_local_assets(client: TestClient) -> None:
    response = client.get("/docs")
    assert response.status_code == 200
    soup = BeautifulSoup(response.text, "html.parser")
    urls = [t["src"] for t in soup.find_all("script", src=True)]
    urls += [t["href"] for t in soup.find_all("link", href=True)]
    assert urls
    assert all(u.startswith("/") and not u.startswith("//") for u in urls), urls
    for url in urls:
        assert client.get(url).status_code == 200, url
