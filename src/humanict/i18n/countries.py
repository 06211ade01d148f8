"""Country names in the six languages, from the Unicode CLDR territory names shipped by Babel.

CLDR (Unicode Common Locale Data Repository, Unicode License v3) keeps the short names in common
use ("Bolivia", not "Bolivia (Plurinational State of)"); the English names of the data model
stay the stable keys of the API and the names shown in English.
"""

from __future__ import annotations

from functools import lru_cache

import pycountry
from babel import Locale

from humanict.i18n.catalogues import current
from humanict.i18n.languages import DEFAULT, Language


@lru_cache(maxsize=8)
def _territories(locale: str) -> dict[str, str]:
    return dict(Locale.parse(locale).territories)


@lru_cache(maxsize=512)
def _alpha2(iso3: str) -> str | None:
    country = pycountry.countries.get(alpha_3=iso3.upper())
    return country.alpha_2 if country else None


def local_name(iso3: str, language: Language) -> str | None:
    """The CLDR name of ``iso3`` in ``language``, None when CLDR has no name for it."""
    alpha2 = _alpha2(iso3)
    return _territories(language.locale).get(alpha2) if alpha2 else None


def country_name(iso3: str, english: str, language: Language | None = None) -> str:
    """The name to show: ``english`` (the data model's) in English, else CLDR's, else
    ``english``."""
    language = language or current()
    if language == DEFAULT:
        return english
    return local_name(iso3, language) or english
