"""The site navigation: sections declared once, only served links, the current page marked."""

from __future__ import annotations

from bs4 import BeautifulSoup
from fastapi import FastAPI
from fastapi.testclient import TestClient

from humanict.web.navigation import SECTIONS, build, served_by

SECTION_PAGES = [section.links[0].path for section in SECTIONS]


def _soup(client: TestClient, path: str) -> BeautifulSoup:
    response = client.get(path)
    assert response.status_code == 200, path
    return BeautifulSoup(response.text, "html.parser")


def _nav_links(soup: BeautifulSoup) -> list[str]:
    return [a["href"] for a in soup.select('header nav[aria-label="Main"] a, nav.subnav a')]


def test_every_nav_link_answers_200(client: TestClient) -> None:
    """Follow the navigation from the home page: each page once, each a 200."""
    seen, queue = {"/"}, ["/"]
    while queue:
        response = client.get(queue.pop())
        assert response.status_code == 200, response.url
        if response.headers["content-type"].startswith("text/html"):
            for link in _nav_links(BeautifulSoup(response.text, "html.parser")):
                if link not in seen:
                    seen.add(link)
                    queue.append(link)
    serves = served_by(client.app.routes)
    assert seen == {link.path for s in SECTIONS for link in s.links if serves(link.path)}
    assert len(seen) >= 16


def test_the_current_page_and_section_are_marked(client: TestClient) -> None:
    soup = _soup(client, "/spectrum/arc")
    assert [a.get_text() for a in soup.select("header nav a.current")] == ["Spectrum"]
    current = soup.select('nav.subnav a[aria-current="page"]')
    assert [a["href"] for a in current] == ["/spectrum/arc"]
    assert [a["href"] for a in soup.select("nav.subnav a")] == [
        "/spectrum/bands",
        "/spectrum/arc",
        "/spectrum/filings",
        "/spectrum/epfd",
    ]
    # A page below a link (one WSIS line) marks that link; a member page marks none.
    line = _soup(client, "/wsis/lines/C10")
    assert [a["href"] for a in line.select('nav.subnav a[aria-current="page"]')] == ["/wsis"]
    member = _soup(client, "/members/KEN")
    assert member.select("header nav a.current, nav.subnav") == []


def test_the_full_app_serves_every_section(client: TestClient) -> None:
    labels = [a.get_text() for a in _soup(client, "/").select("header nav a")]
    assert labels == [section.label for section in SECTIONS]
    assert "/elections" in _nav_links(_soup(client, "/governance"))


def test_a_registered_route_brings_its_link_in() -> None:
    app = FastAPI(docs_url=None, redoc_url=None)

    @app.get("/foresight")
    def foresight() -> dict[str, str]:
        return {}

    @app.get("/elections")
    def elections() -> dict[str, str]:
        return {}

    nav = build("/elections", served_by(app.routes))
    assert [(s.label, s.path, s.current) for s in nav] == [
        ("Governance", "/elections", True),
        ("Foresight", "/foresight", False),
    ]
    assert [(link.path, link.current) for link in nav[0].links] == [("/elections", True)]


def test_sections_lead_to_their_first_page() -> None:
    nav = build("/", lambda path: True)
    assert [s.path for s in nav] == SECTION_PAGES
    assert [s.label for s in nav if s.current] == ["Observatory"]
    assert build("/", lambda path: False) == []
