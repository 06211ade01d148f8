"""The six official languages of the United Nations and ITU, and how a request picks one.

A language has a short code used in URLs and cookies (``?lang=zh``), the Babel locale of its
catalogue (``zh_Hans``), the BCP 47 tag written into ``<html lang>`` and its own name, written
in the language itself for the language chooser.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Language:
    code: str
    locale: str
    tag: str
    name: str
    rtl: bool = False

    @property
    def direction(self) -> str:
        return "rtl" if self.rtl else "ltr"


# In the order of the UN's own language switchers: Arabic, Chinese, English, French, Russian,
# Spanish.
LANGUAGES: tuple[Language, ...] = (
    Language("ar", "ar", "ar", "العربية", rtl=True),
    Language("zh", "zh_Hans", "zh-Hans", "中文"),
    Language("en", "en", "en", "English"),
    Language("fr", "fr", "fr", "Français"),
    Language("ru", "ru", "ru", "Русский"),
    Language("es", "es", "es", "Español"),
)
BY_CODE = {language.code: language for language in LANGUAGES}
DEFAULT = BY_CODE["en"]
COOKIE = "lang"


def find(code: str | None) -> Language | None:
    """The language of a URL or cookie code (``zh``, ``zh-Hans``, ``zh_CN``, ``fr-CA``...)."""
    if not code:
        return None
    primary = code.strip().replace("_", "-").split("-")[0].lower()
    return BY_CODE.get(primary)


def parse_accept_language(header: str | None) -> list[str]:
    """The language ranges of an ``Accept-Language`` header, highest quality first (RFC 9110
    section 12.5.4); ranges with q=0 are refused and left out."""
    ranked: list[tuple[float, int, str]] = []
    for position, item in enumerate((header or "").split(",")):
        parts = [p.strip() for p in item.split(";")]
        if not parts[0]:
            continue
        quality = 1.0
        for param in parts[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if quality > 0:
            ranked.append((-quality, position, parts[0]))
    return [tag for _, _, tag in sorted(ranked)]


def negotiate(query: str | None, cookie: str | None, accept_language: str | None) -> Language:
    """The language of a request: ``?lang=``, then the chooser's cookie, then the first
    ``Accept-Language`` range we have, then English."""
    for code in (query, cookie, *parse_accept_language(accept_language)):
        language = find(code)
        if language is not None:
            return language
    return DEFAULT
