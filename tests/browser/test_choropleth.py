"""static/choropleth.js on its own: a map whose economies come from a URL, not the page."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from conftest import Visit

pytestmark = pytest.mark.browser

ADD_MAP = """([config, vendor]) => {
    const node = document.createElement("script");
    node.type = "application/json";
    node.id = "url-map-data";
    node.textContent = JSON.stringify(config);
    const container = document.createElement("div");
    container.id = "url-map";
    container.className = "map";
    container.dataset.geometry = vendor.countries;
    container.dataset.choropleth = "url-map-data";
    document.querySelector("main").append(node, container);
    const load = src => new Promise((resolve, reject) => {
        const script = document.createElement("script");
        script.src = src;
        script.onload = resolve;
        script.onerror = reject;
        document.body.append(script);
    });
    return load(vendor.d3).then(() => load(vendor.topojson))
        .then(() => load("/static/choropleth.js"));
}"""


def test_a_map_loads_its_economies_from_a_url(visit: Visit) -> None:
    page = visit.open("/")
    home = json.loads(page.locator("script#map-data").text_content())
    vendor = {
        "d3": page.locator("script[src*='d3.min.js']").get_attribute("src"),
        "topojson": page.locator("script[src*='topojson']").get_attribute("src"),
        "countries": page.locator("#map").get_attribute("data-geometry"),
    }
    body = json.dumps({"economies": home["economies"]})
    page.route(
        "**/economies.json", lambda route: route.fulfill(body=body, content_type="application/json")
    )
    config = {
        "url": "/economies.json",
        "scale": {
            "type": "sequential",
            "field": "value",
            "thresholds": [50, 75],
            "prefix": "band-",
        },
        "attribute": "band",
        "link": "/members/{iso3}",
    }
    page.goto("/sources")
    page.evaluate(ADD_MAP, [config, vendor])
    page.wait_for_selector("#url-map[data-rendered='true'] svg path.country")
    kenya = next(e for e in home["economies"] if e["iso3"] == "KEN")
    band = sum(kenya["value"] >= t for t in (50, 75))
    path = page.locator("#url-map path[data-iso3='KEN']")
    assert path.get_attribute("class") == f"country band-{band} linked"
    assert path.get_attribute("data-band") == str(band)
    assert path.locator("title").text_content() == kenya["title"]
    unscored = page.locator("#url-map path[data-iso3='IND']")
    assert unscored.get_attribute("data-band") == "none"
    path.click()
    page.wait_for_url("**/members/KEN")
