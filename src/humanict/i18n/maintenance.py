"""Keeping the catalogues: extract the strings users see, update the ``.po`` files, compile them,
and report what each language still lacks.

The strings come from the Python code (``_()``, ``gettext()``, ``N_()``...) and the Jinja2
templates (``{{ _("...") }}``), as ``babel.cfg`` at the top of the repository maps them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from humanict.i18n.catalogues import DOMAIN, LOCALE_DIR, TEMPLATE, po_path
from humanict.i18n.languages import DEFAULT, LANGUAGES, Language

PROJECT_DIR = LOCALE_DIR.parent.parent.parent
MAPPING = PROJECT_DIR / "babel.cfg"
TRANSLATED = tuple(language for language in LANGUAGES if language != DEFAULT)


def extract(root: Path = PROJECT_DIR, mapping: Path = MAPPING) -> Catalog:
    """The catalogue template: every marked string under ``root``, with where it is used."""
    if not mapping.is_file():
        raise FileNotFoundError(f"no extraction map at {mapping}: run from a source checkout")
    with mapping.open() as handle:
        method_map, options_map = parse_mapping_cfg(handle, str(mapping))
    catalog = _new_catalog()
    for path, line, message, comments, context in extract_from_dir(
        str(root), method_map, options_map, comment_tags=("Translators:",), strip_comment_tags=True
    ):
        catalog.add(message, None, [(path, line)], auto_comments=comments, context=context)
    return catalog


def _new_catalog(locale: str | None = None) -> Catalog:
    return Catalog(
        locale=locale,
        domain=DOMAIN,
        project="humanict",
        copyright_holder="the humanict authors",
        charset="utf-8",
        fuzzy=False,
    )


def read(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=locale)


def write(catalog: Catalog, path: Path, locations: bool = False) -> None:
    """Write a catalogue sorted by message; only the template keeps where strings are used,
    so the ``.po`` files change only when their strings do."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        write_po(
            handle,
            catalog,
            width=100,
            sort_output=True,
            no_location=not locations,
            include_previous=False,
        )


def update(template: Catalog, languages: tuple[Language, ...] = TRANSLATED) -> None:
    """Bring every ``.po`` in line with ``template``, keeping the translations it has."""
    write(template, TEMPLATE, locations=True)
    for language in languages:
        path = po_path(language)
        catalog = read(path, language.locale) if path.is_file() else _new_catalog(language.locale)
        catalog.update(template, no_fuzzy_matching=True)
        catalog.obsolete.clear()
        catalog.fuzzy = False
        write(catalog, path)


def compile_all(languages: tuple[Language, ...] = TRANSLATED) -> list[Path]:
    """Write the ``.mo`` next to each ``.po``; returns the files written."""
    written = []
    for language in languages:
        po = po_path(language)
        mo = po.with_suffix(".mo")
        with mo.open("wb") as handle:
            write_mo(handle, read(po, language.locale))
        written.append(mo)
    return written


@dataclass
class Coverage:
    language: Language
    total: int
    translated: int
    missing: list[str] = field(default_factory=list)  # msgid absent from the .po
    untranslated: list[str] = field(default_factory=list)  # present, translation empty

    @property
    def percent(self) -> float:
        return 100.0 * self.translated / self.total if self.total else 100.0


def _translated(message: object) -> bool:
    string = getattr(message, "string", None)
    if isinstance(string, (tuple, list)):
        return all(string)
    return bool(string) and not getattr(message, "fuzzy", False)


def coverage(template: Catalog, language: Language) -> Coverage:
    """How much of ``template`` the catalogue of ``language`` translates."""
    path = po_path(language)
    catalog = read(path, language.locale) if path.is_file() else _new_catalog(language.locale)
    report = Coverage(language, total=0, translated=0)
    for message in template:
        if not message.id:
            continue
        key = message.id if isinstance(message.id, str) else message.id[0]
        report.total += 1
        found = catalog.get(message.id, message.context)
        if found is None:
            report.missing.append(key)
        elif _translated(found):
            report.translated += 1
        else:
            report.untranslated.append(key)
    return report
