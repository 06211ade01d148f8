"""The comparison endpoint and page: values checked against the warehouse, input refused with
422 and a message that says what to do."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from fastapi.testclient import TestClient

from humanict.data import Warehouse
from humanict.web.charts import line_chart

# One indicator from a single dataset, one that two datasets carry for the same years.
SINGLE, OVERLAPPING = "IT_USE_ii99", "i154_FBB5$"


def _expected(
    warehouse: Warehouse, indicator: str, codes: list[str]
) -> dict[tuple[str, int], dict]:
    """Per economy and year, the observation of the latest vintage (ties: first dataset id)."""
    frame = warehouse.query("SELECT * FROM observations WHERE indicator = ?", [indicator])
    frame = frame[frame["economy"].isin(codes)]
    frame = frame.sort_values(["vintage", "dataset"], ascending=[False, True])
    frame = frame.drop_duplicates(["economy", "year"], keep="first")
    return {(r.economy, int(r.year)): r._asdict() for r in frame.itertuples(index=False)}


@pytest.mark.parametrize("indicator", [SINGLE, OVERLAPPING])
def test_values_are_the_warehouse_observations(
    client: TestClient, warehouse: Warehouse, indicator: str
) -> None:
    codes = ["KEN", "NGA", "GHA"]
    response = client.get(
        "/api/v1/compare", params={"economies": "ken, NGA,GHA,KEN", "indicator": indicator}
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert [e["iso3"] for e in body["economies"]] == codes  # order kept, repeat dropped
    assert body["indicator"]["code"] == indicator
    expected = _expected(warehouse, indicator, codes)
    got = {(p["economy"], p["year"]): p for p in body["data"]}
    assert set(got) == set(expected) and body["count"] == len(expected) > 0
    for key, point in got.items():
        row = expected[key]
        assert point["value"] == pytest.approx(row["value"], rel=1e-12)
        assert (point["dataset"], point["vintage"], point["flag"]) == (
            row["dataset"],
            row["vintage"],
            row["flag"],
        )
    assert body["years"] == sorted({year for _, year in expected})


def test_overlapping_datasets_keep_the_latest_vintage(
    client: TestClient, warehouse: Warehouse
) -> None:
    frame = warehouse.query(
        "SELECT economy, year, count(*) AS n FROM observations WHERE indicator = ? "
        "GROUP BY economy, year HAVING n > 1",
        [OVERLAPPING],
    )
    assert not frame.empty  # the case this test is about exists in the shipped data
    economy = str(frame["economy"].iloc[0])
    other = "KEN" if economy != "KEN" else "NGA"
    body = client.get(
        "/api/v1/compare", params={"economies": f"{economy},{other}", "indicator": OVERLAPPING}
    ).json()
    years = [p["year"] for p in body["data"] if p["economy"] == economy]
    assert len(years) == len(set(years))
    vintages = warehouse.query(
        "SELECT year, max(vintage) AS latest FROM observations WHERE indicator = ? "
        "AND economy = ? GROUP BY year",
        [OVERLAPPING, economy],
    ).set_index("year")["latest"]
    for point in (p for p in body["data"] if p["economy"] == economy):
        assert point["vintage"] == vintages[point["year"]]


@pytest.mark.parametrize(
    ("params", "fragment"),
    [
        ({"economies": "KEN"}, "2 to 5 economies, got 1"),
        ({"economies": "KEN,NGA,GHA,ZAF,EGY,MAR"}, "2 to 5 economies, got 6"),
        ({"economies": "KEN,ZZZ"}, "unknown economy 'ZZZ'"),
        ({"economies": "KEN,NGA", "indicator": "IT_USE"}, "unknown indicator 'IT_USE'"),
    ],
)
def test_bad_requests_are_refused_with_422(
    client: TestClient, params: dict[str, str], fragment: str
) -> None:
    api = client.get("/api/v1/compare", params=params)
    assert api.status_code == 422
    assert fragment in api.json()["error"] and api.json()["ok"] is False
    page = client.get("/compare", params=params)
    assert page.status_code == 422
    message = BeautifulSoup(page.text, "html.parser").select_one("#compare-error")
    assert message is not None and fragment in message.get_text()
    assert BeautifulSoup(page.text, "html.parser").select_one("form#compare-form")


def test_page_table_matches_the_api(client: TestClient) -> None:
    params = {"economies": "KEN,NGA,GHA", "indicator": SINGLE}
    body = client.get("/api/v1/compare", params=params).json()
    page = BeautifulSoup(client.get("/compare", params=params).text, "html.parser")
    heads = [th.get_text(strip=True) for th in page.select("#compare-table thead th")]
    assert heads == ["Year", "Kenya (KEN)", "Nigeria (NGA)", "Ghana (GHA)"]
    values = {(p["economy"], p["year"]): p["value"] for p in body["data"]}
    rows = page.select("#compare-table tbody tr")
    assert [int(r["data-year"]) for r in rows] == body["years"]
    for row in rows:
        year = int(row["data-year"])
        for code, cell in zip(["KEN", "NGA", "GHA"], row.select("td"), strict=True):
            shown = cell["data-csv"]
            assert (float(shown) if shown else None) == values.get((code, year))
    # One line per economy in the chart, with a point per value.
    for code in ["KEN", "NGA", "GHA"]:
        points = page.select(f"#compare-chart g.series[data-iso3={code}] circle.point")
        assert len(points) == sum(1 for c, _ in values if c == code)


def test_page_without_economies_shows_the_form(client: TestClient) -> None:
    page = client.get("/compare")
    assert page.status_code == 200
    soup = BeautifulSoup(page.text, "html.parser")
    assert soup.select_one("form#compare-form select#indicator option[selected]")["value"] == SINGLE
    assert soup.select_one("#compare-chart") is None
    codes = [o["value"] for o in soup.select("#indicator option")]
    assert codes == [i["code"] for i in client.get("/api/v1/indicators").json()["data"]]


@pytest.mark.parametrize(
    "values",
    [[0.3, 12.0, 99.5], [-4.0, 2.5, 7.25], [1500.0, 1520.0, 98000.0], [5.0]],
)
def test_line_chart_keeps_every_point_inside_its_axes(values: list[float]) -> None:
    series = [
        ("AAA", "Synthetic A", [(2000 + i, v) for i, v in enumerate(values)]),
        ("BBB", "Synthetic B", [(2003, values[0] / 2)]),
    ]
    chart = line_chart(series)
    assert chart is not None
    ticks = [value for _, value in chart.y_ticks]
    assert min(ticks) <= min(0.0, *values, values[0] / 2) and max(ticks) >= max(values)
    assert 2 <= len(ticks) <= 12
    for line in chart.lines:
        for x, y, _, value in line.points:
            assert chart.left <= x <= chart.right and chart.top <= y <= chart.bottom
            # y is linear in the value between the lowest and the highest tick.
            low, high = chart.y_ticks[0], chart.y_ticks[-1]
            expected = low[0] + (value - low[1]) / (high[1] - low[1]) * (high[0] - low[0])
            assert y == pytest.approx(expected, abs=0.06)
    assert line_chart([("AAA", "Synthetic A", [])]) is None
