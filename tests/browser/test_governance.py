"""Governance pages in a real, offline Chromium: the map, the timeline, the checker form."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest

from humanict.config import PROJECT_ROOT

pytestmark = pytest.mark.browser

TIMEOUT_MS = 15_000
SLATE = PROJECT_ROOT / "data" / "governance" / "examples" / "illustrative_slate.csv"


@pytest.fixture
def page(browser: Any, live_url: str) -> Iterator[Any]:
    """A fresh page that may reach only the loopback server and must log no errors."""
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
    assert blocked == [], blocked
    assert errors == [], errors


def test_representation_map_colours_the_24(page: Any) -> None:
    page.goto(page.base + "/governance")
    page.wait_for_selector("#gov-map[data-rendered='true'] svg path.country")
    officials = page.eval_on_selector_all(
        "#gov-map path.cat-official", "paths => paths.map(p => p.dataset.iso3)"
    )
    # 24 Member States, minus those too small for the 110m world geometry
    assert 20 <= len(set(officials)) <= 24
    assert {"USA", "CHN", "ZWE", "RUS"} <= set(officials)
    assert page.locator("#gov-map path.cat-none").count() > 100
    title = page.locator("#gov-map path[data-iso3='ZWE'] title").text_content()
    assert "BDT" in title and "Zavazava" in title
    assert page.locator("#timeline rect.tenure").count() > 30


def test_eligibility_form_with_an_uploaded_slate(page: Any) -> None:
    page.goto(page.base + "/governance/eligibility")
    page.get_by_role("checkbox", name="reform").check()
    page.get_by_role("checkbox", name="current").uncheck()
    page.set_input_files("#slate-file", str(SLATE))
    page.wait_for_function("document.getElementById('slate').dataset.loaded !== undefined")
    page.get_by_role("button", name="Check the slate").click()
    page.wait_for_selector("table#verdicts")
    verdicts = dict(
        page.eval_on_selector_all(
            "table#verdicts tbody tr",
            "rows => rows.map(r => [r.cells[0].textContent.trim(), r.dataset.verdict])",
        )
    )
    assert verdicts["Malcolm Johnson"] == "ineligible"
    assert verdicts["Doreen Bogdan-Martin"] == "eligible"
    assert "reform" in page.locator("#verdicts-heading").text_content()
