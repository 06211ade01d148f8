"""The robustness page of IDI 2024 and the cost page in a real, offline Chromium."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest
from playwright.sync_api import expect

if TYPE_CHECKING:
    from conftest import Visit

pytestmark = pytest.mark.browser

FACTORS = {"weights", "normalisation", "aggregation", "imputation"}
ROBUSTNESS = "/indices/idi2024/robustness?draws=400"
COST = "/observatory/cost"


@pytest.fixture
def page(visit: Visit) -> Any:
    return visit.open(ROBUSTNESS, ready="#interval-chart svg.intervals g[data-iso3]")


def test_chart_shows_an_interval_per_economy(page: Any) -> None:
    chart = page.locator("#interval-chart svg.intervals")
    assert chart.is_visible()
    assert page.locator("#interval-chart g[data-iso3] line.interval").count() == 170
    # Every bar spans the 5th to the 95th percentile and holds the published rank.
    spans = page.eval_on_selector_all(
        "#interval-chart g[data-iso3]",
        """groups => groups.map(g => {
            const line = g.querySelector('line.interval').getBBox();
            const mark = g.querySelector('rect.nominal').getBBox();
            return [line.y, line.y + line.height, mark.y + mark.height / 2];
        })""",
    )
    assert all(top - 0.6 <= nominal <= bottom + 0.6 for top, bottom, nominal in spans)
    tip = page.locator("#interval-chart g[data-iso3='KEN'] title").text_content()
    assert tip.startswith("Kenya: published rank")


def test_sensitivity_table_names_the_factors(page: Any) -> None:
    rows = page.locator("table#sensitivity tbody tr")
    assert rows.count() == 4
    factors = {rows.nth(i).get_attribute("data-factor") for i in range(4)}
    assert factors == FACTORS
    assert page.locator("#top-factor").inner_text() in FACTORS


def test_ranks_table_sorts_by_interval_width(page: Any) -> None:
    table = page.locator("table#ranks")
    table.get_by_role("button", name="Width").click()
    table.get_by_role("button", name="Width").click()  # descending
    widths = page.eval_on_selector_all(
        "table#ranks tbody tr", "rows => rows.map(r => Number(r.cells[6].textContent))"
    )
    assert widths == sorted(widths, reverse=True) and widths[0] > widths[-1]
    page.locator("table#ranks tbody tr").first.get_by_role("link").click()
    page.wait_for_url("**/members/*")
    expect(page.get_by_role("heading", level=1)).to_be_visible()


def test_cost_page_world_range_regions_and_sources(visit: Visit) -> None:
    page = visit.open(COST)
    totals = [
        float(page.locator(f"#world tr[data-row='total'] td[data-scenario='{s}']").inner_text())
        for s in ("low", "central", "high")
    ]
    assert totals[0] < totals[1] < totals[2]
    bars = page.locator("#region-chart g[data-group]")
    assert bars.count() >= 6 and bars.first.get_attribute("data-group") in {"ASP", "AFR"}
    assert page.locator("table#costs tbody tr").count() >= 190
    sources = page.locator("table#assumptions tbody tr")
    assert sources.count() == 12
    per_site = page.locator("tr[data-parameter='people_per_site']").inner_text()
    assert "Connecting Humanity" in per_site
    table = page.locator("table#costs")
    table.get_by_role("button", name="New users (M)").click()
    table.get_by_role("button", name="New users (M)").click()
    first = page.locator("table#costs tbody tr").first.get_attribute("data-iso3")
    assert first == "IND"
