"""The foresight gap radar and topic pages in a real, offline Chromium."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

from humanict.config import Settings
from humanict.foresight import service
from humanict.web import create_app

pytestmark = pytest.mark.browser

TOPICS = 8


@pytest.fixture(scope="module")
def foresight_url(settings: Settings, serve: Any) -> Iterator[str]:
    """The web app on the session's foresight database (a small real slice of the snapshot)."""
    service.report(settings, 2018, n_topics=TOPICS)  # else the page says "being prepared"
    with serve(create_app(settings)) as url:
        yield url


@pytest.fixture
def page(guarded_page: Any, foresight_url: str) -> Iterator[Any]:
    with guarded_page(foresight_url) as seen:
        yield seen.page


def test_radar_draws_one_point_per_topic_and_links_to_its_page(
    page: Any, foresight_url: str
) -> None:
    page.goto(f"{foresight_url}/foresight?topics={TOPICS}")
    page.wait_for_selector("#radar[data-rendered='true'] svg a.topic-point circle")
    assert page.locator("#radar a.topic-point").count() == TOPICS
    radii = page.eval_on_selector_all(
        "#radar a.topic-point circle", "cs => cs.map(c => Number(c.getAttribute('r')))"
    )
    assert all(r > 0 for r in radii) and len(set(radii)) > 1
    first_row = page.locator("table#gaps tbody tr").first
    label = first_row.locator("td").nth(1).locator("a").inner_text()
    topic = first_row.get_attribute("data-topic")
    page.locator(f"#radar a.topic-point[data-topic='{topic}']").click()
    page.wait_for_url(f"**/foresight/topics/{topic}?*")
    expect(page.locator("h1")).to_have_text(label)
    expect(page.locator("table#signals tbody tr").first).to_be_visible()
    expect(page.locator("table#standards tbody tr").first).to_be_visible()
    expect(page.locator("#study-group")).to_contain_text("ITU-")
    expect(page.locator("svg#counts rect")).to_have_count(10)


def test_gap_table_sorts_by_coverage(page: Any, foresight_url: str) -> None:
    page.goto(f"{foresight_url}/foresight?topics={TOPICS}")
    page.get_by_role("button", name="Coverage").click()
    values = page.eval_on_selector_all(
        "table#gaps tbody tr", "rows => rows.map(r => Number(r.cells[4].dataset.value))"
    )
    assert values == sorted(values)
    assert len(set(values)) > 1
