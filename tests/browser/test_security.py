"""The GCI map and table, readiness and the WSIS-SDG view in a real, offline Chromium."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest
from playwright.sync_api import expect

if TYPE_CHECKING:
    from conftest import Visit

pytestmark = pytest.mark.browser

MIN_COUNTRY_PATHS = 150
TIERS = [f"tier{i}" for i in range(1, 6)]


def _open_gci(visit: Visit) -> Any:
    page = visit.page
    page.goto(visit.base + "/security/gci")
    page.wait_for_selector("#map[data-rendered='true'] svg path.country")
    return page


def test_gci_map_is_drawn_by_tier(visit: Visit) -> None:
    page = _open_gci(visit)
    assert page.locator("#map svg path.country").count() > MIN_COUNTRY_PATHS
    fills = page.eval_on_selector_all(
        "#map svg path.country", "paths => paths.map(p => getComputedStyle(p).fill)"
    )
    assert len(set(fills)) == len(TIERS) + 1  # five tiers and grey for no geometry match
    for tier in TIERS:
        assert page.locator(f"#map path.country.level-{tier}").count() > 0
    title = page.locator("#map path.country[data-iso3='KEN'] title").text_content()
    assert title.startswith("Kenya: 98.6") and "Tier 1" in title
    page.locator("#map path.country[data-iso3='KEN']").click()
    page.wait_for_url("**/members/KEN")
    expect(page.locator("#readiness-section")).to_be_visible()
    expect(page.locator("#readiness-gci")).to_contain_text("Tier 1")


def test_gci_table_sorts_by_change(visit: Visit) -> None:
    page = _open_gci(visit)
    assert page.locator("table#gci-table tbody tr").count() == 194
    page.get_by_role("button", name="Change", exact=True).click()
    values = page.eval_on_selector_all(
        "table#gci-table tbody tr", "rows => rows.map(r => r.cells[9].dataset.value)"
    )
    numbers = [float(v) for v in values if v]
    assert numbers == sorted(numbers)
    assert numbers[0] < 0 < numbers[-1]


def test_readiness_filters(visit: Visit) -> None:
    page = visit.page
    page.goto(visit.base + "/security/readiness")
    assert page.locator("table#readiness tbody tr").count() == 193
    page.select_option("#region", "A")
    page.check("#ahead-only")
    page.get_by_role("button", name="Show").click()
    page.wait_for_url("**ahead_only=true**")
    rows = page.locator("table#readiness tbody tr")
    assert rows.count() > 0
    balances = page.eval_on_selector_all(
        "table#readiness tbody tr", "rows => rows.map(r => r.dataset.balance)"
    )
    assert set(balances) == {"connectivity_ahead"}
    regions = page.eval_on_selector_all(
        "table#readiness tbody tr", "rows => rows.map(r => r.cells[1].textContent.trim())"
    )
    assert all(r.startswith("A /") for r in regions)
    assert page.locator("#region").input_value() == "A"


def test_wsis_from_lines_to_a_line(visit: Visit) -> None:
    page = visit.page
    page.goto(visit.base + "/wsis")
    assert page.locator("table#wsis-lines tbody tr").count() == 18
    page.get_by_role("link", name="C7.e-environment", exact=True).click()
    page.wait_for_url("**/wsis/lines/C7.e-environment")
    expect(page.locator("li[data-goal='16'] .status.disputed")).to_have_text("probable error")
    page.locator("#confirmed-only").click()
    page.wait_for_url("**confirmed_only=true")
    assert page.locator("li[data-goal='16']").count() == 0
    page.goto(visit.base + "/wsis/lines/C10")
    held = page.locator("tr[data-in-warehouse='yes']")
    expect(held.nth(1)).to_be_visible()  # at least two
