"""The HTML pages (src/humanict/web/pages.py and templates/)."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from fastapi.testclient import TestClient

from humanict.config import Settings
from humanict.data import Warehouse
from humanict.web import create_app
from humanict.web.cache import IndexCache

IDI_2024_SCORED = 170
PAGES = ["/", "/members/KEN", "/members/IND", "/members/ABW", "/sources", "/members/ZZZ"]
PAGES += ["/security/gci", "/security/readiness", "/wsis", "/wsis/lines/C7"]


def soup_of(client: TestClient, url: str, status: int = 200) -> BeautifulSoup:
    """GET a page, check its status and content type, and parse it."""
    response = client.get(url)
    assert response.status_code == status, response.text[:500]
    assert response.headers["content-type"].startswith("text/html")
    return BeautifulSoup(response.text, "html.parser")


def test_home_has_the_table_map_and_legend(client: TestClient) -> None:
    soup = soup_of(client, "/")
    assert soup.h1 and "ICT Development Index 2024" in soup.h1.get_text()
    rows = soup.select("table#scores tbody tr")
    assert len(rows) == IDI_2024_SCORED
    headers = [th.get_text(strip=True) for th in soup.select("table#scores thead th")]
    assert headers == [
        "Rank",
        "Economy",
        "IDI",
        "Universal",
        "Meaningful",
        "Level",
        "Imputed inputs",
    ]
    assert soup.select_one("#map") is not None
    items = soup.select(".legend li[data-level]")
    legend = {li["data-level"]: li.get_text(" ", strip=True) for li in items}
    assert set(legend) == {"advanced", "adequate", "attention", "none"}
    assert "Calling for attention" in legend["attention"]
    counts = [int(s.get_text()) for s in soup.select(".legend li[data-level] .legend-count")]
    assert sum(counts) == IDI_2024_SCORED


def test_home_map_marks_levels_that_depend_on_imputation(client: TestClient) -> None:
    soup = soup_of(client, "/")
    config = json.loads(soup.select_one("script#map-data").get_text())
    assert config["mark"]["field"] == "level_depends_on_imputation"
    rows = {r["iso3"]: r for r in client.get("/api/v1/indices/idi2024").json()["data"]}
    marked = {e["iso3"] for e in config["economies"] if e["level_depends_on_imputation"]}
    # Marked exactly where the score interval spans two levels, which needs an imputed value.
    expected = {
        iso3
        for iso3, r in rows.items()
        if r["n_imputed"] > 0 and _level(r["idi_low"]) != _level(r["idi_high"])
    }
    assert marked == expected and marked
    count = soup.select_one('.legend li[data-mark="imputation"] .legend-count').get_text()
    assert int(count) == len(marked)


def _level(score: float) -> str:
    rounded = round(score, 1)
    return "advanced" if rounded >= 75 else "adequate" if rounded >= 50 else "attention"


def test_home_table_links_to_member_pages(client: TestClient) -> None:
    soup = soup_of(client, "/")
    kenya = soup.select_one('table#scores tr[data-iso3="KEN"]')
    assert kenya is not None
    link = kenya.find("a")
    assert link["href"] == "/members/KEN" and link.get_text(strip=True) == "Kenya"
    first = soup.select_one("table#scores tbody tr")
    assert first.find("td").get_text(strip=True) == "1"


def test_home_map_data_gives_numeric_codes(client: TestClient) -> None:
    soup = soup_of(client, "/")
    data = json.loads(soup.select_one("script#map-data").get_text())
    by_iso3 = {e["iso3"]: e for e in data["economies"]}
    assert by_iso3["KEN"]["numeric"] == "404"
    assert by_iso3["KEN"]["level"] in data["levels"]
    assert by_iso3["IND"]["value"] is None
    assert sum(e["value"] is not None for e in data["economies"]) == IDI_2024_SCORED


def test_member_page_for_kenya(client: TestClient) -> None:
    soup = soup_of(client, "/members/KEN")
    assert soup.h1.get_text(strip=True) == "Kenya"
    assert soup.select_one("#iso3").get_text(strip=True) == "KEN"
    assert soup.select_one("#level").get_text(strip=True) in {
        "Advanced",
        "Adequate",
        "Calling for attention",
    }
    assert float(soup.select_one("#idi-score").get_text()) == pytest.approx(58.5, abs=0.1)
    rows = soup.select("table#inputs tbody tr")
    assert len(rows) == 10
    flags = {row.select("td")[3].get_text(strip=True) for row in rows}
    assert flags <= {"observed", "estimate", "imputed"}
    assert soup.select_one("#trend-chart svg.trend .point.edition") is not None
    assert soup.select("#trend-chart svg.trend .point.recomputed")
    sources = soup.select("table#sources tbody tr")
    assert "itu_idi2024_annex2" in {row["data-dataset"] for row in sources}


def test_member_page_shows_what_was_imputed_and_the_interval(client: TestClient) -> None:
    # Guatemala: both traffic inputs are missing from the edition (Annex 2).
    soup = soup_of(client, "/members/GTM")
    api = client.get("/api/v1/members/GTM").json()
    imputed = {row["data-component"]: row["data-method"] for row in soup.select(
        "#imputed-components tbody tr"
    )}
    assert imputed == {i["component"]: i["method"] for i in api["imputed"]}
    assert set(imputed) == {"mobile_bb_traffic", "fixed_bb_traffic"}
    assert soup.select_one("#not-reproducible") is not None and api["reproducible"] is False
    interval = soup.select_one("#score-interval")
    low, high = float(interval["data-low"]), float(interval["data-high"])
    assert low <= api["value"] <= high and high > low
    rows = {row["data-code"]: row.select("td") for row in soup.select("table#inputs tbody tr")}
    assert rows["i135tfb_subs"][3].get_text(strip=True) == "imputed"
    assert rows["i135tfb_subs"][7].get_text(strip=True) == imputed["fixed_bb_traffic"]
    assert rows["i99H"][7].get_text(strip=True) == ""


def test_member_page_of_a_complete_economy_says_it_is_reproducible(client: TestClient) -> None:
    soup = soup_of(client, "/members/KEN")
    assert soup.select_one("#reproducible") is not None
    assert soup.select_one("#imputation") is None and soup.select_one("#score-interval") is None


def test_member_page_shows_low_region_confidence(client: TestClient, settings: Settings) -> None:
    members = client.get("/api/v1/members").json()["data"]
    unsure = [m for m in members if m["region_confidence"] not in (None, "high")]
    if not unsure:
        pytest.skip("every Council region in the snapshot has high confidence")
    soup = soup_of(client, f"/members/{unsure[0]['iso3']}")
    assert unsure[0]["region_confidence"] in soup.select_one("#council-region").get_text()


@pytest.mark.parametrize("iso3", ["IND", "ABW"])
def test_economy_without_a_score_still_has_a_page(client: TestClient, iso3: str) -> None:
    soup = soup_of(client, f"/members/{iso3}")
    assert soup.select_one("#no-score") is not None
    assert soup.select_one("#level") is None


def test_unknown_member_is_a_404_page(client: TestClient) -> None:
    soup = soup_of(client, "/members/ZZZ", status=404)
    assert soup.h1.get_text(strip=True) == "Not found"
    assert "'ZZZ'" in soup.select_one("#error-message").get_text()


def test_sources_page_lists_the_datasets(client: TestClient) -> None:
    soup = soup_of(client, "/sources")
    ids = {row["data-dataset"] for row in soup.select("table#datasets tbody tr")}
    api = {s["id"] for s in client.get("/api/v1/sources").json()["data"]}
    assert ids == api


@pytest.mark.parametrize("url", PAGES)
def test_pages_load_only_local_assets(client: TestClient, url: str) -> None:
    response = client.get(url)
    soup = BeautifulSoup(response.text, "html.parser")
    urls = [t["src"] for t in soup.find_all("script", src=True)]
    urls += [t["href"] for t in soup.find_all("link", href=True)]
    assert urls
    for asset in urls:
        assert asset.startswith("/") and not asset.startswith("//"), asset
        assert client.get(asset).status_code == 200, asset
    assert soup.find("h1") is not None


def test_missing_assets_are_explained(settings: Settings, tmp_path: Path) -> None:
    app = create_app(settings.model_copy(update={"assets_dir": tmp_path / "none"}))
    with TestClient(app) as bare:
        soup = soup_of(bare, "/")
        notice = soup.select_one("#map-missing")
        assert notice is not None and "make assets" in notice.get_text()
        scripts = [t["src"] for t in soup.find_all("script", src=True)]
        assert not any(s.startswith("/static/vendor/") for s in scripts)
        docs = bare.get("/docs")
        assert docs.status_code == 503 and "make assets" in docs.text


def test_index_cache_follows_the_warehouse_file(built_warehouse_path: Path, tmp_path: Path) -> None:
    path = tmp_path / "warehouse.duckdb"
    shutil.copyfile(built_warehouse_path, path)
    cache = IndexCache(Warehouse(path))
    first = cache.scores("idi2024")
    assert cache.scores("idi2024") is first
    stamp = path.stat().st_mtime + 10
    os.utime(path, (stamp, stamp))
    assert cache.scores("idi2024") is not first
