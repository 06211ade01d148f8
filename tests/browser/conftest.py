"""A live server on loopback and a headless Chromium that may only reach it.

Tests wait for the condition they need (a selector, a URL, ``expect`` on a locator, a
``wait_for_function``), never for a fixed time. TIMEOUT_MS only bounds how long a condition may
take to hold; it is generous because the tests must pass on a loaded 2-core machine, and a
passing test never waits for it."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import uvicorn

from humanict.config import Settings
from humanict.web import create_app

CHROMIUM = Path("/usr/bin/chromium")
TIMEOUT_MS = 120_000
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def _serve(app: Any) -> Iterator[str]:
    """``app`` served by uvicorn on a free loopback port in a background thread."""
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def serve() -> Callable[[Any], AbstractContextManager[str]]:
    """``with serve(app) as url:`` runs an app of a test's own on loopback."""
    return _serve


@pytest.fixture(scope="session")
def live_url(settings: Settings) -> Iterator[str]:
    """The observatory served by uvicorn in a background thread."""
    with _serve(create_app(settings)) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright import sync_api

    sync_api.expect.set_options(timeout=TIMEOUT_MS)  # expect(...) waits as long as the rest

    if not CHROMIUM.exists():
        pytest.fail(f"no Chromium at {CHROMIUM}: install Debian's chromium (`make browser`)")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@dataclass
class Visit:
    """A page in a fresh context plus what it tried to reach and what it complained about.

    The context's base URL is the test server, so ``page.goto("/path")`` works."""

    page: Any
    base: str
    blocked: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    expected: list[str] = field(default_factory=list)

    def open(self, path: str, ready: str | None = None) -> Any:
        """Go to ``path`` and wait for the selector ``ready`` (a drawn chart, say)."""
        self.page.goto(path)
        if ready:
            self.page.wait_for_selector(ready)
        return self.page

    def expect_error(self, fragment: str) -> None:
        """Console errors containing ``fragment`` are expected (a 422 answered on purpose)."""
        self.expected.append(fragment)

    def unexpected_errors(self) -> list[str]:
        return [e for e in self.errors if not any(f in e for f in self.expected)]


@contextmanager
def _guarded_page(browser: Any, base: str, timeout_ms: int = TIMEOUT_MS) -> Iterator[Visit]:
    """A fresh page that may reach only 127.0.0.1; fails on blocked requests or console errors."""
    context = browser.new_context(base_url=base)
    context.set_default_timeout(timeout_ms)
    page = context.new_page()
    seen = Visit(page, base)

    def only_loopback(route: Any) -> None:
        if urlsplit(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            seen.blocked.append(route.request.url)
            route.abort()

    page.route("**/*", only_loopback)
    page.on("console", lambda m: seen.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda exc: seen.errors.append(str(exc)))
    yield seen
    context.close()
    assert seen.blocked == [], f"requests outside 127.0.0.1: {seen.blocked}"
    assert seen.unexpected_errors() == [], f"console errors: {seen.errors}"


@pytest.fixture(scope="session")
def guarded_page(browser: Any) -> Callable[..., AbstractContextManager[Visit]]:
    """``with guarded_page(base_url) as seen:`` for tests that run a server of their own."""
    return lambda base, timeout_ms=TIMEOUT_MS: _guarded_page(browser, base, timeout_ms)


@pytest.fixture
def visit(browser: Any, live_url: str) -> Iterator[Visit]:
    """A fresh page that may reach only the test server; fails on console errors."""
    with _guarded_page(browser, live_url) as seen:
        yield seen


@pytest.fixture
def page(visit: Visit) -> Any:
    """The Playwright page of ``visit``, for tests that need nothing else."""
    return visit.page


@dataclass(frozen=True)
class Site:
    """The observatory with an open election and its delegations' credentials."""

    base: str
    tokens: dict[str, str]
    election: str = "site-post"


FORESIGHT_TOPICS = 8


@pytest.fixture(scope="session")
def site(settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """One server for the whole-site tests: every page in the navigation has content, the
    foresight report is ready and election ``Site.election`` is open for KEN and NOR to vote."""
    from humanict.foresight import service as foresight
    from humanict.governance.ballot.group import RFC5114_2048_256
    from humanict.governance.ballot.service import BallotService
    from humanict.governance.ballot.trustees import run_ceremony

    foresight.report(settings, 2018, n_topics=FORESIGHT_TOPICS)
    url = f"sqlite:///{tmp_path_factory.mktemp('site') / 'registry.sqlite'}"
    ballots = BallotService.from_url(url)
    tokens = ballots.issue_credentials(["KEN", "NOR"])
    officer = ballots.authenticate(tokens["officer-1"])
    public, _ = run_ceremony(RFC5114_2048_256, 3, 2)
    trustees = {"group": RFC5114_2048_256.as_dict(), "trustees": public}
    election = Site.election
    ballots.create_election(
        officer, "Site test post", "official", 1, ["Amal", "Boris"], trustees, election
    )
    ballots.open_round(officer, election)
    ballots.engine.dispose()
    with _serve(create_app(settings.model_copy(update={"registry_url": url}))) as base:
        yield Site(base, tokens)
