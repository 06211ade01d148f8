"""The four world maps: one configuration shape read by static/choropleth.js, tooltips included."""

from __future__ import annotations

import json
from typing import Any

import pytest
from bs4 import BeautifulSoup
from fastapi.testclient import TestClient

MAPS = {"/": "map", "/security/gci": "map", "/governance": "gov-map", "/offline": "offline-map"}


def _config(client: TestClient, path: str) -> dict[str, Any]:
    soup = BeautifulSoup(client.get(path).text, "html.parser")
    container = soup.select_one(f"div#{MAPS[path]}")
    assert container["data-geometry"].endswith("countries-110m.json")
    assert soup.select('script[src="/static/choropleth.js"]')
    config: dict[str, Any] = json.loads(
        soup.select_one(f"script#{container['data-choropleth']}").text
    )
    return config


@pytest.mark.parametrize("path", list(MAPS))
def test_every_map_has_a_scale_a_link_and_titled_economies(client: TestClient, path: str) -> None:
    config = _config(client, path)
    assert config["scale"]["type"] in {"categorical", "sequential"}
    assert config["link"].startswith("/members/{iso3}")
    economies = config["economies"]
    assert len(economies) >= 190
    assert all(e["title"].startswith(e["name"] + ": ") for e in economies)
    assert all(e["numeric"] is None or len(e["numeric"]) == 3 for e in economies)


def test_index_map_titles_give_score_and_level(client: TestClient) -> None:
    config = _config(client, "/")
    by_iso3 = {e["iso3"]: e for e in config["economies"]}
    kenya = by_iso3["KEN"]
    assert kenya["title"] == f"Kenya: {kenya['value']:.1f} ({config['levels'][kenya['level']]})"
    assert by_iso3["IND"]["title"] == "India: no score"


def test_offline_map_bins_by_share_and_titles_in_millions(client: TestClient) -> None:
    config = _config(client, "/offline")
    assert config["scale"]["thresholds"] == sorted(config["scale"]["thresholds"])
    kenya = next(e for e in config["economies"] if e["iso3"] == "KEN")
    millions = f"{kenya['offline'] / 1e6:.1f} million offline ({kenya['offline_pct']:.0f}%)"
    assert kenya["title"] == f"{kenya['name']}: {millions}"
    missing = [e for e in config["economies"] if e["offline"] is None]
    assert all(e["title"].endswith(": no data") for e in missing)


def test_governance_map_titles_name_posts_and_holders(client: TestClient) -> None:
    config = _config(client, "/governance")
    categories = {e["category"] for e in config["economies"]}
    assert categories == {"official", "rrb-or-council", "none"}
    zimbabwe = next(e for e in config["economies"] if e["iso3"] == "ZWE")
    assert "BDT" in zimbabwe["title"] and "Zavazava" in zimbabwe["title"]
