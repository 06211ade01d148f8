"""The gettext catalogues of the pages, the briefs and the error messages.

Catalogues live in ``src/humanict/locale/<locale>/LC_MESSAGES/messages.po`` (committed) and are
compiled to ``messages.mo`` by ``make install`` (``humanict i18n compile``). A missing or older
``.mo`` is compiled from its ``.po`` in memory, so a checkout without the compile step still shows
every translation. A string with no translation shows in English.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from gettext import GNUTranslations, NullTranslations
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from humanict.i18n.languages import DEFAULT, LANGUAGES, Language

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
DOMAIN = "messages"
TEMPLATE = LOCALE_DIR / f"{DOMAIN}.pot"


def po_path(language: Language) -> Path:
    return LOCALE_DIR / language.locale / "LC_MESSAGES" / f"{DOMAIN}.po"


def _compiled(po: Path) -> bytes:
    with po.open("rb") as handle:
        catalog = read_po(handle, locale=po.parent.parent.name)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    return buffer.getvalue()


@lru_cache(maxsize=len(LANGUAGES))
def translations(code: str) -> NullTranslations:
    """The translations of the language ``code``: its ``.mo``, or its ``.po`` compiled in
    memory when the ``.mo`` is missing or older. English needs none."""
    language = next((lang for lang in LANGUAGES if lang.code == code), DEFAULT)
    if language is DEFAULT:
        return NullTranslations()
    po = po_path(language)
    mo = po.with_suffix(".mo")
    if mo.is_file() and (not po.is_file() or mo.stat().st_mtime >= po.stat().st_mtime):
        return GNUTranslations(io.BytesIO(mo.read_bytes()))
    if not po.is_file():
        raise FileNotFoundError(
            f"no catalogue for {language.code} at {po}: the checkout is incomplete "
            "(git checkout src/humanict/locale), then run `make install`"
        )
    return GNUTranslations(io.BytesIO(_compiled(po)))


_current: ContextVar[Language] = ContextVar("humanict_language", default=DEFAULT)


def current() -> Language:
    """The language of the request (or command) being served."""
    return _current.get()


@contextmanager
def using(language: Language) -> Iterator[Language]:
    """Serve everything inside the block in ``language``."""
    token = _current.set(language)
    try:
        yield language
    finally:
        _current.reset(token)


def gettext(message: str) -> str:
    """``message`` in the current language (English when it has no translation)."""
    return translations(_current.get().code).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return translations(_current.get().code).ngettext(singular, plural, n)


def N_(message: str) -> str:  # noqa: N802 - the gettext convention for "mark, translate later"
    """Mark ``message`` for the catalogues; it is translated where it is shown."""
    return message
