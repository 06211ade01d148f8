"""The observatory in a real, offline Chromium: what a person sees and can do."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import pytest
from playwright.sync_api import expect

if TYPE_CHECKING:
    from conftest import Visit

pytestmark = pytest.mark.browser

MIN_COUNTRY_PATHS = 150
LEVEL_NAMES = ["Advanced", "Adequate", "Calling for attention"]


def _open_home(visit: Visit) -> Any:
    page = visit.page
    page.goto(visit.base + "/")
    page.wait_for_selector("#map[data-rendered='true'] svg path.country")
    return page


def _column(page: Any, index: int) -> list[str]:
    return page.eval_on_selector_all(
        "table#scores tbody tr",
        "(rows, i) => rows.map(r => r.cells[i].textContent.trim())",
        index,
    )


def test_map_is_drawn_by_level_with_a_legend(visit: Visit) -> None:
    page = _open_home(visit)
    countries = page.locator("#map svg path.country")
    assert countries.count() > MIN_COUNTRY_PATHS
    fills = page.eval_on_selector_all(
        "#map svg path.country", "paths => paths.map(p => getComputedStyle(p).fill)"
    )
    assert len(set(fills)) == len(LEVEL_NAMES) + 1  # three levels and grey for no data
    for level in ("advanced", "adequate", "attention"):
        assert page.locator(f"#map path.country.level-{level}").count() > 0
    assert page.locator("#map path.country.no-data").count() > 0
    legend = page.locator(".legend").first
    for name in LEVEL_NAMES + ["No data"]:
        expect(legend.get_by_text(name, exact=True)).to_be_visible()


def test_map_outlines_levels_that_depend_on_imputation(visit: Visit) -> None:
    page = _open_home(visit)
    config = json.loads(page.locator("script#map-data").text_content())
    flagged = {e["iso3"] for e in config["economies"] if e["level_depends_on_imputation"]}
    drawn = set(page.eval_on_selector_all(
        "#map path.country[data-iso3]", "paths => paths.map(p => p.dataset.iso3)"
    ))
    marked = page.eval_on_selector_all(
        "#map path.country[data-marked='true']",
        "paths => paths.map(p => [p.dataset.iso3, getComputedStyle(p).strokeDasharray,"
        " p.querySelector('title').textContent])",
    )
    assert {iso3 for iso3, _, _ in marked} == flagged & drawn
    assert marked, "no economy with a level depending on imputation is on the map"
    for _, dash, title in marked:
        assert dash not in ("", "none")
        assert title.endswith(config["mark"]["title"])
    legend = page.locator('.legend li[data-mark="imputation"]')
    assert legend.is_visible()
    assert int(legend.locator(".legend-count").inner_text()) == len(flagged)


def test_table_sorts_when_a_heading_is_clicked(visit: Visit) -> None:
    page = _open_home(visit)
    before = _column(page, 1)
    assert len(before) == 170
    page.get_by_role("button", name="IDI", exact=True).click()
    ascending = [float(v) for v in _column(page, 2)]
    assert ascending == sorted(ascending)
    assert _column(page, 1) != before
    page.get_by_role("button", name="IDI", exact=True).click()
    descending = [float(v) for v in _column(page, 2)]
    assert descending == sorted(descending, reverse=True)
    header = page.locator("table#scores th", has_text="IDI").first
    expect(header).to_have_attribute("aria-sort", "descending")


def _check_kenya(page: Any) -> None:
    page.wait_for_url("**/members/KEN")
    assert page.get_by_role("heading", level=1).inner_text() == "Kenya"
    score = page.locator("#idi-score")
    expect(score).to_be_visible()
    assert float(score.inner_text()) == pytest.approx(58.5, abs=0.1)
    assert page.locator("#level").inner_text() in LEVEL_NAMES
    expect(page.locator("#trend-chart svg.trend")).to_be_visible()
    expect(page.locator("#trend-chart svg.trend .point.edition")).to_have_count(1)
    assert page.locator("#trend-chart svg.trend .point.recomputed").count() >= 2
    assert page.locator("table#inputs tbody tr").count() == 10
    sources = page.locator("table#sources tbody tr")
    expect(sources.first).to_be_visible()


def test_kenya_from_the_table(visit: Visit) -> None:
    page = _open_home(visit)
    page.locator("table#scores").get_by_role("link", name="Kenya", exact=True).click()
    _check_kenya(page)


def test_kenya_from_the_map(visit: Visit) -> None:
    page = _open_home(visit)
    page.locator("#map path.country[data-iso3='KEN']").click()
    _check_kenya(page)


def test_api_docs_render_offline(visit: Visit) -> None:
    page = visit.page
    page.goto(visit.base + "/docs")
    page.wait_for_selector(".swagger-ui .opblock")
    assert page.locator(".swagger-ui .opblock").count() >= 9
