"""The site navigation, declared once: sections of pages, shown as a top bar and a second bar.

Links whose path the app does not serve are left out, so a page merged later (Foresight,
Elections) appears in the navigation as soon as its route is registered, and never before.
Labels are marked for the catalogues here and translated where the page shows them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from starlette.routing import BaseRoute, Match

from humanict.i18n import N_


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
        N_("Observatory"),
        (
            Link(N_("IDI 2024 map"), "/"),
            Link(N_("Targets"), "/targets"),
            Link(N_("People offline"), "/offline"),
            Link(N_("Priorities"), "/priorities"),
            Link(N_("Gaps"), "/gaps"),
            Link(N_("Robustness"), "/indices/idi2024/robustness"),
            Link(N_("Cost to connect"), "/observatory/cost"),
            Link(N_("Compare economies"), "/compare"),
        ),
    ),
    Section(
        N_("Security & WSIS"),
        (
            Link(N_("GCI 2024 map and table"), "/security/gci"),
            Link(N_("Readiness beside connectivity"), "/security/readiness"),
            Link(N_("WSIS action lines and SDGs"), "/wsis"),
        ),
    ),
    Section(
        N_("Spectrum"),
        (
            Link(N_("Band lookup"), "/spectrum/bands"),
            Link(N_("Geostationary arc"), "/spectrum/arc"),
            Link(N_("Filings and deadlines"), "/spectrum/filings"),
            Link(N_("EPFD"), "/spectrum/epfd"),
        ),
    ),
    Section(
        N_("Governance"),
        (
            Link(N_("Representation"), "/governance"),
            Link(N_("Eligibility"), "/governance/eligibility"),
            Link(N_("Elections"), "/elections"),
        ),
    ),
    Section(N_("Foresight"), (Link(N_("Foresight"), "/foresight"),)),
    Section(N_("Sources"), (Link(N_("Sources"), "/sources"),)),
    Section(N_("API"), (Link(N_("API"), "/docs"),)),
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
