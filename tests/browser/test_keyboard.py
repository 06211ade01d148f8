"""The map page and the ballot page used with the keyboard alone, focus always visible."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlsplit

import pytest

if TYPE_CHECKING:
    from conftest import Site, Visit

pytestmark = pytest.mark.browser

MAX_TABS = 60  # every control tested is reached well within this many presses of Tab

FOCUS_SHOWN = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  if (el instanceof SVGElement) return parseFloat(style.strokeWidth) >= 2;
  return style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
}"""


@pytest.fixture
def tab(guarded_page: Any, site: Site) -> Iterator[Visit]:
    with guarded_page(site.base) as seen:
        yield seen


def _focused(page: Any, script: str) -> Any:
    return page.evaluate(f"() => {{ const el = document.activeElement; return {script}; }}")


def _tab_until(page: Any, test: str, limit: int = MAX_TABS) -> int:
    """Press Tab until the focused element passes ``test`` (JS on ``el``); the presses used."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        assert page.evaluate(FOCUS_SHOWN), (
            f"focus not visible on {_focused(page, 'el.outerHTML.slice(0, 80)')}"
        )
        if _focused(page, test):
            return presses
    raise AssertionError(f"nothing matching {test!r} after {limit} presses of Tab")


def _selected(page: Any) -> list[str]:
    query = parse_qs(urlsplit(page.url).query)
    return query.get("economies", [""])[0].split(",") if "economies" in query else []


def test_map_economies_are_reached_opened_and_selected_by_keyboard(tab: Visit) -> None:
    page = tab.page
    page.goto("/")
    page.wait_for_selector("#map[data-rendered='true']")
    names = page.eval_on_selector(
        "#map-data", "n => JSON.parse(n.textContent).economies.map(e => [e.name, e.iso3])"
    )
    in_order = [iso3 for _, iso3 in sorted(names, key=lambda pair: pair[0])]
    shown = set(
        page.eval_on_selector_all(
            "#map path.country[role=link]", "ps => ps.map(p => p.dataset.iso3)"
        )
    )
    in_order = [code for code in in_order if code in shown]
    _tab_until(page, "el.matches('#map path.country[role=link]')")
    first = _focused(page, "el.dataset.iso3")
    assert first == in_order[0]  # the map is entered at the first economy by name
    label = _focused(page, "el.getAttribute('aria-label')")
    assert label and label.startswith(names[[c for _, c in names].index(first)][0])
    page.keyboard.press("Space")
    page.keyboard.press("ArrowRight")
    assert page.evaluate(FOCUS_SHOWN)
    second = _focused(page, "el.dataset.iso3")
    assert second == in_order[1]
    page.keyboard.press("Space")
    assert _selected(page) == [first, second]
    assert page.locator("#map path.country.selected").count() == 2
    compare = page.locator("#map-selection a.compare-link")
    assert compare.get_attribute("href") == f"/compare?economies={first},{second}"
    page.keyboard.press("Space")  # unselects the second
    assert _selected(page) == [first]
    assert compare.count() == 0
    page.keyboard.press("End")
    assert _focused(page, "el.dataset.iso3") == in_order[-1]
    page.keyboard.press("ArrowRight")  # wraps around
    assert _focused(page, "el.dataset.iso3") == in_order[0]
    # Tab leaves the map at once, for the chart's buttons.
    page.keyboard.press("Tab")
    assert _focused(page, "el.closest('.takeaway') !== null")
    page.keyboard.press("Shift+Tab")
    assert _focused(page, "el.dataset.iso3") == in_order[0]  # the map remembers its place
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/members/{in_order[0]}")


def test_map_data_table_is_the_keyboard_equivalent(tab: Visit) -> None:
    page = tab.page
    page.goto("/")
    page.wait_for_selector("#map[data-rendered='true']")
    _tab_until(page, "el.matches('details.chart-data > summary')")
    page.keyboard.press("Enter")
    assert page.locator("details.chart-data").evaluate("d => d.open")
    # The first economy of the table that the map draws (small islands have no shape).
    drawn = "document.querySelector(`#map path[data-iso3=${el.value}]`) !== null"
    _tab_until(page, f"el.matches('#map-table input[type=checkbox]') && {drawn}", limit=10)
    page.keyboard.press("Space")
    first = _focused(page, "el.value")
    assert _selected(page) == [first]
    assert page.locator(f"#map path.country.selected[data-iso3='{first}']").count() == 1


def test_delegation_logs_in_marks_and_casts_by_keyboard(tab: Visit, site: Site) -> None:
    page = tab.page
    page.goto(f"/elections/{site.election}/ballot")
    _tab_until(page, "el.id === 'credential'")
    page.keyboard.type(site.tokens["NOR"])
    _tab_until(page, "el.name === 'choice'", limit=3)
    page.keyboard.press("ArrowDown")  # radio group: the arrow moves to and marks the next
    assert _focused(page, "el.checked") and _focused(page, "el.value") == "Boris"
    _tab_until(page, "el.matches('#ballot-form button[type=submit]')", limit=3)
    page.keyboard.press("Enter")
    page.wait_for_selector("#ballot-status.ok >> text=Tracking code")
    assert page.inner_text("#tracking").strip()
