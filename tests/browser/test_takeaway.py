"""Take-away in Chromium: CSV downloads whose rows are the chart's data, SVG and PNG of a chart,
and links that reopen the same view."""

from __future__ import annotations

import csv
import io
import struct
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlsplit

import pytest

if TYPE_CHECKING:
    from conftest import Site, Visit

pytestmark = pytest.mark.browser

COMPARE = "/compare?economies=KEN,NGA,GHA&indicator=IT_USE_ii99"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
PNG_SCALE = 2  # the PNG is drawn at twice the chart's size
SVG = "{http://www.w3.org/2000/svg}"
# Conditions on the page that a restored view shows (JavaScript expressions).
ALL_ROWS = "[...document.querySelectorAll('{rows}')].every(r => {test})"
SERIES = "[...document.querySelectorAll('#compare-chart g.series')]"


@pytest.fixture(scope="module")
def tab(guarded_page: Any, site: Site) -> Iterator[Visit]:
    with guarded_page(site.base) as seen:
        seen.page.context.grant_permissions(["clipboard-read", "clipboard-write"])
        yield seen


def _download(page: Any, button: Any) -> tuple[str, Path]:
    with page.expect_download() as info:
        button.click()
    download = info.value
    return download.suggested_filename, Path(download.path())


def _csv(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))


def _tools(page: Any, chart: str) -> Any:
    """The buttons under the chart whose container matches ``chart``."""
    return page.locator(f"{chart} + .takeaway")


def test_map_csv_rows_are_the_map_data(tab: Visit) -> None:
    page = tab.page
    page.goto("/")
    page.wait_for_selector("#map[data-rendered='true']")
    config = page.eval_on_selector("#map-data", "n => JSON.parse(n.textContent)")
    records = config["economies"]
    name, path = _download(page, _tools(page, "#map").locator("button[data-download=csv]"))
    assert name == "home-map.csv"
    rows = _csv(path)
    assert rows[0] == ["Economy", "ISO3", config["scale"]["heading"], "Details"]
    assert rows[0][2] == "Level"
    expected = [[e["name"], e["iso3"], e["level"] or "", e["title"]] for e in records]
    assert rows[1:] == expected


def test_table_csv_is_the_table(tab: Visit) -> None:
    page = tab.page
    page.goto("/")
    button = page.locator("#scores").locator("xpath=ancestor::div[@class='table-wrap']")
    name, path = _download(page, button.locator("+ .takeaway button[data-download=csv]"))
    assert name == "home-scores.csv"
    rows = _csv(path)
    headings = page.eval_on_selector_all("#scores thead th", "ths => ths.map(t => t.innerText)")
    assert rows[0] == [h.strip() for h in headings] and "IDI" in rows[0]
    shown = page.eval_on_selector_all(
        "#scores tbody tr",
        "rs => rs.map(r => [r.cells[1].innerText.trim(), r.cells[2].dataset.value])",
    )
    assert len(rows) - 1 == len(shown) == 170
    for row, (economy, idi) in zip(rows[1:], shown, strict=True):
        assert economy.startswith(row[1])
        assert float(row[2]) == pytest.approx(float(idi), abs=0.05)  # shown to one decimal


def test_compare_downloads_csv_svg_and_png(tab: Visit) -> None:
    page = tab.page
    page.goto(COMPARE)
    api = page.request.get("/api/v1/compare?economies=KEN,NGA,GHA&indicator=IT_USE_ii99").json()
    tools = _tools(page, "#compare-chart")

    name, path = _download(page, tools.locator("button[data-download=csv]"))
    assert name == "compare-compare-chart.csv"
    rows = _csv(path)
    assert rows[0] == ["Year", "Kenya (KEN)", "Nigeria (NGA)", "Ghana (GHA)"]
    values = {(p["economy"], p["year"]): p["value"] for p in api["data"]}
    assert [int(r[0]) for r in rows[1:]] == api["years"]
    for row in rows[1:]:
        for code, cell in zip(["KEN", "NGA", "GHA"], row[1:], strict=True):
            assert (float(cell) if cell else None) == values.get((code, int(row[0])))

    name, path = _download(page, tools.locator("button[data-download=svg]"))
    assert name == "compare-compare-chart.svg"
    root = ET.parse(path).getroot()
    assert root.tag == f"{SVG}svg"
    points = root.findall(f".//{SVG}circle")
    assert len(points) == len(api["data"])
    # Styles travel inline: the lines keep their colours without the page's stylesheet.
    strokes = {line.get("style", "") for line in root.iter(f"{SVG}polyline")}
    assert len({s.split("stroke:")[1].split(";")[0] for s in strokes}) == 3

    name, path = _download(page, tools.locator("button[data-download=png]"))
    assert name == "compare-compare-chart.png"
    data = path.read_bytes()
    assert data[:8] == PNG_SIGNATURE
    width, height = struct.unpack(">II", data[16:24])
    box = page.eval_on_selector(
        "#compare-chart svg", "s => [s.viewBox.baseVal.width, s.viewBox.baseVal.height]"
    )
    assert (width, height) == (box[0] * PNG_SCALE, box[1] * PNG_SCALE)


def test_every_chart_and_table_has_its_downloads(tab: Visit) -> None:
    page = tab.page
    page.goto("/observatory/cost")
    for chart in page.locator("main figure.chart").all():
        kinds = chart.locator("+ .takeaway button").evaluate_all(
            "bs => bs.map(b => b.dataset.download)"
        )
        assert kinds == ["svg", "png", "csv", "link"]
    tables = page.locator("main table.data").count()
    with_csv = page.evaluate(
        """() => [...document.querySelectorAll('main table.data')].filter(t => {
             const chart = document.querySelector(`[data-table="${t.id}"]`);
             const after = (t.closest('details.chart-data') || t.closest('.table-wrap') || t);
             return chart || after.nextElementSibling.matches('.takeaway');
           }).length"""
    )
    assert tables > 0 and with_csv == tables


def test_selection_on_the_map_is_kept_in_the_link(tab: Visit) -> None:
    page = tab.page
    page.goto("/?economies=KEN,NGA")
    page.wait_for_selector("#map[data-rendered='true']")
    selected = page.eval_on_selector_all("#map path.selected", "ps => ps.map(p => p.dataset.iso3)")
    assert sorted(selected) == ["KEN", "NGA"]
    page.locator("details.chart-data summary").click()
    assert page.locator("#map-table input[value=KEN]").is_checked()
    page.locator("#map-table input[value=GHA]").check()
    assert parse_qs(urlsplit(page.url).query)["economies"] == ["KEN,NGA,GHA"]
    link = page.locator("#map-selection a.compare-link")
    assert link.get_attribute("href") == "/compare?economies=KEN,NGA,GHA"
    # Copy link copies the address of this view; opening it restores the selection.
    _tools(page, "#map").locator("button[data-download=link]").click()
    page.wait_for_selector("#map + .takeaway .copied")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == page.url
    page.goto(copied)
    page.wait_for_selector("#map[data-rendered='true']")
    selected = page.eval_on_selector_all("#map path.selected", "ps => ps.map(p => p.dataset.iso3)")
    assert sorted(selected) == ["GHA", "KEN", "NGA"]
    link.click()
    page.wait_for_url("**/compare?economies=KEN,NGA,GHA")
    assert page.locator("#compare-chart g.series").count() == 3


@pytest.mark.parametrize(
    ("path", "field", "value", "shown"),
    [
        (
            "/offline?year=2019",
            "#year",
            "2019",
            "document.querySelector('h1').innerText.includes('2019')",
        ),
        (
            "/priorities?region=AFR",
            "#region",
            "AFR",
            ALL_ROWS.format(rows="#priorities tbody tr", test="r.dataset.region === 'AFR'"),
        ),
        (
            "/gaps?region=ASP",
            "#region",
            "ASP",
            ALL_ROWS.format(rows="tr[data-region]", test="r.dataset.region === 'ASP'"),
        ),
        (
            COMPARE.replace("IT_USE_ii99", "i271G"),
            "#indicator",
            "i271G",
            SERIES + ".length === 3",
        ),
        (
            COMPARE,
            "#economies",
            "KEN,NGA,GHA",
            SERIES + ".map(g => g.dataset.iso3).join() === 'KEN,NGA,GHA'",
        ),
    ],
)
def test_a_shared_link_restores_its_view(
    tab: Visit, path: str, field: str, value: str, shown: str
) -> None:
    page = tab.page
    page.goto(path)
    assert page.input_value(field) == value
    assert page.evaluate(f"() => {shown}")
    page.locator("main button[data-download=link]").first.click()
    page.wait_for_selector("main .takeaway .copied")
    assert page.evaluate("navigator.clipboard.readText()") == page.url
