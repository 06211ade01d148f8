"""Every page in the navigation, and the pages they lead to, checked by axe-core in Chromium
for WCAG 2.1 A and AA: no serious or critical violation."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import pytest

from humanict.foresight import service as foresight
from humanict.i18n import find
from humanict.web import api_foresight
from humanict.web.navigation import SECTIONS
from humanict.web.templating import vendor_urls

if TYPE_CHECKING:
    from conftest import Site, Visit

pytestmark = pytest.mark.browser

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = {"serious", "critical"}
# Query strings that keep heavy pages short (the page is the same, on fewer draws or steps).
QUERIES = {
    "/foresight": "?topics=8",
    "/indices/idi2024/robustness": "?draws=200",
    "/spectrum/epfd": "?lat=40.4&lon=-3.7&gso_lon=-10&hours=2&step_s=20&shell_km=1380:1450",
}
# Pages reached from the navigation rather than listed in it.
REACHED = [
    "/members/KEN",
    "/members/IND",
    "/members/KEN/brief",
    "/compare?economies=KEN,NGA,GHA",
    "/elections/{election}/ballot",
    "/elections/{election}",
    "/elections/console",
    "/foresight/topics/1?topics=8",
    "/wsis/lines/C10",
    "/spectrum/arc?position=19.2E&span=8&band=Ku",
]
# What a page draws after loading, waited for before the check.
DRAWN = {
    "/": "#map[data-rendered='true']",
    "/offline": "#offline-map[data-rendered='true']",
    "/security/gci": "#map[data-rendered='true']",
    "/governance": "#gov-map[data-rendered='true']",
    "/foresight": "#radar[data-rendered='true']",
    "/spectrum/epfd": "#epfd-chart[data-rendered='true']",
    "/spectrum/arc": "#arc-chart[data-rendered='true']",
    "/docs": ".swagger-ui .opblock",
}
NAV_PAGES = [link.path for section in SECTIONS for link in section.links]
PAGES = NAV_PAGES + REACHED
# Pages checked again in a right-to-left language and in one written in Han characters: the
# chooser's links in other languages, translated labels and mirrored layout must pass too.
IN_LANGUAGES = [
    (path, lang)
    for lang in ("ar", "zh")
    for path in ("/", "/members/KEN", "/compare?economies=KEN,NGA,GHA", REACHED[4])
]


@pytest.fixture(scope="module")
def tab(guarded_page: Any, site: Site) -> Iterator[Visit]:
    """One page reused for every check (console errors fail the module)."""
    with guarded_page(site.base) as seen:
        yield seen


def _url(path: str, site: Site) -> str:
    path = path.format(election=site.election)
    return path if "?" in path else path + QUERIES.get(path, "")


def _violations(page: Any) -> list[dict[str, Any]]:
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(url=vendor_urls()["axe"])
    result: list[dict[str, Any]] = page.evaluate(
        """tags => axe.run(document, {runOnly: {type: 'tag', values: tags},
                                     resultTypes: ['violations']})
             .then(r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                targets: v.nodes.slice(0, 5).map(n => n.target.join(' '))})))""",
        WCAG_TAGS,
    )
    return result


def _check(page: Any, url: str, path: str) -> None:
    response = page.goto(url)
    assert response is not None and response.ok, f"{url}: HTTP {response and response.status}"
    drawn = DRAWN.get(path.split("?")[0])
    if drawn:
        page.wait_for_selector(drawn, state="attached")
    found = [v for v in _violations(page) if v["impact"] in BLOCKING]
    assert found == [], "\n".join(
        f"{v['impact']} {v['id']}: {v['help']} at {v['targets']}" for v in found
    )


@pytest.mark.parametrize("path", PAGES)
def test_page_has_no_serious_accessibility_violation(tab: Visit, site: Site, path: str) -> None:
    _check(tab.page, _url(path, site), path)


@pytest.mark.parametrize(("path", "lang"), IN_LANGUAGES)
def test_page_in_another_language_has_no_serious_accessibility_violation(
    guarded_page: Any, site: Site, path: str, lang: str
) -> None:
    """In a context of its own, so that the language cookie stays out of the other checks."""
    url = _url(path, site)
    url += ("&" if "?" in url else "?") + "lang=" + lang
    with guarded_page(site.base) as seen:
        _check(seen.page, url, path)
        assert seen.page.locator("html").get_attribute("lang") == find(lang).tag


def test_waiting_page_is_accessible_and_reloads_once_the_report_is_ready(
    guarded_page: Any, site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The foresight page while its report is computed: no timed refresh (axe: meta-refresh),
    it asks the server again and shows the report once it is there."""
    ready = threading.Event()
    real = foresight.report_if_ready

    def held(settings: Any, params: Any) -> Any:
        return real(settings, params) if ready.is_set() else None

    monkeypatch.setattr(foresight, "report_if_ready", held)
    monkeypatch.setattr(api_foresight, "RETRY_AFTER_SECONDS", 1)
    with guarded_page(site.base) as seen:
        page = seen.page
        page.goto(_url("/foresight", site))
        page.wait_for_selector("#foresight-preparing")
        assert page.locator("meta[http-equiv=refresh]").count() == 0
        found = [v for v in _violations(page) if v["impact"] in BLOCKING]
        assert found == []
        ready.set()
        page.wait_for_selector("#radar[data-rendered='true']")
