"""The PDF brief in Chinese and Arabic: Noto fonts embedded, every character covered by them
(no empty boxes), Arabic shaped, and the page rendered to PNG is not blank."""

from __future__ import annotations

import io
import warnings
from pathlib import Path

import numpy as np
import pypdfium2
import pytest
from fontTools.ttLib import TTFont
from matplotlib import font_manager
from matplotlib.image import imread
from pypdf import PdfReader

from humanict.config import Settings
from humanict.data import Warehouse
from humanict.i18n import BY_CODE, using
from humanict.i18n.fonts import BASE_FAMILY, SCRIPT_FONTS, families
from humanict.observatory.brief import BriefData, build_brief, render_pdf

DPI = 100


@pytest.fixture(scope="module")
def china(settings: Settings) -> BriefData:
    return build_brief(settings.data_dir, Warehouse(settings.warehouse_path), "CHN")


def _pdf(data: BriefData, code: str) -> bytes:
    with using(BY_CODE[code]), warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        pdf = render_pdf(data)
    missing = [str(w.message) for w in caught if "missing from font" in str(w.message)]
    assert missing == [], missing[:3]
    return pdf


def _font_file(family: str, weight: str) -> tuple[Path, int]:
    """The file (and face in a collection) matplotlib draws ``family`` from."""
    properties = font_manager.FontProperties(family=family, weight=weight)
    path = Path(font_manager.findfont(properties, fallback_to_default=False))
    if path.suffix.lower() != ".ttc":
        return path, 0
    faces = [f for f in font_manager.fontManager.ttflist if f.fname == str(path)]
    index = next(i for i, f in enumerate(sorted(faces, key=lambda f: f.fname)) if f.name == family)
    return path, index


def _cmap(family: str, weight: str = "normal") -> tuple[str, set[int]]:
    path, number = _font_file(family, weight)
    font = TTFont(str(path), fontNumber=number, lazy=True)
    return str(font["name"].getDebugName(6)), set(font.getBestCmap())


def _embedded_fonts(reader: PdfReader) -> set[str]:
    names = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            names.add(str(font.get_object()["/BaseFont"]).split("+")[-1].lstrip("/"))
    return names


def _png(pdf: bytes, path: Path) -> np.ndarray:
    page = pypdfium2.PdfDocument(pdf)[0]
    page.render(scale=DPI / 72).to_pil().save(path)
    return imread(path)


@pytest.mark.parametrize("code", ["zh", "ar"])
def test_the_brief_pdf_draws_every_character_with_an_embedded_font(
    china: BriefData, code: str, tmp_path: Path
) -> None:
    language = BY_CODE[code]
    pdf = _pdf(china, code)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 2
    cmaps = dict(_cmap(f, w) for f in families(language) for w in ("normal", "bold"))
    script_font = _cmap(SCRIPT_FONTS[code][0])[0]
    embedded = _embedded_fonts(reader)
    assert script_font in embedded and embedded <= set(cmaps), embedded
    covered = set().union(*cmaps.values())
    text = "".join(page.extract_text() for page in reader.pages)
    uncovered = {ch for ch in text if not ch.isspace() and ord(ch) not in covered}
    assert uncovered == set()
    script = [ch for ch in text if ord(ch) >= 0x0600 and ch != "–"]
    assert len(script) > 200  # the page is written in the language, not only its digits

    image = _png(pdf, tmp_path / f"brief-{code}.png")
    height, width = image.shape[:2]
    assert abs(height - 11.69 * DPI) <= 1 and abs(width - 8.27 * DPI) <= 1  # A4
    ink = image[..., :3].mean(axis=2) < 0.5
    title_band = ink[: int(0.08 * height)]
    assert title_band.mean() > 0.002  # the title is drawn
    assert ink.mean() > 0.005  # and the page is not blank


def test_the_chinese_brief_reads_as_chinese(china: BriefData) -> None:
    text = PdfReader(io.BytesIO(_pdf(china, "zh"))).pages[0].extract_text()
    assert "国家简报：中国 (CHN)" in text
    assert "信息通信技术" in text or "IDI 2024" in text


def test_arabic_is_shaped_into_joined_letter_forms(china: BriefData) -> None:
    """Joined Arabic draws a letter with up to four glyphs (isolated, initial, medial, final):
    the page uses far more Arabic glyphs than it has distinct letters, and its text reads
    back in logical order."""
    page = PdfReader(io.BytesIO(_pdf(china, "ar"))).pages[0]
    text = page.extract_text()
    letters = {ch for ch in text if 0x0621 <= ord(ch) <= 0x064A}
    glyphs = sum(
        len(font["/CharProcs"])
        for font in (f.get_object() for f in page["/Resources"]["/Font"].values())
        if "NotoSansArabic" in str(font["/BaseFont"])
    )
    assert len(letters) > 20 and glyphs > 2 * len(letters)
    title_words = set(text.splitlines()[0].split())
    assert {"موجز", "قطري", "الصين:"} <= title_words  # each word's letters in logical order


def test_the_english_brief_needs_only_the_base_font(china: BriefData) -> None:
    reader = PdfReader(io.BytesIO(_pdf(china, "en")))
    assert _embedded_fonts(reader) == {_cmap(BASE_FAMILY, w)[0] for w in ("normal", "bold")}
