"""Languages in a real Chromium: an Arabic page lays out right to left, a Chinese page draws
its text, the language chooser works from the keyboard and its choice persists."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

BOX = "el => { const r = el.getBoundingClientRect(); return [r.left, r.right]; }"
TEXT_BOX = """el => { const range = document.createRange(); range.selectNodeContents(el);
  const r = range.getBoundingClientRect(); return [r.left, r.right]; }"""


def test_an_arabic_page_lays_out_right_to_left(page: Any) -> None:
    page.goto("/priorities?lang=ar")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    # The header's first item (the brand) sits at the right edge, the language links run from
    # right to left starting with Arabic.
    header = page.eval_on_selector("header.site", BOX)
    brand = page.eval_on_selector("header.site .brand", BOX)
    assert header[1] - brand[1] < 40 and brand[0] > (header[0] + header[1]) / 2
    languages = page.eval_on_selector_all("#language-chooser a", f"els => els.map({BOX})")
    assert all(a[0] > b[0] for a, b in zip(languages, languages[1:], strict=False)), languages
    # Navigation runs from right to left in reading order.
    links = page.eval_on_selector_all("header.site nav a", f"els => els.map({BOX})")
    assert all(a[0] > b[0] for a, b in zip(links, links[1:], strict=False)), links
    # Headings start at the right edge of the content; table columns run right to left.
    main = page.eval_on_selector(
        "main",
        "el => { const s = getComputedStyle(el); "
        "const r = el.getBoundingClientRect(); "
        "return [r.left + parseFloat(s.paddingLeft), "
        "r.right - parseFloat(s.paddingRight)]; }",
    )
    heading = page.eval_on_selector("main h1", TEXT_BOX)
    assert abs(heading[1] - main[1]) < 2 and heading[0] > main[0] + 50
    columns = page.eval_on_selector_all("#priorities thead th", f"els => els.map({BOX})")
    assert all(a[0] > b[0] for a, b in zip(columns, columns[1:], strict=False))
    assert page.locator("main h1").inner_text() == "اقتصادات تستدعي الاهتمام"


def test_a_chinese_page_draws_its_text_in_a_cjk_font(page: Any) -> None:
    page.goto("/members/CHN?lang=zh")
    expect(page.locator("#economy-name")).to_have_text("中国")
    # Chromium reports the fonts it drew the heading with: a CJK face, not a fallback box.
    session = page.context.new_cdp_session(page)
    session.send("DOM.enable")
    session.send("CSS.enable")
    root = session.send("DOM.getDocument")["root"]["nodeId"]
    node = session.send("DOM.querySelector", {"nodeId": root, "selector": "#economy-name"})
    fonts = session.send("CSS.getPlatformFontsForNode", {"nodeId": node["nodeId"]})["fonts"]
    assert fonts and all(
        "CJK" in f["familyName"] or "WenQuanYi" in f["familyName"] for f in fonts
    ), fonts
    assert sum(f["glyphCount"] for f in fonts) == len("中国")


def test_the_chooser_switches_language_from_the_keyboard_and_persists(page: Any) -> None:
    page.goto("/targets")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    # Tab from English (the current language) to the next link, French, and follow it.
    page.locator('#language-chooser a[lang="en"]').focus()
    page.keyboard.press("Tab")
    expect(page.locator('#language-chooser a[lang="fr"]')).to_be_focused()
    page.keyboard.press("Enter")
    page.wait_for_url("**/targets?lang=fr")
    expect(page.locator("main h1")).to_have_text("Cibles et indicateurs des ODD")
    # The cookie keeps the choice on the next page, reached without ?lang=.
    page.locator("header.site nav a", has_text="Sources").click()
    page.wait_for_url("**/sources")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.locator("#language-chooser a[aria-current]")).to_have_attribute("lang", "fr")
    # Script texts come translated too (the map's legend-free JSON block of messages).
    messages = page.evaluate("JSON.parse(document.getElementById('page-messages').textContent)")
    assert messages["within_limit"] == "Dans la limite"
