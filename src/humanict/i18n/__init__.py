"""Languages of the observatory: the six UN languages, gettext catalogues, country names."""

from humanict.i18n.catalogues import N_, current, gettext, ngettext, translations, using
from humanict.i18n.languages import BY_CODE, DEFAULT, LANGUAGES, Language, find, negotiate

__all__ = [
    "BY_CODE",
    "DEFAULT",
    "LANGUAGES",
    "Language",
    "N_",
    "current",
    "find",
    "gettext",
    "negotiate",
    "ngettext",
    "translations",
    "using",
]
