"""The site navigation, declared once: sections of pages, shown as a top bar and a second bar.

Links whose path the app does not serve are left out, so a page merged later (Foresight,
Elections) appears in the navigation as soon as its route is registered, and never before.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from starlette.routing import BaseRoute, Match


@dataclass(frozen=True)
class Link:
    label: str
    path: str


@dataclass(frozen=True)
class Section:
    label: str
    links: tuple[Link, ...]


SECTIONS: tuple[Section, ...] = (
    Section(
        "Observatory",
        (
            Link("IDI 2024 map", "/"),
            Link("Targets", "/targets"),
            Link("People offline", "/offline"),
            Link("Priorities", "/priorities"),
            Link("Gaps", "/gaps"),
            Link("Robustness", "/indices/idi2024/robustness"),
            Link("Cost to connect", "/observatory/cost"),
            Link("Compare economies", "/compare"),
        ),
    ),
    Section(
        "Security & WSIS",
        (
            Link("GCI 2024 map and table", "/security/gci"),
            Link("Readiness beside connectivity", "/security/readiness"),
            Link("WSIS action lines and SDGs", "/wsis"),
        ),
    ),
    Section(
        "Spectrum",
        (
            Link("Band lookup", "/spectrum/bands"),
            Link("Geostationary arc", "/spectrum/arc"),
            Link("Filings and deadlines", "/spectrum/filings"),
            Link("EPFD", "/spectrum/epfd"),
        ),
    ),
    Section(
        "Governance",
        (
            Link("Representation", "/governance"),
            Link("Eligibility", "/governance/eligibility"),
            Link("Elections", "/elections"),
        ),
    ),
    Section("Foresight", (Link("Foresight", "/foresight"),)),
    Section("Sources", (Link("Sources", "/sources"),)),
    Section("API", (Link("API", "/docs"),)),
)


@dataclass(frozen=True)
class NavLink:
    label: str
    path: str
    current: bool


@dataclass(frozen=True)
class NavSection:
    label: str
    path: str
    current: bool
    links: tuple[NavLink, ...]


def served_by(routes: Iterable[BaseRoute]) -> Callable[[str], bool]:
    """A test of whether one of ``routes`` answers a GET on a path."""
    routes = list(routes)

    def serves(path: str) -> bool:
        scope = {"type": "http", "method": "GET", "path": path, "root_path": "", "headers": []}
        return any(route.matches(scope)[0] is Match.FULL for route in routes)

    return serves


def _current_path(links: Iterable[Link], path: str) -> str | None:
    """The link path naming the page at ``path``: the exact path, else the longest prefix.

    "/" only matches itself, so a member page marks no link."""
    paths = [link.path for link in links]
    if path in paths:
        return path
    prefixes = [p for p in paths if p != "/" and path.startswith(p.rstrip("/") + "/")]
    return max(prefixes, key=len, default=None)


def build(
    path: str, serves: Callable[[str], bool], sections: Iterable[Section] = SECTIONS
) -> list[NavSection]:
    """The sections with a served link, each linking to its first page, the current marked."""
    kept = [
        (section, [link for link in section.links if serves(link.path)]) for section in sections
    ]
    kept = [(section, links) for section, links in kept if links]
    current = _current_path([link for _, links in kept for link in links], path)
    return [
        NavSection(
            label=section.label,
            path=links[0].path,
            current=any(link.path == current for link in links),
            links=tuple(NavLink(link.label, link.path, link.path == current) for link in links),
        )
        for section, links in kept
    ]
