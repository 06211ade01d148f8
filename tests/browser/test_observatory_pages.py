"""Targets, priorities, the map of people offline and a country brief in a real, offline
Chromium."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

MIN_COUNTRY_PATHS = 150


def test_offline_map_colours_countries_and_links_to_briefs(page: Any) -> None:
    page.goto("/offline")
    page.wait_for_selector("#offline-map[data-rendered='true'] svg path.country")
    coloured = page.locator("#offline-map path.country[class*='offline-b']").count()
    assert coloured >= MIN_COUNTRY_PATHS
    page.locator("#offline-map path.country[data-iso3='KEN']").click()
    page.wait_for_url("**/members/KEN/brief")
    expect(page.locator("#brief-title")).to_have_text("Country brief: Kenya")
    expect(page.locator("#brief-charts svg")).to_have_count(1)


def test_targets_page_shows_progress_of_a_chosen_economy(page: Any) -> None:
    page.goto("/targets")
    page.fill("#member", "KEN")
    page.click("form.inline-form button")
    page.wait_for_selector("#progress tbody tr")
    statuses = page.eval_on_selector_all(
        "#progress tbody tr", "rows => rows.map(r => r.dataset.status)"
    )
    assert statuses and set(statuses) <= {"met", "on track", "off track", "no data", "not measured"}


def test_priorities_filter_by_region_and_sort(page: Any) -> None:
    page.goto("/priorities")
    page.select_option("#region", "AFR")
    page.click("form.inline-form button")
    page.wait_for_url("**/priorities?region=AFR")
    regions = page.eval_on_selector_all(
        "#priorities tbody tr", "rows => rows.map(r => r.dataset.region)"
    )
    assert regions and set(regions) == {"AFR"}
    page.click("#priorities th:nth-child(5) button")  # people offline
    page.click("#priorities th:nth-child(5) button")
    values = page.eval_on_selector_all(
        "#priorities tbody td:nth-child(5)", "cells => cells.map(c => Number(c.dataset.value))"
    )
    assert values == sorted(values) or values == sorted(values, reverse=True)


def test_offline_page_changes_year_and_group_targets_open(page: Any) -> None:
    page.goto("/offline")
    page.fill("#year", "2015")
    page.click("form.inline-form button")
    page.wait_for_url("**/offline?year=2015")
    assert "People offline in 2015" in page.locator("h1").inner_text()
    page.goto("/targets")
    page.click("a[data-group='ldc']")
    page.wait_for_selector("#progress tbody tr")
    expect(page.locator("#progress-heading")).to_contain_text("ldc")
    expect(page.locator("#progress tr[data-target='bbc2025-3c']")).to_have_count(1)
