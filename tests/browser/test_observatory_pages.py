"""Targets, priorities, the map of people offline and a country brief in a real, offline
Chromium."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser

TIMEOUT_MS = 20_000
MIN_COUNTRY_PATHS = 150


@pytest.fixture
def page(browser: Any, live_url: str) -> Iterator[Any]:
    """A fresh page that may only reach the local server and must log no errors."""
    context = browser.new_context()
    context.set_default_timeout(TIMEOUT_MS)
    tab = context.new_page()
    blocked: list[str] = []
    errors: list[str] = []

    def only_loopback(route: Any) -> None:
        if urlsplit(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    tab.route("**/*", only_loopback)
    tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    tab.base = live_url
    yield tab
    context.close()
    assert blocked == [], f"requests outside 127.0.0.1: {blocked}"
    assert errors == [], f"console errors: {errors}"


def test_offline_map_colours_countries_and_links_to_briefs(page: Any) -> None:
    page.goto(page.base + "/offline")
    page.wait_for_selector("#offline-map[data-rendered='true'] svg path.country")
    coloured = page.locator("#offline-map path.country[class*='offline-b']").count()
    assert coloured >= MIN_COUNTRY_PATHS
    page.locator("#offline-map path.country[data-iso3='KEN']").click()
    page.wait_for_url("**/members/KEN/brief")
    assert page.locator("#brief-title").inner_text() == "Country brief: Kenya"
    assert page.locator("#brief-charts svg").count() == 1


def test_targets_page_shows_progress_of_a_chosen_economy(page: Any) -> None:
    page.goto(page.base + "/targets")
    page.fill("#member", "KEN")
    page.click("form.inline-form button")
    page.wait_for_selector("#progress tbody tr")
    statuses = page.eval_on_selector_all(
        "#progress tbody tr", "rows => rows.map(r => r.dataset.status)"
    )
    assert statuses and set(statuses) <= {"met", "on track", "off track", "no data", "not measured"}


def test_priorities_filter_by_region_and_sort(page: Any) -> None:
    page.goto(page.base + "/priorities")
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
    page.goto(page.base + "/offline")
    page.fill("#year", "2015")
    page.click("form.inline-form button")
    page.wait_for_url("**/offline?year=2015")
    assert "People offline in 2015" in page.locator("h1").inner_text()
    page.goto(page.base + "/targets")
    page.click("a[data-group='ldc']")
    page.wait_for_selector("#progress tbody tr")
    assert "ldc" in page.locator("#progress-heading").inner_text()
    assert page.locator("#progress tr[data-target='bbc2025-3c']").count() == 1
