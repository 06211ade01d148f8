"""The /gaps page: one sortable table per gap, the same rows as the JSON API, a region filter."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from fastapi.testclient import TestClient

from humanict.observatory.analysis import GAP_SECTIONS


def _page(client: TestClient, **params: str) -> BeautifulSoup:
    response = client.get("/gaps", params=params)
    assert response.status_code == 200
    return BeautifulSoup(response.text, "html.parser")


def _api_rows(client: TestClient, kind: str, code: str) -> list[dict[str, object]]:
    body = client.get(f"/api/v1/observatory/gaps/{kind}").json()
    key = {"gender": "series", "affordability": "indicator"}.get(kind)
    return [r for r in body["data"] if key is None or r[key] == code]


def test_every_gap_table_has_the_api_rows_and_member_links(client: TestClient) -> None:
    page = _page(client)
    for kind, code, score, _ in GAP_SECTIONS:
        api = _api_rows(client, kind, code)
        table = page.select_one(f'table[data-code="{code}"]')
        assert table is not None and "sortable" in table["class"]
        rows = table.select("tbody tr")
        assert sorted(r["data-iso3"] for r in rows) == sorted(r["iso3"] for r in api)
        assert len(api) > 50
        by_iso = {r["iso3"]: r for r in api}
        for row in rows[:20]:
            link = row.select_one("a")
            assert link["href"] == f"/members/{row['data-iso3']}"
            if score is not None:
                cell = row.select_one("td.score")
                assert float(cell["data-value"]) == pytest.approx(by_iso[row["data-iso3"]][score])


def test_gender_parity_is_female_over_male(client: TestClient) -> None:
    page = _page(client)
    for row in page.select('table[data-code="IT_USE_ii99"] tbody tr'):
        female, male, parity = (float(td["data-value"]) for td in row.select("td.num")[1:4])
        assert parity == pytest.approx(female / male)


def test_region_filter_keeps_only_that_region(client: TestClient) -> None:
    everything = _page(client)
    page = _page(client, region="afr")
    assert page.select_one("#region option[selected]")["value"] == "AFR"
    for _, code, _, _ in GAP_SECTIONS:
        rows = page.select(f'table[data-code="{code}"] tbody tr')
        assert {r["data-region"] for r in rows} <= {"AFR"}
        all_rows = everything.select(f'table[data-code="{code}"] tbody tr')
        assert len(rows) == sum(1 for r in all_rows if r["data-region"] == "AFR")
    assert page.select('table[data-code="IT_MOB_OWN"] tbody tr')


def test_unknown_region_is_refused(client: TestClient) -> None:
    response = client.get("/gaps", params={"region": "MARS"})
    assert response.status_code == 422
    text = BeautifulSoup(response.text, "html.parser").get_text()
    assert "unknown region 'MARS'" in text


def test_gaps_page_is_linked_from_targets_and_priorities(client: TestClient) -> None:
    for path in ("/targets", "/priorities"):
        page = BeautifulSoup(client.get(path).text, "html.parser")
        assert page.select_one('nav.subnav a[href="/gaps"]') is not None
    # Only local assets: no script or stylesheet from another host.
    page = _page(client)
    sources = [t.get("src") or t.get("href") for t in page.select("script[src], link[href]")]
    assert sources and all(s.startswith("/") for s in sources)
