"""The foresight gap radar and topic pages in a real, offline Chromium."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import uvicorn

from humanict.config import PROJECT_ROOT, Settings
from humanict.foresight import service, store
from humanict.web import create_app

pytestmark = pytest.mark.browser

TOPICS = 8
TIMEOUT_MS = 20_000


@pytest.fixture(scope="module")
def foresight_url(
    built_warehouse_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """The web app on a foresight database built from a small real slice of the snapshot."""
    folder = tmp_path_factory.mktemp("foresight_browser")
    data = store.write_slice(PROJECT_ROOT / "data", folder / "data", step=6)
    store.build(data, folder / "foresight.duckdb")
    settings = Settings(
        data_dir=PROJECT_ROOT / "data",
        warehouse_path=built_warehouse_path,
        imports_dir=folder / "imports",
        foresight_path=folder / "foresight.duckdb",
    )
    service.report(settings, 2018, n_topics=TOPICS)  # else the page says "being prepared"
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
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
    yield tab
    context.close()
    assert blocked == [], f"requests outside 127.0.0.1: {blocked}"
    assert errors == [], f"console errors: {errors}"


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
    assert page.locator("h1").inner_text() == label
    assert page.locator("table#signals tbody tr").count() > 0
    assert page.locator("table#standards tbody tr").count() > 0
    assert page.locator("#study-group").inner_text().startswith("ITU-")
    assert page.locator("svg#counts rect").count() == 10


def test_gap_table_sorts_by_coverage(page: Any, foresight_url: str) -> None:
    page.goto(f"{foresight_url}/foresight?topics={TOPICS}")
    page.get_by_role("button", name="Coverage").click()
    values = page.eval_on_selector_all(
        "table#gaps tbody tr", "rows => rows.map(r => Number(r.cells[4].dataset.value))"
    )
    assert values == sorted(values)
    assert len(set(values)) > 1
