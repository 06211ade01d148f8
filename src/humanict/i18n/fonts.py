"""Fonts and text shaping for charts and PDFs drawn with matplotlib, in every language.

matplotlib falls back glyph by glyph through a list of font families, so Latin text and digits
come from DejaVu Sans and Chinese and Arabic from the Noto fonts of Debian's fonts-noto-cjk and
fonts-noto-core (installed by ``make fonts``). matplotlib neither joins Arabic letters nor
orders right-to-left text, so Arabic strings are shaped (arabic-reshaper: contextual letter
forms and lam-alef ligatures) and reordered for display (python-bidi, the Unicode Bidirectional
Algorithm, UAX #9) before they are drawn.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

import arabic_reshaper
import matplotlib
from bidi import get_display
from matplotlib import font_manager

from humanict.errors import HumanictError
from humanict.i18n.languages import Language

BASE_FAMILY = "DejaVu Sans"  # matplotlib's own font, always present
# Family matplotlib reads from each font file, the file it comes in, and its Debian package.
SCRIPT_FONTS: dict[str, tuple[str, str, str]] = {
    "zh": ("Noto Sans CJK SC", "NotoSansCJK-Regular.ttc", "fonts-noto-cjk"),
    "ar": ("Noto Sans Arabic", "NotoSansArabic-Regular.ttf", "fonts-noto-core"),
}
FONT_DIRS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"))


class MissingFontError(HumanictError):
    status = 503


@cache
def _register(filename: str) -> bool:
    """Make matplotlib know the font file ``filename`` even if its font cache predates the
    font's installation; False when no such file is installed."""
    for folder in FONT_DIRS:
        for path in folder.rglob(filename) if folder.is_dir() else ():
            font_manager.fontManager.addfont(str(path))
            return True
    return False


def families(language: Language) -> list[str]:
    """The font fallback list for text in ``language``."""
    if language.code not in SCRIPT_FONTS:
        return [BASE_FAMILY]
    family, filename, package = SCRIPT_FONTS[language.code]
    if not _register(filename):
        raise MissingFontError(
            f"the {language.name} font {filename} is not installed, so charts and PDFs in "
            f"{language.code} would show empty boxes; install Debian's {package} (`make fonts`)"
        )
    # Arabic text takes its letters from Noto; Chinese keeps DejaVu's Latin and digits.
    return [family, BASE_FAMILY] if language.rtl else [BASE_FAMILY, family]


def for_display(text: str, language: Language) -> str:
    """``text`` as matplotlib must be given it: shaped and in visual order for right-to-left
    languages, unchanged otherwise."""
    if not language.rtl:
        return text
    return str(get_display(arabic_reshaper.reshape(text)))


@contextmanager
def chart_fonts(language: Language) -> Iterator[None]:
    """matplotlib settings for drawing in ``language``."""
    with matplotlib.rc_context({"font.family": families(language), "svg.fonttype": "path"}):
        yield
