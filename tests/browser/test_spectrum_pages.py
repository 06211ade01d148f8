"""The spectrum pages in a real, offline Chromium: band lookup, GEO arc, filing timeline."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest
from playwright.sync_api import expect

if TYPE_CHECKING:
    from conftest import Visit

pytestmark = pytest.mark.browser


@pytest.fixture
def page(visit: Visit) -> Any:
    visit.expect_error("status of 422")  # bad input is answered with 422 on purpose
    return visit.page


def test_band_lookup_form_lists_both_bands_at_an_edge(page: Any) -> None:
    page.goto("/spectrum/bands")
    page.fill("#freq", "11.7GHz")
    page.select_option("#region", "1")
    page.click("#band-form button[type=submit]")
    page.wait_for_selector("section.band")
    headings = page.locator("section.band h2").all_inner_texts()
    assert [h.split(" on the")[0].strip() for h in headings] == ["10.7-11.7 GHz", "11.7-12.5 GHz"]
    assert page.locator("section.band .tag").count() == 2
    expect(page.get_by_text("FIXED-SATELLITE (space-to-Earth)").first).to_be_visible()
    assert "Appendix 30B" in page.locator("dl.footnotes").first.inner_text()


def test_band_lookup_by_member_state_and_bad_input(page: Any) -> None:
    page.goto("/spectrum/bands")
    page.fill("#freq", "11.9 GHz")
    page.fill("#member", "USA")
    page.click("#band-form button[type=submit]")
    expect(page.locator("#result-summary")).to_contain_text("Region 2 (USA)")
    expect(page.locator("tr.secondary").first).to_be_visible()
    page.fill("#freq", "eleven")
    page.click("#band-form button[type=submit]")
    expect(page.locator("#error-message")).to_contain_text("cannot read")


def test_arc_view_draws_every_network_and_the_coordination_arc(page: Any) -> None:
    page.goto("/spectrum/arc?position=19.2E&span=8&band=Ku")
    page.wait_for_selector("#arc-chart[data-rendered='true'] svg circle.network")
    dots = page.locator("#arc-chart circle.network").count()
    rows = page.locator("#arc-networks tbody tr").count()
    assert dots == rows > 10
    arc = page.locator("#arc-chart rect.coordination-arc")
    assert arc.count() == 1
    width = float(arc.get_attribute("width"))
    axis = page.locator("#arc-chart g.axis").bounding_box()
    assert width > 0 and axis is not None
    assert "±7°" in page.locator("#arc-rows").inner_text()
    page.locator("#arc-chart a").first.click()
    page.wait_for_url("**/spectrum/filings/**")
    assert page.locator("#events tbody tr").count() > 0


def test_filing_timeline_marks_events_and_deadlines(page: Any) -> None:
    page.goto("/spectrum/filings?name=GDL")
    page.get_by_role("link", name="GDL-6").first.click()
    page.wait_for_selector("#timeline-chart[data-rendered='true'] svg g.event")
    marks = page.locator("#timeline-chart g.event").count()
    assert marks == page.locator("#events tbody tr").count()
    assert page.locator("#timeline-chart g.kind-deadline").count() >= 1
    assert page.locator("#timeline-chart line.as-of").count() == 1
    assert page.locator("#stage").inner_text() == "recorded in the Master Register"


def test_spectrum_is_in_the_main_navigation(page: Any) -> None:
    page.goto("/spectrum/filings")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Spectrum").click()
    page.wait_for_url("**/spectrum/bands")


def test_arc_form_narrows_the_coordination_rows_to_a_region(page: Any) -> None:
    page.goto("/spectrum/arc")
    page.fill("#position", "97W")
    page.select_option("#band", "Ku")
    page.select_option("#region", "2")
    page.click("#arc-form button[type=submit]")
    page.wait_for_selector("#arc-chart[data-rendered='true'] svg")
    rows = page.locator("#arc-rows li").all_inner_texts()
    assert rows and all("2" in row.split("Regions ")[1].split(")")[0] for row in rows)
    assert any(row.startswith("11.7-12.2 GHz") for row in rows)  # Region 2 only
    assert "97°W" in page.locator("h2").last.inner_text()
