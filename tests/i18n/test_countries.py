"""Names of the 193 Member States in the six languages, from CLDR (via Babel)."""

from __future__ import annotations

import pytest

from humanict.config import PROJECT_ROOT
from humanict.i18n import BY_CODE, LANGUAGES
from humanict.i18n.countries import country_name, local_name
from humanict.members import filter_economies, load_economies

MEMBERS = filter_economies(load_economies(PROJECT_ROOT / "data"), members_only=True)


def test_there_are_193_member_states() -> None:
    assert len(MEMBERS) == 193


@pytest.mark.parametrize("language", LANGUAGES, ids=[lang.code for lang in LANGUAGES])
def test_every_member_state_has_a_distinct_name_in_every_language(language) -> None:  # type: ignore[no-untyped-def]
    names = {e.iso3: local_name(e.iso3, language) for e in MEMBERS}
    assert [iso3 for iso3, name in names.items() if not name] == []
    assert len(set(names.values())) == 193


@pytest.mark.parametrize(
    ("iso3", "code", "name"),
    [
        # CLDR territory names (Unicode CLDR 4x, common/main/<locale>.xml)
        ("DEU", "zh", "德国"),
        ("EGY", "ar", "مصر"),
        ("RUS", "ru", "Россия"),
        ("ESP", "es", "España"),
        ("CIV", "fr", "Côte d’Ivoire"),
        ("CHN", "ar", "الصين"),
    ],
)
def test_names_are_cldr_names(iso3: str, code: str, name: str) -> None:
    assert local_name(iso3, BY_CODE[code]) == name


def test_english_keeps_the_data_model_name() -> None:
    assert country_name("BOL", "Bolivia (Plurinational State of)", BY_CODE["en"]) == (
        "Bolivia (Plurinational State of)"
    )
    assert country_name("BOL", "Bolivia (Plurinational State of)", BY_CODE["fr"]) == "Bolivie"
    # A code ISO 3166 does not assign keeps the English name
    assert local_name("XKX", BY_CODE["fr"]) is None
    assert country_name("XKX", "Kosovo", BY_CODE["fr"]) == "Kosovo"
