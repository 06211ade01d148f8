"""Governance pages in a real, offline Chromium: the map, the timeline, the checker form."""

from __future__ import annotations

from typing import Any

import pytest

from humanict.config import PROJECT_ROOT

pytestmark = pytest.mark.browser

SLATE = PROJECT_ROOT / "data" / "governance" / "examples" / "illustrative_slate.csv"


def test_representation_map_colours_the_24(page: Any) -> None:
    page.goto("/governance")
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
    page.wait_for_function("document.querySelectorAll('#timeline rect.tenure').length > 30")


def test_eligibility_form_with_an_uploaded_slate(page: Any) -> None:
    page.goto("/governance/eligibility")
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
