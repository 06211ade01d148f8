"""The EPFD page in a real, offline Chromium: the CDF against the Article 22 mask."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from conftest import Visit

pytestmark = pytest.mark.browser

SHORT_RUN = "lat=40.4&lon=-3.7&gso_lon=-10&hours=2&step_s=20&shell_km=1380:1450"


@pytest.fixture
def page(visit: Visit) -> Any:
    visit.expect_error("status of 422")  # bad input is answered with 422 on purpose
    return visit.page


def test_cdf_is_drawn_against_the_limit_mask(page: Any) -> None:
    page.goto(f"/spectrum/epfd?{SHORT_RUN}")
    page.wait_for_selector("#epfd-chart[data-rendered='true'] svg path.simulated")
    assert page.locator("#epfd-chart svg path.limit").count() == 1
    assert len(page.get_attribute("#epfd-chart svg path.simulated", "d")) > 20
    status = page.locator("#epfd-status").inner_text()
    assert "TABLE 22-1A" in status and ("Within the limit" in status or "Exceeds" in status)
    rows = page.locator("#epfd-check tbody tr")
    assert rows.count() == 6  # the 22-1A 60 cm curve has six constraining points
    assert "/api/v1/spectrum/epfd?" in page.get_attribute("#epfd-json", "href")


def test_a_louder_mask_exceeds_and_bad_input_is_explained(page: Any) -> None:
    page.goto(f"/spectrum/epfd?{SHORT_RUN}")
    page.wait_for_selector("#epfd-chart[data-rendered='true']", state="attached")
    page.fill("input[name=pfd_mask]", "0:-130,90:-130")
    page.click("#epfd-form button[type=submit]")
    page.wait_for_selector("#epfd-chart[data-rendered='true'] svg path.simulated")
    page.wait_for_selector(".verdict.fail")
    assert "Exceeds the limit" in page.locator("#epfd-status").inner_text()
    page.fill("input[name=pfd_mask]", "nonsense")
    page.click("#epfd-form button[type=submit]")
    page.wait_for_selector("#epfd-chart[data-rendered='error']", state="attached")
    assert "elevation:pfd" in page.locator("#epfd-status").inner_text()
