"""Every indicator link of the WSIS action-line pages answers, and series held only by
breakdown list exactly the breakdown codes of the warehouse."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup
from fastapi.testclient import TestClient

from humanict.config import PROJECT_ROOT, Settings
from humanict.data import Warehouse
from humanict.web.app import create_app
from humanict.wsis import (
    INDICATOR_API,
    action_lines,
    breakdown_coverage,
    indicator_path,
    load_matrix,
)

DATA = PROJECT_ROOT / "data"


@pytest.fixture(scope="module")
def client(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def _warehouse_breakdowns(warehouse: Warehouse, series: str) -> dict[str, tuple[int, int, int]]:
    rows = warehouse.query(
        "SELECT indicator, count(DISTINCT economy) AS n, min(year) AS a, max(year) AS b "
        "FROM observations WHERE indicator LIKE ? GROUP BY indicator",
        [series + "[%"],
    )
    return {r.indicator: (r.n, r.a, r.b) for r in rows.itertuples()}


def test_indicator_path_escapes_breakdown_codes() -> None:
    code = "SE_ADT_ACTS[sex=female,age=15_24,skill=arsp]"
    path = indicator_path(code)
    segment = path.removeprefix(INDICATOR_API)
    assert not set("[]=,/") & set(segment)
    assert unquote(segment) == code
    assert indicator_path("i99H") == INDICATOR_API + "i99H"


def test_every_indicator_link_on_every_line_page_answers(client: TestClient) -> None:
    lines = action_lines(load_matrix(DATA))["line"].tolist()
    assert len(lines) == 18
    hrefs: set[str] = set()
    for line in lines:
        response = client.get(f"/wsis/lines/{line}")
        assert response.status_code == 200, line
        soup = BeautifulSoup(response.text, "html.parser")
        hrefs.update(
            a["href"] for a in soup.find_all("a", href=True) if a["href"].startswith(INDICATOR_API)
        )
    # Both bare series and breakdown codes are linked.
    assert any("%5B" in h for h in hrefs) and any("%5B" not in h for h in hrefs)
    bad = {h: client.get(h).status_code for h in sorted(hrefs)}
    assert {h: s for h, s in bad.items() if s != 200} == {}
    sample = client.get(indicator_path("SE_GPI_ICTS[skill=copa]")).json()
    assert sample["indicator"]["code"] == "SE_GPI_ICTS[skill=copa]" and sample["count"] > 0


@pytest.mark.parametrize(("series", "count"), [("SE_ADT_ACTS", 252), ("SE_GPI_ICTS", 12)])
def test_breakdown_listing_matches_the_warehouse(
    client: TestClient, warehouse: Warehouse, series: str, count: int
) -> None:
    expected = _warehouse_breakdowns(warehouse, series)
    assert len(expected) == count
    frame = breakdown_coverage(warehouse, [series])
    assert set(frame["series"]) == {series}
    got = {r.code: (r.economies, r.first_year, r.last_year) for r in frame.itertuples()}
    assert got == expected
    names = dict(warehouse.query("SELECT code, name FROM indicators").values.tolist())
    assert all(frame["indicator_name"] == frame["code"].map(names))
    # C3 reaches every SDG indicator: the page and the API list the same breakdowns.
    body = client.get("/api/v1/wsis/lines/C3").json()
    listed = [
        s
        for link in body["data"]
        for ind in link["indicators"]
        for s in ind["series"]
        if s["code"] == series
    ]
    assert listed
    for s in listed:
        assert s["in_warehouse"] and s["href"] is None
        assert {
            b["code"]: (b["economies"], b["first_year"], b["last_year"]) for b in s["breakdowns"]
        } == expected
    soup = BeautifulSoup(client.get("/wsis/lines/C3").text, "html.parser")
    block = soup.find("details", attrs={"data-series": series})
    rows = block.find_all("tr", attrs={"data-code": True})
    assert {r["data-code"] for r in rows} == set(expected)
    assert all(r.a["href"] == indicator_path(r["data-code"]) for r in rows)


def test_series_with_a_bare_code_link_to_it(client: TestClient) -> None:
    body = client.get("/api/v1/wsis/lines/C2").json()
    series = {
        s["code"]: s for link in body["data"] for ind in link["indicators"] for s in ind["series"]
    }
    assert series["IT_MOB_4GNTWK"]["href"] == indicator_path("IT_MOB_4GNTWK")
    assert series["IT_MOB_4GNTWK"]["breakdowns"] == []
