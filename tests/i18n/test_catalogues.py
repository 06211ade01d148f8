"""The catalogues hold every string the pages and code use, translated, placeholders intact."""

from __future__ import annotations

import re

import pytest
from babel.messages.catalog import Catalog

from humanict.i18n import LANGUAGES, using
from humanict.i18n import gettext as translate
from humanict.i18n.catalogues import po_path, translations
from humanict.i18n.maintenance import TRANSLATED, coverage, extract, read

PLACEHOLDER = re.compile(r"%\((\w+)\)[-#0 +]?\d*(?:\.\d+)?[sdifr]")


@pytest.fixture(scope="module")
def template() -> Catalog:
    return extract()


def _placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


@pytest.mark.parametrize("language", TRANSLATED, ids=[lang.code for lang in TRANSLATED])
def test_every_string_the_code_uses_is_in_the_catalogue(template: Catalog, language) -> None:  # type: ignore[no-untyped-def]
    report = coverage(template, language)
    assert report.total > 600
    assert report.missing == [], f"run `humanict i18n extract`: {report.missing[:10]}"


@pytest.mark.parametrize("language", TRANSLATED, ids=[lang.code for lang in TRANSLATED])
def test_every_string_is_translated(template: Catalog, language) -> None:  # type: ignore[no-untyped-def]
    report = coverage(template, language)
    assert report.untranslated == [], report.untranslated[:10]
    assert report.translated == report.total


@pytest.mark.parametrize("language", TRANSLATED, ids=[lang.code for lang in TRANSLATED])
def test_translations_keep_the_placeholders_and_escape_percent_signs(language) -> None:  # type: ignore[no-untyped-def]
    catalog = read(po_path(language), language.locale)
    for message in catalog:
        if not message.id or not message.string:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = _placeholders(ids[-1])
        for string in strings:
            # Plural forms may spell the number out ("one band"), never add a placeholder.
            assert _placeholders(string) <= wanted | _placeholders(ids[0]), (ids[0], string)
            if not isinstance(message.id, tuple):
                assert _placeholders(string) == wanted, (ids[0], string)
            formatted = bool(wanted) or "%%" in ids[0]
            if formatted:
                rest = PLACEHOLDER.sub("", string).replace("%%", "")
                assert "%" not in rest, (ids[0], string)
                values = dict.fromkeys(wanted, 1)
                string % values  # formats without error


def test_a_missing_translation_shows_the_english(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from humanict.i18n import catalogues

    french = next(lang for lang in LANGUAGES if lang.code == "fr")
    catalog = read(po_path(french), french.locale)
    catalog.get("Sources").string = ""
    target = tmp_path / "fr" / "LC_MESSAGES" / "messages.po"
    from humanict.i18n.maintenance import write

    write(catalog, target)
    monkeypatch.setattr(catalogues, "LOCALE_DIR", tmp_path)
    translations.cache_clear()
    try:
        with using(french):
            assert translate("Sources") == "Sources"  # no translation: English
            assert translate("Targets") == "Cibles"  # compiled in memory from the .po
    finally:
        translations.cache_clear()
