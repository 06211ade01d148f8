"""Which language a request gets: ?lang=, the cookie, Accept-Language (RFC 9110), English."""

from __future__ import annotations

import pytest

from humanict.i18n import DEFAULT, find, negotiate
from humanict.i18n.languages import LANGUAGES, parse_accept_language


def test_the_six_official_languages_in_un_order() -> None:
    assert [lang.code for lang in LANGUAGES] == ["ar", "zh", "en", "fr", "ru", "es"]
    assert [lang.code for lang in LANGUAGES if lang.rtl] == ["ar"]
    assert len({lang.name for lang in LANGUAGES}) == 6


@pytest.mark.parametrize(
    ("code", "expected"),
    [("zh", "zh"), ("zh-Hans", "zh"), ("zh_CN", "zh"), ("FR-ca", "fr"), ("de", None), ("", None)],
)
def test_codes_are_found_by_their_primary_subtag(code: str, expected: str | None) -> None:
    found = find(code)
    assert (found.code if found else None) == expected


def test_accept_language_ranges_are_ordered_by_quality_then_position() -> None:
    header = "da, en-gb;q=0.8, en;q=0.7, fr;q=0.8, ru;q=0"
    assert parse_accept_language(header) == ["da", "en-gb", "fr", "en"]
    assert parse_accept_language("fr;q=abc, es") == ["es"]
    assert parse_accept_language(None) == []


def test_query_wins_over_cookie_over_header() -> None:
    assert negotiate("ar", "fr", "es").code == "ar"
    assert negotiate(None, "fr", "es").code == "fr"
    assert negotiate("xx", "yy", "de, es;q=0.5").code == "es"
    assert negotiate(None, None, "de") is DEFAULT
