"""The gaps page in a real, offline Chromium: sorting by parity score, region filter, links."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import expect

if TYPE_CHECKING:
    from conftest import Visit

pytestmark = pytest.mark.browser

INTERNET_BY_SEX = 'table[data-code="IT_USE_ii99"]'


def _scores(visit: Visit, table: str) -> list[float]:
    values: list[str] = visit.page.eval_on_selector_all(
        f"{table} tbody td.score", "cells => cells.map(c => c.dataset.value)"
    )
    return [float(v) for v in values]


def test_sorting_by_parity_score_and_following_a_member(visit: Visit) -> None:
    page = visit.page
    page.goto(visit.base + "/gaps")
    header = page.locator(f"{INTERNET_BY_SEX} th", has_text="Parity score")
    header.locator("button").click()
    expect(header).to_have_attribute("aria-sort", "ascending")
    ascending = _scores(visit, INTERNET_BY_SEX)
    assert len(ascending) > 50 and ascending == sorted(ascending)
    header.locator("button").click()
    expect(header).to_have_attribute("aria-sort", "descending")
    assert _scores(visit, INTERNET_BY_SEX) == sorted(ascending, reverse=True)
    # The lowest parity score after sorting leads to that economy's page.
    header.locator("button").click()
    first = page.locator(f"{INTERNET_BY_SEX} tbody tr").first
    iso3 = first.get_attribute("data-iso3")
    first.locator("a").click()
    page.wait_for_url(f"**/members/{iso3}")


def test_region_filter_and_link_from_priorities(visit: Visit) -> None:
    page = visit.page
    page.goto(visit.base + "/priorities")
    page.locator('nav.subnav a[href="/gaps"]').click()
    page.wait_for_url("**/gaps")
    everything = page.locator("table.sortable tbody tr").count()
    page.select_option("#region", "EUR")
    page.click("form.inline-form button")
    page.wait_for_url("**/gaps?region=EUR")
    regions = page.eval_on_selector_all(
        "table.sortable tbody tr", "rows => [...new Set(rows.map(r => r.dataset.region))]"
    )
    assert regions == ["EUR"]
    assert 0 < page.locator("table.sortable tbody tr").count() < everything
    assert page.locator("table.sortable").count() == 5
