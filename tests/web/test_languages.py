"""Pages in the six languages: ?lang=, the chooser's cookie, Accept-Language, right-to-left
Arabic, translated navigation, errors and map tooltips, localized labels in the API."""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup
from fastapi.testclient import TestClient

from humanict.i18n import LANGUAGES, find, gettext, using
from humanict.web.navigation import SECTIONS, served_by

CODES = [language.code for language in LANGUAGES]


@pytest.fixture(autouse=True)
def _forget_the_language(client: TestClient):  # type: ignore[no-untyped-def]
    """The session's client must not carry a language cookie into other tests."""
    yield
    client.cookies.clear()


def _soup(response) -> BeautifulSoup:  # type: ignore[no-untyped-def]
    assert response.status_code == 200, response.url
    return BeautifulSoup(response.text, "html.parser")


@pytest.mark.parametrize("language", LANGUAGES, ids=CODES)
def test_every_page_of_the_navigation_renders_in_every_language(
    client: TestClient, language
) -> None:  # type: ignore[no-untyped-def]
    serves = served_by(client.app.routes)
    paths = [link.path for s in SECTIONS for link in s.links if serves(link.path)]
    paths = [p for p in paths if p != "/docs"] + ["/members/KEN", "/members/KEN/brief"]
    with using(language):
        labels = {gettext(s.label) for s in SECTIONS}
    for path in paths:
        page = _soup(client.get(path, params={"lang": language.code}))
        html = page.find("html")
        assert html["lang"] == language.tag, path
        assert html["dir"] == ("rtl" if language.rtl else "ltr"), path
        shown = {a.get_text(strip=True) for a in page.select("header.site nav a")}
        assert shown <= labels and shown, (path, shown - labels)


def test_the_chooser_names_each_language_in_itself_and_keeps_the_query(
    client: TestClient,
) -> None:
    page = _soup(client.get("/offline", params={"year": "2022", "lang": "ru"}))
    chooser = page.select_one("#language-chooser")
    assert chooser["aria-label"] == "Язык"
    links = {a["lang"]: (a.get_text(), a["href"]) for a in chooser.select("a")}
    assert links == {
        lang.tag: (lang.name, f"/offline?year=2022&lang={lang.code}") for lang in LANGUAGES
    }
    assert [a["lang"] for a in chooser.select("a[aria-current]")] == ["ru"]


def test_lang_sets_a_cookie_that_later_pages_follow(client: TestClient) -> None:
    response = client.get("/sources", params={"lang": "es"})
    assert "lang=es" in response.headers["set-cookie"]
    client.cookies.set("lang", "es")
    page = _soup(client.get("/sources"))
    assert page.find("html")["lang"] == "es"
    assert page.find("h1").get_text() == "Fuentes"
    # ?lang= wins over the cookie
    assert _soup(client.get("/sources?lang=en")).find("h1").get_text() == "Sources"


@pytest.mark.parametrize(
    ("header", "tag"),
    [
        ("fr-CH, fr;q=0.9, en;q=0.8", "fr"),
        ("de-DE, ar;q=0.5", "ar"),
        ("zh-CN,zh;q=0.9", "zh-Hans"),
        ("en;q=0.1, ru;q=0.9", "ru"),
        ("de, it", "en"),
        ("fr;q=0, es;q=0.3", "es"),
    ],
)
def test_accept_language_picks_the_best_language_we_have(
    client: TestClient, header: str, tag: str
) -> None:
    page = _soup(client.get("/sources", headers={"Accept-Language": header}))
    assert page.find("html")["lang"] == tag


def test_error_pages_are_translated_and_the_api_stays_in_english(client: TestClient) -> None:
    response = client.get("/no-such-page", params={"lang": "fr"})
    assert response.status_code == 404
    page = BeautifulSoup(response.text, "html.parser")
    assert page.find("h1").get_text() == "Introuvable"
    assert page.select_one("#error-message").get_text().startswith("aucune page à '/no-such-page'")
    api = client.get("/api/v1/members/ZZZ", params={"lang": "fr"})
    assert api.status_code == 404 and api.json()["error"].startswith("unknown economy")


def test_country_names_come_from_cldr_in_pages_and_api(client: TestClient) -> None:
    page = _soup(client.get("/members/DEU", params={"lang": "zh"}))
    assert page.select_one("#economy-name").get_text() == "德国"
    members = client.get("/api/v1/members", params={"lang": "ar"}).json()["data"]
    egypt = next(m for m in members if m["iso3"] == "EGY")
    assert egypt["name"] == "Egypt" and egypt["name_local"] == "مصر"
    client.cookies.clear()
    english = client.get("/api/v1/members/EGY").json()["economy"]
    assert english["name"] == english["name_local"] == "Egypt"


def test_map_tooltips_and_script_texts_follow_the_language(client: TestClient) -> None:
    page = _soup(client.get("/offline", params={"lang": "es"}))
    config = json.loads(page.select_one("#offline-map-data").get_text())
    kenya = next(e for e in config["economies"] if e["iso3"] == "KEN")
    assert kenya["title"].startswith("Kenia: ") and "millones" in kenya["title"]
    assert config["scale"]["heading"] == "Sin conexión (%)"
    messages = json.loads(page.select_one("#page-messages").get_text())
    assert messages["deadline_met"] == "plazo cumplido"
    assert messages["takeaway_copy"] == "Copiar enlace"
    assert messages["map_select_one"] == "Seleccionar %(name)s para comparar"


def test_comparison_page_speaks_the_language_and_names_economies_in_it(
    client: TestClient,
) -> None:
    page = _soup(
        client.get(
            "/compare",
            params={"economies": "KEN,DEU", "indicator": "IT_USE_ii99", "lang": "fr"},
        )
    )
    with using(find("fr")):
        title = gettext("Compare economies")
        caption = gettext("Values by year")
    assert page.select_one("h1").get_text() == title != "Compare economies"
    assert page.select_one("#compare-table caption").get_text().startswith(caption)
    columns = [th.get_text() for th in page.select("#compare-table thead th[data-iso3]")]
    assert columns == ["Kenya (KEN)", "Allemagne (DEU)"]
    assert "Allemagne" in page.select_one("#compare-title").get_text()
