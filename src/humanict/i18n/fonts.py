"""Fonts and text shaping for charts and PDFs drawn with matplotlib, in every language.

matplotlib falls back glyph by glyph through a list of font families, so Latin text and digits
come from DejaVu Sans and Chinese and Arabic from the Noto fonts of Debian's fonts-noto-cjk and
fonts-noto-core (installed by ``make fonts``). Since 3.11 matplotlib lays text out with libraqm
(HarfBuzz shaping, FriBiDi for the Unicode Bidirectional Algorithm, UAX #9), so Arabic is
joined into its contextual letter forms and ordered right to left by matplotlib itself: strings
are given to it in logical order, as written.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

import matplotlib
from matplotlib import font_manager

from humanict.errors import HumanictError
from humanict.i18n.languages import Language

BASE_FAMILY = "DejaVu Sans"  # matplotlib's own font, always present
# Family matplotlib reads from the font files, the files (regular, bold), their Debian package.
SCRIPT_FONTS: dict[str, tuple[str, tuple[str, str], str]] = {
    "zh": (
        "Noto Sans CJK SC",
        ("NotoSansCJK-Regular.ttc", "NotoSansCJK-Bold.ttc"),
        "fonts-noto-cjk",
    ),
    "ar": (
        "Noto Sans Arabic",
        ("NotoSansArabic-Regular.ttf", "NotoSansArabic-Bold.ttf"),
        "fonts-noto-core",
    ),
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
    family, filenames, package = SCRIPT_FONTS[language.code]
    missing = [filename for filename in filenames if not _register(filename)]
    if missing:
        raise MissingFontError(
            f"the {language.name} fonts {', '.join(missing)} are not installed, so charts and "
            f"PDFs in {language.code} would show empty boxes; install Debian's {package} "
            "(`make fonts`)"
        )
    # Arabic text takes its letters from Noto; Chinese keeps DejaVu's Latin and digits.
    return [family, BASE_FAMILY] if language.rtl else [BASE_FAMILY, family]


@contextmanager
def chart_fonts(language: Language) -> Iterator[None]:
    """matplotlib settings for drawing in ``language``."""
    with matplotlib.rc_context({"font.family": families(language), "svg.fonttype": "path"}):
        yield
